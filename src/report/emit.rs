//! Emitters: a fix's changes as `az` commands, PowerShell, ARM JSON, Bicep or Terraform (the user's own
//! JSON file with the change spliced in is `fix::file`). Every value taken from input is quoted and
//! escaped for its target language, so a hostile name cannot inject a command or an expression.

use super::{emit_fw, emit_nat};
pub use crate::model::fix::Emit;
use crate::model::fix::{Change, NewAdminRule, NewNsgRule, NewRoute};
use serde_json::{Value, json};

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

/// The changes in one language.
pub fn emit(changes: &[Change], how: Emit) -> String {
    let mut out = String::new();
    match how {
        Emit::Azcli => {
            out.push_str("#!/usr/bin/env bash\n# azegress fix: every field spelled out (az defaults are inbound and port 80)\nset -euo pipefail\n");
        }
        Emit::Powershell => out.push_str("# azegress fix (Az module); Set-Az…RuleConfig would blank what it is not given, so rules are added, never set\n$ErrorActionPreference = 'Stop'\n"),
        Emit::Bicep => out.push_str("// azegress fix: resources to add to your Bicep\n"),
        Emit::Terraform => out.push_str("# azegress fix: resources to add to your Terraform configuration (azurerm)\n"),
        _ => {}
    }
    if how == Emit::Arm {
        let mut rs: Vec<Value> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        let mut done: Vec<&str> = Vec::new();
        for c in changes {
            if let Some(fw) = emit_fw::firewall_of(c) {
                if done.contains(&fw) {
                    continue;
                }
                done.push(fw);
                if let Some(f) = emit_fw::gather(changes, fw) {
                    let (r, n) = emit_fw::arm_resources(&f);
                    rs.extend(r);
                    notes.extend(n);
                }
                continue;
            }
            if let Change::NatGateway(n) = c {
                let (r, why) = emit_nat::arm_resources(n);
                rs.extend(r);
                notes.extend(why);
                continue;
            }
            let v = arm_resource(c);
            if !v.is_null() {
                rs.push(v);
            }
        }
        let mut t = json!({
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "resources": rs
        });
        if !notes.is_empty() {
            t["metadata"] = json!({"azegress": notes.join("; ")});
        }
        return serde_json::to_string_pretty(&t).unwrap_or_default() + "\n";
    }
    let mut fw_done: Vec<&str> = Vec::new();
    for c in changes {
        if let Some(fw) = emit_fw::firewall_of(c) {
            // a fix's firewall changes are written together, where the first of them is
            if fw_done.contains(&fw) {
                continue;
            }
            fw_done.push(fw);
            if let Some(f) = emit_fw::gather(changes, fw) {
                out.push('\n');
                out.push_str(&match how {
                    Emit::Azcli => emit_fw::azcli(&f),
                    Emit::Powershell => emit_fw::powershell(&f),
                    Emit::Bicep => emit_fw::bicep_resources(&f),
                    Emit::Terraform => emit_fw::terraform(&f),
                    Emit::File | Emit::Arm => String::new(),
                });
            }
            continue;
        }
        out.push('\n');
        out.push_str(&match (c, how) {
            (Change::NatGateway(n), Emit::Azcli) => emit_nat::azcli(n),
            (Change::NatGateway(n), Emit::Powershell) => emit_nat::powershell(n),
            (Change::NatGateway(n), Emit::Bicep) => emit_nat::bicep_resources(n),
            (Change::NatGateway(n), Emit::Terraform) => emit_nat::terraform(n),
            (Change::NsgRule(n), Emit::Azcli) => azcli_nsg(n),
            (Change::NsgRule(n), Emit::Powershell) => ps_nsg(n),
            (Change::NsgRule(n), Emit::Bicep) => bicep_nsg(n),
            (Change::NsgRule(n), Emit::Terraform) => tf_nsg(n),
            (Change::Route(r), Emit::Azcli) => format!(
                "az network route-table route create --resource-group {} --route-table-name {} --name {} --address-prefix {} --next-hop-type {}{}\n",
                sh(RG_PLACEHOLDER), sh(&r.table), sh(&r.name), sh(&r.prefix), sh(&r.next_hop),
                r.next_hop_ip.as_deref().map_or_else(String::new, |ip| format!(" --next-hop-ip-address {}", sh(ip)))
            ),
            (Change::Route(r), Emit::Powershell) => format!(
                "Get-AzRouteTable -ResourceGroupName {} -Name {} |\n  Add-AzRouteConfig -Name {} -AddressPrefix {} -NextHopType {}{} |\n  Set-AzRouteTable\n",
                ps(RG_PLACEHOLDER), ps(&r.table), ps(&r.name), ps(&r.prefix), ps(&r.next_hop),
                r.next_hop_ip.as_deref().map_or_else(String::new, |ip| format!(" -NextHopIpAddress {}", ps(ip)))
            ),
            (Change::Route(r), Emit::Bicep) => bicep_route(r),
            (Change::AdminRule(a), Emit::Azcli) => azcli_admin(a),
            (Change::AdminRule(a), Emit::Powershell) => ps_admin(a),
            (Change::AdminRule(a), Emit::Bicep) => bicep_admin(a),
            (Change::AdminRule(a), Emit::Terraform) => tf_admin(a),
            (Change::AdminRule(_), _) => String::new(),
            (Change::Route(r), Emit::Terraform) => tf_route(r),
            (Change::SquidLines(s), Emit::Azcli | Emit::Powershell) => format!(
                "# on the proxy VM: in {}, before line {} (`{}`), add (with --emit file and --write, azegress writes the file):\n{}\n",
                note(&s.file),
                s.before_line,
                note(&s.denying),
                s.lines.iter().map(|l| format!("#   {}", note(l))).collect::<Vec<_>>().join("\n")
            ),
            (Change::GuestProxy(g), Emit::Azcli) if g.os == crate::model::Os::Linux => format!(
                "# on the VM (Linux): the backup extension reads only HttpProxy.Host/Port in /etc/waagent.conf\nsudo sed -i '/^HttpProxy\\.\\(Host\\|Port\\)=/d' /etc/waagent.conf\necho {} | sudo tee -a /etc/waagent.conf\necho {} | sudo tee -a /etc/waagent.conf\nsudo systemctl restart walinuxagent 2>/dev/null || sudo systemctl restart waagent\n",
                sh(&format!("HttpProxy.Host={}", g.host)),
                sh(&format!("HttpProxy.Port={}", g.port))
            ),
            (Change::GuestProxy(g), Emit::Powershell) if g.os == crate::model::Os::Windows => format!(
                "# on the VM (Windows, as administrator): the extension runs as SYSTEM; 168.63.129.16 and 169.254.169.254 bypass the proxy\nnetsh winhttp set proxy proxy-server={} bypass-list={}\nbitsadmin /util /setieproxy localsystem MANUAL_PROXY {} {}\n",
                ps(&format!("{}:{}", g.host, g.port)),
                ps(&g.bypass.join(";")),
                ps(&format!("{}:{}", g.host, g.port)),
                ps(&g.bypass.join(";"))
            ),
            (Change::GuestProxy(g), Emit::Azcli | Emit::Powershell) => format!(
                "# on the VM ({:?}): set the proxy {}:{} where the extension reads it (emit {} for the commands)\n",
                g.os,
                note(&g.host),
                g.port,
                if g.os == crate::model::Os::Linux { "azcli" } else { "powershell" }
            ),
            (Change::SquidLines(_) | Change::GuestProxy(_), _) => String::new(),
            (Change::FirewallRule(_) | Change::FirewallAppRule(_), _) => String::new(),
            (_, Emit::File | Emit::Arm) => String::new(),
        });
    }
    if how == Emit::Azcli {
        out = with_az_extensions(out);
    }
    out
}

