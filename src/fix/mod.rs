//! The configurator: the smallest change that repairs a blocked path, for the egress option the user picks,
//! proven by evaluating the changed inputs again with the same engine.
//!
//! Pure: it changes a [`PathInputs`] value and calls [`evaluate`]; it reads no file and prints nothing.
//! Emitters (`crate::report::emit`) turn the [`Change`]s into files, `az`, PowerShell, ARM, Bicep or Terraform.
//!
//! It never removes, reorders or widens an existing rule, and opens only the required flows: TCP, the exact
//! ports, to `Storage.<Region>` (or its published prefixes), from the VM (or the proxy VM).

use crate::diag::{self, Diagnostic};
use crate::engine::check::{PathInputs, evaluate};
use crate::error::Error;
use crate::ingest::nsg_json::{RawRule, RuleBuilder};
use crate::model::*;

pub mod file;
pub mod file_json;
pub mod file_waagent;
pub mod file_yaml;
mod squid_fix;
pub mod tf_file;
pub mod workload;

pub use crate::model::fix::{
    Change, Fix, FixOption, GuestProxy, NewAdminRule, NewFirewallAppRule, NewFirewallRule,
    NewNatGateway, NewNsgRule, NewRoute, NewSquidLines, NsgSlot,
};

/// Highest number of changes one fix makes before it gives up (every NSG on both legs, firewall, route).
const MAX_STEPS: usize = 8;
/// Azure's limit on address prefixes in one security rule (source and destination each).
pub const MAX_PREFIXES_PER_RULE: usize = 4000;

/// Finds and proves the fix for `option`.
pub fn fix(inputs: &PathInputs, option: FixOption) -> Result<Fix, Error> {
    fix_with(inputs, option, false)
}

/// [`fix`], with `auto` allowed to choose a route past a firewall or appliance on the path (`--allow-bypass`:
/// bypassing an organisation's inspection is the user's decision; every listing of it says so).
pub fn fix_with(inputs: &PathInputs, option: FixOption, allow_bypass: bool) -> Result<Fix, Error> {
    if option == FixOption::Auto {
        return auto(inputs, allow_bypass);
    }
    let before = evaluate(inputs)?;
    let mut cur = inputs.clone();
    let mut changes = Vec::new();
    let mut notes = Vec::new();
    let mut after = before.clone();
    let mut still_blocked = None;
    if option == FixOption::Proxy {
        match &before.proxy {
            Some(p) => changes.push(Change::GuestProxy(GuestProxy {
                os: p.os,
                host: p.host.clone(),
                port: p.port,
                bypass: vec![
                    crate::tags::special::WIRESERVER.to_string(),
                    crate::tags::special::IMDS.to_string(),
                ],
            })),
            None => still_blocked = Some(
                "no proxy is configured or given: pass the proxy the VM should use with --proxy http://HOST:PORT \
                 (and the proxy VM's NSGs and squid.conf with --proxy-nic-nsg/--proxy-subnet-nsg/--squid-conf)"
                    .to_string(),
            ),
        }
    }
    for _ in 0..MAX_STEPS {
        if still_blocked.is_some() {
            break;
        }
        let Some(flow) = after
            .flows
            .iter()
            .find(|f| matches!(f.verdict, FlowVerdict::Denied | FlowVerdict::Partial))
        else {
            break;
        };
        let Some(b) = &flow.blocked_by else { break };
        let place = b
            .name
            .as_deref()
            .or(b.nsg.as_deref())
            .map_or_else(String::new, |n| format!(" in `{n}`"));
        let private = crate::engine::check::is_private_subnet_block(flow);
        let step = match (b.hop, option) {
            // no NSG, firewall or route change gets past an admin Deny: the admin rule, whatever the option
            ("admin", _) => admin_change(&cur, flow, b, &mut notes),
            // a private subnet's explicit outbound method (reference §10.1)
            ("route", FixOption::NatGateway) if private => nat_change(&cur),
            // the firewall as the subnet's egress: the route to it, then (next steps) its rules
            ("route", FixOption::Firewall) if private && cur.parts.firewall.is_some() => {
                route_to_firewall(&cur, flow)
            }
            ("route", _) if private => Err(format!(
                "{}/tcp: {}: option `{option}` does not give it an outbound method; option `nat-gateway` would",
                flow.port,
                cur.parts.outbound.as_ref().map_or_else(
                    || "the subnet is private".to_string(),
                    |o| format!("subnet `{}` is private", o.subnet)
                )
            )),
            // every option needs the NSGs to pass: the rule goes in with the service tag (or the ranges)
            ("nsg", _) => nsg_change(&cur, flow, b, option, &mut notes),
            ("firewall", FixOption::Firewall) => firewall_change(&cur, flow, b, &changes),
            // a route past the appliance: storage traffic no longer reaches the firewall that denies it
            ("firewall" | "route", FixOption::Route) => route_change(&cur, flow, b),
            ("firewall", _) => Err(format!(
                "{}/tcp is still blocked by the {} `{}`{place}: option `{option}` does not change it; option `firewall` (a rule) or `route` (past the firewall) would",
                flow.port,
                hop_name(b.hop),
                b.rule
            )),
            ("proxy", FixOption::Proxy) => squid_change(&cur, flow, b, &mut notes),
            ("route", _) => Err(format!(
                "{}/tcp is still blocked by the {} `{}`{place}: option `{option}` does not change it; option `route` would",
                flow.port,
                hop_name(b.hop),
                b.rule
            )),
            (hop, _) => Err(format!(
                "{}/tcp is still blocked by the {} `{}`{place}: option `{option}` does not change the proxy; option `proxy` \
                 would (it adds the exemption to squid.conf, given with --squid-conf)",
                flow.port,
                hop_name(hop),
                b.rule
            )),
        };
        match step {
            Ok(c) => {
                apply(&mut cur, &c)?;
                merge_or_push(&mut changes, c);
                after = evaluate(&cur)?;
            }
            Err(why) => {
                still_blocked = Some(why);
                break;
            }
        }
    }
    // a proxy that bumps TLS to the blob hosts: splice them (the VM does not trust the proxy's CA)
    if option == FixOption::Proxy
        && still_blocked.is_none()
        && let Some((c, note)) = squid_fix::splice(&cur)
    {
        apply(&mut cur, &c)?;
        changes.push(c);
        notes.push(note);
        after = evaluate(&cur)?;
    }
    if changes
        .iter()
        .any(|c| matches!(c, Change::Route(r) if r.next_hop == "Internet"))
        && appliance_on_path(&before)
    {
        notes.push(Diagnostic::new(
            &diag::FIX_ROUTE_BYPASSES,
            "the route sends storage traffic past the firewall or appliance on the path: it is no longer inspected or logged there",
        ));
    }
    if let Some(fw) = &inputs.parts.firewall
        && changes.iter().any(|c| matches!(c, Change::NatGateway(_)))
    {
        notes.push(Diagnostic::new(
            &diag::FIX_NAT_BYPASSES_FIREWALL,
            format!(
                "a NAT gateway gives the subnet's VMs a way to the Internet that Azure Firewall `{}` does not inspect; option `firewall` sends the storage traffic through the firewall instead",
                fw.name
            ),
        ));
    }
    Ok(Fix {
        option,
        changes,
        before,
        after,
        still_blocked,
        notes,
        alternatives: Vec::new(),
    })
}

