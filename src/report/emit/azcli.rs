//! `az` CLI commands (bash): every field spelled out, since az's defaults are inbound and port 80; the
//! commands of an az extension come with the `az extension add` that installs it.

use super::*;

/// `az` CLI commands (bash).
pub struct Azcli;

impl Emitter for Azcli {
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
    fn squid_lines(&self, s: &NewSquidLines) -> String {
        squid_comment(s)
    }
    fn guest_proxy(&self, g: &GuestProxy) -> String {
        guest(g)
    }
    fn finish(&self, pieces: Vec<String>) -> String {
        with_az_extensions(join_text(
            "#!/usr/bin/env bash\n# azegress fix: every field spelled out (az defaults are inbound and port 80)\nset -euo pipefail\n",
            pieces,
        ))
    }
}

/// The script with an `az extension add` (after `set -euo pipefail`) for each extension whose commands it
/// runs, so that it runs in a stock az.
pub(super) fn with_az_extensions(script: String) -> String {
    let needed: Vec<&str> = AZ_EXTENSIONS
        .iter()
        .filter(|(prefix, _)| script.lines().any(|l| l.starts_with(prefix)))
        .map(|(_, ext)| *ext)
        .collect();
    let marker = "set -euo pipefail\n";
    match script.find(marker) {
        Some(at) if !needed.is_empty() => {
            let at = at + marker.len();
            let adds: String = needed
                .iter()
                .map(|e| format!("az extension add --name {e} --upgrade --only-show-errors\n"))
                .collect();
            format!("{}{adds}{}", &script[..at], &script[at..])
        }
        _ => script,
    }
}

fn nsg(n: &NewNsgRule) -> String {
    let ports: Vec<String> = n.ports.iter().map(|p| sh(&p.to_string())).collect();
    let dests: Vec<String> = n.destinations.iter().map(|d| sh(d)).collect();
    format!(
        "az network nsg rule create --resource-group {} --nsg-name {} --name {} \\\n  --priority {} --direction Outbound --access Allow --protocol Tcp \\\n  --source-address-prefixes {} --source-port-ranges '*' \\\n  --destination-address-prefixes {} --destination-port-ranges {} \\\n  --description {}\n",
        sh(&rg(&n.resource_group)),
        sh(&n.nsg),
        sh(&n.name),
        n.priority,
        sh(&n.source),
        dests.join(" "),
        ports.join(" "),
        sh(&n.description)
    )
}
fn route(r: &NewRoute) -> String {
    format!(
        "az network route-table route create --resource-group {} --route-table-name {} --name {} --address-prefix {} --next-hop-type {}{}\n",
        sh(RG_PLACEHOLDER),
        sh(&r.table),
        sh(&r.name),
        sh(&r.prefix),
        sh(&r.next_hop),
        r.next_hop_ip
            .as_deref()
            .map_or_else(String::new, |ip| format!(
                " --next-hop-ip-address {}",
                sh(ip)
            ))
    )
}

/// `az network manager security-admin-config rule-collection rule create` (virtual-network-manager extension;
/// arguments from https://learn.microsoft.com/cli/azure/network/manager/security-admin-config/rule-collection/rule
/// and the extension's `_params.py`, tests/data/az-extensions/virtual-network-manager.json:
/// --access {Allow, AlwaysAllow, Deny} --configuration-name --direction --kind --network-manager-name --priority
/// --protocol --resource-group --rule-collection-name --rule-name (`--name` is the network manager's), and
/// --sources/--destinations, one `--sources address-prefix=… address-prefix-type=…` per item (an append
/// action: a second prefix in one item is dropped), --source-port-ranges, --dest-port-ranges, --description).
fn admin(a: &NewAdminRule) -> String {
    let item = |s: &str| {
        format!(
            "address-prefix={} address-prefix-type={}",
            sh(s),
            admin_type(s)
        )
    };
    let sources: Vec<String> = a
        .sources
        .iter()
        .map(|s| format!("--sources {}", item(s)))
        .collect();
    let ports: Vec<String> = admin_ports(a).iter().map(|p| sh(p)).collect();
    format!(
        "# for the owners of network manager {nm}: an NSG change cannot repair {before}
az network manager security-admin-config rule-collection rule create --resource-group {} \
  --network-manager-name {} --configuration-name {} --rule-collection-name {} --rule-name {} \
  --kind Custom --access {} --priority {} --direction Outbound --protocol Tcp \
  {} --source-port-ranges 0-65535 \
  --destinations {} --dest-port-ranges {} \
  --description {}
",
        sh(&rg(&a.resource_group)),
        sh(&a.network_manager),
        sh(&a.configuration),
        sh(&a.rule_collection),
        sh(&a.name),
        a.access,
        a.priority,
        sources.join(" "),
        item(&a.destination),
        ports.join(" "),
        sh(&a.description),
        nm = note(&a.network_manager),
        before = note(&a.before),
    )
}
fn guest(g: &GuestProxy) -> String {
    if g.os != crate::model::Os::Linux {
        return guest_comment(g);
    }
    format!(
        "# on the VM (Linux): the backup extension reads only HttpProxy.Host/Port in /etc/waagent.conf\nsudo sed -i '/^HttpProxy\\.\\(Host\\|Port\\)=/d' /etc/waagent.conf\necho {} | sudo tee -a /etc/waagent.conf\necho {} | sudo tee -a /etc/waagent.conf\nsudo systemctl restart walinuxagent 2>/dev/null || sudo systemctl restart waagent\n",
        sh(&format!("HttpProxy.Host={}", g.host)),
        sh(&format!("HttpProxy.Port={}", g.port))
    )
}

