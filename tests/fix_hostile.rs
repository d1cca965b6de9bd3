//! Issue 29 §3, data loss and emitted files: a Terraform block name Terraform refuses is an input error at
//! its block (never pasted into an emitted `.fixed.tf`); a written `.fixed.*` keeps the original's
//! permission bits and UTF-8 byte-order mark; a `.fixed.*` whose re-check fails is never left behind.
//! Inputs are small files written here into a temporary directory, or the quickstart configuration under
//! `tests/data/tf-config/` copied into one.

use assert_cmd::Command;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn azegress() -> Command {
    let mut c = Command::cargo_bin("azegress").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100"); // the width these tests were written for (a pipe is 80 since issue 32)
    c
}

/// Runs `azegress args`, asserts the exit code, returns (stdout, stderr).
fn run(args: &[&str], code: i32) -> (String, String) {
    let out = azegress().args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    // an error is printed as `azegress: error: <the one line>`
    let stderr = stderr
        .strip_prefix("azegress: error: ")
        .map_or(stderr.clone(), str::to_string);
    assert_eq!(
        out.status.code(),
        Some(code),
        "args {args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    (stdout, stderr)
}

/// A module of one file, `main.tf`, holding `text`.
fn module(text: &str) -> (tempfile::TempDir, String) {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("main.tf"), text).unwrap();
    let main = d.path().join("main.tf").to_string_lossy().into_owned();
    (d, main)
}

const NSG_BODY: &str = "{\n  name                = \"nsg-app\"\n  location            = \"koreacentral\"\n  resource_group_name = \"rg\"\n}\n";

/// A name with a space, a line break, a leading digit or a dot, on a resource, data source, module,
/// variable or output: exit 2, one line `main.tf:line:col: …` at the block, naming Terraform's rule.
#[test]
fn a_name_terraform_refuses_is_an_error_at_its_block() {
    let cases = [
        (
            format!("resource \"azurerm_network_security_group\" \"n sg\" {NSG_BODY}"),
            "n sg",
            1,
        ),
        (
            format!("\n\n  resource \"azurerm_network_security_group\" \"n\\nsg\" {NSG_BODY}"),
            "n\\nsg",
            3,
        ),
        (
            format!("# a comment\nresource \"azurerm_network_security_group\" \"1nsg\" {NSG_BODY}"),
            "1nsg",
            2,
        ),
        (
            "variable \"ok\" {}\nvariable \"bad.name\" {}\n".to_string(),
            "bad.name",
            2,
        ),
        ("output \"-x\" {\n  value = 1\n}\n".to_string(), "-x", 1),
        (
            "module \"m m\" {\n  source = \"./m\"\n}\n".to_string(),
            "m m",
            1,
        ),
        (
            "data \"azurerm_subnet\" \"s\\tt\" {\n  name = \"x\"\n}\n".to_string(),
            "s\\tt",
            1,
        ),
        (
            "resource \"azurerm_network_security_group\" \"\" {}\n".to_string(),
            "",
            1,
        ),
    ];
    for (text, shown, line) in cases {
        let (d, main) = module(&text);
        let (_, err) = run(&["gate", &d.path().to_string_lossy()], 2);
        let col = if text.starts_with("\n\n  ") { 3 } else { 1 };
        assert_eq!(err.trim_end().lines().count(), 1, "{text}\n{err}");
        assert!(
            err.starts_with(&format!(
                "{main}:{line}:{col}: `{shown}` is not a valid name"
            )),
            "{text}\n{err:?} {main:?}"
        );
        assert!(
            err.contains("must start with a letter or underscore"),
            "{err}"
        );
        // check reads it the same way
        let (_, err2) = run(
            &[
                "check",
                "--resources",
                &d.path().to_string_lossy(),
                "--vm",
                "x",
            ],
            2,
        );
        assert_eq!(err2, err);
    }
    // valid names pass the reader: letters, digits, `_`, `-`, a Unicode letter
    let (d, _) = module(&format!(
        "resource \"azurerm_network_security_group\" \"_n-sg_1\" {NSG_BODY}\nvariable \"ñame\" {{}}\n"
    ));
    let (_, err) = run(&["gate", &d.path().to_string_lossy()], 0);
    assert!(!err.contains("not a valid name"), "{err}");
}

