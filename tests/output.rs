//! Output for a person: colour (`--color`, `--no-color`, `NO_COLOR`), the width (COLUMNS, 80 through a pipe
//! and on a terminal that reports 0×0), gate's lines wrapped and coloured by severity, one line per distinct
//! finding, `explain` and `diagnose` rendered for the terminal (Markdown only when asked).

use assert_cmd::Command;

const RED: &str = "\x1b[38;5;9m";

fn azegress() -> Command {
    let mut c = Command::cargo_bin("azegress").unwrap();
    c.env_remove("NO_COLOR").env_remove("COLUMNS");
    c
}

fn out(c: &mut Command) -> (i32, String) {
    let o = c.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stdout).unwrap(),
    )
}

/// The widest line, links left out (a link stays whole, so it can be clicked).
fn widest(s: &str) -> usize {
    s.lines()
        .filter(|l| !l.contains("https://"))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
}

const LINTS: &str = "tests/data/gate/lint-nsgs.json";

#[test]
fn piped_output_is_80_columns_and_columns_wins() {
    let (code, piped) = out(azegress().args(["check", "examples/deny-all-outbound/scenario.yaml"]));
    assert_eq!(code, 1);
    assert!(widest(&piped) <= 80, "{piped}");
    assert!(
        widest(&piped) > 60,
        "laid out for 80, not narrower: {piped}"
    );
    let (_, wide) = out(azegress()
        .env("COLUMNS", "120")
        .args(["check", "examples/deny-all-outbound/scenario.yaml"]));
    assert!(widest(&wide) <= 120 && widest(&wide) > 80, "{wide}");
    // gate through a pipe: one line per finding (CI logs, grep); wrapped on a terminal (below)
    let (_, gate) = out(azegress().env("COLUMNS", "60").args(["gate", LINTS]));
    assert!(
        gate.lines()
            .filter(|l| l.starts_with("ERROR") || l.starts_with("WARN"))
            .all(|l| l.contains("lint-nsgs.json:")),
        "{gate}"
    );
}

#[test]
fn colour_flags_and_no_color() {
    // through a pipe: no colour unless asked
    let (_, plain) = out(azegress().args(["gate", LINTS]));
    assert!(!plain.contains('\x1b'), "{plain}");
    // --color always wins over NO_COLOR, and paints errors red
    let (_, always) = out(azegress()
        .env("NO_COLOR", "1")
        .args(["gate", LINTS, "--color", "always"]));
    assert!(always.contains(&format!("{RED}ERROR")), "{always}");
    // --no-color, and --color never, anywhere on the line (global flags)
    for args in [["--no-color", "gate", LINTS], ["gate", LINTS, "--no-color"]] {
        let (_, s) = out(azegress().args(args));
        assert!(!s.contains('\x1b'), "{s}");
    }
    let (_, s) = out(azegress().args(["--color", "never", "explain", "--list"]));
    assert!(!s.contains('\x1b'));
    // the last of --color and --no-color wins
    let (_, s) = out(azegress().args(["gate", LINTS, "--no-color", "--color", "always"]));
    assert!(s.contains('\x1b'), "{s}");
    // colour does not change the text
    let strip = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    let (_, coloured) = out(azegress().args(["gate", LINTS, "--color", "always"]));
    assert_eq!(strip.replace_all(&coloured, ""), plain);
}

