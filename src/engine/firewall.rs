//! Azure Firewall evaluation (reference §3.1–§3.3, traps 21–23): network rules first, then application
//! rules, each by rule collection group priority then collection priority (a base policy's collections
//! before the child's); then the built-in infrastructure collection; then deny. Network rules match
//! addresses (IPs, CIDRs, ranges, service tags, IP groups), ports and protocols; application rules match the
//! storage host name on their own protocol ports only, so 8443 needs a network rule or `Https:8443`.

use super::resolve::{Environment, Source, Tri};
use crate::diag::{self, Diagnostic};
use crate::error::Error;
use crate::model::*;
use crate::tags::fqdn::{self, FqdnMatch, Host, StorageCoverage};
use crate::tags::{SpecialTag, special_tag};

/// One part of the firewall's input decided by one rule (or the default deny).
#[derive(Clone, Debug)]
pub struct FwPart {
    /// `collection/rule` (`group/collection/rule` for policies), or `default deny`.
    pub rule: String,
    /// Collection priority (0 for the default deny).
    pub priority: u32,
    /// Decision.
    pub access: DecisionAccess,
    /// Addresses decided.
    pub set: AddrSet,
    /// Why (unknown parts, default deny explanations).
    pub reason: Option<String>,
    /// Where the rule is written.
    pub origin: Option<Origin>,
}

struct Compiled<'a> {
    /// `group/collection/rule`, as reports name it.
    name: String,
    col: &'a RuleCollection,
    rule: &'a FwRule,
    src: AddrSet,
    src_unknown: Option<String>,
    dst: AddrSet,
    dst_unknown: Option<String>,
}

/// A firewall ready to evaluate (addresses resolved once).
pub struct FirewallEval<'a> {
    /// The firewall.
    pub fw: &'a Firewall,
    rules: Vec<Compiled<'a>>,
    vnet: AddrSet,
    /// Problems found while resolving (tags Azure does not accept in firewall rules).
    pub warnings: Vec<Diagnostic>,
    /// Rule evaluations the "either way" analysis of one [`FirewallEval::eval`] may still spend: many rules
    /// that may or may not match would otherwise multiply the work.
    budget: std::sync::atomic::AtomicUsize,
    /// For a workload destination: the FQDN tags taken to cover it (`None`: the VM backup extension's
    /// storage host, as the tag data says). A tag outside the list does not match the destination.
    pub fqdn_tag_scope: Option<Vec<String>>,
    /// For a workload that does not support TLS inspection: its name. An application rule with
    /// `terminateTLS` that would allow its traffic denies it instead, said so.
    pub no_tls_inspection: Option<String>,
}

/// Rule evaluations the "either way" analysis spends on one flow at most (each rule a few set operations).
const EITHER_WAY_BUDGET: usize = 2_000_000;

/// `*` or an address token (IP, CIDR, range).
fn parse_addr(s: &str) -> Option<AddrSet> {
    if s.trim() == "*" {
        return Some(AddrSet::any());
    }
    super::addr_token(s)
}

impl<'a> FirewallEval<'a> {
    /// Resolves every rule's addresses; an unknown service tag is an error naming rule and file:line.
    pub fn new(fw: &'a Firewall, env: &Environment<'_>) -> Result<Self, Error> {
        let mut cols: Vec<&RuleCollection> = fw
            .collections
            .iter()
            .filter(|c| c.kind != CollectionKind::Nat && c.action != FwAction::Dnat)
            .collect();
        cols.sort_by_key(|c| (c.kind, !c.from_base_policy, c.group_priority, c.priority));
        let mut rules = Vec::new();
        let mut warnings = Vec::new();
        for col in cols {
            for rule in &col.rules {
                let (src, src_unknown) = addrs(
                    &rule.sources,
                    &rule.source_ip_groups,
                    fw,
                    env,
                    rule,
                    false,
                    &mut warnings,
                )?;
                let (dst, dst_unknown) = match &rule.kind {
                    FwRuleKind::Network(n) => addrs(
                        &n.destinations,
                        &n.destination_ip_groups,
                        fw,
                        env,
                        rule,
                        true,
                        &mut warnings,
                    )?,
                    _ => (AddrSet::empty(), None),
                };
                rules.push(Compiled {
                    name: format!("{}/{}", col.qualified_name(), rule.name),
                    col,
                    rule,
                    src,
                    src_unknown,
                    dst,
                    dst_unknown,
                });
            }
        }
        Ok(FirewallEval {
            fw,
            rules,
            vnet: env.vnet_space(),
            warnings,
            budget: std::sync::atomic::AtomicUsize::new(EITHER_WAY_BUDGET),
            fqdn_tag_scope: None,
            no_tls_inspection: None,
        })
    }

