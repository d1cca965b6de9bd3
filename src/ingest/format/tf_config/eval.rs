//! Evaluation of one Terraform module (and the local modules it calls) into the values a plan's
//! `planned_values` would hold. Values that cannot be known offline — a variable without a value, a `data`
//! source, a module not fetched, an attribute only known after apply — are left out of the evaluation
//! context, so any expression that uses them fails; the failure is then traced to what it referenced and
//! the attribute becomes an unknown marker naming it in plain words.

use super::functions;
use crate::error::{Error, InputError};
use crate::ingest::json::LOC_KEY;
use crate::ingest::json_util::UNKNOWN_KEY;
use hcl::Value as HValue;
use hcl::edit::Span;
use hcl::edit::structure::{Body as EBody, Structure};
use hcl::eval::{Context, Evaluate};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

pub use crate::ingest::json_util::FILE_MARK;

pub use super::vars::VarInputs;

/// What reading a configuration gives.
#[derive(Default)]
pub struct Loaded {
    /// Every `.tf` file read: path and text (the root module's, then the local modules').
    pub files: Vec<(String, String)>,
    /// Plan-shaped resources (`address`, `type`, `name`, `module_address`, `values`).
    pub resources: Vec<Value>,
    /// `azapi_resource`s of the ARM types the tool reads, in ARM shape (`type`, `name`, `id`, `location`,
    /// `properties` from `body`).
    pub arm: Vec<Value>,
    /// What cannot be known and can change a verdict (a gated resource whose count is unknown, a rule
    /// whose NSG is unknown): each makes the subjects it concerns inconclusive.
    pub unresolved: Vec<String>,
    /// What was not read and why (a registry module not fetched, a data source), named for the user.
    pub notes: Vec<String>,
}

/// The kinds of resource whose instances take part in a verdict: an unknown count among these is named.
const GATED: &[&str] = &[
    "azurerm_network_security_group",
    "azurerm_network_security_rule",
    "azurerm_subnet",
    "azurerm_virtual_network",
    "azurerm_network_interface",
    "azurerm_linux_virtual_machine",
    "azurerm_windows_virtual_machine",
    "azurerm_virtual_machine",
    "azurerm_subnet_network_security_group_association",
    "azurerm_network_interface_security_group_association",
    "azurerm_subnet_route_table_association",
    "azurerm_subnet_nat_gateway_association",
    "azurerm_route_table",
    "azurerm_route",
    "azurerm_firewall",
    "azurerm_firewall_policy",
    "azurerm_firewall_policy_rule_collection_group",
    "azurerm_ip_group",
    "azurerm_nat_gateway",
];

struct Variable {
    /// `sensitive = true`: its value is never shown.
    sensitive: bool,
    default: Option<hcl::Expression>,
    string_typed: bool,
    ty: Option<hcl::Expression>,
}

/// `v` converted to the variable's type as far as it shapes values: the attributes an `object({…})`
/// type declares `optional(…)` are filled in (with the default given, else null), in maps, lists and sets
/// of objects too.
fn conform(v: HValue, ty: &hcl::Expression) -> HValue {
    use hcl::Expression as E;
    let E::FuncCall(f) = ty else { return v };
    let arg = f.args.first();
    match (f.name.name.as_str(), v) {
        ("optional", v) => match arg {
            Some(t) => conform(v, t),
            None => v,
        },
        ("map", HValue::Object(o)) => match arg {
            Some(t) => HValue::Object(o.into_iter().map(|(k, x)| (k, conform(x, t))).collect()),
            None => HValue::Object(o),
        },
        ("list" | "set", HValue::Array(a)) => match arg {
            Some(t) => HValue::Array(a.into_iter().map(|x| conform(x, t)).collect()),
            None => HValue::Array(a),
        },
        ("object", HValue::Object(mut o)) => {
            if let Some(E::Object(attrs)) = arg {
                for (k, t) in attrs.iter() {
                    let key = match k {
                        hcl::ObjectKey::Identifier(i) => i.as_str().to_string(),
                        hcl::ObjectKey::Expression(E::String(s)) => s.clone(),
                        _ => continue,
                    };
                    match o.swap_remove(&key) {
                        Some(x) => {
                            o.insert(key, conform(x, t));
                        }
                        None => {
                            let fill = match t {
                                E::FuncCall(of) if of.name.name.as_str() == "optional" => of
                                    .args
                                    .get(1)
                                    .and_then(|d| {
                                        functions::evaluate(d, &functions::context()).ok()
                                    })
                                    .map(|d| match of.args.first() {
                                        Some(inner) => conform(d, inner),
                                        None => d,
                                    })
                                    .unwrap_or(HValue::Null),
                                _ => HValue::Null,
                            };
                            o.insert(key, fill);
                        }
                    }
                }
            }
            HValue::Object(o)
        }
        (_, v) => v,
    }
}

struct Block {
    file: usize,
    span: (usize, usize),
    body: EBody,
}

struct ModuleSrc {
    dir: PathBuf,
    variables: BTreeMap<String, Variable>,
    locals: Vec<(String, hcl::Expression)>,
    /// Where each local is written (file, span), in the order of `locals`.
    local_at: Vec<(usize, (usize, usize))>,
    resources: Vec<(String, String, Block)>,
    data: HashSet<String>,
    modules: Vec<(String, Block)>,
    outputs: Vec<(String, hcl::Expression)>,
    /// Files in Terraform's JSON syntax: their nested blocks have no span of their own in the file.
    json_files: HashSet<usize>,
}

/// A failed value: why it is not known.
type Why = String;

thread_local! {
    /// The values not known offline met so far: (the expression that gives it, why it is not known).
    /// In the evaluation context such a value is a string `\0U<index>\0` (a *sentinel*), so the known
    /// parts around it (the keys of a map whose values are unknown) still evaluate.
    static UNKNOWNS: std::cell::RefCell<Vec<(String, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The sentinel string standing for a value not known offline.
fn sentinel(display: &str, reason: &str) -> String {
    UNKNOWNS.with(|u| {
        let mut u = u.borrow_mut();
        let i = match u.iter().position(|(d, r)| d == display && r == reason) {
            Some(i) => i,
            None => {
                u.push((display.to_string(), reason.to_string()));
                u.len() - 1
            }
        };
        format!("\u{0}U{i}\u{0}")
    })
}

/// The sentinels in `s`, by index.
fn sentinels_in(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(at) = rest.find("\u{0}U") {
        let after = &rest[at + 2..];
        let Some(end) = after.find('\u{0}') else {
            break;
        };
        if let Ok(i) = after[..end].parse() {
            out.push(i);
        }
        rest = &after[end + 1..];
    }
    out
}

fn has_sentinel(s: &str) -> bool {
    s.contains("\u{0}U")
}

fn value_sentinels(v: &HValue, out: &mut Vec<usize>) {
    match v {
        HValue::String(s) => out.extend(sentinels_in(s)),
        HValue::Array(a) => a.iter().for_each(|x| value_sentinels(x, out)),
        HValue::Object(o) => {
            for (k, x) in o {
                out.extend(sentinels_in(k));
                value_sentinels(x, out);
            }
        }
        _ => {}
    }
}

/// Why the sentinels are not known, each once.
fn sentinel_reasons(ids: &[usize]) -> Vec<String> {
    UNKNOWNS.with(|u| {
        let u = u.borrow();
        let mut out: Vec<String> = Vec::new();
        for &i in ids {
            if let Some((_, r)) = u.get(i)
                && !out.contains(r)
            {
                out.push(r.clone());
            }
        }
        out
    })
}

/// `s` with each sentinel written as the expression that gives it (`${var.prefix}-nsg`).
fn placeholder(s: &str) -> String {
    let mut out = s.to_string();
    for i in sentinels_in(s) {
        let d = UNKNOWNS.with(|u| u.borrow().get(i).map(|x| x.0.clone()).unwrap_or_default());
        out = out.replace(&format!("\u{0}U{i}\u{0}"), &format!("${{{d}}}"));
    }
    out
}

/// An attribute the joins follow by name or id: a value not known offline is kept as its expression
/// (`${var.prefix}-nsg`), so that what names the same expression still joins.
fn join_key(k: &str) -> bool {
    k == "name" || k.ends_with("_name") || k.ends_with("_id") || k.ends_with("_ids")
}

/// A value as plan JSON: strings holding a value not known offline become unknown markers naming why
/// (join keys keep the expression, [`join_key`]).
fn out_json(key: &str, v: &HValue) -> Value {
    match v {
        // a marker altered beyond recognition (never expected): not known, never shown
        HValue::String(s) if s.contains('\u{0}') && !has_sentinel(s) => {
            unknown(&format!("`{key}`: not known offline"))
        }
        HValue::String(s) if has_sentinel(s) => {
            if join_key(key) {
                Value::String(placeholder(s))
            } else {
                unknown(&format!(
                    "`{key}`: {}",
                    sentinel_reasons(&sentinels_in(s)).join("; ")
                ))
            }
        }
        HValue::Array(a) => Value::Array(a.iter().map(|x| out_json(key, x)).collect()),
        HValue::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (placeholder(k), out_json(k, x)))
                .collect(),
        ),
        other => to_json(other),
    }
}

/// Plan JSON back as a context value: unknown markers become sentinels, locations are left out.
fn for_ctx(display: &str, v: &Value) -> HValue {
    match v {
        Value::Object(o) if o.contains_key(UNKNOWN_KEY) => HValue::String(sentinel(
            display,
            o.get(UNKNOWN_KEY)
                .and_then(Value::as_str)
                .unwrap_or("not known"),
        )),
        Value::Object(o) => HValue::Object(
            o.iter()
                .filter(|(k, _)| !k.starts_with('\u{0}'))
                .map(|(k, x)| (k.clone(), for_ctx(&format!("{display}.{k}"), x)))
                .collect(),
        ),
        Value::Array(a) => HValue::Array(
            a.iter()
                .enumerate()
                .map(|(i, x)| for_ctx(&format!("{display}[{i}]"), x))
                .collect(),
        ),
        other => to_hcl(other),
    }
}

/// Functions that carry a value not known offline through (the known parts stay known); any other
/// function with such an argument gives a value not known offline.
const PASS_THROUGH: &[&str] = &[
    "merge",
    "concat",
    "flatten",
    "tolist",
    "toset",
    "tomap",
    "values",
    "coalesce",
    "format",
    "formatlist",
    "join",
    "tmpl__",
    "sensitive",
    "nonsensitive",
    "compact",
    "distinct",
    "setunion",
    "one",
];

fn expr_text(e: &hcl::Expression) -> String {
    hcl::format::to_string(e)
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "expression".into())
}

struct State {
    base: usize,
    root: PathBuf,
    out: Loaded,
    fetched: Option<HashMap<String, String>>,
    depth: usize,
    /// Module instances and resource instances evaluated so far (bounded: a module calling itself with
    /// `count = 2` would double at every level).
    work: usize,
    /// Module instances evaluated so far.
    modules: usize,
    /// The budget was met (named once).
    over: bool,
    /// The evaluation budget was spent (named once).
    budget_noted: bool,
}

/// The most resource instances one configuration is evaluated into.
const WORK_BUDGET: usize = 20_000;
/// The most module instances.
const MODULE_BUDGET: usize = 256;
/// The most steps of work one configuration's evaluation takes ([`functions::with_budget`]): above what
/// real configurations need (the Azure naming module, with its large tables, takes 2.4 million; 1,000 VMs
/// with a 200-rule NSG 0.17 million), below what exhausts time or memory (a bomb stops within a second
/// and about 600 MB).
const EVAL_BUDGET: u64 = 6_000_000;

fn loc(file: usize, span: (usize, usize), pointer: &str) -> Value {
    Value::String(format!(
        "{},{},{FILE_MARK}{file}{FILE_MARK}{pointer}",
        span.0, span.1
    ))
}

