//! ARM template resources: one deployment template holding every change; a resource written back whole
//! (a classic firewall, a subnet) carries what the inputs hold of it.

use super::*;

/// ARM template resources: one template with every change's resources.
pub struct Arm;

/// A change's ARM resources, and a note when the template cannot hold it whole.
pub struct ArmPiece {
    /// The resources.
    pub resources: Vec<Value>,
    /// Why something is left to another language.
    pub note: Option<String>,
}

impl ArmPiece {
    fn one(v: Value) -> Self {
        ArmPiece {
            resources: vec![v],
            note: None,
        }
    }
    fn none() -> Self {
        ArmPiece {
            resources: Vec::new(),
            note: None,
        }
    }
}

impl From<(Vec<Value>, Option<String>)> for ArmPiece {
    fn from((resources, note): (Vec<Value>, Option<String>)) -> Self {
        ArmPiece { resources, note }
    }
}

impl Emitter for Arm {
    type Piece = ArmPiece;
    fn nsg_rule(&self, n: &NewNsgRule) -> ArmPiece {
        ArmPiece::one(nsg(n))
    }
    fn route(&self, r: &NewRoute) -> ArmPiece {
        ArmPiece::one(route(r))
    }
    fn firewall_rules(&self, f: &FwChanges) -> ArmPiece {
        firewall(f).into()
    }
    fn nat_gateway(&self, n: &NewNatGateway) -> ArmPiece {
        nat(n).into()
    }
    fn admin_rule(&self, a: &NewAdminRule) -> ArmPiece {
        ArmPiece::one(admin(a))
    }
    /// squid.conf is the proxy VM's file, not an Azure resource: `--emit file` writes it.
    fn squid_lines(&self, _: &NewSquidLines) -> ArmPiece {
        ArmPiece::none()
    }
    /// The guest's setting is not an Azure resource: `--emit azcli` or `powershell` writes it.
    fn guest_proxy(&self, _: &GuestProxy) -> ArmPiece {
        ArmPiece::none()
    }
    fn finish(&self, pieces: Vec<ArmPiece>) -> String {
        let mut rs: Vec<Value> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        for p in pieces {
            rs.extend(p.resources);
            notes.extend(p.note);
        }
        let mut t = json!({
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "resources": rs
        });
        if !notes.is_empty() {
            t["metadata"] = json!({"azegress": notes.join("; ")});
        }
        serde_json::to_string_pretty(&t).unwrap_or_default() + "\n"
    }
}

fn admin(a: &NewAdminRule) -> Value {
    let item = |s: &str| json!({"addressPrefix": arm(s), "addressPrefixType": admin_type(s)});
    json!({
        "type": "Microsoft.Network/networkManagers/securityAdminConfigurations/ruleCollections/rules",
        "apiVersion": AVNM_API,
        "name": arm(&format!("{}/{}/{}/{}", a.network_manager, a.configuration, a.rule_collection, a.name)),
        "kind": "Custom",
        "properties": {
            "description": arm(&a.description),
            "access": a.access.to_string(),
            "priority": a.priority,
            "direction": "Outbound",
            "protocol": "Tcp",
            "sources": a.sources.iter().map(|s| item(s)).collect::<Vec<_>>(),
            "sourcePortRanges": ["0-65535"],
            "destinations": [item(&a.destination)],
            "destinationPortRanges": admin_ports(a),
        }
    })
}

fn nsg(n: &NewNsgRule) -> Value {
    let mut v = json!({
        "type": "Microsoft.Network/networkSecurityGroups/securityRules",
        "apiVersion": NETWORK_API,
        "name": arm(&format!("{}/{}", n.nsg, n.name)),
        "properties": {
            "description": arm(&n.description),
            "priority": n.priority,
            "direction": "Outbound",
            "access": "Allow",
            "protocol": "Tcp",
            "sourceAddressPrefix": arm(&n.source),
            "sourcePortRange": "*",
            "destinationPortRanges": n.ports.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        }
    });
    // a service tag stands alone in `destinationAddressPrefix`: Azure refuses a tag in the list form
    v["properties"][super::destination_key(&n.destinations)] = match n.destinations.as_slice() {
        [one] => json!(arm(one)),
        many => json!(many.iter().map(|d| arm(d)).collect::<Vec<_>>()),
    };
    v
}

fn route(r: &NewRoute) -> Value {
    json!({
        "type": "Microsoft.Network/routeTables/routes",
        "apiVersion": NETWORK_API,
        "name": arm(&format!("{}/{}", r.table, r.name)),
        "properties": match &r.next_hop_ip {
            Some(ip) => json!({"addressPrefix": arm(&r.prefix), "nextHopType": arm(&r.next_hop), "nextHopIpAddress": arm(ip)}),
            None => json!({"addressPrefix": arm(&r.prefix), "nextHopType": arm(&r.next_hop)}),
        }
    })
}

