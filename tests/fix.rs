//! `azegress fix`: goldens for the bundled examples × options × emitters, the written `.fixed` file
//! checked again from disk as a user would, emitted code parsed by real parsers (bash, an HCL parser, JSON),
//! and hostile names refused. Reference: azure-semantics.md §1.2 (first match by priority), §3.1 (network
//! rules before application rules, default deny), §4.3 (longest prefix: a tag route beats 0.0.0.0/0).

use assert_cmd::Command;
use std::path::Path;

fn azegress() -> Command {
    let mut c = Command::cargo_bin("azegress").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100"); // the width these tests were written for (a pipe is 80 since issue 32)
    c
}

fn run(args: &[&str], code: i32) -> String {
    let out = azegress().args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/fix")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(actual, want, "output differs from {}", path.display());
}

#[test]
fn every_emitter_on_the_deny_all_example() {
    let out = run(
        &[
            "fix",
            "examples/deny-all-outbound/scenario.yaml",
            "--option",
            "nsg",
            "--emit",
            "azcli,powershell,arm,bicep,terraform,file",
        ],
        0,
    );
    assert!(
        out.contains("re-check: 8443/tcp allowed — REACHABLE (exit 0)"),
        "{out}"
    );
    // a free priority below the deny at 4000, exactly the port, the service tag, from the VM
    assert!(
        out.contains("--priority 3999 --direction Outbound --access Allow --protocol Tcp"),
        "{out}"
    );
    assert!(out.contains(
        "--destination-address-prefixes 'Storage.KoreaCentral' --destination-port-ranges '8443'"
    ));
    golden("deny-all.nsg.all-emitters.txt", &out);
}

#[test]
fn each_blocked_example_is_fixed_and_proven() {
    for (name, args, code) in [
        (
            "subnet-only.nsg.txt",
            vec![
                "examples/subnet-only-blocks/scenario.yaml",
                "--option",
                "nsg",
            ],
            0,
        ),
        (
            "wrong-region.ip-ranges.txt",
            vec![
                "examples/wrong-region-tag/scenario.yaml",
                "--option",
                "ip-ranges",
                "--emit",
                "terraform",
            ],
            0,
        ),
        (
            "forced-tunnel.auto.txt",
            vec![
                "examples/forced-tunnel-azurebackup-tag/scenario.yaml",
                "--emit",
                "azcli,bicep",
            ],
            0,
        ),
        (
            "forced-tunnel.route.txt",
            vec![
                "examples/forced-tunnel-azurebackup-tag/scenario.yaml",
                "--option",
                "route",
                "--emit",
                "powershell,arm",
            ],
            0,
        ),
        (
            "forced-tunnel.nsg.txt",
            vec![
                "examples/forced-tunnel-azurebackup-tag/scenario.yaml",
                "--option",
                "nsg",
            ],
            1,
        ),
        (
            "proxy-nsg.nsg.txt",
            vec![
                "examples/proxy-nsg-80-443/scenario.yaml",
                "--option",
                "nsg",
                "--emit",
                "powershell",
            ],
            0,
        ),
        (
            "squid-debian.auto.txt",
            vec!["examples/squid-debian-defaults/scenario.yaml"],
            0,
        ),
        (
            "squid-debian.nsg.txt",
            vec![
                "examples/squid-debian-defaults/scenario.yaml",
                "--option",
                "nsg",
            ],
            1,
        ),
        (
            "proxy-nsg.proxy.txt",
            vec![
                "examples/proxy-nsg-80-443/scenario.yaml",
                "--option",
                "proxy",
                "--emit",
                "powershell",
            ],
            0,
        ),
        (
            "deny-all.proxy.txt",
            vec![
                "examples/deny-all-outbound/scenario.yaml",
                "--option",
                "proxy",
            ],
            1,
        ),
        (
            "hub-spoke.auto.txt",
            vec!["examples/hub-spoke/scenario.yaml"],
            0,
        ),
    ] {
        let mut a = vec!["fix"];
        a.extend(args);
        golden(name, &run(&a, code));
    }
}

