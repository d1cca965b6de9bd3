//! Evaluation over address sets. Pure: no files, no printing, no network.
//!
//! Outbound traffic meets the NIC NSG first, then the subnet NSG; inbound the reverse; in each NSG the
//! first rule by priority that matches decides; a missing NSG passes; a deny at either stage blocks
//! (reference §1.2, traps 1–3). The destination is a whole address set; each stage partitions the part
//! that reaches it by deciding rule.

pub mod check;
pub mod firewall;
pub mod path;
pub mod proxy;
mod resolve;
pub mod routes;
pub mod squid;
pub mod squid_lang;

pub use resolve::{Environment, Source, Tri};

use crate::error::Error;
use crate::model::*;
use resolve::ResolvedNsg;
use std::net::IpAddr;

/// What is being asked of one NSG stage.
#[derive(Clone, Debug)]
pub struct Query {
    /// Protocol of the flow.
    pub protocol: Protocol,
    /// Direction of the flow.
    pub direction: Direction,
    /// Who sends.
    pub source: Source,
    /// Source ports the sender may use.
    pub source_ports: PortSet,
    /// Destination port.
    pub port: u16,
    /// Platform traffic (to 168.63.129.16 / 169.254.169.254): only `AzurePlatform*` rules apply.
    pub platform_exempt: bool,
}

/// The ephemeral source ports a client may pick (Linux 32768–60999, Windows 49152–65535 fall inside).
pub fn ephemeral_ports() -> PortSet {
    PortSet::range(1024, u16::MAX)
}

/// One part of a stage's input, decided by one rule (or by the platform exemption).
#[derive(Clone, Debug)]
pub struct Part {
    /// Index into the stage's rules (sorted), `None` for the platform exemption.
    pub rule: Option<usize>,
    /// Decision.
    pub access: DecisionAccess,
    /// Addresses decided.
    pub set: AddrSet,
    /// Why unknown.
    pub reason: Option<String>,
}

/// An NSG at one attachment point, ready to evaluate.
pub struct StageInput<'a> {
    /// The NSG.
    pub nsg: &'a Nsg,
    /// Where it is attached.
    pub attached: Attachment,
}

/// How one rule meets a set of addresses: the part it surely decides, and the part it may decide (with why).
struct Meet {
    definite: AddrSet,
    maybe: AddrSet,
    reason: String,
}

/// Does rule `rr` apply to the query, and to which part of `set`? `None`: it does not apply at all.
fn meet(
    rr: &resolve::ResolvedRule<'_>,
    q: &Query,
    set: &AddrSet,
    env: &Environment<'_>,
    set_is_source: bool,
) -> Option<Meet> {
    let rule = rr.rule;
    if rule.direction != q.direction
        || !rule.protocol.matches(q.protocol)
        || !rule.destination_ports.contains(q.port)
    {
        return None;
    }
    if q.platform_exempt && !rr.platform_tag {
        return None;
    }
    let (single, set_side) = if set_is_source {
        (&rr.dst, &rr.src)
    } else {
        (&rr.src, &rr.dst)
    };
    let vm_side = set_is_source || q.direction == Direction::Outbound;
    let src = rr.side_match(single, q, vm_side, env);
    if src == Tri::No {
        return None;
    }
    let sp = if rule.source_ports.is_superset(&q.source_ports) {
        Tri::Yes
    } else if rule.source_ports.intersects(&q.source_ports) {
        Tri::Maybe(format!(
            "rule `{}` matches only some source ports ({}); the result depends on the port the client picks",
            rule.name,
            port_text(&rule.source_ports)
        ))
    } else {
        return None;
    };
    let definite = set.intersect(&set_side.known);
    let maybe = set.intersect(&set_side.maybe).difference(&definite);
    let whole = if !rule.unknowns.is_empty() {
        Some(format!(
            "rule `{}` uses values not known offline: {}",
            rule.name,
            rule.unknowns.join(", ")
        ))
    } else if let Tri::Maybe(m) = &src {
        Some(m.clone())
    } else if let Tri::Maybe(m) = &sp {
        Some(m.clone())
    } else {
        None
    };
    Some(match whole {
        // the rule as a whole may or may not match: everything it names is a maybe
        Some(reason) => Meet {
            definite: AddrSet::empty(),
            maybe: definite.union(&maybe),
            reason,
        },
        None => Meet {
            definite,
            maybe,
            reason: set_side
                .reason
                .clone()
                .unwrap_or_else(|| "destination not known offline".into()),
        },
    })
}

