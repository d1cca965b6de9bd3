//! `azegress diagnose`: for a backup error code, every cause the offline analysis can prove (most decisive
//! first, with evidence, location and the `fix` option that repairs it), what only the VM can tell and how
//! to check it there, the error codes easily confused with this one, and a rule-by-rule NSG breakdown.

use super::{CheckOptions, evaluate, stages};
use crate::diag;
use crate::engine::{Engine, Environment, Query, Source, ephemeral_ports};
use crate::error::Error;
use crate::learn;
use crate::model::*;

pub use crate::model::diagnose::{Cause, Confusable, DiagnoseReport, PortBreakdown, ProbeJoin};

/// The error code diagnosed by default.
pub const DEFAULT_ERROR: &str = "ExtensionSnapshotFailedNoNetwork";

const CONFUSABLE: [Confusable; 4] = [
    Confusable {
        code: "UserErrorGuestAgentStatusUnavailable",
        differs: "the VM agent itself does not answer (not running, too old, or no route to 168.63.129.16): the agent, not the extension's storage traffic",
    },
    Confusable {
        code: "ExtensionOperationFailedForManagedDisks",
        differs: "the snapshot of managed disks failed inside the extension; usually not the network (transient, or a disk-level lock)",
    },
    Confusable {
        code: "UserErrorVmProvisioningStateFailed",
        differs: "the VM is in a failed provisioning state; fix the VM (or redeploy) before any backup",
    },
    Confusable {
        code: "ExtensionSnapshotFailedCOM / ExtensionInstallationFailedCOM",
        differs: "Windows COM+ or VSS errors inside the guest; the network is fine",
    },
];

/// What the extension needs that no export shows.
fn vm_side() -> Vec<String> {
    vec![
        "DHCP must be enabled in the guest (a static IP inside the guest breaks the agent's path to 168.63.129.16): `ip addr` / `ipconfig /all`".into(),
        "the VM agent must be running and current: Linux `systemctl status walinuxagent` (or waagent), Windows the `WindowsAzureGuestAgent` service".into(),
        "a guest firewall (iptables/nftables, Windows Firewall) may drop what the NSGs allow: `iptables -S OUTPUT`, `Get-NetFirewallRule -Direction Outbound -Action Block`".into(),
        "DNS must resolve `<account>.blob.core.windows.net`: `nslookup <account>.blob.core.windows.net` on the VM".into(),
        format!("whether the VM really gets through on the ports: `curl -v https://<account>.blob.core.windows.net:8443` from the VM ({})", learn::BACKUP_TROUBLESHOOT),
    ]
}

fn fix_option_for(hop: &str) -> Option<String> {
    match hop {
        "nsg" => Some("nsg".into()),
        "firewall" => Some("firewall".into()),
        "route" => Some("route".into()),
        // any option: fix emits the admin rule for the network manager's owners
        "admin" => Some("auto".into()),
        _ => None,
    }
}

fn learn_for(hop: &str) -> &'static str {
    match hop {
        "nsg" => learn::BACKUP_NETWORK,
        "firewall" => learn::FIREWALL_RULES,
        "route" => learn::ROUTES,
        "admin" => learn::SECURITY_ADMINS,
        _ => learn::BACKUP_NETWORK,
    }
}

/// Runs `azegress diagnose`.
pub fn run_diagnose(o: &CheckOptions, error: Option<&str>) -> Result<DiagnoseReport, Error> {
    run_diagnose_with(o, error, None)
}

/// What the exports do not show, by the step that failed on the VM.
fn unseen_by_exports(
    step: crate::probe::StepKind,
    failure: Option<crate::probe::Failure>,
) -> &'static str {
    use crate::probe::{Failure, StepKind};
    match (step, failure) {
        (StepKind::Dns, _) => {
            "DNS on the VM (a custom DNS server that does not resolve storage, or a private DNS zone)"
        }
        (StepKind::Tcp, Some(Failure::TimedOut)) => {
            "something the exports do not show, e.g. the guest firewall, an appliance, or an NSG or route not in the exports"
        }
        (StepKind::Tcp, _) => {
            "something on the path that rejects the connection (the guest firewall, an appliance)"
        }
        (StepKind::Connect, _) => {
            "the proxy's own rules or its way out (pass its squid.conf with --squid-conf to check them offline)"
        }
        (StepKind::Tls, Some(Failure::Certificate)) => {
            "TLS inspection by a proxy or firewall re-signing the certificate"
        }
        (StepKind::Tls, _) => "a device on the path that holds or resets TLS",
        (StepKind::Http, _) => "a device on the path that closes the connection",
    }
}

