//! Emitters: a fix's changes as `az` commands, PowerShell, ARM JSON, Bicep or Terraform (the user's own
//! JSON file with the change spliced in is `fix::file`). Every value taken from input is quoted and
//! escaped for its target language, so a hostile name cannot inject a command or an expression.
//!
//! One module per target language ([`azcli`], [`powershell`], [`arm`], [`bicep`], [`terraform`]), each
//! implementing [`Emitter`]: a new kind of change is one method per language. The languages share only
//! what is here (quoting, and the facts a change carries in every language: a firewall's changes
//! gathered, a subnet's properties, an admin rule's address types); none imports another.

pub mod arm;
pub mod azcli;
pub mod bicep;
pub mod powershell;
pub mod terraform;

pub use crate::model::fix::Emit;
use crate::model::fix::{
    Change, GuestProxy, NewAdminRule, NewFirewallAppRule, NewFirewallRule, NewNatGateway,
    NewNsgRule, NewRoute, NewSquidLines,
};
use serde_json::{Map, Value, json};

/// A bash word in single quotes: nothing inside is expanded. A value holding a control character (a line
/// break) is written in ANSI-C quotes (`$'a\nb'`) instead, so no raw line break from the input reaches the
/// script.
pub fn sh(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return format!("'{}'", s.replace('\'', r"'\''"));
    }
    let mut out = String::from("$'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str(r"\\"),
            '\'' => out.push_str(r"\'"),
            '\n' => out.push_str(r"\n"),
            '\t' => out.push_str(r"\t"),
            '\r' => out.push_str(r"\r"),
            c if c.is_control() && (c as u32) < 0x100 => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Input-derived text for a comment in emitted code: one line, control characters shown escaped, so it
/// can never end the comment and run as code.
pub fn note(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str(r"\n"),
            '\r' => out.push_str(r"\r"),
            '\t' => out.push(' '),
            c if crate::report::safe::is_unsafe(c) || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// A PowerShell verbatim string: only `'` is special (doubled); `$`, backticks and `(…)` stay text. A value
/// holding a control character (a line break) is joined from verbatim pieces and `[char]N`, so no raw line
/// break from the input reaches the script.
pub fn ps(s: &str) -> String {
    fn verbatim(s: &str) -> String {
        // PowerShell also closes single-quoted strings on the typographic quotes ‘ ’ ‚ ‛: double them too
        let mut out = String::from("'");
        for c in s.chars() {
            if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}') {
                out.push(c);
            }
            out.push(c);
        }
        out.push('\'');
        out
    }
    if !s.chars().any(char::is_control) {
        return verbatim(s);
    }
    let mut parts = Vec::new();
    let mut piece = String::new();
    for c in s.chars() {
        if c.is_control() {
            parts.push(verbatim(&piece));
            piece.clear();
            parts.push(format!("[char]{}", c as u32));
        } else {
            piece.push(c);
        }
    }
    parts.push(verbatim(&piece));
    format!("({})", parts.join(" + "))
}

