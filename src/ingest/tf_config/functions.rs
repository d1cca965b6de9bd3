//! The Terraform functions configurations call, as `hcl::eval` function definitions. Each takes its
//! arguments as Terraform does (lists and sets are arrays, maps and objects are objects) and fails with
//! Terraform's reason when they are of the wrong kind: a failed call makes the attribute *unknown*,
//! never a guess. `try` and `can` are not here: they need their arguments unevaluated (`super::eval`).

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
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(format!("{f}: expected a string, found {}", kind(other))),
    }
}

fn number(v: &Value, f: &str) -> Result<f64, String> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| format!("{f}: bad number")),
        Value::String(s) => s
            .trim()
            .parse::<f64>()
            .map_err(|_| format!("{f}: `{s}` is not a number")),
        other => Err(format!("{f}: expected a number, found {}", kind(other))),
    }
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
        v => number(v, "tonumber").map(num),
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

fn identity(a: FuncArgs) -> R {
    Ok(arg(&a, 0).clone())
}

/// `format`'s verbs: `%s`, `%d`, `%v`, `%q`, `%%` (with width flags ignored).
fn format(a: FuncArgs) -> R {
    format_values(&a)
}

fn format_values(a: &[Value]) -> R {
    let spec = string(arg(a, 0), "format")?;
    let mut out = String::new();
    let mut next = 1;
    let mut chars = spec.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut verb = None;
        for d in chars.by_ref() {
            if d.is_ascii_alphabetic() || d == '%' {
                verb = Some(d);
                break;
            }
        }
        match verb {
            Some('%') => out.push('%'),
            Some(v) => {
                let x = a
                    .get(next)
                    .ok_or_else(|| "format: too few arguments".to_string())?;
                next += 1;
                match v {
                    'q' => out.push_str(
                        &serde_json::to_string(&string(x, "format")?).unwrap_or_default(),
                    ),
                    'd' => out.push_str(&int(x, "format")?.to_string()),
                    'v' if !matches!(x, Value::String(_) | Value::Number(_) | Value::Bool(_)) => {
                        out.push_str(&serde_json::to_string(x).unwrap_or_default())
                    }
                    _ => out.push_str(&string(x, "format")?),
                }
            }
            None => return Err("format: a `%` without a verb".into()),
        }
    }
    Ok(Value::String(out))
}

fn formatlist(a: FuncArgs) -> R {
    let n = a
        .iter()
        .skip(1)
        .filter_map(Value::as_array)
        .map(Vec::len)
        .max()
        .unwrap_or(1);
    let mut out = Vec::new();
    for i in 0..n {
        let mut vals = vec![arg(&a, 0).clone()];
        for x in a.iter().skip(1) {
            vals.push(match x {
                Value::Array(l) => l.get(i).cloned().unwrap_or(Value::Null),
                other => other.clone(),
            });
        }
        out.push(format_values(&vals)?);
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
    if s.is_empty() {
        return Ok(Value::Array(Vec::new()));
    }
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

fn lower(a: FuncArgs) -> R {
    Ok(Value::String(string(arg(&a, 0), "lower")?.to_lowercase()))
}

fn upper(a: FuncArgs) -> R {
    Ok(Value::String(string(arg(&a, 0), "upper")?.to_uppercase()))
}

fn title(a: FuncArgs) -> R {
    let s = string(arg(&a, 0), "title")?;
    let mut out = String::new();
    let mut start = true;
    for c in s.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphanumeric();
    }
    Ok(Value::String(out))
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
        (off + len as usize).min(s.len())
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
            let v = u32::from(a) as u64 | ((n as u64) << shift);
            ipnet::Ipv4Net::new(Ipv4Addr::from(v as u32), plen as u8)
                .map(ipnet::IpNet::V4)
                .map_err(|e| e.to_string())
        }
        IpAddr::V6(a) => {
            let v = u128::from(a) | ((n as u128) << shift);
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
        let start = next.div_ceil(size) * size;
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
        next = start + size;
        out.push(Value::String(s.to_string()));
    }
    Ok(Value::Array(out))
}

fn cidrhost(a: FuncArgs) -> R {
    let base = net(arg(&a, 0), "cidrhost")?.trunc();
    let n = int(arg(&a, 1), "cidrhost")?;
    let host_bits = base.max_prefix_len() - base.prefix_len();
    let size: i128 = 1i128 << host_bits;
    let n = if n < 0 { size + n as i128 } else { n as i128 };
    if n < 0 || n >= size {
        return Err(format!("cidrhost: host number out of {base}"));
    }
    Ok(Value::String(match base.network() {
        IpAddr::V4(x) => Ipv4Addr::from(u32::from(x) + n as u32).to_string(),
        IpAddr::V6(x) => Ipv6Addr::from(u128::from(x) + n as u128).to_string(),
    }))
}

