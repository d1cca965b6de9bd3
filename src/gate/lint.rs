//! Lints over one NSG, each located at the rule: rules that never decide anything (shadowed by one earlier
//! rule that covers them in every field) and rules that change nothing (an earlier rule with the same
//! access covers them), port ranges whose ends are two well-known ports (`80-443` where `80,443` was
//! meant), Allow to or from `*`/`Internet` on every port, duplicate priorities and names, priorities
//! outside 100–4096, and service tags an NSG cannot use.

use super::pack::Severity;
use super::{Finding, Loc, fingerprint};
use crate::model::*;
use crate::tags::ServiceTags;

/// Well-known ports whose range `a-b` is usually meant as `a,b`.
const WELL_KNOWN: [u16; 12] = [21, 22, 25, 53, 80, 443, 445, 1433, 3306, 3389, 5432, 8443];

fn finding(id: &str, sev: Severity, nsg: &Nsg, r: &SecurityRule, msg: String) -> Finding {
    Finding {
        id: format!("lint/{id}"),
        code: super::code_of(id),
        severity: sev,
        message: format!("NSG `{}` rule `{}`: {msg}", nsg.name, r.name),
        vm: None,
        nsg: Some(nsg.name.clone()),
        location: Loc::of(&r.origin),
        fingerprint: fingerprint(&[id, &nsg.name, &r.name]),
        suppressed: None,
        baselined: false,
        inconclusive: false,
    }
}

/// Remote administration ports that must not be open to everyone.
const ADMIN_PORTS: [(u16, &str); 4] = [
    (22, "SSH"),
    (3389, "RDP"),
    (5985, "WinRM"),
    (5986, "WinRM over HTTPS"),
];

/// Every spelling of "any address on the Internet": `*`, `Any`, `Internet`, `0.0.0.0/0`, `::/0`.
fn anyone(i: &AddrItem) -> bool {
    match i {
        AddrItem::Any => true,
        AddrItem::Tag(t) => t.eq_ignore_ascii_case("Internet") || t.eq_ignore_ascii_case("any"),
        AddrItem::Prefix(p) => p.prefix_len() == 0,
        _ => false,
    }
}

/// The literal address items of a spec as a set, or `None` when it holds tags or ASGs (compared only
/// when equal as text).
fn literal(spec: &AddrSpec) -> Option<AddrSet> {
    let mut s = AddrSet::empty();
    for i in &spec.items {
        match i {
            AddrItem::Any => return Some(AddrSet::any()),
            AddrItem::Prefix(p) => s = s.union(&AddrSet::from_net(*p)),
            _ => return None,
        }
    }
    Some(s)
}

/// Does `a`'s address spec cover `b`'s?
fn covers(a: &AddrSpec, b: &AddrSpec) -> bool {
    match (literal(a), literal(b)) {
        (Some(x), Some(y)) => x.is_superset(&y),
        (Some(x), None) => x == AddrSet::any(),
        _ => a.display() == b.display(),
    }
}

fn proto_covers(a: Protocol, b: Protocol) -> bool {
    a == Protocol::Any || a == b
}

/// A rule's match set as a box: protocols (bits), sources, source ports, destinations, destination ports.
#[derive(Clone)]
struct MatchBox {
    proto: u8,
    src: AddrSet,
    sp: PortSet,
    dst: AddrSet,
    dp: PortSet,
}

fn proto_bits(p: Protocol) -> u8 {
    match p {
        Protocol::Tcp => 1,
        Protocol::Udp => 2,
        Protocol::Icmp => 4,
        Protocol::Esp => 8,
        Protocol::Ah => 16,
        Protocol::Any => 31,
    }
}

