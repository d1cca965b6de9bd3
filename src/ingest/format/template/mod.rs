//! ARM deployment templates as they are really written: nested deployments (inline `template`, both
//! expression scopes), languageVersion 2.0 (`resources` keyed by symbolic name), `copy` loops on resources,
//! properties and variables, `condition`, parameter files, and the template functions real templates use
//! (see [`expr`]). Values that are decided at deployment time (`reference()`, `uniqueString()`, a parameter
//! without default or value) become *unknown* markers quoting the expression — never guesses, never dropped.
//!
//! Each parameter and variable is evaluated once (memoized) and every evaluation spends from one budget, so a
//! crafted template ends as *unknown* instead of exhausting time or memory.

pub mod expr;

use crate::diag::{self, Diagnostic};
use crate::error::Error;
use crate::ingest::json_util::get_ci;
use serde_json::{Map, Value};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

pub use crate::ingest::json_util::{UNKNOWN_KEY, is_unknown, unknown};

const DEPLOYMENT_TYPE: &str = "Microsoft.Resources/deployments";
/// Deepest nesting of resources and deployments followed.
const MAX_DEPTH: usize = 32;
/// Steps and built values one template may spend before the rest is unknown.
const BUDGET: u64 = 5_000_000;
/// Azure's own limit on a copy loop's count.
const MAX_COPY: i64 = 800;

thread_local! {
    static DEPLOYMENT_PARAMETERS: RefCell<Map<String, Value>> = RefCell::default();
    /// Every parameters file read on this thread since [`take_parameter_files_read`] (for `fix --emit file`,
    /// which adds a list entry to the parameter that feeds a template's list).
    static PARAMETER_FILES_READ: RefCell<Vec<String>> = RefCell::default();
}

/// The parameters files read on this thread since the last call, in order, each once.
pub fn take_parameter_files_read() -> Vec<String> {
    PARAMETER_FILES_READ.with(|p| std::mem::take(&mut *p.borrow_mut()))
}

thread_local! {
    static DEPLOYMENT_REGION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The region the templates read on this thread are deployed to (`--region`): it is
/// `deployment().location` and `resourceGroup().location`; `None` leaves them unknown.
pub fn set_deployment_region(region: Option<String>) {
    DEPLOYMENT_REGION.with(|r| *r.borrow_mut() = region);
}

/// The region in force ([`set_deployment_region`]).
pub fn deployment_region() -> Option<String> {
    DEPLOYMENT_REGION.with(|r| r.borrow().clone())
}

/// The key of a symbolic value's printed form inside an unknown marker: a value not known offline that is
/// still equal to itself (`nic<uniqueString(resourceGroup().id)>`), so names and ids built from it join.
pub const SYMBOL_KEY: &str = "$symbol";

/// A value not known offline but equal to itself, printed as `display`.
pub fn symbolic(display: &str) -> Value {
    let mut m = Map::new();
    m.insert(UNKNOWN_KEY.to_string(), Value::String(display.to_string()));
    m.insert(SYMBOL_KEY.to_string(), Value::String(display.to_string()));
    Value::Object(m)
}

/// The printed form of a symbolic value, if `v` is one.
pub fn symbol_of(v: &Value) -> Option<&str> {
    v.as_object()
        .filter(|o| o.contains_key(UNKNOWN_KEY))
        .and_then(|o| o.get(SYMBOL_KEY))
        .and_then(Value::as_str)
}

/// Names and ids that are symbolic become their printed form (they join as text); every other symbolic
/// value stays unknown (an address prefix, a port, a location).
fn names_as_text(v: &mut Value, key: Option<&str>) {
    if let Some(sym) = symbol_of(v) {
        if key.is_some_and(|k| k.eq_ignore_ascii_case("id") || k.eq_ignore_ascii_case("name")) {
            *v = Value::String(sym.to_string());
        }
        return;
    }
    match v {
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                names_as_text(x, Some(k));
            }
        }
        Value::Array(a) => {
            for x in a {
                names_as_text(x, key);
            }
        }
        _ => {}
    }
}

/// Parameter values for the templates read on this thread from now on, as
/// `az deployment group create --parameters` gives them to a deployment (`--parameters` on the command line).
pub fn set_deployment_parameters(values: Map<String, Value>) {
    DEPLOYMENT_PARAMETERS.with(|p| *p.borrow_mut() = values);
}

