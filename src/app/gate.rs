//! `azegress gate`: reads the inputs once (files, or directories scanned for `.json`), builds every VM's
//! path, runs the packs and lints (`crate::gate`), applies the baseline, and decides the exit code.

use crate::error::Error;
use crate::gate::pack::{self, Pack, Severity};
use crate::gate::{self, GateInputs, GateReport, Status};
use crate::ingest::topology::Resources;
use crate::requirements::Disks;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

pub use crate::model::gate::ExampleResult;

/// What `azegress gate` was asked.
#[derive(Clone, Debug, Default)]
pub struct GateOptions {
    /// Resource files or directories.
    pub inputs: Vec<String>,
    /// Pack names or files (default: azure-vm-backup).
    pub packs: Vec<String>,
    /// Region for VMs whose NIC names none.
    pub region: Option<String>,
    /// Site Recovery's target region where the replication resources do not say it.
    pub target_region: Option<String>,
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
    /// Terraform variable values for the configurations among the inputs.
    pub tf_vars: crate::ingest::tf_config::VarInputs,
    /// ARM parameter files for the templates among the inputs.
    pub parameters: Vec<String>,
    /// VNet address space for VMs whose VNet is not among the inputs.
    pub vnet: Vec<String>,
    /// The proxies' squid.conf files.
    pub squid_conf: Vec<String>,
    /// `--admin-rules [VNET=]FILE`: effective security admin rules for the VNet named (or every VNet).
    pub admin_rules: Vec<String>,
    /// `--allow CODE` (findings of that code are accepted) / `--deny CODE` (raised to errors).
    pub policy: crate::diag::Policy,
    /// Inputs that hold no VM, subnet or NSG pass (exit 0) instead of being inconclusive (exit 3).
    pub allow_empty: bool,
    /// An assumption listed among the notes (a VM's subnet not in the inputs, its disk kind not stated)
    /// makes the run inconclusive (exit 3) unless something fails.
    pub strict: bool,
    /// The report files the caller will write (`--sarif`, `--junit`, `--markdown`, `--output`): refused when
    /// one of them is an input the run reads, and never read as an input from a gated directory.
    pub reports: Vec<String>,
    /// `--skip-path GLOB` (and the configuration's `skip-paths`): files and directories not read at all.
    pub skip_paths: Vec<String>,
    /// Findings accepted by fingerprint, each with where it was accepted (`.azegress.yaml`'s `suppress`).
    pub suppress_fingerprints: Vec<(String, String)>,
}

/// The real path of `p`, when it exists.
fn real(p: &str) -> Option<std::path::PathBuf> {
    std::fs::canonicalize(p).ok()
}

/// A baseline file.
#[derive(Serialize, Deserialize)]
struct Baseline {
    schema_version: u32,
    fingerprints: Vec<String>,
}

/// What `gate` reads: the files, each once, and the paths passed over with why.
#[derive(Clone, Debug, Default)]
pub struct Expanded {
    /// Files named, then the `.json` files of each directory (sorted, so the order is stable).
    pub files: Vec<String>,
    /// Notes on the `.json` paths of the directories that were not read (not regular files).
    pub skipped: Vec<String>,
    /// Files and directories not read because `--skip-path` excludes them (each named once).
    pub excluded: Vec<String>,
}

/// `--skip-path` globs, matched as `.gitignore` patterns are: against the path as gate names it, against
/// the path below the directory given, and — for a pattern without `/` — against the file or directory
/// name alone; `*` crosses `/`. A pattern ending in `/**` also excludes the directory itself.
#[derive(Clone, Debug, Default)]
pub struct SkipPaths {
    /// (the pattern as given, whether it holds a `/`, its matcher, the matcher for a directory)
    globs: Vec<(
        String,
        bool,
        globset::GlobMatcher,
        Option<globset::GlobMatcher>,
    )>,
}