/// The addresses of a spec when they do not depend on the VNet or a VM (prefixes, `*`, service tags).
fn side_set(spec: &AddrSpec, tags: &ServiceTags) -> Option<AddrSet> {
    let mut s = AddrSet::empty();
    for i in &spec.items {
        let part = match i {
            AddrItem::Any => AddrSet::any(),
            AddrItem::Prefix(p) => AddrSet::from_net(*p),
            AddrItem::Tag(t) if crate::tags::special_tag(t).is_none() => {
                AddrSet::clone(&tags.prefixes(tags.get(t)?).ok()?.set)
            }
            _ => return None,
        };
        s = s.union(&part);
    }
    Some(s)
}

impl MatchBox {
    fn of(r: &SecurityRule, tags: &ServiceTags) -> Option<MatchBox> {
        r.unknowns.is_empty().then_some(())?;
        Some(MatchBox {
            proto: proto_bits(r.protocol),
            src: side_set(&r.source, tags)?,
            sp: r.source_ports.clone(),
            dst: side_set(&r.destination, tags)?,
            dp: r.destination_ports.clone(),
        })
    }

    fn intersects(&self, o: &MatchBox) -> bool {
        self.proto & o.proto != 0
            && self.src.intersects(&o.src)
            && self.sp.intersects(&o.sp)
            && self.dst.intersects(&o.dst)
            && self.dp.intersects(&o.dp)
    }

    /// `self` minus `o`, as disjoint boxes (at most five).
    fn minus(&self, o: &MatchBox) -> Vec<MatchBox> {
        if !self.intersects(o) {
            return vec![self.clone()];
        }
        let mut out = Vec::new();
        let mut rest = self.clone();
        if rest.proto & !o.proto != 0 {
            out.push(MatchBox {
                proto: rest.proto & !o.proto,
                ..rest.clone()
            });
        }
        rest.proto &= o.proto;
        let src_out = rest.src.difference(&o.src);
        if !src_out.is_empty() {
            out.push(MatchBox {
                src: src_out,
                ..rest.clone()
            });
        }
        rest.src = rest.src.intersect(&o.src);
        let sp_out = rest.sp.difference(&o.sp);
        if !sp_out.is_empty() {
            out.push(MatchBox {
                sp: sp_out,
                ..rest.clone()
            });
        }
        rest.sp = rest.sp.intersect(&o.sp);
        let dst_out = rest.dst.difference(&o.dst);
        if !dst_out.is_empty() {
            out.push(MatchBox {
                dst: dst_out,
                ..rest.clone()
            });
        }
        rest.dst = rest.dst.intersect(&o.dst);
        let dp_out = rest.dp.difference(&o.dp);
        if !dp_out.is_empty() {
            out.push(MatchBox { dp: dp_out, ..rest });
        }
        out
    }
}

/// The earlier rules that together match everything `r` matches, when they do (exact over address and
/// port sets; rules naming the VNet, ASGs or unknown values take no part; bounded work).
/// `work` is the NSG's budget of box operations, spent here: `Err` when it ran out before an answer.
fn covered_together<'r>(
    r: &SecurityRule,
    b: Option<&MatchBox>,
    earlier: &[&'r SecurityRule],
    boxes: &[Option<MatchBox>],
    work: &mut usize,
) -> Result<Option<Vec<&'r SecurityRule>>, ()> {
    const BUDGET: usize = 4096;
    let Some(b) = b else { return Ok(None) };
    let mut remaining = vec![b.clone()];
    let mut by = Vec::new();
    for (e, eb) in earlier.iter().zip(boxes) {
        let Some(eb) = eb.as_ref().filter(|_| e.direction == r.direction) else {
            continue;
        };
        if *work < remaining.len() {
            *work = 0;
            return Err(());
        }
        *work -= remaining.len();
        if !remaining.iter().any(|x| x.intersects(eb)) {
            continue;
        }
        by.push(*e);
        *work = work.saturating_sub(remaining.len());
        remaining = remaining.iter().flat_map(|x| x.minus(eb)).collect();
        if remaining.is_empty() {
            return Ok(Some(by));
        }
        if remaining.len() > BUDGET {
            return Ok(None);
        }
    }
    Ok(None)
}