#[test]
fn json_output_has_the_changes_and_both_verdicts() {
    let v: serde_json::Value = serde_json::from_str(&run(
        &[
            "fix",
            "examples/forced-tunnel-azurebackup-tag/scenario.yaml",
            "--format",
            "json",
        ],
        0,
    ))
    .unwrap();
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["option"], "auto");
    assert_eq!(v["before"]["verdict"], "blocked");
    assert_eq!(v["after"]["verdict"], "reachable");
    assert_eq!(v["changes"][0]["kind"], "firewall-rule");
    assert_eq!(v["changes"][0]["ports"], serde_json::json!([8443]));
    assert!(
        v["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a.as_str().unwrap().starts_with("route: works, but"))
    );
}

#[test]
fn the_written_file_is_checked_again_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["nic-nsg.json", "scenario.yaml"] {
        std::fs::copy(
            Path::new("examples/deny-all-outbound").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    let sc = dir.path().join("scenario.yaml");
    let original = std::fs::read_to_string(dir.path().join("nic-nsg.json")).unwrap();
    let out = run(
        &["fix", &sc.to_string_lossy(), "--option", "nsg", "--write"],
        0,
    );
    assert!(
        out.contains("written; checked again from disk: REACHABLE"),
        "{out}"
    );
    // never over the original; only the new rule differs, formatting kept
    assert_eq!(
        std::fs::read_to_string(dir.path().join("nic-nsg.json")).unwrap(),
        original
    );
    let fixed = dir.path().join("nic-nsg.fixed.json");
    let text = std::fs::read_to_string(&fixed).unwrap();
    assert!(text.starts_with(&original[..original.find("\"Deny-All-Outbound\"").unwrap()]));
    // and the user's own next command agrees
    run(
        &[
            "check",
            &sc.to_string_lossy(),
            "--nic-nsg",
            &fixed.to_string_lossy(),
        ],
        0,
    );
    run(&["check", &sc.to_string_lossy()], 1);
}

#[test]
fn the_real_debian_squid_conf_is_fixed_before_its_deny_and_checked_again() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new("examples/squid-debian-defaults");
    std::fs::create_dir(dir.path().join("conf.d")).unwrap();
    for f in [
        "scenario.yaml",
        "squid.conf",
        "waagent.conf",
        "environment",
        "conf.d/debian.conf",
    ] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let sc = dir.path().join("scenario.yaml");
    let out = run(
        &["fix", &sc.to_string_lossy(), "--option", "proxy", "--write"],
        0,
    );
    assert!(
        out.contains("squid.fixed.conf (written; checked again from disk: REACHABLE)"),
        "{out}"
    );
    let fixed = std::fs::read_to_string(dir.path().join("squid.fixed.conf")).unwrap();
    let at = fixed.find("http_access allow azegress_backup_src").unwrap();
    assert!(
        at < fixed.find("\nhttp_access deny all").unwrap(),
        "the allow stands before the deny"
    );
    // exactly the port the proxy sees: the Linux extension tunnels to 443 whatever the storage port
    assert!(fixed.contains("acl azegress_backup_port port 443\n"));
    let fixed_path = dir.path().join("squid.fixed.conf");
    run(
        &[
            "check",
            &sc.to_string_lossy(),
            "--squid-conf",
            &fixed_path.to_string_lossy(),
        ],
        0,
    );
}