/// The policy's rule collections (ARM shape).
fn policy_collections(f: &FwChanges) -> Vec<Value> {
    f.items
        .iter()
        .map(|i| match i {
            Item::Net(r) => json!({
                "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                "name": arm(&r.collection),
                "priority": r.collection_priority,
                "action": {"type": "Allow"},
                "rules": [{
                    "ruleType": "NetworkRule",
                    "name": arm(&r.name),
                    "ipProtocols": ["TCP"],
                    "sourceAddresses": r.sources.iter().map(|d| arm(d)).collect::<Vec<_>>(),
                    "destinationAddresses": r.destinations.iter().map(|d| arm(d)).collect::<Vec<_>>(),
                    "destinationPorts": ports(&r.ports),
                }]
            }),
            Item::App(r) => {
                let mut v = json!({
                "ruleCollectionType": "FirewallPolicyFilterRuleCollection",
                "name": arm(&r.collection),
                "priority": r.collection_priority,
                "action": {"type": "Allow"},
                "rules": [{
                    "ruleType": "ApplicationRule",
                    "name": arm(&r.name),
                    "sourceAddresses": r.sources.iter().map(|d| arm(d)).collect::<Vec<_>>(),
                    "protocols": r.ports.iter().map(|p| json!({"protocolType": "Https", "port": p})).collect::<Vec<_>>(),
                }]
            });
                app_targets(r, &mut v["rules"][0], false);
                v
            }
        })
        .collect()
}

/// ARM template resources, and a note when a classic firewall cannot be written back.
fn firewall(f: &FwChanges) -> (Vec<Value>, Option<String>) {
    match f.policy {
        Some(p) => (
            vec![json!({
                "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
                "apiVersion": NETWORK_API,
                "name": arm(&format!("{p}/{}", f.group)),
                "properties": {
                    "priority": f.group_priority,
                    "ruleCollections": policy_collections(f)
                }
            })],
            None,
        ),
        None => match classic_resource(f) {
            Some(r) => (vec![Value::Object(r)], None),
            None => (
                Vec::new(),
                Some(format!(
                    "a classic Azure Firewall's rules are a property of the firewall resource, and `{}` is not among the inputs \
                     whole: add the rule collections shown by --emit azcli or terraform to it",
                    note(f.firewall)
                )),
            ),
        },
    }
}

/// ARM template resources (the public IP, the gateway, and the subnet written back with it).
fn nat(n: &NewNatGateway) -> (Vec<Value>, Option<String>) {
    let (_, vnet, snet) = names(n);
    let pip_id = format!(
        "[resourceId('Microsoft.Network/publicIPAddresses', '{}')]",
        n.public_ip.replace('\'', "''")
    );
    let nat_id = format!(
        "[resourceId('Microsoft.Network/natGateways', '{}')]",
        n.name.replace('\'', "''")
    );
    let mut out = vec![
        json!({
            "type": "Microsoft.Network/publicIPAddresses",
            "apiVersion": NETWORK_API,
            "name": arm(&n.public_ip),
            "location": arm(&n.location),
            "sku": {"name": "Standard", "tier": "Regional"},
            "properties": {"publicIPAllocationMethod": "Static", "publicIPAddressVersion": "IPv4"}
        }),
        json!({
            "type": "Microsoft.Network/natGateways",
            "apiVersion": NETWORK_API,
            "name": arm(&n.name),
            "location": arm(&n.location),
            "sku": {"name": "Standard"},
            "dependsOn": [pip_id],
            "properties": {
                "idleTimeoutInMinutes": IDLE_TIMEOUT,
                "publicIpAddresses": [{"id": pip_id}]
            }
        }),
    ];
    let Some(props) = subnet_properties(n, Value::String(nat_id.clone())) else {
        return (
            out,
            Some(format!(
                "the properties of subnet `{}` are not among the inputs, and a subnet written back without them loses its NSG \
                 and routes: associate the NAT gateway with --emit azcli, powershell or terraform",
                note(&n.subnet)
            )),
        );
    };
    let mut props = arm_value(&Value::Object(props));
    // the NAT gateway's id is an expression, not a literal to escape
    props["natGateway"]["id"] = Value::String(nat_id.clone());
    out.push(json!({
        "type": "Microsoft.Network/virtualNetworks/subnets",
        "apiVersion": NETWORK_API,
        "name": arm(&format!("{vnet}/{snet}")),
        "comments": "the subnet written back whole, as the inputs hold it, with natGateway added: a subnet PUT replaces what it does not state",
        "dependsOn": [nat_id],
        "properties": props
    }));
    (out, None)
}