#[test]
fn copies_of_an_nsg_with_an_unknown_name_part_are_one_line_each() {
    // four copies of an NSG whose name holds a parameter without a value: each copy keeps its known parts
    // (`nsg-[parameters('suffix')]-0`, …), so the four findings are four NSGs, one line and one count each
    // (issue 30 §2; once four identical lines)
    let f = "tests/data/output/copy-loop-unknown-name.json";
    let (code, s) = out(azegress().args(["gate", f, "--no-color"]));
    assert_ne!(code, 2, "{s}");
    let lines: Vec<&str> = s
        .lines()
        .filter(|l| l.contains("admin-port-from-internet"))
        .collect();
    assert_eq!(lines.len(), 4, "{s}");
    for i in 0..4 {
        let name = format!("NSG `nsg-[parameters('suffix')]-{i}`");
        assert_eq!(lines.iter().filter(|l| l.contains(&name)).count(), 1, "{s}");
    }
    let (_, j) = out(azegress().args(["gate", f, "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&j).unwrap();
    let n = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["id"] == "lint/admin-port-from-internet")
        .count();
    assert_eq!(n, 4, "{j}");
}

#[test]
fn explain_is_a_table_for_people_and_markdown_when_asked() {
    let (code, table) = out(azegress().args(["explain", "--list"]));
    assert_eq!(code, 0);
    assert!(widest(&table) <= 80, "{table}");
    assert!(
        table.contains("AZE0632") && !table.contains("|---|"),
        "{table}"
    );
    let (_, md) = out(azegress().args(["explain", "--list", "--format", "markdown"]));
    assert_eq!(md, std::fs::read_to_string("docs/diagnostics.md").unwrap());
    let (_, page) = out(azegress().env("COLUMNS", "50").args(["explain", "AZE0634"]));
    assert!(widest(&page) <= 50 || page.lines().any(|l| l.contains("https://")));
    assert!(page.starts_with("AZE0634 subnet-without-nsg (warning, finding)"));
    let (_, page_md) = out(azegress().args(["explain", "AZE0634", "--format", "markdown"]));
    assert!(
        page_md.starts_with("## AZE0634 `subnet-without-nsg`"),
        "{page_md}"
    );
}

#[test]
fn diagnose_table_fits_the_terminal_and_markdown_only_when_asked() {
    let args = [
        "diagnose",
        "--region",
        "westeurope",
        "--nic-nsg",
        "examples/deny-all-outbound/nic-nsg.json",
    ];
    let (_, text) = out(azegress().args(args));
    // a link stays whole, so it can be clicked
    assert!(
        text.lines()
            .all(|l| l.chars().count() <= 80 || l.contains("https://")),
        "{text}"
    );
    assert!(text.contains("┆ ◀ decides"), "{text}");
    assert!(!text.contains("|---") && !text.contains("### "), "{text}");
    let (_, md) = out(azegress().args(args).args(["--format", "markdown"]));
    assert!(md.contains("### ") && md.contains("|"), "{md}");
}

/// A pseudo-terminal that reports 0×0 (what `script` gives without a terminal around it, and some CI
/// runners): 80 columns, not one word per line.
#[test]
#[cfg(unix)]
#[ignore = "needs script: apt-get install bsdutils"]
fn a_zero_by_zero_terminal_is_80_columns() {
    let bin = assert_cmd::cargo::cargo_bin("azegress");
    let cmd = format!(
        "stty cols 0 rows 0 2>/dev/null; {} check examples/deny-all-outbound/scenario.yaml",
        bin.display()
    );
    let o = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&o.stdout).replace('\r', "");
    assert!(s.contains("verdict: BLOCKED"), "{s}");
    let short = s
        .lines()
        // a line holding one word (table borders are not words)
        .filter(|l| l.split_whitespace().count() == 1 && l.chars().any(char::is_alphanumeric))
        .count();
    assert!(short < 5, "one word per line: {s}");
    assert!(widest(&s) <= 80, "{s}");
    // gate on a terminal: wrapped at words to the width, continuation lines indented under the text
    let cmd = format!(
        "stty cols 0 rows 0 2>/dev/null; COLUMNS=60 {} gate {LINTS} 2>/dev/null",
        bin.display()
    );
    let o = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&o.stdout).replace('\r', "");
    assert!(s.contains("ERROR"), "{s}");
    assert!(widest(&s) <= 60, "{s}");
    assert!(s.lines().any(|l| l.starts_with("        ")), "{s}");
}
