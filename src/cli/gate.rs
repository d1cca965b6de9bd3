//! `azegress gate`: the CI gate.

use azegress::app;
use azegress::gate::GateReport;
use azegress::gate::pack::Severity;
use azegress::report;
use azegress::requirements::Disks;
use clap::{Args, ValueEnum};
use std::io::IsTerminal;

/// `gate --format`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GateFormat {
    Table,
    Json,
    /// SARIF 2.1.0 for code scanning (each finding at its rule's file and line).
    Sarif,
    /// JUnit XML: one test case per requirement and VM.
    Junit,
    /// Markdown for a pull-request comment.
    Markdown,
}

/// `gate`: the resources, the packs, what to fail on and where to write.
#[derive(Args)]
pub struct GateArgs {
    /// Resources: az list output, Resource Graph pages, ARM templates, Terraform plans, Terraform
    /// configurations (a directory of `.tf` files is one module), or directories of them (recursive).
    pub inputs: Vec<String>,
    /// Requirement pack: a built-in name (azure-vm-backup, the default) or a YAML file; repeatable.
    #[arg(long)]
    pub pack: Vec<String>,
    /// Run the examples a pack file carries and compare with what they expect.
    #[arg(long)]
    pub test_pack: Option<String>,
    /// Region for VMs whose NIC names none.
    #[arg(long)]
    pub region: Option<String>,
    /// Site Recovery's target region for VMs whose replication resources are not among the inputs (the
    /// `azure-site-recovery` pack); a replicated item's own target region wins.
    #[arg(long)]
    pub target_region: Option<String>,
    /// Disks of the VMs (which backup ports).
    #[arg(long, value_enum)]
    pub disks: Option<Disks>,
    /// Backup ports instead of the disks' defaults (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ports: Option<Vec<u16>>,
    /// Service-tag file.
    #[arg(long)]
    pub service_tags: Option<String>,
    /// Exit 1 on findings of this severity or worse.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: Severity,
    /// Accept the findings whose fingerprints this file lists (fail on new ones only); create the file with
    /// --write-baseline FILE.
    #[arg(long)]
    pub baseline: Option<String>,
    /// Write the fingerprints of today's open findings to FILE (a new baseline); they are accepted from this
    /// run on, so it exits 0 unless an input could not be read (2) or something could not be decided (3).
    #[arg(long)]
    pub write_baseline: Option<String>,
    /// Skip the NSG lints.
    #[arg(long)]
    pub no_lints: bool,
    #[command(flatten)]
    pub tf: super::TfVarArgs,
    /// ARM parameter files for the templates among the inputs (repeatable).
    #[arg(long)]
    pub parameters: Vec<String>,
    /// VNet address space for VMs whose VNet is not among the inputs (repeatable or comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub vnet: Vec<String>,
    /// A proxy's squid.conf to lint (repeatable): does it let the backup extension through on 443 and 8443?
    #[arg(long)]
    pub squid_conf: Vec<String>,
    /// Effective Virtual Network Manager security admin rules (`az network manager
    /// list-effective-security-admin-rule` output), evaluated before the NSGs: `VNET=FILE` for the subjects of
    /// that VNet, `FILE` for every subject; repeatable.
    #[arg(long = "admin-rules", value_name = "[VNET=]FILE")]
    pub admin_rules: Vec<String>,
    /// Accept findings of a code (or lint name; repeatable or comma-separated), like an inline suppression.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub allow: Vec<String>,
    /// Make findings of a code (or lint name) errors, so they fail the gate.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub deny: Vec<String>,
    /// Inputs that hold no VM, subnet or NSG pass (exit 0); without it, nothing to gate is inconclusive (exit 3).
    #[arg(long)]
    pub allow_empty: bool,
    /// Every assumption listed (a VM's subnet not among the inputs, its disk kind not stated) makes the gate
    /// inconclusive (exit 3) unless something fails.
    #[arg(long)]
    pub strict: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: GateFormat,
    /// Also write SARIF to FILE (one run, several outputs).
    #[arg(long)]
    pub sarif: Option<String>,
    /// Also write JUnit XML to FILE.
    #[arg(long)]
    pub junit: Option<String>,
    /// Also write Markdown to FILE (e.g. $GITHUB_STEP_SUMMARY).
    #[arg(long)]
    pub markdown: Option<String>,
    /// Do not read files or directories matching GLOB (repeatable; `legacy/**`, `*.draft.json`, a name):
    /// matched against the path as given, the path below a directory given, and a pattern without `/`
    /// against the name alone. Each excluded path is named once among the notes.
    #[arg(long = "skip-path", value_name = "GLOB")]
    pub skip_path: Vec<String>,
    /// Findings accepted by fingerprint (the configuration file's `suppress`), with where.
    #[arg(skip)]
    pub suppress_fingerprints: Vec<(String, String)>,
    /// The global `--output FILE`: never an input, never read from a gated directory.
    #[arg(skip)]
    pub output: Option<String>,
}