/// `az` command groups that are not in a stock az but in an extension, and the extension that holds each
/// (https://learn.microsoft.com/cli/azure/azure-cli-extensions-list). A stock az answers their commands
/// with "'firewall' is misspelled or not recognized by the system".
pub const AZ_EXTENSIONS: &[(&str, &str)] = &[
    ("az network firewall ", "azure-firewall"),
    ("az network manager ", "virtual-network-manager"),
];

/// The script with an `az extension add` (after `set -euo pipefail`) for each extension whose commands it
/// runs, so that it runs in a stock az.
fn with_az_extensions(script: String) -> String {
    let needed: Vec<&str> = AZ_EXTENSIONS
        .iter()
        .filter(|(prefix, _)| script.lines().any(|l| l.starts_with(prefix)))
        .map(|(_, ext)| *ext)
        .collect();
    let marker = "set -euo pipefail\n";
    match script.find(marker) {
        Some(at) if !needed.is_empty() => {
            let at = at + marker.len();
            let adds: String = needed
                .iter()
                .map(|e| format!("az extension add --name {e} --upgrade --only-show-errors\n"))
                .collect();
            format!("{}{adds}{}", &script[..at], &script[at..])
        }
        _ => script,
    }
}

fn azcli_nsg(n: &NewNsgRule) -> String {
    let ports: Vec<String> = n.ports.iter().map(|p| sh(&p.to_string())).collect();
    let dests: Vec<String> = n.destinations.iter().map(|d| sh(d)).collect();
    format!(
        "az network nsg rule create --resource-group {} --nsg-name {} --name {} \\\n  --priority {} --direction Outbound --access Allow --protocol Tcp \\\n  --source-address-prefixes {} --source-port-ranges '*' \\\n  --destination-address-prefixes {} --destination-port-ranges {} \\\n  --description {}\n",
        sh(&rg(&n.resource_group)),
        sh(&n.nsg),
        sh(&n.name),
        n.priority,
        sh(&n.source),
        dests.join(" "),
        ports.join(" "),
        sh(&n.description)
    )
}

