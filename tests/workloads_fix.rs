//! `fix --workload W`: per workload a fix found on the examples/workloads scenarios and proved by evaluating
//! `check --workload` again over the changed inputs; the HANA proxy case; every emitter's text carries the
//! rules (ARM JSON parses); the goldens of the VM fix stay as they were (tests/fix.rs, tests/fix_files.rs).

use assert_cmd::Command;
use azegress::app::CheckOptions;
use azegress::app::fix::FixOptions;
use azegress::app::workload::{WorkloadFixReport, WorkloadOptions, run_workload_fix};
use azegress::fix::FixOption;
use azegress::model::Overall;
use azegress::model::fix::Change;
use azegress::report::emit::{Emit, emit};
use azegress::workload::WorkloadKind;

fn ex(p: &str) -> String {
    format!("{}/examples/workloads/{p}", env!("CARGO_MANIFEST_DIR"))
}

fn fix(
    scenario: &str,
    kind: WorkloadKind,
    w: WorkloadOptions,
    option: FixOption,
) -> WorkloadFixReport {
    let o = FixOptions {
        check: CheckOptions {
            scenario: Some(ex(scenario)),
            ..Default::default()
        },
        option,
        emit: vec![Emit::Azcli],
        write: false,
        force: false,
        allow_bypass: false,
    };
    run_workload_fix(kind, &o, &w).unwrap()
}

fn verdict(r: &WorkloadFixReport, id: &str, after: bool) -> Overall {
    let rep = if after { &r.fix.after } else { &r.fix.before };
    rep.destinations
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no destination {id}"))
        .verdict
}

fn asr() -> WorkloadOptions {
    WorkloadOptions {
        target_region: Some("koreasouth".into()),
        ..Default::default()
    }
}

fn hana() -> WorkloadOptions {
    WorkloadOptions {
        hana_settings: Some(ex("hana-proxy-entra-only/ExtensionSettingsOverrides.json")),
        ..Default::default()
    }
}

#[test]
fn sql_missing_entra_gets_one_nsg_rule_to_azure_active_directory_and_rechecks_reachable() {
    // workloads-egress.md §2: SQL Server backup needs AzureBackup, Storage and AzureActiveDirectory on 443; the
    // subnet NSG allows the first two only (§8: one NSG rule per missing service tag)
    let r = fix(
        "sql-missing-entra/scenario.yaml",
        WorkloadKind::Sql,
        WorkloadOptions::default(),
        FixOption::Nsg,
    );
    assert_eq!(verdict(&r, "entra", false), Overall::Blocked);
    assert_eq!(r.fix.changes.len(), 1, "{:?}", r.fix.changes);
    let Change::NsgRule(n) = &r.fix.changes[0] else {
        panic!("{:?}", r.fix.changes)
    };
    assert_eq!(n.destinations, vec!["AzureActiveDirectory".to_string()]);
    assert_eq!(n.ports, vec![443]);
    assert_eq!(n.source, "10.0.1.4");
    assert_eq!(r.fix.after.verdict, Overall::Reachable);
    assert_eq!(r.exit_code(), 0);
}

