//! The vault's private endpoints and the private DNS of the VM's VNet: where a workload destination's name
//! resolves from the VM (reference azure-semantics §11.6–§11.9, workloads-egress §2–§6).
//!
//! An Approved endpoint for the destination's sub-resource, its privatelink zone linked to the VM's VNet
//! and an `A` record for the endpoint's address in it → the endpoint's address, evaluated as private traffic
//! (the endpoint must be in the VM's VNet or a peered one); no zone linked → the public name and path; a zone
//! linked without the record → the name does not resolve (unless the link's resolution policy is
//! `NxDomainRedirect`); custom DNS servers on the VNet → not known offline. `Pending`, `Rejected` and
//! `Disconnected` connections carry no traffic. Microsoft Entra ID has no private endpoint here.

use super::Destination;
use crate::diag::{self, Diagnostic};
use crate::error::Error;
use crate::ingest::private_link::{Endpoint, PrivateLinkGraph, Zone};
use crate::model::PrivateEndpoint;
use ipnet::IpNet;
use std::net::IpAddr;

/// Private endpoints and private DNS facts, and the VM's VNet when the inputs name it.
#[derive(Clone, Debug, Default)]
pub struct PrivateLink {
    /// What the inputs hold.
    pub graph: PrivateLinkGraph,
    /// The VM's VNet (lower case), when known from its path (`--resources … --vm`); else found by address.
    pub vm_vnet: Option<String>,
}

/// Where a destination's name resolves.
#[derive(Clone, Debug)]
pub enum Resolution {
    /// The public name and path (with a note saying why, when a private endpoint exists).
    Public(Option<Diagnostic>),
    /// The private endpoint's address.
    Private {
        /// The endpoint.
        pe: PrivateEndpoint,
        /// Its zone.
        zone: String,
        /// What was found.
        note: Option<Diagnostic>,
    },
    /// The name does not resolve.
    NxDomain {
        /// The zone.
        zone: String,
        /// Why.
        why: String,
    },
    /// Not known offline.
    Unknown {
        /// The zone.
        zone: String,
        /// Why.
        why: String,
    },
}

/// Azure Backup's geo codes (reference §11.9, from the Backup private-endpoint article's list).
const GEO_CODES: [(&str, &str); 33] = [
    ("westeurope", "we"),
    ("northeurope", "ne"),
    ("uksouth", "uks"),
    ("ukwest", "ukw"),
    ("francecentral", "frc"),
    ("germanywestcentral", "gwc"),
    ("swedencentral", "sdc"),
    ("switzerlandnorth", "szn"),
    ("norwayeast", "nwe"),
    ("eastus", "eus"),
    ("eastus2", "eus2"),
    ("westus", "wus"),
    ("westus2", "wus2"),
    ("westus3", "wus3"),
    ("centralus", "cus"),
    ("southcentralus", "scus"),
    ("northcentralus", "ncus"),
    ("westcentralus", "wcus"),
    ("canadacentral", "cnc"),
    ("canadaeast", "cne"),
    ("brazilsouth", "brs"),
    ("koreacentral", "krc"),
    ("koreasouth", "krs"),
    ("japaneast", "jpe"),
    ("japanwest", "jpw"),
    ("eastasia", "ea"),
    ("southeastasia", "sea"),
    ("australiaeast", "ae"),
    ("australiasoutheast", "ase"),
    ("centralindia", "inc"),
    ("southindia", "ins"),
    ("uaenorth", "uan"),
    ("southafricanorth", "san"),
];

/// The Azure Backup geo code of a region (`koreacentral` → `krc`), when known.
pub fn geo_code(region: &str) -> Option<&'static str> {
    let r: String = region
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    GEO_CODES.iter().find(|(n, _)| *n == r).map(|(_, c)| *c)
}