/// Evaluates one resolved NSG for a set of addresses on one side: destinations (`set_is_source` false,
/// `q.source` the one sender), or sources (`set_is_source` true: inbound to the VM, `q.source` the VM as
/// the one destination). `class` says which rules decide alike (an NSG: Allow or Deny; the admin stage:
/// its own three accesses).
///
/// A rule that may or may not match decides nothing by itself: the rules after it are evaluated for that
/// part as if it did not match, and where they give the same decision the part is decided either way.
/// Only where they could decide otherwise is the part unknown, naming the rule that may match and why.
/// Linear: past the uncertain rule, a later uncertain rule of the same class is passed over (either way
/// it gives the same decision), one of another class leaves its part unknown.
fn eval_stage_sides(
    r: &ResolvedNsg<'_>,
    q: &Query,
    input: &AddrSet,
    env: &Environment<'_>,
    set_is_source: bool,
    class: &dyn Fn(usize) -> u8,
    no_match_class: Option<u8>,
) -> Vec<Part> {
    let decided = |i: usize| match r.rules[i].rule.access {
        Access::Allow => DecisionAccess::Allow,
        Access::Deny => DecisionAccess::Deny,
    };
    let mut remaining = input.clone();
    let mut parts = Vec::new();
    for i in 0..r.rules.len() {
        if remaining.is_empty() {
            break;
        }
        let Some(m) = meet(&r.rules[i], q, &remaining, env, set_is_source) else {
            continue;
        };
        if !m.definite.is_empty() {
            remaining = remaining.difference(&m.definite);
            parts.push(Part {
                rule: Some(i),
                access: decided(i),
                set: m.definite,
                reason: None,
            });
        }
        if m.maybe.is_empty() {
            continue;
        }
        remaining = remaining.difference(&m.maybe);
        // the part rule i may decide: what the later rules give it when rule i does not match
        let mut rest = m.maybe;
        for j in i + 1..r.rules.len() {
            if rest.is_empty() {
                break;
            }
            let Some(n) = meet(&r.rules[j], q, &rest, env, set_is_source) else {
                continue;
            };
            let same = class(j) == class(i);
            if !n.definite.is_empty() {
                rest = rest.difference(&n.definite);
                parts.push(if same {
                    Part {
                        rule: Some(i),
                        access: decided(i),
                        set: n.definite,
                        reason: Some(format!(
                            "either way: {}; if it does not match, rule `{}` decides the same",
                            m.reason, r.rules[j].rule.name
                        )),
                    }
                } else {
                    Part {
                        rule: Some(i),
                        access: DecisionAccess::Unknown,
                        set: n.definite,
                        reason: Some(m.reason.clone()),
                    }
                });
            }
            if !n.maybe.is_empty() && !same {
                rest = rest.difference(&n.maybe);
                parts.push(Part {
                    rule: Some(i),
                    access: DecisionAccess::Unknown,
                    set: n.maybe,
                    reason: Some(m.reason.clone()),
                });
            }
        }
        if !rest.is_empty() {
            // no later rule matches: the platform exemption (an NSG), or the NSGs deciding (the admin
            // stage, where no match hands the part on as an Allow does)
            let platform_same = (q.platform_exempt && decided(i) == DecisionAccess::Allow)
                || no_match_class == Some(class(i));
            parts.push(Part {
                rule: Some(i),
                access: if platform_same {
                    DecisionAccess::Allow
                } else {
                    DecisionAccess::Unknown
                },
                set: rest,
                reason: Some(m.reason.clone()),
            });
        }
    }
    if !remaining.is_empty() {
        if q.platform_exempt {
            parts.push(Part {
                rule: None,
                access: DecisionAccess::Allow,
                set: remaining,
                reason: None,
            });
        } else {
            // Cannot happen with the default rules present (DenyAll* matches everything); stay safe.
            parts.push(Part {
                rule: None,
                access: DecisionAccess::Unknown,
                set: remaining,
                reason: Some("no rule matched".into()),
            });
        }
    }
    parts
}

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

