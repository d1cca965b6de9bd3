//! `fix --emit file --write` on every input format fix reads: a real public file (tests/data/SOURCES.md)
//! or a bundled example blocked on the backup path is fixed in a temporary directory; the written
//! `<stem>.fixed.<ext>` must keep every byte outside the change, parse as the same format, and make the
//! user's own next `check` (with the fixed file in place of the original) pass. A golden per format holds
//! the diff. A format or change no file can take says why and which emitter writes it (AZE0510).
//! Reference: azure-semantics.md §3.1 (collections by priority, groups before collections), §4.3 (a
//! `Storage.<Region>` route beats 0.0.0.0/0), §5.4 (squid: first matching http_access line; the Linux
//! extension reads HttpProxy.* in waagent.conf).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn azegress(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("azegress").unwrap();
    c.current_dir(dir)
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100"); // the width these tests were written for (a pipe is 80 since issue 32)
    c
}

fn run(dir: &Path, args: &[&str], code: i32) -> String {
    let out = azegress(dir).args(args).output().unwrap();
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
    let path = root().join("tests/golden/fix_files").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(actual, want, "output differs from {}", path.display());
}

/// A temporary directory with `files` (repository path → name in the directory).
fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    for (from, to) in files {
        let dest = d.path().join(to);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(root().join(from), dest).unwrap();
    }
    d
}

/// The `responses.200.body` of a REST API specification example, saved alone as `az rest` would print it.
fn rest_body(from: &str, to: &Path) {
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(from)).unwrap()).unwrap();
    std::fs::write(
        to,
        serde_json::to_string_pretty(&doc["responses"]["200"]["body"]).unwrap() + "\n",
    )
    .unwrap();
}

/// The parameters the Azure-Network-Security NetSec lab templates need (written for these tests).
const NETSEC_PARAMS: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "location": {"value": "eastus"},
    "resourceNames": {"value": {"firewall": "fw-netsec", "firewallPolicy": "fwpol-netsec", "fwIpAddress": "fw-ip",
      "vnet1": "VN-HUB", "vnet1subnet1": "s11", "vnet1subnet2": "AzureFirewallSubnet", "vnet2": "VN-SPOKE1",
      "vnet2subnet1": "s21", "vnet2subnet2": "s22", "vnet3": "VN-SPOKE2", "vnet3subnet1": "s31", "vnet3subnet2": "s32",
      "fwIdentityName": "fw-id", "keyVaultName": "kv", "fwCACetificateName": "ca", "routeTable": "rt-spoke",
      "nsg1": "nsg1", "nsg2": "nsg2", "ddosProtectionPlan": "ddos"}},
    "win11VmIpAddress": {"value": "10.0.27.4"},
    "kaliVmIpAddress": {"value": "10.0.27.5"},
    "win2019VmIpAddress": {"value": "10.0.28.4"}
  }
}
"#;

/// The path of the NetSec lab: a spoke VM whose route table (vNets.json) sends 0.0.0.0/0 to the hub
/// firewall at 10.0.25.4.
const NETSEC: [&str; 10] = [
    "--region",
    "eastus",
    "--vm-ip",
    "10.0.27.4",
    "--vnet",
    "10.0.0.0/8",
    "--firewall-ip",
    "10.0.25.4",
    "--parameters",
    "params.json",
];

fn netsec_dir(firewall_from: Option<&str>) -> tempfile::TempDir {
    let d = dir_with(&[
        ("tests/data/samples/routes/vNets.json", "vNets.json"),
        ("tests/data/samples/firewall/firewall.json", "firewall.json"),
    ]);
    std::fs::write(d.path().join("params.json"), NETSEC_PARAMS).unwrap();
    if let Some(from) = firewall_from {
        rest_body(from, &d.path().join("fw-classic.json"));
    }
    d
}

