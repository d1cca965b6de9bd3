//! The egress requirements of each backup and recovery workload, read from `rules/workloads/*.yaml`
//! (compiled in): destinations as the user knows them, how Azure lets them through (service tag, FQDNs,
//! Azure Firewall FQDN tag, private endpoint zone), ports, when they apply, and their sources.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const FILES: [(&str, &str); 6] = [
    ("vm", include_str!("../../rules/workloads/vm.yaml")),
    ("sql", include_str!("../../rules/workloads/sql.yaml")),
    ("hana", include_str!("../../rules/workloads/hana.yaml")),
    ("mars", include_str!("../../rules/workloads/mars.yaml")),
    ("mabs", include_str!("../../rules/workloads/mabs.yaml")),
    ("asr", include_str!("../../rules/workloads/asr.yaml")),
];

/// A workload whose egress azegress checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum WorkloadKind {
    /// Azure VM backup (the VM snapshot extension).
    Vm,
    /// SQL Server in Azure VMs (AzureBackupWindowsWorkload extension).
    Sql,
    /// SAP HANA in Azure VMs (Backint workload plugin).
    Hana,
    /// The MARS agent.
    Mars,
    /// MABS / System Center DPM with online protection.
    Mabs,
    /// Azure Site Recovery, Azure-to-Azure (Mobility service).
    Asr,
}

impl WorkloadKind {
    /// Every workload, in order.
    pub const ALL: [WorkloadKind; 6] = [
        WorkloadKind::Vm,
        WorkloadKind::Sql,
        WorkloadKind::Hana,
        WorkloadKind::Mars,
        WorkloadKind::Mabs,
        WorkloadKind::Asr,
    ];

    /// Its short name (`sql`).
    pub fn name(self) -> &'static str {
        match self {
            WorkloadKind::Vm => "vm",
            WorkloadKind::Sql => "sql",
            WorkloadKind::Hana => "hana",
            WorkloadKind::Mars => "mars",
            WorkloadKind::Mabs => "mabs",
            WorkloadKind::Asr => "asr",
        }
    }

    /// Parses a short name, any case.
    pub fn parse(s: &str) -> Option<WorkloadKind> {
        Self::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s.trim()))
    }

    /// Its requirements.
    pub fn spec(self) -> &'static Workload {
        let all = all();
        all.iter()
            .find(|w| w.workload == self.name())
            .unwrap_or_else(|| unreachable!("rules/workloads/{}.yaml is compiled in", self.name()))
    }
}

impl std::fmt::Display for WorkloadKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How a workload uses a proxy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProxyMode {
    /// The VM backup extension's own rules (waagent.conf, the SYSTEM account's proxy).
    Extension,
    /// Every destination through the workload's proxy.
    All,
    /// Only destinations marked `proxy: true` (SAP HANA: Microsoft Entra ID).
    EntraOnly,
}

/// A workload's proxy semantics.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct ProxyRules {
    /// Which destinations go through it.
    pub mode: ProxyMode,
    /// The workload can answer a proxy's credential challenge.
    pub authentication: bool,
    /// In words, with the source.
    pub note: String,
}

/// A private endpoint a destination can be reached through.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct PeRule {
    /// Sub-resource (`AzureBackup`, `AzureSiteRecovery`, `blob`).
    pub group: String,
    /// Private DNS zone (`privatelink.{geo}.backup.windowsazure.com`).
    pub zone: String,
}

/// The ports a destination needs: a list, or the VM backup extension's rule by disk kind.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Ports {
    /// Fixed ports.
    List(Vec<u16>),
    /// `disks`: by disk kind and storage encryption (rules/backup-requirements.yaml).
    ByDisks(String),
}

/// One destination of a workload.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Destination {
    /// Short id (`entra`).
    pub id: String,
    /// What the user knows it as (`Microsoft Entra ID`).
    pub name: String,
    /// Service tag, with `{region}` / `{target_region}` (`Storage.{region}`); none for FQDN-only names.
    #[serde(default)]
    pub service_tag: Option<String>,
    /// FQDN patterns (`*` only as the first character).
    pub fqdns: Vec<String>,
    /// Azure Firewall FQDN tag documented for it.
    #[serde(default)]
    pub firewall_fqdn_tag: Option<String>,
    /// Private endpoint and zone it can be reached through.
    #[serde(default)]
    pub private_endpoint: Option<PeRule>,
    /// Ports.
    pub ports: Ports,
    /// Protocol (`Tcp`).
    pub protocol: String,
    /// When it applies: `always`, or a condition (`snapshot`, `encrypted`, `auto-upgrade`).
    pub when: String,
    /// R (required), C (conditional), as the reference grades it.
    pub requirement: String,
    /// For `entra-only` proxies: this destination goes through the proxy.
    #[serde(default)]
    pub proxy: bool,
    /// Source ids (keys of the workload's `sources`).
    pub sources: Vec<String>,
    /// A remark shown with it.
    #[serde(default)]
    pub note: Option<String>,
}

