//! Table reporter for people (comfy-table). Colour only when asked (a terminal without NO_COLOR).

use crate::model::*;
use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use std::borrow::Cow;

fn verdict_cell(text: &str, good: bool, bad: bool, color: bool) -> Cell {
    let c = Cell::new(text);
    if !color {
        return c;
    }
    if good {
        c.fg(Color::Green)
    } else if bad {
        c.fg(Color::Red)
    } else {
        c.fg(Color::Yellow)
    }
}

/// A mark for a verdict: ✓ allowed, ✗ denied, ~ partial, ? unknown.
pub fn mark(v: FlowVerdict) -> &'static str {
    match v {
        FlowVerdict::Allowed => "✓",
        FlowVerdict::Denied => "✗",
        FlowVerdict::Partial => "~",
        FlowVerdict::Unknown => "?",
    }
}

/// How a hop is named, the way the Azure portal names things: ``NSG `vm1-nsg` (NIC)``, ``route table
/// `spoke-rt` ``, ``Azure Firewall `hub-fw` ``, `proxy 10.0.0.5:3128`.
pub fn hop_label(h: &Hop) -> String {
    let leg = match h.leg {
        "vm-to-proxy" => "[VM→proxy] ",
        "proxy-to-storage" => "[proxy→storage] ",
        _ => "",
    };
    let what = match h.hop {
        "nsg" => format!(
            "NSG `{}`{}",
            h.name,
            h.attached_to.map_or_else(String::new, |a| format!(
                " ({})",
                a.to_string().to_uppercase()
            ))
        ),
        "route" if h.name == "system routes" => "system routes".to_string(),
        "route" => format!("route table `{}`", h.name),
        "firewall" => format!("Azure Firewall `{}`", h.name),
        "admin" => h.name.clone(),
        "destination" => format!("reached {}", h.name),
        "proxy" => format!("proxy {} ({})", h.name, h.target),
        k => format!("{k} {}", h.name),
    };
    format!("{leg}{what}")
}

/// One decision in words: `Deny securityRules/X (4000), 16 prefixes`.
pub fn decision_text(h: &Hop, d: &Decision) -> String {
    let access = match d.access {
        DecisionAccess::Allow if h.hop == "route" => "→",
        DecisionAccess::Allow => "Allow",
        DecisionAccess::Deny => "Deny",
        DecisionAccess::Unknown => "Unknown",
    };
    let n = if h.leg == "vm-to-proxy" {
        h.target.split(':').next().unwrap_or("").to_string()
    } else if d.prefixes == 1 {
        "1 prefix".to_string()
    } else {
        format!("{} prefixes", d.prefixes)
    };
    let prio = if d.priority > 0 {
        format!(" ({})", d.priority)
    } else {
        String::new()
    };
    match (&d.next_hop, h.hop) {
        (Some(nh), _) => format!("{} {access} {nh}, {n}", d.rule),
        (None, "destination") => n,
        (None, "admin") => {
            let access = if d
                .reason
                .as_deref()
                .is_some_and(|r| r.starts_with(crate::model::admin::ADMIN_ALWAYS))
            {
                "AlwaysAllow"
            } else {
                access
            };
            if d.rule == crate::model::admin::ADMIN_NO_MATCH {
                format!("no rule matches (NSGs decide), {n}")
            } else if d.rule == h.name {
                format!("{access}{prio}, {n}")
            } else {
                format!("{access} {}{prio}, {n}", d.rule)
            }
        }
        _ => format!("{access} {}{prio}, {n}", d.rule),
    }
}

fn path_text(f: &FlowResult) -> String {
    if f.hops.is_empty() {
        return "(nothing reached)".into();
    }
    let mut lines = Vec::new();
    for h in &f.hops {
        let ds: Vec<String> = h.decisions.iter().map(|d| decision_text(h, d)).collect();
        lines.push(format!(
            "{} {}: {}",
            mark(h.verdict),
            hop_label(h),
            ds.join("; ")
        ));
    }
    cut_words(&lines.join("\n"), MAX_WORD).into_owned()
}

fn new_table(style: &Style) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(u16::try_from(style.width).unwrap_or(u16::MAX));
    if style.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

