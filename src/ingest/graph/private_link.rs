//! Private endpoints, private DNS zones (their `A` record sets and virtual network links) and the VNets' DNS
//! servers and peerings, read from the resources: what decides where a name resolves from a VM (reference
//! azure-semantics §11.6, §11.8). REST and `az … list` shapes, Resource Graph exports, ARM templates (a child
//! resource named `zone/record`), and Terraform resources turned into those shapes.

use super::topology::Resources;
use crate::error::Error;
use crate::ingest::json_util::{get_ci, get_present};
use ipnet::IpNet;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::net::IpAddr;

const PE: &str = "microsoft.network/privateendpoints";
const ZONE_GROUP: &str = "microsoft.network/privateendpoints/privatednszonegroups";
const ZONE: &str = "microsoft.network/privatednszones";
const RECORD_A: &str = "microsoft.network/privatednszones/a";
const LINK: &str = "microsoft.network/privatednszones/virtualnetworklinks";
const VNET: &str = "microsoft.network/virtualnetworks";
const SUBNET: &str = "microsoft.network/virtualnetworks/subnets";
const PEERING: &str = "microsoft.network/virtualnetworks/virtualnetworkpeerings";

/// The kinds this reader takes.
pub const KINDS: [&str; 8] = [PE, ZONE_GROUP, ZONE, RECORD_A, LINK, VNET, SUBNET, PEERING];

/// One connection of a private endpoint to the resource it reaches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    /// Its name.
    pub name: String,
    /// Sub-resources (`AzureBackup`, `AzureSiteRecovery`, `blob`).
    pub groups: Vec<String>,
    /// `Approved`, `Pending`, `Rejected`, `Disconnected` (empty when the export leaves it out).
    pub status: String,
    /// The resource it connects to (`…/Microsoft.RecoveryServices/vaults/v1`).
    pub target: Option<String>,
    /// From `manualPrivateLinkServiceConnections`.
    pub manual: bool,
}

/// An address of a private endpoint, with what it serves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointAddress {
    /// The sub-resource (`ipConfigurations[].groupId`), when stated.
    pub group: Option<String>,
    /// The FQDN (`customDnsConfigs[].fqdn`), when stated.
    pub fqdn: Option<String>,
    /// The private IP.
    pub ip: IpAddr,
}

/// A private endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// Its name.
    pub name: String,
    /// The file it was read from.
    pub file: String,
    /// Its subnet's VNet (lower case), from `subnet.id`.
    pub vnet: Option<String>,
    /// Its subnet (lower case).
    pub subnet: Option<String>,
    /// Its connections, automatic and manual.
    pub connections: Vec<Connection>,
    /// Its addresses (`ipConfigurations`, `customDnsConfigs`).
    pub addresses: Vec<EndpointAddress>,
}

impl Endpoint {
    /// Its connections serving sub-resource `group` (any case).
    pub fn serving<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a Connection> + 'a {
        self.connections
            .iter()
            .filter(move |c| c.groups.iter().any(|g| g.eq_ignore_ascii_case(group)))
    }

    /// Its addresses for sub-resource `group` (all of them when none names its group).
    pub fn addresses_for(&self, group: &str) -> Vec<IpAddr> {
        let mut out: Vec<IpAddr> = self
            .addresses
            .iter()
            .filter(|a| {
                a.group
                    .as_deref()
                    .is_none_or(|g| g.eq_ignore_ascii_case(group))
            })
            .map(|a| a.ip)
            .collect();
        out.dedup();
        out
    }
}

/// An `A` record set of a private DNS zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Relative name (`vaultid.svc`), lower case.
    pub name: String,
    /// Its addresses.
    pub ips: Vec<IpAddr>,
}

/// A virtual network link of a private DNS zone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Its name.
    pub name: String,
    /// The linked VNet's name, lower case.
    pub vnet: String,
    /// `Default` or `NxDomainRedirect` (API 2024-06-01; absent → Default).
    pub resolution_policy: String,
}