/// `fix … --emit file --write` in `d`; asserts every written file re-checked REACHABLE from disk, the
/// originals unchanged; returns the output's file sections (the diffs) and the AZE0510 reasons.
fn fix_write(d: &Path, args: &[&str], fixed: &[&str]) -> String {
    let before: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    let mut a: Vec<&str> = vec!["fix"];
    a.extend(args);
    a.extend(["--emit", "file", "--write"]);
    let out = run(d, &a, 0);
    for f in fixed {
        assert!(
            out.contains(&format!(
                "--- file {f} (written; checked again from disk: REACHABLE) ---"
            )),
            "{f} not written and re-checked:\n{out}"
        );
        assert!(d.join(f).is_file(), "{f}");
    }
    for (p, b) in before {
        assert_eq!(std::fs::read(&p).unwrap(), b, "{} changed", p.display());
    }
    // the AZE0510 reasons, with their wrapped lines
    let mut golden_text = String::new();
    let mut inside = false;
    for l in out.lines() {
        inside = l.starts_with("warning[AZE0510]") || (inside && l.starts_with("  "));
        if inside {
            golden_text.push_str(l);
            golden_text.push('\n');
        }
    }
    if let Some(i) = out.find("\n--- file ") {
        golden_text.push_str(&out[i + 1..]);
    }
    golden_text
}

/// Every line of `original` is in `fixed`, in order (only lines were added).
fn only_added(original: &str, fixed: &str) {
    let mut it = fixed.lines();
    for l in original.lines() {
        assert!(it.any(|f| f == l), "line `{l}` lost or moved");
    }
}

/// The output with its line wrapping undone (one space for each run of whitespace).
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read(d: &Path, f: &str) -> String {
    std::fs::read_to_string(d.join(f)).unwrap()
}

fn json(d: &Path, f: &str) -> serde_json::Value {
    serde_json::from_str(&read(d, f)).unwrap_or_else(|e| panic!("{f}: {e}"))
}

#[test]
fn route_table_az_shape() {
    let src = "examples/forced-tunnel-azurebackup-tag";
    let d = dir_with(&[
        (&format!("{src}/scenario.yaml"), "scenario.yaml"),
        (&format!("{src}/nic-nsg.json"), "nic-nsg.json"),
        (&format!("{src}/route-table.json"), "route-table.json"),
        (&format!("{src}/firewall.json"), "firewall.json"),
        (
            &format!("{src}/rule-collection-groups.json"),
            "rule-collection-groups.json",
        ),
    ]);
    let g = fix_write(
        d.path(),
        &["scenario.yaml", "--option", "route"],
        &["route-table.fixed.json"],
    );
    only_added(
        &read(d.path(), "route-table.json"),
        &read(d.path(), "route-table.fixed.json"),
    );
    let v = json(d.path(), "route-table.fixed.json");
    assert_eq!(v["routes"][1]["addressPrefix"], "Storage.KoreaCentral");
    assert_eq!(v["routes"][1]["nextHopType"], "Internet");
    run(
        d.path(),
        &[
            "check",
            "scenario.yaml",
            "--route-table",
            "route-table.fixed.json",
        ],
        0,
    );
    golden("route-table.az.diff", &g);
}

