//! ARM template expressions: parsed once into a small tree, then evaluated against a [`Scope`].
//!
//! Every function real templates use that has a value offline is evaluated; the rest (`reference()`,
//! `uniqueString()`, `utcNow()`, `resourceGroup()` …) give an *unknown* marker quoting the expression.
//! Work is bounded: each step and each value built spends from a budget, so a template whose values grow
//! exponentially ends as *unknown*, never as an abort.

use super::{Scope, deployment_region, is_unknown, symbol_of, symbolic, unknown};
use serde_json::{Map, Value};

/// An expression tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `'text'`.
    Str(String),
    /// An integer literal.
    Int(i64),
    /// `name(args…)`.
    Call(String, Vec<Expr>),
    /// `x.name`.
    Member(Box<Expr>, String),
    /// `x[i]`.
    Index(Box<Expr>, Box<Expr>),
}

/// Deepest expression nesting parsed.
const MAX_EXPR_DEPTH: usize = 64;

/// Parses the inside of `[…]`; `None` when it is not a well-formed expression.
pub fn parse(src: &str) -> Option<Expr> {
    let mut p = P {
        s: src.as_bytes(),
        i: 0,
        depth: 0,
    };
    let e = p.expr()?;
    p.ws();
    (p.i == p.s.len()).then_some(e)
}

struct P<'a> {
    s: &'a [u8],
    i: usize,
    depth: usize,
}

impl P<'_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }
    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn ident(&mut self) -> Option<String> {
        self.ws();
        let start = self.i;
        while self
            .s
            .get(self.i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            self.i += 1;
        }
        (self.i > start).then(|| String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }
    fn expr(&mut self) -> Option<Expr> {
        self.depth += 1;
        if self.depth > MAX_EXPR_DEPTH {
            return None;
        }
        self.ws();
        let mut e = match *self.s.get(self.i)? {
            b'\'' => {
                self.i += 1;
                let mut out = Vec::new();
                loop {
                    match *self.s.get(self.i)? {
                        b'\'' if self.s.get(self.i + 1) == Some(&b'\'') => {
                            out.push(b'\'');
                            self.i += 2;
                        }
                        b'\'' => {
                            self.i += 1;
                            break;
                        }
                        c => {
                            out.push(c);
                            self.i += 1;
                        }
                    }
                }
                Expr::Str(String::from_utf8_lossy(&out).into_owned())
            }
            c if c.is_ascii_digit() || c == b'-' => {
                let start = self.i;
                self.i += 1;
                while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
                    self.i += 1;
                }
                Expr::Int(
                    std::str::from_utf8(&self.s[start..self.i])
                        .ok()?
                        .parse()
                        .ok()?,
                )
            }
            _ => {
                let mut name = self.ident()?;
                // user-defined functions are `namespace.name(…)`
                if self.s.get(self.i) == Some(&b'.')
                    && self.s.get(self.i + 1).is_some_and(u8::is_ascii_alphabetic)
                {
                    let save = self.i;
                    self.i += 1;
                    if let Some(rest) = self.ident()
                        && self.s.get(self.i) == Some(&b'(')
                    {
                        name = format!("{name}.{rest}");
                    } else {
                        self.i = save;
                    }
                }
                if !self.eat(b'(') {
                    return match name.as_str() {
                        "true" | "false" | "null" => Some(Expr::Call(name, Vec::new())),
                        _ => None,
                    };
                }
                let mut args = Vec::new();
                if !self.eat(b')') {
                    loop {
                        args.push(self.expr()?);
                        if self.eat(b')') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Expr::Call(name, args)
            }
        };
        loop {
            self.ws();
            if self.s.get(self.i) == Some(&b'.') {
                // `x.y`, and the safe dereference `x.?y` (a missing member is null either way here)
                self.i += 1;
                if self.s.get(self.i) == Some(&b'?') {
                    self.i += 1;
                }
                e = Expr::Member(Box::new(e), self.ident()?);
            } else if self.eat(b'[') {
                let idx = self.expr()?;
                if !self.eat(b']') {
                    return None;
                }
                e = Expr::Index(Box::new(e), Box::new(idx));
            } else {
                self.depth -= 1;
                return Some(e);
            }
        }
    }
}

fn truthy(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        _ => None,
    }
}

fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => {
            let mut c = other.clone();
            crate::ingest::json::strip_locs(&mut c);
            c.to_string()
        }
    }
}

fn get_ci<'a>(o: &'a Map<String, Value>, k: &str) -> Option<&'a Value> {
    o.get(k).or_else(|| {
        o.iter()
            .find(|(x, _)| x.eq_ignore_ascii_case(k))
            .map(|(_, v)| v)
    })
}

/// JSON equality without the hidden location entries.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let xs: Vec<_> = x
                .iter()
                .filter(|(k, _)| !crate::ingest::json::is_loc_key(k))
                .collect();
            let ys: Vec<_> = y
                .iter()
                .filter(|(k, _)| !crate::ingest::json::is_loc_key(k))
                .collect();
            xs.len() == ys.len()
                && xs
                    .iter()
                    .all(|(k, v)| y.get(*k).is_some_and(|w| same(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::String(x), Value::String(y)) => x.eq_ignore_ascii_case(y),
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Evaluation of one expression tree; `lambdas` holds the lambda variables in force.
pub struct Eval<'s, 'a> {
    pub(super) scope: &'s Scope<'a>,
    pub(super) lambdas: Vec<(String, Value)>,
}

impl Eval<'_, '_> {
    /// Evaluates `e`; unknowns are markers, never errors.
    pub fn eval(&mut self, e: &Expr) -> Value {
        if !self.scope.spend(1) {
            return unknown("(evaluation budget exhausted)");
        }
        match e {
            Expr::Str(s) => Value::String(s.clone()),
            Expr::Int(i) => Value::from(*i),
            Expr::Member(x, k) => {
                let v = self.eval(x);
                match &v {
                    Value::Object(o) if !is_unknown(&v) => match get_ci(o, k) {
                        Some(x) => x.clone(),
                        None => Value::Null,
                    },
                    Value::Null => Value::Null,
                    _ => unknown(&format!("(…).{k}")),
                }
            }
            Expr::Index(x, i) => {
                let v = self.eval(x);
                let i = self.eval(i);
                index(&v, &i)
            }
            Expr::Call(name, args) => self.call(name, args),
        }
    }

    fn all(&mut self, args: &[Expr]) -> Vec<Value> {
        args.iter().map(|a| self.eval(a)).collect()
    }

    fn call(&mut self, name: &str, args: &[Expr]) -> Value {
        let lname = name.to_ascii_lowercase();
        // functions whose arguments are not all evaluated first
        match lname.as_str() {
            "if" if args.len() == 3 => {
                let c = self.eval(&args[0]);
                return match truthy(&c) {
                    Some(true) => self.eval(&args[1]),
                    Some(false) => self.eval(&args[2]),
                    None => unknown("if(…)"),
                };
            }
            "and" | "or" => {
                let want = lname == "or";
                let mut any_unknown = false;
                for a in args {
                    match truthy(&self.eval(a)) {
                        Some(b) if b == want => return Value::Bool(want),
                        Some(_) => {}
                        None => any_unknown = true,
                    }
                }
                return if any_unknown {
                    unknown(name)
                } else {
                    Value::Bool(!want)
                };
            }
            "map" | "filter" | "sort" | "reduce" | "toobject" | "mapvalues" | "groupby" => {
                return self.higher_order(&lname, args);
            }
            "lambdavariables" => {
                let v = self.eval(args.first().unwrap_or(&Expr::Str(String::new())));
                let n = text(&v);
                return self
                    .lambdas
                    .iter()
                    .rev()
                    .find(|(k, _)| k.eq_ignore_ascii_case(&n))
                    .map_or_else(
                        || unknown(&format!("lambdaVariables('{n}')")),
                        |(_, v)| v.clone(),
                    );
            }
            "parameters" => {
                let n = text(&self.eval(args.first().unwrap_or(&Expr::Str(String::new()))));
                return self.scope.parameter(&n);
            }
            "variables" => {
                let n = text(&self.eval(args.first().unwrap_or(&Expr::Str(String::new()))));
                return self.scope.variable(&n);
            }
            "copyindex" => {
                let vals = self.all(args);
                let (loop_name, offset) = match vals.as_slice() {
                    [] => (None, 0),
                    [Value::String(n)] => (Some(n.clone()), 0),
                    [o] => (None, int(o).unwrap_or(0)),
                    [Value::String(n), o, ..] => (Some(n.clone()), int(o).unwrap_or(0)),
                    [o, ..] => (None, int(o).unwrap_or(0)),
                };
                return match self.scope.copy_index(loop_name.as_deref()) {
                    Some(i) => Value::from(i + offset),
                    None => unknown("copyIndex()"),
                };
            }
            _ => {}
        }
        // the deployment's scope: its ids and names are not known offline but equal to themselves; the
        // location is `--region` when given
        match lname.as_str() {
            "resourcegroup" | "deployment" | "subscription" if args.is_empty() => {
                let mut m = Map::new();
                let f = match lname.as_str() {
                    "resourcegroup" => "resourceGroup",
                    "deployment" => "deployment",
                    _ => "subscription",
                };
                for k in ["id", "name", "subscriptionId", "tenantId", "displayName"] {
                    m.insert(k.to_string(), symbolic(&format!("<{f}().{k}>")));
                }
                if lname != "subscription" {
                    m.insert(
                        "location".into(),
                        match deployment_region() {
                            Some(r) => Value::String(r),
                            None => unknown(&format!("{f}().location")),
                        },
                    );
                }
                return Value::Object(m);
            }
            _ => {}
        }
        let a = self.all(args);
        // a container built of values some of which are unknown holds them as its members: what is known
        // of it stays known (`createObject('ipConfigurations', …, 'hubIPAddresses', reference(…))`); only
        // an unknown key makes the object unknown
        let keys_known = lname != "createobject" || a.iter().step_by(2).all(|k| !is_unknown(k));
        if matches!(lname.as_str(), "createarray" | "createobject") && keys_known {
            return if lname == "createarray" {
                Value::Array(a)
            } else {
                let mut m = Map::new();
                for pair in a.chunks(2) {
                    if let [k, v] = pair {
                        m.insert(text(k), v.clone());
                    }
                }
                Value::Object(m)
            };
        }
        if a.iter().any(is_unknown) && !matches!(lname.as_str(), "coalesce" | "trygetvalue") {
            if a.iter().all(|x| !is_unknown(x) || symbol_of(x).is_some())
                && let Some(v) = self.symbolic_call(&lname, &a)
            {
                return v;
            }
            return unknown(name);
        }
        let s = |i: usize| a.get(i).map(text);
        match lname.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            "concat" => {
                if !a.is_empty() && a.iter().all(|x| x.is_array() || x.is_null()) {
                    let out: Vec<Value> = a
                        .iter()
                        .filter_map(Value::as_array)
                        .flatten()
                        .cloned()
                        .collect();
                    if !self.scope.spend(out.len() as u64) {
                        return unknown("(evaluation budget exhausted)");
                    }
                    Value::Array(out)
                } else {
                    let out: String = a.iter().map(text).collect();
                    if !self.scope.spend(out.len() as u64) {
                        return unknown("(evaluation budget exhausted)");
                    }
                    Value::String(out)
                }
            }
            "format" => {
                let Some(f) = s(0) else {
                    return unknown(name);
                };
                Value::String(format_net(&f, &a[1..]))
            }
            "tolower" => Value::String(s(0).unwrap_or_default().to_lowercase()),
            "toupper" => Value::String(s(0).unwrap_or_default().to_uppercase()),
            "trim" => Value::String(s(0).unwrap_or_default().trim().to_string()),
            "string" => Value::String(a.first().map(text).unwrap_or_default()),
            "int" => match a.first().and_then(int) {
                Some(i) => Value::from(i),
                None => unknown(name),
            },
            "bool" => match a.first() {
                Some(Value::Bool(b)) => Value::Bool(*b),
                Some(Value::String(x)) if x.eq_ignore_ascii_case("true") => Value::Bool(true),
                Some(Value::String(x)) if x.eq_ignore_ascii_case("false") => Value::Bool(false),
                Some(Value::Number(n)) => Value::Bool(n.as_i64() != Some(0)),
                _ => unknown(name),
            },
            "json" => match s(0).and_then(|t| crate::ingest::json::parse(&t).ok()) {
                Some(mut v) => {
                    crate::ingest::json::strip_locs(&mut v);
                    v
                }
                None => unknown(name),
            },
            "coalesce" => a
                .iter()
                .find(|x| !x.is_null())
                .cloned()
                .unwrap_or(Value::Null),
            "createarray" => Value::Array(a.clone()),
            "createobject" => {
                let mut m = Map::new();
                for pair in a.chunks(2) {
                    if let [k, v] = pair {
                        m.insert(text(k), v.clone());
                    }
                }
                Value::Object(m)
            }
            "replace" => match (s(0), s(1), s(2)) {
                (Some(x), Some(from), Some(to)) if !from.is_empty() => {
                    Value::String(x.replace(&from, &to))
                }
                (Some(x), _, _) => Value::String(x),
                _ => unknown(name),
            },
            "split" => {
                let Some(x) = s(0) else {
                    return unknown(name);
                };
                let seps: Vec<String> = match a.get(1) {
                    Some(Value::Array(d)) => d.iter().map(text).collect(),
                    Some(d) => vec![text(d)],
                    None => return unknown(name),
                };
                let mut parts = vec![x];
                for sep in seps.iter().filter(|d| !d.is_empty()) {
                    parts = parts
                        .iter()
                        .flat_map(|p| p.split(sep.as_str()).map(str::to_string))
                        .collect();
                }
                Value::Array(parts.into_iter().map(Value::String).collect())
            }
            "empty" => Value::Bool(match a.first() {
                Some(Value::Null) | None => true,
                Some(Value::String(x)) => x.is_empty(),
                Some(Value::Array(x)) => x.is_empty(),
                Some(Value::Object(o)) => o.keys().all(|k| crate::ingest::json::is_loc_key(k)),
                Some(_) => false,
            }),
            "length" => Value::from(match a.first() {
                Some(Value::String(x)) => x.chars().count(),
                Some(Value::Array(x)) => x.len(),
                Some(Value::Object(o)) => o
                    .keys()
                    .filter(|k| !crate::ingest::json::is_loc_key(k))
                    .count(),
                _ => return unknown(name),
            }),
            "equals" => Value::Bool(a.len() == 2 && same(&a[0], &a[1])),
            "not" => match a.first().and_then(truthy) {
                Some(b) => Value::Bool(!b),
                None => unknown(name),
            },
            "greater" | "less" | "greaterorequals" | "lessorequals" => {
                let ord = match (a.first(), a.get(1)) {
                    (Some(x), Some(y)) => match (int(x), int(y)) {
                        (Some(x), Some(y)) if !a[0].is_string() => x.cmp(&y),
                        _ => text(x).cmp(&text(y)),
                    },
                    _ => return unknown(name),
                };
                Value::Bool(match lname.as_str() {
                    "greater" => ord.is_gt(),
                    "less" => ord.is_lt(),
                    "greaterorequals" => ord.is_ge(),
                    _ => ord.is_le(),
                })
            }
            "add" | "sub" | "mul" | "div" | "mod" => {
                match (a.first().and_then(int), a.get(1).and_then(int)) {
                    (Some(x), Some(y)) => match lname.as_str() {
                        "add" => x.checked_add(y),
                        "sub" => x.checked_sub(y),
                        "mul" => x.checked_mul(y),
                        "div" => x.checked_div(y),
                        _ => x.checked_rem(y),
                    }
                    .map_or_else(|| unknown(name), Value::from),
                    _ => unknown(name),
                }
            }
            "min" | "max" => {
                let nums: Vec<i64> = match a.as_slice() {
                    [Value::Array(xs)] => xs.iter().filter_map(int).collect(),
                    xs => xs.iter().filter_map(int).collect(),
                };
                match if lname == "min" {
                    nums.iter().min()
                } else {
                    nums.iter().max()
                } {
                    Some(n) => Value::from(*n),
                    None => unknown(name),
                }
            }
            "range" => match (a.first().and_then(int), a.get(1).and_then(int)) {
                (Some(start), Some(count)) if (0..=10_000).contains(&count) => {
                    if !self.scope.spend(count as u64) {
                        return unknown("(evaluation budget exhausted)");
                    }
                    Value::Array((start..start + count).map(Value::from).collect())
                }
                _ => unknown(name),
            },
            "contains" => match (a.first(), a.get(1)) {
                (Some(Value::String(x)), Some(y)) => {
                    Value::Bool(x.to_lowercase().contains(&text(y).to_lowercase()))
                }
                (Some(Value::Array(xs)), Some(y)) => Value::Bool(xs.iter().any(|x| same(x, y))),
                (Some(Value::Object(o)), Some(y)) => Value::Bool(get_ci(o, &text(y)).is_some()),
                _ => unknown(name),
            },
            "startswith" | "endswith" => match (s(0), s(1)) {
                (Some(x), Some(y)) => {
                    let (x, y) = (x.to_lowercase(), y.to_lowercase());
                    Value::Bool(if lname == "startswith" {
                        x.starts_with(&y)
                    } else {
                        x.ends_with(&y)
                    })
                }
                _ => unknown(name),
            },
            "indexof" | "lastindexof" => match (a.first(), a.get(1)) {
                (Some(Value::Array(xs)), Some(y)) => {
                    let pos = if lname == "indexof" {
                        xs.iter().position(|x| same(x, y))
                    } else {
                        xs.iter().rposition(|x| same(x, y))
                    };
                    Value::from(pos.map_or(-1, |p| p as i64))
                }
                (Some(x), Some(y)) => {
                    let (x, y) = (text(x).to_lowercase(), text(y).to_lowercase());
                    let pos = if lname == "indexof" {
                        x.find(&y)
                    } else {
                        x.rfind(&y)
                    };
                    Value::from(pos.map_or(-1, |p| x[..p].chars().count() as i64))
                }
                _ => unknown(name),
            },
            "union" => {
                if a.iter().all(Value::is_array) {
                    let mut out: Vec<Value> = Vec::new();
                    for x in a.iter().filter_map(Value::as_array).flatten() {
                        if !out.iter().any(|y| same(x, y)) {
                            out.push(x.clone());
                        }
                    }
                    Value::Array(out)
                } else if a.iter().all(Value::is_object) {
                    let mut m = Map::new();
                    for o in a.iter().filter_map(Value::as_object) {
                        for (k, v) in o {
                            m.insert(k.clone(), v.clone());
                        }
                    }
                    Value::Object(m)
                } else {
                    unknown(name)
                }
            }
            "intersection" => match a.first() {
                Some(Value::Array(first)) => Value::Array(
                    first
                        .iter()
                        .filter(|x| {
                            a[1..].iter().all(|o| {
                                o.as_array().is_some_and(|ys| ys.iter().any(|y| same(x, y)))
                            })
                        })
                        .cloned()
                        .collect(),
                ),
                _ => unknown(name),
            },
            "first" | "last" => match a.first() {
                Some(Value::Array(xs)) => {
                    let x = if lname == "first" {
                        xs.first()
                    } else {
                        xs.last()
                    };
                    x.cloned().unwrap_or(Value::Null)
                }
                Some(Value::String(x)) => {
                    let c = if lname == "first" {
                        x.chars().next()
                    } else {
                        x.chars().last()
                    };
                    Value::String(c.map(String::from).unwrap_or_default())
                }
                _ => unknown(name),
            },
            "take" | "skip" => {
                let n = a.get(1).and_then(int).unwrap_or(0).max(0) as usize;
                match a.first() {
                    Some(Value::Array(xs)) => Value::Array(if lname == "take" {
                        xs.iter().take(n).cloned().collect()
                    } else {
                        xs.iter().skip(n).cloned().collect()
                    }),
                    Some(Value::String(x)) => Value::String(if lname == "take" {
                        x.chars().take(n).collect()
                    } else {
                        x.chars().skip(n).collect()
                    }),
                    _ => unknown(name),
                }
            }
            "substring" => match (s(0), a.get(1).and_then(int)) {
                (Some(x), Some(start)) => {
                    let start = start.max(0) as usize;
                    let len = a.get(2).and_then(int).map(|l| l.max(0) as usize);
                    let it = x.chars().skip(start);
                    Value::String(match len {
                        Some(l) => it.take(l).collect(),
                        None => it.collect(),
                    })
                }
                _ => unknown(name),
            },
            "padleft" => match (s(0), a.get(1).and_then(int)) {
                (Some(x), Some(w)) => {
                    let pad = s(2).and_then(|p| p.chars().next()).unwrap_or(' ');
                    let need = (w.clamp(0, 10_000) as usize).saturating_sub(x.chars().count());
                    Value::String(std::iter::repeat_n(pad, need).chain(x.chars()).collect())
                }
                _ => unknown(name),
            },
            "flatten" => match a.first() {
                Some(Value::Array(xs)) => Value::Array(
                    xs.iter()
                        .flat_map(|x| match x {
                            Value::Array(inner) => inner.clone(),
                            other => vec![other.clone()],
                        })
                        .collect(),
                ),
                _ => unknown(name),
            },
            "items" => match a.first() {
                Some(Value::Object(o)) => {
                    let mut keys: Vec<&String> = o
                        .keys()
                        .filter(|k| !crate::ingest::json::is_loc_key(k))
                        .collect();
                    keys.sort_by_key(|k| k.to_lowercase());
                    Value::Array(
                        keys.into_iter()
                            .map(|k| {
                                let mut m = Map::new();
                                m.insert("key".into(), Value::String(k.clone()));
                                m.insert("value".into(), o[k].clone());
                                Value::Object(m)
                            })
                            .collect(),
                    )
                }
                _ => unknown(name),
            },
            "tryget" | "trygetvalue" => {
                let mut v = a.first().cloned().unwrap_or(Value::Null);
                for k in &a[1..] {
                    if is_unknown(&v) || is_unknown(k) {
                        return unknown(name);
                    }
                    v = match index(&v, k) {
                        x if is_unknown(&x) => Value::Null,
                        x => x,
                    };
                }
                v
            }
            "objectkeys" => match a.first() {
                Some(Value::Object(o)) => Value::Array(
                    o.keys()
                        .filter(|k| !crate::ingest::json::is_loc_key(k))
                        .map(|k| Value::String(k.clone()))
                        .collect(),
                ),
                _ => unknown(name),
            },
            "cidrhost" => match (s(0), a.get(1).and_then(int)) {
                (Some(net), Some(i)) => match cidr_host(&net, i) {
                    Some(ip) => Value::String(ip),
                    None => unknown(name),
                },
                _ => unknown(name),
            },
            "resourceid"
            | "subscriptionresourceid"
            | "tenantresourceid"
            | "extensionresourceid" => resource_id(&lname, &a).unwrap_or_else(|| unknown(name)),
            "base64" | "base64tostring" | "uri" | "uricomponent" | "uricomponenttostring" => {
                unknown(name)
            }
            // an inline nested deployment's outputs, when it was read before this expression
            "reference" => {
                let id = s(0).unwrap_or_default();
                let lower = id.to_ascii_lowercase();
                let name = match lower.find("microsoft.resources/deployments/") {
                    Some(at) => id[at + "microsoft.resources/deployments/".len()..]
                        .split('/')
                        .next()
                        .unwrap_or("")
                        .to_string(),
                    None if !id.contains('/') => id.clone(),
                    None => String::new(),
                };
                self.scope
                    .deployment_reference(&name)
                    .unwrap_or_else(|| unknown(name.as_str()))
            }
            // computed by Azure at deployment: a value equal to itself
            "uniquestring" | "guid" => self
                .symbolic_call(&lname, &a)
                .unwrap_or_else(|| unknown(name)),
            // values decided at deployment time: known only where the user gives them
            _ => unknown(name),
        }
    }

    /// A string function of values some of which are symbolic: the symbolic value it builds (known text
    /// kept, each symbolic part as printed), or `None` where the result is not a name-like string.
    fn symbolic_call(&mut self, lname: &str, a: &[Value]) -> Option<Value> {
        let part = |v: &Value| symbol_of(v).map_or_else(|| text(v), str::to_string);
        // a symbolic argument inside a function call: without its outer `<…>` when it is one whole symbol
        let arg = |v: &Value| match symbol_of(v) {
            Some(s) if s.starts_with('<') && s.ends_with('>') && s.matches('<').count() == 1 => {
                s[1..s.len() - 1].to_string()
            }
            // a parameter without a value, printed as written
            Some(s)
                if s.starts_with("[parameters(")
                    && s.ends_with(")]")
                    && s.matches('[').count() == 1 =>
            {
                s[1..s.len() - 1].to_string()
            }
            Some(s) => format!("'{s}'"),
            None => format!("'{}'", text(v)),
        };
        let out = match lname {
            "concat"
                if a.iter()
                    .all(|x| !x.is_array() && !x.is_object() || symbol_of(x).is_some()) =>
            {
                a.iter().map(part).collect::<String>()
            }
            "format" => {
                let f = a.first().filter(|f| symbol_of(f).is_none()).map(text)?;
                let args: Vec<Value> = a[1..].iter().map(|x| Value::String(part(x))).collect();
                format_net(&f, &args)
            }
            "tolower" => part(a.first()?).to_lowercase(),
            "toupper" => part(a.first()?).to_uppercase(),
            "trim" => part(a.first()?).trim().to_string(),
            "uniquestring" | "guid" => {
                let inner: Vec<String> = a.iter().map(arg).collect();
                let f = if lname == "guid" {
                    "guid"
                } else {
                    "uniqueString"
                };
                format!("<{f}({})>", inner.join(", "))
            }
            "resourceid"
            | "subscriptionresourceid"
            | "tenantresourceid"
            | "extensionresourceid" => {
                let texts: Vec<Value> = a.iter().map(|x| Value::String(part(x))).collect();
                return resource_id(lname, &texts).and_then(|v| v.as_str().map(symbolic));
            }
            _ => return None,
        };
        if !self.scope.spend(out.len() as u64) {
            return Some(unknown("(evaluation budget exhausted)"));
        }
        Some(symbolic(&out))
    }

    fn higher_order(&mut self, lname: &str, args: &[Expr]) -> Value {
        let input = match args.first() {
            Some(e) => self.eval(e),
            None => return unknown(lname),
        };
        let lambda = |e: Option<&Expr>| -> Option<(Vec<String>, Expr)> {
            match e? {
                Expr::Call(n, la) if n.eq_ignore_ascii_case("lambda") && !la.is_empty() => {
                    let params = la[..la.len() - 1]
                        .iter()
                        .map(|p| match p {
                            Expr::Str(s) => Some(s.clone()),
                            _ => None,
                        })
                        .collect::<Option<Vec<_>>>()?;
                    Some((params, la[la.len() - 1].clone()))
                }
                _ => None,
            }
        };
        let items: Vec<Value> = match (&input, lname) {
            (Value::Array(xs), _) => xs.clone(),
            (Value::Object(o), "mapvalues") => o
                .iter()
                .filter(|(k, _)| !crate::ingest::json::is_loc_key(k))
                .map(|(_, v)| v.clone())
                .collect(),
            _ => return unknown(lname),
        };
        let apply = |me: &mut Self, f: &(Vec<String>, Expr), vals: Vec<Value>| -> Value {
            let n = me.lambdas.len();
            for (p, v) in f.0.iter().zip(vals) {
                me.lambdas.push((p.clone(), v));
            }
            let out = me.eval(&f.1);
            me.lambdas.truncate(n);
            out
        };
        match lname {
            "map" => {
                let Some(f) = lambda(args.get(1)) else {
                    return unknown(lname);
                };
                Value::Array(
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(i, x)| apply(self, &f, vec![x, Value::from(i)]))
                        .collect(),
                )
            }
            "filter" => {
                let Some(f) = lambda(args.get(1)) else {
                    return unknown(lname);
                };
                let mut out = Vec::new();
                for (i, x) in items.into_iter().enumerate() {
                    match truthy(&apply(self, &f, vec![x.clone(), Value::from(i)])) {
                        Some(true) => out.push(x),
                        Some(false) => {}
                        None => return unknown(lname),
                    }
                }
                Value::Array(out)
            }
            "reduce" => {
                let (Some(init), Some(f)) = (args.get(1), lambda(args.get(2))) else {
                    return unknown(lname);
                };
                let mut acc = self.eval(init);
                for (i, x) in items.into_iter().enumerate() {
                    acc = apply(self, &f, vec![acc, x, Value::from(i)]);
                }
                acc
            }
            "toobject" => {
                let Some(kf) = lambda(args.get(1)) else {
                    return unknown(lname);
                };
                let vf = lambda(args.get(2));
                let mut m = Map::new();
                for x in items {
                    let k = text(&apply(self, &kf, vec![x.clone()]));
                    let v = match &vf {
                        Some(f) => apply(self, f, vec![x]),
                        None => x,
                    };
                    m.insert(k, v);
                }
                Value::Object(m)
            }
            "mapvalues" => {
                let (Value::Object(o), Some(f)) = (&input, lambda(args.get(1))) else {
                    return unknown(lname);
                };
                let mut m = Map::new();
                for (k, v) in o
                    .iter()
                    .filter(|(k, _)| !crate::ingest::json::is_loc_key(k))
                {
                    let r = apply(self, &f, vec![v.clone()]);
                    m.insert(k.clone(), r);
                }
                Value::Object(m)
            }
            _ => unknown(lname),
        }
    }
}

