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
    /// Effective Virtual Network Manager security admin rules for both sides: `VNET=FILE` for that VNet's
    /// subjects, `FILE` for every subject; repeatable.
    #[arg(long = "admin-rules", value_name = "[VNET=]FILE")]
    pub admin_rules: Vec<String>,
    /// Admin rules for the before side only (the after side: --admin-rules-after).
    #[arg(long = "admin-rules-before", value_name = "[VNET=]FILE")]
    pub admin_rules_before: Vec<String>,
    /// Admin rules for the after side only.
    #[arg(long = "admin-rules-after", value_name = "[VNET=]FILE")]
    pub admin_rules_after: Vec<String>,
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
            admin_rules: a.admin_rules,
            tf_vars: a.tf.inputs(),
            ..Default::default()
        },
        tags_before: a.tags_before,
        tags_after: a.tags_after,
        admin_before: a.admin_rules_before,
        admin_after: a.admin_rules_after,
    };
    let r = app::diff::run_diff(&o)?;
    let text = match a.format {
        TextFormat::Table => report::diff_text(&r),
        TextFormat::Json => report::json::to_json(&r),
    };
    Ok((text, r.exit_code()))
}