#[test]
fn route_table_in_an_arm_template() {
    let d = netsec_dir(None);
    let mut args: Vec<&str> = NETSEC.to_vec();
    args.extend([
        "--route-table",
        "vNets.json",
        "--firewall",
        "firewall.json",
        "--option",
        "route",
    ]);
    let g = fix_write(d.path(), &args, &["vNets.fixed.json"]);
    only_added(
        &read(d.path(), "vNets.json"),
        &read(d.path(), "vNets.fixed.json"),
    );
    // in the table's own `routes`, nested like its siblings; parameters untouched
    let v = json(d.path(), "vNets.fixed.json");
    let before = json(d.path(), "vNets.json");
    assert_eq!(v["parameters"], before["parameters"]);
    let rt = v["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "Microsoft.Network/routeTables")
        .unwrap();
    assert_eq!(
        rt["properties"]["routes"][1]["properties"]["addressPrefix"],
        "Storage.EastUS"
    );
    let mut check: Vec<&str> = vec!["check"];
    check.extend(NETSEC);
    check.extend([
        "--route-table",
        "vNets.fixed.json",
        "--firewall",
        "firewall.json",
    ]);
    run(d.path(), &check, 0);
    golden("route-table.arm.diff", &g);
}

#[test]
fn rule_collection_group_nested_in_a_template_policy() {
    let d = netsec_dir(None);
    let mut args: Vec<&str> = NETSEC.to_vec();
    args.extend([
        "--route-table",
        "vNets.json",
        "--firewall",
        "firewall.json",
        "--option",
        "firewall",
    ]);
    let g = fix_write(d.path(), &args, &["firewall.fixed.json"]);
    only_added(
        &read(d.path(), "firewall.json"),
        &read(d.path(), "firewall.fixed.json"),
    );
    let v = json(d.path(), "firewall.fixed.json");
    let policy = v["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "Microsoft.Network/firewallPolicies")
        .unwrap();
    let groups = policy["resources"].as_array().unwrap();
    let new = groups.last().unwrap();
    assert_eq!(new["name"], "azegress-backup");
    assert_eq!(new["type"], "ruleCollectionGroups");
    // deployed after the group before it: a policy takes one group change at a time
    assert!(
        new["dependsOn"][1]
            .as_str()
            .unwrap()
            .ends_with("'DefaultApplicationRuleCollectionGroup')]")
    );
    let mut check: Vec<&str> = vec!["check"];
    check.extend(NETSEC);
    check.extend([
        "--route-table",
        "vNets.json",
        "--firewall",
        "firewall.fixed.json",
    ]);
    run(d.path(), &check, 0);
    golden("firewall-policy.template.diff", &g);
}

#[test]
fn classic_firewall_rest_body() {
    let d = netsec_dir(Some("tests/data/samples/firewall/AzureFirewallGet.json"));
    let mut args: Vec<&str> = NETSEC.to_vec();
    args.extend([
        "--route-table",
        "vNets.json",
        "--firewall",
        "fw-classic.json",
        "--option",
        "firewall",
    ]);
    let g = fix_write(d.path(), &args, &["fw-classic.fixed.json"]);
    only_added(
        &read(d.path(), "fw-classic.json"),
        &read(d.path(), "fw-classic.fixed.json"),
    );
    let v = json(d.path(), "fw-classic.fixed.json");
    let cols = v["properties"]["networkRuleCollections"]
        .as_array()
        .unwrap();
    let new = cols.last().unwrap();
    assert_eq!(new["name"], "allow-backup-storage");
    assert_eq!(new["properties"]["rules"][0]["destinationPorts"][0], "8443");
    let mut check: Vec<&str> = vec!["check"];
    check.extend(NETSEC);
    check.extend([
        "--route-table",
        "vNets.json",
        "--firewall",
        "fw-classic.fixed.json",
    ]);
    run(d.path(), &check, 0);
    golden("firewall-classic.rest.diff", &g);
}

#[test]
fn rule_collection_groups_az_list() {
    let src = "examples/forced-tunnel-azurebackup-tag";
    let d = dir_with(&[
        (&format!("{src}/scenario.yaml"), "scenario.yaml"),
        (&format!("{src}/nic-nsg.json"), "nic-nsg.json"),
        (&format!("{src}/route-table.json"), "route-table.json"),
        (&format!("{src}/firewall.json"), "firewall.json"),
        (
            &format!("{src}/rule-collection-groups.json"),
            "rule-collection-groups.json",
        ),
    ]);
    let g = fix_write(
        d.path(),
        &["scenario.yaml", "--option", "firewall"],
        &["rule-collection-groups.fixed.json"],
    );
    only_added(
        &read(d.path(), "rule-collection-groups.json"),
        &read(d.path(), "rule-collection-groups.fixed.json"),
    );
    let v = json(d.path(), "rule-collection-groups.fixed.json");
    let new = v.as_array().unwrap().last().unwrap();
    assert_eq!(new["name"], "azegress-backup");
    // before every existing group (§3.1)
    assert!(new["priority"].as_u64().unwrap() < 200);
    run(
        d.path(),
        &[
            "check",
            "scenario.yaml",
            "--firewall",
            "firewall.json",
            "--firewall",
            "rule-collection-groups.fixed.json",
        ],
        0,
    );
    golden("firewall-policy.az-list.diff", &g);
}

#[test]
fn rule_collection_groups_rest_value_list() {
    let src = "examples/forced-tunnel-azurebackup-tag";
    let d = dir_with(&[
        (&format!("{src}/nic-nsg.json"), "nic-nsg.json"),
        (&format!("{src}/route-table.json"), "route-table.json"),
        (&format!("{src}/firewall.json"), "firewall.json"),
    ]);
    rest_body(
        "tests/data/samples/firewall/FirewallPolicyRuleCollectionGroupList.json",
        &d.path().join("groups.json"),
    );
    let base = [
        "--region",
        "koreacentral",
        "--vm-ip",
        "10.1.0.4",
        "--vnet",
        "10.1.0.0/16",
        "--nic-nsg",
        "nic-nsg.json",
        "--route-table",
        "route-table.json",
        "--firewall",
        "firewall.json",
    ];
    let mut args: Vec<&str> = base.to_vec();
    args.extend(["--firewall", "groups.json", "--option", "firewall"]);
    let g = fix_write(d.path(), &args, &["groups.fixed.json"]);
    let v = json(d.path(), "groups.fixed.json");
    let new = &v["value"][1];
    assert_eq!(new["name"], "azegress-backup");
    assert_eq!(new["properties"]["priority"], 100);
    let mut check: Vec<&str> = vec!["check"];
    check.extend(base);
    check.extend(["--firewall", "groups.fixed.json"]);
    run(d.path(), &check, 0);
    golden("firewall-policy.rest-list.diff", &g);
}

#[test]
fn resource_graph_export() {
    let d = dir_with(&[("examples/resource-graph/resources.json", "resources.json")]);
    let g = fix_write(
        d.path(),
        &[
            "--resources",
            "resources.json",
            "--vm",
            "vm-app-01",
            "--option",
            "nsg",
        ],
        &["resources.fixed.json"],
    );
    only_added(
        &read(d.path(), "resources.json"),
        &read(d.path(), "resources.fixed.json"),
    );
    json(d.path(), "resources.fixed.json");
    run(
        d.path(),
        &[
            "check",
            "--resources",
            "resources.fixed.json",
            "--vm",
            "vm-app-01",
        ],
        0,
    );
    golden("resource-graph.diff", &g);
}

/// A scenario with everything inline, comments between the items and after the list.
const INLINE_SCENARIO: &str = "# Spoke VM, everything inline: fix --emit file keeps these comments and the order
region: koreacentral
vm: {ip: 10.1.0.4, disks: managed}
vnet: {address_space: [10.1.0.0/16]}
nic_nsg:
  name: spoke-vm-nsg
  rules:
    # storage on 443 only (written before managed disks)
    - {name: Allow-Storage-443, priority: 200, direction: Outbound, access: Allow, protocol: Tcp, destination: Storage.KoreaCentral, destination_ports: 443}
    - name: Deny-Internet
      priority: 4000
      direction: Outbound
      access: Deny
      protocol: \"*\"
      destination: Internet
      destination_ports: \"*\"

# the network team's notes end the file
";

#[test]
fn scenario_yaml_inline_nsg() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("scenario.yaml"), INLINE_SCENARIO).unwrap();
    let g = fix_write(
        d.path(),
        &["scenario.yaml", "--option", "nsg"],
        &["scenario.fixed.yaml"],
    );
    let fixed = read(d.path(), "scenario.fixed.yaml");
    only_added(INLINE_SCENARIO, &fixed);
    let v: serde_json::Value = serde_yaml::from_str(&fixed).unwrap();
    assert_eq!(v["nic_nsg"]["rules"][2]["destination_ports"][0], 8443);
    assert!(fixed.ends_with("\n\n# the network team's notes end the file\n"));
    run(d.path(), &["check", "scenario.fixed.yaml"], 0);
    golden("scenario-inline.diff", &g);
}

