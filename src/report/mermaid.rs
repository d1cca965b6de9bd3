//! Mermaid reporter: the path of every flow as a flowchart, the blocking hop marked, ready to paste into
//! a pull request or wiki (GitHub, Azure DevOps and GitLab render ```mermaid blocks).

use super::table::{decision_text, hop_label, mark};
use crate::model::*;

fn esc(s: &str) -> String {
    s.replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
}

/// The check report as a Mermaid flowchart.
pub fn check(r: &CheckReport) -> String {
    let mut out = String::from("flowchart LR\n");
    let dest = r
        .flows
        .first()
        .map_or("Storage", |f| f.destination.as_str());
    out.push_str(&format!(
        "  %% azegress check: backup extension → {dest} (region {}), verdict {:?}\n",
        r.region, r.verdict
    ));
    out.push_str("  vm([\"VM\"])\n");
    let mut classes: Vec<(String, &'static str)> = Vec::new();
    for f in &r.flows {
        let id = format!("p{}", f.port);
        out.push_str(&format!(
            "  subgraph {id}[\"TCP {} — {}\"]\n    direction LR\n",
            f.port,
            format!("{:?}", f.verdict).to_lowercase()
        ));
        let mut ids = Vec::new();
        for (k, h) in f.hops.iter().enumerate() {
            let node = format!("{id}_{k}");
            let ds: Vec<String> = h
                .decisions
                .iter()
                .map(|d| esc(&decision_text(h, d)))
                .collect();
            out.push_str(&format!(
                "    {node}[\"{} {}<br/>{}\"]\n",
                mark(h.verdict),
                esc(&hop_label(h)),
                ds.join("<br/>")
            ));
            let class = match h.verdict {
                FlowVerdict::Allowed => "allowed",
                FlowVerdict::Denied | FlowVerdict::Partial => "blocked",
                FlowVerdict::Unknown => "unknown",
            };
            classes.push((node.clone(), class));
            ids.push(node);
        }
        out.push_str("  end\n");
        let mut prev = "vm".to_string();
        for (k, n) in ids.iter().enumerate() {
            let blocked = f
                .hops
                .get(k)
                .is_some_and(|h| matches!(h.verdict, FlowVerdict::Denied | FlowVerdict::Partial));
            let arrow = if blocked { "-->|blocked|" } else { "-->" };
            out.push_str(&format!("  {prev} {arrow} {n}\n"));
            prev = n.clone();
        }
    }
    out.push_str("  classDef allowed fill:#e6ffe6,stroke:#2a2\n");
    out.push_str("  classDef blocked fill:#ffe0e0,stroke:#c00,stroke-width:3px\n");
    out.push_str("  classDef unknown fill:#fff8d0,stroke:#b90\n");
    for c in ["allowed", "blocked", "unknown"] {
        let nodes: Vec<&str> = classes
            .iter()
            .filter(|(_, k)| *k == c)
            .map(|(n, _)| n.as_str())
            .collect();
        if !nodes.is_empty() {
            out.push_str(&format!("  class {} {c}\n", nodes.join(",")));
        }
    }
    out
}