impl SkipPaths {
    /// Compiles the patterns; a pattern that is not a glob is a usage error naming it.
    pub fn new(patterns: &[String]) -> Result<SkipPaths, Error> {
        let compile = |p: &str| {
            globset::GlobBuilder::new(p)
                .literal_separator(false)
                .backslash_escape(true)
                .build()
                .map(|g| g.compile_matcher())
                .map_err(|e| {
                    Error::Usage(format!(
                        "--skip-path `{p}`: not a glob ({e}); e.g. --skip-path 'legacy/**' or --skip-path '*.draft.json'"
                    ))
                })
        };
        let mut globs = Vec::new();
        for p in patterns {
            let t = p.trim().trim_start_matches("./");
            let t = t.strip_suffix('/').unwrap_or(t);
            if t.is_empty() {
                return Err(Error::Usage(format!(
                    "--skip-path `{p}`: an empty pattern; e.g. --skip-path 'legacy/**'"
                )));
            }
            let dir = match t.strip_suffix("/**") {
                Some(d) if !d.is_empty() => Some(compile(d)?),
                _ => None,
            };
            globs.push((p.clone(), t.contains('/'), compile(t)?, dir));
        }
        Ok(SkipPaths { globs })
    }

    /// Whether no pattern was given.
    pub fn is_empty(&self) -> bool {
        self.globs.is_empty()
    }

    /// The pattern that excludes `path` (found below the input `root`, or named itself when `root` is
    /// `None`), if one does.
    pub fn excludes(&self, path: &Path, root: Option<&Path>, is_dir: bool) -> Option<&str> {
        if self.globs.is_empty() {
            return None;
        }
        let norm = |p: &Path| {
            let s = p.to_string_lossy().replace('\\', "/");
            let s = s.trim_start_matches("./").to_string();
            s.strip_suffix('/').map(str::to_string).unwrap_or(s)
        };
        let full = norm(path);
        let below = root
            .and_then(|r| path.strip_prefix(r).ok())
            .map(norm)
            .filter(|s| !s.is_empty());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let own = self.globs.iter().find_map(|(p, slash, g, dir)| {
            let m =
                |s: &str| g.is_match(s) || (is_dir && dir.as_ref().is_some_and(|d| d.is_match(s)));
            let hit = m(&full)
                || below.as_deref().is_some_and(m)
                || (!slash && !name.is_empty() && m(&name));
            hit.then_some(p.as_str())
        });
        // a path named on the command line is excluded by a pattern that excludes a directory it lies in
        // (paths found in a directory met theirs on the way down)
        own.or_else(|| {
            if root.is_some() {
                return None;
            }
            path.ancestors()
                .skip(1)
                .filter(|a| !a.as_os_str().is_empty() && a.file_name().is_some())
                .find_map(|a| self.excludes(a, Some(Path::new("")), true))
        })
    }
}

/// What identifies a file or directory whatever the path to it: device and inode (the canonical path
/// where there are none).
#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = std::path::PathBuf;

#[cfg(unix)]
fn file_id(_p: &Path, m: &std::fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}
#[cfg(not(unix))]
fn file_id(p: &Path, _m: &std::fs::Metadata) -> Option<FileId> {
    std::fs::canonicalize(p).ok()
}

pub use crate::ingest::file_kind;