#[test]
fn nsg_yaml_file() {
    let d = dir_with(&[
        ("examples/wrong-region-tag/scenario.yaml", "scenario.yaml"),
        ("examples/wrong-region-tag/nsg.yaml", "nsg.yaml"),
    ]);
    let g = fix_write(
        d.path(),
        &["scenario.yaml", "--option", "nsg"],
        &["nsg.fixed.yaml"],
    );
    only_added(
        &read(d.path(), "nsg.yaml"),
        &read(d.path(), "nsg.fixed.yaml"),
    );
    run(
        d.path(),
        &["check", "scenario.yaml", "--nic-nsg", "nsg.fixed.yaml"],
        0,
    );
    golden("nsg.yaml.diff", &g);
}

#[test]
fn waagent_conf_and_an_authenticating_squid() {
    // the agent's shipped configuration (no proxy) and a public egress proxy that authenticates first
    let d = dir_with(&[
        (
            "tests/data/waagent/WALinuxAgent-ubuntu-waagent.conf",
            "waagent.conf",
        ),
        (
            "tests/data/squid/abedzilla-docker-squid3-basic-auth.conf",
            "squid.conf",
        ),
    ]);
    let base = [
        "--region",
        "koreacentral",
        "--vm-ip",
        "10.0.0.4",
        "--os",
        "linux",
        "--waagent-conf",
        "waagent.conf",
        "--squid-conf",
        "squid.conf",
    ];
    let mut args: Vec<&str> = base.to_vec();
    args.extend(["--proxy", "http://10.0.0.5:8888", "--option", "auto"]);
    let g = fix_write(d.path(), &args, &["waagent.fixed.conf", "squid.fixed.conf"]);
    let w = read(d.path(), "waagent.fixed.conf");
    only_added(&read(d.path(), "waagent.conf"), &w);
    assert!(w.contains("\nHttpProxy.Host=10.0.0.5\nHttpProxy.Port=8888\n"));
    let sq = read(d.path(), "squid.fixed.conf");
    only_added(&read(d.path(), "squid.conf"), &sq);
    // the exemption stands before the authentication line (squid answers 407 there and reads no further)
    assert!(
        sq.find("http_access allow azegress_backup_src").unwrap()
            < sq.find("\nhttp_access allow ncsa_users").unwrap()
    );
    // the user's next check reads the proxy from the fixed waagent.conf (no --proxy)
    let mut check: Vec<&str> = vec!["check"];
    check.extend(base);
    check[8] = "waagent.fixed.conf";
    check[10] = "squid.fixed.conf";
    run(d.path(), &check, 0);
    golden("waagent-squid-auth.diff", &g);
}

