//! The root module's variable values, as Terraform loads them: `TF_VAR_name` from the environment, then
//! `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars` and `*.auto.tfvars.json` (in name
//! order), then `--var-file` and `--var` in the order given; a later value wins.

use crate::error::{Error, InputError};
use hcl::Value as HValue;
use std::collections::HashMap;
use std::path::Path;

/// Variable values given on the command line, in the order given.
#[derive(Clone, Debug, Default)]
pub struct VarInputs {
    /// `--var-file FILE`, repeatable: later files win.
    pub files: Vec<String>,
    /// `--var NAME=VALUE`, repeatable: later values win.
    pub vars: Vec<(String, String)>,
}

/// A value given as text (`--var`, `TF_VAR_`): a string for a `string` variable, else an HCL
/// expression (a number, a list, a map), else the text itself.
fn from_text(text: &str, string_typed: bool) -> HValue {
    if string_typed {
        return HValue::String(text.to_string());
    }
    // values only, as Terraform reads them: no function call, no reference
    hcl::edit::parser::parse_expr(text)
        .ok()
        .map(hcl::Expression::from)
        .and_then(|e| super::functions::evaluate(&e, &super::functions::values_context()).ok())
        .unwrap_or_else(|| HValue::String(text.to_string()))
}

/// The attributes of a `.tfvars` (HCL) or `.tfvars.json` file.
fn tfvars(path: &str) -> Result<Vec<(String, HValue)>, Error> {
    let text = crate::ingest::read(path)?;
    if path.to_ascii_lowercase().ends_with(".json") {
        let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
            Error::Input(InputError::at(
                path,
                e.line(),
                e.column(),
                format!("invalid JSON: {e}"),
            ))
        })?;
        let Some(o) = v.as_object() else {
            return Err(Error::input(
                path,
                1,
                "a .tfvars.json file holds one object of variable values",
            ));
        };
        return Ok(o
            .iter()
            .map(|(k, v)| (k.clone(), hcl::to_value(v).unwrap_or(HValue::Null)))
            .collect());
    }
    let body = hcl::edit::parser::parse_body(&text).map_err(|e| {
        let l = e.location();
        Error::Input(InputError::at(
            path,
            l.line(),
            l.column(),
            format!("invalid variable file: {}", e.message()),
        ))
    })?;
    // Terraform refuses function calls and references in a variable file (`file("/etc/passwd")` would read
    // outside the inputs): they are evaluated with no function and no variable
    let ctx = super::functions::values_context();
    let mut out = Vec::new();
    for a in body.attributes() {
        let e = hcl::Expression::from(a.value.clone());
        let v = super::functions::evaluate(&e, &ctx).map_err(|err| {
            let (l, c) = hcl::edit::Span::span(a)
                .map(|r| {
                    let before = &text[..r.start.min(text.len())];
                    (
                        before.matches('\n').count() + 1,
                        before.rsplit('\n').next().map_or(0, |x| x.chars().count()) + 1,
                    )
                })
                .unwrap_or((0, 0));
            Error::Input(InputError::at(
                path,
                l,
                c,
                format!(
                    "`{}`: a variable file holds values only (Terraform refuses function calls and references there): {err}",
                    a.key.as_str()
                ),
            ))
        })?;
        out.push((a.key.as_str().to_string(), v));
    }
    Ok(out)
}

/// The values of the root module's variables (`declared`: name and whether its type is `string`).
pub fn root_values(
    dir: &Path,
    declared: &[(String, bool)],
    given: &VarInputs,
) -> Result<HashMap<String, HValue>, Error> {
    let string_typed: HashMap<&str, bool> =
        declared.iter().map(|(k, s)| (k.as_str(), *s)).collect();
    let mut out = HashMap::new();
    for (name, s) in declared {
        if let Ok(v) = std::env::var(format!("TF_VAR_{name}")) {
            out.insert(name.clone(), from_text(&v, *s));
        }
    }
    let mut files: Vec<String> = Vec::new();
    for f in ["terraform.tfvars", "terraform.tfvars.json"] {
        let p = dir.join(f);
        if p.is_file() {
            files.push(p.display().to_string());
        }
    }
    let mut auto: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let n = p
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default();
                    p.is_file() && (n.ends_with(".auto.tfvars") || n.ends_with(".auto.tfvars.json"))
                })
                .map(|p| p.display().to_string())
                .collect()
        })
        .unwrap_or_default();
    auto.sort();
    files.extend(auto);
    files.extend(given.files.iter().cloned());
    for f in &files {
        for (k, v) in tfvars(f)? {
            out.insert(k, v);
        }
    }
    for (k, v) in &given.vars {
        out.insert(
            k.clone(),
            from_text(v, string_typed.get(k.as_str()).copied().unwrap_or(false)),
        );
    }
    Ok(out)
}
