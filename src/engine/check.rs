//! One check as a pure function of one plain value: [`PathInputs`] (everything gathered from the inputs)
//! goes in, a [`CheckReport`] comes out. No file, no network: `fix` changes the value and evaluates it again,
//! `gate` builds one per VM.

use super::firewall::FirewallEval;
use super::path::{Leg, PathSpec, ProxyAuth, ProxyPath};
use super::routes::Router;
use super::{Engine, Environment, PathOutcome, Source, StageInput};
use crate::diag::{self, Diagnostic};
use crate::engine;
use crate::error::Error;
use crate::model::*;
use crate::requirements::{self, Disks};
use crate::tags::ServiceTags;
use crate::tags::fqdn::{Host, blob_suffix};
use ipnet::IpNet;
use std::net::IpAddr;

/// Everything beyond the NSGs, after scenario and flags are merged.
#[derive(Clone, Default)]
pub struct Parts {
    /// The VM subnet's route table (or its effective routes).
    pub route_table: Option<RouteTable>,
    /// Service endpoints of the VM's subnet.
    pub endpoints: Vec<ServiceEndpoint>,
    /// The Azure Firewall routes may lead to.
    pub firewall: Option<Firewall>,
    /// Its private IP, when given apart from its file.
    pub firewall_ip: Option<IpAddr>,
    /// Proxy settings found in the guest's files.
    pub proxy_found: Vec<FoundProxy>,
    /// The proxy VM's IP, when the setting names a host.
    pub proxy_ip: Option<IpAddr>,
    /// The proxy's squid.conf.
    pub squid: Option<SquidConf>,
    /// The proxy VM's NIC NSG.
    pub proxy_nic: Option<Nsg>,
    /// The proxy VM's subnet NSG.
    pub proxy_subnet: Option<Nsg>,
    /// The proxy VM's route table.
    pub proxy_routes: Option<RouteTable>,
    /// The VM's OS, when given.
    pub os: Option<Os>,
    /// The storage host, when given whole.
    pub storage_host: Option<String>,
    /// The storage account the extension writes to.
    pub storage_account: Option<String>,
    /// The account's private endpoint.
    pub private_endpoint: Option<PrivateEndpoint>,
    /// The VM's subnet and NIC outbound facts (private subnet, NAT gateway, public IP), when given.
    pub outbound: Option<Outbound>,
    /// The effective security admin rules of the VM's VNet (empty: none given).
    pub admin: AdminRules,
}

/// Everything one check evaluates, gathered once from flags, scenario and files: a plain value that
/// `fix` changes and evaluates again, and `gate` builds once per VM.
#[derive(Clone)]
pub struct PathInputs {
    /// The path beyond the VM's NSGs.
    pub parts: Parts,
    /// The VM's region (`koreacentral`).
    pub region: String,
    /// The service tags in use (shared: a changed copy of the inputs keeps the same file).
    pub tags: std::sync::Arc<crate::tags::ServiceTags>,
    /// Managed or unmanaged disks (which ports).
    pub disks: Disks,
    /// Unencrypted storage account (port 80).
    pub unencrypted: bool,
    /// Explicit ports instead.
    pub ports: Option<Vec<u16>>,
    /// Check IPv6 prefixes too.
    pub ipv6: bool,
    /// The VM's private IP.
    pub vm_ip: Option<IpAddr>,
    /// The VNet's address space.
    pub vnet: Vec<IpNet>,
    /// The VM's application security groups, when given.
    pub vm_asgs: Option<Vec<String>>,
    /// The VM's NIC and subnet NSGs.
    pub nsgs: Gathered,
    /// Assumptions make an allowed verdict inconclusive.
    pub strict: bool,
    /// `--allow CODE` / `--deny CODE`.
    pub policy: crate::diag::Policy,
}

/// The VM's NSGs as gathered, and what reading them raised.
#[derive(Clone)]
pub struct Gathered {
    /// The NIC's NSG (shared: `gate` hands every path the NSG it read once; `fix` changes a copy).
    pub nic: Option<std::sync::Arc<Nsg>>,
    /// The subnet's NSG.
    pub subnet: Option<std::sync::Arc<Nsg>>,
    /// Warnings from reading them.
    pub warnings: Vec<Diagnostic>,
}

/// The NSG stages of a gathered pair, NIC first.
pub fn stages<'a>(g: &'a Gathered) -> Vec<StageInput<'a>> {
    let mut s = Vec::new();
    if let Some(n) = &g.nic {
        s.push(StageInput {
            nsg: n,
            attached: Attachment::Nic,
        });
    }
    if let Some(n) = &g.subnet {
        s.push(StageInput {
            nsg: n,
            attached: Attachment::Subnet,
        });
    }
    s
}

/// Cloud, changeNumber and source of a tag file, for reports.
pub fn tag_info(t: &ServiceTags) -> TagInfo {
    TagInfo {
        cloud: t.cloud.clone(),
        change_number: t.change_number,
        source: t.source.clone(),
    }
}

/// Where a workload destination's addresses come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DestAddresses {
    /// A published service tag (`AzureBackup`, `Storage.KoreaCentral`).
    Tag(String),
    /// A name with no service tag: every public address, decided only where all go the same way.
    Public(String),
}

/// How a workload destination uses a proxy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DestProxy {
    /// Always direct, whatever proxy the guest has (SAP HANA's Backup and Storage traffic).
    Direct,
    /// Through the proxy among the inputs, if any; `authenticates`: the workload can answer a proxy's
    /// credential challenge; `who` names it in messages.
    Proxy {
        /// It can send proxy credentials.
        authenticates: bool,
        /// The workload's name, for messages.
        who: String,
    },
}

