//! `azegress gate`: requirement packs over every VM of a set of resources, lints over every NSG, and the
//! findings CI needs (baseline fingerprints, inline suppressions). Pure: the app reads the files and builds
//! [`GateInputs`]; this evaluates it. VMs with the same NSGs, routes, region and VNet share one evaluation
//! (the VM's own address joins the key only when a rule's VM side depends on it), and distinct paths are
//! evaluated in parallel (rayon).

pub mod lint;
pub mod pack;

use crate::diag::{self, Diagnostic};
use crate::engine::check::{Gathered, Parts, PathInputs, evaluate, stages};
use crate::engine::{Engine, Environment, PathOutcome, Query, Source, ephemeral_ports};
use crate::model::*;
use crate::requirements::Disks;
use crate::tags::ServiceTags;
use pack::{Pack, Requirement, Severity, Way};
use rayon::prelude::*;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;

pub use crate::model::gate::{Finding, GateReport, Loc, Outcome, PortStatus, Status};

/// Everything `gate` evaluates.
pub struct GateInputs {
    /// Each VM's path, or why it could not be built.
    pub vms: Vec<Result<VmPath, String>>,
    /// Every NSG of the inputs (for lints).
    pub nsgs: Vec<Arc<Nsg>>,
    /// Azure Firewalls of the inputs: a path whose route leads to one's private IP goes through it.
    pub firewalls: Vec<Arc<Firewall>>,
    /// The proxies' squid.conf files (linted).
    pub squids: Vec<SquidConf>,
    /// Service tags.
    pub tags: Arc<ServiceTags>,
    /// Packs.
    pub packs: Vec<Pack>,
    /// `--disks`: overrides the disk kind each VM's resource states (ports of the backup requirement).
    pub disks: Option<Disks>,
    /// Ports instead.
    pub ports: Option<Vec<u16>>,
    /// Region for VMs whose NIC names none.
    pub region: Option<String>,
    /// Effective Virtual Network Manager security admin rules, each for the VNet named (or every VNet).
    pub admin: Vec<(Option<String>, crate::model::AdminRules)>,
    /// Run the lints (`--no-lints` turns them off): the NSG lints over `nsgs`, the subnet lint over the
    /// subjects' subnets.
    pub lints: bool,
    /// Subnets (`vnet/snet`) with neither an NSG nor a route table and no VM: linted for having no NSG.
    pub bare_subnets: Vec<String>,
    /// Site Recovery's target region where the replication resources do not say it (`--target-region`).
    pub target_region: Option<String>,
    /// Which VMs the inputs show running a backup or recovery workload (workload packs apply to them).
    pub running: crate::workload::detect::Running,
}

/// The admin rules that apply to a subject: those given for its VNet and those given for every VNet.
fn admin_for(inp: &GateInputs, vp: &VmPath) -> crate::model::AdminRules {
    let vnet = vp.subnet.as_deref().and_then(|s| s.split('/').next());
    let given: Vec<&crate::model::AdminRules> = inp
        .admin
        .iter()
        .filter(|(v, _)| {
            v.as_deref()
                .is_none_or(|v| vnet.is_some_and(|n| n.eq_ignore_ascii_case(v)))
        })
        .map(|(_, r)| r)
        .collect();
    // the VNet's effective admin rules, when given, are what Azure applies: they take the place of those
    // read from the network manager's resources
    if given.is_empty() {
        return vp.admin.as_deref().cloned().unwrap_or_default();
    }
    let mut out = crate::model::AdminRules::default();
    for r in given {
        out.extend(r.clone());
    }
    out
}

fn glob_match(globs: &[String], value: &str) -> bool {
    globs.is_empty()
        || globs.iter().any(|g| {
            globset::GlobBuilder::new(g)
                .case_insensitive(true)
                .literal_separator(false)
                .build()
                .map(|g| g.compile_matcher().is_match(value))
                .unwrap_or(false)
        })
}

fn selected(r: &Requirement, vp: &VmPath, running: &crate::workload::detect::Running) -> bool {
    // a workload requirement: the VMs running it, and those its selector names
    if let Some(k) = r.backup.as_ref().and_then(|b| b.workload())
        && k != crate::workload::WorkloadKind::Vm
    {
        return running.runs(&vp.vm, k) || (!r.select.is_empty() && plain_selected(r, vp));
    }
    plain_selected(r, vp)
}

