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
    /// TCP ports: 80 is plain HTTP, others TLS; `http:PORT` / `https:PORT` say it explicitly.
    #[arg(long, value_delimiter = ',', default_value = "80,443,8443")]
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
}

/// Runs `probe`: what each step met, as a table or JSON (and `--out FILE`); 0 reachable, 1 blocked.
pub fn run(a: ProbeArgs, style: &Style) -> Result<(String, u8), azegress::Error> {
    let o = app::probe::ProbeOptions {
        region: a.region,
        account: a.account,
        host: a.host,
        hosts_file: a.hosts,
        ports: Some(a.ports),
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
