//! The commands, as library calls: gather inputs (ingest), evaluate (engine), return a report.
//! `main.rs` only parses arguments into these options and maps the outcome to an exit code.

mod check;
pub mod diagnose;
pub mod diff;
pub mod fix;
pub mod gate;
pub mod probe;
pub mod tags_update;
pub mod workload;
pub mod write;

use crate::diag::{self, Diagnostic};
use crate::engine::{Engine, Environment};
use crate::error::Error;
use crate::ingest::{self, scenario};
use crate::model::*;
use crate::requirements::Disks;
use crate::tags::{ServiceTags, parse_prefix};
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

pub use crate::model::tags::{
    TagChange, TagDiffReport, TagHit, TagLookupReport, TagShowReport, TagsInfoReport,
};

/// Options of `azegress check` (flags override the scenario).
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Scenario YAML.
    pub scenario: Option<String>,
    /// NIC NSG file (`FILE[#name]`).
    pub nic_nsg: Option<String>,
    /// Subnet NSG file.
    pub subnet_nsg: Option<String>,
    /// `az network nic list-effective-nsg` output holding NIC and/or subnet NSGs.
    pub effective_nsg: Option<String>,
    /// Region (`koreacentral`).
    pub region: Option<String>,
    /// Disk kind.
    pub disks: Option<Disks>,
    /// Unencrypted storage account (unmanaged disks → port 80).
    pub unencrypted_storage: bool,
    /// Explicit ports.
    pub ports: Option<Vec<u16>>,
    /// VM private IP.
    pub vm_ip: Option<String>,
    /// VNet address space (repeatable).
    pub vnet: Vec<String>,
    /// Service-tag file.
    pub service_tags: Option<String>,
    /// Include IPv6 prefixes.
    pub ipv6: bool,
    /// ARM parameters files for the templates read (later files win).
    pub parameters: Vec<String>,
    /// Every assumption turns an allowed verdict into unknown (exit 3): for CI, where an assumption is a gap.
    pub strict: bool,
    /// `--allow CODE` / `--deny CODE`.
    pub policy: crate::diag::Policy,
    /// Files of resources (az lists, Resource Graph exports, templates) to find `vm`'s path in.
    pub resources: Vec<String>,
    /// Terraform variable values for configurations among `resources`.
    pub tf_vars: crate::ingest::tf_config::VarInputs,
    /// The VM whose path to check, found in `resources`.
    pub vm: Option<String>,
    /// Route table (or effective routes) of the VM's subnet (`FILE[#name]`).
    pub route_table: Option<String>,
    /// Firewall file(s): firewall, policy, rule collection groups (`FILE[#name]`).
    pub firewall: Vec<String>,
    /// The firewall's private IP.
    pub firewall_ip: Option<String>,
    /// Service endpoints of the subnet: a subnet JSON file or `Microsoft.Storage,…`.
    pub service_endpoints: Option<String>,
    /// Proxy URL the extension uses.
    pub proxy: Option<String>,
    /// The proxy VM's IP (when the proxy setting names a host).
    pub proxy_ip: Option<String>,
    /// `/etc/waagent.conf`.
    pub waagent_conf: Option<String>,
    /// `/etc/environment`.
    pub proxy_env: Option<String>,
    /// `netsh winhttp show proxy` output.
    pub winhttp: Option<String>,
    /// `.reg` export of the SYSTEM account's Internet Settings.
    pub proxy_reg: Option<String>,
    /// The proxy's squid.conf.
    pub squid_conf: Option<String>,
    /// NSG on the proxy VM's NIC.
    pub proxy_nic_nsg: Option<String>,
    /// NSG on the proxy VM's subnet.
    pub proxy_subnet_nsg: Option<String>,
    /// Route table of the proxy VM's subnet.
    pub proxy_route_table: Option<String>,
    /// The VM's OS.
    pub os: Option<Os>,
    /// Storage account name (the blob host application rules and proxies see).
    pub storage_account: Option<String>,
    /// IP of the storage account's private endpoint.
    pub private_endpoint: Option<String>,
    /// `privateEndpointNetworkPolicies` of the endpoint's subnet.
    pub private_endpoint_policies: Option<String>,
    /// Effective security admin rules of the VM's VNet (`az network manager
    /// list-effective-security-admin-rule`, `Get-AzNetworkManagerEffectiveSecurityAdminRule`), repeatable.
    pub admin_rules: Vec<String>,
}

