//! The scenario YAML: one file that names everything a check needs (schema in the README).
//!
//! ```yaml
//! region: koreacentral
//! service_tags: ../tags/ServiceTags_Public_20240506.json   # optional; relative to this file
//! vm: { ip: 10.0.0.4, disks: managed, unencrypted_storage: false, asgs: [app] }
//! vnet: { address_space: [10.0.0.0/16] }
//! nic_nsg: { from: nic-nsg.json }        # or `from: template.json#nsg-name`, or inline (name + rules)
//! subnet_nsg:
//!   name: subnet-nsg
//!   rules: [ ... ]
//! ports: [8443]                          # optional: overrides the disk-based requirement
//! ipv6: false
//! ```

use crate::error::Error;
use crate::ingest::firewall::{FirewallYaml, firewall_from_yaml};
use crate::ingest::nsg_yaml::{NsgYaml, OneOrMany, nsg_from_yaml};
use crate::ingest::routes::{RouteTableYaml, route_table_from_yaml};
use crate::model::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A scenario file as written.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct ScenarioDoc {
    /// Azure region of the VM and vault (`koreacentral`).
    pub region: String,
    /// Optional service-tag file, relative to the scenario.
    #[serde(default)]
    pub service_tags: Option<String>,
    /// The VM.
    #[serde(default)]
    pub vm: VmDoc,
    /// The VNet.
    #[serde(default)]
    pub vnet: VnetDoc,
    /// NSG on the NIC.
    #[serde(default)]
    pub nic_nsg: Option<NsgRef>,
    /// NSG on the subnet.
    #[serde(default)]
    pub subnet_nsg: Option<NsgRef>,
    /// The VM's subnet (service endpoints).
    #[serde(default)]
    pub subnet: SubnetDoc,
    /// Route table of the VM's subnet (or its effective routes).
    #[serde(default)]
    pub route_table: Option<RouteTableRef>,
    /// The Azure Firewall user routes may send traffic to.
    #[serde(default)]
    pub firewall: Option<FirewallRef>,
    /// The HTTP proxy: the guest's settings, the proxy VM and its policy.
    #[serde(default)]
    pub proxy: Option<ProxyDoc>,
    /// The storage account the extension writes to.
    #[serde(default)]
    pub storage: StorageDoc,
    /// Explicit ports (otherwise from the disks).
    #[serde(default)]
    pub ports: Option<Vec<u16>>,
    /// Include IPv6 prefixes.
    #[serde(default)]
    pub ipv6: bool,
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
}

/// The VM part of a scenario.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct VmDoc {
    /// Private IP of the NIC.
    #[serde(default)]
    pub ip: Option<String>,
    /// `managed` (default) or `unmanaged`.
    #[serde(default)]
    pub disks: Option<String>,
    /// Unmanaged disks in an unencrypted account (port 80).
    #[serde(default)]
    pub unencrypted_storage: bool,
    /// Application security groups the NIC belongs to (names or ids); absent = unknown.
    #[serde(default)]
    pub asgs: Option<Vec<String>>,
    /// Operating system (`linux` or `windows`); used by later checks.
    #[serde(default)]
    pub os: Option<String>,
}

/// The VNet part of a scenario.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct VnetDoc {
    /// Address prefixes of the VNet (and peers) that make up `VirtualNetwork`.
    #[serde(default)]
    pub address_space: Vec<String>,
}

/// The VM's subnet.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct SubnetDoc {
    /// Name (for reports).
    #[serde(default)]
    pub name: Option<String>,
    /// Service endpoints: `[Microsoft.Storage]`, `[{service: Microsoft.Storage, locations: [koreacentral]}]`,
    /// or `{from: subnet.json}` (`az network vnet subnet show` output).
    #[serde(default)]
    pub service_endpoints: Option<EndpointsDoc>,
}

/// Service endpoints inline or by reference.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum EndpointsDoc {
    /// `from: subnet.json[#subnet]`.
    From {
        /// Path relative to the scenario.
        from: String,
    },
    /// A list.
    List(Vec<EndpointItem>),
}

/// One service endpoint.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum EndpointItem {
    /// `Microsoft.Storage`.
    Name(String),
    /// `{service, locations}`.
    Full {
        /// Service.
        service: String,
        /// Regions.
        #[serde(default)]
        locations: Vec<String>,
    },
}

