//! Every `azegress …` command in the ```sh blocks of the README and of every page of the guide (docs/**/*.md)
//! runs as shown from the repository root and exits with the code its `# exit N` comment states (issue 9: the
//! documentation never shows a command that fails; issue 32: the guide's commands are tested too). Lines
//! written `cargo run --release -- …` run the same binary. Also: the README stays short, and the guide's
//! table of contents (docs/SUMMARY.md) and the links between pages point at files that exist.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// Splits a command line like a shell would for the simple quoting the documentation uses.
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

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The guide's pages: every `.md` file under docs/, sorted.
fn doc_pages() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("docs"), &mut out);
    out.sort();
    out
}

/// Runs every command of the ```sh blocks of `file`; returns how many ran.
fn run_commands(file: &Path) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    let name = file
        .strip_prefix(root())
        .unwrap_or(file)
        .display()
        .to_string();
    let mut in_sh = false;
    let mut ran = 0;
    for (n, line) in text.lines().enumerate() {
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
            .unwrap_or_else(|| panic!("{name}:{}: command without `# exit N`: {t}", n + 1));
        let out = Command::cargo_bin("azegress")
            .unwrap()
            .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
            .current_dir(root())
            .env("NO_COLOR", "1")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(want),
            "{name}:{}: {t}\nstdout:\n{}\nstderr:\n{}",
            n + 1,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    ran
}

#[test]
fn readme_commands_run_as_shown() {
    let ran = run_commands(&root().join("README.md"));
    assert!(ran >= 5, "only {ran} README commands found");
}

#[test]
fn guide_commands_run_as_shown() {
    let mut ran = 0;
    let mut pages_with_commands = 0;
    for page in doc_pages() {
        let n = run_commands(&page);
        ran += n;
        pages_with_commands += usize::from(n > 0);
    }
    assert!(ran >= 45, "only {ran} commands found in docs/");
    assert!(
        pages_with_commands >= 10,
        "only {pages_with_commands} pages of docs/ hold commands"
    );
}

#[test]
fn the_readme_is_short_and_carries_no_internal_notes() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.len() <= 15 * 1024,
        "README.md is {} bytes: move detail into docs/",
        readme.len()
    );
    for page in std::iter::once(root().join("README.md")).chain(doc_pages()) {
        let text = std::fs::read_to_string(&page).unwrap();
        for bad in ["as requested", "../shared", "shared/reference"] {
            assert!(
                !text.contains(bad),
                "{}: `{bad}` is an internal note",
                page.display()
            );
        }
        // a benchmark's goal ("(target 3×)", "target ≤ 2 %") is the project's business, not the reader's
        for (i, _) in text.match_indices("target ") {
            let next = text[i + 7..].chars().next().unwrap_or(' ');
            assert!(
                !(next.is_ascii_digit() || next == '≤'),
                "{}: an internal target: {}",
                page.display(),
                text[i..].chars().take(20).collect::<String>()
            );
        }
    }
}

/// Relative link targets of a Markdown text: `](target)` without a scheme, the `#fragment` dropped.
fn relative_links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        // code spans are text, not links
        let mut prose = String::new();
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
            } else if !in_code {
                prose.push(c);
            }
        }
        let mut rest = prose.as_str();
        while let Some(i) = rest.find("](") {
            rest = &rest[i + 2..];
            let Some(end) = rest.find(')') else { break };
            let target = &rest[..end];
            rest = &rest[end..];
            if target.contains("://") || target.starts_with('#') || target.starts_with("mailto:") {
                continue;
            }
            let path = target.split('#').next().unwrap_or("");
            if !path.is_empty() {
                out.push(path.to_string());
            }
        }
    }
    out
}

#[test]
fn the_guide_s_contents_and_links_name_files_that_exist() {
    let docs = root().join("docs");
    let summary = std::fs::read_to_string(docs.join("SUMMARY.md")).unwrap();
    let listed = relative_links(&summary);
    for page in &listed {
        assert!(
            docs.join(page).is_file(),
            "docs/SUMMARY.md lists {page}, which does not exist"
        );
    }
    // every page is in the table of contents (mdBook builds only those)
    for page in doc_pages() {
        let rel = page
            .strip_prefix(&docs)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if rel == "SUMMARY.md" {
            continue;
        }
        assert!(
            listed.contains(&rel),
            "docs/{rel} is not listed in docs/SUMMARY.md"
        );
    }
    for page in [
        "README.md",
        "CONTRIBUTING.md",
        "SECURITY.md",
        "CHANGELOG.md",
    ]
    .iter()
    .map(|p| root().join(p))
    .chain(doc_pages())
    {
        let text = std::fs::read_to_string(&page).unwrap();
        let dir = page.parent().unwrap();
        for link in relative_links(&text) {
            assert!(
                dir.join(&link).exists(),
                "{}: the link {link} names nothing",
                page.display()
            );
        }
    }
}