/// The sub-resource and privatelink zone (template) that serve `fqdn` of `d`, if any: a vault's Backup or
/// Site Recovery endpoint serves all its names; a storage endpoint serves blob or queue names only.
pub fn rule_for(d: &Destination, fqdn: &str) -> Option<(String, String)> {
    let r = d.private_endpoint.as_ref()?;
    let f = fqdn.to_ascii_lowercase();
    if r.group.eq_ignore_ascii_case("blob") || r.group.eq_ignore_ascii_case("queue") {
        for g in ["blob", "queue"] {
            if f.ends_with(&format!(".{g}.core.windows.net")) {
                return Some((g.into(), format!("privatelink.{g}.core.windows.net")));
            }
        }
        return None;
    }
    Some((r.group.clone(), r.zone.clone()))
}

/// A vault-created storage endpoint (`<pe>_ecs…_blob`, `<pe>_prot…_queue`, reference §11.9): other blob or
/// queue endpoints reach other accounts than the vault's.
fn vault_storage(e: &Endpoint) -> bool {
    let n = e.name.to_ascii_lowercase();
    n.contains("_ecs") || n.contains("_prot")
}

fn is_approved(status: &str) -> bool {
    status.eq_ignore_ascii_case("approved")
}

/// The zone name for `template` in `region`, or a matcher for any geo when the region's code is unknown.
fn zone_matches(template: &str, region: &str, zone: &str) -> bool {
    match template.split_once("{geo}") {
        None => zone.eq_ignore_ascii_case(template),
        Some((pre, post)) => match geo_code(region) {
            Some(g) => zone.eq_ignore_ascii_case(&format!("{pre}{g}{post}")),
            None => {
                let z = zone.to_ascii_lowercase();
                z.starts_with(pre) && z.ends_with(post) && z.len() > pre.len() + post.len()
            }
        },
    }
}

fn zone_name(template: &str, region: &str) -> String {
    match (template.contains("{geo}"), geo_code(region)) {
        (true, Some(g)) => template.replace("{geo}", g),
        _ => template.to_string(),
    }
}

