//! `azegress explain CODE`: a diagnostic code's page, or every code.

use azegress::{app, diag};
use clap::Args;

/// `explain`: a code, or `--list`.
#[derive(Args)]
pub struct ExplainArgs {
    /// The code or its name (`AZE0311`, `no-route-table`).
    pub code: Option<String>,
    /// List every code.
    #[arg(long)]
    pub list: bool,
}

/// Runs `explain`: the code's page, or the table of every code with `--list`.
pub fn run(a: ExplainArgs) -> Result<(String, u8), azegress::Error> {
    match (a.code, a.list) {
        (_, true) => Ok((diag::markdown_table(), 0)),
        (Some(c), false) => diag::explain(&c).map(|t| (t, 0)).ok_or_else(|| {
            app::usage(&format!(
                "`{c}` is not a diagnostic code (see `azegress explain --list`)"
            ))
        }),
        (None, false) => Err(app::usage(
            "explain takes a code (`azegress explain AZE0311`) or --list",
        )),
    }
}