/// Options of `azegress flow`.
#[derive(Clone, Debug)]
pub struct FlowOptions {
    /// Direction.
    pub direction: Direction,
    /// Tcp or Udp.
    pub protocol: Protocol,
    /// `IP:PORT` of the VM.
    pub local: String,
    /// `IP:PORT` of the other end.
    pub remote: String,
    /// NIC NSG file.
    pub nic_nsg: Option<String>,
    /// Subnet NSG file.
    pub subnet_nsg: Option<String>,
    /// Effective-rules file.
    pub effective_nsg: Option<String>,
    /// VNet address space.
    pub vnet: Vec<String>,
    /// Service-tag file.
    pub service_tags: Option<String>,
    /// ASGs the VM's NIC belongs to.
    pub vm_asgs: Option<Vec<String>>,
    /// Effective security admin rules of the VM's VNet, repeatable.
    pub admin_rules: Vec<String>,
}

/// A usage error (exit 2).
pub fn usage(msg: &str) -> Error {
    Error::Usage(msg.to_string())
}

/// Loads `--service-tags FILE`; without it, the newest Public file `azegress tags update` cached, when its
/// own changeNumber is not older than the bundled snapshot's, else the bundled snapshot (see
/// `tags::newest`: unreadable cached files are skipped with a warning).
pub fn load_tags(path: Option<&str>) -> Result<ServiceTags, Error> {
    if let Some(p) = path {
        return ServiceTags::parse(&ingest::read(p)?, p);
    }
    Ok(ServiceTags::in_use())
}

/// The warnings about the tag file in use: cached files skipped on loading it, and its age when it is more
/// than 30 days old today.
pub(crate) fn stale_tags(t: &ServiceTags) -> Vec<Diagnostic> {
    let mut w: Vec<Diagnostic> = t.load_warnings().to_vec();
    w.extend(
        crate::tags::cache::staleness(&t.source, crate::tags::cache::Date::today())
            .map(|m| Diagnostic::new(&diag::TAGS_STALE, m)),
    );
    w
}

pub(crate) fn parse_vnet(v: &[String], what: &str) -> Result<Vec<IpNet>, Error> {
    v.iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            parse_prefix(s).ok_or_else(|| {
                Error::Usage(format!(
                    "{what}: `{s}` is not a CIDR prefix such as 10.0.0.0/16"
                ))
            })
        })
        .collect()
}

/// The NSG for one attachment from a file: effective-rules output may hold both NIC and subnet NSGs.
fn nsg_for(arg: &str, want: Attachment, warnings: &mut Vec<Diagnostic>) -> Result<Nsg, Error> {
    let (path, _) = ingest::split_selector(arg);
    let mut nsgs = ingest::load_nsgs(arg)?;
    if nsgs.len() > 1 && nsgs.iter().any(|n| n.attached_hint.is_some()) {
        nsgs.retain(|n| n.attached_hint == Some(want));
        if nsgs.is_empty() {
            return Err(Error::input(
                path,
                0,
                format!("effective rules hold no NSG associated with the {want}"),
            ));
        }
    }
    let nsg = scenario::pick_one(nsgs, path)?;
    if let Some(h) = nsg.attached_hint
        && h != want
    {
        warnings.push(
            Diagnostic::new(
                &diag::NSG_SLOT_MISMATCH,
                format!(
                    "{path}: NSG `{}` is associated with the {h} in this file but was given as the {want} NSG",
                    nsg.name
                ),
            )
            .at(&nsg.origin),
        );
    }
    Ok(nsg)
}