/// One destination of a workload, as the check evaluates it (the VM backup check is the case `None`).
#[derive(Clone, Debug)]
pub struct DestSpec {
    /// What the user knows it as (`Microsoft Entra ID`).
    pub label: String,
    /// Its addresses.
    pub addresses: DestAddresses,
    /// The host name application rules and proxies see.
    pub host: Host,
    /// Required ports.
    pub ports: Vec<requirements::Requirement>,
    /// Proxy use.
    pub proxy: DestProxy,
    /// Azure Firewall FQDN tags taken to cover it (the assumption listed); others do not match it.
    pub fqdn_tags: Vec<String>,
    /// The private endpoint its name resolves to (instead of the storage account's, which it does not use).
    pub private_endpoint: Option<PrivateEndpoint>,
    /// The workload, when it does not support TLS inspection on an application rule.
    pub no_tls_inspection: Option<String>,
}

/// Evaluates gathered inputs: the whole path for every required flow. Pure: no file, no network.
pub fn evaluate(inp: &PathInputs) -> Result<CheckReport, Error> {
    evaluate_with(inp, None)
}

/// Evaluates one workload destination over the gathered inputs (see [`evaluate`]).
pub fn evaluate_destination(inp: &PathInputs, spec: &DestSpec) -> Result<CheckReport, Error> {
    evaluate_with(inp, Some(spec))
}

/// Every public IPv4 address (not private, shared, loopback, link-local or multicast space).
pub fn public_v4() -> Vec<IpNet> {
    let mut s = AddrSet::empty().union(&AddrSet::any()).only_v4();
    for n in [
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "168.63.129.16/32",
        "224.0.0.0/3",
    ] {
        if let Ok(n) = n.parse::<IpNet>() {
            s = s.difference(&AddrSet::from_net(n));
        }
    }
    s.to_cidrs()
}

