//! `check --workload`: each workload's destinations on real shapes (NSG exports, a firewall policy, squid.conf,
//! ExtensionSettingsOverrides.json), the verdict worked out from the reference and cited; the workload's
//! verdict is the meet of its destinations' verdicts (property test).

use assert_cmd::Command;
use azegress::app::CheckOptions;
use azegress::app::workload::{WorkloadOptions, run_workload_check};
use azegress::model::Overall;
use azegress::workload::{WorkloadKind, WorkloadReport, meet};
use proptest::prelude::*;

fn ex(p: &str) -> String {
    format!("{}/examples/workloads/{p}", env!("CARGO_MANIFEST_DIR"))
}

fn check(scenario: &str, kind: WorkloadKind, w: WorkloadOptions) -> WorkloadReport {
    let o = CheckOptions {
        scenario: Some(ex(scenario)),
        ..Default::default()
    };
    run_workload_check(kind, &o, &w).unwrap()
}

fn dest(r: &WorkloadReport, id: &str) -> Overall {
    r.destinations
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no destination {id}"))
        .verdict
}

#[test]
fn sql_without_an_entra_id_rule_is_blocked_at_entra_id_only() {
    // workloads-egress.md §2 (S7): SQL Server backup needs Azure Backup, Azure Storage and Microsoft Entra ID;
    // the subnet NSG allows AzureBackup and Storage.KoreaCentral, then denies Internet (azure-semantics.md §1.2)
    let r = check(
        "sql-missing-entra/scenario.yaml",
        WorkloadKind::Sql,
        WorkloadOptions::default(),
    );
    assert_eq!(r.schema_version, 3);
    assert_eq!(r.workload, "sql");
    assert_eq!(r.verdict, Overall::Blocked);
    assert_eq!(dest(&r, "backup"), Overall::Reachable);
    assert_eq!(dest(&r, "storage"), Overall::Reachable);
    assert_eq!(dest(&r, "entra"), Overall::Blocked);
    let entra = r.destinations.iter().find(|d| d.id == "entra").unwrap();
    assert_eq!(entra.service_tag.as_deref(), Some("AzureActiveDirectory"));
    let f = &entra.flows[0];
    assert_eq!(
        f.blocked_by.as_ref().map(|b| b.rule.as_str()),
        Some("securityRules/Deny-Internet-Outbound")
    );
    // one row per destination and port
    assert_eq!(r.flows.len(), 3);
    assert!(
        r.next_steps
            .iter()
            .any(|s| s.contains("AzureActiveDirectory") && s.contains("sql-subnet-nsg"))
    );
    // with the Entra ID rule added, all three are reachable
    let ok = check(
        "sql-allowed/scenario.yaml",
        WorkloadKind::Sql,
        WorkloadOptions::default(),
    );
    assert_eq!(ok.verdict, Overall::Reachable);
}

#[test]
fn hana_proxy_carries_only_entra_id() {
    // workloads-egress.md §3 (S8): "we only support HTTP Proxy for Microsoft Entra traffic for SAP HANA";
    // ExtensionSettingsOverrides.json UseProxyForAAD → Entra ID through squid (which allows it);
    // Azure Backup and Storage go direct and meet the subnet's Deny-Internet-Outbound.
    let w = WorkloadOptions {
        hana_settings: Some(ex("hana-proxy-entra-only/ExtensionSettingsOverrides.json")),
        ..Default::default()
    };
    let r = check("hana-proxy-entra-only/scenario.yaml", WorkloadKind::Hana, w);
    assert_eq!(r.verdict, Overall::Blocked);
    assert_eq!(dest(&r, "entra"), Overall::Reachable);
    assert_eq!(dest(&r, "backup"), Overall::Blocked);
    assert_eq!(dest(&r, "storage"), Overall::Blocked);
    let entra = r.destinations.iter().find(|d| d.id == "entra").unwrap();
    assert!(entra.proxy.starts_with("10.0.9.5:3128"), "{}", entra.proxy);
    assert!(
        entra.flows[0]
            .hops
            .iter()
            .any(|h| h.hop == "proxy" && h.leg == "proxy-to-storage")
    );
    let backup = r.destinations.iter().find(|d| d.id == "backup").unwrap();
    assert_eq!(backup.proxy, "direct");
    // snapshot backups' Resource Manager destination is listed, not required, without --when snapshot
    assert!(r.not_checked.iter().any(|n| n.id == "arm"));
    // UseProxyForAzureBackup true is refused in words: Backup still goes direct (S8)
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ExtensionSettingsOverrides.json");
    std::fs::write(
        &f,
        r#"{"UseProxyForAAD": true, "UseProxyForAzureBackup": true, "ProxyServerAddress": "http://10.0.9.5:3128"}"#,
    )
    .unwrap();
    let w = WorkloadOptions {
        hana_settings: Some(f.to_string_lossy().into_owned()),
        ..Default::default()
    };
    let r = check("hana-proxy-entra-only/scenario.yaml", WorkloadKind::Hana, w);
    assert_eq!(dest(&r, "backup"), Overall::Blocked);
    assert!(r.diagnostics.iter().any(|d| d.code == "AZE0901"));
}

