//! Writing files the user asked for, safely: through a temporary file in the destination's own directory,
//! then renamed into place, so a reader never sees half a file and a crash leaves the old one. The rename
//! replaces a symlink at the destination itself and never writes through it (to the original input or to
//! a file outside the directory). An existing destination is kept unless the caller says to replace it.

use crate::error::Error;
use std::io::Write;
use std::path::Path;

/// What to do when the destination exists already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Keep it and fail (`fix --write` without `--force`).
    Keep,
    /// Replace it (a report the user names again on every run, or `--force`).
    Replace,
}

/// Writes `bytes` to `path` atomically, never following a symlink at `path`.
pub fn write_file(path: &str, bytes: &[u8], existing: Existing) -> Result<(), Error> {
    let p = Path::new(path);
    let fail = |source: std::io::Error| Error::Write {
        path: path.to_string(),
        source,
    };
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => {
            return Err(fail(std::io::Error::other("it is a directory")));
        }
        Ok(m) if existing == Existing::Keep => {
            let what = if m.file_type().is_symlink() {
                "a symlink of that name exists (it is never written through)"
            } else {
                "the file exists"
            };
            return Err(Error::Usage(format!(
                "cannot write {}: {what}; it is kept as it is: remove it or pass --force to replace it",
                crate::report::safe::one_line(path)
            )));
        }
        _ => {}
    }
    let dir = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".azegress-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(fail)?;
    match existing {
        // rename(2) replaces whatever is at `path` — a symlink included — without following it
        Existing::Replace => tmp.persist(p).map(|_| ()).map_err(|e| fail(e.error)),
        // never over a file that appeared meanwhile
        Existing::Keep => tmp
            .persist_noclobber(p)
            .map(|_| ())
            .map_err(|e| fail(e.error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symlink_is_replaced_never_written_through() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("original.json");
        std::fs::write(&target, "original").unwrap();
        let link = d.path().join("x.fixed.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let l = link.to_string_lossy().into_owned();
        // kept without Replace
        let e = write_file(&l, b"new", Existing::Keep)
            .unwrap_err()
            .to_string();
        assert!(e.contains("symlink") && e.contains("--force"), "{e}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "original");
        write_file(&l, b"new", Existing::Replace).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "original");
        assert!(
            !std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "new");
        // no temporary file is left behind
        let left: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty());
    }

    #[test]
    fn a_directory_or_missing_parent_is_a_write_error() {
        let d = tempfile::tempdir().unwrap();
        let e = write_file(&d.path().to_string_lossy(), b"x", Existing::Replace)
            .unwrap_err()
            .to_string();
        assert!(e.contains("cannot write") && e.contains("directory"), "{e}");
        let missing = d.path().join("no/such/dir/f.json");
        let e = write_file(&missing.to_string_lossy(), b"x", Existing::Replace)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("cannot write "), "{e}");
    }
}
