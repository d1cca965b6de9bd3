//! The flags a scanner user types (issue 32 §2–3): `--quiet`, `-o/--output FILE`, `-` for standard input,
//! `completions` and `man`, the baseline workflow as pasted, the configuration file (`.azegress.yaml`,
//! `--config`), and `gate --skip-path`. Inputs are the repository's examples (examples/…, tests/data/…;
//! their sources in tests/data/SOURCES.md). Reference: azure-semantics.md §1 (NSG evaluation), §5.1 (the
//! backup ports the verdicts rest on).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const NIC: &str = "examples/deny-all-outbound/nic-nsg.json";
const LINTS: &str = "tests/data/gate/lint-nsgs.json";
const RG: &str = "examples/resource-graph/resources.json";
const FT: &str = "examples/forced-tunnel-azurebackup-tag";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A repository file's absolute path.
fn abs(p: &str) -> String {
    root().join(p).display().to_string()
}

/// `azegress ARGS…` in `cwd` with `stdin`: exit code, stdout, stderr.
fn run_in(cwd: &Path, args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut c = Command::cargo_bin("azegress").unwrap();
    c.current_dir(cwd)
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .args(args);
    if let Some(s) = stdin {
        c.write_stdin(s.to_vec());
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_in(root(), args, Some(b""))
}

fn run_stdin(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    run_in(root(), args, Some(stdin))
}

/// A temporary directory that is a repository root (holds `.git`), for the configuration file.
fn repo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join(".git")).unwrap();
    d
}

// ---- --quiet ----

