//! Resolving rule addresses (tags, prefixes, ASGs) to address sets, once per NSG.

use super::Query;
use crate::error::Error;
use crate::model::*;
use crate::tags::{ServiceTags, SpecialTag, special_tag};
use ipnet::IpNet;
use std::net::IpAddr;

/// What the engine knows about the VM's surroundings.
pub struct Environment<'a> {
    /// Service tags in use.
    pub tags: &'a ServiceTags,
    /// VNet address space (and peers/on-prem) that makes up `VirtualNetwork`; empty = not given.
    pub vnet: Vec<IpNet>,
    /// The VM's private IP, if given.
    pub vm_ip: Option<IpAddr>,
    /// ASGs the VM's NIC belongs to; `None` = not known.
    pub vm_asgs: Option<Vec<String>>,
    /// Prefixes of user-defined routes on the subnet: Azure adds them to `VirtualNetwork` (trap 5).
    pub route_prefixes: Vec<IpNet>,
}

/// The private ranges assumed to hold the VNet when `--vnet` is not given.
pub const ASSUMED_PRIVATE: [&str; 4] = [
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "100.64.0.0/10",
];

impl Environment<'_> {
    /// `VirtualNetwork`: the VNet space, 168.63.129.16 and user-route prefixes (reference §1.4, trap 5);
    /// private ranges stand for the VNet when it is not given.
    pub fn virtual_network(&self) -> AddrSet {
        self.vnet_and_host()
            .union(&AddrSet::from_nets(&self.route_prefixes))
    }

    /// The VNet space plus 168.63.129.16, without route prefixes: what `Internet` is the complement of.
    pub fn vnet_and_host(&self) -> AddrSet {
        let wire = AddrSet::from_ip(IpAddr::from([168, 63, 129, 16]));
        self.vnet_space().union(&wire)
    }

    /// The VNet address space only (assumed private ranges when not given).
    pub fn vnet_space(&self) -> AddrSet {
        if self.vnet.is_empty() {
            let nets: Vec<IpNet> = ASSUMED_PRIVATE
                .iter()
                .filter_map(|s| s.parse().ok())
                .collect();
            AddrSet::from_nets(&nets)
        } else {
            AddrSet::from_nets(&self.vnet)
        }
    }
}

/// Who sends the traffic.
#[derive(Clone, Debug)]
pub enum Source {
    /// A known address.
    Ip(IpAddr),
    /// The VM, address not given: somewhere in its VNet.
    Vm,
}

/// Three-valued match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tri {
    /// Matches.
    Yes,
    /// Does not match.
    No,
    /// Cannot tell offline, and why.
    Maybe(String),
}

/// A rule side as sets: `known` surely matches, `maybe` might (unknown ASG membership).
#[derive(Clone, Debug, Default)]
pub struct Side {
    /// Shared with the service tag when the side names one tag alone (no copy of its prefixes per rule).
    pub known: std::sync::Arc<AddrSet>,
    pub maybe: AddrSet,
    pub reason: Option<String>,
    /// The spec names `*` or `VirtualNetwork`, which always holds the VM.
    pub holds_vm: bool,
    pub asgs: Vec<String>,
}

pub struct ResolvedRule<'a> {
    pub rule: &'a SecurityRule,
    pub src: Side,
    pub dst: Side,
    /// The destination names an `AzurePlatform*` tag (so platform traffic is subject to it).
    pub platform_tag: bool,
}

pub struct ResolvedNsg<'a> {
    pub nsg: &'a Nsg,
    /// Rules of both directions, by priority.
    pub rules: Vec<ResolvedRule<'a>>,
}

impl<'a> ResolvedNsg<'a> {
    pub fn new(nsg: &'a Nsg, env: &Environment<'_>) -> Result<Self, Error> {
        let mut sorted: Vec<&SecurityRule> = nsg.rules.iter().collect();
        sorted.sort_by_key(|r| (r.priority, r.direction == Direction::Outbound));
        let mut rules = Vec::with_capacity(sorted.len());
        let sets = EnvSets::new(env);
        for r in sorted {
            let src = resolve(&r.source, r, nsg, &sets)?;
            let dst = resolve(&r.destination, r, nsg, &sets)?;
            let platform_tag = r.destination.items.iter().any(|i| {
                matches!(i, AddrItem::Tag(t) if matches!(special_tag(t), Some(SpecialTag::AzurePlatformDns | SpecialTag::AzurePlatformImds | SpecialTag::AzurePlatformLkm)))
            });
            rules.push(ResolvedRule {
                rule: r,
                src,
                dst,
                platform_tag,
            });
        }
        Ok(ResolvedNsg { nsg, rules })
    }
}