/// PowerShell values joined as an array argument (`'a', 'b'`).
pub(crate) fn ps_list(v: &[String]) -> String {
    v.iter().map(|s| ps(s)).collect::<Vec<_>>().join(", ")
}

fn ps_nsg(n: &NewNsgRule) -> String {
    let ports: Vec<String> = n.ports.iter().map(ToString::to_string).collect();
    format!(
        "Get-AzNetworkSecurityGroup -ResourceGroupName {} -Name {} |\n  Add-AzNetworkSecurityRuleConfig -Name {} -Description {} -Access Allow -Protocol Tcp -Direction Outbound \\\n    -Priority {} -SourceAddressPrefix {} -SourcePortRange '*' -DestinationAddressPrefix {} -DestinationPortRange {} |\n  Set-AzNetworkSecurityGroup\n",
        ps(&rg(&n.resource_group)),
        ps(&n.nsg),
        ps(&n.name),
        ps(&n.description),
        n.priority,
        ps(&n.source),
        ps_list(&n.destinations),
        ps_list(&ports)
    )
    .replace(" \\\n    -Priority", " `\n    -Priority")
}

fn bicep_nsg(n: &NewNsgRule) -> String {
    let sym = bicep_symbol(&n.nsg);
    let dests: Vec<String> = n.destinations.iter().map(|d| bicep(d)).collect();
    let ports: Vec<String> = n.ports.iter().map(|p| bicep(&p.to_string())).collect();
    format!(
        "resource {sym} 'Microsoft.Network/networkSecurityGroups@{NETWORK_API}' existing = {{\n  name: {}\n}}\n\nresource {sym}{rule} 'Microsoft.Network/networkSecurityGroups/securityRules@{NETWORK_API}' = {{\n  parent: {sym}\n  name: {}\n  properties: {{\n    description: {}\n    priority: {}\n    direction: 'Outbound'\n    access: 'Allow'\n    protocol: 'Tcp'\n    sourceAddressPrefix: {}\n    sourcePortRange: '*'\n    destinationAddressPrefixes: [\n      {}\n    ]\n    destinationPortRanges: [\n      {}\n    ]\n  }}\n}}\n",
        bicep(&n.nsg),
        bicep(&n.name),
        bicep(&n.description),
        n.priority,
        bicep(&n.source),
        dests.join("\n      "),
        ports.join("\n      "),
        rule = bicep_symbol(&n.name),
    )
}

