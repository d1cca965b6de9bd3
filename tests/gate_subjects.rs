//! `gate` never passes on what it did not check (issue 19): every NSG, subnet and VM the inputs hold is
//! gated, a VM's own disks choose its ports, nothing to gate is inconclusive, and a file written on one line
//! gives exactly the results of the same file pretty-printed.
//! Reference: azure-semantics.md §1 (NSG evaluation: NIC then subnet outbound, default rules), §3 (the
//! backup ports: 8443 for managed disks, 443 for disks in a storage account).

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const RG: &str = "examples/resource-graph/resources.json";

fn azegress(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100") // the width these tests were written for (a pipe is 80 since issue 32)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn gate_json(args: &[&str]) -> (i32, Value) {
    let mut a = vec!["gate"];
    a.extend(args);
    a.extend(["--format", "json"]);
    let (code, out, err) = azegress(&a);
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}")),
    )
}

fn outcomes(v: &Value) -> Vec<&Value> {
    v["outcomes"].as_array().unwrap().iter().collect()
}

/// A repository of NSG templates and exports without a VM, some blocking and some not: each NSG is gated
/// as a VM behind it alone, with the verdict `check --nic-nsg FILE` gives, in every output.
#[test]
fn a_directory_of_nsgs_without_vms_gates_each_nsg_as_check_does() {
    let dir = tempfile::tempdir().unwrap();
    for (from, to) in [
        ("examples/deny-all-outbound/nic-nsg.json", "deny-all.json"),
        // `az network nsg show` output written without its `type`: still an NSG
        (
            "examples/subnet-only-blocks/subnet-nsg.json",
            "deny-internet.json",
        ),
        (
            "tests/data/templates/avm/network-security-group.main.json",
            "avm-nsg.json",
        ),
    ] {
        std::fs::copy(from, dir.path().join(to)).unwrap();
    }
    // the fixed NSG of the same VM, under a name of its own
    let fixed = std::fs::read_to_string("examples/deny-all-outbound-fixed/nic-nsg.json")
        .unwrap()
        .replacen("\"vm1-nic-nsg\"", "\"vm1-nic-nsg-fixed\"", 1);
    std::fs::write(dir.path().join("fixed.json"), fixed).unwrap();
    // a file that holds no resource is named, not silently passed over
    std::fs::write(
        dir.path().join("notes.json"),
        "{\"owner\": \"platform team\"}",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, v) = gate_json(&[d, "--region", "koreacentral", "--no-lints"]);
    assert_eq!(code, 1, "{v:#}");
    assert_eq!(
        (v["vms"].as_u64(), v["nsgs_without_vms"].as_u64()),
        (Some(0), Some(4))
    );
    for o in outcomes(&v) {
        assert_eq!(o["subject"], "nsg");
        let nsg = o["vm"].as_str().unwrap();
        let file = [
            "deny-all.json",
            "deny-internet.json",
            "fixed.json",
            "avm-nsg.json",
        ]
        .iter()
        .map(|f| dir.path().join(f))
        .find(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .contains(&format!("\"{nsg}\""))
        })
        .unwrap_or_else(|| panic!("no file holds `{nsg}`"));
        let (c, out, err) = azegress(&[
            "check",
            "--nic-nsg",
            file.to_str().unwrap(),
            "--region",
            "koreacentral",
            "--disks",
            "managed",
            "--format",
            "json",
        ]);
        let chk: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}{err}"));
        let want = match chk["verdict"].as_str().unwrap() {
            "reachable" => "pass",
            "unknown" => "unknown",
            _ => "fail",
        };
        assert_eq!(
            o["status"], want,
            "`{nsg}`: gate {o:#} vs check (exit {c}) {out}"
        );
    }
    let statuses: Vec<&str> = outcomes(&v)
        .iter()
        .map(|o| o["status"].as_str().unwrap())
        .collect();
    assert!(
        statuses.contains(&"fail") && statuses.contains(&"pass"),
        "{statuses:?}"
    );
    // the failing NSG is a finding at its deciding rule, in every output
    let (_, table, _) = azegress(&["gate", d, "--region", "koreacentral", "--no-lints"]);
    assert!(table.contains("0 VM(s), 4 NSG(s) without a VM"), "{table}");
    assert!(
        table.contains("warning[AZE0629]: no resource gate reads in")
            && table.contains("notes.json"),
        "{table}"
    );
    assert!(
        table.contains("NSG `vm1-nic-nsg` (no VM in the inputs): TCP 8443 to Storage.KoreaCentral denied by securityRules/Deny-All-Outbound"),
        "{table}"
    );
    let (_, sarif, _) = azegress(&[
        "gate",
        d,
        "--region",
        "koreacentral",
        "--no-lints",
        "--format",
        "sarif",
    ]);
    let s: Value = serde_json::from_str(&sarif).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string("tests/data/schemas/sarif-schema-2.1.0.json").unwrap(),
    )
    .unwrap();
    assert!(jsonschema::draft4::new(&schema).unwrap().is_valid(&s));
    let r = s["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["message"]["text"]
                .as_str()
                .unwrap()
                .contains("vm1-nic-nsg")
        })
        .unwrap();
    assert!(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("deny-all.json")
    );
    let (_, junit, _) = azegress(&[
        "gate",
        d,
        "--region",
        "koreacentral",
        "--no-lints",
        "--format",
        "junit",
    ]);
    assert_eq!(junit.matches("<testcase ").count(), 4, "{junit}");
    let (_, md, _) = azegress(&[
        "gate",
        d,
        "--region",
        "koreacentral",
        "--no-lints",
        "--format",
        "markdown",
    ]);
    assert!(
        md.contains("4 NSG(s) without a VM") && md.contains("vm1-nic-nsg"),
        "{md}"
    );
}