/// Do earlier rules of the NSG (same direction, known values) decide all of `ports` over `proto` from the
/// whole Internet to everything `r` names as destination, before `r` is reached? Each such rule takes its
/// ports first (a Deny closes them; an Allow is reported on its own), so `r` opens only what is left.
fn decided_earlier(
    r: &SecurityRule,
    earlier: &[&SecurityRule],
    proto: Protocol,
    ports: &PortSet,
) -> bool {
    let mut left = ports.clone();
    for e in earlier {
        // a rule of the same priority is not earlier (Azure refuses the NSG: duplicate-priority says so)
        if e.priority >= r.priority
            || e.direction != r.direction
            || !e.unknowns.is_empty()
            || !e.protocol.matches(proto)
            || !e.source.items.iter().any(anyone)
            || !e.source_ports.is_superset(&r.source_ports)
            || !covers(&e.destination, &r.destination)
        {
            continue;
        }
        left = left.difference(&e.destination_ports);
        if left.is_empty() {
            return true;
        }
    }
    false
}

/// Ports as written in a rule: `53`, `1-65535`, `53,123,161-162`.
fn port_text(p: &PortSet) -> String {
    p.ranges()
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Azure's limit: "Security rules per network security group: 1,000" (networking limits, Microsoft Learn).
pub const MAX_RULES_PER_NSG: usize = 1000;

/// Box operations (one rule compared with another, one box intersected or subtracted) the shadowed and
/// redundant rule analysis spends on one NSG at most: an NSG of Azure's 1,000 rules takes about half of it;
/// a larger crafted one is cut, and the cut is reported, instead of taking minutes.
pub const SHADOW_WORK: usize = 2_000_000;

/// A finding about the NSG as a whole, located at the NSG.
fn nsg_finding(id: &str, sev: Severity, nsg: &Nsg, msg: String) -> Finding {
    Finding {
        id: format!("lint/{id}"),
        code: super::code_of(id),
        severity: sev,
        message: format!("NSG `{}`: {msg}", nsg.name),
        vm: None,
        nsg: Some(nsg.name.clone()),
        location: Loc::of(&nsg.origin),
        fingerprint: fingerprint(&[id, &nsg.name]),
        suppressed: None,
        baselined: false,
        inconclusive: false,
    }
}

/// Every lint for one NSG.
pub fn nsg(n: &Nsg, tags: &ServiceTags) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut rules: Vec<&SecurityRule> = n.rules.iter().filter(|r| !r.is_default).collect();
    rules.sort_by_key(|r| r.priority);
    let boxes: Vec<Option<MatchBox>> = rules.iter().map(|r| MatchBox::of(r, tags)).collect();
    let mut seen_prio: std::collections::HashMap<(Direction, u32), &str> = Default::default();
    let mut seen_name: std::collections::HashSet<String> = Default::default();
    if rules.len() > MAX_RULES_PER_NSG {
        out.push(nsg_finding(
            "too-many-rules",
            Severity::Error,
            n,
            format!(
                "{} security rules, more than Azure's limit of {MAX_RULES_PER_NSG} per NSG: Azure refuses it ({})",
                rules.len(),
                crate::learn::NETWORKING_LIMITS
            ),
        ));
    }
    // the shadow analysis compares each rule with the earlier ones: bounded by a work budget
    let mut work = SHADOW_WORK;
    let mut cut_at: Option<usize> = None;
    for (k, r) in rules.iter().enumerate() {
        // a priority not known offline (a Terraform variable, a template parameter) is not linted
        let known = r.unknowns.is_empty();
        if known && !(100..=4096).contains(&r.priority) {
            out.push(finding(
                "invalid-priority",
                Severity::Error,
                n,
                r,
                format!(
                    "priority {} is outside 100-4096: Azure refuses the rule",
                    r.priority
                ),
            ));
        }
        if known && let Some(other) = seen_prio.insert((r.direction, r.priority), &r.name) {
            out.push(finding(
                "duplicate-priority",
                Severity::Error,
                n,
                r,
                format!(
                    "priority {} is also rule `{other}`'s in the same direction: Azure refuses the NSG",
                    r.priority
                ),
            ));
        }
        // a stand-in for rules not known offline (`(… not known offline)`) is not a rule: its name and the
        // permissive values it holds for what is unknown are never linted
        let stand_in = !known && r.name.starts_with('(');
        // `${…}`: a Terraform name not known offline, shown as its expression
        if !stand_in && !r.name.contains("${") && !azure_name_ok(&r.name) {
            out.push(finding(
                "invalid-name",
                Severity::Error,
                n,
                r,
                "Azure refuses this name: 1-80 letters, digits, `_`, `.`, `-`, starting with a letter or digit and ending with one or `_`".into(),
            ));
        }
        if !stand_in && !seen_name.insert(r.name.to_ascii_lowercase()) {
            out.push(finding(
                "duplicate-name",
                Severity::Error,
                n,
                r,
                "another rule has the same name (names are unique per NSG, any case)".into(),
            ));
        }
        if cut_at.is_none() && work < k {
            cut_at = Some(k);
        }
        // shadowed or redundant: one earlier rule covers it in every field
        if cut_at.is_some() {
            // the budget is spent: not analysed (reported once, below)
        } else if r.unknowns.is_empty()
            && let Some(e) = rules[..k].iter().find(|e| {
                work = work.saturating_sub(1);
                e.unknowns.is_empty()
                    && e.direction == r.direction
                    && proto_covers(e.protocol, r.protocol)
                    && e.source_ports.is_superset(&r.source_ports)
                    && e.destination_ports.is_superset(&r.destination_ports)
                    && covers(&e.source, &r.source)
                    && covers(&e.destination, &r.destination)
            })
        {
            if e.access == r.access {
                out.push(finding(
                    "redundant-rule",
                    Severity::Warning,
                    n,
                    r,
                    format!(
                        "changes nothing: rule `{}` (priority {}) already {}s everything it matches",
                        e.name,
                        e.priority,
                        format!("{:?}", e.access).to_lowercase()
                    ),
                ));
            } else {
                out.push(finding(
                    "shadowed-rule",
                    Severity::Error,
                    n,
                    r,
                    format!(
                        "never applies: rule `{}` (priority {}, {:?}) decides everything it matches first",
                        e.name, e.priority, e.access
                    ),
                ));
            }
        } else if let Some(by) =
            covered_together(r, boxes[k].as_ref(), &rules[..k], &boxes[..k], &mut work)
                .unwrap_or_else(|()| {
                    cut_at = Some(k);
                    None
                })
        {
            // no single earlier rule covers it, but several do together
            let names: Vec<String> = by
                .iter()
                .map(|e| format!("`{}` ({}, {:?})", e.name, e.priority, e.access))
                .collect();
            if by.iter().all(|e| e.access == r.access) {
                out.push(finding(
                    "redundant-rule",
                    Severity::Warning,
                    n,
                    r,
                    format!(
                        "changes nothing: rules {} together already decide everything it matches the same way",
                        names.join(", ")
                    ),
                ));
            } else {
                out.push(finding(
                    "shadowed-rule",
                    Severity::Error,
                    n,
                    r,
                    format!(
                        "never applies: rules {} together decide everything it matches first",
                        names.join(", ")
                    ),
                ));
            }
        }
        // what a rule with unknown parts opens is not known: only its service tags are linted
        let ranges: &[(u16, u16)] = if known {
            r.destination_ports.ranges()
        } else {
            &[]
        };
        for &(a, b) in ranges {
            if a != b && WELL_KNOWN.contains(&a) && WELL_KNOWN.contains(&b) && b - a > 1 {
                out.push(finding(
                    "wide-port-range",
                    Severity::Warning,
                    n,
                    r,
                    format!(
                        "port range {a}-{b} opens {} ports: if {a} and {b} were meant, write them as two ports",
                        u32::from(b - a) + 1
                    ),
                ));
            }
        }
        let open_side = match r.direction {
            Direction::Outbound => &r.destination,
            Direction::Inbound => &r.source,
        };
        let everyone = open_side.items.iter().any(anyone);
        if known
            && r.access == Access::Allow
            && r.direction == Direction::Inbound
            && everyone
            && r.protocol.matches(Protocol::Tcp)
            && r.destination_ports != PortSet::full()
        {
            let open: Vec<String> = ADMIN_PORTS
                .iter()
                .filter(|(p, _)| r.destination_ports.contains(*p))
                .map(|(p, what)| format!("{p} ({what})"))
                .collect();
            if !open.is_empty() {
                out.push(finding(
                    "admin-port-from-internet",
                    Severity::Error,
                    n,
                    r,
                    format!(
                        "allows {} from {} (any address of the Internet): use Azure Bastion or just-in-time access, or name the sources",
                        open.join(", "),
                        open_side.display()
                    ),
                ));
            }
        }
        // HTTP (80) and UDP services open to the Internet (Checkov's CKV_AZURE_160 and CKV_AZURE_77), only
        // where this rule decides that traffic: no earlier rule of the NSG takes it first
        if known
            && r.access == Access::Allow
            && r.direction == Direction::Inbound
            && everyone
            && r.destination_ports != PortSet::full()
            && r.protocol.matches(Protocol::Tcp)
            && r.destination_ports.contains(80)
            && !decided_earlier(r, &rules[..k], Protocol::Tcp, &PortSet::range(80, 80))
        {
            out.push(finding(
                "http-from-internet",
                Severity::Warning,
                n,
                r,
                format!(
                    "allows HTTP (TCP 80) from {} (any address of the Internet): serve HTTPS, put Application Gateway or Front Door in front, or name the sources",
                    open_side.display()
                ),
            ));
        }
        if known
            && r.access == Access::Allow
            && r.direction == Direction::Inbound
            && everyone
            && r.protocol == Protocol::Udp
            // every port open: allow-all-ports-internet says it, once
            && r.destination_ports != PortSet::full()
            && !decided_earlier(r, &rules[..k], Protocol::Udp, &r.destination_ports)
        {
            out.push(finding(
                "udp-from-internet",
                Severity::Warning,
                n,
                r,
                format!(
                    "allows UDP {} from {} (any address of the Internet): name the sources or deny it",
                    port_text(&r.destination_ports),
                    open_side.display()
                ),
            ));
        }
        if known && r.access == Access::Allow && everyone && r.destination_ports == PortSet::full()
        {
            out.push(finding(
                "allow-all-ports-internet",
                if r.direction == Direction::Inbound {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                n,
                r,
                format!(
                    "allows every port {} {}: name the ports and destinations that are needed",
                    if r.direction == Direction::Inbound {
                        "from"
                    } else {
                        "to"
                    },
                    open_side.display()
                ),
            ));
        }
        for t in [&r.source, &r.destination]
            .iter()
            .flat_map(|s| s.items.iter())
            .filter_map(|i| match i {
                AddrItem::Tag(t) => Some(t),
                _ => None,
            })
        {
            if crate::tags::special_tag(t).is_some() {
                continue;
            }
            match tags.get(t) {
                None => out.push(finding(
                    "unknown-service-tag",
                    Severity::Error,
                    n,
                    r,
                    format!("`{t}` is not a service tag of the file in use"),
                )),
                Some(e) => {
                    if e.network_features()
                        .is_some_and(|f| !f.iter().any(|x| x.eq_ignore_ascii_case("NSG")))
                        && let Err(why) = e.supports("NSG")
                    {
                        out.push(finding("tag-not-for-nsg", Severity::Error, n, r, why));
                    }
                }
            }
        }
    }
    if let Some(k) = cut_at {
        out.push(nsg_finding(
            "shadow-analysis-cut",
            Severity::Note,
            n,
            format!(
                "the shadowed and redundant rule analysis was cut after {k} of {} rules (the rules from priority {} on were not analysed): it compares each rule with every earlier one, and its work is bounded",
                rules.len(),
                rules[k].priority
            ),
        ));
    }
    out
}

/// The proxy lint: a squid.conf that lets the backup extension CONNECT to storage on 443 but refuses 8443
/// (Windows VMs with managed disks need 8443: squid's default `http_access deny CONNECT !SSL_ports`).
/// `clients` are the VMs' VNets (the extension's source).
pub fn squid(conf: &SquidConf, clients: &AddrSet) -> Vec<Finding> {
    use crate::engine::squid::{ProxyRequest, eval};
    let host = crate::tags::fqdn::Host::Name("backupaccount.blob.core.windows.net".into());
    let listen = conf.http_ports.first().map_or(3128, |p| p.0);
    let ask = |port: u16| {
        let req = ProxyRequest {
            client: crate::engine::Source::Vm,
            vnet: clients.clone(),
            method: "CONNECT",
            host: &host,
            port,
            listen_port: listen,
            os: Os::Windows,
        };
        eval(conf, &req, &AddrSet::any())
    };
    let denied = |parts: &[crate::engine::squid::SquidPart]| {
        parts
            .iter()
            .find(|p| p.access == DecisionAccess::Deny)
            .cloned()
    };
    let (p443, p8443) = (ask(443), ask(8443));
    match (denied(&p443), denied(&p8443)) {
        (None, Some(d)) if !p443.is_empty() => vec![Finding {
            id: "lint/proxy-misses-8443".into(),
            code: super::code_of("proxy-misses-8443"),
            severity: Severity::Error,
            message: format!(
                "proxy `{}` lets the backup extension CONNECT to storage on 443 but refuses 8443 (`{}`): Windows VMs with managed disks need 8443; allow CONNECT to .blob.core.windows.net on 8443 before this line",
                conf.file, d.rule
            ),
            vm: None,
            nsg: None,
            location: (d.line > 0).then(|| Loc {
                file: d.file.clone(),
                line: d.line,
                col: 1,
            }),
            fingerprint: fingerprint(&["proxy-misses-8443", &conf.file]),
            suppressed: None,
            baselined: false,
            inconclusive: false,
        }],
        _ => Vec::new(),
    }
}

/// Identical findings kept once, the first in place: the same id and code, message and location say the
/// same thing again (the NSGs of a copy loop whose names hold a part not known offline are read as one
/// NSG per copy, each with the same rules at the same place in the template), so they are printed and
/// counted once.
pub fn dedup(findings: &mut Vec<Finding>) {
    type Key = (String, &'static str, String, Option<(String, usize, usize)>);
    let mut seen: std::collections::HashSet<Key> =
        std::collections::HashSet::with_capacity(findings.len());
    findings.retain(|f| {
        seen.insert((
            f.id.clone(),
            f.code,
            f.message.clone(),
            f.location.as_ref().map(|l| (l.file.clone(), l.line, l.col)),
        ))
    });
}

/// The subnets Azure reserves for its own services: never flagged for having no NSG (Azure refuses an NSG
/// on GatewaySubnet and RouteServerSubnet, does not support one on the firewall's subnets, and Bastion
/// prescribes its own rules).
pub const RESERVED_SUBNETS: [&str; 5] = [
    "GatewaySubnet",
    "AzureFirewallSubnet",
    "AzureFirewallManagementSubnet",
    "AzureBastionSubnet",
    "RouteServerSubnet",
];

/// Subnets without an NSG (Checkov's CKV2_AZURE_31), among the subnets gate's subjects stand in (a VM's
/// subnet, or a subnet gated as a VM in it): one finding per subnet, naming its VMs. A subnet the inputs do
/// not hold (its NSG is not known), or one Azure reserves for its own services, is never flagged.
pub fn subnets_without_nsg(paths: &[&VmPath]) -> Vec<Finding> {
    let mut by_subnet: Vec<(String, Vec<&str>)> = Vec::new();
    for p in paths {
        let Some(sn) = p.subnet.as_deref() else {
            continue;
        };
        if p.subnet_missing.is_some() || p.kind == SubjectKind::Nsg {
            continue;
        }
        let leaf = sn.rsplit('/').next().unwrap_or(sn);
        if RESERVED_SUBNETS
            .iter()
            .any(|r| r.eq_ignore_ascii_case(leaf))
        {
            continue;
        }
        // any subject of the subnet seeing the subnet's NSG means it has one
        let has = paths.iter().any(|q| {
            q.subnet
                .as_deref()
                .is_some_and(|x| x.eq_ignore_ascii_case(sn))
                && q.subnet_nsg.is_some()
        });
        if has {
            continue;
        }
        match by_subnet
            .iter_mut()
            .find(|(s, _)| s.eq_ignore_ascii_case(sn))
        {
            Some((_, vms)) if p.kind == SubjectKind::Vm => vms.push(&p.vm),
            Some(_) => {}
            None => by_subnet.push((
                sn.to_string(),
                if p.kind == SubjectKind::Vm {
                    vec![p.vm.as_str()]
                } else {
                    Vec::new()
                },
            )),
        }
    }
    by_subnet
        .into_iter()
        .map(|(sn, vms)| Finding {
            id: "lint/subnet-without-nsg".into(),
            code: super::code_of("subnet-without-nsg"),
            severity: Severity::Warning,
            message: format!(
                "subnet `{sn}` has no network security group{}: associate one with the subnet",
                if vms.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (VMs in it: {})",
                        crate::ingest::name_list(vms.iter().copied())
                    )
                }
            ),
            vm: None,
            nsg: None,
            location: None,
            fingerprint: fingerprint(&["subnet-without-nsg", &sn]),
            suppressed: None,
            baselined: false,
            inconclusive: false,
        })
        .collect()
}