fn tf_nsg(n: &NewNsgRule) -> String {
    let dests: Vec<String> = n.destinations.iter().map(|d| hcl(d)).collect();
    let ports: Vec<String> = n.ports.iter().map(|p| hcl(&p.to_string())).collect();
    format!(
        "resource \"azurerm_network_security_rule\" \"{}\" {{\n  name                         = {}\n  resource_group_name          = {}\n  network_security_group_name  = {}\n  description                  = {}\n  priority                     = {}\n  direction                    = \"Outbound\"\n  access                       = \"Allow\"\n  protocol                     = \"Tcp\"\n  source_address_prefix        = {}\n  source_port_range            = \"*\"\n  destination_address_prefixes = [{}]\n  destination_port_ranges      = [{}]\n}}\n",
        tf_label(&format!("{}_{}", n.nsg, n.name)),
        hcl(&n.name),
        hcl(&rg(&n.resource_group)),
        hcl(&n.nsg),
        hcl(&n.description),
        n.priority,
        hcl(&n.source),
        dests.join(", "),
        ports.join(", ")
    )
}

fn bicep_route(r: &NewRoute) -> String {
    format!(
        "resource routeTable 'Microsoft.Network/routeTables@{NETWORK_API}' existing = {{\n  name: {}\n}}\n\nresource backupRoute 'Microsoft.Network/routeTables/routes@{NETWORK_API}' = {{\n  parent: routeTable\n  name: {}\n  properties: {{\n    addressPrefix: {}\n    nextHopType: {}\n{}  }}\n}}\n",
        bicep(&r.table),
        bicep(&r.name),
        bicep(&r.prefix),
        bicep(&r.next_hop),
        r.next_hop_ip
            .as_deref()
            .map_or_else(String::new, |ip| format!(
                "    nextHopIpAddress: {}\n",
                bicep(ip)
            ))
    )
}

fn tf_route(r: &NewRoute) -> String {
    format!(
        "resource \"azurerm_route\" \"{}\" {{\n  name                = {}\n  resource_group_name = {}\n  route_table_name    = {}\n  address_prefix      = {}\n  next_hop_type       = {}\n{}}}\n",
        tf_label(&r.name),
        hcl(&r.name),
        hcl(RG_PLACEHOLDER),
        hcl(&r.table),
        hcl(&r.prefix),
        hcl(&r.next_hop),
        r.next_hop_ip
            .as_deref()
            .map_or_else(String::new, |ip| format!(
                "  next_hop_in_ip_address = {}\n",
                hcl(ip)
            ))
    )
}

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

/// `az network manager security-admin-config rule-collection rule create` (virtual-network-manager extension;
/// arguments from https://learn.microsoft.com/cli/azure/network/manager/security-admin-config/rule-collection/rule
/// and the extension's `_params.py`, tests/data/az-extensions/virtual-network-manager.json:
/// --access {Allow, AlwaysAllow, Deny} --configuration-name --direction --kind --network-manager-name --priority
/// --protocol --resource-group --rule-collection-name --rule-name (`--name` is the network manager's), and
/// --sources/--destinations, one `--sources address-prefix=… address-prefix-type=…` per item (an append
/// action: a second prefix in one item is dropped), --source-port-ranges, --dest-port-ranges, --description).
fn azcli_admin(a: &NewAdminRule) -> String {
    let item = |s: &str| {
        format!(
            "address-prefix={} address-prefix-type={}",
            sh(s),
            admin_type(s)
        )
    };
    let sources: Vec<String> = a
        .sources
        .iter()
        .map(|s| format!("--sources {}", item(s)))
        .collect();
    let ports: Vec<String> = admin_ports(a).iter().map(|p| sh(p)).collect();
    format!(
        "# for the owners of network manager {nm}: an NSG change cannot repair {before}
az network manager security-admin-config rule-collection rule create --resource-group {} \
  --network-manager-name {} --configuration-name {} --rule-collection-name {} --rule-name {} \
  --kind Custom --access {} --priority {} --direction Outbound --protocol Tcp \
  {} --source-port-ranges 0-65535 \
  --destinations {} --dest-port-ranges {} \
  --description {}
",
        sh(&rg(&a.resource_group)),
        sh(&a.network_manager),
        sh(&a.configuration),
        sh(&a.rule_collection),
        sh(&a.name),
        a.access,
        a.priority,
        sources.join(" "),
        item(&a.destination),
        ports.join(" "),
        sh(&a.description),
        nm = note(&a.network_manager),
        before = note(&a.before),
    )
}

