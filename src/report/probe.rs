//! `azegress probe` and `azegress tags update` as text.

use super::Style;
use crate::model::probe::{PortReport, ProbeReport, ProbeVerdict, Step, StepKind};
use crate::model::tags::UpdateReport;

/// Hosts up to this many get every step; more get one line each.
const DETAILED_HOSTS: usize = 5;

fn fmt_ms(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else {
        format!("{ms:.0} ms")
    }
}

fn step_text(s: &Step) -> String {
    let what = s.step.name();
    if s.ok {
        match s.step {
            StepKind::Http => {
                let status = s.detail.rsplit(' ').next().unwrap_or("");
                format!("http {status} ({})", fmt_ms(s.ms))
            }
            _ => format!("{what} {}", fmt_ms(s.ms)),
        }
    } else {
        let f = s
            .failure
            .map(|f| format!("{f:?}"))
            .unwrap_or_default()
            .chars()
            .flat_map(|c| {
                if c.is_uppercase() {
                    vec![' ', c.to_ascii_lowercase()]
                } else {
                    vec![c]
                }
            })
            .collect::<String>();
        format!("{what} FAILED:{f} ({})", fmt_ms(s.ms))
    }
}

fn port_line(p: &PortReport) -> String {
    let steps: Vec<String> = p.obs.steps.iter().map(step_text).collect();
    format!(
        "  {:<6}{:<8}{}",
        p.obs.port,
        if p.obs.via == "direct" {
            "direct"
        } else {
            "proxy"
        },
        steps.join(" · ")
    )
}

/// `probe` as text.
pub fn probe_text(r: &ProbeReport, style: &Style) -> String {
    let mut s = String::new();
    let proxy = match &r.proxy.proxy {
        Some(p) => format!("proxy {p} ({})", r.proxy.source),
        None => format!("direct ({})", r.proxy.source),
    };
    s.push_str(&format!("probe on this VM ({}), {proxy}\n", r.os));
    let detailed = r.hosts.len() <= DETAILED_HOSTS;
    for h in &r.hosts {
        if !detailed {
            let failed: Vec<String> = h
                .ports
                .iter()
                .filter(|p| !p.obs.reachable)
                .map(|p| {
                    format!(
                        "{} ({})",
                        p.obs.port,
                        p.obs.failed().map(step_text).unwrap_or_default()
                    )
                })
                .collect();
            if failed.is_empty() {
                s.push_str(&format!("  ok       {}\n", h.host));
            } else {
                s.push_str(&format!("  BLOCKED  {}: {}\n", h.host, failed.join(", ")));
            }
            continue;
        }
        let addrs: Vec<String> = h
            .addresses
            .iter()
            .map(|a| {
                let place = if a.private {
                    "private address".to_string()
                } else if a.storage_tags.is_empty() {
                    "in no Storage tag".to_string()
                } else {
                    let mark = match a.in_region {
                        Some(true) => ", the VM's region",
                        Some(false) => ", NOT the VM's region",
                        None => "",
                    };
                    format!("{}{mark}", a.storage_tags.join(", "))
                };
                format!("{} ({place})", a.ip)
            })
            .collect();
        let resolved = if h.dns.ok {
            addrs.join(", ")
        } else {
            format!("no address: {}", h.dns.detail)
        };
        s.push_str(&format!("\n{} → {resolved}\n", h.host));
        if !h.dns.ok {
            let ports: Vec<String> = h.ports.iter().map(|p| p.obs.port.to_string()).collect();
            if let Some(c) = h.ports.first().and_then(|p| p.cause.as_ref()) {
                s.push_str(&format!("  {c}\n"));
            }
            s.push_str(&format!(
                "  ports {} not tried: no address to connect to\n",
                ports.join(", ")
            ));
            continue;
        }
        s.push_str("  port  via     steps\n");
        for p in &h.ports {
            s.push_str(&port_line(p));
            s.push('\n');
            if let Some(c) = &p.cause {
                s.push_str(&format!("              {c}\n"));
                if let Some(f) = p.obs.failed() {
                    s.push_str(&format!("              seen: {}\n", f.detail));
                }
            }
        }
    }
    if !r.agent.is_empty() {
        s.push_str("\nVM agent (always direct, never through a proxy)\n");
        for a in &r.agent {
            let steps: Vec<String> = a.obs.steps.iter().map(step_text).collect();
            s.push_str(&format!("  {:<22}{}\n", a.obs.endpoint, steps.join(" · ")));
            if let Some(c) = &a.cause {
                s.push_str(&format!("              {c}\n"));
            }
        }
    }
    if !r.diagnostics.is_empty() {
        s.push('\n');
        for d in &r.diagnostics {
            s.push_str(&super::diagnostic_text(d));
            s.push('\n');
        }
    }
    let ports: Vec<&PortReport> = r.hosts.iter().flat_map(|h| h.ports.iter()).collect();
    let ok = ports.iter().filter(|p| p.obs.reachable).count();
    let word = match r.verdict {
        ProbeVerdict::Reachable => "REACHABLE",
        ProbeVerdict::Blocked => "BLOCKED",
    };
    let word = if style.color {
        let c = if r.verdict == ProbeVerdict::Reachable {
            32
        } else {
            31
        };
        format!("\x1b[1;{c}m{word}\x1b[0m")
    } else {
        word.to_string()
    };
    let agent_ok = r.agent.iter().filter(|a| a.obs.reachable).count();
    s.push_str(&format!(
        "\n{word}: {ok} of {} storage connections answered over {} host(s); VM agent {agent_ok} of {}; {}\n",
        ports.len(),
        r.hosts.len(),
        r.agent.len(),
        fmt_ms(r.total_ms)
    ));
    if r.verdict == ProbeVerdict::Blocked {
        s.push_str(
            "next: save this with --out probe.json and run `azegress diagnose --probe probe.json` with the exports \
             to see whether the configuration explains it\n",
        );
    }
    s
}

/// `tags update` as text.
pub fn tags_update(r: &UpdateReport) -> String {
    if r.status == "current" {
        return format!(
            "already current: {} (changeNumber {}) is the file {} serves\n",
            r.file.path, r.file.change_number, r.url
        );
    }
    let mut s = format!(
        "installed {} (changeNumber {}, {} tags) from {}\n",
        r.file.path, r.file.change_number, r.tags, r.url
    );
    for d in &r.diagnostics {
        s.push_str(&super::diagnostic_text(d));
        s.push('\n');
    }
    if let Some(p) = &r.previous {
        s.push_str(&format!(
            "previous: {} (changeNumber {}){}\n",
            p.path,
            p.change_number,
            if p.path.starts_with("bundled:") {
                ""
            } else {
                ", kept"
            }
        ));
        let old = if p.path.starts_with("bundled:") {
            "service-tags/ServiceTags_Public_20251106.json"
        } else {
            p.path.as_str()
        };
        s.push_str(&format!(
            "what changed: azegress tags diff {old} {}\n",
            r.file.path
        ));
    }
    for d in &r.removed {
        s.push_str(&format!("removed older: {d}\n"));
    }
    s.push_str("check, fix and diagnose now use it unless --service-tags names another file\n");
    s
}
