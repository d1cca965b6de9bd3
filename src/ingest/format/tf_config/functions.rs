//! The Terraform functions configurations call, as `hcl::eval` function definitions. Each takes its
//! arguments as Terraform does (lists and sets are arrays, maps and objects are objects) and fails with
//! Terraform's reason when they are of the wrong kind: a failed call makes the attribute *unknown*,
//! never a guess. `try` and `can` are not here: they need their arguments unevaluated (`super::eval`).

mod number;
mod printf;

use hcl::Value;
use hcl::eval::{Context, FuncArgs, FuncDef, ParamType};
use std::cell::RefCell;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::PathBuf;

thread_local! {
    /// The directory of the module being evaluated: `file()`, `templatefile()` read within it only.
    static MODULE_DIR: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
}

/// Runs `f` with `dir` as the module directory `file()` reads from.
pub fn in_module<T>(dir: &std::path::Path, f: impl FnOnce() -> T) -> T {
    let before = MODULE_DIR.with(|d| d.replace(Some(dir.to_path_buf())));
    let out = f();
    MODULE_DIR.with(|d| *d.borrow_mut() = before);
    out
}

type R = Result<Value, String>;

thread_local! {
    /// Work done so far by the evaluation in force ([`with_budget`]), in steps: a function's result, an
    /// element a `for` makes and a value bound to a name each cost their size.
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// The most steps the evaluation in force may take.
    static LIMIT: std::cell::Cell<u64> = const { std::cell::Cell::new(u64::MAX) };
}

/// How the reason of a value left unknown because the evaluation budget was spent begins.
pub const BUDGET_SPENT: &str = "the evaluation budget is spent";

/// Runs `f` with a budget of `limit` steps of work for every evaluation inside it ([`charge`]): a
/// configuration that doubles a list forty times, nests `for` over `range(1000)` three deep, or builds a
/// value one level deeper at each of 800 locals stops at the budget, named, instead of taking minutes and
/// gigabytes.
pub fn with_budget<T>(limit: u64, f: impl FnOnce() -> T) -> T {
    let before = (
        STEPS.with(|s| s.replace(0)),
        LIMIT.with(|l| l.replace(limit)),
    );
    let out = f();
    STEPS.with(|s| s.set(before.0));
    LIMIT.with(|l| l.set(before.1));
    out
}

/// Adds `n` steps; past the budget, why not.
pub fn charge(n: u64) -> Result<(), String> {
    let limit = LIMIT.with(std::cell::Cell::get);
    let now = STEPS.with(|s| {
        let v = s.get().saturating_add(n);
        s.set(v);
        v
    });
    if now > limit {
        Err(format!(
            "{BUDGET_SPENT} ({limit} steps: the configuration's values grow beyond what is evaluated offline)"
        ))
    } else {
        Ok(())
    }
}

/// Has the budget in force been spent?
pub fn spent() -> bool {
    STEPS.with(std::cell::Cell::get) > LIMIT.with(std::cell::Cell::get)
}

/// The size of `v` in steps (a node each, two more per map entry, and a step per 64 bytes of a string),
/// counted no further than `cap`.
pub fn size_upto(v: &Value, cap: u64) -> u64 {
    let mut n = 0u64;
    let mut stack = vec![v];
    while let Some(x) = stack.pop() {
        n += 1;
        if n > cap {
            return n;
        }
        match x {
            Value::String(s) => n += (s.len() / 64) as u64,
            Value::Array(a) => stack.extend(a.iter()),
            // a map's entry holds its key and a hash slot: it weighs three of a list's
            Value::Object(o) => {
                for (k, y) in o {
                    n += 2 + (k.len() / 64) as u64;
                    stack.push(y);
                }
            }
            _ => {}
        }
    }
    n
}

/// Charges the size of `v` ([`size_upto`], no further than what is left of the budget).
pub fn charge_value(v: &Value) -> Result<(), String> {
    let left = LIMIT
        .with(std::cell::Cell::get)
        .saturating_sub(STEPS.with(std::cell::Cell::get));
    charge(size_upto(v, left))
}

/// Each function of the table, metered: its result costs its size ([`charge_value`]).
macro_rules! metered {
    ($($name:literal => $f:path),* $(,)?) => {
        &[$(($name, {
            fn metered(a: FuncArgs) -> R {
                charge(1)?;
                let r = $f(a)?;
                charge_value(&r)?;
                Ok(r)
            }
            metered as hcl::eval::Func
        })),*]
    };
}

fn list(v: &Value, f: &str) -> Result<Vec<Value>, String> {
    match v {
        Value::Array(a) => Ok(a.clone()),
        Value::Null => Err(format!("{f}: the list is null")),
        other => Err(format!("{f}: expected a list, found {}", kind(other))),
    }
}

fn map(v: &Value, f: &str) -> Result<hcl::Map<String, Value>, String> {
    match v {
        Value::Object(o) => Ok(o.clone()),
        other => Err(format!("{f}: expected a map, found {}", kind(other))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a bool",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A primitive as Terraform turns it into a string.
fn string(v: &Value, f: &str) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(number::text(n)),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(format!("{f}: expected a string, found {}", kind(other))),
    }
}

/// A value as Terraform converts it to a number (a string must be a decimal number).
fn numv(v: &Value, f: &str) -> Result<hcl::Number, String> {
    match v {
        Value::Number(n) => Ok(*n),
        Value::String(s) => number::parse(s).map_err(|e| format!("{f}: {e}")),
        Value::Null => Err(format!("{f}: the number is null")),
        other => Err(format!("{f}: expected a number, found {}", kind(other))),
    }
}

fn number(v: &Value, f: &str) -> Result<f64, String> {
    numv(v, f).map(|n| n.as_f64().unwrap_or(0.0))
}

fn int(v: &Value, f: &str) -> Result<i64, String> {
    let n = number(v, f)?;
    if n.fract() != 0.0 {
        return Err(format!("{f}: {n} is not a whole number"));
    }
    Ok(n as i64)
}

fn num(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Value::from(n as i64)
    } else {
        hcl::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

fn arg(a: &[Value], i: usize) -> &Value {
    a.get(i).unwrap_or(&Value::Null)
}

fn concat(a: FuncArgs) -> R {
    let mut out = Vec::new();
    for v in a.iter() {
        out.extend(list(v, "concat")?);
    }
    Ok(Value::Array(out))
}

fn merge(a: FuncArgs) -> R {
    let mut out = hcl::Map::new();
    for v in a.iter() {
        if v.is_null() {
            continue;
        }
        out.extend(map(v, "merge")?);
    }
    Ok(Value::Object(out))
}

fn lookup(a: FuncArgs) -> R {
    let m = map(arg(&a, 0), "lookup")?;
    let k = string(arg(&a, 1), "lookup")?;
    match m.get(&k) {
        Some(v) => Ok(v.clone()),
        None if a.len() > 2 => Ok(arg(&a, 2).clone()),
        None => Err(format!("lookup: no key `{k}` and no default")),
    }
}

fn coalesce(a: FuncArgs) -> R {
    a.iter()
        .find(|v| !v.is_null() && v.as_str() != Some(""))
        .cloned()
        .ok_or_else(|| "coalesce: no non-null, non-empty argument".into())
}

fn coalescelist(a: FuncArgs) -> R {
    a.iter()
        .find(|v| v.as_array().is_some_and(|x| !x.is_empty()))
        .cloned()
        .ok_or_else(|| "coalescelist: no non-empty list".into())
}

fn flatten_into(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| flatten_into(x, out)),
        other => out.push(other.clone()),
    }
}