/// The outcome of one flow through all stages, before reporting.
pub struct PathOutcome {
    /// The security admin stage's parts (empty without admin rules): `rule` indexes
    /// [`AdminRules::rules`], `None` for the part no admin rule matches (handed on to the NSGs); `access`
    /// is what the hop does with the part (Allow for Allow, AlwaysAllow and no match).
    pub admin: Vec<Part>,
    /// Per stage, its parts (only what reached it).
    pub stages: Vec<(usize, Vec<Part>)>,
    /// Allowed through every stage.
    pub allowed: AddrSet,
    /// Denied somewhere.
    pub denied: AddrSet,
    /// Unknown somewhere (and not denied earlier).
    pub unknown: AddrSet,
}

/// An evaluator over a fixed set of NSG stages (resolved once, asked many times), with the VNet's
/// security admin rules before them when given (reference §1.2, §10.2).
pub struct Engine<'a> {
    env: &'a Environment<'a>,
    stages: Vec<(Attachment, ResolvedNsg<'a>)>,
    admin: Option<AdminStage<'a>>,
}

/// The security admin rules, resolved like an NSG; `index[k]` is the admin rule of resolved rule `k`.
struct AdminStage<'a> {
    rules: &'a AdminRules,
    resolved: ResolvedNsg<'a>,
    index: Vec<usize>,
}

pub use crate::model::admin::{ADMIN_ALWAYS, ADMIN_NO_MATCH};

