//! Markdown reporter for a pull-request comment: the verdict line, the table, the next steps and the path
//! as a Mermaid diagram in a fence (GitHub, Azure DevOps and GitLab render it).

use super::table::{decision_text, hop_label, mark, summary_line};
use crate::model::*;

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

/// The check report as Markdown.
pub fn check(r: &CheckReport) -> String {
    let dest = r
        .flows
        .first()
        .map_or("Storage", |f| f.destination.as_str());
    let mut out = format!(
        "### azegress: backup extension → {dest} (region {})\n\n**{}**\n\n",
        r.region,
        summary_line(r)
    );
    out.push_str("| Port | Verdict | Allowed | Path |\n|---|---|---|---|\n");
    for f in &r.flows {
        let path: Vec<String> = f
            .hops
            .iter()
            .map(|h| {
                let ds: Vec<String> = h.decisions.iter().map(|d| decision_text(h, d)).collect();
                format!("{} {}: {}", mark(h.verdict), hop_label(h), ds.join("; "))
            })
            .collect();
        out.push_str(&format!(
            "| {}/tcp | {} | {}/{} | {} |\n",
            f.port,
            format!("{:?}", f.verdict).to_lowercase(),
            f.prefixes.allowed,
            f.prefixes.total,
            cell(&path.join("\n"))
        ));
    }
    out.push('\n');
    for f in &r.flows {
        out.push_str(&format!("- **{}/tcp**: {}\n", f.port, f.why));
    }
    for s in &r.next_steps {
        out.push_str(&format!("- next: {s}\n"));
    }
    for w in &r.warnings {
        out.push_str(&format!("- warning: {w}\n"));
    }
    for a in &r.assumptions {
        out.push_str(&format!("- note: {a}\n"));
    }
    out.push_str(&format!(
        "\nService tags: {} changeNumber {} ({}).\n\n```mermaid\n{}```\n",
        r.service_tags.cloud,
        r.service_tags.change_number,
        r.service_tags.source,
        super::mermaid::check(r)
    ));
    out
}