fn flatten(a: FuncArgs) -> R {
    let mut out = Vec::new();
    for x in list(arg(&a, 0), "flatten")? {
        flatten_into(&x, &mut out);
    }
    Ok(Value::Array(out))
}

fn dedup(items: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for x in items {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

fn distinct(a: FuncArgs) -> R {
    Ok(Value::Array(dedup(list(arg(&a, 0), "distinct")?)))
}

fn keys(a: FuncArgs) -> R {
    let mut k: Vec<String> = map(arg(&a, 0), "keys")?.keys().cloned().collect();
    k.sort();
    Ok(Value::Array(k.into_iter().map(Value::String).collect()))
}

fn values(a: FuncArgs) -> R {
    let m = map(arg(&a, 0), "values")?;
    let mut k: Vec<&String> = m.keys().collect();
    k.sort();
    Ok(Value::Array(k.into_iter().map(|k| m[k].clone()).collect()))
}

fn length(a: FuncArgs) -> R {
    Ok(match arg(&a, 0) {
        Value::Array(x) => Value::from(x.len() as u64),
        Value::Object(x) => Value::from(x.len() as u64),
        Value::String(s) => Value::from(s.chars().count() as u64),
        other => return Err(format!("length: not a collection: {}", kind(other))),
    })
}

fn contains(a: FuncArgs) -> R {
    Ok(Value::Bool(
        list(arg(&a, 0), "contains")?.contains(arg(&a, 1)),
    ))
}

fn element(a: FuncArgs) -> R {
    let l = list(arg(&a, 0), "element")?;
    if l.is_empty() {
        return Err("element: the list is empty".into());
    }
    let i = int(arg(&a, 1), "element")?;
    if i < 0 {
        return Err("element: negative index".into());
    }
    Ok(l[(i as usize) % l.len()].clone())
}

fn index(a: FuncArgs) -> R {
    let l = list(arg(&a, 0), "index")?;
    l.iter()
        .position(|x| x == arg(&a, 1))
        .map(|i| Value::from(i as u64))
        .ok_or_else(|| "index: the value is not in the list".into())
}

fn tolist(a: FuncArgs) -> R {
    Ok(Value::Array(list(arg(&a, 0), "tolist")?))
}

fn toset(a: FuncArgs) -> R {
    let mut l = dedup(list(arg(&a, 0), "toset")?);
    // a set of strings iterates in lexical order
    if l.iter().all(Value::is_string) {
        l.sort_by(|x, y| x.as_str().cmp(&y.as_str()));
    }
    Ok(Value::Array(l))
}

fn tomap(a: FuncArgs) -> R {
    Ok(Value::Object(map(arg(&a, 0), "tomap")?))
}

fn tostring(a: FuncArgs) -> R {
    match arg(&a, 0) {
        Value::Null => Ok(Value::Null),
        v => string(v, "tostring").map(Value::String),
    }
}

fn tonumber(a: FuncArgs) -> R {
    match arg(&a, 0) {
        Value::Null => Ok(Value::Null),
        v => numv(v, "tonumber").map(Value::Number),
    }
}

fn tobool(a: FuncArgs) -> R {
    match arg(&a, 0) {
        Value::Null => Ok(Value::Null),
        Value::Bool(b) => Ok(Value::Bool(*b)),
        Value::String(s) if s == "true" => Ok(Value::Bool(true)),
        Value::String(s) if s == "false" => Ok(Value::Bool(false)),
        other => Err(format!("tobool: cannot convert {}", kind(other))),
    }
}

/// `sensitive(x)`: `x`, never shown in any output.
fn sensitive(a: FuncArgs) -> R {
    let v = arg(&a, 0).clone();
    if let Ok(j) = serde_json::to_value(&v) {
        crate::ingest::terraform::mark_all(&j);
    }
    Ok(v)
}

fn identity(a: FuncArgs) -> R {
    Ok(arg(&a, 0).clone())
}

/// `format`: Terraform's verbs, flags, widths and precisions ([`printf::format`]).
fn format(a: FuncArgs) -> R {
    format_values(&a)
}

fn format_values(a: &[Value]) -> R {
    let spec = match arg(a, 0) {
        Value::Null => return Err("format: the format string is null".into()),
        v => string(v, "format")?,
    };
    printf::format(&spec, a.get(1..).unwrap_or(&[]))
        .map(Value::String)
        .map_err(|e| format!("format: {e}"))
}

/// `formatlist`: the list arguments (all of one length) are walked together, the others repeat.
fn formatlist(a: FuncArgs) -> R {
    let mut n: Option<(usize, usize)> = None;
    for (i, x) in a.iter().enumerate().skip(1) {
        if let Value::Array(l) = x {
            match n {
                None => n = Some((l.len(), i)),
                Some((len, j)) if len != l.len() => {
                    return Err(format!(
                        "formatlist: argument {i} has length {}, which is inconsistent with argument {j} of length {len}",
                        l.len()
                    ));
                }
                Some(_) => {}
            }
        }
    }
    let n = n.map_or(1, |(len, _)| len);
    let mut out = Vec::new();
    for i in 0..n {
        let mut vals = vec![arg(&a, 0).clone()];
        for x in a.iter().skip(1) {
            vals.push(match x {
                Value::Array(l) => l.get(i).cloned().unwrap_or(Value::Null),
                other => other.clone(),
            });
        }
        out.push(format_values(&vals).map_err(|e| format!("formatlist: on item {i}: {e}"))?);
    }
    Ok(Value::Array(out))
}

fn join(a: FuncArgs) -> R {
    let sep = string(arg(&a, 0), "join")?;
    let mut parts = Vec::new();
    for l in a.iter().skip(1) {
        for x in list(l, "join")? {
            parts.push(string(&x, "join")?);
        }
    }
    Ok(Value::String(parts.join(&sep)))
}

fn split(a: FuncArgs) -> R {
    let sep = string(arg(&a, 0), "split")?;
    let s = string(arg(&a, 1), "split")?;
    Ok(Value::Array(
        s.split(sep.as_str())
            .map(|x| Value::String(x.into()))
            .collect(),
    ))
}

fn replace(a: FuncArgs) -> R {
    let s = string(arg(&a, 0), "replace")?;
    let from = string(arg(&a, 1), "replace")?;
    let to = string(arg(&a, 2), "replace")?;
    if from.len() > 2 && from.starts_with('/') && from.ends_with('/') {
        let re = regex::Regex::new(&from[1..from.len() - 1])
            .map_err(|e| format!("replace: bad pattern: {e}"))?;
        // Terraform's `$1` references are the same in the regex crate
        return Ok(Value::String(re.replace_all(&s, to.as_str()).into_owned()));
    }
    Ok(Value::String(s.replace(&from, &to)))
}

/// A character's simple (one-to-one) uppercase mapping, as Go's `unicode.ToUpper`: a character whose
/// uppercase is several characters (`ß`, `ﬁ`) stays as it is, as in Terraform.
fn upper_char(c: char) -> char {
    let u = c as u32;
    // Greek letters with ypogegrammeni: their simple uppercase is the titlecase letter
    let greek = match u {
        0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => Some(u + 8),
        0x1FB3 | 0x1FC3 | 0x1FF3 => Some(u + 9),
        _ => None,
    };
    if let Some(g) = greek.and_then(char::from_u32) {
        return g;
    }
    let mut m = c.to_uppercase();
    match (m.next(), m.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// A character's simple lowercase mapping, as Go's `unicode.ToLower`.
fn lower_char(c: char) -> char {
    if c == '\u{130}' {
        return 'i';
    }
    let mut m = c.to_lowercase();
    match (m.next(), m.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// A character's simple titlecase mapping, as Go's `unicode.ToTitle`.
fn title_char(c: char) -> char {
    match c as u32 {
        0x1C4..=0x1C6 => '\u{1C5}',
        0x1C7..=0x1C9 => '\u{1C8}',
        0x1CA..=0x1CC => '\u{1CB}',
        0x1F1..=0x1F3 => '\u{1F2}',
        // Georgian Mkhedruli letters are their own titlecase
        0x10D0..=0x10FA | 0x10FD..=0x10FF => c,
        _ => upper_char(c),
    }
}

fn lower(a: FuncArgs) -> R {
    Ok(Value::String(
        string(arg(&a, 0), "lower")?
            .chars()
            .map(lower_char)
            .collect(),
    ))
}

fn upper(a: FuncArgs) -> R {
    Ok(Value::String(
        string(arg(&a, 0), "upper")?
            .chars()
            .map(upper_char)
            .collect(),
    ))
}

/// `title`, as Go's `strings.Title`: a letter after a separator (an ASCII character other than a
/// letter, a digit or `_`; or a space) takes its titlecase.
fn title(a: FuncArgs) -> R {
    let s = string(arg(&a, 0), "title")?;
    let separator = |c: char| {
        if c.is_ascii() {
            !(c.is_ascii_alphanumeric() || c == '_')
        } else {
            c.is_whitespace()
        }
    };
    let mut prev = ' ';
    Ok(Value::String(
        s.chars()
            .map(|c| {
                let out = if separator(prev) { title_char(c) } else { c };
                prev = c;
                out
            })
            .collect(),
    ))
}

fn substr(a: FuncArgs) -> R {
    let s: Vec<char> = string(arg(&a, 0), "substr")?.chars().collect();
    let mut off = int(arg(&a, 1), "substr")?;
    let len = int(arg(&a, 2), "substr")?;
    if off < 0 {
        off += s.len() as i64;
    }
    let off = (off.max(0) as usize).min(s.len());
    let end = if len < 0 {
        s.len()
    } else {
        off.saturating_add(len as usize).min(s.len())
    };
    Ok(Value::String(s[off..end].iter().collect()))
}

fn trimprefix(a: FuncArgs) -> R {
    let s = string(arg(&a, 0), "trimprefix")?;
    let p = string(arg(&a, 1), "trimprefix")?;
    Ok(Value::String(s.strip_prefix(&p).unwrap_or(&s).to_string()))
}

fn trimsuffix(a: FuncArgs) -> R {
    let s = string(arg(&a, 0), "trimsuffix")?;
    let p = string(arg(&a, 1), "trimsuffix")?;
    Ok(Value::String(s.strip_suffix(&p).unwrap_or(&s).to_string()))
}

fn trimspace(a: FuncArgs) -> R {
    Ok(Value::String(
        string(arg(&a, 0), "trimspace")?.trim().to_string(),
    ))
}

fn trim(a: FuncArgs) -> R {
    let s = string(arg(&a, 0), "trim")?;
    let cut = string(arg(&a, 1), "trim")?;
    Ok(Value::String(
        s.trim_matches(|c| cut.contains(c)).to_string(),
    ))
}

fn startswith(a: FuncArgs) -> R {
    Ok(Value::Bool(
        string(arg(&a, 0), "startswith")?.starts_with(&string(arg(&a, 1), "startswith")?),
    ))
}

fn endswith(a: FuncArgs) -> R {
    Ok(Value::Bool(
        string(arg(&a, 0), "endswith")?.ends_with(&string(arg(&a, 1), "endswith")?),
    ))
}

fn strcontains(a: FuncArgs) -> R {
    Ok(Value::Bool(
        string(arg(&a, 0), "strcontains")?.contains(&string(arg(&a, 1), "strcontains")?),
    ))
}

fn net(v: &Value, f: &str) -> Result<ipnet::IpNet, String> {
    let s = string(v, f)?;
    s.parse::<ipnet::IpNet>()
        .map_err(|_| format!("{f}: `{s}` is not a CIDR prefix"))
}

/// The `num`-th subnet of `base` with `newbits` more prefix bits.
fn subnet_of(base: ipnet::IpNet, newbits: i64, n: i64) -> Result<ipnet::IpNet, String> {
    let plen = base.prefix_len() as i64 + newbits;
    if newbits < 0 || plen > base.max_prefix_len() as i64 || n < 0 {
        return Err(format!(
            "cidrsubnet: {newbits} more bits do not fit in {base}"
        ));
    }
    if newbits < 64 && n >= (1i64 << newbits) {
        return Err(format!(
            "cidrsubnet: network number {n} does not fit in {newbits} bits"
        ));
    }
    let shift = base.max_prefix_len() as i64 - plen;
    match base.network() {
        IpAddr::V4(a) => {
            let v = u32::from(a) as u64 | (n as u64).checked_shl(shift as u32).unwrap_or(0);
            ipnet::Ipv4Net::new(Ipv4Addr::from(v as u32), plen as u8)
                .map(ipnet::IpNet::V4)
                .map_err(|e| e.to_string())
        }
        IpAddr::V6(a) => {
            let v = u128::from(a) | (n as u128).checked_shl(shift as u32).unwrap_or(0);
            ipnet::Ipv6Net::new(Ipv6Addr::from(v), plen as u8)
                .map(ipnet::IpNet::V6)
                .map_err(|e| e.to_string())
        }
    }
}

fn cidrsubnet(a: FuncArgs) -> R {
    let base = net(arg(&a, 0), "cidrsubnet")?.trunc();
    let s = subnet_of(
        base,
        int(arg(&a, 1), "cidrsubnet")?,
        int(arg(&a, 2), "cidrsubnet")?,
    )?;
    Ok(Value::String(s.to_string()))
}

fn cidrsubnets(a: FuncArgs) -> R {
    let base = net(arg(&a, 0), "cidrsubnets")?.trunc();
    let mut out = Vec::new();
    // each next prefix starts where the one before it ended
    let mut next: u128 = match base.network() {
        IpAddr::V4(x) => u32::from(x) as u128,
        IpAddr::V6(x) => u128::from(x),
    };
    for b in a.iter().skip(1) {
        let bits = int(b, "cidrsubnets")?;
        let plen = base.prefix_len() as i64 + bits;
        if bits < 1 || plen > base.max_prefix_len() as i64 {
            return Err(format!(
                "cidrsubnets: {bits} more bits do not fit in {base}"
            ));
        }
        let size: u128 = 1u128 << (base.max_prefix_len() as i64 - plen);
        let start = next.div_ceil(size).saturating_mul(size);
        let s = match base {
            ipnet::IpNet::V4(_) => ipnet::IpNet::V4(
                ipnet::Ipv4Net::new(Ipv4Addr::from(start as u32), plen as u8)
                    .map_err(|e| e.to_string())?,
            ),
            ipnet::IpNet::V6(_) => ipnet::IpNet::V6(
                ipnet::Ipv6Net::new(Ipv6Addr::from(start), plen as u8)
                    .map_err(|e| e.to_string())?,
            ),
        };
        if !base.contains(&s) {
            return Err(format!("cidrsubnets: not enough room in {base}"));
        }
        next = start.saturating_add(size);
        out.push(Value::String(s.to_string()));
    }
    Ok(Value::Array(out))
}

fn cidrhost(a: FuncArgs) -> R {
    let base = net(arg(&a, 0), "cidrhost")?.trunc();
    let n = int(arg(&a, 1), "cidrhost")?;
    let host_bits = u32::from(base.max_prefix_len() - base.prefix_len());
    // the number of hosts, 2^host_bits (`None`: 2^128, the whole IPv6 space)
    let size: Option<u128> = 1u128.checked_shl(host_bits).filter(|_| host_bits < 128);
    let m = n.unsigned_abs() as u128;
    let fits = size.is_none_or(|s| m < s || (n < 0 && m == s));
    if !fits {
        return Err(format!("cidrhost: host number {n} is out of {base}"));
    }
    // a negative number counts back from the end
    let offset = if n < 0 {
        size.unwrap_or(0).wrapping_sub(m)
    } else {
        m
    };
    Ok(Value::String(match base.network() {
        IpAddr::V4(x) => Ipv4Addr::from(u32::from(x).wrapping_add(offset as u32)).to_string(),
        IpAddr::V6(x) => Ipv6Addr::from(u128::from(x).wrapping_add(offset)).to_string(),
    }))
}

fn cidrnetmask(a: FuncArgs) -> R {
    match net(arg(&a, 0), "cidrnetmask")? {
        ipnet::IpNet::V4(n) => Ok(Value::String(n.netmask().to_string())),
        ipnet::IpNet::V6(_) => Err("cidrnetmask: IPv4 only".into()),
    }
}

/// `jsonencode`, written as Terraform writes it ([`printf::json`]).
fn jsonencode(a: FuncArgs) -> R {
    let mut out = String::new();
    printf::json(arg(&a, 0), &mut out);
    Ok(Value::String(out))
}

fn jsondecode(a: FuncArgs) -> R {
    let s = string(arg(&a, 0), "jsondecode")?;
    let j: serde_json::Value = serde_json::from_str(&s).map_err(|e| format!("jsondecode: {e}"))?;
    hcl::to_value(j).map_err(|e| e.to_string())
}

fn yamldecode(a: FuncArgs) -> R {
    let s = string(arg(&a, 0), "yamldecode")?;
    let j: serde_json::Value = serde_yaml::from_str(&s).map_err(|e| format!("yamldecode: {e}"))?;
    hcl::to_value(j).map_err(|e| e.to_string())
}

/// A path inside the module directory (no `..` out of it, no absolute path).
fn module_file(p: &str, f: &str) -> Result<String, String> {
    let dir = MODULE_DIR
        .with(|d| d.borrow().clone())
        .ok_or_else(|| format!("{f}: no module directory"))?;
    let rel = p.strip_prefix("./").unwrap_or(p);
    let path = std::path::Path::new(rel);
    if path.is_absolute()
        || path
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err(format!(
            "{f}: `{p}` is outside the module directory (only files within it are read)"
        ));
    }
    // the real path, links resolved, must stay inside the module's real directory (`link.txt ->
    // /etc/passwd` is outside), and be a regular file of a bounded size (`/dev/zero` never ends)
    let outside =
        || format!("{f}: `{p}` leads outside the module directory (only files within it are read)");
    let root = std::fs::canonicalize(&dir).map_err(|e| format!("{f}: `{p}`: {e}"))?;
    let full = std::fs::canonicalize(dir.join(path)).map_err(|e| format!("{f}: `{p}`: {e}"))?;
    if !full.starts_with(&root) {
        return Err(outside());
    }
    let meta = std::fs::metadata(&full).map_err(|e| format!("{f}: `{p}`: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "{f}: `{p}` is {}, not a regular file",
            crate::ingest::file_kind(meta.file_type())
        ));
    }
    const MAX: u64 = 4 * 1024 * 1024;
    if meta.len() > MAX {
        return Err(format!("{f}: `{p}` is larger than {MAX} bytes"));
    }
    let mut text = String::new();
    use std::io::Read;
    std::fs::File::open(&full)
        .and_then(|h| h.take(MAX + 1).read_to_string(&mut text))
        .map_err(|e| format!("{f}: `{p}`: {e}"))?;
    if text.len() as u64 > MAX {
        return Err(format!("{f}: `{p}` is larger than {MAX} bytes"));
    }
    Ok(text)
}

fn file(a: FuncArgs) -> R {
    module_file(&string(arg(&a, 0), "file")?, "file").map(Value::String)
}

fn templatefile(a: FuncArgs) -> R {
    let text = module_file(&string(arg(&a, 0), "templatefile")?, "templatefile")?;
    let vars = map(arg(&a, 1), "templatefile")?;
    let t: hcl::Template = text.parse().map_err(|e| format!("templatefile: {e}"))?;
    let mut ctx = context();
    for (k, v) in vars {
        ctx.declare_var(k, v);
    }
    guarded(|| hcl::eval::Evaluate::evaluate(&t, &ctx).map_err(|e| e.to_string()))
        .map(Value::String)
        .map_err(|e| format!("templatefile: {e}"))
}

fn zipmap(a: FuncArgs) -> R {
    let k = list(arg(&a, 0), "zipmap")?;
    let v = list(arg(&a, 1), "zipmap")?;
    if k.len() != v.len() {
        return Err("zipmap: the lists differ in length".into());
    }
    let mut m = hcl::Map::new();
    for (k, v) in k.iter().zip(v) {
        m.insert(string(k, "zipmap")?, v);
    }
    Ok(Value::Object(m))
}

fn range(a: FuncArgs) -> R {
    let n: Vec<f64> = a
        .iter()
        .map(|x| number(x, "range"))
        .collect::<Result<_, _>>()?;
    let (start, end, step) = match n.as_slice() {
        [e] => (0.0, *e, 1.0),
        [s, e] => (*s, *e, if s <= e { 1.0 } else { -1.0 }),
        [s, e, st] => (*s, *e, *st),
        _ => return Err("range: one to three arguments".into()),
    };
    if step == 0.0 {
        return Err("range: step 0".into());
    }
    let mut out = Vec::new();
    let mut x = start;
    while (step > 0.0 && x < end) || (step < 0.0 && x > end) {
        out.push(num(x));
        x += step;
        if out.len() > 1024 {
            return Err("range: more than 1024 values (Terraform refuses this: use a smaller range or a larger step)".into());
        }
    }
    Ok(Value::Array(out))
}

fn sort(a: FuncArgs) -> R {
    let mut s = list(arg(&a, 0), "sort")?
        .iter()
        .map(|x| string(x, "sort"))
        .collect::<Result<Vec<_>, _>>()?;
    s.sort();
    Ok(Value::Array(s.into_iter().map(Value::String).collect()))
}

fn minmax(a: &FuncArgs, max: bool, f: &str) -> R {
    let mut best: Option<hcl::Number> = None;
    for x in a.iter() {
        let n = numv(x, f)?;
        best = Some(match best {
            Some(b) if (number::cmp(&n, &b) == std::cmp::Ordering::Greater) != max => b,
            Some(b) if number::cmp(&n, &b) == std::cmp::Ordering::Equal => b,
            _ => n,
        });
    }
    best.map(Value::Number)
        .ok_or_else(|| format!("{f}: must pass at least one number"))
}

fn min(a: FuncArgs) -> R {
    minmax(&a, false, "min")
}

fn max(a: FuncArgs) -> R {
    minmax(&a, true, "max")
}

fn abs(a: FuncArgs) -> R {
    let n = numv(arg(&a, 0), "abs")?;
    if number::cmp(&n, &hcl::Number::from(0)) == std::cmp::Ordering::Less {
        number::neg(&n).map(Value::Number)
    } else {
        Ok(Value::Number(n))
    }
}

fn round_with(a: &FuncArgs, f: &str, mode: bigdecimal::RoundingMode) -> R {
    let n = numv(arg(a, 0), f)?;
    number::from_dec(&number::to_dec(&n).with_scale_round(0, mode))
        .map(Value::Number)
        .map_err(|e| format!("{f}: {e}"))
}

fn ceil(a: FuncArgs) -> R {
    round_with(&a, "ceil", bigdecimal::RoundingMode::Ceiling)
}

fn floor(a: FuncArgs) -> R {
    round_with(&a, "floor", bigdecimal::RoundingMode::Floor)
}

fn compact(a: FuncArgs) -> R {
    Ok(Value::Array(
        list(arg(&a, 0), "compact")?
            .into_iter()
            .filter(|x| !x.is_null() && x.as_str() != Some(""))
            .collect(),
    ))
}

fn slice(a: FuncArgs) -> R {
    let l = list(arg(&a, 0), "slice")?;
    let s = int(arg(&a, 1), "slice")?;
    let e = int(arg(&a, 2), "slice")?;
    if s < 0 || e < s || e as usize > l.len() {
        return Err("slice: indices out of range".into());
    }
    Ok(Value::Array(l[s as usize..e as usize].to_vec()))
}

fn reverse(a: FuncArgs) -> R {
    let mut l = list(arg(&a, 0), "reverse")?;
    l.reverse();
    Ok(Value::Array(l))
}

fn setunion(a: FuncArgs) -> R {
    let mut out = Vec::new();
    for l in a.iter() {
        out.extend(list(l, "setunion")?);
    }
    Ok(Value::Array(dedup(out)))
}

fn one(a: FuncArgs) -> R {
    let l = list(arg(&a, 0), "one")?;
    match l.len() {
        0 => Ok(Value::Null),
        1 => Ok(l[0].clone()),
        _ => Err("one: more than one element".into()),
    }
}

fn sum(a: FuncArgs) -> R {
    let l = list(arg(&a, 0), "sum")?;
    if l.is_empty() {
        return Err("sum: cannot sum an empty list".into());
    }
    let mut t = hcl::Number::from(0);
    for x in l {
        t = number::add(&t, &numv(&x, "sum")?).map_err(|e| format!("sum: {e}"))?;
    }
    Ok(Value::Number(t))
}

fn alltrue(a: FuncArgs) -> R {
    Ok(Value::Bool(list(arg(&a, 0), "alltrue")?.iter().all(|x| {
        matches!(x, Value::Bool(true)) || x.as_str() == Some("true")
    })))
}

fn anytrue(a: FuncArgs) -> R {
    Ok(Value::Bool(list(arg(&a, 0), "anytrue")?.iter().any(|x| {
        matches!(x, Value::Bool(true)) || x.as_str() == Some("true")
    })))
}

fn base64encode(a: FuncArgs) -> R {
    use base64::Engine;
    Ok(Value::String(
        base64::engine::general_purpose::STANDARD.encode(string(arg(&a, 0), "base64encode")?),
    ))
}

fn chunklist(a: FuncArgs) -> R {
    let l = list(arg(&a, 0), "chunklist")?;
    let n = int(arg(&a, 1), "chunklist")?;
    if n <= 0 {
        return Ok(Value::Array(vec![Value::Array(l)]));
    }
    Ok(Value::Array(
        l.chunks(n as usize)
            .map(|c| Value::Array(c.to_vec()))
            .collect(),
    ))
}

/// A string template's parts joined (templates are evaluated through this call, so that a value not
/// known offline inside one stays marked). A template that is one interpolation only (`"${x}"`) gives
/// the value as it is, not converted to a string (HCL's interpolation unwrapping).
fn tmpl(a: FuncArgs) -> R {
    if a.len() == 1 {
        return Ok(arg(&a, 0).clone());
    }
    let mut out = String::new();
    for v in a.iter() {
        out.push_str(&string(v, "template interpolation")?);
    }
    Ok(Value::String(out))
}

/// An operand of an arithmetic or comparison operator, converted to a number as Terraform converts it.
fn operand(v: &Value, op: &str) -> Result<hcl::Number, String> {
    match v {
        Value::Number(n) => Ok(*n),
        Value::String(s) => number::parse(s).map_err(|e| format!("`{op}`: {e}")),
        Value::Null => Err(format!("`{op}`: an operand is null")),
        other => Err(format!(
            "`{op}`: a number is required, found {}",
            kind(other)
        )),
    }
}

/// An operand of a logical operator, converted to a bool as Terraform converts it.
fn bool_operand(v: &Value, op: &str) -> Result<bool, String> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s == "true" => Ok(true),
        Value::String(s) if s == "false" => Ok(false),
        Value::Null => Err(format!("`{op}`: an operand is null")),
        other => Err(format!("`{op}`: a bool is required, found {}", kind(other))),
    }
}

fn arith(
    a: &FuncArgs,
    op: &str,
    f: fn(&hcl::Number, &hcl::Number) -> Result<hcl::Number, String>,
) -> R {
    let x = operand(arg(a, 0), op)?;
    let y = operand(arg(a, 1), op)?;
    f(&x, &y)
        .map(Value::Number)
        .map_err(|e| format!("`{op}`: {e}"))
}

fn compare(a: &FuncArgs, op: &str, ok: fn(std::cmp::Ordering) -> bool) -> R {
    let x = operand(arg(a, 0), op)?;
    let y = operand(arg(a, 1), op)?;
    Ok(Value::Bool(ok(number::cmp(&x, &y))))
}

fn op_add(a: FuncArgs) -> R {
    arith(&a, "+", number::add)
}
fn op_sub(a: FuncArgs) -> R {
    arith(&a, "-", number::sub)
}
fn op_mul(a: FuncArgs) -> R {
    arith(&a, "*", number::mul)
}
fn op_div(a: FuncArgs) -> R {
    arith(&a, "/", number::div)
}
fn op_mod(a: FuncArgs) -> R {
    arith(&a, "%", number::rem)
}
fn op_neg(a: FuncArgs) -> R {
    number::neg(&operand(arg(&a, 0), "-")?).map(Value::Number)
}
fn op_lt(a: FuncArgs) -> R {
    compare(&a, "<", std::cmp::Ordering::is_lt)
}
fn op_le(a: FuncArgs) -> R {
    compare(&a, "<=", std::cmp::Ordering::is_le)
}
fn op_gt(a: FuncArgs) -> R {
    compare(&a, ">", std::cmp::Ordering::is_gt)
}
fn op_ge(a: FuncArgs) -> R {
    compare(&a, ">=", std::cmp::Ordering::is_ge)
}
fn op_and(a: FuncArgs) -> R {
    let x = bool_operand(arg(&a, 0), "&&")?;
    let y = bool_operand(arg(&a, 1), "&&")?;
    Ok(Value::Bool(x && y))
}
fn op_or(a: FuncArgs) -> R {
    let x = bool_operand(arg(&a, 0), "||")?;
    let y = bool_operand(arg(&a, 1), "||")?;
    Ok(Value::Bool(x || y))
}
fn op_not(a: FuncArgs) -> R {
    Ok(Value::Bool(!bool_operand(arg(&a, 0), "!")?))
}

/// The internal function an operator is evaluated by (`None`: `==` and `!=`, which `hcl::eval` compares
/// as Terraform does, without conversion).
fn operator_function(op: &hcl::Operation) -> Option<&'static str> {
    use hcl::expr::{BinaryOperator as B, UnaryOperator as U};
    Some(match op {
        hcl::Operation::Unary(u) => match u.operator {
            U::Neg => "op__neg",
            U::Not => "op__not",
        },
        hcl::Operation::Binary(b) => match b.operator {
            B::Plus => "op__add",
            B::Minus => "op__sub",
            B::Mul => "op__mul",
            B::Div => "op__div",
            B::Mod => "op__mod",
            B::Less => "op__lt",
            B::LessEq => "op__le",
            B::Greater => "op__gt",
            B::GreaterEq => "op__ge",
            B::And => "op__and",
            B::Or => "op__or",
            B::Eq | B::NotEq => return None,
        },
    })
}

/// Rewrites `e`, when it is an operation, into a call of the internal function that evaluates it as
/// Terraform does (exact decimal arithmetic, `x % 0` is `x`, strings converted to numbers, never a
/// panic: `hcl::eval`'s own arithmetic overflows on large integers and divides by zero). Its operands
/// are not visited: see [`lower_operators`] for the whole tree.
pub fn lower_operation(e: &mut hcl::Expression) {
    let hcl::Expression::Operation(op) = e else {
        return;
    };
    let Some(name) = operator_function(op) else {
        return;
    };
    let mut call = hcl::expr::FuncCall::new(name);
    match op.as_ref() {
        hcl::Operation::Unary(u) => call.args.push(u.expr.clone()),
        hcl::Operation::Binary(b) => {
            call.args.push(b.lhs_expr.clone());
            call.args.push(b.rhs_expr.clone());
        }
    }
    *e = hcl::Expression::FuncCall(Box::new(call));
}

/// Rewrites every operation in `e` as [`lower_operation`] does, and every template without directives
/// into the call that joins its parts. (A template with `%{…}` directives is left to `hcl::eval`.)
pub fn lower_operators(e: &mut hcl::Expression) {
    use hcl::Expression as E;
    match e {
        E::Array(a) => a.iter_mut().for_each(lower_operators),
        E::Object(o) => {
            let entries: Vec<(hcl::ObjectKey, E)> = std::mem::take(o).into_iter().collect();
            for (k, mut v) in entries {
                let k = match k {
                    hcl::ObjectKey::Expression(mut x) => {
                        lower_operators(&mut x);
                        hcl::ObjectKey::Expression(x)
                    }
                    other => other,
                };
                lower_operators(&mut v);
                o.insert(k, v);
            }
        }
        E::Parenthesis(p) => lower_operators(p),
        E::Conditional(c) => {
            lower_operators(&mut c.cond_expr);
            lower_operators(&mut c.true_expr);
            lower_operators(&mut c.false_expr);
        }
        E::Operation(op) => {
            match op.as_mut() {
                hcl::Operation::Unary(u) => lower_operators(&mut u.expr),
                hcl::Operation::Binary(b) => {
                    lower_operators(&mut b.lhs_expr);
                    lower_operators(&mut b.rhs_expr);
                }
            }
            lower_operation(e);
        }
        E::ForExpr(f) => {
            lower_operators(&mut f.collection_expr);
            if let Some(k) = f.key_expr.as_mut() {
                lower_operators(k);
            }
            lower_operators(&mut f.value_expr);
            if let Some(c) = f.cond_expr.as_mut() {
                lower_operators(c);
            }
        }
        E::Traversal(t) => {
            lower_operators(&mut t.expr);
            for op in t.operators.iter_mut() {
                if let hcl::TraversalOperator::Index(i) = op {
                    lower_operators(i);
                }
            }
        }
        E::FuncCall(f) => f.args.iter_mut().for_each(lower_operators),
        E::TemplateExpr(t) => {
            use hcl::template::Element;
            let Ok(mut tpl) = hcl::Template::from_expr(t) else {
                return;
            };
            if tpl
                .elements()
                .iter()
                .any(|el| matches!(el, Element::Directive(_)))
            {
                // left to `hcl::eval`, but its expressions lowered too: `hcl::eval`'s own arithmetic
                // panics (`%{ if 1 / 0 > 1 }`), and a panic prints to stderr even when caught
                if lower_template(&mut tpl) {
                    let src = tpl.to_string();
                    match t.as_mut() {
                        hcl::TemplateExpr::QuotedString(q) => *q = src,
                        hcl::TemplateExpr::Heredoc(h) => h.template = src,
                    }
                }
                return;
            }
            let mut call = hcl::expr::FuncCall::new("tmpl__");
            for el in tpl.elements() {
                match el {
                    Element::Literal(l) => call.args.push(E::String(l.clone())),
                    Element::Interpolation(i) => {
                        let mut x = i.expr.clone();
                        lower_operators(&mut x);
                        call.args.push(x);
                    }
                    Element::Directive(_) => {}
                }
            }
            *e = E::FuncCall(Box::new(call));
        }
        _ => {}
    }
}

/// Rewrites the operations in the expressions of a template with directives (interpolations, `if`
/// conditions, `for` collections, at any depth) as [`lower_operators`] does; whether anything changed.
fn lower_template(t: &mut hcl::Template) -> bool {
    use hcl::template::{Directive, Element};
    let lower = |e: &mut hcl::Expression| {
        let before = e.clone();
        lower_operators(e);
        *e != before
    };
    let mut changed = false;
    for el in t.elements_mut() {
        match el {
            Element::Literal(_) => {}
            Element::Interpolation(i) => changed |= lower(&mut i.expr),
            Element::Directive(dir) => match dir.as_mut() {
                Directive::If(d) => {
                    changed |= lower(&mut d.cond_expr);
                    changed |= lower_template(&mut d.true_template);
                    if let Some(f) = d.false_template.as_mut() {
                        changed |= lower_template(f);
                    }
                }
                Directive::For(d) => {
                    changed |= lower(&mut d.collection_expr);
                    changed |= lower_template(&mut d.template);
                }
            },
        }
    }
    changed
}

/// Evaluates `e` in `ctx` as Terraform would: operators as [`lower_operators`] rewrites them, and a
/// panic inside `hcl::eval` (never expected) turned into an error rather than ending the process.
pub fn evaluate(e: &hcl::Expression, ctx: &Context) -> Result<Value, String> {
    let mut p = e.clone();
    lower_operators(&mut p);
    guarded(|| hcl::eval::Evaluate::evaluate(&p, ctx).map_err(|err| err.to_string()))
}

/// Runs `f`, an evaluation: a panic in it is an error ("cannot be evaluated offline"), not the end of
/// the process.
pub fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|p| {
        let why = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "internal error".into());
        Err(format!("cannot be evaluated offline: {why}"))
    })
}

