//! Every `azegress …` command in the README's ```sh blocks runs as shown from the repository root and
//! exits with the code its `# exit N` comment states (issue 9: the README never shows a command that fails).

use assert_cmd::Command;

/// Splits a command line like a shell would for the simple quoting the README uses.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (_, c) => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

#[test]
fn readme_commands_run_as_shown() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut in_sh = false;
    let mut ran = 0;
    for line in readme.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_sh = !in_sh && t == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        let (cmd, comment) = match t.split_once(" # ") {
            Some((c, m)) => (c.trim(), m.trim()),
            None => (t, ""),
        };
        let args: Vec<String> = if let Some(rest) = cmd.strip_prefix("azegress ") {
            words(rest)
        } else if let Some(rest) = cmd.strip_prefix("cargo run --release -- ") {
            words(rest)
        } else {
            continue;
        };
        let want: i32 = comment
            .strip_prefix("exit ")
            .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|d| d.parse().ok())
            .unwrap_or_else(|| panic!("README command without `# exit N`: {t}"));
        let out = Command::cargo_bin("azegress")
            .unwrap()
            .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("NO_COLOR", "1")
            .args(&args)
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
    assert!(ran >= 10, "only {ran} README commands found");
}