fn words(v: &[String]) -> String {
    v.iter().map(|s| sh(s)).collect::<Vec<_>>().join(" ")
}

/// `az` commands (the azure-firewall extension).
fn firewall(f: &FwChanges) -> String {
    let rg = sh(RG_PLACEHOLDER);
    let mut out = String::new();
    match f.policy {
        Some(p) => {
            let p = sh(p);
            let g = sh(f.group);
            out.push_str(&format!(
                "az network firewall policy rule-collection-group create --resource-group {rg} --policy-name {p} --name {g} --priority {}\n",
                f.group_priority
            ));
            for i in &f.items {
                let head = format!(
                    "az network firewall policy rule-collection-group collection add-filter-collection --resource-group {rg} \\\n  --policy-name {p} --rule-collection-group-name {g}"
                );
                out.push_str(&match i {
                    Item::Net(r) => format!(
                        "{head} --name {} --collection-priority {} --action Allow \\\n  --rule-type NetworkRule --rule-name {} --ip-protocols TCP --source-addresses {} \\\n  --destination-addresses {} --destination-ports {}\n",
                        sh(&r.collection),
                        r.collection_priority,
                        sh(&r.name),
                        words(&r.sources),
                        words(&r.destinations),
                        words(&ports(&r.ports))
                    ),
                    Item::App(r) => format!(
                        "{head} --name {} --collection-priority {} --action Allow \\\n  --rule-type ApplicationRule --rule-name {} --protocols {} --source-addresses {} \\\n  {}\n",
                        sh(&r.collection),
                        r.collection_priority,
                        sh(&r.name),
                        r.ports.iter().map(|p| sh(&format!("Https={p}"))).collect::<Vec<_>>().join(" "),
                        words(&r.sources),
                        app_targets(r)
                    ),
                });
            }
        }
        None => {
            for i in &f.items {
                out.push_str(&match i {
                    Item::Net(r) => format!(
                        "az network firewall network-rule create --resource-group {rg} --firewall-name {} --collection-name {} \\\n  --priority {} --action Allow --name {} --protocols TCP --source-addresses {} \\\n  --destination-addresses {} --destination-ports {}\n",
                        sh(f.firewall),
                        sh(&r.collection),
                        r.collection_priority,
                        sh(&r.name),
                        words(&r.sources),
                        words(&r.destinations),
                        words(&ports(&r.ports))
                    ),
                    Item::App(r) => format!(
                        "az network firewall application-rule create --resource-group {rg} --firewall-name {} --collection-name {} \\\n  --priority {} --action Allow --name {} --protocols {} --source-addresses {} \\\n  {}\n",
                        sh(f.firewall),
                        sh(&r.collection),
                        r.collection_priority,
                        sh(&r.name),
                        r.ports.iter().map(|p| sh(&format!("Https={p}"))).collect::<Vec<_>>().join(" "),
                        words(&r.sources),
                        app_targets(r)
                    ),
                });
            }
        }
    }
    out
}

/// `az` commands.
fn nat(n: &NewNatGateway) -> String {
    let (rg, vnet, snet) = names(n);
    format!(
        "# subnet `{}` is private: a NAT gateway is its explicit outbound method\n\
         az network public-ip create --resource-group {rg} --name {pip} --location {loc} --sku Standard --allocation-method Static --version IPv4\n\
         az network nat gateway create --resource-group {rg} --name {ng} --location {loc} --public-ip-addresses {pip} --idle-timeout {IDLE_TIMEOUT}\n\
         az network vnet subnet update --resource-group {rg} --vnet-name {vnet} --name {snet} --nat-gateway {ng}\n",
        note(&n.subnet),
        rg = sh(&rg),
        pip = sh(&n.public_ip),
        loc = sh(&n.location),
        ng = sh(&n.name),
        vnet = sh(vnet),
        snet = sh(snet),
    )
}

/// What an application rule allows: the FQDN tag, or the target FQDNs.
fn app_targets(r: &NewFirewallAppRule) -> String {
    if r.target_fqdns.is_empty() {
        format!("--fqdn-tags {}", sh(&r.fqdn_tag))
    } else {
        format!("--target-fqdns {}", words(&r.target_fqdns))
    }
}
