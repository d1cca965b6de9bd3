//! Text that is safe to show: no control characters from the input reach a terminal, a log or a file.
//!
//! Input values (rule names, descriptions, file names, proxy hosts) may hold ESC and other C0/C1 control
//! characters or Unicode bidirectional overrides; written raw, they can clear the screen, move the cursor
//! or reorder a line, and print a fake "all checks passed". Everything printed goes through [`terminal`];
//! JSON through [`json`], which spells the same characters as `\u` escapes (the same value, plain ASCII).

use std::borrow::Cow;

/// The colour sequences the reporters write themselves (comfy-table's and the probe's); no other escape
/// sequence passes [`terminal`] with colour on.
const OWN_SGR: [&str; 8] = [
    "\x1b[38;5;9m",
    "\x1b[38;5;12m",
    "\x1b[38;5;10m",
    "\x1b[38;5;11m",
    "\x1b[39m",
    "\x1b[0m",
    "\x1b[1;31m",
    "\x1b[1;32m",
];

pub use crate::sensitive::{SENSITIVE, mark_sensitive, redact, redacted};

/// A character that must never be written raw: C0 controls but line feed and tab, DEL, C1 controls, the
/// bidirectional embedding, override and isolate characters, the line and paragraph separators, the
/// byte-order mark and the zero-width characters.
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
        // line and paragraph separators break a line where a reader sees none; a byte-order mark or
        // zero-width character hides text
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{200b}'..='\u{200d}')
}

fn push_escaped(out: &mut String, c: char) {
    if (c as u32) <= 0xff {
        out.push_str(&format!("\\x{:02x}", c as u32));
    } else {
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
    }
}

/// `text` with every value marked sensitive hidden ([`redact`]) and every unsafe character shown escaped
/// (`\x1b`, `\u{202e}`). With `colour`, the reporters' own colour sequences ([`OWN_SGR`]) are kept; any
/// other escape sequence is shown escaped.
pub fn terminal(text: &str, colour: bool) -> Cow<'_, str> {
    match redact(text) {
        Cow::Borrowed(t) => escape_unsafe(t, colour),
        Cow::Owned(t) => Cow::Owned(escape_unsafe(&t, colour).into_owned()),
    }
}

fn escape_unsafe(text: &str, colour: bool) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\x1b'
            && colour
            && let Some(sgr) = OWN_SGR.iter().find(|s| rest.starts_with(**s))
        {
            out.push_str(sgr);
            rest = &rest[sgr.len()..];
            continue;
        }
        if is_unsafe(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// One line for a message: line breaks folded to spaces, unsafe characters escaped.
pub fn one_line(text: &str) -> String {
    terminal(&text.replace(['\n', '\r'], " "), false).into_owned()
}

/// JSON text (as serde_json writes it) with DEL, C1 and bidi characters spelled `\u00XX`/`\uXXXX`: the
/// same JSON value, safe to print. serde_json already escapes C0; these occur only inside strings.
pub fn json(text: String) -> String {
    if !text.chars().any(is_unsafe) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_text_is_shown_escaped_and_own_colours_kept() {
        let evil = "rule\x1b[2J\x1b[Hall checks passed\u{202e}\r\u{85}";
        let t = terminal(evil, false);
        assert_eq!(t, "rule\\x1b[2J\\x1b[Hall checks passed\\u{202e}\\x0d\\x85");
        let coloured = format!("\x1b[38;5;9mdenied\x1b[39m {evil}");
        let t = terminal(&coloured, true);
        assert!(
            t.starts_with("\x1b[38;5;9mdenied\x1b[39m rule\\x1b[2J"),
            "{t}"
        );
        assert_eq!(terminal("plain\n\ttext ✓", false), "plain\n\ttext ✓");
        assert_eq!(one_line("a\nb\x07"), "a b\\x07");
        // issue 29: the separators and the byte-order mark reached terminals and Markdown raw
        assert_eq!(
            terminal("a\u{2028}b\u{2029}c\u{feff}d", false),
            "a\\u{2028}b\\u{2029}c\\u{feff}d"
        );
    }

    #[test]
    fn json_stays_the_same_value() {
        let v = serde_json::json!({"name": "a\u{85}b\u{202e}c\u{7f}\u{1b}"});
        let s = json(serde_json::to_string(&v).unwrap());
        assert!(s.is_ascii(), "{s}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&s).unwrap(), v);
    }
}