impl ResolvedRule<'_> {
    /// Does the rule's source hold the query's sender?
    pub fn source_match(&self, q: &Query, env: &Environment<'_>) -> Tri {
        self.side_match(&self.src, q, q.direction == Direction::Outbound, env)
    }

    /// Does the one address side (`q.source`, the VM when `vm_side`) match `s`, the rule's source or
    /// destination? ASG membership is known only for the VM.
    pub fn side_match(&self, s: &Side, q: &Query, vm_side: bool, env: &Environment<'_>) -> Tri {
        let asg = if s.asgs.is_empty() {
            Tri::No
        } else {
            match &env.vm_asgs {
                Some(mine) if vm_side => {
                    if s.asgs.iter().any(|a| {
                        mine.iter().any(|m| {
                            m.rsplit('/')
                                .next()
                                .is_some_and(|m| m.eq_ignore_ascii_case(a))
                        })
                    }) {
                        Tri::Yes
                    } else {
                        Tri::No
                    }
                }
                _ => Tri::Maybe(format!(
                    "rule `{}` names application security group(s) {} and the VM's membership is not given (scenario `vm.asgs`)",
                    self.rule.name,
                    s.asgs.join(", ")
                )),
            }
        };
        if asg == Tri::Yes {
            return Tri::Yes;
        }
        let addr = match &q.source {
            Source::Ip(ip) => {
                if s.known.contains(*ip) {
                    Tri::Yes
                } else if s.maybe.contains(*ip) {
                    Tri::Maybe(s.reason.clone().unwrap_or_default())
                } else {
                    Tri::No
                }
            }
            Source::Vm => {
                let vnet = env.vnet_space();
                if s.holds_vm || (!env.vnet.is_empty() && s.known.is_superset(&vnet)) {
                    Tri::Yes
                } else if !env.vnet.is_empty()
                    && !s.known.intersects(&vnet)
                    && !s.maybe.intersects(&vnet)
                {
                    Tri::No
                } else {
                    Tri::Maybe(format!(
                        "rule `{}` applies to source {} only, and the VM's address is not given (--vm-ip)",
                        self.rule.name,
                        self.rule.source.display()
                    ))
                }
            }
        };
        match (addr, asg) {
            (Tri::Yes, _) => Tri::Yes,
            (Tri::Maybe(m), _) | (Tri::No, Tri::Maybe(m)) => Tri::Maybe(m),
            _ => Tri::No,
        }
    }
}

/// The sets an environment gives the special tags, built once per NSG (not once per rule that names them).
struct EnvSets<'e, 'a> {
    env: &'e Environment<'a>,
    virtual_network: std::cell::OnceCell<AddrSet>,
    internet: std::cell::OnceCell<AddrSet>,
    vnet_space: std::cell::OnceCell<AddrSet>,
}

impl<'e, 'a> EnvSets<'e, 'a> {
    fn new(env: &'e Environment<'a>) -> Self {
        EnvSets {
            env,
            virtual_network: Default::default(),
            internet: Default::default(),
            vnet_space: Default::default(),
        }
    }
    fn virtual_network(&self) -> &AddrSet {
        self.virtual_network
            .get_or_init(|| self.env.virtual_network())
    }
    fn internet(&self) -> &AddrSet {
        self.internet
            .get_or_init(|| SpecialTag::internet(&self.env.vnet_and_host()))
    }
    fn vnet_space(&self) -> &AddrSet {
        self.vnet_space.get_or_init(|| self.env.vnet_space())
    }
}

/// `a ∪ b`, without a copy of `a` when `b` is empty (a rule's first item).
fn add(known: &mut std::sync::Arc<AddrSet>, set: &AddrSet) {
    *known = std::sync::Arc::new(if known.is_empty() {
        set.clone()
    } else {
        known.union(set)
    });
}

/// [`add`] for a set that is shared (a service tag's): kept as it is when it is the side's first.
fn add_shared(known: &mut std::sync::Arc<AddrSet>, set: &std::sync::Arc<AddrSet>) {
    if known.is_empty() {
        *known = set.clone();
    } else {
        add(known, set);
    }
}

fn resolve(
    spec: &AddrSpec,
    rule: &SecurityRule,
    nsg: &Nsg,
    sets: &EnvSets<'_, '_>,
) -> Result<Side, Error> {
    let env = sets.env;
    let mut side = Side::default();
    for item in &spec.items {
        match item {
            AddrItem::Any => {
                side.known = std::sync::Arc::new(AddrSet::any());
                side.holds_vm = true;
            }
            AddrItem::Prefix(n) => add(&mut side.known, &AddrSet::from_net(*n)),
            AddrItem::Expanded(e) => {
                add(&mut side.known, &AddrSet::from_nets(&e.prefixes));
                if matches!(
                    special_tag(&e.tag),
                    Some(SpecialTag::VirtualNetwork | SpecialTag::Any)
                ) {
                    side.holds_vm = true;
                }
            }
            AddrItem::Asg(a) => {
                // ASG members are NIC IP configurations: private addresses of the VNet
                side.maybe = side.maybe.union(sets.vnet_space());
                side.reason = Some(format!(
                    "rule `{}` names application security group `{a}`, whose members are not known offline",
                    rule.name
                ));
                side.asgs.push(a.clone());
            }
            AddrItem::Tag(t) => {
                match special_tag(t) {
                    Some(SpecialTag::VirtualNetwork) => {
                        side.holds_vm = true;
                        add(&mut side.known, sets.virtual_network());
                    }
                    Some(SpecialTag::Internet) => add(&mut side.known, sets.internet()),
                    Some(sp) => {
                        if sp == SpecialTag::Any {
                            side.holds_vm = true;
                        }
                        add(&mut side.known, &sp.fixed_set().unwrap_or_default());
                    }
                    None => match env.tags.get(t) {
                        Some(e) => add_shared(&mut side.known, &env.tags.prefixes(e)?.set),
                        None => return Err(unknown_tag(t, rule, nsg, env.tags)),
                    },
                };
            }
        }
    }
    Ok(side)
}

fn unknown_tag(tag: &str, rule: &SecurityRule, nsg: &Nsg, tags: &ServiceTags) -> Error {
    let hint = if tags.is_bundled() {
        " (the bundled file may predate the tag: pass a newer file with --service-tags)"
    } else {
        ""
    };
    Error::at(
        &rule.origin,
        format!(
            "rule `{}` of NSG `{}`: unknown service tag `{tag}`: not in {} (cloud {}, changeNumber {}){hint}",
            rule.name, nsg.name, tags.source, tags.cloud, tags.change_number
        ),
    )
}