#[test]
fn emitted_code_parses() {
    // az: bash -n; Terraform: an HCL parser; ARM: JSON. (No PowerShell or Bicep parser installs from the
    // registries this project uses: those emitters are covered by goldens and the escaping tests.)
    let dir = tempfile::tempdir().unwrap();
    for (example, option) in [
        ("examples/deny-all-outbound/scenario.yaml", "nsg"),
        (
            "examples/forced-tunnel-azurebackup-tag/scenario.yaml",
            "firewall",
        ),
        (
            "examples/forced-tunnel-azurebackup-tag/scenario.yaml",
            "route",
        ),
        ("examples/wrong-region-tag/scenario.yaml", "ip-ranges"),
    ] {
        let v: serde_json::Value = serde_json::from_str(&run(
            &[
                "fix",
                example,
                "--option",
                option,
                "--emit",
                "azcli,terraform,arm",
                "--format",
                "json",
            ],
            0,
        ))
        .unwrap();
        for e in v["emitted"].as_array().unwrap() {
            let text = e["text"].as_str().unwrap();
            match e["emit"].as_str().unwrap() {
                "azcli" => {
                    let p = dir.path().join("fix.sh");
                    std::fs::write(&p, text).unwrap();
                    let st = std::process::Command::new("bash")
                        .arg("-n")
                        .arg(&p)
                        .status()
                        .unwrap();
                    assert!(st.success(), "{text}");
                }
                "terraform" => {
                    hcl::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
                }
                "arm" => {
                    let t: serde_json::Value = serde_json::from_str(text).unwrap();
                    assert!(t["resources"].as_array().is_some_and(|r| !r.is_empty()));
                }
                other => panic!("{other}"),
            }
        }
    }
}

