//! The `azegress` binary: parse arguments, call the library, map the outcome to an exit code.
//! Exit codes are API: 0 reachable, 1 blocked or partial, 2 usage or input error, 3 inconclusive.
//! Each command's arguments and call are in [`cli`].

mod cli;

use azegress::report;
use clap::Parser;
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
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    azegress::ingest::set_max_input_bytes(cli.max_input_size);
    let style = style(&cli);
    // progress on standard error, only on a terminal (never through a pipe); cleared before the output
    let progress = report::progress::Progress::start(std::io::stderr().is_terminal());
    let result = match cli.cmd {
        Cmd::Check(a) => cli::check::run(*a, &style),
        Cmd::Fix(a) => cli::fix::run(*a, &style),
        Cmd::Diagnose(a) => cli::diagnose::run(*a, &style),
        Cmd::Flow(a) => cli::flow::run(a, &style),
        Cmd::Probe(a) => cli::probe::run(*a, &style),
        Cmd::Gate(a) => cli::gate::run(*a, &style),
        Cmd::Diff(a) => cli::diff::run(*a),
        Cmd::Explain(a) => cli::explain::run(a, &style),
        Cmd::Tags { cmd } => cli::tags::run(cmd),
    };
    drop(progress);
    match result {
        Ok((text, code)) => match emit(&text, style.color) {
            Ok(()) => {
                if report::safe::redacted() {
                    eprintln!(
                        "azegress: note: values Terraform marks sensitive took part; every output shows {} in their place",
                        report::safe::SENSITIVE
                    );
                }
                ExitCode::from(code)
            }
            Err(c) => c,
        },
        Err(e) => {
            eprintln!(
                "azegress: error: {}",
                report::safe::one_line(&e.to_string())
            );
            ExitCode::from(2)
        }
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
