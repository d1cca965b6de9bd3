//! `azegress gate` as a table, SARIF 2.1.0 (code scanning), JUnit XML (CI test results) and Markdown (a
//! pull-request comment). JSON is the report itself (`report::json`).

use crate::model::gate::{Finding, GateReport, Severity, Status};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn loc_text(f: &Finding) -> String {
    f.location
        .as_ref()
        .map(|l| format!(" ({}:{}:{})", l.file, l.line, l.col))
        .unwrap_or_default()
}

fn state(f: &Finding) -> &'static str {
    if f.suppressed.is_some() {
        " [suppressed]"
    } else if f.baselined {
        " [baseline]"
    } else {
        ""
    }
}

struct Counts {
    failed_outcomes: usize,
    unknown_outcomes: usize,
    failed_vms: usize,
    errors: usize,
    warnings: usize,
    suppressed: usize,
    baselined: usize,
}

fn counts(r: &GateReport) -> Counts {
    let open = |f: &&Finding| f.suppressed.is_none() && !f.baselined;
    let mut vms: Vec<&str> = r
        .outcomes
        .iter()
        .filter(|o| o.status == Status::Fail)
        .map(|o| o.vm.as_str())
        .collect();
    vms.sort_unstable();
    vms.dedup();
    Counts {
        failed_outcomes: r
            .outcomes
            .iter()
            .filter(|o| o.status == Status::Fail)
            .count(),
        unknown_outcomes: r
            .outcomes
            .iter()
            .filter(|o| o.status == Status::Unknown)
            .count(),
        failed_vms: vms.len(),
        errors: r
            .findings
            .iter()
            .filter(open)
            .filter(|f| f.severity == Severity::Error && !f.inconclusive)
            .count(),
        warnings: r
            .findings
            .iter()
            .filter(open)
            .filter(|f| f.severity != Severity::Error || f.inconclusive)
            .count(),
        suppressed: r.findings.iter().filter(|f| f.suppressed.is_some()).count(),
        baselined: r.findings.iter().filter(|f| f.baselined).count(),
    }
}

/// What was gated, by kind: `12 VM(s), 3 subnet(s) without VMs, 40 NSG(s) without a VM`.
fn subjects(r: &GateReport) -> String {
    let mut parts = vec![format!("{} VM(s)", r.vms)];
    if r.subnets_without_vms > 0 {
        parts.push(format!("{} subnet(s) without VMs", r.subnets_without_vms));
    }
    if r.nsgs_without_vms > 0 {
        parts.push(format!("{} NSG(s) without a VM", r.nsgs_without_vms));
    }
    parts.join(", ")
}

fn summary(r: &GateReport) -> String {
    let c = counts(r);
    format!(
        "{} requirement check(s) failed on {} of {} subject(s), {} inconclusive; {} error(s), {} warning(s) open; {} suppressed, {} in the baseline",
        c.failed_outcomes,
        c.failed_vms,
        r.vms + r.subnets_without_vms + r.nsgs_without_vms,
        c.unknown_outcomes,
        c.errors,
        c.warnings,
        c.suppressed,
        c.baselined
    )
}

/// Lines for people.
pub fn table(r: &GateReport) -> String {
    let passed = r
        .outcomes
        .iter()
        .filter(|o| o.status == Status::Pass)
        .count();
    // a run that is inconclusive as a whole (something unknown can change a verdict) never says "passed"
    let word = if r.nothing_to_gate && passed > 0 {
        "passed on what is known (the run is inconclusive: see the warnings)"
    } else {
        "passed"
    };
    let mut s = format!(
        "gate: {} ({} distinct path(s)), {} NSG(s) linted; {} of {} requirement check(s) {word}\n",
        subjects(r),
        r.distinct_paths,
        r.nsgs,
        passed,
        r.outcomes.len()
    );
    for n in &r.notes {
        s.push_str(&super::diagnostic_text(n));
        s.push('\n');
    }
    let mut fs: Vec<&Finding> = r.findings.iter().collect();
    fs.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.id.cmp(&b.id)));
    for f in fs {
        let word = match (f.severity, f.inconclusive) {
            (_, true) => "UNKNOWN",
            (Severity::Error, _) => "ERROR",
            (Severity::Warning, _) => "WARN",
            (Severity::Note, _) => "NOTE",
        };
        s.push_str(&format!(
            "{word:<8}{}  {}{}{}\n",
            f.id,
            f.message,
            loc_text(f),
            state(f)
        ));
        if let Some(why) = &f.suppressed {
            s.push_str(&format!("          suppressed: {why}\n"));
        }
    }
    s.push_str(&format!("result: {}\n", summary(r)));
    // names and messages from the inputs: a crafted megabyte-long one is cut (JSON keeps it whole)
    super::table::cut_words(&s, super::table::MAX_WORD).into_owned()
}

