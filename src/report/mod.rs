//! Reporters: one per output format. They only turn a report into text.

pub mod emit;
pub mod explain;
pub mod gate;
pub mod json;
pub mod markdown;
pub mod mermaid;
pub mod probe;
pub mod progress;
pub mod safe;
pub mod sarif;
pub mod style;
pub mod table;

use crate::model::diagnose::DiagnoseReport;
use crate::model::diff::DiffReport;
use crate::model::fix::FixReport;
use crate::model::tags::{TagDiffReport, TagLookupReport, TagShowReport, TagsInfoReport};
use crate::model::{CheckReport, FlowVerifyReport};
pub use probe::{probe_text, tags_update};
pub use style::Style;

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
// clap: the `help` values keep `--help` as it was (these doc comments are for the library).
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// A table for people.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Table,
    /// JSON (schema in the README).
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Json,
    /// A Mermaid flowchart of the path (check only).
    Mermaid,
    /// Markdown for a pull-request comment: verdict, table, steps, and the diagram (check only).
    #[cfg_attr(
        feature = "cli",
        value(
            help = "Markdown for a pull-request comment: verdict, table and the diagram (check only)"
        )
    )]
    Markdown,
}

/// One diagnostic as a line of text: `warning[AZE0201]: message` (the severity, the code to look up with
/// `azegress explain`), then what to do when it says more.
pub fn diagnostic_text(d: &crate::diag::Diagnostic) -> String {
    let sev = match d.severity {
        crate::diag::Severity::Error => "error",
        crate::diag::Severity::Warning => "warning",
        crate::diag::Severity::Note => "note",
    };
    match &d.help {
        Some(h) => format!("{sev}[{}]: {}; {h}", d.code, d.message),
        None => format!("{sev}[{}]: {}", d.code, d.message),
    }
}

/// Renders a check report.
pub fn render_check(r: &CheckReport, f: Format, style: &Style) -> String {
    match f {
        Format::Table => table::check(r, style),
        Format::Json => json::to_json(r),
        Format::Mermaid => mermaid::check(r),
        Format::Markdown => markdown::check(r),
    }
}

/// Renders a flow-verify report (Mermaid is for checks; it falls back to the table).
pub fn render_flow(r: &FlowVerifyReport, f: Format, style: &Style) -> String {
    match f {
        Format::Table | Format::Mermaid | Format::Markdown => table::flow(r, style),
        Format::Json => json::to_json(r),
    }
}

/// `tags info` as text.
pub fn tags_info(r: &TagsInfoReport) -> String {
    let mut s = format!(
        "source: {}\ncloud: {}\nchangeNumber: {}\ntags: {}\nregional Storage tags: {}\nregional AzureBackup tags: {}\n",
        r.source,
        r.cloud,
        r.change_number,
        r.tags,
        r.regional_storage_tags,
        r.regional_azurebackup_tags
    );
    if let Some(p) = &r.published {
        s.push_str(&format!("published: {p}\n"));
    }
    for d in &r.diagnostics {
        s.push_str(&diagnostic_text(d));
        s.push('\n');
    }
    s
}

/// `tags show` as text.
pub fn tags_show(r: &TagShowReport) -> String {
    let mut s = if r.computed {
        format!("tag: {} (computed, not in the file)\n", r.tag)
    } else {
        format!("tag: {}\n", r.tag)
    };
    if let Some(f) = &r.region_field {
        s.push_str(&format!(
            "region field: {}\n",
            if f.is_empty() { "(global)" } else { f }
        ));
    }
    s.push_str(&format!(
        "source: {} (cloud {}, changeNumber {})\nprefixes: {}\n",
        r.source,
        r.cloud,
        r.change_number,
        r.prefixes.len()
    ));
    for n in &r.prefixes {
        s.push_str(n);
        s.push('\n');
    }
    s
}

