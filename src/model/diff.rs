//! What `azegress diff` produces: the verdicts a change of resources (or of service tags) changes.

use super::gate::Status;
use serde::Serialize;

/// One change.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// `newly blocks`, `newly allows`, `newly unknown`, `now decided`.
    pub effect: String,
    /// The VM (or the subnet or NSG gated without a VM).
    pub vm: String,
    /// What `vm` names.
    pub subject: super::SubjectKind,
    /// Its subnet.
    pub subnet: Option<String>,
    /// `pack/requirement`.
    pub requirement: String,
    /// The port, when the change is per port.
    pub port: Option<u16>,
    /// Before.
    pub before: Status,
    /// After.
    pub after: Status,
    /// What the after side says about it.
    pub message: String,
}

/// `azegress diff` as data.
#[derive(Clone, Debug, Serialize)]
pub struct DiffReport {
    /// 2: changes name their subject (1 had VMs only).
    pub schema_version: u32,
    /// Changed verdicts.
    pub changes: Vec<Change>,
    /// VMs only after.
    pub vms_added: Vec<String>,
    /// VMs only before.
    pub vms_removed: Vec<String>,
}

impl DiffReport {
    /// 1 when the change newly blocks something, 3 when it makes something undecidable, else 0.
    pub fn exit_code(&self) -> u8 {
        if self.changes.iter().any(|c| c.effect == "newly blocks") {
            1
        } else if self.changes.iter().any(|c| c.effect == "newly unknown") {
            3
        } else {
            0
        }
    }
}
