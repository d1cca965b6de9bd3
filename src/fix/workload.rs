//! `azegress fix --workload W` for SQL Server and SAP HANA in Azure VMs, MARS, MABS/DPM and Site Recovery:
//! the change that opens each blocked destination of the workload, found one blocked flow at a time,
//! applied to the inputs (the model) and proved by evaluating `check --workload` again.
//!
//! - `nsg`: one outbound rule per missing service tag, with the destination's ports, in the NSG that denies;
//!   a destination with no service tag (an FQDN such as `*.microsoft.com`) cannot be allowed by an NSG,
//!   which filters addresses, not names: that is said, with the options that can (firewall, proxy).
//! - `firewall`: an application rule with the destination's Azure Firewall FQDN tag where the workload
//!   documents one (`AzureBackup`), a network rule to the service tag for the rest, an application rule to
//!   the FQDNs for a destination with no tag; the NSG rules the path still needs.
//! - `proxy`: squid.conf `dstdomain` lines for the destination's FQDNs before the denying `http_access`
//!   line, and NSG rules to the proxy and from it. SAP HANA sends only Microsoft Entra ID through a proxy:
//!   what Azure Backup and Storage need instead (NSG or firewall rules) is said.

use super::{apply, classic_priority, new_group, nsg_change, squid_fix, unique_name};
use crate::diag::{self, Diagnostic};
use crate::engine::check::PathInputs;
use crate::error::Error;
use crate::model::fix::{
    Change, FixOption, NewFirewallAppRule, NewFirewallRule, NewSquidLines, NsgSlot,
};
use crate::model::*;
use crate::workload::{
    DestinationResult, WorkloadInputs, WorkloadKind, WorkloadReport, data, evaluate_workload,
};
use serde::Serialize;

/// At most this many changes (one per blocked flow it opens).
const MAX_STEPS: usize = 48;

/// A destination the option cannot open, and why (with the option that can).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unfixed {
    /// Destination id (`entra`).
    pub destination: String,
    /// Its name.
    pub name: String,
    /// Why, and what would.
    pub why: String,
}

/// A workload's fix: the changes, and the workload check before and after them.
#[derive(Clone, Debug, Serialize)]
pub struct WorkloadFix {
    /// `vm`, `sql`, …
    pub workload: String,
    /// The option used.
    pub option: FixOption,
    /// The changes, in the order they were found necessary.
    pub changes: Vec<Change>,
    /// `check --workload` before.
    pub before: WorkloadReport,
    /// `check --workload` over the changed inputs.
    pub after: WorkloadReport,
    /// Destinations this option cannot open.
    pub unfixed: Vec<Unfixed>,
    /// Things the user must know.
    pub notes: Vec<Diagnostic>,
    /// For `auto`: the other options and why they were not chosen.
    pub alternatives: Vec<String>,
}

impl WorkloadFix {
    /// 0 the re-check passes, 1 a destination stays blocked, 3 the re-check is inconclusive.
    pub fn exit_code(&self) -> u8 {
        if !self.unfixed.is_empty() {
            return 1;
        }
        self.after.verdict.exit_code()
    }
}

/// Finds and proves the fix of `kind`'s blocked destinations with `option` (`nsg`, `firewall`, `proxy`,
/// `auto`).
pub fn fix_workload(
    inp: &PathInputs,
    kind: WorkloadKind,
    wi: &WorkloadInputs,
    option: FixOption,
) -> Result<WorkloadFix, Error> {
    match option {
        FixOption::Auto => auto(inp, kind, wi),
        FixOption::Nsg | FixOption::Firewall | FixOption::Proxy => one(inp, kind, wi, option),
        o => Err(Error::Usage(format!(
            "fix --workload {kind} takes --option nsg, firewall, proxy or auto, not {o}: option {o} repairs the VM backup path (--workload vm)"
        ))),
    }
}

