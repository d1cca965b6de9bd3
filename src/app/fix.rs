//! `azegress fix`: gathers the inputs as `check` does, asks [`crate::fix`] for the change, renders it in
//! the languages asked for, and — for the user's own JSON files — writes `<stem>.fixed.<ext>` beside them
//! (never over them) and checks the written file again from disk, as the user would.

use super::write::{Existing, write_file};
use super::{CheckOptions, gather_inputs};
use crate::error::Error;
use crate::fix::file::nsg_file_edit;
use crate::fix::{Change, Fix, FixOption, NsgSlot};
use crate::ingest::scenario;
use crate::model::*;
use crate::report::emit::{Emit, emit};

pub use crate::model::fix::{Emitted, FixReport, FixedFile};

/// What `fix` was asked.
#[derive(Clone, Debug)]
pub struct FixOptions {
    /// The same inputs as `check`.
    pub check: CheckOptions,
    /// The egress option.
    pub option: FixOption,
    /// Languages to emit (default: azcli).
    pub emit: Vec<Emit>,
    /// Write the `.fixed` files.
    pub write: bool,
    /// Replace a `.fixed` file that exists already (else it is kept and `fix` stops).
    pub force: bool,
}

/// Names Azure accepts for NSGs, rules, route tables and firewalls: 1–80 word characters, `.`, `-`,
/// starting with a letter or digit and ending with a letter, digit or `_`.
use crate::model::azure_name_ok;

fn check_names(f: &Fix) -> Result<(), Error> {
    for c in &f.changes {
        let names: Vec<(&str, &str)> = match c {
            Change::NsgRule(n) => {
                let mut v = vec![("NSG", n.nsg.as_str())];
                if let Some(rg) = &n.resource_group {
                    v.push(("resource group", rg.as_str()));
                }
                v
            }
            Change::FirewallRule(x) => {
                let mut v = vec![("Azure Firewall", x.firewall.as_str())];
                if let Some(p) = &x.policy {
                    v.push(("firewall policy", p.as_str()));
                }
                v
            }
            Change::Route(r) => vec![("route table", r.table.as_str())],
            Change::SquidLines(_) | Change::GuestProxy(_) => Vec::new(),
            Change::AdminRule(a) => {
                let mut v = vec![("network manager", a.network_manager.as_str())];
                if let Some(rg) = &a.resource_group {
                    v.push(("resource group", rg.as_str()));
                }
                v
            }
        };
        for (what, n) in names {
            let rg_ok = what == "resource group"
                && n.len() <= 90
                && n.chars()
                    .all(|c| c.is_alphanumeric() || "._-()".contains(c))
                && !n.ends_with('.');
            if !(azure_name_ok(n) || rg_ok) {
                return Err(Error::Usage(format!(
                    "{what} name `{}` is not a name Azure accepts (letters, digits, `.`, `-`, `_`, at most 80); \
                     no change is generated for it",
                    n.escape_debug()
                )));
            }
        }
    }
    Ok(())
}

fn fixed_path(p: &str) -> String {
    let path = std::path::Path::new(p);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("input");
    let name = match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => format!("{stem}.fixed.{ext}"),
        None => format!("{stem}.fixed"),
    };
    path.with_file_name(name).to_string_lossy().into_owned()
}

/// Runs `azegress fix`.
pub fn run_fix(o: &FixOptions) -> Result<FixReport, Error> {
    let inputs = super::inputs(&o.check)?;
    let fix = crate::fix::fix(&inputs, o.option)?;
    check_names(&fix)?;
    let mut emitted = Vec::new();
    let mut files = Vec::new();
    for e in &o.emit {
        if *e == Emit::File {
            files.extend(fixed_files(o, &fix)?);
        } else if !fix.changes.is_empty() {
            emitted.push(Emitted {
                emit: *e,
                text: emit(&fix.changes, *e),
            });
        }
    }
    Ok(FixReport {
        schema_version: 2,
        fix,
        emitted,
        files,
    })
}

/// One input file as `fix` edits it: identified by its canonical path, so `./nsgs.json#a` and
/// `nsgs.json#b` are one file that gets both changes.
struct Edit {
    /// The canonical path (the file as named when it cannot be resolved).
    key: std::path::PathBuf,
    /// The file as the user first named it.
    original: String,
    /// `<stem>.fixed.<ext>` beside it.
    fixed: String,
    /// The text with every change to this file applied.
    text: String,
}

/// The canonical path of an input file, the identity of the file whatever spelling named it.
fn file_key(file: &str) -> std::path::PathBuf {
    std::fs::canonicalize(file).unwrap_or_else(|_| std::path::PathBuf::from(file))
}

