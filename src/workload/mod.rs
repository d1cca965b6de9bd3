//! Every backup and recovery workload's egress: SQL Server and SAP HANA in Azure VMs, the MARS agent,
//! MABS/DPM, Azure Site Recovery, and the VM backup extension itself. The requirements are data
//! ([`data`], `rules/workloads/*.yaml`); each destination is evaluated on the whole path the workload takes
//! (NSGs and admin rules over its service tag, routes, private subnet, firewall, the workload's own proxy,
//! the vault's private endpoints), and the verdict is the meet of the destinations' verdicts.

pub mod data;
pub mod detect;
pub mod diagnose;
pub mod guest;
pub mod pe;
pub mod render;

pub use data::{Destination, Workload, WorkloadKind};

use crate::diag::{self, Diagnostic};
use crate::engine::check::{
    DestAddresses, DestProxy, DestSpec, PathInputs, evaluate, evaluate_destination,
};
use crate::error::Error;
use crate::model::*;
use crate::requirements::Requirement;
use crate::tags::fqdn::Host;
use serde::Serialize;

/// What a workload check needs beyond the VM's path.
#[derive(Clone, Debug, Default)]
pub struct WorkloadInputs {
    /// Target region (Site Recovery: `EventHub.<target region>`).
    pub target_region: Option<String>,
    /// Conditions that apply (`snapshot`, `encrypted`, `auto-upgrade`): their destinations are required too.
    pub when: Vec<String>,
    /// The workload's proxy, read from its own settings (HANA's ExtensionSettingsOverrides.json, Site
    /// Recovery's ProxyInfo.conf) or `--proxy`.
    pub proxy: Option<guest::WorkloadProxy>,
    /// SAP HANA's ExtensionSettingsOverrides.json, read.
    pub hana: Option<guest::HanaSettings>,
    /// The vault's private endpoints and the private DNS facts of the VM's VNet.
    pub private_link: Option<pe::PrivateLink>,
    /// A scenario or resources stated the inputs (their "no NSG" is a fact).
    pub stated: bool,
}

/// The meet of two overall verdicts: blocked before partial before unknown before reachable.
pub fn meet(a: Overall, b: Overall) -> Overall {
    let rank = |o: Overall| match o {
        Overall::Blocked => 0,
        Overall::Partial => 1,
        Overall::Unknown => 2,
        Overall::Reachable => 3,
    };
    if rank(a) <= rank(b) { a } else { b }
}

/// One destination's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DestinationResult {
    /// Short id (`entra`).
    pub id: String,
    /// What the user knows it as.
    pub name: String,
    /// The meet of its flows (and of what its checks add: `--strict`, `--deny`).
    pub verdict: Overall,
    /// Service tag evaluated (`Storage.KoreaCentral`); `null` for a name with no tag.
    pub service_tag: Option<String>,
    /// FQDNs evaluated (application rules and proxies see these).
    pub fqdns: Vec<String>,
    /// Azure Firewall FQDN tag documented for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub firewall_fqdn_tag: Option<String>,
    /// Where it is reached: `public`, `private endpoint 10.1.2.5 (zone …)`, `does not resolve`, …
    pub reached_at: String,
    /// `direct`, or the proxy it goes through.
    pub proxy: String,
    /// Ports.
    pub ports: Vec<u16>,
    /// `always` or the condition it applies in.
    pub when: String,
    /// Learn pages that state it.
    pub sources: Vec<String>,
    /// A remark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// One per FQDN and port, the whole path hop by hop.
    pub flows: Vec<FlowResult>,
}

/// A destination not required for this run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NotChecked {
    /// Short id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Why not (the condition, and the flag that includes it).
    pub why: String,
}

