//! JSON reporter (`schema_version` 1; add fields, never rename).

/// Pretty JSON with a trailing newline.
pub fn to_json<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_string_pretty(v) {
        Ok(s) => super::safe::json(s) + "\n",
        // Serialising plain data structs cannot fail; keep a valid JSON answer regardless.
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}
