//! The commands, as library calls: gather inputs (ingest), evaluate (engine), return a report.
//! `main.rs` only parses arguments into these options and maps the outcome to an exit code.

use crate::engine::{self, Engine, Environment, Query, Source, StageInput};
use crate::error::Error;
use crate::ingest::{self, scenario};
use crate::model::*;
use crate::requirements::{self, Disks};
use crate::tags::{ServiceTags, parse_prefix};
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

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
}

/// Loads `--service-tags FILE` or the bundled snapshot.
pub fn load_tags(path: Option<&str>) -> Result<ServiceTags, Error> {
    match path {
        Some(p) => ServiceTags::parse(&ingest::read(p)?, p),
        None => Ok(ServiceTags::bundled()),
    }
}

fn tag_info(t: &ServiceTags) -> TagInfo {
    TagInfo {
        cloud: t.cloud.clone(),
        change_number: t.change_number,
        source: t.source.clone(),
    }
}

fn parse_vnet(v: &[String], what: &str) -> Result<Vec<IpNet>, Error> {
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
fn nsg_for(arg: &str, want: Attachment, warnings: &mut Vec<String>) -> Result<Nsg, Error> {
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
        warnings.push(format!("{path}: NSG `{}` is associated with the {h} in this file but was given as the {want} NSG", nsg.name));
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

/// Everything a check or flow evaluates, gathered from flags and scenario.
struct Gathered {
    nic: Option<Nsg>,
    subnet: Option<Nsg>,
    warnings: Vec<String>,
}

fn gather(
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
        warnings.extend(n.warnings.iter().map(|w| format!("NSG `{}`: {w}", n.name)));
    }
    Ok(Gathered {
        nic,
        subnet,
        warnings,
    })
}

fn stages<'a>(g: &'a Gathered) -> Vec<StageInput<'a>> {
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

/// Runs `azegress check`.
pub fn run_check(o: &CheckOptions) -> Result<CheckReport, Error> {
    let sc = o
        .scenario
        .as_deref()
        .map(scenario::load_scenario)
        .transpose()?;
    check_with_scenario(o, sc)
}

