//! Issue 30's graph properties: the join does not depend on the order of resources or on how they are split
//! into files (a property test), and the same topology read from different formats — an ARM template, a
//! resource export and a Terraform configuration — gives the same verdicts (a differential test).
//! The topology is a Virtual WAN secured hub (azure-semantics.md §11.1–§11.3).

use azegress::app::gate::{GateOptions, run_gate};
use azegress::model::gate::Status;
use proptest::prelude::*;
use serde_json::{Value, json};

/// The quickstart "Secured virtual hubs" template (Azure/azure-quickstart-templates, MIT).
const QS: &str = "examples/virtual-wan-secured-hub/azuredeploy.json";

fn path(p: &str) -> String {
    format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))
}

/// (subject, requirement, status, the firewall or route named) of every outcome, sorted.
fn outcomes(inputs: Vec<String>) -> Vec<(String, String, Status, bool)> {
    let o = GateOptions {
        inputs,
        region: Some("westeurope".into()),
        ..Default::default()
    };
    let r = run_gate(&o, &|| {}).unwrap_or_else(|e| panic!("{e}"));
    let mut v: Vec<_> = r
        .outcomes
        .iter()
        .map(|o| {
            (
                o.vm.clone(),
                o.requirement.clone(),
                o.status,
                o.message.contains("firewall `"),
            )
        })
        .collect();
    v.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    v
}

/// The template's resources, evaluated by nothing: they are written with literal names and `resourceId`
/// expressions, which every order must join the same way.
fn template_resources() -> (Value, Vec<Value>) {
    let t: Value = serde_json::from_str(&std::fs::read_to_string(path(QS)).unwrap()).unwrap();
    let res = t["resources"].as_array().unwrap().clone();
    (t, res)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    /// Permuting the resources of the template and splitting them over several templates (each deployed
    /// with the same parameters) never changes a verdict.
    #[test]
    fn resource_order_and_files_never_change_a_verdict(
        keys in prop::collection::vec(any::<u32>(), 20),
        cuts in prop::collection::vec(any::<bool>(), 20),
    ) {
        let (t, res) = template_resources();
        let want = outcomes(vec![path(QS)]);
        let mut order: Vec<(u32, Value)> = res
            .into_iter()
            .enumerate()
            .map(|(i, r)| (keys[i % keys.len()], r))
            .collect();
        order.sort_by_key(|(k, _)| *k);
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        let mut chunk: Vec<Value> = Vec::new();
        let n = order.len();
        for (i, (_, r)) in order.into_iter().enumerate() {
            chunk.push(r);
            if cuts[i % cuts.len()] || i + 1 == n {
                let mut part = t.clone();
                part["resources"] = Value::Array(std::mem::take(&mut chunk));
                let f = dir.path().join(format!("part{i}.json"));
                std::fs::write(&f, serde_json::to_string_pretty(&part).unwrap()).unwrap();
                files.push(f.display().to_string());
            }
        }
        prop_assert_eq!(outcomes(files), want);
    }
}