/// The result of `azegress check --workload W`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkloadReport {
    /// 3: `workload` and `destinations` added to the check report's shape.
    pub schema_version: u32,
    /// `vm`, `sql`, `hana`, `mars`, `mabs`, `asr`.
    pub workload: String,
    /// Its title.
    pub title: String,
    /// The meet of the destinations' verdicts.
    pub verdict: Overall,
    /// Region of the VM (and vault).
    pub region: String,
    /// Site Recovery's target region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_region: Option<String>,
    /// Service tags used.
    pub service_tags: TagInfo,
    /// For `vm`: when its Storage path matters at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matters: Option<String>,
    /// The workload's proxy semantics.
    pub proxy_rules: String,
    /// Per destination.
    pub destinations: Vec<DestinationResult>,
    /// Destinations that apply only in a condition not given.
    pub not_checked: Vec<NotChecked>,
    /// One row per destination and port: the FQDN whose path decides it.
    pub flows: Vec<FlowResult>,
    /// The smallest change that repairs each blocked flow.
    pub next_steps: Vec<String>,
    /// Everything the check has to say beside the verdict.
    pub diagnostics: Vec<Diagnostic>,
    /// The Learn page of the workload's network requirements.
    pub learn: String,
}

/// A host as application rules and proxies see it: `*.x.y` is some name under `x.y`.
pub fn host_of(pattern: &str) -> Host {
    match pattern.strip_prefix("*.") {
        Some(rest) => Host::AnyAccount(rest.to_ascii_lowercase()),
        None => Host::Name(pattern.to_ascii_lowercase()),
    }
}

/// The service tag of a destination in this region (`Storage.{region}` → `Storage.KoreaCentral`).
pub fn resolve_tag(
    template: &str,
    region: &str,
    target: Option<&str>,
    tags: &crate::tags::ServiceTags,
) -> Result<String, Error> {
    let (fam, rest) = template.split_once('.').unwrap_or((template, ""));
    let reg = match rest {
        "" => {
            return tags.get(fam).map(|e| e.name.clone()).ok_or_else(|| {
                Error::Usage(format!("service tag `{fam}` is not in {}", tags.source))
            });
        }
        "{region}" => region,
        "{target_region}" => target
            .ok_or_else(|| Error::Usage("--target-region is required for this workload".into()))?,
        r => r,
    };
    tags.regional(fam, reg).map(|e| e.name.clone()).ok_or_else(|| {
        Error::Usage(format!(
            "region `{reg}`: no `{fam}.<Region>` tag for it in {} (cloud {}, changeNumber {}); pass a region such as koreacentral",
            tags.source, tags.cloud, tags.change_number
        ))
    })
}

fn worst_flow(flows: &[FlowResult]) -> Option<&FlowResult> {
    let rank = |v: FlowVerdict| match v {
        FlowVerdict::Denied => 0,
        FlowVerdict::Partial => 1,
        FlowVerdict::Unknown => 2,
        FlowVerdict::Allowed => 3,
    };
    flows.iter().min_by_key(|f| rank(f.verdict))
}

fn push_unique(out: &mut Vec<Diagnostic>, d: Diagnostic) {
    if !out
        .iter()
        .any(|x| x.code == d.code && x.message == d.message)
    {
        out.push(d);
    }
}

