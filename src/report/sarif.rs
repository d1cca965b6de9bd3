//! `azegress gate --format sarif`: SARIF 2.1.0 for code scanning, built from the types `serde-sarif`
//! generates from the OASIS schema. One rule per requirement and lint, each with its explanation, a `help`
//! (text and Markdown, with the Microsoft Learn page) and the `security-severity` GitHub code scanning
//! sorts by; one result per finding, located at the rule in its file by a URI relative to `%SRCROOT%` (the
//! directory gate ran in) or, for a file outside it, an absolute `file://` URI.

use crate::model::gate::{Finding, GateReport, Severity};
use serde_json::json;
use serde_sarif::sarif;
use std::collections::BTreeMap;

/// The base every relative location is resolved against: where gate ran (the repository root in CI).
pub const SRCROOT: &str = "%SRCROOT%";

fn level(s: Severity) -> sarif::ResultLevel {
    match s {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
        Severity::Note => sarif::ResultLevel::Note,
    }
}

fn level_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The `security-severity` of a rule (GitHub code scanning: 9.0 and above critical, 7.0–8.9 high,
/// 4.0–6.9 medium, 0.1–3.9 low), as the numeric string it reads.
///
/// - 8.0, high: what an attacker on the Internet can use at once — SSH, RDP or WinRM open to the Internet
///   (AZE0608), every port open to it (AZE0609).
/// - 7.5, high: the backup path is blocked (a pack's requirement fails, AZE0630; the proxy refuses 8443,
///   AZE0612): the VM is not backed up, which is what ransomware recovery rests on.
/// - 5.0, medium: exposure that needs a vulnerable service behind it — HTTP (80) or UDP services open to the
///   Internet (AZE0632, AZE0633) — and a subnet without an NSG (AZE0634), whose VMs have no network
///   filter of their own.
/// - 4.0, medium: the NSG is not what its author meant or Azure refuses it — a rule that never applies,
///   duplicate priorities or names, invalid values or tags, a VM whose path could not be built — any other
///   error: a deny the author relies on may not be in force.
/// - 3.0, low: warnings that weaken the configuration without opening anything (redundant rules, wide
///   port ranges, another region's tag).
/// - 2.0, low: notes.
pub fn security_severity(code: &str, severity: Severity) -> &'static str {
    use crate::diag as d;
    if code == d::LINT_ADMIN_PORT_FROM_INTERNET.code || code == d::LINT_ALLOW_ALL_PORTS.code {
        "8.0"
    } else if code == d::REQUIREMENT_FAILED.code || code == d::LINT_PROXY_MISSES_8443.code {
        "7.5"
    } else if code == d::LINT_HTTP_FROM_INTERNET.code
        || code == d::LINT_UDP_FROM_INTERNET.code
        || code == d::LINT_SUBNET_WITHOUT_NSG.code
    {
        "5.0"
    } else {
        match severity {
            Severity::Error => "4.0",
            Severity::Warning => "3.0",
            Severity::Note => "2.0",
        }
    }
}

/// The characters escaped in a URI path: controls, space and the characters RFC 3986 reserves or
/// forbids there (`/` and `:` stay, they are the path's own); every non-ASCII byte is escaped too.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

fn escape(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, PATH).to_string()
}

/// A file as SARIF locates it: relative to `%SRCROOT%` (`cwd`) when it is inside it, else an absolute
/// `file://` URI; `\` becomes `/` and unsafe characters (a space) are percent-escaped.
pub fn artifact_location(file: &str, cwd: Option<&std::path::Path>) -> sarif::ArtifactLocation {
    let slashed = file.replace('\\', "/");
    let p = std::path::Path::new(file);
    let windows_abs =
        slashed.as_bytes().get(1) == Some(&b':') && slashed.as_bytes().get(2) == Some(&b'/');
    if p.is_absolute() || windows_abs {
        if let Some(rel) = cwd.and_then(|c| p.strip_prefix(c).ok()) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            return sarif::ArtifactLocation::builder()
                .uri(escape(&rel))
                .uri_base_id(SRCROOT)
                .build();
        }
        let abs = if slashed.starts_with('/') {
            slashed
        } else {
            format!("/{slashed}")
        };
        return sarif::ArtifactLocation::builder()
            .uri(format!("file://{}", escape(&abs)))
            .build();
    }
    let rel = slashed.strip_prefix("./").unwrap_or(&slashed);
    sarif::ArtifactLocation::builder()
        .uri(escape(rel))
        .uri_base_id(SRCROOT)
        .build()
}

