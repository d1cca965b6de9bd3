//! Bicep resources: the parent NSG, route table, policy or network manager as `existing`, the new child
//! resources under it.

use super::*;

/// Bicep resources.
pub struct Bicep;

impl Emitter for Bicep {
    type Piece = String;
    fn nsg_rule(&self, n: &NewNsgRule) -> String {
        nsg(n)
    }
    fn route(&self, r: &NewRoute) -> String {
        route(r)
    }
    fn firewall_rules(&self, f: &FwChanges) -> String {
        firewall(f)
    }
    fn nat_gateway(&self, n: &NewNatGateway) -> String {
        nat(n)
    }
    fn admin_rule(&self, a: &NewAdminRule) -> String {
        admin(a)
    }
    /// squid.conf is the proxy VM's file, not an Azure resource: `--emit file` writes it.
    fn squid_lines(&self, _: &NewSquidLines) -> String {
        String::new()
    }
    /// The guest's setting is not an Azure resource: `--emit azcli` or `powershell` writes it.
    fn guest_proxy(&self, _: &GuestProxy) -> String {
        String::new()
    }
    fn finish(&self, pieces: Vec<String>) -> String {
        join_text("// azegress fix: resources to add to your Bicep\n", pieces)
    }
}

fn nsg(n: &NewNsgRule) -> String {
    let sym = bicep_symbol(&n.nsg);
    let dests: Vec<String> = n.destinations.iter().map(|d| bicep(d)).collect();
    let ports: Vec<String> = n.ports.iter().map(|p| bicep(&p.to_string())).collect();
    // a service tag stands alone in `destinationAddressPrefix`: Azure refuses a tag in the list form
    let dest = match dests.as_slice() {
        [one] => format!("destinationAddressPrefix: {one}"),
        many => format!(
            "destinationAddressPrefixes: [\n      {}\n    ]",
            many.join("\n      ")
        ),
    };
    format!(
        "resource {sym} 'Microsoft.Network/networkSecurityGroups@{NETWORK_API}' existing = {{\n  name: {}\n}}\n\nresource {sym}{rule} 'Microsoft.Network/networkSecurityGroups/securityRules@{NETWORK_API}' = {{\n  parent: {sym}\n  name: {}\n  properties: {{\n    description: {}\n    priority: {}\n    direction: 'Outbound'\n    access: 'Allow'\n    protocol: 'Tcp'\n    sourceAddressPrefix: {}\n    sourcePortRange: '*'\n    {}\n    destinationPortRanges: [\n      {}\n    ]\n  }}\n}}\n",
        bicep(&n.nsg),
        bicep(&n.name),
        bicep(&n.description),
        n.priority,
        bicep(&n.source),
        dest,
        ports.join("\n      "),
        rule = bicep_symbol(&n.name),
    )
}

fn route(r: &NewRoute) -> String {
    format!(
        "resource routeTable 'Microsoft.Network/routeTables@{NETWORK_API}' existing = {{\n  name: {}\n}}\n\nresource backupRoute 'Microsoft.Network/routeTables/routes@{NETWORK_API}' = {{\n  parent: routeTable\n  name: {}\n  properties: {{\n    addressPrefix: {}\n    nextHopType: {}\n{}  }}\n}}\n",
        bicep(&r.table),
        bicep(&r.name),
        bicep(&r.prefix),
        bicep(&r.next_hop),
        r.next_hop_ip
            .as_deref()
            .map_or_else(String::new, |ip| format!(
                "    nextHopIpAddress: {}\n",
                bicep(ip)
            ))
    )
}

