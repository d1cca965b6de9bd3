//! Terraform (azurerm) resources: each change a resource of its own, so the user's resources stay as they
//! are.

use super::*;

/// Terraform (azurerm) resources.
pub struct Terraform;

impl Emitter for Terraform {
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
        join_text(
            "# azegress fix: resources to add to your Terraform configuration (azurerm)\n",
            pieces,
        )
    }
}

fn nsg(n: &NewNsgRule) -> String {
    let dests: Vec<String> = n.destinations.iter().map(|d| hcl(d)).collect();
    let ports: Vec<String> = n.ports.iter().map(|p| hcl(&p.to_string())).collect();
    // a service tag stands alone in `destination_address_prefix`: tags may not be used in the list form
    let dest = match dests.as_slice() {
        [one] => format!("destination_address_prefix   = {one}"),
        many => format!("destination_address_prefixes = [{}]", many.join(", ")),
    };
    format!(
        "resource \"azurerm_network_security_rule\" \"{}\" {{\n  name                         = {}\n  resource_group_name          = {}\n  network_security_group_name  = {}\n  description                  = {}\n  priority                     = {}\n  direction                    = \"Outbound\"\n  access                       = \"Allow\"\n  protocol                     = \"Tcp\"\n  source_address_prefix        = {}\n  source_port_range            = \"*\"\n  {}\n  destination_port_ranges      = [{}]\n}}\n",
        tf_label(&format!("{}_{}", n.nsg, n.name)),
        hcl(&n.name),
        hcl(&rg(&n.resource_group)),
        hcl(&n.nsg),
        hcl(&n.description),
        n.priority,
        hcl(&n.source),
        dest,
        ports.join(", ")
    )
}

fn route(r: &NewRoute) -> String {
    format!(
        "resource \"azurerm_route\" \"{}\" {{\n  name                = {}\n  resource_group_name = {}\n  route_table_name    = {}\n  address_prefix      = {}\n  next_hop_type       = {}\n{}}}\n",
        tf_label(&r.name),
        hcl(&r.name),
        hcl(RG_PLACEHOLDER),
        hcl(&r.table),
        hcl(&r.prefix),
        hcl(&r.next_hop),
        r.next_hop_ip
            .as_deref()
            .map_or_else(String::new, |ip| format!(
                "  next_hop_in_ip_address = {}\n",
                hcl(ip)
            ))
    )
}

/// `azurerm_network_manager_admin_rule` (registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/
/// network_manager_admin_rule: name, admin_rule_collection_id, action, direction, priority, protocol,
/// source_port_ranges, destination_port_ranges, source/destination blocks of address_prefix_type and
/// address_prefix, description).
fn admin(a: &NewAdminRule) -> String {
    let block = |kind: &str, s: &str| {
        format!(
            "  {kind} {{
    address_prefix_type = \"{}\"
    address_prefix      = {}
  }}
",
            admin_type(s),
            hcl(s)
        )
    };
    let sources: String = a.sources.iter().map(|s| block("source", s)).collect();
    let ports: Vec<String> = admin_ports(a).iter().map(|p| hcl(p)).collect();
    let id = format!(
        "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/networkManagers/{}/securityAdminConfigurations/{}/ruleCollections/{}",
        a.subscription.as_deref().unwrap_or("<subscription-id>"),
        rg(&a.resource_group),
        a.network_manager,
        a.configuration,
        a.rule_collection
    );
    format!(
        "# for the owners of network manager {}: an NSG change cannot repair {}
resource \"azurerm_network_manager_admin_rule\" \"{}\" {{
  name                     = {}
  admin_rule_collection_id = {}
  description              = {}
  action                   = \"{}\"
  priority                 = {}
  direction                = \"Outbound\"
  protocol                 = \"Tcp\"
  source_port_ranges       = [\"0-65535\"]
  destination_port_ranges  = [{}]
{sources}{}}}
",
        note(&a.network_manager),
        note(&a.before),
        tf_label(&format!("{}_{}", a.rule_collection, a.name)),
        hcl(&a.name),
        hcl(&id),
        hcl(&a.description),
        a.access,
        a.priority,
        ports.join(", "),
        block("destination", &a.destination),
    )
}

fn tf_list(v: &[String]) -> String {
    v.iter().map(|s| hcl(s)).collect::<Vec<_>>().join(", ")
}