fn effective_pair(arg: &str) -> Result<(Option<Nsg>, Option<Nsg>), Error> {
    let (path, _) = ingest::split_selector(arg);
    let nsgs = ingest::load_nsgs(arg)?;
    let mut nic = None;
    let mut subnet = None;
    for n in nsgs {
        match n.attached_hint {
            Some(Attachment::Subnet) => subnet = Some(n),
            _ if nic.is_none() => nic = Some(n),
            _ => {
                return Err(Error::input(
                    path,
                    0,
                    "effective rules hold more than one NIC NSG; pass them with --nic-nsg FILE#name",
                ));
            }
        }
    }
    Ok((nic, subnet))
}

pub(crate) fn gather(
    nic_arg: &Option<String>,
    subnet_arg: &Option<String>,
    effective: &Option<String>,
    mut nic: Option<Nsg>,
    mut subnet: Option<Nsg>,
) -> Result<Gathered, Error> {
    let mut warnings = Vec::new();
    if let Some(e) = effective {
        let (n, s) = effective_pair(e)?;
        nic = n.or(nic);
        subnet = s.or(subnet);
    }
    if let Some(a) = nic_arg {
        nic = Some(nsg_for(a, Attachment::Nic, &mut warnings)?);
    }
    if let Some(a) = subnet_arg {
        subnet = Some(nsg_for(a, Attachment::Subnet, &mut warnings)?);
    }
    for n in nic.iter().chain(subnet.iter()) {
        let ctx = format!("NSG `{}`", n.name);
        warnings.extend(n.warnings.iter().map(|w| w.clone().within(&ctx)));
    }
    Ok(Gathered {
        nic: nic.map(std::sync::Arc::new),
        subnet: subnet.map(std::sync::Arc::new),
        warnings,
    })
}

/// Runs `azegress check`.
pub fn run_check(o: &CheckOptions) -> Result<CheckReport, Error> {
    let inp = inputs(o)?;
    let r = evaluate(&inp)?;
    let stated = o.scenario.is_some() || !o.resources.is_empty();
    Ok(check::unless_nothing_checked(stated, &inp, r))
}

/// Reads everything the options name (parameters files, scenario, input files) into one [`PathInputs`].
pub fn inputs(o: &CheckOptions) -> Result<PathInputs, Error> {
    crate::ingest::template::set_deployment_parameters(
        crate::ingest::template::load_parameter_files(&o.parameters)?,
    );
    crate::ingest::template::set_deployment_region(o.region.clone());
    let sc = o
        .scenario
        .as_deref()
        .map(scenario::load_scenario)
        .transpose()?;
    gather_inputs(o, sc)
}

pub use crate::engine::check::{Gathered, PathInputs, evaluate, stages, tag_info};
pub use check::unless_nothing_checked;
pub use check::{check_with_scenario, gather_inputs};

fn parse_endpoint(s: &str, what: &str) -> Result<(IpAddr, u16), Error> {
    if let Ok(sa) = s.trim().parse::<SocketAddr>() {
        return Ok((sa.ip(), sa.port()));
    }
    Err(Error::Usage(format!(
        "{what}: `{s}` is not IP:PORT (e.g. 10.0.0.4:50000 or [2001:db8::1]:443)"
    )))
}