/// Runs `f` with `values` added to the parameter values in force (a scenario input's own `parameters`),
/// restoring them afterwards; values already in force (the command line's) win.
pub fn with_parameters<T>(values: Map<String, Value>, f: impl FnOnce() -> T) -> T {
    let before = deployment_parameters();
    let mut merged = values;
    merged.extend(before.clone());
    set_deployment_parameters(merged);
    let out = f();
    set_deployment_parameters(before);
    out
}

/// The parameter values in force.
pub fn deployment_parameters() -> Map<String, Value> {
    DEPLOYMENT_PARAMETERS.with(|p| p.borrow().clone())
}

/// Reads parameter files (`deploymentParameters.json`: `{"parameters": {"name": {"value": …}}}`); a
/// Key Vault `reference` is unknown. Later files override earlier ones.
pub fn load_parameter_files(paths: &[String]) -> Result<Map<String, Value>, Error> {
    let mut out = Map::new();
    for path in paths {
        if path.ends_with(".bicepparam") {
            return Err(Error::input(
                path,
                0,
                "a .bicepparam file is Bicep source: build it first with `az bicep build-params --file FILE`, then pass the JSON",
            ));
        }
        let text = crate::ingest::read(path)?;
        PARAMETER_FILES_READ.with(|p| {
            let mut p = p.borrow_mut();
            if !p.contains(path) {
                p.push(path.clone());
            }
        });
        let src = crate::ingest::json_util::Src::new(path, &text);
        let doc = src.parse()?;
        let params = doc
            .as_object()
            .and_then(|o| get_ci(o, "parameters"))
            .and_then(Value::as_object)
            .ok_or_else(|| {
                src.err_doc("not a parameters file: expected `{\"parameters\": {\"name\": {\"value\": …}}}`")
            })?;
        for (k, v) in params
            .iter()
            .filter(|(k, _)| !crate::ingest::json::is_loc_key(k))
        {
            let o = v.as_object();
            let val = match (
                o.and_then(|o| get_ci(o, "value")),
                o.and_then(|o| get_ci(o, "reference")),
            ) {
                (Some(v), _) => {
                    let mut v = v.clone();
                    // values from another file must not carry this file's offsets into the template's
                    crate::ingest::json::strip_locs(&mut v);
                    v
                }
                (None, Some(_)) => unknown(&format!("Key Vault reference for parameter `{k}`")),
                _ => {
                    return Err(src.err(
                        params,
                        format!("parameter `{k}` has neither `value` nor `reference`"),
                    ));
                }
            };
            out.insert(k.clone(), val);
        }
    }
    Ok(out)
}

/// Is this object an ARM deployment template (or a Blueprint artifact that holds one)?
pub fn is_template(o: &Map<String, Value>) -> bool {
    is_blueprint_artifact(o) || is_plain_template(o)
}

/// Is this a Blueprint template artifact (`Microsoft.Blueprint/blueprints/artifacts`, kind `template`,
/// the ARM template under `properties.template`)?
pub fn is_blueprint_artifact(o: &Map<String, Value>) -> bool {
    let kind = get_ci(o, "kind")
        .and_then(Value::as_str)
        .is_some_and(|k| k.eq_ignore_ascii_case("template"));
    let ty = get_ci(o, "type").and_then(Value::as_str);
    let typed = ty.is_none_or(|t| t.to_ascii_lowercase().starts_with("microsoft.blueprint/"));
    kind && typed
        && get_ci(o, "properties")
            .and_then(Value::as_object)
            .and_then(|p| get_ci(p, "template"))
            .and_then(Value::as_object)
            .is_some_and(is_plain_template)
}

/// A Blueprint artifact as the template Azure deploys from it: an inline nested deployment named after the
/// artifact (inner scope), its template the artifact's, its parameters the artifact's — expressions over
/// the blueprint's parameters, which `--parameters` supplies.
fn blueprint_wrapper(o: &Map<String, Value>) -> Map<String, Value> {
    let props = get_ci(o, "properties").and_then(Value::as_object);
    let name = get_ci(o, "name")
        .and_then(Value::as_str)
        .unwrap_or("artifact")
        .to_string();
    let mut dp = Map::new();
    dp.insert("mode".into(), Value::String("Incremental".into()));
    dp.insert(
        "expressionEvaluationOptions".into(),
        serde_json::json!({ "scope": "inner" }),
    );
    for k in ["template", "parameters"] {
        if let Some(v) = props.and_then(|p| get_ci(p, k)) {
            dp.insert(k.into(), v.clone());
        }
    }
    let mut dep = Map::new();
    crate::ingest::json::copy_loc(o, &mut dep);
    dep.insert("type".into(), Value::String(DEPLOYMENT_TYPE.into()));
    dep.insert("name".into(), Value::String(name));
    dep.insert("properties".into(), Value::Object(dp));
    let mut t = Map::new();
    crate::ingest::json::copy_loc(o, &mut t);
    t.insert(
        "$schema".into(),
        Value::String(
            "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
                .into(),
        ),
    );
    t.insert("contentVersion".into(), Value::String("1.0.0.0".into()));
    t.insert("resources".into(), Value::Array(vec![Value::Object(dep)]));
    t
}