/// Evaluates one Terraform expression (`format("%03d", 7)`) with the functions of this module, offline,
/// and gives its value as Terraform's `jsonencode` writes it (`"007"`), or why it cannot be evaluated
/// (a parse error, a function's error). For tests that compare the evaluator with Terraform.
pub fn eval_expression(text: &str) -> Result<String, String> {
    let e: hcl::Expression = hcl::edit::parser::parse_expr(text)
        .map_err(|e| format!("not an expression: {e}"))?
        .into();
    let v = evaluate(&e, &context())?;
    let mut out = String::new();
    printf::json(&v, &mut out);
    Ok(out)
}

/// A context with every function of this module declared.
pub fn context<'a>() -> Context<'a> {
    let mut ctx = Context::new();
    let any = || FuncDef::builder().variadic_param(ParamType::Any);
    let table: &[(&str, hcl::eval::Func)] = metered![
        "concat" => concat,
        "merge" => merge,
        "lookup" => lookup,
        "coalesce" => coalesce,
        "coalescelist" => coalescelist,
        "flatten" => flatten,
        "distinct" => distinct,
        "keys" => keys,
        "values" => values,
        "length" => length,
        "contains" => contains,
        "element" => element,
        "index" => index,
        "tolist" => tolist,
        "toset" => toset,
        "tomap" => tomap,
        "tostring" => tostring,
        "tonumber" => tonumber,
        "tobool" => tobool,
        "sensitive" => sensitive,
        "nonsensitive" => identity,
        "format" => format,
        "formatlist" => formatlist,
        "join" => join,
        "split" => split,
        "replace" => replace,
        "lower" => lower,
        "upper" => upper,
        "title" => title,
        "substr" => substr,
        "trimprefix" => trimprefix,
        "trimsuffix" => trimsuffix,
        "trimspace" => trimspace,
        "trim" => trim,
        "startswith" => startswith,
        "endswith" => endswith,
        "strcontains" => strcontains,
        "cidrsubnet" => cidrsubnet,
        "cidrsubnets" => cidrsubnets,
        "cidrhost" => cidrhost,
        "cidrnetmask" => cidrnetmask,
        "jsonencode" => jsonencode,
        "jsondecode" => jsondecode,
        "yamldecode" => yamldecode,
        "file" => file,
        "templatefile" => templatefile,
        "zipmap" => zipmap,
        "range" => range,
        "sort" => sort,
        "min" => min,
        "max" => max,
        "abs" => abs,
        "ceil" => ceil,
        "floor" => floor,
        "compact" => compact,
        "slice" => slice,
        "reverse" => reverse,
        "setunion" => setunion,
        "one" => one,
        "sum" => sum,
        "alltrue" => alltrue,
        "anytrue" => anytrue,
        "base64encode" => base64encode,
        "chunklist" => chunklist,
        "tmpl__" => tmpl,
        "op__add" => op_add,
        "op__sub" => op_sub,
        "op__mul" => op_mul,
        "op__div" => op_div,
        "op__mod" => op_mod,
        "op__neg" => op_neg,
        "op__lt" => op_lt,
        "op__le" => op_le,
        "op__gt" => op_gt,
        "op__ge" => op_ge,
        "op__and" => op_and,
        "op__or" => op_or,
        "op__not" => op_not,
    ];
    for (name, f) in table {
        ctx.declare_func(*name, any().build(*f));
    }
    ctx
}

