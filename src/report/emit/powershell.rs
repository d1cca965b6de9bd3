//! Azure PowerShell (Az module): rules are added to what is read, never set (`Set-Az…RuleConfig` would
//! blank what it is not given).

use super::*;

/// Azure PowerShell (Az module).
pub struct PowerShell;

impl Emitter for PowerShell {
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
        join_text(
            "# azegress fix (Az module); Set-Az…RuleConfig would blank what it is not given, so rules are added, never set\n$ErrorActionPreference = 'Stop'\n",
            pieces,
        )
    }
}

/// PowerShell values joined as an array argument (`'a', 'b'`).
pub(crate) fn ps_list(v: &[String]) -> String {
    v.iter().map(|s| ps(s)).collect::<Vec<_>>().join(", ")
}

fn nsg(n: &NewNsgRule) -> String {
    let ports: Vec<String> = n.ports.iter().map(ToString::to_string).collect();
    format!(
        "Get-AzNetworkSecurityGroup -ResourceGroupName {} -Name {} |\n  Add-AzNetworkSecurityRuleConfig -Name {} -Description {} -Access Allow -Protocol Tcp -Direction Outbound \\\n    -Priority {} -SourceAddressPrefix {} -SourcePortRange '*' -DestinationAddressPrefix {} -DestinationPortRange {} |\n  Set-AzNetworkSecurityGroup\n",
        ps(&rg(&n.resource_group)),
        ps(&n.nsg),
        ps(&n.name),
        ps(&n.description),
        n.priority,
        ps(&n.source),
        ps_list(&n.destinations),
        ps_list(&ports)
    )
    .replace(" \\\n    -Priority", " `\n    -Priority")
}
fn route(r: &NewRoute) -> String {
    format!(
        "Get-AzRouteTable -ResourceGroupName {} -Name {} |\n  Add-AzRouteConfig -Name {} -AddressPrefix {} -NextHopType {}{} |\n  Set-AzRouteTable\n",
        ps(RG_PLACEHOLDER),
        ps(&r.table),
        ps(&r.name),
        ps(&r.prefix),
        ps(&r.next_hop),
        r.next_hop_ip
            .as_deref()
            .map_or_else(String::new, |ip| format!(" -NextHopIpAddress {}", ps(ip)))
    )
}