/// The Resource Graph example without its VM: the NIC alone stands for the VM it names (an `az network nic
/// list` export); without the NIC too, the subnet (its NSG and route table) is gated as a VM in it, and the
/// NSG no subnet uses on its own.
#[test]
fn a_nic_only_or_vnet_only_export_is_gated_like_the_vms_it_stands_for() {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(RG).unwrap()).unwrap();
    let (full_code, full) = gate_json(&[RG, "--no-lints"]);
    let rows = v["data"].as_array_mut().unwrap();
    rows.retain(|r| r["type"] != "microsoft.compute/virtualmachines");
    for r in rows.iter_mut() {
        if r["type"] == "microsoft.network/networkinterfaces" {
            r["properties"]["virtualMachine"] = serde_json::json!({"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-app-01"});
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let nics = dir.path().join("nics.json");
    std::fs::write(&nics, v.to_string()).unwrap();
    let (code, g) = gate_json(&[nics.to_str().unwrap(), "--no-lints"]);
    assert_eq!(code, full_code);
    assert_eq!(g["vms"], 1);
    assert_eq!(g["outcomes"][0]["vm"], "vm-app-01");
    assert_eq!(g["outcomes"][0]["status"], full["outcomes"][0]["status"]);
    assert_eq!(g["outcomes"][0]["message"], full["outcomes"][0]["message"]);

    // a real `az network nic list` REST body (cloud-custodian's cassette, tests/data/SOURCES.md): one NIC
    // names VM `cctestvm`, whose subnet is not among the inputs (said, and --strict makes it inconclusive);
    // the other NIC is attached to no VM (said)
    let cassette: Value = serde_json::from_str(
        &std::fs::read_to_string(
            "tests/data/samples/effective/NetworkInterfaceTest.test_find_by_default_routes.json",
        )
        .unwrap(),
    )
    .unwrap();
    let list = dir.path().join("nic-list.json");
    std::fs::write(
        &list,
        cassette["interactions"][0]["response"]["body"]["data"].to_string(),
    )
    .unwrap();
    let (code, g) = gate_json(&[list.to_str().unwrap()]);
    assert_eq!(code, 0, "{g:#}");
    assert_eq!(g["outcomes"][0]["vm"], "cctestvm");
    let notes = g["notes"].to_string();
    assert!(
        notes.contains("AZE0627") && notes.contains("cctestvm"),
        "{notes}"
    );
    assert!(
        notes.contains("AZE0628") && notes.contains("cctestnic"),
        "{notes}"
    );
    let (code, _) = gate_json(&[list.to_str().unwrap(), "--strict"]);
    assert_eq!(code, 3);

    // the VNet with its subnet and the two NSGs, no NIC: the subnet is gated as a VM in it
    let rows = v["data"].as_array_mut().unwrap();
    rows.retain(|r| r["type"] != "microsoft.network/networkinterfaces");
    let vnet = dir.path().join("vnet.json");
    std::fs::write(&vnet, v.to_string()).unwrap();
    let (code, g) = gate_json(&[vnet.to_str().unwrap(), "--no-lints"]);
    assert_eq!(code, 1, "{g:#}");
    assert_eq!(
        (
            g["vms"].as_u64(),
            g["subnets_without_vms"].as_u64(),
            g["nsgs_without_vms"].as_u64()
        ),
        (Some(0), Some(1), Some(1))
    );
    let sub = outcomes(&g)
        .into_iter()
        .find(|o| o["subject"] == "subnet")
        .unwrap();
    assert_eq!(sub["vm"], "vnet-spoke/snet-app");
    assert_eq!(sub["status"], "fail");
    assert!(
        sub["message"].as_str().unwrap().contains("nsg-snet-app"),
        "{sub:#}"
    );
    let nsg = outcomes(&g)
        .into_iter()
        .find(|o| o["subject"] == "nsg")
        .unwrap();
    assert_eq!(nsg["vm"], "nsg-vm-app-01");
}

/// Two VMs behind a subnet NSG that allows only 443 to the Internet: the one whose OS disk is a VHD in a
/// storage account needs 443 only and passes; the managed-disk one needs 8443 and fails there.
#[test]
fn a_vm_s_own_disks_choose_its_ports() {
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(RG).unwrap()).unwrap();
    let rows = v["data"].as_array_mut().unwrap();
    let vm = rows
        .iter()
        .find(|r| r["type"] == "microsoft.compute/virtualmachines")
        .unwrap()
        .clone();
    let nic = rows
        .iter()
        .find(|r| r["type"] == "microsoft.network/networkinterfaces")
        .unwrap()
        .clone();
    for r in rows.iter_mut() {
        if r["type"] == "microsoft.compute/virtualmachines" {
            r["properties"]["storageProfile"] = serde_json::json!({"osType": "Linux", "osDisk": {"managedDisk": {"storageAccountType": "Premium_LRS"}}});
        }
    }
    let mut vm2 = vm;
    vm2["name"] = "vm-vhd-01".into();
    vm2["properties"]["networkProfile"]["networkInterfaces"][0]["id"] =
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/vm-vhd-01-nic".into();
    vm2["properties"]["storageProfile"] = serde_json::json!({"osType": "Linux", "osDisk": {"vhd": {"uri": "https://backupvhds.blob.core.windows.net/vhds/os.vhd"}}});
    let mut nic2 = nic;
    nic2["name"] = "vm-vhd-01-nic".into();
    // no NIC NSG for this one: only the subnet's allows-443-only NSG decides
    nic2["properties"]
        .as_object_mut()
        .unwrap()
        .remove("networkSecurityGroup");
    nic2["properties"]["ipConfigurations"][0]["properties"]["privateIPAddress"] =
        "10.20.1.9".into();
    rows.push(vm2);
    rows.push(nic2);
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("resources.json");
    std::fs::write(&f, v.to_string()).unwrap();
    let (code, g) = gate_json(&[f.to_str().unwrap(), "--no-lints"]);
    assert_eq!(code, 1, "{g:#}");
    let of = |vm: &str| {
        outcomes(&g)
            .into_iter()
            .find(|o| o["vm"] == vm)
            .unwrap()
            .clone()
    };
    let (md, vhd) = (of("vm-app-01"), of("vm-vhd-01"));
    assert_eq!(md["status"], "fail", "{md:#}");
    assert!(md["message"].as_str().unwrap().contains("8443"), "{md:#}");
    assert_eq!(vhd["status"], "pass", "{vhd:#}");
    assert!(vhd["message"].as_str().unwrap().contains("443"), "{vhd:#}");
    assert!(
        !g["notes"].to_string().contains("AZE0624"),
        "both disk kinds are stated"
    );
    // --disks still overrides what the resources say
    let (_, g) = gate_json(&[f.to_str().unwrap(), "--no-lints", "--disks", "managed"]);
    assert_eq!(
        outcomes(&g)
            .into_iter()
            .find(|o| o["vm"] == "vm-vhd-01")
            .unwrap()["status"],
        "fail"
    );
}