/// The narrowest security admin rule that gets the backup flow past an admin Deny (reference §10.2): AlwaysAllow,
/// Outbound TCP on exactly the port, from the VM's IP (or the VNet) to `Storage.<Region>`, at the first free
/// priority number below the Deny in the Deny's own rule collection (so it applies to the same VNets).
/// AlwaysAllow rather than Allow: the NSGs the Deny stood before may not allow the flow either, and an Allow
/// would hand it to them; AlwaysAllow is exactly what the owners grant. Priorities are 1-4096 (REST
/// `AdminRules_CreateOrUpdate`, api-version 2025-05-01).
fn admin_change(
    cur: &PathInputs,
    flow: &FlowResult,
    b: &BlockedBy,
    notes: &mut Vec<Diagnostic>,
) -> Result<Change, String> {
    let deny = cur
        .parts
        .admin
        .rules()
        .iter()
        .find(|r| r.display() == b.rule)
        .ok_or_else(|| format!("{} is not among the inputs", b.rule))?;
    let config = deny
        .configuration
        .clone()
        .unwrap_or_else(|| "(its configuration)".into());
    notes.push(Diagnostic::new(
        &diag::ADMIN_DENY,
        format!(
            "{}/tcp is denied by {} (priority {}): admin rules are evaluated before the NSGs, so no NSG rule repairs it;              the owners of network manager `{}` must add the admin rule below to configuration `{config}` (or change the Deny)",
            flow.port,
            b.rule,
            deny.priority,
            deny.network_manager.as_deref().unwrap_or("?"),
        ),
    ));
    let (Some(nm), Some(cfg), Some(coll)) = (
        deny.network_manager.clone(),
        deny.configuration.clone(),
        deny.rule_collection.clone(),
    ) else {
        return Err(format!(
            "{}/tcp is denied by {}, whose id names no network manager, configuration and rule collection:              no NSG change repairs it; its owners must add an AlwaysAllow admin rule TCP {} to {} before it",
            flow.port, b.rule, flow.port, flow.destination
        ));
    };
    let used: Vec<u32> = cur
        .parts
        .admin
        .rules()
        .iter()
        .filter(|r| r.direction == Direction::Outbound)
        .map(|r| r.priority)
        .collect();
    let Some(priority) = (1..deny.priority).rev().find(|p| !used.contains(p)) else {
        return Err(format!(
            "{}/tcp is denied by {} at priority {}: there is no lower priority number free for an admin rule before it;              the owners of network manager `{nm}` must change the Deny (no NSG change repairs it)",
            flow.port, b.rule, deny.priority
        ));
    };
    let sources = match cur.vm_ip {
        Some(ip) => vec![ip.to_string()],
        None if !cur.vnet.is_empty() => cur.vnet.iter().map(ToString::to_string).collect(),
        None => {
            return Err(format!(
                "{}/tcp is denied by {}: the admin rule that would repair it needs the VM's IP (--vm-ip) or the VNet (--vnet) as its source",
                flow.port, b.rule
            ));
        }
    };
    let mut name = format!("AllowAzureBackupStorage{}", flow.port);
    while cur
        .parts
        .admin
        .rules()
        .iter()
        .any(|r| r.name.eq_ignore_ascii_case(&name))
    {
        name.push('x');
    }
    Ok(Change::AdminRule(NewAdminRule {
        network_manager: nm,
        resource_group: deny.resource_group.clone(),
        subscription: deny.subscription.clone(),
        configuration: cfg,
        rule_collection: coll,
        name,
        access: AdminAccess::AlwaysAllow,
        priority,
        sources,
        destination: flow.destination.clone(),
        ports: vec![flow.port],
        before: b.rule.clone(),
        description: format!(
            "Azure Backup: TCP {} to {} before {}",
            flow.port, flow.destination, deny.name
        ),
    }))
}

fn hop_name(hop: &str) -> &'static str {
    match hop {
        "admin" => "security admin rule",
        "nsg" => "NSG rule",
        "route" => "route",
        "firewall" => "Azure Firewall rule",
        "proxy" => "proxy rule",
        _ => "hop",
    }
}

/// Whether a firewall or network virtual appliance is on the checked path (a firewall hop, or a route to a
/// VirtualAppliance next hop).
fn appliance_on_path(before: &CheckReport) -> bool {
    before.flows.iter().any(|f| {
        f.hops.iter().any(|h| {
            h.hop == "firewall"
                || h.decisions.iter().any(|d| {
                    d.next_hop
                        .as_deref()
                        .is_some_and(|n| n.starts_with("VirtualAppliance"))
                })
        })
    })
}