/// `New-AzNetworkManagerSecurityAdminRule` with `New-AzNetworkManagerAddressPrefixItem`
/// (https://learn.microsoft.com/powershell/module/az.network/new-aznetworkmanagersecurityadminrule).
fn admin(a: &NewAdminRule) -> String {
    let items = |v: &[String]| {
        v.iter()
            .map(|s| {
                format!(
                    "(New-AzNetworkManagerAddressPrefixItem -AddressPrefix {} -AddressPrefixType {})",
                    ps(s),
                    admin_type(s)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "# for the owners of network manager {nm}: an NSG change cannot repair {before}
New-AzNetworkManagerSecurityAdminRule -ResourceGroupName {} -NetworkManagerName {} `
  -SecurityAdminConfigurationName {} -RuleCollectionName {} -Name {} -Description {} `
  -Access {} -Priority {} -Direction Outbound -Protocol Tcp `
  -SourceAddressPrefix @({}) -SourcePortRange @('0-65535') `
  -DestinationAddressPrefix @({}) -DestinationPortRange @({})
",
        ps(&rg(&a.resource_group)),
        ps(&a.network_manager),
        ps(&a.configuration),
        ps(&a.rule_collection),
        ps(&a.name),
        ps(&a.description),
        a.access,
        a.priority,
        items(&a.sources),
        items(std::slice::from_ref(&a.destination)),
        ps_list(&admin_ports(a)),
        nm = note(&a.network_manager),
        before = note(&a.before),
    )
}
fn guest(g: &GuestProxy) -> String {
    if g.os != crate::model::Os::Windows {
        return guest_comment(g);
    }
    format!(
        "# on the VM (Windows, as administrator): the extension runs as SYSTEM; 168.63.129.16 and 169.254.169.254 bypass the proxy\nnetsh winhttp set proxy proxy-server={} bypass-list={}\nbitsadmin /util /setieproxy localsystem MANUAL_PROXY {} {}\n",
        ps(&format!("{}:{}", g.host, g.port)),
        ps(&g.bypass.join(";")),
        ps(&format!("{}:{}", g.host, g.port)),
        ps(&g.bypass.join(";"))
    )
}

/// Azure PowerShell: the rules built, then added in one `Set-AzFirewall` (classic) or one new rule
/// collection group (policy). The cmdlets differ only in their noun (`New-AzFirewallPolicyNetworkRule`,
/// `New-AzFirewallNetworkRule`, …); an FQDN tag carries its own protocols, so no `-Protocol` goes with it.
fn firewall(f: &FwChanges) -> String {
    let rg = ps(RG_PLACEHOLDER);
    let policy = f.policy.is_some();
    let noun = if policy { "FirewallPolicy" } else { "Firewall" };
    let mut out = match f.policy {
        Some(p) => format!(
            "$policy = Get-AzFirewallPolicy -ResourceGroupName {rg} -Name {}\n",
            ps(p)
        ),
        None => format!(
            "$fw = Get-AzFirewall -ResourceGroupName {rg} -Name {}\n",
            ps(f.firewall)
        ),
    };
    let mut collections = Vec::new();
    for (k, i) in f.items.iter().enumerate() {
        let n = k + 1;
        let (rule, kind, collection, priority) = match i {
            Item::Net(r) => (
                format!(
                    "New-Az{noun}NetworkRule -Name {} -Protocol TCP -SourceAddress {} -DestinationAddress {} -DestinationPort {}",
                    ps(&r.name),
                    ps_list(&r.sources),
                    ps_list(&r.destinations),
                    ps_list(&ports(&r.ports))
                ),
                "Network",
                &r.collection,
                r.collection_priority,
            ),
            Item::App(r) => (
                format!(
                    "New-Az{noun}ApplicationRule -Name {} -SourceAddress {} {}",
                    ps(&r.name),
                    ps_list(&r.sources),
                    if r.target_fqdns.is_empty() {
                        format!("-FqdnTag {}", ps(&r.fqdn_tag))
                    } else {
                        let protocols: Vec<String> =
                            r.ports.iter().map(|p| format!("Https:{p}")).collect();
                        format!(
                            "-Protocol {} -TargetFqdn {}",
                            ps_list(&protocols),
                            ps_list(&r.target_fqdns)
                        )
                    }
                ),
                "Application",
                &r.collection,
                r.collection_priority,
            ),
        };
        // a policy's collections are filter collections of any rule type; a classic firewall's are typed
        let cmdlet = if policy {
            "New-AzFirewallPolicyFilterRuleCollection".to_string()
        } else {
            format!("New-AzFirewall{kind}RuleCollection")
        };
        out.push_str(&format!(
            "$rule{n} = {rule}\n$collection{n} = {cmdlet} -Name {} -Priority {priority} -ActionType Allow -Rule $rule{n}\n",
            ps(collection)
        ));
        if policy {
            collections.push(format!("$collection{n}"));
        } else {
            out.push_str(&format!("$fw.{kind}RuleCollections.Add($collection{n})\n"));
        }
    }
    out.push_str(&match f.policy {
        Some(_) => format!(
            "New-AzFirewallPolicyRuleCollectionGroup -Name {} -Priority {} -RuleCollection {} -FirewallPolicyObject $policy\n",
            ps(f.group),
            f.group_priority,
            collections.join(", ")
        ),
        None => "Set-AzFirewall -AzureFirewall $fw\n".to_string(),
    });
    out
}

/// Azure PowerShell: the subnet object of the VNet gets the gateway and the VNet is set, so the subnet's
/// other properties stay (Set-AzVirtualNetworkSubnetConfig would blank what it is not given).
fn nat(n: &NewNatGateway) -> String {
    let (rg, vnet, snet) = names(n);
    format!(
        "# subnet `{}` is private: a NAT gateway is its explicit outbound method\n\
         $pip = New-AzPublicIpAddress -ResourceGroupName {rg} -Name {pip} -Location {loc} -Sku Standard -AllocationMethod Static -IpAddressVersion IPv4\n\
         $nat = New-AzNatGateway -ResourceGroupName {rg} -Name {ng} -Location {loc} -Sku Standard -PublicIpAddress $pip -IdleTimeoutInMinutes {IDLE_TIMEOUT}\n\
         $vnet = Get-AzVirtualNetwork -ResourceGroupName {rg} -Name {vnet}\n\
         $subnet = Get-AzVirtualNetworkSubnetConfig -VirtualNetwork $vnet -Name {snet}\n\
         $subnet.NatGateway = $nat\n\
         Set-AzVirtualNetwork -VirtualNetwork $vnet\n",
        note(&n.subnet),
        rg = ps(&rg),
        pip = ps(&n.public_ip),
        loc = ps(&n.location),
        ng = ps(&n.name),
        vnet = ps(vnet),
        snet = ps(snet),
    )
}