fn evaluate_with(inp: &PathInputs, dspec: Option<&DestSpec>) -> Result<CheckReport, Error> {
    let PathInputs {
        parts,
        region,
        tags,
        disks,
        unencrypted,
        ports,
        ipv6,
        vm_ip,
        vnet,
        vm_asgs,
        nsgs: g,
        strict,
        policy,
    } = inp;
    let (disks, unencrypted, ipv6, vm_ip, strict) = (*disks, *unencrypted, *ipv6, *vm_ip, *strict);
    let region = region.clone();
    let mut warnings = g.warnings.clone();
    let mut assumptions = Vec::new();
    let env = Environment {
        tags,
        vnet: vnet.clone(),
        vm_ip,
        vm_asgs: vm_asgs.clone(),
        route_prefixes: Router::user_prefixes(parts.route_table.as_ref()),
    };

    let family = match dspec.map(|s| &s.addresses) {
        Some(DestAddresses::Tag(t)) => t.split('.').next().unwrap_or(t).to_string(),
        _ => requirements::destination_family(),
    };
    let public_nets;
    let public_prefixes;
    let (entry_name, prefixes) = match dspec.map(|s| &s.addresses) {
        None => {
            let entry = tags
                .regional(&family, &region)
                .ok_or_else(|| no_region(tags, &family, &region))?;
            (entry.name.clone(), tags.prefixes(entry)?)
        }
        Some(DestAddresses::Tag(t)) => {
            let entry = tags.get(t).ok_or_else(|| match t.split_once('.') {
                Some((fam, reg)) => no_region(tags, fam, reg),
                None => Error::Usage(format!(
                    "service tag `{t}` is not in {} (cloud {}, changeNumber {})",
                    tags.source, tags.cloud, tags.change_number
                )),
            })?;
            (entry.name.clone(), tags.prefixes(entry)?)
        }
        Some(DestAddresses::Public(name)) => {
            public_nets = public_v4();
            public_prefixes = crate::tags::TagPrefixes {
                set: std::sync::Arc::new(AddrSet::from_nets(&public_nets)),
                nets: public_nets.clone(),
            };
            (format!("{name} (public addresses)"), &public_prefixes)
        }
    };
    let regional_tag = matches!(
        dspec.map(|s| &s.addresses),
        None | Some(DestAddresses::Tag(_))
    ) && entry_name.contains('.');
    // a rule that nearly matched: it allows the Storage tag of another region
    for n in g.nic.iter().chain(g.subnet.iter()).filter(|_| regional_tag) {
        for r in n.rules.iter().filter(|r| {
            !r.is_default && r.direction == Direction::Outbound && r.access == Access::Allow
        }) {
            for item in &r.destination.items {
                if let AddrItem::Tag(t) = item
                    && let Some((fam, reg)) = t.split_once('.')
                    && fam.eq_ignore_ascii_case(&family)
                    && !t.eq_ignore_ascii_case(&entry_name)
                {
                    warnings.push(
                        Diagnostic::new(
                            &diag::WRONG_REGION_TAG,
                            format!(
                                "`{}` in NSG `{}` allows {t}, but the VM is in {region} and its backup writes to {}: the rule does not match ({reg} is another region)",
                                r.name, n.name, entry_name
                            ),
                        )
                        .at(&r.origin),
                    );
                }
            }
        }
    }
    // with a private endpoint the blob host resolves to it (reference §4.6, trap 20)
    let private_endpoint = match dspec {
        None => parts.private_endpoint.as_ref(),
        Some(s) => s.private_endpoint.as_ref(),
    };
    let (dest_name, nets) = match private_endpoint {
        Some(pe) => (
            format!("private endpoint {}", pe.ip),
            vec![IpNet::from(pe.ip)],
        ),
        None => (
            entry_name.clone(),
            prefixes
                .nets
                .iter()
                .copied()
                .filter(|n| ipv6 || matches!(n, IpNet::V4(_)))
                .collect(),
        ),
    };
    let dest = AddrSet::from_nets(&nets);

    let stage_inputs = stages(g);
    let eng = Engine::new(&env, &stage_inputs)?.with_admin(&parts.admin)?;
    warnings.extend(parts.admin.warnings.iter().cloned());
    // Azure expands VirtualNetwork to 0.0.0.0/0 in effective rules when a user route sends 0.0.0.0/0 to an
    // appliance: routes exist that were not given, and they may take storage traffic anywhere
    let tunnel_table;
    let route_table = match (&parts.route_table, forced_tunnel_seen(g)) {
        (None, Some(nsg)) => {
            warnings.push(Diagnostic::new(
                &diag::EFFECTIVE_VNET_EXPANDED,
                format!(
                    "effective rules of NSG `{nsg}` expand VirtualNetwork to 0.0.0.0/0: Azure does that when a user route sends 0.0.0.0/0 \
                     to an appliance, so the subnet has routes that were not given; the route stage is unknown until you pass them \
                     (az network nic show-effective-route-table)"
                ),
            ));
            tunnel_table = forced_tunnel_table(&nsg);
            Some(&tunnel_table)
        }
        (t, _) => t.as_ref(),
    };
    let mut router = Router::new(route_table, &parts.endpoints, &env, &region)?;
    if let Some(pe) = private_endpoint {
        if !vnet.is_empty() && !vnet.iter().any(|n| n.contains(&pe.ip)) {
            warnings.push(Diagnostic::new(
                &diag::PRIVATE_ENDPOINT_OUTSIDE_VNET,
                format!(
                    "storage private endpoint {} is outside the VNet address space given ({}): it is reached only through a peering or a route not given; pass the effective routes (az network nic show-effective-route-table)",
                    pe.ip,
                    vnet.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
        router.add_private_endpoint(pe);
        if dspec.is_none() {
            assumptions.push(Diagnostic::new(
            &diag::PRIVATE_ENDPOINT_DNS,
            format!(
                "storage private endpoint {}: the blob host is assumed to resolve to it (privatelink.blob zone linked to the VNet);              network policies {}: user routes {} it{}",
                pe.ip,
                pe.network_policies,
                if pe.route_tables_apply() { "that cover it apply to" } else { "do not apply to" },
                if pe.nsg_applies() {
                    "; its subnet's NSG (inbound) also applies and was not given"
                } else {
                    ""
                }
            ),
        ));
        }
    }
    warnings.extend(router.warnings.iter().cloned());
    if let Some(t) = &parts.route_table {
        warnings.extend(
            t.warnings
                .iter()
                .map(|w| w.clone().within(&format!("route table `{}`", t.name))),
        );
        if t.effective && !parts.endpoints.is_empty() {
            warnings.push(Diagnostic::new(
                &diag::EFFECTIVE_ROUTES_HOLD_ENDPOINTS,
                "effective routes already hold the subnet's service-endpoint routes; the service endpoints given are not added again",
            ));
        }
    }
    let fw_eval = parts
        .firewall
        .as_ref()
        .map(|fw| {
            FirewallEval::new(fw, &env).map(|mut e| {
                if let Some(s) = dspec {
                    e.fqdn_tag_scope = Some(s.fqdn_tags.clone());
                    e.no_tls_inspection = s.no_tls_inspection.clone();
                }
                e
            })
        })
        .transpose()?;
    if let Some(fw) = &parts.firewall {
        let ctx = format!("firewall `{}`", fw.name);
        warnings.extend(fw.warnings.iter().map(|w| w.clone().within(&ctx)));
        if let Some(e) = &fw_eval {
            warnings.extend(e.warnings.iter().map(|w| w.clone().within(&ctx)));
        }
        // a Virtual WAN route names the hub's firewall by id: no IP is needed to match it
        let named = parts.route_table.as_ref().is_some_and(|t| {
            t.routes.iter().any(|r| {
                r.next_hop_resource
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(&fw.name))
            })
        });
        if parts.firewall_ip.is_none() && !named {
            warnings.push(Diagnostic::new(
                &diag::FIREWALL_IP_NOT_GIVEN,
                format!(
                    "firewall `{}`: its private IP is not known (pass --firewall-ip or scenario `firewall.private_ip`); routes to an appliance are not matched to it",
                    fw.name
                ),
            ));
        }
        if fw
            .threat_intel_mode
            .as_deref()
            .is_some_and(|m| m.eq_ignore_ascii_case("Deny"))
        {
            assumptions.push(Diagnostic::new(
                &diag::THREAT_INTEL_DENY,
                format!(
                    "firewall `{}`: threat intelligence is in Deny mode and runs before all rules; {} addresses are assumed not to be on its feed",
                    fw.name,
                    dspec.map_or("Azure Storage", |s| s.label.as_str())
                ),
            ));
        }
    }

    // storage host
    let suffix = blob_suffix(&tags.cloud);
    let host = match (&parts.storage_host, &parts.storage_account) {
        _ if let Some(s) = dspec => s.host.clone(),
        (Some(h), _) => Host::Name(h.trim().to_ascii_lowercase()),
        (None, Some(a)) => Host::Name(format!("{}.{suffix}", a.trim().to_ascii_lowercase())),
        (None, None) => Host::AnyAccount(suffix.to_string()),
    };

    // proxy
    let os = parts
        .os
        .or_else(|| engine::proxy::os_from_inputs(&parts.proxy_found));
    let mut chosen = engine::proxy::choose(os.unwrap_or(Os::Linux), &parts.proxy_found);
    let auth = match dspec.map(|s| &s.proxy) {
        None => ProxyAuth::ByOs,
        Some(DestProxy::Direct) => {
            chosen.setting = None;
            ProxyAuth::ByOs
        }
        Some(DestProxy::Proxy {
            authenticates: true,
            who,
        }) => ProxyAuth::Can(who.clone()),
        Some(DestProxy::Proxy { who, .. }) => ProxyAuth::Cannot(who.clone()),
    };
    if os.is_none() && !parts.proxy_found.is_empty() {
        assumptions.push(Diagnostic::new(
            &diag::OS_NOT_GIVEN,
            "the VM's OS is not given (--os / vm.os): Linux assumed for the proxy rules",
        ));
    }
    warnings.extend(chosen.notes.iter().cloned());
    let mut proxy_used = None;
    let proxy_env;
    let proxy_stage_nsgs;
    let proxy_engine;
    let proxy_router;
    let mut proxy_path = None;
    let linux_waagent_proxy =
        os.unwrap_or(Os::Linux) == Os::Linux && chosen.kind == Some(ProxyKind::Waagent);
    if let Some(s) = &chosen.setting {
        let bypassed = engine::proxy::bypassed(s, &host);
        proxy_used = Some(ProxyUsed {
            host: s.host.clone(),
            port: s.port,
            setting: s.setting.clone(),
            os: os.unwrap_or(Os::Linux),
            bypassed,
        });
        if bypassed {
            warnings.push(
                Diagnostic::new(
                    &diag::ON_BYPASS_LIST,
                    format!(
                        "{}: {} is on the proxy bypass list, so the extension connects directly",
                        s.setting,
                        host.display()
                    ),
                )
                .at(&s.origin),
            );
        } else {
            let ip = s.host.parse::<IpAddr>().ok().or(parts.proxy_ip);
            proxy_env = Environment {
                tags,
                vnet: vnet.clone(),
                vm_ip: ip,
                vm_asgs: None,
                route_prefixes: Router::user_prefixes(parts.proxy_routes.as_ref()),
            };
            proxy_stage_nsgs = Gathered {
                nic: parts.proxy_nic.clone().map(std::sync::Arc::new),
                subnet: parts.proxy_subnet.clone().map(std::sync::Arc::new),
                warnings: Vec::new(),
            };
            let inputs = stages(&proxy_stage_nsgs);
            proxy_engine = Engine::new(&proxy_env, &inputs)?;
            proxy_router = {
                let mut r = Router::new(parts.proxy_routes.as_ref(), &[], &proxy_env, &region)?;
                if let Some(pe) = &parts.private_endpoint {
                    r.add_private_endpoint(pe);
                }
                r
            };
            if inputs.is_empty() {
                assumptions.push(Diagnostic::new(
                    &diag::PROXY_VM_NO_NSG,
                    "proxy VM: no NSG given for its NIC or subnet: not filtered",
                ));
            }
            if parts.proxy_routes.is_none() {
                assumptions.push(Diagnostic::new(
                    &diag::PROXY_VM_NO_ROUTES,
                    "proxy VM: no route table given: system routes of its VNet assumed",
                ));
            }
            if let Some(q) = &parts.squid {
                if let Some(b) =
                    engine::squid::ssl_bump_for(q, &host).filter(|d| d.action == "bump")
                {
                    assumptions.push(
                        Diagnostic::new(
                            &diag::SSL_BUMP,
                            format!(
                                "{}:{}: squid bumps TLS (ssl_bump bump): it presents its own certificate, so the VM must trust the proxy's CA for the extension's TLS to succeed (not verifiable offline)",
                                b.file, b.line
                            ),
                        )
                        .at(&Origin::at(&b.file, b.line)),
                    );
                }
                if !q.included.is_empty() {
                    assumptions.push(Diagnostic::new(
                        &diag::SQUID_INCLUDES,
                        format!(
                            "{}: include lines followed to the files given beside it: {}",
                            q.file,
                            q.included.join(", ")
                        ),
                    ));
                }
                for (inc, line) in &q.includes {
                    warnings.push(
                        Diagnostic::new(
                            &diag::SQUID_INCLUDE_MISSING,
                            format!(
                                "{}:{line}: `include {inc}` is not followed (no such file beside it); rules in it are not evaluated",
                                q.file
                            ),
                        )
                        .at(&Origin::at(&q.file, *line)),
                    );
                }
            }
            if let Some((line, why)) = parts
                .squid
                .as_ref()
                .and_then(|q| engine::squid::intercept_reason(q, s.port))
            {
                let file = parts.squid.as_ref().map_or("", |q| q.file.as_str());
                warnings.push(
                    Diagnostic::new(
                        &diag::PROXY_AT_INTERCEPT_PORT,
                        format!("the proxy setting names {}:{}: {why}", s.host, s.port),
                    )
                    .at(&Origin::at(file, line)),
                );
            }
            proxy_path = Some(ProxyPath {
                host: s.host.clone(),
                ip,
                port: s.port,
                squid: parts.squid.as_ref(),
                leg: Leg {
                    nsgs: &proxy_engine,
                    router: &proxy_router,
                    route_table: route_table_name(parts.proxy_routes.as_ref()),
                    source: ip.map_or(Source::Vm, Source::Ip),
                    no_outbound: None,
                },
                os: os.unwrap_or(Os::Linux),
                auth: auth.clone(),
            });
        }
    } else if dspec.is_none_or(|s| s.proxy != DestProxy::Direct) {
        let unused: Vec<&str> = [
            (parts.squid.is_some(), "squid.conf"),
            (parts.proxy_nic.is_some(), "the proxy VM's NIC NSG"),
            (parts.proxy_subnet.is_some(), "the proxy VM's subnet NSG"),
            (parts.proxy_routes.is_some(), "the proxy VM's route table"),
        ]
        .into_iter()
        .filter_map(|(given, what)| given.then_some(what))
        .collect();
        if let Some((p, l)) = parts.squid.as_ref().and_then(|q| q.intercept_ports.first()) {
            warnings.push(Diagnostic::new(
                &diag::SQUID_INTERCEPT,
                format!(
                    "squid.conf:{l} listens transparently (intercept) on port {p}: a transparent proxy is reached by routing, not by a guest setting; \
                     the path evaluated is direct — pass the route table whose route leads to the proxy VM, and the proxy with --proxy to evaluate it"
                ),
            ));
        }
        if !unused.is_empty() {
            warnings.push(Diagnostic::new(
                &diag::PROXY_INPUTS_UNUSED,
                format!(
                    "{} given, but no proxy setting the extension uses: the path is direct and {} not evaluated",
                    unused.join(", "),
                    if unused.len() == 1 { "it is" } else { "they are" }
                ),
            ));
        }
    }

    // a private subnet without an explicit outbound method reaches no public endpoint (§10.1)
    let no_outbound = parts.outbound.as_ref().and_then(no_outbound);
    let path = |proxy| PathSpec {
        vm: Leg {
            nsgs: &eng,
            router: &router,
            route_table: route_table_name(parts.route_table.as_ref()),
            source: vm_ip.map_or(Source::Vm, Source::Ip),
            no_outbound: no_outbound.clone(),
        },
        firewall: fw_eval.as_ref(),
        firewall_ip: parts.firewall_ip,
        firewall_name: parts
            .firewall
            .as_ref()
            .map_or_else(|| "firewall".into(), |f| f.name.clone()),
        proxy,
        host: host.clone(),
        dest_name: dest_name.clone(),
        vnet: env.vnet_space(),
    };
    let has_proxy = proxy_path.is_some();
    if has_proxy && !parts.admin.is_empty() {
        assumptions.push(Diagnostic::new(
            &diag::ADMIN_VM_LEG_ONLY,
            "security admin rules applied to the VM's traffic only: the proxy VM's VNet is assumed to have none beyond them (pass its effective admin rules if it lies in another VNet)",
        ));
    }
    let spec = path(proxy_path);

    if vnet.is_empty() {
        assumptions.push(Diagnostic::new(&diag::NO_VNET, format!("no --vnet: the VNet is assumed to lie in private space ({}); `VirtualNetwork` and `Internet` follow from that", engine::resolve_assumed())));
    }
    if vm_ip.is_none() {
        assumptions.push(Diagnostic::new(
            &diag::NO_VM_IP,
            "no --vm-ip: rules whose source is a specific prefix may be inconclusive",
        ));
    }
    if stage_inputs.is_empty() {
        assumptions.push(Diagnostic::new(
            &diag::NO_NSG,
            format!(
                "no NSG given: with no NSG on the NIC or the subnet, Azure filters nothing at this stage ({})",
                crate::learn::NSG
            ),
        ));
    }
    if let Some(t) = parts
        .route_table
        .as_ref()
        .filter(|t| !t.effective && !t.disable_bgp_propagation)
    {
        assumptions.push(Diagnostic::new(
            &diag::BGP_ROUTES,
            format!(
                "route table `{}` propagates gateway routes: routes learned over BGP from a VPN or ExpressRoute gateway (an advertised 0.0.0.0/0 \
                 forces traffic on-premises) are not in it; pass the effective routes (az network nic show-effective-route-table) to include them",
                t.name
            ),
        ));
    }
    if parts.route_table.is_none() {
        assumptions.push(Diagnostic::new(
            &diag::NO_ROUTE_TABLE,
            "no route table given: the subnet's system routes are assumed (0.0.0.0/0 → Internet)",
        ));
    }
    if private_endpoint.is_none()
        && !ipv6
        && prefixes.nets.iter().any(|n| matches!(n, IpNet::V6(_)))
    {
        assumptions.push(Diagnostic::new(
            &diag::IPV6_NOT_CHECKED,
            format!("IPv6 prefixes of {dest_name} not checked (pass --ipv6)"),
        ));
    }
    // The Linux VMBackup extension's code may skip a configured proxy (what-users-ask §1.2): check the direct path too.
    let direct = (linux_waagent_proxy && has_proxy && dspec.is_none()).then(|| path(None));
    let mut flows = Vec::new();
    let required = match dspec {
        None => requirements::select(disks, unencrypted, ports.as_deref()),
        Some(s) => s.ports.clone(),
    };
    for req in required {
        let f = flow_result(&spec, req.port, (&dest, &nets), &dest_name, req.purpose);
        if let Some(d) = &direct {
            let df = flow_result(d, req.port, (&dest, &nets), &dest_name, String::new());
            if df.verdict != f.verdict {
                warnings.push(Diagnostic::new(
                    &diag::LINUX_DIRECT,
                    format!(
                        "{}/tcp: the Linux VMBackup extension's code (HttpUtil.py, change f1e79bfa) may connect directly even with \
                         HttpProxy.* set (observed in the code, verify on the VM); the direct path is {}: {}",
                        req.port,
                        format!("{:?}", df.verdict).to_lowercase(),
                        df.why
                    ),
                ));
            }
        }
        flows.push(match dspec.map(|s| &s.addresses) {
            Some(DestAddresses::Public(name)) => no_tag_verdict(f, name),
            _ => f,
        });
    }
    if let Some(fw) = &parts.firewall
        && !flows
            .iter()
            .any(|f| f.hops.iter().any(|h| h.hop == "firewall"))
    {
        let why = match &parts.route_table {
            None => {
                "no route table given, so the subnet's system routes send 0.0.0.0/0 to Internet"
                    .to_string()
            }
            Some(t)
                if t.routes.iter().any(|r| {
                    r.next_hop_resource
                        .as_deref()
                        .is_some_and(|n| n.eq_ignore_ascii_case(&fw.name))
                }) =>
            {
                format!(
                    "the virtual hub's route to it is overridden for the storage traffic by a more specific or user route of route table `{}`",
                    t.name
                )
            }
            Some(t) => format!(
                "no route in route table `{}` sends the storage traffic to {}",
                t.name,
                parts.firewall_ip.map_or_else(
                    || "its IP (not known: --firewall-ip)".to_string(),
                    |ip| ip.to_string()
                )
            ),
        };
        warnings.push(
            Diagnostic::new(
                &diag::FIREWALL_NOT_ON_PATH,
                format!("Azure Firewall `{}` is not on the path: {why}", fw.name),
            )
            .at(&fw.origin),
        );
    }
    // the subnet's outbound facts not among the inputs, and a route sends storage to the Internet
    if parts.outbound.is_none()
        && flows.iter().any(|f| {
            f.hops.iter().filter(|h| h.hop == "route").any(|h| {
                h.decisions.iter().any(|d| {
                    d.access == DecisionAccess::Allow
                        && d.next_hop
                            .as_deref()
                            .is_some_and(|n| n.starts_with("Internet"))
                })
            })
        })
    {
        assumptions.push(Diagnostic::new(
            &diag::DEFAULT_OUTBOUND_ASSUMED,
            format!(
                "the subnet's outbound facts are not given: it is assumed to have default outbound access (a subnet of a VNet \
                 created with API 2025-07-01 or later is private by default and needs a NAT gateway, a public IP or a \
                 load-balancer outbound rule); pass the subnet (`az network vnet subnet show`) to check it ({})",
                crate::learn::DEFAULT_OUTBOUND
            ),
        ));
    }
    // an allow that rests on the documented AzureBackup FQDN tag: listed as the assumption it is
    for f in &flows {
        for d in f
            .hops
            .iter()
            .filter(|h| h.hop == "firewall")
            .flat_map(|h| h.decisions.iter())
            .filter(|d| d.access == DecisionAccess::Allow)
        {
            if let Some(r) = &d.reason
                && !assumptions.iter().any(|a| &a.message == r)
            {
                assumptions.push(Diagnostic::new(&diag::FQDN_TAG_ASSUMED, r.clone()));
            }
        }
    }
    let mut verdict = Overall::of(&flows.iter().map(|f| f.verdict).collect::<Vec<_>>());
    let mut diagnostics = warnings;
    diagnostics.extend(assumptions);
    policy.apply(&mut diagnostics);
    // --strict: exactly the assumptions make a reachable verdict unknown (an allowed one was dropped above)
    let assumed = diagnostics
        .iter()
        .filter(|d| d.kind == diag::Kind::Assumption)
        .count();
    if strict && verdict == Overall::Reachable && assumed > 0 {
        verdict = Overall::Unknown;
        diagnostics.insert(
            0,
            Diagnostic::new(
                &diag::STRICT_UNKNOWN,
                format!(
                    "--strict: reachable only under {assumed} assumption(s) listed below; each is a gap in the evidence, so the verdict is inconclusive"
                ),
            ),
        );
    }
    // --deny CODE: a refused diagnostic leaves no reachable verdict
    if let Some(d) = diagnostics
        .iter()
        .find(|d| d.severity == diag::Severity::Error && policy.denies(d))
        .cloned()
        && verdict == Overall::Reachable
    {
        verdict = Overall::Unknown;
        diagnostics.insert(
            0,
            Diagnostic::new(
                &diag::DENIED_CODE,
                format!("--deny {}: {}", d.code, d.message),
            ),
        );
    }
    // a Terraform configuration left unknown something that can change the verdict
    if verdict == Overall::Reachable
        && diagnostics
            .iter()
            .any(|d| d.code == diag::TERRAFORM_UNKNOWN.code)
    {
        verdict = Overall::Unknown;
    }
    Ok(CheckReport {
        schema_version: 2,
        verdict,
        region,
        service_tags: tag_info(tags),
        storage_host: host.display(),
        proxy: proxy_used,
        next_steps: next_steps(&flows),
        flows,
        diagnostics,
    })
}

/// A destination with no service tag is decided only where every public address goes the same way; a
/// rule deciding part of them leaves it inconclusive, naming the name and that rule.
fn no_tag_verdict(mut f: FlowResult, name: &str) -> FlowResult {
    if f.verdict != FlowVerdict::Partial {
        return f;
    }
    let rule = f.blocked_by.take().map_or_else(
        || "a rule on the path".to_string(),
        |b| match b.nsg {
            Some(n) => format!("`{}` in NSG `{n}`", b.rule),
            None => format!("`{}` ({})", b.rule, b.name.unwrap_or_default()),
        },
    );
    let msg = format!(
        "`{name}` has no service tag and its addresses are not known offline: {rule} decides only part of the public address space, so whether it lets TCP {} to `{name}` through is not known",
        f.port
    );
    f.verdict = FlowVerdict::Unknown;
    f.why = format!("cannot decide offline: {msg}");
    f.unknowns
        .insert(0, Diagnostic::new(&diag::UNKNOWN_PART, msg));
    f
}

/// Is the flow blocked at the route stage because its subnet is private and has no explicit outbound
/// method (reference §10.1)?
pub fn is_private_subnet_block(f: &FlowResult) -> bool {
    f.blocked_by
        .as_ref()
        .is_some_and(|b| b.cause == Some(CAUSE_PRIVATE_SUBNET))
}

/// What a route to the Internet decides from a private subnet: denied without an explicit outbound method,
/// unknown when the method cannot be decided offline; `None` when the subnet is not private or has one.
fn no_outbound(o: &Outbound) -> Option<(DecisionAccess, String)> {
    if o.explicit.is_some() {
        return None;
    }
    if o.private.is_none()
        && let Some(u) = &o.private_unknown
    {
        return Some((
            DecisionAccess::Unknown,
            format!(
                "whether subnet `{}` is a private subnet (no default outbound access to Storage's public endpoints) is not known offline: {u} ({})",
                o.subnet,
                crate::learn::DEFAULT_OUTBOUND
            ),
        ));
    }
    let why = o.private.as_ref()?;
    let base = format!(
        "subnet `{}` is a private subnet ({why}) and has no NAT gateway, public IP or load-balancer outbound rule: no path to \
         Storage's public endpoints ({})",
        o.subnet,
        crate::learn::DEFAULT_OUTBOUND
    );
    Some(match &o.unknown {
        Some(u) => (DecisionAccess::Unknown, format!("{base}, unless {u}")),
        None => (DecisionAccess::Deny, base),
    })
}

/// The smallest change that repairs each blocked flow, in the words an engineer would use.
fn next_steps(flows: &[FlowResult]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in flows
        .iter()
        .filter(|f| matches!(f.verdict, FlowVerdict::Denied | FlowVerdict::Partial))
    {
        let Some(b) = &f.blocked_by else { continue };
        let port = f.port;
        let dest = &f.destination;
        let step = match b.hop {
            "nsg" => format!(
                "add an outbound Allow TCP {port} rule to {dest} in NSG `{}`{} at a priority number below {} (rules are evaluated lowest number first)",
                b.nsg.as_deref().unwrap_or("?"),
                b.attached_to.map_or_else(String::new, |a| format!(
                    " ({})",
                    a.to_string().to_uppercase()
                )),
                b.priority.unwrap_or(0)
            ),
            "route" if is_private_subnet_block(f) => format!(
                "the subnet is private and has no explicit outbound method: attach a NAT gateway to it (or give the NIC a public \
                 IP, or put it behind a load balancer with an outbound rule, or route {dest} through a firewall that has its own \
                 egress) ({})",
                crate::learn::DEFAULT_OUTBOUND
            ),
            "route" => format!(
                "route `{}`{} drops or diverts {dest}: add a user route {dest} → Internet, or a Microsoft.Storage service endpoint on the subnet",
                b.rule,
                b.name
                    .as_deref()
                    .map_or_else(String::new, |n| format!(" in route table `{n}`"))
            ),
            "admin" => format!(
                "{} denies it before any NSG, so no NSG rule repairs it: the network manager's owners must add an AlwaysAllow (or Allow) security admin rule for TCP {port} to {dest} at a priority number below {} in that configuration",
                b.rule,
                b.priority.unwrap_or(0)
            ),
            "firewall" => format!(
                "in Azure Firewall `{}`, add a network rule TCP {port} to {dest} (or an application rule Https:{port} for the blob host) before `{}`",
                b.name.as_deref().unwrap_or("?"),
                b.rule
            ),
            "proxy" if b.rule.starts_with("http_port ") && b.rule.ends_with(" intercept") => {
                format!(
                    "set the VM's proxy to squid's forward port, not its intercept port {} (`{}`): an intercept port does not serve explicitly configured clients",
                    b.name.as_deref().unwrap_or("?"),
                    b.rule
                )
            }
            "proxy" => format!(
                "on proxy {}, allow {} before {}",
                b.name.as_deref().unwrap_or("?"),
                f.hops.iter().find(|h| h.hop == "proxy").map_or_else(
                    || format!("CONNECT to the blob host on port {port}"),
                    |h| h.target.clone()
                ),
                b.origin.as_deref().map_or_else(
                    || format!("`{}`", b.rule),
                    |o| format!("{o} (`{}`)", b.rule)
                )
            ),
            _ => continue,
        };
        let step = format!("{port}/tcp: {step}");
        if !out.contains(&step) {
            out.push(step);
        }
    }
    let option = flows
        .iter()
        .filter_map(|f| f.blocked_by.as_ref())
        .map(|b| match b.hop {
            "firewall" => "firewall",
            "admin" => "nsg",
            "route" => "route",
            "proxy" => "proxy",
            _ => "nsg",
        })
        .next();
    if let Some(o) = option {
        out.push(format!(
            "`azegress fix` with the same inputs (--option {o}, or auto) generates this change as az, PowerShell, ARM, Bicep or Terraform and proves it by checking again"
        ));
    }
    out
}

/// The NSG whose effective rules expand `VirtualNetwork` to 0.0.0.0/0 (a forced tunnel Azure reveals there).
fn forced_tunnel_seen(g: &Gathered) -> Option<String> {
    let all: IpNet = "0.0.0.0/0".parse().ok()?;
    g.nic.iter().chain(g.subnet.iter()).find_map(|n| {
        n.rules
            .iter()
            .flat_map(|r| r.source.items.iter().chain(r.destination.items.iter()))
            .any(|i| {
                matches!(i, AddrItem::Expanded(e)
                    if e.tag.eq_ignore_ascii_case("VirtualNetwork") && e.prefixes.contains(&all))
            })
            .then(|| n.name.clone())
    })
}

/// A route table standing for the routes the effective rules reveal but nobody gave: every route unknown.
fn forced_tunnel_table(nsg: &str) -> RouteTable {
    let what = format!("a user route to an appliance, revealed by the effective rules of `{nsg}`");
    RouteTable {
        name: "routes not given".into(),
        routes: vec![Route {
            name: "forced tunnel (not given)".into(),
            prefix: RoutePrefix::Unknown(what.clone()),
            next_hop: NextHop::Unknown(what),
            next_hop_ip: None,
            next_hop_resource: None,
            source: RouteSource::User,
            origin: Origin::default(),
        }],
        effective: false,
        disable_bgp_propagation: false,
        origin: Origin::default(),
        warnings: Vec::new(),
    }
}

/// Walks one required flow along `spec` and shapes the result.
fn flow_result(
    spec: &PathSpec<'_>,
    port: u16,
    (dest, nets): (&AddrSet, &[IpNet]),
    dest_name: &str,
    purpose: String,
) -> FlowResult {
    let w = spec.walk(port, dest, nets);
    let out = PathOutcome {
        admin: Vec::new(),
        stages: Vec::new(),
        allowed: w.allowed,
        denied: w.denied,
        unknown: w.unknown,
    };
    let verdict = engine::flow_verdict(dest, &out);
    let (counts, first_denied) = engine::count_prefixes(nets, &out);
    let mut unknowns: Vec<Diagnostic> = Vec::new();
    for d in w.hops.iter().flat_map(|h| h.decisions.iter()) {
        if d.access == DecisionAccess::Unknown
            && let Some(r) = &d.reason
            && !unknowns.iter().any(|u| &u.message == r)
        {
            let mut u = Diagnostic::new(&diag::UNKNOWN_PART, r.clone());
            u.location = d
                .origin
                .as_deref()
                .and_then(crate::model::gate::Loc::parse)
                .map(|l| diag::Location {
                    file: l.file,
                    line: l.line,
                    col: l.col,
                    pointer: d.pointer.clone().unwrap_or_default(),
                });
            unknowns.push(u);
        }
    }
    let why = explain(
        verdict,
        dest_name,
        port,
        &w.hops,
        w.blocked_by.as_ref(),
        &counts,
        &unknowns,
    );
    FlowResult {
        port,
        protocol: Protocol::Tcp,
        destination: dest_name.to_string(),
        verdict,
        prefixes: counts,
        stages: w.stages,
        hops: w.hops,
        blocked_by: w.blocked_by,
        first_denied_prefix: first_denied,
        unknowns,
        why,
        purpose,
    }
}

fn route_table_name(t: Option<&RouteTable>) -> String {
    t.map_or_else(|| "system routes".into(), |t| t.name.clone())
}

fn no_region(tags: &ServiceTags, family: &str, region: &str) -> Error {
    if region.trim().is_empty() || region.starts_with('[') || region.starts_with('\u{0}') {
        return Error::Usage(
            "the region is not known offline (the resource names none, or names it by a template expression such as \
             resourceGroup().location): pass --region"
                .into(),
        );
    }
    let want = region.to_ascii_lowercase().replace([' ', '-'], "");
    let mut close: Vec<&str> = tags
        .regions_of(family)
        .into_iter()
        .filter(|r| {
            let r = r.to_ascii_lowercase();
            r.contains(&want) || want.contains(&r) || r.get(..4) == want.get(..4)
        })
        .collect();
    close.truncate(6);
    let hint = if close.is_empty() {
        format!(
            "; is it a region of another cloud? this file is cloud {}",
            tags.cloud
        )
    } else {
        format!("; did you mean {}?", close.join(", "))
    };
    Error::Usage(format!(
        "region `{region}`: no `{family}.<Region>` tag for it in {} (cloud {}, changeNumber {}){hint}",
        tags.source, tags.cloud, tags.change_number
    ))
}

/// A hop's allow, in words (`nic NSG vm1-nsg securityRules/X`, `route Default:0.0.0.0/0 → Internet`).
fn allow_text(h: &Hop) -> Option<String> {
    let d = h
        .decisions
        .iter()
        .find(|d| d.access == DecisionAccess::Allow)?;
    Some(match h.hop {
        "nsg" => format!(
            "{} {} ({})",
            h.attached_to.map_or_else(String::new, |a| a.to_string()),
            d.rule,
            h.name
        ),
        "route" => format!(
            "route {} → {}",
            d.rule,
            d.next_hop.clone().unwrap_or_default()
        ),
        "firewall" => format!("firewall {} rule {}", h.name, d.rule),
        "proxy" => format!("proxy {} `{}`", h.name, d.rule),
        // an admin Allow only hands on to the NSGs; AlwaysAllow decides
        "admin" => {
            let d = h.decisions.iter().find(|d| {
                d.access == DecisionAccess::Allow
                    && d.reason
                        .as_deref()
                        .is_some_and(|r| r.starts_with(engine::ADMIN_ALWAYS))
            })?;
            format!("{} (AlwaysAllow, NSGs not evaluated)", d.rule)
        }
        _ => return None,
    })
}

fn explain(
    v: FlowVerdict,
    dest: &str,
    port: u16,
    hops: &[Hop],
    b: Option<&BlockedBy>,
    c: &PrefixCounts,
    unknowns: &[Diagnostic],
) -> String {
    let allows: Vec<String> = hops.iter().filter_map(allow_text).collect();
    let where_ = |b: &BlockedBy| -> String {
        let name = b.name.clone().unwrap_or_default();
        let at = b
            .origin
            .as_ref()
            .map(|o| format!(" ({o})"))
            .unwrap_or_default();
        match b.hop {
            "nsg" => format!(
                "{} (priority {}) in the {} NSG `{}`",
                b.rule,
                b.priority.unwrap_or(0),
                b.attached_to.map_or_else(String::new, |a| a.to_string()),
                b.nsg.clone().unwrap_or_default()
            ),
            "route" => format!("route `{}` in `{name}`{at}", b.rule),
            "firewall" => format!("firewall `{name}`: {}{at}", b.rule),
            "admin" => format!("{} (priority {}){at}", b.rule, b.priority.unwrap_or(0)),
            _ => format!("proxy {name}: `{}`{at}", b.rule),
        }
    };
    let deny_reason = |b: &BlockedBy| -> String {
        hops.iter()
            .filter(|h| h.hop == b.hop && h.leg == b.leg)
            .flat_map(|h| h.decisions.iter())
            .find(|d| d.access == DecisionAccess::Deny && d.rule == b.rule)
            .and_then(|d| d.reason.clone())
            .filter(|_| b.hop != "nsg")
            .map(|r| format!(": {r}"))
            .unwrap_or_default()
    };
    let leg = |b: &BlockedBy| match b.leg {
        "vm-to-proxy" => " on the way to the proxy",
        "proxy-to-storage" => " from the proxy",
        _ => "",
    };
    match v {
        FlowVerdict::Allowed if allows.is_empty() => {
            format!("TCP {port} to {dest} is not filtered on this path")
        }
        FlowVerdict::Allowed => format!(
            "TCP {port} to all of {dest} allowed by {}",
            allows.join(", then ")
        ),
        FlowVerdict::Denied => match b {
            Some(b) => format!(
                "TCP {port} to {dest} denied{} by {}{}",
                leg(b),
                where_(b),
                deny_reason(b)
            ),
            None => format!("TCP {port} to {dest} denied"),
        },
        FlowVerdict::Partial => match b {
            Some(b) => format!(
                "{} of {} prefixes of {dest} denied on TCP {port}{} by {}{}",
                c.denied + c.partial,
                c.total,
                leg(b),
                where_(b),
                deny_reason(b)
            ),
            None => format!("part of {dest} denied on TCP {port}"),
        },
        FlowVerdict::Unknown => format!(
            "cannot decide offline: {}",
            unknowns
                .first()
                .map(|u| u.message.clone())
                .unwrap_or_default()
        ),
    }
}
