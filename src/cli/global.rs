//! The flags every command takes (`--quiet`, `--output`, `--config`, `--no-config`), standard input as
//! `-`, and the configuration file applied under the flags given.

use super::{Cmd, gate::GateFormat};
use azegress::config::Config;
use azegress::ingest;
use clap::{ArgMatches, Args, ValueEnum, parser::ValueSource};
use std::ffi::OsString;
use std::sync::atomic::{AtomicBool, Ordering};

/// Flags of every command.
#[derive(Args, Clone, Default)]
pub struct GlobalArgs {
    /// Print nothing on standard output: the exit code is the answer (errors still go to standard error).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Write the report to FILE instead of standard output (in any format; atomically, never through a
    /// symlink, never over an input file).
    #[arg(short, long, global = true, value_name = "FILE")]
    pub output: Option<String>,
    /// Settings from FILE instead of the `.azegress.yaml` found in the current directory or above it, up to
    /// the repository root; flags given on the command line win over it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<String>,
    /// Read no configuration file, not even `.azegress.yaml`.
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,
}

static QUIET: AtomicBool = AtomicBool::new(false);

/// Whether `--quiet` was given: no progress, no notes, nothing on standard output.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Records `--quiet` for [`quiet`].
pub fn set_quiet(q: bool) {
    QUIET.store(q, Ordering::Relaxed);
}

/// The command line with every `-` argument (and `-#name`) naming standard input as the readers know it,
/// `<stdin>`: every message, location and report then names `<stdin>:line:col`.
pub fn stdin_args(args: impl Iterator<Item = OsString>) -> Vec<OsString> {
    args.enumerate()
        .map(|(i, a)| match a.to_str() {
            Some("-") if i > 0 => OsString::from(ingest::STDIN),
            Some(s) if i > 0 && s.starts_with("-#") && s.len() > 2 => {
                OsString::from(format!("{}{}", ingest::STDIN, &s[1..]))
            }
            _ => a,
        })
        .collect()
}

/// Whether `--output` names standard output (`-o -`, or no `-o`).
pub fn output_file(g: &GlobalArgs) -> Option<&str> {
    g.output.as_deref().filter(|o| !ingest::is_stdin(o))
}

/// Writes the report to `path`: as plain text (no colour, control characters escaped), atomically, never
/// through a symlink, and never over a file this run read or the command line names as an input.
pub fn write_output(path: &str, text: &str, argv: &[OsString]) -> Result<(), azegress::Error> {
    if let Ok(real) = std::fs::canonicalize(path) {
        let named = argv.iter().skip(1).filter_map(|a| a.to_str()).any(|a| {
            let file = ingest::split_selector(a).0;
            let file = file.split_once('=').map_or(file, |(_, f)| f);
            file != path && std::fs::canonicalize(file).is_ok_and(|r| r == real)
        });
        if named || ingest::files_read().contains(&real) {
            return Err(azegress::app::usage(&format!(
                "--output {path}: this run reads that file as an input; writing the report there would destroy it: name another file"
            )));
        }
    }
    let text = azegress::report::safe::terminal(text, false);
    azegress::app::write::refuse_existing(path, azegress::app::write::Existing::Replace)?;
    // a report is for reading: the mode of the file it replaces, else rw-r--r--
    let mode = azegress::app::write::mode_of(path).or(Some(0o644));
    azegress::app::write::stage_file(path, text.as_bytes(), mode)?
        .persist(azegress::app::write::Existing::Replace)
}

/// Whether the flag `id` of the subcommand was given on the command line (not left at its default).
fn given(m: &ArgMatches, id: &str) -> bool {
    m.subcommand()
        .is_some_and(|(_, sm)| sm.value_source(id) == Some(ValueSource::CommandLine))
}

/// Reads the configuration file the run uses (none for the commands that take no setting from it) and
/// applies it under the flags given: a flag on the command line wins; `skip-paths` and `suppress` add to
/// `--skip-path` and `--allow`.
pub fn apply_config(cmd: &mut Cmd, g: &GlobalArgs, m: &ArgMatches) -> Result<(), azegress::Error> {
    let uses = matches!(
        cmd,
        Cmd::Check(_) | Cmd::Fix(_) | Cmd::Diagnose(_) | Cmd::Probe(_) | Cmd::Gate(_)
    );
    if !uses || g.no_config {
        return Ok(());
    }
    let Some(c) = Config::load(g.config.as_deref())? else {
        return Ok(());
    };
    let region = |r: &mut Option<String>| {
        if r.is_none() {
            r.clone_from(&c.region);
        }
    };
    match cmd {
        Cmd::Check(a) => region(&mut a.region),
        Cmd::Fix(a) => region(&mut a.check.region),
        Cmd::Diagnose(a) => region(&mut a.check.region),
        Cmd::Probe(a) => region(&mut a.region),
        Cmd::Gate(a) => {
            region(&mut a.region);
            if a.pack.is_empty() {
                a.pack.clone_from(&c.packs);
            }
            if let Some(f) = c.fail_on
                && !given(m, "fail_on")
            {
                a.fail_on = f;
            }
            if let Some(f) = &c.format
                && !given(m, "format")
            {
                a.format = GateFormat::from_str(f.trim(), true).map_err(|_| {
                    c.error_at(
                        "/format",
                        format!(
                            "format: `{f}` is not a gate format: {}",
                            GateFormat::value_variants()
                                .iter()
                                .filter_map(|v| v.to_possible_value())
                                .map(|v| v.get_name().to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                })?;
            }
            if a.baseline.is_none() && a.write_baseline.is_none() {
                a.baseline.clone_from(&c.baseline);
            }
            a.strict |= c.strict;
            a.skip_path.extend(c.skip_paths.iter().cloned());
            a.allow.extend(c.allow.iter().cloned());
            a.suppress_fingerprints.extend(
                c.fingerprints
                    .iter()
                    .map(|f| (f.clone(), format!("by `suppress` in {}", c.file))),
            );
        }
        _ => {}
    }
    Ok(())
}
