//! Real public ARM templates (tests/data/templates, sources in tests/data/SOURCES.md): compiled Bicep
//! modules of Azure Verified Modules (languageVersion 2.0, copy loops, nested deployments) and Enterprise-Scale
//! landing-zone templates (comments, multi-line expressions, deployments nested two deep), each read with
//! one command and, where the template needs them, a parameters file.
//! Reference: azure-semantics.md §1.6 (NSG input shapes), §3 (firewall), §4 (routes).

use assert_cmd::Command;
use azegress::ingest::template::{load_parameter_files, with_parameters};
use azegress::ingest::{load_nsgs, routes::load_route_tables, topology::load_firewall};
use azegress::model::{Access, Direction};

const AVM: &str = "tests/data/templates/avm";
const ESLZ: &str = "tests/data/templates/eslz";

fn params<T>(files: &[&str], f: impl FnOnce() -> T) -> T {
    let files: Vec<String> = files.iter().map(|s| s.to_string()).collect();
    with_parameters(load_parameter_files(&files).unwrap(), f)
}

#[test]
fn avm_nsg_module_with_a_parameters_file() {
    let n = params(&[&format!("{AVM}/nsg.parameters.json")], || {
        load_nsgs(&format!("{AVM}/network-security-group.main.json")).unwrap()
    });
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].name, "nsg-backup-vm");
    let deny = n[0]
        .rules
        .iter()
        .find(|r| r.name == "Deny-All-Outbound")
        .unwrap();
    assert_eq!(
        (deny.priority, deny.access, deny.direction),
        (4000, Access::Deny, Direction::Outbound)
    );
    // rules built by the property copy loop point at the loop's `input` object in the template
    assert!(
        deny.origin.line > 1 && deny.origin.col > 0,
        "{:?}",
        deny.origin
    );
    assert!(
        deny.origin.pointer.contains("/copy/0/input"),
        "{}",
        deny.origin.pointer
    );
    assert!(deny.unknowns.is_empty(), "{:?}", deny.unknowns);
}

#[test]
fn avm_nsg_module_without_parameters_says_which_are_null() {
    let n = load_nsgs(&format!("{AVM}/network-security-group.main.json")).unwrap();
    assert_eq!(n[0].name, "[parameters('name')]");
    assert!(n[0].rules.iter().all(|r| r.is_default));
    assert!(
        n[0].warnings
            .iter()
            .any(|w| w.message.contains("securityRules") && w.message.contains("--parameters")),
        "{:?}",
        n[0].warnings
    );
}

#[test]
fn avm_route_table_module() {
    let t = params(
        &["examples/avm-modules/route-table.parameters.json"],
        || load_route_tables(&format!("{AVM}/route-table.main.json")).unwrap(),
    );
    assert_eq!(t[0].name, "rt-spoke-app");
    assert_eq!(t[0].routes.len(), 1);
    assert_eq!(t[0].routes[0].name, "default-to-hub-firewall");
    assert_eq!(
        t[0].routes[0].next_hop_ip,
        Some("10.0.1.4".parse().unwrap())
    );
}

#[test]
fn avm_firewall_policy_module_rule_collection_groups_come_from_nested_deployments() {
    let fw = params(
        &["examples/avm-modules/firewall-policy.parameters.json"],
        || load_firewall(&[format!("{AVM}/firewall-policy.main.json")]).unwrap(),
    );
    assert_eq!(fw.policy.as_deref(), Some("fwpol-hub"));
    let c: Vec<(&str, Option<&str>, u32)> = fw
        .collections
        .iter()
        .map(|c| (c.name.as_str(), c.group.as_deref(), c.group_priority))
        .collect();
    assert_eq!(c, [("allow-backup-storage", Some("rcg-backup"), 200)]);
}

#[test]
fn avm_modules_example_checks_with_one_command() {
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .env("COLUMNS", "100") // the width this test was written for (a pipe is 80 since issue 32)
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .args(["check", "examples/avm-modules/scenario.yaml"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("Azure Firewall `fwpol-hub`: Deny default deny"),
        "{text}"
    );
    assert!(
        text.contains("nsg-backup-vm") && text.contains("rt-spoke-app"),
        "{text}"
    );
}

#[test]
fn eslz_bastion_nsg_with_gateway_manager_reads_against_the_bundled_tags() {
    // a standard Bastion NSG names GatewayManager inbound: the whole bundled tag file knows it
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .args([
            "check",
            "--nic-nsg",
            &format!("{ESLZ}/bastion.json"),
            "--region",
            "koreacentral",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("securityRules/DenyAllOutBound"), "{text}");
}

#[test]
fn eslz_hub_firewall_two_deployments_deep_with_parameters() {
    let fw = params(
        &[&format!("{ESLZ}/hubspoke-connectivity.parameters.json")],
        || load_firewall(&[format!("{ESLZ}/hubspoke-connectivity.json")]).unwrap(),
    );
    assert_eq!(fw.name, "afw-contoso-prod-koreacentral");
    assert_eq!(fw.policy.as_deref(), Some("afwp-contoso-prod-koreacentral"));
    // the defaults deploy no hub: without the parameters file there is no firewall in it
    let e = load_firewall(&[format!("{ESLZ}/hubspoke-connectivity.json")])
        .unwrap_err()
        .to_string();
    assert!(e.contains("not an Azure Firewall"), "{e}");
}

#[test]
fn eslz_route_table_template() {
    let t = load_route_tables(&format!("{ESLZ}/vnetRouteTable.json")).unwrap();
    assert!(
        t[0].routes.iter().any(|r| r.name == "internetRoute"),
        "{:?}",
        t[0].routes
    );
}

#[test]
fn legacy_firewall_policy_rule_groups_are_read_not_dropped() {
    // Azure-Network-Security WAF lab: `ruleGroups` of API 2019-06-01 with `ruleConditions`. Before, the
    // Kali VM's TCP 80 network rule and Https:443 application rule were ignored and every port was denied.
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .args([
            "check",
            "--region",
            "koreacentral",
            "--vm-ip",
            "10.0.27.68",
            "--route-table",
            "examples/forced-tunnel-azurebackup-tag/route-table.json",
            "--firewall",
            "tests/data/templates/netsec/waf-lab-AzNetSecdeploy.json",
            "--firewall-ip",
            "10.0.1.4",
            "--ports",
            "80,443,8443",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("IntraVNETandHTTPOutAccess/Kali-HTTP"),
        "{text}"
    );
    assert!(
        text.contains("Internet-Access/Kali-InternetAccess"),
        "{text}"
    );
    // 8443 is in neither rule: the default deny decides it
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("8443/tcp denied"), "{text}");
}