#[test]
fn asr_without_eventhub_of_the_target_region_gets_the_regional_tag() {
    // workloads-egress.md §6: Site Recovery needs EventHub of the *target* region ({target_region})
    let r = fix(
        "asr-no-eventhub/scenario.yaml",
        WorkloadKind::Asr,
        asr(),
        FixOption::Nsg,
    );
    let tags: Vec<&str> = r
        .fix
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::NsgRule(n) => Some(n.destinations[0].as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(tags, ["EventHub.KoreaSouth"]);
    assert_eq!(verdict(&r, "eventhub", true), Overall::Reachable);
    assert_eq!(r.fix.after.verdict, Overall::Reachable);
}

#[test]
fn auto_picks_an_option_that_rechecks_reachable_and_lists_the_others() {
    // workloads-egress.md §6: the same ASR case; auto tries nsg, firewall and proxy
    let r = fix(
        "asr-no-eventhub/scenario.yaml",
        WorkloadKind::Asr,
        asr(),
        FixOption::Auto,
    );
    assert_eq!(r.fix.option, FixOption::Nsg);
    assert_eq!(r.fix.after.verdict, Overall::Reachable);
    assert_eq!(r.fix.alternatives.len(), 2, "{:?}", r.fix.alternatives);
}

#[test]
fn mars_behind_a_firewall_with_only_the_fqdn_tag_gets_network_and_fqdn_application_rules() {
    // workloads-egress.md §4 and §8: the AzureBackup FQDN tag covers the Backup service only; Storage and
    // Entra ID by their service tags (network rules), *.microsoft.com and www.msftconnecttest.com have no tag:
    // application rules to the names
    let r = fix(
        "mars-firewall-fqdn-tag/scenario.yaml",
        WorkloadKind::Mars,
        WorkloadOptions::default(),
        FixOption::Firewall,
    );
    let mut net = Vec::new();
    let mut fqdns = Vec::new();
    for c in &r.fix.changes {
        match c {
            Change::FirewallRule(x) => net.extend(x.destinations.clone()),
            Change::FirewallAppRule(x) => fqdns.extend(x.target_fqdns.clone()),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(net, ["Storage.KoreaCentral", "AzureActiveDirectory"]);
    assert_eq!(fqdns, ["*.microsoft.com", "www.msftconnecttest.com"]);
    assert_eq!(r.fix.after.verdict, Overall::Reachable);
    // every language carries the rules; ARM is valid JSON with a rule collection group
    let arm: serde_json::Value = serde_json::from_str(&emit(&r.fix.changes, Emit::Arm)).unwrap();
    let text = arm.to_string();
    assert!(
        text.contains("ruleCollectionGroups") && text.contains("targetFqdns"),
        "{text}"
    );
    assert!(text.contains("Storage.KoreaCentral") && text.contains("*.microsoft.com"));
    let bicep = emit(&r.fix.changes, Emit::Bicep);
    assert!(
        bicep.contains("targetFqdns: [") && bicep.contains("'www.msftconnecttest.com'"),
        "{bicep}"
    );
    let tf = emit(&r.fix.changes, Emit::Terraform);
    assert!(
        tf.contains("destination_fqdns     = [\"*.microsoft.com\"]"),
        "{tf}"
    );
    assert!(
        tf.contains("destination_addresses = [\"AzureActiveDirectory\"]"),
        "{tf}"
    );
    let az = emit(&r.fix.changes, Emit::Azcli);
    assert!(
        az.contains("--target-fqdns '*.microsoft.com'")
            && az.contains("az extension add --name azure-firewall"),
        "{az}"
    );
    let ps = emit(&r.fix.changes, Emit::Powershell);
    assert!(
        ps.contains("-Protocol 'Https:443' -TargetFqdn 'www.msftconnecttest.com'"),
        "{ps}"
    );
}

#[test]
fn mabs_with_option_nsg_says_the_firewall_blocks_and_which_option_would_open_it() {
    // workloads-egress.md §5: MABS/DPM online protection is the MARS agent's egress; the firewall denies
    let r = fix(
        "mars-firewall-fqdn-tag/scenario.yaml",
        WorkloadKind::Mabs,
        WorkloadOptions::default(),
        FixOption::Nsg,
    );
    assert!(!r.fix.unfixed.is_empty());
    assert!(
        r.fix
            .unfixed
            .iter()
            .all(|u| u.why.contains("option firewall would")),
        "{:?}",
        r.fix.unfixed
    );
    assert_eq!(r.exit_code(), 1);
}

#[test]
fn hana_proxy_fix_covers_entra_only_and_says_what_backup_and_storage_need() {
    // workloads-egress.md §3: the HANA plugin uses a proxy only for Microsoft Entra ID (UseProxyForAAD);
    // Azure Backup and Storage always go direct, so they need NSG or firewall rules
    let r = fix(
        "hana-proxy-entra-only/scenario.yaml",
        WorkloadKind::Hana,
        hana(),
        FixOption::Proxy,
    );
    assert_eq!(verdict(&r, "entra", true), Overall::Reachable);
    let ids: Vec<&str> = r
        .fix
        .unfixed
        .iter()
        .map(|u| u.destination.as_str())
        .collect();
    assert_eq!(ids, ["backup", "storage"]);
    assert!(
        r.fix.unfixed[0].why.contains("never through a proxy")
            && r.fix.unfixed[0].why.contains("AzureBackup")
    );
    assert!(
        r.fix.unfixed[1].why.contains("Storage.KoreaCentral")
            && r.fix.unfixed[1].why.contains("--option nsg")
    );
    assert_eq!(r.exit_code(), 1);
    // with nsg the same VM is repaired: one rule per missing tag
    let r = fix(
        "hana-proxy-entra-only/scenario.yaml",
        WorkloadKind::Hana,
        hana(),
        FixOption::Nsg,
    );
    assert_eq!(r.fix.changes.len(), 2, "{:?}", r.fix.changes);
    assert_eq!(r.fix.after.verdict, Overall::Reachable);
}

#[test]
fn mars_fqdns_without_a_service_tag_cannot_be_allowed_by_an_nsg_and_say_so() {
    // workloads-egress.md §4: *.microsoft.com has no service tag; an NSG filters addresses, not names
    let r = fix(
        "sql-missing-entra/scenario.yaml",
        WorkloadKind::Mars,
        WorkloadOptions::default(),
        FixOption::Nsg,
    );
    let u = r
        .fix
        .unfixed
        .iter()
        .find(|u| u.destination == "microsoft")
        .expect("microsoft unfixed");
    assert!(
        u.why.contains("no service tag")
            && u.why.contains("--option firewall")
            && u.why.contains("--option proxy"),
        "{}",
        u.why
    );
    assert_eq!(r.exit_code(), 1);
}

#[test]
fn cli_fix_workload_json_and_exit_codes() {
    // workloads-egress.md §2; the JSON has schema_version 3, the workload and the before/after reports
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .args([
            "fix",
            &ex("sql-missing-entra/scenario.yaml"),
            "--workload",
            "sql",
            "--option",
            "nsg",
            "--format",
            "json",
            "--emit",
            "arm,bicep,terraform,powershell",
        ])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["schema_version"], 3);
    assert_eq!(v["workload"], "sql");
    assert_eq!(v["after"]["verdict"], "reachable");
    assert_eq!(v["emitted"].as_array().unwrap().len(), 4);
    let arm: serde_json::Value =
        serde_json::from_str(v["emitted"][0]["text"].as_str().unwrap()).unwrap();
    // a service tag alone, in the singular property: Azure refuses a tag in `destinationAddressPrefixes`
    assert_eq!(
        arm["resources"][0]["properties"]["destinationAddressPrefix"],
        "AzureActiveDirectory"
    );
    // the text names the re-check
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .args([
            "fix",
            &ex("hana-proxy-entra-only/scenario.yaml"),
            "--workload",
            "hana",
            "--hana-settings",
            &ex("hana-proxy-entra-only/ExtensionSettingsOverrides.json"),
            "--option",
            "proxy",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8(out).unwrap();
    assert!(
        s.contains("re-check") && s.contains("never through a proxy"),
        "{s}"
    );
    // an option that repairs only the VM path is a usage error
    Command::cargo_bin("azegress")
        .unwrap()
        .args([
            "fix",
            &ex("sql-missing-entra/scenario.yaml"),
            "--workload",
            "sql",
            "--option",
            "route",
        ])
        .assert()
        .code(2);
}

#[test]
fn squid_lines_for_a_workload_name_its_fqdns_as_dstdomain() {
    // workloads-egress.md §4: MARS's names through its proxy; `*.x` is squid's `.x`
    assert_eq!(
        azegress::fix::workload::dstdomain("*.backup.windowsazure.com"),
        ".backup.windowsazure.com"
    );
    assert_eq!(
        azegress::fix::workload::dstdomain("login.microsoftonline.com"),
        "login.microsoftonline.com"
    );
}

/// `fix --workload sql --option nsg --emit file --write` on copies of the example's files: the rule is spliced
/// into the user's own subnet NSG as `*.fixed.json`, the scenario checked again from disk is REACHABLE, and the
/// original is untouched (workloads-egress.md §2: SQL needs Microsoft Entra ID on 443).
#[test]
fn workload_fix_writes_the_users_file_and_it_rechecks_from_disk() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/workloads/sql-missing-entra");
    let dir = tempfile::tempdir().unwrap();
    for f in ["scenario.yaml", "subnet-nsg.json"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let scenario = dir.path().join("scenario.yaml");
    let before = std::fs::read_to_string(dir.path().join("subnet-nsg.json")).unwrap();
    let out = assert_cmd::Command::cargo_bin("azegress")
        .unwrap()
        .env("NO_COLOR", "1")
        .args([
            "fix",
            scenario.to_str().unwrap(),
            "--workload",
            "sql",
            "--option",
            "nsg",
            "--emit",
            "file",
            "--write",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(0), "{text}");
    let fixed = std::fs::read_to_string(dir.path().join("subnet-nsg.fixed.json")).unwrap();
    assert!(
        fixed.contains("\"destinationAddressPrefix\": \"AzureActiveDirectory\""),
        "{fixed}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("subnet-nsg.json")).unwrap(),
        before
    );
    // the scenario pointed at the fixed file is reachable
    let s = std::fs::read_to_string(&scenario)
        .unwrap()
        .replace("subnet-nsg.json", "subnet-nsg.fixed.json");
    let fixed_scenario = dir.path().join("fixed.yaml");
    std::fs::write(&fixed_scenario, s).unwrap();
    let out = assert_cmd::Command::cargo_bin("azegress")
        .unwrap()
        .args([
            "check",
            fixed_scenario.to_str().unwrap(),
            "--workload",
            "sql",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
