//! `diagnose --workload W --error CODE`: each workload's error codes, the causes provable offline (the
//! destinations the code implicates, with the deciding rule as evidence) and what to check on the machine.

use super::{WorkloadKind, WorkloadReport};
use crate::error::Error;
use crate::model::{FlowVerdict, Overall};
use serde::Serialize;

/// One error code a workload reports.
#[derive(Debug)]
pub struct ErrorCode {
    /// The code as the portal or the agent shows it.
    pub code: &'static str,
    /// Workloads that report it.
    pub workloads: &'static [WorkloadKind],
    /// Its message, in short.
    pub title: &'static str,
    /// Destination ids it implicates (empty: none offline).
    pub destinations: &'static [&'static str],
    /// What to check on the machine.
    pub on_machine: &'static [&'static str],
    /// Where Microsoft documents it.
    pub learn: &'static str,
}

use WorkloadKind::{Asr, Hana, Mabs, Mars, Sql};

const SQL_TS: &str =
    "https://learn.microsoft.com/azure/backup/backup-sql-server-azure-troubleshoot";
const MARS_TS: &str = "https://learn.microsoft.com/azure/backup/backup-azure-mars-troubleshoot";
const ASR_TS: &str = "https://learn.microsoft.com/azure/site-recovery/azure-to-azure-troubleshoot-network-connectivity";

/// Every code known.
pub const CODES: &[ErrorCode] = &[
    ErrorCode {
        code: "UserErrorVMInternetConnectivityIssue",
        workloads: &[Sql, Hana],
        title: "The VM is not able to contact Azure Backup service due to internet connectivity issues",
        destinations: &["backup", "storage", "entra"],
        on_machine: &[
            "the names resolve (nslookup of the vault's backup service name; with private endpoints and custom DNS, the records of the communication storage account exist)",
            "the VM is not behind a Standard internal load balancer without an outbound path",
            "no guest firewall, antivirus or proxy setting blocks the workload extension; the proxy is bypassed for localhost",
            "SQL: run AzureBackupConnectivityTestScriptsForWindows; SAP HANA: run the pre-registration script (msawb-plugin-config-com-sap-hana.sh), which checks Backup, Entra ID and Storage",
        ],
        learn: SQL_TS,
    },
    ErrorCode {
        code: "WorkloadExtensionNotReachable",
        workloads: &[Sql, Hana],
        title: "AzureBackup workload extension operation failed (the VM is off or has no internet access)",
        destinations: &["backup", "storage", "entra"],
        on_machine: &[
            "the VM is running and its agent is Ready",
            "the AzureBackupWindowsWorkload / AzureBackupLinuxWorkload extension's status in the portal",
        ],
        learn: SQL_TS,
    },
    ErrorCode {
        code: "100050",
        workloads: &[Mars, Mabs],
        title: "The Microsoft Azure Recovery Service Agent was unable to connect to Microsoft Azure Backup",
        destinations: &["backup", "storage", "entra", "microsoft", "ncsi"],
        on_machine: &[
            "the proxy settings of the SYSTEM account (PsExec -i -s, Internet Options → LAN settings) and of the agent (Get-OBMachineSetting)",
            "TLS 1.2 is enabled",
            "MABS/DPM: Get-DPMCloudConnection returns True",
        ],
        learn: MARS_TS,
    },
    ErrorCode {
        code: "407",
        workloads: &[Mars, Mabs],
        title: "Proxy Authentication Required",
        destinations: &[],
        on_machine: &[
            "the agent's proxy credentials (Change Properties → Proxy Configuration, or Set-OBMachineSetting -ProxyUserName/-ProxyPassword)",
            "with Entra tenant restrictions on the proxy, the vault's tenant ID is in Restrict-Access-To-Tenants",
        ],
        learn: MARS_TS,
    },
    ErrorCode {
        code: "34513",
        workloads: &[Mars, Mabs],
        title: "Invalid vault credentials provided (one cause: a proxy or firewall blocks registration, or no internet)",
        destinations: &["backup", "storage", "entra", "microsoft"],
        on_machine: &[
            "the vault credentials file is the latest (it is valid for 10 days) and is saved locally",
            "the machine's clock is correct",
        ],
        learn: MARS_TS,
    },
    ErrorCode {
        code: "151037",
        workloads: &[Asr],
        title: "Outbound connectivity for Site Recovery URLs or IP ranges",
        destinations: &["storage", "entra", "asr", "eventhub"],
        on_machine: &[
            "the Mobility service's proxy (ProxyInfo.conf, the detected system proxy) is unauthenticated",
        ],
        learn: ASR_TS,
    },
    ErrorCode {
        code: "151072",
        workloads: &[Asr],
        title: "Outbound connectivity for Site Recovery URLs or IP ranges (traffic through an on-premises proxy)",
        destinations: &["storage", "entra", "asr", "eventhub"],
        on_machine: &[
            "ProxyInfo.conf names a valid proxy (C:\\ProgramData\\Microsoft Azure Site Recovery\\Config or /usr/local/InMage/config/), unauthenticated",
        ],
        learn: ASR_TS,
    },
    ErrorCode {
        code: "151195",
        workloads: &[Asr],
        title: "Failed to register the Azure virtual machine with Site Recovery: DNS resolution failure",
        destinations: &[],
        on_machine: &[
            "the custom DNS servers are reachable from the disaster recovery region (reprotect) and resolve the Site Recovery names",
        ],
        learn: ASR_TS,
    },
    ErrorCode {
        code: "151196",
        workloads: &[Asr],
        title: "Site Recovery configuration failed: cannot reach Microsoft 365 authentication and identity endpoints",
        destinations: &["entra"],
        on_machine: &[
            "login.microsoftonline.com resolves and answers from the VM (not behind a Standard internal load balancer without outbound)",
        ],
        learn: ASR_TS,
    },
    ErrorCode {
        code: "151197",
        workloads: &[Asr],
        title: "Site Recovery configuration failed: cannot reach Site Recovery service endpoints",
        destinations: &["asr"],
        on_machine: &[
            "*.hypervrecoverymanager.windowsazure.com resolves (with private endpoints: to the endpoint's address)",
        ],
        learn: ASR_TS,
    },
];