/// The local module directories the `.tf` and `.tf.json` files of `dir` call (`source = "./x"` or
/// `"../x"`), by real path.
fn local_calls(dir: &Path) -> Vec<std::path::PathBuf> {
    static SOURCE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = SOURCE.get_or_init(|| {
        regex::Regex::new(r#""?source"?\s*[=:]\s*"(\.\.?/[^"]*)""#).expect("a valid pattern")
    });
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in rd.filter_map(Result::ok) {
        let n = e.file_name().to_string_lossy().to_ascii_lowercase();
        if !(n.ends_with(".tf") || n.ends_with(".tf.json")) {
            continue;
        }
        let Ok(text) = crate::ingest::read(&e.path().display().to_string()) else {
            continue;
        };
        for c in re.captures_iter(&text) {
            if let Ok(r) = std::fs::canonicalize(dir.join(&c[1])) {
                out.push(r);
            }
        }
    }
    out
}

/// Files named, directories scanned recursively for `.json` and `.tfstate` files (sorted, so the order is
/// stable); a directory holding `*.tf` files is a Terraform module, read whole, and what lies beside and
/// below it is read too; a module another module of the tree calls is read through the call. Each
/// file is read once however many paths lead to it (symbolic links, a directory named twice); a link back
/// to a directory already scanned (`self -> .`) is not followed again; a `.json` path that is not a
/// regular file (a FIFO would block the run) is skipped with a note.
pub fn expand_inputs(inputs: &[String]) -> Result<Expanded, Error> {
    expand_inputs_skipping(inputs, &SkipPaths::default())
}

/// [`expand_inputs`], leaving out (unread) every file and directory `skip` excludes: each is listed once in
/// [`Expanded::excluded`].
pub fn expand_inputs_skipping(inputs: &[String], skip: &SkipPaths) -> Result<Expanded, Error> {
    let mut seen_dirs: HashSet<FileId> = HashSet::new();
    let mut seen_files: HashSet<FileId> = HashSet::new();
    let mut out = Expanded::default();
    for i in inputs {
        let p = Path::new(i);
        let meta = std::fs::metadata(p).ok();
        if let Some(g) = skip.excludes(p, None, meta.as_ref().is_some_and(|m| m.is_dir())) {
            out.excluded.push(format!("{i} ({g})"));
            continue;
        }
        match &meta {
            Some(m) if m.is_dir() => {
                let io = |path: &Path| {
                    let path = path.display().to_string();
                    move |source| Error::Io { path, source }
                };
                if let Some(id) = file_id(p, m)
                    && !seen_dirs.insert(id)
                {
                    continue;
                }
                let mut found = Vec::new();
                // the Terraform modules met on the way (a directory holding `*.tf`): each read as a
                // whole, and the exports, templates and states beside and below it read too
                let mut modules: Vec<std::path::PathBuf> = Vec::new();
                // a link is followed only to what lies inside the directory named (`r -> /` would walk
                // the file system, `x -> ../outside` gate what was not asked for)
                let root_real = std::fs::canonicalize(p).map_err(io(p))?;
                // depth first in name order, so which path to a file is kept does not depend on the
                // order the file system lists entries
                let mut stack = vec![p.to_path_buf()];
                while let Some(dir) = stack.pop() {
                    if crate::ingest::tf_config::is_module_dir(&dir) {
                        modules.push(dir.clone());
                    }
                    let mut entries = std::fs::read_dir(&dir)
                        .and_then(|rd| {
                            rd.map(|e| e.map(|e| e.path()))
                                .collect::<Result<Vec<_>, _>>()
                        })
                        .map_err(io(&dir))?;
                    entries.sort();
                    let mut subdirs = Vec::new();
                    for e in entries {
                        // JSON exports, and Terraform state files (`terraform.tfstate`, JSON too); a
                        // module's own JSON files (`*.tf.json`, `*.tfvars.json`) are read with it
                        let lower = e
                            .file_name()
                            .map(|n| n.to_string_lossy().to_ascii_lowercase())
                            .unwrap_or_default();
                        let json = (lower.ends_with(".json") || lower.ends_with(".tfstate"))
                            && !lower.ends_with(".tf.json")
                            && !lower.ends_with(".tfvars.json");
                        if std::fs::symlink_metadata(&e).is_ok_and(|m| m.file_type().is_symlink()) {
                            match std::fs::canonicalize(&e) {
                                Err(_) => {
                                    if json || e.extension().is_none() {
                                        out.skipped.push(format!(
                                            "skipped `{}`: a link to nothing",
                                            e.display()
                                        ));
                                    }
                                    continue;
                                }
                                Ok(t) if !t.starts_with(&root_real) => {
                                    out.skipped.push(format!(
                                        "skipped `{}`: a link to `{}`, outside `{i}` (gate follows links only within the directory it is given)",
                                        e.display(),
                                        t.display()
                                    ));
                                    continue;
                                }
                                Ok(_) => {}
                            }
                        }
                        let Ok(m) = std::fs::metadata(&e) else {
                            continue;
                        };
                        if (m.is_dir() || json)
                            && let Some(g) = skip.excludes(&e, Some(p), m.is_dir())
                        {
                            out.excluded.push(format!(
                                "{}{} ({g})",
                                e.display(),
                                if m.is_dir() { "/" } else { "" }
                            ));
                            continue;
                        }
                        if m.is_dir() {
                            if lower == ".terraform" || lower == ".git" {
                                // `terraform init`'s downloads (read through the module that calls
                                // them), and git's own files
                            } else if file_id(&e, &m).is_none_or(|id| seen_dirs.insert(id)) {
                                subdirs.push(e);
                            }
                        } else if json {
                            if !m.is_file() {
                                out.skipped.push(format!(
                                    "skipped `{}`: {}, not a regular file (gate reads regular files and directories of them)",
                                    e.display(),
                                    file_kind(m.file_type())
                                ));
                            } else if file_id(&e, &m).is_none_or(|id| seen_files.insert(id)) {
                                found.push(e);
                            }
                        }
                    }
                    stack.extend(subdirs.into_iter().rev());
                }
                // a module another module of the tree calls (`source = "./modules/vnet"`) is read
                // through that call, with its inputs; the others are root modules, each its own graph
                // (the directory named is a root whatever calls it; a module calling itself is no
                // caller)
                let mut called: HashSet<std::path::PathBuf> = HashSet::new();
                for d in &modules {
                    let me = std::fs::canonicalize(d).unwrap_or_else(|_| d.clone());
                    called.extend(local_calls(d).into_iter().filter(|c| *c != me));
                }
                for d in modules {
                    let real = std::fs::canonicalize(&d).unwrap_or_else(|_| d.clone());
                    if real == root_real || !called.contains(&real) {
                        found.push(d);
                    }
                }
                found.sort();
                out.files
                    .extend(found.into_iter().map(|p| p.display().to_string()));
            }
            // a file named twice, or also found in a directory named before it, is read once
            Some(m) if file_id(p, m).is_some_and(|id| !seen_files.insert(id)) => {}
            _ => out.files.push(i.clone()),
        }
    }
    // every input excluded by --skip-path: the caller decides (nothing to gate)
    if out.files.is_empty() && out.excluded.is_empty() {
        let mut m = "gate needs resources: az list output, Resource Graph pages, ARM templates, Terraform plans or configurations (a directory of `.tf` files), or a directory of them".to_string();
        for s in &out.skipped {
            m.push_str("; ");
            m.push_str(s);
        }
        return Err(Error::Usage(m));
    }
    Ok(out)
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
    // a baseline that is not there yet: the one line says how to make it (unless this run writes it)
    if let Some(b) = &o.baseline
        && o.write_baseline.as_deref() != Some(b.as_str())
        && !crate::ingest::is_stdin(b)
        && std::fs::symlink_metadata(b).is_err()
    {
        return Err(Error::Usage(format!(
            "--baseline {b}: no such file; create it: run once with --write-baseline {b} (it records the fingerprints of today's findings), commit it, then pass --baseline {b}"
        )));
    }
    let skip = SkipPaths::new(&o.skip_paths)?;
    let Expanded {
        mut files,
        skipped,
        excluded,
    } = expand_inputs_skipping(&o.inputs, &skip)?;
    if files.is_empty() && !o.allow_empty {
        return Err(Error::Usage(format!(
            "--skip-path excludes every input ({}): nothing is left to gate; name other paths, narrow the pattern, or pass --allow-empty to pass when nothing is left",
            crate::ingest::name_list(excluded.iter().map(String::as_str))
        )));
    }
    // the baseline and the reports are the tool's own files, never inputs (they sit beside the exports
    // they gate)
    let own: Vec<std::path::PathBuf> = [&o.baseline, &o.write_baseline]
        .into_iter()
        .flatten()
        .chain(&o.reports)
        .filter_map(|b| real(b))
        .collect();
    if !own.is_empty() {
        // found in a directory (a file named on the command line is an input as named)
        files.retain(|f| o.inputs.contains(f) || real(f).is_none_or(|r| !own.contains(&r)));
        if files.is_empty() {
            return Err(Error::Usage(
                "gate needs resources besides its own baseline and reports: name the exports, templates or Terraform directories to gate".into(),
            ));
        }
    }
    let params = crate::ingest::template::load_parameter_files(&o.parameters)?;
    crate::ingest::template::set_deployment_region(o.region.clone());
    // each Terraform root module is a graph of its own (names never join across `envs/dev` and
    // `envs/prod`); the other files are one graph (a tenant's exports join across files)
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut rest: Vec<String> = Vec::new();
    for f in &files {
        if crate::ingest::tf_config::module_dir(f).is_some() {
            groups.push(vec![f.clone()]);
        } else {
            rest.push(f.clone());
        }
    }
    if !rest.is_empty() {
        groups.insert(0, rest);
    }
    // a file that cannot be read is an input error at its place, and the rest is still gated (the run
    // exits 2 at the end); when nothing can be read, the first error is the answer
    let mut input_errors: Vec<Error> = Vec::new();
    let all_res: Vec<Resources> = crate::ingest::template::with_parameters(params, || {
        crate::ingest::tf_config::with_vars(o.tf_vars.clone(), || {
            let mut out = Vec::new();
            for g in &groups {
                match Resources::load(g) {
                    Ok(r) => out.push(r),
                    Err(e) if g.len() == 1 => input_errors.push(e),
                    Err(_) => {
                        let mut good = Vec::new();
                        for f in g {
                            match Resources::load(std::slice::from_ref(f)) {
                                Ok(_) => good.push(f.clone()),
                                Err(e) => input_errors.push(e),
                            }
                        }
                        if !good.is_empty() {
                            match Resources::load(&good) {
                                Ok(r) => out.push(r),
                                Err(e) => input_errors.push(e),
                            }
                        }
                    }
                }
            }
            out
        })
    });
    if all_res.is_empty()
        && let Some(e) = input_errors.drain(..).next()
    {
        return Err(e);
    }
    // a report written over an input (an export, a module's `main.tf`) destroys it: refused before anything
    // is written
    let read: HashSet<std::path::PathBuf> = all_res
        .iter()
        .flat_map(|r| r.read_files())
        .filter_map(|f| real(f))
        .collect();
    for w in o.reports.iter().chain(&o.write_baseline) {
        if let Some(r) = real(w)
            && read.contains(&r)
        {
            return Err(Error::Usage(format!(
                "`{w}` is one of the inputs this run reads: writing the report there would destroy it; name another file"
            )));
        }
    }
    let tags = Arc::new(super::load_tags(o.service_tags.as_deref())?);
    // every VM, subnet and NSG the inputs hold is gated
    let mut vms: Vec<Result<crate::model::VmPath, String>> = Vec::new();
    let mut subjects = crate::ingest::topology::Subjects::default();
    let mut nsgs = Vec::new();
    let mut firewalls = Vec::new();
    for (g, res) in all_res.iter().enumerate() {
        let graph = u32::try_from(g).unwrap_or(u32::MAX);
        let s = res.subjects();
        vms.extend(s.paths.into_iter().map(|p| {
            p.map(|mut p| {
                if p.vnet.is_empty() {
                    p.vnet = o.vnet.clone();
                }
                p.graph = graph;
                p
            })
        }));
        subjects.reserved_subnets.extend(s.reserved_subnets);
        subjects.unattached_nics.extend(s.unattached_nics);
        subjects.bare_subnets.extend(s.bare_subnets);
        if !o.no_lints {
            for n in res.all_nsgs() {
                match n {
                    Ok(n) => nsgs.push(n),
                    Err(e) => input_errors.push(e),
                }
            }
        }
        match res.firewalls() {
            Ok(fs) => firewalls.extend(fs.into_iter().map(|mut f| {
                f.graph = graph;
                Arc::new(f)
            })),
            Err(e) => input_errors.push(e),
        }
    }
    // nothing at all could be built: the first error is the answer, as for one unreadable file
    if vms.is_empty()
        && nsgs.is_empty()
        && firewalls.is_empty()
        && let Some(e) = input_errors.drain(..).next()
    {
        return Err(e);
    }
    let empty = vms.is_empty();
    let squids = o
        .squid_conf
        .iter()
        .map(|p| crate::ingest::proxy::load_squid(p))
        .collect::<Result<Vec<_>, _>>()?;
    let mut admin = Vec::new();
    for a in &o.admin_rules {
        // `VNET=FILE` names the VNet the effective rules are of; a bare FILE applies to every VNet
        let (vnet, file) = match a.split_once('=') {
            Some((v, f))
                if !v.is_empty() && !v.contains('/') && !std::path::Path::new(a).exists() =>
            {
                (Some(v.to_string()), f)
            }
            _ => (None, a.as_str()),
        };
        admin.push((vnet, crate::ingest::admin_rules::load_admin_rules(file)?));
    }
    // `VNET=FILE` naming a VNet that no subject is in would apply the rules to nothing, in silence
    let held: std::collections::BTreeSet<String> = vms
        .iter()
        .filter_map(|p| p.as_ref().ok())
        .filter_map(|p| p.subnet.as_deref()?.split('/').next().map(str::to_string))
        .filter(|v| !v.is_empty())
        .collect();
    for (v, _) in &admin {
        if let Some(v) = v
            && !held.iter().any(|h| h.eq_ignore_ascii_case(v))
        {
            return Err(Error::Usage(format!(
                "--admin-rules {v}=…: no VM or subnet among the inputs is in a VNet named `{v}`; the inputs hold {}",
                if held.is_empty() {
                    "no VNet (pass FILE alone to apply the rules to every subject)".to_string()
                } else {
                    crate::ingest::name_list(held.iter().map(String::as_str))
                }
            )));
        }
    }
    // which VMs run a backup or recovery workload: read from the graph, and only when a pack asks (a workload
    // requirement); the VM backup pack applies to every VM
    let wants_workloads = packs.iter().any(|p| {
        p.requirements.iter().any(|r| {
            r.backup
                .as_ref()
                .and_then(|b| b.workload())
                .is_some_and(|k| k != crate::workload::WorkloadKind::Vm)
        })
    });
    let mut running = crate::workload::detect::Running::default();
    if wants_workloads {
        for res in &all_res {
            res.each_of_kinds(crate::workload::detect::KINDS, |ty, o| {
                running.resource(ty, o)
            });
        }
    }
    let inp = GateInputs {
        admin,
        bare_subnets: subjects.bare_subnets.clone(),
        vms,
        nsgs,
        firewalls,
        squids,
        tags,
        packs,
        disks: o.disks,
        ports: o.ports.clone(),
        region: o.region.clone(),
        target_region: o.target_region.clone(),
        lints: !o.no_lints,
        running,
    };
    o.policy.validate().map_err(Error::Usage)?;
    // what the report says of the inputs, taken before the resources (every input's text among them) are
    // let go: the paths, NSGs and firewalls hold all the evaluation reads
    let empty_files: Vec<String> = all_res
        .iter()
        .flat_map(|r| r.empty_files())
        .map(String::from)
        .collect();
    let template_notes: Vec<_> = all_res
        .iter()
        .flat_map(|r| r.template_notes().iter().cloned())
        .collect();
    let unresolved: Vec<crate::diag::Diagnostic> = all_res
        .iter()
        .flat_map(|r| r.unresolved().iter().cloned())
        .collect();
    // a subject whose path cannot be known offline leaves the run inconclusive
    let paths_unknown = inp.vms.iter().any(|v| {
        v.as_ref()
            .err()
            .is_some_and(|e| e.starts_with(crate::ingest::topology::PATH_UNKNOWN))
    });
    let path_errors: Vec<String> = inp
        .vms
        .iter()
        .filter_map(|v| v.as_ref().err())
        .filter(|e| !e.starts_with(crate::ingest::topology::PATH_UNKNOWN))
        .cloned()
        .collect();
    // what takes part in no verdict, per graph: named, never dropped in silence
    let mut not_taking_part: Vec<String> = Vec::new();
    for (g, res) in all_res.iter().enumerate() {
        let graph = u32::try_from(g).unwrap_or(u32::MAX);
        let paths: Vec<&crate::model::VmPath> = inp
            .vms
            .iter()
            .filter_map(|p| p.as_ref().ok())
            .filter(|p| p.graph == graph)
            .collect();
        let used: HashSet<String> = paths
            .iter()
            .filter_map(|p| p.firewall_among(inp.firewalls.iter().map(|f| &**f)))
            .map(|f| f.name.to_ascii_lowercase())
            .collect();
        not_taking_part.extend(res.not_taking_part(paths, &used));
    }
    let tf_notes: Vec<crate::diag::Diagnostic> = all_res
        .iter()
        .flat_map(|r| r.tf_notes().iter().cloned())
        .collect();
    let summary = if empty {
        all_res
            .iter()
            .map(Resources::summary)
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        String::new()
    };
    drop(all_res);
    // what the firewalls' own readings assume (a private IP left to Azure) is listed, so `--strict` weighs it
    let fw_assumed: Vec<crate::diag::Diagnostic> = inp
        .firewalls
        .iter()
        .flat_map(|f| {
            f.warnings
                .iter()
                .filter(|d| d.kind == crate::diag::Kind::Assumption)
                .map(move |d| {
                    let mut d = d.clone();
                    d.message = format!("firewall `{}`: {}", f.name, d.message);
                    d
                })
        })
        .collect();
    let mut report = gate::run(&inp, done);
    for d in fw_assumed {
        if !report.notes.iter().any(|n| n.message == d.message) {
            report.notes.push(d);
        }
    }
    for e in &input_errors {
        // what cannot be known offline leaves the run inconclusive; anything else is an input error
        if let Error::Unknown(m) = e {
            report.notes.push(crate::diag::Diagnostic::new(
                &crate::diag::RESOURCE_UNKNOWN,
                m.clone(),
            ));
            report.nothing_to_gate = true;
            continue;
        }
        report.notes.push(crate::diag::Diagnostic::new(
            &crate::diag::INPUT_ERROR,
            e.to_string(),
        ));
    }
    if !empty && !empty_files.is_empty() {
        report.notes.push(crate::diag::Diagnostic::new(
            &crate::diag::FILE_WITHOUT_RESOURCES,
            format!(
                "no resource gate reads in {}: these files took no part (gate reads az list output, Resource Graph exports, ARM templates and Terraform plans)",
                crate::ingest::name_list(empty_files.iter().map(String::as_str))
            ),
        ));
    }
    // what templates did not deploy or did not follow: named, never silent
    report.notes.extend(template_notes);
    // what a Terraform configuration leaves unknown that can change a verdict: the gate is inconclusive
    // unless something fails
    for u in unresolved {
        report.notes.push(u);
        report.nothing_to_gate = true;
    }
    report.notes.extend(tf_notes);
    if paths_unknown {
        report.nothing_to_gate = true;
    }
    // a subject whose resources are invalid: an input error, the rest gated, the run exits 2
    for e in &path_errors {
        report.notes.push(crate::diag::Diagnostic::new(
            &crate::diag::INPUT_ERROR,
            e.clone(),
        ));
    }
    if !not_taking_part.is_empty() {
        report.notes.push(crate::diag::Diagnostic::new(
            &crate::diag::NOT_TAKING_PART,
            format!("take part in no verdict: {}", not_taking_part.join("; ")),
        ));
    }
    if !subjects.unattached_nics.is_empty() {
        report.notes.push(crate::diag::Diagnostic::new(
            &crate::diag::NIC_WITHOUT_VM,
            format!(
                "NICs attached to no VM are not gated: {}",
                crate::ingest::name_list(subjects.unattached_nics.iter().map(String::as_str))
            ),
        ));
    }
    if !subjects.reserved_subnets.is_empty() {
        report.notes.push(crate::diag::Diagnostic::new(
            &crate::diag::RESERVED_SUBNET,
            format!(
                "not gated as a VM in them (no VM runs in a subnet Azure reserves for its own services; their NSGs are gated on their own): {}",
                crate::ingest::name_list(subjects.reserved_subnets.iter().map(String::as_str))
            ),
        ));
    }
    let assumed = report
        .notes
        .iter()
        .filter(|d| d.kind == crate::diag::Kind::Assumption)
        .count();
    if o.strict && assumed > 0 {
        report.notes.insert(
            0,
            crate::diag::Diagnostic::new(
                &crate::diag::STRICT_UNKNOWN,
                format!(
                    "--strict: the verdicts rest on {assumed} assumption(s) listed below; each is a gap in the evidence, so the gate is inconclusive"
                ),
            ),
        );
        report.nothing_to_gate = true;
    }
    if empty {
        // nothing to gate is never a pass
        report.notes.push(crate::diag::Diagnostic::new(
            &crate::diag::NOTHING_TO_GATE,
            format!(
                "nothing to gate: {}{}",
                if files.is_empty() {
                    "--skip-path excluded every input".to_string()
                } else {
                    format!(
                        "no VM, subnet or NSG in {} ({})",
                        crate::ingest::name_list(files.iter().map(String::as_str)),
                        summary
                    )
                },
                if o.allow_empty {
                    "; --allow-empty: passing"
                } else {
                    "; gate reads az list output, Resource Graph exports, ARM templates and Terraform plans (pass --allow-empty if the repository legitimately holds none)"
                }
            ),
        ));
        report.nothing_to_gate = !o.allow_empty;
    }
    report.notes.extend(
        skipped
            .into_iter()
            .map(|m| crate::diag::Diagnostic::new(&crate::diag::FILE_SKIPPED, m)),
    );
    if !excluded.is_empty() {
        report.notes.push(crate::diag::Diagnostic::new(
            &crate::diag::FILE_SKIPPED,
            format!(
                "not read, excluded by --skip-path: {}",
                crate::ingest::name_list(excluded.iter().map(String::as_str))
            ),
        ));
    }
    // by code: --allow accepts (like an inline suppression, with the flag as the reason), --deny fails
    o.policy.apply(&mut report.notes);
    for f in &mut report.findings {
        if let Some(c) = o
            .policy
            .allow
            .iter()
            .find(|c| crate::diag::lookup(c).is_some_and(|i| i.code == f.code))
        {
            f.suppressed.get_or_insert_with(|| format!("--allow {c}"));
        }
        if o.policy
            .deny
            .iter()
            .any(|c| crate::diag::lookup(c).is_some_and(|i| i.code == f.code))
        {
            f.severity = gate::pack::Severity::Error;
        }
    }
    for f in &mut report.findings {
        if let Some((_, why)) = o
            .suppress_fingerprints
            .iter()
            .find(|(fp, _)| fp.eq_ignore_ascii_case(&f.fingerprint))
        {
            f.suppressed.get_or_insert_with(|| why.clone());
        }
    }
    let rewriting = o.baseline.is_some() && o.baseline == o.write_baseline;
    if let Some(b) = &o.baseline
        && !(rewriting && std::fs::symlink_metadata(b).is_err())
    {
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
        // what the new baseline records is accepted from now on: this run passes on it as the next will
        for f in &mut report.findings {
            if f.suppressed.is_none() {
                f.baselined = true;
            }
        }
        let text = serde_json::to_string_pretty(&Baseline {
            schema_version: 1,
            fingerprints: fps,
        })
        .unwrap_or_default();
        super::write::write_file(w, (text + "\n").as_bytes(), super::write::Existing::Replace)?;
    }
    // one line per distinct note (an NSG that cannot be read is met by the lints and by a path)
    let mut seen = HashSet::new();
    report
        .notes
        .retain(|d| seen.insert((d.code, d.message.clone())));
    Ok(report)
}

/// 2 when an input could not be read (the rest was gated and reported); 1 when a finding at or above
/// `fail_on` is neither suppressed nor in the baseline; else 3 when a
/// requirement could not be decided; else 0.
pub fn exit_code(r: &GateReport, fail_on: Severity) -> u8 {
    // an input that could not be read: the rest was gated and reported, but the run is not a verdict
    if r.notes
        .iter()
        .any(|d| d.code == crate::diag::INPUT_ERROR.code)
    {
        return 2;
    }
    let open = |f: &&gate::Finding| f.suppressed.is_none() && !f.baselined;
    if r.findings
        .iter()
        .filter(open)
        .any(|f| f.severity >= fail_on && !f.inconclusive)
    {
        1
    } else if r.nothing_to_gate
        || r.outcomes.iter().any(|o| o.status == Status::Unknown)
        || r.findings.iter().filter(open).any(|f| f.inconclusive)
    {
        3
    } else {
        0
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_paths_match_as_gitignore_patterns_do() {
        let s = SkipPaths::new(&[
            "legacy/**".to_string(),
            "*.draft.json".to_string(),
            "scratch".to_string(),
        ])
        .unwrap();
        let root = Some(Path::new("infra"));
        let ex = |p: &str, dir: bool| s.excludes(Path::new(p), root, dir);
        // below the directory given; the directory itself for `/**`
        assert_eq!(ex("infra/legacy/a.json", false), Some("legacy/**"));
        assert_eq!(ex("infra/legacy", true), Some("legacy/**"));
        assert_eq!(ex("infra/legacy", false), None);
        // `*` crosses `/`; a pattern without `/` matches the name at any depth
        assert_eq!(ex("infra/a/b/x.draft.json", false), Some("*.draft.json"));
        assert_eq!(ex("infra/a/scratch", true), Some("scratch"));
        assert_eq!(ex("infra/a/main.json", false), None);
        // a file named on the command line, inside an excluded directory
        assert_eq!(
            s.excludes(Path::new("env/scratch/x.json"), None, false),
            Some("scratch")
        );
        assert_eq!(s.excludes(Path::new("env/ok/x.json"), None, false), None);
        assert!(SkipPaths::new(&["[".to_string()]).is_err());
    }

    #[test]
    fn fingerprints_leave_positions_out() {
        // a VM whose path cannot be built: the message names the file and line, the fingerprint must not
        assert_eq!(
            crate::gate::without_positions("nics.json:12:5: NIC `a` names no subnet"),
            crate::gate::without_positions("nics.json:40:5: NIC `a` names no subnet")
        );
        assert_eq!(
            crate::gate::without_positions("f.json:3: x"),
            "f.json: x".to_string()
        );
    }
}
