//! The file emitter: the user's own input file with the change spliced in, in the file's shape and
//! indentation, everything else byte for byte (`fix --emit file`, `--write`). This module holds the NSG JSON
//! editor and the dispatch: which file of the inputs a change goes into and which editor writes it
//! ([`targets`], [`edit`]); the other formats are in [`super::file_json`], [`super::file_yaml`] and
//! [`super::file_waagent`]. A change no input file can take gets a one-line reason naming the emitters that
//! write it instead — never silence.

use super::{file_json, file_waagent, file_yaml};
use crate::engine::check::PathInputs;
use crate::model::fix::{Change, NewNsgRule, NsgSlot};
use crate::model::{Nsg, Os, ProxyKind};
use serde_json::Value;

/// The emitters that write every change, for the reasons a file cannot take one.
pub const EMITTERS: &str = "--emit azcli, powershell, arm, bicep or terraform";

fn is_json(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('{' | '['))
}

fn nsg_of(inputs: &PathInputs, slot: NsgSlot) -> Option<&Nsg> {
    match slot {
        NsgSlot::Nic => inputs.nsgs.nic.as_deref(),
        NsgSlot::Subnet => inputs.nsgs.subnet.as_deref(),
        NsgSlot::ProxyNic => inputs.parts.proxy_nic.as_ref(),
        NsgSlot::ProxySubnet => inputs.parts.proxy_subnet.as_ref(),
    }
}

/// A file the user can get back: a regular file on disk (not an inline value or standard input).
fn file_ok(file: &str) -> Result<String, String> {
    if !std::path::Path::new(file).is_file() {
        return Err(format!(
            "`{}` is not a file on disk (an inline value or a stream): use {EMITTERS}",
            crate::report::emit::note(file)
        ));
    }
    Ok(file.to_string())
}

/// The files of the inputs that can take change `c`, in the order to try them (the first that takes it
/// gets it), or the one-line reason no file can, naming the emitters that write it instead.
///
/// `parameters`: the ARM parameters files read with the inputs. They come after the change's own file: a
/// template whose list is taken from a parameter (`"routes": "[parameters('routes')]"`, a copy loop over
/// `parameters('securityRules')`) gets the entry in that parameter's value instead.
pub fn targets(
    c: &Change,
    inputs: &PathInputs,
    parameters: &[String],
) -> Result<Vec<String>, String> {
    let mut files = own_targets(c, inputs)?;
    if matches!(
        c,
        Change::NsgRule(_)
            | Change::Route(_)
            | Change::FirewallRule(_)
            | Change::FirewallAppRule(_)
    ) {
        for p in parameters {
            if !files.contains(p) && file_ok(p).is_ok() {
                files.push(p.clone());
            }
        }
    }
    Ok(files)
}