fn index(v: &Value, i: &Value) -> Value {
    if is_unknown(v) || is_unknown(i) {
        return unknown("index");
    }
    match (v, i) {
        (Value::Array(a), i) => match int(i) {
            Some(k) if k >= 0 => a.get(k as usize).cloned().unwrap_or(Value::Null),
            _ => unknown("index"),
        },
        (Value::Object(o), k) => get_ci(o, &text(k)).cloned().unwrap_or(Value::Null),
        (Value::Null, _) => Value::Null,
        _ => unknown("index"),
    }
}

/// .NET composite formatting as `format()` does it: `{0}`, `{1:D2}`, `{{`/`}}` escapes.
fn format_net(f: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut it = f.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '{' if it.peek() == Some(&'{') => {
                it.next();
                out.push('{');
            }
            '}' if it.peek() == Some(&'}') => {
                it.next();
                out.push('}');
            }
            '{' => {
                let mut spec = String::new();
                for d in it.by_ref() {
                    if d == '}' {
                        break;
                    }
                    spec.push(d);
                }
                let (idx, fmt) = spec.split_once(':').unwrap_or((&spec, ""));
                match idx.trim().parse::<usize>().ok().and_then(|i| args.get(i)) {
                    Some(v) => {
                        let t = text(v);
                        let width = fmt
                            .strip_prefix(['D', 'd'])
                            .and_then(|w| w.parse::<usize>().ok());
                        match (width, int(v)) {
                            (Some(w), Some(n)) => out.push_str(&format!("{n:0w$}")),
                            _ => out.push_str(&t),
                        }
                    }
                    None => {
                        out.push('{');
                        out.push_str(&spec);
                        out.push('}');
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// `cidrHost('10.0.0.0/24', 3)`: the host at that index, counted from the first usable address
/// (ARM skips the network address: index 0 is .1).
fn cidr_host(net: &str, i: i64) -> Option<String> {
    let n: ipnet::IpNet = net.trim().parse().ok()?;
    let i = u128::try_from(i).ok()?;
    match n {
        ipnet::IpNet::V4(v) => {
            let base = u32::from(v.network()) as u128;
            let ip = base.checked_add(i + 1)?;
            let last = u32::from(v.broadcast()) as u128;
            (ip <= last).then(|| std::net::Ipv4Addr::from(ip as u32).to_string())
        }
        ipnet::IpNet::V6(v) => {
            let base = u128::from(v.network());
            let ip = base.checked_add(i + 1)?;
            (ip <= u128::from(v.broadcast())).then(|| std::net::Ipv6Addr::from(ip).to_string())
        }
    }
}

/// `resourceId([sub], [rg], type, name…)`: the id with placeholders for the subscription and resource
/// group when not given — consumers read only the type and names, which are exact.
fn resource_id(lname: &str, a: &[Value]) -> Option<Value> {
    let strs: Vec<String> = a.iter().map(text).collect();
    let t = strs.iter().position(|s| s.contains('/'))?;
    let ty = &strs[t];
    let names = &strs[t + 1..];
    let segs: Vec<&str> = ty.split('/').collect();
    if segs.len() < 2 || names.len() != segs.len() - 1 {
        return None;
    }
    let mut path = format!("providers/{}/{}/{}", segs[0], segs[1], names[0]);
    for (s, n) in segs[2..].iter().zip(&names[1..]) {
        path.push_str(&format!("/{s}/{n}"));
    }
    let sub = if t >= 2 {
        strs[0].as_str()
    } else {
        "{subscriptionId}"
    };
    let rg = match t {
        1 => strs[0].as_str(),
        t if t >= 2 => strs[1].as_str(),
        _ => "{resourceGroup}",
    };
    Some(Value::String(match lname {
        "tenantresourceid" => format!("/{path}"),
        "subscriptionresourceid" => format!("/subscriptions/{sub}/{path}"),
        _ => format!("/subscriptions/{sub}/resourceGroups/{rg}/{path}"),
    }))
}