/// A Bicep string literal: `\`, `'` and `${` escaped, control characters as escapes.
pub fn bicep(s: &str) -> String {
    let mut out = String::from("'");
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\\' => out.push_str(r"\\"),
            '\'' => out.push_str(r"\'"),
            '\n' => out.push_str(r"\n"),
            '\r' => out.push_str(r"\r"),
            '\t' => out.push_str(r"\t"),
            '$' if it.peek() == Some(&'{') => out.push_str(r"\$"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// An HCL (Terraform) string literal: `"`, `\`, and the template sequences `${` / `%{` escaped; control,
/// bidirectional and invisible characters ([`super::safe::is_unsafe`]) as `\uXXXX`.
pub fn hcl(s: &str) -> String {
    let mut out = String::from("\"");
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' if it.peek() == Some(&'{') => out.push_str("$$"),
            '%' if it.peek() == Some(&'{') => out.push_str("%%"),
            c if c.is_control() || super::safe::is_unsafe(c) => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An ARM string value: a leading `[` would start an expression, so it is escaped as `[[`.
pub fn arm(s: &str) -> Value {
    if s.starts_with('[') {
        Value::String(format!("[{s}"))
    } else {
        Value::String(s.to_string())
    }
}

/// A Terraform resource label: letters, digits, `_` and `-`, starting with a letter or `_`.
pub(crate) fn tf_label(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out.to_lowercase()
}

/// A Bicep symbolic name.
pub(crate) fn bicep_symbol(s: &str) -> String {
    let mut out: String = s.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert(0, 'r');
    }
    out
}

/// The resource group where the inputs do not name it.
pub(crate) const RG_PLACEHOLDER: &str = "<resource-group>";
/// The Microsoft.Network API version of emitted ARM and Bicep resources.
pub(crate) const NETWORK_API: &str = "2024-05-01";

/// A JSON value from the inputs as an ARM template value: every string escaped (a leading `[` would start
/// an expression).
pub fn arm_value(v: &Value) -> Value {
    match v {
        Value::String(s) => arm(s),
        Value::Array(a) => Value::Array(a.iter().map(arm_value).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), arm_value(v))).collect())
        }
        v => v.clone(),
    }
}