/// Evaluates a workload over gathered inputs. Pure: no file, no network.
pub fn evaluate_workload(
    inp: &PathInputs,
    kind: WorkloadKind,
    wi: &WorkloadInputs,
) -> Result<WorkloadReport, Error> {
    let w = kind.spec();
    if w.needs_target_region && wi.target_region.is_none() {
        return Err(Error::Usage(format!(
            "--workload {kind} needs --target-region (the region it replicates to: EventHub.<target region> is required)"
        )));
    }
    for c in &wi.when {
        if !data::CONDITIONS.iter().any(|(n, _)| n == c) {
            return Err(Error::Usage(format!(
                "--when `{c}` is not one of {}",
                data::CONDITIONS.map(|(n, _)| n).join(", ")
            )));
        }
    }
    let mut destinations = Vec::new();
    let mut not_checked = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut next_steps: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    let service_tags = crate::engine::check::tag_info(&inp.tags);
    if kind == WorkloadKind::Vm {
        // today's check, unchanged: one destination, the ports by disk kind
        let mut r = crate::app::unless_nothing_checked(wi.stated, inp, evaluate(inp)?);
        if let Some(pl) = &wi.private_link {
            let names: Vec<String> = pl
                .vault_endpoints()
                .iter()
                .map(|e| format!("`{}`", e.name))
                .collect();
            if !names.is_empty() {
                r.diagnostics.push(Diagnostic::new(
                    &diag::VAULT_PRIVATE_ENDPOINT,
                    format!(
                        "vault private endpoint {} is not used by VM backup: the snapshot extension's Storage path is unchanged by it (the vault's endpoints serve SQL Server and SAP HANA in VMs, MARS, MABS/DPM and file recovery)",
                        names.join(", ")
                    ),
                ));
            }
        }
        let d = &w.destinations[0];
        destinations.push(DestinationResult {
            id: d.id.clone(),
            name: d.name.clone(),
            verdict: r.verdict,
            service_tag: r.flows.first().map(|f| f.destination.clone()),
            fqdns: vec![r.storage_host.clone()],
            firewall_fqdn_tag: d.firewall_fqdn_tag.clone(),
            reached_at: match &inp.parts.private_endpoint {
                Some(pe) => format!("storage private endpoint {}", pe.ip),
                None => "public".into(),
            },
            proxy: r.proxy.as_ref().map_or_else(
                || "direct".into(),
                |p| format!("{}:{} ({})", p.host, p.port, p.setting),
            ),
            ports: r.flows.iter().map(|f| f.port).collect(),
            when: d.when.clone(),
            sources: sources(w, d),
            note: d.note.clone(),
            flows: r.flows.clone(),
        });
        return Ok(WorkloadReport {
            schema_version: 3,
            workload: kind.name().into(),
            title: w.title.clone(),
            verdict: r.verdict,
            region: r.region.clone(),
            target_region: wi.target_region.clone(),
            service_tags,
            matters: w.matters.clone(),
            proxy_rules: w.proxy.note.clone(),
            destinations,
            not_checked,
            flows: r.flows,
            next_steps: r.next_steps,
            diagnostics: r.diagnostics,
            learn: w.learn.clone(),
        });
    }
    let who = w.title.split(" (").next().unwrap_or(&w.title).to_string();
    // the workload's proxy takes the place of the guest settings the VM extension reads
    let mut winp = inp.clone();
    winp.parts.proxy_found = guest::proxy_for(kind, inp, wi, &mut diagnostics);
    winp.parts.os = Some(guest::os_of(kind, inp));
    if matches!(
        kind,
        WorkloadKind::Sql | WorkloadKind::Hana | WorkloadKind::Mars | WorkloadKind::Mabs
    ) {
        winp.parts.private_endpoint = None;
    }
    let mut verdict = Overall::Reachable;
    for d in &w.destinations {
        if !d.always() && !wi.when.contains(&d.when) {
            let what = data::CONDITIONS
                .iter()
                .find(|(n, _)| *n == d.when)
                .map_or(d.when.as_str(), |(_, t)| t);
            not_checked.push(NotChecked {
                id: d.id.clone(),
                name: d.name.clone(),
                why: format!("needed only for {what}: pass --when {} to check it", d.when),
            });
            continue;
        }
        let tag = d
            .service_tag
            .as_deref()
            .map(|t| resolve_tag(t, &inp.region, wi.target_region.as_deref(), &inp.tags))
            .transpose()?;
        if d.id == "storage" && kind != WorkloadKind::Asr {
            push_unique(
                &mut diagnostics,
                Diagnostic::new(
                    &diag::WORKLOAD_STORAGE_REGION,
                    format!(
                        "the vault's storage accounts are assumed to lie in {}: {} checked (the docs name the global Storage tag)",
                        inp.region,
                        tag.as_deref().unwrap_or("Storage")
                    ),
                ),
            );
        }
        let proxied = match w.proxy.mode {
            data::ProxyMode::EntraOnly => d.proxy,
            _ => true,
        };
        let dproxy = if proxied {
            DestProxy::Proxy {
                authenticates: w.proxy.authentication,
                who: who.clone(),
            }
        } else {
            DestProxy::Direct
        };
        let ports: Vec<Requirement> = match &d.ports {
            data::Ports::List(l) => l
                .iter()
                .map(|p| Requirement {
                    port: *p,
                    purpose: format!("{}: HTTPS", d.name),
                })
                .collect(),
            data::Ports::ByDisks(_) => {
                crate::requirements::select(inp.disks, inp.unencrypted, inp.ports.as_deref())
            }
        };
        let mut flows = Vec::new();
        let mut dverdict = Overall::Reachable;
        let mut proxy_text = "direct".to_string();
        let mut reached: Vec<String> = Vec::new();
        for fq in &d.fqdns {
            // the vault's private endpoint, when this name resolves to one (or not at all)
            let resolution = wi
                .private_link
                .as_ref()
                .map(|pl| pl.resolve(d, fq, &inp.region, inp.vm_ip, &inp.vnet));
            let mut reached_at = "public".to_string();
            let host = host_of(fq);
            let mut spec = DestSpec {
                label: d.name.clone(),
                addresses: match &tag {
                    Some(t) => DestAddresses::Tag(t.clone()),
                    None => DestAddresses::Public(fq.clone()),
                },
                host,
                ports: ports.clone(),
                proxy: dproxy.clone(),
                fqdn_tags: d.firewall_fqdn_tag.iter().cloned().collect(),
                private_endpoint: None,
                no_tls_inspection: w
                    .tls_inspection_unsupported
                    .then(|| format!("Azure Backup ({who})")),
            };
            match resolution.as_ref() {
                Some(pe::Resolution::Private { pe, zone, note }) => {
                    spec.private_endpoint = Some(pe.clone());
                    reached_at = format!("private endpoint {} (zone {zone})", pe.ip);
                    if let Some(n) = note {
                        push_unique(&mut diagnostics, n.clone());
                    }
                }
                Some(pe::Resolution::NxDomain { zone, why }) => {
                    push_reached(&mut reached, format!("does not resolve (zone {zone})"));
                    for rq in &ports {
                        flows.push(unresolved_flow(rq, fq, d, why, FlowVerdict::Denied));
                    }
                    dverdict = meet(dverdict, Overall::Blocked);
                    continue;
                }
                Some(pe::Resolution::Unknown { zone, why }) => {
                    push_reached(&mut reached, format!("not known offline (zone {zone})"));
                    for rq in &ports {
                        flows.push(unresolved_flow(rq, fq, d, why, FlowVerdict::Unknown));
                    }
                    dverdict = meet(dverdict, Overall::Unknown);
                    continue;
                }
                Some(pe::Resolution::Public(Some(n))) => push_unique(&mut diagnostics, n.clone()),
                Some(pe::Resolution::Public(None)) | None => {}
            }
            push_reached(&mut reached, reached_at);
            let r = evaluate_destination(&winp, &spec)?;
            let r = crate::app::unless_nothing_checked(
                wi.stated || wi.private_link.is_some(),
                &winp,
                r,
            );
            if let Some(p) = &r.proxy
                && !p.bypassed
            {
                proxy_text = format!("{}:{} ({})", p.host, p.port, p.setting);
            }
            let mut rflows = r.flows;
            let mut rverdict = r.verdict;
            if let (
                Some(p),
                DestProxy::Proxy {
                    authenticates: false,
                    ..
                },
            ) = (&r.proxy, &dproxy)
                && !p.bypassed
                && let Some(cred) = winp
                    .parts
                    .proxy_found
                    .first()
                    .and(wi.proxy.as_ref())
                    .filter(|wp| wp.credentials)
            {
                for f in &mut rflows {
                    credential_block(f, p, &who, &cred.source);
                }
                rverdict = Overall::Blocked;
            }
            for f in &mut rflows {
                f.purpose = format!("{}: {fq}", d.name);
            }
            dverdict = meet(dverdict, rverdict);
            for s in r.next_steps {
                if !next_steps.contains(&s) {
                    next_steps.push(s);
                }
            }
            for x in r.diagnostics {
                push_unique(&mut diagnostics, x);
            }
            flows.extend(rflows);
        }
        for rq in &ports {
            let of_port: Vec<FlowResult> = flows
                .iter()
                .filter(|f| f.port == rq.port)
                .cloned()
                .collect();
            if let Some(f) = worst_flow(&of_port) {
                rows.push(f.clone());
            }
        }
        verdict = meet(verdict, dverdict);
        destinations.push(DestinationResult {
            id: d.id.clone(),
            name: d.name.clone(),
            verdict: dverdict,
            service_tag: tag,
            fqdns: d.fqdns.clone(),
            firewall_fqdn_tag: d.firewall_fqdn_tag.clone(),
            reached_at: if reached.is_empty() {
                "public".into()
            } else {
                reached.join("; ")
            },
            proxy: proxy_text,
            ports: ports.iter().map(|p| p.port).collect(),
            when: d.when.clone(),
            sources: sources(w, d),
            note: d.note.clone(),
            flows,
        });
    }
    // the "fix" hint goes last, once
    if let Some(i) = next_steps
        .iter()
        .position(|s| s.starts_with("`azegress fix`"))
    {
        let s = next_steps.remove(i);
        next_steps.retain(|x| !x.starts_with("`azegress fix`"));
        next_steps.push(s.replace(
            "`azegress fix`",
            &format!("`azegress fix --workload {kind}`"),
        ));
    }
    Ok(WorkloadReport {
        schema_version: 3,
        workload: kind.name().into(),
        title: w.title.clone(),
        verdict,
        region: inp.region.clone(),
        target_region: wi.target_region.clone(),
        service_tags,
        matters: w.matters.clone(),
        proxy_rules: w.proxy.note.clone(),
        destinations,
        not_checked,
        flows: rows,
        next_steps,
        diagnostics,
        learn: w.learn.clone(),
    })
}