/// How wide a printed line is (box drawing and marks count one column each).
fn display_width(line: &str) -> usize {
    // strip ANSI colour sequences before counting
    let mut n = 0;
    let mut esc = false;
    for c in line.chars() {
        match (esc, c) {
            (false, '\u{1b}') => esc = true,
            (true, 'm') => esc = false,
            (true, _) => {}
            _ => n += 1,
        }
    }
    n
}

/// The longest word (a run without spaces) tables and wrapped text show whole: a longer one, such as a
/// crafted megabyte-long rule name, is cut there with `…` before it reaches a table, so the output stays
/// readable and its time linear. JSON keeps every value whole.
pub const MAX_WORD: usize = 200;

/// `s` with every word (a run of characters without white space) longer than `max` characters cut to
/// `max`, its last one `…`. One pass.
pub fn cut_words(s: &str, max: usize) -> Cow<'_, str> {
    let mut run = 0usize;
    let long = s.chars().any(|c| {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        run > max
    });
    if !long {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len().min(1 << 16));
    let mut run = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            run = 0;
            out.push(c);
            continue;
        }
        run += 1;
        if run < max {
            out.push(c);
        } else if run == max {
            let ends = chars.peek().is_none_or(|n| n.is_whitespace());
            out.push(if ends { c } else { '…' });
        }
    }
    Cow::Owned(out)
}

/// Wraps `text` at word boundaries to `width` columns; continuation lines start with `indent`. Words
/// longer than [`MAX_WORD`] are cut first; the work is linear in the text.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let text = cut_words(text, MAX_WORD);
    let indent_w = indent.chars().count();
    // a word longer than a whole line is cut (a long path on a narrow terminal)
    let room = width.saturating_sub(indent_w).max(8);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (k, para) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        // keep the paragraph's own leading spaces
        let body = para.trim_start_matches(' ');
        let lead = &para[..para.len() - body.len()];
        let mut line = lead.to_string();
        let mut line_w = lead.len();
        let mut fresh = true;
        for w in body.split(' ').filter(|w| !w.is_empty()) {
            let pieces: Vec<(&str, usize)> = if w.contains("://") {
                // a link stays whole, so it can be clicked or copied
                vec![(w, w.chars().count())]
            } else {
                let mut v = Vec::new();
                let (mut from, mut n) = (0, 0);
                for (i, _) in w.char_indices() {
                    if n == room {
                        v.push((&w[from..i], n));
                        (from, n) = (i, 0);
                    }
                    n += 1;
                }
                v.push((&w[from..], n));
                v
            };
            for (word, word_w) in pieces {
                if !fresh && line_w + 1 + word_w > width {
                    out.push_str(&line);
                    out.push('\n');
                    line.clear();
                    line.push_str(indent);
                    line.push_str(word);
                    line_w = indent_w + word_w;
                } else {
                    if !fresh {
                        line.push(' ');
                        line_w += 1;
                    }
                    line.push_str(word);
                    line_w += word_w;
                }
                fresh = false;
            }
        }
        out.push_str(&line);
    }
    out
}

pub use super::style::Style;

fn verdict_word(v: FlowVerdict) -> String {
    format!("{v:?}").to_lowercase()
}

/// The flows as a table that fits `style.width`; when even wrapped cells cannot fit, one block per flow.
fn flows_table(r: &CheckReport, style: &Style) -> String {
    let mut t = new_table(style);
    t.set_header(vec!["Port", "Verdict", "Allowed", "Path"]);
    for f in &r.flows {
        let v = verdict_word(f.verdict);
        t.add_row(vec![
            Cell::new(format!("{}/tcp", f.port)),
            verdict_cell(
                &v,
                f.verdict == FlowVerdict::Allowed,
                matches!(f.verdict, FlowVerdict::Denied | FlowVerdict::Partial),
                style.color,
            ),
            Cell::new(format!("{}/{}", f.prefixes.allowed, f.prefixes.total)),
            Cell::new(path_text(f)),
        ]);
    }
    // the table is used when every word of a path fits its column unbroken
    let longest = r
        .flows
        .iter()
        .flat_map(|f| {
            path_text(f)
                .split_whitespace()
                .map(|w| w.chars().count())
                .collect::<Vec<_>>()
        })
        .max()
        .unwrap_or(0);
    let fixed = "│ 8443/tcp ┆ partial ┆ 17/17 ┆  │".chars().count() + 2;
    let table = t.to_string();
    if fixed + longest <= style.width && table.lines().all(|l| display_width(l) <= style.width) {
        return table;
    }
    // vertical layout
    let mut out = String::new();
    for f in &r.flows {
        out.push_str(&wrap(
            &format!(
                "{}/tcp {}: {}/{} prefixes allowed",
                f.port,
                verdict_word(f.verdict),
                f.prefixes.allowed,
                f.prefixes.total
            ),
            style.width,
            "    ",
        ));
        out.push('\n');
        for l in path_text(f).lines() {
            out.push_str(&wrap(&format!("  {l}"), style.width, "      "));
            out.push('\n');
        }
    }
    out.trim_end().to_string()
}