fn plain_selected(r: &Requirement, vp: &VmPath) -> bool {
    let s = &r.select;
    let nsgs: Vec<&str> = [&vp.nic_nsg, &vp.subnet_nsg]
        .into_iter()
        .flatten()
        .map(|n| n.name.as_str())
        .collect();
    glob_match(&s.vms, &vp.vm)
        && (s.subnets.is_empty()
            || vp
                .subnet
                .as_deref()
                .is_some_and(|x| glob_match(&s.subnets, x)))
        && (s.nsgs.is_empty() || nsgs.iter().any(|n| glob_match(&s.nsgs, n)))
        && (s.regions.is_empty() || s.regions.iter().any(|r| r.eq_ignore_ascii_case(&vp.region)))
        && s.tags.iter().all(|(k, want)| {
            vp.tags.iter().any(|(tk, tv)| {
                tk.eq_ignore_ascii_case(k) && glob_match(std::slice::from_ref(want), tv)
            })
        })
}

/// How an NSG's verdicts depend on the VM's address within its VNet.
enum Sensitivity {
    /// Not at all: every rule's VM side (its source outbound, its destination inbound) holds the whole VNet
    /// or none of it.
    None,
    /// Only by which of these sets (the VM sides that cover part of the VNet) hold the address: VMs in the
    /// same class share one evaluation.
    Classes(Vec<AddrSet>),
    /// By the VM itself (an application security group: membership is the NIC's, not an address's).
    Exact,
}

/// How the evaluation of `nsg` depends on the VM's address in a VNet of `vnet`.
fn sensitivity(nsg: &Nsg, vnet: &AddrSet, tags: &ServiceTags) -> Sensitivity {
    let mut sets: Vec<AddrSet> = Vec::new();
    for r in &nsg.rules {
        let side = match r.direction {
            Direction::Outbound => &r.source,
            Direction::Inbound => &r.destination,
        };
        for i in &side.items {
            let owned;
            let set: &AddrSet = match i {
                AddrItem::Prefix(p) => {
                    owned = AddrSet::from_net(*p);
                    &owned
                }
                AddrItem::Expanded(e) => {
                    owned = AddrSet::from_nets(&e.prefixes);
                    &owned
                }
                AddrItem::Tag(t) if crate::tags::special_tag(t).is_none() => {
                    match tags.get(t).map(|e| tags.prefixes(e)) {
                        // a service tag's set is borrowed, not copied: `AzureCloud` holds thousands of prefixes
                        Some(Ok(p)) => &p.set,
                        // a tag not in the file: the check says so, whatever the address
                        _ => continue,
                    }
                }
                AddrItem::Asg(_) => return Sensitivity::Exact,
                // `*`, and the special tags: the same for every address of the VNet
                AddrItem::Any | AddrItem::Tag(_) => continue,
            };
            if set.intersects(vnet) && !set.is_superset(vnet) && !sets.contains(set) {
                sets.push(set.clone());
            }
        }
    }
    if sets.is_empty() {
        Sensitivity::None
    } else {
        Sensitivity::Classes(sets)
    }
}

/// How each NSG's verdicts depend on the VM's address, per (NSG, VNet), with the VNet's addresses: computed
/// once.
type SensitivityCache = HashMap<(usize, String), Arc<(Sensitivity, AddrSet)>>;

/// What of the VM's own address the evaluation of its path depends on: nothing (empty), the class of
/// addresses its NSGs' rules tell apart (`c:` and which of their sets hold it), or the address itself — when
/// its routes lead to an appliance and firewalls are among the inputs, or admin rules apply (their rules name
/// source addresses of their own).
fn address_class(
    vp: &VmPath,
    inp: &GateInputs,
    cache: &mut SensitivityCache,
    vnet_key: &str,
) -> String {
    let exact = || format!("ip:{}", vp.ip.as_deref().unwrap_or(""));
    let admin = !inp.admin.is_empty() || vp.admin.as_ref().is_some_and(|a| !a.is_empty());
    if admin || (vp.routes_to_appliance() && !inp.firewalls.is_empty()) {
        return exact();
    }
    let ip: Option<std::net::IpAddr> = vp.ip.as_deref().and_then(|i| i.trim().parse().ok());
    let mut class = String::new();
    for n in [&vp.nic_nsg, &vp.subnet_nsg].into_iter().flatten() {
        let k = (Arc::as_ptr(n) as usize, vnet_key.to_string());
        let sens = cache
            .entry(k)
            .or_insert_with(|| {
                // a VNet whose addresses are not known: classes drawn over every address
                let mut vset = AddrSet::from_nets(&parse_vnet_lenient(&vp.vnet));
                if vset.is_empty() {
                    vset = AddrSet::any();
                }
                Arc::new((sensitivity(n, &vset, &inp.tags), vset))
            })
            .clone();
        let (sens, vnet) = &*sens;
        // an address outside its VNet's space: the classes, drawn within the VNet, do not hold for it
        if ip.is_some_and(|ip| !vnet.contains(ip)) {
            return exact();
        }
        match (sens, ip) {
            (Sensitivity::None, _) => {}
            (Sensitivity::Classes(sets), Some(ip)) => {
                class.push_str("c:");
                class.extend(sets.iter().map(|s| if s.contains(ip) { '1' } else { '0' }));
                class.push(';');
            }
            // no address given (or not an address): shared only with VMs of the same text
            (Sensitivity::Classes(_), None) | (Sensitivity::Exact, _) => return exact(),
        }
    }
    class
}

