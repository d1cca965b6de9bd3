//! `azegress fix`: gathers the inputs as `check` does, asks [`crate::fix`] for the change, renders it in
//! the languages asked for, and — for the user's own JSON files — writes `<stem>.fixed.<ext>` beside them
//! (never over them) and checks the written file again from disk, as the user would.

use super::{CheckOptions, gather_inputs};
use crate::error::Error;
use crate::fix::{Change, Fix, FixOption, NsgSlot};
use crate::ingest::scenario;
use crate::model::*;
use crate::report::emit::{Emit, emit, nsg_file_edit};
use serde::Serialize;

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
}

/// One emitted text.
#[derive(Clone, Debug, Serialize)]
pub struct Emitted {
    /// The language.
    pub emit: Emit,
    /// The text.
    pub text: String,
}

/// A user's file with the change applied.
#[derive(Clone, Debug, Serialize)]
pub struct FixedFile {
    /// The input file.
    pub original: String,
    /// `<stem>.fixed.<ext>` beside it.
    pub fixed: String,
    /// Unified diff, original → fixed.
    pub diff: String,
    /// Whether it was written (`--write`).
    pub written: bool,
    /// The verdict of `check` run on the written file from disk (only when written).
    pub recheck: Option<Overall>,
}

/// The result of `azegress fix`.
#[derive(Clone, Debug, Serialize)]
pub struct FixReport {
    /// Always 1.
    pub schema_version: u32,
    /// The fix and its proof.
    #[serde(flatten)]
    pub fix: Fix,
    /// The change in each language asked for.
    pub emitted: Vec<Emitted>,
    /// The user's files with the change applied.
    pub files: Vec<FixedFile>,
}

impl FixReport {
    /// 0 the re-check passes, 1 the option cannot fix the path alone, 3 the re-check is inconclusive.
    pub fn exit_code(&self) -> u8 {
        if self.fix.still_blocked.is_some() {
            return 1;
        }
        self.fix.after.verdict.exit_code()
    }
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
        schema_version: 1,
        fix,
        emitted,
        files,
    })
}

/// The NSG files of the changes, edited; written and checked again from disk with `--write`.
fn fixed_files(o: &FixOptions, fix: &Fix) -> Result<Vec<FixedFile>, Error> {
    let mut out: Vec<FixedFile> = Vec::new();
    let mut texts: Vec<(String, String, String)> = Vec::new(); // (original, fixed path, new text)
    for c in &fix.changes {
        let file = match c {
            Change::NsgRule(n) if n.file.to_ascii_lowercase().ends_with(".json") => &n.file,
            Change::SquidLines(s) if std::path::Path::new(&s.file).is_file() => &s.file,
            // YAML or inline scenario NSGs, routes, firewalls: the other emitters say it
            _ => continue,
        };
        let current = match texts.iter().find(|(orig, _, _)| orig == file) {
            Some((_, _, t)) => t.clone(),
            None => crate::ingest::read(file)?,
        };
        let new = match c {
            Change::NsgRule(n) => {
                nsg_file_edit(&current, n).map_err(|m| Error::input(file, 0, m))?
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
        match texts.iter_mut().find(|(orig, _, _)| orig == file) {
            Some(t) => t.2 = new,
            None => texts.push((file.clone(), fixed_path(file), new)),
        }
    }
    for (orig, fixed, new) in texts {
        let original = crate::ingest::read(&orig)?;
        let diff = similar::TextDiff::from_lines(&original, &new)
            .unified_diff()
            .header(&orig, &fixed)
            .to_string();
        let mut recheck = None;
        if o.write {
            std::fs::write(&fixed, &new).map_err(|source| Error::Io {
                path: fixed.clone(),
                source,
            })?;
            recheck = Some(recheck_from_disk(o, fix, &orig, &fixed)?);
        }
        out.push(FixedFile {
            original: orig,
            fixed,
            diff,
            written: o.write,
            recheck,
        });
    }
    Ok(out)
}

/// `check` again with the written file in place of the original, read from disk as a user would.
fn recheck_from_disk(o: &FixOptions, fix: &Fix, orig: &str, fixed: &str) -> Result<Overall, Error> {
    let mut c = o.check.clone();
    for ch in &fix.changes {
        match ch {
            Change::NsgRule(n) if n.file == orig => {
                let arg = format!("{fixed}#{}", n.nsg);
                match n.slot {
                    NsgSlot::Nic => c.nic_nsg = Some(arg),
                    NsgSlot::Subnet => c.subnet_nsg = Some(arg),
                    NsgSlot::ProxyNic => c.proxy_nic_nsg = Some(arg),
                    NsgSlot::ProxySubnet => c.proxy_subnet_nsg = Some(arg),
                }
            }
            Change::SquidLines(s) if s.file == orig => c.squid_conf = Some(fixed.to_string()),
            _ => {}
        }
    }
    // the other changes (firewall, route) are not in this file: apply them to the model as before
    let sc = c
        .scenario
        .as_deref()
        .map(scenario::load_scenario)
        .transpose()?;
    let mut inputs = gather_inputs(&c, sc)?;
    for ch in fix.changes.iter().filter(|ch| match ch {
        Change::NsgRule(n) => n.file != orig,
        Change::SquidLines(s) => s.file != orig,
        _ => true,
    }) {
        crate::fix::apply(&mut inputs, ch)?;
    }
    Ok(super::evaluate(&inputs)?.verdict)
}
