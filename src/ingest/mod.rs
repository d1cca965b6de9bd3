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
use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};

/// Default bound on one input file: far above any real export, far below what would exhaust memory.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 1 << 30;
static MAX_INPUT_BYTES: AtomicU64 = AtomicU64::new(DEFAULT_MAX_INPUT_BYTES);

/// Sets the largest input file the readers accept (`--max-input-size`).
pub fn set_max_input_bytes(n: u64) {
    MAX_INPUT_BYTES.store(n, Ordering::Relaxed);
}

/// The largest input the readers accept now.
pub fn max_input_bytes() -> u64 {
    MAX_INPUT_BYTES.load(Ordering::Relaxed)
}

thread_local! {
    /// Files read in place of others (canonical path → the file to read), for [`with_substitutes`].
    static SUBSTITUTES: std::cell::RefCell<Vec<(std::path::PathBuf, String)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with every read of a file in `subs` (canonical path → file) reading the other file instead:
/// `fix` checks its written `.fixed` files from disk, in the places of the originals, however the inputs
/// name them (a flag, a scenario's `from:`, a squid `include`).
pub fn with_substitutes<T>(subs: Vec<(std::path::PathBuf, String)>, f: impl FnOnce() -> T) -> T {
    let old = SUBSTITUTES.with(|s| std::mem::replace(&mut *s.borrow_mut(), subs));
    let out = f();
    SUBSTITUTES.with(|s| *s.borrow_mut() = old);
    out
}

/// The file to read for `path`: its substitute while [`with_substitutes`] runs, else itself.
fn substitute(path: &str) -> String {
    SUBSTITUTES.with(|s| {
        let s = s.borrow();
        if s.is_empty() {
            return path.to_string();
        }
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| std::path::PathBuf::from(path));
        s.iter()
            .find(|(k, _)| *k == key)
            .map_or_else(|| path.to_string(), |(_, f)| f.clone())
    })
}

/// The name standard input goes by: the command line turns a `-` argument into it, so that every message,
/// location and report names `<stdin>:line:col`. A file of that very name is read as `./<stdin>`.
pub const STDIN: &str = "<stdin>";

/// Standard input, read once (the first time an input names it) and kept for every later read.
static STDIN_BYTES: std::sync::OnceLock<Result<Vec<u8>, String>> = std::sync::OnceLock::new();

/// Whether `path` names standard input (`<stdin>`, or `-` for callers that did not rename it).
pub fn is_stdin(path: &str) -> bool {
    path == STDIN || path == "-"
}

/// Standard input's bytes: read to its end once, within the input bound, then the same bytes for every
/// input that names it.
fn read_stdin() -> Result<Vec<u8>, Error> {
    let limit = MAX_INPUT_BYTES.load(Ordering::Relaxed);
    let got = STDIN_BYTES.get_or_init(|| {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() {
            return Err(
                "`-` reads standard input, but it is a terminal: pipe the input in (`az network nsg show … | azegress check --nic-nsg - …`) or name a file".into(),
            );
        }
        let mut bytes = Vec::new();
        match std::io::stdin()
            .lock()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
        {
            Ok(_) if bytes.len() as u64 > limit => Err(format!(
                "larger than {limit} bytes, the input size limit; if this is really an export, raise it with --max-input-size"
            )),
            Ok(_) => Ok(bytes),
            Err(e) => Err(format!("cannot read standard input: {e}")),
        }
    });
    match got {
        Ok(b) if b.is_empty() => Err(Error::input(
            STDIN,
            0,
            "standard input is empty: pipe the input in (`az network nsg show … | azegress check --nic-nsg - …`) or name a file instead of `-`",
        )),
        Ok(b) => Ok(b.clone()),
        Err(m) => Err(Error::input(STDIN, 0, m.clone())),
    }
}

/// The real paths of the files read so far (for [`files_read`]).
static READ_FILES: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

fn record_read(path: &str) {
    if let Ok(r) = std::fs::canonicalize(path)
        && let Ok(mut v) = READ_FILES.lock()
    {
        v.push(r);
    }
}

/// The real paths of every file the readers have read in this process: a report the user asks to be
/// written (`--output FILE`) is refused over any of them, as it would destroy an input.
pub fn files_read() -> Vec<std::path::PathBuf> {
    READ_FILES.lock().map(|v| v.clone()).unwrap_or_default()
}

