//! Virtual Network Manager security admin rules before the NSGs (azure-semantics.md §10.2, §1.2): lowest
//! priority first; Deny stops, AlwaysAllow passes without the NSGs, Allow and no match go on to them.
//! Every file is the real REST example `NetworkManagerEffectiveSecurityAdminRulesList.json` or an edited copy
//! of it (tests/data/admin-rules/SOURCES.md).

use azegress::app::{CheckOptions, FlowOptions, run_check, run_flow};
use azegress::model::*;

const D: &str = "tests/data/admin-rules";
const DENY_NSG: &str = "examples/deny-all-outbound/nic-nsg.json";
const OPEN_NSG: &str = "examples/deny-all-outbound-fixed/nic-nsg.json";

fn check(nsg: Option<&str>, admin: &[&str]) -> CheckReport {
    run_check(&CheckOptions {
        region: Some("koreacentral".into()),
        vm_ip: Some("10.0.0.4".into()),
        vnet: vec!["10.0.0.0/16".into()],
        nic_nsg: nsg.map(str::to_string),
        ports: Some(vec![8443]),
        admin_rules: admin.iter().map(|f| format!("{D}/{f}")).collect(),
        ..Default::default()
    })
    .unwrap()
}

fn hops(f: &FlowResult) -> Vec<String> {
    f.hops
        .iter()
        .map(|h| format!("{}:{:?}", h.hop, h.verdict).to_lowercase())
        .collect()
}

/// §10.2: "Deny: traffic stops, NSGs are not evaluated" — over an NSG that allows storage.
#[test]
fn admin_deny_over_open_nsg_blocks_naming_the_rule() {
    assert_eq!(check(Some(OPEN_NSG), &[]).verdict, Overall::Reachable);
    let r = check(Some(OPEN_NSG), &["deny-8443.json"]);
    assert_eq!(r.verdict, Overall::Blocked);
    let f = &r.flows[0];
    assert_eq!(hops(f), ["admin:denied"]);
    let b = f.blocked_by.as_ref().unwrap();
    assert_eq!(b.hop, "admin");
    assert_eq!(
        b.rule,
        "security admin rule `deny-8443` (network manager `avnm`, configuration `org`)"
    );
    assert_eq!(b.priority, Some(10));
    assert!(
        f.why.contains("security admin rule `deny-8443`"),
        "{}",
        f.why
    );
    let json = azegress::report::render_check(
        &r,
        azegress::report::Format::Json,
        &azegress::report::Style {
            color: false,
            width: 100,
        },
    );
    assert!(json.contains("\"hop\": \"admin\""), "{json}");
    let mm = azegress::report::render_check(
        &r,
        azegress::report::Format::Mermaid,
        &azegress::report::Style {
            color: false,
            width: 100,
        },
    );
    assert!(mm.contains("security admin rule `deny-8443`"), "{mm}");
}

/// §10.2: "AlwaysAllow: traffic passes, NSGs are not evaluated" — over an NSG that denies all outbound.
#[test]
fn always_allow_over_denying_nsg_is_reachable() {
    assert_eq!(check(Some(DENY_NSG), &[]).verdict, Overall::Blocked);
    let r = check(Some(DENY_NSG), &["alwaysallow-storage.json"]);
    assert_eq!(r.verdict, Overall::Reachable, "{}", r.flows[0].why);
    let f = &r.flows[0];
    assert!(!f.hops.iter().any(|h| h.hop == "nsg"), "{:?}", hops(f));
    assert!(f.why.contains("AlwaysAllow"), "{}", f.why);
}

/// §10.2: "Allow: traffic goes on to the NSG evaluation (which can still deny)".
#[test]
fn allow_then_denying_nsg_is_blocked_by_the_nsg() {
    let r = check(Some(DENY_NSG), &["allow-storage.json"]);
    assert_eq!(r.verdict, Overall::Blocked);
    let f = &r.flows[0];
    assert_eq!(hops(f), ["admin:allowed", "nsg:denied"]);
    let b = f.blocked_by.as_ref().unwrap();
    assert_eq!(b.hop, "nsg");
    assert_eq!(b.rule, "securityRules/Deny-All-Outbound");
    // and with an open NSG the Allow goes on and the NSG allows
    assert_eq!(
        check(Some(OPEN_NSG), &["allow-storage.json"]).verdict,
        Overall::Reachable
    );
}

