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

/// `probe --workload W` for people: per destination, each name's steps (DNS, TCP or the proxy's CONNECT,
/// TLS, HTTP) with their times and the failing step's cause; whether names a private endpoint can serve
/// resolve privately; the names not probed.
pub fn probe_text(r: &crate::app::probe::WorkloadProbeReport) -> String {
    let mut s = format!("azegress probe --workload {}: {}\n", r.workload, r.title);
    s.push_str(&match &r.proxy.proxy {
        Some(p) => format!("proxy: {p} ({})\n", r.proxy.source),
        None => format!("proxy: direct ({})\n", r.proxy.source),
    });
    for d in &r.destinations {
        s.push('\n');
        let m = match d.verdict {
            Overall::Reachable => "✓",
            Overall::Blocked => "✗",
            _ => "?",
        };
        s.push_str(&format!(
            "{m} {} — {} (via {})\n",
            d.name,
            overall(d.verdict),
            d.via
        ));
        if let (Some(z), Some(res)) = (&d.private_endpoint_zone, &d.resolves) {
            s.push_str(&format!("  private endpoint zone {z}: resolves {res}\n"));
        }
        for h in &d.hosts {
            let addrs: Vec<String> = h
                .addresses
                .iter()
                .map(|a| format!("{}{}", a.ip, if a.private { " (private)" } else { "" }))
                .collect();
            s.push_str(&format!(
                "  {}: dns {} {:.0} ms {}\n",
                h.host,
                if h.dns.ok { "ok" } else { "FAILED" },
                h.dns.ms,
                if addrs.is_empty() {
                    h.dns.detail.clone()
                } else {
                    addrs.join(", ")
                }
            ));
            for p in &h.ports {
                let steps: Vec<String> = p
                    .obs
                    .steps
                    .iter()
                    .filter(|x| x.step != crate::model::probe::StepKind::Dns)
                    .map(|x| {
                        format!(
                            "{} {} {:.0} ms",
                            x.step.name(),
                            if x.ok { "ok" } else { "FAILED" },
                            x.ms
                        )
                    })
                    .collect();
                s.push_str(&format!(
                    "    {} {}/tcp: {}\n",
                    if p.obs.reachable { "✓" } else { "✗" },
                    p.obs.port,
                    steps.join(", ")
                ));
                if let Some(c) = &p.cause {
                    s.push_str(&format!("      {c}\n"));
                }
            }
        }
        for n in &d.not_probed {
            s.push_str(&format!("  not probed: {n}\n"));
        }
    }
    for n in &r.not_checked {
        s.push_str(&format!("\nnot checked: {} ({})\n", n.name, n.why));
    }
    if !r.agent.is_empty() {
        s.push('\n');
        for a in &r.agent {
            s.push_str(&format!(
                "VM agent {}: {}\n",
                a.obs.endpoint,
                if a.obs.reachable { "ok" } else { "FAILED" }
            ));
            if let Some(c) = &a.cause {
                s.push_str(&format!("  {c}\n"));
            }
        }
    }
    s.push_str(&format!("\nverdict: {}\n", overall(r.verdict)));
    for d in &r.diagnostics {
        s.push_str(&crate::report::diagnostic_text(d));
        s.push('\n');
    }
    s
}