/// The same in Terraform's JSON syntax.
#[test]
fn a_name_terraform_refuses_in_json_syntax_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("main.tf.json");
    std::fs::write(
        &f,
        "{\n  \"resource\": {\n    \"azurerm_network_security_group\": {\n      \"n sg\": {\n        \"name\": \"nsg-app\"\n      }\n    }\n  }\n}\n",
    )
    .unwrap();
    let (_, err) = run(&["gate", &d.path().to_string_lossy()], 2);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("{}:", f.display())) && err.contains("`n sg` is not a valid name"),
        "{err}"
    );
}

/// The quickstart VM configuration copied into a new directory, its NSG given a Deny-all outbound rule
/// (so `fix --option nsg` adds one rule to `main.tf`); `main.tf` gets `mode` and, with `bom`, a UTF-8
/// byte-order mark.
fn blocked_quickstart(mode: u32, bom: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/tf-config/quickstart/101-vm-with-infrastructure");
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let main = dir.path().join("main.tf");
    let text = std::fs::read_to_string(&main).unwrap();
    let at = text.find("security_rule {").unwrap();
    let deny = "security_rule {\n    name                       = \"DenyAllOutbound\"\n    priority                   = 4000\n    direction                  = \"Outbound\"\n    access                     = \"Deny\"\n    protocol                   = \"*\"\n    source_port_range          = \"*\"\n    destination_port_range     = \"*\"\n    source_address_prefix      = \"*\"\n    destination_address_prefix = \"*\"\n  }\n\n  ";
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(b"\xef\xbb\xbf");
    }
    bytes.extend_from_slice(format!("{}{deny}{}", &text[..at], &text[at..]).as_bytes());
    std::fs::write(&main, bytes).unwrap();
    std::fs::set_permissions(&main, std::fs::Permissions::from_mode(mode)).unwrap();
    dir
}

fn fix_args(d: &str) -> Vec<&str> {
    vec![
        "fix",
        "--resources",
        d,
        "--vm",
        "myVM",
        "--option",
        "nsg",
        "--emit",
        "file",
        "--write",
    ]
}

/// The written `.fixed.tf` has the original's permission bits (not the temporary file's 0600) and keeps
/// its byte-order mark; without one it gets none. It is read back and passes.
#[test]
fn the_fixed_file_keeps_the_originals_mode_and_bom() {
    for (mode, bom) in [(0o644, false), (0o640, true), (0o600, true), (0o664, false)] {
        let dir = blocked_quickstart(mode, bom);
        let d = dir.path().to_str().unwrap();
        let (out, _) = run(&fix_args(d), 0);
        assert!(
            out.contains("main.fixed.tf (written; checked again from disk: REACHABLE)"),
            "{out}"
        );
        let fixed = dir.path().join("main.fixed.tf");
        let m = std::fs::metadata(&fixed).unwrap().permissions().mode() & 0o777;
        assert_eq!(m, mode, "mode {mode:o}");
        let bytes = std::fs::read(&fixed).unwrap();
        assert_eq!(bytes.starts_with(b"\xef\xbb\xbf"), bom, "bom {bom}");
        // exactly one mark, never doubled
        assert!(!bytes[3..].starts_with(b"\xef\xbb\xbf"));
        assert!(
            String::from_utf8(bytes)
                .unwrap()
                .contains("# added by azegress fix")
        );
        // nothing else is left in the directory (no temporary file)
        let left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".azegress-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
        // the fixed file in place of the original passes
        std::fs::rename(&fixed, dir.path().join("main.tf")).unwrap();
        run(&["check", "--resources", d, "--vm", "myVM"], 0);
    }
}

/// A re-check that fails leaves no `.fixed.tf` and no temporary file: here the fixed file is larger than
/// `--max-input-size`, which the original is not, so reading it back fails. The error names the
/// `.fixed.tf`, says nothing was written, and is one line.
#[test]
fn a_failed_recheck_leaves_no_fixed_file() {
    let dir = blocked_quickstart(0o644, false);
    let d = dir.path().to_str().unwrap();
    let size = std::fs::metadata(dir.path().join("main.tf")).unwrap().len();
    let limit = (size + 16).to_string();
    let mut args = fix_args(d);
    args.extend(["--max-input-size", &limit]);
    let (_, err) = run(&args, 2);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("main.fixed.tf") && err.contains("not written") && !err.contains(".azegress-"),
        "{err}"
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "main.tf",
            "outputs.tf",
            "providers.tf",
            "ssh.tf",
            "variables.tf"
        ]
    );
    // with --force an existing `.fixed.tf` is not lost to a failed re-check either
    std::fs::write(dir.path().join("main.fixed.tf"), "# an earlier fix\n").unwrap();
    args.push("--force");
    run(&args, 2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("main.fixed.tf")).unwrap(),
        "# an earlier fix\n"
    );
}