/// `New-AzNetworkManagerSecurityAdminRule` with `New-AzNetworkManagerAddressPrefixItem`
/// (https://learn.microsoft.com/powershell/module/az.network/new-aznetworkmanagersecurityadminrule).
fn ps_admin(a: &NewAdminRule) -> String {
    let items = |v: &[String]| {
        v.iter()
            .map(|s| {
                format!(
                    "(New-AzNetworkManagerAddressPrefixItem -AddressPrefix {} -AddressPrefixType {})",
                    ps(s),
                    admin_type(s)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "# for the owners of network manager {nm}: an NSG change cannot repair {before}
New-AzNetworkManagerSecurityAdminRule -ResourceGroupName {} -NetworkManagerName {} `
  -SecurityAdminConfigurationName {} -RuleCollectionName {} -Name {} -Description {} `
  -Access {} -Priority {} -Direction Outbound -Protocol Tcp `
  -SourceAddressPrefix @({}) -SourcePortRange @('0-65535') `
  -DestinationAddressPrefix @({}) -DestinationPortRange @({})
",
        ps(&rg(&a.resource_group)),
        ps(&a.network_manager),
        ps(&a.configuration),
        ps(&a.rule_collection),
        ps(&a.name),
        ps(&a.description),
        a.access,
        a.priority,
        items(&a.sources),
        items(std::slice::from_ref(&a.destination)),
        ps_list(&admin_ports(a)),
        nm = note(&a.network_manager),
        before = note(&a.before),
    )
}

fn bicep_admin(a: &NewAdminRule) -> String {
    let nm = bicep_symbol(&a.network_manager);
    let item = |s: &str| {
        format!(
            "{{
        addressPrefix: {}
        addressPrefixType: '{}'
      }}",
            bicep(s),
            admin_type(s)
        )
    };
    let sources: Vec<String> = a
        .sources
        .iter()
        .map(|s| format!("--sources {}", item(s)))
        .collect();
    let ports: Vec<String> = admin_ports(a).iter().map(|p| bicep(p)).collect();
    let t = "Microsoft.Network/networkManagers";
    format!(
        "// for the owners of network manager {}: an NSG change cannot repair {}
resource {nm} '{t}@{AVNM_API}' existing = {{
  name: {}
}}

resource {nm}Config '{t}/securityAdminConfigurations@{AVNM_API}' existing = {{
  parent: {nm}
  name: {}
}}

resource {nm}Collection '{t}/securityAdminConfigurations/ruleCollections@{AVNM_API}' existing = {{
  parent: {nm}Config
  name: {}
}}

resource {nm}{rule} '{t}/securityAdminConfigurations/ruleCollections/rules@{AVNM_API}' = {{
  parent: {nm}Collection
  name: {}
  kind: 'Custom'
  properties: {{
    description: {}
    access: '{}'
    priority: {}
    direction: 'Outbound'
    protocol: 'Tcp'
    sources: [
      {}
    ]
    sourcePortRanges: [
      '0-65535'
    ]
    destinations: [
      {}
    ]
    destinationPortRanges: [
      {}
    ]
  }}
}}
",
        note(&a.network_manager),
        note(&a.before),
        bicep(&a.network_manager),
        bicep(&a.configuration),
        bicep(&a.rule_collection),
        bicep(&a.name),
        bicep(&a.description),
        a.access,
        a.priority,
        sources.join(
            "
      "
        ),
        item(&a.destination),
        ports.join(
            "
      "
        ),
        rule = bicep_symbol(&a.name),
    )
}

/// `azurerm_network_manager_admin_rule` (registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/
/// network_manager_admin_rule: name, admin_rule_collection_id, action, direction, priority, protocol,
/// source_port_ranges, destination_port_ranges, source/destination blocks of address_prefix_type and
/// address_prefix, description).
fn tf_admin(a: &NewAdminRule) -> String {
    let block = |kind: &str, s: &str| {
        format!(
            "  {kind} {{
    address_prefix_type = \"{}\"
    address_prefix      = {}
  }}
",
            admin_type(s),
            hcl(s)
        )
    };
    let sources: String = a.sources.iter().map(|s| block("source", s)).collect();
    let ports: Vec<String> = admin_ports(a).iter().map(|p| hcl(p)).collect();
    let id = format!(
        "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/networkManagers/{}/securityAdminConfigurations/{}/ruleCollections/{}",
        a.subscription.as_deref().unwrap_or("<subscription-id>"),
        rg(&a.resource_group),
        a.network_manager,
        a.configuration,
        a.rule_collection
    );
    format!(
        "# for the owners of network manager {}: an NSG change cannot repair {}
resource \"azurerm_network_manager_admin_rule\" \"{}\" {{
  name                     = {}
  admin_rule_collection_id = {}
  description              = {}
  action                   = \"{}\"
  priority                 = {}
  direction                = \"Outbound\"
  protocol                 = \"Tcp\"
  source_port_ranges       = [\"0-65535\"]
  destination_port_ranges  = [{}]
{sources}{}}}
",
        note(&a.network_manager),
        note(&a.before),
        tf_label(&format!("{}_{}", a.rule_collection, a.name)),
        hcl(&a.name),
        hcl(&id),
        hcl(&a.description),
        a.access,
        a.priority,
        ports.join(", "),
        block("destination", &a.destination),
    )
}