#[test]
fn auto_without_the_vms_address_names_the_options_that_give_it() {
    let d = dir_with(&[(
        "tests/data/squid/abedzilla-docker-squid3-basic-auth.conf",
        "squid.conf",
    )]);
    let out = run(
        d.path(),
        &[
            "fix",
            "--region",
            "koreacentral",
            "--os",
            "linux",
            "--proxy",
            "http://10.0.0.5:8888",
            "--squid-conf",
            "squid.conf",
        ],
        1,
    );
    assert!(
        flat(&out).contains(
            "not chosen: proxy: 8443/tcp is denied by the proxy's `http_access allow ncsa_users`: the squid exemption needs the VM's source address: pass --vm-ip (the VM's IP) or --vnet (its VNet's address space)"
        ),
        "{out}"
    );
    assert!(!out.contains("does not change yet"), "{out}");
}

#[test]
fn a_localnet_acl_is_offered_as_the_source_and_said_to_open_more() {
    // a localnet-style `src` ACL defined below the authentication line: its addresses are copied above it
    let d = dir_with(&[(
        "tests/data/squid/abedzilla-docker-squid3-basic-auth.conf",
        "squid.conf",
    )]);
    let conf = read(d.path(), "squid.conf").replace(
        "http_access deny all",
        "acl localnet src 10.0.0.0/8\nhttp_access allow localnet\nhttp_access deny all",
    );
    std::fs::write(d.path().join("squid.conf"), &conf).unwrap();
    let out = run(
        d.path(),
        &[
            "fix",
            "--region",
            "koreacentral",
            "--os",
            "linux",
            "--proxy",
            "http://10.0.0.5:8888",
            "--proxy-ip",
            "10.0.0.5",
            "--squid-conf",
            "squid.conf",
            "--option",
            "proxy",
            "--emit",
            "file",
        ],
        3,
    );
    assert!(out.contains("warning[AZE0431]"), "{out}");
    assert!(
        flat(&out).contains("to every client it covers, not only the VM; pass --vm-ip or --vnet"),
        "{out}"
    );
    assert!(
        out.contains("+acl azegress_backup_src src 10.0.0.0/8\n"),
        "{out}"
    );
}