/// A route table inline or by reference.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum RouteTableRef {
    /// `from: path[#name]`, any supported format (effective routes too).
    From {
        /// Path relative to the scenario.
        from: String,
        /// ARM parameters file(s) for a template, relative to the scenario.
        #[serde(default)]
        parameters: OneOrMany,
    },
    /// Inline azegress YAML.
    Inline(RouteTableYaml),
}

/// A firewall inline or by reference.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum FirewallRef {
    /// `from: path[#name]` or a list of files (firewall + rule collection groups).
    From {
        /// Path(s) relative to the scenario.
        from: OneOrMany,
        /// Private IP, when the files do not hold it.
        #[serde(default)]
        private_ip: Option<String>,
        /// ARM parameters file(s) for a template, relative to the scenario.
        #[serde(default)]
        parameters: OneOrMany,
    },
    /// Inline azegress YAML.
    Inline(FirewallYaml),
}

/// A configuration text inline or by reference.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum TextRef {
    /// `from: path`.
    From {
        /// Path relative to the scenario.
        from: String,
    },
    /// The text itself.
    Text(String),
}

/// The proxy part of a scenario.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct ProxyDoc {
    /// Proxy URL used whatever the guest says (`http://10.0.0.5:3128`).
    #[serde(default)]
    pub url: Option<String>,
    /// Linux `/etc/waagent.conf`.
    #[serde(default)]
    pub waagent_conf: Option<TextRef>,
    /// Linux `/etc/environment`.
    #[serde(default)]
    pub environment: Option<TextRef>,
    /// `netsh winhttp show proxy` output.
    #[serde(default)]
    pub winhttp: Option<TextRef>,
    /// `.reg` export of the SYSTEM account's Internet Settings.
    #[serde(default)]
    pub registry: Option<TextRef>,
    /// The proxy's squid.conf.
    #[serde(default)]
    pub squid_conf: Option<TextRef>,
    /// The proxy VM.
    #[serde(default)]
    pub vm: ProxyVmDoc,
    /// NSG on the proxy VM's NIC.
    #[serde(default)]
    pub nic_nsg: Option<NsgRef>,
    /// NSG on the proxy VM's subnet.
    #[serde(default)]
    pub subnet_nsg: Option<NsgRef>,
    /// Route table of the proxy VM's subnet.
    #[serde(default)]
    pub route_table: Option<RouteTableRef>,
}

/// The proxy VM.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct ProxyVmDoc {
    /// Its private IP (needed when the proxy setting names a host).
    #[serde(default)]
    pub ip: Option<String>,
}

/// The storage account.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct StorageDoc {
    /// Account name (`mystorage` → `mystorage.blob.<cloud suffix>`).
    #[serde(default)]
    pub account: Option<String>,
    /// Full blob host, instead of the account.
    #[serde(default)]
    pub host: Option<String>,
    /// A private endpoint the blob host resolves to (privatelink DNS zone linked to the VNet).
    #[serde(default)]
    pub private_endpoint: Option<PrivateEndpointDoc>,
}

/// A storage private endpoint.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct PrivateEndpointDoc {
    /// Its private IP.
    pub ip: String,
    /// `privateEndpointNetworkPolicies` of its subnet (default `Disabled`).
    #[serde(default)]
    pub network_policies: Option<String>,
}

/// An NSG given inline or by reference.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum NsgRef {
    /// `from: path[#name]`, in any supported format.
    From {
        /// Path relative to the scenario, with an optional `#name`.
        from: String,
        /// ARM parameters file(s) for a template, relative to the scenario.
        #[serde(default)]
        parameters: OneOrMany,
    },
    /// Inline azegress YAML.
    Inline(NsgYaml),
}

/// A scenario with its parts loaded.
#[derive(Debug)]
pub struct Scenario {
    /// The document.
    pub doc: ScenarioDoc,
    /// Directory of the scenario file (relative paths start here).
    pub dir: PathBuf,
    /// NIC NSG, loaded.
    pub nic_nsg: Option<Nsg>,
    /// Subnet NSG, loaded.
    pub subnet_nsg: Option<Nsg>,
    /// Route table, loaded.
    pub route_table: Option<RouteTable>,
    /// Service endpoints of the subnet.
    pub service_endpoints: Vec<ServiceEndpoint>,
    /// Firewall, loaded.
    pub firewall: Option<Firewall>,
    /// Proxy settings found.
    pub proxy_found: Vec<FoundProxy>,
    /// The proxy's squid.conf.
    pub squid: Option<SquidConf>,
    /// Proxy VM NIC NSG.
    pub proxy_nic_nsg: Option<Nsg>,
    /// Proxy VM subnet NSG.
    pub proxy_subnet_nsg: Option<Nsg>,
    /// Proxy VM route table.
    pub proxy_route_table: Option<RouteTable>,
    /// The VM's subnet and NIC outbound facts (from `--resources --vm`), when known.
    pub outbound: Option<crate::model::Outbound>,
    /// Security admin rules the network manager resources apply to the VM's VNet (from `--resources --vm`).
    pub admin: Option<crate::model::AdminRules>,
}