#[test]
fn quiet_prints_nothing_and_keeps_the_exit_code_and_the_errors() {
    let (code, out, err) = run(&["check", "-q", "--nic-nsg", NIC, "--region", "westeurope"]);
    assert_eq!((code, out.as_str(), err.as_str()), (1, "", ""));
    let (code, out, _) = run(&["--quiet", "gate", RG]);
    assert_eq!((code, out.as_str()), (1, ""));
    let (code, out, _) = run(&["-q", "explain", "AZE0311"]);
    assert_eq!((code, out.as_str()), (0, ""));
    // an error still says what is wrong, in one line on stderr
    let (code, out, err) = run(&[
        "check",
        "-q",
        "--nic-nsg",
        "no-such.json",
        "--region",
        "westeurope",
    ]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.starts_with("azegress: error: no-such.json: cannot read"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

// ---- -o / --output ----

#[test]
fn output_writes_the_report_to_a_file_for_every_command_and_format() {
    let d = tempfile::tempdir().unwrap();
    let f = |n: &str| d.path().join(n).display().to_string();
    for (args, file, want) in [
        (
            vec![
                "check",
                "--nic-nsg",
                NIC,
                "--region",
                "westeurope",
                "--format",
                "json",
            ],
            f("check.json"),
            1,
        ),
        (
            vec!["check", "--nic-nsg", NIC, "--region", "westeurope"],
            f("check.txt"),
            1,
        ),
        (vec!["gate", RG, "--format", "sarif"], f("gate.sarif"), 1),
        (vec!["gate", RG, "--format", "junit"], f("gate.xml"), 1),
        (vec!["explain", "AZE0311"], f("explain.txt"), 0),
        (vec!["tags", "info", "--format", "json"], f("tags.json"), 0),
        (vec!["completions", "bash"], f("azegress.bash"), 0),
    ] {
        let (plain_code, plain, _) = run(&args);
        let mut with = args.clone();
        with.extend(["-o", &file]);
        let (code, out, err) = run(&with);
        assert_eq!((code, out.as_str()), (want, ""), "{args:?}: {err}");
        assert_eq!(plain_code, want);
        let written = std::fs::read_to_string(&file).unwrap();
        assert_eq!(written, plain, "{args:?}: the file holds what stdout would");
    }
    // the JSON written is JSON with its schema version
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(f("check.json")).unwrap()).unwrap();
    assert_eq!(v["schema_version"], 2);
    // `-o -` is standard output
    let (code, out, _) = run(&["explain", "AZE0311", "--output", "-"]);
    assert_eq!(code, 0);
    assert!(out.contains("AZE0311"), "{out}");
}

#[test]
fn output_replaces_a_symlink_never_writes_through_it_and_never_over_an_input() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("nic.json");
    std::fs::copy(root().join(NIC), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let i = input.display().to_string();
    // over the input itself, and through another path to it
    for o in [i.clone(), d.path().join("./nic.json").display().to_string()] {
        let (code, _, err) = run(&["check", "--nic-nsg", &i, "--region", "westeurope", "-o", &o]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("reads that file as an input"), "{err}");
    }
    // a symlink to the input at the report's path: replaced, the input untouched
    let link = d.path().join("report.txt");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let (code, _, err) = run(&[
        "check",
        "--nic-nsg",
        &i,
        "--region",
        "westeurope",
        "-o",
        &link.display().to_string(),
    ]);
    // the symlink's target is the input: refused as well
    assert_eq!(code, 2, "{err}");
    let other = d.path().join("other.txt");
    std::fs::write(&other, "keep").unwrap();
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&other, &link).unwrap();
    let (code, _, _) = run(&[
        "check",
        "--nic-nsg",
        &i,
        "--region",
        "westeurope",
        "-o",
        &link.display().to_string(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep");
    assert!(
        !std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&link).unwrap().contains("BLOCKED"));
    assert_eq!(std::fs::read(&input).unwrap(), before);
    // a report inside a gated directory is never read back as an input on the next run
    let g = d.path().join("gated");
    std::fs::create_dir(&g).unwrap();
    std::fs::copy(root().join(NIC), g.join("nic.json")).unwrap();
    let rep = g.join("report.json").display().to_string();
    let gd = g.display().to_string();
    for _ in 0..2 {
        let (code, _, err) = run(&["gate", &gd, "--format", "json", "-o", &rep]);
        assert_eq!(code, 1, "{err}");
    }
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&rep).unwrap()).unwrap();
    assert!(!v.to_string().contains("report.json"), "{v}");
}

// ---- standard input ----

#[test]
fn a_dash_reads_standard_input_wherever_a_file_is_read() {
    let nic = std::fs::read(root().join(NIC)).unwrap();
    let (want, file_out, _) = run(&["check", "--nic-nsg", NIC, "--region", "westeurope"]);
    let (code, out, err) = run_stdin(&["check", "--nic-nsg", "-", "--region", "westeurope"], &nic);
    assert_eq!(code, want, "{err}");
    assert_eq!(code, 1);
    assert!(
        out.contains("BLOCKED") && out.contains("Deny-All-Outbound"),
        "{out}"
    );
    assert_eq!(
        out.lines()
            .filter(|l| l.contains("verdict"))
            .collect::<Vec<_>>(),
        file_out
            .lines()
            .filter(|l| l.contains("verdict"))
            .collect::<Vec<_>>()
    );
    // --resources -
    let rg = std::fs::read(root().join(RG)).unwrap();
    let (code, out, err) = run_stdin(&["check", "--resources", "-", "--vm", "vm-app-01"], &rg);
    assert_eq!(code, 1, "{out}{err}");
    // --route-table - and --firewall - (the forced tunnel through Azure Firewall)
    let args = |rt: &str, fw: &str| {
        vec![
            "check".to_string(),
            "--region".into(),
            "koreacentral".into(),
            "--vm-ip".into(),
            "10.1.0.4".into(),
            "--vnet".into(),
            "10.1.0.0/16".into(),
            "--nic-nsg".into(),
            format!("{FT}/nic-nsg.json"),
            "--route-table".into(),
            rt.to_string(),
            "--firewall".into(),
            fw.to_string(),
            "--firewall".into(),
            format!("{FT}/rule-collection-groups.json"),
            "--format".into(),
            "json".into(),
        ]
    };
    let (rt, fw) = (
        format!("{FT}/route-table.json"),
        format!("{FT}/firewall.json"),
    );
    let plain = args(&rt, &fw);
    let plain: Vec<&str> = plain.iter().map(String::as_str).collect();
    let (want, want_out, _) = run(&plain);
    assert_eq!(want, 1, "{want_out}");
    for (a, file) in [(args("-", &fw), &rt), (args(&rt, "-"), &fw)] {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let (code, out, err) = run_stdin(&a, &std::fs::read(root().join(file)).unwrap());
        assert_eq!(code, want, "{a:?}: {out}{err}");
        // the same report, the input named <stdin>
        assert_eq!(out, want_out.replace(file.as_str(), "<stdin>"), "{a:?}");
    }
    // gate -
    let (code, out, err) = run_stdin(&["gate", "-", "--format", "json"], &rg);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("\"<stdin>\"") || out.contains("<stdin>:"),
        "{out}"
    );
}