fn is_plain_template(o: &Map<String, Value>) -> bool {
    let schema = o
        .get("$schema")
        .and_then(Value::as_str)
        .is_some_and(|s| s.contains("deploymentTemplate"));
    matches!(o.get("resources"), Some(Value::Array(_) | Value::Object(_)))
        && (schema || o.contains_key("contentVersion"))
}

/// Is this a parameters file (`deploymentParameters.json`)?
pub fn is_parameters_file(o: &Map<String, Value>) -> bool {
    o.get("$schema")
        .and_then(Value::as_str)
        .is_some_and(|s| s.contains("deploymentParameters"))
}

/// One loop in force: its name, whether it is a resource loop, and its index (unknown when the count is).
type CopyFrame = (Option<String>, bool, Option<i64>);

/// The parameters, variables and loop indices expressions see, with one budget for a whole template.
pub struct Scope<'a> {
    param_defs: Option<&'a Map<String, Value>>,
    supplied: Map<String, Value>,
    vars: Option<&'a Map<String, Value>>,
    cache: RefCell<HashMap<String, Value>>,
    in_progress: RefCell<HashSet<String>>,
    copies: RefCell<Vec<CopyFrame>>,
    budget: Rc<Cell<u64>>,
    exhausted: Rc<Cell<bool>>,
    nulled: Rc<RefCell<Vec<String>>>,
    /// Inline nested deployments' outputs so far, by deployment name (lowercase): what
    /// `reference(resourceId('Microsoft.Resources/deployments', 'x')).outputs` reads.
    outputs: Rc<RefCell<HashMap<String, Value>>>,
}

impl<'a> Scope<'a> {
    /// The scope of a top-level template, with the deployment's parameter values.
    pub fn new(template: &'a Map<String, Value>) -> Self {
        Scope::with(
            template,
            deployment_parameters(),
            Rc::new(Cell::new(BUDGET)),
            Rc::new(Cell::new(false)),
        )
    }

    fn with(
        template: &'a Map<String, Value>,
        supplied: Map<String, Value>,
        budget: Rc<Cell<u64>>,
        exhausted: Rc<Cell<bool>>,
    ) -> Self {
        Scope::child(template, supplied, budget, exhausted, Rc::default())
    }

    fn child(
        template: &'a Map<String, Value>,
        supplied: Map<String, Value>,
        budget: Rc<Cell<u64>>,
        exhausted: Rc<Cell<bool>>,
        nulled: Rc<RefCell<Vec<String>>>,
    ) -> Self {
        Scope {
            param_defs: get_ci(template, "parameters").and_then(Value::as_object),
            supplied,
            vars: get_ci(template, "variables").and_then(Value::as_object),
            cache: RefCell::default(),
            in_progress: RefCell::default(),
            copies: RefCell::default(),
            budget,
            exhausted,
            nulled,
            outputs: Rc::default(),
        }
    }

    /// The outputs of the inline nested deployment `name` evaluated so far, as `reference()` returns them
    /// (`{"outputs": {"x": {"value": …}}}`).
    pub fn deployment_reference(&self, name: &str) -> Option<Value> {
        self.outputs
            .borrow()
            .get(&name.to_ascii_lowercase())
            .cloned()
    }

    /// Spends `n` from the budget; false (and the scope marked exhausted) when it is gone.
    pub(crate) fn spend(&self, n: u64) -> bool {
        let left = self.budget.get();
        if left < n {
            self.exhausted.set(true);
            self.budget.set(0);
            return false;
        }
        self.budget.set(left - n);
        true
    }

    /// Has evaluation stopped for lack of budget somewhere in this template?
    pub fn exhausted(&self) -> bool {
        self.exhausted.get()
    }

