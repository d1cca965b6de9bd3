//! Terraform's JSON syntax (`*.tf.json`) written as the native syntax, so that one reader reads both:
//! strings are templates (`"${var.x}"`), objects under block keys are blocks, the rest attributes. The
//! nested block names are those of the resources the tool reads (JSON syntax needs the schema to tell a
//! block from an attribute).

use crate::error::Error;
use crate::ingest::json::is_loc_key;
use crate::ingest::json_util::{Src, kind_of};
use serde_json::{Map, Value};

/// Keys whose object (or list of objects) values are nested blocks in the resources the tool reads.
const BLOCKS: &[&str] = &[
    "security_rule",
    "ip_configuration",
    "route",
    "storage_os_disk",
    "os_disk",
    "rule",
    "network_rule_collection",
    "application_rule_collection",
    "nat_rule_collection",
    "protocols",
    "subnet",
    "delegation",
    "service_delegation",
    "content",
];

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The end of the expression that starts at `i` inside an interpolation or directive: the index of the
/// `}` that closes it (quoted strings in it, and the templates in those, are skipped whole). `None` when
/// nothing closes it.
fn expr_end(b: &[char], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    while i < b.len() {
        match b[i] {
            '"' => i = string_end(b, i)?,
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index of the `"` closing the quoted string whose opening `"` is at `i`.
fn string_end(b: &[char], mut i: usize) -> Option<usize> {
    i += 1;
    while i < b.len() {
        match b[i] {
            '\\' => i += 1,
            '"' => return Some(i),
            '$' | '%' if b.get(i + 1) == Some(&b[i]) && b.get(i + 2) == Some(&'{') => i += 2,
            '$' | '%' if b.get(i + 1) == Some(&'{') => i = expr_end(b, i + 2)?,
            _ => {}
        }
        i += 1;
    }
    None
}

/// A JSON string's template in the native syntax: the text between the interpolations and directives
/// escaped, the expressions in them as written (`"nsg-${lookup(var.m, \"a\")}"` keeps its quotes).
/// `None` when an interpolation is not closed.
fn template(s: &str) -> Option<String> {
    let b: Vec<char> = s.chars().collect();
    let mut out = String::from("\"");
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if (c == '$' || c == '%') && b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&'{') {
            // `$${` and `%%{` are the literal text `${` and `%{` in both syntaxes
            out.extend(&b[i..i + 3]);
            i += 3;
        } else if (c == '$' || c == '%') && b.get(i + 1) == Some(&'{') {
            let end = expr_end(&b, i + 2)?;
            out.extend(&b[i..=end]);
            i = end + 1;
        } else {
            let q = quote(&c.to_string());
            out.push_str(&q[1..q.len() - 1]);
            i += 1;
        }
    }
    out.push('"');
    Some(out)
}

/// A JSON value as an expression: a string `"${expr}"` is the expression itself; other strings are
/// templates; `literal` strings (variable defaults) keep `${` as text.
fn expr(v: &Value, literal: bool) -> String {
    match v {
        Value::String(s) if !literal => {
            let t = s.trim();
            let b: Vec<char> = t.chars().collect();
            if t.starts_with("${") && expr_end(&b, 2) == Some(b.len() - 1) {
                let inner: String = b[2..b.len() - 1].iter().collect();
                format!("({inner})")
            } else {
                template(s).unwrap_or_else(|| quote(s))
            }
        }
        Value::String(s) => quote(s).replace("${", "$${").replace("%{", "%%{"),
        Value::Array(a) => format!(
            "[{}]",
            a.iter()
                .map(|x| expr(x, literal))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(o) => format!(
            "{{ {} }}",
            o.iter()
                .filter(|(k, _)| !crate::ingest::json::is_loc_key(k))
                .map(|(k, x)| format!("{} = {}", quote(k), expr(x, literal)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

fn body(o: &Map<String, Value>, out: &mut String) {
    for (k, v) in o {
        if crate::ingest::json::is_loc_key(k) || k == "//" {
            continue;
        }
        match (k.as_str(), v) {
            ("dynamic", Value::Object(d)) => {
                for (label, spec) in d {
                    for s in as_list(spec) {
                        out.push_str(&format!("dynamic {} {{\n", quote(label)));
                        body(s, out);
                        out.push_str("}\n");
                    }
                }
            }
            (b, Value::Object(_) | Value::Array(_))
                if BLOCKS.contains(&b) && !as_list(v).is_empty() =>
            {
                for s in as_list(v) {
                    out.push_str(&format!("{b} {{\n"));
                    body(s, out);
                    out.push_str("}\n");
                }
            }
            ("lifecycle" | "provisioner" | "connection" | "timeouts", _) => {}
            _ => out.push_str(&format!("{k} = {}\n", expr(v, false))),
        }
    }
}

/// The entries of an object, or of each object of a list, without the reader's location keys.
fn entries(v: &Value) -> Vec<(&String, &Value)> {
    as_list(v)
        .into_iter()
        .flatten()
        .filter(|(k, _)| !crate::ingest::json::is_loc_key(k))
        .collect()
}

fn as_list(v: &Value) -> Vec<&Map<String, Value>> {
    match v {
        Value::Object(o) => vec![o],
        Value::Array(a) => a.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    }
}

/// A resource (`type.name`) and its byte span in the JSON text.
pub type Spanned = (String, (usize, usize));

/// The native syntax of a `.tf.json` document, and each resource's byte span in the JSON text
/// (`type.name` → span). A value of the wrong type where Terraform's JSON syntax wants an object (the
/// document itself, `resource`, a type, a resource's body) is an input error at its place.
pub fn to_native(src: &Src<'_>, doc: &Value) -> Result<(String, Vec<Spanned>), Error> {
    let mut out = String::new();
    let mut spans = Vec::new();
    let Some(top) = doc.as_object() else {
        return Err(src.err_doc(format!(
            "a Terraform JSON file holds one object (`resource`, `variable`, `module`, …), found {}",
            kind_of(doc)
        )));
    };
    // an object, or a list of objects: the entries of each
    let objs = |parent: &Map<String, Value>, key: &str, what: &str| -> Result<(), Error> {
        let v = &parent[key];
        let ok = match v {
            Value::Object(_) => true,
            Value::Array(a) => a.iter().all(Value::is_object),
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(Error::at(
                &src.member_origin(parent, key),
                format!(
                    "`{key}` of {what} must be an object (or a list of objects), found {}: Terraform refuses it",
                    kind_of(v)
                ),
            ))
        }
    };
    for (kind, v) in top {
        if crate::ingest::json::is_loc_key(kind) || kind == "//" {
            continue;
        }
        if matches!(
            kind.as_str(),
            "resource" | "data" | "variable" | "locals" | "module" | "output"
        ) {
            objs(top, kind, "the file")?;
        }
        match kind.as_str() {
            "resource" | "data" => {
                for parent in as_list(v) {
                    for (ty, by_name) in parent.iter().filter(|(k, _)| !is_loc_key(k)) {
                        objs(parent, ty, &format!("`{kind}`"))?;
                        for by in as_list(by_name) {
                            for (name, b) in by.iter().filter(|(k, _)| !is_loc_key(k)) {
                                objs(by, name, &format!("`{ty}`"))?;
                                for o in as_list(b) {
                                    check_blocks(src, o, &format!("`{ty}.{name}`"))?;
                                    if kind == "resource"
                                        && let Some(l) = crate::ingest::json::loc_of(o)
                                    {
                                        spans.push((format!("{ty}.{name}"), (l.start, l.end)));
                                    }
                                    out.push_str(&format!(
                                        "{kind} {} {} {{\n",
                                        quote(ty),
                                        quote(name)
                                    ));
                                    body(o, &mut out);
                                    out.push_str("}\n");
                                }
                            }
                        }
                    }
                }
            }
            "variable" => {
                for (name, o) in entries(v) {
                    out.push_str(&format!("variable {} {{\n", quote(name)));
                    for o in as_list(o) {
                        if let Some(d) = o.get("default") {
                            out.push_str(&format!("default = {}\n", expr(d, true)));
                        }
                        if let Some(Value::String(t)) = o.get("type") {
                            out.push_str(&format!("type = {t}\n"));
                        }
                        // a sensitive variable's value is never shown, in either syntax
                        if let Some(Value::Bool(true)) = o.get("sensitive") {
                            out.push_str("sensitive = true\n");
                        }
                    }
                    out.push_str("}\n");
                }
            }
            "locals" => {
                for o in as_list(v) {
                    out.push_str("locals {\n");
                    body(o, &mut out);
                    out.push_str("}\n");
                }
            }
            "module" | "output" => {
                for (name, b) in entries(v) {
                    for o in as_list(b) {
                        out.push_str(&format!("{kind} {} {{\n", quote(name)));
                        body(o, &mut out);
                        out.push_str("}\n");
                    }
                }
            }
            _ => {}
        }
    }
    Ok((out, spans))
}

/// A nested block written as a value that is neither an object nor a list of objects
/// (`"security_rule": "oops"`) is refused at its place, at any depth.
fn check_blocks(src: &Src<'_>, o: &Map<String, Value>, what: &str) -> Result<(), Error> {
    for (k, v) in o {
        if !BLOCKS.contains(&k.as_str()) {
            continue;
        }
        let items: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        for it in items {
            match it {
                Value::Object(b) => check_blocks(src, b, what)?,
                other => {
                    return Err(Error::at(
                        &src.member_origin(o, k),
                        format!(
                            "`{k}` of {what} must be a block (an object, or a list of objects), found {}: Terraform refuses it",
                            kind_of(other)
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}