/// `fix` as text: what blocks, each change, the re-check, then the change in each language asked for.
pub fn fix_text(r: &FixReport, style: &Style) -> String {
    use crate::model::fix::Change;
    let w = style.width;
    let mut out = String::new();
    let mut line = |t: String| {
        out.push_str(&table::wrap(&t, w, "  "));
        out.push('\n');
    };
    let f = &r.fix;
    line(format!("azegress fix --option {}", f.option));
    line(format!("before: {}", table::summary_line(&f.before)));
    for (i, c) in f.changes.iter().enumerate() {
        line(match c {
            Change::NsgRule(n) => format!(
                "change {}: NSG `{}` ({}): add outbound Allow TCP {} from {} to {} at priority {} as `{}`",
                i + 1,
                n.nsg,
                n.slot,
                n.ports
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
                n.source,
                if n.destinations.len() > 3 {
                    format!("{} prefixes", n.destinations.len())
                } else {
                    n.destinations.join(", ")
                },
                n.priority,
                n.name
            ),
            Change::FirewallRule(x) => format!(
                "change {}: Azure Firewall `{}`{}: add network rule `{}` TCP {} from {} to {} ({}collection `{}` priority {})",
                i + 1,
                x.firewall,
                x.policy
                    .as_deref()
                    .map_or_else(String::new, |p| format!(" (policy `{p}`)")),
                x.name,
                x.ports
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
                x.sources.join(", "),
                x.destinations.join(", "),
                x.policy.as_ref().map_or_else(String::new, |_| format!(
                    "group `{}` priority {}, ",
                    x.group, x.group_priority
                )),
                x.collection,
                x.collection_priority
            ),
            Change::FirewallAppRule(x) => format!(
                "change {}: Azure Firewall `{}`{}: add application rule `{}` {} on {} from {} ({}{}collection `{}` priority {})",
                i + 1,
                x.firewall,
                x.policy
                    .as_deref()
                    .map_or_else(String::new, |p| format!(" (policy `{p}`)")),
                x.name,
                if x.target_fqdns.is_empty() {
                    format!("with the FQDN tag {}", x.fqdn_tag)
                } else {
                    format!("to {}", x.target_fqdns.join(", "))
                },
                x.ports
                    .iter()
                    .map(|p| format!("Https:{p}"))
                    .collect::<Vec<_>>()
                    .join(","),
                x.sources.join(", "),
                if x.target_fqdns.is_empty() {
                    "the firewall option the backup documentation prescribes; "
                } else {
                    ""
                },
                x.policy.as_ref().map_or_else(String::new, |_| format!(
                    "group `{}` priority {}, ",
                    x.group, x.group_priority
                )),
                x.collection,
                x.collection_priority
            ),
            Change::NatGateway(n) => format!(
                "change {}: subnet `{}` (private, no explicit outbound method): attach a new NAT gateway `{}` in {} with a Standard public IP `{}`",
                i + 1,
                n.subnet,
                n.name,
                n.location,
                n.public_ip
            ),
            Change::AdminRule(a) => format!(
                "change {}: network manager `{}`, configuration `{}`, rule collection `{}` (for the network manager's owners: no NSG change repairs {}): add security admin rule `{}` {} Outbound TCP {} from {} to {} at priority {}",
                i + 1,
                a.network_manager,
                a.configuration,
                a.rule_collection,
                a.before,
                a.name,
                a.access,
                a.ports
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
                a.sources.join(", "),
                a.destination,
                a.priority
            ),
            Change::Route(x) => format!(
                "change {}: route table `{}`: add route `{}` {} → {}{}",
                i + 1,
                x.table,
                x.name,
                x.prefix,
                x.next_hop,
                x.next_hop_ip
                    .as_deref()
                    .map_or_else(String::new, |ip| format!(" {ip}"))
            ),
            Change::SquidLines(x) => format!(
                "change {}: {}: before line {} (`{}`) {}: {}",
                i + 1,
                emit::note(&x.file),
                x.before_line,
                emit::note(&x.denying),
                if x.lines.iter().any(|l| l.starts_with("ssl_bump ")) {
                    "splice TLS to the blob hosts (no bump)"
                } else {
                    "allow the VM to the blob hosts"
                },
                x.lines
                    .iter()
                    .filter(|l| !l.starts_with('#'))
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(" / ")
            ),
            Change::GuestProxy(g) => format!(
                "change {}: on the VM ({}): set the proxy {}:{} where the backup extension reads it{}, bypassing {}",
                i + 1,
                format!("{:?}", g.os).to_lowercase(),
                g.host,
                g.port,
                if g.os == crate::model::Os::Linux {
                    " (HttpProxy.Host/Port in /etc/waagent.conf)"
                } else {
                    " (the SYSTEM account and WinHTTP)"
                },
                g.bypass.join(", ")
            ),
        });
    }
    if f.changes.is_empty() && f.still_blocked.is_none() {
        line("nothing to change: no required flow is blocked".into());
    }
    if let Some(s) = &f.still_blocked {
        line(format!("still blocked: {s}"));
    }
    for n in &f.notes {
        line(diagnostic_text(n));
    }
    for a in &f.alternatives {
        line(format!("not chosen: {a}"));
    }
    line(format!("re-check: {}", table::summary_line(&f.after)));
    for e in &r.emitted {
        out.push_str(&format!(
            "\n--- {} ---\n{}",
            format!("{:?}", e.emit).to_lowercase(),
            e.text
        ));
    }
    for fl in &r.files {
        out.push_str(&format!(
            "\n--- file {} ({}) ---\n{}",
            fl.fixed,
            match fl.recheck {
                Some(v) => format!(
                    "written; checked again from disk: {}",
                    format!("{v:?}").to_uppercase()
                ),
                None => "not written: pass --write".into(),
            },
            fl.diff
        ));
    }
    out
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// `diagnose` as text (or Markdown, for a ticket or pull request).
pub fn diagnose_text(r: &DiagnoseReport, style: &Style, markdown: bool) -> String {
    let w = if markdown {
        usize::MAX / 2
    } else {
        style.width
    };
    let mut out = String::new();
    let h = if markdown { "### " } else { "" };
    line(
        &mut out,
        w,
        markdown,
        format!("{h}azegress diagnose {}", r.error),
        "  ",
    );
    line(
        &mut out,
        w,
        markdown,
        format!("offline verdict: {}", table::summary_line(&r.check)),
        "  ",
    );
    line(&mut out, w, markdown, String::new(), "");
    if r.causes.is_empty() {
        line(&mut out, w, markdown, "no cause found in the exports: every required flow is allowed offline; check on the VM (below)".into(), "  ");
    } else {
        line(
            &mut out,
            w,
            markdown,
            format!("{h}causes, most decisive first"),
            "  ",
        );
    }
    for (i, c) in r.causes.iter().enumerate() {
        line(
            &mut out,
            w,
            markdown,
            format!("{}. {}", i + 1, c.what),
            "   ",
        );
        line(
            &mut out,
            w,
            markdown,
            format!("   evidence: {}", c.evidence),
            "     ",
        );
        if let Some(l) = &c.location {
            line(&mut out, w, markdown, format!("   at: {l}"), "     ");
        }
        if let Some(f) = &c.repair {
            line(&mut out, w, markdown, format!("   repair: {f}"), "     ");
        }
        line(
            &mut out,
            w,
            markdown,
            format!("   see: {}", c.learn),
            "     ",
        );
    }
    if let Some(j) = &r.probe {
        line(&mut out, w, markdown, String::new(), "");
        line(
            &mut out,
            w,
            markdown,
            format!("{h}offline and on the VM (azegress probe)"),
            "  ",
        );
        for row in j {
            line(
                &mut out,
                w,
                markdown,
                format!(
                    "- {}/tcp: offline {}, on the VM {}: {}",
                    row.port,
                    format!("{:?}", row.offline).to_lowercase(),
                    row.on_the_vm,
                    row.meaning
                ),
                "    ",
            );
        }
    }
    for b in &r.nsg_breakdown {
        line(&mut out, w, markdown, String::new(), "");
        line(
            &mut out,
            w,
            markdown,
            format!(
                "{h}NSG rules for {}/tcp, field by field{}",
                b.port,
                if r.check.proxy.is_some() {
                    " (the direct path to storage; the extension itself goes to the proxy)"
                } else {
                    ""
                }
            ),
            "  ",
        );
        let mut t = comfy_table::Table::new();
        if markdown {
            t.load_style(comfy_table::presets::ASCII_MARKDOWN);
        } else {
            // for the terminal: box drawing, cells wrapped to fit the width
            t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
            t.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
            t.set_width(u16::try_from(style.width).unwrap_or(u16::MAX));
            t.force_no_tty();
        }
        let rows: Vec<Vec<String>> = if markdown {
            t.set_header(vec![
                "NSG",
                "Rule",
                "Priority",
                "Access",
                "Protocol",
                "Source",
                "Source ports",
                "Destination",
                "Port",
                "Decides",
            ]);
            b.rules
                .iter()
                .map(|c| {
                    vec![
                        markdown::cell(&format!("{} ({})", c.nsg, c.attached_to)),
                        markdown::cell(&c.rule),
                        c.priority.to_string(),
                        format!("{:?}", c.access),
                        yes_no(c.protocol).to_string(),
                        markdown::cell(&c.source),
                        markdown::cell(&c.source_ports),
                        markdown::cell(&c.destination),
                        yes_no(c.destination_port).to_string(),
                        if c.decides {
                            "◀ decides".into()
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect()
        } else {
            // for the terminal: the fields that match in one column, so the table fits 80 columns
            t.set_header(vec![
                "Rule (NSG)",
                "Priority",
                "Access",
                "Matches the flow",
                "",
            ]);
            b.rules
                .iter()
                .map(|c| {
                    vec![
                        format!("{} ({}, {})", c.rule, c.nsg, c.attached_to),
                        c.priority.to_string(),
                        format!("{:?}", c.access),
                        format!(
                            "protocol {}, source {}, source ports {}, destination {}, port {}",
                            yes_no(c.protocol),
                            c.source,
                            c.source_ports,
                            c.destination,
                            yes_no(c.destination_port)
                        ),
                        if c.decides {
                            "◀ decides".into()
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect()
        };
        for cells in rows {
            // a crafted megabyte-long name is cut before the table lays it out
            t.add_row(
                cells
                    .iter()
                    .map(|x| table::cut_words(x, table::MAX_WORD).into_owned()),
            );
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    line(&mut out, w, markdown, String::new(), "");
    line(
        &mut out,
        w,
        markdown,
        format!("{h}check on the VM (not in any export)"),
        "  ",
    );
    for c in &r.check_on_the_vm {
        line(&mut out, w, markdown, format!("- {c}"), "  ");
    }
    line(&mut out, w, markdown, String::new(), "");
    line(
        &mut out,
        w,
        markdown,
        format!("{h}not to be confused with"),
        "  ",
    );
    for c in &r.confusable {
        line(
            &mut out,
            w,
            markdown,
            format!("- {}: {}", c.code, c.differs),
            "  ",
        );
    }
    out
}

fn line(out: &mut String, w: usize, md: bool, t: String, indent: &str) {
    if md {
        out.push_str(&markdown::md_inline(&t));
    } else {
        out.push_str(&table::wrap(&t, w, indent));
    }
    out.push('\n');
}

/// `azegress diff` as lines for people.
pub fn diff_text(r: &DiffReport) -> String {
    let mut s = String::new();
    if r.changes.is_empty() && r.vms_added.is_empty() && r.vms_removed.is_empty() {
        s.push_str("no requirement changes its verdict\n");
        return s;
    }
    for c in &r.changes {
        let port = c.port.map(|p| format!(" on {p}")).unwrap_or_default();
        let subnet = c
            .subnet
            .as_ref()
            .map(|x| format!(" (subnet {x})"))
            .unwrap_or_default();
        let who = match c.subject {
            crate::model::SubjectKind::Vm => format!("VM `{}`", c.vm),
            crate::model::SubjectKind::Subnet => format!("a VM in subnet `{}`", c.vm),
            crate::model::SubjectKind::Nsg => format!("a VM behind NSG `{}`", c.vm),
        };
        s.push_str(&format!(
            "this change {} {}{port} for {who}{subnet}: {}\n",
            c.effect, c.requirement, c.message
        ));
    }
    for v in &r.vms_added {
        s.push_str(&format!("VM `{v}` is new\n"));
    }
    for v in &r.vms_removed {
        s.push_str(&format!("VM `{v}` is gone\n"));
    }
    s
}

/// `tags lookup` as text.
pub fn tags_lookup(r: &TagLookupReport) -> String {
    let mut s = format!(
        "address: {}\nsource: {} (changeNumber {})\ntags: {}\n",
        r.address,
        r.source,
        r.change_number,
        r.tags.len()
    );
    for h in &r.tags {
        s.push_str(&format!("{}  ({})\n", h.tag, h.prefix));
    }
    s
}

/// `tags diff` as text.
pub fn tags_diff(r: &TagDiffReport) -> String {
    let mut s = format!(
        "old: {} (changeNumber {})\nnew: {} (changeNumber {})\ntags changed: {}\n",
        r.old.0,
        r.old.1,
        r.new.0,
        r.new.1,
        r.changed.len()
    );
    if !r.storage_regions_changed.is_empty() {
        s.push_str(&format!(
            "Storage.<Region> tags changed: {} (an allow-list copied from the old file misses the added prefixes)\n",
            r.storage_regions_changed.join(", ")
        ));
    }
    for c in &r.changed {
        s.push_str(&format!(
            "{}: +{} -{}\n",
            c.tag,
            c.added.len(),
            c.removed.len()
        ));
        for a in &c.added {
            s.push_str(&format!("  + {a}\n"));
        }
        for a in &c.removed {
            s.push_str(&format!("  - {a}\n"));
        }
    }
    s
}