/// Every option on the path; the one that repairs it with the fewest changed resources and the fewest
/// addresses opened wins.
fn auto(inputs: &PathInputs, allow_bypass: bool) -> Result<Fix, Error> {
    let mut tried = Vec::new();
    for o in [
        FixOption::Nsg,
        FixOption::Firewall,
        FixOption::Route,
        FixOption::IpRanges,
        FixOption::Proxy,
        FixOption::NatGateway,
    ] {
        // a NAT gateway is an option only for a private subnet without an outbound method (elsewhere it is
        // the nsg option)
        let private = inputs
            .parts
            .outbound
            .as_ref()
            .is_some_and(|o| o.private.is_some() && o.explicit.is_none());
        if o == FixOption::NatGateway && !private {
            continue;
        }
        tried.push(fix(inputs, o)?);
    }
    let works = |f: &Fix| f.after.verdict == Overall::Reachable;
    let resources = |f: &Fix| {
        let mut r: Vec<String> = f
            .changes
            .iter()
            .map(|c| match c {
                Change::NsgRule(n) => format!("nsg:{}", n.nsg),
                Change::FirewallRule(x) => format!("fw:{}", x.firewall),
                Change::FirewallAppRule(x) => format!("fw:{}", x.firewall),
                Change::NatGateway(x) => format!("nat:{}", x.subnet),
                Change::Route(x) => format!("rt:{}", x.table),
                Change::SquidLines(x) => format!("squid:{}", x.file),
                Change::GuestProxy(_) => "guest".to_string(),
                Change::AdminRule(a) => format!("avnm:{}", a.network_manager),
            })
            .collect();
        r.sort();
        r.dedup();
        r.len()
    };
    // a route opens more than a rule does: it takes traffic past the appliance's inspection
    let openness = |f: &Fix| match f.option {
        FixOption::Nsg | FixOption::IpRanges => 0,
        // a NAT gateway gives the whole subnet a way out (the NSGs still decide where to)
        FixOption::Firewall | FixOption::Proxy | FixOption::NatGateway => 1,
        _ => 2,
    };
    // with a firewall or appliance on the path, auto never routes past it: bypassing an organisation's
    // inspection is a security decision (`--option route` makes it), not a tie-break
    let appliance = appliance_on_path(&tried[0].before);
    let eligible = |f: &Fix| allow_bypass || !(appliance && f.option == FixOption::Route);
    let best = tried
        .iter()
        .enumerate()
        .filter(|(_, f)| works(f) && !f.changes.is_empty() && eligible(f))
        .min_by_key(|(_, f)| (resources(f), openness(f), f.changes.len()))
        .map(|(i, _)| i)
        .or_else(|| {
            // the appliance's own change that cannot be proven offline: inconclusive (exit 3), never a bypass
            tried.iter().position(|f| {
                appliance
                    && f.option == FixOption::Firewall
                    && !f.changes.is_empty()
                    && f.after.verdict == Overall::Unknown
            })
        });
    let none_blocked = !tried[0]
        .before
        .flows
        .iter()
        .any(|f| matches!(f.verdict, FlowVerdict::Denied | FlowVerdict::Partial));
    if tried[0].before.verdict == Overall::Reachable
        || none_blocked
        || tried
            .iter()
            .all(|f| f.changes.is_empty() && f.still_blocked.is_none())
    {
        // nothing is blocked: nothing to choose between
        let mut f = tried.swap_remove(0);
        f.option = FixOption::Auto;
        if f.before.verdict == Overall::Unknown {
            let why = f
                .before
                .flows
                .iter()
                .flat_map(|x| x.unknowns.iter())
                .map(|u| u.message.clone())
                .next()
                .unwrap_or_else(|| "a part of the path cannot be decided offline".into());
            f.notes.push(Diagnostic::new(
                &diag::FIX_INCONCLUSIVE,
                format!(
                    "no required flow is blocked, but the check is inconclusive ({why}): no change is proven until that is known"
                ),
            ));
        }
        return Ok(f);
    }
    let Some(i) = best else {
        // nothing works alone: report the nsg attempt (it names what else blocks)
        let mut f = tried.remove(0);
        f.option = FixOption::Auto;
        f.alternatives =
            vec!["no single option repairs the path; combine them (see still blocked)".into()];
        for t in &tried {
            let why = match (&t.still_blocked, t.after.verdict) {
                (Some(s), _) => s.clone(),
                (None, Overall::Unknown) if !t.changes.is_empty() => {
                    format!(
                        "its change cannot be proven offline (the re-check is inconclusive): run it with --option {} to see why",
                        t.option
                    )
                }
                _ => continue,
            };
            f.alternatives.push(format!("{}: {why}", t.option));
        }
        return Ok(f);
    };
    let mut chosen = tried[i].clone();
    for (_, f) in tried.iter().enumerate().filter(|(k, _)| *k != i) {
        let why = if f.changes.is_empty() && f.still_blocked.is_none() {
            "nothing to change".to_string()
        } else if !eligible(f) {
            format!(
                "{}a route past the firewall or appliance on the path bypasses its inspection and logging: choose it only \
                 with --option route",
                if works(f) { "works, but " } else { "" }
            )
        } else if !works(f) {
            f.still_blocked
                .clone()
                .unwrap_or_else(|| "does not make every flow reachable".into())
        } else {
            format!(
                "works too, but changes {} resource(s){}",
                resources(f),
                if openness(f) > openness(&chosen) {
                    " and opens more (a route bypasses inspection; a firewall rule is wider than an NSG rule)"
                } else {
                    ""
                }
            )
        };
        chosen.alternatives.push(format!("{}: {why}", f.option));
    }
    chosen.option = FixOption::Auto;
    chosen.notes.insert(
        0,
        Diagnostic::new(
            &diag::FIX_AUTO_CHOICE,
            format!("auto chose option `{}`", tried[i].option),
        ),
    );
    Ok(chosen)
}

