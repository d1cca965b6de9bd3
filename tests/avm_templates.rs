//! Issue 30 §2: templates from Azure Verified Modules (tests/data/templates/avm/, MIT; sources in
//! tests/data/SOURCES.md). A value a template cannot know offline is never an error for the whole file and
//! never read as empty: what is known is read, and a verdict resting on the unknown is inconclusive.

use assert_cmd::Command;

fn azegress() -> Command {
    let mut c = Command::cargo_bin("azegress").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "250");
    c
}

fn run(args: &[&str], code: i32) -> String {
    let out = azegress().args(args).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(code), "args {args:?}\n{text}");
    text
}

const VM: &str = "tests/data/templates/avm/virtual-machine.main.json";
const FW: &str = "tests/data/templates/avm/azure-firewall.main.json";

/// The VM module's `networkInterfaces` is a copy loop over `nicConfigurations`, a required parameter: without
/// parameters which NICs the VM has is not known offline. Inconclusive (exit 3) naming why — once an input
/// error telling the user to "fix the export" of a template.
#[test]
fn avm_vm_without_parameters_is_inconclusive_not_an_error() {
    let t = run(&["gate", VM, "--region", "westeurope"], 3);
    assert!(
        t.contains("AZE0651") || t.contains("vm-path-unknown"),
        "{t}"
    );
    assert!(t.contains("nicConfigurations"), "{t}");
    assert!(!t.contains("fix the export"), "{t}");
    let t = run(
        &[
            "check",
            "--resources",
            VM,
            "--vm",
            "[parameters('name')]",
            "--region",
            "westeurope",
        ],
        3,
    );
    assert!(t.contains("not known offline"), "{t}");
}

/// With its parameters the VM's NIC comes from the module's nested NIC deployment and joins the subnet an
/// export gives: an NSG there denying storage blocks it.
#[test]
fn avm_vm_with_parameters_joins_the_subnet_of_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let vnet = dir.path().join("vnet.json");
    std::fs::write(
        &vnet,
        r#"[
 {"type": "Microsoft.Network/virtualNetworks", "name": "vnet-spoke", "location": "westeurope",
  "properties": {"addressSpace": {"addressPrefixes": ["10.20.0.0/16"]},
   "subnets": [{"name": "snet-app", "properties": {"addressPrefix": "10.20.1.0/24",
     "networkSecurityGroup": {"id": "/subscriptions/0/resourceGroups/rg-net/providers/Microsoft.Network/networkSecurityGroups/nsg-app"}}}]}},
 {"type": "Microsoft.Network/networkSecurityGroups", "name": "nsg-app", "location": "westeurope",
  "properties": {"securityRules": [{"name": "deny-internet", "properties": {"priority": 100, "direction": "Outbound",
   "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*", "sourcePortRange": "*",
   "destinationAddressPrefix": "Internet", "destinationPortRange": "*"}}]}}
]"#,
    )
    .unwrap();
    let v = vnet.display().to_string();
    let t = run(
        &[
            "gate",
            VM,
            &v,
            "--parameters",
            "tests/data/templates/avm/virtual-machine.parameters.json",
            "--region",
            "westeurope",
        ],
        1,
    );
    assert!(
        t.contains("vm-app-01") && t.contains("deny-internet"),
        "{t}"
    );
}

/// The firewall module writes its whole `properties` as one `if(…)` whose condition is known: read, never an
/// error for the file; the firewall leads nowhere here, and is named so.
#[test]
fn avm_firewall_is_read_and_named_as_taking_no_part() {
    let t = run(&["gate", FW, "--region", "westeurope"], 3);
    assert!(t.contains("AZE0650"), "{t}");
    assert!(t.contains("no route of a gated subject leads to it"), "{t}");
}