fn path_key(vp: &VmPath, inp: &GateInputs, cache: &mut SensitivityCache) -> String {
    let ptr = |n: &Option<Arc<Nsg>>| n.as_ref().map_or(0, |a| Arc::as_ptr(a) as usize);
    let rt = vp
        .route_table
        .as_ref()
        .map_or(0, |a| Arc::as_ptr(a) as usize);
    let vnet_key = vp.vnet.join(",");
    let class = address_class(vp, inp, cache, &vnet_key);
    let eps: Vec<String> = vp
        .endpoints
        .iter()
        .map(|e| format!("{}@{}", e.service, e.locations.join("+")))
        .collect();
    format!(
        "{}|{}|{}|{:?}|{:?}|{}|{}|{rt}|{}|{}|{}",
        // a path's firewalls are those of its own graph
        vp.graph,
        // admin rules given for one VNet: that VNet's subjects share an evaluation only with each other
        vp.subnet
            .as_deref()
            .and_then(|s| s.split('/').next())
            .unwrap_or("")
            .to_ascii_lowercase(),
        vp.region.to_ascii_lowercase(),
        vp.disks,
        // what the outbound facts decide (and, for a private subnet, which subnet the message names)
        vp.outbound.as_ref().map(|o| (
            o.private.as_ref().map(|_| o.subnet.as_str()),
            o.private_unknown
                .as_ref()
                .map(|u| (o.subnet.as_str(), u.as_str())),
            o.explicit.is_some(),
            o.unknown.as_deref()
        )),
        ptr(&vp.nic_nsg),
        ptr(&vp.subnet_nsg),
        vp.vnet.join(","),
        eps.join(","),
        class
    )
}

/// A target name as a set: `*`/`Any`, a special tag, a service tag (`{region}` replaced), or a CIDR.
fn target_set(name: &str, region: &str, env: &Environment<'_>) -> Result<AddrSet, String> {
    let n = name.replace("{region}", region);
    if let Some(sp) = crate::tags::special_tag(&n) {
        return Ok(match sp {
            crate::tags::SpecialTag::VirtualNetwork => env.virtual_network(),
            crate::tags::SpecialTag::Internet => {
                crate::tags::SpecialTag::internet(&env.virtual_network())
            }
            other => other.fixed_set().unwrap_or_else(AddrSet::any),
        });
    }
    if let Some(e) = env.tags.get(&n) {
        return env
            .tags
            .prefixes(e)
            .map(|p| AddrSet::clone(&p.set))
            .map_err(|e| e.to_string());
    }
    crate::tags::parse_prefix(&n)
        .map(AddrSet::from_net)
        .ok_or_else(|| format!("`{n}` is not a service tag of the file in use nor a CIDR"))
}

/// The rule that let the last part of `out` through (the final stage's first allowing rule).
fn allowing_rule<'e>(eng: &'e Engine<'_>, out: &PathOutcome) -> Option<(String, &'e SecurityRule)> {
    out.stages.iter().rev().find_map(|(i, parts)| {
        parts
            .iter()
            .filter(|p| p.access == DecisionAccess::Allow)
            .find_map(|p| p.rule.and_then(|k| eng.stage_rule(*i, k)))
    })
}

fn denying_rule<'e>(eng: &'e Engine<'_>, out: &PathOutcome) -> Option<(String, &'e SecurityRule)> {
    out.stages.iter().find_map(|(i, parts)| {
        parts
            .iter()
            .filter(|p| p.access == DecisionAccess::Deny)
            .find_map(|p| p.rule.and_then(|k| eng.stage_rule(*i, k)))
    })
}

#[derive(Clone)]
struct ReqResult {
    status: Status,
    message: String,
    location: Option<Loc>,
    ports: Vec<PortStatus>,
}

impl ReqResult {
    fn new(status: Status, message: String, location: Option<Loc>) -> Self {
        ReqResult {
            status,
            message,
            location,
            ports: Vec::new(),
        }
    }
}

struct PathResult {
    per_req: Vec<Option<ReqResult>>,
    /// The wrong-region-tag diagnostics the path's evaluation raised (linted per VM).
    warnings: Vec<Diagnostic>,
}

