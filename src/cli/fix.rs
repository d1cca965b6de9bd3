//! `azegress fix`.

use super::check::{self, CheckArgs};
use azegress::app;
use azegress::fix::FixOption;
use azegress::report::emit::Emit;
use azegress::report::{self, Format, Style};
use clap::Args;

/// `fix`: the check inputs, the egress option and the languages to write the change in.
#[derive(Args)]
pub struct FixArgs {
    #[command(flatten)]
    pub check: CheckArgs,
    /// Which egress option to fix with: auto picks the one with the fewest changes that opens the least.
    #[arg(long, value_enum, default_value = "auto")]
    pub option: FixOption,
    /// Languages to write the change in (repeatable or comma-separated; default azcli).
    #[arg(long, value_enum, value_delimiter = ',')]
    pub emit: Vec<Emit>,
    /// Write `<stem>.fixed.<ext>` beside each changed input file (never over it, never through a symlink,
    /// atomically) and check them again from disk.
    #[arg(long)]
    pub write: bool,
    /// With --write: replace a `.fixed` file that exists already (else it is kept and fix stops, exit 2).
    #[arg(long, requires = "write")]
    pub force: bool,
    /// Let `auto` choose a user route past the firewall or appliance on the path (it bypasses its inspection
    /// and logging; without this flag only `--option route` does).
    #[arg(long)]
    pub allow_bypass: bool,
}

/// Runs `fix`: the change and its proof as a table or JSON, and the re-check's exit code.
pub fn run(a: FixArgs, style: &Style) -> Result<(String, u8), azegress::Error> {
    let format = a.check.nsg.format;
    if matches!(format, Format::Mermaid | Format::Markdown) {
        return Err(app::usage("fix prints table or json"));
    }
    a.check.workload.stray()?;
    let workload = a
        .check
        .workload
        .workload
        .filter(|k| *k != azegress::workload::WorkloadKind::Vm);
    let w = a.check.workload.options();
    let mut emit = a.emit;
    if emit.is_empty() {
        emit.push(if a.write { Emit::File } else { Emit::Azcli });
    }
    let o = app::fix::FixOptions {
        check: check::options(a.check),
        option: a.option,
        emit,
        write: a.write,
        force: a.force,
        allow_bypass: a.allow_bypass,
    };
    if let Some(k) = workload {
        let r = app::workload::run_workload_fix(k, &o, &w)?;
        let text = match format {
            Format::Json => report::json::to_json(&r),
            _ => workload_text(&r),
        };
        return Ok((text, r.exit_code()));
    }
    let r = app::fix::run_fix(&o)?;
    let text = match format {
        Format::Json => report::json::to_json(&r),
        _ => report::fix_text(&r, style),
    };
    Ok((text, r.exit_code()))
}

/// The workload fix as text: the changes, the destinations it cannot open, the re-check, each emitted
/// language and each fixed file's diff.
fn workload_text(r: &app::workload::WorkloadFixReport) -> String {
    let mut out = azegress::fix::workload::text(&r.fix);
    for e in &r.emitted {
        out.push_str(&format!(
            "\n--- {} ---\n{}",
            format!("{:?}", e.emit).to_lowercase(),
            e.text
        ));
    }
    for fl in &r.files {
        out.push_str(&format!(
            "\n--- file {} ({}) ---\n{}",
            fl.fixed,
            match fl.recheck {
                Some(v) => format!(
                    "written; checked again from disk: {}",
                    format!("{v:?}").to_uppercase()
                ),
                None => "not written: pass --write".into(),
            },
            fl.diff
        ));
    }
    out
}