#[test]
fn ssl_bump_gets_a_splice_for_the_blob_hosts_and_an_intercept_port_is_named() {
    let d = dir_with(&[(
        "tests/data/squid/abedzilla-docker-squid3-basic-auth.conf",
        "squid.conf",
    )]);
    let conf = read(d.path(), "squid.conf").replace(
        "http_port 8888",
        "http_port 8888\nhttp_port 3129 intercept\nacl step1 at_step SslBump1\nssl_bump peek step1\nssl_bump bump all",
    );
    std::fs::write(d.path().join("squid.conf"), &conf).unwrap();
    let base = [
        "--region",
        "koreacentral",
        "--vm-ip",
        "10.0.0.4",
        "--os",
        "linux",
        "--squid-conf",
        "squid.conf",
    ];
    let mut args: Vec<&str> = base.to_vec();
    args.extend(["--proxy", "http://10.0.0.5:8888", "--option", "proxy"]);
    let g = fix_write(d.path(), &args, &["squid.fixed.conf"]);
    assert!(g.contains("+ssl_bump splice azegress_backup_sni\n"), "{g}");
    let fixed = read(d.path(), "squid.fixed.conf");
    assert!(
        fixed.find("ssl_bump splice azegress_backup_sni").unwrap()
            < fixed.find("ssl_bump peek step1").unwrap()
    );
    // the re-check no longer says the VM must trust the proxy's CA
    let mut check: Vec<&str> = vec!["check"];
    check.extend(base);
    check[8] = "squid.fixed.conf";
    check.extend(["--proxy", "http://10.0.0.5:8888"]);
    let out = run(d.path(), &check, 0);
    assert!(!out.contains("AZE0413"), "{out}");
    // the intercept port: check names the forward port, fix says the VM must use it
    let mut check: Vec<&str> = vec!["check"];
    check.extend(base);
    check.extend(["--proxy", "http://10.0.0.5:3129"]);
    let out = run(d.path(), &check, 1);
    assert!(
        flat(&out).contains("an intercept port does not serve explicitly configured clients; the VM's proxy setting must name the forward port 8888"),
        "{out}"
    );
    // diagnose names it as the cause, at the intercept line
    let mut diag: Vec<&str> = vec!["diagnose"];
    diag.extend(base);
    diag.extend(["--proxy", "http://10.0.0.5:3129"]);
    let out = run(d.path(), &diag, 1);
    assert!(
        flat(&out).contains("`http_port 3129 intercept` (squid.conf:"),
        "{out}"
    );
    assert!(
        flat(&out).contains("the VM's proxy setting must name the forward port 8888"),
        "{out}"
    );
    golden("squid-ssl-bump.diff", &g);
}

/// The AVM example (compiled Bicep, tests/data/SOURCES.md) in a temporary directory, laid out as in the
/// repository.
fn avm_dir() -> tempfile::TempDir {
    let mut files = Vec::new();
    for f in [
        "scenario.yaml",
        "nic-nsg.parameters.json",
        "route-table.parameters.json",
        "firewall-policy.parameters.json",
    ] {
        files.push(format!("examples/avm-modules/{f}"));
    }
    for f in [
        "network-security-group.main.json",
        "route-table.main.json",
        "firewall-policy.main.json",
    ] {
        files.push(format!("tests/data/templates/avm/{f}"));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|a| (a.as_str(), a.as_str())).collect();
    dir_with(&refs)
}