/// A JSON value as a Bicep literal, indented `level` steps of two spaces (the first line not).
pub fn bicep_value(v: &Value, level: usize) -> String {
    let pad = "  ".repeat(level + 1);
    let end = "  ".repeat(level);
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => bicep(s),
        Value::Array(a) if a.is_empty() => "[]".into(),
        Value::Array(a) => format!(
            "[\n{}\n{end}]",
            a.iter()
                .map(|x| format!("{pad}{}", bicep_value(x, level + 1)))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        Value::Object(o) if o.is_empty() => "{}".into(),
        Value::Object(o) => format!(
            "{{\n{}\n{end}}}",
            o.iter()
                .map(|(k, x)| {
                    let key = if !k.is_empty()
                        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        && !k.starts_with(|c: char| c.is_ascii_digit())
                    {
                        k.clone()
                    } else {
                        bicep(k)
                    };
                    format!("{pad}{key}: {}", bicep_value(x, level + 1))
                })
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

fn rg(n: &Option<String>) -> String {
    n.clone().unwrap_or_else(|| RG_PLACEHOLDER.to_string())
}

/// `az` command groups that are not in a stock az but in an extension, and the extension that holds each
/// (https://learn.microsoft.com/cli/azure/azure-cli-extensions-list). A stock az answers their commands
/// with "'firewall' is misspelled or not recognized by the system".
pub const AZ_EXTENSIONS: &[(&str, &str)] = &[
    ("az network firewall ", "azure-firewall"),
    ("az network manager ", "virtual-network-manager"),
];

/// One target language: each kind of change, written in it. A fix's firewall changes come together
/// ([`FwChanges`]: one rule collection group, or one classic firewall); every other change one by one.
pub trait Emitter {
    /// What one change becomes: text, or template resources.
    type Piece;
    /// A new outbound NSG rule.
    fn nsg_rule(&self, n: &NewNsgRule) -> Self::Piece;
    /// A new user route.
    fn route(&self, r: &NewRoute) -> Self::Piece;
    /// One firewall's new rules (network and application), together.
    fn firewall_rules(&self, f: &FwChanges) -> Self::Piece;
    /// A NAT gateway on a private subnet.
    fn nat_gateway(&self, n: &NewNatGateway) -> Self::Piece;
    /// A security admin rule, for the network manager's owners.
    fn admin_rule(&self, a: &NewAdminRule) -> Self::Piece;
    /// Lines for the proxy's squid.conf.
    fn squid_lines(&self, s: &NewSquidLines) -> Self::Piece;
    /// The guest's proxy setting.
    fn guest_proxy(&self, g: &GuestProxy) -> Self::Piece;
    /// The whole output, from the pieces in the order of the changes.
    fn finish(&self, pieces: Vec<Self::Piece>) -> String;
}

/// The changes written by one emitter: each firewall's changes together, where the first of them is.
pub fn emit_with<E: Emitter>(e: &E, changes: &[Change]) -> String {
    let mut pieces = Vec::new();
    let mut fw_done: Vec<&str> = Vec::new();
    for c in changes {
        if let Some(fw) = firewall_of(c) {
            if fw_done.contains(&fw) {
                continue;
            }
            fw_done.push(fw);
            if let Some(f) = gather(changes, fw) {
                pieces.push(e.firewall_rules(&f));
            }
            continue;
        }
        pieces.push(match c {
            Change::NsgRule(n) => e.nsg_rule(n),
            Change::Route(r) => e.route(r),
            Change::NatGateway(n) => e.nat_gateway(n),
            Change::AdminRule(a) => e.admin_rule(a),
            Change::SquidLines(s) => e.squid_lines(s),
            Change::GuestProxy(g) => e.guest_proxy(g),
            Change::FirewallRule(_) | Change::FirewallAppRule(_) => continue,
        });
    }
    e.finish(pieces)
}

/// The changes in one language (`File` is not a language: the user's own files are `fix::file`).
pub fn emit(changes: &[Change], how: Emit) -> String {
    match how {
        Emit::Azcli => emit_with(&azcli::Azcli, changes),
        Emit::Powershell => emit_with(&powershell::PowerShell, changes),
        Emit::Arm => emit_with(&arm::Arm, changes),
        Emit::Bicep => emit_with(&bicep::Bicep, changes),
        Emit::Terraform => emit_with(&terraform::Terraform, changes),
        Emit::File => String::new(),
    }
}

/// A text emitter's output: its header, then each piece after an empty line.
fn join_text(head: &str, pieces: Vec<String>) -> String {
    let mut out = head.to_string();
    for p in pieces {
        out.push('\n');
        out.push_str(&p);
    }
    out
}

/// The squid.conf lines as comments of a script (the proxy VM is not reached by az or PowerShell).
fn squid_comment(s: &NewSquidLines) -> String {
    format!(
        "# on the proxy VM: in {}, before line {} (`{}`), add (with --emit file and --write, azegress writes the file):\n{}\n",
        note(&s.file),
        s.before_line,
        note(&s.denying),
        s.lines
            .iter()
            .map(|l| format!("#   {}", note(l)))
            .collect::<Vec<_>>()
            .join("\n")
    )
}

/// The guest proxy setting as a comment, for the OS whose commands the other script language writes.
fn guest_comment(g: &GuestProxy) -> String {
    format!(
        "# on the VM ({:?}): set the proxy {}:{} where the extension reads it (emit {} for the commands)\n",
        g.os,
        note(&g.host),
        g.port,
        if g.os == crate::model::Os::Linux {
            "azcli"
        } else {
            "powershell"
        }
    )
}

// ---- Azure Firewall: a fix's firewall changes, gathered (reference §10.3)

/// One firewall change.
#[derive(Clone, Copy)]
pub enum Item<'a> {
    /// A network rule.
    Net(&'a NewFirewallRule),
    /// An FQDN-tag application rule.
    App(&'a NewFirewallAppRule),
}

/// The firewall changes of one firewall, in the order the fix found them.
pub struct FwChanges<'a> {
    firewall: &'a str,
    policy: Option<&'a str>,
    group: &'a str,
    group_priority: u32,
    resource: Option<&'a str>,
    items: Vec<Item<'a>>,
}

impl<'a> Item<'a> {
    fn of(c: &'a Change) -> Option<Self> {
        match c {
            Change::FirewallRule(r) => Some(Item::Net(r)),
            Change::FirewallAppRule(r) => Some(Item::App(r)),
            _ => None,
        }
    }
    fn firewall(&self) -> &'a str {
        match self {
            Item::Net(r) => &r.firewall,
            Item::App(r) => &r.firewall,
        }
    }
}

/// The firewall changes of `firewall` among `changes`, gathered (`None` when there are none).
pub fn gather<'a>(changes: &'a [Change], firewall: &str) -> Option<FwChanges<'a>> {
    let items: Vec<Item<'a>> = changes
        .iter()
        .filter_map(Item::of)
        .filter(|i| i.firewall() == firewall)
        .collect();
    let first = *items.first()?;
    let (firewall, policy, group, group_priority, resource) = match first {
        Item::Net(r) => (
            r.firewall.as_str(),
            r.policy.as_deref(),
            r.group.as_str(),
            r.group_priority,
            r.resource.as_deref(),
        ),
        Item::App(r) => (
            r.firewall.as_str(),
            r.policy.as_deref(),
            r.group.as_str(),
            r.group_priority,
            r.resource.as_deref(),
        ),
    };
    Some(FwChanges {
        firewall,
        policy,
        group,
        group_priority,
        resource,
        items,
    })
}