/// The target port of a blocked hop (`Storage.KoreaCentral:8443/tcp`, `10.0.0.5:3128`).
fn hop_port(flow: &FlowResult, b: &BlockedBy) -> u16 {
    flow.hops
        .iter()
        .find(|h| h.leg == b.leg && (h.hop == b.hop))
        .and_then(|h| h.target.rsplit_once(':'))
        .and_then(|(_, p)| p.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or(flow.port)
}

fn nsg_change(
    cur: &PathInputs,
    flow: &FlowResult,
    b: &BlockedBy,
    option: FixOption,
    notes: &mut Vec<Diagnostic>,
) -> Result<Change, String> {
    let slot = match (b.leg, b.attached_to) {
        ("vm" | "vm-to-proxy", Some(Attachment::Subnet)) => NsgSlot::Subnet,
        ("vm" | "vm-to-proxy", _) => NsgSlot::Nic,
        (_, Some(Attachment::Subnet)) => NsgSlot::ProxySubnet,
        _ => NsgSlot::ProxyNic,
    };
    let nsg = match slot {
        NsgSlot::Nic => cur.nsgs.nic.as_deref(),
        NsgSlot::Subnet => cur.nsgs.subnet.as_deref(),
        NsgSlot::ProxyNic => cur.parts.proxy_nic.as_ref(),
        NsgSlot::ProxySubnet => cur.parts.proxy_subnet.as_ref(),
    }
    .ok_or_else(|| "the blocking NSG is not among the inputs".to_string())?;
    let blocker = b.priority.unwrap_or(4096);
    let used: Vec<u32> = nsg
        .rules
        .iter()
        .filter(|r| r.direction == Direction::Outbound && !r.is_default)
        .map(|r| r.priority)
        .collect();
    let Some(priority) = (100..blocker.min(4097)).rev().find(|p| !used.contains(p)) else {
        return Err(no_room(&nsg.name, &b.rule, blocker, &used));
    };
    let port = hop_port(flow, b);
    let to_proxy = b.leg == "vm-to-proxy";
    let (source, destinations, what) = if to_proxy {
        let target = flow
            .hops
            .iter()
            .find(|h| h.leg == "vm-to-proxy")
            .map(|h| h.target.clone())
            .unwrap_or_default();
        let ip = target.split(':').next().unwrap_or("").to_string();
        (
            cur.vm_ip
                .map_or("VirtualNetwork".to_string(), |i| i.to_string()),
            vec![ip],
            "the proxy".to_string(),
        )
    } else {
        let source = match b.leg {
            "proxy-to-storage" => cur
                .parts
                .proxy_ip
                .map_or("VirtualNetwork".to_string(), |i| i.to_string()),
            _ => cur
                .vm_ip
                .map_or("VirtualNetwork".to_string(), |i| i.to_string()),
        };
        let dest = match option {
            // IPv4 and IPv6 in rules of their own: the family of what is still denied
            FixOption::IpRanges => ip_ranges(
                cur,
                &flow.destination,
                flow.first_denied_prefix
                    .as_deref()
                    .is_some_and(|p| p.contains(':')),
                notes,
            )?,
            _ => vec![flow.destination.clone()],
        };
        (source, dest, flow.destination.clone())
    };
    if source == "VirtualNetwork" {
        notes.push(Diagnostic::new(
            &diag::FIX_VNET_SOURCE,
            format!(
                "the VM's IP is not given: the rule in `{}` allows the whole VirtualNetwork as source (pass --vm-ip to narrow it)",
                nsg.name
            ),
        ));
    }
    let base = if to_proxy {
        format!("Allow-Backup-Proxy-{port}")
    } else {
        format!("Allow-Backup-Storage-{port}")
    };
    let name = unique_name(&base, nsg.rules.iter().map(|r| r.name.as_str()));
    Ok(Change::NsgRule(NewNsgRule {
        nsg: nsg.name.clone(),
        slot,
        resource_group: nsg.resource_group.clone(),
        file: nsg.origin.file.to_string(),
        name,
        priority,
        source,
        destinations,
        ports: vec![port],
        description: format!(
            "Azure VM backup extension to {what} on TCP {port} (added by azegress fix{})",
            if option == FixOption::IpRanges {
                format!(", service tags changeNumber {}", cur.tags.change_number)
            } else {
                String::new()
            }
        ),
    }))
}

/// Every priority below the denying rule is taken: the smallest renumbering that keeps the order is to move
/// the run of rules that starts at the denying rule up by one, up to the first free priority above it.
fn no_room(nsg: &str, rule: &str, blocker: u32, used: &[u32]) -> String {
    let first_free = (blocker + 1..=4096).find(|p| !used.contains(p));
    match first_free {
        Some(free) => format!(
            "NSG `{nsg}` has no free outbound priority below {blocker} (the rule `{rule}` that denies). The smallest \
             renumbering that keeps every rule's order: move the {} rule(s) at priorities {blocker}–{} up by one (to \
             {}–{free}), then add the allow at {blocker}; run fix again after that",
            free - blocker,
            free - 1,
            blocker + 1
        ),
        None => format!(
            "NSG `{nsg}` has no free outbound priority at all around {blocker} (the rule `{rule}` that denies): \
             Azure allows 100–4096; remove or merge rules to make room"
        ),
    }
}

/// The region's Storage prefixes of one family, merged to the fewest CIDRs.
fn ip_ranges(
    cur: &PathInputs,
    tag: &str,
    v6: bool,
    notes: &mut Vec<Diagnostic>,
) -> Result<Vec<String>, String> {
    let e = cur
        .tags
        .get(tag)
        .ok_or_else(|| format!("`{tag}` is not in the service-tag file"))?;
    let p = cur.tags.prefixes(e).map_err(|x| x.to_string())?;
    let nets: Vec<ipnet::IpNet> = p
        .nets
        .iter()
        .copied()
        .filter(|n| matches!(n, ipnet::IpNet::V6(_)) == v6)
        .collect();
    let merged = AddrSet::from_nets(&nets).to_cidrs();
    if merged.len() > MAX_PREFIXES_PER_RULE {
        return Err(format!(
            "{tag} has {} prefixes, more than Azure allows in one rule ({MAX_PREFIXES_PER_RULE}); use option nsg (the service tag)",
            merged.len()
        ));
    }
    if notes.iter().any(|n| {
        n.code == diag::IP_RANGES_COPIED.code
            && n.message.starts_with(&format!("the ranges of {tag} "))
    }) {
        return Ok(merged.iter().map(ToString::to_string).collect());
    }
    notes.push(Diagnostic::new(
        &diag::IP_RANGES_COPIED,
        format!(
            "the ranges of {tag} are copied from service tags changeNumber {} ({} prefixes, merged from {}): Microsoft changes them weekly \
             (Storage.WestEurope gained 12 prefixes between May 2024 and November 2025) and a copied list then blocks the new ones; \
             prefer the service tag (option nsg), or refresh the list with each new file",
            cur.tags.change_number,
            merged.len(),
            nets.len()
        ),
    ));
    Ok(merged.iter().map(ToString::to_string).collect())
}

fn unique_name<'a>(base: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let free = |n: &str| !taken.clone().any(|t| t.eq_ignore_ascii_case(n));
    if free(base) {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base}-{i}"))
        .find(|n| free(n))
        .unwrap_or_else(|| base.to_string())
}