#[test]
fn avm_lists_taken_from_parameters_get_the_entry_in_the_parameters_file() {
    // the route table's `routes` and the policy's groups come from parameters: the entry goes into the
    // parameters file, the template stays as it is
    for (option, fixed, key, name) in [
        (
            "route",
            "route-table.parameters.fixed.json",
            "routes",
            "Backup-Storage-Direct",
        ),
        (
            "firewall",
            "firewall-policy.parameters.fixed.json",
            "ruleCollectionGroups",
            "azegress-backup",
        ),
    ] {
        let d = avm_dir();
        let dir = d.path().join("examples/avm-modules");
        let g = fix_write(&dir, &["scenario.yaml", "--option", option], &[fixed]);
        let v = json(&dir, fixed);
        let last = v["parameters"][key]["value"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone();
        assert_eq!(last["name"], name);
        only_added(
            &read(&dir, &fixed.replace(".fixed", "")),
            &read(&dir, fixed),
        );
        // the user's scenario, pointed at the fixed parameters file: the route (or the rule) passes
        // 8443 where it was blocked; the other option's hop is not on the path any more
        let sc = read(&dir, "scenario.yaml");
        let original = fixed.replace(".fixed", "");
        std::fs::write(dir.join("scenario.yaml"), sc.replace(&original, fixed)).unwrap();
        run(&dir, &["check", "scenario.yaml"], 0);
        golden(&format!("avm-{option}.parameters.diff"), &g);
    }
}

#[test]
fn inputs_no_file_takes_say_why_and_which_emitter_writes_them() {
    // one rule collection group (a REST GET body): a new group is a resource of its own
    let src = "examples/forced-tunnel-azurebackup-tag";
    let d = dir_with(&[
        (&format!("{src}/nic-nsg.json"), "nic-nsg.json"),
        (&format!("{src}/route-table.json"), "route-table.json"),
        (&format!("{src}/firewall.json"), "firewall.json"),
    ]);
    rest_body(
        "tests/data/samples/firewall/FirewallPolicyRuleCollectionGroupGet.json",
        &d.path().join("group.json"),
    );
    let out = run(
        d.path(),
        &[
            "fix",
            "--region",
            "koreacentral",
            "--vm-ip",
            "10.1.0.4",
            "--nic-nsg",
            "nic-nsg.json",
            "--route-table",
            "route-table.json",
            "--firewall",
            "firewall.json",
            "--firewall",
            "group.json",
            "--option",
            "firewall",
            "--emit",
            "file",
        ],
        0,
    );
    assert!(
        flat(&out).contains(
            "holds no list of rule collection groups of policy `firewallPolicy` to add one to (a single group, or groups a copy loop makes)"
        ),
        "{out}"
    );
    assert!(!out.contains("--- file"), "{out}");
    // effective routes are what Azure computed: read-only
    let eff = r#"{"value": [
  {"source": "Default", "state": "Active", "addressPrefix": ["10.1.0.0/16"], "nextHopType": "VnetLocal", "nextHopIpAddress": []},
  {"source": "User", "state": "Active", "addressPrefix": ["0.0.0.0/0"], "nextHopType": "VirtualAppliance", "nextHopIpAddress": ["10.0.1.4"]}
]}
"#;
    std::fs::write(d.path().join("effective.json"), eff).unwrap();
    let out = run(
        d.path(),
        &[
            "fix",
            "--region",
            "koreacentral",
            "--vm-ip",
            "10.1.0.4",
            "--route-table",
            "effective.json",
            "--firewall",
            "firewall.json",
            "--firewall",
            "group.json",
            "--option",
            "route",
            "--emit",
            "file",
        ],
        1,
    );
    assert!(
        flat(&out).contains("the routes given are effective routes (what Azure computed for the NIC), which are read-only and name no route table"),
        "{out}"
    );
    // Windows: the SYSTEM account's proxy is not a file
    let out = run(
        d.path(),
        &[
            "fix",
            "--region",
            "koreacentral",
            "--os",
            "windows",
            "--proxy",
            "http://10.0.0.5:3128",
            "--option",
            "proxy",
            "--emit",
            "file",
        ],
        3,
    );
    assert!(flat(&out).contains("use --emit powershell"), "{out}");
}

/// A forced tunnel with the route table and the firewall inline in the scenario.
const INLINE_TUNNEL: &str = "# forced tunnel, all inline
region: koreacentral
vm: {ip: 10.1.0.4, disks: managed}
vnet: {address_space: [10.1.0.0/16]}
route_table:
  name: spoke-rt
  routes:
    - {name: default-to-fw, prefix: 0.0.0.0/0, next_hop: VirtualAppliance, next_hop_ip: 10.0.1.4}
firewall:
  name: hub-fw
  private_ip: 10.0.1.4
  network_rules:
    # DNS only
    - collection: dns
      priority: 200
      action: Allow
      rules:
        - {name: dns, protocols: [UDP], sources: [10.1.0.0/16], destinations: [168.63.129.16], ports: [53]}
  application_rules:
    - collection: backup
      priority: 300
      action: Allow
      rules:
        - {name: backup-tag, fqdn_tags: [AzureBackup]}
";

#[test]
fn scenario_yaml_inline_route_table_and_firewall() {
    for (option, list, golden_name) in [
        ("route", "routes", "scenario-inline-route.diff"),
        ("firewall", "network_rules", "scenario-inline-firewall.diff"),
    ] {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("scenario.yaml"), INLINE_TUNNEL).unwrap();
        let g = fix_write(
            d.path(),
            &["scenario.yaml", "--option", option],
            &["scenario.fixed.yaml"],
        );
        let fixed = read(d.path(), "scenario.fixed.yaml");
        only_added(INLINE_TUNNEL, &fixed);
        let v: serde_json::Value = serde_yaml::from_str(&fixed).unwrap();
        let items = if option == "route" {
            &v["route_table"][list]
        } else {
            &v["firewall"][list]
        };
        assert_eq!(items.as_array().unwrap().len(), 2, "{fixed}");
        run(d.path(), &["check", "scenario.fixed.yaml"], 0);
        golden(golden_name, &g);
    }
}