/// Markdown for a pull-request comment.
pub fn markdown(r: &GateReport) -> String {
    let c = counts(r);
    let verdict = if c.errors > 0 {
        "❌ **azegress gate failed**"
    } else if c.unknown_outcomes > 0 || r.nothing_to_gate {
        "⚠️ **azegress gate: inconclusive**"
    } else {
        "✅ **azegress gate passed**"
    };
    let mut s = format!(
        "{verdict}: {}, {} distinct path(s), {} NSG(s) linted.\n\n{}\n",
        super::markdown::md_inline(&subjects(r)),
        r.distinct_paths,
        r.nsgs,
        summary(r)
    );
    let open: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.suppressed.is_none() && !f.baselined)
        .collect();
    if !open.is_empty() {
        s.push_str("\n| severity | finding | where | what |\n|---|---|---|---|\n");
        for f in open {
            let at = f
                .location
                .as_ref()
                .map(|l| super::markdown::cell(&format!("`{}:{}`", l.file, l.line)))
                .unwrap_or_default();
            s.push_str(&format!(
                "| {} | `{}` | {at} | {} |\n",
                if f.inconclusive {
                    "unknown"
                } else {
                    level(f.severity)
                },
                super::markdown::cell(&f.id),
                super::markdown::cell(&f.message)
            ));
        }
    }
    s
}

/// SARIF 2.1.0: one rule per requirement and lint, one result per finding, located at the rule in its
/// file; suppressed findings carry their in-source justification, baselined ones `baselineState`.
pub fn sarif(r: &GateReport) -> String {
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
    let rules: Vec<Value> = ids
        .iter()
        .map(|(id, f)| {
            let info = crate::diag::lookup(f.code);
            let mut rule = json!({
                "id": id,
                "name": f.id.replace(['/', '-'], "_"),
                "shortDescription": { "text": rule_text(&f.id) },
                "defaultConfiguration": { "level": level(f.severity) },
                "helpUri": info.and_then(|i| i.link).unwrap_or(if f.id.starts_with("lint/") { crate::learn::NSG } else { crate::learn::BACKUP_NETWORK }),
            });
            if let Some(i) = info {
                rule["fullDescription"] = json!({ "text": i.explain });
                rule["properties"] = json!({ "code": i.code, "kind": i.kind.word() });
            }
            rule
        })
        .collect();
    let notifications: Vec<Value> = r
        .notes
        .iter()
        .map(|d| {
            json!({
                "descriptor": { "id": d.code },
                "level": match d.severity {
                    crate::diag::Severity::Error => "error",
                    crate::diag::Severity::Warning => "warning",
                    crate::diag::Severity::Note => "note",
                },
                "message": { "text": d.message },
            })
        })
        .collect();
    let results: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            let mut res = json!({
                "ruleId": rule_id(f),
                "level": level(f.severity),
                "message": { "text": f.message },
                "partialFingerprints": { "azegressFingerprint/v1": f.fingerprint },
            });
            if let Some(l) = &f.location {
                let mut phys = json!({ "artifactLocation": { "uri": l.file.replace('\\', "/") } });
                if l.line > 0 {
                    let mut region = json!({ "startLine": l.line });
                    if l.col > 0 {
                        region["startColumn"] = json!(l.col);
                    }
                    phys["region"] = region;
                }
                res["locations"] = json!([{ "physicalLocation": phys }]);
            }
            if let Some(why) = &f.suppressed {
                res["suppressions"] = json!([{ "kind": "inSource", "justification": why }]);
            }
            if f.baselined {
                res["baselineState"] = json!("unchanged");
            }
            res
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "azegress",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": crate::learn::BACKUP_NETWORK,
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    super::safe::json(serde_json::to_string_pretty(&doc).unwrap_or_default()) + "\n"
}

