//! The `azegress` binary: parse arguments, call the library, map the outcome to an exit code.
//! Exit codes are API: 0 reachable, 1 blocked or partial, 2 usage or input error, 3 inconclusive.
//! Each command's arguments and call are in [`cli`].

mod cli;

use azegress::report;
use clap::{CommandFactory, FromArgMatches};
use cli::{Cli, Cmd};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// mimalloc: a tenant's export makes millions of small allocations, and glibc's allocator spent a quarter
/// of `gate`'s time in them (benches/side_by_side.sh). Version 2, whose freed memory goes back to the
/// system within milliseconds (version 3 keeps it for a second), and without transparent huge pages, which
/// would count whole 2 MB pages in the peak.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // `-` names standard input wherever a file is read
    let argv = cli::global::stdin_args(std::env::args_os());
    let parsed = Cli::command()
        .try_get_matches_from(&argv)
        .and_then(|m| Cli::from_arg_matches(&m).map(|c| (c, m)));
    let (mut cli, matches) = match parsed {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    azegress::ingest::set_max_input_bytes(cli.max_input_size);
    let global = cli.global.clone();
    cli::global::set_quiet(global.quiet);
    let style = style(&cli);
    // progress on standard error, only on a terminal (never through a pipe, never with --quiet); cleared
    // before the output
    let progress =
        report::progress::Progress::start(std::io::stderr().is_terminal() && !global.quiet);
    let result = cli::global::apply_config(&mut cli.cmd, &global, &matches)
        .and_then(|()| run(cli.cmd, &style, &global))
        .and_then(|(text, code)| match cli::global::output_file(&global) {
            Some(path) => cli::global::write_output(path, &text, &argv).map(|()| (None, code)),
            None => Ok((Some(text), code)),
        });
    drop(progress);
    match result {
        Ok((text, code)) => {
            let shown = match text {
                Some(t) if !global.quiet => emit(&t, style.color),
                _ => Ok(()),
            };
            match shown {
                Ok(()) => {
                    if report::safe::redacted() && !global.quiet {
                        eprintln!(
                            "azegress: note: values Terraform marks sensitive took part; every output shows {} in their place",
                            report::safe::SENSITIVE
                        );
                    }
                    ExitCode::from(code)
                }
                Err(c) => c,
            }
        }
        Err(e) => {
            eprintln!(
                "azegress: error: {}",
                report::safe::one_line(&e.to_string())
            );
            // not known offline: inconclusive, as a verdict would be
            ExitCode::from(if matches!(e, azegress::error::Error::Unknown(_)) {
                3
            } else {
                2
            })
        }
    }
}

/// Runs the command: the text to print and the exit code.
fn run(
    cmd: Cmd,
    style: &report::Style,
    global: &cli::global::GlobalArgs,
) -> Result<(String, u8), azegress::Error> {
    let style = *style;
    match cmd {
        Cmd::Check(a) => cli::check::run(*a, &style),
        Cmd::Fix(a) => cli::fix::run(*a, &style),
        Cmd::Diagnose(a) => cli::diagnose::run(*a, &style),
        Cmd::Flow(a) => cli::flow::run(a, &style),
        Cmd::Probe(a) => cli::probe::run(*a, &style),
        Cmd::Gate(mut a) => {
            a.output = cli::global::output_file(global).map(str::to_string);
            cli::gate::run(*a, &style)
        }
        Cmd::Diff(a) => cli::diff::run(*a),
        Cmd::Explain(a) => cli::explain::run(a, &style),
        Cmd::Tags { cmd } => cli::tags::run(cmd),
        Cmd::Completions(a) => cli::completions::completions(a),
        Cmd::Man(a) => cli::completions::man(a),
    }
}

/// Colour and width: `--color`/`--no-color`, `NO_COLOR`, `COLUMNS` and the terminal
/// ([`report::style`]).
fn style(cli: &Cli) -> report::Style {
    report::Style::detect(cli.color_choice())
}

/// Writes to stdout, control characters from the input shown escaped; a closed pipe (`| head`) ends the
/// program quietly.
fn emit(text: &str, colour: bool) -> Result<(), ExitCode> {
    let text = report::safe::terminal(text, colour);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("azegress: cannot write output: {e}");
            Err(ExitCode::from(2))
        }
    }
}