#[test]
fn a_crlf_file_gets_crlf_lines() {
    // a file saved on Windows: every line ends in CRLF, the added ones too
    let d = dir_with(&[("examples/deny-all-outbound/scenario.yaml", "scenario.yaml")]);
    let nsg = std::fs::read_to_string(root().join("examples/deny-all-outbound/nic-nsg.json"))
        .unwrap()
        .replace('\n', "\r\n");
    std::fs::write(d.path().join("nic-nsg.json"), &nsg).unwrap();
    fix_write(
        d.path(),
        &["scenario.yaml", "--option", "nsg"],
        &["nic-nsg.fixed.json"],
    );
    let fixed = read(d.path(), "nic-nsg.fixed.json");
    assert!(fixed.len() > nsg.len());
    assert_eq!(fixed.matches('\n').count(), fixed.matches("\r\n").count());
    json(d.path(), "nic-nsg.fixed.json");
}

#[test]
fn effective_security_rules_are_read_only() {
    // real `az network nic list-effective-nsg` output (tests/data/SOURCES.md) with its internet allow
    // turned into a deny, so that the backup path is blocked
    let mut doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            root().join("tests/data/samples/effective/NSG-scenario1-hub-vnet-vm.json"),
        )
        .unwrap(),
    )
    .unwrap();
    fn deny_internet(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                if m.get("name").and_then(|n| n.as_str())
                    == Some("defaultSecurityRules/AllowInternetOutBound")
                {
                    m.insert("access".into(), "Deny".into());
                }
                m.values_mut().for_each(deny_internet);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(deny_internet),
            _ => {}
        }
    }
    deny_internet(&mut doc);
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("effective.json"),
        serde_json::to_string_pretty(&doc).unwrap(),
    )
    .unwrap();
    let out = run(
        d.path(),
        &[
            "fix",
            "--effective-nsg",
            "effective.json",
            "--region",
            "eastus",
            "--option",
            "nsg",
            "--emit",
            "file",
        ],
        0,
    );
    assert!(
        flat(&out).contains("warning[AZE0510]: effective.json: effective security rules are read-only (what Azure applies to the NIC): add the rule to the NSG itself with --emit azcli, powershell, arm, bicep or terraform"),
        "{out}"
    );
    assert!(!out.contains("--- file"), "{out}");
}

#[test]
fn a_parameters_file_given_with_the_flag_is_edited_and_read_back() {
    // `--parameters` on the command line (not a scenario's): the re-check reads the fixed file again
    let d = dir_with(&[
        (
            "tests/data/templates/avm/route-table.main.json",
            "route-table.main.json",
        ),
        (
            "examples/avm-modules/route-table.parameters.json",
            "route-table.parameters.json",
        ),
        (
            "examples/forced-tunnel-azurebackup-tag/firewall.json",
            "firewall.json",
        ),
        (
            "examples/forced-tunnel-azurebackup-tag/rule-collection-groups.json",
            "rule-collection-groups.json",
        ),
    ]);
    let base = [
        "--region",
        "koreacentral",
        "--vm-ip",
        "10.1.0.4",
        "--vnet",
        "10.1.0.0/16",
        "--route-table",
        "route-table.main.json",
        "--firewall",
        "firewall.json",
        "--firewall",
        "rule-collection-groups.json",
    ];
    let mut args: Vec<&str> = base.to_vec();
    args.extend([
        "--parameters",
        "route-table.parameters.json",
        "--option",
        "route",
    ]);
    fix_write(d.path(), &args, &["route-table.parameters.fixed.json"]);
    let mut check: Vec<&str> = vec!["check"];
    check.extend(base);
    check.extend(["--parameters", "route-table.parameters.fixed.json"]);
    run(d.path(), &check, 0);
    let mut check: Vec<&str> = vec!["check"];
    check.extend(base);
    check.extend(["--parameters", "route-table.parameters.json"]);
    run(d.path(), &check, 1);
}

#[test]
fn a_change_no_input_holds_falls_to_the_emitters() {
    // a security admin rule: the admin rules given are the VNet's effective ones, which no file edit changes
    let out = run(
        root(),
        &[
            "fix",
            "--admin-rules",
            "tests/data/admin-rules/deny-8443.json",
            "--region",
            "koreacentral",
            "--vm-ip",
            "10.0.0.4",
            "--option",
            "nsg",
            "--emit",
            "file",
        ],
        0,
    );
    assert!(
        flat(&out).contains("warning[AZE0510]: the `admin-rule` change is not written into an input file (none of them holds what it changes): use --emit azcli, powershell, arm, bicep or terraform"),
        "{out}"
    );
    assert!(!out.contains("--- file"), "{out}");
}
