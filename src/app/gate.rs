//! `azegress gate`: reads the inputs once (files, or directories scanned for `.json`), builds every VM's
//! path, runs the packs and lints (`crate::gate`), applies the baseline, and decides the exit code.

use crate::error::Error;
use crate::gate::pack::{self, Pack, Severity};
use crate::gate::{self, GateInputs, GateReport, Status};
use crate::ingest::topology::Resources;
use crate::requirements::Disks;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What `azegress gate` was asked.
#[derive(Clone, Debug, Default)]
pub struct GateOptions {
    /// Resource files or directories.
    pub inputs: Vec<String>,
    /// Pack names or files (default: azure-vm-backup).
    pub packs: Vec<String>,
    /// Region for VMs whose NIC names none.
    pub region: Option<String>,
    /// Disks (ports of the backup requirement).
    pub disks: Option<Disks>,
    /// Ports instead.
    pub ports: Option<Vec<u16>>,
    /// Service-tag file.
    pub service_tags: Option<String>,
    /// Accept the findings whose fingerprints this file lists.
    pub baseline: Option<String>,
    /// Write the current findings' fingerprints here.
    pub write_baseline: Option<String>,
    /// Skip lints.
    pub no_lints: bool,
    /// ARM parameter files for the templates among the inputs.
    pub parameters: Vec<String>,
    /// VNet address space for VMs whose VNet is not among the inputs.
    pub vnet: Vec<String>,
    /// The proxies' squid.conf files.
    pub squid_conf: Vec<String>,
}

/// A baseline file.
#[derive(Serialize, Deserialize)]
struct Baseline {
    schema_version: u32,
    fingerprints: Vec<String>,
}

/// Files named, directories scanned recursively for `.json` files (sorted, so the order is stable).
pub fn expand_inputs(inputs: &[String]) -> Result<Vec<String>, Error> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for e in std::fs::read_dir(dir)? {
            let p = e?.path();
            if p.is_dir() {
                walk(&p, out)?;
            } else if p
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
            {
                out.push(p);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    for i in inputs {
        let p = Path::new(i);
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found).map_err(|source| Error::Io {
                path: i.clone(),
                source,
            })?;
            found.sort();
            files.extend(found.into_iter().map(|p| p.display().to_string()));
        } else {
            files.push(i.clone());
        }
    }
    if files.is_empty() {
        return Err(Error::Usage(
            "gate needs resources: az list output, Resource Graph pages, ARM templates or a directory of them"
                .into(),
        ));
    }
    Ok(files)
}