fn admin(a: &NewAdminRule) -> String {
    let nm = bicep_symbol(&a.network_manager);
    let item = |s: &str| {
        format!(
            "{{
        addressPrefix: {}
        addressPrefixType: '{}'
      }}",
            bicep(s),
            admin_type(s)
        )
    };
    let sources: Vec<String> = a
        .sources
        .iter()
        .map(|s| format!("--sources {}", item(s)))
        .collect();
    let ports: Vec<String> = admin_ports(a).iter().map(|p| bicep(p)).collect();
    let t = "Microsoft.Network/networkManagers";
    format!(
        "// for the owners of network manager {}: an NSG change cannot repair {}
resource {nm} '{t}@{AVNM_API}' existing = {{
  name: {}
}}

resource {nm}Config '{t}/securityAdminConfigurations@{AVNM_API}' existing = {{
  parent: {nm}
  name: {}
}}

resource {nm}Collection '{t}/securityAdminConfigurations/ruleCollections@{AVNM_API}' existing = {{
  parent: {nm}Config
  name: {}
}}

resource {nm}{rule} '{t}/securityAdminConfigurations/ruleCollections/rules@{AVNM_API}' = {{
  parent: {nm}Collection
  name: {}
  kind: 'Custom'
  properties: {{
    description: {}
    access: '{}'
    priority: {}
    direction: 'Outbound'
    protocol: 'Tcp'
    sources: [
      {}
    ]
    sourcePortRanges: [
      '0-65535'
    ]
    destinations: [
      {}
    ]
    destinationPortRanges: [
      {}
    ]
  }}
}}
",
        note(&a.network_manager),
        note(&a.before),
        bicep(&a.network_manager),
        bicep(&a.configuration),
        bicep(&a.rule_collection),
        bicep(&a.name),
        bicep(&a.description),
        a.access,
        a.priority,
        sources.join(
            "
      "
        ),
        item(&a.destination),
        ports.join(
            "
      "
        ),
        rule = bicep_symbol(&a.name),
    )
}

/// Bicep resources.
fn firewall(f: &FwChanges) -> String {
    match f.policy {
        Some(p) => {
            let list = |v: &[String]| {
                v.iter()
                    .map(|s| bicep(s))
                    .collect::<Vec<_>>()
                    .join("\n              ")
            };
            // one filter collection per rule: the same head, the rule's own body
            let collections: Vec<String> = f
                .items
                .iter()
                .map(|i| {
                    let (collection, priority, body) = match i {
                        Item::Net(r) => (
                            &r.collection,
                            r.collection_priority,
                            format!(
                                "            ruleType: 'NetworkRule'\n            name: {}\n            ipProtocols: [ 'TCP' ]\n            sourceAddresses: [\n              {}\n            ]\n            destinationAddresses: [\n              {}\n            ]\n            destinationPorts: [\n              {}\n            ]\n",
                                bicep(&r.name),
                                list(&r.sources),
                                list(&r.destinations),
                                list(&ports(&r.ports))
                            ),
                        ),
                        Item::App(r) => (
                            &r.collection,
                            r.collection_priority,
                            format!(
                                "            ruleType: 'ApplicationRule'\n            name: {}\n            sourceAddresses: [\n              {}\n            ]\n            protocols: [\n{}            ]\n            {}: [\n              {}\n            ]\n",
                                bicep(&r.name),
                                list(&r.sources),
                                r.ports
                                    .iter()
                                    .map(|p| format!("              {{ protocolType: 'Https', port: {p} }}\n"))
                                    .collect::<String>(),
                                if r.target_fqdns.is_empty() { "fqdnTags" } else { "targetFqdns" },
                                if r.target_fqdns.is_empty() {
                                    bicep(&r.fqdn_tag)
                                } else {
                                    list(&r.target_fqdns)
                                }
                            ),
                        ),
                    };
                    format!(
                        "      {{\n        ruleCollectionType: 'FirewallPolicyFilterRuleCollection'\n        name: {}\n        priority: {priority}\n        action: {{ type: 'Allow' }}\n        rules: [\n          {{\n{body}          }}\n        ]\n      }}\n",
                        bicep(collection)
                    )
                })
                .collect();
            format!(
                "resource policy 'Microsoft.Network/firewallPolicies@{NETWORK_API}' existing = {{\n  name: {}\n}}\n\nresource backupGroup 'Microsoft.Network/firewallPolicies/ruleCollectionGroups@{NETWORK_API}' = {{\n  parent: policy\n  name: {}\n  properties: {{\n    priority: {}\n    ruleCollections: [\n{}    ]\n  }}\n}}\n",
                bicep(p),
                bicep(f.group),
                f.group_priority,
                collections.concat()
            )
        }
        None => match classic_resource(f) {
            Some(mut r) => {
                let props = r.remove("properties").unwrap_or(Value::Null);
                let mut out = String::from(
                    "// the firewall written back whole, as the inputs hold it, with the backup rule collections added: a classic\n// firewall's rules are a property of the firewall resource\n",
                );
                out.push_str(&format!(
                    "resource firewall 'Microsoft.Network/azureFirewalls@{NETWORK_API}' = {{\n  name: {}\n  location: {}\n",
                    bicep(f.firewall),
                    bicep_value(r.get("location").unwrap_or(&Value::Null), 1)
                ));
                for k in ["zones", "tags"] {
                    if let Some(v) = r.get(k) {
                        out.push_str(&format!("  {k}: {}\n", bicep_value(v, 1)));
                    }
                }
                out.push_str(&format!("  properties: {}\n}}\n", bicep_value(&props, 1)));
                out
            }
            None => format!(
                "// a classic Azure Firewall's rules are a property of the firewall resource, and `{}` is not among the inputs\n// whole: add the rule collections shown by --emit azcli or terraform to it\n",
                note(f.firewall)
            ),
        },
    }
}