    fn source_match(&self, c: &Compiled<'_>, src: &Source) -> Tri {
        if !c.rule.unknowns.is_empty() {
            return Tri::Maybe(format!(
                "rule `{}` uses values not known offline: {}",
                c.rule.name,
                c.rule.unknowns.join(", ")
            ));
        }
        let known = match src {
            Source::Ip(ip) => {
                if c.src.contains(*ip) {
                    Tri::Yes
                } else {
                    Tri::No
                }
            }
            Source::Vm => {
                if c.src.is_superset(&self.vnet) {
                    Tri::Yes
                } else if !c.src.intersects(&self.vnet) {
                    Tri::No
                } else {
                    Tri::Maybe(format!(
                        "firewall rule `{}` applies to sources {} only, and the VM's address is not given (--vm-ip)",
                        c.rule.name,
                        c.rule.sources.join(", ")
                    ))
                }
            }
        };
        match (known, &c.src_unknown) {
            (Tri::No, Some(u)) => Tri::Maybe(u.clone()),
            (t, _) => t,
        }
    }

    /// Evaluates TCP to `port` from `src` for `dest`; `host` is the name the traffic is for (application
    /// rules see it), `None` when there is none (traffic to a proxy's IP).
    pub fn eval(
        &self,
        src: &Source,
        port: u16,
        host: Option<&Host>,
        dest: &AddrSet,
    ) -> Vec<FwPart> {
        self.budget
            .store(EITHER_WAY_BUDGET, std::sync::atomic::Ordering::Relaxed);
        self.eval_from(0, None, src, port, host, dest)
    }

    /// What a rule that may or may not match (`access` if it does) decides for `set`: the rules after it
    /// are evaluated for the case it does not; when they decide the same everywhere, that is the answer
    /// whatever the unknown resolves to, else the part is unknown. In that evaluation a later rule that may
    /// match with the same access changes nothing either way and is passed over; one with the other access
    /// makes the part unknown. Linear in the rules after it, bounded by a work budget per flow (past it,
    /// the part stays unknown).
    #[allow(clippy::too_many_arguments)]
    fn maybe(
        &self,
        after: usize,
        src: &Source,
        port: u16,
        host: Option<&Host>,
        set: &AddrSet,
        access: DecisionAccess,
        reason: String,
    ) -> (DecisionAccess, Option<String>) {
        let rules_left = self.rules.len().saturating_sub(after).max(1);
        let affordable = self
            .budget
            .fetch_update(
                std::sync::atomic::Ordering::Relaxed,
                std::sync::atomic::Ordering::Relaxed,
                |b| b.checked_sub(rules_left),
            )
            .is_ok();
        if affordable {
            let rest = self.eval_from(after, Some(access), src, port, host, set);
            if !rest.is_empty() && rest.iter().all(|p| p.access == access) {
                return match access {
                    DecisionAccess::Deny => (
                        DecisionAccess::Deny,
                        Some(format!(
                            "{reason}; denied either way: the rules after it deny these addresses too"
                        )),
                    ),
                    a => (a, None),
                };
            }
        }
        (DecisionAccess::Unknown, Some(reason))
    }

