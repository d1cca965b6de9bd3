//! `azegress fix`: gathers the inputs as `check` does, asks [`crate::fix`] for the change, renders it in
//! the languages asked for, and — for the user's own JSON files — writes `<stem>.fixed.<ext>` beside them
//! (never over them) and checks the written file again from disk, as the user would.

use super::CheckOptions;
use super::write::{Existing, write_file};
use crate::error::Error;
use crate::fix::file;
use crate::fix::{Change, Fix, FixOption};
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
    /// `auto` may choose a route past a firewall or appliance on the path (else only `--option route` does).
    pub allow_bypass: bool,
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
            Change::FirewallAppRule(x) => {
                let mut v = vec![("Azure Firewall", x.firewall.as_str())];
                if let Some(p) = &x.policy {
                    v.push(("firewall policy", p.as_str()));
                }
                v
            }
            Change::NatGateway(n) => {
                let mut v = vec![
                    ("NAT gateway", n.name.as_str()),
                    ("public IP", n.public_ip.as_str()),
                ];
                if let Some(rg) = &n.resource_group {
                    v.push(("resource group", rg.as_str()));
                }
                if let Some((vnet, snet)) = n.subnet.split_once('/') {
                    v.push(("virtual network", vnet));
                    v.push(("subnet", snet));
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
    crate::ingest::template::take_parameter_files_read();
    let inputs = super::inputs(&o.check)?;
    let parameters = crate::ingest::template::take_parameter_files_read();
    let mut fix = crate::fix::fix_with(&inputs, o.option, o.allow_bypass)?;
    check_names(&fix)?;
    let mut emitted = Vec::new();
    let mut files = Vec::new();
    for e in &o.emit {
        if *e == Emit::File {
            files.extend(fixed_files(o, &mut fix, &inputs, &parameters)?);
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
    /// The text as read.
    before: String,
    /// The text with every change to this file applied.
    text: String,
}

/// `new` with the line ends of `before`: a file whose every line ends in CRLF gets CRLF on the added lines.
fn same_line_ends(before: &str, new: String) -> String {
    let crlf = before.matches("\r\n").count();
    if crlf == 0 || crlf != before.matches('\n').count() {
        return new;
    }
    new.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// The canonical path of an input file, the identity of the file whatever spelling named it.
fn file_key(file: &str) -> std::path::PathBuf {
    std::fs::canonicalize(file).unwrap_or_else(|_| std::path::PathBuf::from(file))
}

/// The input files of the changes, edited (each change into the first of its files that takes it; a
/// change no file takes gets a typed note with the reason and the emitter to use); with `--write` written
/// (atomically, never through a symlink, an existing `.fixed` file kept unless `--force`) and then checked
/// again from disk, all together.
fn fixed_files(
    o: &FixOptions,
    fix: &mut Fix,
    inputs: &crate::engine::check::PathInputs,
    parameters: &[String],
) -> Result<Vec<FixedFile>, Error> {
    let mut edits: Vec<Edit> = Vec::new();
    let mut in_file = vec![false; fix.changes.len()];
    let mut reasons = Vec::new();
    for (ci, c) in fix.changes.iter().enumerate() {
        let files = match file::targets(c, inputs, parameters) {
            Ok(f) => f,
            Err(why) => {
                reasons.push(why);
                continue;
            }
        };
        let mut first_err = None;
        for file in &files {
            let key = file_key(file);
            let at = match edits.iter().position(|e| e.key == key) {
                Some(i) => i,
                None => {
                    let text = crate::ingest::read(file)?;
                    edits.push(Edit {
                        before: text.clone(),
                        text,
                        key,
                        original: file.clone(),
                        fixed: fixed_path(file),
                    });
                    edits.len() - 1
                }
            };
            match file::edit(c, inputs, file, &edits[at].text) {
                Ok(new) => {
                    if let Some(new) = new {
                        edits[at].text = same_line_ends(&edits[at].before, new);
                    }
                    in_file[ci] = true;
                    first_err = None;
                    break;
                }
                Err(why) => {
                    first_err.get_or_insert(why);
                }
            }
        }
        if let Some(why) = first_err {
            reasons.push(why);
        }
    }
    for why in reasons {
        fix.notes.push(crate::diag::Diagnostic::new(
            &crate::diag::FIX_FILE_NOT_EDITED,
            why,
        ));
    }
    // a file no change altered (the setting was already there) is not handed back
    edits.retain(|e| e.text != e.before);
    let mut out = Vec::new();
    for e in &edits {
        let diff = similar::TextDiff::from_lines(&e.before, &e.text)
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
        let v = recheck_from_disk(o, fix, &written, &in_file)?;
        for f in &mut out {
            f.written = true;
            f.recheck = Some(v);
        }
    }
    Ok(out)
}

/// `check` again with every written file read from disk in place of its original (however the inputs
/// name it: a flag, a scenario's `from:`, an `include`), as a user would; the changes no file took
/// (a firewall in an inline value, an admin rule) are applied to the model as before.
fn recheck_from_disk(
    o: &FixOptions,
    fix: &Fix,
    written: &[(std::path::PathBuf, String)],
    in_file: &[bool],
) -> Result<Overall, Error> {
    // `.tf` files: the module is read again with the written file in place of its original
    crate::ingest::tf_config::with_substitutes(written.to_vec(), || {
        crate::ingest::with_substitutes(written.to_vec(), || {
            let mut c = o.check.clone();
            // the proxy written into waagent.conf is the one the check reads now, not the flag that named it
            if fix
                .changes
                .iter()
                .zip(in_file)
                .any(|(ch, w)| *w && matches!(ch, Change::GuestProxy(_)))
            {
                c.proxy = None;
            }
            // parameters files, scenario and inputs read again, each written file in place of its original
            let mut inputs = super::inputs(&c)?;
            for (ch, _) in fix.changes.iter().zip(in_file).filter(|(_, w)| !**w) {
                crate::fix::apply(&mut inputs, ch)?;
            }
            Ok(super::evaluate(&inputs)?.verdict)
        })
    })
}