/// Bicep resources.
fn nat(n: &NewNatGateway) -> String {
    let (_, vnet, snet) = names(n);
    let sym = bicep_symbol(&n.name);
    let mut out = format!(
        "// subnet `{sub}` is private: a NAT gateway is its explicit outbound method\n\
         resource {sym}Ip 'Microsoft.Network/publicIPAddresses@{NETWORK_API}' = {{\n  name: {pip}\n  location: {loc}\n  sku: {{\n    name: 'Standard'\n    tier: 'Regional'\n  }}\n  properties: {{\n    publicIPAllocationMethod: 'Static'\n    publicIPAddressVersion: 'IPv4'\n  }}\n}}\n\n\
         resource {sym} 'Microsoft.Network/natGateways@{NETWORK_API}' = {{\n  name: {ng}\n  location: {loc}\n  sku: {{\n    name: 'Standard'\n  }}\n  properties: {{\n    idleTimeoutInMinutes: {IDLE_TIMEOUT}\n    publicIpAddresses: [\n      {{\n        id: {sym}Ip.id\n      }}\n    ]\n  }}\n}}\n",
        sub = note(&n.subnet),
        pip = bicep(&n.public_ip),
        loc = bicep(&n.location),
        ng = bicep(&n.name),
    );
    // the placeholder is replaced by the symbolic reference after the literal is written
    const NAT_REF: &str = "azegress-nat-gateway-id";
    match subnet_properties(n, Value::String(NAT_REF.into())) {
        Some(props) => {
            let body = bicep_value(&Value::Object(props), 1)
                .replace(&bicep(NAT_REF), &format!("{sym}.id"));
            out.push_str(&format!(
                "\nresource {sym}Vnet 'Microsoft.Network/virtualNetworks@{NETWORK_API}' existing = {{\n  name: {vnet}\n}}\n\n\
                 // the subnet written back whole, as the inputs hold it, with natGateway added: a subnet PUT replaces what it\n\
                 // does not state\n\
                 resource {sym}Subnet 'Microsoft.Network/virtualNetworks/subnets@{NETWORK_API}' = {{\n  parent: {sym}Vnet\n  name: {snet}\n  properties: {body}\n}}\n",
                vnet = bicep(vnet),
                snet = bicep(snet),
            ));
        }
        None => out.push_str(&format!(
            "\n// the properties of subnet `{}` are not among the inputs, and a subnet written back without them loses its NSG\n\
             // and routes: associate the NAT gateway with --emit azcli, powershell or terraform\n",
            note(&n.subnet)
        )),
    }
    out
}