    fn memo(&self, key: String, f: impl FnOnce() -> Value) -> Value {
        if let Some(v) = self.cache.borrow().get(&key) {
            return v.clone();
        }
        if !self.in_progress.borrow_mut().insert(key.clone()) {
            return unknown(&format!("{key} (defined in terms of itself)"));
        }
        let v = f();
        self.in_progress.borrow_mut().remove(&key);
        self.cache.borrow_mut().insert(key, v.clone());
        v
    }

    /// `parameters('name')`: a value given for the deployment, else the default, else unknown.
    pub fn parameter(&self, name: &str) -> Value {
        if let Some(v) = get_ci(&self.supplied, name) {
            return v.clone();
        }
        self.memo(format!("parameters('{name}')"), || {
            let decl = self
                .param_defs
                .and_then(|m| get_ci(m, name))
                .and_then(Value::as_object);
            let nullable = decl
                .and_then(|p| get_ci(p, "nullable"))
                .and_then(Value::as_bool)
                == Some(true);
            match decl.and_then(|p| get_ci(p, "defaultValue")) {
                Some(d) => self.eval_value(d, 0),
                // languageVersion 2.0: a nullable parameter not given is null
                None if nullable => {
                    self.nulled.borrow_mut().push(name.to_string());
                    Value::Null
                }
                // not known offline but equal to itself: a name built from it keeps its known parts
                // (`[parameters('prefix')]-hub-nsg`), so copies of a loop are told apart
                None => {
                    // printed as written, so a name that is the parameter alone reads as in the template
                    // and ids built from it join the resource it names
                    let mut v = symbolic(&format!("[parameters('{name}')]"));
                    v[UNKNOWN_KEY] = Value::String(format!(
                        "parameters('{name}'): no default value and no value given (pass --parameters FILE)"
                    ));
                    v
                }
            }
        })
    }

    /// `variables('name')`, including variables built by a `copy` in the variables section.
    pub fn variable(&self, name: &str) -> Value {
        self.memo(format!("variables('{name}')"), || {
            let Some(vars) = self.vars else {
                return unknown(&format!("variables('{name}')"));
            };
            if let Some(d) = get_ci(vars, name)
                && !name.eq_ignore_ascii_case("copy")
            {
                return self.eval_value(d, 0);
            }
            if let Some(Value::Array(loops)) = get_ci(vars, "copy") {
                for l in loops.iter().filter_map(Value::as_object) {
                    if get_ci(l, "name")
                        .and_then(Value::as_str)
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
                    {
                        return self.copy_array(l, 0);
                    }
                }
            }
            unknown(&format!("variables('{name}'): not defined in the template"))
        })
    }

    /// The index of the loop named `name` (or of the innermost resource loop).
    pub fn copy_index(&self, name: Option<&str>) -> Option<i64> {
        let c = self.copies.borrow();
        let hit = match name {
            Some(n) => c
                .iter()
                .rev()
                .find(|(l, _, _)| l.as_deref().is_some_and(|l| l.eq_ignore_ascii_case(n))),
            None => c.iter().rev().find(|(_, resource, _)| *resource),
        };
        hit.and_then(|(_, _, i)| *i)
    }

    fn with_copy<T>(
        &self,
        name: Option<String>,
        resource: bool,
        i: Option<i64>,
        f: impl FnOnce() -> T,
    ) -> T {
        self.copies.borrow_mut().push((name, resource, i));
        let out = f();
        self.copies.borrow_mut().pop();
        out
    }