/// Joins the offline verdict with a probe report, port by port.
pub fn join_probe(check: &CheckReport, probe: &super::probe::ProbeReport) -> Vec<ProbeJoin> {
    let mut out = Vec::new();
    for f in &check.flows {
        let seen: Vec<(&str, &super::probe::PortReport)> = probe
            .hosts
            .iter()
            .flat_map(|h| h.ports.iter().map(move |p| (h.host.as_str(), p)))
            .filter(|(_, p)| p.obs.port == f.port)
            .collect();
        let failed = seen.iter().find(|(_, p)| !p.obs.reachable);
        let (on_vm, vm_ok) = match (seen.is_empty(), failed) {
            (true, _) => ("not probed".to_string(), None),
            (false, None) => ("reachable".to_string(), Some(true)),
            (false, Some((host, p))) => (
                format!(
                    "{host}: {}",
                    p.cause.clone().unwrap_or_else(|| "failed".into())
                ),
                Some(false),
            ),
        };
        let port = f.port;
        let (agree, meaning) = match (f.verdict, vm_ok, failed) {
            (_, None, _) => (true, format!("the probe did not try {port}: run it with --ports including {port}")),
            (FlowVerdict::Allowed, Some(true), _) => (true, "agree: the path works".to_string()),
            (FlowVerdict::Allowed, Some(false), Some((_, p))) => {
                let step = p.failed_step.unwrap_or(crate::probe::StepKind::Tcp);
                let fail = p.obs.failed().and_then(|s| s.failure);
                (
                    false,
                    format!(
                        "offline: allowed by the exports; on the VM: {} {} → {}",
                        step.name(),
                        p.obs.failed().map(|s| s.detail.clone()).unwrap_or_default(),
                        unseen_by_exports(step, fail)
                    ),
                )
            }
            (FlowVerdict::Denied | FlowVerdict::Partial, Some(false), _) => (
                true,
                format!("agree: confirmed on the VM; the offline cause above is the one to fix ({})", f.why),
            ),
            (FlowVerdict::Denied | FlowVerdict::Partial, Some(true), _) => (
                false,
                "the exports say blocked but the VM gets through: the exports are not what is deployed (an old export, \
                 another NSG or route), or the VM took another path (a proxy the exports do not name)"
                    .to_string(),
            ),
            (_, Some(ok), _) => (
                true,
                format!(
                    "the VM settles what the exports could not: {}",
                    if ok { "it gets through" } else { "it is blocked" }
                ),
            ),
        };
        out.push(ProbeJoin {
            port,
            offline: f.verdict,
            on_the_vm: on_vm,
            agree,
            meaning,
        });
    }
    out
}

