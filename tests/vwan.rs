//! Issue 30 §4: Virtual WAN. A VNet connected to a virtual hub takes the routes the hub sends it: the
//! associated hub route table's, or the routing intent's, which replaces them; 0.0.0.0/0 only where the
//! connection has internet security enabled; the subnet's own user routes still win at equal prefix, and a
//! route table that does not propagate gateway routes gets none (azure-semantics.md §11.1–§11.4, §11.10).
//! What the inputs do not hold about the hub makes the verdict inconclusive, never REACHABLE.
//!
//! Real files: the Azure quickstart "Secured virtual hubs" template (`examples/virtual-wan-secured-hub/azuredeploy.json`,
//! Azure/azure-quickstart-templates, MIT) and a Terraform module written for these tests after the provider's
//! documented shapes (`examples/virtual-wan-secured-hub/terraform/`). The export-shaped cases are generated here.

use assert_cmd::Command;
use serde_json::{Value, json};

fn azegress() -> Command {
    let mut c = Command::cargo_bin("azegress").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("AZEGRESS_CACHE_DIR", "/nonexistent-azegress-cache")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "250");
    c
}

/// Runs `azegress args`, asserts the exit code, returns stdout and stderr together.
fn run(args: &[&str], code: i32) -> String {
    let out = azegress().args(args).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(code), "args {args:?}\n{text}");
    // the report's words are wrapped to the terminal: compare them unwrapped
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

const QS: &str = "examples/virtual-wan-secured-hub/azuredeploy.json";
const TF: &str = "examples/virtual-wan-secured-hub/terraform";

/// §11.2 and §11.4, first row: the quickstart's workload subnet has no route table; its VNet's connection
/// (internet security enabled) is associated with `RT_VNet`, whose 0.0.0.0/0 goes to the hub firewall
/// `AzfwTest`, whose policy allows only `*.microsoft.com` on 80/443. Azure blocks storage on 8443: so must
/// we (it once said REACHABLE via the system route).
#[test]
fn quickstart_secured_hub_blocks_the_workload_vm_at_the_hub_firewall() {
    let t = run(
        &[
            "check",
            "--resources",
            QS,
            "--vm",
            "Workload-Srv",
            "--region",
            "westeurope",
        ],
        1,
    );
    assert!(t.contains("Hub-01/RT_VNet/InternetToFirewall"), "{t}");
    assert!(t.contains("denied by firewall `AzfwTest`"), "{t}");
    assert!(t.contains("AZE0340"), "{t}");
    // the route to the spoke's own subnet is not programmed into the spoke (§11.2): named, not used
    assert!(
        t.contains("AZE0345") && t.contains("Workload-SNToFirewall"),
        "{t}"
    );
    // the firewall is found by the id the hub route names, no IP needed
    assert!(!t.contains("AZE0305"), "{t}");
}

/// §11.4, third row: the jump subnet's user route 0.0.0.0/0 → Internet beats the hub's default route at the
/// same prefix, so the hub firewall is bypassed and the VM reaches storage.
#[test]
fn quickstart_jump_subnet_udr_to_internet_bypasses_the_hub_firewall() {
    let t = run(
        &[
            "check",
            "--resources",
            QS,
            "--vm",
            "Jump-Srv",
            "--region",
            "westeurope",
        ],
        0,
    );
    assert!(t.contains("route jump-to-inet → Internet"), "{t}");
    assert!(t.contains("overridden for the storage traffic"), "{t}");
}