/// Runs `azegress gate`. `done` ticks once per distinct path (progress).
pub fn run_gate(o: &GateOptions, done: &(dyn Fn() + Sync)) -> Result<GateReport, Error> {
    let packs: Vec<Pack> = if o.packs.is_empty() {
        vec![pack::load("azure-vm-backup")?]
    } else {
        o.packs
            .iter()
            .map(|p| pack::load(p))
            .collect::<Result<_, _>>()?
    };
    let files = expand_inputs(&o.inputs)?;
    let params = crate::ingest::template::load_parameter_files(&o.parameters)?;
    let res = crate::ingest::template::with_parameters(params, || Resources::load(&files))?;
    let tags = Arc::new(super::load_tags(o.service_tags.as_deref())?);
    let vms = res
        .vms()
        .into_iter()
        .map(|vm| {
            res.path(vm)
                .map(|mut p| {
                    if p.vnet.is_empty() {
                        p.vnet = o.vnet.clone();
                    }
                    p
                })
                .map_err(|e| e.to_string())
        })
        .collect();
    if res.vms().is_empty() && res.nsg_count() == 0 {
        return Err(Error::Usage(format!(
            "found no VM and no NSG in {}: gate reads az list output, Resource Graph exports and ARM templates",
            files.join(", ")
        )));
    }
    let nsgs = if o.no_lints {
        Vec::new()
    } else {
        res.all_nsgs().into_iter().collect::<Result<Vec<_>, _>>()?
    };
    let firewalls = res.firewalls()?.into_iter().map(Arc::new).collect();
    let squids = o
        .squid_conf
        .iter()
        .map(|p| crate::ingest::proxy::load_squid(p))
        .collect::<Result<Vec<_>, _>>()?;
    let inp = GateInputs {
        vms,
        nsgs,
        firewalls,
        squids,
        tags,
        packs,
        disks: o.disks.unwrap_or(Disks::Managed),
        ports: o.ports.clone(),
        region: o.region.clone(),
    };
    let mut report = gate::run(&inp, done);
    if let Some(b) = &o.baseline {
        let text = crate::ingest::read(b)?;
        let base: Baseline = serde_json::from_str(&text).map_err(|e| {
            Error::Input(crate::InputError::at(
                b,
                e.line(),
                e.column(),
                format!("not a baseline written by `azegress gate --write-baseline`: {e}"),
            ))
        })?;
        let set: std::collections::HashSet<&str> =
            base.fingerprints.iter().map(String::as_str).collect();
        for f in &mut report.findings {
            f.baselined = set.contains(f.fingerprint.as_str());
        }
    }
    if let Some(w) = &o.write_baseline {
        let mut fps: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.suppressed.is_none())
            .map(|f| f.fingerprint.clone())
            .collect();
        fps.sort();
        fps.dedup();
        let text = serde_json::to_string_pretty(&Baseline {
            schema_version: 1,
            fingerprints: fps,
        })
        .unwrap_or_default();
        super::write::write_file(w, (text + "\n").as_bytes(), super::write::Existing::Replace)?;
    }
    Ok(report)
}

/// 1 when a finding at or above `fail_on` is neither suppressed nor in the baseline; else 3 when a
/// requirement could not be decided; else 0.
pub fn exit_code(r: &GateReport, fail_on: Severity) -> u8 {
    let open = |f: &&gate::Finding| f.suppressed.is_none() && !f.baselined;
    if r.findings
        .iter()
        .filter(open)
        .any(|f| f.severity >= fail_on && !f.inconclusive)
    {
        1
    } else if r.outcomes.iter().any(|o| o.status == Status::Unknown) {
        3
    } else {
        0
    }
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

/// `gate --test-pack FILE`: runs every example the pack carries.
pub fn test_pack(
    file: &str,
    service_tags: Option<&str>,
    region: Option<&str>,
) -> Result<Vec<ExampleResult>, Error> {
    let p = pack::load(file)?;
    if p.examples.is_empty() {
        return Err(Error::input(
            file,
            0,
            "carries no `examples:` to test (each names resources and the expected pass/fail per requirement)",
        ));
    }
    let dir = Path::new(&p.source)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut out = Vec::new();
    for ex in &p.examples {
        let o = GateOptions {
            inputs: ex
                .resources
                .iter()
                .map(|r| dir.join(r).display().to_string())
                .collect(),
            packs: vec![file.to_string()],
            service_tags: service_tags.map(str::to_string),
            region: ex.region.clone().or_else(|| region.map(str::to_string)),
            no_lints: true,
            ..Default::default()
        };
        let r = run_gate(&o, &|| {})?;
        let mut checks = Vec::new();
        for (id, want) in &ex.expect {
            let of: Vec<Status> = r
                .outcomes
                .iter()
                .filter(|o| o.requirement.eq_ignore_ascii_case(id))
                .map(|o| o.status)
                .collect();
            let got = if of.is_empty() {
                "not evaluated"
            } else if of.contains(&Status::Fail) {
                "fail"
            } else if of.contains(&Status::Unknown) {
                "unknown"
            } else {
                "pass"
            };
            checks.push((id.clone(), want.to_ascii_lowercase(), got.to_string()));
        }
        let ok = checks.iter().all(|(_, w, g)| w == g);
        out.push(ExampleResult {
            name: ex.name.clone(),
            checks,
            ok,
        });
    }
    Ok(out)
}