    /// The rules from `start` on; `either_way` is the access a may-match rule before them would give (see
    /// [`FirewallEval::maybe`]), `None` for the ordinary evaluation.
    fn eval_from(
        &self,
        start: usize,
        either_way: Option<DecisionAccess>,
        src: &Source,
        port: u16,
        host: Option<&Host>,
        dest: &AddrSet,
    ) -> Vec<FwPart> {
        let mut remaining = dest.clone();
        let mut parts = Vec::new();
        let app_proto = if port == 80 {
            AppProtocol::Http
        } else {
            AppProtocol::Https
        };
        // application rules that would match the host on another port (for the 8443 explanation)
        let mut other_ports: Vec<String> = Vec::new();
        for (k, c) in self.rules.iter().enumerate().skip(start) {
            if remaining.is_empty() {
                break;
            }
            let name = &c.name;
            let access = match c.col.action {
                FwAction::Allow => DecisionAccess::Allow,
                _ => DecisionAccess::Deny,
            };
            let push = |set: AddrSet,
                        access: DecisionAccess,
                        reason: Option<String>,
                        parts: &mut Vec<FwPart>| {
                parts.push(FwPart {
                    rule: name.clone(),
                    priority: c.col.priority,
                    access,
                    set,
                    reason,
                    origin: Some(c.rule.origin.clone()),
                });
            };
            let src_m = self.source_match(c, src);
            if src_m == Tri::No {
                continue;
            }
            let unknown_src = match &src_m {
                Tri::Maybe(m) => Some(m.clone()),
                _ => None,
            };
            match &c.rule.kind {
                FwRuleKind::Nat => {}
                FwRuleKind::Network(n) => {
                    let proto_ok = n.protocols.is_empty()
                        || n.protocols
                            .iter()
                            .any(|p| matches!(p, FwProtocol::Tcp | FwProtocol::Any));
                    if !proto_ok || !n.ports.contains(port) {
                        continue;
                    }
                    let mut hit = remaining.intersect(&c.dst);
                    let mut fqdn_maybe = None;
                    if let Some(h) = host {
                        for f in &n.destination_fqdns {
                            match fqdn::fqdn_matches(f, h) {
                                FqdnMatch::Yes => hit = remaining.clone(),
                                FqdnMatch::Maybe => {
                                    fqdn_maybe = Some(format!(
                                        "network rule `{}` names {f}: one storage account; the account is not given (scenario `storage.account`)",
                                        c.rule.name
                                    ))
                                }
                                FqdnMatch::No => {}
                            }
                        }
                    }
                    let maybe_reason = unknown_src.clone().or(fqdn_maybe.clone()).or_else(|| {
                        c.dst_unknown
                            .clone()
                            .filter(|_| !remaining.difference(&hit).is_empty())
                    });
                    if let Some(r) = maybe_reason {
                        let set = if fqdn_maybe.is_some() || c.dst_unknown.is_some() {
                            remaining.clone()
                        } else {
                            hit
                        };
                        if !set.is_empty() {
                            match either_way {
                                // matching or not, these addresses end the same: as if it did not match
                                Some(t) if t == access => {}
                                Some(_) => {
                                    remaining = remaining.difference(&set);
                                    push(set, DecisionAccess::Unknown, Some(r), &mut parts);
                                }
                                None => {
                                    remaining = remaining.difference(&set);
                                    let (a, why) =
                                        self.maybe(k + 1, src, port, host, &set, access, r);
                                    push(set, a, why, &mut parts);
                                }
                            }
                        }
                        continue;
                    }
                    if !hit.is_empty() {
                        remaining = remaining.difference(&hit);
                        push(hit, access, None, &mut parts);
                    }
                }
                FwRuleKind::Application(a) => {
                    let Some(h) = host else { continue };
                    let protocols: Vec<(AppProtocol, u16)> =
                        if a.protocols.is_empty() && !a.fqdn_tags.is_empty() {
                            vec![(AppProtocol::Https, 443)]
                        } else {
                            a.protocols.clone()
                        };
                    let (m, why, assumed) =
                        app_match(a, h, &c.rule.name, self.fqdn_tag_scope.as_deref());
                    if m == FqdnMatch::No {
                        continue;
                    }
                    if !protocols.contains(&(app_proto, port)) {
                        let list: Vec<String> =
                            protocols.iter().map(|(p, n)| format!("{p}:{n}")).collect();
                        other_ports.push(format!("`{name}` ({})", list.join(", ")));
                        continue;
                    }
                    let reason = unknown_src.clone().or(why);
                    // an allow that rests on the documented FQDN tag carries what it assumes
                    let set = std::mem::take(&mut remaining);
                    let (acc, reason) = match (m, reason) {
                        (FqdnMatch::Yes, None)
                            if access == DecisionAccess::Allow
                                && a.terminate_tls
                                && self.no_tls_inspection.is_some() =>
                        {
                            (
                                DecisionAccess::Deny,
                                Some(format!(
                                    "application rule `{}` inspects TLS (terminateTLS): {} doesn't support a TLS inspection enabled application rule ({})",
                                    c.rule.name,
                                    self.no_tls_inspection.as_deref().unwrap_or_default(),
                                    crate::learn::FIREWALL_FQDN_TAGS
                                )),
                            )
                        }
                        (FqdnMatch::Yes, None) => {
                            (access, assumed.filter(|_| access == DecisionAccess::Allow))
                        }
                        (_, Some(r)) => match either_way {
                            Some(t) if t == access => {
                                remaining = set;
                                continue;
                            }
                            Some(_) => (DecisionAccess::Unknown, Some(r)),
                            None => self.maybe(k + 1, src, port, host, &set, access, r),
                        },
                        (_, None) => (DecisionAccess::Unknown, None),
                    };
                    push(set, acc, reason, &mut parts);
                }
            }
        }
        if !remaining.is_empty() {
            // the infrastructure collection is worth naming for storage only (it covers platform storage)
            let storage = host.is_some_and(|h| h.display().contains(".core."));
            let mut reason = if storage {
                format!(
                    "no rule matched: Azure Firewall denies by default; its built-in infrastructure collection covers platform storage only, not customer storage accounts ({})",
                    crate::learn::FIREWALL_INFRA
                )
            } else {
                format!(
                    "no rule matched: Azure Firewall denies by default ({})",
                    crate::learn::FIREWALL_RULES
                )
            };
            if host.is_some() && !other_ports.is_empty() {
                reason = format!(
                    "no rule matched TCP {port}: application rule(s) {} could match the host, but only on their own protocol ports, \
                     so {port} needs a network rule (TCP {port} to Storage.<region>) or an application rule with Https:{port} ({})",
                    other_ports.join(", "),
                    crate::learn::FIREWALL_FQDN_TAGS
                );
            } else if host.is_none() {
                reason = "no network rule matched (traffic to an IP address, so application rules do not apply); Azure Firewall denies by default".into();
            }
            parts.push(FwPart {
                rule: "default deny".into(),
                priority: 0,
                access: DecisionAccess::Deny,
                set: remaining,
                reason: Some(reason),
                origin: None,
            });
        }
        parts
    }
}