fn own_targets(c: &Change, inputs: &PathInputs) -> Result<Vec<String>, String> {
    match c {
        Change::NsgRule(n) => Ok(vec![file_ok(&n.file)?]),
        Change::SquidLines(s) => Ok(vec![file_ok(&s.file)?]),
        Change::Route(r) => {
            let t = inputs
                .parts
                .route_table
                .as_ref()
                .ok_or_else(|| format!("route table `{}` is not among the inputs: use {EMITTERS}", r.table))?;
            if t.effective {
                return Err(format!(
                    "{}: effective routes are read-only (what Azure computed for the NIC): add the route to the route table itself with {EMITTERS}",
                    crate::report::emit::note(&t.origin.file)
                ));
            }
            Ok(vec![file_ok(&t.origin.file)?])
        }
        Change::FirewallRule(_) | Change::FirewallAppRule(_) => {
            let (name, policy) = match c {
                Change::FirewallRule(f) => (&f.firewall, &f.policy),
                Change::FirewallAppRule(f) => (&f.firewall, &f.policy),
                _ => return Err(format!("not a firewall change: use {EMITTERS}")),
            };
            let fw = inputs
                .parts
                .firewall
                .as_ref()
                .ok_or_else(|| format!("Azure Firewall `{name}` is not among the inputs: use {EMITTERS}"))?;
            // the files holding its collections (for a policy: its groups) first, then the firewall's own
            let mut files: Vec<String> = Vec::new();
            for c in &fw.collections {
                if (policy.is_none() || c.group.is_some()) && !files.iter().any(|f| **f == *c.origin.file) {
                    files.push(c.origin.file.to_string());
                }
            }
            if !files.iter().any(|f| **f == *fw.origin.file) {
                files.push(fw.origin.file.to_string());
            }
            let ok: Vec<String> = files.iter().filter_map(|f| file_ok(f).ok()).collect();
            if ok.is_empty() {
                return Err(file_ok(&files[0]).err().unwrap_or_default());
            }
            Ok(ok)
        }
        Change::GuestProxy(g) if g.os == Os::Linux => {
            let found = inputs
                .parts
                .proxy_found
                .iter()
                .find(|p| p.kind == ProxyKind::Waagent)
                .ok_or_else(|| {
                    "no waagent.conf is among the inputs (--waagent-conf): set HttpProxy.Host and HttpProxy.Port in /etc/waagent.conf on the VM with --emit azcli".to_string()
                })?;
            Ok(vec![file_ok(&found.origin.file)?])
        }
        Change::GuestProxy(_) => Err(
            "the Windows proxy setting is the SYSTEM account's (registry and WinHTTP), not a file fix reads back: use --emit powershell"
                .into(),
        ),
        other => Err(format!(
            "the `{}` change is not written into an input file (none of them holds what it changes): use {EMITTERS}",
            serde_json::to_value(other)
                .ok()
                .and_then(|v| v.get("kind").and_then(Value::as_str).map(str::to_string))
                .unwrap_or_else(|| "configuration".into())
        )),
    }
}

/// `text`, the current content of `file`, with change `c` applied in the file's own format; `Ok(None)` when
/// the file holds it already; `Err` with the one-line reason (and the emitter to use) when it cannot.
pub fn edit(
    c: &Change,
    inputs: &PathInputs,
    file: &str,
    text: &str,
) -> Result<Option<String>, String> {
    let yaml_base = |ptr: &str, list: &str| format!("{ptr}/{list}");
    let plan = |text: &str| -> bool {
        is_json(text)
            && crate::ingest::json::parse(text)
                .ok()
                .as_ref()
                .and_then(Value::as_object)
                .is_some_and(crate::ingest::terraform::is_plan)
    };
    if plan(text) {
        return Err(format!(
            "{}: a Terraform plan is generated output, not the configuration: use --emit terraform",
            crate::report::emit::note(file)
        ));
    }
    let with = |r: Result<String, String>| -> Result<Option<String>, String> {
        r.map(Some)
            .map_err(|m| format!("{}: {m}: use {EMITTERS}", crate::report::emit::note(file)))
    };
    if file.to_ascii_lowercase().ends_with(".tf") && !matches!(c, Change::NsgRule(_)) {
        return Err(format!(
            "{}: in a Terraform configuration this emitter adds NSG rules only: use --emit terraform",
            crate::report::emit::note(file)
        ));
    }
    if file_json::is_parameters_file(text) {
        return with(file_json::parameters_file_edit(text, c));
    }
    match c {
        Change::NsgRule(_) if is_json(text) && text.contains("\"effectiveSecurityRules\"") => {
            Err(format!(
                "{}: effective security rules are read-only (what Azure applies to the NIC): add the rule to the NSG itself with {EMITTERS}",
                crate::report::emit::note(file)
            ))
        }
        // a Terraform configuration read without a plan: the `.tf` file of the NSG's block
        Change::NsgRule(n) if file.to_ascii_lowercase().ends_with(".tf") => {
            with(super::tf_file::nsg_tf_edit(text, n))
        }
        Change::NsgRule(n) if is_json(text) => with(nsg_file_edit(text, n)),
        Change::NsgRule(n) => {
            let base = nsg_of(inputs, n.slot).map_or(String::new(), |x| x.origin.pointer.clone());
            with(file_yaml::yaml_append(
                text,
                &yaml_base(&base, "rules"),
                &file_yaml::nsg_rule_item(n),
            ))
        }
        Change::Route(r) if is_json(text) => with(file_json::route_file_edit(text, &r.table, r)),
        Change::Route(r) => {
            let base = inputs
                .parts
                .route_table
                .as_ref()
                .map_or(String::new(), |t| t.origin.pointer.clone());
            with(file_yaml::yaml_append(
                text,
                &yaml_base(&base, "routes"),
                &file_yaml::route_item(r),
            ))
        }
        Change::FirewallRule(f) if is_json(text) => with(file_json::firewall_file_edit(
            text,
            &file_json::FwEdit::Net(f),
        )),
        Change::FirewallAppRule(f) if is_json(text) => with(file_json::firewall_file_edit(
            text,
            &file_json::FwEdit::App(f),
        )),
        Change::FirewallRule(f) => {
            let base = inputs
                .parts
                .firewall
                .as_ref()
                .map_or(String::new(), |t| t.origin.pointer.clone());
            with(file_yaml::yaml_append(
                text,
                &yaml_base(&base, "network_rules"),
                &file_yaml::firewall_item(f),
            ))
        }
        Change::SquidLines(s) => {
            // before the denying line: the first line from its number on that reads as it did (lines
            // added above it by another change of this file moved it down)
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let from = s.before_line.saturating_sub(1).min(lines.len());
            let at = (from..lines.len())
                .find(|&i| lines[i].trim() == s.denying.trim())
                .unwrap_or(from);
            let block: String = s.lines.iter().map(|l| format!("{l}\n")).collect();
            let mut out: Vec<&str> = lines;
            out.insert(at, &block);
            Ok(Some(out.concat()))
        }
        Change::GuestProxy(g) => Ok(file_waagent::waagent_edit(text, &g.host, g.port)),
        other => Err(own_targets(other, inputs).err().unwrap_or_else(|| {
            format!("a change of this kind is not written into a file: use {EMITTERS}")
        })),
    }
}