/// §10.2: "lowest priority number first", both ways round.
#[test]
fn priority_order_both_ways() {
    let r = check(Some(DENY_NSG), &["alwaysallow-before-deny.json"]);
    assert_eq!(r.verdict, Overall::Reachable, "{}", r.flows[0].why);
    let r = check(Some(OPEN_NSG), &["deny-before-alwaysallow.json"]);
    assert_eq!(r.verdict, Overall::Blocked);
    assert!(
        r.flows[0]
            .blocked_by
            .as_ref()
            .unwrap()
            .rule
            .contains("deny-8443")
    );
    // two files: the rules of both are ordered together
    let r = check(
        Some(DENY_NSG),
        &["deny-8443.json", "alwaysallow-storage.json"],
    );
    assert_eq!(r.verdict, Overall::Blocked);
}

/// §10.2, §1.2: rules are per direction — the real example's inbound Deny (TCP 22) and an inbound Deny of
/// 8443 do not touch the outbound backup flow; no rule matches and the NSGs decide.
#[test]
fn inbound_admin_rules_do_not_touch_egress() {
    for f in [
        "NetworkManagerEffectiveSecurityAdminRulesList.body.json",
        "inbound-deny-8443.json",
    ] {
        let r = check(Some(OPEN_NSG), &[f]);
        assert_eq!(r.verdict, Overall::Reachable, "{f}");
        let h = &r.flows[0].hops[0];
        assert_eq!(h.hop, "admin");
        assert_eq!(h.decisions[0].rule, "no security admin rule");
        assert_eq!(check(Some(DENY_NSG), &[f]).verdict, Overall::Blocked);
    }
}

/// §10.2: destinations as service tags — `Storage`, `Storage.<Region>`, and another region's tag, which
/// does not cover Storage.KoreaCentral.
#[test]
fn service_tag_destinations() {
    assert_eq!(
        check(Some(OPEN_NSG), &["deny-storage-tag.json"]).verdict,
        Overall::Blocked
    );
    assert_eq!(
        check(Some(OPEN_NSG), &["deny-storage-region.json"]).verdict,
        Overall::Blocked
    );
    assert_eq!(
        check(Some(OPEN_NSG), &["deny-storage-other-region.json"]).verdict,
        Overall::Reachable
    );
}

/// The real REST example is read: one Default rule with its flag, names from its id.
#[test]
fn real_rest_example_reads() {
    let r = azegress::ingest::admin_rules::load_admin_rules(&format!(
        "{D}/NetworkManagerEffectiveSecurityAdminRulesList.body.json"
    ))
    .unwrap();
    let a = &r.rules()[0];
    assert_eq!(a.name, "SampleAdminRule");
    assert_eq!(a.default_flag.as_deref(), Some("AllowVnetInbound"));
    assert_eq!(a.network_manager.as_deref(), Some("testNetworkManager"));
    assert_eq!(a.configuration.as_deref(), Some("myTestSecurityConfig"));
    assert_eq!(a.rule_collection.as_deref(), Some("testRuleCollection"));
    assert_eq!(a.direction, Direction::Inbound);
    assert_eq!(a.access, AdminAccess::Deny);
    assert!(a.destination_ports.contains(22) && !a.destination_ports.contains(23));
}

/// `flow` (IP flow verify) names the admin rule that decides before any NSG.
#[test]
fn flow_names_the_admin_rule() {
    let o = |admin: &str| FlowOptions {
        direction: Direction::Outbound,
        protocol: Protocol::Tcp,
        local: "10.0.0.4:50000".into(),
        remote: "20.33.154.10:8443".into(),
        nic_nsg: Some(OPEN_NSG.into()),
        subnet_nsg: None,
        effective_nsg: None,
        vnet: vec!["10.0.0.0/16".into()],
        service_tags: None,
        vm_asgs: None,
        admin_rules: vec![format!("{D}/{admin}")],
    };
    let r = run_flow(&o("deny-8443.json")).unwrap();
    assert_eq!(r.access, DecisionAccess::Deny);
    assert!(r.rule.as_deref().unwrap().contains("deny-8443"));
    assert!(r.nsg.is_none());
    assert!(r.why.contains("before any NSG"), "{}", r.why);
    let r = run_flow(&o("inbound-deny-8443.json")).unwrap();
    assert_eq!(r.access, DecisionAccess::Allow);
}

