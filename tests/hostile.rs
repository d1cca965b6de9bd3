//! Crafted input that once took unbounded time or memory. Each case must finish (quickly: these sizes
//! would take minutes with the old quadratic or exponential code) with a one-line error or a result.

use assert_cmd::Command;
use azegress::ingest::load_nsgs_text;

fn azegress() -> Command {
    let mut c = Command::cargo_bin("azegress").unwrap();
    c.env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache");
    c
}

/// Exit 2 and one stderr line holding `want`.
fn one_line_error(args: &[&str], want: &str) {
    let out = azegress().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(want), "`{err}` lacks `{want}`");
}

#[test]
fn yaml_nested_100_000_deep_is_refused_at_its_line() {
    // 200 KB of flow nesting: the YAML reader's time grows with the square of the depth (19 s before)
    let text = format!(
        "name: x\nrules: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let e = load_nsgs_text(&text, "deep.yaml", None)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("deep.yaml:2:") && e.contains("nested deeper than"),
        "{e}"
    );
    // the same depth spread over lines
    let text = format!("name: x\nrules:\n{}", "[\n".repeat(100_000));
    let e = load_nsgs_text(&text, "deep.yaml", None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("nested deeper than"), "{e}");
}

#[test]
fn json_nested_100_000_deep_is_refused_at_its_line_and_column() {
    let text = format!("{{\"a\": {}", "[".repeat(100_000));
    let e = load_nsgs_text(&text, "deep.json", None)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("deep.json:1:") && e.contains("nested deeper than"),
        "{e}"
    );
}

#[test]
fn squid_include_pattern_is_matched_in_linear_time() {
    // `*a*a*a*a*a*a*b` against a long name was exponential with the old matcher (18 s)
    let dir = tempfile::tempdir().unwrap();
    let confd = dir.path().join("conf.d");
    std::fs::create_dir(&confd).unwrap();
    std::fs::write(confd.join(format!("{}c", "a".repeat(200))), "").unwrap();
    std::fs::write(confd.join("ab"), "http_access allow all\n").unwrap();
    let conf = dir.path().join("squid.conf");
    std::fs::write(
        &conf,
        "include /etc/squid/conf.d/*a*a*a*a*a*a*b\ninclude /etc/squid/conf.d/a*b\nhttp_access deny all\n",
    )
    .unwrap();
    let c = azegress::ingest::proxy::load_squid(&conf.to_string_lossy()).unwrap();
    // the first pattern matches nothing (reported as a missing include), the second matches `ab`
    assert_eq!(c.includes.len(), 1, "{:?}", c.includes);
    assert_eq!(c.included.len(), 1, "{:?}", c.included);
    assert!(c.included[0].ends_with("conf.d/ab"));
}