/// Reads a file's bytes, refusing more than the input bound (also for endless devices such as `/dev/zero`).
/// [`STDIN`] reads standard input (once; see [`is_stdin`]).
pub fn read_bytes(path: &str) -> Result<Vec<u8>, Error> {
    if is_stdin(path) {
        return read_stdin();
    }
    let real = substitute(path);
    record_read(&real);
    let io = |source| Error::Io {
        path: path.to_string(),
        source,
    };
    let limit = MAX_INPUT_BYTES.load(Ordering::Relaxed);
    refuse_pipe(&real)?;
    let f = std::fs::File::open(&real).map_err(io)?;
    let too_big = || {
        Error::input(
            path,
            0,
            format!(
                "larger than {} bytes, the input size limit; if this is really an export, raise it with --max-input-size",
                limit
            ),
        )
    };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    if len > limit {
        return Err(too_big());
    }
    // sized once from the metadata (a file that grows meanwhile still meets the limit below): reading a large
    // export into a vector that doubles would hold up to three times its size
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    crate::report::progress::reading(path, len);
    f.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    crate::report::progress::read(path, bytes.len() as u64);
    Ok(bytes)
}

/// Refuses anything but a regular file before opening it: opening a FIFO waits, forever when nothing
/// writes to it, and a device (`/dev/zero`, `/dev/urandom`) never ends: reading one up to the size bound
/// costs seconds and gigabytes.
fn refuse_pipe(path: &str) -> Result<(), Error> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if let Ok(m) = std::fs::metadata(path) {
            let t = m.file_type();
            let what = if t.is_fifo() {
                "a FIFO, which waits until something writes to it"
            } else if t.is_socket() {
                "a socket"
            } else if t.is_char_device() || t.is_block_device() {
                "a device"
            } else {
                return Ok(());
            };
            return Err(Error::input(
                path,
                0,
                format!(
                    "not a regular file ({what}): save the input to a file and pass that (gate also reads directories)"
                ),
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Reads a file to a string, naming it in the error.
pub fn read(path: &str) -> Result<String, Error> {
    utf8_text(path, read_bytes(path)?)
}

/// A file's bytes as text. UTF-8 (a leading byte-order mark dropped) and UTF-16 little- or big-endian
/// with a byte-order mark (what PowerShell 5's `>` and `Out-File` write) are decoded; every location a
/// reader reports then refers to the decoded text (lines and columns are the same as in an editor). Any
/// other encoding is refused in one line that names it and says how to save the file as UTF-8.
pub fn utf8_text(path: &str, bytes: Vec<u8>) -> Result<String, Error> {
    let resave = |enc: &str, iconv: &str| {
        format!(
            "the file is {enc}, not UTF-8 or UTF-16: save it as UTF-8 (PowerShell: `Get-Content {path} | Out-File -Encoding utf8 new.json`; Linux/macOS: `iconv -f {iconv} -t UTF-8 {path} > new.json`) and pass that"
        )
    };
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(Error::input(path, 1, resave("UTF-32", "UTF-32")));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16_text(path, rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16_text(path, rest, u16::from_be_bytes);
    }
    // UTF-16 without a byte-order mark: ASCII text with every other byte NUL
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() >= 4 {
        let (even, odd): (Vec<u8>, Vec<u8>) = head.chunks_exact(2).map(|c| (c[0], c[1])).unzip();
        let ascii = |v: &[u8]| v.iter().all(|b| (0x09..0x7f).contains(b));
        let nul = |v: &[u8]| v.iter().all(|b| *b == 0);
        if nul(&odd) && ascii(&even) {
            return utf16_text(path, &bytes, u16::from_le_bytes);
        }
        if nul(&even) && ascii(&odd) {
            return utf16_text(path, &bytes, u16::from_be_bytes);
        }
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = json::line_of_offset(&String::from_utf8_lossy(e.as_bytes()), at);
        let b = e.as_bytes()[at];
        let enc = format!(
            "not UTF-8 (byte 0x{b:02X}; likely a Windows code page such as Windows-1252 or ISO-8859-1)"
        );
        Error::input(path, line, resave(&enc, "WINDOWS-1252"))
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// UTF-16 code units (after the byte-order mark) decoded; an odd length or a lone surrogate names the line.
fn utf16_text(path: &str, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, Error> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    let mut out = String::with_capacity(units.len());
    for (i, c) in char::decode_utf16(units.iter().copied()).enumerate() {
        match c {
            Ok(c) => out.push(c),
            Err(_) => {
                let line = out.matches('\n').count() + 1;
                return Err(Error::input(
                    path,
                    line,
                    format!(
                        "invalid UTF-16 text (a lone surrogate at code unit {i}): save the file again as UTF-8"
                    ),
                ));
            }
        }
    }
    if bytes.len() % 2 == 1 {
        let line = out.matches('\n').count() + 1;
        return Err(Error::input(
            path,
            line,
            "UTF-16 text cut in the middle of a character (odd number of bytes): the file is truncated; export it again",
        ));
    }
    Ok(out
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(out))
}

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

/// The kind of a file that is not a regular one, in words.
pub fn file_kind(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        } else if t.is_socket() {
            return "a socket";
        } else if t.is_char_device() {
            return "a character device";
        } else if t.is_block_device() {
            return "a block device";
        }
    }
    if t.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}