#[test]
fn site_recovery_without_eventhub_of_the_target_region() {
    // workloads-egress.md §6 (S19): Storage.<source>, AzureActiveDirectory, AzureSiteRecovery and
    // EventHub.<target region> on 443; the NSG lacks EventHub.KoreaSouth
    let w = WorkloadOptions {
        target_region: Some("koreasouth".into()),
        ..Default::default()
    };
    let r = check(
        "asr-no-eventhub/scenario.yaml",
        WorkloadKind::Asr,
        w.clone(),
    );
    assert_eq!(r.verdict, Overall::Blocked);
    for id in ["storage", "entra", "asr"] {
        assert_eq!(dest(&r, id), Overall::Reachable, "{id}");
    }
    assert_eq!(dest(&r, "eventhub"), Overall::Blocked);
    let eh = r.destinations.iter().find(|d| d.id == "eventhub").unwrap();
    assert_eq!(eh.service_tag.as_deref(), Some("EventHub.KoreaSouth"));
    // Key Vault (ADE) and Automation (auto-upgrade) apply only in their conditions
    assert_eq!(r.not_checked.len(), 2);
    let ok = check("asr-allowed/scenario.yaml", WorkloadKind::Asr, w);
    assert_eq!(ok.verdict, Overall::Reachable);
    // no target region: a usage error
    let o = CheckOptions {
        scenario: Some(ex("asr-allowed/scenario.yaml")),
        ..Default::default()
    };
    let e = run_workload_check(WorkloadKind::Asr, &o, &WorkloadOptions::default()).unwrap_err();
    assert!(e.to_string().contains("--target-region"), "{e}");
}

#[test]
fn mars_behind_a_firewall_with_only_the_fqdn_tag() {
    // workloads-egress.md §4 and §8: the AzureBackup FQDN tag "allows outbound access to the Azure Backup
    // services" (list not published: an assumption, azure-semantics.md §10.3); it does not cover Storage,
    // Entra ID or *.microsoft.com, which meet the firewall's default deny (azure-semantics.md §3.1)
    let r = check(
        "mars-firewall-fqdn-tag/scenario.yaml",
        WorkloadKind::Mars,
        WorkloadOptions::default(),
    );
    assert_eq!(r.verdict, Overall::Blocked);
    assert_eq!(dest(&r, "backup"), Overall::Reachable);
    for id in ["storage", "entra", "microsoft", "ncsi"] {
        assert_eq!(dest(&r, id), Overall::Blocked, "{id}");
    }
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == "AZE0317" && d.message.contains("AzureBackup"))
    );
    let st = r.destinations.iter().find(|d| d.id == "storage").unwrap();
    assert_eq!(
        st.flows[0].blocked_by.as_ref().map(|b| b.hop),
        Some("firewall")
    );
    // MABS/DPM: the MARS agent on the server, the same destinations (§5)
    let m = check(
        "mars-firewall-fqdn-tag/scenario.yaml",
        WorkloadKind::Mabs,
        WorkloadOptions::default(),
    );
    assert_eq!(m.verdict, Overall::Blocked);
    assert_eq!(m.destinations.len(), r.destinations.len());
}

#[test]
fn a_name_without_a_service_tag_is_decided_only_where_all_public_addresses_agree() {
    // the issue's rule for *.microsoft.com: an NSG allowing only AzureBackup and denying Internet decides
    // part of the public space one way and the rest another → inconclusive, naming the name and the rule
    let r = check(
        "sql-missing-entra/scenario.yaml",
        WorkloadKind::Mars,
        WorkloadOptions::default(),
    );
    let ms = r.destinations.iter().find(|d| d.id == "microsoft").unwrap();
    // Deny-Internet-Outbound denies every public address except those the allow rules above it cover
    assert_eq!(ms.verdict, Overall::Unknown);
    let why = &ms.flows[0].why;
    assert!(
        why.contains("*.microsoft.com") && why.contains("Deny-Internet-Outbound"),
        "{why}"
    );
}