#[test]
fn endless_or_huge_input_is_refused_with_one_line() {
    if std::path::Path::new("/dev/zero").exists() {
        one_line_error(
            &[
                "--max-input-size",
                "1M",
                "check",
                "--nic-nsg",
                "/dev/zero",
                "--region",
                "koreacentral",
            ],
            "/dev/zero: not a regular file (a device)",
        );
        // issue 29: a cached tag file linked to /dev/zero was read up to the size bound (7 s, 2.6 GB)
        let cache = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(
            "/dev/zero",
            cache.path().join("ServiceTags_Public_20991231.json"),
        )
        .unwrap();
        // refused before it is opened (never read at all); the bundled file is used
        let out = Command::cargo_bin("azegress")
            .unwrap()
            .env("AZEGRESS_CACHE_DIR", cache.path())
            .args(["tags", "info"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("bundled"),
            "{out:?}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    std::fs::write(&big, vec![b' '; 2 << 20]).unwrap();
    one_line_error(
        &[
            "check",
            "--max-input-size",
            "1M",
            "--nic-nsg",
            &big.to_string_lossy(),
            "--region",
            "koreacentral",
        ],
        "raise it with --max-input-size",
    );
    let out = azegress()
        .args(["--max-input-size", "lots", "tags", "info"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`lots` is not a size"));
}

#[test]
fn scenario_values_are_reported_at_their_own_line_and_column() {
    use azegress::ingest::scenario::parse_scenario;
    let e = parse_scenario("region: koreacentral\nvm:\n  ip: 10.0.0.300\n", "s.yaml")
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "s.yaml:3:7: vm.ip `10.0.0.300` is not an IP address (e.g. 10.0.0.4)"
    );
    let e = parse_scenario(
        "region: koreacentral\nvnet: {address_space: [10.0.0.0/16, 10.1.0.0/33]}\n",
        "s.yaml",
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("s.yaml:2:37: vnet.address_space `10.1.0.0/33`"),
        "{e}"
    );
    // inline YAML rules are located by the parser, not by searching for their names
    let e = parse_scenario(
        "region: koreacentral\nnic_nsg:\n  name: n\n  rules:\n    - {name: dup, priority: 100, direction: Outbound, access: Allow, protocol: Tcp, destination: '*', destination_ports: 443}\n    - {name: dup, priority: 200, direction: Outbound, access: Maybe, protocol: Tcp, destination: '*', destination_ports: 443}\n",
        "s.yaml",
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("s.yaml:6:7: rule `dup` of NSG `n`: access `maybe`"),
        "{e}"
    );
}

#[test]
fn a_file_name_with_a_line_break_still_gives_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a\nb.json");
    std::fs::write(&p, "{").unwrap();
    one_line_error(
        &[
            "check",
            "--nic-nsg",
            &p.to_string_lossy(),
            "--region",
            "koreacentral",
        ],
        "invalid JSON",
    );
}

#[test]
fn template_whose_variables_grow_exponentially_ends_unknown_not_aborted() {
    // 200 variables, each the concatenation of the next ten times: 10^200 characters if evaluated naively
    // (a 100 KB template aborted the process before). Memoized and budgeted, the rule is unknown.
    let mut vars = serde_json::Map::new();
    for i in 0..200 {
        let uses = vec![format!("variables('v{}')", i + 1); 10].join(", ");
        vars.insert(format!("v{i}"), format!("[concat({uses})]").into());
    }
    vars.insert("v200".into(), "Storage.KoreaCentral".into());
    let t = serde_json::json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "variables": vars,
        "resources": [{"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-04-01", "name": "nsg",
            "properties": {"securityRules": [{"name": "deny", "properties": {"priority": 100, "direction": "Outbound",
                "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*",
                "destinationAddressPrefix": "[variables('v0')]", "destinationPortRange": "*"}}]}}]
    });
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bomb.json");
    std::fs::write(&p, serde_json::to_string(&t).unwrap()).unwrap();
    let out = azegress()
        .args([
            "check",
            "--nic-nsg",
            &p.to_string_lossy(),
            "--region",
            "koreacentral",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    // the deny rule's destination cannot be known: inconclusive, never allowed
    assert_eq!(
        out.status.code(),
        Some(3),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A value of the wrong type is an input error at its own line and column, never "no rules" (an NSG that
/// passes) or "no routes" (a forced tunnel that disappears). Absent or `null` is none, as in Azure.
/// Reference: azure-semantics.md §1.6 (the shapes NSG exports take).
#[test]
fn malformed_shapes_are_errors_at_the_value_never_empty() {
    let d = "tests/data/hostile";
    for (file, at, want) in [
        (
            "nsg-properties-string.json",
            ":4:17:",
            "`properties` of NSG `nsg-app` must be an object, found a string",
        ),
        (
            "nsg-rules-string.json",
            ":5:22:",
            "`securityRules` of NSG `nsg-app` must be a list, found a string",
        ),
        (
            "nsg-rules-number.json",
            ":1:53:",
            "`securityRules` of NSG `nsg-app` must be a list, found a number",
        ),
        (
            "nsg-rule-field-bool.json",
            ":11:36:",
            "`destinationPortRanges` of rule `deny-8443` must be a string or a list of strings, found a boolean",
        ),
    ] {
        let path = format!("{d}/{file}");
        let args = ["check", "--nic-nsg", &path, "--region", "westeurope"];
        one_line_error(&args, &format!("{path}{at} {want}"));
        // gate reads the same NSG among its resources (a typed one): an input error at the same place in
        // its report, whatever else it gates (issue 30), and exit 2
        if std::fs::read_to_string(&path).unwrap().contains("\"type\"") {
            let out = azegress()
                .args(["gate", &path, "--region", "westeurope"])
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            assert_eq!(out.status.code(), Some(2), "{text}");
            assert!(
                text.contains(&format!("error[AZE0631]: {path}{at} {want}")),
                "{text}"
            );
        }
    }
    let rt = format!("{d}/route-table-routes-object.json");
    one_line_error(
        &["check", "--route-table", &rt, "--region", "westeurope"],
        &format!("{rt}:5:15: `routes` of route table `rt-spoke` must be a list, found an object"),
    );
    // `null` is what Azure writes for none: the NSG has only its default rules
    let out = azegress()
        .args([
            "check",
            "--nic-nsg",
            &format!("{d}/nsg-null-rules.json"),
            "--region",
            "westeurope",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every list a reader takes is checked the same way: firewall rule collections and a VM's NICs.
#[test]
fn malformed_lists_in_firewalls_and_resources_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let fw = dir.path().join("fw.json");
    std::fs::write(
        &fw,
        r#"{"name": "hub-fw", "type": "Microsoft.Network/azureFirewalls",
  "properties": {"networkRuleCollections": "allow-all", "ipConfigurations": []}}"#,
    )
    .unwrap();
    let fw = fw.to_string_lossy().into_owned();
    one_line_error(
        &["check", "--firewall", &fw, "--region", "westeurope"],
        "`networkRuleCollections` of Azure Firewall `hub-fw` must be a list, found a string",
    );
    let res = dir.path().join("resources.json");
    std::fs::write(
        &res,
        r#"[{"type": "Microsoft.Compute/virtualMachines", "name": "vm1", "location": "westeurope",
  "properties": {"networkProfile": {"networkInterfaces": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic1"}}}}]"#,
    )
    .unwrap();
    let res = res.to_string_lossy().into_owned();
    one_line_error(
        &["check", "--resources", &res, "--vm", "vm1"],
        ":2:58: `networkInterfaces` of VM `vm1` must be a list, found an object",
    );
}

/// Emitted scripts carry no line break from the input, comments included: a squid.conf whose path holds
/// a line break would otherwise end the `#` comment, and the rest of the line would run with the script.
#[test]
fn a_line_break_in_an_input_path_never_reaches_an_emitted_script() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("proxy\ntouch azegress-pwned #");
    std::fs::create_dir(&dir).unwrap();
    let from = std::path::Path::new("examples/squid-debian-defaults");
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
        }
    }
    let sc = dir.join("scenario.yaml");
    for emit in ["azcli", "powershell", "bicep", "terraform"] {
        let out = azegress()
            .args([
                "fix",
                &sc.to_string_lossy(),
                "--option",
                "proxy",
                "--emit",
                emit,
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !text.lines().any(|l| l.starts_with("touch ")),
            "{emit}: a line of the path runs as a command:\n{text}"
        );
        if emit == "azcli" {
            assert!(text.contains("proxy\\ntouch azegress-pwned #"), "{text}");
        }
    }
}

/// Terminal output shows control characters from the input escaped: a rule name cannot clear the screen
/// and print a fake verdict. JSON keeps the value (as `\u` escapes).
#[test]
fn control_characters_in_a_rule_name_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("nsg.json");
    std::fs::write(
        &f,
        r#"{"name": "nsg\u001b[2J\u001b[Hall checks passed\u009b", "properties": {"securityRules": [
  {"name": "deny\u001b]0;title\u0007", "properties": {"priority": 100, "direction": "Outbound", "access": "Deny",
   "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*",
   "destinationPortRange": "*", "description": "x\u202ey"}}]}}"#,
    )
    .unwrap();
    let f = f.to_string_lossy().into_owned();
    for format in ["table", "markdown", "mermaid", "json"] {
        let out = azegress()
            .args([
                "check",
                "--nic-nsg",
                &f,
                "--region",
                "westeurope",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n') && !text.contains('\u{202e}'),
            "{format}: raw control text: {text:?}"
        );
        if format != "json" {
            assert!(text.contains(r"\x1b[2J"), "{format}: {text}");
        }
    }
    // the same through gate, and in an error message
    let out = azegress()
        .args(["gate", &f, "--region", "westeurope"])
        .output()
        .unwrap();
    let all = [out.stdout, out.stderr].concat();
    assert!(!String::from_utf8_lossy(&all).contains('\u{1b}'));
    let bad = dir.path().join("bad\u{1b}[2J.json");
    std::fs::write(&bad, "{").unwrap();
    let out = azegress()
        .args([
            "check",
            "--nic-nsg",
            &bad.to_string_lossy(),
            "--region",
            "westeurope",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !err.contains('\u{1b}') && err.contains(r"bad\x1b[2J.json"),
        "{err}"
    );
}

/// Markdown for a pull-request comment: a value cannot start an HTML comment or tag (`\n<!--` in a name
/// would hide every later finding on GitHub) and a `|` cannot break the table.
#[test]
fn markdown_output_escapes_html_and_table_breaks_in_values() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("nsg.json");
    std::fs::write(
        &f,
        r#"{"name": "nsg-a\n<!-- hidden", "properties": {"securityRules": [
  {"name": "deny|all<img src=x>", "properties": {"priority": 100, "direction": "Outbound", "access": "Deny",
   "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*",
   "destinationPortRange": "*"}}]}}"#,
    )
    .unwrap();
    let f = f.to_string_lossy().into_owned();
    for args in [
        vec![
            "check",
            "--nic-nsg",
            &f,
            "--region",
            "westeurope",
            "--format",
            "markdown",
        ],
        vec![
            "diagnose",
            "--nic-nsg",
            &f,
            "--region",
            "westeurope",
            "--format",
            "markdown",
        ],
    ] {
        let out = azegress().args(&args).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
        for l in text.lines() {
            let outside_code: String = l.split('`').step_by(2).collect();
            assert!(
                !outside_code.contains("<!--") && !outside_code.contains("<img"),
                "{args:?}: raw HTML in `{l}`"
            );
            if l.starts_with('|') && l.contains("deny") {
                assert!(
                    !l.contains("deny|all"),
                    "{args:?}: a `|` breaks the row: {l}"
                );
            }
        }
    }
}

/// A password in a proxy URL is never printed: not in a valid URL's report, not in a malformed URL's error.
#[test]
fn a_proxy_password_is_never_printed() {
    for (url, code) in [
        ("http://alice:s3cret@10.0.0.5:3128", None),
        ("http://alice:s3cret@10.0.0.5:bad", Some(2)),
        ("http://alice:s3cret@[::1", Some(2)),
        ("alice:s3cret@", Some(2)),
        ("http://alice:s3cret@/", Some(2)),
    ] {
        for format in ["table", "json"] {
            let out = azegress()
                .args([
                    "check",
                    "--region",
                    "westeurope",
                    "--os",
                    "linux",
                    "--proxy",
                    url,
                ])
                .args(["--format", format])
                .output()
                .unwrap();
            if let Some(c) = code {
                assert_eq!(out.status.code(), Some(c), "{url}");
            }
            let all = String::from_utf8_lossy(&[out.stdout, out.stderr].concat()).into_owned();
            assert!(!all.contains("s3cret"), "{url}: {all}");
            if code.is_some() {
                assert!(
                    all.contains("***@"),
                    "{url}: the error still says which URL: {all}"
                );
            }
        }
    }
}

/// A prefix written wrong is said to be one, at its place; it is never taken for a service tag.
#[test]
fn a_bad_prefix_is_an_invalid_prefix_not_an_unknown_tag() {
    let dir = tempfile::tempdir().unwrap();
    for (value, want) in [
        (
            "10.0.0.0/33",
            "invalid prefix length 33 in `10.0.0.0/33` (IPv4 allows 0-32)",
        ),
        (
            "2001:db8::/129",
            "invalid prefix length 129 in `2001:db8::/129` (IPv6 allows 0-128)",
        ),
        ("10.0.0.256", "`10.0.0.256` is not an IP address"),
        ("10.0.0.0/x", "invalid prefix length in `10.0.0.0/x`"),
    ] {
        let f = dir.path().join("nsg.json");
        std::fs::write(
            &f,
            format!(
                "{{\"name\": \"n\", \"properties\": {{\"securityRules\": [\n  {{\"name\": \"r\", \"properties\": {{\"priority\": 100, \"direction\": \"Outbound\", \"access\": \"Deny\", \"protocol\": \"*\", \"sourceAddressPrefix\": \"*\", \"sourcePortRange\": \"*\", \"destinationAddressPrefix\": \"{value}\", \"destinationPortRange\": \"*\"}}}}]}}}}"
            ),
        )
        .unwrap();
        let f = f.to_string_lossy().into_owned();
        one_line_error(
            &["check", "--nic-nsg", &f, "--region", "westeurope"],
            &format!("{f}:2:3: rule `r` of NSG `n`: destination address: {want}"),
        );
    }
}

/// `--firewall FILE#name` with a name the file does not hold is an input error naming what it holds,
/// never a firewall built from the typo and reported "not on the path".
#[test]
fn a_firewall_selector_typo_is_an_input_error() {
    one_line_error(
        &[
            "check",
            "--region",
            "koreacentral",
            "--firewall",
            "examples/forced-tunnel-azurebackup-tag/firewall.json#hub-fx",
        ],
        "firewall.json: no Azure Firewall or firewall policy named `hub-fx` in this file (it holds: hub-fw)",
    );
}

/// A run that would hang or take minutes before is stopped here instead of blocking the suite.
const LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

/// `azegress ARGS…` with [`LIMIT`]: exit code, stdout, stderr.
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = azegress()
        .env("COLUMNS", "100")
        .timeout(LIMIT)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A FIFO at `p`, when `mkfifo` is there.
fn mkfifo(p: &std::path::Path) -> bool {
    std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .is_ok_and(|s| s.success())
}

const RG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/resource-graph/resources.json"
);

