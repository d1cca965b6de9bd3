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
pub mod tf_file;

pub use crate::model::fix::{
    Change, Fix, FixOption, GuestProxy, NewAdminRule, NewFirewallRule, NewNsgRule, NewRoute,
    NewSquidLines, NsgSlot,
};

/// Highest number of changes one fix makes before it gives up (every NSG on both legs, firewall, route).
const MAX_STEPS: usize = 8;
/// Azure's limit on address prefixes in one security rule (source and destination each).
pub const MAX_PREFIXES_PER_RULE: usize = 4000;

/// Finds and proves the fix for `option`.
pub fn fix(inputs: &PathInputs, option: FixOption) -> Result<Fix, Error> {
    if option == FixOption::Auto {
        return auto(inputs);
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
        let step = match (b.hop, option) {
            // no NSG, firewall or route change gets past an admin Deny: the admin rule, whatever the option
            ("admin", _) => admin_change(&cur, flow, b, &mut notes),
            // every option needs the NSGs to pass: the rule goes in with the service tag (or the ranges)
            ("nsg", _) => nsg_change(&cur, flow, b, option, &mut notes),
            ("firewall", FixOption::Firewall) => Ok(firewall_change(&cur, flow, b)),
            // a route past the appliance: storage traffic no longer reaches the firewall that denies it
            ("firewall" | "route", FixOption::Route) => route_change(&cur, flow, b),
            ("firewall", _) => Err(format!(
                "{}/tcp is still blocked by the {} `{}`{place}: option `{option}` does not change it; option `firewall` (a rule) or `route` (past the firewall) would",
                flow.port,
                hop_name(b.hop),
                b.rule
            )),
            ("proxy", FixOption::Proxy) => squid_change(&cur, flow, b),
            ("route", _) => Err(format!(
                "{}/tcp is still blocked by the {} `{}`{place}: option `{option}` does not change it; option `route` would",
                flow.port,
                hop_name(b.hop),
                b.rule
            )),
            (hop, _) => Err(format!(
                "{}/tcp is still blocked by the {} `{}`{place}: that is the proxy's own configuration, which fix does not change yet; \
                 allow CONNECT to the blob host there (the check's `next:` line says where)",
                flow.port,
                hop_name(hop),
                b.rule
            )),
        };
        match step {
            Ok(c) => {
                apply(&mut cur, &c)?;
                changes.push(c);
                after = evaluate(&cur)?;
            }
            Err(why) => {
                still_blocked = Some(why);
                break;
            }
        }
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

/// Every option on the path; the one that repairs it with the fewest changed resources and the fewest
/// addresses opened wins.
fn auto(inputs: &PathInputs) -> Result<Fix, Error> {
    let mut tried = Vec::new();
    for o in [
        FixOption::Nsg,
        FixOption::Firewall,
        FixOption::Route,
        FixOption::IpRanges,
        FixOption::Proxy,
    ] {
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
        FixOption::Firewall | FixOption::Proxy => 1,
        _ => 2,
    };
    // with a firewall or appliance on the path, auto never routes past it: bypassing an organisation's
    // inspection is a security decision (`--option route` makes it), not a tie-break
    let appliance = tried[0].before.flows.iter().any(|f| {
        f.hops.iter().any(|h| {
            h.hop == "firewall"
                || h.decisions.iter().any(|d| {
                    d.next_hop
                        .as_deref()
                        .is_some_and(|n| n.starts_with("VirtualAppliance"))
                })
        })
    });
    let eligible = |f: &Fix| !(appliance && f.option == FixOption::Route);
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
    if tried
        .iter()
        .all(|f| f.changes.is_empty() && f.still_blocked.is_none())
    {
        // nothing is blocked: nothing to choose between
        let mut f = tried.swap_remove(0);
        f.option = FixOption::Auto;
        return Ok(f);
    }
    let Some(i) = best else {
        // nothing works alone: report the nsg attempt (it names what else blocks)
        let mut f = tried.swap_remove(0);
        f.option = FixOption::Auto;
        f.alternatives =
            vec!["no single option repairs the path; combine them (see still blocked)".into()];
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
        NsgSlot::Nic => cur.nsgs.nic.as_ref(),
        NsgSlot::Subnet => cur.nsgs.subnet.as_ref(),
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
        file: nsg.origin.file.clone(),
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

fn firewall_change(cur: &PathInputs, flow: &FlowResult, b: &BlockedBy) -> Change {
    let fw = cur.parts.firewall.as_ref();
    let min_group = fw
        .and_then(|f| {
            f.collections
                .iter()
                .filter(|c| c.group.is_some())
                .map(|c| c.group_priority)
                .min()
        })
        .unwrap_or(200);
    let min_collection = fw
        .and_then(|f| f.collections.iter().map(|c| c.priority).min())
        .unwrap_or(200);
    let port = hop_port(flow, b);
    let policy = fw.and_then(|f| f.policy.clone());
    Change::FirewallRule(NewFirewallRule {
        firewall: b.name.clone().unwrap_or_else(|| "firewall".into()),
        group: "azegress-backup".into(),
        // before every existing group (and so before any deny collection in them)
        group_priority: min_group.saturating_sub(10).max(100),
        collection: "allow-backup-storage".into(),
        collection_priority: if policy.is_some() {
            100
        } else {
            min_collection.saturating_sub(10).max(100)
        },
        policy,
        name: format!("backup-storage-{port}"),
        sources: vec![cur.vm_ip.map_or("*".to_string(), |i| i.to_string())],
        destinations: vec![flow.destination.clone()],
        ports: vec![port],
    })
}

/// squid.conf lines that let the VM CONNECT (or GET, for port 80) to the cloud's blob hosts on exactly the
/// port the proxy sees, placed before the `http_access` line that denies it.
fn squid_change(cur: &PathInputs, flow: &FlowResult, b: &BlockedBy) -> Result<Change, String> {
    let conf = cur
        .parts
        .squid
        .as_ref()
        .ok_or_else(|| "the proxy's squid.conf is not given (--squid-conf)".to_string())?;
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
    let src = match cur.vm_ip {
        Some(ip) => ip.to_string(),
        None if !cur.vnet.is_empty() => cur
            .vnet
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" "),
        None => {
            return Err(
                "the VM's IP or VNet is needed for the squid `src` ACL (--vm-ip or --vnet)".into(),
            );
        }
    };
    Ok(Change::SquidLines(NewSquidLines {
        file: denying.file.clone(),
        before_line: line,
        denying: denying.text.clone(),
        lines: vec![
            "# azegress fix: the VM backup extension to Azure Storage".to_string(),
            format!("acl azegress_backup_src src {src}"),
            format!("acl azegress_backup_blob dstdomain .{suffix}"),
            format!("acl azegress_backup_port port {port}"),
            "http_access allow azegress_backup_src azegress_backup_blob azegress_backup_port"
                .to_string(),
        ],
    }))
}

fn route_change(cur: &PathInputs, flow: &FlowResult, b: &BlockedBy) -> Result<Change, String> {
    if b.leg != "vm" {
        return Err(format!(
            "{}/tcp is blocked on the proxy's path: a route of the VM's subnet does not change it",
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
    }))
}

/// Applies one change to the inputs (the model), as Azure would once it is deployed.
pub fn apply(cur: &mut PathInputs, c: &Change) -> Result<(), Error> {
    match c {
        Change::NsgRule(n) => {
            let nsg = match n.slot {
                NsgSlot::Nic => cur.nsgs.nic.as_mut(),
                NsgSlot::Subnet => cur.nsgs.subnet.as_mut(),
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
                    file: n.file.clone(),
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
        Change::FirewallRule(f) => {
            let fw = cur
                .parts
                .firewall
                .as_mut()
                .ok_or_else(|| Error::Usage("no firewall among the inputs".into()))?;
            fw.collections.push(RuleCollection {
                name: f.collection.clone(),
                group: f.policy.as_ref().map(|_| f.group.clone()),
                group_priority: if f.policy.is_some() {
                    f.group_priority
                } else {
                    0
                },
                priority: f.collection_priority,
                from_base_policy: false,
                kind: CollectionKind::Network,
                action: FwAction::Allow,
                rules: vec![FwRule {
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
                }],
                origin: Origin::at("(added by azegress fix)", 0),
            });
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
        }
        Change::Route(r) => {
            let route = crate::ingest::routes::make_route(
                &r.name,
                &r.prefix,
                &r.next_hop,
                None,
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