/// Issue 30 §2: copies of a loop whose names hold a parameter without a value print their known parts
/// (`[parameters('prefix')]-hub-nsg`), evaluated per copy, so four copies read as four NSGs — once four
/// identical lines naming the raw expression.
#[test]
fn copies_with_an_unknown_name_part_are_told_apart() {
    let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "prefix": { "type": "string" } },
  "variables": { "network-security-groups": [
      { "name": "[concat(parameters('prefix'), '-hub-nsg')]", "port": "3389" },
      { "name": "[concat(parameters('prefix'), '-web-nsg')]", "port": "22" } ] },
  "resources": [ {
      "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "location": "westeurope",
      "name": "[variables('network-security-groups')[copyIndex()].name]",
      "copy": { "name": "nsgs", "count": "[length(variables('network-security-groups'))]" },
      "properties": { "securityRules": [ { "name": "admin-in", "properties": { "priority": 100,
          "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*",
          "sourcePortRange": "*", "destinationAddressPrefix": "*",
          "destinationPortRange": "[variables('network-security-groups')[copyIndex()].port]" } } ] } } ]
}"#;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("nsgs.json");
    std::fs::write(&f, t).unwrap();
    let out = run(&["gate", f.to_str().unwrap(), "--region", "westeurope"], 1);
    assert!(
        out.contains("NSG `[parameters('prefix')]-hub-nsg` rule `admin-in`: allows 3389"),
        "{out}"
    );
    assert!(
        out.contains("NSG `[parameters('prefix')]-web-nsg` rule `admin-in`: allows 22"),
        "{out}"
    );
}

/// Issue 30 §2: a template's `properties` of an NSG, or a VNet's `subnets`, written as one parameter without a
/// value: not an error for the file ("fix the export") but unknown where it could decide — the NSG's rules
/// stand as rules not known offline, the VM in that VNet is inconclusive naming why — and the rest is gated.
#[test]
fn unknown_containers_are_unknown_where_they_decide_never_an_error_for_the_file() {
    let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "nsgProps": { "type": "object" }, "subnets": { "type": "array" } },
  "resources": [
    { "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "nsg-a",
      "location": "westeurope", "properties": "[parameters('nsgProps')]" },
    { "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "nsg-b",
      "location": "westeurope", "properties": { "securityRules": [ { "name": "rdp", "properties": {
        "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*",
        "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "3389" } } ] } },
    { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet-a", "location": "westeurope",
      "properties": { "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] }, "subnets": "[parameters('subnets')]" } },
    { "type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-09-01", "name": "nic-1", "location": "westeurope",
      "properties": { "ipConfigurations": [ { "name": "ip", "properties": {
        "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-a', 'snet-app')]" } } } ] } },
    { "type": "Microsoft.Compute/virtualMachines", "apiVersion": "2023-09-01", "name": "vm-1", "location": "westeurope",
      "properties": { "networkProfile": { "networkInterfaces": [ { "id": "[resourceId('Microsoft.Network/networkInterfaces', 'nic-1')]" } ] } } }
  ]
}"#;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("t.json");
    std::fs::write(&f, t).unwrap();
    // the RDP lint on nsg-b still fails the gate: the rest was read
    let out = run(&["gate", f.to_str().unwrap(), "--region", "westeurope"], 1);
    assert!(!out.contains("fix the export"), "{out}");
    assert!(out.contains("NSG `nsg-b` rule `rdp`"), "{out}");
    assert!(
        out.contains("NSG `nsg-a`") && out.contains("inconclusive"),
        "{out}"
    );
    assert!(
        out.contains("subnets of VNet `vnet-a` are not known offline"),
        "{out}"
    );
    let out = run(
        &[
            "check",
            "--resources",
            f.to_str().unwrap(),
            "--vm",
            "vm-1",
            "--region",
            "westeurope",
        ],
        3,
    );
    assert!(out.contains("parameters('subnets')"), "{out}");
}

/// Issue 30 §4: classic and policy firewalls are never mixed. A classic firewall (no `firewallPolicy`) that a
/// route leads to, beside another firewall with a policy: `fix --option firewall --emit file` adds a classic
/// network rule collection to that firewall's own resource, never to the other's policy, and the re-check
/// proves it (tests/data/graph/, written for this test).
#[test]
fn a_classic_firewall_fix_edits_its_own_collections() {
    let f = "tests/data/graph/classic-firewall-beside-policy-firewall.json";
    let out = run(
        &[
            "fix",
            "--resources",
            f,
            "--vm",
            "vm1",
            "--option",
            "firewall",
            "--emit",
            "file",
        ],
        0,
    );
    assert!(
        out.contains("Azure Firewall `fw-classic`: add network rule"),
        "{out}"
    );
    assert!(
        !out.lines()
            .any(|l| l.starts_with('+') && l.contains("pol-other")),
        "{out}"
    );
    assert!(!out.contains("policy `pol-other`"), "{out}");
    assert!(out.contains("re-check: 8443/tcp allowed"), "{out}");
    // the diff adds a collection to fw-classic's networkRuleCollections
    let added = out
        .lines()
        .find(|l| l.starts_with('+') && l.contains("allow-backup-storage"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        added.contains("\"destinationPorts\": [\"8443\"]"),
        "{added}"
    );
}
