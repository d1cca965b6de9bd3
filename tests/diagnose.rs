//! `azegress diagnose`: causes with evidence and location, the rule-by-rule breakdown, and what only the VM
//! can tell. Reference: azure-semantics.md §1.2 (first match by priority), §5.4 (the Linux extension reads
//! HttpProxy.* in waagent.conf only), §5.2 (WireServer never through a proxy).

use assert_cmd::Command;

fn run(args: &[&str], code: i32) -> String {
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100") // the width these tests were written for (a pipe is 80 since issue 32)
        .args(args)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{s}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    s
}

fn json(args: &[&str], code: i32) -> serde_json::Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    serde_json::from_str(&run(&a, code)).unwrap()
}

#[test]
fn nsg_deny_is_the_cause_with_its_line_and_the_fix_option() {
    let v = json(&["diagnose", "examples/deny-all-outbound/scenario.yaml"], 1);
    assert_eq!(v["error"], "ExtensionSnapshotFailedNoNetwork");
    let c = &v["causes"][0];
    assert_eq!(
        c["location"],
        "examples/deny-all-outbound/nic-nsg.json:25:7"
    );
    assert_eq!(c["fix_option"], "nsg");
    assert_eq!(
        c["repair"],
        "azegress fix examples/deny-all-outbound/scenario.yaml --option nsg"
    );
    // field by field: Allow-VNet-Outbound misses the destination, Deny-All-Outbound decides
    let rules = v["nsg_breakdown"][0]["rules"].as_array().unwrap();
    let r = |n: &str| rules.iter().find(|r| r["rule"] == n).unwrap();
    assert_eq!(
        r("securityRules/Allow-VNet-Outbound")["destination"],
        "none"
    );
    assert_eq!(r("securityRules/Allow-VNet-Outbound")["decides"], false);
    assert_eq!(r("securityRules/Deny-All-Outbound")["decides"], true);
    assert_eq!(rules.iter().filter(|r| r["decides"] == true).count(), 1);
    assert!(
        v["confusable"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["code"] == "UserErrorGuestAgentStatusUnavailable")
    );
}

#[test]
fn proxy_settings_the_extension_does_not_read_are_causes() {
    let v = json(
        &["diagnose", "examples/squid-debian-defaults/scenario.yaml"],
        1,
    );
    let whats: Vec<&str> = v["causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["what"].as_str().unwrap())
        .collect();
    assert!(whats[0].contains("proxy 10.0.0.5:3128"), "{whats:?}");
    assert!(whats.iter().any(|w| w.contains("http_proxy")), "{whats:?}");
    assert_eq!(
        v["causes"][0]["location"],
        "examples/squid-debian-defaults/squid.conf:1555"
    );
}

#[test]
fn extensions_disabled_in_waagent_conf_is_a_cause() {
    let dir = tempfile::tempdir().unwrap();
    let w = dir.path().join("waagent.conf");
    std::fs::write(&w, "Extensions.Enabled=n\nHttpProxy.Host=None\n").unwrap();
    let v = json(
        &[
            "diagnose",
            "--region",
            "koreacentral",
            "--os",
            "linux",
            "--waagent-conf",
            &w.to_string_lossy(),
        ],
        0,
    );
    assert!(
        v["causes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["what"].as_str().unwrap().contains("Extensions.Enabled=n")),
        "{v}"
    );
}

#[test]
fn a_clear_offline_path_points_to_the_vm() {
    let out = run(
        &["diagnose", "examples/deny-all-outbound-fixed/scenario.yaml"],
        0,
    );
    assert!(out.contains("no cause found in the exports"), "{out}");
    assert!(out.contains("check on the VM"), "{out}");
    let md = run(
        &[
            "diagnose",
            "examples/deny-all-outbound/scenario.yaml",
            "--format",
            "markdown",
        ],
        1,
    );
    assert!(
        md.starts_with("### azegress diagnose ExtensionSnapshotFailedNoNetwork"),
        "{md}"
    );
}