fn eval_reach(
    req: &Requirement,
    reach: &pack::Reach,
    must: bool,
    vp: &VmPath,
    env: &Environment<'_>,
    eng: &Engine<'_>,
) -> ReqResult {
    let (name, way) = match reach.direction {
        Way::Inbound => (reach.from.as_deref().unwrap_or("*"), Direction::Inbound),
        Way::Outbound => (reach.to.as_deref().unwrap_or("*"), Direction::Outbound),
    };
    let target = match target_set(name, &vp.region, env) {
        Ok(t) => t,
        Err(e) => {
            return ReqResult::new(
                Status::Unknown,
                format!("requirement `{}`: {e}", req.id),
                None,
            );
        }
    };
    let protocol = match reach
        .protocol
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("udp") => Protocol::Udp,
        _ => Protocol::Tcp,
    };
    let shown = name.replace("{region}", &vp.region);
    let proto = format!("{protocol:?}").to_uppercase();
    let mut first_fail: Option<(String, Option<Loc>)> = None;
    let mut unknown = None;
    let mut ports = Vec::new();
    for &port in &reach.ports {
        let q = Query {
            protocol,
            direction: way,
            source: env.vm_ip.map_or(Source::Vm, Source::Ip),
            source_ports: ephemeral_ports(),
            port,
            platform_exempt: false,
        };
        let out = match way {
            Direction::Outbound => eng.run(&q, &target),
            Direction::Inbound => eng.run_inbound_from(&q, &target),
        };
        let phrase = match way {
            Direction::Outbound => format!("{proto} {port} to {shown}"),
            Direction::Inbound => match vp.kind {
                SubjectKind::Vm => format!("{proto} {port} from {shown} to VM `{}`", vp.vm),
                _ => format!("{proto} {port} from {shown} to a VM behind it"),
            },
        };
        let status = if must {
            if !out.denied.is_empty() {
                let by = denying_rule(eng, &out);
                first_fail.get_or_insert_with(|| {
                    (
                        format!(
                            "{phrase} is denied{}",
                            by.as_ref()
                                .map(|(n, r)| format!(" by {} in NSG `{n}`", r.qualified_name()))
                                .unwrap_or_default()
                        ),
                        by.and_then(|(_, r)| Loc::of(&r.origin)),
                    )
                });
                Status::Fail
            } else if !out.allowed.is_superset(&target) {
                unknown.get_or_insert_with(|| format!("{phrase} cannot be decided offline"));
                Status::Unknown
            } else {
                Status::Pass
            }
        } else if !out.allowed.is_empty() {
            let by = allowing_rule(eng, &out);
            let sample = out
                .allowed
                .to_cidrs()
                .first()
                .map(|n| n.to_string())
                .unwrap_or_default();
            first_fail.get_or_insert_with(|| {
                (
                    format!(
                        "{phrase} is allowed (e.g. {sample}){}",
                        by.as_ref()
                            .map(|(n, r)| format!(" by {} in NSG `{n}`", r.qualified_name()))
                            .unwrap_or_default()
                    ),
                    by.and_then(|(_, r)| Loc::of(&r.origin)),
                )
            });
            Status::Fail
        } else if !out.unknown.is_empty() {
            unknown.get_or_insert_with(|| format!("{phrase} cannot be decided offline"));
            Status::Unknown
        } else {
            Status::Pass
        };
        ports.push(PortStatus { port, status });
    }
    let mut r = match (first_fail, unknown) {
        (Some((m, loc)), _) => ReqResult::new(Status::Fail, m, loc),
        (None, Some(m)) => ReqResult::new(Status::Unknown, m, None),
        (None, None) => ReqResult::new(
            Status::Pass,
            format!(
                "{} {shown} on {}",
                if must {
                    "reaches"
                } else {
                    "is not reachable from"
                },
                reach
                    .ports
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None,
        ),
    };
    r.ports = ports;
    r
}

