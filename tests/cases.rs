//! Data-driven cases: every `tests/cases/*.yaml` holds an inline scenario and the expected verdict,
//! deciding rules and blocking rule per port (or an expected error). One runner; it reports every
//! failing case by file name.

use azegress::app::{CheckOptions, check_with_scenario};
use azegress::ingest::scenario::parse_scenario;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    cite: String,
    #[serde(default)]
    description: String,
    scenario: serde_yaml::Value,
    #[serde(default)]
    service_tags: Option<String>,
    #[serde(default)]
    expect: Option<Expect>,
    #[serde(default)]
    error: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    verdict: String,
    flows: Vec<ExpectFlow>,
    /// Some warning contains this text.
    #[serde(default)]
    warning: Option<String>,
    /// The proxy used: `host:port`, or `none`.
    #[serde(default)]
    proxy: Option<String>,
    /// Some assumption (note) contains this text.
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectFlow {
    port: u16,
    verdict: String,
    #[serde(default)]
    nic: Option<Vec<String>>,
    #[serde(default)]
    subnet: Option<Vec<String>>,
    #[serde(default)]
    blocked_by: Option<String>,
    #[serde(default)]
    allowed_prefixes: Option<usize>,
    #[serde(default)]
    total_prefixes: Option<usize>,
    #[serde(default)]
    first_denied_prefix: Option<String>,
    /// `nsg`, `route`, `firewall` or `proxy`.
    #[serde(default)]
    blocked_hop: Option<String>,
    /// Line of the blocking route, firewall rule or squid line.
    #[serde(default)]
    blocked_line: Option<usize>,
    /// The path as `kind:verdict` (`nsg:allowed`, `route:allowed`, `firewall:denied`).
    #[serde(default)]
    hops: Option<Vec<String>>,
    /// The one-line why contains this text.
    #[serde(default)]
    why: Option<String>,
}