#[test]
fn standard_input_is_named_in_errors_and_refused_empty_or_too_large() {
    let (code, _, err) = run_stdin(
        &["check", "--nic-nsg", "-", "--region", "westeurope"],
        b"{\n  \"name\": \"x\",\n  \"properties\": {\n",
    );
    assert_eq!(code, 2);
    assert!(err.starts_with("azegress: error: <stdin>:4:1: "), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let (code, _, err) = run_stdin(&["check", "--nic-nsg", "-", "--region", "westeurope"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("<stdin>: standard input is empty"), "{err}");
    let big = vec![b' '; 5000];
    let (code, _, err) = run_stdin(&["--max-input-size", "4K", "gate", "-"], &big);
    assert_eq!(code, 2);
    assert!(err.contains("<stdin>: larger than 4096 bytes"), "{err}");
    // the same bytes for every input that names `-` (read once)
    let nic = std::fs::read(root().join(NIC)).unwrap();
    let (code, out, err) = run_stdin(
        &[
            "check",
            "--nic-nsg",
            "-",
            "--subnet-nsg",
            "-",
            "--region",
            "westeurope",
        ],
        &nic,
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("vm1-nic-nsg"), "{out}");
}

// ---- completions and man ----

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for sub in ["check", "gate", "diagnose", "completions"] {
            assert!(out.contains(sub), "{shell}: no `{sub}` in the script");
        }
        assert!(
            out.contains("--skip-path") || out.contains("skip-path"),
            "{shell}"
        );
    }
    let (code, _, err) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(err.contains("tcsh"), "{err}");
}