fn push_reached(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

fn sources(w: &Workload, d: &Destination) -> Vec<String> {
    d.sources
        .iter()
        .filter_map(|s| w.sources.get(s))
        .filter(|u| u.starts_with("https://"))
        .cloned()
        .collect()
}

/// A flow that never leaves the VM: its name does not resolve, or how it resolves is not known.
fn unresolved_flow(
    rq: &Requirement,
    fq: &str,
    d: &Destination,
    why: &str,
    verdict: FlowVerdict,
) -> FlowResult {
    let unknowns = if verdict == FlowVerdict::Unknown {
        vec![Diagnostic::new(&diag::UNKNOWN_PART, why.to_string())]
    } else {
        Vec::new()
    };
    FlowResult {
        port: rq.port,
        protocol: Protocol::Tcp,
        destination: fq.to_string(),
        verdict,
        prefixes: PrefixCounts::default(),
        stages: Vec::new(),
        hops: vec![Hop {
            hop: "dns",
            name: fq.to_string(),
            attached_to: None,
            leg: "vm",
            target: format!("{fq}:{}/tcp", rq.port),
            verdict,
            addresses: 0,
            decisions: vec![Decision {
                rule: "name resolution".into(),
                priority: 0,
                access: if verdict == FlowVerdict::Denied {
                    DecisionAccess::Deny
                } else {
                    DecisionAccess::Unknown
                },
                prefixes: 0,
                ipv4_addresses: 0,
                reason: Some(why.to_string()),
                origin: None,
                pointer: None,
                next_hop: None,
            }],
        }],
        blocked_by: (verdict == FlowVerdict::Denied).then(|| BlockedBy {
            hop: "dns",
            nsg: None,
            attached_to: None,
            rule: "name resolution".into(),
            priority: None,
            name: Some(fq.to_string()),
            origin: None,
            pointer: None,
            line: None,
            leg: "vm",
            cause: None,
        }),
        first_denied_prefix: None,
        unknowns,
        why: if verdict == FlowVerdict::Denied {
            format!("TCP {} to {fq} never leaves the VM: {why}", rq.port)
        } else {
            format!("cannot decide offline: {why}")
        },
        purpose: format!("{}: {fq}", d.name),
    }
}

/// A proxy that asks for credentials, on the path of a workload that cannot send any.
fn credential_block(f: &mut FlowResult, p: &ProxyUsed, who: &str, source: &str) {
    let why = format!(
        "the proxy setting ({source}) carries credentials, so the proxy authenticates its clients: {who} cannot authenticate to a proxy (an authenticated proxy isn't supported), so the request is refused (407)"
    );
    f.verdict = FlowVerdict::Denied;
    f.blocked_by = Some(BlockedBy {
        hop: "proxy",
        nsg: None,
        attached_to: None,
        rule: "proxy authentication".into(),
        priority: None,
        name: Some(format!("{}:{}", p.host, p.port)),
        origin: None,
        pointer: None,
        line: None,
        leg: "vm-to-proxy",
        cause: None,
    });
    f.why = format!(
        "TCP {} denied by proxy {}:{}: {why}",
        f.port, p.host, p.port
    );
}
