//! Table reporter for people (comfy-table). Colour only when asked (a terminal without NO_COLOR).

use crate::model::*;
use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

fn verdict_cell(text: &str, good: bool, bad: bool, color: bool) -> Cell {
    let c = Cell::new(text);
    if !color {
        return c;
    }
    if good {
        c.fg(Color::Green)
    } else if bad {
        c.fg(Color::Red)
    } else {
        c.fg(Color::Yellow)
    }
}

/// A mark for a verdict: ✓ allowed, ✗ denied, ~ partial, ? unknown.
pub fn mark(v: FlowVerdict) -> &'static str {
    match v {
        FlowVerdict::Allowed => "✓",
        FlowVerdict::Denied => "✗",
        FlowVerdict::Partial => "~",
        FlowVerdict::Unknown => "?",
    }
}

/// How a hop is named in text: `nic NSG vm1-nsg`, `route spoke-rt`, `firewall hub-fw`.
pub fn hop_label(h: &Hop) -> String {
    let leg = match h.leg {
        "vm-to-proxy" => "[VM→proxy] ",
        "proxy-to-storage" => "[proxy→storage] ",
        _ => "",
    };
    let what = match h.hop {
        "nsg" => format!(
            "{} NSG {}",
            h.attached_to.map_or_else(String::new, |a| a.to_string()),
            h.name
        ),
        "destination" => format!("reached {}", h.name),
        "proxy" => format!("proxy {} ({})", h.name, h.target),
        k => format!("{k} {}", h.name),
    };
    format!("{leg}{what}")
}

/// One decision in words: `Deny securityRules/X (4000), 16 prefixes`.
pub fn decision_text(h: &Hop, d: &Decision) -> String {
    let access = match d.access {
        DecisionAccess::Allow if h.hop == "route" => "→",
        DecisionAccess::Allow => "Allow",
        DecisionAccess::Deny => "Deny",
        DecisionAccess::Unknown => "Unknown",
    };
    let n = if h.leg == "vm-to-proxy" {
        h.target.split(':').next().unwrap_or("").to_string()
    } else if d.prefixes == 1 {
        "1 prefix".to_string()
    } else {
        format!("{} prefixes", d.prefixes)
    };
    let prio = if d.priority > 0 {
        format!(" ({})", d.priority)
    } else {
        String::new()
    };
    match (&d.next_hop, h.hop) {
        (Some(nh), _) => format!("{} {access} {nh}, {n}", d.rule),
        (None, "destination") => n,
        _ => format!("{access} {}{prio}, {n}", d.rule),
    }
}

fn path_text(f: &FlowResult) -> String {
    if f.hops.is_empty() {
        return "(nothing reached)".into();
    }
    let mut lines = Vec::new();
    for h in &f.hops {
        let ds: Vec<String> = h.decisions.iter().map(|d| decision_text(h, d)).collect();
        lines.push(format!(
            "{} {}: {}",
            mark(h.verdict),
            hop_label(h),
            ds.join("; ")
        ));
    }
    lines.join("\n")
}

fn new_table(color: bool) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Disabled);
    if color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

/// The check report as a table plus a header and footer.
pub fn check(r: &CheckReport, color: bool) -> String {
    let dest = r
        .flows
        .first()
        .map_or("Storage", |f| f.destination.as_str());
    let mut out = format!(
        "azegress check: backup extension → {dest} (region {})\nservice tags: {} changeNumber {} ({})\nstorage host: {}\n",
        r.region,
        r.service_tags.cloud,
        r.service_tags.change_number,
        r.service_tags.source,
        r.storage_host
    );
    if let Some(p) = &r.proxy {
        out.push_str(&format!(
            "proxy: {}:{} from {} ({}){}\n",
            p.host,
            p.port,
            p.setting,
            format!("{:?}", p.os).to_lowercase(),
            if p.bypassed {
                ", bypassed for the storage host"
            } else {
                ""
            }
        ));
    }
    let mut t = new_table(color);
    t.set_header(vec!["Port", "Verdict", "Prefixes allowed", "Path"]);
    for f in &r.flows {
        let v = format!("{:?}", f.verdict).to_lowercase();
        t.add_row(vec![
            Cell::new(format!("{}/tcp", f.port)),
            verdict_cell(
                &v,
                f.verdict == FlowVerdict::Allowed,
                matches!(f.verdict, FlowVerdict::Denied | FlowVerdict::Partial),
                color,
            ),
            Cell::new(format!("{}/{}", f.prefixes.allowed, f.prefixes.total)),
            Cell::new(path_text(f)),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    let v = format!("{:?}", r.verdict).to_uppercase();
    out.push_str(&format!("verdict: {v}\n"));
    for f in &r.flows {
        out.push_str(
            &format!("  {}/tcp {:?}: {}\n", f.port, f.verdict, f.why)
                .replace(" Allowed:", " allowed:")
                .replace(" Denied:", " denied:")
                .replace(" Partial:", " partial:")
                .replace(" Unknown:", " unknown:"),
        );
    }
    for f in r.flows.iter().filter(|f| f.first_denied_prefix.is_some()) {
        if let Some(p) = &f.first_denied_prefix {
            out.push_str(&format!("  {}/tcp: first denied prefix {p}\n", f.port));
        }
    }
    for w in &r.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    for a in &r.assumptions {
        out.push_str(&format!("note: {a}\n"));
    }
    out
}

/// The flow-verify report.
pub fn flow(r: &FlowVerifyReport, color: bool) -> String {
    let mut t = new_table(color);
    t.set_header(vec!["Access", "Rule", "NSG", "Attached to"]);
    let a = format!("{:?}", r.access);
    t.add_row(vec![
        verdict_cell(
            &a,
            r.access == DecisionAccess::Allow,
            r.access == DecisionAccess::Deny,
            color,
        ),
        Cell::new(r.rule.as_deref().unwrap_or("-")),
        Cell::new(r.nsg.as_deref().unwrap_or("-")),
        Cell::new(r.attached_to.map_or("-".to_string(), |x| x.to_string())),
    ]);
    let mut out = t.to_string();
    out.push_str(&format!("\n{}\n", r.why));
    for w in &r.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    out
}