    /// A property or variable `copy` entry (`{name, count, input}`) as the array it builds.
    fn copy_array(&self, l: &Map<String, Value>, depth: usize) -> Value {
        let name = get_ci(l, "name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let count = get_ci(l, "count").map(|c| self.eval_value(c, depth + 1));
        let input = get_ci(l, "input").cloned().unwrap_or(Value::Null);
        match count.as_ref().and_then(|c| c.as_i64()) {
            Some(n) if (0..=MAX_COPY).contains(&n) => Value::Array(
                (0..n)
                    .map(|i| {
                        self.with_copy(Some(name.clone()), false, Some(i), || {
                            self.eval_value(&input, depth + 1)
                        })
                    })
                    .collect(),
            ),
            _ => {
                let why = match &count {
                    Some(c) if is_unknown(c) => c[UNKNOWN_KEY].as_str().unwrap_or("").to_string(),
                    Some(c) => format!("{c}"),
                    None => "no count".into(),
                };
                unknown(&format!("copy `{name}`: count not known offline ({why})"))
            }
        }
    }

    /// Evaluates every expression inside `v`; property `copy` arrays become the properties they build.
    pub fn eval_value(&self, v: &Value, depth: usize) -> Value {
        if depth > MAX_DEPTH * 4 || !self.spend(1) {
            return unknown("(nested too deep, or evaluation budget exhausted)");
        }
        match v {
            Value::String(s) => self.eval_string(s),
            Value::Array(a) => {
                Value::Array(a.iter().map(|x| self.eval_value(x, depth + 1)).collect())
            }
            Value::Object(o) => {
                let mut out = Map::new();
                for (k, x) in o {
                    if k == "copy"
                        && let Value::Array(loops) = x
                        && loops
                            .iter()
                            .all(|l| l.as_object().is_some_and(|l| get_ci(l, "input").is_some()))
                    {
                        for l in loops.iter().filter_map(Value::as_object) {
                            let name = get_ci(l, "name").and_then(Value::as_str).unwrap_or("copy");
                            out.insert(name.to_string(), self.copy_array(l, depth));
                        }
                        continue;
                    }
                    out.insert(k.clone(), self.eval_value(x, depth + 1));
                }
                Value::Object(out)
            }
            other => other.clone(),
        }
    }

    /// Evaluates one string: `[expr]` is an expression, `[[` escapes a literal `[`.
    pub fn eval_string(&self, s: &str) -> Value {
        let t = s.trim();
        if let Some(rest) = t.strip_prefix("[[") {
            return Value::String(format!("[{rest}"));
        }
        let Some(src) = t.strip_prefix('[').and_then(|x| x.strip_suffix(']')) else {
            return Value::String(s.to_string());
        };
        let Some(e) = expr::parse(src) else {
            return unknown(s);
        };
        let v = expr::Eval {
            scope: self,
            lambdas: Vec::new(),
        }
        .eval(&e);
        if symbol_of(&v).is_some() {
            return v;
        }
        if is_unknown(&v) {
            // quote the whole expression; keep the inner reason when it names a parameter or loop
            let inner = v[UNKNOWN_KEY].as_str().unwrap_or("");
            if inner.contains("no default value")
                || inner.starts_with("copy `")
                || inner.contains("budget")
            {
                return unknown(&format!("{s}: {inner}"));
            }
            return unknown(s);
        }
        v
    }
}

/// A resource of a template with expressions evaluated, nested children and deployments flattened.
pub struct TemplateResource {
    /// Full type (`Microsoft.Network/firewallPolicies/ruleCollectionGroups` also for nested children).
    pub ty: String,
    /// Full name as evaluated (`policy/group` for children); the raw expression when unknown.
    pub name: String,
    /// The evaluated resource object.
    pub body: Map<String, Value>,
    /// The nested deployments it sits in (`hub/nsgs`), empty at the top level.
    pub deployment: String,
}

/// What a template holds: its resources at every depth, and what could not be followed.
#[derive(Default)]
pub struct Walk {
    /// Every resource.
    pub resources: Vec<TemplateResource>,
    /// Deployments not followed (linked templates, depth) and evaluation that ran out of budget.
    pub notes: Vec<Diagnostic>,
    /// Resources and nested deployments whose `condition` is false with the parameters given (not deployed).
    pub not_deployed: Vec<Diagnostic>,
}

/// A short name for a resource type in a message (`Microsoft.Network/routeTables` → `route table`).
fn kind_of(ty: &str) -> String {
    let last = ty.rsplit('/').next().unwrap_or(ty);
    let known = [
        ("networkSecurityGroups", "NSG"),
        ("routeTables", "route table"),
        ("azureFirewalls", "Azure Firewall"),
        ("firewallPolicies", "firewall policy"),
        ("ruleCollectionGroups", "rule collection group"),
        ("virtualNetworks", "virtual network"),
        ("subnets", "subnet"),
        ("networkInterfaces", "network interface"),
        ("virtualMachines", "VM"),
        ("deployments", "deployment"),
    ];
    known
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(last))
        .map_or_else(|| format!("resource `{ty}`"), |(_, v)| (*v).to_string())
}

/// Every resource of a template, nested `resources` and inline nested deployments flattened.
pub fn resources(t: &Map<String, Value>) -> Vec<TemplateResource> {
    walk(t).resources
}

