//! The command line: the `Cli`/`Cmd` parser, the argument groups several commands share, and one module
//! per command holding its arguments and the library call (`run` → the text to print and the exit code).
//! The values flags take (`--option`, `--emit`, `--format`, `--disks`, …) are the library's own enums,
//! which derive `clap::ValueEnum` with the `cli` feature.

pub mod check;
pub mod completions;
pub mod diagnose;
pub mod diff;
pub mod explain;
pub mod fix;
pub mod flow;
pub mod gate;
pub mod global;
pub mod probe;
pub mod tags;

use azegress::app;
use azegress::report::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "azegress",
    version,
    about = "Can this Azure VM's backup extension reach regional Azure Storage? Offline, exact, with the deciding rule.",
    after_help = "Exit codes: 0 every required flow allowed, 1 something blocked or partly blocked, 2 usage or input error, 3 inconclusive.\nA file argument `-` reads standard input (named <stdin> in messages). Settings: .azegress.yaml (see --config)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub cmd: Cmd,
    /// Largest input file read, in bytes or with a K, M or G suffix (default 1G).
    #[arg(long, global = true, value_parser = parse_size, default_value = "1G")]
    pub max_input_size: u64,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always (even through a pipe or with
    /// NO_COLOR), never.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value = "auto",
        overrides_with = "no_color"
    )]
    pub color: azegress::report::style::ColorChoice,
    /// No colour (the same as --color never).
    #[arg(long, global = true, overrides_with = "color")]
    pub no_color: bool,
    #[command(flatten)]
    pub global: global::GlobalArgs,
}

impl Cli {
    /// When to colour, from `--color` and `--no-color` (the last one given wins).
    pub fn color_choice(&self) -> azegress::report::style::ColorChoice {
        if self.no_color {
            azegress::report::style::ColorChoice::Never
        } else {
            self.color
        }
    }
}

/// The commands.
#[derive(Subcommand)]
pub enum Cmd {
    /// Check the backup extension's flows to Storage.<Region> along the whole path: NSGs, routes, firewall, proxy.
    Check(Box<check::CheckArgs>),
    /// Generate the change that repairs a blocked path for the egress option you pick, proven by a re-check.
    Fix(Box<fix::FixArgs>),
    /// Explain a backup error (ExtensionSnapshotFailedNoNetwork): every cause provable offline, with evidence,
    /// location and the fix option; what to check on the VM; codes easily confused with it.
    Diagnose(Box<diagnose::DiagnoseArgs>),
    /// Offline IP flow verify for one 5-tuple (like Network Watcher's).
    Flow(flow::FlowArgs),
    /// On the VM itself: can the backup extension's connections really get through? DNS, TCP or the proxy's
    /// CONNECT, TLS and HTTP per port, timed, with the failing step and its likely cause.
    Probe(Box<probe::ProbeArgs>),
    /// CI gate: requirement packs for every VM found in the resources (the backup path by default), lints
    /// for every NSG; table, JSON, SARIF, JUnit or Markdown.
    Gate(Box<gate::GateArgs>),
    /// What a change newly blocks or allows, per VM, requirement and port (not a text diff).
    Diff(Box<diff::DiffArgs>),
    /// What a diagnostic code means (`azegress explain AZE0311`), or every code (`--list`).
    Explain(explain::ExplainArgs),
    /// Inspect the service tags in use.
    Tags {
        #[command(subcommand)]
        cmd: tags::TagsCmd,
    },
    /// Print the shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff), or write every command's page into a directory with --dir.
    Man(completions::ManArgs),
}

/// Text or JSON, for the `tags`, `diff` and `probe` commands.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextFormat {
    /// Lines for people.
    Table,
    /// JSON with `schema_version`.
    Json,
}

/// The NSG inputs and the output format (shared by `check`, `fix`, `diagnose` and `flow`).
#[derive(Args)]
pub struct NsgArgs {
    /// NSG on the NIC: ARM/REST JSON, `az` output, ARM template (FILE#name), effective rules, or azegress YAML.
    #[arg(long)]
    pub nic_nsg: Option<String>,
    /// NSG on the subnet (same formats).
    #[arg(long)]
    pub subnet_nsg: Option<String>,
    /// `az network nic list-effective-nsg` output holding the NIC and/or subnet NSG.
    #[arg(long)]
    pub effective_nsg: Option<String>,
    /// VNet address space (repeatable or comma-separated); makes `VirtualNetwork` and `Internet` exact.
    #[arg(long)]
    pub vnet: Vec<String>,
    /// Service-tag file (ServiceTags_<Cloud>_<date>.json or Discovery API output); default: bundled snapshot.
    #[arg(long)]
    pub service_tags: Option<String>,
    /// Effective Virtual Network Manager security admin rules of the VM's VNet, evaluated before the NSGs
    /// (`az network manager list-effective-security-admin-rule` output); repeatable.
    #[arg(long = "admin-rules", value_name = "FILE")]
    pub admin_rules: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// `1G`, `500M`, `64K` or plain bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mul) = match t.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&t[..t.len() - 1], 1u64 << 10),
        Some('M') => (&t[..t.len() - 1], 1 << 20),
        Some('G') => (&t[..t.len() - 1], 1 << 30),
        _ => (t, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mul))
        .ok_or_else(|| format!("`{s}` is not a size (e.g. 1G, 500M, 4096)"))
}

/// `5s`, `500ms`, `2m` or plain seconds.
pub fn duration_arg(s: &str, what: &str) -> Result<std::time::Duration, azegress::Error> {
    let t = s.trim();
    let (num, unit) = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .map_or((t, "s"), |i| (&t[..i], &t[i..]));
    let n: f64 = num.parse().map_err(|_| {
        app::usage(&format!(
            "{what} `{s}`: expected a duration such as 5s or 500ms"
        ))
    })?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" => n,
        "m" => n * 60.0,
        _ => {
            return Err(app::usage(&format!(
                "{what} `{s}`: expected a duration such as 5s or 500ms"
            )));
        }
    };
    if !(0.001..=3600.0).contains(&secs) {
        return Err(app::usage(&format!("{what} `{s}`: between 1ms and 1h")));
    }
    Ok(std::time::Duration::from_secs_f64(secs))
}

/// Variable values for Terraform configurations read without a plan (a directory of `.tf` files).
#[derive(clap::Args, Clone, Default)]
#[command(next_help_heading = "Terraform variables")]
pub struct TfVarArgs {
    /// A Terraform variable file (`.tfvars` or `.tfvars.json`), as `terraform plan -var-file` takes it;
    /// repeatable, later files win (after `terraform.tfvars` and `*.auto.tfvars`).
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_file: Vec<String>,
    /// A Terraform variable value, NAME=VALUE, as `terraform plan -var` takes it; repeatable, wins over files.
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = parse_var)]
    pub var: Vec<(String, String)>,
}

fn parse_var(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!("`{s}` is not NAME=VALUE")),
    }
}

impl TfVarArgs {
    /// The values as the library takes them.
    pub fn inputs(self) -> azegress::ingest::tf_config::VarInputs {
        azegress::ingest::tf_config::VarInputs {
            files: self.var_file,
            vars: self.var,
        }
    }
}
