//! Reporters: one per output format. They only turn a report into text.

pub mod json;
pub mod mermaid;
pub mod table;

use crate::model::{CheckReport, FlowVerifyReport};
pub use table::Style;

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A table for people.
    Table,
    /// JSON (schema in the README).
    Json,
    /// A Mermaid flowchart of the path (check only).
    Mermaid,
}

/// Renders a check report.
pub fn render_check(r: &CheckReport, f: Format, style: &Style) -> String {
    match f {
        Format::Table => table::check(r, style),
        Format::Json => json::to_json(r),
        Format::Mermaid => mermaid::check(r),
    }
}

/// Renders a flow-verify report (Mermaid is for checks; it falls back to the table).
pub fn render_flow(r: &FlowVerifyReport, f: Format, style: &Style) -> String {
    match f {
        Format::Table | Format::Mermaid => table::flow(r, style),
        Format::Json => json::to_json(r),
    }
}