/// Every resource of a template, with notes on what was not followed.
pub fn walk(t: &Map<String, Value>) -> Walk {
    if is_blueprint_artifact(t) {
        return walk(&blueprint_wrapper(t));
    }
    let scope = Scope::new(t);
    let mut w = Walk::default();
    walk_resources(&scope, get_ci(t, "resources"), None, "", &mut w, 0);
    if scope.exhausted() {
        w.notes.push(Diagnostic::new(
            &diag::TEMPLATE_BUDGET,
            "evaluation stopped at its budget: values past it are unknown",
        ));
    }
    let mut seen = HashSet::new();
    let nulled: Vec<String> = scope
        .nulled
        .borrow()
        .iter()
        .filter(|n| seen.insert(n.to_lowercase()))
        .cloned()
        .collect();
    if !nulled.is_empty() {
        w.notes.push(Diagnostic::new(
            &diag::TEMPLATE_NULL_PARAMETERS,
            format!(
                "template parameters without a value are taken as null, as Azure does: {} (pass --parameters FILE to give them)",
                nulled.join(", ")
            ),
        ));
    }
    w
}

fn resource_list(v: Option<&Value>) -> Vec<&Map<String, Value>> {
    match v {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_object).collect(),
        // languageVersion 2.0: resources keyed by symbolic name
        Some(Value::Object(o)) => o
            .iter()
            .filter(|(k, _)| !crate::ingest::json::is_loc_key(k))
            .filter_map(|(_, v)| v.as_object())
            .collect(),
        _ => Vec::new(),
    }
}

fn walk_resources(
    scope: &Scope<'_>,
    list: Option<&Value>,
    parent: Option<(&str, &str)>,
    deployment: &str,
    w: &mut Walk,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        w.notes.push(Diagnostic::new(
            &diag::TEMPLATE_TOO_DEEP,
            format!("resources nested deeper than {MAX_DEPTH} levels were not read"),
        ));
        return;
    }
    for r in resource_list(list) {
        if get_ci(r, "existing").and_then(Value::as_bool) == Some(true) {
            continue; // a reference to a resource deployed elsewhere
        }
        match get_ci(r, "copy").and_then(Value::as_object) {
            Some(c) => {
                let name = get_ci(c, "name")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                let count = get_ci(c, "count").map(|x| scope.eval_value(x, 0));
                match count.as_ref().and_then(Value::as_i64) {
                    Some(n) if (0..=MAX_COPY).contains(&n) => {
                        for i in 0..n {
                            scope.with_copy(name.clone(), true, Some(i), || {
                                one_resource(scope, r, parent, deployment, w, depth);
                            });
                        }
                    }
                    // count unknown: one instance whose copyIndex() is unknown, so nothing is made up
                    _ => scope.with_copy(name.clone(), true, None, || {
                        one_resource(scope, r, parent, deployment, w, depth);
                    }),
                }
            }
            None => one_resource(scope, r, parent, deployment, w, depth),
        }
    }
}

