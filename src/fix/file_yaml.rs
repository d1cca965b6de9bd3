//! The file emitter for azegress YAML (scenario files with inline NSGs, route tables and firewalls, and
//! the standalone NSG, route table and firewall YAML): one new item appended to a block sequence, written
//! as a one-line flow mapping at the indentation of the items before it. Comments, order and every other
//! byte stay as they were; the position comes from the YAML parser's own events ([`YamlPos`]).

use crate::ingest::yaml_pos::YamlPos;
use crate::model::fix::{NewFirewallRule, NewNsgRule, NewRoute};

/// A YAML scalar that reads back as the same string whatever it holds (a JSON string is a YAML
/// double-quoted scalar).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn list(v: &[String]) -> String {
    format!(
        "[{}]",
        v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    )
}

fn ports(p: &[u16]) -> String {
    format!(
        "[{}]",
        p.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
    )
}

/// `text` with `item` (a one-line flow mapping) appended to the block sequence at JSON pointer `seq`.
pub fn yaml_append(text: &str, seq: &str, item: &str) -> Result<String, String> {
    let pos = YamlPos::of(text);
    let last = (0..)
        .map_while(|i| pos.get(&format!("{seq}/{i}")))
        .last()
        .ok_or_else(|| {
            format!(
                "the list `{seq}` is empty or absent in the file, so there is no item to add beside"
            )
        })?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let (line, col) = last;
    let own = lines
        .get(line - 1)
        .ok_or("the list's position is not known")?;
    let before: String = own.chars().take(col.saturating_sub(1)).collect();
    let dash_at = before.trim_end().len();
    if !before.trim_end().ends_with('-') || !before[..dash_at - 1].trim().is_empty() {
        return Err(format!(
            "the list `{seq}` is written in flow style (`[…]`); add the item there by hand"
        ));
    }
    let dash_col = dash_at - 1;
    let indent_of = |l: &str| l.len() - l.trim_start().len();
    let mut end = line; // 0-based index of the first line after the item
    while end < lines.len() {
        let l = lines[end];
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') || indent_of(l) > dash_col {
            end += 1;
        } else {
            break;
        }
    }
    // blank lines and comments at the list's own level belong to what follows
    while end > line {
        let l = lines[end - 1];
        let t = l.trim();
        if (t.is_empty() || t.starts_with('#')) && (t.is_empty() || indent_of(l) <= dash_col) {
            end -= 1;
        } else {
            break;
        }
    }
    let at: usize = lines[..end].iter().map(|l| l.len()).sum();
    let sep = if at > 0 && !text[..at].ends_with('\n') {
        "\n"
    } else {
        ""
    };
    Ok(format!(
        "{}{sep}{}- {item}\n{}",
        &text[..at],
        &before[..dash_col],
        &text[at..]
    ))
}

/// The NSG rule as an item of an azegress YAML `rules` list.
pub fn nsg_rule_item(n: &NewNsgRule) -> String {
    format!(
        "{{name: {}, priority: {}, direction: Outbound, access: Allow, protocol: Tcp, source: {}, destination: {}, destination_ports: {}, description: {}}}",
        q(&n.name),
        n.priority,
        q(&n.source),
        list(&n.destinations),
        ports(&n.ports),
        q(&n.description)
    )
}

/// The route as an item of an azegress YAML `routes` list.
pub fn route_item(r: &NewRoute) -> String {
    format!(
        "{{name: {}, prefix: {}, next_hop: {}{}}}",
        q(&r.name),
        q(&r.prefix),
        q(&r.next_hop),
        r.next_hop_ip
            .as_deref()
            .map_or_else(String::new, |ip| format!(", next_hop_ip: {}", q(ip)))
    )
}

/// The rule's collection as an item of an azegress YAML `network_rules` list.
pub fn firewall_item(f: &NewFirewallRule) -> String {
    let group = if f.policy.is_some() {
        format!(
            ", group: {}, group_priority: {}",
            q(&f.group),
            f.group_priority
        )
    } else {
        String::new()
    };
    format!(
        "{{collection: {}, priority: {}, action: Allow{group}, rules: [{{name: {}, sources: {}, protocols: [TCP], destinations: {}, ports: {}}}]}}",
        q(&f.collection),
        f.collection_priority,
        q(&f.name),
        list(&f.sources),
        list(&f.destinations),
        ports(&f.ports)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_after_the_last_item_and_keeps_comments() {
        let t = "a:\n  rules:\n    - name: r1\n      x: 1\n    # about r2\n    - {name: r2}\n\n# next\nb: 2\n";
        let out = yaml_append(t, "/a/rules", "{name: r3}").unwrap();
        assert_eq!(
            out,
            "a:\n  rules:\n    - name: r1\n      x: 1\n    # about r2\n    - {name: r2}\n    - {name: r3}\n\n# next\nb: 2\n"
        );
        let v: serde_json::Value = serde_yaml::from_str(&out).unwrap();
        assert_eq!(v["a"]["rules"][2]["name"], "r3");
        assert!(yaml_append("a: [1, 2]\n", "/a", "3").is_err());
        assert!(yaml_append("a: []\n", "/a", "3").is_err());
    }
}
