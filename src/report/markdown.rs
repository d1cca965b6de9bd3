//! Markdown reporter for a pull-request comment: the verdict line, the table, the next steps and the path
//! as a Mermaid diagram in a fence (GitHub, Azure DevOps and GitLab render it).

use super::table::{decision_text, hop_label, mark, summary_line};
use crate::model::*;

/// Text for one Markdown line: line breaks folded, and `<`/`>` outside code spans written as entities, so
/// no value from the input can start an HTML comment or tag (a `<!--` in a VM name would hide every later
/// finding on GitHub). Code spans are found as CommonMark finds them — a run of backticks closed by a run
/// of the same length — so the escaping sees the spans the renderer will see, whatever backticks a value
/// holds; inside a span nothing is HTML.
pub fn md_inline(s: &str) -> String {
    let s = s.replace("\r\n", " ").replace(['\n', '\r'], " ");
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    let mut plain = 0; // start of the text not yet copied
    while i < b.len() {
        if b[i] != b'`' {
            i += 1;
            continue;
        }
        let run = b[i..].iter().take_while(|&&c| c == b'`').count();
        // the closing run: exactly `run` backticks
        let mut j = i + run;
        let mut close = None;
        while j < b.len() {
            if b[j] == b'`' {
                let r = b[j..].iter().take_while(|&&c| c == b'`').count();
                if r == run {
                    close = Some(j);
                    break;
                }
                j += r;
            } else {
                j += 1;
            }
        }
        match close {
            Some(j) => {
                out.push_str(&escape_html(&s[plain..i]));
                out.push_str(&s[i..j + run]);
                i = j + run;
                plain = i;
            }
            None => i += run,
        }
    }
    out.push_str(&escape_html(&s[plain..]));
    out
}

/// Outside code spans: `<`/`>` as entities, a backslash doubled, and a `]` that would close a link or an
/// image (`](`, `][`) escaped, as is a `[` that starts the text (a link reference definition), so no value
/// from the input renders as a remote image or a link ("All checks passed" pointing elsewhere); other
/// brackets stay as written.
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut it = s.chars().peekable();
    let mut first = true;
    while let Some(c) = it.next() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' => out.push_str("\\\\"),
            ']' if matches!(it.peek(), Some('(' | '[')) => out.push_str("\\]"),
            '[' if first => out.push_str("\\["),
            c => out.push(c),
        }
        first = false;
    }
    out
}

/// Escapes text for a Markdown table cell: [`md_inline`], and `|` as `\|` (GitHub honours it inside code
/// spans in a table too).
pub fn cell(s: &str) -> String {
    md_inline(s).replace('|', "\\|")
}

/// The check report as Markdown.
pub fn check(r: &CheckReport) -> String {
    let dest = r
        .flows
        .first()
        .map_or("Storage", |f| f.destination.as_str());
    let mut out = format!(
        "### azegress: backup extension → {} (region {})\n\n**{}**\n\n",
        md_inline(dest),
        md_inline(&r.region),
        md_inline(&summary_line(r))
    );
    out.push_str("| Port | Verdict | Allowed | Path |\n|---|---|---|---|\n");
    for f in &r.flows {
        let path: Vec<String> = f
            .hops
            .iter()
            .map(|h| {
                let ds: Vec<String> = h.decisions.iter().map(|d| decision_text(h, d)).collect();
                cell(&format!(
                    "{} {}: {}",
                    mark(h.verdict),
                    hop_label(h),
                    ds.join("; ")
                ))
            })
            .collect();
        out.push_str(&format!(
            "| {}/tcp | {} | {}/{} | {} |\n",
            f.port,
            format!("{:?}", f.verdict).to_lowercase(),
            f.prefixes.allowed,
            f.prefixes.total,
            path.join("<br>")
        ));
    }
    out.push('\n');
    for f in &r.flows {
        out.push_str(&format!("- **{}/tcp**: {}\n", f.port, md_inline(&f.why)));
    }
    for s in &r.next_steps {
        out.push_str(&format!("- next: {}\n", md_inline(s)));
    }
    for d in &r.diagnostics {
        out.push_str(&format!("- {}\n", md_inline(&super::diagnostic_text(d))));
    }
    out.push_str(&format!(
        "\nService tags: {} changeNumber {} ({}).\n\n```mermaid\n{}```\n",
        md_inline(&r.service_tags.cloud),
        r.service_tags.change_number,
        md_inline(&r.service_tags.source),
        super::mermaid::check(r)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_value_can_start_html_or_break_a_table() {
        // a VM name with a line break and an HTML comment: folded and escaped
        assert_eq!(
            md_inline("VM `vm1`\n<!-- hidden"),
            "VM `vm1` &lt;!-- hidden"
        );
        // a backtick in the value closes the span early: what follows is outside and escaped
        assert_eq!(md_inline("rule `a`<b>`"), "rule `a`&lt;b&gt;`");
        // inside a real code span `<` is literal text
        assert_eq!(md_inline("host `<account>.blob`"), "host `<account>.blob`");
        // a double-backtick span holding a single backtick
        assert_eq!(md_inline("x `` a`<b `` <c"), "x `` a`<b `` &lt;c");
        assert_eq!(cell("a|b `c|d`"), "a\\|b `c\\|d`");
    }

    #[test]
    fn no_value_renders_as_an_image_or_a_link() {
        // issue 29: a rule name that closes its code span early and writes an image and a link
        let name = "x`![x](https://evil/px.png)[All checks passed](https://evil/)";
        let out = md_inline(&format!("rule `{name}`"));
        assert_eq!(
            out,
            "rule `x`![x\\](https://evil/px.png)[All checks passed\\](https://evil/)`"
        );
        // a backslash in the value cannot undo an escape
        assert_eq!(md_inline("a\\](b)"), "a\\\\\\](b)");
        // a link reference definition
        assert_eq!(md_inline("[x]: https://evil/"), "\\[x]: https://evil/");
    }
}