/// `diagnose` with what `azegress probe --out FILE` saw on the VM joined in.
pub fn run_diagnose_with(
    o: &CheckOptions,
    error: Option<&str>,
    probe: Option<&super::probe::ProbeReport>,
) -> Result<DiagnoseReport, Error> {
    let inputs = super::inputs(o)?;
    let check = evaluate(&inputs)?;
    let mut causes = Vec::new();
    for f in &check.flows {
        if !matches!(f.verdict, FlowVerdict::Denied | FlowVerdict::Partial) {
            continue;
        }
        let Some(b) = &f.blocked_by else { continue };
        causes.push(Cause {
            what: format!(
                "TCP {} to {} is {} at the {}",
                f.port,
                f.destination,
                if f.verdict == FlowVerdict::Denied {
                    "denied"
                } else {
                    "partly denied"
                },
                match b.hop {
                    "nsg" => format!(
                        "NSG `{}`{}",
                        b.nsg.as_deref().unwrap_or("?"),
                        b.attached_to.map_or_else(String::new, |a| format!(
                            " ({})",
                            a.to_string().to_uppercase()
                        ))
                    ),
                    "route" if crate::engine::check::is_private_subnet_block(f) => 
                        "private subnet, which has no explicit outbound method: no NAT gateway, public IP or load-balancer \
                         outbound rule (subnets of VNets created with API 2025-07-01 or later, and with the portal since April \
                         2026, are private by default)"
                        .to_string(),
                    "route" => format!("route table `{}`", b.name.as_deref().unwrap_or("?")),
                    "firewall" => format!("Azure Firewall `{}`", b.name.as_deref().unwrap_or("?")),
                    "proxy" => format!("proxy {}", b.name.as_deref().unwrap_or("?")),
                    // a cause of its own: no NSG change repairs it
                    "admin" => format!(
                        "{} (Virtual Network Manager, before the NSGs: no NSG change repairs it)",
                        b.rule
                    ),
                    other => other.to_string(),
                }
            ),
            evidence: f.why.clone(),
            location: b.origin.clone(),
            fix_option: if crate::engine::check::is_private_subnet_block(f) {
                Some("nat-gateway".into())
            } else {
                fix_option_for(b.hop)
            },
            repair: None,
            learn: if crate::engine::check::is_private_subnet_block(f) {
                learn::DEFAULT_OUTBOUND
            } else {
                learn_for(b.hop)
            },
        });
    }
    // settings that make the extension miss its path even where the network allows it
    for w in &check.diagnostics {
        let code = w.code;
        let (what, fix, page) = if code == diag::PROXY_SETTING_IGNORED.code
            && w.message.contains("the Linux backup extension reads only")
        {
            (
                "the proxy is set in the environment (http_proxy), which the Linux backup extension does not read: set HttpProxy.Host/Port in /etc/waagent.conf",
                None,
                learn::LINUX_AGENT,
            )
        } else if code == diag::HKCU_EXPORT.code {
            (
                "the proxy is set for a logged-in user, but the Windows extension runs as SYSTEM: set it for the SYSTEM account",
                None,
                learn::BACKUP_NETWORK,
            )
        } else if code == diag::BYPASS_LACKS_WIRESERVER.code {
            (
                "the proxy's bypass list lacks 168.63.129.16: the VM agent's traffic to WireServer must not go through a proxy",
                None,
                learn::WIRESERVER,
            )
        } else if code == diag::EXTENSIONS_DISABLED.code {
            (
                "Extensions.Enabled=n in waagent.conf: the agent runs no extension at all",
                None,
                learn::LINUX_AGENT,
            )
        } else if code == diag::WRONG_REGION_TAG.code {
            (
                "a rule allows the Storage tag of another region: it does not match this VM's storage",
                Some("nsg"),
                learn::SERVICE_TAGS,
            )
        } else {
            continue;
        };
        causes.push(Cause {
            what: what.to_string(),
            evidence: w.message.clone(),
            location: None,
            fix_option: fix.map(str::to_string),
            repair: None,
            learn: page,
        });
    }
    let inputs_text = o
        .scenario
        .clone()
        .unwrap_or_else(|| "<the same inputs as check>".into());
    for c in &mut causes {
        c.repair = c
            .fix_option
            .as_ref()
            .map(|f| format!("azegress fix {inputs_text} --option {f}"));
    }
    // the rule-by-rule breakdown for each required port, over the VM's NSGs
    let env = Environment {
        tags: &inputs.tags,
        vnet: inputs.vnet.clone(),
        vm_ip: inputs.vm_ip,
        vm_asgs: inputs.vm_asgs.clone(),
        route_prefixes: Vec::new(),
    };
    let st = stages(&inputs.nsgs);
    let eng = Engine::new(&env, &st)?;
    let mut nsg_breakdown = Vec::new();
    for f in &check.flows {
        let dest = match inputs.tags.get(&f.destination) {
            Some(e) => inputs.tags.prefixes(e)?.set.only_v4(),
            None => continue,
        };
        let q = Query {
            protocol: Protocol::Tcp,
            direction: Direction::Outbound,
            source: inputs.vm_ip.map_or(Source::Vm, Source::Ip),
            source_ports: ephemeral_ports(),
            port: f.port,
            platform_exempt: false,
        };
        nsg_breakdown.push(PortBreakdown {
            port: f.port,
            rules: eng.rule_breakdown(&q, &dest),
        });
    }
    let mut check_on_the_vm = vm_side();
    for f in check
        .flows
        .iter()
        .filter(|f| f.verdict == FlowVerdict::Unknown)
    {
        for u in &f.unknowns {
            check_on_the_vm.insert(
                0,
                format!("{}/tcp could not be decided offline: {}", f.port, u.message),
            );
        }
    }
    let joined = probe.map(|p| join_probe(&check, p));
    for j in joined
        .iter()
        .flatten()
        .filter(|j| !j.agree && j.offline == FlowVerdict::Allowed)
    {
        causes.push(Cause {
            what: format!(
                "on the VM, TCP {} fails although the exports allow it",
                j.port
            ),
            evidence: format!("{}; {}", j.on_the_vm, j.meaning),
            location: None,
            fix_option: None,
            repair: None,
            learn: learn::BACKUP_NETWORK,
        });
    }
    Ok(DiagnoseReport {
        schema_version: 2,
        error: error.unwrap_or(DEFAULT_ERROR).to_string(),
        probe: joined,
        causes,
        check_on_the_vm,
        confusable: CONFUSABLE.to_vec(),
        nsg_breakdown,
        check,
    })
}