#[test]
fn the_man_page_comes_from_the_same_definitions() {
    let (code, out, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(".ie") || out.contains(".TH azegress 1"),
        "{out}"
    );
    for sub in ["check", "gate", "diagnose", "completions"] {
        assert!(out.contains(sub), "no `{sub}` in the page");
    }
    let d = tempfile::tempdir().unwrap();
    let (code, out, err) = run(&["man", "--dir", &d.path().display().to_string()]);
    assert_eq!(code, 0, "{err}");
    let gate = std::fs::read_to_string(d.path().join("azegress-gate.1")).unwrap();
    assert!(
        gate.contains(".TH azegress-gate 1") && gate.contains("skip\\-path"),
        "{gate}"
    );
    assert!(d.path().join("azegress-tags-show.1").is_file());
    assert!(out.lines().count() >= 10, "{out}");
    let (code, _, err) = run(&["man", "--dir", "/nonexistent-azegress-dir"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a directory"), "{err}");
}

// ---- the baseline workflow ----

/// The lint NSGs (tests/data/gate/lint-nsgs.json) in `dir`, with `blank` empty lines inserted right above
/// the rule `Allow-All-In` (the rules from there on move down).
fn lints_moved(dir: &Path, blank: usize) -> PathBuf {
    let text = std::fs::read_to_string(root().join(LINTS)).unwrap();
    let at = text.find("\"name\": \"Allow-All-In\"").unwrap();
    // the start of the line above the name: the rule's own `{`
    let name_line = text[..at].rfind('\n').unwrap();
    let line_start = text[..name_line].rfind('\n').unwrap() + 1;
    let moved = format!(
        "{}{}{}",
        &text[..line_start],
        "\n".repeat(blank),
        &text[line_start..]
    );
    let p = dir.join("lint-nsgs.json");
    std::fs::write(&p, moved).unwrap();
    p
}

#[test]
fn the_baseline_workflow_works_as_pasted() {
    let d = tempfile::tempdir().unwrap();
    let base = d
        .path()
        .join(".azegress-baseline.json")
        .display()
        .to_string();
    // before it exists: one line that says how to make it
    let (code, out, err) = run(&["gate", LINTS, "--baseline", &base]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("run once with --write-baseline {base}")),
        "{err}"
    );
    // writing it passes (what it records is accepted from now on)
    let (code, out, err) = run(&["gate", LINTS, "--write-baseline", &base]);
    assert_eq!(code, 0, "{out}{err}");
    let first = std::fs::read_to_string(&base).unwrap();
    let v: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert!(v["fingerprints"].as_array().unwrap().len() >= 3, "{first}");
    // stable across runs
    let (code, _, _) = run(&["gate", LINTS, "--write-baseline", &base]);
    assert_eq!(code, 0);
    assert_eq!(std::fs::read_to_string(&base).unwrap(), first);
    let (code, out, _) = run(&["gate", LINTS, "--baseline", &base]);
    assert_eq!(code, 0, "{out}");
    // the same NSGs with blank lines inserted above a finding's rule: every finding still in the baseline,
    // and the fingerprints written from the moved file are the same
    let moved = lints_moved(d.path(), 7);
    let m = moved.display().to_string();
    let (code, out, _) = run(&["gate", &m, "--baseline", &base]);
    assert_eq!(code, 0, "{out}");
    let rdp: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("rule `Allow-All-In`:"))
        .collect();
    assert!(
        !rdp.is_empty() && rdp.iter().all(|l| l.ends_with("[baseline]")),
        "{out}"
    );
    // the rule's `{` was on line 50: now 7 lines lower
    assert!(
        rdp.iter().all(|l| l.contains(&format!("{m}:57:9"))),
        "the finding is located where the rule moved to: {out}"
    );
    let base2 = d.path().join("again.json").display().to_string();
    let (code, _, _) = run(&["gate", &m, "--write-baseline", &base2]);
    assert_eq!(code, 0);
    let again: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base2).unwrap()).unwrap();
    assert_eq!(again["fingerprints"], v["fingerprints"]);
    // --baseline and --write-baseline on the same missing file: the update command works the first time too
    let fresh = d.path().join("fresh.json").display().to_string();
    let (code, _, err) = run(&[
        "gate",
        LINTS,
        "--baseline",
        &fresh,
        "--write-baseline",
        &fresh,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(Path::new(&fresh).is_file());
}

// ---- the configuration file ----

#[test]
fn the_configuration_file_is_found_and_flags_win() {
    let r = repo();
    let sub = r.path().join("infra");
    std::fs::create_dir(&sub).unwrap();
    std::fs::copy(root().join(LINTS), sub.join("lint-nsgs.json")).unwrap();
    std::fs::write(sub.join("broken.json"), "{ \"broken\": ").unwrap();
    // found from a directory below the root
    std::fs::write(
        r.path().join(".azegress.yaml"),
        "# repository settings\nregion: westeurope\nfail-on: warning\nformat: json\nskip-paths:\n  - broken.json\nsuppress:\n  - duplicate-priority\n",
    )
    .unwrap();
    let (code, out, err) = run_in(&sub, &["gate", "."], None);
    let v: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    assert_eq!(code, 1, "{err}");
    let notes = v["notes"].to_string();
    assert!(
        notes.contains("excluded by --skip-path") && notes.contains("broken.json"),
        "{notes}"
    );
    let findings = v["findings"].as_array().unwrap();
    let dup: Vec<_> = findings
        .iter()
        .filter(|f| f["id"] == "lint/duplicate-priority")
        .collect();
    assert!(
        !dup.is_empty() && dup.iter().all(|f| !f["suppressed"].is_null()),
        "{v}"
    );
    // flags win: the format and the failing severity given on the command line
    let (code, out, _) = run_in(
        &sub,
        &["gate", ".", "--format", "table", "--fail-on", "error"],
        None,
    );
    assert!(out.starts_with("gate: "), "{out}");
    assert_eq!(code, 1, "errors remain: {out}");
    // --no-config reads none: the broken file is read, an input error
    let (code, _, _) = run_in(&sub, &["gate", ".", "--no-config", "-q"], None);
    assert_eq!(code, 2);
    // the region reaches check
    let (code, out, _) = run_in(&sub, &["check", "--nic-nsg", &abs(NIC)], None);
    assert_eq!(code, 1);
    assert!(out.contains("Storage.WestEurope"), "{out}");
    // a fingerprint suppresses that one finding
    let (_, out, _) = run_in(
        &sub,
        &[
            "gate",
            ".",
            "--format",
            "json",
            "--no-config",
            "--skip-path",
            "broken.json",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let open: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["suppressed"].is_null())
        .collect();
    let fps: Vec<String> = open
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect();
    let cfg = r.path().join("other.yaml");
    std::fs::write(
        &cfg,
        format!(
            "skip-paths: [broken.json]\nsuppress:\n{}",
            fps.iter().map(|f| format!("  - {f}\n")).collect::<String>()
        ),
    )
    .unwrap();
    let (code, out, err) = run_in(
        &sub,
        &["gate", ".", "--config", &cfg.display().to_string()],
        None,
    );
    assert!(out.contains("suppressed: by `suppress` in "), "{out}");
    assert_ne!(
        code, 1,
        "every finding suppressed by fingerprint: {out}{err}"
    );
}

#[test]
fn an_unknown_key_is_an_error_at_its_place_with_a_suggestion() {
    let r = repo();
    std::fs::write(
        r.path().join(".azegress.yaml"),
        "region: westeurope\nskip_paths:\n  - legacy/**\n",
    )
    .unwrap();
    let (code, out, err) = run_in(r.path(), &["gate", &abs(RG)], None);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.starts_with("azegress: error: .azegress.yaml:2:1: unknown key `skip_paths`; did you mean `skip-paths`?"),
        "{err}"
    );
    // a value checked at its place
    std::fs::write(r.path().join(".azegress.yaml"), "format: sarif2\n").unwrap();
    let (code, _, err) = run_in(r.path(), &["gate", &abs(RG)], None);
    assert_eq!(code, 2);
    assert!(
        err.contains(".azegress.yaml:1:9: format: `sarif2` is not a gate format"),
        "{err}"
    );
    // --config names a file that is not there
    let (code, _, err) = run_in(r.path(), &["gate", &abs(RG), "--config", "nope.yaml"], None);
    assert_eq!(code, 2);
    assert!(err.contains("nope.yaml: cannot read"), "{err}");
    // commands that take nothing from it do not read it
    let (code, _, _) = run_in(r.path(), &["explain", "AZE0311"], None);
    assert_eq!(code, 0);
}

// ---- gate --skip-path ----

#[test]
fn skip_path_leaves_files_unread_and_names_them_once() {
    let d = tempfile::tempdir().unwrap();
    let g = d.path();
    std::fs::create_dir_all(g.join("legacy/deep")).unwrap();
    std::fs::copy(root().join(NIC), g.join("nic.json")).unwrap();
    std::fs::write(g.join("legacy/deep/broken.json"), "{ \"x\": ").unwrap();
    std::fs::write(g.join("draft.json"), "[1,").unwrap();
    let gd = g.display().to_string();
    // without it, the broken files are input errors (exit 2), the rest still gated
    let (code, out, _) = run(&["gate", &gd]);
    assert_eq!(code, 2, "{out}");
    let (code, out, err) = run(&[
        "gate",
        &gd,
        "--skip-path",
        "legacy/**",
        "--skip-path",
        "draft.json",
    ]);
    assert_eq!(code, 1, "the NSG blocks 8443: {out}{err}");
    let skipped: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("excluded by --skip-path"))
        .collect();
    assert_eq!(skipped.len(), 1, "named once: {out}");
    assert!(
        skipped[0].contains("legacy/") && skipped[0].contains("draft.json"),
        "{out}"
    );
    assert!(!out.contains("AZE0631"), "{out}");
    // a file named on the command line inside a skipped directory, and every input skipped
    let broken = g.join("legacy/deep/broken.json").display().to_string();
    let (code, _, err) = run(&["gate", &broken, "--skip-path", "legacy"]);
    assert_eq!(code, 2);
    assert!(err.contains("--skip-path excludes every input"), "{err}");
    let (code, _, _) = run(&["gate", &broken, "--skip-path", "legacy", "--allow-empty"]);
    assert_eq!(code, 0);
    let (code, _, err) = run(&["gate", &gd, "--skip-path", "[x"]);
    assert_eq!(code, 2);
    assert!(err.contains("--skip-path `[x`: not a glob"), "{err}");
}

// ---- the guide page ----

/// Every line of docs/configuration.md's ```sh blocks runs from the repository root through `sh` (pipes
/// included), with the binary under test first on PATH, and exits with the code its `# exit N` states.
#[test]
fn the_configuration_guide_commands_run_as_shown() {
    let page = std::fs::read_to_string(root().join("docs/configuration.md")).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("azegress");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut in_sh = false;
    let mut ran = 0;
    for line in page.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_sh = !in_sh && t == "```sh";
            continue;
        }
        if !in_sh || t.is_empty() || t.starts_with('#') {
            continue;
        }
        let (cmd, comment) = t
            .rsplit_once(" # ")
            .unwrap_or_else(|| panic!("a command without `# exit N`: {t}"));
        let want: i32 = comment
            .trim()
            .strip_prefix("exit ")
            .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|d| d.parse().ok())
            .unwrap_or_else(|| panic!("a command without `# exit N`: {t}"));
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .current_dir(root())
            .env("PATH", &path)
            .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(want),
            "{t}\nstdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 15, "only {ran} commands found");
}