/// Subnets with neither an NSG nor a route table and no VM among the inputs (Checkov's CKV2_AZURE_31 flags
/// them too): one finding each. The reserved subnets are left out by the reader.
pub fn bare_subnets_without_nsg(subnets: &[String]) -> Vec<Finding> {
    subnets
        .iter()
        .map(|sn| Finding {
            id: "lint/subnet-without-nsg".into(),
            code: super::code_of("subnet-without-nsg"),
            severity: Severity::Warning,
            message: format!(
                "subnet `{sn}` has no network security group: associate one with the subnet"
            ),
            vm: None,
            nsg: None,
            location: None,
            fingerprint: fingerprint(&["subnet-without-nsg", sn]),
            suppressed: None,
            baselined: false,
            inconclusive: false,
        })
        .collect()
}

#[cfg(test)]
mod dedup_tests {
    use super::*;

    #[test]
    fn identical_findings_are_kept_once() {
        let f = |msg: &str, line: usize| Finding {
            id: "lint/admin-port-from-internet".into(),
            code: super::super::code_of("admin-port-from-internet"),
            severity: Severity::Error,
            message: msg.into(),
            vm: None,
            nsg: Some("nsg-${var.env}".into()),
            location: Some(Loc {
                file: "main.json".into(),
                line,
                col: 9,
            }),
            fingerprint: "x".into(),
            suppressed: None,
            baselined: false,
            inconclusive: false,
        };
        let mut v = vec![f("a", 3), f("a", 3), f("b", 3), f("a", 4), f("a", 3)];
        dedup(&mut v);
        let kept: Vec<(String, usize)> = v
            .iter()
            .map(|x| (x.message.clone(), x.location.as_ref().unwrap().line))
            .collect();
        assert_eq!(kept, [("a".into(), 3), ("b".into(), 3), ("a".into(), 4)]);
    }
}
