//! `azegress diff`: what a change newly blocks or allows.

use super::TextFormat;
use azegress::app;
use azegress::report;
use clap::Args;

/// `diff`: the resources before and after, and the packs and tags for both.
#[derive(Args)]
pub struct DiffArgs {
    /// Resources before the change (files or directories).
    #[arg(long, num_args = 1.., required = true)]
    pub before: Vec<String>,
    /// Resources after it.
    #[arg(long, num_args = 1.., required = true)]
    pub after: Vec<String>,
    /// Requirement pack (default azure-vm-backup); repeatable.
    #[arg(long)]
    pub pack: Vec<String>,
    /// Region for VMs whose NIC names none.
    #[arg(long)]
    pub region: Option<String>,
    /// Service-tag file for both sides.
    #[arg(long)]
    pub service_tags: Option<String>,
    /// Service-tag file for the before side (e.g. last week's).
    #[arg(long)]
    pub tags_before: Option<String>,
    /// Service-tag file for the after side.
    #[arg(long)]
    pub tags_after: Option<String>,
    #[command(flatten)]
    pub tf: super::TfVarArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TextFormat,
}

/// Runs `diff`: the changed verdicts as lines or JSON; 1 when something is newly blocked.
pub fn run(a: DiffArgs) -> Result<(String, u8), azegress::Error> {
    let o = app::diff::DiffOptions {
        before: a.before,
        after: a.after,
        gate: app::gate::GateOptions {
            packs: a.pack,
            region: a.region,
            service_tags: a.service_tags,
            tf_vars: a.tf.inputs(),
            ..Default::default()
        },
        tags_before: a.tags_before,
        tags_after: a.tags_after,
    };
    let r = app::diff::run_diff(&o)?;
    let text = match a.format {
        TextFormat::Table => report::diff_text(&r),
        TextFormat::Json => report::json::to_json(&r),
    };
    Ok((text, r.exit_code()))
}
