//! Small helpers over `serde_json::Value`: case-insensitive keys and locating text for line numbers.

use serde_json::{Map, Value};

/// Field of an object, matching the key case-insensitively (ARM camelCase, PowerShell PascalCase).
pub fn get_ci<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    obj.get(key).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

/// A field that is neither absent nor null.
pub fn get_present<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    get_ci(obj, key).filter(|v| !v.is_null())
}

/// 1-based line of the first `"key": "value"` pair in `text` (0 when not found).
pub fn line_of_pair(text: &str, key: &str, value: &str) -> usize {
    let needle = format!("\"{value}\"");
    let mut from = 0;
    while let Some(pos) = text.get(from..).and_then(|t| t.find(&needle)) {
        let at = from + pos;
        let before = text.get(..at).unwrap_or("").trim_end();
        if let Some(b) = before.strip_suffix(':') {
            let b = b.trim_end();
            if b.len() >= key.len() + 2
                && b.get(b.len() - key.len() - 2..)
                    .is_some_and(|k| k.eq_ignore_ascii_case(&format!("\"{key}\"")))
            {
                return crate::tags::line_of_offset(text, at);
            }
        }
        from = at + needle.len();
    }
    0
}

/// 1-based line of the first occurrence of `needle` (0 when not found).
pub fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map_or(0, |p| crate::tags::line_of_offset(text, p))
}

/// The strings of a field that may be a string, an array of strings, or null.
pub fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| match x {
                Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        Some(Value::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}
