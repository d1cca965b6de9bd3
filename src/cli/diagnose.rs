//! `azegress diagnose`.

use super::check::{self, CheckArgs};
use azegress::app;
use azegress::report::{self, Format, Style};
use clap::Args;

/// `diagnose`: the check inputs, the error code and what the probe saw.
#[derive(Args)]
pub struct DiagnoseArgs {
    #[command(flatten)]
    pub check: CheckArgs,
    /// The error code Azure Backup reported.
    #[arg(long, default_value = "ExtensionSnapshotFailedNoNetwork")]
    pub error: String,
    /// What `azegress probe --out FILE` saw on the VM, joined with the offline analysis port by port.
    #[arg(long)]
    pub probe: Option<String>,
}

/// Runs `diagnose`: the proven causes as a table, JSON or Markdown, and the exit code of the diagnosis.
pub fn run(a: DiagnoseArgs, style: &Style) -> Result<(String, u8), azegress::Error> {
    let format = a.check.nsg.format;
    if format == Format::Mermaid {
        return Err(app::usage("diagnose prints table, json or markdown"));
    }
    a.check.workload.stray()?;
    if let Some(kind) = a.check.workload.workload {
        let w = a.check.workload.options();
        let error = a.error.clone();
        let o = check::options(a.check);
        // the code first: a wrong one is a usage error before any input is read
        azegress::workload::diagnose::lookup(kind, &error)?;
        let r = app::workload::run_workload_check(kind, &o, &w)?;
        let d = azegress::workload::diagnose::diagnose(kind, &error, r)?;
        let text = match format {
            Format::Json => report::json::to_json(&d),
            _ => azegress::workload::diagnose::text(&d, style.width),
        };
        return Ok((text, d.exit_code()));
    }
    let o = check::options(a.check);
    let probe = a
        .probe
        .as_deref()
        .map(app::probe::read_report)
        .transpose()?;
    let r = app::diagnose::run_diagnose_with(&o, Some(&a.error), probe.as_ref())?;
    let text = match format {
        Format::Json => report::json::to_json(&r),
        Format::Markdown => report::diagnose_text(&r, style, true),
        _ => report::diagnose_text(&r, style, false),
    };
    Ok((text, r.exit_code()))
}
