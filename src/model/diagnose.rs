//! What `azegress diagnose` produces for a backup error: the causes proven offline, what to check on the
//! VM, the codes easily confused with it, a rule-by-rule NSG breakdown, and the probe joined port by port.

use super::{CheckReport, FlowVerdict, RuleCheck};
use serde::Serialize;

/// One proven cause.
#[derive(Clone, Debug, Serialize)]
pub struct Cause {
    /// What is wrong, in plain words.
    pub what: String,
    /// The evidence: rule, route, firewall rule or setting, and why it decides.
    pub evidence: String,
    /// Where it is written (`file:line:col`), when known.
    pub location: Option<String>,
    /// The `azegress fix --option …` that repairs it, when one does.
    pub fix_option: Option<String>,
    /// The command that repairs it, when one does.
    pub repair: Option<String>,
    /// Microsoft's page for it.
    pub learn: &'static str,
}

/// Another error code and how to tell it apart.
#[derive(Clone, Debug, Serialize)]
pub struct Confusable {
    /// The code.
    pub code: &'static str,
    /// How it differs.
    pub differs: &'static str,
}

/// The result of `azegress diagnose`.
#[derive(Clone, Debug, Serialize)]
pub struct DiagnoseReport {
    /// 2: every warning, note and assumption is a diagnostic with a stable code (1 had strings).
    pub schema_version: u32,
    /// The error code diagnosed.
    pub error: String,
    /// Proven causes, most decisive first.
    pub causes: Vec<Cause>,
    /// What cannot be known offline, and how to check it on the VM.
    pub check_on_the_vm: Vec<String>,
    /// Error codes easily confused with this one.
    pub confusable: Vec<Confusable>,
    /// Per required port, every NSG rule compared with the flow.
    pub nsg_breakdown: Vec<PortBreakdown>,
    /// The offline verdict beside what `azegress probe` saw on the VM, per port (`--probe FILE`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probe: Option<Vec<ProbeJoin>>,
    /// The full check the causes come from.
    pub check: CheckReport,
}

/// One port: the offline verdict, what the probe saw on the VM, and what the two together mean.
#[derive(Clone, Debug, Serialize)]
pub struct ProbeJoin {
    /// TCP port.
    pub port: u16,
    /// The offline verdict for the port.
    pub offline: FlowVerdict,
    /// What the probe saw (`reachable`, `tcp failed: timed out …`, `not probed`).
    pub on_the_vm: String,
    /// Do they agree?
    pub agree: bool,
    /// What the two together mean.
    pub meaning: String,
}

/// The NSG rules for one required port.
#[derive(Clone, Debug, Serialize)]
pub struct PortBreakdown {
    /// The port.
    pub port: u16,
    /// Each rule, in evaluation order.
    pub rules: Vec<RuleCheck>,
}

impl DiagnoseReport {
    /// 1 when a cause is proven, 3 when only unknowns remain, 0 when the offline path is clear.
    pub fn exit_code(&self) -> u8 {
        let vm_blocked = self.probe.as_ref().is_some_and(|j| {
            j.iter()
                .any(|r| !r.agree && r.offline == FlowVerdict::Allowed)
        });
        if vm_blocked {
            1
        } else {
            self.check.verdict.exit_code()
        }
    }
}