/// The firewall a change is to, when it is a firewall change.
pub fn firewall_of(c: &Change) -> Option<&str> {
    Item::of(c).map(|i| i.firewall())
}

fn ports(p: &[u16]) -> Vec<String> {
    p.iter().map(ToString::to_string).collect()
}

/// The classic firewall's new collections, as its `networkRuleCollections` / `applicationRuleCollections`
/// entries (ARM shape).
fn classic_collections(f: &FwChanges) -> (Vec<Value>, Vec<Value>) {
    let (mut net, mut app) = (Vec::new(), Vec::new());
    for i in &f.items {
        match i {
            Item::Net(r) => net.push(json!({
                "name": arm(&r.collection),
                "properties": {
                    "priority": r.collection_priority,
                    "action": {"type": "Allow"},
                    "rules": [{
                        "name": arm(&r.name),
                        "protocols": ["TCP"],
                        "sourceAddresses": r.sources.iter().map(|d| arm(d)).collect::<Vec<_>>(),
                        "destinationAddresses": r.destinations.iter().map(|d| arm(d)).collect::<Vec<_>>(),
                        "destinationPorts": ports(&r.ports),
                    }]
                }
            })),
            Item::App(r) => {
                let mut v = json!({
                    "name": arm(&r.collection),
                    "properties": {
                        "priority": r.collection_priority,
                        "action": {"type": "Allow"},
                        "rules": [{
                            "name": arm(&r.name),
                            "sourceAddresses": r.sources.iter().map(|d| arm(d)).collect::<Vec<_>>(),
                        }]
                    }
                });
                app_targets(r, &mut v["properties"]["rules"][0], true);
                app.push(v);
            }
        }
    }
    (net, app)
}

/// An application rule's targets in ARM shape: its FQDN tag (which carries its own protocols in a classic
/// rule), or its target FQDNs (a classic rule then states its protocols).
fn app_targets(r: &NewFirewallAppRule, rule: &mut Value, classic: bool) {
    if r.target_fqdns.is_empty() {
        rule["fqdnTags"] = json!([arm(&r.fqdn_tag)]);
        return;
    }
    if classic {
        rule["protocols"] = r
            .ports
            .iter()
            .map(|p| json!({"protocolType": "Https", "port": p}))
            .collect();
    }
    rule["targetFqdns"] = r.target_fqdns.iter().map(|d| arm(d)).collect();
}

/// Properties of an Azure Firewall (and of what it nests) that Azure sets and a PUT does not take; also a
/// sub-resource's `type` (`Microsoft.Network/azureFirewalls/azureFirewallIpConfigurations`), not an
/// action's.
const READ_ONLY: [&str; 5] = [
    "provisioningState",
    "etag",
    "privateIPAddress",
    "resourceGuid",
    "ipGroups",
];