/// The last line, the way linters end: `8443/tcp denied, 443/tcp allowed — BLOCKED (exit 1)`.
pub fn summary_line(r: &CheckReport) -> String {
    let flows: Vec<String> = r
        .flows
        .iter()
        .map(|f| format!("{}/tcp {}", f.port, verdict_word(f.verdict)))
        .collect();
    format!(
        "{} — {} (exit {})",
        flows.join(", "),
        format!("{:?}", r.verdict).to_uppercase(),
        r.verdict.exit_code()
    )
}

/// The check report as a table plus a header and footer, fitted to `style.width`.
pub fn check(r: &CheckReport, style: &Style) -> String {
    let w = style.width;
    let dest = r
        .flows
        .first()
        .map_or("Storage", |f| f.destination.as_str());
    let mut out = String::new();
    let mut line = |text: String, indent: &str| {
        out.push_str(&wrap(&text, w, indent));
        out.push('\n');
    };
    line(
        format!(
            "azegress check: backup extension → {dest} (region {})",
            r.region
        ),
        "  ",
    );
    line(
        format!(
            "service tags: {} changeNumber {} ({})",
            r.service_tags.cloud, r.service_tags.change_number, r.service_tags.source
        ),
        "  ",
    );
    line(format!("storage host: {}", r.storage_host), "  ");
    if let Some(p) = &r.proxy {
        line(
            format!(
                "proxy: {}:{} from {} ({}){}",
                p.host,
                p.port,
                p.setting,
                format!("{:?}", p.os).to_lowercase(),
                if p.bypassed {
                    ", bypassed for the storage host"
                } else {
                    ""
                }
            ),
            "  ",
        );
    }
    out.push_str(&flows_table(r, style));
    out.push('\n');
    let mut line = |text: String, indent: &str| {
        out.push_str(&wrap(&text, w, indent));
        out.push('\n');
    };
    line(
        format!("verdict: {}", format!("{:?}", r.verdict).to_uppercase()),
        "  ",
    );
    for f in &r.flows {
        line(
            format!("  {}/tcp {}: {}", f.port, verdict_word(f.verdict), f.why),
            "    ",
        );
    }
    for f in &r.flows {
        if let Some(p) = &f.first_denied_prefix {
            line(format!("  {}/tcp: first denied prefix {p}", f.port), "    ");
        }
    }
    for d in &r.diagnostics {
        line(super::diagnostic_text(d), "  ");
    }
    for s in &r.next_steps {
        line(format!("next: {s}"), "  ");
    }
    line(summary_line(r), "  ");
    out
}

/// The flow-verify report.
pub fn flow(r: &FlowVerifyReport, style: &Style) -> String {
    let mut t = new_table(style);
    t.set_header(vec!["Access", "Rule", "NSG", "Attached to"]);
    let a = format!("{:?}", r.access);
    t.add_row(vec![
        verdict_cell(
            &a,
            r.access == DecisionAccess::Allow,
            r.access == DecisionAccess::Deny,
            style.color,
        ),
        Cell::new(cut_words(r.rule.as_deref().unwrap_or("-"), MAX_WORD)),
        Cell::new(cut_words(r.nsg.as_deref().unwrap_or("-"), MAX_WORD)),
        Cell::new(r.attached_to.map_or("-".to_string(), |x| x.to_string())),
    ]);
    let mut out = t.to_string();
    out.push('\n');
    out.push_str(&wrap(&r.why, style.width, "  "));
    out.push('\n');
    for d in &r.diagnostics {
        out.push_str(&wrap(&super::diagnostic_text(d), style.width, "  "));
        out.push('\n');
    }
    out
}
