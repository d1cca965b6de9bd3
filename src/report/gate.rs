//! `azegress gate` as a table, SARIF 2.1.0 (code scanning), JUnit XML (CI test results) and Markdown (a
//! pull-request comment). JSON is the report itself (`report::json`).

use crate::model::gate::{Finding, GateReport, Severity, Status};

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

/// Lines for people. With `wrap` (standard output is a terminal), wrapped at words to `style.width`, a
/// finding's continuation lines indented under its text; without (a pipe: CI logs, grep), one line per
/// finding. With colour, the severity word is painted: errors red, warnings and unknowns yellow, notes blue.
pub fn table(r: &GateReport, style: &super::Style, wrap: bool) -> String {
    use super::style::Paint;
    use super::table::{MAX_WORD, cut_words};
    let w = if wrap { style.width } else { usize::MAX / 2 };
    let wrap = |t: &str, w: usize, indent: &str| -> String {
        if w >= usize::MAX / 2 {
            cut_words(t, MAX_WORD).into_owned()
        } else {
            super::table::wrap(t, w, indent)
        }
    };
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
    // names and messages from the inputs: a crafted megabyte-long one is cut (JSON keeps it whole), then
    // wrapped; colour goes on after wrapping, so it never counts as width
    let mut s = wrap(
        &format!(
            "gate: {} ({} distinct path(s)), {} NSG(s) linted; {} of {} requirement check(s) {word}",
            subjects(r),
            r.distinct_paths,
            r.nsgs,
            passed,
            r.outcomes.len()
        ),
        w,
        "  ",
    );
    s.push('\n');
    for n in &r.notes {
        let text = wrap(&cut_words(&super::diagnostic_text(n), MAX_WORD), w, "  ");
        let (sev, p) = match n.severity {
            crate::diag::Severity::Error => ("error", Paint::Error),
            crate::diag::Severity::Warning => ("warning", Paint::Warning),
            crate::diag::Severity::Note => ("note", Paint::Note),
        };
        s.push_str(&paint_head(&text, sev, p, style));
        s.push('\n');
    }
    let mut fs: Vec<&Finding> = r.findings.iter().collect();
    fs.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.id.cmp(&b.id)));
    const INDENT: &str = "        ";
    for f in fs {
        let (word, p) = match (f.severity, f.inconclusive) {
            (_, true) => ("UNKNOWN", Paint::Warning),
            (Severity::Error, _) => ("ERROR", Paint::Error),
            (Severity::Warning, _) => ("WARN", Paint::Warning),
            (Severity::Note, _) => ("NOTE", Paint::Note),
        };
        let line = format!(
            "{word:<8}{}  {}{}{}",
            f.id,
            f.message,
            loc_text(f),
            state(f)
        );
        let text = wrap(&cut_words(&line, MAX_WORD), w, INDENT);
        s.push_str(&paint_head(&text, word, p, style));
        s.push('\n');
        if let Some(why) = &f.suppressed {
            s.push_str(&wrap(
                &format!("          suppressed: {why}"),
                w,
                "                      ",
            ));
            s.push('\n');
        }
    }
    s.push_str(&wrap(&format!("result: {}", summary(r)), w, "  "));
    s.push('\n');
    s
}

/// `text` with its leading `head` painted (the severity word a line starts with).
fn paint_head(text: &str, head: &str, p: super::style::Paint, style: &super::Style) -> String {
    match text.strip_prefix(head) {
        Some(rest) if style.color => format!("{}{rest}", super::style::paint(head, p, style)),
        _ => text.to_string(),
    }
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

/// SARIF 2.1.0 (see [`super::sarif`]).
pub fn sarif(r: &GateReport) -> String {
    super::sarif::sarif(r)
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