impl<'a> Engine<'a> {
    /// Resolves every rule's addresses once. Fails on an unknown service tag, naming tag, rule and file.
    pub fn new(env: &'a Environment<'a>, stages: &[StageInput<'a>]) -> Result<Self, Error> {
        let mut out = Vec::new();
        for s in stages {
            out.push((s.attached, ResolvedNsg::new(s.nsg, env)?));
        }
        Ok(Engine {
            env,
            stages: out,
            admin: None,
        })
    }

    /// Puts the VNet's security admin rules before the NSG stages (reference §10.2): lowest priority
    /// number first; Deny stops, AlwaysAllow passes without NSG evaluation, Allow and no match go on to
    /// the NSGs. No rules: no admin stage. Fails on an unknown service tag, as for NSG rules.
    pub fn with_admin(mut self, admin: &'a AdminRules) -> Result<Self, Error> {
        if let Some(nsg) = admin.as_nsg() {
            let resolved = ResolvedNsg::new(nsg, self.env)?;
            let index = resolved
                .rules
                .iter()
                .map(|rr| {
                    nsg.rules
                        .iter()
                        .position(|r| std::ptr::eq(r, rr.rule))
                        .unwrap_or(0)
                })
                .collect();
            self.admin = Some(AdminStage {
                rules: admin,
                resolved,
                index,
            });
        }
        Ok(self)
    }

    /// The admin rule a part of [`PathOutcome::admin`] names.
    pub fn admin_rule(&self, p: &Part) -> Option<&AdminRule> {
        let a = self.admin.as_ref()?;
        p.rule.and_then(|k| a.rules.rules().get(k))
    }

    /// Whether an AlwaysAllow admin rule could take part in a flow like `q` (its direction, protocol and
    /// port): where none can, every admin outcome is a Deny or a hand-on to the NSGs.
    fn admin_always_allows(&self, q: &Query) -> bool {
        self.admin.as_ref().is_some_and(|a| {
            a.rules.rules().iter().any(|r| {
                r.access == AdminAccess::AlwaysAllow
                    && r.direction == q.direction
                    && r.destination_ports.contains(q.port)
                    && (r.protocol == Protocol::Any || r.protocol == q.protocol)
            })
        })
    }

    /// Evaluates the admin stage over `input`: its parts, the part handed on to the NSGs, the part that
    /// passes without them (AlwaysAllow), the denied part and the unknown part.
    fn run_admin(
        &self,
        q: &Query,
        input: &AddrSet,
        set_is_source: bool,
    ) -> (Vec<Part>, AddrSet, AddrSet, AddrSet, AddrSet) {
        let (mut on, mut always, mut denied, mut unknown) = (
            AddrSet::empty(),
            AddrSet::empty(),
            AddrSet::empty(),
            AddrSet::empty(),
        );
        let Some(a) = &self.admin else {
            return (Vec::new(), input.clone(), always, denied, unknown);
        };
        let mut parts = Vec::new();
        let class = |k: usize| match a.index.get(k).and_then(|x| a.rules.rules().get(*x)) {
            Some(r) => match r.access {
                AdminAccess::Allow => 0,
                AdminAccess::AlwaysAllow => 1,
                AdminAccess::Deny => 2,
            },
            None => 3,
        };
        for p in eval_stage_sides(
            &a.resolved,
            q,
            input,
            self.env,
            set_is_source,
            &class,
            Some(0),
        ) {
            let rule = p.rule.and_then(|k| a.index.get(k).copied());
            let access = rule.and_then(|k| a.rules.rules().get(k)).map(|r| r.access);
            let (decided, reason) = match (rule, p.access, access) {
                (None, _, _) | (_, _, None) => {
                    on = on.union(&p.set);
                    (
                        DecisionAccess::Allow,
                        Some("no security admin rule matches: the NSGs decide".to_string()),
                    )
                }
                (_, DecisionAccess::Unknown, _) => {
                    unknown = unknown.union(&p.set);
                    (DecisionAccess::Unknown, p.reason.clone())
                }
                (_, _, Some(AdminAccess::Deny)) => {
                    denied = denied.union(&p.set);
                    (
                        DecisionAccess::Deny,
                        Some("a security admin Deny stops the traffic before the NSGs".to_string()),
                    )
                }
                (_, _, Some(AdminAccess::AlwaysAllow)) => {
                    always = always.union(&p.set);
                    (
                        DecisionAccess::Allow,
                        Some(format!(
                            "{ADMIN_ALWAYS}: the traffic passes and the NSGs are not evaluated"
                        )),
                    )
                }
                (_, _, Some(AdminAccess::Allow)) => {
                    on = on.union(&p.set);
                    (
                        DecisionAccess::Allow,
                        Some(
                            "Allow: the traffic goes on to the NSGs, which can still deny it"
                                .to_string(),
                        ),
                    )
                }
            };
            parts.push(Part {
                rule: if access.is_some() { rule } else { None },
                access: decided,
                set: p.set,
                reason,
            });
        }
        (parts, on, always, denied, unknown)
    }

    /// The admin hop's decisions for an outcome (empty without admin rules).
    pub fn admin_decisions(&self, out: &PathOutcome, nets: &[ipnet::IpNet]) -> Vec<Decision> {
        out.admin
            .iter()
            .map(|p| {
                let r = self.admin_rule(p);
                Decision {
                    rule: r.map_or_else(|| ADMIN_NO_MATCH.to_string(), AdminRule::display),
                    priority: r.map_or(0, |r| r.priority),
                    access: p.access,
                    prefixes: nets
                        .iter()
                        .filter(|n| p.set.intersects(&AddrSet::from_net(**n)))
                        .count(),
                    ipv4_addresses: u64::try_from(p.set.count_v4()).unwrap_or(u64::MAX),
                    reason: p.reason.clone(),
                    origin: r
                        .filter(|r| r.origin.line > 0)
                        .map(|r| r.origin.to_string()),
                    pointer: r.and_then(|r| r.origin.json_pointer()),
                    next_hop: None,
                }
            })
            .collect()
    }

    /// The admin hop's name: the deciding rule as the portal names it when one rule decides everything,
    /// else `security admin rules`.
    pub fn admin_hop_name(&self, out: &PathOutcome) -> String {
        match out.admin.as_slice() {
            [p] => self
                .admin_rule(p)
                .map_or_else(|| "security admin rules".to_string(), AdminRule::display),
            _ => "security admin rules".to_string(),
        }
    }

    /// Every rule of every NSG compared with one flow, field by field, as Network Watcher's NSG
    /// diagnostics shows it: protocol, source, source ports, destination, destination port. The rule that
    /// decides is the first (by priority) that matches in full, per NSG.
    pub fn rule_breakdown(&self, q: &Query, dest: &AddrSet) -> Vec<RuleCheck> {
        let mut out = Vec::new();
        for i in self.order(q.direction) {
            let (att, r) = &self.stages[i];
            let mut decided = false;
            for rr in r.rules.iter().filter(|rr| rr.rule.direction == q.direction) {
                let rule = rr.rule;
                let protocol = rule.protocol.matches(q.protocol);
                let source = match rr.source_match(q, self.env) {
                    resolve::Tri::Yes => "yes".to_string(),
                    resolve::Tri::No => "no".to_string(),
                    resolve::Tri::Maybe(why) => format!("unknown: {why}"),
                };
                let sp = rule.source_ports.intersect(&q.source_ports);
                let source_ports = if sp.is_superset(&q.source_ports) {
                    "yes"
                } else if sp.is_empty() {
                    "no"
                } else {
                    "part"
                };
                let hit = rr.dst.known.intersect(dest);
                let destination = if hit.is_superset(dest) {
                    "all"
                } else if hit.is_empty() && !rr.dst.maybe.intersects(dest) {
                    "none"
                } else {
                    "part"
                };
                let destination_port = rule.destination_ports.contains(q.port);
                let full = protocol
                    && source == "yes"
                    && source_ports == "yes"
                    && destination == "all"
                    && destination_port;
                let decides = full && !decided;
                decided |= full;
                out.push(RuleCheck {
                    nsg: r.nsg.name.clone(),
                    attached_to: *att,
                    rule: rule.qualified_name(),
                    priority: rule.priority,
                    access: rule.access,
                    protocol,
                    source,
                    source_ports: source_ports.to_string(),
                    destination: destination.to_string(),
                    destination_port,
                    decides,
                });
            }
        }
        out
    }

    /// Stages in the order `direction` meets them: outbound NIC→subnet, inbound subnet→NIC.
    fn order(&self, direction: Direction) -> Vec<usize> {
        let rank = |a: Attachment| match (direction, a) {
            (Direction::Outbound, Attachment::Nic) | (Direction::Inbound, Attachment::Subnet) => 0,
            _ => 1,
        };
        let mut idx: Vec<usize> = (0..self.stages.len()).collect();
        idx.sort_by_key(|&i| rank(self.stages[i].0));
        idx
    }

    /// Stage `i`'s NSG name and its `k`-th rule (in evaluation order), as parts of an outcome name them.
    pub fn stage_rule(&self, i: usize, k: usize) -> Option<(String, &SecurityRule)> {
        let (_, r) = self.stages.get(i)?;
        r.rules.get(k).map(|rr| (r.nsg.name.clone(), rr.rule))
    }

    /// Evaluates `dest` through every stage.
    pub fn run(&self, q: &Query, dest: &AddrSet) -> PathOutcome {
        self.run_sides(q, dest, false)
    }

    /// Evaluates traffic from every address of `sources` to the VM (`q.source`, inbound) through every
    /// stage, subnet NSG first: the allowed part is the set of senders that reach it.
    pub fn run_inbound_from(&self, q: &Query, sources: &AddrSet) -> PathOutcome {
        self.run_sides(q, sources, true)
    }

    fn run_sides(&self, q: &Query, dest: &AddrSet, set_is_source: bool) -> PathOutcome {
        let (admin, mut reaching, always, mut denied, mut unknown) =
            self.run_admin(q, dest, set_is_source);
        let mut stages = Vec::new();
        // what an earlier NSG may or may not let through goes on too: a later NSG that denies it decides
        // it either way
        let mut maybe_reaching = AddrSet::empty();
        // an admin rule that may or may not apply, where no AlwaysAllow rule takes part in this flow: its
        // part is denied by the admin rule or handed on to the NSGs, so an NSG that denies it decides it
        if !unknown.is_empty() && !self.admin_always_allows(q) {
            maybe_reaching = unknown.clone();
        }
        for i in self.order(q.direction) {
            let nsg = &self.stages[i].1;
            let class = |k: usize| u8::from(nsg.rules[k].rule.access == Access::Deny);
            let input = reaching.union(&maybe_reaching);
            let parts = eval_stage_sides(nsg, q, &input, self.env, set_is_source, &class, None);
            let mut next = AddrSet::empty();
            let mut next_maybe = AddrSet::empty();
            for p in &parts {
                let sure = p.set.intersect(&reaching);
                let maybe = p.set.intersect(&maybe_reaching);
                match p.access {
                    DecisionAccess::Allow => {
                        next = next.union(&sure);
                        next_maybe = next_maybe.union(&maybe);
                    }
                    DecisionAccess::Deny => {
                        denied = denied.union(&p.set);
                        unknown = unknown.difference(&maybe);
                    }
                    DecisionAccess::Unknown => {
                        unknown = unknown.union(&p.set);
                        next_maybe = next_maybe.union(&p.set);
                    }
                }
            }
            stages.push((i, parts));
            reaching = next;
            maybe_reaching = next_maybe;
        }
        PathOutcome {
            admin,
            stages,
            allowed: reaching.union(&always),
            denied,
            unknown,
        }
    }

    /// Reportable stages for an outcome; `nets` are the destination's published prefixes.
    pub fn report_stages(&self, out: &PathOutcome, nets: &[ipnet::IpNet]) -> Vec<Stage> {
        out.stages
            .iter()
            .map(|(i, parts)| {
                let (att, r) = &self.stages[*i];
                Stage {
                    nsg: r.nsg.name.clone(),
                    attached_to: *att,
                    decisions: parts.iter().map(|p| self.decision(r, p, nets)).collect(),
                }
            })
            .collect()
    }

    fn decision(&self, r: &ResolvedNsg<'_>, p: &Part, nets: &[ipnet::IpNet]) -> Decision {
        let rule = p.rule.and_then(|i| r.rules.get(i)).map(|rr| rr.rule);
        Decision {
            rule: rule.map_or_else(|| "platform".to_string(), SecurityRule::qualified_name),
            priority: rule.map_or(0, |r| r.priority),
            access: p.access,
            prefixes: nets.iter().filter(|n| p.set.intersects(&AddrSet::from_net(**n))).count(),
            ipv4_addresses: u64::try_from(p.set.count_v4()).unwrap_or(u64::MAX),
            reason: p.reason.clone().or_else(|| {
                rule.is_none().then(|| format!("platform traffic to 168.63.129.16 / 169.254.169.254 is not filtered by NSGs unless an AzurePlatform* rule names it ({})", crate::learn::WIRESERVER))
            }),
            origin: rule.filter(|r| r.origin.line > 0).map(|r| r.origin.to_string()),
            pointer: rule.and_then(|r| r.origin.json_pointer()),
            next_hop: None,
        }
    }

    /// The first denying rule on the path (the admin stage, then NSG stage order, then priority).
    pub fn blocked_by(&self, out: &PathOutcome) -> Option<BlockedBy> {
        if let Some((p, r)) = out
            .admin
            .iter()
            .filter(|p| p.access == DecisionAccess::Deny)
            .find_map(|p| self.admin_rule(p).map(|r| (p, r)))
        {
            let _ = p;
            return Some(BlockedBy {
                hop: "admin",
                nsg: None,
                attached_to: None,
                rule: r.display(),
                priority: Some(r.priority),
                name: r.network_manager.clone(),
                origin: (r.origin.line > 0).then(|| r.origin.to_string()),
                pointer: r.origin.json_pointer(),
                line: None,
                leg: "vm",
                cause: None,
            });
        }
        for (i, parts) in &out.stages {
            let (att, r) = &self.stages[*i];
            if let Some(p) = parts.iter().find(|p| p.access == DecisionAccess::Deny)
                && let Some(rr) = p.rule.and_then(|k| r.rules.get(k))
            {
                return Some(BlockedBy {
                    hop: "nsg",
                    nsg: Some(r.nsg.name.clone()),
                    attached_to: Some(*att),
                    rule: rr.rule.qualified_name(),
                    priority: Some(rr.rule.priority),
                    name: None,
                    origin: (rr.rule.origin.line > 0).then(|| rr.rule.origin.to_string()),
                    pointer: rr.rule.origin.json_pointer(),
                    line: None,
                    leg: "vm",
                    cause: None,
                });
            }
        }
        None
    }

    /// The admin hop's decisions of an IP flow verify (empty without admin rules): [`Engine::verify`]
    /// names a deciding admin rule with an empty NSG name.
    pub fn verify_admin(
        &self,
        direction: Direction,
        protocol: Protocol,
        local: (IpAddr, u16),
        remote: (IpAddr, u16),
    ) -> Vec<Decision> {
        if self.admin.is_none() {
            return Vec::new();
        }
        let (src, src_port, dst, dst_port) = match direction {
            Direction::Outbound => (local.0, local.1, remote.0, remote.1),
            Direction::Inbound => (remote.0, remote.1, local.0, local.1),
        };
        let q = Query {
            protocol,
            direction,
            source: Source::Ip(src),
            source_ports: PortSet::range(src_port, src_port),
            port: dst_port,
            platform_exempt: false,
        };
        let out = self.run(&q, &AddrSet::from_ip(dst));
        self.admin_decisions(&out, &[ipnet::IpNet::from(dst)])
    }

    /// Offline IP flow verify for one 5-tuple (Network Watcher semantics, reference §7.1).
    pub fn verify(
        &self,
        direction: Direction,
        protocol: Protocol,
        local: (IpAddr, u16),
        remote: (IpAddr, u16),
    ) -> (
        DecisionAccess,
        Vec<Stage>,
        Option<(String, String, Attachment)>,
    ) {
        let (src, src_port, dst, dst_port) = match direction {
            Direction::Outbound => (local.0, local.1, remote.0, remote.1),
            Direction::Inbound => (remote.0, remote.1, local.0, local.1),
        };
        let exempt = direction == Direction::Outbound
            && [crate::tags::special::WIRESERVER, crate::tags::special::IMDS]
                .iter()
                .any(|s| s.parse::<IpAddr>().ok() == Some(dst));
        let q = Query {
            protocol,
            direction,
            source: Source::Ip(src),
            source_ports: PortSet::range(src_port, src_port),
            port: dst_port,
            platform_exempt: exempt,
        };
        let dest = AddrSet::from_ip(dst);
        let out = self.run(&q, &dest);
        // a security admin Deny or AlwaysAllow decides before any NSG (reference §10.2)
        if let Some(p) = out.admin.first()
            && let Some(r) = self.admin_rule(p)
            && (p.access != DecisionAccess::Allow || r.access == AdminAccess::AlwaysAllow)
        {
            let stages = self.report_stages(&out, &[ipnet::IpNet::from(dst)]);
            return (
                p.access,
                stages,
                Some((r.display(), String::new(), Attachment::Nic)),
            );
        }
        // the destination is one address: it is the one "prefix" decisions count
        let stages = self.report_stages(&out, &[ipnet::IpNet::from(dst)]);
        // the deciding stage: the first that denies or is unknown, else the last that allowed
        let mut decider = None;
        for (k, (i, parts)) in out.stages.iter().enumerate() {
            let Some(p) = parts.first() else { continue };
            let (att, r) = &self.stages[*i];
            let name = p
                .rule
                .and_then(|x| r.rules.get(x))
                .map_or_else(|| "platform".to_string(), |rr| rr.rule.qualified_name());
            decider = Some((p.access, name, r.nsg.name.clone(), *att));
            if p.access != DecisionAccess::Allow || k + 1 == out.stages.len() {
                break;
            }
        }
        match decider {
            None => (DecisionAccess::Allow, stages, None),
            Some((a, rule, nsg, att)) => (a, stages, Some((rule, nsg, att))),
        }
    }
}

/// Classifies each published prefix of the destination by how the path treats it.
pub fn count_prefixes(nets: &[ipnet::IpNet], out: &PathOutcome) -> (PrefixCounts, Option<String>) {
    let mut c = PrefixCounts {
        total: nets.len(),
        ..Default::default()
    };
    let mut first_denied = None;
    for n in nets {
        let s = AddrSet::from_net(*n);
        let d = s.intersects(&out.denied);
        let u = s.intersects(&out.unknown);
        let a = out.allowed.is_superset(&s);
        if d {
            first_denied.get_or_insert_with(|| n.to_string());
            if out.denied.is_superset(&s) {
                c.denied += 1;
            } else {
                c.partial += 1;
            }
        } else if u {
            c.unknown += 1;
        } else if a {
            c.allowed += 1;
        }
    }
    (c, first_denied)
}

/// The verdict of an outcome over `dest`.
pub fn flow_verdict(dest: &AddrSet, out: &PathOutcome) -> FlowVerdict {
    if out.allowed.is_superset(dest) {
        FlowVerdict::Allowed
    } else if out.denied.is_empty() {
        FlowVerdict::Unknown
    } else if out.allowed.is_empty() && out.unknown.is_empty() {
        FlowVerdict::Denied
    } else {
        FlowVerdict::Partial
    }
}

/// One address token: an IP, a CIDR, or an inclusive range `a-b` (squid's `a-b/mask` too).
pub(crate) fn addr_token(s: &str) -> Option<AddrSet> {
    let t = s.trim();
    if let Some((a, b)) = t.split_once('-') {
        let a = a.trim().parse::<IpAddr>().ok()?;
        let b = b.split('/').next()?.trim().parse::<IpAddr>().ok()?;
        return AddrSet::from_range(a, b);
    }
    crate::tags::parse_prefix(t).map(AddrSet::from_net)
}

/// The private ranges assumed for the VNet when none is given, as text.
pub fn resolve_assumed() -> String {
    resolve::ASSUMED_PRIVATE.join(", ")
}