#[cfg(unix)]
#[test]
fn gate_reads_each_file_of_a_directory_once_and_skips_what_is_not_a_file() {
    // `self -> .` made the walk go round until the path was too long: 41 copies of the one VM
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(RG, d.join("resources.json")).unwrap();
    std::os::unix::fs::symlink(".", d.join("self")).unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::os::unix::fs::symlink("../resources.json", d.join("sub/link.json")).unwrap();
    std::os::unix::fs::symlink(d, d.join("sub/up")).unwrap();
    // a FIFO named like an export blocked the run forever
    let fifo = mkfifo(&d.join("x.json"));
    let ds = d.to_string_lossy().into_owned();
    let file = d.join("resources.json").to_string_lossy().into_owned();
    let (code, out, err) = run(&["gate", &ds, &file, &ds, "--format", "json"]);
    assert_eq!(code, Some(1), "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["vms"], 1, "{v:#}");
    assert_eq!(v["nsgs"], 2, "{v:#}");
    let notes: Vec<&str> = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["message"].as_str())
        .collect();
    if fifo {
        let want = format!(
            "skipped `{}`: a FIFO (named pipe), not a regular file",
            d.join("x.json").display()
        );
        assert!(notes.iter().any(|n| n.contains(&want)), "{notes:?}");
        let (_, table, _) = run(&["gate", &ds]);
        assert!(
            table.contains(&format!("warning[AZE0623]: {want}")),
            "{table}"
        );
    } else {
        assert!(notes.is_empty(), "{notes:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_named_as_an_input_is_refused_before_it_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nsg.json");
    if !mkfifo(&p) {
        return;
    }
    let p = p.to_string_lossy().into_owned();
    for args in [
        vec!["gate", p.as_str(), "--region", "westeurope"],
        vec!["check", "--nic-nsg", p.as_str(), "--region", "westeurope"],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, Some(2), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(
            err.contains(&format!(
                "{p}: not a regular file (a FIFO, which waits until something writes to it)"
            )),
            "{err}"
        );
    }
}

#[test]
fn pack_nested_100_000_deep_is_refused_at_its_line_and_column() {
    // 100 KB of flow nesting in a pack took 22 s in the YAML reader
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deep.yaml");
    std::fs::write(
        &p,
        format!(
            "name: deep\nrequirements: {}{}\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        ),
    )
    .unwrap();
    let p = p.to_string_lossy().into_owned();
    let (code, _, err) = run(&["gate", "--pack", &p, RG]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(&format!("{p}:2:143: YAML nested deeper than 128 levels")),
        "{err}"
    );
}

/// An NSG resource whose one rule (Deny everything outbound) is named `name`.
fn deny_all_named(name: &str) -> serde_json::Value {
    serde_json::json!([{
        "type": "Microsoft.Network/networkSecurityGroups", "name": "nsg-long", "location": "westeurope",
        "properties": {"securityRules": [{"name": name, "properties": {"priority": 100,
            "direction": "Outbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*",
            "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*"}}]}
    }])
}

#[test]
fn a_megabyte_rule_name_is_cut_in_tables_and_whole_in_json() {
    // the table's wrapping took 15 s for a 1 MB name, over a minute for 2 MB
    let name = "r".repeat(1 << 20);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("long.json");
    std::fs::write(&p, deny_all_named(&name).to_string()).unwrap();
    let p = p.to_string_lossy().into_owned();
    let cut = format!("{}…", "r".repeat(150));
    let check = ["check", "--nic-nsg", &p, "--region", "westeurope"];
    let gate = ["gate", &p, "--region", "westeurope"];
    for (args, widest) in [(&check[..], 100), (&gate[..], 1000)] {
        let (code, out, err) = run(args);
        assert_eq!(code, Some(1), "{err}");
        // cut to 200 characters with what leads it (`securityRules/`), the last one `…` (the check
        // table wraps it over lines)
        let flat: String = out.split_whitespace().collect();
        assert!(flat.contains(&cut), "{}", &out[..out.len().min(2000)]);
        assert!(!flat.contains(&"r".repeat(200)));
        let longest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(longest <= widest, "a line of {longest} characters");
        assert!(out.len() < 20_000, "{} bytes of output", out.len());
        // JSON keeps the name whole
        let mut json = args.to_vec();
        json.extend(["--format", "json"]);
        let (_, out, err) = run(&json);
        assert!(
            out.contains(&format!("\"securityRules/{name}\""))
                || out.contains(&format!("`{name}`")),
            "{err}"
        );
    }
}

#[test]
fn lints_on_20_000_rules_say_the_nsg_is_over_azures_limit_and_stop_the_shadow_analysis() {
    // the shadowed and redundant rule analysis compares each rule with every earlier one: 22 s on 20,000
    let rules = |n: usize| -> Vec<serde_json::Value> {
        (0..n)
            .map(|i| {
                serde_json::json!({"name": format!("r{i}"), "properties": {
                    "priority": 100 + i % 3997,
                    "direction": if (i / 3997) % 2 == 0 { "Outbound" } else { "Inbound" },
                    "access": if i % 2 == 0 { "Deny" } else { "Allow" }, "protocol": "Tcp",
                    "sourceAddressPrefix": "*", "sourcePortRange": "*",
                    "destinationAddressPrefix": format!("10.{}.{}.0/24", (i >> 8) & 255, i & 255),
                    "destinationPortRange": (1000 + i % 50_000).to_string()}})
            })
            .collect()
    };
    let dir = tempfile::tempdir().unwrap();
    for (n, over) in [(20_000, true), (1_000, false)] {
        let p = dir.path().join(format!("nsg{n}.json"));
        let nsg = serde_json::json!([{"type": "Microsoft.Network/networkSecurityGroups",
            "name": format!("nsg{n}"), "location": "westeurope",
            "properties": {"securityRules": rules(n)}}]);
        std::fs::write(&p, nsg.to_string()).unwrap();
        let p = p.to_string_lossy().into_owned();
        let (code, out, err) = run(&["gate", &p, "--region", "westeurope"]);
        assert!(code.is_some(), "{err}");
        let limit = out.lines().find(|l| l.contains("lint/too-many-rules"));
        let cut = out.lines().find(|l| l.contains("lint/shadow-analysis-cut"));
        if over {
            let limit = limit.unwrap_or_else(|| panic!("{err}"));
            assert!(
                limit.contains(
                    "NSG `nsg20000`: 20000 security rules, more than Azure's limit of 1000 per NSG"
                ) && limit.contains("azure-subscription-service-limits#networking-limits"),
                "{limit}"
            );
            let cut = cut.unwrap_or_else(|| panic!("{err}"));
            assert!(
                cut.contains("the shadowed and redundant rule analysis was cut after ")
                    && cut.contains(" of 20000 rules"),
                "{cut}"
            );
        } else {
            // an NSG within Azure's limit is analysed whole
            assert_eq!((limit, cut), (None, None), "{out}");
        }
    }
}

/// A firewall policy of many rules whose sources are IP groups not among the inputs: the "denied either
/// way" analysis re-evaluates the rules after each one, bounded by a work budget, so it ends quickly (it
/// would multiply the work without one) and still decides: every rule and the default deny deny.
#[test]
fn many_rules_with_unknown_ip_groups_stay_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let rules: Vec<serde_json::Value> = (0..80)
        .map(|i| {
            serde_json::json!({"ruleType": "NetworkRule", "name": format!("deny-{i}"), "ipProtocols": ["TCP"],
                "sourceIpGroups": [format!("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/ipGroups/ipg-{i}")],
                "destinationAddresses": ["*"], "destinationPorts": ["*"]})
        })
        .collect();
    let rcg = serde_json::json!([{"name": "org", "priority": 100, "ruleCollections": (0..8).map(|c| serde_json::json!({
        "ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": format!("deny-{c}"), "priority": 100 + c,
        "action": {"type": "Deny"}, "rules": rules[c * 10..c * 10 + 10]})).collect::<Vec<_>>()}]);
    let f = dir.path().join("rcg.json");
    std::fs::write(&f, rcg.to_string()).unwrap();
    let from = "examples/forced-tunnel-azurebackup-tag";
    let out = azegress()
        .args([
            "check",
            "--region",
            "koreacentral",
            "--vm-ip",
            "10.1.0.4",
            "--vnet",
            "10.1.0.0/16",
        ])
        .args(["--route-table", &format!("{from}/route-table.json")])
        .args([
            "--firewall",
            &format!("{from}/firewall.json"),
            "--firewall",
            f.to_str().unwrap(),
        ])
        .args(["--format", "json"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("denied either way"), "{text}");
}