/// Runs `azegress flow` (offline IP flow verify).
pub fn run_flow(o: &FlowOptions) -> Result<FlowVerifyReport, Error> {
    let local = parse_endpoint(&o.local, "--local")?;
    let remote = parse_endpoint(&o.remote, "--remote")?;
    if !matches!(o.protocol, Protocol::Tcp | Protocol::Udp) {
        return Err(Error::Usage(
            "--protocol: IP flow verify takes tcp or udp".into(),
        ));
    }
    let tags = load_tags(o.service_tags.as_deref())?;
    let vnet = parse_vnet(&o.vnet, "--vnet")?;
    let mut g = gather(&o.nic_nsg, &o.subnet_nsg, &o.effective_nsg, None, None)?;
    g.warnings.extend(stale_tags(&tags));
    let env = Environment {
        tags: &tags,
        vnet,
        vm_ip: Some(local.0),
        vm_asgs: o.vm_asgs.clone(),
        route_prefixes: Vec::new(),
    };
    let mut admin_rules = AdminRules::default();
    for f in &o.admin_rules {
        admin_rules.extend(ingest::admin_rules::load_admin_rules(f)?);
    }
    g.warnings.extend(admin_rules.warnings.iter().cloned());
    let stage_inputs = stages(&g);
    let eng = Engine::new(&env, &stage_inputs)?.with_admin(&admin_rules)?;
    let (access, stages, decider) = eng.verify(o.direction, o.protocol, local, remote);
    let admin = eng.verify_admin(o.direction, o.protocol, local, remote);
    let why = match (&decider, access) {
        (Some((r, n, _)), DecisionAccess::Unknown) if n.is_empty() => format!(
            "{r} may decide, but: {}",
            admin
                .first()
                .and_then(|d| d.reason.clone())
                .unwrap_or_default()
        ),
        (Some((r, n, _)), acc) if n.is_empty() => format!(
            "{acc:?} by {r}, before any NSG ({})",
            admin
                .first()
                .and_then(|d| d.reason.clone())
                .unwrap_or_default()
        ),
        (None, _) => "no NSG applies: traffic is not filtered".to_string(),
        (Some((r, n, a)), DecisionAccess::Unknown) => {
            let reason = stages
                .iter()
                .flat_map(|s| s.decisions.iter())
                .find_map(|d| d.reason.clone())
                .unwrap_or_default();
            format!("{r} in the {a} NSG `{n}` may decide, but: {reason}")
        }
        (Some((r, n, a)), acc) => format!("{acc:?} by {r} in the {a} NSG `{n}`"),
    };
    Ok(FlowVerifyReport {
        schema_version: 2,
        verdict: match access {
            DecisionAccess::Allow => FlowVerdict::Allowed,
            DecisionAccess::Deny => FlowVerdict::Denied,
            DecisionAccess::Unknown => FlowVerdict::Unknown,
        },
        access,
        rule: decider.as_ref().map(|d| d.0.clone()),
        nsg: decider
            .as_ref()
            .filter(|d| !d.1.is_empty())
            .map(|d| d.1.clone()),
        attached_to: decider.as_ref().filter(|d| !d.1.is_empty()).map(|d| d.2),
        stages,
        admin,
        why,
        service_tags: tag_info(&tags),
        diagnostics: g.warnings,
    })
}

/// `azegress tags info`: what is loaded.
pub fn tags_info(path: Option<&str>) -> Result<TagsInfoReport, Error> {
    let t = load_tags(path)?;
    let fam = |f: &str| t.regions_of(f).len();
    Ok(TagsInfoReport {
        schema_version: 2,
        source: t.source.clone(),
        cloud: t.cloud.clone(),
        change_number: t.change_number,
        tags: t.entries().len(),
        regional_storage_tags: fam("Storage"),
        regional_azurebackup_tags: fam("AzureBackup"),
        published: crate::tags::cache::name_parts(&t.source).map(|(_, d)| d.to_string()),
        diagnostics: stale_tags(&t),
    })
}

