//! `azegress explain CODE`: a diagnostic code's page, or every code.

use azegress::report::{self, Style};
use azegress::{app, diag};
use clap::{Args, ValueEnum};

/// `explain --format`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// For the terminal: the page wrapped to its width, the list as a table.
    Table,
    /// Markdown (`explain --list --format markdown` is docs/diagnostics.md).
    Markdown,
}

/// `explain`: a code, or `--list`.
#[derive(Args)]
pub struct ExplainArgs {
    /// The code or its name (`AZE0311`, `no-route-table`).
    pub code: Option<String>,
    /// List every code.
    #[arg(long)]
    pub list: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ExplainFormat,
}

/// Runs `explain`: the code's page, or every code with `--list` (a table, or the Markdown of
/// docs/diagnostics.md with `--format markdown`).
pub fn run(a: ExplainArgs, style: &Style) -> Result<(String, u8), azegress::Error> {
    let md = a.format == ExplainFormat::Markdown;
    match (a.code, a.list) {
        (_, true) if md => Ok((diag::markdown_table(), 0)),
        (_, true) => Ok((report::explain::list(style), 0)),
        (Some(c), false) => diag::lookup(&c)
            .map(|i| {
                let page = if md {
                    report::explain::page_markdown(i)
                } else {
                    report::explain::page(i, style)
                };
                (page, 0)
            })
            .ok_or_else(|| {
                app::usage(&format!(
                    "`{c}` is not a diagnostic code (see `azegress explain --list`)"
                ))
            }),
        (None, false) => Err(app::usage(
            "explain takes a code (`azegress explain AZE0311`) or --list",
        )),
    }
}