#[test]
fn a_name_azure_would_refuse_is_an_input_error_not_a_command() {
    let dir = tempfile::tempdir().unwrap();
    let nsg = r#"{"name": "x'; Remove-AzResourceGroup -Name prod -Force; $(whoami)", "properties": {"securityRules": [
      {"name": "deny", "properties": {"priority": 4000, "direction": "Outbound", "access": "Deny", "protocol": "*",
       "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*"}}]}}"#;
    let p = dir.path().join("nsg.json");
    std::fs::write(&p, nsg).unwrap();
    let out = azegress()
        .args([
            "fix",
            "--nic-nsg",
            &p.to_string_lossy(),
            "--region",
            "koreacentral",
            "--option",
            "nsg",
            "--emit",
            "azcli,powershell,bicep,terraform,arm",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("is not a name Azure accepts"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn every_example_with_every_option_and_emitter_runs() {
    // no panic, an exit code of the API, and a re-check line, for every combination
    let examples = std::fs::read_dir("examples")
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("scenario.yaml"))
        .filter(|p| p.exists())
        .collect::<Vec<_>>();
    assert!(examples.len() >= 9);
    for ex in &examples {
        for option in ["auto", "nsg", "ip-ranges", "firewall", "route", "proxy"] {
            let out = azegress()
                .args([
                    "fix",
                    &ex.to_string_lossy(),
                    "--option",
                    option,
                    "--emit",
                    "file,azcli,powershell,arm,bicep,terraform",
                ])
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            let code = out.status.code();
            assert!(
                matches!(code, Some(0 | 1 | 3)),
                "{ex:?} {option}: {code:?}\n{text}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(text.contains("re-check: "), "{ex:?} {option}\n{text}");
        }
    }
}

#[test]
fn ip_ranges_keep_ipv4_and_ipv6_in_rules_of_their_own() {
    let v: serde_json::Value = serde_json::from_str(&run(
        &[
            "fix",
            "examples/wrong-region-tag/scenario.yaml",
            "--option",
            "ip-ranges",
            "--ipv6",
            "--format",
            "json",
        ],
        0,
    ))
    .unwrap();
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2);
    let family = |c: &serde_json::Value| {
        c["destinations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap().contains(':'))
            .collect::<std::collections::BTreeSet<bool>>()
    };
    assert_eq!(family(&changes[0]).len(), 1);
    assert_eq!(family(&changes[1]).len(), 1);
    assert_ne!(family(&changes[0]), family(&changes[1]));
    assert_ne!(changes[0]["priority"], changes[1]["priority"]);
    assert_ne!(changes[0]["name"], changes[1]["name"]);
}

#[test]
fn a_deny_at_the_lowest_priority_gets_a_renumbering_not_a_wrong_rule() {
    let dir = tempfile::tempdir().unwrap();
    let nsg = r#"{"name": "nsg-tight", "properties": {"securityRules": [
      {"name": "deny-all", "properties": {"priority": 100, "direction": "Outbound", "access": "Deny", "protocol": "*",
       "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*"}},
      {"name": "allow-dns", "properties": {"priority": 101, "direction": "Outbound", "access": "Allow", "protocol": "Udp",
       "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "53"}}]}}"#;
    let p = dir.path().join("nsg.json");
    std::fs::write(&p, nsg).unwrap();
    let out = run(
        &[
            "fix",
            "--nic-nsg",
            &p.to_string_lossy(),
            "--region",
            "koreacentral",
            "--option",
            "nsg",
        ],
        1,
    );
    assert!(
        out.contains("move the 2 rule(s) at priorities 100–101 up by one (to 101–102)"),
        "{out}"
    );
}

/// A copy of the deny-all example in a fresh directory: (dir, scenario, the NIC NSG file).
fn deny_all_copy() -> (tempfile::TempDir, String, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for f in ["nic-nsg.json", "scenario.yaml"] {
        std::fs::copy(
            Path::new("examples/deny-all-outbound").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    let sc = dir
        .path()
        .join("scenario.yaml")
        .to_string_lossy()
        .into_owned();
    let nsg = dir.path().join("nic-nsg.json");
    (dir, sc, nsg)
}

/// `fix --write` exits 2 with one line holding `want`.
fn write_refused(args: &[&str], want: &str) {
    let out = azegress().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(want), "`{err}` lacks `{want}`");
}

#[test]
fn a_symlink_named_like_the_fixed_file_is_never_written_through() {
    let (dir, sc, nsg) = deny_all_copy();
    let original = std::fs::read_to_string(&nsg).unwrap();
    let fixed = dir.path().join("nic-nsg.fixed.json");
    // a link to the original input, and (second round) one to a file outside the directory
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    for target in [nsg.clone(), victim.clone()] {
        let _ = std::fs::remove_file(&fixed);
        std::os::unix::fs::symlink(&target, &fixed).unwrap();
        write_refused(
            &["fix", &sc, "--option", "nsg", "--write"],
            "a symlink of that name exists (it is never written through)",
        );
        assert_eq!(std::fs::read_to_string(&nsg).unwrap(), original);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        // --force replaces the link itself with the fixed file
        let out = run(&["fix", &sc, "--option", "nsg", "--write", "--force"], 0);
        assert!(
            out.contains("nic-nsg.fixed.json (written; checked again from disk: REACHABLE)"),
            "{out}"
        );
        assert!(
            !std::fs::symlink_metadata(&fixed)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&nsg).unwrap(), original);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    }
}

#[test]
fn an_existing_fixed_file_is_kept_unless_forced() {
    let (dir, sc, _) = deny_all_copy();
    let fixed = dir.path().join("nic-nsg.fixed.json");
    std::fs::write(&fixed, "my own notes").unwrap();
    write_refused(
        &["fix", &sc, "--option", "nsg", "--write"],
        "nic-nsg.fixed.json: the file exists; it is kept as it is: remove it or pass --force",
    );
    assert_eq!(std::fs::read_to_string(&fixed).unwrap(), "my own notes");
    run(&["fix", &sc, "--option", "nsg", "--write", "--force"], 0);
    assert!(
        std::fs::read_to_string(&fixed)
            .unwrap()
            .contains("securityRules")
    );
    // a directory of that name cannot be replaced: a write error, not a read error
    std::fs::remove_file(&fixed).unwrap();
    std::fs::create_dir(&fixed).unwrap();
    write_refused(
        &["fix", &sc, "--option", "nsg", "--write", "--force"],
        "cannot write ",
    );
    // --force without --write is a usage error
    let out = azegress()
        .args(["fix", &sc, "--option", "nsg", "--force"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Two NSGs of one `az network nsg list` export, named through two spellings of the same path: both
/// changes land in one `.fixed` file, and the file on disk checks as the command said.
#[test]
fn two_changes_to_one_file_named_two_ways_are_both_kept() {
    let dir = tempfile::tempdir().unwrap();
    let nic: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("examples/deny-all-outbound/nic-nsg.json").unwrap(),
    )
    .unwrap();
    let subnet: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("examples/subnet-only-blocks/subnet-nsg.json").unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("nsgs.json"),
        serde_json::to_string_pretty(&serde_json::json!([nic, subnet])).unwrap(),
    )
    .unwrap();
    let args = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = [
            "--region",
            "koreacentral",
            "--vm-ip",
            "10.0.0.4",
            "--vnet",
            "10.0.0.0/16",
            "--disks",
            "managed",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let run_in = |a: &[String], code: i32| -> String {
        let out = azegress().current_dir(dir.path()).args(a).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        text
    };
    let mut fix = vec!["fix".to_string()];
    fix.extend(args(&[
        "--nic-nsg",
        "./nsgs.json#vm1-nic-nsg",
        "--subnet-nsg",
        "nsgs.json#app-subnet-nsg",
        "--option",
        "nsg",
        "--write",
    ]));
    let out = run_in(&fix, 0);
    assert_eq!(out.matches("--- file ").count(), 1, "one file: {out}");
    assert!(
        out.contains("written; checked again from disk: REACHABLE"),
        "{out}"
    );
    let fixed = std::fs::read_to_string(dir.path().join("nsgs.fixed.json")).unwrap();
    assert_eq!(
        fixed.matches("(added by azegress fix)").count(),
        2,
        "{fixed}"
    );
    // the user's own next command, on the file as written, agrees
    let mut check = vec!["check".to_string()];
    check.extend(args(&[
        "--nic-nsg",
        "nsgs.fixed.json#vm1-nic-nsg",
        "--subnet-nsg",
        "nsgs.fixed.json#app-subnet-nsg",
    ]));
    run_in(&check, 0);
}

/// With a firewall on the path, `auto` never routes past it (issue 22 §3): the route is listed with what it
/// bypasses and is chosen only when asked for. And a firewall Deny whose source is an IP group not among the
/// inputs, followed only by denies, denies whatever the group holds (issue 20 §2): the flow is blocked, not
/// unknown.
#[test]
fn auto_never_bypasses_a_firewall_and_a_deny_either_way_is_a_deny() {
    let ex = "examples/forced-tunnel-azurebackup-tag/scenario.yaml";
    let out = run(&["fix", ex, "--format", "json"], 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["kind"] != "route"),
        "auto routed past the firewall: {out}"
    );
    assert!(
        v["alternatives"].as_array().unwrap().iter().any(|a| a
            .as_str()
            .unwrap()
            .starts_with("route: works, but a route past the firewall")
            && a.as_str()
                .unwrap()
                .contains("bypasses its inspection and logging")),
        "{out}"
    );
    run(&["fix", ex, "--option", "route"], 0);

    let dir = tempfile::tempdir().unwrap();
    let from = Path::new("examples/forced-tunnel-azurebackup-tag");
    for f in [
        "firewall.json",
        "nic-nsg.json",
        "route-table.json",
        "scenario.yaml",
    ] {
        std::fs::copy(from.join(f), dir.path().join(f)).unwrap();
    }
    let mut rcg: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(from.join("rule-collection-groups.json")).unwrap(),
    )
    .unwrap();
    rcg.as_array_mut().unwrap().push(serde_json::json!({
        "name": "org-deny", "priority": 150, "ruleCollections": [{"ruleCollectionType": "FirewallPolicyFilterRuleCollection",
        "name": "deny-quarantined", "priority": 100, "action": {"type": "Deny"}, "rules": [{"ruleType": "NetworkRule",
        "name": "quarantine", "ipProtocols": ["TCP"], "sourceIpGroups": ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/ipGroups/ipg-quarantine"],
        "destinationAddresses": ["*"], "destinationPorts": ["*"]}]}]
    }));
    std::fs::write(
        dir.path().join("rule-collection-groups.json"),
        serde_json::to_string_pretty(&rcg).unwrap(),
    )
    .unwrap();
    let sc = dir.path().join("scenario.yaml");
    let out = run(&["check", sc.to_str().unwrap(), "--format", "json"], 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["flows"][0]["verdict"], "denied", "{out}");
    assert!(out.contains("denied either way"), "{out}");
}

/// The forced-tunnel example with its policy's AzureBackup FQDN-tag rule taken out, 443 checked too.
fn no_fqdn_tag_copy() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/forced-tunnel-azurebackup-tag");
    for f in [
        "nic-nsg.json",
        "route-table.json",
        "firewall.json",
        "scenario.yaml",
    ] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let groups: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(src.join("rule-collection-groups.json")).unwrap(),
    )
    .unwrap();
    let kept: Vec<_> = groups
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| !g.to_string().contains("AzureBackup"))
        .collect();
    std::fs::write(
        dir.path().join("rule-collection-groups.json"),
        serde_json::to_string(&kept).unwrap(),
    )
    .unwrap();
    let s = dir
        .path()
        .join("scenario.yaml")
        .to_string_lossy()
        .into_owned();
    (dir, s)
}

/// `fix --option firewall` writes the firewall option the backup documentation prescribes (reference §10.3):
/// an application rule with the AzureBackup FQDN tag on Https:443, and a network rule for 8443 (the tag
/// carries no 8443), both in one new rule collection group before the others. The re-check passes with the
/// tag's assumption listed; with `--strict` the tag would be unknown, so 443 gets the network rule too.
#[test]
fn the_firewall_option_writes_the_documented_pair() {
    let (_d, s) = no_fqdn_tag_copy();
    let json = run(
        &[
            "fix", &s, "--ports", "443,8443", "--option", "firewall", "--format", "json", "--emit",
            "azcli",
        ],
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["before"]["verdict"], "blocked");
    assert_eq!(v["after"]["verdict"], "reachable", "{json}");
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{json}");
    assert_eq!(changes[0]["kind"], "firewall-app-rule");
    assert_eq!(changes[0]["fqdn_tag"], "AzureBackup");
    assert_eq!(changes[0]["ports"], serde_json::json!([443]));
    assert_eq!(changes[1]["kind"], "firewall-rule");
    assert_eq!(changes[1]["ports"], serde_json::json!([8443]));
    // one group for both, before the policy's own groups (the lowest is 200)
    assert_eq!(changes[0]["group"], changes[1]["group"]);
    assert_eq!(changes[0]["group_priority"], 190);
    assert_eq!(changes[1]["group_priority"], 190);
    // the allow on 443 rests on the tag: listed as the assumption it is
    assert!(json.contains("AZE0317"), "{json}");
    // one `rule-collection-group create`, two collections added to it
    let az = v["emitted"][0]["text"].as_str().unwrap();
    assert_eq!(
        az.matches("rule-collection-group create").count(),
        1,
        "{az}"
    );
    assert!(az.contains("--rule-type ApplicationRule --rule-name 'backup-azurebackup-tag' --protocols 'Https=443'"), "{az}");
    assert!(az.contains("--fqdn-tags 'AzureBackup'"), "{az}");
    // --strict: no rule that rests on an assumption; one network rule for both ports
    let out = azegress()
        .args([
            "fix", &s, "--ports", "443,8443", "--option", "firewall", "--strict", "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{v}");
    assert_eq!(changes[0]["kind"], "firewall-rule");
    assert_eq!(changes[0]["name"], "backup-storage-443-8443");
    assert_eq!(changes[0]["ports"], serde_json::json!([443, 8443]));
}

/// `--emit file --write` hands the documented pair back in the user's own rule collection groups file: one
/// new group holding both collections, re-checked from disk (issue 22 §1 with issue 18 §3).
#[test]
fn the_documented_pair_is_written_into_the_policy_file() {
    let (d, s) = no_fqdn_tag_copy();
    let out = run(
        &[
            "fix", &s, "--ports", "443,8443", "--option", "firewall", "--emit", "file", "--write",
        ],
        0,
    );
    assert!(out.contains("checked again from disk: REACHABLE"), "{out}");
    let fixed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(d.path().join("rule-collection-groups.fixed.json")).unwrap(),
    )
    .unwrap();
    let group = fixed
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "azegress-backup")
        .unwrap_or_else(|| panic!("{fixed}"));
    let kinds: Vec<&str> = group["ruleCollections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rules"][0]["ruleType"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["ApplicationRule", "NetworkRule"]);
    assert_eq!(
        group["ruleCollections"][0]["rules"][0]["fqdnTags"][0],
        "AzureBackup"
    );
}

/// With a firewall or appliance on the path and an unknown that matters (issue 22 §3) — here the
/// appliance's IP: whether the route's next hop is the firewall given is not known — `auto` changes nothing
/// it cannot prove and exits 3 naming the unknown; it never reaches for the route past the appliance, which
/// `--option route` still gives, with the warning that it bypasses inspection (AZE0505).
#[test]
fn auto_with_an_unknown_appliance_exits_3_and_never_bypasses() {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new("examples/forced-tunnel-azurebackup-tag");
    for f in [
        "nic-nsg.json",
        "route-table.json",
        "rule-collection-groups.json",
        "scenario.yaml",
    ] {
        std::fs::copy(from.join(f), dir.path().join(f)).unwrap();
    }
    let mut fw: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(from.join("firewall.json")).unwrap())
            .unwrap();
    fw["ipConfigurations"][0]
        .as_object_mut()
        .unwrap()
        .remove("privateIPAddress");
    std::fs::write(dir.path().join("firewall.json"), fw.to_string()).unwrap();
    let sc = dir.path().join("scenario.yaml");
    let sc = sc.to_str().unwrap();
    let out = run(&["fix", sc, "--format", "json"], 3);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["changes"].as_array().unwrap().is_empty(), "{out}");
    assert!(out.contains("AZE0506") && out.contains("10.0.1.4"), "{out}");
    // --allow-bypass lets auto weigh the route, but the firewall's own change is still preferred where it works
    let with_ip = run(
        &[
            "fix",
            sc,
            "--firewall-ip",
            "10.0.1.4",
            "--allow-bypass",
            "--format",
            "json",
        ],
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&with_ip).unwrap();
    assert_eq!(v["changes"][0]["kind"], "firewall-rule", "{with_ip}");
    // the route, when asked for, says what it bypasses
    let route = run(
        &[
            "fix",
            sc,
            "--firewall-ip",
            "10.0.1.4",
            "--option",
            "route",
            "--format",
            "json",
        ],
        0,
    );
    assert!(route.contains("AZE0505"), "{route}");
}

/// Azure refuses a service tag in an NSG rule's list form (`destinationAddressPrefixes`, Terraform's
/// `destination_address_prefixes`: "cannot specify existing VIRTUALNETWORK, INTERNET, AZURELOADBALANCER, '*' or
/// system tags"; the azurerm provider's documentation: "Tags may not be used"). Every emitter writes the one
/// tag in the singular property (azure-semantics.md §1.1).
#[test]
fn a_service_tag_is_never_written_in_the_list_form() {
    let out = assert_cmd::Command::cargo_bin("azegress")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args([
            "fix",
            "examples/deny-all-outbound/scenario.yaml",
            "--option",
            "nsg",
            "--emit",
            "arm,bicep,terraform,file",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Storage.KoreaCentral"), "{text}");
    for bad in ["destinationAddressPrefixes", "destination_address_prefixes"] {
        assert!(!text.contains(bad), "{bad}:\n{text}");
    }
    for good in [
        "\"destinationAddressPrefix\": \"Storage.KoreaCentral\"",
        "destinationAddressPrefix: 'Storage.KoreaCentral'",
        "destination_address_prefix   = \"Storage.KoreaCentral\"",
    ] {
        assert!(text.contains(good), "{good}:\n{text}");
    }
}