/// The firewall rule for one blocked port, in the rule collection group every firewall change of this fix
/// shares: for 443 (unless `--strict`) the application rule with the `AzureBackup` FQDN tag that the backup
/// documentation prescribes (reference §10.3), else — 8443, 80, or 443 still blocked after it, e.g. by a
/// network Deny that network rules meet first (§3.1) — a network rule to `Storage.<Region>`.
fn firewall_change(
    cur: &PathInputs,
    flow: &FlowResult,
    b: &BlockedBy,
    earlier: &[Change],
) -> Result<Change, String> {
    let port = hop_port(flow, b);
    let sources = vec![cur.vm_ip.map_or("*".to_string(), |i| i.to_string())];
    let firewall = b.name.clone().unwrap_or_else(|| "firewall".into());
    // the group an earlier change of this fix opened (the model holds it now, so it would count itself)
    let shared = earlier.iter().find_map(|c| match c {
        Change::FirewallRule(r) => Some((r.group.clone(), r.group_priority)),
        Change::FirewallAppRule(r) => Some((r.group.clone(), r.group_priority)),
        _ => None,
    });
    let app_tried = earlier
        .iter()
        .any(|c| matches!(c, Change::FirewallAppRule(r) if r.ports.contains(&port)));
    if port == 443 && !cur.strict && !app_tried {
        let fw = cur.parts.firewall.as_ref();
        let policy = fw.and_then(|f| f.policy.clone());
        let (group, group_priority) = shared.unwrap_or_else(|| new_group(cur));
        return Ok(Change::FirewallAppRule(NewFirewallAppRule {
            firewall,
            group,
            group_priority,
            collection: "allow-backup-fqdn-tag".into(),
            collection_priority: if policy.is_some() {
                110
            } else {
                classic_priority(fw, CollectionKind::Application)?
            },
            policy,
            name: "backup-azurebackup-tag".into(),
            sources,
            fqdn_tag: "AzureBackup".into(),
            target_fqdns: Vec::new(),
            ports: vec![port],
            resource: fw.and_then(|f| f.resource.clone()),
        }));
    }
    let fw = cur.parts.firewall.as_ref();
    let policy = fw.and_then(|f| f.policy.clone());
    // before every existing group (and so before any deny collection in them)
    let (group, group_priority) = shared.unwrap_or_else(|| new_group(cur));
    Ok(Change::FirewallRule(NewFirewallRule {
        firewall,
        group,
        group_priority,
        collection: "allow-backup-storage".into(),
        collection_priority: if policy.is_some() {
            100
        } else {
            classic_priority(fw, CollectionKind::Network)?
        },
        policy,
        name: format!("backup-storage-{port}"),
        sources,
        destinations: vec![flow.destination.clone()],
        ports: vec![port],
        resource: fw.and_then(|f| f.resource.clone()),
    }))
}

/// A priority for a new classic rule collection of `kind`: one no collection of that kind uses (Azure refuses
/// two at one priority), the highest free one below the first Deny collection of that kind (so the Allow is
/// met first; none: below the first collection), never under 100 (Azure's lowest).
fn classic_priority(fw: Option<&Firewall>, kind: CollectionKind) -> Result<u32, String> {
    let same: Vec<&RuleCollection> = fw
        .into_iter()
        .flat_map(|f| f.collections.iter())
        .filter(|c| c.kind == kind && c.group.is_none())
        .collect();
    let used = |p: u32| same.iter().any(|c| c.priority == p);
    let deny = same
        .iter()
        .filter(|c| c.action == FwAction::Deny)
        .map(|c| c.priority)
        .min();
    let before = deny
        .or_else(|| same.iter().map(|c| c.priority).min())
        .unwrap_or(200);
    let free_below = |step: u32| (100..before).rev().find(|p| p % step == 0 && !used(*p));
    free_below(10)
        .or_else(|| free_below(1))
        // no Deny collection (only the default deny after all of them): any free number will do
        .or_else(|| {
            deny.is_none()
                .then(|| (before..=65000).find(|p| p % 10 == 0 && !used(*p)))
                .flatten()
        })
        .ok_or_else(|| {
            format!(
                "no {kind:?} rule collection priority is free below {before} (Azure's lowest is 100, and each collection needs its own): renumber the collection at {before}"
            )
        })
}

/// The rule collection group a fix's first firewall change opens: before every existing group.
fn new_group(cur: &PathInputs) -> (String, u32) {
    let min_group = cur
        .parts
        .firewall
        .as_ref()
        .and_then(|f| {
            f.collections
                .iter()
                .filter(|c| c.group.is_some())
                .map(|c| c.group_priority)
                .min()
        })
        .unwrap_or(200);
    (
        "azegress-backup".into(),
        min_group.saturating_sub(10).max(100),
    )
}

/// Adds a change, or — a network rule for another port to the same firewall destination — widens the one
/// already there (one rule `backup-storage-80-8443`, not two rules in a collection created twice). The
/// model already holds the new port's rule, so the verdict is the same.
fn merge_or_push(changes: &mut Vec<Change>, c: Change) {
    if let Change::FirewallRule(new) = &c
        && let Some(Change::FirewallRule(old)) = changes.iter_mut().find(|x| {
            matches!(x, Change::FirewallRule(o) if o.firewall == new.firewall
                && o.collection == new.collection
                && o.sources == new.sources
                && o.destinations == new.destinations)
        })
    {
        for p in &new.ports {
            if !old.ports.contains(p) {
                old.ports.push(*p);
            }
        }
        old.ports.sort_unstable();
        old.name = format!(
            "backup-storage-{}",
            old.ports
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("-")
        );
        return;
    }
    changes.push(c);
}

/// A NAT gateway for the VM's private subnet: its explicit outbound method (reference §10.1). Named after the
/// subnet; the association goes on the subnet the path runs through.
fn nat_change(cur: &PathInputs) -> Result<Change, String> {
    let o = cur
        .parts
        .outbound
        .as_ref()
        .ok_or_else(|| "the VM's subnet is not among the inputs".to_string())?;
    let snet = o.subnet.rsplit('/').next().unwrap_or(&o.subnet);
    let base: String = format!("ng-{snet}").chars().take(72).collect();
    let resource_group = o.subnet_id.as_deref().and_then(|id| {
        let mut it = id.split('/');
        it.by_ref()
            .find(|p| p.eq_ignore_ascii_case("resourceGroups"))
            .and_then(|_| it.next())
            .map(str::to_string)
    });
    Ok(Change::NatGateway(NewNatGateway {
        subnet: o.subnet.clone(),
        subnet_id: o.subnet_id.clone(),
        resource_group,
        location: cur.region.clone(),
        public_ip: format!("pip-{base}"),
        name: base,
        subnet_properties: o.properties.clone(),
    }))
}

