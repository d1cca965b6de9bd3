//! `azegress probe`: live, on the VM.

use super::{TextFormat, duration_arg};
use azegress::app;
use azegress::model::Os;
use azegress::report::{self, Style};
use clap::Args;
use std::io::IsTerminal;

/// `probe`: what to probe on the VM, and how.
#[derive(Args)]
pub struct ProbeArgs {
    /// The storage account the backup uses (the vault's staging account), e.g. contosobackup01.
    #[arg(long)]
    pub account: Option<String>,
    /// A storage host instead, e.g. contosobackup01.blob.core.windows.net.
    #[arg(long)]
    pub host: Option<String>,
    /// Many hosts or account names, one per line (`#` comments), probed concurrently.
    #[arg(long)]
    pub hosts: Option<String>,
    /// The VM's region: resolved addresses are checked against Storage.<Region>.
    #[arg(long)]
    pub region: Option<String>,
    /// TCP ports: 80 is plain HTTP, others TLS; `http:PORT` / `https:PORT` say it explicitly (default
    /// 80,443,8443; with --workload, each destination's own ports).
    #[arg(long, value_delimiter = ',')]
    pub ports: Vec<String>,
    /// auto (the setting the backup extension itself reads), none, or http://[user:pass@]HOST:PORT.
    #[arg(long, default_value = "auto")]
    pub proxy: String,
    /// DNS server IP[:PORT] (default: the system's resolver configuration).
    #[arg(long)]
    pub dns: Option<String>,
    /// Extra trusted CA certificates (PEM), e.g. a TLS-inspecting firewall's CA.
    #[arg(long)]
    pub ca_file: Option<String>,
    /// Per step, e.g. 5s or 500ms.
    #[arg(long, default_value = "5s")]
    pub timeout: String,
    /// Guest OS whose proxy rules apply (default: this machine's).
    #[arg(long, value_enum)]
    pub os: Option<Os>,
    /// waagent.conf for --proxy auto on Linux.
    #[arg(long, default_value = "/etc/waagent.conf")]
    pub waagent_conf: String,
    /// `netsh winhttp show proxy` output for --proxy auto on Windows (default: run netsh).
    #[arg(long)]
    pub winhttp: Option<String>,
    /// SYSTEM Internet Settings .reg export for --proxy auto on Windows (default: read the registry).
    #[arg(long)]
    pub proxy_reg: Option<String>,
    /// VM agent endpoints, always probed direct (comma-separated).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "168.63.129.16:80,168.63.129.16:32526"
    )]
    pub agent: Vec<String>,
    /// Do not probe the VM agent's endpoints.
    #[arg(long)]
    pub no_agent: bool,
    /// Open connections at most.
    #[arg(long, default_value = "64")]
    pub concurrency: usize,
    /// Service-tag file for the address check.
    #[arg(long)]
    pub service_tags: Option<String>,
    /// Also write the observations as JSON to FILE (for `diagnose --probe FILE`).
    #[arg(long)]
    pub out: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TextFormat,
    #[command(flatten)]
    pub workload: ProbeWorkloadArgs,
}

/// Which backup or recovery workload's destinations to probe.
#[derive(Args, Clone, Default)]
#[command(next_help_heading = "Workload")]
pub struct ProbeWorkloadArgs {
    /// Probe every destination of this workload (its FQDNs on its ports, through its own proxy): vm, sql,
    /// hana, mars, mabs, asr.
    #[arg(long, value_enum)]
    pub workload: Option<azegress::workload::WorkloadKind>,
    /// Site Recovery's target region; required with --workload asr.
    #[arg(long)]
    pub target_region: Option<String>,
    /// Conditions that apply, adding their destinations: snapshot, encrypted, auto-upgrade.
    #[arg(long, value_delimiter = ',')]
    pub when: Vec<String>,
    /// ID=HOST: a name to probe for destination ID instead of its FQDN patterns (repeatable), e.g.
    /// backup=<the vault's service host>.
    #[arg(long, value_name = "ID=HOST")]
    pub host_for: Vec<String>,
    /// SAP HANA's ExtensionSettingsOverrides.json (default: /opt/msawb/bin/…, with --proxy auto).
    #[arg(long, value_name = "FILE")]
    pub hana_settings: Option<String>,
    /// Site Recovery's ProxyInfo.conf (default: its place on this OS, with --proxy auto).
    #[arg(long, value_name = "FILE")]
    pub proxy_info: Option<String>,
}

/// Runs `probe`: what each step met, as a table or JSON (and `--out FILE`); 0 reachable, 1 blocked.
pub fn run(a: ProbeArgs, style: &Style) -> Result<(String, u8), azegress::Error> {
    let o = app::probe::ProbeOptions {
        region: a.region,
        account: a.account,
        host: a.host,
        hosts_file: a.hosts,
        ports: (!a.ports.is_empty()).then_some(a.ports),
        proxy: a.proxy,
        dns: a.dns,
        ca_file: a.ca_file,
        timeout: duration_arg(&a.timeout, "--timeout")?,
        service_tags: a.service_tags,
        os: a.os,
        waagent_conf: Some(a.waagent_conf),
        winhttp: a.winhttp,
        proxy_reg: a.proxy_reg,
        agent: Some(a.agent),
        no_agent: a.no_agent,
        concurrency: a.concurrency,
        progress: std::io::stderr().is_terminal() && !super::global::quiet(),
    };
    let w = a.workload;
    if let Some(kind) = w.workload {
        let wo = app::probe::WorkloadProbeOptions {
            target_region: w.target_region,
            when: w.when,
            hosts_for: w.host_for,
            hana_settings: w.hana_settings,
            proxy_info: w.proxy_info,
        };
        let r = app::probe::run_workload_probe(kind, &o, &wo)?;
        let json = report::json::to_json(&r);
        if let Some(out) = &a.out {
            app::write::write_file(out, json.as_bytes(), app::write::Existing::Replace)?;
        }
        let text = match a.format {
            TextFormat::Table => azegress::workload::render::probe_text(&r),
            TextFormat::Json => json,
        };
        let code = match r.verdict {
            azegress::model::Overall::Reachable => 0,
            azegress::model::Overall::Blocked | azegress::model::Overall::Partial => 1,
            azegress::model::Overall::Unknown => 3,
        };
        return Ok((text, code));
    }
    let given: Vec<&str> = [
        (w.target_region.is_some(), "--target-region"),
        (!w.when.is_empty(), "--when"),
        (!w.host_for.is_empty(), "--host-for"),
        (w.hana_settings.is_some(), "--hana-settings"),
        (w.proxy_info.is_some(), "--proxy-info"),
    ]
    .into_iter()
    .filter_map(|(g, n)| g.then_some(n))
    .collect();
    if !given.is_empty() {
        return Err(azegress::Error::Usage(format!(
            "{} need --workload (vm, sql, hana, mars, mabs or asr)",
            given.join(", ")
        )));
    }
    let r = app::probe::run_probe(&o)?;
    let json = report::json::to_json(&r);
    if let Some(out) = &a.out {
        app::write::write_file(out, json.as_bytes(), app::write::Existing::Replace)?;
    }
    let text = match a.format {
        TextFormat::Table => report::probe_text(&r, style),
        TextFormat::Json => json,
    };
    let code = match r.verdict {
        app::probe::ProbeVerdict::Reachable => 0,
        app::probe::ProbeVerdict::Blocked => 1,
    };
    Ok((text, code))
}