fn rule_text(id: &str) -> String {
    match id.strip_prefix("lint/") {
        Some("shadowed-rule") => "an earlier rule decides everything this rule matches".into(),
        Some("redundant-rule") => "an earlier rule with the same access covers this rule".into(),
        Some("wide-port-range") => "a port range between two well-known ports".into(),
        Some("allow-all-ports-internet") => "allows every port to or from everyone".into(),
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

/// JUnit XML: one suite per pack with one test case per requirement and VM (passing ones included), and a
/// `lints` suite with one failing case per open lint finding.
pub fn junit(r: &GateReport) -> String {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
    let mut report = Report::new("azegress gate");
    let mut packs: Vec<&str> = r.outcomes.iter().map(|o| o.pack.as_str()).collect();
    packs.sort_unstable();
    packs.dedup();
    for p in packs {
        let mut suite = TestSuite::new(p);
        for o in r.outcomes.iter().filter(|o| o.pack == p) {
            let status = match o.status {
                Status::Pass => TestCaseStatus::success(),
                Status::Fail => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    s.set_message(o.message.clone());
                    if let Some(l) = &o.location {
                        s.set_description(format!("{}:{}:{}", l.file, l.line, l.col));
                    }
                    s
                }
                Status::Unknown => {
                    let mut s = TestCaseStatus::skipped();
                    if let TestCaseStatus::Skipped { message, .. } = &mut s {
                        *message = Some(format!("inconclusive: {}", o.message).into());
                    }
                    s
                }
            };
            let mut tc = TestCase::new(format!("{} [{}]", o.requirement, o.vm), status);
            tc.set_classname(format!("{p}.{}", o.requirement));
            suite.add_test_case(tc);
        }
        report.add_test_suite(suite);
    }
    let lints: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.id.starts_with("lint/") && f.suppressed.is_none() && !f.baselined)
        .collect();
    // an input that could not be read: an error test case each (the run exits 2)
    let broken: Vec<&crate::diag::Diagnostic> = r
        .notes
        .iter()
        .filter(|d| d.code == crate::diag::INPUT_ERROR.code)
        .collect();
    if !broken.is_empty() {
        let mut suite = TestSuite::new("inputs");
        for d in broken {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
            s.set_message(d.message.clone());
            s.set_type(d.code);
            let name = d
                .message
                .split(": ")
                .next()
                .unwrap_or(&d.message)
                .to_string();
            let mut tc = TestCase::new(name, s);
            tc.set_classname("inputs");
            suite.add_test_case(tc);
        }
        report.add_test_suite(suite);
    }
    // errors fail; warnings and notes pass with their message as output (JUnit has no warning state)
    let mut suite = TestSuite::new("lints");
    for f in lints {
        let failing = f.severity == Severity::Error;
        let status = if failing {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_message(f.message.clone());
            s.set_type(level(f.severity));
            s
        } else {
            TestCaseStatus::success()
        };
        let mut tc = TestCase::new(format!("{}{}", f.id, loc_text(f)), status);
        tc.set_classname(f.id.clone());
        if !failing {
            tc.set_system_out(format!("{}: {}", level(f.severity), f.message));
        }
        suite.add_test_case(tc);
    }
    report.add_test_suite(suite);
    let xml = report.to_string().unwrap_or_default();
    // Jenkins' JUnit schema (junit-10.xsd) has no `skipped` on <testsuites>; the suites keep theirs
    let re = regex::Regex::new(r#"(<testsuites[^>]*?) skipped="[0-9]+""#).expect("valid pattern");
    re.replace(&xml, "$1").into_owned() + "\n"
}