fn unknown(why: &str) -> Value {
    json!({ UNKNOWN_KEY: why })
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn span_of(s: &impl Span) -> (usize, usize) {
    s.span().map_or((0, 0), |r| (r.start, r.end))
}

/// The `.tf` files of a directory, sorted; `.tf.json` files are named (not read).
fn module_files(dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Error> {
    let io = |source| Error::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut tf = Vec::new();
    let mut json = Vec::new();
    for e in std::fs::read_dir(dir).map_err(io)? {
        let p = e.map_err(io)?.path();
        let n = p
            .file_name()
            .map(|n| n.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if !p.is_file() {
            continue;
        }
        if n.ends_with(".tf.json") {
            json.push(p);
        } else if n.ends_with(".fixed.tf") {
            // written by `fix`: read only in place of its original (re-check), never beside it
        } else if n.ends_with(".tf") {
            tf.push(super::substitute(&p).unwrap_or(p));
        }
    }
    tf.sort();
    json.sort();
    Ok((tf, json))
}

/// `a/b/../c` → `a/c`, lexically (a module's files are named by the path the user would write).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir
                if out
                    .components()
                    .next_back()
                    .is_some_and(|l| matches!(l, std::path::Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// Does this directory hold Terraform source?
pub fn is_module_dir(dir: &Path) -> bool {
    module_files(dir).is_ok_and(|(t, j)| !t.is_empty() || !j.is_empty())
}

impl State {
    fn parse(&mut self, dir: &Path) -> Result<ModuleSrc, Error> {
        let (tf, json) = module_files(dir)?;
        let substituted: Vec<&PathBuf> = tf.iter().collect();
        if let Ok(rd) = std::fs::read_dir(dir) {
            let mut fixed: Vec<PathBuf> = rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.to_string_lossy()
                        .to_ascii_lowercase()
                        .ends_with(".fixed.tf")
                        && !substituted.contains(&p)
                })
                .collect();
            fixed.sort();
            for f in fixed {
                self.out.notes.push(format!(
                    "`{}` is not read (written by `azegress fix`; Terraform would read it beside the original: move it over the original or delete it)",
                    f.display()
                ));
            }
        }
        for p in &tf {
            let n = p
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if n == "override.tf" || n.ends_with("_override.tf") {
                self.out.unresolved.push(format!(
                    "`{}` is a Terraform override file, which is not merged offline: it is read as a file of its own, and what it overrides may differ",
                    p.display()
                ));
            }
        }
        let mut m = ModuleSrc {
            dir: dir.to_path_buf(),
            variables: BTreeMap::new(),
            locals: Vec::new(),
            local_at: Vec::new(),
            resources: Vec::new(),
            data: HashSet::new(),
            modules: Vec::new(),
            outputs: Vec::new(),
            json_files: HashSet::new(),
        };
        let files: Vec<(PathBuf, bool)> = tf
            .into_iter()
            .map(|p| (p, false))
            .chain(json.into_iter().map(|p| (p, true)))
            .collect();
        for (p, is_json) in files {
            let path = p.display().to_string();
            let text = crate::ingest::read(&path)?;
            // JSON syntax: written as the native syntax; resources keep their span in the JSON text
            let (native, spans) = if is_json {
                let src = crate::ingest::json_util::Src::new(&path, &text);
                let doc = src.parse()?;
                let (n, s) = super::tf_json::to_native(&src, &doc)?;
                (Some(n), s.into_iter().collect::<HashMap<_, _>>())
            } else {
                (None, HashMap::new())
            };
            let body =
                hcl::edit::parser::parse_body(native.as_deref().unwrap_or(&text)).map_err(|e| {
                    let l = e.location();
                    if is_json {
                        // the text parsed was written from the JSON: its positions are not the file's
                        return Error::Input(InputError::at(
                            &path,
                            1,
                            1,
                            format!("not Terraform JSON syntax the tool reads: {}", e.message()),
                        ));
                    }
                    Error::Input(InputError::at(
                        &path,
                        l.line(),
                        l.column(),
                        format!("invalid Terraform syntax: {}", e.message()),
                    ))
                })?;
            let file = self.base + self.out.files.len();
            if is_json {
                m.json_files.insert(file);
            }
            for s in body.iter() {
                let Structure::Block(b) = s else { continue };
                let labels: Vec<&str> = b.labels.iter().map(|l| l.as_str()).collect();
                let key = labels.join(".");
                // a name Terraform refuses (`n sg`, `1nsg`, a line break) is refused here, at its block
                let named = match (b.ident.as_str(), labels.len()) {
                    ("resource" | "data", 2) | ("module" | "variable" | "output", 1) => &labels[..],
                    _ => &[][..],
                };
                if let Some(bad) = named.iter().find(|l| !super::is_name(l)) {
                    let at = if is_json {
                        spans.get(&key).map_or(0, |s| s.0)
                    } else {
                        span_of(b).0
                    };
                    let (line, col) = line_col(&text, at);
                    return Err(Error::Input(InputError::at(
                        &path,
                        line,
                        col,
                        format!(
                            "`{}` is not a valid name for a Terraform `{}` block: {}",
                            bad.escape_debug(),
                            b.ident.as_str(),
                            super::NAME_RULE
                        ),
                    )));
                }
                let block = || Block {
                    file,
                    span: if is_json {
                        spans.get(&key).copied().unwrap_or((0, 0))
                    } else {
                        span_of(b)
                    },
                    body: b.body.clone(),
                };
                match (b.ident.as_str(), labels.as_slice()) {
                    ("variable", [name]) => {
                        let attr = |k: &str| {
                            b.body
                                .get_attribute(k)
                                .map(|a| hcl::Expression::from(a.value.clone()))
                        };
                        let string_typed = matches!(attr("type"), Some(hcl::Expression::Variable(v)) if v.as_str() == "string");
                        m.variables.insert(
                            name.to_string(),
                            Variable {
                                sensitive: matches!(
                                    attr("sensitive"),
                                    Some(hcl::Expression::Bool(true))
                                ),
                                default: attr("default"),
                                string_typed,
                                ty: attr("type"),
                            },
                        );
                    }
                    ("locals", []) => {
                        for a in b.body.attributes() {
                            m.local_at.push((
                                file,
                                if is_json {
                                    spans.get(&key).copied().unwrap_or((0, 0))
                                } else {
                                    span_of(a)
                                },
                            ));
                            m.locals.push((
                                a.key.as_str().to_string(),
                                hcl::Expression::from(a.value.clone()),
                            ));
                        }
                    }
                    ("resource", [ty, name]) => {
                        m.resources
                            .push((ty.to_string(), name.to_string(), block()))
                    }
                    ("data", [ty, name]) => {
                        m.data.insert(format!("{ty}.{name}"));
                    }
                    ("module", [name]) => m.modules.push((name.to_string(), block())),
                    ("output", [name]) => {
                        if let Some(a) = b.body.get_attribute("value") {
                            m.outputs
                                .push((name.to_string(), hcl::Expression::from(a.value.clone())));
                        }
                    }
                    _ => {}
                }
            }
            self.out.files.push((path, text));
        }
        Ok(m)
    }
}

/// References of an expression: each as its root name and the attribute names after it.
fn refs(e: &hcl::Expression, out: &mut Vec<Vec<String>>) {
    use hcl::Expression as E;
    match e {
        E::Variable(v) => out.push(vec![v.as_str().to_string()]),
        E::Traversal(t) => {
            if let E::Variable(v) = &t.expr {
                let mut path = vec![v.as_str().to_string()];
                for op in &t.operators {
                    match op {
                        hcl::TraversalOperator::GetAttr(a) => path.push(a.as_str().to_string()),
                        hcl::TraversalOperator::Index(i) => refs(i, out),
                        _ => {}
                    }
                }
                out.push(path);
            } else {
                refs(&t.expr, out);
                for op in &t.operators {
                    if let hcl::TraversalOperator::Index(i) = op {
                        refs(i, out);
                    }
                }
            }
        }
        E::Array(a) => a.iter().for_each(|x| refs(x, out)),
        E::Object(o) => {
            for (k, v) in o {
                if let hcl::ObjectKey::Expression(k) = k {
                    refs(k, out);
                }
                refs(v, out);
            }
        }
        E::TemplateExpr(t) => {
            if let Ok(t) = hcl::Template::from_expr(t) {
                template_refs(&t, out);
            }
        }
        E::FuncCall(f) => f.args.iter().for_each(|x| refs(x, out)),
        E::Parenthesis(p) => refs(p, out),
        E::Conditional(c) => {
            refs(&c.cond_expr, out);
            refs(&c.true_expr, out);
            refs(&c.false_expr, out);
        }
        E::Operation(op) => match op.as_ref() {
            hcl::Operation::Unary(u) => refs(&u.expr, out),
            hcl::Operation::Binary(b) => {
                refs(&b.lhs_expr, out);
                refs(&b.rhs_expr, out);
            }
        },
        E::ForExpr(f) => {
            refs(&f.collection_expr, out);
            if let Some(k) = &f.key_expr {
                refs(k, out);
            }
            refs(&f.value_expr, out);
            if let Some(c) = &f.cond_expr {
                refs(c, out);
            }
        }
        _ => {}
    }
}

fn template_refs(t: &hcl::Template, out: &mut Vec<Vec<String>>) {
    use hcl::template::{Directive, Element};
    for el in t.elements() {
        match el {
            Element::Interpolation(i) => refs(&i.expr, out),
            Element::Directive(d) => match d.as_ref() {
                Directive::If(i) => {
                    refs(&i.cond_expr, out);
                    template_refs(&i.true_template, out);
                    if let Some(f) = &i.false_template {
                        template_refs(f, out);
                    }
                }
                Directive::For(f) => {
                    refs(&f.collection_expr, out);
                    template_refs(&f.template, out);
                }
            },
            Element::Literal(_) => {}
        }
    }
}

fn body_refs(b: &EBody, out: &mut Vec<Vec<String>>) {
    for s in b.iter() {
        match s {
            Structure::Attribute(a) => refs(&hcl::Expression::from(a.value.clone()), out),
            Structure::Block(b) => body_refs(&b.body, out),
        }
    }
}

/// A value Terraform would refuse: (file, span, what is wrong).
type Refusal = (usize, (usize, usize), String);

/// The evaluation of one module instance.
struct Scope<'m> {
    m: &'m ModuleSrc,
    /// `module.web.` (empty at the root).
    prefix: String,
    /// Words naming the module in reasons (`module \`web\``), empty at the root.
    whose: String,
    roots: hcl::Map<String, HValue>,
    /// Why a reference is not known: `var.x`, `local.x`, `module.m`, `module.m.out`, `ty.name`,
    /// `ty.name.attr`.
    why: HashMap<String, Why>,
    /// The span of the resource being evaluated (JSON-syntax files place nested blocks there).
    current: std::cell::Cell<(usize, usize)>,
    /// The first value Terraform would refuse (file, span, what is wrong): the configuration is an input
    /// error there.
    refused: std::cell::RefCell<Option<Refusal>>,
    /// Attributes whose expression failed (a function refusing its arguments): named for the user.
    failed: std::cell::RefCell<Vec<String>>,
}

/// How the reason of an expression that failed to evaluate begins.
const CANNOT: &str = "cannot be evaluated offline: ";

/// Attributes of the resources the tool reads that Terraform types as bool: it converts the strings
/// `"true"`, `"1"`, `"false"` and `"0"` and refuses any other value (go-cty's conversion).
const BOOL_ATTRS: &[&str] = &[
    "default_outbound_access_enabled",
    "disable_bgp_route_propagation",
    "bgp_route_propagation_enabled",
    "internet_security_enabled",
];

/// `v` converted as Terraform converts a value to bool, or what is wrong with it.
fn to_bool(v: &HValue) -> Result<HValue, String> {
    match v {
        HValue::Bool(_) | HValue::Null => Ok(v.clone()),
        HValue::String(s) if has_sentinel(s) => Ok(v.clone()),
        // go-cty's conversion: exactly these four spellings
        HValue::String(s) if matches!(s.as_str(), "true" | "1") => Ok(HValue::Bool(true)),
        HValue::String(s) if matches!(s.as_str(), "false" | "0") => Ok(HValue::Bool(false)),
        HValue::String(s) if matches!(s.to_ascii_lowercase().as_str(), "true" | "false") => {
            Err(format!(
                "a bool is required; to convert from string, use lowercase \"{}\"",
                s.to_ascii_lowercase()
            ))
        }
        HValue::String(s) => Err(format!(
            "a bool is required, found the string {}",
            serde_json::to_string(s).unwrap_or_default()
        )),
        HValue::Number(n) => Err(format!("a bool is required, found the number {n}")),
        HValue::Array(_) => Err("a bool is required, found a list".into()),
        HValue::Object(_) => Err("a bool is required, found an object".into()),
    }
}

fn to_json(v: &HValue) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn to_hcl(v: &Value) -> HValue {
    hcl::to_value(v).unwrap_or(HValue::Null)
}

fn ident(s: &str) -> hcl::Identifier {
    hcl::Identifier::sanitized(s)
}

/// A stable ARM id for the resources others join by id, built from their own attributes.
fn synthetic_id(ty: &str, v: &Map<String, Value>) -> Option<String> {
    let s = |k: &str| v.get(k).and_then(Value::as_str);
    let name = s("name")?;
    if ty == "azapi_resource" {
        // `parent_id` + the type: a child type (`…/virtualNetworks/subnets`) under a resource, else a
        // provider resource under a resource group or subscription
        let parent = s("parent_id")?.trim_end_matches('/');
        let arm = s("type")?.split('@').next()?;
        if parent.contains("/providers/") {
            let last = arm.rsplit('/').next()?;
            return Some(format!("{parent}/{last}/{name}"));
        }
        return Some(format!("{parent}/providers/{arm}/{name}"));
    }
    if ty == "azurerm_resource_group" {
        return Some(format!("/subscriptions/<unknown>/resourceGroups/{name}"));
    }
    // Virtual Network Manager children: under their parent's id
    let child = |parent: &str, segment: &str| {
        s(parent).map(|p| format!("{}/{segment}/{name}", p.trim_end_matches('/')))
    };
    match ty {
        "azurerm_network_manager_network_group" => {
            return child("network_manager_id", "networkGroups");
        }
        "azurerm_network_manager_static_member" => {
            return child("network_group_id", "staticMembers");
        }
        "azurerm_network_manager_security_admin_configuration" => {
            return child("network_manager_id", "securityAdminConfigurations");
        }
        "azurerm_network_manager_admin_rule_collection" => {
            return child("security_admin_configuration_id", "ruleCollections");
        }
        "azurerm_network_manager_admin_rule" => return child("admin_rule_collection_id", "rules"),
        // Virtual WAN children: under their hub's id (a route under its table's)
        "azurerm_virtual_hub_connection" => {
            return child("virtual_hub_id", "hubVirtualNetworkConnections");
        }
        "azurerm_virtual_hub_route_table" => return child("virtual_hub_id", "hubRouteTables"),
        "azurerm_virtual_hub_routing_intent" => return child("virtual_hub_id", "routingIntent"),
        "azurerm_virtual_hub_route_table_route" => return child("route_table_id", "routes"),
        _ => {}
    }
    let rg = s("resource_group_name")?;
    let base = format!("/subscriptions/<unknown>/resourceGroups/{rg}/providers");
    let kind = match ty {
        "azurerm_subnet" => {
            return Some(format!(
                "{base}/Microsoft.Network/virtualNetworks/{}/subnets/{name}",
                s("virtual_network_name")?
            ));
        }
        "azurerm_virtual_network" => "Microsoft.Network/virtualNetworks",
        "azurerm_network_security_group" => "Microsoft.Network/networkSecurityGroups",
        "azurerm_route_table" => "Microsoft.Network/routeTables",
        "azurerm_network_interface" => "Microsoft.Network/networkInterfaces",
        "azurerm_nat_gateway" => "Microsoft.Network/natGateways",
        "azurerm_public_ip" => "Microsoft.Network/publicIPAddresses",
        "azurerm_firewall" => "Microsoft.Network/azureFirewalls",
        "azurerm_firewall_policy" => "Microsoft.Network/firewallPolicies",
        "azurerm_network_manager" => "Microsoft.Network/networkManagers",
        "azurerm_ip_group" => "Microsoft.Network/ipGroups",
        "azurerm_virtual_wan" => "Microsoft.Network/virtualWans",
        "azurerm_virtual_hub" => "Microsoft.Network/virtualHubs",
        "azurerm_application_security_group" => "Microsoft.Network/applicationSecurityGroups",
        "azurerm_linux_virtual_machine"
        | "azurerm_windows_virtual_machine"
        | "azurerm_virtual_machine" => "Microsoft.Compute/virtualMachines",
        _ => return None,
    };
    Some(format!("{base}/{kind}/{name}"))
}

/// Meta-arguments of a resource or module block: not attributes of the resource.
const META: &[&str] = &[
    "count",
    "for_each",
    "provider",
    "providers",
    "depends_on",
    "source",
    "version",
];

impl Scope<'_> {
    /// The evaluation context of expressions that reference `r` ([`refs`]): only the values they name
    /// are copied in (copying every local and resource for each evaluation made the work grow with the
    /// square of the configuration), and that copy is charged to the budget.
    fn ctx_for(&self, r: &[Vec<String>]) -> Context<'static> {
        let mut c = functions::context();
        let mut picked: hcl::Map<String, HValue> = hcl::Map::new();
        for p in r {
            let Some(root) = p.first() else { continue };
            let Some(v) = self.roots.get(root) else {
                continue;
            };
            match (v, p.get(1)) {
                (HValue::Object(o), Some(k)) if root != "path" && root != "terraform" => {
                    let Some(x) = o.get(k) else { continue };
                    if let HValue::Object(m) = picked
                        .entry(root.clone())
                        .or_insert_with(|| HValue::Object(hcl::Map::new()))
                        && !m.contains_key(k)
                    {
                        m.insert(k.clone(), x.clone());
                    }
                }
                _ => {
                    if !picked.contains_key(root) {
                        picked.insert(root.clone(), v.clone());
                    }
                }
            }
        }
        // the roots are declared even when nothing of them is referenced (an expression that names a
        // missing attribute of `local` is told so, not that `local` is undefined)
        for k in self.roots.keys() {
            if !picked.contains_key(k) {
                picked.insert(k.clone(), HValue::Object(hcl::Map::new()));
            }
        }
        for (k, v) in picked {
            let _ = functions::charge_value(&v);
            c.declare_var(ident(&k), v);
        }
        c
    }

    /// [`Self::ctx_for`] the references of `e`.
    fn ctx_of(&self, e: &hcl::Expression) -> Context<'static> {
        let mut r = Vec::new();
        refs(e, &mut r);
        self.ctx_for(&r)
    }

    /// Why the references of `e` are not known (empty when they all are).
    fn reasons(&self, e: &hcl::Expression) -> Vec<String> {
        let mut rs = Vec::new();
        refs(e, &mut rs);
        let mut out: Vec<String> = Vec::new();
        let mut add = |s: String| {
            if !out.contains(&s) {
                out.push(s);
            }
        };
        for r in rs {
            let key2 = r.iter().take(2).cloned().collect::<Vec<_>>().join(".");
            let key3 = r.iter().take(3).cloned().collect::<Vec<_>>().join(".");
            match r[0].as_str() {
                "data" if r.len() >= 3 => add(format!(
                    "data source `{}.{}`{} is read from Azure when Terraform plans: not known offline (gate the plan)",
                    r[1],
                    r[2],
                    self.in_whose()
                )),
                "var" | "local" if r.len() >= 2 => {
                    if let Some(w) = self.why.get(&key2) {
                        add(w.clone());
                    } else if r[0] == "var" && !self.m.variables.contains_key(&r[1]) {
                        add(format!(
                            "variable `{}` is not declared{}",
                            r[1],
                            self.in_whose()
                        ));
                    } else if r[0] == "local" && !self.m.locals.iter().any(|(n, _)| *n == r[1]) {
                        add(format!(
                            "local value `{}` is not declared{}",
                            r[1],
                            self.in_whose()
                        ));
                    }
                }
                "module" if r.len() >= 2 => {
                    if let Some(w) = self.why.get(&key3).or_else(|| self.why.get(&key2)) {
                        add(w.clone());
                    }
                }
                _ if r.len() >= 2 && self.why.contains_key(&key2) => add(self.why[&key2].clone()),
                _ if r.len() >= 3 => {
                    if let Some(w) = self.why.get(&key3) {
                        add(w.clone());
                    } else if self
                        .m
                        .resources
                        .iter()
                        .any(|(t, n, _)| *t == r[0] && *n == r[1])
                    {
                        // evaluated, but the attribute is not among its arguments: set by Azure
                        let present = self
                            .roots
                            .get(&r[0])
                            .and_then(|t| t.as_object())
                            .and_then(|t| t.get(&r[1]))
                            .is_some_and(|x| match x {
                                HValue::Object(o) => o.contains_key(&r[2]),
                                _ => true,
                            });
                        if !present {
                            add(format!(
                                "`{}{}.{}.{}` is known only after apply",
                                self.prefix, r[0], r[1], r[2]
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// A nested block's span; in a JSON-syntax file the resource's (the text read was written from it).
    fn span(&self, file: usize, b: &impl Span) -> (usize, usize) {
        if self.m.json_files.contains(&file) {
            self.current.get()
        } else {
            span_of(b)
        }
    }

    /// Records the first value Terraform would refuse (an input error at its place once the resource is
    /// read) and gives the attribute as unknown meanwhile.
    fn refuse(&self, file: usize, span: (usize, usize), k: &str, w: &str) -> Value {
        let mut r = self.refused.borrow_mut();
        if r.is_none() {
            *r = Some((file, span, format!("`{k}`: {w} (Terraform refuses it)")));
        }
        unknown(&format!("`{k}`: {w}"))
    }

    fn in_whose(&self) -> String {
        if self.whose.is_empty() {
            String::new()
        } else {
            format!(" (in {})", self.whose)
        }
    }

    /// A sentinel expression for `e`, whose value is not known for `reasons`.
    fn unknown_expr(&self, e: &hcl::Expression, mut reasons: Vec<String>) -> hcl::Expression {
        if reasons.is_empty() {
            reasons = self.reasons(e);
        }
        if reasons.is_empty() {
            reasons.push("not known offline".into());
        }
        hcl::Expression::String(sentinel(&expr_text(e), &reasons.join("; ")))
    }

    /// Why values `vals` (evaluated operands) are not known, with the references of `e`.
    fn operand_reasons(&self, e: &hcl::Expression, vals: &[&HValue]) -> Option<Vec<String>> {
        let mut ids = Vec::new();
        for v in vals {
            value_sentinels(v, &mut ids);
        }
        if ids.is_empty() {
            return None;
        }
        let mut r = sentinel_reasons(&ids);
        for x in self.reasons(e) {
            if !r.contains(&x) {
                r.push(x);
            }
        }
        Some(r)
    }

    /// Prepares `e` for `hcl::eval`, bottom-up: `try(…)` and `can(…)` replaced by what they give;
    /// references to what is not known (an unfetched module, a data source, an attribute known after
    /// apply) replaced by sentinels; an operator, condition or function (but [`PASS_THROUGH`]) over a
    /// value not known is itself not known; templates become a call that carries sentinels through.
    fn prepare(&self, e: &mut hcl::Expression, ctx: &Context) {
        use hcl::Expression as E;
        match e {
            E::Array(a) => a.iter_mut().for_each(|x| self.prepare(x, ctx)),
            E::Object(o) => o.iter_mut().for_each(|(_, v)| self.prepare(v, ctx)),
            E::Parenthesis(p) => self.prepare(p, ctx),
            E::TemplateExpr(t) => {
                use hcl::template::Element;
                let Ok(tpl) = hcl::Template::from_expr(t) else {
                    return;
                };
                if tpl
                    .elements()
                    .iter()
                    .any(|el| matches!(el, Element::Directive(_)))
                {
                    // left to `hcl::eval`, its operators as Terraform evaluates them (`hcl::eval`'s own
                    // arithmetic panics on `1 / 0`)
                    functions::lower_operators(e);
                    return;
                }
                let mut call = hcl::expr::FuncCall::new("tmpl__");
                for el in tpl.elements() {
                    match el {
                        Element::Literal(l) => call.args.push(E::String(l.clone())),
                        Element::Interpolation(i) => call.args.push(i.expr.clone()),
                        Element::Directive(_) => {}
                    }
                }
                *e = E::FuncCall(Box::new(call));
                self.prepare(e, ctx);
            }
            E::Conditional(c) => {
                self.prepare(&mut c.cond_expr, ctx);
                self.prepare(&mut c.true_expr, ctx);
                self.prepare(&mut c.false_expr, ctx);
                if let Ok(v) = c.cond_expr.evaluate(ctx)
                    && let Some(r) = self.operand_reasons(&c.cond_expr, &[&v])
                {
                    *e = self.unknown_expr(e, r);
                }
            }
            E::Operation(op) => {
                let vals: Vec<HValue> = match op.as_mut() {
                    hcl::Operation::Unary(u) => {
                        self.prepare(&mut u.expr, ctx);
                        u.expr.evaluate(ctx).into_iter().collect()
                    }
                    hcl::Operation::Binary(b) => {
                        self.prepare(&mut b.lhs_expr, ctx);
                        self.prepare(&mut b.rhs_expr, ctx);
                        b.lhs_expr
                            .evaluate(ctx)
                            .into_iter()
                            .chain(b.rhs_expr.evaluate(ctx))
                            .collect()
                    }
                };
                let refs: Vec<&HValue> = vals.iter().collect();
                if let Some(r) = self.operand_reasons(e, &refs) {
                    *e = self.unknown_expr(e, r);
                } else {
                    // evaluated as Terraform does (exact decimals, no overflow, `x % 0` is `x`)
                    functions::lower_operation(e);
                }
            }
            E::ForExpr(f) => {
                let done = 'done: {
                    // evaluated here, element by element, so that `try`, tests and calls in its body are
                    // prepared with the loop variables bound (a value not known stays marked)
                    self.prepare(&mut f.collection_expr, ctx);
                    let Ok(coll) = f.collection_expr.evaluate(ctx) else {
                        break 'done false;
                    };
                    if let Some(r) = match &coll {
                        HValue::String(_) => self.operand_reasons(&f.collection_expr, &[&coll]),
                        HValue::Object(o) if o.keys().any(|k| has_sentinel(k)) => {
                            self.operand_reasons(&f.collection_expr, &[&coll])
                        }
                        _ => None,
                    } {
                        *e = self.unknown_expr(e, r);
                        break 'done true;
                    }
                    let pairs: Vec<(HValue, HValue)> = match coll {
                        HValue::Array(a) => a
                            .into_iter()
                            .enumerate()
                            .map(|(i, v)| (HValue::from(i as u64), v))
                            .collect(),
                        // Terraform iterates a map in the lexical order of its keys
                        HValue::Object(o) => {
                            let mut p: Vec<(String, HValue)> = o.into_iter().collect();
                            p.sort_by(|a, b| a.0.cmp(&b.0));
                            p.into_iter().map(|(k, v)| (HValue::String(k), v)).collect()
                        }
                        _ => break 'done false,
                    };
                    let mut list = Vec::new();
                    let mut map: hcl::Map<String, HValue> = hcl::Map::new();
                    // one context for the whole loop, its variables declared anew for each element
                    let mut c = ctx.clone();
                    for (k, v) in pairs {
                        // each element made costs a step, and its value its size
                        if functions::charge(1).is_err() {
                            break 'done false;
                        }
                        if let Some(kv) = &f.key_var {
                            c.declare_var(kv.clone(), k);
                        }
                        c.declare_var(f.value_var.clone(), v);
                        if let Some(cond) = &f.cond_expr {
                            let mut ce = cond.clone();
                            self.prepare(&mut ce, &c);
                            match ce.evaluate(&c) {
                                Ok(HValue::Bool(true)) => {}
                                Ok(HValue::Bool(false)) => continue,
                                Ok(other) => {
                                    if let Some(r) = self.operand_reasons(cond, &[&other]) {
                                        *e = self.unknown_expr(e, r);
                                        break 'done true;
                                    }
                                    break 'done false;
                                }
                                Err(_) => break 'done false,
                            }
                        }
                        let mut ve = f.value_expr.clone();
                        self.prepare(&mut ve, &c);
                        let Ok(val) = ve.evaluate(&c) else {
                            break 'done false;
                        };
                        if functions::charge_value(&val).is_err() {
                            break 'done false;
                        }
                        match &f.key_expr {
                            Some(ke) => {
                                let mut ke = ke.clone();
                                self.prepare(&mut ke, &c);
                                let key = match ke.evaluate(&c) {
                                    Ok(HValue::String(s)) => s,
                                    Ok(HValue::Number(n)) => n.to_string(),
                                    Ok(HValue::Bool(b)) => b.to_string(),
                                    _ => break 'done false,
                                };
                                if f.grouping {
                                    if let HValue::Array(a) =
                                        map.entry(key).or_insert_with(|| HValue::Array(Vec::new()))
                                    {
                                        a.push(val);
                                    }
                                } else if map.contains_key(&key) {
                                    // Terraform refuses a duplicate key: the evaluator says so
                                    break 'done false;
                                } else {
                                    map.insert(key, val);
                                }
                            }
                            None => list.push(val),
                        }
                    }
                    *e = E::from(if f.key_expr.is_some() {
                        HValue::Object(map)
                    } else {
                        HValue::Array(list)
                    });
                    true
                };
                if !done {
                    // left to `hcl::eval` (an element it refuses, a duplicate key, past the budget): its
                    // operators as Terraform evaluates them, never `hcl::eval`'s arithmetic, which panics
                    functions::lower_operators(e);
                }
            }
            E::Traversal(t) => {
                self.prepare(&mut t.expr, ctx);
                for op in t.operators.iter_mut() {
                    if let hcl::TraversalOperator::Index(i) = op {
                        self.prepare(i, ctx);
                    }
                }
                let root = match &t.expr {
                    E::Variable(v) => v.as_str().to_string(),
                    _ => String::new(),
                };
                if root.is_empty() {
                    return;
                }
                if let Err(err) = e.evaluate(ctx) {
                    let rs = self.reasons(e);
                    let is_resource = self.m.resources.iter().any(|(t, _, _)| *t == root);
                    if !rs.is_empty() {
                        *e = self.unknown_expr(e, rs);
                    } else if is_resource
                        && matches!(err.kind(), hcl::eval::ErrorKind::NoSuchKey(_))
                    {
                        let w = format!(
                            "`{}{}` is known only after apply",
                            self.prefix,
                            expr_text(e)
                        );
                        *e = self.unknown_expr(e, vec![w]);
                    }
                }
            }
            E::FuncCall(f) => {
                let name = f.name.name.as_str().to_string();
                let special = f.name.namespace.is_empty() && (name == "try" || name == "can");
                if !special {
                    f.args.iter_mut().for_each(|x| self.prepare(x, ctx));
                    let vals: Vec<HValue> =
                        f.args.iter().filter_map(|a| a.evaluate(ctx).ok()).collect();
                    if vals.len() < f.args.len() {
                        return;
                    }
                    // pass-through functions take known keys, formats and separators only
                    let carried = PASS_THROUGH.contains(&name.as_str())
                        && !(matches!(name.as_str(), "format" | "formatlist" | "join")
                            && vals.first().is_some_and(|v| {
                                let mut ids = Vec::new();
                                value_sentinels(v, &mut ids);
                                !ids.is_empty()
                            }));
                    // functions of a collection's shape (`length`, `keys`, `element`, `lookup`) know
                    // their result when only the collection's values are unknown
                    let shape = matches!(
                        name.as_str(),
                        "length"
                            | "keys"
                            | "element"
                            | "lookup"
                            | "slice"
                            | "reverse"
                            | "zipmap"
                            | "chunklist"
                    ) && vals.first().is_some_and(|v| match v {
                        HValue::Array(_) => true,
                        HValue::Object(o) => o.keys().all(|k| !has_sentinel(k)),
                        _ => false,
                    }) && vals.iter().skip(1).enumerate().all(|(i, v)| {
                        // zipmap's values, lookup's default may be unknown
                        (name == "zipmap" || (name == "lookup" && i == 1)) || {
                            let mut ids = Vec::new();
                            value_sentinels(v, &mut ids);
                            ids.is_empty()
                        }
                    });
                    if !carried && !shape {
                        let refs: Vec<&HValue> = vals.iter().collect();
                        if let Some(r) = self.operand_reasons(e, &refs) {
                            *e = self.unknown_expr(e, r);
                        }
                    }
                    return;
                }
                f.args.iter_mut().for_each(|x| self.prepare(x, ctx));
                let is_try = name == "try";
                let mut result = None;
                for a in &f.args {
                    match a.evaluate(ctx) {
                        Ok(v) => {
                            result = Some(if is_try {
                                E::from(v)
                            } else {
                                match self.operand_reasons(a, &[&v]) {
                                    Some(r) => self.unknown_expr(a, r),
                                    None => E::Bool(true),
                                }
                            });
                            break;
                        }
                        Err(err) => {
                            let local_var = matches!(err.kind(), hcl::eval::ErrorKind::UndefinedVar(v) if !self.is_root(v.as_str()));
                            if local_var {
                                // inside a `for`: not decided here
                                break;
                            }
                            let rs = self.reasons(a);
                            if !rs.is_empty() {
                                result = Some(self.unknown_expr(a, rs));
                                break;
                            }
                            if !is_try {
                                result = Some(E::Bool(false));
                                break;
                            }
                        }
                    }
                }
                if let Some(r) = result {
                    *e = r;
                }
            }
            _ => {}
        }
    }

    fn is_root(&self, v: &str) -> bool {
        matches!(
            v,
            "var" | "local" | "module" | "data" | "path" | "terraform" | "count" | "each" | "self"
        ) || self.m.resources.iter().any(|(t, _, _)| t == v)
    }

    /// The value of `e`, or why it is not known.
    fn eval(&self, e: &hcl::Expression, ctx: &Context) -> Result<HValue, Why> {
        let mut p = e.clone();
        // a panic inside `hcl::eval` (never expected) is a value that cannot be evaluated, not the end
        // of the process
        let done = functions::guarded(|| {
            self.prepare(&mut p, ctx);
            Ok(p.evaluate(ctx))
        })?;
        done.map_err(|err| {
            let rs = self.reasons(e);
            if rs.is_empty() {
                let text = err.to_string();
                let ids = sentinels_in(&text);
                if ids.is_empty() {
                    format!("{CANNOT}{text}")
                } else {
                    sentinel_reasons(&ids).join("; ")
                }
            } else {
                rs.join("; ")
            }
        })
    }

    /// A resource or nested block body as plan values: attributes, then blocks as lists.
    fn body(
        &self,
        b: &EBody,
        ctx: &Context,
        file: usize,
        pointer: &str,
        top: bool,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        for s in b.iter() {
            match s {
                Structure::Attribute(a) => {
                    let k = a.key.as_str();
                    if top && META.contains(&k) {
                        continue;
                    }
                    let e = hcl::Expression::from(a.value.clone());
                    let v = match self.eval(&e, ctx) {
                        Ok(v) if BOOL_ATTRS.contains(&k) => match to_bool(&v) {
                            Ok(b) => out_json(k, &b),
                            Err(w) => self.refuse(file, self.span(file, a), k, &w),
                        },
                        // a nested block written as an attribute must be a list of objects
                        Ok(v)
                            if top
                                && matches!(k, "security_rule" | "route")
                                && !matches!(&v, HValue::Null | HValue::Array(_))
                                && !matches!(&v, HValue::String(x) if has_sentinel(x)) =>
                        {
                            let w = format!(
                                "a list of rule objects is required, found {}",
                                match &v {
                                    HValue::String(_) => "a string",
                                    HValue::Number(_) => "a number",
                                    HValue::Bool(_) => "a bool",
                                    _ => "an object",
                                }
                            );
                            self.refuse(file, self.span(file, a), k, &w)
                        }
                        Ok(HValue::Array(items))
                            if top
                                && matches!(k, "security_rule" | "route")
                                && items.iter().any(|x| {
                                    !matches!(x, HValue::Object(_))
                                        && !matches!(x, HValue::String(t) if has_sentinel(t))
                                }) =>
                        {
                            let w = "each element must be a rule object".to_string();
                            self.refuse(file, self.span(file, a), k, &w)
                        }
                        Ok(v) => out_json(k, &v),
                        Err(w) => {
                            if w.starts_with(CANNOT) {
                                self.failed
                                    .borrow_mut()
                                    .push(format!("`{}{pointer}.{k}`: {w}", self.prefix));
                            }
                            unknown(&format!("`{k}`: {w}"))
                        }
                    };
                    out.insert(k.to_string(), v);
                }
                Structure::Block(blk) => {
                    let kind = blk.ident.as_str();
                    if matches!(
                        kind,
                        "lifecycle" | "provisioner" | "connection" | "timeouts"
                    ) {
                        continue;
                    }
                    if kind == "dynamic" {
                        let Some(name) = blk.labels.first().map(|l| l.as_str().to_string()) else {
                            continue;
                        };
                        self.dynamic(&name, blk, ctx, file, pointer, &mut out);
                        continue;
                    }
                    let list = out
                        .entry(kind.to_string())
                        .or_insert_with(|| Value::Array(Vec::new()));
                    let Value::Array(items) = list else { continue };
                    let p = format!("{pointer}.{kind}[{}]", items.len());
                    let mut o = self.body(&blk.body, ctx, file, &p, false);
                    o.insert(LOC_KEY.into(), loc(file, self.span(file, blk), &p));
                    items.push(Value::Object(o));
                }
            }
        }
        out
    }

    fn dynamic(
        &self,
        name: &str,
        blk: &hcl::edit::structure::Block,
        ctx: &Context,
        file: usize,
        pointer: &str,
        out: &mut Map<String, Value>,
    ) {
        let attr = |k: &str| {
            blk.body
                .get_attribute(k)
                .map(|a| hcl::Expression::from(a.value.clone()))
        };
        let iterator = match attr("iterator") {
            Some(hcl::Expression::Variable(v)) => v.as_str().to_string(),
            Some(hcl::Expression::String(v)) => v,
            _ => name.to_string(),
        };
        let content = blk.body.get_blocks("content").next();
        let items = match (attr("for_each"), content) {
            (Some(fe), Some(content)) => {
                match self.eval(&fe, ctx).and_then(|v| dynamic_pairs(&v)) {
                    Ok(pairs) => {
                        let mut items = Vec::new();
                        let mut c = ctx.clone();
                        for (k, v) in pairs {
                            let mut it = hcl::Map::new();
                            it.insert("key".to_string(), k);
                            it.insert("value".to_string(), v);
                            c.declare_var(ident(&iterator), HValue::Object(it));
                            let p = format!("{pointer}.{name}[{}]", items.len());
                            let mut o = self.body(&content.body, &c, file, &p, false);
                            o.insert(LOC_KEY.into(), loc(file, self.span(file, content), &p));
                            items.push(Value::Object(o));
                        }
                        Ok(items)
                    }
                    Err(w) => Err(w),
                }
            }
            _ => Err("a `dynamic` block without `for_each` or `content`".to_string()),
        };
        match (items, out.get_mut(name)) {
            (Ok(items), Some(Value::Array(a))) => a.extend(items),
            (Ok(items), Some(_)) => drop(items),
            (Ok(items), None) => {
                out.insert(name.to_string(), Value::Array(items));
            }
            // the blocks it makes are not known: one unknown item stands for them beside the known blocks
            // of the same kind (never in their place)
            (Err(w), existing) => {
                let mut u = unknown(&format!("`dynamic \"{name}\"` blocks: {w}"));
                if let Value::Object(o) = &mut u {
                    o.insert(LOC_KEY.into(), loc(file, self.span(file, blk), pointer));
                }
                match existing {
                    Some(Value::Array(a)) => a.push(u),
                    // the whole attribute is already unknown: it stays so
                    Some(_) => {}
                    None => {
                        out.insert(name.to_string(), Value::Array(vec![u]));
                    }
                }
            }
        }
    }
}

/// `for_each`'s (key, value) pairs: a map's entries, or a set of strings as keys and values.
fn each_pairs(v: &HValue) -> Result<Vec<(HValue, HValue)>, Why> {
    // the keys must be known (the values need not be)
    let mut ids = Vec::new();
    match v {
        HValue::String(s) => ids.extend(sentinels_in(s)),
        HValue::Object(o) => o.keys().for_each(|k| ids.extend(sentinels_in(k))),
        HValue::Array(a) => a.iter().for_each(|x| value_sentinels(x, &mut ids)),
        _ => {}
    }
    if !ids.is_empty() {
        return Err(sentinel_reasons(&ids).join("; "));
    }
    match v {
        HValue::Object(o) => {
            let mut k: Vec<&String> = o.keys().collect();
            k.sort();
            Ok(k.into_iter()
                .map(|k| (HValue::String(k.clone()), o[k].clone()))
                .collect())
        }
        HValue::Array(a) => {
            let mut out = Vec::new();
            for x in a {
                let s = match x {
                    HValue::String(s) => s.clone(),
                    other => {
                        return Err(format!(
                            "`for_each` over a list of {other}: only a map or a set of strings"
                        ));
                    }
                };
                if !out
                    .iter()
                    .any(|(k, _): &(HValue, HValue)| k.as_str() == Some(&s))
                {
                    out.push((HValue::String(s.clone()), HValue::String(s)));
                }
            }
            out.sort_by(|a, b| a.0.as_str().cmp(&b.0.as_str()));
            Ok(out)
        }
        HValue::Null => Ok(Vec::new()),
        other => Err(format!("`for_each` must be a map or a set, found {other}")),
    }
}

/// A `dynamic` block's `for_each` (key, value) pairs: any collection Terraform accepts there — a map or
/// object (its keys), a list or tuple (indices as keys; a set's values are its keys, which a configuration
/// read offline cannot tell from a list's and no `content` here reads differently).
fn dynamic_pairs(v: &HValue) -> Result<Vec<(HValue, HValue)>, Why> {
    match v {
        HValue::Array(a) => {
            let mut ids = Vec::new();
            for x in a {
                if let HValue::String(s) = x {
                    ids.extend(sentinels_in(s));
                }
            }
            // an element not known offline: whether it makes a block, and which, is not known
            if !ids.is_empty() {
                return Err(sentinel_reasons(&ids).join("; "));
            }
            Ok(a.iter()
                .enumerate()
                .map(|(i, x)| (HValue::from(i as u64), x.clone()))
                .collect())
        }
        other => each_pairs(other),
    }
}

/// An instance key as Terraform writes it in an address: `[0]`, `["web"]`.
fn key_text(k: &HValue) -> String {
    match k {
        HValue::String(s) => format!("[{}]", serde_json::to_string(s).unwrap_or_default()),
        other => format!("[{other}]"),
    }
}

/// One instance of `count`/`for_each`: its key, the variable it sets (`count`, `each`) and that value.
type Instance = (HValue, String, HValue);

enum Node {
    Local(usize),
    Resource(usize),
    Module(usize),
    Output(usize),
}

impl State {
    /// Evaluates the module in `dir` with `inputs` (`None` at the root: the variable values given).
    /// Returns its outputs (or why each is not known).
    fn module(
        &mut self,
        dir: &Path,
        prefix: &str,
        whose: &str,
        inputs: Option<HashMap<String, Result<HValue, Why>>>,
        vars: &VarInputs,
    ) -> Result<HashMap<String, Result<HValue, Why>>, Error> {
        let m = self.parse(dir)?;
        functions::in_module(dir, || self.module_with(&m, prefix, whose, inputs, vars))
    }

    fn module_with(
        &mut self,
        m: &ModuleSrc,
        prefix: &str,
        whose: &str,
        inputs: Option<HashMap<String, Result<HValue, Why>>>,
        vars: &VarInputs,
    ) -> Result<HashMap<String, Result<HValue, Why>>, Error> {
        let mut sc = Scope {
            m,
            prefix: prefix.to_string(),
            whose: whose.to_string(),
            roots: hcl::Map::new(),
            why: HashMap::new(),
            current: std::cell::Cell::new((0, 0)),
            refused: std::cell::RefCell::new(None),
            failed: std::cell::RefCell::new(Vec::new()),
        };
        // variables
        let mut var_obj = hcl::Map::new();
        let given = match &inputs {
            None => super::vars::root_values(
                &m.dir,
                &m.variables
                    .iter()
                    .map(|(k, v)| (k.clone(), v.string_typed))
                    .collect::<Vec<_>>(),
                vars,
            )?,
            Some(_) => HashMap::new(),
        };
        let plain = functions::context();
        for (name, v) in &m.variables {
            let value: Result<HValue, Why> = match &inputs {
                Some(i) => match i.get(name) {
                    Some(x) => x.clone(),
                    None => match &v.default {
                        Some(d) => sc.eval(d, &plain),
                        None => Err(format!("input `{name}` of {whose} is not set")),
                    },
                },
                None => match given.get(name) {
                    Some(x) => Ok(x.clone()),
                    None => match &v.default {
                        Some(d) => sc.eval(d, &plain),
                        None => Err(format!(
                            "variable `{name}` has no value: pass --var-file or --var {name}=VALUE (or set TF_VAR_{name})"
                        )),
                    },
                },
            };
            match value {
                Ok(x) => {
                    if v.sensitive {
                        crate::ingest::terraform::mark_all(&to_json(&x));
                    }
                    let x = match &v.ty {
                        Some(t) => conform(x, t),
                        None => x,
                    };
                    var_obj.insert(name.clone(), x);
                }
                Err(w) => {
                    if inputs.is_none() {
                        self.out.notes.push(w.clone());
                    }
                    var_obj.insert(
                        name.clone(),
                        HValue::String(sentinel(&format!("{prefix}var.{name}"), &w)),
                    );
                    sc.why.insert(format!("var.{name}"), w);
                }
            }
        }
        sc.roots.insert("var".into(), HValue::Object(var_obj));
        let mut path = hcl::Map::new();
        let d = m.dir.display().to_string();
        path.insert("module".to_string(), HValue::String(d.clone()));
        path.insert(
            "root".to_string(),
            HValue::String(self.root.display().to_string()),
        );
        path.insert("cwd".to_string(), HValue::String(d));
        sc.roots.insert("path".into(), HValue::Object(path));
        let mut tf = hcl::Map::new();
        tf.insert("workspace".to_string(), HValue::String("default".into()));
        sc.roots.insert("terraform".into(), HValue::Object(tf));
        sc.roots
            .insert("local".into(), HValue::Object(hcl::Map::new()));
        sc.roots
            .insert("module".into(), HValue::Object(hcl::Map::new()));
        for d in &m.data {
            sc.why.insert(
                format!("data.{d}"),
                format!("data source `{d}` is read from Azure when Terraform plans: not known offline (gate the plan)"),
            );
        }
        // dependency order
        let mut nodes: Vec<(Node, String, Vec<Vec<String>>)> = Vec::new();
        for (i, (n, e)) in m.locals.iter().enumerate() {
            let mut r = Vec::new();
            refs(e, &mut r);
            nodes.push((Node::Local(i), format!("local.{n}"), r));
        }
        for (i, (t, n, b)) in m.resources.iter().enumerate() {
            let mut r = Vec::new();
            body_refs(&b.body, &mut r);
            nodes.push((Node::Resource(i), format!("{t}.{n}"), r));
        }
        for (i, (n, b)) in m.modules.iter().enumerate() {
            let mut r = Vec::new();
            body_refs(&b.body, &mut r);
            nodes.push((Node::Module(i), format!("module.{n}"), r));
        }
        for (i, (n, e)) in m.outputs.iter().enumerate() {
            let mut r = Vec::new();
            refs(e, &mut r);
            nodes.push((Node::Output(i), format!("output.{n}"), r));
        }
        let index: HashMap<String, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.1.clone(), i))
            .collect();
        let deps: Vec<Vec<usize>> = nodes
            .iter()
            .enumerate()
            .map(|(me, (_, _, r))| {
                let mut d: Vec<usize> = r
                    .iter()
                    .filter(|p| p.len() >= 2)
                    .filter_map(|p| index.get(&format!("{}.{}", p[0], p[1])).copied())
                    // a local naming itself is a cycle; a resource's own name inside it is not followed
                    .filter(|&i| i != me || matches!(nodes[me].0, Node::Local(_)))
                    .collect();
                d.sort_unstable();
                d.dedup();
                d
            })
            .collect();
        let mut done = vec![false; nodes.len()];
        let mut order = Vec::new();
        loop {
            let before = order.len();
            for i in 0..nodes.len() {
                if !done[i] && deps[i].iter().all(|&d| done[d]) {
                    done[i] = true;
                    order.push(i);
                }
            }
            if order.len() == before {
                break;
            }
        }
        if done.iter().any(|d| !d) {
            return Err(self.cycle_error(m, prefix, &nodes, &deps, &done));
        }
        let mut outputs = HashMap::new();
        for i in order {
            match nodes[i].0 {
                Node::Local(j) => {
                    let (n, e) = &m.locals[j];
                    // a value bound to a name costs its size
                    match sc
                        .eval(e, &sc.ctx_of(e))
                        .and_then(|v| functions::charge_value(&v).map(|()| v))
                    {
                        Ok(v) => {
                            if let Some(HValue::Object(l)) = sc.roots.get_mut("local") {
                                l.insert(n.clone(), v);
                            }
                        }
                        Err(w) => {
                            if let Some(HValue::Object(l)) = sc.roots.get_mut("local") {
                                l.insert(
                                    n.clone(),
                                    HValue::String(sentinel(&format!("{prefix}local.{n}"), &w)),
                                );
                            }
                            sc.why.insert(format!("local.{n}"), w);
                        }
                    }
                }
                Node::Resource(j) => {
                    self.resource(&mut sc, j);
                    let failed: Vec<String> = sc.failed.borrow_mut().drain(..).collect();
                    for f in failed {
                        if !self.out.notes.contains(&f) {
                            self.out.notes.push(f);
                        }
                    }
                    if let Some((file, span, msg)) = sc.refused.borrow_mut().take() {
                        return Err(self.error_at(file, span, &m.dir, msg));
                    }
                }
                Node::Module(j) => self.call(&mut sc, j, vars)?,
                Node::Output(j) => {
                    let (n, e) = &m.outputs[j];
                    outputs.insert(n.clone(), sc.eval(e, &sc.ctx_of(e)));
                }
            }
            if functions::spent() && !self.budget_noted {
                self.budget_noted = true;
                self.out.unresolved.push(format!(
                    "the evaluation stopped at `{prefix}{}`: {}; everything evaluated after it is not known offline, so the verdicts are inconclusive",
                    nodes[i].1,
                    functions::BUDGET_SPENT
                ));
            }
        }
        Ok(outputs)
    }

    /// Terraform refuses a configuration whose locals, resources, module calls or outputs depend on each
    /// other in a circle: so does the tool, naming them and where the first is written.
    fn cycle_error(
        &self,
        m: &ModuleSrc,
        prefix: &str,
        nodes: &[(Node, String, Vec<Vec<String>>)],
        deps: &[Vec<usize>],
        done: &[bool],
    ) -> Error {
        // what only depends on a cycle is peeled off: what is left is on one (or between two)
        let mut left: Vec<bool> = done.iter().map(|d| !d).collect();
        loop {
            let needed: HashSet<usize> = (0..nodes.len())
                .filter(|&i| left[i])
                .flat_map(|i| deps[i].iter().copied())
                .filter(|&d| left[d])
                .collect();
            let before = left.iter().filter(|x| **x).count();
            for (i, l) in left.iter_mut().enumerate() {
                if *l && !needed.contains(&i) {
                    *l = false;
                }
            }
            if left.iter().filter(|x| **x).count() == before {
                break;
            }
        }
        let on: Vec<usize> = (0..nodes.len()).filter(|&i| left[i]).collect();
        let on = if on.is_empty() {
            (0..nodes.len()).filter(|&i| !done[i]).collect()
        } else {
            on
        };
        let names: Vec<String> = on
            .iter()
            .map(|&i| format!("`{prefix}{}`", nodes[i].1))
            .collect();
        let at = |i: usize| -> (usize, (usize, usize)) {
            match nodes[i].0 {
                Node::Local(j) => m.local_at.get(j).copied().unwrap_or((usize::MAX, (0, 0))),
                Node::Resource(j) => (m.resources[j].2.file, m.resources[j].2.span),
                Node::Module(j) => (m.modules[j].1.file, m.modules[j].1.span),
                Node::Output(_) => (usize::MAX, (0, 0)),
            }
        };
        let (file, span) = on
            .iter()
            .map(|&i| at(i))
            .find(|(f, _)| *f != usize::MAX)
            .unwrap_or((usize::MAX, (0, 0)));
        let msg = format!(
            "{} depend on each other (a cycle): Terraform refuses the configuration; make one of them a value that does not refer back",
            names.join(", ")
        );
        self.error_at(file, span, &m.dir, msg)
    }

    /// An input error at `span` of module file `file` (the module's directory when there is none).
    fn error_at(&self, file: usize, span: (usize, usize), dir: &Path, msg: String) -> Error {
        match self.out.files.get(file.wrapping_sub(self.base)) {
            Some((path, text)) => {
                let (l, c) = line_col(text, span.0);
                Error::Input(InputError::at(path, l, c, msg))
            }
            None => Error::Input(InputError::at(&dir.display().to_string(), 0, 0, msg)),
        }
    }

    /// The instances of `count` / `for_each`: (key, context additions), or why they are not known.
    fn instances(sc: &Scope, body: &EBody) -> Result<Option<Vec<Instance>>, Why> {
        let mut r = Vec::new();
        for k in ["count", "for_each"] {
            if let Some(a) = body.get_attribute(k) {
                refs(&hcl::Expression::from(a.value.clone()), &mut r);
            }
        }
        let ctx = sc.ctx_for(&r);
        if let Some(a) = body.get_attribute("count") {
            let v = sc.eval(&hcl::Expression::from(a.value.clone()), &ctx)?;
            let mut ids = Vec::new();
            value_sentinels(&v, &mut ids);
            if !ids.is_empty() {
                return Err(sentinel_reasons(&ids).join("; "));
            }
            let n = v
                .as_u64()
                .or_else(|| v.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
                .ok_or_else(|| format!("`count` is {v}, not a whole number"))?;
            // never a silent cut: past the budget the resource's instances are not known (named)
            if n > WORK_BUDGET as u64 {
                return Err(format!(
                    "`count` is {n}, more instances than the tool evaluates ({WORK_BUDGET})"
                ));
            }
            return Ok(Some(
                (0..n)
                    .map(|i| {
                        let mut c = hcl::Map::new();
                        c.insert("index".to_string(), HValue::from(i));
                        (HValue::from(i), "count".to_string(), HValue::Object(c))
                    })
                    .collect(),
            ));
        }
        if let Some(a) = body.get_attribute("for_each") {
            let v = sc.eval(&hcl::Expression::from(a.value.clone()), &ctx)?;
            return Ok(Some(
                each_pairs(&v)?
                    .into_iter()
                    .map(|(k, v)| {
                        let mut c = hcl::Map::new();
                        c.insert("key".to_string(), k.clone());
                        c.insert("value".to_string(), v);
                        (k, "each".to_string(), HValue::Object(c))
                    })
                    .collect(),
            ));
        }
        Ok(None)
    }

    fn resource(&mut self, sc: &mut Scope, j: usize) {
        let (ty, name, b) = &sc.m.resources[j];
        let conf = format!("{}{ty}.{name}", sc.prefix);
        let inst = match Self::instances(sc, &b.body) {
            Ok(i) => i,
            Err(w) => {
                let msg = format!("how many `{conf}` there are is not known: {w}");
                // an azapi_resource takes part when its literal `type` is one the tool reads
                let azapi_gated = ty == "azapi_resource"
                    && b.body.get_attribute("type").is_some_and(|a| {
                        match hcl::Expression::from(a.value.clone()) {
                            hcl::Expression::String(t) => AZAPI_TYPES.contains(
                                &t.split('@')
                                    .next()
                                    .unwrap_or("")
                                    .to_ascii_lowercase()
                                    .as_str(),
                            ),
                            _ => true,
                        }
                    });
                // other resources take no part in a verdict: nothing to name
                if GATED.contains(&ty.as_str()) || azapi_gated {
                    self.out.unresolved.push(msg.clone());
                }
                sc.why.insert(format!("{ty}.{name}"), msg);
                return;
            }
        };
        self.work += inst.as_ref().map_or(1, Vec::len);
        if self.work > WORK_BUDGET {
            let msg = format!(
                "`{conf}` is not read: the configuration makes more than {WORK_BUDGET} instances"
            );
            if !self.over {
                self.out.unresolved.push(msg.clone());
                self.over = true;
            }
            sc.why.insert(format!("{ty}.{name}"), msg);
            return;
        }
        let mut r = Vec::new();
        body_refs(&b.body, &mut r);
        // one context for every instance: `count` / `each` are declared anew for each (a copy per
        // instance made the work grow with instances × what the body references)
        let mut base = sc.ctx_for(&r);
        sc.current.set(b.span);
        let one = |key: Option<(&HValue, &str, &HValue)>,
                   this: &mut State,
                   ctx: &mut Context<'static>|
         -> Value {
            let mut address = conf.clone();
            if let Some((k, var, val)) = key {
                ctx.declare_var(ident(var), val.clone());
                address.push_str(&key_text(k));
            }
            let mut values = sc.body(&b.body, ctx, b.file, &address, true);
            values.insert(LOC_KEY.into(), loc(b.file, b.span, &address));
            // a name not known offline: the resource is named by its address, so joins by id still work
            // (other expressions read the name as unknown)
            let named = values.get("name").is_some_and(Value::is_string);
            if !named && values.contains_key("name") {
                let mut v2 = values.clone();
                v2.insert("name".into(), Value::String(address.clone()));
                if let Some(id) = synthetic_id(ty, &v2) {
                    values.insert("id".into(), Value::String(id));
                }
                values.insert("\u{0}name_unknown".into(), values["name"].clone());
                values.insert("name".into(), Value::String(address.clone()));
            } else if let Some(id) = synthetic_id(ty, &values) {
                values.insert("id".into(), Value::String(id));
            }
            // what a virtual hub exports that others name: its default route table
            if ty == "azurerm_virtual_hub"
                && let Some(Value::String(id)) = values.get("id")
            {
                let t = format!("{id}/hubRouteTables/defaultRouteTable");
                values.insert("default_route_table_id".into(), Value::String(t));
            }
            this.check_links(ty, &address, &mut values);
            let mut r = json!({
                "address": address,
                "mode": "managed",
                "type": ty,
                "name": name,
                "values": values,
            });
            if !sc.prefix.is_empty() {
                r["module_address"] = json!(sc.prefix.trim_end_matches('.'));
            }
            if let Some((k, _, _)) = key {
                r["index"] = to_json(k);
            }
            r
        };
        let value = match inst {
            None => {
                let r = one(None, self, &mut base);
                let v = for_ctx(&conf, &r["values"]);
                let _ = functions::charge_value(&v);
                self.out.resources.push(r);
                v
            }
            Some(list) => {
                let mut arr = Vec::new();
                let mut obj = hcl::Map::new();
                let is_count = list.first().is_some_and(|x| x.1 == "count");
                for (k, var, val) in &list {
                    let r = one(Some((k, var, val)), self, &mut base);
                    let v = for_ctx(&conf, &r["values"]);
                    let _ = functions::charge_value(&v);
                    self.out.resources.push(r);
                    if is_count {
                        arr.push(v);
                    } else if let Some(k) = k.as_str() {
                        obj.insert(k.to_string(), v);
                    }
                }
                if is_count || list.is_empty() && b.body.get_attribute("count").is_some() {
                    HValue::Array(arr)
                } else {
                    HValue::Object(obj)
                }
            }
        };
        let t = sc
            .roots
            .entry(ty.clone())
            .or_insert_with(|| HValue::Object(hcl::Map::new()));
        if let HValue::Object(t) = t {
            t.insert(name.clone(), value);
        }
    }

    /// What a gated resource joins by must be known: a rule whose NSG is unknown, an association whose
    /// ends are unknown. An NSG whose rules are unknown gets one rule that is unknown in every field.
    fn check_links(&mut self, ty: &str, address: &str, v: &mut Map<String, Value>) {
        let keys: &[&str] = match ty {
            "azurerm_network_security_rule" => &["network_security_group_name"],
            "azurerm_route" => &["route_table_name"],
            "azurerm_subnet_network_security_group_association" => {
                &["subnet_id", "network_security_group_id"]
            }
            "azurerm_network_interface_security_group_association" => {
                &["network_interface_id", "network_security_group_id"]
            }
            "azurerm_subnet_route_table_association" => &["subnet_id", "route_table_id"],
            "azurerm_subnet_nat_gateway_association" => &["subnet_id", "nat_gateway_id"],
            "azurerm_virtual_hub_connection" => &["virtual_hub_id", "remote_virtual_network_id"],
            _ => &[],
        };
        for k in keys {
            if let Some(Value::Object(o)) = v.get(*k)
                && let Some(w) = o.get(UNKNOWN_KEY).and_then(Value::as_str)
            {
                self.out.unresolved.push(format!(
                    "`{address}` cannot be joined to what it names: {w}"
                ));
            }
        }
        for (block, fields) in [
            (
                "security_rule",
                &[
                    "priority",
                    "direction",
                    "access",
                    "protocol",
                    "source_port_range",
                    "destination_port_range",
                    "source_address_prefix",
                    "destination_address_prefix",
                ][..],
            ),
            ("route", &["address_prefix", "next_hop_type"][..]),
        ] {
            if !matches!(ty, "azurerm_network_security_group" | "azurerm_route_table") {
                continue;
            }
            let stand_in = |o: &Map<String, Value>| -> Option<Value> {
                let w = o.get(UNKNOWN_KEY).and_then(Value::as_str)?;
                let mut rule = Map::new();
                rule.insert(
                    "name".into(),
                    json!(format!("({block} blocks not known offline)")),
                );
                for f in fields {
                    rule.insert((*f).into(), unknown(w));
                }
                if let Some(l) = o.get(LOC_KEY) {
                    rule.insert(LOC_KEY.into(), l.clone());
                }
                Some(Value::Object(rule))
            };
            match v.get_mut(block) {
                // the whole list is not known (`security_rule = var.rules`)
                Some(Value::Object(o)) => {
                    if let Some(r) = stand_in(o) {
                        v.insert(block.into(), Value::Array(vec![r]));
                    }
                }
                // known blocks beside the unknown ones a `dynamic` block makes
                Some(Value::Array(items)) => {
                    for it in items.iter_mut() {
                        if let Value::Object(o) = it
                            && let Some(r) = stand_in(o)
                        {
                            *it = r;
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// A module call: its inputs evaluated here, its body read (local, or fetched by `terraform init`).
    fn call(&mut self, sc: &mut Scope, j: usize, vars: &VarInputs) -> Result<(), Error> {
        let (name, b) = &sc.m.modules[j];
        let key = format!("module.{name}");
        let src = b
            .body
            .get_attribute("source")
            .and_then(|a| match hcl::Expression::from(a.value.clone()) {
                hcl::Expression::String(s) => Some(s),
                _ => None,
            })
            .unwrap_or_default();
        let local = src.starts_with("./") || src.starts_with("../");
        let dir = if local {
            Some(normalize(&sc.m.dir.join(&src)))
        } else {
            // `terraform init` keys nested modules `parent.child`, without instance keys
            let mut parts: Vec<&str> = sc
                .prefix
                .split('.')
                .filter(|p| !p.is_empty() && *p != "module")
                .map(|p| p.split('[').next().unwrap_or(p))
                .collect();
            parts.push(name);
            let fetched_key = parts.join(".");
            let root = self.root.clone();
            let fetched = self.fetched().get(&fetched_key).map(|d| root.join(d));
            // what `terraform init` fetched lies under the root module: a `Dir` that leads elsewhere
            // (`../outside`, a link out) is not read
            match fetched {
                Some(d)
                    if std::fs::canonicalize(&d)
                        .ok()
                        .zip(std::fs::canonicalize(&root).ok())
                        .is_some_and(|(d, r)| !d.starts_with(r)) =>
                {
                    let w = format!(
                        "module `{name}`: `.terraform/modules/modules.json` places it at `{}`, outside the root module: not read",
                        d.display()
                    );
                    self.out.unresolved.push(format!("{w}{}", sc.in_whose()));
                    sc.why.insert(key, w);
                    return Ok(());
                }
                other => other,
            }
        };
        let Some(dir) = dir.filter(|d| d.is_dir()) else {
            let what = if local {
                "local"
            } else if src.contains("::") || src.starts_with("git") || src.contains(".git") {
                "git"
            } else {
                "registry"
            };
            let w = if local {
                format!(
                    "module `{name}` ({what}, `{src}`) has no directory: its resources are not gated"
                )
            } else {
                format!(
                    "module `{name}` ({what}) not fetched: run `terraform init`, or gate the plan"
                )
            };
            self.out.notes.push(format!("{w}{}", sc.in_whose()));
            sc.why.insert(key, w);
            return Ok(());
        };
        if self.depth > 16 || self.work > WORK_BUDGET || self.modules > MODULE_BUDGET {
            let w = format!(
                "module `{}{name}` is not read: the configuration nests modules more than 16 deep or makes more than {MODULE_BUDGET} module or {WORK_BUDGET} resource instances",
                sc.prefix
            );
            if !self.over {
                self.out.unresolved.push(w.clone());
                self.over = true;
            }
            sc.why.insert(key, w);
            return Ok(());
        }
        let inst = match Self::instances(sc, &b.body) {
            Ok(i) => i,
            Err(w) => {
                let msg = format!(
                    "how many instances of module `{}{name}` there are is not known: {w}",
                    sc.prefix
                );
                self.out.unresolved.push(msg.clone());
                sc.why.insert(key, msg);
                return Ok(());
            }
        };
        let keys: Vec<Option<(HValue, String, HValue)>> = match &inst {
            None => vec![None],
            Some(l) => l.iter().cloned().map(Some).collect(),
        };
        let mut r = Vec::new();
        body_refs(&b.body, &mut r);
        let base = sc.ctx_for(&r);
        let mut arr = Vec::new();
        let mut obj = hcl::Map::new();
        let mut single = HValue::Null;
        for k in keys {
            let mut ctx = base.clone();
            let mut prefix = format!("{}module.{name}", sc.prefix);
            if let Some((kv, var, val)) = &k {
                ctx.declare_var(ident(var), val.clone());
                prefix.push_str(&key_text(kv));
            }
            let mut inputs = HashMap::new();
            for a in b.body.attributes() {
                let k = a.key.as_str();
                if META.contains(&k) {
                    continue;
                }
                inputs.insert(
                    k.to_string(),
                    sc.eval(&hcl::Expression::from(a.value.clone()), &ctx),
                );
            }
            self.depth += 1;
            self.modules += 1;
            let outs = self.module(
                &dir,
                &format!("{prefix}."),
                &format!("module `{prefix}`"),
                Some(inputs),
                vars,
            )?;
            self.depth -= 1;
            let mut o = hcl::Map::new();
            for (n, v) in outs {
                match v {
                    Ok(v) => {
                        o.insert(n, v);
                    }
                    Err(w) => {
                        o.insert(
                            n.clone(),
                            HValue::String(sentinel(&format!("{prefix}.{n}"), &w)),
                        );
                        sc.why.entry(format!("module.{name}.{n}")).or_insert(w);
                    }
                }
            }
            match &k {
                None => single = HValue::Object(o),
                Some((kv, var, _)) if var == "count" => {
                    let _ = kv;
                    arr.push(HValue::Object(o));
                }
                Some((kv, _, _)) => {
                    obj.insert(
                        kv.as_str().unwrap_or_default().to_string(),
                        HValue::Object(o),
                    );
                }
            }
        }
        let value = match &inst {
            None => single,
            Some(l) if l.first().is_some_and(|x| x.1 == "count") => HValue::Array(arr),
            Some(_) => HValue::Object(obj),
        };
        if let Some(HValue::Object(mods)) = sc.roots.get_mut("module") {
            mods.insert(name.clone(), value);
        }
        Ok(())
    }

    /// `.terraform/modules/modules.json` of the root: module key → directory.
    fn fetched(&mut self) -> &HashMap<String, String> {
        let root = self.root.clone();
        self.fetched.get_or_insert_with(|| {
            let p = root.join(".terraform").join("modules").join("modules.json");
            let mut out = HashMap::new();
            if let Ok(t) = std::fs::read_to_string(p)
                && let Ok(v) = serde_json::from_str::<Value>(&t)
            {
                for m in v
                    .get("Modules")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let (Some(k), Some(d)) = (
                        m.get("Key").and_then(Value::as_str),
                        m.get("Dir").and_then(Value::as_str),
                    ) && !k.is_empty()
                    {
                        out.insert(k.to_string(), d.to_string());
                    }
                }
            }
            out
        })
    }
}

/// The ARM types an `azapi_resource` may declare for the tool to read it.
const AZAPI_TYPES: &[&str] = &[
    "microsoft.network/networksecuritygroups",
    "microsoft.network/virtualnetworks",
    "microsoft.network/virtualnetworks/subnets",
    "microsoft.network/routetables",
    "microsoft.network/networkinterfaces",
    "microsoft.network/natgateways",
    "microsoft.network/azurefirewalls",
    "microsoft.network/firewallpolicies",
    "microsoft.network/firewallpolicies/rulecollectiongroups",
    "microsoft.network/ipgroups",
    "microsoft.compute/virtualmachines",
];

/// `azapi_resource`s whose `type` is one the tool reads, as ARM resources: `body` is the ARM body (an
/// object, or the JSON text azapi 1.x takes).
fn azapi_arm(resources: &[Value]) -> Vec<Value> {
    let mut out = Vec::new();
    for r in resources {
        if r.get("type").and_then(Value::as_str) != Some("azapi_resource") {
            continue;
        }
        let Some(v) = r.get("values").and_then(Value::as_object) else {
            continue;
        };
        let Some(arm) = v
            .get("type")
            .and_then(Value::as_str)
            .and_then(|t| t.split('@').next())
        else {
            continue;
        };
        if !AZAPI_TYPES.contains(&arm.to_ascii_lowercase().as_str()) {
            continue;
        }
        let body = match v.get("body") {
            Some(Value::String(s)) => serde_json::from_str::<Value>(s).unwrap_or(Value::Null),
            Some(b) => b.clone(),
            None => Value::Null,
        };
        let name = v
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        // a child's name is `parent/child`, as ARM lists it
        let full = match v.get("parent_id").and_then(Value::as_str) {
            Some(p) if arm.matches('/').count() > 1 => {
                format!(
                    "{}/{name}",
                    p.trim_end_matches('/').rsplit('/').next().unwrap_or("")
                )
            }
            _ => name,
        };
        let mut m = Map::new();
        m.insert("type".into(), Value::String(arm.to_string()));
        m.insert("name".into(), Value::String(full));
        if let Some(id) = v.get("id") {
            m.insert("id".into(), id.clone());
        }
        if let Some(l) = v.get("location").or_else(|| body.get("location")) {
            m.insert("location".into(), l.clone());
        }
        m.insert(
            "properties".into(),
            body.get("properties").cloned().unwrap_or_else(|| json!({})),
        );
        if let Some(l) = v.get(LOC_KEY) {
            m.insert(LOC_KEY.into(), l.clone());
        }
        out.push(Value::Object(m));
    }
    out
}

/// A join whose end is an expression not known offline (`${var.nsg}`) and names nothing among the
/// resources: what it joins is unknown, and can change a verdict.
/// Does segment `a` of an id match segment `b`? Equal ignoring ASCII case, or either holds a part not known
/// offline (`${…}`, `<unknown>`) and the known text around it matches (`${var.prefix}-vnet` ~ `hub-vnet`).
fn segment_matches(a: &str, b: &str) -> bool {
    fn pattern(s: &str) -> Option<regex::Regex> {
        if !(s.contains("${") || s.contains("<unknown>")) {
            return None;
        }
        let mut re = String::from("(?i)^");
        let mut rest = s;
        loop {
            let at = match (rest.find("${"), rest.find("<unknown>")) {
                (Some(x), Some(y)) => x.min(y),
                (Some(x), None) | (None, Some(x)) => x,
                (None, None) => break,
            };
            re.push_str(&regex::escape(&rest[..at]));
            re.push_str(".*");
            rest = &rest[at..];
            let end = if rest.starts_with("<unknown>") {
                "<unknown>".len()
            } else {
                rest.find('}').map_or(rest.len(), |e| e + 1)
            };
            rest = &rest[end..];
        }
        re.push_str(&regex::escape(rest));
        re.push('$');
        regex::Regex::new(&re).ok()
    }
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    match (pattern(a), pattern(b)) {
        (Some(_), Some(_)) => true,
        (Some(p), None) => p.is_match(b),
        (None, Some(p)) => p.is_match(a),
        (None, None) => false,
    }
}

/// The one id among `ids` that an id written with parts not known offline names: the same segments, each
/// known one equal (a literal `subnets/SystemSubnet` is never `VmSubnet`), each unknown one matching what
/// is around it. `None` when none or several match.
fn resolve_open_id<'a>(s: &str, ids: &'a [String]) -> Option<&'a String> {
    let want: Vec<&str> = s.trim_end_matches('/').split('/').collect();
    let mut hits = ids.iter().filter(|i| {
        let have: Vec<&str> = i.trim_end_matches('/').split('/').collect();
        have.len() == want.len() && have.iter().zip(&want).all(|(h, w)| segment_matches(w, h))
    });
    let first = hits.next()?;
    hits.next().is_none().then_some(first)
}

/// Ids written with parts not known offline (`"/subscriptions/${data.…}/…/virtualNetworks/${var.vnet}/subnets/app"`,
/// `"${azurerm_virtual_network.spoke.id}/subnets/app"`) that name exactly one resource of the
/// configuration by their known parts are that resource's id: the joins follow them.
fn resolve_open_ids(out: &mut Loaded) {
    let ids: Vec<String> = out
        .resources
        .iter()
        .filter_map(|r| r.pointer("/values/id").and_then(Value::as_str))
        .map(str::to_string)
        .collect();
    let known: HashSet<String> = ids.iter().map(|i| i.to_ascii_lowercase()).collect();
    let fix = |v: &mut Value| {
        if let Value::String(s) = v
            && s.contains("${")
            && !known.contains(&s.to_ascii_lowercase())
            && let Some(r) = resolve_open_id(s, &ids)
        {
            *s = r.clone();
        }
    };
    for r in &mut out.resources {
        let ty = r
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let Some(Value::Object(v)) = r.get_mut("values") else {
            continue;
        };
        if ty.contains("association") {
            for (k, x) in v.iter_mut() {
                if k.ends_with("_id") {
                    fix(x);
                }
            }
        }
        if ty == "azurerm_network_interface"
            && let Some(Value::Array(cs)) = v.get_mut("ip_configuration")
        {
            for c in cs {
                if let Some(x) = c.get_mut("subnet_id") {
                    fix(x);
                }
            }
        }
        if ty.ends_with("virtual_machine")
            && let Some(Value::Array(ns)) = v.get_mut("network_interface_ids")
        {
            ns.iter_mut().for_each(fix);
        }
    }
}

fn check_joins(out: &mut Loaded) {
    resolve_open_ids(out);
    let vals = |r: &Value| {
        r.get("values")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let mut names: HashSet<(String, String)> = HashSet::new();
    let mut ids: HashSet<String> = HashSet::new();
    for r in &out.resources {
        let v = vals(r);
        let ty = r
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if let Some(n) = v.get("name").and_then(Value::as_str) {
            names.insert((ty, n.to_string()));
        }
        if let Some(i) = v.get("id").and_then(Value::as_str) {
            ids.insert(i.to_ascii_lowercase());
        }
    }
    let open = |s: &str| s.contains("${");
    let mut add = Vec::new();
    for r in &out.resources {
        let v = vals(r);
        let ty = r.get("type").and_then(Value::as_str).unwrap_or("");
        let addr = r.get("address").and_then(Value::as_str).unwrap_or("");
        let by_name: &[(&str, &str)] = match ty {
            "azurerm_network_security_rule" => &[(
                "network_security_group_name",
                "azurerm_network_security_group",
            )],
            "azurerm_route" => &[("route_table_name", "azurerm_route_table")],
            _ => &[],
        };
        for (k, t) in by_name {
            if let Some(n) = v.get(*k).and_then(Value::as_str)
                && open(n)
                && !names.contains(&((*t).to_string(), n.to_string()))
            {
                add.push(format!("`{addr}`: the {t} it names, `{n}`, is not known offline and is none of the configuration's"));
            }
        }
        let mut id_values: Vec<(String, String)> = Vec::new();
        for (k, x) in &v {
            if k.ends_with("_id")
                && GATED.contains(&ty)
                && ty.contains("association")
                && let Some(s) = x.as_str()
            {
                id_values.push((k.clone(), s.to_string()));
            }
        }
        if ty == "azurerm_network_interface" {
            for c in v
                .get("ip_configuration")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(s) = c.get("subnet_id").and_then(Value::as_str) {
                    id_values.push(("ip_configuration.subnet_id".into(), s.to_string()));
                }
            }
        }
        if ty.ends_with("virtual_machine") {
            for s in v
                .get("network_interface_ids")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                id_values.push(("network_interface_ids".into(), s.to_string()));
            }
        }
        for (k, s) in id_values {
            if open(&s) && !ids.contains(&s.to_ascii_lowercase()) {
                add.push(format!("`{addr}`: `{k}` is `{s}`, not known offline and none of the configuration's resources"));
            }
        }
    }
    out.unresolved.extend(add);
}

/// Reads the Terraform module in `dir` (its `*.tf` files, and the local modules it calls) into
/// plan-shaped resources. `base` is the index the first file read gets among the caller's files (the
/// locations recorded name files by it).
pub fn load(dir: &Path, base: usize, vars: &VarInputs) -> Result<Loaded, Error> {
    let mut st = State {
        base,
        root: dir.to_path_buf(),
        out: Loaded::default(),
        fetched: None,
        depth: 0,
        work: 0,
        modules: 0,
        over: false,
        budget_noted: false,
    };
    UNKNOWNS.with(|u| u.borrow_mut().clear());
    functions::with_budget(EVAL_BUDGET, || st.module(dir, "", "", None, vars))?;
    check_joins(&mut st.out);
    st.out.arm = azapi_arm(&st.out.resources);
    for m in st.out.notes.iter_mut().chain(st.out.unresolved.iter_mut()) {
        if has_sentinel(m) {
            *m = placeholder(m);
        }
    }
    st.out.notes.dedup();
    Ok(st.out)
}

/// Where a location recorded by this reader stands: (file index, line, column, pointer).
pub fn resolve_loc(
    files: &[(String, String)],
    pointer: &str,
    start: usize,
) -> Option<(usize, usize, usize, String)> {
    let rest = pointer.strip_prefix(FILE_MARK)?;
    let (idx, p) = rest.split_once(FILE_MARK)?;
    let idx: usize = idx.parse().ok()?;
    let (_, text) = files.get(idx)?;
    let (l, c) = line_col(text, start);
    Some((idx, l, c, p.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(tf: &str) -> Vec<(String, Map<String, Value>)> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("main.tf"), tf).unwrap();
        let l = load(dir.path(), 0, &VarInputs::default()).unwrap();
        l.resources
            .iter()
            .map(|r| {
                (
                    r["address"].as_str().unwrap().to_string(),
                    r["values"].as_object().unwrap().clone(),
                )
            })
            .collect()
    }

    fn why(v: &Value) -> &str {
        v.get(UNKNOWN_KEY).and_then(Value::as_str).unwrap_or("")
    }

    // Terraform's semantics of `try`, `can`, conditionals and `for_each` when a value is not known.
    #[test]
    fn unknowns_are_never_decided() {
        let r = values(
            r#"
variable "unset" {}
variable "obj" {
  default = { a = "x" }
}
locals {
  rules = { r1 = { name = "${var.unset}-1", port = "443" } }
}
resource "azurerm_network_security_rule" "t" {
  for_each                    = local.rules
  name                        = each.value.name
  destination_port_range      = each.value.port
  network_security_group_name = "n"
  description                 = try(var.obj.missing, "fallback")
  priority                    = try(var.unset, 100)
  access                      = var.unset == "x" ? "Allow" : "Deny"
  protocol                    = can(var.unset) ? "Tcp" : "Udp"
  direction                   = can(var.obj.missing) ? "Inbound" : "Outbound"
  source_address_prefix       = lower(var.unset)
}
"#,
        );
        assert_eq!(
            r.len(),
            1,
            "for_each over a map with unknown values still has its keys"
        );
        let (addr, v) = &r[0];
        assert_eq!(addr, "azurerm_network_security_rule.t[\"r1\"]");
        assert_eq!(v["destination_port_range"], "443");
        assert_eq!(v["description"], "fallback");
        assert_eq!(v["direction"], "Outbound");
        // a join key keeps its expression; the others are unknown, naming the variable
        assert_eq!(v["name"], "${var.unset}-1");
        for k in ["priority", "access", "protocol", "source_address_prefix"] {
            assert!(
                why(&v[k]).contains("variable `unset` has no value"),
                "{k}: {}",
                v[k]
            );
        }
    }

    // `count = length(…)` over a list whose values are unknown still knows how many
    #[test]
    fn length_of_a_list_with_unknown_values() {
        let r = values(
            r#"
variable "unset" {}
locals {
  rules = [{ name = var.unset }, { name = "b" }]
}
resource "azurerm_network_security_rule" "c" {
  count                       = length(local.rules)
  name                        = local.rules[count.index].name
  network_security_group_name = "n"
}
"#,
        );
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].1["name"], "b");
        assert_eq!(r[0].1["name"], "${var.unset}");
    }

    // `for` expressions: `try` in the body (CAF's NSG module writes its rules so), a test over a value
    // not known (unknown, not false), maps in key order
    #[test]
    fn for_expressions_with_try_and_unknowns() {
        let r = values(
            r#"
variable "unset" {}
locals {
  rules = {
    for v in [{ name = "b", p = 200 }, { name = "a" }] : v.name => {
      name     = v.name
      priority = try(v.p, 4000)
      access   = v.name == var.unset ? "Allow" : "Deny"
    }
  }
}
resource "azurerm_network_security_group" "n" {
  name          = "nsg"
  security_rule = [for k, v in local.rules : v]
}
"#,
        );
        let rules = r[0].1["security_rule"].as_array().unwrap().clone();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0]["name"], "a");
        assert_eq!(rules[0]["priority"], 4000);
        assert_eq!(rules[1]["priority"], 200);
        assert!(
            why(&rules[1]["access"]).contains("variable `unset` has no value"),
            "{}",
            rules[1]
        );
    }

    #[test]
    fn dynamic_blocks_locations_and_ids() {
        let r = values(
            r#"resource "azurerm_network_security_group" "n" {
  name                = "nsg"
  resource_group_name = "rg"
  dynamic "security_rule" {
    for_each = ["a", "b"]
    iterator = r
    content {
      name     = r.value
      priority = 100 + index(["a", "b"], r.value)
    }
  }
}
resource "azurerm_subnet_network_security_group_association" "a" {
  subnet_id                 = "x"
  network_security_group_id = azurerm_network_security_group.n.id
}
"#,
        );
        let nsg = &r.iter().find(|x| x.0.ends_with(".n")).unwrap().1;
        let rules = nsg["security_rule"].as_array().unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[1]["name"], "b");
        assert_eq!(rules[1]["priority"], 101);
        let loc = crate::ingest::json::loc_of(rules[0].as_object().unwrap()).unwrap();
        assert!(
            loc.pointer
                .ends_with("azurerm_network_security_group.n.security_rule[0]"),
            "{loc:?}"
        );
        let a = &r.iter().find(|x| x.0.ends_with(".a")).unwrap().1;
        assert_eq!(
            a["network_security_group_id"],
            "/subscriptions/<unknown>/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg"
        );
    }
}