/// `%SRCROOT%` itself: the directory gate ran in, as a `file://` URI ending in `/`.
fn srcroot(cwd: Option<&std::path::Path>) -> sarif::ArtifactLocation {
    let b = sarif::ArtifactLocation::builder().description(
        sarif::Message::builder()
            .text("The directory azegress gate ran in; relative locations are resolved against it.")
            .build(),
    );
    match cwd {
        Some(c) => {
            let mut s = c.to_string_lossy().replace('\\', "/");
            if !s.starts_with('/') {
                s.insert(0, '/');
            }
            if !s.ends_with('/') {
                s.push('/');
            }
            b.uri(format!("file://{}", escape(&s))).build()
        }
        None => b.build(),
    }
}

/// A rule's short description.
pub fn rule_text(id: &str) -> String {
    match id.strip_prefix("lint/") {
        Some("shadowed-rule") => "an earlier rule decides everything this rule matches".into(),
        Some("redundant-rule") => "an earlier rule with the same access covers this rule".into(),
        Some("wide-port-range") => "a port range between two well-known ports".into(),
        Some("allow-all-ports-internet") => "allows every port to or from everyone".into(),
        Some("admin-port-from-internet") => "SSH, RDP or WinRM open to the Internet".into(),
        Some("http-from-internet") => "HTTP (port 80) open to the Internet".into(),
        Some("udp-from-internet") => "UDP services open to the Internet".into(),
        Some("subnet-without-nsg") => "a subnet without a network security group".into(),
        Some("duplicate-priority") => "two rules share a priority and direction".into(),
        Some("duplicate-name") => "two rules share a name".into(),
        Some("invalid-priority") => "priority outside 100-4096".into(),
        Some("unknown-service-tag") => "a service tag the file in use does not have".into(),
        Some("tag-not-for-nsg") => "a service tag Azure does not accept in NSGs".into(),
        Some("wrong-region-tag") => "a regional tag of another region than the VM's".into(),
        Some("suppression-without-reason") => "an inline suppression without a reason".into(),
        Some(other) => other.replace('-', " "),
        None => format!("requirement {id}"),
    }
}

