//! Terraform's `format` verbs and `jsonencode` text, written as go-cty writes them (go-cty's
//! `format`, which leans on Go's `fmt` for numbers, and Go's `encoding/json` for strings).

use super::number::{self, Digits};
use hcl::Value;
use unicode_segmentation::UnicodeSegmentation;

/// `s` as a JSON string, escaped as Go's `encoding/json` escapes it: `"` and `\`, `\n`, `\r`, `\t`,
/// other control characters as `\u00XX`, and (HTML-safe) `<`, `>`, `&`, U+2028, U+2029 as `\uXXXX`.
pub(crate) fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `v` as Terraform's `jsonencode` writes it: no spaces, object keys in lexical order, numbers in
/// positional decimal ([`number::text`]), strings as [`json_string`].
pub(crate) fn json(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number::text(n)),
        Value::String(s) => json_string(s, out),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json(x, out);
            }
            out.push(']');
        }
        Value::Object(o) => {
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(k, out);
                out.push(':');
                json(&o[k], out);
            }
            out.push('}');
        }
    }
}

/// One `%…` sequence of a format string.
struct Verb {
    /// Its byte offset in the format string.
    offset: usize,
    /// The argument it formats, from 1.
    arg: usize,
    mode: char,
    zero: bool,
    sharp: bool,
    plus: bool,
    minus: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

/// `format(spec, args…)` as Terraform gives it: the verbs `%v %#v %t %b %d %o %x %X %e %E %f %g %G %s
/// %q %%`, the flags ` +-0#`, widths, precisions and `[n]` argument indexes; widths and string
/// precisions count grapheme clusters. An unknown verb, a missing argument or a value of the wrong
/// kind is an error, as in Terraform.
pub(crate) fn format(spec: &str, args: &[Value]) -> Result<String, String> {
    let mut out = String::new();
    let b = spec.as_bytes();
    let mut next_arg = 1;
    let mut p = 0;
    while p < b.len() {
        let c = spec[p..].chars().next().unwrap_or('\0');
        if c != '%' {
            out.push(c);
            p += c.len_utf8();
            continue;
        }
        if b.get(p + 1) == Some(&b'%') {
            out.push('%');
            p += 2;
            continue;
        }
        let start = p;
        let mut v = Verb {
            offset: start,
            arg: next_arg,
            mode: ' ',
            zero: false,
            sharp: false,
            plus: false,
            minus: false,
            space: false,
            width: None,
            prec: None,
        };
        p += 1;
        let unexpected = |p: usize| -> String {
            match spec[p..].chars().next() {
                None => format!("invalid format string starting at offset {p}"),
                Some(c) => format!("unrecognized format character '{c}' at offset {p}"),
            }
        };
        while let Some(&f) = b.get(p) {
            match f {
                b'0' => v.zero = true,
                b'#' => v.sharp = true,
                b'-' => v.minus = true,
                b'+' => v.plus = true,
                b' ' => v.space = true,
                _ => break,
            }
            p += 1;
        }
        if b.get(p) == Some(&b'[') {
            p += 1;
            if !b.get(p).is_some_and(|c| (b'1'..=b'9').contains(c)) {
                return Err(unexpected(p));
            }
            let mut n = 0usize;
            while let Some(d) = b.get(p).filter(|c| c.is_ascii_digit()) {
                n = n.saturating_mul(10).saturating_add((d - b'0') as usize);
                p += 1;
            }
            if b.get(p) != Some(&b']') {
                return Err(unexpected(p));
            }
            p += 1;
            v.arg = n;
        }
        if b.get(p).is_some_and(|c| (b'1'..=b'9').contains(c)) {
            v.width = Some(bounded_number(b, &mut p, "width")?);
        }
        if b.get(p) == Some(&b'.') {
            p += 1;
            v.prec = Some(bounded_number(b, &mut p, "precision")?);
        }
        match b.get(p) {
            Some(m) if m.is_ascii_alphabetic() => v.mode = *m as char,
            _ => return Err(unexpected(p)),
        }
        p += 1;
        append(&v, &spec[start..p], args, &mut out)?;
        next_arg = v.arg + 1;
    }
    Ok(out)
}

/// The digits at `b[*p..]` as a width or precision (`what`), `*p` moved past them; one above
/// [`MAX_WIDTH`] is refused.
fn bounded_number(b: &[u8], p: &mut usize, what: &str) -> Result<usize, String> {
    let mut n = 0usize;
    while let Some(d) = b.get(*p).filter(|c| c.is_ascii_digit()) {
        n = n.saturating_mul(10).saturating_add((d - b'0') as usize);
        *p += 1;
    }
    if n > MAX_WIDTH {
        return Err(format!(
            "format: a {what} of {n} is more than the tool evaluates ({MAX_WIDTH})"
        ));
    }
    Ok(n)
}

/// The widest width or precision evaluated (`%999999999s` would build a gigabyte string).
const MAX_WIDTH: usize = 65_536;

fn pad_width(v: &Verb, s: String) -> String {
    let Some(w) = v.width else { return s };
    let n = s.graphemes(true).count();
    if n >= w {
        return s;
    }
    let pad = (if v.zero { "0" } else { " " }).repeat(w - n);
    if v.minus { s + &pad } else { pad + &s }
}

fn to_number(x: &Value, raw: &str, at: usize) -> Result<hcl::Number, String> {
    match x {
        Value::Number(n) => Ok(*n),
        Value::String(s) => {
            number::parse(s).map_err(|e| format!("unsupported value for \"{raw}\" at {at}: {e}"))
        }
        _ => Err(format!(
            "unsupported value for \"{raw}\" at {at}: number required"
        )),
    }
}

fn append(v: &Verb, raw: &str, args: &[Value], out: &mut String) -> Result<(), String> {
    let at = v.offset;
    let Some(x) = v.arg.checked_sub(1).and_then(|i| args.get(i)) else {
        return Err(format!(
            "not enough arguments for \"{raw}\" at {at}: need index {} but have {} total",
            v.arg,
            args.len()
        ));
    };
    if v.mode != 'v' && x.is_null() {
        return Err(format!(
            "unsupported value for \"{raw}\" at {at}: null value cannot be formatted"
        ));
    }
    match v.mode {
        'v' => {
            let s = match x {
                Value::String(s) if !v.sharp => s.clone(),
                Value::Number(n) if !v.sharp => {
                    let d = Digits::of(n);
                    let sign = if d.neg { "-" } else { "" };
                    format!("{sign}{}", d.go_text(b'g', None))
                }
                other => {
                    let mut s = String::new();
                    json(other, &mut s);
                    s
                }
            };
            out.push_str(&pad_width(v, s));
        }
        't' => match x {
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::String(s) if s == "true" || s == "false" => out.push_str(s),
            _ => {
                return Err(format!(
                    "unsupported value for \"{raw}\" at {at}: bool required"
                ));
            }
        },
        'b' | 'd' | 'o' | 'x' | 'X' => {
            let n = to_number(x, raw, at)?;
            let i = number::to_bigint(&n).ok_or_else(|| {
                format!("unsupported value for \"{raw}\" at {at}: an integer is required")
            })?;
            out.push_str(&go_int(v, &i));
        }
        'e' | 'E' | 'f' | 'g' | 'G' => {
            let n = to_number(x, raw, at)?;
            out.push_str(&go_float(v, &n));
        }
        's' | 'q' => {
            let mut s = match x {
                Value::String(s) => s.clone(),
                Value::Number(n) => number::text(n),
                Value::Bool(b) => b.to_string(),
                _ => {
                    return Err(format!(
                        "unsupported value for \"{raw}\" at {at}: string required"
                    ));
                }
            };
            if let Some(p) = v.prec.filter(|p| *p > 0) {
                s = s.graphemes(true).take(p).collect();
            }
            if v.mode == 'q' {
                let mut q = String::new();
                json_string(&s, &mut q);
                s = q;
            }
            out.push_str(&pad_width(v, s));
        }
        m => {
            return Err(format!(
                "unsupported format verb '{m}' in \"{raw}\" at offset {at}"
            ));
        }
    }
    Ok(())
}

/// Go's `fmt` flags as its parser sets them: `-` turns zero padding off.
fn go_zero(v: &Verb) -> bool {
    v.zero && !v.minus
}

/// An integer as Go's `fmt` writes a `*big.Int` for `%b %d %o %x %X`.
fn go_int(v: &Verb, i: &bigdecimal::num_bigint::BigInt) -> String {
    let base = match v.mode {
        'b' => 2,
        'o' => 8,
        'x' | 'X' => 16,
        _ => 10,
    };
    let neg = i.sign() == bigdecimal::num_bigint::Sign::Minus;
    let sign = if neg {
        "-"
    } else if v.plus {
        "+"
    } else if v.space {
        " "
    } else {
        ""
    };
    let prefix = match (v.sharp, v.mode) {
        (true, 'b') => "0b",
        (true, 'o') => "0",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    let mut digits = i.magnitude().to_str_radix(base);
    if v.mode == 'X' {
        digits = digits.to_uppercase();
    }
    let mut zeros = 0;
    if let Some(p) = v.prec {
        if digits.len() < p {
            zeros = p - digits.len();
        } else if digits == "0" && p == 0 {
            return String::new();
        }
    }
    let (mut left, mut right) = (0, 0);
    let length = sign.len() + prefix.len() + zeros + digits.len();
    if let Some(w) = v.width.filter(|w| length < *w) {
        let d = w - length;
        if v.minus {
            right = d;
        } else if go_zero(v) && v.prec.is_none() {
            zeros = d;
        } else {
            left = d;
        }
    }
    format!(
        "{}{sign}{prefix}{}{digits}{}",
        " ".repeat(left),
        "0".repeat(zeros),
        " ".repeat(right)
    )
}

/// A number as Go's `fmt` writes a `*big.Float` for `%e %E %f %g %G`.
fn go_float(v: &Verb, n: &hcl::Number) -> String {
    let d = Digits::of(n);
    let prec = match (v.prec, v.mode) {
        (Some(p), _) => Some(p as i64),
        (None, 'g' | 'G') => None,
        (None, _) => Some(6),
    };
    let body = d.go_text(v.mode as u8, prec);
    let sign = if d.neg {
        "-"
    } else if v.plus {
        "+"
    } else if v.space {
        " "
    } else {
        ""
    };
    let pad = v
        .width
        .map_or(0, |w| w.saturating_sub(sign.len() + body.len()));
    if go_zero(v) {
        format!("{sign}{}{body}", "0".repeat(pad))
    } else if v.minus {
        format!("{sign}{body}{}", " ".repeat(pad))
    } else {
        format!("{}{sign}{body}", " ".repeat(pad))
    }
}