fn auto(inp: &PathInputs, kind: WorkloadKind, wi: &WorkloadInputs) -> Result<WorkloadFix, Error> {
    let mut tried = Vec::new();
    for o in [FixOption::Nsg, FixOption::Firewall, FixOption::Proxy] {
        tried.push(one(inp, kind, wi, o)?);
    }
    let rank = |f: &WorkloadFix| {
        (
            !(f.unfixed.is_empty() && f.after.verdict == Overall::Reachable),
            f.unfixed.len(),
            f.changes.len(),
        )
    };
    let best = (0..tried.len())
        .min_by_key(|&i| rank(&tried[i]))
        .unwrap_or(0);
    let alternatives: Vec<String> = tried
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, f)| {
            if f.unfixed.is_empty() && f.after.verdict == Overall::Reachable {
                format!(
                    "option {}: {} change(s), REACHABLE after (more changes or a wider opening)",
                    f.option,
                    f.changes.len()
                )
            } else {
                format!(
                    "option {}: {} destination(s) it cannot open ({})",
                    f.option,
                    f.unfixed.len(),
                    f.unfixed
                        .iter()
                        .map(|u| u.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        })
        .collect();
    let mut f = tried.swap_remove(best);
    f.alternatives = alternatives;
    Ok(f)
}

fn one(
    inp: &PathInputs,
    kind: WorkloadKind,
    wi: &WorkloadInputs,
    option: FixOption,
) -> Result<WorkloadFix, Error> {
    let before = evaluate_workload(inp, kind, wi)?;
    let mut cur = inp.clone();
    let mut changes: Vec<Change> = Vec::new();
    let mut notes = Vec::new();
    let mut unfixed: Vec<Unfixed> = Vec::new();
    let mut after = before.clone();
    for _ in 0..MAX_STEPS {
        let next = after
            .destinations
            .iter()
            .filter(|d| !unfixed.iter().any(|u| u.destination == d.id))
            .find_map(|d| {
                d.flows
                    .iter()
                    .find(|f| matches!(f.verdict, FlowVerdict::Denied | FlowVerdict::Partial))
                    .and_then(|f| f.blocked_by.as_ref().map(|b| (d, f, b)))
            });
        let step = match next {
            Some((d, flow, b)) => step(&cur, kind, d, flow, b, option, &changes, &mut notes)
                .map(|c| (d, flow, b.hop, b.rule.clone(), c))
                .map_err(|why| (why, d)),
            None => match fqdn_at_firewall(&cur, &after, option, &changes, &unfixed) {
                // a name with no service tag, undecided at the firewall: the application rule for its names
                Some((d, flow)) => firewall_change(&cur, kind, d, flow, &changes)
                    .map(|c| (d, flow, "firewall", String::new(), c))
                    .map_err(|why| (why, d)),
                None => break,
            },
        };
        let (d, flow, hop, rule, step) = match step {
            Ok((d, flow, hop, rule, c)) => (d, flow, hop, rule, Ok(c)),
            Err((why, d)) => {
                unfixed.push(Unfixed {
                    destination: d.id.clone(),
                    name: d.name.clone(),
                    why,
                });
                continue;
            }
        };
        let b = (hop, rule);
        let step = step.and_then(|c| {
            if changes.contains(&c) {
                Err(format!(
                    "{}: TCP {} is still blocked by the {} `{}` after the change that should open it",
                    d.name, flow.port, b.0, b.1
                ))
            } else {
                Ok(c)
            }
        });
        match step {
            Ok(c) => {
                apply(&mut cur, &c)?;
                changes.push(c);
                after = evaluate_workload(&cur, kind, wi)?;
            }
            Err(why) => unfixed.push(Unfixed {
                destination: d.id.clone(),
                name: d.name.clone(),
                why,
            }),
        }
    }
    // what is still not reachable and no step named: said plainly, never left to the verdict alone
    for d in &after.destinations {
        if d.verdict == Overall::Reachable || unfixed.iter().any(|u| u.destination == d.id) {
            continue;
        }
        let why = match (&d.service_tag, option) {
            (None, FixOption::Nsg) | (None, FixOption::Firewall)
                if option == FixOption::Nsg || cur.parts.firewall.is_none() =>
            {
                format!(
                    "{} ({}) has no service tag, and an NSG filters addresses, not names: its verdict stays {} \
                     (the NSG allows some public addresses and denies others), and no NSG rule decides it without \
                     opening TCP {} to the whole Internet; allow the names at Azure Firewall (--option firewall, with the \
                     firewall among the inputs) or through the workload's proxy (--option proxy)",
                    d.name,
                    d.fqdns.join(", "),
                    verdict_word(d.verdict),
                    ports_text(&d.ports)
                )
            }
            _ => format!(
                "{} is {} after the fix: {}",
                d.name,
                verdict_word(d.verdict),
                d.flows
                    .iter()
                    .find(|f| f.verdict != FlowVerdict::Allowed)
                    .map_or("see `azegress check --workload`", |f| f.why.as_str())
            ),
        };
        unfixed.push(Unfixed {
            destination: d.id.clone(),
            name: d.name.clone(),
            why,
        });
    }
    Ok(WorkloadFix {
        workload: kind.name().into(),
        option,
        changes,
        before,
        after,
        unfixed,
        notes,
        alternatives: Vec::new(),
    })
}

/// With `--option firewall`: a destination with no service tag, not reachable, whose flow passes the firewall
/// and has no application rule of this fix yet (its verdict may be undecided rather than denied: a network
/// rule to a tag covers some of the public addresses its name may have).
fn fqdn_at_firewall<'a>(
    cur: &PathInputs,
    after: &'a WorkloadReport,
    option: FixOption,
    changes: &[Change],
    unfixed: &[Unfixed],
) -> Option<(&'a DestinationResult, &'a FlowResult)> {
    if option != FixOption::Firewall || cur.parts.firewall.is_none() {
        return None;
    }
    after
        .destinations
        .iter()
        .filter(|d| d.service_tag.is_none() && d.verdict != Overall::Reachable)
        .filter(|d| !unfixed.iter().any(|u| u.destination == d.id))
        .filter(|d| {
            !changes
                .iter()
                .any(|c| matches!(c, Change::FirewallAppRule(r) if r.target_fqdns == d.fqdns))
        })
        .find_map(|d| {
            d.flows
                .iter()
                .find(|f| {
                    f.verdict != FlowVerdict::Allowed && f.hops.iter().any(|h| h.hop == "firewall")
                })
                .map(|f| (d, f))
        })
}

