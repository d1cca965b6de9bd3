//! `azegress diff --before A --after B`: what a change newly blocks or allows, per VM, requirement and port
//! — not a text diff. Both sides are evaluated by `gate` (same packs), optionally with different service-tag
//! files (`--tags-before`/`--tags-after`: what this week's tags change).

use super::gate::{GateOptions, run_gate};
use crate::error::Error;
use crate::gate::{Outcome, Status};
use std::collections::BTreeMap;

pub use crate::model::diff::{Change, DiffReport};
pub use crate::report::diff_text as text;

/// What `azegress diff` was asked.
#[derive(Clone, Debug, Default)]
pub struct DiffOptions {
    /// Resources before the change.
    pub before: Vec<String>,
    /// Resources after it.
    pub after: Vec<String>,
    /// Everything else `gate` takes (packs, region, disks, ports, tags).
    pub gate: GateOptions,
    /// Tag file for the before side (default: the same as after).
    pub tags_before: Option<String>,
    /// Tag file for the after side.
    pub tags_after: Option<String>,
    /// Admin rules for the before side only (`[VNET=]FILE`), besides those of `gate.admin_rules`.
    pub admin_before: Vec<String>,
    /// Admin rules for the after side only: a change of the network manager's rules is a change too.
    pub admin_after: Vec<String>,
}

fn effect(before: Status, after: Status) -> Option<&'static str> {
    match (before, after) {
        (a, b) if a == b => None,
        (_, Status::Fail) => Some("newly blocks"),
        (Status::Fail, Status::Pass) => Some("newly allows"),
        (_, Status::Unknown) => Some("newly unknown"),
        (Status::Unknown, _) => Some("now decided"),
        _ => None,
    }
}

fn key(o: &Outcome) -> (String, String, String) {
    (o.vm.clone(), o.pack.clone(), o.requirement.clone())
}

/// Runs `azegress diff`.
pub fn run_diff(o: &DiffOptions) -> Result<DiffReport, Error> {
    let side = |inputs: &[String],
                tags: &Option<String>,
                admin: &[String]|
     -> Result<Vec<Outcome>, Error> {
        let mut g = o.gate.clone();
        g.inputs = inputs.to_vec();
        g.admin_rules.extend(admin.iter().cloned());
        g.no_lints = true;
        if tags.is_some() {
            g.service_tags = tags.clone();
        }
        Ok(run_gate(&g, &|| {})?.outcomes)
    };
    let before = side(&o.before, &o.tags_before, &o.admin_before)?;
    let after = side(&o.after, &o.tags_after, &o.admin_after)?;
    let b: BTreeMap<_, &Outcome> = before.iter().map(|x| (key(x), x)).collect();
    let a: BTreeMap<_, &Outcome> = after.iter().map(|x| (key(x), x)).collect();
    let mut changes = Vec::new();
    for (k, new) in &a {
        let Some(old) = b.get(k) else { continue };
        let requirement = format!("{}/{}", new.pack, new.requirement);
        let mut per_port = false;
        for p in &new.ports {
            let Some(q) = old.ports.iter().find(|q| q.port == p.port) else {
                continue;
            };
            if let Some(e) = effect(q.status, p.status) {
                per_port = true;
                changes.push(Change {
                    effect: e.into(),
                    vm: new.vm.clone(),
                    subject: new.subject,
                    subnet: new.subnet.clone(),
                    requirement: requirement.clone(),
                    port: Some(p.port),
                    before: q.status,
                    after: p.status,
                    message: new.message.clone(),
                });
            }
        }
        if !per_port && let Some(e) = effect(old.status, new.status) {
            changes.push(Change {
                effect: e.into(),
                vm: new.vm.clone(),
                subject: new.subject,
                subnet: new.subnet.clone(),
                requirement,
                port: None,
                before: old.status,
                after: new.status,
                message: new.message.clone(),
            });
        }
    }
    let vms =
        |m: &BTreeMap<(String, String, String), &Outcome>| -> std::collections::BTreeSet<String> {
            m.keys().map(|k| k.0.clone()).collect()
        };
    let (vb, va) = (vms(&b), vms(&a));
    Ok(DiffReport {
        schema_version: 2,
        changes,
        vms_added: va.difference(&vb).cloned().collect(),
        vms_removed: vb.difference(&va).cloned().collect(),
    })
}