fn arm_resource(c: &Change) -> Value {
    match c {
        Change::SquidLines(_) | Change::GuestProxy(_) => Value::Null,
        Change::AdminRule(a) => {
            let item =
                |s: &str| json!({"addressPrefix": arm(s), "addressPrefixType": admin_type(s)});
            json!({
                "type": "Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules",
                "apiVersion": AVNM_API,
                "name": arm(&format!("{}/{}/{}/{}", a.network_manager, a.configuration, a.rule_collection, a.name)),
                "kind": "Custom",
                "properties": {
                    "description": arm(&a.description),
                    "access": a.access.to_string(),
                    "priority": a.priority,
                    "direction": "Outbound",
                    "protocol": "Tcp",
                    "sources": a.sources.iter().map(|s| item(s)).collect::<Vec<_>>(),
                    "sourcePortRanges": ["0-65535"],
                    "destinations": [item(&a.destination)],
                    "destinationPortRanges": admin_ports(a),
                }
            })
        }
        Change::NsgRule(n) => json!({
            "type": "Microsoft.Network/networkSecurityGroups/securityRules",
            "apiVersion": NETWORK_API,
            "name": arm(&format!("{}/{}", n.nsg, n.name)),
            "properties": {
                "description": arm(&n.description),
                "priority": n.priority,
                "direction": "Outbound",
                "access": "Allow",
                "protocol": "Tcp",
                "sourceAddressPrefix": arm(&n.source),
                "sourcePortRange": "*",
                "destinationAddressPrefixes": n.destinations.iter().map(|d| arm(d)).collect::<Vec<_>>(),
                "destinationPortRanges": n.ports.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            }
        }),
        // written together by `emit_fw`, the NAT gateway by `emit_nat`
        Change::FirewallRule(_) | Change::FirewallAppRule(_) | Change::NatGateway(_) => Value::Null,
        Change::Route(r) => json!({
            "type": "Microsoft.Network/routeTables/routes",
            "apiVersion": NETWORK_API,
            "name": arm(&format!("{}/{}", r.table, r.name)),
            "properties": match &r.next_hop_ip {
                Some(ip) => json!({"addressPrefix": arm(&r.prefix), "nextHopType": arm(&r.next_hop), "nextHopIpAddress": arm(ip)}),
                None => json!({"addressPrefix": arm(&r.prefix), "nextHopType": arm(&r.next_hop)}),
            }
        }),
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
            with_az_extensions(format!("{head}{body}")),
            format!(
                "{head}az extension add --name virtual-network-manager --upgrade --only-show-errors\n{body}"
            )
        );
        let core = format!("{head}\naz network route-table route create --name z\n");
        assert_eq!(with_az_extensions(core.clone()), core);
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
