//! Requirement packs: YAML files naming what must (or must not) be reachable from which VMs. The
//! built-in `azure-vm-backup` pack is compiled in from `rules/packs/`; user packs are files.

use crate::error::Error;
use serde::Deserialize;

pub use crate::model::gate::Severity;

/// The built-in packs: (name, YAML).
pub const BUILTIN: [(&str, &str); 5] = [
    (
        "azure-vm-backup",
        include_str!("../../rules/packs/azure-vm-backup.yaml"),
    ),
    (
        "azure-sql-backup",
        include_str!("../../rules/packs/azure-sql-backup.yaml"),
    ),
    (
        "azure-hana-backup",
        include_str!("../../rules/packs/azure-hana-backup.yaml"),
    ),
    (
        "azure-mars",
        include_str!("../../rules/packs/azure-mars.yaml"),
    ),
    (
        "azure-site-recovery",
        include_str!("../../rules/packs/azure-site-recovery.yaml"),
    ),
];

/// Which VMs a requirement applies to; every list that is given must match (globs, any case).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selector {
    /// VM name globs.
    #[serde(default)]
    pub vms: Vec<String>,
    /// `vnet/subnet` globs.
    #[serde(default)]
    pub subnets: Vec<String>,
    /// NSG name globs (the NIC's or the subnet's).
    #[serde(default)]
    pub nsgs: Vec<String>,
    /// Regions.
    #[serde(default)]
    pub regions: Vec<String>,
    /// VM resource tags that must all be present with these values (globs, any case).
    #[serde(default)]
    pub tags: std::collections::BTreeMap<String, String>,
}

/// Inbound or outbound, for an assertion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Way {
    /// From the VM.
    Outbound,
    /// To the VM.
    Inbound,
}

/// A reachability assertion over the VM's NSGs.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reach {
    /// Direction.
    pub direction: Way,
    /// Inbound: the senders (a tag, `Internet`, `*`, a CIDR).
    #[serde(default)]
    pub from: Option<String>,
    /// Outbound: the destinations (`Storage.{region}` takes the VM's region).
    #[serde(default)]
    pub to: Option<String>,
    /// Destination ports.
    pub ports: Vec<u16>,
    /// `tcp` (default) or `udp`.
    #[serde(default)]
    pub protocol: Option<String>,
}

/// One requirement.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// Short id, unique in its pack.
    pub id: String,
    /// What it asks, in words.
    #[serde(default)]
    pub description: Option<String>,
    /// How bad a failure is (default error).
    #[serde(default)]
    pub severity: Option<Severity>,
    /// Which VMs (default all).
    #[serde(default)]
    pub select: Selector,
    /// The whole backup path check (`{}`; `ports: [...]` to choose ports).
    #[serde(default)]
    pub backup: Option<BackupReq>,
    /// Every address of the target must be reachable.
    #[serde(default)]
    pub must_reach: Option<Reach>,
    /// No address of the target may be reachable.
    #[serde(default)]
    pub must_not_reach: Option<Reach>,
}

/// The backup path check's options.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupReq {
    /// Ports instead of the disks' defaults.
    #[serde(default)]
    pub ports: Option<Vec<u16>>,
    /// A backup or recovery workload (`sql`, `hana`, `mars`, `mabs`, `asr`) instead of the VM backup
    /// extension: the requirement applies to the VMs the inputs show running it, and to those its selector
    /// names.
    #[serde(default)]
    pub workload: Option<String>,
}

impl BackupReq {
    /// The workload named, if any (checked when the pack is parsed).
    pub fn workload(&self) -> Option<crate::workload::WorkloadKind> {
        self.workload
            .as_deref()
            .and_then(crate::workload::WorkloadKind::parse)
    }
}

impl Selector {
    /// Names no VM in particular (every list empty).
    pub fn is_empty(&self) -> bool {
        self.vms.is_empty()
            && self.subnets.is_empty()
            && self.nsgs.is_empty()
            && self.regions.is_empty()
            && self.tags.is_empty()
    }
}

/// An example a pack carries for `gate --test-pack`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// What it shows.
    pub name: String,
    /// Resource files, relative to the pack file.
    pub resources: Vec<String>,
    /// Region for VMs whose NIC names none (templates that take it from the resource group).
    #[serde(default)]
    pub region: Option<String>,
    /// Requirement id → `pass`, `fail` or `unknown` (over all its VMs: fail if one fails).
    pub expect: std::collections::BTreeMap<String, String>,
}