fn eval_path(inp: &GateInputs, vp: &VmPath, reqs: &[(&Pack, &Requirement)]) -> PathResult {
    let vnet = parse_vnet_lenient(&vp.vnet);
    let vm_ip: Option<IpAddr> = vp.ip.as_deref().and_then(|s| s.parse().ok());
    let region = if vp.region.is_empty() {
        inp.region.clone().unwrap_or_default()
    } else {
        vp.region.clone()
    };
    let nsgs = Gathered {
        nic: vp.nic_nsg.clone(),
        subnet: vp.subnet_nsg.clone(),
        warnings: Vec::new(),
    };
    let mut warnings = Vec::new();
    let env = Environment {
        tags: &inp.tags,
        vnet: vnet.clone(),
        vm_ip,
        vm_asgs: None,
        route_prefixes: Vec::new(),
    };
    let st = stages(&nsgs);
    // built on first use: the backup requirement evaluates the path itself
    let eng = std::cell::OnceCell::new();
    let mut per_req = Vec::new();
    // every requirement, selected or not: the VMs sharing this path are selected one by one
    for (_, r) in reqs {
        let res = if let Some(b) = &r.backup {
            let firewall = vp
                .firewall_among(inp.firewalls.iter().map(|f| &**f))
                .cloned();
            let pi = PathInputs {
                parts: Parts {
                    route_table: vp.route_table.as_deref().cloned(),
                    endpoints: vp.endpoints.clone(),
                    firewall_ip: firewall.as_ref().and_then(|f| f.private_ip),
                    firewall,
                    outbound: vp.outbound.as_deref().cloned(),
                    admin: admin_for(inp, vp),
                    ..Parts::default()
                },
                region: region.clone(),
                tags: inp.tags.clone(),
                disks: inp.disks.or(vp.disks).unwrap_or(Disks::Managed),
                unencrypted: false,
                ports: b.ports.clone().or_else(|| inp.ports.clone()),
                ipv6: false,
                vm_ip,
                vnet: vnet.clone(),
                vm_asgs: None,
                nsgs: nsgs.clone(),
                strict: false,
                policy: Default::default(),
            };
            let workload = b
                .workload()
                .filter(|k| *k != crate::workload::WorkloadKind::Vm);
            let evaluated = match workload {
                None => evaluate(&pi),
                Some(k) => {
                    let wi = crate::workload::WorkloadInputs {
                        target_region: inp
                            .running
                            .target_region(&vp.vm)
                            .map(str::to_string)
                            .or_else(|| inp.target_region.clone()),
                        stated: true,
                        ..Default::default()
                    };
                    crate::workload::evaluate_workload(&pi, k, &wi).map(|w| CheckReport {
                        schema_version: 2,
                        verdict: w.verdict,
                        region: w.region,
                        service_tags: w.service_tags,
                        storage_host: String::new(),
                        proxy: None,
                        flows: w.destinations.into_iter().flat_map(|d| d.flows).collect(),
                        next_steps: w.next_steps,
                        diagnostics: w.diagnostics,
                    })
                }
            };
            match evaluated {
                Err(e) => ReqResult::new(Status::Unknown, e.to_string(), None),
                Ok(rep) => {
                    for w in &rep.diagnostics {
                        if w.code == diag::WRONG_REGION_TAG.code {
                            warnings.push(w.clone());
                        }
                    }
                    let bad = rep
                        .flows
                        .iter()
                        .find(|f| matches!(f.verdict, FlowVerdict::Denied | FlowVerdict::Partial));
                    let mut res = match (rep.verdict, bad) {
                        (Overall::Reachable, _) => ReqResult::new(
                            Status::Pass,
                            format!(
                                "reaches {} on {}",
                                rep.flows
                                    .first()
                                    .map_or("storage", |f| f.destination.as_str()),
                                rep.flows
                                    .iter()
                                    .map(|f| f.port.to_string())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            None,
                        ),
                        (_, Some(f)) => ReqResult::new(
                            Status::Fail,
                            f.why.clone(),
                            f.blocked_by
                                .as_ref()
                                .and_then(|b| b.origin.as_deref())
                                .and_then(Loc::parse),
                        ),
                        (_, None) => ReqResult::new(
                            Status::Unknown,
                            rep.flows
                                .iter()
                                .flat_map(|f| f.unknowns.iter())
                                .next()
                                .map(|u| u.message.clone())
                                .unwrap_or_else(|| "cannot be decided offline".into()),
                            None,
                        ),
                    };
                    res.ports = rep
                        .flows
                        .iter()
                        .map(|f| PortStatus {
                            port: f.port,
                            status: match f.verdict {
                                FlowVerdict::Allowed => Status::Pass,
                                FlowVerdict::Denied | FlowVerdict::Partial => Status::Fail,
                                FlowVerdict::Unknown => Status::Unknown,
                            },
                        })
                        .collect();
                    res
                }
            }
        } else {
            match eng.get_or_init(|| Engine::new(&env, &st)) {
                Err(e) => ReqResult::new(Status::Unknown, e.to_string(), None),
                Ok(eng) => {
                    let (reach, must) = match (&r.must_reach, &r.must_not_reach) {
                        (Some(x), _) => (x, true),
                        (_, Some(x)) => (x, false),
                        _ => unreachable!("pack::parse checks one kind"),
                    };
                    eval_reach(r, reach, must, vp, &env, eng)
                }
            }
        };
        per_req.push(Some(res));
    }
    PathResult { per_req, warnings }
}

/// `text` with the `:line:col` of every `file:line:col` it names left out: a fingerprint taken from a
/// message stays the same when the lines of the file move.
pub fn without_positions(text: &str) -> String {
    static POS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    POS.get_or_init(|| regex::Regex::new(r":\d+(:\d+)?\b").expect("a valid pattern"))
        .replace_all(text, "")
        .into_owned()
}

/// A stable fingerprint of what a finding is about (not where its line is), for baselines.
pub fn fingerprint(parts: &[&str]) -> String {
    // FNV-1a, 64 bit: stable across runs and platforms
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.to_ascii_lowercase().bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Evaluates every requirement of every pack for every VM, and lints every NSG. `done` is called once per
/// distinct path evaluated (for a progress bar).
pub fn run(inp: &GateInputs, done: &(dyn Fn() + Sync)) -> GateReport {
    let reqs: Vec<(&Pack, &Requirement)> = inp
        .packs
        .iter()
        .flat_map(|p| p.requirements.iter().map(move |r| (p, r)))
        .collect();
    let ok: Vec<&VmPath> = inp.vms.iter().filter_map(|v| v.as_ref().ok()).collect();
    // distinct paths, first VM of each as its representative
    let mut keys: HashMap<String, usize> = HashMap::new();
    let mut reps: Vec<&VmPath> = Vec::new();
    let mut of_vm = Vec::with_capacity(ok.len());
    let mut cache = SensitivityCache::new();
    for vp in &ok {
        let k = path_key(vp, inp, &mut cache);
        let id = *keys.entry(k).or_insert_with(|| {
            reps.push(vp);
            reps.len() - 1
        });
        of_vm.push(id);
    }
    let results: Vec<PathResult> = reps
        .par_iter()
        .map(|vp| {
            let r = eval_path(inp, vp, &reqs);
            done();
            r
        })
        .collect();
    let mut outcomes = Vec::new();
    let mut findings = Vec::new();
    for (vp, &id) in ok.iter().zip(&of_vm) {
        let shared = &results[id];
        for ((p, r), res) in reqs.iter().zip(&shared.per_req) {
            // a VM that shares a path with another is selected on its own
            let Some(ReqResult {
                status,
                message,
                location,
                ports,
            }) = res.clone().filter(|_| selected(r, vp, &inp.running))
            else {
                continue;
            };
            let message = if std::ptr::eq(*vp, reps[id]) {
                message
            } else {
                message.replace(&format!("`{}`", reps[id].vm), &format!("`{}`", vp.vm))
            };
            if status != Status::Pass {
                findings.push(Finding {
                    id: format!("{}/{}", p.name, r.id),
                    code: diag::REQUIREMENT_FAILED.code,
                    severity: if status == Status::Fail {
                        r.severity()
                    } else {
                        Severity::Warning
                    },
                    message: format!(
                        "{}: {}{message}",
                        vp.label(),
                        if status == Status::Unknown {
                            "inconclusive: "
                        } else {
                            ""
                        }
                    ),
                    vm: Some(vp.vm.clone()),
                    nsg: None,
                    fingerprint: fingerprint(&[&p.name, &r.id, &vp.vm, &format!("{status:?}")]),
                    location: location.clone(),
                    suppressed: None,
                    baselined: false,
                    inconclusive: status == Status::Unknown,
                });
            }
            outcomes.push(Outcome {
                pack: p.name.clone(),
                requirement: r.id.clone(),
                vm: vp.vm.clone(),
                subject: vp.kind,
                subnet: vp.subnet.clone(),
                status,
                severity: r.severity(),
                message,
                location,
                ports,
            });
        }
        for w in shared.warnings.iter().map(|d| &d.message) {
            findings.push(Finding {
                id: "lint/wrong-region-tag".into(),
                code: code_of("wrong-region-tag"),
                severity: Severity::Warning,
                message: format!("{}: {w}", vp.label()),
                vm: Some(vp.vm.clone()),
                nsg: None,
                location: None,
                fingerprint: fingerprint(&["wrong-region-tag", &vp.vm, &without_positions(w)]),
                suppressed: None,
                baselined: false,
                inconclusive: false,
            });
        }
    }
    // a workload pack that applies to no VM has nothing to gate: inconclusive, said so
    for (p, r) in &reqs {
        if let Some(k) = r.backup.as_ref().and_then(|b| b.workload())
            && k != crate::workload::WorkloadKind::Vm
            && !outcomes
                .iter()
                .any(|o: &Outcome| o.pack == p.name && o.requirement == r.id)
        {
            findings.push(Finding {
                id: format!("{}/{}", p.name, r.id),
                code: diag::REQUIREMENT_FAILED.code,
                severity: Severity::Warning,
                message: format!(
                    "inconclusive: no VM among the inputs runs {} (its extension, a protected item or a replicated item) and the pack's selector names none: nothing to gate; pass the vault's protected items, or name the VMs with a selector in a pack file",
                    k.spec().title
                ),
                vm: None,
                nsg: None,
                location: None,
                fingerprint: fingerprint(&[&p.name, &r.id, "no-subject"]),
                suppressed: None,
                baselined: false,
                inconclusive: true,
            });
        }
    }
    for e in inp.vms.iter().filter_map(|v| v.as_ref().err()) {
        // a path that cannot be known offline: inconclusive, not an error
        if let Some(why) = e.strip_prefix(crate::ingest::topology::PATH_UNKNOWN) {
            findings.push(Finding {
                id: "input/vm-path-unknown".into(),
                code: diag::VM_PATH_UNKNOWN.code,
                severity: Severity::Warning,
                message: why.to_string(),
                vm: None,
                nsg: None,
                location: None,
                fingerprint: fingerprint(&["vm-path-unknown", why]),
                suppressed: None,
                baselined: false,
                inconclusive: true,
            });
            continue;
        }
        findings.push(Finding {
            id: "input/vm-path".into(),
            code: diag::VM_PATH_UNBUILT.code,
            severity: Severity::Error,
            message: e.clone(),
            vm: None,
            nsg: None,
            location: None,
            fingerprint: fingerprint(&["vm-path", &without_positions(e)]),
            suppressed: None,
            baselined: false,
            inconclusive: false,
        });
    }
    for n in &inp.nsgs {
        findings.extend(lint::nsg(n, &inp.tags));
    }
    if inp.lints {
        findings.extend(lint::subnets_without_nsg(&ok));
        findings.extend(lint::bare_subnets_without_nsg(&inp.bare_subnets));
    }
    if !inp.squids.is_empty() {
        // the extension's sources: the VMs' VNets, else the private ranges
        let mut clients = AddrSet::empty();
        for vp in &ok {
            clients = clients.union(&AddrSet::from_nets(&parse_vnet_lenient(&vp.vnet)));
        }
        if clients.is_empty() {
            for p in ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] {
                clients = clients.union(&AddrSet::from_net(p.parse().expect("valid prefix")));
            }
        }
        for s in &inp.squids {
            findings.extend(lint::squid(s, &clients));
        }
    }
    apply_suppressions(&mut findings, &inp.nsgs);
    // one line per distinct finding: copies of the same NSG say the same thing once
    lint::dedup(&mut findings);
    GateReport {
        schema_version: 2,
        vms: inp
            .vms
            .iter()
            .filter(|v| v.as_ref().map_or(true, |p| p.kind == SubjectKind::Vm))
            .count(),
        subnets_without_vms: ok.iter().filter(|p| p.kind == SubjectKind::Subnet).count(),
        nsgs_without_vms: ok.iter().filter(|p| p.kind == SubjectKind::Nsg).count(),
        distinct_paths: reps.len(),
        nsgs: inp.nsgs.len(),
        outcomes,
        findings,
        service_tags: inp.tags.source.clone(),
        notes: assumption_notes(inp, &ok),
        nothing_to_gate: false,
    }
}

/// The code of a lint (`invalid-priority` → `AZE0601`).
pub fn code_of(lint: &str) -> &'static str {
    let c = match lint.strip_prefix("lint/").unwrap_or(lint) {
        "invalid-priority" => &diag::LINT_INVALID_PRIORITY,
        "duplicate-priority" => &diag::LINT_DUPLICATE_PRIORITY,
        "invalid-name" => &diag::LINT_INVALID_NAME,
        "duplicate-name" => &diag::LINT_DUPLICATE_NAME,
        "redundant-rule" => &diag::LINT_REDUNDANT_RULE,
        "shadowed-rule" => &diag::LINT_SHADOWED_RULE,
        "wide-port-range" => &diag::LINT_WIDE_PORT_RANGE,
        "admin-port-from-internet" => &diag::LINT_ADMIN_PORT_FROM_INTERNET,
        "allow-all-ports-internet" => &diag::LINT_ALLOW_ALL_PORTS,
        "unknown-service-tag" => &diag::LINT_UNKNOWN_TAG,
        "tag-not-for-nsg" => &diag::LINT_TAG_NOT_FOR_NSG,
        "proxy-misses-8443" => &diag::LINT_PROXY_MISSES_8443,
        "wrong-region-tag" => &diag::LINT_WRONG_REGION_TAG,
        "suppression-without-reason" => &diag::LINT_SUPPRESSION_WITHOUT_REASON,
        "too-many-rules" => &diag::LINT_NSG_OVER_LIMIT,
        "shadow-analysis-cut" => &diag::LINT_ANALYSIS_CUT,
        "http-from-internet" => &diag::LINT_HTTP_FROM_INTERNET,
        "udp-from-internet" => &diag::LINT_UDP_FROM_INTERNET,
        "subnet-without-nsg" => &diag::LINT_SUBNET_WITHOUT_NSG,
        _ => &diag::GATE_PATH_WARNING,
    };
    c.code
}

