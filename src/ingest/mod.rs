//! Turning text into the model: one file per input format, every error with file and line.
//!
//! Nothing here evaluates anything; the engine never reads files.

pub mod format;
pub mod graph;
pub mod kinds;

pub use format::{json, json_util, template, terraform, tf_config, yaml_pos};
pub use graph::{avnm, private_link, tf_topology, topology, vwan};
pub use kinds::{admin_rules, firewall, nsg_json, nsg_yaml, proxy, routes, scenario, subnet};

use crate::error::Error;
use crate::model::Nsg;

pub use crate::input::{
    DEFAULT_MAX_INPUT_BYTES, STDIN, file_kind, files_read, is_stdin, max_input_bytes, read,
    read_bytes, set_max_input_bytes, utf8_text, with_substitutes,
};

/// Inputs this tool does not read, told apart by name or content, each with what to do instead.
/// `what` names the input kind (`an NSG`). Runs before any parser, so the user gets the remedy rather than
/// a syntax error.
pub fn check_readable(text: &str, file: &str, what: &str) -> Result<(), Error> {
    let lower = file.to_ascii_lowercase();
    let say = |line: usize, m: String| Err(Error::input(file, line, m));
    if lower.ends_with(".bicep") {
        return say(
            0,
            format!(
                "Bicep source is not read: compile it with `az bicep build --file {file}`, then pass the JSON it writes as {what}"
            ),
        );
    }
    if lower.ends_with(".bicepparam") {
        return say(
            0,
            format!(
                "a .bicepparam file is not read: build it with `az bicep build-params --file {file}` and pass the JSON with --parameters"
            ),
        );
    }
    let t = text.trim_start();
    let hcl = lower.ends_with(".tf")
        || t.starts_with("resource \"")
        || t.starts_with("provider \"")
        || t.starts_with("terraform {")
        || t.starts_with("module \"");
    if hcl {
        return say(
            1,
            format!(
                "Terraform source (.tf) is not read as {what}: pass its directory to `gate` or `--resources` (read as a Terraform module), or run `terraform plan -out plan.out`, then `terraform show -json plan.out > plan.json`, and pass plan.json as {what}"
            ),
        );
    }
    if t.starts_with('{') || t.starts_with('[') {
        // PowerShell's ConvertTo-Json stops at depth 2 and writes the type name instead of the rules
        for marker in [
            "\"System.Collections.Generic.List`1[",
            "\"Microsoft.Azure.Commands.Network.Models.PS",
        ] {
            if let Some(at) = text.find(marker) {
                let line = text[..at].matches('\n').count() + 1;
                return say(
                    line,
                    "a PowerShell export cut at ConvertTo-Json's default depth (type names stand where the rules should be): export again with `ConvertTo-Json -Depth 10`".into(),
                );
            }
        }
    }
    Ok(())
}

/// JSON documents that wrap what the user meant to pass: an ARM parameters file, or a REST API example.
pub fn check_not_a_wrapper(
    src: &json_util::Src<'_>,
    doc: &serde_json::Value,
    what: &str,
) -> Result<(), Error> {
    let Some(o) = doc.as_object() else {
        return Ok(());
    };
    if template::is_parameters_file(o) {
        return Err(src.err_doc(format!(
            "this is an ARM parameters file, not {what}: pass the template as {what} and this file with --parameters"
        )));
    }
    let body = o
        .get("responses")
        .and_then(|r| r.as_object())
        .and_then(|r| r.get("200").or_else(|| r.get("201")))
        .and_then(|r| r.get("body"));
    if body.is_some() && o.contains_key("parameters") {
        return Err(src.err_doc(format!(
            "a REST API specification example (request `parameters` and `responses`): {what} is the `responses.200.body` object; save that object alone and pass it"
        )));
    }
    Ok(())
}

/// Splits `file.json#name` into the path and the selected resource name.
pub fn split_selector(arg: &str) -> (&str, Option<&str>) {
    match arg.rsplit_once('#') {
        Some((p, n)) if !n.is_empty() && !p.is_empty() => (p, Some(n)),
        _ => (arg, None),
    }
}

/// Loads every NSG an input holds, detecting the format (YAML by extension or content, else JSON).
/// `select` picks one by name when the input holds several (`FILE#name`).
pub fn load_nsgs_text(text: &str, file: &str, select: Option<&str>) -> Result<Vec<Nsg>, Error> {
    check_readable(text, file, "an NSG")?;
    let trimmed = text.trim_start();
    let is_json = trimmed.starts_with('{') || trimmed.starts_with('[');
    let is_yaml_name = file.ends_with(".yaml") || file.ends_with(".yml");
    if is_yaml_name || !is_json {
        if trimmed.is_empty() {
            return Err(Error::input(
                file,
                1,
                "empty file: expected an NSG (JSON or azegress YAML)",
            ));
        }
        return nsg_yaml::parse_nsg_yaml(text, file).map(|n| vec![n]);
    }
    nsg_json::parse_nsgs(text, file, select)
}

/// Loads the NSGs of `path[#name]`.
pub fn load_nsgs(arg: &str) -> Result<Vec<Nsg>, Error> {
    let (path, select) = split_selector(arg);
    let text = read(path)?;
    load_nsgs_text(&text, path, select)
}

/// Keeps the item named `select` (case-insensitive) when given; an error names what the file holds.
pub fn select_named<T>(
    found: &mut Vec<T>,
    name: impl Fn(&T) -> &String,
    select: Option<&str>,
    file: &str,
    what: &str,
) -> Result<(), Error> {
    if let Some(want) = select {
        let names = name_list(found.iter().map(|x| name(x).as_str()));
        found.retain(|x| name(x).eq_ignore_ascii_case(want));
        if found.is_empty() {
            return Err(Error::input(
                file,
                0,
                format!("no {what} named `{want}` in this file (it holds: {names})"),
            ));
        }
    }
    Ok(())
}

/// Exactly one item of a file that may hold several; the error asks for `FILE#name`.
pub fn one_of<T>(
    mut found: Vec<T>,
    name: impl Fn(&T) -> &String,
    file: &str,
    what: &str,
) -> Result<T, Error> {
    if found.len() == 1 {
        return Ok(found.remove(0));
    }
    let names = name_list(found.iter().map(|x| name(x).as_str()));
    Err(Error::input(
        file,
        0,
        format!(
            "holds {} {what}s ({names}); pick one with `{file}#<name>`",
            found.len()
        ),
    ))
}

/// Names for a message: all of them up to ten, else the first ten and how many more.
pub fn name_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = names.collect();
    if all.len() <= 10 {
        return all.join(", ");
    }
    format!("{}, … and {} more", all[..10].join(", "), all.len() - 10)
}