/// The context of a value written in a variable file or on the command line: the operators only, no
/// function and no variable (Terraform refuses function calls and references there).
pub fn values_context<'a>() -> Context<'a> {
    let mut ctx = Context::new();
    let any = || FuncDef::builder().variadic_param(ParamType::Any);
    let table: &[(&str, hcl::eval::Func)] = &[
        ("op__add", op_add),
        ("op__sub", op_sub),
        ("op__mul", op_mul),
        ("op__div", op_div),
        ("op__mod", op_mod),
        ("op__neg", op_neg),
        ("op__lt", op_lt),
        ("op__le", op_le),
        ("op__gt", op_gt),
        ("op__ge", op_ge),
        ("op__and", op_and),
        ("op__or", op_or),
        ("op__not", op_not),
    ];
    for (name, f) in table {
        ctx.declare_func(*name, any().build(*f));
    }
    ctx
}

#[cfg(test)]
mod tests {
    use hcl::eval::Evaluate;

    /// The value of `src` as Terraform's `jsonencode` writes it.
    fn eval(src: &str) -> String {
        super::eval_expression(src).unwrap()
    }

    // values as Terraform's documentation of each function gives them
    #[test]
    fn network_functions() {
        assert_eq!(
            eval(r#"cidrsubnet("172.16.0.0/12", 4, 2)"#),
            r#""172.18.0.0/16""#
        );
        assert_eq!(
            eval(r#"cidrsubnet("10.1.2.0/24", 4, 15)"#),
            r#""10.1.2.240/28""#
        );
        assert_eq!(
            eval(r#"cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)"#),
            r#""fd00:fd12:3456:7800:a200::/72""#
        );
        assert_eq!(
            eval(r#"cidrhost("10.12.112.0/20", 16)"#),
            r#""10.12.112.16""#
        );
        assert_eq!(
            eval(r#"cidrhost("10.12.112.0/20", 268)"#),
            r#""10.12.113.12""#
        );
        assert_eq!(eval(r#"cidrhost("10.0.0.0/24", -1)"#), r#""10.0.0.255""#);
        assert_eq!(
            eval(r#"cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)"#),
            r#"["10.1.0.0/20","10.1.16.0/20","10.1.32.0/24","10.1.48.0/20"]"#
        );
        assert_eq!(eval(r#"cidrnetmask("172.16.0.0/12")"#), r#""255.240.0.0""#);
    }

    #[test]
    fn collection_and_string_functions() {
        assert_eq!(
            eval(r#"merge({a = "b", c = "d"}, {e = "f", c = "z"})"#),
            r#"{"a":"b","c":"z","e":"f"}"#
        );
        assert_eq!(
            eval(r#"concat(["a", ""], ["b", "c"])"#),
            r#"["a","","b","c"]"#
        );
        assert_eq!(
            eval(r#"flatten([["a", "b"], [], ["c"]])"#),
            r#"["a","b","c"]"#
        );
        assert_eq!(
            eval(r#"lookup({a = "ay", b = "bee"}, "c", "what?")"#),
            r#""what?""#
        );
        assert_eq!(eval(r#"coalesce("", "b")"#), r#""b""#);
        assert_eq!(
            eval(r#"distinct(["a", "b", "a", "c", "d", "b"])"#),
            r#"["a","b","c","d"]"#
        );
        assert_eq!(eval(r#"keys({a = 1, c = 2, d = 3})"#), r#"["a","c","d"]"#);
        assert_eq!(eval(r#"element(["a", "b", "c"], 3)"#), r#""a""#);
        assert_eq!(eval(r#"index(["a", "b", "c"], "b")"#), "1");
        assert_eq!(eval(r#"toset(["c", "b", "b"])"#), r#"["b","c"]"#);
        assert_eq!(eval(r#"zipmap(["a", "b"], [1, 2])"#), r#"{"a":1,"b":2}"#);
        assert_eq!(eval("range(1, 4)"), "[1,2,3]");
        assert_eq!(
            eval(r#"sort(["e", "d", "a", "x"])"#),
            r#"["a","d","e","x"]"#
        );
        assert_eq!(eval("max(12, 54, 3)"), "54");
        assert_eq!(eval("min(12, 54, 3)"), "3");
        assert_eq!(
            eval(r#"format("Hello, %s!", "Ander")"#),
            r#""Hello, Ander!""#
        );
        assert_eq!(
            eval(r#"format("There are %d lights", 4)"#),
            r#""There are 4 lights""#
        );
        assert_eq!(
            eval(r#"join(", ", ["foo", "bar", "baz"])"#),
            r#""foo, bar, baz""#
        );
        assert_eq!(
            eval(r#"split(",", "foo,bar,baz")"#),
            r#"["foo","bar","baz"]"#
        );
        assert_eq!(eval(r#"replace("1 + 2 + 3", "+", "-")"#), r#""1 - 2 - 3""#);
        assert_eq!(
            eval(r#"replace("hello world", "/w.*d/", "everybody")"#),
            r#""hello everybody""#
        );
        assert_eq!(eval(r#"substr("hello world", 1, 4)"#), r#""ello""#);
        assert_eq!(eval(r#"substr("hello world", -5, -1)"#), r#""world""#);
        assert_eq!(eval(r#"title("hello world")"#), r#""Hello World""#);
        assert_eq!(eval(r#"trimprefix("helloworld", "hello")"#), r#""world""#);
        assert_eq!(
            eval(r#"jsonencode({"hello" = "world"})"#),
            r#""{\"hello\":\"world\"}""#
        );
        assert_eq!(
            eval(r#"jsondecode("{\"hello\": \"world\"}")"#),
            r#"{"hello":"world"}"#
        );
        assert_eq!(
            eval(r#"yamldecode("hello: world")"#),
            r#"{"hello":"world"}"#
        );
        assert_eq!(eval(r#"length({a = 1})"#), "1");
        assert_eq!(eval(r#"contains(["a", "b"], "c")"#), "false");
    }

    /// `eval`, or the error.
    fn try_eval(src: &str) -> Result<String, String> {
        super::eval_expression(src)
    }

    // issue 29 §4: values as `terraform console` (1.0.3) gives them
    #[test]
    fn operators_never_panic() {
        assert_eq!(eval("5 % 0"), "5");
        assert_eq!(eval("5 % 0.0"), "5");
        assert_eq!(eval("-9223372036854775808 % -1"), "0");
        assert_eq!(eval("-7 % 3"), "-1");
        assert_eq!(eval("7.5 % 2"), "1.5");
        assert_eq!(eval("9223372036854775807 + 1"), "9223372036854775808");
        assert_eq!(eval("9223372036854775807 * 2"), "18446744073709551614");
        // Terraform: +Inf (which jsonencode refuses), and an error for 0/0; never a finite number
        assert!(try_eval("1/0").is_err());
        assert!(try_eval("0/0").is_err());
        assert!(try_eval("18446744073709551615 * 18446744073709551615 * 1e300").is_err());
        assert_eq!(eval(r#"cidrhost("::/0", 1)"#), r#""::1""#);
        assert_eq!(
            eval(r#"cidrhost("::/0", -1)"#),
            r#""ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff""#
        );
        assert!(try_eval(r#"cidrhost("10.0.0.0/24", 256)"#).is_err());
        assert_eq!(eval(r#"cidrsubnet("::/0", 0, 0)"#), r#""::/0""#);
        assert_eq!(eval(r#""1" + 1"#), "2");
        assert!(try_eval(r#""a" + 1"#).is_err());
        assert!(try_eval("1 + null").is_err());
        assert_eq!(eval(r#""3" > 2"#), "true");
        assert_eq!(eval(r#"true && "true""#), "true");
    }

    #[test]
    fn numbers_are_decimal() {
        assert_eq!(eval("0.1 + 0.2"), "0.3");
        assert_eq!(eval("0.1 + 0.2 == 0.3"), "true");
        assert_eq!(eval("100000000000000000000"), "100000000000000000000");
        assert_eq!(
            eval("jsonencode(100000000000000000000)"),
            r#""100000000000000000000""#
        );
        assert_eq!(
            eval(r#""${100000000000000000000}-x""#),
            r#""100000000000000000000-x""#
        );
        assert_eq!(eval("jsonencode(1.5e-7)"), r#""0.00000015""#);
        assert_eq!(eval("sum([0.1, 0.2])"), "0.3");
        assert_eq!(eval("abs(-9223372036854775808)"), "9223372036854775808");
        assert_eq!(eval("floor(-1.5)"), "-2");
        assert!(try_eval(r#"tonumber(" 1")"#).is_err());
        assert!(try_eval(r#"tonumber("0x10")"#).is_err());
        // a template of one interpolation is its value (HCL's unwrapping)
        assert_eq!(eval(r#""${1.5}""#), "1.5");
    }

    #[test]
    fn format_widths_flags_precisions() {
        assert_eq!(eval(r#"format("%s-%03d", "vm", 7)"#), r#""vm-007""#);
        assert_eq!(
            eval(r#"format("[%-5s][%5s]", "ab", "ab")"#),
            r#""[ab   ][   ab]""#
        );
        assert_eq!(eval(r#"format("%.2f", 3.14159)"#), r#""3.14""#);
        assert_eq!(
            eval(r#"format("%x %X %o %b", 255, 255, 8, 5)"#),
            r#""ff FF 10 101""#
        );
        assert_eq!(eval(r#"format("%e", 123456.789)"#), r#""1.234568e+05""#);
        assert_eq!(eval(r#"format("%q", "a<b")"#), r#""\"a\\u003cb\"""#);
        assert_eq!(
            eval(r#"format("%t %v %%", true, 1e20)"#),
            r#""true 1e+20 %""#
        );
        assert_eq!(
            eval(r#"format("%#v", {b = 1, a = "x"})"#),
            r#""{\"a\":\"x\",\"b\":1}""#
        );
        assert_eq!(eval(r#"format("%05d|%-05d|", -7, 7)"#), r#""-0007|7    |""#);
        assert_eq!(eval(r#"format("%#x %+d", 255, 5)"#), r#""0xff +5""#);
        assert_eq!(eval(r#"format("%.0f %.0f", 0.5, 1.5)"#), r#""0 2""#);
        assert_eq!(eval(r#"format("%.2s", "héllo")"#), r#""hé""#);
        assert_eq!(eval(r#"format("%[1]d %[1]x", 10)"#), r#""10 a""#);
        for bad in [
            r#"format("%d", 1.5)"#,
            r#"format("%s")"#,
            r#"format("%y", 1)"#,
            r#"format("%", 1)"#,
            r#"format("%s", null)"#,
            r#"format("%s", [1])"#,
        ] {
            assert!(try_eval(bad).is_err(), "{bad}");
        }
        assert_eq!(
            eval(r#"formatlist("%s-%03d", "vm", [1, 20])"#),
            r#"["vm-001","vm-020"]"#
        );
        assert!(try_eval(r#"formatlist("%s-%s", ["a"], ["b", "c"])"#).is_err());
    }

    #[test]
    fn jsonencode_as_terraform() {
        assert_eq!(
            eval(r#"jsonencode({b = 1, a = "<>&"})"#),
            r#""{\"a\":\"\\u003c\\u003e\\u0026\",\"b\":1}""#
        );
        assert_eq!(
            super::eval_expression(r#"{b = [0.1, true, null], a = "x"}"#).unwrap(),
            r#"{"a":"x","b":[0.1,true,null]}"#
        );
    }

    #[test]
    fn case_mapping_one_to_one() {
        assert_eq!(eval(r#"upper("straße")"#), r#""STRAßE""#);
        assert_eq!(eval(r#"upper("ǆ ﬁ ŉ")"#), r#""Ǆ ﬁ ŉ""#);
        assert_eq!(eval(r#"lower("ǅ ΣΑΣ İ")"#), r#""ǆ σασ i""#);
        assert_eq!(
            eval(r#"title("hello wORLD ß-ǆx 1a")"#),
            r#""Hello WORLD ß-ǅx 1a""#
        );
        assert_eq!(
            eval(r#"title("élan_vital o'neil")"#),
            r#""Élan_vital O'Neil""#
        );
    }

    /// Through the loader: an operator `hcl::eval` would panic on is evaluated, never a crash.
    #[test]
    fn module_with_panicking_operators_loads() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("main.tf"),
            r#"
locals {
  big = 9223372036854775807
}
resource "azurerm_network_security_group" "n" {
  name                = "nsg-${5 % 0}-${local.big + 1}"
  location            = "loc-${0.1 + 0.2}"
  resource_group_name = "%{ if 5 % 0 == 5 }rg%{ endif }-${1 / 0}"
}
"#,
        )
        .unwrap();
        let l = super::super::eval::load(dir.path(), 0, &Default::default()).unwrap();
        let v = &l.resources[0]["values"];
        assert_eq!(v["name"], "nsg-5-9223372036854775808");
        assert_eq!(v["location"], "loc-0.3");
        assert!(v["resource_group_name"].is_object(), "{v}");
    }

    #[test]
    fn wrong_kinds_fail_never_empty() {
        let e: hcl::Expression = hcl::edit::parser::parse_expr(r#"concat("a", ["b"])"#)
            .unwrap()
            .into();
        assert!(e.evaluate(&super::context()).is_err());
        let e: hcl::Expression =
            hcl::edit::parser::parse_expr(r#"cidrsubnet("10.0.0.0/30", 4, 0)"#)
                .unwrap()
                .into();
        assert!(e.evaluate(&super::context()).is_err());
    }
}