/// Runs a check with an already-loaded scenario (flags in `o` override it).
pub fn check_with_scenario(
    o: &CheckOptions,
    mut sc: Option<scenario::Scenario>,
) -> Result<CheckReport, Error> {
    let (sc_nic, sc_subnet) = match sc.as_mut() {
        Some(s) => (s.nic_nsg.take(), s.subnet_nsg.take()),
        None => (None, None),
    };
    let doc = sc.as_ref().map(|s| &s.doc);
    let region = o
        .region
        .clone()
        .or_else(|| doc.map(|d| d.region.clone()))
        .ok_or_else(|| {
            Error::Usage(
                "no region: pass --region (e.g. --region koreacentral) or a scenario file".into(),
            )
        })?;
    let tags_path = o.service_tags.clone().or_else(|| {
        sc.as_ref().and_then(|s| {
            s.doc
                .service_tags
                .as_ref()
                .map(|p| scenario::relative(&s.dir, p))
        })
    });
    let tags = load_tags(tags_path.as_deref())?;
    let disks = match (o.disks, doc.and_then(|d| d.vm.disks.as_deref())) {
        (Some(d), _) => d,
        (None, Some(s)) => Disks::parse(s).ok_or_else(|| {
            Error::input(
                o.scenario.as_deref().unwrap_or(""),
                0,
                format!("vm.disks `{s}` is not `managed` or `unmanaged`"),
            )
        })?,
        (None, None) => Disks::Managed,
    };
    let unencrypted = o.unencrypted_storage || doc.is_some_and(|d| d.vm.unencrypted_storage);
    let ports = o
        .ports
        .clone()
        .or_else(|| doc.and_then(|d| d.ports.clone()));
    let ipv6 = o.ipv6 || doc.is_some_and(|d| d.ipv6);
    let vm_ip_text = o
        .vm_ip
        .clone()
        .or_else(|| doc.and_then(|d| d.vm.ip.clone()));
    let vm_ip = vm_ip_text
        .as_deref()
        .map(|s| {
            s.trim()
                .parse::<IpAddr>()
                .map_err(|_| Error::Usage(format!("--vm-ip: `{s}` is not an IP address")))
        })
        .transpose()?;
    let mut vnet_text = o.vnet.clone();
    if vnet_text.is_empty()
        && let Some(d) = doc
    {
        vnet_text = d.vnet.address_space.clone();
    }
    let vnet = parse_vnet(&vnet_text, "--vnet")?;

    let g = gather(
        &o.nic_nsg,
        &o.subnet_nsg,
        &o.effective_nsg,
        sc_nic,
        sc_subnet,
    )?;
    let env = Environment {
        tags: &tags,
        vnet: vnet.clone(),
        vm_ip,
        vm_asgs: doc.and_then(|d| d.vm.asgs.clone()),
    };

    let family = requirements::destination_family();
    let entry = tags
        .regional(&family, &region)
        .ok_or_else(|| no_region(&tags, &family, &region))?;
    let dest_name = entry.name.clone();
    let prefixes = tags.prefixes(entry)?;
    let nets: Vec<IpNet> = prefixes
        .nets
        .iter()
        .copied()
        .filter(|n| ipv6 || matches!(n, IpNet::V4(_)))
        .collect();
    let dest = AddrSet::from_nets(&nets);

    let stage_inputs = stages(&g);
    let eng = Engine::new(&env, &stage_inputs)?;
    let mut assumptions = Vec::new();
    if vnet.is_empty() {
        assumptions.push(format!("no --vnet: the VNet is assumed to lie in private space ({}); `VirtualNetwork` and `Internet` follow from that", engine::resolve_assumed()));
    }
    if vm_ip.is_none() {
        assumptions
            .push("no --vm-ip: rules whose source is a specific prefix may be inconclusive".into());
    }
    if stage_inputs.is_empty() {
        assumptions.push(
            "no NSG given: with no NSG on NIC or subnet, Azure filters nothing (reference §1.2)"
                .into(),
        );
    }
    if !ipv6 && prefixes.nets.iter().any(|n| matches!(n, IpNet::V6(_))) {
        assumptions.push(format!(
            "IPv6 prefixes of {dest_name} not checked (pass --ipv6)"
        ));
    }
    let mut flows = Vec::new();
    for req in requirements::select(disks, unencrypted, ports.as_deref()) {
        let q = Query {
            protocol: Protocol::Tcp,
            direction: Direction::Outbound,
            source: vm_ip.map_or(Source::Vm, Source::Ip),
            source_ports: engine::ephemeral_ports(),
            port: req.port,
            platform_exempt: false,
        };
        let out = eng.run(&q, &dest);
        let verdict = engine::flow_verdict(&dest, &out);
        let (counts, first_denied) = engine::count_prefixes(&nets, &out);
        let stages = eng.report_stages(&out, &nets);
        let blocked_by = eng.blocked_by(&out);
        let unknowns: Vec<String> = {
            let mut u: Vec<String> = stages
                .iter()
                .flat_map(|s| s.decisions.iter())
                .filter(|d| d.access == DecisionAccess::Unknown)
                .filter_map(|d| d.reason.clone())
                .collect();
            u.dedup();
            u
        };
        let why = explain(
            verdict,
            &dest_name,
            req.port,
            &stages,
            blocked_by.as_ref(),
            &counts,
            &unknowns,
        );
        flows.push(FlowResult {
            port: req.port,
            protocol: Protocol::Tcp,
            destination: dest_name.clone(),
            verdict,
            prefixes: counts,
            stages,
            blocked_by,
            first_denied_prefix: first_denied,
            unknowns,
            why,
            purpose: req.purpose,
        });
    }
    let verdict = Overall::of(&flows.iter().map(|f| f.verdict).collect::<Vec<_>>());
    Ok(CheckReport {
        schema_version: 1,
        verdict,
        region,
        service_tags: tag_info(&tags),
        flows,
        warnings: g.warnings,
        assumptions,
    })
}