/// Terraform (azurerm) resources.
fn firewall(f: &FwChanges) -> String {
    match f.policy {
        Some(p) => {
            let mut blocks = String::new();
            for i in &f.items {
                // `network_rule_collection` / `application_rule_collection`: the same head, the rule's body
                let (kind, collection, priority, body) = match i {
                    Item::Net(r) => (
                        "network",
                        &r.collection,
                        r.collection_priority,
                        format!(
                            "      name                  = {}\n      protocols             = [\"TCP\"]\n      source_addresses      = [{}]\n      destination_addresses = [{}]\n      destination_ports     = [{}]\n",
                            hcl(&r.name),
                            tf_list(&r.sources),
                            tf_list(&r.destinations),
                            tf_list(&ports(&r.ports))
                        ),
                    ),
                    Item::App(r) => (
                        "application",
                        &r.collection,
                        r.collection_priority,
                        format!(
                            "      name                  = {}\n      source_addresses      = [{}]\n      {}\n{}",
                            hcl(&r.name),
                            tf_list(&r.sources),
                            if r.target_fqdns.is_empty() {
                                format!("destination_fqdn_tags = [{}]", hcl(&r.fqdn_tag))
                            } else {
                                format!("destination_fqdns     = [{}]", tf_list(&r.target_fqdns))
                            },
                            r.ports
                                .iter()
                                .map(|p| format!("      protocols {{\n        type = \"Https\"\n        port = {p}\n      }}\n"))
                                .collect::<String>()
                        ),
                    ),
                };
                blocks.push_str(&format!(
                    "\n  {kind}_rule_collection {{\n    name     = {}\n    priority = {priority}\n    action   = \"Allow\"\n    rule {{\n{body}    }}\n  }}\n",
                    hcl(collection)
                ));
            }
            format!(
                "# the policy's id: data \"azurerm_firewall_policy\" or your own resource\nresource \"azurerm_firewall_policy_rule_collection_group\" \"{}\" {{\n  name               = {}\n  firewall_policy_id = {}\n  priority           = {}\n{blocks}}}\n",
                tf_label(f.group),
                hcl(f.group),
                hcl(&format!(
                    "/subscriptions/<subscription>/resourceGroups/<resource-group>/providers/Microsoft.Network/firewallPolicies/{p}"
                )),
                f.group_priority
            )
        }
        None => {
            let mut out = String::new();
            for i in &f.items {
                out.push_str(&match i {
                    Item::Net(r) => format!(
                        "resource \"azurerm_firewall_network_rule_collection\" \"{}\" {{\n  name                = {}\n  azure_firewall_name = {}\n  resource_group_name = {}\n  priority            = {}\n  action              = \"Allow\"\n\n  rule {{\n    name                  = {}\n    protocols             = [\"TCP\"]\n    source_addresses      = [{}]\n    destination_addresses = [{}]\n    destination_ports     = [{}]\n  }}\n}}\n",
                        tf_label(&r.collection),
                        hcl(&r.collection),
                        hcl(f.firewall),
                        hcl(RG_PLACEHOLDER),
                        r.collection_priority,
                        hcl(&r.name),
                        tf_list(&r.sources),
                        tf_list(&r.destinations),
                        tf_list(&ports(&r.ports))
                    ),
                    Item::App(r) => format!(
                        "resource \"azurerm_firewall_application_rule_collection\" \"{}\" {{\n  name                = {}\n  azure_firewall_name = {}\n  resource_group_name = {}\n  priority            = {}\n  action              = \"Allow\"\n\n  rule {{\n    name             = {}\n    source_addresses = [{}]\n{}  }}\n}}\n",
                        tf_label(&r.collection),
                        hcl(&r.collection),
                        hcl(f.firewall),
                        hcl(RG_PLACEHOLDER),
                        r.collection_priority,
                        hcl(&r.name),
                        tf_list(&r.sources),
                        if r.target_fqdns.is_empty() {
                            format!("    fqdn_tags        = [{}]\n", hcl(&r.fqdn_tag))
                        } else {
                            format!(
                                "    target_fqdns     = [{}]\n{}",
                                tf_list(&r.target_fqdns),
                                r.ports
                                    .iter()
                                    .map(|p| format!("    protocol {{\n      port = \"{p}\"\n      type = \"Https\"\n    }}\n"))
                                    .collect::<String>()
                            )
                        }
                    ),
                });
            }
            out
        }
    }
}

/// Terraform (azurerm) resources: the association resources leave the subnet's own resource alone.
fn nat(n: &NewNatGateway) -> String {
    let (rg, vnet, snet) = names(n);
    let label = tf_label(&n.name);
    let subnet_id = n.subnet_id.clone().unwrap_or_else(|| {
        format!(
            "/subscriptions/<subscription>/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{snet}"
        )
    });
    format!(
        "# subnet `{sub}` is private: a NAT gateway is its explicit outbound method\n\
         resource \"azurerm_public_ip\" \"{label}\" {{\n  name                = {pip}\n  resource_group_name = {rgq}\n  location            = {loc}\n  allocation_method   = \"Static\"\n  sku                 = \"Standard\"\n  ip_version          = \"IPv4\"\n}}\n\n\
         resource \"azurerm_nat_gateway\" \"{label}\" {{\n  name                    = {ng}\n  resource_group_name     = {rgq}\n  location                = {loc}\n  sku_name                = \"Standard\"\n  idle_timeout_in_minutes = {IDLE_TIMEOUT}\n}}\n\n\
         resource \"azurerm_nat_gateway_public_ip_association\" \"{label}\" {{\n  nat_gateway_id       = azurerm_nat_gateway.{label}.id\n  public_ip_address_id = azurerm_public_ip.{label}.id\n}}\n\n\
         # the subnet's id (or azurerm_subnet.<name>.id when the subnet is in this configuration)\n\
         resource \"azurerm_subnet_nat_gateway_association\" \"{label}\" {{\n  subnet_id      = {sid}\n  nat_gateway_id = azurerm_nat_gateway.{label}.id\n}}\n",
        sub = note(&n.subnet),
        pip = hcl(&n.public_ip),
        rgq = hcl(&rg),
        loc = hcl(&n.location),
        ng = hcl(&n.name),
        sid = hcl(&subnet_id),
    )
}
