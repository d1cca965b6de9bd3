//! Values Terraform marks sensitive that took part in a run: the readers record them, every output
//! ([`crate::report::safe::terminal`]) shows [`SENSITIVE`] in their place. A process-wide registry, so no
//! reader needs to know about output and no reporter about Terraform.

use std::borrow::Cow;

/// What is shown in place of a value Terraform marks sensitive.
pub const SENSITIVE: &str = "(sensitive)";

/// Values Terraform marks sensitive that took part in this run (as written, and as JSON spells them), and
/// whether one was shown in their place.
static SECRETS: std::sync::RwLock<Vec<String>> = std::sync::RwLock::new(Vec::new());
static REDACTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Words of the rules themselves, never secrets: a sensitive value spelled so is not hidden everywhere.
const NOT_SECRET: &[&str] = &[
    "allow",
    "deny",
    "inbound",
    "outbound",
    "tcp",
    "udp",
    "icmp",
    "any",
    "internet",
    "virtualnetwork",
    "azureloadbalancer",
    "true",
    "false",
    "null",
];

/// Records `v`, a value Terraform marks sensitive (plan `sensitive_values`, state `sensitive_attributes`, a
/// `sensitive` variable, `sensitive()`): every output shows [`SENSITIVE`] in its place. Values shorter
/// than four characters and the rules' own words are not hidden (they would hide every `Allow`).
pub fn mark_sensitive(v: &str) {
    let v = v.trim();
    // a value not known offline is held as a marker with NUL characters: never a secret of its own
    if v.contains('\u{0}')
        || v.chars().count() < 4
        || NOT_SECRET.iter().any(|w| v.eq_ignore_ascii_case(w))
    {
        return;
    }
    let Ok(mut s) = SECRETS.write() else { return };
    let json = serde_json::to_string(v).unwrap_or_default();
    let json = json.trim_matches('"').to_string();
    for x in [v.to_string(), json] {
        if !s.contains(&x) {
            s.push(x);
        }
    }
    // the longest first, so a secret holding another is hidden whole
    s.sort_by_key(|x| std::cmp::Reverse(x.len()));
}

/// Did an output show [`SENSITIVE`] in place of a value?
pub fn redacted() -> bool {
    REDACTED.load(std::sync::atomic::Ordering::Relaxed)
}

/// `text` with every value marked sensitive replaced by [`SENSITIVE`].
pub fn redact(text: &str) -> Cow<'_, str> {
    let Ok(s) = SECRETS.read() else {
        return Cow::Borrowed(text);
    };
    if s.is_empty() || !s.iter().any(|x| text.contains(x.as_str())) {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for x in s.iter() {
        if out.contains(x.as_str()) {
            out = out.replace(x.as_str(), SENSITIVE);
        }
    }
    REDACTED.store(true, std::sync::atomic::Ordering::Relaxed);
    Cow::Owned(out)
}
