//! One VM's path out of a subscription's resources (an Azure Resource Graph export): the NIC, its NSG and
//! IP, the subnet's NSG and route table, the VNet and the region come from the associations the resources
//! state. Reference: azure-semantics.md §1.2 (NIC then subnet NSG for outbound).

use assert_cmd::Command;

fn run(args: &[&str], code: i32) -> (String, String) {
    let out = Command::cargo_bin("azegress")
        .unwrap()
        .env("COLUMNS", "100") // the width these tests were written for (a pipe is 80 since issue 32)
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    let (o, e) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert_eq!(out.status.code(), Some(code), "{args:?}\n{o}\n{e}");
    (o, e)
}

const RES: &str = "examples/resource-graph/resources.json";

#[test]
fn the_vm_path_comes_from_the_resources() {
    let (out, _) = run(
        &[
            "check",
            "--resources",
            RES,
            "--vm",
            "VM-APP-01",
            "--format",
            "json",
        ],
        1,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["region"], "koreacentral");
    let b = &v["flows"][0]["blocked_by"];
    assert_eq!(
        (b["nsg"].as_str(), b["attached_to"].as_str()),
        (Some("nsg-snet-app"), Some("subnet"))
    );
    let hops: Vec<&str> = v["flows"][0]["hops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert_eq!(hops, ["nsg-vm-app-01", "nsg-snet-app"]);
    // the VNet and the VM's IP are known: no assumption about them
    let notes: String = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "assumption")
        .map(|d| d["message"].to_string())
        .collect();
    assert!(
        !notes.contains("no --vnet") && !notes.contains("no --vm-ip"),
        "{notes}"
    );
    assert!(notes.contains("rt-snet-app"), "{notes}");
}

#[test]
fn a_vm_not_in_the_resources_lists_those_that_are() {
    let (_, err) = run(&["check", "--resources", RES, "--vm", "vm-nope"], 2);
    assert!(
        err.contains("no VM named `vm-nope`") && err.contains("vm-app-01"),
        "{err}"
    );
    let (_, err) = run(
        &["check", "--vm", "vm-app-01", "--region", "koreacentral"],
        2,
    );
    assert!(err.contains("--vm needs the resources it is in"), "{err}");
}

#[test]
fn fix_writes_the_export_and_checks_it_again_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("resources.json");
    std::fs::copy(RES, &f).unwrap();
    let (out, _) = run(
        &[
            "fix",
            "--resources",
            &f.to_string_lossy(),
            "--vm",
            "vm-app-01",
            "--option",
            "nsg",
            "--write",
        ],
        0,
    );
    assert!(
        out.contains("NSG `nsg-snet-app` (subnet): add outbound Allow TCP 8443 from 10.20.1.4"),
        "{out}"
    );
    assert!(
        out.contains("resources.fixed.json (written; checked again from disk: REACHABLE)"),
        "{out}"
    );
}