fn no_region(tags: &ServiceTags, family: &str, region: &str) -> Error {
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

fn explain(
    v: FlowVerdict,
    dest: &str,
    port: u16,
    stages: &[Stage],
    b: Option<&BlockedBy>,
    c: &PrefixCounts,
    unknowns: &[String],
) -> String {
    let allow_rules: Vec<String> = stages
        .iter()
        .filter_map(|s| {
            s.decisions
                .iter()
                .find(|d| d.access == DecisionAccess::Allow)
                .map(|d| format!("{} {} ({})", s.attached_to, d.rule, s.nsg))
        })
        .collect();
    match v {
        FlowVerdict::Allowed if stages.is_empty() => {
            format!("no NSG on NIC or subnet: TCP {port} to {dest} is not filtered")
        }
        FlowVerdict::Allowed => format!(
            "TCP {port} to all of {dest} allowed by {}",
            allow_rules.join(", then ")
        ),
        FlowVerdict::Denied => match b {
            Some(b) => {
                let before: Vec<&String> = allow_rules
                    .iter()
                    .filter(|r| !r.starts_with(&b.attached_to.to_string()))
                    .collect();
                let passed = if before.is_empty() {
                    String::new()
                } else {
                    format!(
                        " after {} allowed it",
                        before
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                format!(
                    "TCP {port} to {dest} denied by {} (priority {}) in the {} NSG `{}`{passed}",
                    b.rule, b.priority, b.attached_to, b.nsg
                )
            }
            None => format!("TCP {port} to {dest} denied"),
        },
        FlowVerdict::Partial => match b {
            Some(b) => format!(
                "{} of {} prefixes of {dest} denied on TCP {port} by {} at the {} NSG `{}`",
                c.denied + c.partial,
                c.total,
                b.rule,
                b.attached_to,
                b.nsg
            ),
            None => format!("part of {dest} denied on TCP {port}"),
        },
        FlowVerdict::Unknown => format!(
            "cannot decide offline: {}",
            unknowns.first().cloned().unwrap_or_default()
        ),
    }
}

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
    let g = gather(&o.nic_nsg, &o.subnet_nsg, &o.effective_nsg, None, None)?;
    let env = Environment {
        tags: &tags,
        vnet,
        vm_ip: Some(local.0),
        vm_asgs: o.vm_asgs.clone(),
    };
    let stage_inputs = stages(&g);
    let eng = Engine::new(&env, &stage_inputs)?;
    let (access, stages, decider) = eng.verify(o.direction, o.protocol, local, remote);
    let why = match (&decider, access) {
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
        schema_version: 1,
        access,
        rule: decider.as_ref().map(|d| d.0.clone()),
        nsg: decider.as_ref().map(|d| d.1.clone()),
        attached_to: decider.as_ref().map(|d| d.2),
        stages,
        why,
        service_tags: tag_info(&tags),
        warnings: g.warnings,
    })
}

/// `azegress tags info`: what is loaded.
pub fn tags_info(path: Option<&str>) -> Result<String, Error> {
    let t = load_tags(path)?;
    let fam = |f: &str| t.regions_of(f).len();
    Ok(format!(
        "source: {}\ncloud: {}\nchangeNumber: {}\ntags: {}\nregional Storage tags: {}\nregional AzureBackup tags: {}\n",
        t.source,
        t.cloud,
        t.change_number,
        t.entries().len(),
        fam("Storage"),
        fam("AzureBackup")
    ))
}

/// `azegress tags show TAG`: the prefixes of one tag (special tags computed for `vnet`).
pub fn tags_show(path: Option<&str>, tag: &str, vnet: &[String]) -> Result<String, Error> {
    let t = load_tags(path)?;
    let vnet = parse_vnet(vnet, "--vnet")?;
    let env = Environment {
        tags: &t,
        vnet,
        vm_ip: None,
        vm_asgs: None,
    };
    let (name, set, published) = if let Some(sp) = crate::tags::special_tag(tag) {
        let set = match sp {
            crate::tags::SpecialTag::VirtualNetwork => env.virtual_network(),
            crate::tags::SpecialTag::Internet => {
                crate::tags::SpecialTag::internet(&env.virtual_network())
            }
            other => other.fixed_set().unwrap_or_default(),
        };
        (
            format!("{tag} (computed, not in the file)"),
            set.to_cidrs(),
            None,
        )
    } else {
        let e = t.get(tag).ok_or_else(|| {
            Error::Usage(format!(
                "unknown service tag `{tag}`: not in {} (cloud {}, changeNumber {})",
                t.source, t.cloud, t.change_number
            ))
        })?;
        let p = t.prefixes(e)?;
        (e.name.clone(), p.nets.clone(), Some(e.region_field()))
    };
    let mut s = format!("tag: {name}\n");
    if let Some(r) = published {
        s.push_str(&format!(
            "region field: {}\n",
            if r.is_empty() { "(global)" } else { &r }
        ));
    }
    s.push_str(&format!(
        "source: {} (cloud {}, changeNumber {})\nprefixes: {}\n",
        t.source,
        t.cloud,
        t.change_number,
        set.len()
    ));
    for n in set {
        s.push_str(&format!("{n}\n"));
    }
    Ok(s)
}