#[test]
fn an_authenticating_proxy_blocks_a_workload_that_cannot_authenticate() {
    // workloads-egress.md §9.12: SQL (S7) and Site Recovery (S19, S20) do not support authenticated
    // proxies; MARS accepts credentials (S12)
    let o = CheckOptions {
        scenario: Some(ex("sql-allowed/scenario.yaml")),
        proxy: Some("http://backup:secret@10.0.9.5:3128".into()),
        proxy_ip: Some("10.0.9.5".into()),
        ..Default::default()
    };
    let r = run_workload_check(WorkloadKind::Sql, &o, &WorkloadOptions::default()).unwrap();
    assert_eq!(r.verdict, Overall::Blocked);
    let f = &r.destinations[0].flows[0];
    assert!(f.why.contains("cannot authenticate"), "{}", f.why);
    assert!(!serde_json::to_string(&r).unwrap().contains("secret"));
    let m = run_workload_check(WorkloadKind::Mars, &o, &WorkloadOptions::default()).unwrap();
    assert!(
        m.destinations[0]
            .flows
            .iter()
            .all(|f| !f.why.contains("cannot authenticate"))
    );
}

#[test]
fn vm_workload_is_todays_check() {
    // the vm workload is the VM backup check unchanged (azure-semantics.md §5.1), with when it matters
    let o = CheckOptions {
        scenario: Some(format!(
            "{}/examples/deny-all-outbound/scenario.yaml",
            env!("CARGO_MANIFEST_DIR")
        )),
        ..Default::default()
    };
    let plain = azegress::app::run_check(&o).unwrap();
    let r = run_workload_check(WorkloadKind::Vm, &o, &WorkloadOptions::default()).unwrap();
    assert_eq!(r.verdict, plain.verdict);
    assert_eq!(r.flows, plain.flows);
    assert_eq!(r.diagnostics, plain.diagnostics);
    assert!(
        r.matters
            .as_deref()
            .unwrap()
            .contains("ExtensionSnapshotFailedNoNetwork")
    );
}

fn azegress() -> Command {
    let mut c = Command::cargo_bin("azegress").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    c
}