/// squid.conf lines that let the VM CONNECT (or GET, for port 80) to the cloud's blob hosts on exactly the
/// port the proxy sees, placed before the `http_access` line that denies it.
fn squid_change(
    cur: &PathInputs,
    flow: &FlowResult,
    b: &BlockedBy,
    notes: &mut Vec<Diagnostic>,
) -> Result<Change, String> {
    let conf = cur
        .parts
        .squid
        .as_ref()
        .ok_or_else(|| "the proxy's squid.conf is not given (--squid-conf)".to_string())?;
    if let Some((_, why)) = conf
        .intercept_ports
        .iter()
        .find(|(_, l)| Some(*l) == b.line)
        .and_then(|(p, _)| crate::engine::squid::intercept_reason(conf, *p))
    {
        return Err(format!("{}/tcp: {why}", flow.port));
    }
    let Some(line) = b.line else {
        return Err(format!(
            "{}/tcp: the proxy refuses it before any http_access line ({}); fix its http_port",
            flow.port, b.rule
        ));
    };
    let denying = conf.access.iter().find(|a| a.line == line).ok_or_else(|| {
        format!(
            "{}/tcp: the proxy's `{}` is not an http_access line fix can place rules before",
            flow.port, b.rule
        )
    })?;
    let port = hop_port(flow, b);
    let suffix = crate::tags::fqdn::blob_suffix(&cur.tags.cloud);
    let (src, src_lines, note) =
        squid_fix::source(cur, conf, &denying.file, line, port).map_err(|why| {
            format!(
                "{}/tcp is denied by the proxy's `{}`: {why}",
                flow.port, b.rule
            )
        })?;
    notes.extend(note);
    let mut lines = vec!["# azegress fix: the VM backup extension to Azure Storage".to_string()];
    lines.extend(src_lines);
    lines.extend([
        format!("acl azegress_backup_blob dstdomain .{suffix}"),
        format!("acl azegress_backup_port port {port}"),
        format!("http_access allow {src} azegress_backup_blob azegress_backup_port"),
    ]);
    Ok(Change::SquidLines(NewSquidLines {
        file: denying.file.clone(),
        before_line: line,
        denying: denying.text.clone(),
        lines,
    }))
}

fn route_change(cur: &PathInputs, flow: &FlowResult, b: &BlockedBy) -> Result<Change, String> {
    if b.leg != "vm" {
        return Err(format!(
            "{}/tcp is blocked on the proxy's path: a route of the VM's subnet does not change it",
            flow.port
        ));
    }
    if cur.parts.route_table.as_ref().is_some_and(|t| t.effective) {
        return Err(format!(
            "{}/tcp: the routes given are effective routes (what Azure computed for the NIC), which are read-only and name no route table: \
             pass the subnet's route table (`az network route-table show`) with --route-table to add the route to it",
            flow.port
        ));
    }
    let Some(table) = cur.parts.route_table.as_ref().map(|t| t.name.clone()) else {
        return Err(format!(
            "{}/tcp: no route table is given, so there is no user route to add to",
            flow.port
        ));
    };
    let taken: Vec<String> = cur
        .parts
        .route_table
        .iter()
        .flat_map(|t| t.routes.iter().map(|r| r.name.clone()))
        .collect();
    Ok(Change::Route(NewRoute {
        table,
        name: unique_name("Backup-Storage-Direct", taken.iter().map(String::as_str)),
        prefix: flow.destination.clone(),
        next_hop: "Internet".into(),
        next_hop_ip: None,
    }))
}

/// A private subnet's storage traffic sent to the Azure Firewall among the inputs, whose own egress then
/// carries it (reference §10.1: a route to an appliance is an explicit outbound method): a user route
/// `Storage.<Region>` → VirtualAppliance at the firewall's private IP in the subnet's route table.
fn route_to_firewall(cur: &PathInputs, flow: &FlowResult) -> Result<Change, String> {
    let Some(ip) = cur.parts.firewall_ip else {
        return Err(format!(
            "{}/tcp: the subnet is private; option `firewall` would send storage traffic to the firewall, but its private IP is \
             not known (--firewall-ip); option `nat-gateway` gives the subnet its own way out",
            flow.port
        ));
    };
    let Some(table) = cur.parts.route_table.as_ref() else {
        return Err(format!(
            "{}/tcp: the subnet is private and has no route table to send storage traffic to the firewall: option \
             `nat-gateway` gives it its own way out",
            flow.port
        ));
    };
    Ok(Change::Route(NewRoute {
        table: table.name.clone(),
        name: unique_name(
            "Backup-Storage-Via-Firewall",
            table.routes.iter().map(|r| r.name.as_str()),
        ),
        prefix: flow.destination.clone(),
        next_hop: "VirtualAppliance".into(),
        next_hop_ip: Some(ip.to_string()),
    }))
}

/// A new Allow collection holding `rule` in the firewall of the inputs: in rule collection group
/// `group` (with its priority) for a policy, on the firewall itself when `group` is `None`.
fn add_collection(
    cur: &mut PathInputs,
    (group, group_priority): (Option<&str>, u32),
    (name, priority, kind): (&str, u32, CollectionKind),
    rule: FwRule,
) -> Result<(), Error> {
    let fw = cur
        .parts
        .firewall
        .as_mut()
        .ok_or_else(|| Error::Usage("no firewall among the inputs".into()))?;
    fw.collections.push(RuleCollection {
        name: name.to_string(),
        group: group.map(str::to_string),
        group_priority: if group.is_some() { group_priority } else { 0 },
        priority,
        from_base_policy: false,
        kind,
        action: FwAction::Allow,
        rules: vec![rule],
        origin: Origin::at("(added by azegress fix)", 0),
    });
    Ok(())
}