/// A pack.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Its name.
    pub name: String,
    /// What it is for.
    #[serde(default)]
    pub description: Option<String>,
    /// The requirements.
    pub requirements: Vec<Requirement>,
    /// Examples for `--test-pack`.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Where it was read (`builtin:NAME` or the file).
    #[serde(skip)]
    pub source: String,
}

impl Requirement {
    /// The severity (default error).
    pub fn severity(&self) -> Severity {
        self.severity.unwrap_or(Severity::Error)
    }
}

/// Parses a pack; `source` names it in errors.
pub fn parse(text: &str, source: &str) -> Result<Pack, Error> {
    // the YAML reader's time grows with the square of the flow nesting: bounded first, as for scenarios
    crate::ingest::nsg_yaml::check_flow_depth(text, source)?;
    let mut p: Pack = serde_yaml::from_str(text).map_err(|e| {
        let (line, col) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        Error::Input(crate::InputError::at(
            source,
            line,
            col,
            format!("not a requirement pack: {e}"),
        ))
    })?;
    p.source = source.to_string();
    let mut seen = std::collections::HashSet::new();
    for r in &p.requirements {
        let kinds = [
            r.backup.is_some(),
            r.must_reach.is_some(),
            r.must_not_reach.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if kinds != 1 {
            return Err(Error::input(
                source,
                0,
                format!(
                    "requirement `{}` must have exactly one of `backup`, `must_reach`, `must_not_reach`",
                    r.id
                ),
            ));
        }
        if let Some(w) = r.backup.as_ref().and_then(|b| b.workload.as_deref())
            && crate::workload::WorkloadKind::parse(w).is_none()
        {
            return Err(Error::input(
                source,
                0,
                format!(
                    "requirement `{}`: workload `{w}` is not one of vm, sql, hana, mars, mabs, asr",
                    r.id
                ),
            ));
        }
        if !seen.insert(r.id.to_ascii_lowercase()) {
            return Err(Error::input(
                source,
                0,
                format!("requirement id `{}` appears twice", r.id),
            ));
        }
        for reach in [&r.must_reach, &r.must_not_reach].into_iter().flatten() {
            let ok = match reach.direction {
                Way::Inbound => reach.from.is_some(),
                Way::Outbound => reach.to.is_some(),
            };
            if !ok || reach.ports.is_empty() {
                return Err(Error::input(
                    source,
                    0,
                    format!(
                        "requirement `{}`: inbound needs `from`, outbound needs `to`, and both need `ports`",
                        r.id
                    ),
                ));
            }
        }
    }
    Ok(p)
}

/// A built-in pack by name, or a pack file.
pub fn load(name_or_file: &str) -> Result<Pack, Error> {
    if let Some((n, text)) = BUILTIN
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name_or_file))
    {
        return parse(text, &format!("builtin:{n}"));
    }
    if !std::path::Path::new(name_or_file).exists() {
        let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
        return Err(Error::Usage(format!(
            "--pack `{name_or_file}` is neither a built-in pack ({}) nor a file",
            names.join(", ")
        )));
    }
    parse(&crate::ingest::read(name_or_file)?, name_or_file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_pack_parses() {
        let p = load("azure-vm-backup").unwrap();
        assert_eq!(p.requirements[0].id, "backup-storage");
        assert!(p.requirements[0].backup.is_some());
    }

    #[test]
    fn the_workload_packs_parse() {
        // workloads-egress.md §2–§6: one pack per workload beside azure-vm-backup
        for (n, k) in [
            ("azure-sql-backup", "sql"),
            ("azure-hana-backup", "hana"),
            ("azure-mars", "mars"),
            ("azure-site-recovery", "asr"),
        ] {
            let p = load(n).unwrap();
            let b = p.requirements[0].backup.as_ref().unwrap();
            assert_eq!(b.workload.as_deref(), Some(k));
            assert!(b.workload().is_some());
        }
        let e = parse(
            "name: x\nrequirements:\n  - id: a\n    backup: {workload: db2}\n",
            "p.yaml",
        )
        .unwrap_err();
        assert!(e.to_string().contains("db2"), "{e}");
    }

    #[test]
    fn a_requirement_needs_exactly_one_kind() {
        let e = parse(
            "name: x\nrequirements:\n  - id: a\n    backup: {}\n    must_reach: {direction: outbound, to: Internet, ports: [443]}\n",
            "p.yaml",
        )
        .unwrap_err();
        assert!(e.to_string().contains("exactly one"), "{e}");
        let e = parse(
            "name: x\nrequirements:\n  - id: a\n    bakup: {}\n",
            "p.yaml",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("p.yaml:4:"), "{e}");
    }
}
