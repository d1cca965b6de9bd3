//! The file emitter: the user's own JSON NSG file with a new rule spliced in, in the file's shape and
//! indentation, everything else byte for byte (`fix --emit file`, `--write`).

use crate::model::fix::NewNsgRule;
use serde_json::{Value, json};

/// The user's JSON NSG file with the new rule added after its last rule (or into an empty list), in the
/// file's own shape (nested `properties` or flat) and indentation; everything else stays byte for byte.
pub fn nsg_file_edit(text: &str, n: &NewNsgRule) -> Result<String, String> {
    let doc = crate::ingest::json::parse(text).map_err(|e| e.message)?;
    // the NSG object: the document, a list element, or a template resource named like it
    let nsg = find_nsg(&doc, &n.nsg).ok_or_else(|| {
        format!("no NSG `{}` with a `securityRules` list in the file: use --emit azcli, powershell, arm, bicep or terraform", n.nsg)
    })?;
    let (rules, nested) = match nsg.get("properties").and_then(|p| p.get("securityRules")) {
        Some(Value::Array(a)) => (a, true),
        _ => match nsg.get("securityRules") {
            Some(Value::Array(a)) => (a, false),
            _ => return Err("the NSG has no `securityRules` list to add to".into()),
        },
    };
    let new = |indent: &str, nested: bool| -> String {
        let mut props = serde_json::Map::new();
        props.insert("description".into(), Value::String(n.description.clone()));
        props.insert("priority".into(), json!(n.priority));
        props.insert("direction".into(), json!("Outbound"));
        props.insert("access".into(), json!("Allow"));
        props.insert("protocol".into(), json!("Tcp"));
        props.insert(
            "sourceAddressPrefix".into(),
            Value::String(n.source.clone()),
        );
        props.insert("sourcePortRange".into(), json!("*"));
        props.insert("destinationAddressPrefixes".into(), json!(n.destinations));
        props.insert(
            "destinationPortRanges".into(),
            json!(n.ports.iter().map(ToString::to_string).collect::<Vec<_>>()),
        );
        let obj = if nested {
            json!({"name": n.name, "properties": props})
        } else {
            let mut m = serde_json::Map::new();
            m.insert("name".into(), Value::String(n.name.clone()));
            m.extend(props);
            Value::Object(m)
        };
        let pretty = serde_json::to_string_pretty(&obj).unwrap_or_default();
        pretty
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    l.to_string()
                } else {
                    format!("{indent}{l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let last = rules
        .iter()
        .rev()
        .find_map(|r| r.as_object().and_then(crate::ingest::json::loc_of));
    match last {
        Some(loc) => {
            let line_start = text[..loc.start].rfind('\n').map_or(0, |i| i + 1);
            let indent: String = text[line_start..loc.start]
                .chars()
                .take_while(|c| c.is_whitespace())
                .collect();
            Ok(format!(
                "{},\n{indent}{}{}",
                &text[..loc.end],
                new(&indent, nested),
                &text[loc.end..]
            ))
        }
        None => Err(
            "the NSG has no rules yet: add the rule with --emit azcli (or another emitter)".into(),
        ),
    }
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