/// Applies one change to the inputs (the model), as Azure would once it is deployed.
pub fn apply(cur: &mut PathInputs, c: &Change) -> Result<(), Error> {
    match c {
        Change::NsgRule(n) => {
            let nsg = match n.slot {
                NsgSlot::Nic => cur.nsgs.nic.as_mut().map(std::sync::Arc::make_mut),
                NsgSlot::Subnet => cur.nsgs.subnet.as_mut().map(std::sync::Arc::make_mut),
                NsgSlot::ProxyNic => cur.parts.proxy_nic.as_mut(),
                NsgSlot::ProxySubnet => cur.parts.proxy_subnet.as_mut(),
            }
            .ok_or_else(|| Error::Usage(format!("NSG `{}` is not among the inputs", n.nsg)))?;
            let raw = RawRule {
                description: None,
                name: n.name.clone(),
                is_default: false,
                priority: vec![n.priority.to_string()],
                direction: vec!["Outbound".into()],
                access: vec!["Allow".into()],
                protocol: vec!["Tcp".into()],
                src: vec![n.source.clone()],
                dst: n.destinations.clone(),
                sp: vec!["*".into()],
                dp: n.ports.iter().map(ToString::to_string).collect(),
                src_asg: Vec::new(),
                dst_asg: Vec::new(),
                exp_src: None,
                exp_dst: None,
                unknowns: Vec::new(),
            };
            let rule = RuleBuilder {
                origin: Origin {
                    file: crate::model::file_name(&n.file),
                    line: 0,
                    col: 0,
                    pointer: "(added by azegress fix)".into(),
                },
                rule: &n.name,
                nsg: &n.nsg,
            }
            .build(raw)?;
            nsg.rules.push(rule);
        }
        Change::FirewallRule(f) => add_collection(
            cur,
            (
                f.policy.as_ref().map(|_| f.group.as_str()),
                f.group_priority,
            ),
            (
                &f.collection,
                f.collection_priority,
                CollectionKind::Network,
            ),
            FwRule {
                name: f.name.clone(),
                sources: f.sources.clone(),
                source_ip_groups: Vec::new(),
                kind: FwRuleKind::Network(NetworkRule {
                    protocols: vec![FwProtocol::Tcp],
                    destinations: f.destinations.clone(),
                    ports: PortSet::from_ranges(f.ports.iter().map(|p| (*p, *p)).collect()),
                    ..Default::default()
                }),
                unknowns: Vec::new(),
                origin: Origin::at("(added by azegress fix)", 0),
            },
        )?,
        Change::FirewallAppRule(f) => add_collection(
            cur,
            (
                f.policy.as_ref().map(|_| f.group.as_str()),
                f.group_priority,
            ),
            (
                &f.collection,
                f.collection_priority,
                CollectionKind::Application,
            ),
            FwRule {
                name: f.name.clone(),
                sources: f.sources.clone(),
                source_ip_groups: Vec::new(),
                kind: FwRuleKind::Application(ApplicationRule {
                    protocols: f.ports.iter().map(|p| (AppProtocol::Https, *p)).collect(),
                    fqdn_tags: if f.fqdn_tag.is_empty() {
                        Vec::new()
                    } else {
                        vec![f.fqdn_tag.clone()]
                    },
                    target_fqdns: f.target_fqdns.clone(),
                    ..Default::default()
                }),
                unknowns: Vec::new(),
                origin: Origin::at("(added by azegress fix)", 0),
            },
        )?,
        Change::NatGateway(n) => {
            let o = cur.parts.outbound.as_mut().ok_or_else(|| {
                Error::Usage(format!("subnet `{}` is not among the inputs", n.subnet))
            })?;
            o.explicit = Some(format!("NAT gateway `{}`", n.name));
        }
        Change::GuestProxy(_) => {} // the setting is the one the check already uses
        Change::AdminRule(a) => {
            let deny = cur
                .parts
                .admin
                .rules()
                .iter()
                .find(|r| r.display() == a.before)
                .cloned()
                .ok_or_else(|| Error::Usage(format!("{} is not among the inputs", a.before)))?;
            let ports = PortSet::from_ranges(a.ports.iter().map(|&p| (p, p)).collect());
            let addr = |s: &str| {
                crate::tags::parse_prefix(s)
                    .map_or_else(|| AddrItem::Tag(s.to_string()), AddrItem::Prefix)
            };
            cur.parts.admin.push(AdminRule {
                name: a.name.clone(),
                priority: a.priority,
                access: a.access,
                direction: Direction::Outbound,
                protocol: Protocol::Tcp,
                sources: AddrSpec {
                    items: a.sources.iter().map(|s| addr(s)).collect(),
                },
                source_ports: PortSet::full(),
                destinations: AddrSpec {
                    items: vec![AddrItem::Tag(a.destination.clone())],
                },
                destination_ports: ports,
                default_flag: None,
                origin: Origin::default(),
                unknowns: Vec::new(),
                ..deny
            });
        }
        Change::SquidLines(s) => {
            let conf = cur
                .parts
                .squid
                .as_mut()
                .ok_or_else(|| Error::Usage("no squid.conf among the inputs".into()))?;
            // the new lines, read by the same reader as the file, take the denying line's place in order
            let added = crate::ingest::proxy::parse_squid(&s.lines.join("\n"), &s.file)?;
            let at = conf
                .access
                .iter()
                .position(|a| a.file == s.file && a.line == s.before_line)
                .unwrap_or(0);
            conf.acls.extend(added.acls);
            for (k, a) in added.access.into_iter().enumerate() {
                conf.access.insert(at + k, a);
            }
            let at = conf
                .ssl_bump
                .iter()
                .position(|d| d.file == s.file && d.line == s.before_line)
                .unwrap_or(0);
            for (k, d) in added.ssl_bump.into_iter().enumerate() {
                conf.ssl_bump.insert(at + k, d);
            }
        }
        Change::Route(r) => {
            let route = crate::ingest::routes::make_route(
                &r.name,
                &r.prefix,
                &r.next_hop,
                r.next_hop_ip.as_deref().and_then(|s| s.parse().ok()),
                RouteSource::User,
                Origin::at("(added by azegress fix)", 0),
            )
            .map_err(Error::Usage)?;
            match cur.parts.route_table.as_mut() {
                Some(t) => t.routes.push(route),
                None => {
                    return Err(Error::Usage("no route table among the inputs".into()));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{CheckOptions, gather_inputs};
    use crate::engine::{Engine, Environment, StageInput};
    use proptest::prelude::*;
    use std::net::IpAddr;

    const DESTS: [&str; 8] = [
        "Storage.KoreaCentral",
        "Storage.WestEurope",
        "Internet",
        "VirtualNetwork",
        "AzureCloud",
        "*",
        "20.33.154.0/24",
        "8.8.8.0/24",
    ];
    const PORTS: [&str; 6] = ["80", "443", "8443", "22", "80-443", "*"];

    /// Every (source, destination, port) the NSGs decide, per address: the "allowed flows".
    fn verdicts(inp: &PathInputs) -> Vec<DecisionAccess> {
        let env = Environment {
            tags: &inp.tags,
            vnet: inp.vnet.clone(),
            vm_ip: inp.vm_ip,
            vm_asgs: None,
            route_prefixes: Vec::new(),
        };
        let mut stages = Vec::new();
        if let Some(n) = &inp.nsgs.nic {
            stages.push(StageInput {
                nsg: n,
                attached: Attachment::Nic,
            });
        }
        let eng = Engine::new(&env, &stages).unwrap();
        let mut out = Vec::new();
        for src in ["10.0.0.4", "10.0.0.99"] {
            // in Storage.KoreaCentral, in Storage.WestEurope, in Storage.CentralUS, on the Internet, in the VNet, elsewhere
            for dst in [
                "20.33.154.10",
                "13.69.40.17",
                "20.38.96.1",
                "8.8.8.8",
                "10.0.1.5",
                "13.64.0.1",
            ] {
                for port in [22u16, 80, 443, 8443, 3389] {
                    let s: IpAddr = src.parse().unwrap();
                    let d: IpAddr = dst.parse().unwrap();
                    out.push(
                        eng.verify(Direction::Outbound, Protocol::Tcp, (s, 50000), (d, port))
                            .0,
                    );
                }
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Closed loop: after `fix`, exactly the required flows (VM → Storage.KoreaCentral, 8443) become
        /// allowed; every other (source, destination, port) is decided as before.
        #[test]
        fn fix_opens_exactly_the_required_flows(
            rules in proptest::collection::vec((100u32..3900, any::<bool>(), 0usize..8, 0usize..6), 0..6),
            deny_at in 3900u32..4096,
        ) {
            let mut rs: Vec<String> = rules.iter().enumerate().map(|(i, (p, allow, d, port))| format!(
                r#"{{"name": "r{i}", "properties": {{"priority": {p}, "direction": "Outbound", "access": "{}", "protocol": "Tcp",
                  "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "{}", "destinationPortRange": "{}"}}}}"#,
                if *allow { "Allow" } else { "Deny" }, DESTS[*d], PORTS[*port])).collect();
            rs.push(format!(r#"{{"name": "deny-all", "properties": {{"priority": {deny_at}, "direction": "Outbound", "access": "Deny", "protocol": "*",
                  "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*"}}}}"#));
            // Azure refuses duplicate priorities: keep the first of each
            let mut seen = std::collections::HashSet::new();
            let rs: Vec<String> = rs.into_iter().zip(rules.iter().map(|r| r.0).chain([deny_at])).filter(|(_, p)| seen.insert(*p)).map(|(r, _)| r).collect();
            let dir = tempfile::tempdir().unwrap();
            let f = dir.path().join("nsg.json");
            std::fs::write(&f, format!(r#"{{"name": "nsg", "properties": {{"securityRules": [{}]}}}}"#, rs.join(","))).unwrap();
            let o = CheckOptions {
                nic_nsg: Some(f.to_string_lossy().into_owned()),
                region: Some("koreacentral".into()),
                vm_ip: Some("10.0.0.4".into()),
                vnet: vec!["10.0.0.0/16".into()],
                ports: Some(vec![8443]),
                route_table: None,
                ..Default::default()
            };
            let inputs = gather_inputs(&o, None).unwrap();
            let fx = fix(&inputs, FixOption::Nsg).unwrap();
            let mut after = inputs.clone();
            for c in &fx.changes {
                apply(&mut after, c).unwrap();
            }
            let (b, a) = (verdicts(&inputs), verdicts(&after));
            let mut k = 0;
            for src in ["10.0.0.4", "10.0.0.99"] {
                for dst in ["20.33.154.10", "13.69.40.17", "20.38.96.1", "8.8.8.8", "10.0.1.5", "13.64.0.1"] {
                    for port in [22u16, 80, 443, 8443, 3389] {
                        let required = src == "10.0.0.4" && dst == "20.33.154.10" && port == 8443;
                        if required {
                            prop_assert_eq!(a[k], DecisionAccess::Allow, "the required flow is allowed after the fix");
                        } else {
                            prop_assert_eq!(a[k], b[k], "{} -> {}:{} changed", src, dst, port);
                        }
                        k += 1;
                    }
                }
            }
            prop_assert_eq!(fx.after.verdict, Overall::Reachable);
        }
    }

    #[test]
    fn no_free_priority_proposes_the_smallest_order_keeping_renumbering() {
        // a deny at 100 with 101 and 102 taken: move 100–102 up by one to 101–103
        let m = no_room("n", "deny", 100, &[100, 101, 102, 200]);
        assert!(
            m.contains("move the 3 rule(s) at priorities 100–102 up by one (to 101–103)"),
            "{m}"
        );
        let full: Vec<u32> = (100..=4096).collect();
        assert!(no_room("n", "deny", 100, &full).contains("no free outbound priority at all"));
    }

    /// Classic Azure Firewall collections of one kind each need their own priority, and the new Allow must
    /// come before the first Deny collection of its kind (reference §3.1: lowest number first).
    #[test]
    fn classic_collection_priorities_are_free_and_before_the_deny() {
        let coll = |priority: u32, action: FwAction| RuleCollection {
            name: format!("c{priority}"),
            group: None,
            group_priority: 0,
            priority,
            from_base_policy: false,
            kind: CollectionKind::Network,
            action,
            rules: Vec::new(),
            origin: Origin::default(),
        };
        let fw = |cs: Vec<RuleCollection>| Firewall {
            collections: cs,
            ..Default::default()
        };
        let p = |f: &Firewall| classic_priority(Some(f), CollectionKind::Network);
        // an Allow at 100 and no Deny: a free round number after it
        assert_eq!(p(&fw(vec![coll(100, FwAction::Allow)])), Ok(110));
        // a Deny at 200: the highest free round number below it
        let f = fw(vec![
            coll(100, FwAction::Allow),
            coll(190, FwAction::Allow),
            coll(200, FwAction::Deny),
        ]);
        assert_eq!(p(&f), Ok(180));
        // a Deny at 105: only odd numbers are free below it
        let f = fw(vec![coll(100, FwAction::Allow), coll(105, FwAction::Deny)]);
        assert_eq!(p(&f), Ok(104));
        // a Deny at 100: nothing goes before it
        assert!(
            p(&fw(vec![coll(100, FwAction::Deny)]))
                .unwrap_err()
                .contains("renumber")
        );
        // no collections: below Azure's default deny, any free number
        assert_eq!(p(&fw(Vec::new())), Ok(190));
        // other kinds do not count
        assert_eq!(
            classic_priority(
                Some(&fw(vec![coll(100, FwAction::Deny)])),
                CollectionKind::Application
            ),
            Ok(190)
        );
    }

    #[test]
    fn unique_names_do_not_collide() {
        let taken = ["Allow-Backup-Storage-8443", "allow-backup-storage-8443-2"];
        assert_eq!(
            unique_name("Allow-Backup-Storage-8443", taken.iter().copied()),
            "Allow-Backup-Storage-8443-3"
        );
        assert_eq!(unique_name("x", taken.iter().copied()), "x");
    }
}