/// The input files of the changes, edited; with `--write` written (atomically, never through a symlink,
/// an existing `.fixed` file kept unless `--force`) and then checked again from disk, all together.
fn fixed_files(o: &FixOptions, fix: &Fix) -> Result<Vec<FixedFile>, Error> {
    let mut edits: Vec<Edit> = Vec::new();
    for c in &fix.changes {
        let file = match c {
            Change::NsgRule(n) if n.file.to_ascii_lowercase().ends_with(".json") => &n.file,
            // a Terraform configuration read without a plan: the `.tf` file of the NSG's block
            Change::NsgRule(n) if n.file.to_ascii_lowercase().ends_with(".tf") => &n.file,
            Change::SquidLines(s) if std::path::Path::new(&s.file).is_file() => &s.file,
            // YAML or inline scenario NSGs, routes, firewalls: the other emitters say it
            _ => continue,
        };
        let key = file_key(file);
        let at = match edits.iter().position(|e| e.key == key) {
            Some(i) => i,
            None => {
                edits.push(Edit {
                    text: crate::ingest::read(file)?,
                    key,
                    original: file.clone(),
                    fixed: fixed_path(file),
                });
                edits.len() - 1
            }
        };
        let current = &edits[at].text;
        let new = match c {
            Change::NsgRule(n) if n.file.to_ascii_lowercase().ends_with(".tf") => {
                crate::fix::tf_file::nsg_tf_edit(current, n)
                    .map_err(|m| Error::input(file, 0, m))?
            }
            Change::NsgRule(n) => {
                nsg_file_edit(current, n).map_err(|m| Error::input(file, 0, m))?
            }
            Change::SquidLines(s) => {
                // before the denying line; line numbers above it stay as they were
                let mut lines: Vec<&str> = current.split_inclusive('\n').collect();
                let at = s.before_line.saturating_sub(1).min(lines.len());
                let block: String = s.lines.iter().map(|l| format!("{l}\n")).collect();
                lines.insert(at, &block);
                lines.concat()
            }
            _ => continue,
        };
        edits[at].text = new;
    }
    let mut out = Vec::new();
    for e in &edits {
        let original = crate::ingest::read(&e.original)?;
        let diff = similar::TextDiff::from_lines(&original, &e.text)
            .unified_diff()
            .header(&e.original, &e.fixed)
            .to_string();
        out.push(FixedFile {
            original: e.original.clone(),
            fixed: e.fixed.clone(),
            diff,
            written: false,
            recheck: None,
        });
    }
    if o.write && !edits.is_empty() {
        let existing = if o.force {
            Existing::Replace
        } else {
            Existing::Keep
        };
        // every destination is checked before anything is written, so a kept file stops the run whole
        if existing == Existing::Keep
            && let Some(e) = edits
                .iter()
                .find(|e| std::fs::symlink_metadata(&e.fixed).is_ok())
        {
            write_file(&e.fixed, e.text.as_bytes(), existing)?;
        }
        for e in &edits {
            write_file(&e.fixed, e.text.as_bytes(), existing)?;
        }
        let written: Vec<(std::path::PathBuf, String)> = edits
            .iter()
            .map(|e| (e.key.clone(), e.fixed.clone()))
            .collect();
        let v = recheck_from_disk(o, fix, &written)?;
        for f in &mut out {
            f.written = true;
            f.recheck = Some(v);
        }
    }
    Ok(out)
}

/// `check` again with every written file in place of its original, read from disk as a user would; the
/// changes to files that were not written (firewall, route) are applied to the model as before.
fn recheck_from_disk(
    o: &FixOptions,
    fix: &Fix,
    written: &[(std::path::PathBuf, String)],
) -> Result<Overall, Error> {
    let fixed_of = |file: &str| -> Option<&str> {
        let key = file_key(file);
        written
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, f)| f.as_str())
    };
    let mut c = o.check.clone();
    let mut in_files = vec![false; fix.changes.len()];
    // `.tf` files: the module is read again with the written file in place of its original
    let mut tf_substitutes: Vec<(std::path::PathBuf, String)> = Vec::new();
    for (i, ch) in fix.changes.iter().enumerate() {
        match ch {
            Change::NsgRule(n) if n.file.to_ascii_lowercase().ends_with(".tf") => {
                if let Some(fixed) = fixed_of(&n.file) {
                    tf_substitutes.push((file_key(&n.file), fixed.to_string()));
                    in_files[i] = true;
                }
            }
            Change::NsgRule(n) => {
                if let Some(fixed) = fixed_of(&n.file) {
                    let arg = format!("{fixed}#{}", n.nsg);
                    match n.slot {
                        NsgSlot::Nic => c.nic_nsg = Some(arg),
                        NsgSlot::Subnet => c.subnet_nsg = Some(arg),
                        NsgSlot::ProxyNic => c.proxy_nic_nsg = Some(arg),
                        NsgSlot::ProxySubnet => c.proxy_subnet_nsg = Some(arg),
                    }
                    in_files[i] = true;
                }
            }
            Change::SquidLines(s) => {
                if let Some(fixed) = fixed_of(&s.file) {
                    c.squid_conf = Some(fixed.to_string());
                    in_files[i] = true;
                }
            }
            _ => {}
        }
    }
    let sc = c
        .scenario
        .as_deref()
        .map(scenario::load_scenario)
        .transpose()?;
    let mut inputs =
        crate::ingest::tf_config::with_substitutes(tf_substitutes, || gather_inputs(&c, sc))?;
    for (ch, _) in fix.changes.iter().zip(&in_files).filter(|(_, w)| !**w) {
        crate::fix::apply(&mut inputs, ch)?;
    }
    Ok(super::evaluate(&inputs)?.verdict)
}