/// Runs `gate` (or `--test-pack`): the findings in the format asked, the extra outputs written, and the
/// exit code for `--fail-on`.
pub fn run(a: GateArgs, style: &report::Style) -> Result<(String, u8), azegress::Error> {
    if let Some(p) = &a.test_pack {
        return test_pack(p, &a);
    }
    let o = app::gate::GateOptions {
        inputs: a.inputs,
        packs: a.pack,
        region: a.region,
        target_region: a.target_region,
        disks: a.disks,
        ports: a.ports,
        service_tags: a.service_tags,
        baseline: a.baseline,
        write_baseline: a.write_baseline,
        no_lints: a.no_lints,
        parameters: a.parameters,
        tf_vars: a.tf.clone().inputs(),
        vnet: a.vnet,
        squid_conf: a.squid_conf,
        admin_rules: a.admin_rules,
        policy: azegress::diag::Policy {
            allow: a.allow,
            deny: a.deny,
        },
        allow_empty: a.allow_empty,
        strict: a.strict,
        reports: [&a.sarif, &a.junit, &a.markdown, &a.output]
            .into_iter()
            .flatten()
            .cloned()
            .collect(),
        skip_paths: a.skip_path,
        suppress_fingerprints: a.suppress_fingerprints,
    };
    // progress (on a terminal only) counts the distinct paths evaluated
    let r = app::gate::run_gate(&o, &report::progress::path_done)?;
    for (path, text) in [
        (&a.sarif, report::gate::sarif as fn(&GateReport) -> String),
        (&a.junit, report::gate::junit),
        (&a.markdown, report::gate::markdown),
    ]
    .into_iter()
    .filter_map(|(p, f)| p.as_ref().map(|p| (p, f(&r))))
    {
        let text = report::safe::terminal(&text, false).into_owned();
        app::write::write_file(path, text.as_bytes(), app::write::Existing::Replace)?;
    }
    let text = match a.format {
        GateFormat::Table => {
            // wrapped for a person on a terminal; through a pipe one line per finding (CI logs, grep)
            report::gate::table(&r, style, std::io::stdout().is_terminal())
        }
        GateFormat::Json => report::json::to_json(&r),
        GateFormat::Sarif => report::gate::sarif(&r),
        GateFormat::Junit => report::gate::junit(&r),
        GateFormat::Markdown => report::gate::markdown(&r),
    };
    Ok((text, app::gate::exit_code(&r, a.fail_on)))
}

/// `gate --test-pack FILE`: one line per example, then the count; 1 when one is not as expected.
fn test_pack(p: &str, a: &GateArgs) -> Result<(String, u8), azegress::Error> {
    let results = app::gate::test_pack(p, a.service_tags.as_deref(), a.region.as_deref())?;
    let mut s = String::new();
    for r in &results {
        s.push_str(&format!(
            "{} {}\n",
            if r.ok { "ok  " } else { "FAIL" },
            r.name
        ));
        for (id, want, got) in &r.checks {
            s.push_str(&format!("     {id}: expected {want}, got {got}\n"));
        }
    }
    let ok = results.iter().all(|r| r.ok);
    s.push_str(&format!(
        "{} of {} example(s) as expected\n",
        results.iter().filter(|r| r.ok).count(),
        results.len()
    ));
    Ok((s, if ok { 0 } else { 1 }))
}
