//! `azegress explain` for a person: a code's page wrapped to the terminal, and every code as a table
//! (comfy-table). The Markdown `docs/diagnostics.md` is generated from is [`crate::diag::markdown_table`]
//! (`azegress explain --list --format markdown`).

use super::style::{Paint, Style, paint};
use super::table::wrap;
use crate::diag::{CODES, CodeInfo, Severity};
use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn severity_paint(s: Severity) -> Paint {
    match s {
        Severity::Error => Paint::Error,
        Severity::Warning => Paint::Warning,
        Severity::Note => Paint::Note,
    }
}

/// The first sentence of a code's meaning (up to the first `. ` outside a code span), for the list.
fn first_sentence(text: &str) -> &str {
    let mut in_code = false;
    for (i, c) in text.char_indices() {
        match c {
            '`' => in_code = !in_code,
            '.' if !in_code && text[i + 1..].starts_with(' ') => return &text[..=i],
            _ => {}
        }
    }
    text
}

/// One code's page, wrapped to `style.width`: the code, its name, severity and kind, what it means, an
/// example and the Microsoft Learn page.
pub fn page(c: &CodeInfo, style: &Style) -> String {
    let w = style.width;
    let head = format!(
        "{} {} ({}, {})",
        c.code,
        c.name,
        paint(severity_word(c.severity), severity_paint(c.severity), style),
        c.kind.word()
    );
    let mut s = format!("{head}\n\n{}\n\n", wrap(c.explain, w, ""));
    s.push_str(&wrap(&format!("example: {}", c.example), w, "  "));
    s.push('\n');
    if let Some(l) = c.link {
        s.push_str(&wrap(&format!("see: {l}"), w, "  "));
        s.push('\n');
    }
    s
}

/// One code's page as Markdown (for a ticket or a wiki).
pub fn page_markdown(c: &CodeInfo) -> String {
    let mut s = format!(
        "## {} `{}`\n\n*{}, {}*\n\n{}\n\nExample: {}\n",
        c.code,
        c.name,
        severity_word(c.severity),
        c.kind.word(),
        super::markdown::md_inline(c.explain),
        super::markdown::md_inline(c.example)
    );
    if let Some(l) = c.link {
        s.push_str(&format!("\n[Microsoft Learn]({l})\n"));
    }
    s
}

/// Every code as a table fitted to `style.width`: code, name, severity and the first sentence of
/// what it means (`azegress explain CODE` prints the rest).
pub fn list(style: &Style) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(u16::try_from(style.width).unwrap_or(u16::MAX));
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t.set_header(vec!["Code", "Name", "Severity", "Meaning"]);
    for c in CODES {
        let sev = Cell::new(severity_word(c.severity));
        let sev = if style.color {
            sev.fg(match c.severity {
                Severity::Error => Color::Red,
                Severity::Warning => Color::Yellow,
                Severity::Note => Color::Blue,
            })
        } else {
            sev
        };
        t.add_row(vec![
            Cell::new(c.code),
            Cell::new(c.name),
            sev,
            Cell::new(first_sentence(c.explain)),
        ]);
    }
    let mut s = t.to_string();
    s.push_str(&format!(
        "\n{}\n",
        wrap(
            &format!(
                "{} codes; `azegress explain CODE` prints one in full, `azegress explain --list --format markdown` this list as Markdown (docs/diagnostics.md)",
                CODES.len()
            ),
            style.width,
            "  "
        )
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_fits_the_width_and_pages_wrap() {
        let style = Style {
            color: false,
            width: 80,
        };
        let l = list(&style);
        assert!(
            l.lines().all(|x| x.chars().count() <= 80),
            "a line wider than 80"
        );
        assert!(l.contains("AZE0101") && !l.contains("|---|"));
        let p = page(&crate::diag::NSG_SLOT_MISMATCH, &style);
        assert!(p.starts_with("AZE0101 nsg-slot-mismatch (warning, finding)"));
        // a link stays whole, so it can be clicked
        assert!(
            p.lines()
                .all(|x| x.chars().count() <= 80 || x.contains("https://")),
            "{p}"
        );
        assert_eq!(first_sentence("A `x. y` z. Then more."), "A `x. y` z.");
    }
}