/// A private DNS zone, with what the inputs say of its records and links.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Zone {
    /// Its name, lower case (`privatelink.krc.backup.windowsazure.com`).
    pub name: String,
    /// The zone resource itself is among the inputs (not only records or links naming it).
    pub seen: bool,
    /// `A` record sets.
    pub records: Vec<Record>,
    /// Virtual network links.
    pub links: Vec<Link>,
}

/// A VNet's facts that name resolution and reachability depend on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vnet {
    /// Its name, lower case.
    pub name: String,
    /// Its address space.
    pub address_space: Vec<IpNet>,
    /// `dhcpOptions.dnsServers`: custom DNS servers (empty: Azure-provided DNS).
    pub dns_servers: Vec<String>,
    /// VNets it is peered with (lower case), with the peering's state (`Connected`, or empty when not stated).
    pub peers: Vec<(String, String)>,
    /// Subnet (lower case) → `privateEndpointNetworkPolicies`.
    pub subnet_policies: BTreeMap<String, String>,
}

/// What the inputs hold of private endpoints and private DNS.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrivateLinkGraph {
    /// Private endpoints.
    pub endpoints: Vec<Endpoint>,
    /// Private DNS zones by name (lower case).
    pub zones: BTreeMap<String, Zone>,
    /// VNets by name (lower case).
    pub vnets: BTreeMap<String, Vnet>,
}

fn props(o: &Map<String, Value>) -> &Map<String, Value> {
    get_present(o, "properties")
        .and_then(Value::as_object)
        .unwrap_or(o)
}

fn str_at<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    get_present(o, key).and_then(Value::as_str)
}

fn id_at<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    get_present(o, key)
        .and_then(Value::as_object)
        .and_then(|x| get_ci(x, "id"))
        .and_then(Value::as_str)
}

