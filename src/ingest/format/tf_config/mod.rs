//! Terraform configurations read as they are written (`*.tf`), without a plan: the module in a directory
//! is evaluated — variables (defaults, `terraform.tfvars`, `*.auto.tfvars`, `--var-file`, `--var`,
//! `TF_VAR_*`), locals, `count`, `for_each`, `dynamic` blocks, local modules, the common functions — into
//! the values a plan's `planned_values` would hold, and read by the plan reader
//! ([`crate::ingest::tf_topology`]). What only Azure or `terraform apply` knows is *unknown*, named.
//!
//! Parsing is `hcl-edit`'s (it keeps the spans: every resource and block knows its file, line and column);
//! evaluation is `hcl-rs`'s `hcl::eval` with Terraform's functions ([`functions`]).

pub mod eval;
pub mod functions;
mod tf_json;
mod vars;

pub use eval::{FILE_MARK, Loaded, VarInputs, is_module_dir};

use crate::error::Error;
use serde_json::{Map, Value, json};
use std::cell::RefCell;
use std::path::{Path, PathBuf};

thread_local! {
    static VARS: RefCell<VarInputs> = RefCell::new(VarInputs::default());
    static SUBSTITUTES: RefCell<Vec<(PathBuf, String)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with each `(file, replacement)`: a module that holds `file` (canonical path) is read with
/// `replacement` in its place (`fix --write` checks the written `.fixed.tf` from disk this way).
pub fn with_substitutes<T>(subs: Vec<(PathBuf, String)>, f: impl FnOnce() -> T) -> T {
    let before = SUBSTITUTES.with(|v| v.replace(subs));
    let out = f();
    SUBSTITUTES.with(|v| *v.borrow_mut() = before);
    out
}

/// The file to read in place of `p`, if any.
pub(crate) fn substitute(p: &Path) -> Option<PathBuf> {
    let key = std::fs::canonicalize(p).ok()?;
    SUBSTITUTES.with(|v| {
        v.borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, r)| PathBuf::from(r))
    })
}

/// Terraform's rule for the name of a resource, data source, module, variable or output, in its words.
pub const NAME_RULE: &str = "a name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes";

/// Is `s` a name Terraform accepts for a block (a resource or data source type and name, a module,
/// variable or output) and as an identifier in an expression? HCL's identifier rule ([`NAME_RULE`]: a
/// Unicode letter or `_` first, then letters, digits, `_` and `-`), as `hcl-edit` parses identifiers.
pub fn is_name(s: &str) -> bool {
    hcl::edit::Ident::try_new(s).is_ok()
}

/// Hidden key of a VM read from a configuration: its Terraform address (`--vm` finds it by that too).
pub const ADDRESS_KEY: &str = "\u{0}tf_address";

/// Key marking a plan built from a configuration (its ids are synthetic, so joins may follow them).
pub const CONFIG_MARK: &str = "\u{0}tf_config";

/// Runs `f` with `vars` as the variable values given on the command line.
pub fn with_vars<T>(vars: VarInputs, f: impl FnOnce() -> T) -> T {
    let before = VARS.with(|v| v.replace(vars));
    let out = f();
    VARS.with(|v| *v.borrow_mut() = before);
    out
}

/// The variable values in force.
pub fn vars() -> VarInputs {
    VARS.with(|v| v.borrow().clone())
}

/// The module directory an input names: a directory holding `*.tf` or `*.tf.json`, or such a file (its
/// directory).
pub fn module_dir(input: &str) -> Option<PathBuf> {
    let p = Path::new(input);
    let lower = input.to_ascii_lowercase();
    if p.is_dir() {
        return eval::is_module_dir(p).then(|| p.to_path_buf());
    }
    if (lower.ends_with(".tf") || lower.ends_with(".tf.json")) && p.is_file() {
        return Some(
            p.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        );
    }
    None
}

/// A configuration read: its files, and a plan-shaped object [`crate::ingest::tf_topology::arm_resources`] reads.
pub struct Config {
    /// Every `.tf` file read (path, text), in the order the locations index them from `base`.
    pub files: Vec<(String, String)>,
    /// `{"format_version", "planned_values": {"root_module": {"resources": …}}}` plus [`CONFIG_MARK`].
    pub plan: Map<String, Value>,
    /// `azapi_resource`s of the ARM types the tool reads, in ARM shape.
    pub arm: Vec<Value>,
    /// What cannot be known and can change a verdict (`AZE0131`, kind unknown).
    pub unresolved: Vec<crate::diag::Diagnostic>,
    /// What was not read, named (`AZE0130`, kind ignored input).
    pub notes: Vec<crate::diag::Diagnostic>,
}

/// Reads the module in `dir` with the variable values in force ([`with_vars`]); `base` is the index its
/// first file gets among the caller's files.
pub fn load(dir: &Path, base: usize) -> Result<Config, Error> {
    let l = eval::load(dir, base, &vars())?;
    let mut plan = Map::new();
    plan.insert("format_version".into(), json!("1.2"));
    plan.insert(
        "planned_values".into(),
        json!({ "root_module": { "resources": l.resources } }),
    );
    plan.insert(CONFIG_MARK.into(), Value::Bool(true));
    Ok(Config {
        files: l.files,
        plan,
        arm: l.arm,
        unresolved: l
            .unresolved
            .into_iter()
            .map(|u| crate::diag::Diagnostic::new(&crate::diag::TERRAFORM_UNKNOWN, u))
            .collect(),
        notes: l
            .notes
            .into_iter()
            .map(|n| crate::diag::Diagnostic::new(&crate::diag::TERRAFORM_NOT_READ, n))
            .collect(),
    })
}