/// Does an application rule match the host? `Maybe` comes with the reason; a match that rests on the
/// documented AzureBackup FQDN tag comes with the assumption (third).
fn app_match(
    a: &ApplicationRule,
    h: &Host,
    rule: &str,
    scope: Option<&[String]>,
) -> (FqdnMatch, Option<String>, Option<String>) {
    let mut best = (FqdnMatch::No, None);
    let mut documented = None;
    for f in &a.target_fqdns {
        match fqdn::fqdn_matches(f, h) {
            FqdnMatch::Yes => return (FqdnMatch::Yes, None, None),
            FqdnMatch::Maybe => {
                best = (
                    FqdnMatch::Maybe,
                    Some(format!(
                        "application rule `{rule}` names {f}: one storage account; which account the extension uses is not given (scenario `storage.account`)"
                    )),
                )
            }
            FqdnMatch::No => {}
        }
    }
    for t in a.fqdn_tags.iter().filter(|_| scope.is_some()) {
        let Some(tag) = fqdn::lookup(t) else { continue };
        if scope
            .unwrap_or_default()
            .iter()
            .any(|s| s.eq_ignore_ascii_case(&tag.name))
            && documented.is_none()
        {
            documented = Some(format!(
                "application rule `{rule}` uses FQDN tag {}: Microsoft describes it as \"{}\" without publishing its FQDN list, so that it covers {} is assumed",
                tag.name,
                tag.description.trim().trim_end_matches('.'),
                h.display()
            ));
        }
    }
    for t in a.fqdn_tags.iter().filter(|_| scope.is_none()) {
        if let Some(tag) = fqdn::lookup(t)
            && tag.storage_blob == StorageCoverage::Documented
            && documented.is_none()
        {
            documented = Some(format!(
                "application rule `{rule}` uses FQDN tag {}: {}",
                tag.name,
                tag.note.clone().unwrap_or_default().trim()
            ));
        }
        if let Some(tag) = fqdn::lookup(t)
            && tag.storage_blob == StorageCoverage::Unknown
        {
            best = (
                FqdnMatch::Maybe,
                Some(format!(
                    "application rule `{rule}` uses FQDN tag {}: {}",
                    tag.name,
                    tag.note.clone().unwrap_or_default().trim()
                )),
            );
        }
    }
    for u in &a.target_urls {
        let host_part = u
            .split("://")
            .last()
            .unwrap_or(u)
            .split('/')
            .next()
            .unwrap_or("");
        if fqdn::fqdn_matches(host_part, h) != FqdnMatch::No {
            best = (
                FqdnMatch::Maybe,
                Some(format!(
                    "application rule `{rule}` filters URL {u}: the paths the extension requests are not known offline"
                )),
            );
        }
    }
    if !a.web_categories.is_empty() && best.0 == FqdnMatch::No {
        best = (
            FqdnMatch::Maybe,
            Some(format!(
                "application rule `{rule}` uses web categories ({}): Microsoft's categorisation is not known offline",
                a.web_categories.join(", ")
            )),
        );
    }
    // the documented tag decides only where nothing else in the rule is unknown
    if best.0 == FqdnMatch::No
        && let Some(d) = documented
    {
        return (FqdnMatch::Yes, None, Some(d));
    }
    (best.0, best.1, None)
}