/// SARIF 2.1.0: one rule per requirement and lint, one result per finding, located at the rule in its
/// file; suppressed findings carry their in-source justification, baselined ones `baselineState`.
pub fn sarif(r: &GateReport) -> String {
    let cwd = std::env::current_dir().ok();
    let cwd = cwd.as_deref();
    // a lint's rule is its stable code; a requirement's is the pack's own `pack/requirement` id
    let rule_id = |f: &Finding| -> String {
        if f.code == crate::diag::REQUIREMENT_FAILED.code {
            f.id.clone()
        } else {
            f.code.to_string()
        }
    };
    let mut ids: Vec<(String, &Finding)> = r.findings.iter().map(|f| (rule_id(f), f)).collect();
    ids.sort_by(|a, b| a.0.cmp(&b.0));
    ids.dedup_by(|a, b| a.0 == b.0);
    let rules: Vec<sarif::ReportingDescriptor> = ids
        .iter()
        .map(|(id, f)| {
            let info = crate::diag::lookup(f.code);
            let link = info
                .and_then(|i| i.link)
                .unwrap_or(if f.id.starts_with("lint/") {
                    crate::learn::NSG
                } else {
                    crate::learn::BACKUP_NETWORK
                });
            let short = rule_text(&f.id);
            let explain = info.map_or(short.as_str(), |i| i.explain);
            let mut props = BTreeMap::new();
            props.insert(
                "security-severity".to_string(),
                json!(security_severity(f.code, f.severity)),
            );
            if let Some(i) = info {
                props.insert("code".into(), json!(i.code));
                props.insert("kind".into(), json!(i.kind.word()));
            }
            sarif::ReportingDescriptor::builder()
                .id(id.clone())
                .name(f.id.replace(['/', '-'], "_"))
                .short_description(
                    sarif::MultiformatMessageString::builder()
                        .text(short.clone())
                        .build(),
                )
                .full_description(
                    sarif::MultiformatMessageString::builder()
                        .text(explain.to_string())
                        .build(),
                )
                .help(
                    sarif::MultiformatMessageString::builder()
                        .text(format!(
                            "{explain}\n\nDetails: `azegress explain {}`. Microsoft Learn: {link}",
                            f.code
                        ))
                        .markdown(format!(
                            "{}\n\nDetails: `azegress explain {}`. See [Microsoft Learn]({link}).",
                            super::markdown::md_inline(explain),
                            f.code
                        ))
                        .build(),
                )
                .help_uri(link)
                .default_configuration(
                    sarif::ReportingConfiguration::builder()
                        .level(json!(level_word(f.severity)))
                        .build(),
                )
                .properties(
                    sarif::PropertyBag::builder()
                        .tags(vec![
                            "security".to_string(),
                            "azure".into(),
                            "network".into(),
                        ])
                        .additional_properties(props)
                        .build(),
                )
                .build()
        })
        .collect();
    let notifications: Vec<sarif::Notification> = r
        .notes
        .iter()
        .map(|d| {
            sarif::Notification::builder()
                .descriptor(
                    sarif::ReportingDescriptorReference::builder()
                        .id(d.code)
                        .build(),
                )
                .level(json!(match d.severity {
                    crate::diag::Severity::Error => "error",
                    crate::diag::Severity::Warning => "warning",
                    crate::diag::Severity::Note => "note",
                }))
                .message(sarif::Message::builder().text(d.message.clone()).build())
                .build()
        })
        .collect();
    let results: Vec<sarif::Result> = r
        .findings
        .iter()
        .map(|f| {
            let locations = f.location.as_ref().map(|l| {
                let phys = sarif::PhysicalLocation::builder()
                    .artifact_location(artifact_location(&l.file, cwd));
                let phys = if l.line > 0 {
                    let region = if l.col > 0 {
                        sarif::Region::builder()
                            .start_line(l.line as i64)
                            .start_column(l.col as i64)
                            .build()
                    } else {
                        sarif::Region::builder().start_line(l.line as i64).build()
                    };
                    phys.region(region).build()
                } else {
                    phys.build()
                };
                vec![sarif::Location::builder().physical_location(phys).build()]
            });
            let mut res = sarif::Result::builder()
                .rule_id(rule_id(f))
                .level(level(f.severity))
                .message(sarif::Message::builder().text(f.message.clone()).build())
                .partial_fingerprints(BTreeMap::from([(
                    "azegressFingerprint/v1".to_string(),
                    f.fingerprint.clone(),
                )]))
                .build();
            res.locations = locations;
            if let Some(why) = &f.suppressed {
                res.suppressions = Some(vec![
                    sarif::Suppression::builder()
                        .kind(json!("inSource"))
                        .justification(why.clone())
                        .build(),
                ]);
            }
            if f.baselined {
                res.baseline_state = Some(json!("unchanged"));
            }
            res
        })
        .collect();
    let run = sarif::Run::builder()
        .tool(
            sarif::Tool::builder()
                .driver(
                    sarif::ToolComponent::builder()
                        .name("azegress")
                        .version(env!("CARGO_PKG_VERSION"))
                        .information_uri(crate::learn::BACKUP_NETWORK)
                        .rules(rules)
                        .build(),
                )
                .build(),
        )
        .original_uri_base_ids(BTreeMap::from([(SRCROOT.to_string(), srcroot(cwd))]))
        .invocations(vec![
            sarif::Invocation::builder()
                .execution_successful(true)
                .tool_execution_notifications(notifications)
                .build(),
        ])
        .results(results)
        .build();
    let doc = sarif::Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    super::safe::json(serde_json::to_string_pretty(&doc).unwrap_or_default()) + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn uris_are_relative_to_srcroot_or_file_uris_with_spaces_escaped() {
        let cwd = Path::new("/home/u/repo");
        let rel = artifact_location("exports/my nsg.json", Some(cwd));
        assert_eq!(rel.uri.as_deref(), Some("exports/my%20nsg.json"));
        assert_eq!(rel.uri_base_id.as_deref(), Some(SRCROOT));
        let inside = artifact_location("/home/u/repo/tf/main.tf", Some(cwd));
        assert_eq!(inside.uri.as_deref(), Some("tf/main.tf"));
        assert_eq!(inside.uri_base_id.as_deref(), Some(SRCROOT));
        let outside = artifact_location("/tmp/a b/x#1.json", Some(cwd));
        assert_eq!(outside.uri.as_deref(), Some("file:///tmp/a%20b/x%231.json"));
        assert!(outside.uri_base_id.is_none());
        let win = artifact_location("C:\\exports\\a b.json", None);
        assert_eq!(win.uri.as_deref(), Some("file:///C:/exports/a%20b.json"));
        assert_eq!(
            artifact_location(".\\x\\y.json", None).uri.as_deref(),
            Some("x/y.json")
        );
    }

    #[test]
    fn security_severity_ranks_exposure_above_hygiene() {
        use crate::diag as d;
        let n = |c: &str, s| security_severity(c, s).parse::<f64>().unwrap();
        assert!(n(d::LINT_ADMIN_PORT_FROM_INTERNET.code, Severity::Error) >= 7.0);
        assert!(n(d::REQUIREMENT_FAILED.code, Severity::Error) >= 7.0);
        let http = n(d::LINT_HTTP_FROM_INTERNET.code, Severity::Warning);
        assert!((4.0..7.0).contains(&http));
        assert!(n(d::LINT_REDUNDANT_RULE.code, Severity::Warning) < 4.0);
        assert!(n(d::LINT_ANALYSIS_CUT.code, Severity::Note) < 4.0);
    }
}