fn run_case(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let case: Case = serde_yaml::from_str(&text).map_err(|e| format!("bad case file: {e}"))?;
    assert!(!case.cite.is_empty(), "every case cites the reference");
    let _ = case.description;
    let sc_text = serde_yaml::to_string(&case.scenario).map_err(|e| e.to_string())?;
    let p = path.to_string_lossy();
    let opts = CheckOptions {
        service_tags: case.service_tags.clone(),
        ..Default::default()
    };
    let result = parse_scenario(&sc_text, &p).and_then(|sc| check_with_scenario(&opts, Some(sc)));
    match (&case.error, result) {
        (Some(want), Err(e)) => {
            let got = e.to_string();
            if got.contains(want.as_str()) {
                Ok(())
            } else {
                Err(format!("error `{got}` does not contain `{want}`"))
            }
        }
        (Some(want), Ok(r)) => Err(format!(
            "expected error `{want}`, got verdict {:?}",
            r.verdict
        )),
        (None, Err(e)) => Err(format!("unexpected error: {e}")),
        (None, Ok(r)) => {
            let exp = case
                .expect
                .as_ref()
                .ok_or("case has neither `expect` nor `error`")?;
            let got = format!("{:?}", r.verdict).to_lowercase();
            if got != exp.verdict {
                return Err(format!("overall verdict {got}, expected {}", exp.verdict));
            }
            if r.flows.len() != exp.flows.len() {
                return Err(format!(
                    "{} flows, expected {}",
                    r.flows.len(),
                    exp.flows.len()
                ));
            }
            // `warning`: any diagnostic but an assumption; `note`: an assumption (what --strict counts)
            let (notes, warnings): (Vec<_>, Vec<_>) = r
                .diagnostics
                .iter()
                .partition(|d| d.kind == azegress::diag::Kind::Assumption);
            if let Some(w) = &exp.warning
                && !warnings.iter().any(|x| x.message.contains(w.as_str()))
            {
                return Err(format!("no warning contains `{w}`: {warnings:?}"));
            }
            if let Some(n) = &exp.note
                && !notes.iter().any(|x| x.message.contains(n.as_str()))
            {
                return Err(format!("no note contains `{n}`: {notes:?}"));
            }
            if let Some(p) = &exp.proxy {
                let got = r
                    .proxy
                    .as_ref()
                    .map_or("none".to_string(), |p| format!("{}:{}", p.host, p.port));
                if &got != p {
                    return Err(format!("proxy {got}, expected {p}"));
                }
            }
            for (f, e) in r.flows.iter().zip(&exp.flows) {
                let ctx = format!("port {}", e.port);
                if f.port != e.port {
                    return Err(format!("{ctx}: got port {}", f.port));
                }
                let v = format!("{:?}", f.verdict).to_lowercase();
                if v != e.verdict {
                    return Err(format!(
                        "{ctx}: verdict {v}, expected {} ({})",
                        e.verdict, f.why
                    ));
                }
                for (att, want) in [("nic", &e.nic), ("subnet", &e.subnet)] {
                    if let Some(want) = want {
                        let got: Vec<String> = f
                            .stages
                            .iter()
                            .filter(|s| s.attached_to.to_string() == att)
                            .flat_map(|s| s.decisions.iter().map(|d| d.rule.clone()))
                            .collect();
                        if &got != want {
                            return Err(format!(
                                "{ctx}: {att} decisions {got:?}, expected {want:?}"
                            ));
                        }
                    }
                }
                if let Some(b) = &e.blocked_by {
                    let got = f
                        .blocked_by
                        .as_ref()
                        .map(|b| b.rule.clone())
                        .unwrap_or_default();
                    if &got != b {
                        return Err(format!("{ctx}: blocked_by `{got}`, expected `{b}`"));
                    }
                } else if f.blocked_by.is_some() && e.verdict == "allowed" {
                    return Err(format!("{ctx}: unexpected blocked_by"));
                }
                if let Some(h) = &e.blocked_hop {
                    let got = f.blocked_by.as_ref().map(|b| b.hop).unwrap_or("none");
                    if got != h {
                        return Err(format!("{ctx}: blocked at hop `{got}`, expected `{h}`"));
                    }
                }
                if let Some(l) = e.blocked_line {
                    let got = f.blocked_by.as_ref().and_then(|b| b.line);
                    if got != Some(l) {
                        return Err(format!("{ctx}: blocked at line {got:?}, expected {l}"));
                    }
                }
                if let Some(want) = &e.hops {
                    let got: Vec<String> = f
                        .hops
                        .iter()
                        .map(|h| format!("{}:{}", h.hop, format!("{:?}", h.verdict).to_lowercase()))
                        .collect();
                    if &got != want {
                        return Err(format!("{ctx}: hops {got:?}, expected {want:?}"));
                    }
                }
                if let Some(w) = &e.why
                    && !f.why.contains(w.as_str())
                {
                    return Err(format!("{ctx}: why `{}` lacks `{w}`", f.why));
                }
                if let Some(n) = e.allowed_prefixes
                    && f.prefixes.allowed != n
                {
                    return Err(format!(
                        "{ctx}: {} prefixes allowed, expected {n}",
                        f.prefixes.allowed
                    ));
                }
                if let Some(n) = e.total_prefixes
                    && f.prefixes.total != n
                {
                    return Err(format!(
                        "{ctx}: {} prefixes in total, expected {n}",
                        f.prefixes.total
                    ));
                }
                if e.first_denied_prefix.is_some() && f.first_denied_prefix != e.first_denied_prefix
                {
                    return Err(format!(
                        "{ctx}: first denied prefix {:?}, expected {:?}",
                        f.first_denied_prefix, e.first_denied_prefix
                    ));
                }
            }
            Ok(())
        }
    }
}

#[test]
fn all_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 20,
        "expected the case corpus, found {} files",
        files.len()
    );
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| {
            run_case(f)
                .err()
                .map(|e| format!("{}: {e}", f.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
