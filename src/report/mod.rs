//! Reporters: one per output format. They only turn a report into text.

pub mod json;
pub mod markdown;
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
    /// Markdown for a pull-request comment: verdict, table, steps, and the diagram (check only).
    Markdown,
}

/// Renders a check report.
pub fn render_check(r: &CheckReport, f: Format, style: &Style) -> String {
    match f {
        Format::Table => table::check(r, style),
        Format::Json => json::to_json(r),
        Format::Mermaid => mermaid::check(r),
        Format::Markdown => markdown::check(r),
    }
}

/// Renders a flow-verify report (Mermaid is for checks; it falls back to the table).
pub fn render_flow(r: &FlowVerifyReport, f: Format, style: &Style) -> String {
    match f {
        Format::Table | Format::Mermaid | Format::Markdown => table::flow(r, style),
        Format::Json => json::to_json(r),
    }
}

/// `tags info` as text.
pub fn tags_info(r: &crate::app::TagsInfoReport) -> String {
    format!(
        "source: {}\ncloud: {}\nchangeNumber: {}\ntags: {}\nregional Storage tags: {}\nregional AzureBackup tags: {}\n",
        r.source,
        r.cloud,
        r.change_number,
        r.tags,
        r.regional_storage_tags,
        r.regional_azurebackup_tags
    )
}

/// `tags show` as text.
pub fn tags_show(r: &crate::app::TagShowReport) -> String {
    let mut s = if r.computed {
        format!("tag: {} (computed, not in the file)\n", r.tag)
    } else {
        format!("tag: {}\n", r.tag)
    };
    if let Some(f) = &r.region_field {
        s.push_str(&format!(
            "region field: {}\n",
            if f.is_empty() { "(global)" } else { f }
        ));
    }
    s.push_str(&format!(
        "source: {} (cloud {}, changeNumber {})\nprefixes: {}\n",
        r.source,
        r.cloud,
        r.change_number,
        r.prefixes.len()
    ));
    for n in &r.prefixes {
        s.push_str(n);
        s.push('\n');
    }
    s
}