/// The assumptions the paths rest on, named with their VMs: a subnet not among the inputs, a disk kind the
/// export does not state.
fn assumption_notes(inp: &GateInputs, ok: &[&VmPath]) -> Vec<Diagnostic> {
    let unknown: Vec<&str> = ok
        .iter()
        .filter(|p| {
            p.kind == SubjectKind::Vm
                && p.disks.is_none()
                && inp.disks.is_none()
                && inp.ports.is_none()
        })
        .map(|p| p.vm.as_str())
        .collect();
    let mut out = Vec::new();
    let missing: Vec<&str> = ok
        .iter()
        .filter_map(|p| p.subnet_missing.as_ref().map(|_| p.vm.as_str()))
        .collect();
    if !missing.is_empty() {
        out.push(Diagnostic::new(
            &diag::SUBNET_NOT_IN_INPUTS,
            format!(
                "{} VM(s) whose subnet is not in the inputs: its NSG and route table are not checked (add the VNet or \
                 subnet export): {}",
                missing.len(),
                crate::ingest::name_list(missing.into_iter())
            ),
        ));
    }
    if unknown.is_empty() {
        return out;
    }
    out.push(Diagnostic::new(
        &diag::DISKS_UNKNOWN,
        format!(
            "{} VM(s) whose export does not say their disk kind (`storageProfile.osDisk`): managed disks assumed, so \
             8443 is required; pass --disks unmanaged for VHD disks: {}",
            unknown.len(),
            crate::ingest::name_list(unknown.into_iter())
        ),
    ));
    out
}