fn cidrnetmask(a: FuncArgs) -> R {
    match net(arg(&a, 0), "cidrnetmask")? {
        ipnet::IpNet::V4(n) => Ok(Value::String(n.netmask().to_string())),
        ipnet::IpNet::V6(_) => Err("cidrnetmask: IPv4 only".into()),
    }
}

fn jsonencode(a: FuncArgs) -> R {
    serde_json::to_string(arg(&a, 0))
        .map(Value::String)
        .map_err(|e| e.to_string())
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
            crate::app::gate::file_kind(meta.file_type())
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
    hcl::eval::Evaluate::evaluate(&t, &ctx)
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

fn minmax(a: &FuncArgs, max: bool) -> R {
    let n: Vec<f64> = a
        .iter()
        .map(|x| number(x, "min/max"))
        .collect::<Result<_, _>>()?;
    let r = n
        .into_iter()
        .reduce(|x, y| if (y > x) == max { y } else { x })
        .ok_or("min/max: no arguments")?;
    Ok(num(r))
}

fn min(a: FuncArgs) -> R {
    minmax(&a, false)
}

fn max(a: FuncArgs) -> R {
    minmax(&a, true)
}

fn abs(a: FuncArgs) -> R {
    Ok(num(number(arg(&a, 0), "abs")?.abs()))
}

fn ceil(a: FuncArgs) -> R {
    Ok(num(number(arg(&a, 0), "ceil")?.ceil()))
}

fn floor(a: FuncArgs) -> R {
    Ok(num(number(arg(&a, 0), "floor")?.floor()))
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
    let mut t = 0.0;
    for x in list(arg(&a, 0), "sum")? {
        t += number(&x, "sum")?;
    }
    Ok(num(t))
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
/// known offline inside one stays marked).
fn tmpl(a: FuncArgs) -> R {
    let mut out = String::new();
    for v in a.iter() {
        out.push_str(&string(v, "template interpolation")?);
    }
    Ok(Value::String(out))
}

/// A context with every function of this module declared.
pub fn context<'a>() -> Context<'a> {
    let mut ctx = Context::new();
    let any = || FuncDef::builder().variadic_param(ParamType::Any);
    let table: &[(&str, hcl::eval::Func)] = &[
        ("concat", concat),
        ("merge", merge),
        ("lookup", lookup),
        ("coalesce", coalesce),
        ("coalescelist", coalescelist),
        ("flatten", flatten),
        ("distinct", distinct),
        ("keys", keys),
        ("values", values),
        ("length", length),
        ("contains", contains),
        ("element", element),
        ("index", index),
        ("tolist", tolist),
        ("toset", toset),
        ("tomap", tomap),
        ("tostring", tostring),
        ("tonumber", tonumber),
        ("tobool", tobool),
        ("sensitive", identity),
        ("nonsensitive", identity),
        ("format", format),
        ("formatlist", formatlist),
        ("join", join),
        ("split", split),
        ("replace", replace),
        ("lower", lower),
        ("upper", upper),
        ("title", title),
        ("substr", substr),
        ("trimprefix", trimprefix),
        ("trimsuffix", trimsuffix),
        ("trimspace", trimspace),
        ("trim", trim),
        ("startswith", startswith),
        ("endswith", endswith),
        ("strcontains", strcontains),
        ("cidrsubnet", cidrsubnet),
        ("cidrsubnets", cidrsubnets),
        ("cidrhost", cidrhost),
        ("cidrnetmask", cidrnetmask),
        ("jsonencode", jsonencode),
        ("jsondecode", jsondecode),
        ("yamldecode", yamldecode),
        ("file", file),
        ("templatefile", templatefile),
        ("zipmap", zipmap),
        ("range", range),
        ("sort", sort),
        ("min", min),
        ("max", max),
        ("abs", abs),
        ("ceil", ceil),
        ("floor", floor),
        ("compact", compact),
        ("slice", slice),
        ("reverse", reverse),
        ("setunion", setunion),
        ("one", one),
        ("sum", sum),
        ("alltrue", alltrue),
        ("anytrue", anytrue),
        ("base64encode", base64encode),
        ("chunklist", chunklist),
        ("tmpl__", tmpl),
    ];
    for (name, f) in table {
        ctx.declare_func(*name, any().build(*f));
    }
    ctx
}

#[cfg(test)]
mod tests {
    use hcl::eval::Evaluate;

    fn eval(src: &str) -> String {
        let e: hcl::Expression = hcl::edit::parser::parse_expr(src).unwrap().into();
        let v = e.evaluate(&super::context()).unwrap();
        serde_json::to_string(&v).unwrap()
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