/// `azegress tags show TAG`: the prefixes of one tag (special tags computed for `vnet`).
pub fn tags_show(path: Option<&str>, tag: &str, vnet: &[String]) -> Result<TagShowReport, Error> {
    let t = load_tags(path)?;
    let vnet = parse_vnet(vnet, "--vnet")?;
    let env = Environment {
        tags: &t,
        vnet,
        vm_ip: None,
        vm_asgs: None,
        route_prefixes: Vec::new(),
    };
    let (name, computed, set, region_field) = if let Some(sp) = crate::tags::special_tag(tag) {
        let set = match sp {
            crate::tags::SpecialTag::VirtualNetwork => env.virtual_network(),
            crate::tags::SpecialTag::Internet => {
                crate::tags::SpecialTag::internet(&env.virtual_network())
            }
            other => other.fixed_set().unwrap_or_default(),
        };
        (tag.to_string(), true, set.to_cidrs(), None)
    } else {
        let e = t.get(tag).ok_or_else(|| {
            Error::Usage(format!(
                "unknown service tag `{tag}`: not in {} (cloud {}, changeNumber {})",
                t.source, t.cloud, t.change_number
            ))
        })?;
        let p = t.prefixes(e)?;
        (
            e.name.clone(),
            false,
            p.nets.clone(),
            Some(e.region_field()),
        )
    };
    Ok(TagShowReport {
        schema_version: 1,
        tag: name,
        computed,
        region_field,
        source: t.source.clone(),
        cloud: t.cloud.clone(),
        change_number: t.change_number,
        prefixes: set.iter().map(ToString::to_string).collect(),
    })
}

/// Every tag of the file that holds `ip`, narrowest prefix first.
pub fn tags_lookup(path: Option<&str>, ip: &str) -> Result<TagLookupReport, Error> {
    let t = load_tags(path)?;
    let addr: IpAddr = ip
        .trim()
        .parse()
        .map_err(|_| Error::Usage(format!("`{ip}` is not an IP address (e.g. 20.33.154.10)")))?;
    let mut tags = Vec::new();
    for e in t.entries() {
        let p = t.prefixes(e)?;
        if let Some(n) = p
            .nets
            .iter()
            .filter(|n| n.contains(&addr))
            .max_by_key(|n| n.prefix_len())
        {
            tags.push(TagHit {
                tag: e.name.clone(),
                prefix: n.to_string(),
            });
        }
    }
    tags.sort_by(|a, b| {
        let len = |h: &TagHit| {
            h.prefix
                .rsplit('/')
                .next()
                .and_then(|l| l.parse::<u8>().ok())
                .unwrap_or(0)
        };
        len(b).cmp(&len(a)).then(a.tag.cmp(&b.tag))
    });
    Ok(TagLookupReport {
        schema_version: 1,
        address: addr.to_string(),
        source: t.source.clone(),
        change_number: t.change_number,
        tags,
    })
}

/// Compares two tag files, all tags or only `tag`.
pub fn tags_diff(old: &str, new: &str, tag: Option<&str>) -> Result<TagDiffReport, Error> {
    let (a, b) = (load_tags(Some(old))?, load_tags(Some(new))?);
    let mut names: Vec<String> = a
        .entries()
        .iter()
        .chain(b.entries().iter())
        .map(|e| e.name.clone())
        .filter(|n| tag.is_none_or(|t| n.eq_ignore_ascii_case(t)))
        .collect();
    names.sort_by_key(|n| n.to_lowercase());
    names.dedup_by(|x, y| x.eq_ignore_ascii_case(y));
    if let Some(t) = tag
        && names.is_empty()
    {
        return Err(Error::Usage(format!("no tag `{t}` in either file")));
    }
    let nets = |f: &crate::tags::ServiceTags,
                n: &str|
     -> Result<std::collections::BTreeSet<String>, Error> {
        Ok(match f.get(n) {
            Some(e) => f
                .prefixes(e)?
                .nets
                .iter()
                .map(ToString::to_string)
                .collect(),
            None => Default::default(),
        })
    };
    let mut changed = Vec::new();
    for n in names {
        let (x, y) = (nets(&a, &n)?, nets(&b, &n)?);
        if x == y {
            continue;
        }
        changed.push(TagChange {
            added: y.difference(&x).cloned().collect(),
            removed: x.difference(&y).cloned().collect(),
            tag: n,
        });
    }
    let storage_regions_changed = changed
        .iter()
        .filter_map(|c| c.tag.strip_prefix("Storage.").map(str::to_string))
        .collect();
    Ok(TagDiffReport {
        schema_version: 1,
        old: (a.source.clone(), a.change_number),
        new: (b.source.clone(), b.change_number),
        changed,
        storage_regions_changed,
    })
}