/// Without --admin-rules there is no admin hop (goldens stay as they were).
#[test]
fn no_admin_rules_no_hop() {
    let r = check(Some(OPEN_NSG), &[]);
    assert!(!r.flows[0].hops.iter().any(|h| h.hop == "admin"));
}

/// §10.2: an admin Deny stops the traffic before the NSGs, so `fix` emits no NSG rule for it: it names the
/// configuration that owns the Deny and emits an AlwaysAllow admin rule for exactly the backup flow at a
/// lower priority number, and the re-check with it applied is reachable.
#[test]
fn fix_on_admin_deny_emits_the_admin_rule_and_no_nsg_rule() {
    use azegress::fix::{Change, FixOption, fix};
    use azegress::model::fix::Emit;
    let o = CheckOptions {
        region: Some("koreacentral".into()),
        vm_ip: Some("10.0.0.4".into()),
        vnet: vec!["10.0.0.0/16".into()],
        nic_nsg: Some(OPEN_NSG.into()),
        ports: Some(vec![8443]),
        admin_rules: vec![format!("{D}/deny-8443.json")],
        ..Default::default()
    };
    let inputs = azegress::app::inputs(&o).unwrap();
    for option in [FixOption::Nsg, FixOption::Auto, FixOption::Firewall] {
        let f = fix(&inputs, option).unwrap();
        assert_eq!(f.after.verdict, Overall::Reachable, "{option}");
        assert!(f.still_blocked.is_none());
        assert!(
            !f.changes.iter().any(|c| matches!(c, Change::NsgRule(_))),
            "{option}: {:?}",
            f.changes
        );
        let [Change::AdminRule(a)] = f.changes.as_slice() else {
            panic!("{option}: {:?}", f.changes)
        };
        assert_eq!(a.network_manager, "avnm");
        assert_eq!(a.configuration, "org");
        assert_eq!(a.rule_collection, "backup");
        assert_eq!(a.access, AdminAccess::AlwaysAllow);
        assert!(a.priority < 10 && a.priority >= 1);
        assert_eq!(a.sources, ["10.0.0.4"]);
        assert_eq!(a.destination, "Storage.KoreaCentral");
        assert_eq!(a.ports, [8443]);
        assert!(
            f.notes
                .iter()
                .any(|n| n.code == "AZE0323" && n.message.contains("configuration `org`"))
        );
    }
    let f = fix(&inputs, FixOption::Nsg).unwrap();
    let az = azegress::report::emit::emit(&f.changes, Emit::Azcli);
    assert!(
        az.contains("az extension add --name virtual-network-manager --upgrade --only-show-errors"),
        "{az}"
    );
    let line = az
        .lines()
        .find(|l| {
            l.starts_with("az network manager security-admin-config rule-collection rule create")
        })
        .unwrap();
    for arg in [
        "--resource-group 'rg-avnm'",
        "--network-manager-name 'avnm'",
        "--configuration-name 'org'",
        "--rule-collection-name 'backup'",
        "--access AlwaysAllow",
        "--direction Outbound",
        "--protocol Tcp",
        "--dest-port-ranges '8443'",
        "address-prefix='Storage.KoreaCentral' address-prefix-type=ServiceTag",
    ] {
        assert!(line.contains(arg), "{arg}: {line}");
    }
    let ps = azegress::report::emit::emit(&f.changes, Emit::Powershell);
    assert!(
        ps.contains("New-AzNetworkManagerSecurityAdminRule") && ps.contains("-Access AlwaysAllow")
    );
    let tf = azegress::report::emit::emit(&f.changes, Emit::Terraform);
    assert!(
        tf.contains("resource \"azurerm_network_manager_admin_rule\"")
            && tf.contains("action                   = \"AlwaysAllow\""),
        "{tf}"
    );
    let arm = azegress::report::emit::emit(&f.changes, Emit::Arm);
    assert!(arm.contains(
        "Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules"
    ));
    let bicep = azegress::report::emit::emit(&f.changes, Emit::Bicep);
    assert!(bicep.contains("kind: 'Custom'"), "{bicep}");
}