/// `gate` sees the same: the workload VM fails, the jump VM passes.
#[test]
fn quickstart_gate_fails_the_workload_vm_only() {
    let out = azegress()
        .args(["gate", QS, "--region", "westeurope", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = r["findings"].to_string();
    assert!(f.contains("Workload-Srv") && f.contains("AzfwTest"), "{f}");
    assert!(!f.contains("VM `Jump-Srv`: TCP"), "{f}");
}

/// The issue's Terraform case: `azurerm_virtual_hub_connection` with `internet_security_enabled = true`
/// associated with a hub route table sending 0.0.0.0/0 to the `AZFW_Hub` firewall: BLOCKED, naming it.
#[test]
fn terraform_secured_hub_blocks_at_the_hub_firewall() {
    let t = run(&["check", "--resources", TF, "--vm", "workload-vm"], 1);
    assert!(t.contains("hub-weu/rt-spokes/internet-to-firewall"), "{t}");
    assert!(t.contains("denied by firewall `azfw-hub`"), "{t}");
}

/// §11.2 and trap 1: without internet security the spoke does not learn the hub's 0.0.0.0/0, so storage
/// goes out by the system route; the note says the firewall is bypassed.
#[test]
fn terraform_connection_without_internet_security_learns_no_default_route() {
    let t = run(
        &[
            "check",
            "--resources",
            TF,
            "--vm",
            "workload-vm",
            "--var",
            "internet_security=false",
        ],
        0,
    );
    assert!(t.contains("AZE0342"), "{t}");
    assert!(t.contains("does not learn the hub's 0.0.0.0/0"), "{t}");
}

/// `fix --option firewall` changes the hub firewall's policy, and the re-check proves it.
#[test]
fn terraform_secured_hub_fix_adds_the_rule_to_the_hub_policy() {
    let t = run(
        &[
            "fix",
            "--resources",
            TF,
            "--vm",
            "workload-vm",
            "--option",
            "firewall",
            "--emit",
            "terraform",
        ],
        0,
    );
    assert!(t.contains("policy `fwpol-hub`"), "{t}");
    assert!(t.contains("re-check: 8443/tcp allowed — REACHABLE"), "{t}");
}

/// An export-shaped tenant: VM, NIC, spoke VNet and subnet, and whatever hub resources `hub` adds.
fn tenant(hub: Vec<Value>, subnet_props: Value) -> Vec<Value> {
    let mut v = vec![
        json!({"type": "Microsoft.Compute/virtualMachines", "name": "vm1", "location": "westeurope",
               "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
               "properties": {"networkProfile": {"networkInterfaces": [
                   {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic1"}]}}}),
        json!({"type": "Microsoft.Network/networkInterfaces", "name": "nic1", "location": "westeurope",
               "properties": {"ipConfigurations": [{"name": "ipconfig1", "properties": {
                   "primary": true, "privateIPAddress": "10.20.1.4",
                   "subnet": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke/subnets/app"}}}]}}),
        json!({"type": "Microsoft.Network/virtualNetworks", "name": "spoke", "location": "westeurope",
               "properties": {"addressSpace": {"addressPrefixes": ["10.20.0.0/16"]},
                              "subnets": [{"name": "app", "properties": subnet_props}]}}),
    ];
    v.extend(hub);
    v
}

fn hub() -> Value {
    json!({"type": "Microsoft.Network/virtualHubs", "name": "hub1", "location": "westeurope",
           "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualHubs/hub1",
           "properties": {"addressPrefix": "10.100.0.0/23"}})
}

/// As `az network vhub connection list` prints it: name without the hub, the hub in the id.
fn connection(internet_security: Value, table: Option<&str>) -> Value {
    let mut p = json!({
        "remoteVirtualNetwork": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke"},
        "enableInternetSecurity": internet_security,
    });
    if let Some(t) = table {
        p["routingConfiguration"] = json!({"associatedRouteTable": {"id": format!(
            "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualHubs/hub1/hubRouteTables/{t}")}});
    }
    json!({"type": "Microsoft.Network/virtualHubs/hubVirtualNetworkConnections", "name": "spoke-conn",
           "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualHubs/hub1/hubVirtualNetworkConnections/spoke-conn",
           "properties": p})
}

/// The AZFW_Hub firewall (private IP 10.100.0.132, as `hubIPAddresses` gives it) whose policy allows only
/// `*.microsoft.com`.
fn hub_firewall() -> Vec<Value> {
    vec![
        json!({"type": "Microsoft.Network/azureFirewalls", "name": "azfw1", "location": "westeurope",
               "properties": {"sku": {"name": "AZFW_Hub", "tier": "Standard"},
                   "hubIPAddresses": {"privateIPAddress": "10.100.0.132", "publicIPs": {"count": 1}},
                   "virtualHub": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualHubs/hub1"},
                   "firewallPolicy": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/firewallPolicies/pol1"}}}),
        json!({"type": "Microsoft.Network/firewallPolicies", "name": "pol1", "location": "westeurope", "properties": {}}),
        json!({"type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "name": "pol1/apps",
               "properties": {"priority": 300, "ruleCollections": [{
                   "ruleCollectionType": "FirewallPolicyFilterRuleCollection", "name": "msft", "priority": 100,
                   "action": {"type": "Allow"},
                   "rules": [{"ruleType": "ApplicationRule", "name": "msft", "sourceAddresses": ["*"],
                              "protocols": [{"protocolType": "Https", "port": 443}],
                              "targetFqdns": ["*.microsoft.com"]}]}]}}),
    ]
}

fn intent(policies: Value) -> Value {
    json!({"type": "Microsoft.Network/virtualHubs/routingIntent", "name": "hub1_RoutingIntent",
           "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualHubs/hub1/routingIntent/hub1_RoutingIntent",
           "properties": {"routingPolicies": policies}})
}

fn internet_policy() -> Value {
    json!([{"name": "InternetTraffic", "destinations": ["Internet"],
            "nextHop": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/azureFirewalls/azfw1"}])
}

fn check_tenant(resources: &[Value], extra: &[&str], code: i32) -> String {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("tenant.json");
    std::fs::write(&f, serde_json::to_string_pretty(resources).unwrap()).unwrap();
    let p = f.display().to_string();
    let mut args = vec!["check", "--resources", &p, "--vm", "vm1", "--ports", "443"];
    args.extend(extra);
    run(&args, code)
}

/// §11.3: routing intent with an Internet policy sends 0.0.0.0/0 to the hub firewall for a connection with
/// internet security enabled; the firewall decides (here: denies storage).
#[test]
fn routing_intent_internet_policy_sends_storage_to_the_hub_firewall() {
    let mut hubr = vec![
        hub(),
        connection(json!(true), None),
        intent(internet_policy()),
    ];
    hubr.extend(hub_firewall());
    let t = check_tenant(&tenant(hubr, json!({})), &[], 1);
    assert!(
        t.contains("hub1/hub1_RoutingIntent/InternetTraffic (routing intent)"),
        "{t}"
    );
    assert!(t.contains("denied by firewall `azfw1`"), "{t}");
}

/// §11.3 and trap 1: "with false it does not learn 0/0 even if Internet Routing Policies are configured".
#[test]
fn routing_intent_without_internet_security_leaves_the_system_route() {
    let mut hubr = vec![
        hub(),
        connection(json!(false), None),
        intent(internet_policy()),
    ];
    hubr.extend(hub_firewall());
    let t = check_tenant(&tenant(hubr, json!({})), &[], 0);
    assert!(t.contains("AZE0342"), "{t}");
}

/// §11.3: routing intent replaces the route tables: a connection associated with a table that holds no
/// default route still gets the intent's 0.0.0.0/0.
#[test]
fn routing_intent_replaces_the_associated_route_table() {
    let table = json!({"type": "Microsoft.Network/virtualHubs/hubRouteTables", "name": "hub1/rt-empty",
                       "properties": {"routes": []}});
    let mut hubr = vec![
        hub(),
        connection(json!(true), Some("rt-empty")),
        table,
        intent(internet_policy()),
    ];
    hubr.extend(hub_firewall());
    check_tenant(&tenant(hubr, json!({})), &[], 1);
}

/// §11.5: a spoke UDR 0.0.0.0/0 → VirtualAppliance at the hub firewall's `hubIPAddresses.privateIPAddress`
/// finds that firewall by its IP.
#[test]
fn a_udr_to_the_hub_firewall_ip_finds_the_hub_firewall() {
    let rt = json!({"type": "Microsoft.Network/routeTables", "name": "rt-app", "location": "westeurope",
                    "properties": {"disableBgpRoutePropagation": true, "routes": [
                        {"name": "default-to-hub-fw", "properties": {"addressPrefix": "0.0.0.0/0",
                         "nextHopType": "VirtualAppliance", "nextHopIpAddress": "10.100.0.132"}}]}});
    let mut hubr = vec![rt];
    hubr.extend(hub_firewall());
    let t = check_tenant(
        &tenant(
            hubr,
            json!({"routeTable": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt-app"}}),
        ),
        &[],
        1,
    );
    assert!(t.contains("denied by firewall `azfw1`"), "{t}");
}

/// §11.4 and trap 3: a subnet route table with `disableBgpRoutePropagation: true` gets no hub route, so the
/// hub's default route to the firewall does not apply; said so.
#[test]
fn a_table_that_does_not_propagate_gateway_routes_gets_no_hub_route() {
    let rt = json!({"type": "Microsoft.Network/routeTables", "name": "rt-app", "location": "westeurope",
                    "properties": {"disableBgpRoutePropagation": true, "routes": []}});
    let mut hubr = vec![
        hub(),
        connection(json!(true), None),
        intent(internet_policy()),
        rt,
    ];
    hubr.extend(hub_firewall());
    let t = check_tenant(
        &tenant(
            hubr,
            json!({"routeTable": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt-app"}}),
        ),
        &[],
        0,
    );
    assert!(t.contains("AZE0343"), "{t}");
}

/// Issue 30 §4: a VNet connected to a hub whose routing is not among the inputs is inconclusive, never
/// REACHABLE — unless the connection cannot learn a default route at all (internet security off).
#[test]
fn a_hub_not_among_the_inputs_is_inconclusive() {
    let t = check_tenant(
        &tenant(vec![connection(json!(true), None)], json!({})),
        &[],
        3,
    );
    assert!(t.contains("AZE0341"), "{t}");
    check_tenant(
        &tenant(vec![connection(json!(false), None)], json!({})),
        &[],
        0,
    );
}

/// A connection associated with a custom hub route table that is not among the inputs: inconclusive.
#[test]
fn an_associated_table_not_among_the_inputs_is_inconclusive() {
    let t = check_tenant(
        &tenant(
            vec![hub(), connection(json!(true), Some("rt-custom"))],
            json!({}),
        ),
        &[],
        3,
    );
    assert!(t.contains("rt-custom"), "{t}");
}

/// The hub's defaultRouteTable not among the inputs is assumed empty (listed); `--strict` makes the verdict
/// inconclusive.
#[test]
fn a_missing_default_route_table_is_an_assumption() {
    let t = check_tenant(
        &tenant(vec![hub(), connection(json!(true), None)], json!({})),
        &[],
        0,
    );
    assert!(t.contains("AZE0344"), "{t}");
    check_tenant(
        &tenant(vec![hub(), connection(json!(true), None)], json!({})),
        &["--strict"],
        3,
    );
}

/// A Terraform module: the default route written as `azurerm_virtual_hub_route_table_route` on the hub's
/// `default_route_table_id`, the connection naming no table (so the defaultRouteTable), and a routing-intent
/// variant. Both send storage to the hub firewall.
#[test]
fn terraform_default_table_route_and_routing_intent() {
    let base = std::fs::read_to_string(format!("{TF}/main.tf")).unwrap();
    // drop the custom table and the connection's routing block: the connection uses defaultRouteTable
    let cut = |s: &str, from: &str, to: &str| -> String {
        let a = s.find(from).unwrap();
        let b = a + s[a..].find(to).unwrap() + to.len();
        format!("{}{}", &s[..a], &s[b..])
    };
    let plain = cut(
        &cut(
            &base,
            "resource \"azurerm_virtual_hub_route_table\" \"spokes\"",
            "\n}\n",
        ),
        "  routing {",
        "  }\n",
    );
    for (name, extra, code) in [
        (
            "default-route",
            r#"
resource "azurerm_virtual_hub_route_table_route" "default" {
  route_table_id    = azurerm_virtual_hub.hub.default_route_table_id
  name              = "default-to-fw"
  destinations_type = "CIDR"
  destinations      = ["0.0.0.0/0"]
  next_hop_type     = "ResourceId"
  next_hop          = azurerm_firewall.hub.id
}
"#,
            1,
        ),
        (
            "intent",
            r#"
resource "azurerm_virtual_hub_routing_intent" "intent" {
  name           = "hub-weu-intent"
  virtual_hub_id = azurerm_virtual_hub.hub.id
  routing_policy {
    name         = "InternetTraffic"
    destinations = ["Internet"]
    next_hop     = azurerm_firewall.hub.id
  }
}
"#,
            1,
        ),
        // no route and no intent: the defaultRouteTable given by the module holds nothing
        ("none", "", 0),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("main.tf"), format!("{plain}{extra}")).unwrap();
        let p = dir.path().display().to_string();
        let t = run(&["check", "--resources", &p, "--vm", "workload-vm"], code);
        if code == 1 {
            assert!(t.contains("denied by firewall `azfw-hub`"), "{name}: {t}");
        }
    }
}

/// A connection whose internet security is a variable without a value: whether the spoke learns the
/// hub's default route is not known, and it changes the verdict, so the run is inconclusive.
#[test]
fn terraform_internet_security_unknown_is_inconclusive() {
    let base = std::fs::read_to_string(format!("{TF}/main.tf")).unwrap();
    let t = base.replace("  type    = bool\n  default = true\n", "  type = bool\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), t).unwrap();
    let p = dir.path().display().to_string();
    let out = run(&["check", "--resources", &p, "--vm", "workload-vm"], 3);
    assert!(out.contains("internet security"), "{out}");
}