fn without_read_only(v: &Value) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.iter()
                .filter(|(k, v)| {
                    let read_only = READ_ONLY.iter().any(|r| r.eq_ignore_ascii_case(k));
                    let sub_resource_type = k.eq_ignore_ascii_case("type")
                        && v.as_str().is_some_and(|t| t.contains('/'));
                    !(read_only || sub_resource_type)
                })
                .map(|(k, v)| (k.clone(), without_read_only(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_read_only).collect()),
        v => v.clone(),
    }
}

/// The classic firewall resource as read, written back with the new collections appended: a firewall's
/// rules are a property of the firewall, so a template changes them by stating the whole firewall. `None`
/// when the inputs do not hold the resource (or hold a value not known offline).
fn classic_resource(f: &FwChanges) -> Option<Map<String, Value>> {
    let text = f.resource?;
    if text.contains(crate::ingest::json_util::UNKNOWN_KEY) {
        return None;
    }
    let Ok(Value::Object(raw)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    let get = |k: &str| {
        raw.iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.clone())
    };
    let location = get("location")?;
    let mut props = match get("properties") {
        Some(Value::Object(p)) => p,
        _ => return None,
    };
    let (net, app) = classic_collections(f);
    for (key, add) in [
        ("networkRuleCollections", net),
        ("applicationRuleCollections", app),
    ] {
        let existing = props
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(k, _)| k.clone());
        let mut list = existing
            .as_ref()
            .and_then(|k| props.remove(k))
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default();
        list = list.iter().map(arm_value).collect();
        list.extend(add);
        props.insert(key.to_string(), Value::Array(list));
    }
    let props = without_read_only(&Value::Object(props));
    let mut out = Map::new();
    out.insert("type".into(), json!("Microsoft.Network/azureFirewalls"));
    out.insert("apiVersion".into(), json!(NETWORK_API));
    out.insert("name".into(), arm(f.firewall));
    out.insert("location".into(), arm_value(&location));
    for k in ["zones", "tags"] {
        if let Some(v) = get(k) {
            out.insert(k.into(), arm_value(&v));
        }
    }
    out.insert(
        "comments".into(),
        json!("the firewall written back whole, as the inputs hold it, with the backup rule collections added: a classic firewall's rules are a property of the firewall resource"),
    );
    out.insert("properties".into(), props);
    Some(out)
}

// ---- NAT gateway (reference §10.1)

/// Idle timeout of the new gateway, in minutes: Azure's default.
const IDLE_TIMEOUT: u32 = 4;

fn names(n: &NewNatGateway) -> (String, &str, &str) {
    let rg = n
        .resource_group
        .clone()
        .unwrap_or_else(|| RG_PLACEHOLDER.to_string());
    let (vnet, snet) = n.subnet.split_once('/').unwrap_or(("<vnet>", &n.subnet));
    (rg, vnet, snet)
}

/// The subnet's properties as read, with the NAT gateway added; `None` when the inputs do not hold them
/// (or hold a value not known offline), since a subnet PUT without them would drop its NSG and routes.
fn subnet_properties(n: &NewNatGateway, nat_id: Value) -> Option<Map<String, Value>> {
    let text = n.subnet_properties.as_deref()?;
    if text.contains(crate::ingest::json_util::UNKNOWN_KEY) {
        return None;
    }
    let Ok(Value::Object(mut p)) = serde_json::from_str::<Value>(text) else {
        return None;
    };
    if !p.keys().any(|k| {
        k.eq_ignore_ascii_case("addressPrefix") || k.eq_ignore_ascii_case("addressPrefixes")
    }) {
        return None;
    }
    p.retain(|k, _| !k.eq_ignore_ascii_case("natGateway"));
    p.insert("natGateway".into(), json!({ "id": nat_id }));
    Some(p)
}

// ---- security admin rules (reference §10.2)