/// One destination the code implicates, as the path decides it.
#[derive(Clone, Debug, Serialize)]
pub struct WorkloadCause {
    /// Destination.
    pub destination: String,
    /// Its verdict.
    pub verdict: Overall,
    /// The evidence: the deciding rule in words, for each port that does not pass.
    pub evidence: Vec<String>,
}

/// The result of `diagnose --workload W --error CODE`.
#[derive(Clone, Debug, Serialize)]
pub struct WorkloadDiagnosis {
    /// 3, as the workload check.
    pub schema_version: u32,
    /// Workload.
    pub workload: String,
    /// The code.
    pub error: String,
    /// Its message.
    pub title: String,
    /// `proven` (a destination it implicates is blocked), `inconclusive`, or `not-offline` (the path lets
    /// every implicated destination through: the cause is on the machine).
    pub finding: String,
    /// Destinations it implicates, with the evidence.
    pub causes: Vec<WorkloadCause>,
    /// What to check on the machine.
    pub on_machine: Vec<String>,
    /// Microsoft's troubleshooting page.
    pub learn: String,
    /// The whole workload check.
    pub check: WorkloadReport,
}

impl WorkloadDiagnosis {
    /// 1 proven, 3 inconclusive, 0 nothing offline.
    pub fn exit_code(&self) -> u8 {
        match self.finding.as_str() {
            "proven" => 1,
            "inconclusive" => 3,
            _ => 0,
        }
    }
}

/// The code's entry for the workload; a usage error names the codes it knows.
pub fn lookup(kind: WorkloadKind, code: &str) -> Result<&'static ErrorCode, Error> {
    let c = code.trim().trim_start_matches('(').trim_end_matches(')');
    CODES
        .iter()
        .find(|e| e.workloads.contains(&kind) && e.code.eq_ignore_ascii_case(c))
        .ok_or_else(|| {
            let known: Vec<&str> = CODES
                .iter()
                .filter(|e| e.workloads.contains(&kind))
                .map(|e| e.code)
                .collect();
            Error::Usage(format!(
                "--error `{code}` is not a code of --workload {kind}; it knows {}",
                if known.is_empty() {
                    "none (for vm, run diagnose without --workload)".to_string()
                } else {
                    known.join(", ")
                }
            ))
        })
}

