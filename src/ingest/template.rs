//! ARM deployment templates: finds NSG resources (inline rules and child `securityRules` resources)
//! and evaluates the common template expressions — `parameters()` (default values), `variables()`,
//! `concat`, `format`, `toLower`, `toUpper`, `string`, property and index access. Anything else is
//! left as an *unknown* marker quoting the expression, never guessed.

use super::json_util::get_ci;
use super::nsg_json::Ctx;
use crate::error::Error;
use crate::model::Nsg;
use serde_json::{Map, Value};

/// Key of the marker object that stands for a value that cannot be known offline.
pub const UNKNOWN_KEY: &str = "$unknown";
const NSG_TYPE: &str = "Microsoft.Network/networkSecurityGroups";
const RULE_TYPE: &str = "Microsoft.Network/networkSecurityGroups/securityRules";
const MAX_DEPTH: usize = 32;

/// Is this object an ARM deployment template?
pub fn is_template(o: &Map<String, Value>) -> bool {
    let schema = o
        .get("$schema")
        .and_then(Value::as_str)
        .is_some_and(|s| s.contains("deploymentTemplate"));
    matches!(o.get("resources"), Some(Value::Array(_)))
        && (schema || o.contains_key("contentVersion"))
}

fn unknown(expr: &str) -> Value {
    let mut m = Map::new();
    m.insert(UNKNOWN_KEY.to_string(), Value::String(expr.to_string()));
    Value::Object(m)
}

/// Is `v` the marker of a value not known offline?
pub fn is_unknown(v: &Value) -> bool {
    v.as_object().is_some_and(|o| o.contains_key(UNKNOWN_KEY))
}

/// Expression evaluator over one template's parameters and variables.
pub struct Evaluator<'a> {
    params: Option<&'a Map<String, Value>>,
    vars: Option<&'a Map<String, Value>>,
}

impl<'a> Evaluator<'a> {
    /// An evaluator for `template`.
    pub fn new(template: &'a Map<String, Value>) -> Self {
        Evaluator {
            params: template.get("parameters").and_then(Value::as_object),
            vars: template.get("variables").and_then(Value::as_object),
        }
    }

    /// Evaluates every string expression inside `v`.
    pub fn eval_value(&self, v: &Value, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return unknown("(nesting too deep)");
        }
        match v {
            Value::String(s) => self.eval_string(s, depth),
            Value::Array(a) => {
                Value::Array(a.iter().map(|x| self.eval_value(x, depth + 1)).collect())
            }
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, x)| (k.clone(), self.eval_value(x, depth + 1)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// Evaluates one string: `[expr]` is an expression, `[[` escapes a literal `[`.
    pub fn eval_string(&self, s: &str, depth: usize) -> Value {
        let t = s.trim();
        if let Some(rest) = t.strip_prefix("[[") {
            return Value::String(format!("[{rest}"));
        }
        match t.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
            Some(expr) => {
                let mut p = Parser {
                    s: expr.as_bytes(),
                    i: 0,
                    ev: self,
                    depth,
                };
                match p.expr() {
                    Some(v) if p.at_end() => v,
                    _ => unknown(s),
                }
                .pipe(|v| if is_unknown(&v) { unknown(s) } else { v })
            }
            None => Value::String(s.to_string()),
        }
    }

    fn parameter(&self, name: &str, depth: usize) -> Value {
        let p = self
            .params
            .and_then(|m| get_ci(m, name))
            .and_then(Value::as_object);
        match p.and_then(|p| get_ci(p, "defaultValue")) {
            Some(d) => self.eval_value(d, depth + 1),
            None => unknown(&format!("parameters('{name}')")),
        }
    }

    fn variable(&self, name: &str, depth: usize) -> Value {
        match self.vars.and_then(|m| get_ci(m, name)) {
            Some(d) => self.eval_value(d, depth + 1),
            None => unknown(&format!("variables('{name}')")),
        }
    }
}

trait Pipe: Sized {
    fn pipe<T>(self, f: impl FnOnce(Self) -> T) -> T {
        f(self)
    }
}
impl<T> Pipe for T {}

struct Parser<'p, 'a> {
    s: &'p [u8],
    i: usize,
    ev: &'p Evaluator<'a>,
    depth: usize,
}