/// The Terraform secured hub (`examples/virtual-wan-secured-hub/terraform`) written as an ARM template and as an export
/// of the deployed resources (ids, `az … list` names without the hub): all three give the same verdicts —
/// the VM blocked at the hub firewall.
#[test]
fn template_export_and_terraform_give_the_same_verdicts() {
    let rid = |t: &str, n: &str| format!("[resourceId('{t}', {n})]");
    let fw = rid("Microsoft.Network/azureFirewalls", "'azfw-hub'");
    let template = json!({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
            {"type": "Microsoft.Network/virtualHubs", "apiVersion": "2023-09-01", "name": "hub-weu", "location": "westeurope",
             "properties": {"addressPrefix": "10.100.0.0/23"}},
            {"type": "Microsoft.Network/firewallPolicies", "apiVersion": "2023-09-01", "name": "fwpol-hub", "location": "westeurope", "properties": {}},
            {"type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups", "apiVersion": "2023-09-01", "name": "fwpol-hub/apps",
             "properties": {"priority": 300, "ruleCollections": [{"ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                "name": "allow-microsoft", "priority": 100, "action": {"type": "Allow"},
                "rules": [{"ruleType": "ApplicationRule", "name": "msft", "sourceAddresses": ["*"],
                           "protocols": [{"protocolType": "Http", "port": 80}, {"protocolType": "Https", "port": 443}],
                           "targetFqdns": ["*.microsoft.com"]}]}]}},
            {"type": "Microsoft.Network/azureFirewalls", "apiVersion": "2023-09-01", "name": "azfw-hub", "location": "westeurope",
             "properties": {"sku": {"name": "AZFW_Hub", "tier": "Standard"},
                            "virtualHub": {"id": rid("Microsoft.Network/virtualHubs", "'hub-weu'")},
                            "hubIPAddresses": {"publicIPs": {"count": 1}},
                            "firewallPolicy": {"id": rid("Microsoft.Network/firewallPolicies", "'fwpol-hub'")}}},
            {"type": "Microsoft.Network/virtualHubs/hubRouteTables", "apiVersion": "2023-09-01", "name": "hub-weu/rt-spokes",
             "properties": {"labels": ["spokes"], "routes": [
                {"name": "internet-to-firewall", "destinationType": "CIDR", "destinations": ["0.0.0.0/0"], "nextHopType": "ResourceId", "nextHop": fw},
                {"name": "spoke-to-firewall", "destinationType": "CIDR", "destinations": ["10.20.0.0/16"], "nextHopType": "ResourceId", "nextHop": fw}]}},
            {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet-spoke", "location": "westeurope",
             "properties": {"addressSpace": {"addressPrefixes": ["10.20.0.0/16"]},
                            "subnets": [{"name": "snet-workload", "properties": {"addressPrefix": "10.20.1.0/24"}}]}},
            {"type": "Microsoft.Network/virtualHubs/hubVirtualNetworkConnections", "apiVersion": "2023-09-01", "name": "hub-weu/conn-spoke",
             "properties": {"remoteVirtualNetwork": {"id": rid("Microsoft.Network/virtualNetworks", "'vnet-spoke'")},
                            "enableInternetSecurity": true,
                            "routingConfiguration": {"associatedRouteTable": {"id": rid("Microsoft.Network/virtualHubs/hubRouteTables", "'hub-weu', 'rt-spokes'")}}}},
            {"type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-09-01", "name": "nic-workload-vm", "location": "westeurope",
             "properties": {"ipConfigurations": [{"name": "ipconfig", "properties": {"privateIPAddress": "10.20.1.4", "primary": true,
                "subnet": {"id": rid("Microsoft.Network/virtualNetworks/subnets", "'vnet-spoke', 'snet-workload'")}}}]}},
            {"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2023-09-01", "name": "workload-vm", "location": "westeurope",
             "properties": {"storageProfile": {"osDisk": {"managedDisk": {}}},
                            "networkProfile": {"networkInterfaces": [{"id": rid("Microsoft.Network/networkInterfaces", "'nic-workload-vm'")}]}}}
        ]
    });
    // the export: what `az … list` prints for the deployed resources (evaluated ids, children named alone)
    let sub =
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-vwan/providers";
    let mut export: Vec<Value> = Vec::new();
    // resourceId('T', 'a', 'b') → the id, as Azure evaluates it
    let re =
        regex::Regex::new(r#"\[resourceId\('([^']+)', '([^']+)'(?:, '([^']+)')?\)\]"#).unwrap();
    for r in template["resources"].as_array().unwrap() {
        let mut r = r.clone();
        let ty = r["type"].as_str().unwrap().to_string();
        let name = r["name"].as_str().unwrap().to_string();
        let text = serde_json::to_string(&r).unwrap();
        // resourceId('T', 'a', 'b') → the id, as Azure evaluates it
        let text = re.replace_all(&text, |c: &regex::Captures| {
            let t = &c[1];
            let mut segs: Vec<&str> = t.split('/').collect();
            let provider = segs.remove(0);
            let root = segs.remove(0);
            let mut id = format!("{sub}/{provider}/{root}/{}", &c[2]);
            if let (Some(child), Some(n)) = (segs.first(), c.get(3)) {
                id.push_str(&format!("/{child}/{}", n.as_str()));
            }
            id
        });
        r = serde_json::from_str(&text).unwrap();
        let parts: Vec<&str> = ty.split('/').collect();
        let names: Vec<&str> = name.split('/').collect();
        let mut id = format!("{sub}/{}/{}/{}", parts[0], parts[1], names[0]);
        for (t, n) in parts[2..].iter().zip(&names[1..]) {
            id.push_str(&format!("/{t}/{n}"));
        }
        r["id"] = json!(id);
        r["name"] = json!(names.last().unwrap());
        r.as_object_mut().unwrap().remove("apiVersion");
        export.push(r);
    }
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("hub.template.json");
    std::fs::write(&t, serde_json::to_string_pretty(&template).unwrap()).unwrap();
    let e = dir.path().join("hub.export.json");
    std::fs::write(&e, serde_json::to_string_pretty(&export).unwrap()).unwrap();
    let from_template = outcomes(vec![t.display().to_string()]);
    let from_export = outcomes(vec![e.display().to_string()]);
    let from_tf = outcomes(vec![path("examples/virtual-wan-secured-hub/terraform")]);
    assert_eq!(
        from_template,
        vec![(
            "workload-vm".to_string(),
            "backup-storage".to_string(),
            Status::Fail,
            true
        )],
        "{from_template:?}"
    );
    assert_eq!(from_export, from_template);
    assert_eq!(from_tf, from_template);
}
