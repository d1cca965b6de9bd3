//! `azegress fix`: gathers the inputs as `check` does, asks [`crate::fix`] for the change, renders it in
//! the languages asked for, and — for the user's own JSON files — writes `<stem>.fixed.<ext>` beside them
//! (never over them) and checks the written file again from disk, as the user would.

use super::CheckOptions;
use super::write::{Existing, mode_of, refuse_existing, stage_file};
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
            let proved = fix.after.verdict;
            let changes = fix.changes.clone();
            files.extend(fixed_files(
                o,
                &changes,
                &mut fix.notes,
                proved,
                &inputs,
                &parameters,
                |written, in_file| recheck_from_disk(o, &changes, written, in_file),
            )?);
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
pub(crate) fn fixed_files(
    o: &FixOptions,
    changes: &[Change],
    notes: &mut Vec<crate::diag::Diagnostic>,
    proved: Overall,
    inputs: &crate::engine::check::PathInputs,
    parameters: &[String],
    recheck: impl FnOnce(&[(std::path::PathBuf, String)], &[bool]) -> Result<Overall, Error>,
) -> Result<Vec<FixedFile>, Error> {
    let mut edits: Vec<Edit> = Vec::new();
    let mut in_file = vec![false; changes.len()];
    let mut reasons = Vec::new();
    for (ci, c) in changes.iter().enumerate() {
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
        notes.push(crate::diag::Diagnostic::new(
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
        for e in &edits {
            refuse_existing(&e.fixed, existing)?;
        }
        let v = write_rechecked(&edits, existing, |written| {
            let v = recheck(written, &in_file)?;
            // the files are the change only if they check as the change did
            if v != proved {
                return Err(Error::Usage(format!(
                    "the fixed files check {} from disk, not {} as the change did",
                    format!("{v:?}").to_uppercase(),
                    format!("{proved:?}").to_uppercase()
                )));
            }
            Ok(v)
        })?;
        for f in &mut out {
            f.written = true;
            f.recheck = Some(v);
        }
    }
    Ok(out)
}

/// Has the original file at `path` a UTF-8 byte-order mark?
fn has_bom(path: &str) -> bool {
    use std::io::Read;
    let mut head = [0u8; 3];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|_| head == [0xEF, 0xBB, 0xBF])
}

/// Writes each edited file's text to its `.fixed` path, with the original's permission bits and UTF-8
/// byte-order mark: first beside it under a temporary name, then `recheck` reads the files there in the
/// places of their originals (canonical path → file), and only when it succeeds are they renamed into
/// place. When it fails nothing is left behind — no `.fixed` file, no temporary one — and its error names
/// the `.fixed` path, never the temporary one.
fn write_rechecked(
    edits: &[Edit],
    existing: Existing,
    recheck: impl FnOnce(&[(std::path::PathBuf, String)]) -> Result<Overall, Error>,
) -> Result<Overall, Error> {
    let mut staged = Vec::new();
    for e in edits {
        let mut bytes = Vec::with_capacity(e.text.len() + 3);
        if has_bom(&e.original) {
            bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
        }
        bytes.extend_from_slice(e.text.as_bytes());
        staged.push(stage_file(&e.fixed, &bytes, mode_of(&e.original))?);
    }
    let written: Vec<(std::path::PathBuf, String)> = edits
        .iter()
        .zip(&staged)
        .map(|(e, s)| (e.key.clone(), s.temp_path().to_string_lossy().into_owned()))
        .collect();
    // on an error the staged files are dropped, which removes them
    let v = recheck(&written).map_err(|err| {
        let mut err = err;
        for ((_, tmp), e) in written.iter().zip(edits) {
            err = renamed(err, tmp, &e.fixed);
        }
        not_written(err)
    })?;
    for s in staged {
        s.persist(existing)?;
    }
    Ok(v)
}

/// `err` with the temporary path `from` spelled `to`.
fn renamed(err: Error, from: &str, to: &str) -> Error {
    let r = |s: String| s.replace(from, to);
    match err {
        Error::Input(mut i) => {
            i.file = r(i.file);
            i.message = r(i.message);
            Error::Input(i)
        }
        Error::Io { path, source } => Error::Io {
            path: r(path),
            source,
        },
        Error::Write { path, source } => Error::Write {
            path: r(path),
            source,
        },
        Error::Usage(m) => Error::Usage(r(m)),
        Error::Network(m) => Error::Network(r(m)),
        Error::Unknown(m) => Error::Unknown(r(m)),
    }
}

/// `err`, a failed re-check, saying the fixed files are not written.
fn not_written(err: Error) -> Error {
    const NOT: &str = "the fixed files fail their re-check and are not written";
    match err {
        Error::Input(mut i) => {
            i.message = format!("{} ({NOT})", i.message);
            Error::Input(i)
        }
        other => Error::Usage(format!("{other} ({NOT})")),
    }
}

/// `check` again with every written file read from disk in place of its original (however the inputs
/// name it: a flag, a scenario's `from:`, an `include`), as a user would; the changes no file took
/// (a firewall in an inline value, an admin rule) are applied to the model as before.
fn recheck_from_disk(
    o: &FixOptions,
    changes: &[Change],
    written: &[(std::path::PathBuf, String)],
    in_file: &[bool],
) -> Result<Overall, Error> {
    // `.tf` files: the module is read again with the written file in place of its original
    crate::ingest::tf_config::with_substitutes(written.to_vec(), || {
        crate::ingest::with_substitutes(written.to_vec(), || {
            let mut c = o.check.clone();
            // the proxy written into waagent.conf is the one the check reads now, not the flag that named it
            if changes
                .iter()
                .zip(in_file)
                .any(|(ch, w)| *w && matches!(ch, Change::GuestProxy(_)))
            {
                c.proxy = None;
            }
            // parameters files, scenario and inputs read again, each written file in place of its original
            let mut inputs = super::inputs(&c)?;
            for (ch, _) in changes.iter().zip(in_file).filter(|(_, w)| !**w) {
                crate::fix::apply(&mut inputs, ch)?;
            }
            Ok(super::evaluate(&inputs)?.verdict)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// An edit of `main.tf` (mode 0640, a byte-order mark) in a new directory.
    fn edit() -> (tempfile::TempDir, Edit) {
        let d = tempfile::tempdir().unwrap();
        let original = d.path().join("main.tf");
        std::fs::write(&original, "\u{feff}# before\n").unwrap();
        std::fs::set_permissions(&original, std::fs::Permissions::from_mode(0o640)).unwrap();
        let original = original.to_string_lossy().into_owned();
        let e = Edit {
            key: file_key(&original),
            fixed: fixed_path(&original),
            original,
            before: "# before\n".into(),
            text: "# before\n# after\n".into(),
        };
        (d, e)
    }

    fn names(d: &tempfile::TempDir) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_failed_recheck_leaves_nothing_and_names_the_fixed_file() {
        let (d, e) = edit();
        let err = write_rechecked(std::slice::from_ref(&e), Existing::Keep, |written| {
            // the text is on disk, in the place of its original, while the re-check reads it
            let tmp = &written[0].1;
            assert_eq!(
                std::fs::read(tmp).unwrap(),
                b"\xef\xbb\xbf# before\n# after\n"
            );
            Err(Error::Input(crate::error::InputError::at(
                tmp,
                2,
                1,
                format!("broken in {tmp}"),
            )))
        })
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with(&format!("{}:2:1: broken in {}", e.fixed, e.fixed))
                && err.contains("not written")
                && !err.contains(".azegress-"),
            "{err}"
        );
        // no `.fixed` file, no temporary one: only the original
        assert_eq!(names(&d), vec!["main.tf"]);
        // any other error as well
        let err = write_rechecked(std::slice::from_ref(&e), Existing::Replace, |_| {
            Err(Error::Usage("no".into()))
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains("not written"), "{err}");
        assert_eq!(names(&d), vec!["main.tf"]);
    }

    #[test]
    fn a_passed_recheck_writes_the_file_with_the_originals_mode_and_bom() {
        let (d, e) = edit();
        let v = write_rechecked(std::slice::from_ref(&e), Existing::Keep, |_| {
            Ok(Overall::Reachable)
        })
        .unwrap();
        assert_eq!(v, Overall::Reachable);
        assert_eq!(names(&d), vec!["main.fixed.tf", "main.tf"]);
        assert_eq!(
            std::fs::read(&e.fixed).unwrap(),
            b"\xef\xbb\xbf# before\n# after\n"
        );
        let mode = std::fs::metadata(&e.fixed).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // kept without --force; replaced with it
        assert!(write_rechecked(std::slice::from_ref(&e), Existing::Keep, |_| Ok(v)).is_err());
        assert_eq!(names(&d), vec!["main.fixed.tf", "main.tf"]);
    }
}