/// Resolves `p` against the scenario's directory.
pub fn relative(dir: &Path, p: &str) -> String {
    let path = Path::new(p);
    if path.is_absolute() {
        p.to_string()
    } else {
        dir.join(path).to_string_lossy().into_owned()
    }
}

/// Reads a scenario file and the NSGs it names.
pub fn load_scenario(path: &str) -> Result<Scenario, Error> {
    let text = crate::ingest::read(path)?;
    parse_scenario(&text, path)
}

/// Parses scenario text; `path` names it and anchors relative paths.
pub fn parse_scenario(text: &str, path: &str) -> Result<Scenario, Error> {
    let doc: ScenarioDoc = crate::ingest::nsg_yaml::from_yaml(text, path, "not a scenario")?;
    let dir = Path::new(path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();

    let pos = crate::ingest::yaml_pos::YamlPos::of(text);
    validate_values(&doc, &pos, path)?;
    let l = Loader {
        dir: &dir,
        path,
        pos: &pos,
    };
    let mut proxy_found = Vec::new();
    let mut squid = None;
    let (mut proxy_nic_nsg, mut proxy_subnet_nsg, mut proxy_route_table) = (None, None, None);
    if let Some(p) = &doc.proxy {
        if let Some(u) = &p.url {
            proxy_found.push(crate::ingest::proxy::explicit_proxy(
                u,
                &format!("{path} proxy.url"),
            )?);
        }
        for (r, kind, key) in [
            (&p.waagent_conf, ProxyKind::Waagent, "waagent_conf"),
            (&p.environment, ProxyKind::Environment, "environment"),
            (&p.winhttp, ProxyKind::WinHttp, "winhttp"),
            (&p.registry, ProxyKind::Registry, "registry"),
        ] {
            if let Some(t) = r {
                proxy_found.push(match t {
                    TextRef::From { from } => {
                        crate::ingest::proxy::load(kind, &relative(&dir, from))?
                    }
                    TextRef::Text(body) => {
                        let name = format!("{path} (proxy.{key})");
                        match kind {
                            ProxyKind::Waagent => crate::ingest::proxy::parse_waagent(body, &name)?,
                            ProxyKind::Environment => {
                                crate::ingest::proxy::parse_environment(body, &name)?
                            }
                            ProxyKind::WinHttp => crate::ingest::proxy::parse_winhttp(body, &name)?,
                            _ => crate::ingest::proxy::parse_reg(body, &name)?,
                        }
                    }
                });
            }
        }
        squid = match &p.squid_conf {
            None => None,
            Some(TextRef::From { from }) => {
                Some(crate::ingest::proxy::load_squid(&relative(&dir, from))?)
            }
            Some(TextRef::Text(body)) => Some(crate::ingest::proxy::parse_squid(
                body,
                &format!("{path} (proxy.squid_conf)"),
            )?),
        };
        proxy_nic_nsg = l.nsg(&p.nic_nsg, "/proxy/nic_nsg")?;
        proxy_subnet_nsg = l.nsg(&p.subnet_nsg, "/proxy/subnet_nsg")?;
        proxy_route_table = l.route_table(&p.route_table, "/proxy/route_table")?;
    }
    let sc = Scenario {
        nic_nsg: l.nsg(&doc.nic_nsg, "/nic_nsg")?,
        subnet_nsg: l.nsg(&doc.subnet_nsg, "/subnet_nsg")?,
        route_table: l.route_table(&doc.route_table, "/route_table")?,
        service_endpoints: match &doc.subnet.service_endpoints {
            None => Vec::new(),
            Some(EndpointsDoc::From { from }) => {
                crate::ingest::subnet::load_service_endpoints(&relative(&dir, from))?
            }
            Some(EndpointsDoc::List(items)) => items
                .iter()
                .enumerate()
                .map(|(k, i)| match i {
                    EndpointItem::Name(n) => ServiceEndpoint {
                        service: n.clone(),
                        locations: Vec::new(),
                        origin: pos.origin(path, &format!("/subnet/service_endpoints/{k}")),
                    },
                    EndpointItem::Full { service, locations } => ServiceEndpoint {
                        service: service.clone(),
                        locations: locations.clone(),
                        origin: pos.origin(path, &format!("/subnet/service_endpoints/{k}")),
                    },
                })
                .collect(),
        },
        firewall: match &doc.firewall {
            None => None,
            Some(FirewallRef::Inline(y)) => Some(firewall_from_yaml(y, &pos, "/firewall", path)?),
            Some(FirewallRef::From {
                from,
                private_ip,
                parameters,
            }) => {
                let files: Vec<String> = from.strings().iter().map(|f| relative(&dir, f)).collect();
                let mut fw = l.with_parameters(parameters, || {
                    crate::ingest::topology::load_firewall(&files)
                })?;
                if let Some(ip) = private_ip {
                    fw.private_ip = Some(ip.trim().parse().map_err(|_| {
                        Error::at(
                            &pos.origin(path, "/firewall/private_ip"),
                            format!("firewall.private_ip `{ip}` is not an IP address"),
                        )
                    })?);
                }
                Some(fw)
            }
        },
        proxy_found,
        squid,
        proxy_nic_nsg,
        proxy_subnet_nsg,
        proxy_route_table,
        outbound: None,
        admin: None,
        doc,
        dir,
    };
    Ok(sc)
}

struct Loader<'a> {
    dir: &'a Path,
    path: &'a str,
    pos: &'a crate::ingest::yaml_pos::YamlPos,
}

