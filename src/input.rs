//! Reading input files safely: a size bound, no FIFO, socket or device, standard input as `-`, UTF-8 and
//! UTF-16 text, and the record of every file read (a report is never written over one). The lowest layer:
//! every reader (`ingest`, `tags`) reads through it.

use crate::error::Error;
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
pub(crate) fn substitute(path: &str) -> String {
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
        let line = line_of_offset(&String::from_utf8_lossy(e.as_bytes()), at);
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

/// The 1-based line of byte offset `pos` in `text`.
pub(crate) fn line_of_offset(text: &str, pos: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(pos)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