/// `diff` of two NSG files without VMs: a rule that newly allows 8443 is a change.
#[test]
fn diff_of_two_nsg_files_shows_what_a_rule_newly_allows() {
    let dir = tempfile::tempdir().unwrap();
    let before: Value = serde_json::from_str(
        &std::fs::read_to_string("examples/deny-all-outbound/nic-nsg.json").unwrap(),
    )
    .unwrap();
    let mut after = before.clone();
    after["properties"]["securityRules"].as_array_mut().unwrap().push(serde_json::json!({
        "name": "Allow-Storage-8443", "properties": {"priority": 300, "direction": "Outbound", "access": "Allow",
        "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "Storage",
        "destinationPortRange": "8443"}}));
    let (b, a) = (
        dir.path().join("before.json"),
        dir.path().join("after.json"),
    );
    std::fs::write(&b, serde_json::to_string_pretty(&before).unwrap()).unwrap();
    std::fs::write(&a, serde_json::to_string_pretty(&after).unwrap()).unwrap();
    let (code, out, err) = azegress(&[
        "diff",
        "--before",
        b.to_str().unwrap(),
        "--after",
        a.to_str().unwrap(),
        "--region",
        "koreacentral",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("this change newly allows azure-vm-backup/backup-storage on 8443 for a VM behind NSG `vm1-nic-nsg`"),
        "{out}"
    );
    let (code, out, _) = azegress(&[
        "diff",
        "--before",
        a.to_str().unwrap(),
        "--after",
        b.to_str().unwrap(),
        "--region",
        "koreacentral",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("newly blocks"), "{out}");
}

/// The gate's results without where they stand (lines and columns differ between layouts).
fn results(v: &Value) -> Value {
    let strip = regex::Regex::new(r"\([^()]*:\d+(:\d+)?\)").unwrap();
    let mut v = v.clone();
    for k in ["outcomes", "findings"] {
        for x in v[k].as_array_mut().unwrap() {
            let o = x.as_object_mut().unwrap();
            o.remove("location");
            o.remove("fingerprint");
            if let Some(m) = o.get("message").and_then(Value::as_str) {
                let m = strip.replace_all(m, "").into_owned();
                o.insert("message".into(), Value::String(m));
            }
        }
    }
    v
}

/// The same inputs written on one line (as `terraform show -json`, REST and most generators write them)
/// give exactly the results of the pretty-printed files.
#[test]
fn one_line_and_pretty_files_give_the_same_results() {
    let dir = tempfile::tempdir().unwrap();
    for (i, f) in [
        RG,
        "tests/data/gate/lint-nsgs.json",
        "tests/data/samples/terraform-plan/ZodiacAE-terraform-azure-main_appgw-with-privateendpoint-plan.json",
        "tests/data/templates/netsec/waf-lab-AzNetSecdeploy.json",
    ]
    .iter()
    .enumerate()
    {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        let (one, pretty) = (
            dir.path().join(format!("{i}-one.json")),
            dir.path().join(format!("{i}-pretty.json")),
        );
        std::fs::write(&one, serde_json::to_string(&v).unwrap()).unwrap();
        std::fs::write(&pretty, serde_json::to_string_pretty(&v).unwrap()).unwrap();
        let (c1, a) = gate_json(&[one.to_str().unwrap(), "--region", "eastus"]);
        let (c2, b) = gate_json(&[pretty.to_str().unwrap(), "--region", "eastus"]);
        assert_eq!(c1, c2, "{f}");
        assert_eq!(results(&a)["outcomes"], results(&b)["outcomes"], "{f}");
        assert_eq!(results(&a)["findings"], results(&b)["findings"], "{f}");
        assert!(!a["outcomes"].as_array().unwrap().is_empty(), "{f}: something is gated");
        // and the one-line file's locations are on line 1, at their own columns
        for x in a["findings"].as_array().unwrap() {
            if let Some(l) = x["location"].as_object() {
                assert_eq!(l["line"], 1, "{x}");
            }
        }
    }
    assert!(Path::new(RG).exists());
}

/// Two Azure Firewalls of one name in one gate run (two resource groups of a tenant, or — here — the bundled
/// examples, three of which hold a firewall `hub-fw`) are two firewalls, each with its own policy: gate reads
/// every one, never stops asking which to pick (exit 2).
#[test]
fn firewalls_of_one_name_in_several_files_are_each_read() {
    let out = assert_cmd::Command::cargo_bin("azegress")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .args(["gate", "examples", "--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let subjects = v["vms"].as_u64().unwrap()
        + v["subnets_without_vms"].as_u64().unwrap()
        + v["nsgs_without_vms"].as_u64().unwrap();
    assert!(subjects >= 10, "{text}");
}

/// A directory holding `terraform.tfstate` files is gated with them: a state is JSON under its own
/// extension (issue 20 §3).
#[test]
fn a_directory_of_state_files_is_gated() {
    let out = assert_cmd::Command::cargo_bin("azegress")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .args(["gate", "tests/data/terraform-state", "--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let v: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{e}: {text}{}", String::from_utf8_lossy(&out.stderr)));
    assert!(v["nsgs_without_vms"].as_u64().unwrap() >= 1, "{text}");
    assert!(text.contains("acceptanceTestSecurityGroup1"), "{text}");
}