/// The user's JSON NSG file with the new rule added after its last rule (or into an empty list), in the
/// shape of its rules (nested `properties` or flat) and the file's indentation; everything else stays byte
/// for byte.
pub fn nsg_file_edit(text: &str, n: &NewNsgRule) -> Result<String, String> {
    let doc = crate::ingest::json::parse(text).map_err(|e| e.message)?;
    // the NSG object: the document, a list element, or a template resource named like it
    let nsg = find_nsg(&doc, &n.nsg)
        .ok_or_else(|| format!("no NSG `{}` with a `securityRules` list in the file", n.nsg))?;
    let nested = nsg
        .get("properties")
        .and_then(|p| p.get("securityRules"))
        .is_some();
    let rules = if nested {
        nsg.get("properties").and_then(|p| p.get("securityRules"))
    } else {
        nsg.get("securityRules")
    };
    let rule_nested = rules
        .and_then(Value::as_array)
        .and_then(|a| a.iter().find_map(Value::as_object))
        .map_or(nested, |r| r.contains_key("properties"));
    let at = file_json::array_of(
        text,
        nsg,
        nested,
        "securityRules",
        &format!("NSG `{}`", n.nsg),
    )?;
    file_json::append(text, at, &file_json::nsg_rule_item(n, rule_nested))
}

fn find_nsg<'a>(v: &'a Value, name: &str) -> Option<&'a serde_json::Map<String, Value>> {
    match v {
        Value::Object(o) => {
            let has_rules = o.get("securityRules").is_some()
                || o.get("properties")
                    .and_then(|p| p.get("securityRules"))
                    .is_some();
            if has_rules
                && o.get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            {
                return Some(o);
            }
            o.values().find_map(|x| find_nsg(x, name))
        }
        Value::Array(a) => a.iter().find_map(|x| find_nsg(x, name)),
        _ => None,
    }
}