#[test]
fn cli_exit_codes_and_json() {
    let out = azegress()
        .args([
            "check",
            "examples/workloads/sql-missing-entra/scenario.yaml",
            "--workload",
            "sql",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_version"], 3);
    assert_eq!(v["workload"], "sql");
    assert_eq!(v["destinations"].as_array().unwrap().len(), 3);
    // asr without --target-region: usage error, one line
    let out = azegress()
        .args([
            "check",
            "examples/workloads/asr-allowed/scenario.yaml",
            "--workload",
            "asr",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--target-region") && err.lines().count() == 1,
        "{err}"
    );
    // a workload flag without --workload
    let out = azegress()
        .args([
            "check",
            "examples/workloads/asr-allowed/scenario.yaml",
            "--target-region",
            "koreasouth",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // text output names every destination and the verdict
    let out = azegress()
        .args([
            "check",
            "examples/workloads/asr-no-eventhub/scenario.yaml",
            "--workload",
            "asr",
            "--target-region",
            "koreasouth",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("EventHub.KoreaSouth") && text.contains("verdict: BLOCKED"),
        "{text}"
    );
}

fn overall(i: u8) -> Overall {
    [
        Overall::Reachable,
        Overall::Unknown,
        Overall::Partial,
        Overall::Blocked,
    ][usize::from(i % 4)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// A workload's verdict is the meet of its destinations' verdicts: whichever NSG rules exist (each of the
    /// SQL destinations' tags allowed or not before a deny), the report's verdict equals folding `meet`
    /// over the destinations, and is blocked exactly when some destination is.
    #[test]
    fn verdict_is_the_meet_of_the_destinations(allow in proptest::collection::vec(any::<bool>(), 3), deny_all in any::<bool>()) {
        let tags = ["AzureBackup", "Storage.KoreaCentral", "AzureActiveDirectory"];
        let mut rules = Vec::new();
        for (i, (t, a)) in tags.iter().zip(&allow).enumerate() {
            if *a {
                rules.push(serde_json::json!({"name": format!("allow-{i}"), "properties": {"priority": 200 + i, "direction": "Outbound",
                    "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*",
                    "destinationAddressPrefix": t, "destinationPortRange": "443"}}));
            }
        }
        if deny_all {
            rules.push(serde_json::json!({"name": "deny-internet", "properties": {"priority": 4000, "direction": "Outbound",
                "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*",
                "destinationAddressPrefix": "Internet", "destinationPortRange": "*"}}));
        }
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("nsg.json");
        std::fs::write(&f, serde_json::json!({"name": "n", "properties": {"securityRules": rules}}).to_string()).unwrap();
        let o = CheckOptions {
            subnet_nsg: Some(f.to_string_lossy().into_owned()),
            region: Some("koreacentral".into()),
            vm_ip: Some("10.0.1.4".into()),
            vnet: vec!["10.0.0.0/16".into()],
            ..Default::default()
        };
        let r = run_workload_check(WorkloadKind::Sql, &o, &WorkloadOptions::default()).unwrap();
        let folded = r.destinations.iter().map(|d| d.verdict).fold(Overall::Reachable, meet);
        prop_assert_eq!(r.verdict, folded);
        let any_blocked = deny_all && allow.iter().any(|a| !a);
        prop_assert_eq!(r.verdict == Overall::Blocked, any_blocked);
        for (d, a) in r.destinations.iter().zip(&allow) {
            prop_assert_eq!(d.verdict == Overall::Blocked, deny_all && !a);
        }
        // and `meet` itself is a meet: commutative, idempotent, Reachable its unit
        for i in 0..4u8 { for j in 0..4u8 {
            prop_assert_eq!(meet(overall(i), overall(j)), meet(overall(j), overall(i)));
        }
        prop_assert_eq!(meet(overall(i), overall(i)), overall(i));
        prop_assert_eq!(meet(overall(i), Overall::Reachable), overall(i)); }
    }
}

#[test]
fn gate_workload_packs_apply_to_the_vms_running_the_workload() {
    // issue 31 §4: azure-sql-backup applies to VMs with the AzureBackupWindowsWorkload extension;
    // vm-app-01's subnet NSG allows 443 out and denies the rest (examples/resource-graph), so SQL's three
    // destinations on 443 pass while the VM pack's 8443 fails (azure-semantics.md §5.1)
    let out = azegress()
        .args([
            "gate",
            "examples/workloads/gate/resources.json",
            "--pack",
            "azure-sql-backup",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let outcomes = v["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0]["vm"], "vm-app-01");
    assert_eq!(outcomes[0]["pack"], "azure-sql-backup");
    // no VM runs SAP HANA: nothing to gate is inconclusive, never a pass
    let out = azegress()
        .args([
            "gate",
            "examples/workloads/gate/resources.json",
            "--pack",
            "azure-hana-backup",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing to gate"));
}

/// docs/workloads.md: every `azegress …` command in its ```sh blocks runs from the repository root and exits
/// with the code its `# exit N` comment states.
#[test]
fn the_workloads_guide_commands_run_as_shown() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/workloads.md")).unwrap();
    let mut in_sh = false;
    let mut ran = 0;
    for line in doc.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_sh = !in_sh && t == "```sh";
            continue;
        }
        let Some(rest) = t.strip_prefix("azegress ").filter(|_| in_sh) else {
            continue;
        };
        let (cmd, comment) = rest.split_once(" # ").expect("`# exit N`");
        let want: i32 = comment
            .trim()
            .strip_prefix("exit ")
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let out = azegress().args(cmd.split_whitespace()).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(want),
            "{t}\nstdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 12, "only {ran} commands found");
}

/// Issue 31 §4 (workloads-egress.md §6): the target region of Site Recovery comes from the replication
/// resources or `gate --target-region`. A VM running the Site Recovery extension with no replicated item among
/// the inputs is inconclusive without the flag (EventHub of the target region cannot be named), and gated with it.
#[test]
fn gate_site_recovery_target_region_from_the_flag() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/workloads/gate/resources.json"
    ))
    .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    // a Resource Graph response: the rows are under `data`
    let rows = v["data"].as_array_mut().unwrap();
    for r in rows.iter_mut() {
        if r["type"]
            .as_str()
            .unwrap_or("")
            .eq_ignore_ascii_case("microsoft.compute/virtualmachines/extensions")
        {
            r["properties"]["publisher"] = "Microsoft.Azure.RecoveryServices.SiteRecovery".into();
            r["properties"]["type"] = "Windows".into();
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("asr.json");
    std::fs::write(&f, serde_json::to_string(&v).unwrap()).unwrap();
    let p = f.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut c = assert_cmd::Command::cargo_bin("azegress").unwrap();
        c.current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("NO_COLOR", "1")
            .env("COLUMNS", "250")
            .args(["gate", p, "--pack", "azure-site-recovery"])
            .args(extra);
        let o = c.output().unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).to_string(),
        )
    };
    let (code, out) = run(&[]);
    assert_eq!(code, Some(3), "{out}");
    assert!(out.contains("--target-region"), "{out}");
    let (code, out) = run(&["--target-region", "koreasouth"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("1 of 1 requirement check(s) passed"), "{out}");
}