/// Joins a workload check with the code's causes.
pub fn diagnose(
    kind: WorkloadKind,
    code: &str,
    check: WorkloadReport,
) -> Result<WorkloadDiagnosis, Error> {
    let e = lookup(kind, code)?;
    let mut causes = Vec::new();
    for d in check
        .destinations
        .iter()
        .filter(|d| e.destinations.contains(&d.id.as_str()))
    {
        let evidence = d
            .flows
            .iter()
            .filter(|f| f.verdict != FlowVerdict::Allowed)
            .map(|f| format!("{}/tcp {}: {}", f.port, f.purpose, f.why))
            .collect();
        causes.push(WorkloadCause {
            destination: d.name.clone(),
            verdict: d.verdict,
            evidence,
        });
    }
    let worst = causes
        .iter()
        .map(|c| c.verdict)
        .fold(Overall::Reachable, super::meet);
    let finding = match worst {
        Overall::Blocked | Overall::Partial => "proven",
        Overall::Unknown => "inconclusive",
        Overall::Reachable if e.destinations.is_empty() => "not-offline",
        Overall::Reachable => "not-offline",
    };
    Ok(WorkloadDiagnosis {
        schema_version: 3,
        workload: kind.name().into(),
        error: e.code.into(),
        title: e.title.into(),
        finding: finding.into(),
        causes,
        on_machine: e.on_machine.iter().map(|s| (*s).to_string()).collect(),
        learn: e.learn.into(),
        check,
    })
}

/// As text.
pub fn text(r: &WorkloadDiagnosis, width: usize) -> String {
    use crate::report::table::wrap;
    let mut out = String::new();
    let mut line = |t: String, indent: &str| {
        out.push_str(&wrap(&t, width, indent));
        out.push('\n');
    };
    line(
        format!(
            "azegress diagnose --workload {} --error {}: {}",
            r.workload, r.error, r.title
        ),
        "  ",
    );
    line(
        format!(
            "finding: {}",
            match r.finding.as_str() {
                "proven" => "PROVEN offline: the path blocks what this error needs",
                "inconclusive" => "INCONCLUSIVE: part of the path cannot be decided offline",
                _ =>
                    "not offline: the path lets everything this error needs through; check the machine",
            }
        ),
        "  ",
    );
    for c in &r.causes {
        line(
            format!(
                "  {} {}: {}",
                if c.verdict == Overall::Reachable {
                    "✓"
                } else {
                    "✗"
                },
                c.destination,
                format!("{:?}", c.verdict).to_uppercase()
            ),
            "    ",
        );
        for e in &c.evidence {
            line(format!("      {e}"), "        ");
        }
    }
    line("check on the machine:".into(), "");
    for m in &r.on_machine {
        line(format!("  - {m}"), "    ");
    }
    line(format!("Microsoft's troubleshooting: {}", r.learn), "  ");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_of_the_issue_is_known() {
        // workloads-egress.md §2 (S18), §4 (S14), §6 (S20)
        for (k, c) in [
            (Sql, "UserErrorVMInternetConnectivityIssue"),
            (Hana, "WorkloadExtensionNotReachable"),
            (Mars, "100050"),
            (Mabs, "407"),
            (Mars, "34513"),
            (Asr, "151037"),
            (Asr, "151072"),
            (Asr, "151195"),
            (Asr, "151196"),
            (Asr, "151197"),
        ] {
            let e = lookup(k, c).unwrap();
            for d in e.destinations {
                assert!(
                    k.spec().destinations.iter().any(|x| x.id == *d),
                    "{k} {c} {d}"
                );
            }
        }
        assert!(
            lookup(Sql, "151037")
                .unwrap_err()
                .to_string()
                .contains("UserErrorVMInternetConnectivityIssue")
        );
    }
}