impl Parser<'_, '_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(u8::is_ascii_whitespace) {
            self.i += 1;
        }
    }
    fn at_end(&mut self) -> bool {
        self.ws();
        self.i >= self.s.len()
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
    fn expr(&mut self) -> Option<Value> {
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        let mut v = match self.s.get(self.i)? {
            b'\'' => {
                self.i += 1;
                let mut out = Vec::new();
                loop {
                    match self.s.get(self.i)? {
                        b'\'' if self.s.get(self.i + 1) == Some(&b'\'') => {
                            out.push(b'\'');
                            self.i += 2;
                        }
                        b'\'' => {
                            self.i += 1;
                            break;
                        }
                        c => {
                            out.push(*c);
                            self.i += 1;
                        }
                    }
                }
                Value::String(String::from_utf8_lossy(&out).into_owned())
            }
            c if c.is_ascii_digit() || *c == b'-' => {
                let start = self.i;
                self.i += 1;
                while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
                    self.i += 1;
                }
                let n: i64 = std::str::from_utf8(&self.s[start..self.i])
                    .ok()?
                    .parse()
                    .ok()?;
                Value::from(n)
            }
            _ => {
                let name = self.ident()?;
                if !self.eat(b'(') {
                    return match name.as_str() {
                        "true" => Some(Value::Bool(true)),
                        "false" => Some(Value::Bool(false)),
                        _ => None,
                    };
                }
                let mut args = Vec::new();
                if !self.eat(b')') {
                    loop {
                        self.depth += 1;
                        args.push(self.expr()?);
                        self.depth -= 1;
                        if self.eat(b')') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                self.call(&name, args)?
            }
        };
        loop {
            if self.eat(b'.') {
                let key = self.ident()?;
                v = match &v {
                    Value::Object(o) if !is_unknown(&v) => {
                        get_ci(o, &key).cloned().unwrap_or_else(|| unknown(&key))
                    }
                    _ => unknown(&key),
                };
            } else if self.eat(b'[') {
                let idx = self.expr()?;
                if !self.eat(b']') {
                    return None;
                }
                v = match (&v, &idx) {
                    (Value::Array(a), Value::Number(n)) => n
                        .as_u64()
                        .and_then(|i| a.get(i as usize))
                        .cloned()
                        .unwrap_or_else(|| unknown("index")),
                    (Value::Object(o), Value::String(k)) if !is_unknown(&v) => {
                        get_ci(o, k).cloned().unwrap_or_else(|| unknown(k))
                    }
                    _ => unknown("index"),
                };
            } else {
                return Some(v);
            }
        }
    }

    fn call(&mut self, name: &str, args: Vec<Value>) -> Option<Value> {
        if args.iter().any(is_unknown) {
            return Some(unknown(name));
        }
        let text = |v: &Value| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let first_str = || args.first().and_then(Value::as_str).map(str::to_string);
        Some(match name.to_ascii_lowercase().as_str() {
            "parameters" => self.ev.parameter(&first_str()?, self.depth + 1),
            "variables" => self.ev.variable(&first_str()?, self.depth + 1),
            "concat" => {
                if args.iter().all(Value::is_array) {
                    Value::Array(
                        args.iter()
                            .filter_map(Value::as_array)
                            .flatten()
                            .cloned()
                            .collect(),
                    )
                } else {
                    Value::String(args.iter().map(text).collect())
                }
            }
            "format" => {
                let fmt = first_str()?;
                let mut out = fmt.clone();
                for (i, a) in args.iter().skip(1).enumerate() {
                    out = out.replace(&format!("{{{i}}}"), &text(a));
                }
                Value::String(out)
            }
            "tolower" => Value::String(first_str()?.to_lowercase()),
            "toupper" => Value::String(first_str()?.to_uppercase()),
            "string" => Value::String(text(args.first()?)),
            _ => unknown(name),
        })
    }
}

/// The NSGs of a template, with child `securityRules` resources attached to their parent.
pub(crate) fn nsgs_of_template(t: &Map<String, Value>, ctx: &Ctx<'_>) -> Result<Vec<Nsg>, Error> {
    let all = resources(t);
    let mut out = Vec::new();
    for n in all.iter().filter(|r| r.ty.eq_ignore_ascii_case(NSG_TYPE)) {
        let mut extra = Vec::new();
        for r in all.iter().filter(|r| r.ty.eq_ignore_ascii_case(RULE_TYPE)) {
            if let Some((parent, rule)) = r.name.rsplit_once('/')
                && parent.eq_ignore_ascii_case(&n.name)
            {
                let mut o = r.body.clone();
                o.insert("name".into(), Value::String(rule.to_string()));
                extra.push(ctx.rule(&o, false, &n.name)?);
            }
        }
        let mut o = n.body.clone();
        o.insert("name".into(), Value::String(n.name.clone()));
        out.push(ctx.nsg_object(&o, Some(extra))?);
    }
    if out.is_empty() {
        return Err(Error::input(
            ctx.file,
            1,
            format!("ARM template without a `{NSG_TYPE}` resource"),
        ));
    }
    Ok(out)
}

/// A resource of a template with expressions evaluated, nested children flattened.
pub struct TemplateResource {
    /// Full type (`Microsoft.Network/firewallPolicies/ruleCollectionGroups` also for nested children).
    pub ty: String,
    /// Full name as evaluated (`policy/group` for children); the raw expression when unknown.
    pub name: String,
    /// The evaluated resource object.
    pub body: Map<String, Value>,
}

/// Every resource of a template, nested `resources` flattened with their full type and name.
pub fn resources(t: &Map<String, Value>) -> Vec<TemplateResource> {
    let ev = Evaluator::new(t);
    let mut out = Vec::new();
    flatten(t.get("resources"), None, &ev, &mut out, 0);
    out
}

fn flatten(
    resources: Option<&Value>,
    parent: Option<(&str, &str)>,
    ev: &Evaluator<'_>,
    out: &mut Vec<TemplateResource>,
    depth: usize,
) {
    let Some(Value::Array(rs)) = resources else {
        return;
    };
    if depth > MAX_DEPTH {
        return;
    }
    for r in rs.iter().filter_map(Value::as_object) {
        let raw_ty = r.get("type").and_then(Value::as_str).unwrap_or("");
        let mut body = match ev.eval_value(&Value::Object(r.clone()), 0) {
            Value::Object(o) => o,
            _ => continue,
        };
        body.remove("resources");
        let own = match body.get("name") {
            Some(Value::String(s)) => s.clone(),
            _ => r
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        };
        let (ty, name) = match parent {
            Some((pt, pn)) if !raw_ty.contains('/') => {
                (format!("{pt}/{raw_ty}"), format!("{pn}/{own}"))
            }
            // a nested child written with its full type but only its own name
            Some((_, pn)) if !own.contains('/') => (raw_ty.to_string(), format!("{pn}/{own}")),
            _ => (raw_ty.to_string(), own),
        };
        out.push(TemplateResource {
            ty: ty.clone(),
            name: name.clone(),
            body,
        });
        flatten(r.get("resources"), Some((&ty, &name)), ev, out, depth + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn evaluates_common_functions_and_marks_the_rest_unknown() {
        let t = json!({"parameters": {"region": {"type": "string", "defaultValue": "WestEurope"}, "nodef": {"type": "string"}},
                       "variables": {"prefix": "Storage", "ports": ["443", "8443"]}});
        let t = t.as_object().unwrap();
        let ev = Evaluator::new(t);
        assert_eq!(
            ev.eval_string(
                "[concat(variables('prefix'), '.', parameters('region'))]",
                0
            ),
            json!("Storage.WestEurope")
        );
        assert_eq!(
            ev.eval_string("[format('{0}.{1}', 'Storage', toLower('EastUS'))]", 0),
            json!("Storage.eastus")
        );
        assert_eq!(ev.eval_string("[toUpper('a''b')]", 0), json!("A'B"));
        assert_eq!(ev.eval_string("[variables('ports')[1]]", 0), json!("8443"));
        assert_eq!(ev.eval_string("[[literal]", 0), json!("[literal]"));
        assert!(is_unknown(&ev.eval_string("[parameters('nodef')]", 0)));
        let u = ev.eval_string("[resourceGroup().location]", 0);
        assert_eq!(u[UNKNOWN_KEY], json!("[resourceGroup().location]"));
    }
}
