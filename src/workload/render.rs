//! A workload report as text, JSON or Markdown.

use super::WorkloadReport;
use crate::model::*;
use crate::report::table::{decision_text, hop_label, mark, wrap};
use crate::report::{Format, Style};

fn word(v: FlowVerdict) -> &'static str {
    match v {
        FlowVerdict::Allowed => "allowed",
        FlowVerdict::Denied => "denied",
        FlowVerdict::Partial => "partial",
        FlowVerdict::Unknown => "unknown",
    }
}

fn overall(v: Overall) -> String {
    format!("{v:?}").to_uppercase()
}

/// Renders in the format asked (Mermaid falls back to text).
pub fn render(r: &WorkloadReport, f: Format, style: &Style) -> String {
    match f {
        Format::Json => crate::report::json::to_json(r),
        Format::Markdown => markdown(r),
        _ => text(r, style),
    }
}

/// The report for people: one row per destination and port with the deciding rule at each hop.
pub fn text(r: &WorkloadReport, style: &Style) -> String {
    let w = style.width;
    let mut out = String::new();
    let mut line = |t: String, indent: &str| {
        out.push_str(&wrap(&t, w, indent));
        out.push('\n');
    };
    line(
        format!(
            "azegress check --workload {}: {} (region {}{})",
            r.workload,
            r.title,
            r.region,
            r.target_region
                .as_ref()
                .map_or_else(String::new, |t| format!(", target region {t}"))
        ),
        "  ",
    );
    line(
        format!(
            "service tags: {} changeNumber {} ({})",
            r.service_tags.cloud, r.service_tags.change_number, r.service_tags.source
        ),
        "  ",
    );
    if let Some(m) = &r.matters {
        line(format!("when it matters: {m}"), "  ");
    }
    line(format!("proxy: {}", r.proxy_rules), "  ");
    for d in &r.destinations {
        line(String::new(), "");
        line(
            format!(
                "{} {} — {}: {}",
                match d.verdict {
                    Overall::Reachable => "✓",
                    Overall::Unknown => "?",
                    _ => "✗",
                },
                d.name,
                d.service_tag
                    .clone()
                    .unwrap_or_else(|| "no service tag".into()),
                overall(d.verdict)
            ),
            "    ",
        );
        line(
            format!(
                "  reached at: {}; proxy: {}; FQDNs: {}{}",
                d.reached_at,
                d.proxy,
                d.fqdns.join(", "),
                d.firewall_fqdn_tag
                    .as_ref()
                    .map_or_else(String::new, |t| format!("; Azure Firewall FQDN tag {t}"))
            ),
            "    ",
        );
        for f in &d.flows {
            let what = f
                .purpose
                .strip_prefix(&format!("{}: ", d.name))
                .unwrap_or(&f.purpose);
            line(
                format!("  {}/tcp {what} {}: {}", f.port, word(f.verdict), f.why),
                "      ",
            );
            for h in &f.hops {
                let ds: Vec<String> = h.decisions.iter().map(|x| decision_text(h, x)).collect();
                line(
                    format!(
                        "      {} {}: {}",
                        mark(h.verdict),
                        hop_label(h),
                        ds.join("; ")
                    ),
                    "        ",
                );
            }
        }
    }
    for n in &r.not_checked {
        line(format!("not checked: {} — {}", n.name, n.why), "  ");
    }
    line(String::new(), "");
    line(format!("verdict: {}", overall(r.verdict)), "  ");
    for d in &r.destinations {
        for p in &d.ports {
            let of_port = d.flows.iter().filter(|f| f.port == *p);
            let worst = of_port.min_by_key(|f| match f.verdict {
                FlowVerdict::Denied => 0,
                FlowVerdict::Partial => 1,
                FlowVerdict::Unknown => 2,
                FlowVerdict::Allowed => 3,
            });
            if let Some(f) = worst {
                line(
                    format!("  {} {p}/tcp {}: {}", d.name, word(f.verdict), f.why),
                    "    ",
                );
            }
        }
    }
    if !r.next_steps.is_empty() {
        line("next steps:".into(), "");
        for s in &r.next_steps {
            line(format!("  - {s}"), "    ");
        }
    }
    for d in &r.diagnostics {
        line(crate::report::diagnostic_text(d), "    ");
    }
    line(format!("requirements: {}", r.learn), "  ");
    out
}

fn markdown(r: &WorkloadReport) -> String {
    use crate::report::markdown::cell;
    let mut s = format!(
        "## azegress check --workload {}: {}\n\n**Verdict: {}** (region {})\n\n| Destination | Service tag | Port | Verdict | Why |\n|---|---|---|---|---|\n",
        r.workload,
        cell(&r.title),
        overall(r.verdict),
        cell(&r.region)
    );
    for f in &r.flows {
        s.push_str(&format!(
            "| {} | {} | {}/tcp | {} | {} |\n",
            cell(f.purpose.split(": ").next().unwrap_or("")),
            cell(&f.destination),
            f.port,
            word(f.verdict),
            cell(&f.why)
        ));
    }
    if let Some(m) = &r.matters {
        s.push_str(&format!("\nWhen it matters: {}\n", cell(m)));
    }
    s
}