/// The marker of an inline suppression in a rule's description:
/// `azegress-ignore: <finding id> -- <reason>`.
pub const SUPPRESS: &str = "azegress-ignore:";

/// Marks findings located at a rule whose description suppresses them; a suppression without a reason
/// is itself an error finding.
fn apply_suppressions(findings: &mut Vec<Finding>, nsgs: &[Arc<Nsg>]) {
    // keyed by file, line and column: a file written on one line has every rule on line 1
    let mut by_loc: HashMap<(String, usize, usize), (&SecurityRule, &str)> = HashMap::new();
    let mut extra = Vec::new();
    for n in nsgs {
        for r in &n.rules {
            let Some(d) = &r.description else { continue };
            let Some(i) = d.find(SUPPRESS) else { continue };
            let spec = d[i + SUPPRESS.len()..].trim();
            by_loc.insert(
                (r.origin.file.to_string(), r.origin.line, r.origin.col),
                (r, spec),
            );
            if spec
                .split_once("--")
                .is_none_or(|(_, why)| why.trim().is_empty())
            {
                extra.push(Finding {
                    id: "lint/suppression-without-reason".into(),
                    code: code_of("suppression-without-reason"),
                    severity: Severity::Error,
                    message: format!(
                        "rule `{}` of NSG `{}` suppresses findings without a reason: write `{SUPPRESS} <id> -- <why>` in its description",
                        r.name, n.name
                    ),
                    vm: None,
                    nsg: Some(n.name.clone()),
                    location: Loc::of(&r.origin),
                    fingerprint: fingerprint(&["suppression-without-reason", &n.name, &r.name]),
                    suppressed: None,
                    baselined: false,
                    inconclusive: false,
                });
            }
        }
    }
    for f in findings.iter_mut() {
        let Some(l) = &f.location else { continue };
        let Some((_, spec)) = by_loc.get(&(l.file.clone(), l.line, l.col)) else {
            continue;
        };
        let Some((ids, why)) = spec.split_once("--") else {
            continue;
        };
        let why = why.trim();
        // by the finding's id (`lint/shadowed-rule`) or its code (`AZE0606`)
        if !why.is_empty()
            && ids.split([',', ' ']).any(|id| {
                let id = id.trim();
                !id.is_empty() && (f.id.eq_ignore_ascii_case(id) || f.code.eq_ignore_ascii_case(id))
            })
        {
            f.suppressed = Some(why.to_string());
        }
    }
    findings.extend(extra);
}

/// The VNet's prefixes (text that is not a prefix is left out: the NIC's export names it).
fn parse_vnet_lenient(v: &[String]) -> Vec<ipnet::IpNet> {
    v.iter()
        .filter_map(|s| crate::tags::parse_prefix(s))
        .collect()
}