/// `diagnose`: an admin Deny is a cause of its own, naming the rule and the Learn page.
#[test]
fn diagnose_names_the_admin_deny() {
    let o = CheckOptions {
        region: Some("koreacentral".into()),
        vm_ip: Some("10.0.0.4".into()),
        vnet: vec!["10.0.0.0/16".into()],
        nic_nsg: Some(OPEN_NSG.into()),
        ports: Some(vec![8443]),
        admin_rules: vec![format!("{D}/deny-8443.json")],
        ..Default::default()
    };
    let r = azegress::app::diagnose::run_diagnose(&o, None).unwrap();
    let c = r
        .causes
        .iter()
        .find(|c| c.what.contains("security admin rule `deny-8443`"))
        .unwrap();
    assert!(c.learn.contains("concept-security-admins"));
}

/// `gate --admin-rules [VNET=]FILE` and `diff --admin-rules-after` (issue 18 §2): the effective admin rules
/// of a VNet apply to that VNet's subjects, before their NSGs (§10.2); a bare FILE to every subject. Built on
/// the Resource Graph example with its subnet NSG's deny removed, so that only the admin rule decides.
#[test]
fn gate_and_diff_take_the_admin_rules_per_vnet() {
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("examples/resource-graph/resources.json").unwrap(),
    )
    .unwrap();
    for r in v["data"].as_array_mut().unwrap() {
        if r["name"] == "nsg-snet-app" {
            r["properties"]["securityRules"]
                .as_array_mut()
                .unwrap()
                .retain(|x| x["name"] != "Deny-Internet-Out");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("resources.json");
    std::fs::write(&f, v.to_string()).unwrap();
    let f = f.to_string_lossy().into_owned();
    let deny = format!("{D}/deny-8443.json");
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("azegress")
            .unwrap()
            .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    assert_eq!(run(&["gate", &f, "--no-lints"]).0, 0);
    let (code, json) = run(&[
        "gate",
        &f,
        "--no-lints",
        "--admin-rules",
        &deny,
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{json}");
    assert!(
        json.contains(
            "security admin rule `deny-8443` (network manager `avnm`, configuration `org`)"
        ),
        "{json}"
    );
    // for the VM's own VNet: applies; for another VNet: does not
    let spoke = format!("vnet-spoke={deny}");
    assert_eq!(
        run(&["gate", &f, "--no-lints", "--admin-rules", &spoke]).0,
        1
    );
    // a VNet no input holds: an error naming the VNets held (issue 29: once applied to nothing, in silence)
    let other = format!("vnet-other={deny}");
    let out = assert_cmd::Command::cargo_bin("azegress")
        .unwrap()
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .args(["gate", &f, "--no-lints", "--admin-rules", &other])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("`vnet-other`") && err.contains("vnet-spoke"),
        "{err}"
    );
    // diff: the network manager's new Deny is a change the NSG files do not show
    let (code, out) = run(&[
        "diff",
        "--before",
        &f,
        "--after",
        &f,
        "--admin-rules-after",
        &deny,
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{out}");
    let d: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        d["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["effect"] == "newly blocks" && c["port"] == 8443 && c["vm"] == "vm-app-01"),
        "{out}"
    );
}

/// Network manager resources among `--resources` / `gate` inputs (issue 18 §2): a rule collection's
/// `appliesToGroups` and the groups' static members decide which VNets its rules apply to (§10.2). A VNet
/// that is a static member gets the rules, with the deployment and dynamic-membership assumptions listed
/// (`--strict`: inconclusive); a group with no static member among the inputs gets its members from Azure
/// Policy, so its rules may apply to any VNet: unknown, naming the group; a VNet the groups do not name is
/// untouched; the VNet's effective rules, when given, take the place of all of it.
#[test]
fn network_manager_resources_apply_their_rules_to_the_vnets_of_their_groups() {
    let base = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-avnm/providers/Microsoft.Network/networkManagers/avnm";
    let vnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks";
    let rule: serde_json::Value = {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{D}/deny-8443.json")).unwrap())
                .unwrap();
        let mut r = v["value"][0].clone();
        r["type"] =
            "Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules"
                .into();
        r["name"] = "deny-8443".into();
        r
    };
    let collection = serde_json::json!({
        "id": format!("{base}/securityAdminConfigurations/org/ruleCollections/backup"),
        "name": "backup",
        "type": "Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections",
        "properties": {"appliesToGroups": [{"networkGroupId": format!("{base}/networkGroups/spokes")}]}
    });
    let member = |vnet: &str| {
        serde_json::json!({
            "id": format!("{base}/networkGroups/spokes/staticMembers/{vnet}"),
            "name": vnet,
            "type": "Microsoft.Network/networkManagers/networkGroups/staticMembers",
            "properties": {"resourceId": format!("{vnet_id}/{vnet}")}
        })
    };
    let write = |extra: Vec<serde_json::Value>| {
        let mut v: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string("examples/resource-graph/resources.json").unwrap(),
        )
        .unwrap();
        let rows = v["data"].as_array_mut().unwrap();
        for r in rows.iter_mut() {
            if r["name"] == "nsg-snet-app" {
                r["properties"]["securityRules"]
                    .as_array_mut()
                    .unwrap()
                    .retain(|x| x["name"] != "Deny-Internet-Out");
            }
        }
        rows.extend(extra);
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("resources.json");
        std::fs::write(&f, v.to_string()).unwrap();
        (dir, f.to_string_lossy().into_owned())
    };
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("azegress")
            .unwrap()
            .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let check = |f: &str, extra: &[&str]| {
        let mut a = vec![
            "check",
            "--resources",
            f,
            "--vm",
            "vm-app-01",
            "--format",
            "json",
        ];
        a.extend(extra);
        run(&a)
    };
    // the VM's VNet is a static member: the admin Deny blocks, the assumptions listed
    let (_d, f) = write(vec![rule.clone(), collection.clone(), member("vnet-spoke")]);
    let (code, json) = check(&f, &[]);
    assert_eq!(code, 1, "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["flows"][0]["blocked_by"]["hop"], "admin", "{json}");
    assert!(json.contains("AZE0325"), "{json}");
    assert_eq!(run(&["gate", &f, "--no-lints"]).0, 1);
    // --strict makes an allowed verdict that rests on an assumption inconclusive; this one is blocked, and
    // the assumption it rests on is listed with it
    let (code, json) = check(&f, &["--strict"]);
    assert_eq!(code, 1, "{json}");
    assert!(json.contains("AZE0325"), "{json}");
    // the effective rules of the VNet, when given, replace what the resources say (here: none apply)
    let empty = format!("{D}/NetworkManagerEffectiveSecurityAdminRulesList.body.json");
    let (code, json) = check(&f, &["--admin-rules", &empty]);
    assert_eq!(code, 0, "{json}");
    // only another VNet is a member: the rule does not touch this one
    let (_d, f) = write(vec![rule.clone(), collection.clone(), member("vnet-other")]);
    let (code, json) = check(&f, &[]);
    assert_eq!(code, 0, "{json}");
    assert!(!json.contains("security admin rule"), "{json}");
    // no static member among the inputs: membership by Azure Policy may include this VNet — unknown
    let (_d, f) = write(vec![rule.clone(), collection.clone()]);
    let (code, json) = check(&f, &[]);
    assert_eq!(code, 3, "{json}");
    assert!(
        json.contains("network group `avnm/spokes` has no static member among the inputs"),
        "{json}"
    );
    // the collection is not among the inputs: which VNets it applies to is not known
    let (_d, f) = write(vec![rule.clone()]);
    let (code, json) = check(&f, &[]);
    assert_eq!(code, 3, "{json}");
    assert!(
        json.contains("its rule collection is not among the inputs"),
        "{json}"
    );
}

/// The REST examples' own shapes (tests/data/avnm, Azure/azure-rest-api-specs 2024-05-01): the rule, its
/// collection and a static member, read as az/REST output. As published they do not join — the
/// collection's id says `networkManager/` (singular) and names group `testGroup`, the member sits in
/// `testNetworkGroup` — so the rule's reach is unknown and said to be. With those two slips corrected, the
/// member's VNet pointed at the VM's and the rule turned into an outbound Deny of 8443, it blocks.
#[test]
fn rest_example_shapes_of_network_manager_resources() {
    let body = |f: &str| -> serde_json::Value {
        let v: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("tests/data/avnm/{f}.json")).unwrap(),
        )
        .unwrap();
        v["responses"]["200"]["body"].clone()
    };
    let (rule, collection, member) = (
        body("NetworkManagerAdminRulePut"),
        body("NetworkManagerAdminRuleCollectionPut"),
        body("NetworkManagerStaticMemberPut"),
    );
    let write = |extra: Vec<serde_json::Value>| {
        let mut v: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string("examples/resource-graph/resources.json").unwrap(),
        )
        .unwrap();
        let rows = v["data"].as_array_mut().unwrap();
        for r in rows.iter_mut() {
            if r["name"] == "nsg-snet-app" {
                r["properties"]["securityRules"]
                    .as_array_mut()
                    .unwrap()
                    .retain(|x| x["name"] != "Deny-Internet-Out");
            }
        }
        rows.extend(extra);
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("resources.json");
        std::fs::write(&f, v.to_string()).unwrap();
        (dir, f.to_string_lossy().into_owned())
    };
    let check = |f: &str| {
        let out = assert_cmd::Command::cargo_bin("azegress")
            .unwrap()
            .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
            .args([
                "check",
                "--resources",
                f,
                "--vm",
                "vm-app-01",
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    // as published: the rule (Inbound Deny 22) — its collection does not join, so its reach is unknown, but
    // it is inbound and cannot touch egress: the path is decided without it
    let (_d, f) = write(vec![rule.clone(), collection.clone(), member.clone()]);
    let (code, json) = check(&f);
    assert_eq!(code, 0, "{json}");
    // the same rule turned outbound on 8443: as published, unknown, naming why
    let mut out_rule = rule.clone();
    out_rule["properties"]["direction"] = "Outbound".into();
    out_rule["properties"]["destinationPortRanges"] = serde_json::json!(["8443"]);
    out_rule["properties"]["sources"] =
        serde_json::json!([{"addressPrefix": "*", "addressPrefixType": "IPPrefix"}]);
    let (_d, f) = write(vec![out_rule.clone(), collection.clone(), member.clone()]);
    let (code, json) = check(&f);
    assert_eq!(code, 3, "{json}");
    assert!(
        json.contains("security admin rule `SampleAdminRule`"),
        "{json}"
    );
    // the example's two slips corrected and its member pointed at the VM's VNet: the Deny applies
    let mut c = collection.clone();
    c["id"] = c["id"]
        .as_str()
        .unwrap()
        .replace("/networkManager/", "/networkManagers/")
        .into();
    let mut m = member.clone();
    m["id"] = m["id"]
        .as_str()
        .unwrap()
        .replace(
            "/networkGroups/testNetworkGroup/",
            "/networkGroups/testGroup/",
        )
        .into();
    m["properties"]["resourceId"] = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke".into();
    let (_d, f) = write(vec![out_rule, c, m]);
    let (code, json) = check(&f);
    assert_eq!(code, 1, "{json}");
    assert!(json.contains("AZE0325"), "{json}");
}

/// The Azure Verified Module for Virtual Network Manager as it is deployed (its compiled `main.json`, nested
/// deployments and copy loops over its parameters; tests/data/avnm/avm, with a parameters file in the shape of
/// the module's own e2e test): the admin Deny of its rule collection reaches the VM whose VNet is the
/// group's static member, before the NSGs (§10.2); pointed at another VNet, it does not.
#[test]
fn the_verified_module_for_network_manager_applies_its_admin_rules() {
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("examples/resource-graph/resources.json").unwrap(),
    )
    .unwrap();
    for r in v["data"].as_array_mut().unwrap() {
        if r["name"] == "nsg-snet-app" {
            r["properties"]["securityRules"]
                .as_array_mut()
                .unwrap()
                .retain(|x| x["name"] != "Deny-Internet-Out");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let res = dir.path().join("resources.json");
    std::fs::write(&res, v.to_string()).unwrap();
    let res = res.to_string_lossy().into_owned();
    let gate = |params: &str| {
        let out = assert_cmd::Command::cargo_bin("azegress")
            .unwrap()
            .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
            .args([
                "gate",
                &res,
                "tests/data/avnm/avm/network-manager.main.json",
                "--parameters",
                params,
                "--no-lints",
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let params = "tests/data/avnm/avm/network-manager.params.json";
    let (code, json) = gate(params);
    assert_eq!(code, 1, "{json}");
    assert!(
        json.contains(
            "security admin rule `deny-8443` (network manager `avnm`, configuration `org`)"
        ),
        "{json}"
    );
    // the group's member is another VNet: the VM's path is the NSGs' alone
    let other = dir.path().join("params.json");
    std::fs::write(
        &other,
        std::fs::read_to_string(params)
            .unwrap()
            .replace("virtualNetworks/vnet-spoke", "virtualNetworks/vnet-other"),
    )
    .unwrap();
    let (code, json) = gate(&other.to_string_lossy());
    assert_eq!(code, 0, "{json}");
}