fn ips_text(ips: &[IpAddr]) -> String {
    ips.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl PrivateLink {
    /// Reads private endpoints, private DNS zones, their records and links, and VNets from files (the
    /// `--private-link` files and `--resources`); `vm`: the VM whose VNet the zones must be linked to.
    pub fn load(files: &[String]) -> Result<PrivateLink, Error> {
        Self::load_for(files, None)
    }

    /// [`PrivateLink::load`], finding `vm`'s VNet among the same resources.
    pub fn load_for(files: &[String], vm: Option<&str>) -> Result<PrivateLink, Error> {
        let res = crate::ingest::topology::Resources::load(files)?;
        let graph = PrivateLinkGraph::read(&res)?;
        let vm_vnet = vm
            .and_then(|v| res.path(v).ok())
            .and_then(|p| p.subnet.or(p.subnet_missing))
            .and_then(|s| s.split('/').next().map(str::to_ascii_lowercase));
        Ok(PrivateLink { graph, vm_vnet })
    }

    /// Any Approved vault endpoint (AzureBackup, AzureSiteRecovery) among the inputs.
    pub fn vault_endpoints(&self) -> Vec<&Endpoint> {
        self.graph
            .endpoints
            .iter()
            .filter(|e| {
                e.connections.iter().any(|c| {
                    c.groups.iter().any(|g| {
                        g.to_ascii_lowercase().starts_with("azurebackup")
                            || g.eq_ignore_ascii_case("AzureSiteRecovery")
                    })
                })
            })
            .collect()
    }

    /// The VM's VNet: from its path, else the VNet among the inputs whose address space holds the VM's IP or
    /// the address space given.
    fn vm_vnet(&self, vm_ip: Option<IpAddr>, space: &[IpNet]) -> Option<String> {
        if let Some(v) = &self.vm_vnet {
            return Some(v.clone());
        }
        let vnets = self.graph.vnets.values();
        if let Some(ip) = vm_ip
            && let Some(v) = vnets
                .clone()
                .find(|v| v.address_space.iter().any(|n| n.contains(&ip)))
        {
            return Some(v.name.clone());
        }
        vnets
            .into_iter()
            .find(|v| {
                !space.is_empty()
                    && space
                        .iter()
                        .all(|s| v.address_space.iter().any(|n| n.contains(s)))
            })
            .map(|v| v.name.clone())
    }

    fn peered(&self, a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        let lists = |x: &str, y: &str| {
            self.graph.vnets.get(x).is_some_and(|v| {
                v.peers.iter().any(|(p, state)| {
                    p == y && (state.is_empty() || state.eq_ignore_ascii_case("connected"))
                })
            })
        };
        lists(a, b) || lists(b, a)
    }

    /// Where `fqdn` of `d` resolves from a VM in `region` at `vm_ip` (VNet address space `space`).
    pub fn resolve(
        &self,
        d: &Destination,
        fqdn: &str,
        region: &str,
        vm_ip: Option<IpAddr>,
        space: &[IpNet],
    ) -> Resolution {
        let note = |m: String| Diagnostic::new(&diag::VAULT_PRIVATE_ENDPOINT, m);
        let Some((group, template)) = rule_for(d, fqdn) else {
            if d.id == "entra" && !self.vault_endpoints().is_empty() {
                return Resolution::Public(Some(note(format!(
                    "{}: no private endpoint serves it (the vault's endpoints do not), so it stays on its public path with the vault's private endpoints too",
                    d.name
                ))));
            }
            return Resolution::Public(None);
        };
        let zone = zone_name(&template, region);
        let storage = group == "blob" || group == "queue";
        let candidates: Vec<&Endpoint> = self
            .graph
            .endpoints
            .iter()
            .filter(|e| e.serving(&group).next().is_some())
            .collect();
        let (candidates, others): (Vec<&Endpoint>, Vec<&Endpoint>) = candidates
            .into_iter()
            .partition(|e| !storage || vault_storage(e));
        if candidates.is_empty() {
            if let Some(o) = others.first() {
                return Resolution::Public(Some(note(format!(
                    "{} ({fqdn}): private endpoint `{}` ({group}) is not one the vault created (`<endpoint>_ecs…` or `_prot…`): it reaches another storage account, so the vault's storage is checked on its public path",
                    d.name, o.name
                ))));
            }
            return Resolution::Public(None);
        }
        let approved: Vec<&Endpoint> = candidates
            .iter()
            .copied()
            .filter(|e| e.serving(&group).any(|c| is_approved(&c.status)))
            .collect();
        if approved.is_empty() {
            let e = candidates[0];
            let c = e.serving(&group).next();
            let status = c
                .map(|c| c.status.as_str())
                .filter(|s| !s.is_empty())
                .unwrap_or("not stated");
            return Resolution::Public(Some(note(format!(
                "{} ({fqdn}): private endpoint `{}` ({group}) is {status}, not Approved: it carries no traffic (its address is kept but unused), so the public name and path are checked; approve the connection on the vault (Private endpoint connections)",
                d.name, e.name
            ))));
        }
        let Some(vnet) = self.vm_vnet(vm_ip, space) else {
            return Resolution::Unknown {
                zone: zone.clone(),
                why: format!(
                    "{} ({fqdn}): private endpoint `{}` is Approved, but the VM's VNet is not among the private-link inputs, so which zones are linked to it cannot be told: pass its VNet export with the zones and links (or --resources with --vm)",
                    d.name, approved[0].name
                ),
            };
        };
        if let Some(v) = self.graph.vnets.get(&vnet)
            && !v.dns_servers.is_empty()
        {
            return Resolution::Unknown {
                zone: zone.clone(),
                why: format!(
                    "{} ({fqdn}): VNet `{vnet}` uses custom DNS servers ({}): whether they resolve the name through zone {zone} to private endpoint `{}` is not known offline (they must forward to 168.63.129.16 from a VNet the zone is linked to); check with nslookup on the VM",
                    d.name,
                    v.dns_servers.join(", "),
                    approved[0].name
                ),
            };
        }
        let zones: Vec<&Zone> = self
            .graph
            .zones
            .values()
            .filter(|z| zone_matches(&template, region, &z.name))
            .collect();
        let linked: Vec<(&Zone, &crate::ingest::private_link::Link)> = zones
            .iter()
            .flat_map(|z| z.links.iter().map(move |l| (*z, l)))
            .filter(|(_, l)| l.vnet == vnet)
            .collect();
        let Some((z, link)) = linked.first().copied() else {
            return Resolution::Public(Some(note(format!(
                "{} ({fqdn}): private endpoint `{}` is Approved, but zone {zone} is not linked to VNet `{vnet}`{}: the VM resolves the public name, so the public path is checked (it fails if the vault denies public network access, which the inputs do not show); link the zone to `{vnet}` to use the endpoint",
                d.name,
                approved[0].name,
                if zones.is_empty() {
                    " (the zone is not among the inputs)"
                } else {
                    ""
                }
            ))));
        };
        // the record that sends the name to an Approved endpoint
        let hit = approved.iter().find_map(|e| {
            let ips = e.addresses_for(&group);
            z.records
                .iter()
                .find_map(|r| r.ips.iter().find(|ip| ips.contains(ip)).copied())
                .map(|ip| (*e, ip))
        });
        let Some((e, ip)) = hit else {
            let ips: Vec<IpAddr> = approved
                .iter()
                .flat_map(|e| e.addresses_for(&group))
                .collect();
            if z.records.is_empty() && !self.graph.zones.values().any(|z| !z.records.is_empty()) {
                return Resolution::Unknown {
                    zone: z.name.clone(),
                    why: format!(
                        "{} ({fqdn}): zone {} is linked to VNet `{vnet}`, but no A record of any zone is among the inputs, so whether it holds private endpoint `{}`'s record is not known: add the record sets (az network private-dns record-set a list)",
                        d.name, z.name, approved[0].name
                    ),
                };
            }
            if link
                .resolution_policy
                .eq_ignore_ascii_case("NxDomainRedirect")
            {
                return Resolution::Public(Some(note(format!(
                    "{} ({fqdn}): zone {} is linked to VNet `{vnet}` without a record for private endpoint `{}` ({}), and link `{}` has resolutionPolicy NxDomainRedirect: the name falls back to the public address, so the public path is checked",
                    d.name,
                    z.name,
                    approved[0].name,
                    ips_text(&ips),
                    link.name
                ))));
            }
            return Resolution::NxDomain {
                zone: z.name.clone(),
                why: format!(
                    "zone {} is linked to VNet `{vnet}` (link `{}`) but holds no A record for private endpoint `{}` ({}): the name does not resolve (NXDOMAIN); add the record (a DNS zone group on the endpoint writes it), or set the link's resolutionPolicy to NxDomainRedirect to fall back to the public address",
                    z.name,
                    link.name,
                    approved[0].name,
                    if ips.is_empty() {
                        "no address in the inputs".to_string()
                    } else {
                        ips_text(&ips)
                    }
                ),
            };
        };
        let pe_vnet = e.vnet.clone().unwrap_or_default();
        if !pe_vnet.is_empty() && !self.peered(&vnet, &pe_vnet) {
            return Resolution::Unknown {
                zone: z.name.clone(),
                why: format!(
                    "{} ({fqdn}) resolves to private endpoint `{}` at {ip} (zone {} linked to `{vnet}`), but the endpoint is in VNet `{pe_vnet}`, neither the VM's VNet nor peered with it among the inputs: it is reached only through routes not given (a hub, a VPN); pass the peering or the effective routes",
                    d.name, e.name, z.name
                ),
            };
        }
        let policies = e
            .subnet
            .as_deref()
            .and_then(|s| self.graph.vnets.get(&pe_vnet)?.subnet_policies.get(s))
            .cloned()
            .unwrap_or_else(|| "Disabled".into());
        Resolution::Private {
            pe: PrivateEndpoint {
                ip,
                network_policies: policies,
            },
            zone: z.name.clone(),
            note: Some(note(format!(
                "{} ({fqdn}): vault private endpoint `{}` (Approved) at {ip}, zone {} linked to `{vnet}`{}: evaluated as private traffic to {ip}",
                d.name,
                e.name,
                z.name,
                if pe_vnet.is_empty() || pe_vnet == vnet {
                    String::new()
                } else {
                    format!(" (the endpoint is in peered VNet `{pe_vnet}`)")
                }
            ))),
        }
    }
}