/// `Allow-Sql-AzureActiveDirectory`: the workload and the tag's family.
fn rule_base(kind: WorkloadKind, what: &str) -> String {
    let mut w = kind.name().to_string();
    if let Some(c) = w.get_mut(0..1) {
        c.make_ascii_uppercase();
    }
    let what: String = what
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("Allow-{w}-{what}")
}

fn ports_text(p: &[u16]) -> String {
    p.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The squid `dstdomain` value of an FQDN pattern: `*.x.y` is `.x.y` (the domain and every name under it).
pub fn dstdomain(pattern: &str) -> String {
    match pattern.strip_prefix("*.") {
        Some(rest) => format!(".{rest}"),
        None => pattern.to_string(),
    }
}

#[allow(clippy::too_many_arguments)]
fn step(
    cur: &PathInputs,
    kind: WorkloadKind,
    d: &DestinationResult,
    flow: &FlowResult,
    b: &BlockedBy,
    option: FixOption,
    earlier: &[Change],
    notes: &mut Vec<Diagnostic>,
) -> Result<Change, String> {
    let w = kind.spec();
    let who = w.title.split(" (").next().unwrap_or(&w.title).to_string();
    let spec = w.destinations.iter().find(|x| x.id == d.id);
    // SAP HANA: only Entra ID goes through a proxy; Backup and Storage always go direct
    let direct_by_design =
        w.proxy.mode == data::ProxyMode::EntraOnly && spec.is_some_and(|s| !s.proxy);
    let place = b
        .name
        .as_deref()
        .or(b.nsg.as_deref())
        .map_or_else(String::new, |n| format!(" in `{n}`"));
    let what_instead = || match &d.service_tag {
        Some(t) => format!(
            "an NSG rule to {t} on TCP {} (--option nsg) or an Azure Firewall rule (--option firewall)",
            ports_text(&d.ports)
        ),
        None => "an Azure Firewall application rule (--option firewall)".to_string(),
    };
    match (b.hop, option) {
        ("nsg", _) if b.leg == "vm-to-proxy" => {
            let Change::NsgRule(mut r) = nsg_change(cur, flow, b, FixOption::Nsg, notes)? else {
                return Err("no NSG rule".into());
            };
            r.name = unique_name(
                &rule_base(kind, &format!("Proxy-{}", flow.port)),
                existing_rules(cur, r.slot),
            );
            r.description = format!(
                "{who} to its proxy on TCP {} (added by azegress fix --workload {kind})",
                flow.port
            );
            Ok(Change::NsgRule(r))
        }
        ("nsg", FixOption::Proxy) if b.leg == "vm" && direct_by_design => Err(format!(
            "{who} sends {} direct, never through a proxy (its proxy carries only Microsoft Entra ID, UseProxyForAAD): \
             it needs {}",
            d.name,
            what_instead()
        )),
        ("nsg", FixOption::Proxy) if b.leg == "vm" => Err(format!(
            "{}: TCP {} goes direct and is denied by the NSG rule `{}`{place}: no proxy is configured for {who} ({}); \
             set one and pass it (--proxy http://HOST:PORT, with the proxy's squid.conf --squid-conf), or use {}",
            d.name,
            flow.port,
            b.rule,
            w.proxy.note,
            what_instead()
        )),
        ("nsg", _) => {
            let (dest, why_internet) = match (&d.service_tag, option) {
                (Some(t), _) => (t.clone(), None),
                (None, FixOption::Firewall) if cur.parts.firewall.is_some() => (
                    "Internet".to_string(),
                    Some(format!(
                        "{} ({}) has no service tag: an NSG filters addresses, not names, so the NSG rule allows TCP {} to Internet and the Azure Firewall application rule limits it to these names",
                        d.name,
                        d.fqdns.join(", "),
                        ports_text(&d.ports)
                    )),
                ),
                (None, _) => {
                    return Err(format!(
                        "{} ({}) has no service tag: an NSG filters addresses, not names, so no NSG rule allows it without opening \
                         TCP {} to the whole Internet; allow the names at Azure Firewall with an application rule (--option firewall, \
                         with the firewall among the inputs) or through the workload's proxy (--option proxy)",
                        d.name,
                        d.fqdns.join(", "),
                        ports_text(&d.ports)
                    ));
                }
            };
            let Change::NsgRule(mut r) = nsg_change(cur, flow, b, FixOption::Nsg, notes)? else {
                return Err("no NSG rule".into());
            };
            let family = dest.split('.').next().unwrap_or(&dest).to_string();
            r.name = unique_name(&rule_base(kind, &family), existing_rules(cur, r.slot));
            r.destinations = vec![dest.clone()];
            r.ports = d.ports.clone();
            r.description = format!(
                "{who} to {} ({dest}) on TCP {} (added by azegress fix --workload {kind})",
                d.name,
                ports_text(&d.ports)
            );
            if let Some(n) = why_internet {
                notes.push(Diagnostic::new(&diag::FIX_NSG_INTERNET, n));
            }
            Ok(Change::NsgRule(r))
        }
        ("firewall", FixOption::Firewall) => firewall_change(cur, kind, d, flow, earlier),
        ("firewall", _) => Err(format!(
            "{}: TCP {} is blocked by the Azure Firewall rule `{}`{place}: option {option} does not change it; option firewall would",
            d.name, flow.port, b.rule
        )),
        ("proxy", FixOption::Proxy) => squid_change(cur, kind, d, flow, b, notes),
        ("proxy", _) => Err(format!(
            "{}: TCP {} is refused by the proxy (`{}`{place}): option proxy would add the names to its squid.conf",
            d.name, flow.port, b.rule
        )),
        (hop, _) => Err(format!(
            "{}: TCP {} is blocked by the {hop} `{}`{place}: fix --workload changes NSGs, Azure Firewall rules and squid.conf; {}",
            d.name,
            flow.port,
            b.rule,
            match hop {
                "admin" =>
                    "a security admin Deny needs the network manager's owners (run `azegress fix` for the VM path, which writes the admin rule)",
                "route" =>
                    "give the subnet an outbound method first (`azegress fix --option nat-gateway`, or a route to the firewall)",
                "dns" =>
                    "the name does not resolve: link the private DNS zone to the VM's VNet or add the endpoint's record",
                _ => "see `azegress check --workload` for the deciding rule",
            }
        )),
    }
}

fn existing_rules(cur: &PathInputs, slot: NsgSlot) -> impl Iterator<Item = &str> + Clone {
    match slot {
        NsgSlot::Nic => cur.nsgs.nic.as_deref(),
        NsgSlot::Subnet => cur.nsgs.subnet.as_deref(),
        NsgSlot::ProxyNic => cur.parts.proxy_nic.as_ref(),
        NsgSlot::ProxySubnet => cur.parts.proxy_subnet.as_ref(),
    }
    .into_iter()
    .flat_map(|n| n.rules.iter().map(|r| r.name.as_str()))
}

/// The firewall rule for a destination: its FQDN tag (application rule, HTTPS 443) where the workload
/// documents one, else a network rule to its service tag, else an application rule to its FQDNs.
fn firewall_change(
    cur: &PathInputs,
    kind: WorkloadKind,
    d: &DestinationResult,
    flow: &FlowResult,
    earlier: &[Change],
) -> Result<Change, String> {
    let fw = cur.parts.firewall.as_ref();
    let firewall = fw.map_or_else(|| "firewall".to_string(), |f| f.name.clone());
    let policy = fw.and_then(|f| f.policy.clone());
    let sources = vec![cur.vm_ip.map_or("*".to_string(), |i| i.to_string())];
    let shared = earlier.iter().find_map(|c| match c {
        Change::FirewallRule(r) => Some((r.group.clone(), r.group_priority)),
        Change::FirewallAppRule(r) => Some((r.group.clone(), r.group_priority)),
        _ => None,
    });
    let (group, group_priority) = shared.unwrap_or_else(|| new_group(cur));
    // each new collection its own priority in the group
    let n_fw = earlier
        .iter()
        .filter(|c| matches!(c, Change::FirewallRule(_) | Change::FirewallAppRule(_)))
        .count() as u32;
    let taken: Vec<String> = fw
        .into_iter()
        .flat_map(|f| f.collections.iter().map(|c| c.name.clone()))
        .collect();
    let collection = unique_name(
        &format!("allow-{kind}-{}", d.id),
        taken.iter().map(String::as_str),
    );
    let tag_tried = earlier.iter().any(|c| {
        matches!(c, Change::FirewallAppRule(r) if Some(&r.fqdn_tag) == d.firewall_fqdn_tag.as_ref())
    });
    let app = |fqdn_tag: String, target_fqdns: Vec<String>, ports: Vec<u16>| {
        Ok(Change::FirewallAppRule(NewFirewallAppRule {
            firewall: firewall.clone(),
            group: group.clone(),
            group_priority,
            collection: collection.clone(),
            collection_priority: if policy.is_some() {
                100 + 10 * n_fw
            } else {
                classic_priority(fw, CollectionKind::Application)?
            },
            policy: policy.clone(),
            name: format!("{kind}-{}", d.id),
            sources: sources.clone(),
            fqdn_tag,
            target_fqdns,
            ports,
            resource: fw.and_then(|f| f.resource.clone()),
        }))
    };
    if let Some(t) = &d.firewall_fqdn_tag
        && flow.port == 443
        && !cur.strict
        && !tag_tried
    {
        return app(t.clone(), Vec::new(), vec![443]);
    }
    match &d.service_tag {
        Some(tag) => Ok(Change::FirewallRule(NewFirewallRule {
            firewall: firewall.clone(),
            group: group.clone(),
            group_priority,
            collection: collection.clone(),
            collection_priority: if policy.is_some() {
                100 + 10 * n_fw
            } else {
                classic_priority(fw, CollectionKind::Network)?
            },
            policy: policy.clone(),
            name: format!("{kind}-{}", d.id),
            sources: sources.clone(),
            destinations: vec![tag.clone()],
            ports: d.ports.clone(),
            resource: fw.and_then(|f| f.resource.clone()),
        })),
        None => app(String::new(), d.fqdns.clone(), d.ports.clone()),
    }
}

/// squid.conf lines that let the workload CONNECT to the destination's names on its ports, before the
/// `http_access` line that denies it.
fn squid_change(
    cur: &PathInputs,
    kind: WorkloadKind,
    d: &DestinationResult,
    flow: &FlowResult,
    b: &BlockedBy,
    notes: &mut Vec<Diagnostic>,
) -> Result<Change, String> {
    let conf = cur
        .parts
        .squid
        .as_ref()
        .ok_or_else(|| "the proxy's squid.conf is not given (--squid-conf)".to_string())?;
    let Some(line) = b.line else {
        return Err(format!(
            "{}: TCP {}: the proxy refuses it before any http_access line ({}); fix its http_port",
            d.name, flow.port, b.rule
        ));
    };
    let denying = conf.access.iter().find(|a| a.line == line).ok_or_else(|| {
        format!(
            "{}: TCP {}: the proxy's `{}` is not an http_access line fix can place rules before",
            d.name, flow.port, b.rule
        )
    })?;
    let (src, src_lines, note) = squid_fix::source(cur, conf, &denying.file, line, flow.port)
        .map_err(|why| format!("{}: TCP {}: {why}", d.name, flow.port))?;
    notes.extend(note);
    let id: String =
        d.id.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
    let acl = format!("azegress_{kind}_{id}");
    let mut domains: Vec<String> = d.fqdns.iter().map(|f| dstdomain(f)).collect();
    domains.dedup();
    let mut lines = vec![format!(
        "# azegress fix --workload {kind}: {} ({})",
        d.name,
        kind.spec().title
    )];
    lines.extend(src_lines);
    lines.extend([
        format!("acl {acl} dstdomain {}", domains.join(" ")),
        format!(
            "acl {acl}_port port {}",
            d.ports
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        ),
        format!("http_access allow {src} {acl} {acl}_port"),
    ]);
    Ok(Change::SquidLines(NewSquidLines {
        file: denying.file.clone(),
        before_line: line,
        denying: denying.text.clone(),
        lines,
    }))
}

/// The fix's text: the changes, what stays blocked and why, and the proof.
pub fn text(f: &WorkloadFix) -> String {
    let mut out = format!(
        "fix --workload {} --option {}: {} before, {} after\n",
        f.workload,
        f.option,
        verdict_word(f.before.verdict),
        verdict_word(f.after.verdict)
    );
    if f.changes.is_empty() && f.unfixed.is_empty() {
        out.push_str("nothing to change: every required destination is reachable\n");
    }
    for (i, c) in f.changes.iter().enumerate() {
        out.push_str(&format!(
            "change {}: {}\n",
            i + 1,
            crate::report::safe::one_line(&describe(c))
        ));
    }
    for u in &f.unfixed {
        let why = if u.why.starts_with(&u.name) {
            u.why.clone()
        } else {
            format!("{}: {}", u.name, u.why)
        };
        out.push_str(&format!(
            "not fixed: {}\n",
            crate::report::safe::one_line(&why)
        ));
    }
    out.push_str("re-check (check --workload over the changed inputs):\n");
    for d in &f.after.destinations {
        let was = f
            .before
            .destinations
            .iter()
            .find(|x| x.id == d.id)
            .map_or(d.verdict, |x| x.verdict);
        out.push_str(&format!(
            "  {:<40} {} → {}\n",
            crate::report::safe::one_line(&d.name),
            verdict_word(was),
            verdict_word(d.verdict)
        ));
    }
    for n in &f.notes {
        out.push_str(&format!(
            "note [{}]: {}\n",
            n.code,
            crate::report::safe::one_line(&n.message)
        ));
    }
    for a in &f.alternatives {
        out.push_str(&format!("not chosen: {a}\n"));
    }
    out
}

fn verdict_word(o: Overall) -> String {
    format!("{o:?}").to_uppercase()
}

fn describe(c: &Change) -> String {
    match c {
        Change::NsgRule(n) => format!(
            "NSG `{}` ({}): add outbound rule `{}` priority {} Allow TCP {} from {} to {}",
            n.nsg,
            n.slot,
            n.name,
            n.priority,
            ports_text(&n.ports),
            n.source,
            n.destinations.join(", ")
        ),
        Change::FirewallRule(r) => format!(
            "Azure Firewall `{}`: add network rule `{}` TCP {} from {} to {} (collection `{}` priority {})",
            r.firewall,
            r.name,
            ports_text(&r.ports),
            r.sources.join(", "),
            r.destinations.join(", "),
            r.collection,
            r.collection_priority
        ),
        Change::FirewallAppRule(r) => format!(
            "Azure Firewall `{}`: add application rule `{}` Https:{} from {} {} (collection `{}` priority {})",
            r.firewall,
            r.name,
            ports_text(&r.ports),
            r.sources.join(", "),
            if r.target_fqdns.is_empty() {
                format!("with the FQDN tag {}", r.fqdn_tag)
            } else {
                format!("to {}", r.target_fqdns.join(" "))
            },
            r.collection,
            r.collection_priority
        ),
        Change::SquidLines(s) => format!(
            "{}: before line {} (`{}`): {}",
            s.file,
            s.before_line,
            s.denying,
            s.lines
                .iter()
                .filter(|l| !l.starts_with('#'))
                .cloned()
                .collect::<Vec<_>>()
                .join(" / ")
        ),
        other => format!("{other:?}"),
    }
}