/// API version of the emitted security admin rule (`Microsoft.Network/networkManagers/
/// securityAdminConfigurations/ruleCollections/rules`, learn.microsoft.com/azure/templates).
const AVNM_API: &str = "2024-05-01";

fn admin_type(s: &str) -> &'static str {
    if crate::tags::parse_prefix(s).is_some() {
        "IPPrefix"
    } else {
        "ServiceTag"
    }
}

fn admin_ports(a: &NewAdminRule) -> Vec<String> {
    a.ports.iter().map(ToString::to_string).collect()
}

/// The ARM property an NSG rule's destinations go in: one destination (a service tag among them) in
/// `destinationAddressPrefix`, several addresses in `destinationAddressPrefixes`. Azure refuses a service tag
/// in the list form ("cannot specify existing VIRTUALNETWORK, INTERNET, AZURELOADBALANCER, '*' or system tags").
pub(crate) fn destination_key(destinations: &[String]) -> &'static str {
    if destinations.len() == 1 {
        "destinationAddressPrefix"
    } else {
        "destinationAddressPrefixes"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_installs_the_extension_of_each_extension_command_it_runs() {
        let head = "#!/usr/bin/env bash\nset -euo pipefail\n";
        let body = "\naz network manager connect-config create --name x\naz network nsg rule create --name y\n# az network firewall in a comment\n";
        assert_eq!(
            azcli::with_az_extensions(format!("{head}{body}")),
            format!(
                "{head}az extension add --name virtual-network-manager --upgrade --only-show-errors\n{body}"
            )
        );
        let core = format!("{head}\naz network route-table route create --name z\n");
        assert_eq!(azcli::with_az_extensions(core.clone()), core);
    }

    /// The bash quoting stays hand-written (it writes ANSI-C `$'…'` for control characters, which shlex
    /// leaves raw inside quotes); a POSIX word splitter (shlex) reads every value back as one word.
    #[test]
    fn sh_words_split_back_to_the_value() {
        for v in [
            "plain",
            "a'b",
            "x'; rm -rf / #",
            "$(whoami) `id` ${HOME}",
            "spaces  and more",
            "\"dq\" and \\",
            "",
            "ünïcødé ‘quotes’",
        ] {
            assert_eq!(
                shlex::split(&sh(v)),
                Some(vec![v.to_string()]),
                "{v}: {}",
                sh(v)
            );
        }
    }

    #[test]
    fn escaping_defuses_hostile_values() {
        let evil = "x'; Remove-AzResourceGroup -Name prod -Force; $(whoami) `calc` ${jndi} %{x} \"q\"\nnext";
        assert_eq!(sh("a'b"), r"'a'\''b'");
        assert_eq!(ps("a'b$(x)"), "'a''b$(x)'");
        assert_eq!(ps("a\u{2019}b"), "'a\u{2019}\u{2019}b'");
        assert_eq!(bicep("a'${b}\\"), r"'a\'\${b}\\'");
        assert_eq!(hcl("a\"${b}%{c}\\"), r#""a\"$${b}%%{c}\\""#);
        assert_eq!(arm("[concat('a')]"), Value::String("[[concat('a')]".into()));
        // inside single quotes bash expands nothing, a line break included; the others escape it
        let no_break = evil.replace('\n', " ");
        assert!(sh(&no_break).starts_with('\'') && sh(&no_break).matches("'\\''").count() == 1);
        // no raw line break from the input in any language, strings and comments alike
        for s in [sh(evil), ps(evil), bicep(evil), hcl(evil), note(evil)] {
            assert!(!s.contains('\n') && !s.contains('\r'), "{s}");
        }
        assert_eq!(sh("a\nb'c"), r"$'a\nb\'c'");
        assert_eq!(ps("a\nb'c"), "('a' + [char]10 + 'b''c')");
        assert_eq!(
            note("/etc/squid.conf\nrm -rf /"),
            r"/etc/squid.conf\nrm -rf /"
        );
    }
}
