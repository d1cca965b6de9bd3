//! `azegress check --workload W`: the check inputs, plus what the workload reads in the guest (its proxy
//! settings) and the vault's private endpoints.

use super::{CheckOptions, inputs};
use crate::error::Error;
use crate::workload::{self, WorkloadInputs, WorkloadKind, WorkloadReport, guest};

/// What `--workload` adds to a check's options.
#[derive(Clone, Debug, Default)]
pub struct WorkloadOptions {
    /// Site Recovery's target region.
    pub target_region: Option<String>,
    /// Conditions that apply (`snapshot`, `encrypted`, `auto-upgrade`).
    pub when: Vec<String>,
    /// SAP HANA's `/opt/msawb/bin/ExtensionSettingsOverrides.json`.
    pub hana_settings: Option<String>,
    /// Site Recovery's `ProxyInfo.conf`.
    pub proxy_info: Option<String>,
    /// Files holding the vault's private endpoints, private DNS zones, links and the VNet (REST or
    /// `az … list` JSON, Resource Graph exports).
    pub private_link: Vec<String>,
}

/// Reads what the workload needs beyond the check's inputs.
pub fn workload_inputs(
    kind: WorkloadKind,
    o: &CheckOptions,
    w: &WorkloadOptions,
) -> Result<WorkloadInputs, Error> {
    let mut wi = WorkloadInputs {
        target_region: w.target_region.clone(),
        when: w.when.clone(),
        stated: o.scenario.is_some() || !o.resources.is_empty(),
        ..Default::default()
    };
    if kind.spec().needs_target_region && wi.target_region.is_none() {
        return Err(Error::Usage(format!(
            "--workload {kind} needs --target-region (the region it replicates to: EventHub.<target region> is required)"
        )));
    }
    if let Some(f) = &w.hana_settings {
        if kind != WorkloadKind::Hana {
            return Err(Error::Usage(
                "--hana-settings is SAP HANA's ExtensionSettingsOverrides.json: pass it with --workload hana".into(),
            ));
        }
        let text = crate::ingest::read(f)?;
        wi.hana = Some(guest::parse_hana_settings(&text, f)?);
    }
    if let Some(f) = &w.proxy_info {
        if kind != WorkloadKind::Asr {
            return Err(Error::Usage(
                "--proxy-info is Site Recovery's ProxyInfo.conf: pass it with --workload asr"
                    .into(),
            ));
        }
        let text = crate::ingest::read(f)?;
        wi.proxy = guest::parse_proxy_info(&text, f)?;
    }
    if let Some(h) = &wi.hana {
        let (p, _) = h.proxy()?;
        if p.is_some() {
            wi.proxy = p;
        }
    }
    if wi.proxy.is_none()
        && let Some(u) = &o.proxy
    {
        wi.proxy = Some(guest::from_url(u, "--proxy")?);
    }
    // the vault's private endpoints and private DNS: from --private-link, and from --resources (an export
    // of the VM's subscription holds them too); the VM's VNet from its path there
    if !w.private_link.is_empty() || !o.resources.is_empty() {
        let files: Vec<String> = w.private_link.iter().chain(&o.resources).cloned().collect();
        let pl = crate::ingest::tf_config::with_vars(o.tf_vars.clone(), || {
            workload::pe::PrivateLink::load_for(&files, o.vm.as_deref())
        })?;
        if !w.private_link.is_empty() || !pl.graph.is_empty() {
            wi.private_link = Some(pl);
        }
    }
    Ok(wi)
}

/// Runs `check --workload W`.
pub fn run_workload_check(
    kind: WorkloadKind,
    o: &CheckOptions,
    w: &WorkloadOptions,
) -> Result<WorkloadReport, Error> {
    let wi = workload_inputs(kind, o, w)?;
    let inp = inputs(o)?;
    let mut r = workload::evaluate_workload(&inp, kind, &wi)?;
    if let Some(h) = &wi.hana {
        let (_, notes) = h.proxy()?;
        for n in notes.into_iter().rev() {
            r.diagnostics.insert(0, n);
        }
    }
    Ok(r)
}

/// The result of `azegress fix --workload W`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct WorkloadFixReport {
    /// 3, as `check --workload`.
    pub schema_version: u32,
    /// The fix and its proof.
    #[serde(flatten)]
    pub fix: crate::fix::workload::WorkloadFix,
    /// The change in each language asked for.
    pub emitted: Vec<crate::model::fix::Emitted>,
    /// The user's files with the change applied.
    pub files: Vec<crate::model::fix::FixedFile>,
}

impl WorkloadFixReport {
    /// 0 every destination reachable after, 1 one stays blocked, 3 the re-check is inconclusive.
    pub fn exit_code(&self) -> u8 {
        self.fix.exit_code()
    }
}

/// Runs `fix --workload W`: the changes for the workload's blocked destinations, proved by evaluating the
/// workload again over the changed inputs (and, with `--write`, over the written files).
pub fn run_workload_fix(
    kind: WorkloadKind,
    o: &super::fix::FixOptions,
    w: &WorkloadOptions,
) -> Result<WorkloadFixReport, Error> {
    use crate::report::emit::{Emit, emit};
    let wi = workload_inputs(kind, &o.check, w)?;
    crate::ingest::template::take_parameter_files_read();
    let inp = inputs(&o.check)?;
    let parameters = crate::ingest::template::take_parameter_files_read();
    let mut fix = crate::fix::workload::fix_workload(&inp, kind, &wi, o.option)?;
    let mut emitted = Vec::new();
    let mut files = Vec::new();
    for e in &o.emit {
        if *e == Emit::File {
            let changes = fix.changes.clone();
            let proved = fix.after.verdict;
            files.extend(super::fix::fixed_files(
                o,
                &changes,
                &mut fix.notes,
                proved,
                &inp,
                &parameters,
                |written, in_file| {
                    crate::ingest::tf_config::with_substitutes(written.to_vec(), || {
                        crate::ingest::with_substitutes(written.to_vec(), || {
                            let mut again = inputs(&o.check)?;
                            for (c, _) in changes.iter().zip(in_file).filter(|(_, w)| !**w) {
                                crate::fix::apply(&mut again, c)?;
                            }
                            Ok(workload::evaluate_workload(&again, kind, &wi)?.verdict)
                        })
                    })
                },
            )?);
        } else if !fix.changes.is_empty() {
            emitted.push(crate::model::fix::Emitted {
                emit: *e,
                text: emit(&fix.changes, *e),
            });
        }
    }
    Ok(WorkloadFixReport {
        schema_version: 3,
        fix,
        emitted,
        files,
    })
}