fn arr<'a>(o: &'a Map<String, Value>, key: &str) -> impl Iterator<Item = &'a Value> + 'a {
    get_present(o, key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// `…/kind/NAME…`: the name after `kind` in a resource id, lower case.
pub fn id_part(id: &str, kind: &str) -> Option<String> {
    crate::ingest::json_util::id_segment(id, kind).map(str::to_ascii_lowercase)
}

fn ip(file: &str, what: &str, s: &str) -> Result<IpAddr, Error> {
    s.trim().parse().map_err(|_| {
        Error::input(
            file,
            0,
            format!("{what}: `{s}` is not an IP address (give the private IP, e.g. 10.1.2.5)"),
        )
    })
}

/// The parent's and the child's name of a child resource: from its id (`…/privateDnsZones/Z/A/R`), or from a
/// template's `Z/R` name.
fn parent_child(o: &Map<String, Value>, name: &str, parent_kind: &str) -> (Option<String>, String) {
    if let Some(id) = str_at(o, "id")
        && let Some(p) = id_part(id, parent_kind)
    {
        let child = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
        return (Some(p), child);
    }
    match name.split_once('/') {
        Some((p, c)) => (Some(p.to_ascii_lowercase()), c.to_ascii_lowercase()),
        None => (None, name.to_ascii_lowercase()),
    }
}

impl PrivateLinkGraph {
    /// Reads the private endpoints, private DNS zones, records, links and VNets among `res`.
    pub fn read(res: &Resources) -> Result<PrivateLinkGraph, Error> {
        let mut g = PrivateLinkGraph::default();
        for (ty, name, file, body) in res.of_types(&KINDS) {
            let o = &*body;
            let p = props(o);
            match ty {
                PE => g.endpoint(name, file, p)?,
                ZONE_GROUP => {
                    for c in arr(p, "privateDnsZoneConfigs").filter_map(Value::as_object) {
                        g.zone_config(file, props(c))?;
                    }
                }
                ZONE => g.zone(name).seen = true,
                RECORD_A => {
                    let (zone, rec) = parent_child(o, name, "privateDnsZones");
                    let Some(zone) = zone else { continue };
                    let mut ips = Vec::new();
                    for a in arr(p, "aRecords").filter_map(Value::as_object) {
                        if let Some(s) = str_at(a, "ipv4Address") {
                            ips.push(ip(file, &format!("A record `{rec}` of {zone}"), s)?);
                        }
                    }
                    g.zone(&zone).records.push(Record { name: rec, ips });
                }
                LINK => {
                    let (zone, link) = parent_child(o, name, "privateDnsZones");
                    let Some(zone) = zone else { continue };
                    let Some(vnet) = id_at(p, "virtualNetwork").and_then(|id| {
                        id_part(id, "virtualNetworks").or_else(|| {
                            // a Terraform reference left as a name
                            (!id.contains('/')).then(|| id.to_ascii_lowercase())
                        })
                    }) else {
                        continue;
                    };
                    g.zone(&zone).links.push(Link {
                        name: link,
                        vnet,
                        resolution_policy: str_at(p, "resolutionPolicy")
                            .unwrap_or("Default")
                            .to_string(),
                    });
                }
                VNET => {
                    let v = g.vnet(name);
                    for a in get_present(p, "addressSpace")
                        .and_then(Value::as_object)
                        .map(|s| arr(s, "addressPrefixes").collect::<Vec<_>>())
                        .unwrap_or_default()
                    {
                        if let Some(n) = a.as_str().and_then(|s| s.trim().parse::<IpNet>().ok()) {
                            v.address_space.push(n);
                        }
                    }
                    if let Some(d) = get_present(p, "dhcpOptions").and_then(Value::as_object) {
                        v.dns_servers.extend(
                            arr(d, "dnsServers")
                                .filter_map(Value::as_str)
                                .map(str::to_string),
                        );
                    }
                    let mut subnets = Vec::new();
                    for s in arr(p, "subnets").filter_map(Value::as_object) {
                        let sn = str_at(s, "name").unwrap_or("").to_ascii_lowercase();
                        if let Some(pol) = str_at(props(s), "privateEndpointNetworkPolicies") {
                            subnets.push((sn, pol.to_string()));
                        }
                    }
                    let mut peers = Vec::new();
                    for x in arr(p, "virtualNetworkPeerings").filter_map(Value::as_object) {
                        peers.extend(peer(props(x)));
                    }
                    let v = g.vnet(name);
                    v.subnet_policies.extend(subnets);
                    v.peers.extend(peers);
                }
                SUBNET => {
                    let (vnet, sn) = parent_child(o, name, "virtualNetworks");
                    if let (Some(vnet), Some(pol)) =
                        (vnet, str_at(p, "privateEndpointNetworkPolicies"))
                    {
                        g.vnet(&vnet).subnet_policies.insert(sn, pol.to_string());
                    }
                }
                PEERING => {
                    let (vnet, _) = parent_child(o, name, "virtualNetworks");
                    if let (Some(vnet), Some(pr)) = (vnet, peer(p)) {
                        g.vnet(&vnet).peers.push(pr);
                    }
                }
                _ => {}
            }
        }
        Ok(g)
    }

    /// Nothing of private endpoints or private DNS among the inputs.
    pub fn is_empty(&self) -> bool {
        self.endpoints.is_empty() && self.zones.is_empty()
    }

    fn zone(&mut self, name: &str) -> &mut Zone {
        let k = name.trim_end_matches('.').to_ascii_lowercase();
        self.zones.entry(k.clone()).or_insert_with(|| Zone {
            name: k,
            ..Default::default()
        })
    }

    fn vnet(&mut self, name: &str) -> &mut Vnet {
        let k = name.to_ascii_lowercase();
        self.vnets.entry(k.clone()).or_insert_with(|| Vnet {
            name: k,
            ..Default::default()
        })
    }

    fn endpoint(&mut self, name: &str, file: &str, p: &Map<String, Value>) -> Result<(), Error> {
        let subnet_id = id_at(p, "subnet");
        let mut e = Endpoint {
            name: name.to_string(),
            file: file.to_string(),
            vnet: subnet_id.and_then(|i| id_part(i, "virtualNetworks")),
            subnet: subnet_id.and_then(|i| id_part(i, "subnets")),
            connections: Vec::new(),
            addresses: Vec::new(),
        };
        for (key, manual) in [
            ("privateLinkServiceConnections", false),
            ("manualPrivateLinkServiceConnections", true),
        ] {
            for c in arr(p, key).filter_map(Value::as_object) {
                let cp = props(c);
                e.connections.push(Connection {
                    name: str_at(c, "name").unwrap_or("").to_string(),
                    groups: arr(cp, "groupIds")
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect(),
                    status: get_present(cp, "privateLinkServiceConnectionState")
                        .and_then(Value::as_object)
                        .and_then(|s| str_at(s, "status"))
                        .unwrap_or("")
                        .to_string(),
                    target: str_at(cp, "privateLinkServiceId").map(str::to_string),
                    manual,
                });
            }
        }
        for c in arr(p, "ipConfigurations").filter_map(Value::as_object) {
            let cp = props(c);
            if let Some(s) = str_at(cp, "privateIPAddress") {
                e.addresses.push(EndpointAddress {
                    group: str_at(cp, "groupId").map(str::to_string),
                    fqdn: None,
                    ip: ip(file, &format!("private endpoint `{name}`"), s)?,
                });
            }
        }
        for c in arr(p, "customDnsConfigs").filter_map(Value::as_object) {
            let fqdn = str_at(c, "fqdn").map(str::to_ascii_lowercase);
            for s in arr(c, "ipAddresses").filter_map(Value::as_str) {
                let a = ip(file, &format!("private endpoint `{name}`"), s)?;
                if !e.addresses.iter().any(|x| x.ip == a) {
                    e.addresses.push(EndpointAddress {
                        group: None,
                        fqdn: fqdn.clone(),
                        ip: a,
                    });
                }
            }
        }
        // a zone group embedded in the endpoint (templates, Terraform)
        for zg in arr(p, "privateDnsZoneGroups").filter_map(Value::as_object) {
            for c in arr(props(zg), "privateDnsZoneConfigs").filter_map(Value::as_object) {
                self.zone_config(file, props(c))?;
            }
        }
        self.endpoints.push(e);
        Ok(())
    }

    /// A zone group's config: the zone it writes to, and the record sets it reports (read-only output).
    fn zone_config(&mut self, file: &str, c: &Map<String, Value>) -> Result<(), Error> {
        let Some(zone) = str_at(c, "privateDnsZoneId").and_then(|i| id_part(i, "privateDnsZones"))
        else {
            return Ok(());
        };
        let mut recs = Vec::new();
        for r in arr(c, "recordSets").filter_map(Value::as_object) {
            if !str_at(r, "recordType").is_none_or(|t| t.eq_ignore_ascii_case("A")) {
                continue;
            }
            let name = str_at(r, "recordSetName")
                .unwrap_or("")
                .to_ascii_lowercase();
            let mut ips = Vec::new();
            for s in arr(r, "ipAddresses").filter_map(Value::as_str) {
                ips.push(ip(file, &format!("record `{name}` of {zone}"), s)?);
            }
            recs.push(Record { name, ips });
        }
        let z = self.zone(&zone);
        for r in recs {
            if !z.records.contains(&r) {
                z.records.push(r);
            }
        }
        Ok(())
    }
}

fn peer(p: &Map<String, Value>) -> Option<(String, String)> {
    let id = id_at(p, "remoteVirtualNetwork")?;
    Some((
        id_part(id, "virtualNetworks")?,
        str_at(p, "peeringState").unwrap_or("").to_string(),
    ))
}