fn addrs(
    items: &[String],
    groups: &[String],
    fw: &Firewall,
    env: &Environment<'_>,
    rule: &FwRule,
    dest: bool,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(AddrSet, Option<String>), Error> {
    let mut set = AddrSet::empty();
    let mut unknown = None;
    for i in items {
        if let Some(s) = parse_addr(i) {
            set = set.union(&s);
            continue;
        }
        if !dest {
            return Err(Error::at(
                &rule.origin,
                format!(
                    "firewall rule `{}`: source `{i}` is not an IP, CIDR, range or *",
                    rule.name
                ),
            ));
        }
        let s = match special_tag(i) {
            Some(SpecialTag::VirtualNetwork) => env.virtual_network(),
            Some(SpecialTag::Internet) => SpecialTag::internet(&env.vnet_and_host()),
            Some(sp) => sp.fixed_set().unwrap_or_default(),
            None => match env.tags.get(i) {
                Some(e) => {
                    if let Err(w) = e.supports("FW") {
                        warnings.push(
                            Diagnostic::new(
                                &diag::TAG_NOT_SUPPORTED,
                                format!("firewall rule `{}`: {w}", rule.name),
                            )
                            .at(&rule.origin),
                        );
                    }
                    AddrSet::clone(&env.tags.prefixes(e)?.set)
                }
                None => {
                    return Err(Error::at(
                        &rule.origin,
                        format!(
                            "firewall rule `{}`: destination `{i}` is neither an address nor a service tag in {} (cloud {}, changeNumber {})",
                            rule.name, env.tags.source, env.tags.cloud, env.tags.change_number
                        ),
                    ));
                }
            },
        };
        set = set.union(&s);
    }
    for g in groups {
        match fw.ip_groups.get(&g.to_ascii_lowercase()) {
            Some(list) => {
                for a in list {
                    if let Some(s) = parse_addr(a) {
                        set = set.union(&s);
                    }
                }
            }
            None => {
                unknown = Some(format!(
                    "firewall rule `{}` uses IP group `{g}`, whose addresses were not given (add the ipGroups resource to the firewall input)",
                    rule.name
                ))
            }
        }
    }
    Ok((set, unknown))
}