fn one_resource(
    scope: &Scope<'_>,
    r: &Map<String, Value>,
    parent: Option<(&str, &str)>,
    deployment: &str,
    w: &mut Walk,
    depth: usize,
) {
    if let Some(c) = get_ci(r, "condition")
        && scope.eval_value(c, 0) == Value::Bool(false)
    {
        let ty = get_ci(r, "type").and_then(Value::as_str).unwrap_or("");
        let name = match get_ci(r, "name").map(|n| scope.eval_value(n, 0)) {
            Some(Value::String(n)) => n,
            _ => get_ci(r, "name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        };
        let cond = match c {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let place = if deployment.is_empty() {
            String::new()
        } else {
            format!(" (in deployment `{deployment}`)")
        };
        w.not_deployed.push(Diagnostic::new(
            &diag::RESOURCE_NOT_DEPLOYED,
            format!(
                "{} `{name}`{place} is not deployed: its condition `{cond}` is false with these parameters",
                kind_of(ty)
            ),
        ));
        return;
    }
    let raw_ty = get_ci(r, "type").and_then(Value::as_str).unwrap_or("");
    let is_deployment = raw_ty.eq_ignore_ascii_case(DEPLOYMENT_TYPE);
    // the nested template is evaluated in its own scope below, not with this resource
    let mut shell = r.clone();
    shell.remove("resources");
    shell.remove("copy");
    let nested = if is_deployment {
        shell
            .get_mut("properties")
            .and_then(Value::as_object_mut)
            .and_then(|p| p.remove("template"))
    } else {
        None
    };
    let Value::Object(mut body) = scope.eval_value(&Value::Object(shell), 0) else {
        return;
    };
    body.remove("resources");
    for (k, x) in body.iter_mut() {
        names_as_text(x, Some(k));
    }
    // a name not known offline is shown as written (`[parameters('name')]`)
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
    if is_deployment {
        let path = if deployment.is_empty() {
            name.clone()
        } else {
            format!("{deployment}/{name}")
        };
        match nested.as_ref().and_then(Value::as_object) {
            Some(t) => nested_deployment(scope, &body, t, &path, w, depth),
            None => {
                let link = body
                    .get("properties")
                    .and_then(|p| p.get("templateLink"))
                    .is_some();
                w.notes.push(if link {
                    Diagnostic::new(&diag::LINKED_TEMPLATE, format!("deployment `{path}` links a template by URI, which is not read offline: pass that template itself"))
                } else {
                    Diagnostic::new(&diag::DEPLOYMENT_WITHOUT_TEMPLATE, format!("deployment `{path}` has no inline template"))
                });
            }
        }
    }
    w.resources.push(TemplateResource {
        ty: ty.clone(),
        name: name.clone(),
        body,
        deployment: deployment.to_string(),
    });
    walk_resources(
        scope,
        get_ci(r, "resources"),
        Some((&ty, &name)),
        deployment,
        w,
        depth + 1,
    );
}

/// An inline nested deployment: `inner` scope gets the parameters passed in (already evaluated in the
/// parent's scope, in `body`); `outer` (the default) sees the parent's parameters and variables.
fn nested_deployment(
    scope: &Scope<'_>,
    body: &Map<String, Value>,
    t: &Map<String, Value>,
    path: &str,
    w: &mut Walk,
    depth: usize,
) {
    let props = body.get("properties").and_then(Value::as_object);
    let inner = props
        .and_then(|p| get_ci(p, "expressionEvaluationOptions"))
        .and_then(Value::as_object)
        .and_then(|o| get_ci(o, "scope"))
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("inner"));
    let own = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let record = |sc: &Scope<'_>| {
        if let Some(outs) = get_ci(t, "outputs").and_then(Value::as_object) {
            let mut m = Map::new();
            for (k, o) in outs
                .iter()
                .filter(|(k, _)| !crate::ingest::json::is_loc_key(k))
            {
                let v = o
                    .as_object()
                    .and_then(|o| get_ci(o, "value"))
                    .map_or(Value::Null, |v| sc.eval_value(v, 0));
                m.insert(k.clone(), serde_json::json!({ "value": v }));
            }
            scope
                .outputs
                .borrow_mut()
                .insert(own.clone(), serde_json::json!({ "outputs": m }));
        }
    };
    if !inner {
        walk_resources(scope, get_ci(t, "resources"), None, path, w, depth + 1);
        record(scope);
        return;
    }
    let mut passed = Map::new();
    if let Some(ps) = props
        .and_then(|p| get_ci(p, "parameters"))
        .and_then(Value::as_object)
    {
        for (k, v) in ps
            .iter()
            .filter(|(k, _)| !crate::ingest::json::is_loc_key(k))
        {
            let val = match v.as_object() {
                Some(o) if get_ci(o, "value").is_some() => {
                    get_ci(o, "value").cloned().unwrap_or(Value::Null)
                }
                _ => unknown(&format!(
                    "parameter `{k}` of deployment `{path}` (a Key Vault reference)"
                )),
            };
            passed.insert(k.clone(), val);
        }
    }
    let mut child = Scope::child(
        t,
        passed,
        scope.budget.clone(),
        scope.exhausted.clone(),
        scope.nulled.clone(),
    );
    child.outputs = scope.outputs.clone();
    walk_resources(&child, get_ci(t, "resources"), None, path, w, depth + 1);
    record(&child);
}

/// `; note: …` for the notes of a walk, to explain why something was not found.
pub fn notes_suffix(w: &Walk) -> String {
    let all: Vec<&str> = w
        .notes
        .iter()
        .chain(&w.not_deployed)
        .map(|n| n.message.as_str())
        .collect();
    if all.is_empty() {
        String::new()
    } else {
        format!("; {}", all.join("; "))
    }
}

#[cfg(test)]
mod tests;