impl Loader<'_> {
    /// Loads with the ARM parameters files a reference names (relative to the scenario).
    fn with_parameters<T>(
        &self,
        files: &OneOrMany,
        f: impl FnOnce() -> Result<T, Error>,
    ) -> Result<T, Error> {
        let files: Vec<String> = files
            .strings()
            .iter()
            .map(|p| relative(self.dir, p))
            .collect();
        if files.is_empty() {
            return f();
        }
        let values = crate::ingest::template::load_parameter_files(&files)?;
        crate::ingest::template::with_parameters(values, f)
    }

    fn nsg(&self, r: &Option<NsgRef>, base: &str) -> Result<Option<Nsg>, Error> {
        match r {
            None => Ok(None),
            Some(NsgRef::Inline(y)) => nsg_from_yaml(y, self.pos, base, self.path).map(Some),
            Some(NsgRef::From { from, parameters }) => {
                let nsgs = self.with_parameters(parameters, || {
                    crate::ingest::load_nsgs(&relative(self.dir, from))
                })?;
                pick_one(nsgs, from).map(Some)
            }
        }
    }

    fn route_table(
        &self,
        r: &Option<RouteTableRef>,
        base: &str,
    ) -> Result<Option<RouteTable>, Error> {
        match r {
            None => Ok(None),
            Some(RouteTableRef::Inline(y)) => {
                route_table_from_yaml(y, self.pos, base, self.path).map(Some)
            }
            Some(RouteTableRef::From { from, parameters }) => {
                let ts = self.with_parameters(parameters, || {
                    crate::ingest::routes::load_route_tables(&relative(self.dir, from))
                })?;
                crate::ingest::one_of(ts, |t| &t.name, from, "route table").map(Some)
            }
        }
    }
}

/// Values a scenario states directly are checked here, so an error names the scenario's line and column.
fn validate_values(
    doc: &ScenarioDoc,
    pos: &crate::ingest::yaml_pos::YamlPos,
    path: &str,
) -> Result<(), Error> {
    if let Some(ip) = &doc.vm.ip
        && ip.trim().parse::<std::net::IpAddr>().is_err()
    {
        return Err(Error::at(
            &pos.origin(path, "/vm/ip"),
            format!("vm.ip `{ip}` is not an IP address (e.g. 10.0.0.4)"),
        ));
    }
    for (i, n) in doc.vnet.address_space.iter().enumerate() {
        for part in n.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if crate::model::addr::parse_prefix(part).is_none() {
                return Err(Error::at(
                    &pos.origin(path, &format!("/vnet/address_space/{i}")),
                    format!("vnet.address_space `{part}` is not a CIDR prefix (e.g. 10.0.0.0/16)"),
                ));
            }
        }
    }
    Ok(())
}

/// Exactly one NSG from a file that may hold several.
pub fn pick_one(nsgs: Vec<Nsg>, file: &str) -> Result<Nsg, Error> {
    crate::ingest::one_of(nsgs, |n| &n.name, file, "NSG")
}
