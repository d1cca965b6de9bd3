//! What `azegress gate` produces: per requirement and VM an outcome, and the findings CI acts on.

use super::Origin;
use crate::diag::Diagnostic;
use serde::{Deserialize, Serialize};

/// How bad a failed requirement or a lint is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational.
    Note,
    /// Should be fixed.
    Warning,
    /// Must be fixed.
    Error,
}

/// On the command line (`gate --fail-on`): `error` or `warning` (failing on notes is not offered).
#[cfg(feature = "cli")]
impl clap::ValueEnum for Severity {
    fn value_variants<'a>() -> &'a [Self] {
        &[Severity::Error, Severity::Warning]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        match self {
            Severity::Error => Some(clap::builder::PossibleValue::new("error")),
            Severity::Warning => Some(clap::builder::PossibleValue::new("warning")),
            Severity::Note => None,
        }
    }
}

/// A place in a source file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Loc {
    /// The file.
    pub file: String,
    /// 1-based line (0 unknown).
    pub line: usize,
    /// 1-based column (0 unknown).
    pub col: usize,
}

impl Loc {
    /// From a rule's origin.
    pub fn of(o: &Origin) -> Option<Loc> {
        (!o.file.is_empty()).then(|| Loc {
            file: o.file.to_string(),
            line: o.line,
            col: o.col,
        })
    }

    /// From `file:line:col` text.
    pub fn parse(s: &str) -> Option<Loc> {
        let mut it = s.rsplitn(3, ':');
        let (c, l, f) = (it.next()?, it.next()?, it.next()?);
        Some(Loc {
            file: f.to_string(),
            line: l.parse().ok()?,
            col: c.parse().ok()?,
        })
    }
}

/// Pass, fail or unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Met.
    Pass,
    /// Not met.
    Fail,
    /// Cannot be decided offline.
    Unknown,
}

/// One requirement for one VM.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    /// Pack name.
    pub pack: String,
    /// Requirement id.
    pub requirement: String,
    /// The VM (or the subnet `vnet/snet`, or the NSG, for a subject without a VM).
    pub vm: String,
    /// What `vm` names: `vm`, `subnet` or `nsg`.
    pub subject: super::SubjectKind,
    /// Result.
    pub status: Status,
    /// Severity of a failure.
    pub severity: Severity,
    /// What was found.
    pub message: String,
    /// The rule or line that decides, when one does.
    pub location: Option<Loc>,
    /// The VM's `vnet/subnet`, when known.
    pub subnet: Option<String>,
    /// Per port.
    pub ports: Vec<PortStatus>,
}

/// One port of one requirement for one VM.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PortStatus {
    /// The port.
    pub port: u16,
    /// Its result.
    pub status: Status,
}

/// A finding for CI: a failed requirement or a lint.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// `pack/requirement` or `lint/name`.
    pub id: String,
    /// The stable diagnostic code (`AZE0608`; a requirement of a pack: `AZE0630`).
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// What is wrong and what to do.
    pub message: String,
    /// The VM, for requirements.
    pub vm: Option<String>,
    /// The NSG, when one is concerned.
    pub nsg: Option<String>,
    /// Where.
    pub location: Option<Loc>,
    /// Stable across line moves: what is wrong where, semantically (for baselines).
    pub fingerprint: String,
    /// The reason given inline, when suppressed.
    pub suppressed: Option<String>,
    /// Accepted by the baseline.
    pub baselined: bool,
    /// A requirement that could not be decided offline (exit 3 unless something fails).
    pub inconclusive: bool,
}

/// The result.
#[derive(Clone, Debug, Serialize)]
pub struct GateReport {
    /// 2: every warning, note and assumption is a diagnostic with a stable code (1 had strings).
    pub schema_version: u32,
    /// VMs found (from VM resources, or from NICs that name their VM).
    pub vms: usize,
    /// Subnets with an NSG or route table and no VM among the inputs, gated as a VM in them.
    pub subnets_without_vms: usize,
    /// NSGs that no VM or subnet among the inputs uses, gated as a VM behind them alone.
    pub nsgs_without_vms: usize,
    /// Distinct paths evaluated (VMs sharing NSGs, routes, region and VNet share one).
    pub distinct_paths: usize,
    /// NSGs linted.
    pub nsgs: usize,
    /// Every requirement for every VM it selects, passing ones included.
    pub outcomes: Vec<Outcome>,
    /// Failed requirements and lints.
    pub findings: Vec<Finding>,
    /// Service-tag file.
    pub service_tags: String,
    /// What the inputs did not give (no VM: only lints ran), files skipped.
    pub notes: Vec<Diagnostic>,
    /// The run is inconclusive as a whole (exit 3 unless something fails): the inputs held nothing to gate
    /// (and `--allow-empty` was not given), or `--strict` met an assumption.
    pub nothing_to_gate: bool,
}

/// One example of a pack, run.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleResult {
    /// The example's name.
    pub name: String,
    /// Requirement id → (expected, got).
    pub checks: Vec<(String, String, String)>,
    /// All as expected.
    pub ok: bool,
}