impl Destination {
    /// Applies whatever conditions are stated?
    pub fn always(&self) -> bool {
        self.when == "always"
    }
}

/// One workload's requirements.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Workload {
    /// Short name (`sql`).
    pub workload: String,
    /// Title.
    pub title: String,
    /// The Microsoft Learn page of its network requirements.
    pub learn: String,
    /// For `vm`: when the destinations matter at all.
    #[serde(default)]
    pub matters: Option<String>,
    /// `asr`: `{target_region}` must be given.
    #[serde(default)]
    pub needs_target_region: bool,
    /// Proxy semantics.
    pub proxy: ProxyRules,
    /// An application rule with TLS inspection is not supported.
    #[serde(default)]
    pub tls_inspection_unsupported: bool,
    /// Destinations.
    pub destinations: Vec<Destination>,
    /// Source id → Learn URL or article.
    pub sources: BTreeMap<String, String>,
}

/// Every workload, parsed once (a unit test proves each file parses).
pub fn all() -> &'static [Workload] {
    static ALL: std::sync::OnceLock<Vec<Workload>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        FILES
            .iter()
            .map(|(n, text)| match serde_yaml::from_str::<Workload>(text) {
                Ok(w) => w,
                Err(e) => unreachable!("rules/workloads/{n}.yaml is invalid: {e}"),
            })
            .collect()
    })
}

/// The conditions `--when` accepts, with what they stand for.
pub const CONDITIONS: [(&str, &str); 3] = [
    ("snapshot", "SAP HANA instance snapshot backups"),
    (
        "encrypted",
        "enabling replication of ADE-encrypted VMs (Site Recovery)",
    ),
    (
        "auto-upgrade",
        "Mobility agent auto-upgrade from the portal (Site Recovery)",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_workload_file_parses_and_cites_its_sources() {
        // workloads-egress.md §1–§6: one file per workload, each destination citing a source it lists
        assert_eq!(all().len(), 6);
        for k in WorkloadKind::ALL {
            let w = k.spec();
            assert_eq!(w.workload, k.name());
            assert!(!w.destinations.is_empty());
            for d in &w.destinations {
                assert!(!d.sources.is_empty(), "{} {}", w.workload, d.id);
                for s in &d.sources {
                    assert!(
                        w.sources.contains_key(s),
                        "{} {} cites {s}",
                        w.workload,
                        d.id
                    );
                }
                assert!(
                    d.always() || CONDITIONS.iter().any(|(c, _)| *c == d.when),
                    "{} {}: when `{}`",
                    w.workload,
                    d.id,
                    d.when
                );
                for f in &d.fqdns {
                    assert!(!f[1..].contains('*'), "`*` only first: {f}");
                }
            }
        }
        // §2/§3: SQL and HANA need Backup, Storage and Entra ID; §6: ASR needs EventHub of the target region
        let ids = |k: WorkloadKind| -> Vec<&str> {
            k.spec()
                .destinations
                .iter()
                .filter(|d| d.always())
                .map(|d| d.id.as_str())
                .collect()
        };
        assert_eq!(ids(WorkloadKind::Sql), ["backup", "storage", "entra"]);
        assert_eq!(ids(WorkloadKind::Hana), ["backup", "storage", "entra"]);
        assert!(
            WorkloadKind::Asr
                .spec()
                .destinations
                .iter()
                .any(|d| d.service_tag.as_deref() == Some("EventHub.{target_region}"))
        );
        assert!(WorkloadKind::Asr.spec().needs_target_region);
        assert_eq!(WorkloadKind::Hana.spec().proxy.mode, ProxyMode::EntraOnly);
        assert!(WorkloadKind::Mars.spec().proxy.authentication);
        assert!(!WorkloadKind::Sql.spec().proxy.authentication);
    }
}
