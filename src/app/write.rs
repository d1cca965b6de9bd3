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
    refuse_existing(path, existing)?;
    stage_file(path, bytes, None)?.persist(existing)
}

/// Fails when `path` cannot be written with `existing`: it is a directory, or it exists (a symlink
/// included) and is to be kept.
pub fn refuse_existing(path: &str, existing: Existing) -> Result<(), Error> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Err(Error::Write {
            path: path.to_string(),
            source: std::io::Error::other("it is a directory"),
        }),
        Ok(m) if existing == Existing::Keep => {
            let what = if m.file_type().is_symlink() {
                "a symlink of that name exists (it is never written through)"
            } else {
                "the file exists"
            };
            Err(Error::Usage(format!(
                "cannot write {}: {what}; it is kept as it is: remove it or pass --force to replace it",
                crate::report::safe::one_line(path)
            )))
        }
        _ => Ok(()),
    }
}

/// A file written in full beside its destination under a temporary name, not yet in place: it can be read
/// (at [`Staged::temp_path`]) before [`Staged::persist`] renames it over the destination; dropped, it is
/// removed and the destination is untouched.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    path: String,
}

impl Staged {
    /// Where the staged file is until it is persisted (in the destination's directory).
    pub fn temp_path(&self) -> &Path {
        self.tmp.path()
    }

    /// The destination.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Renames the file into place: over whatever is at the destination (a symlink itself, never through
    /// it) with [`Existing::Replace`], else only where nothing is.
    pub fn persist(self, existing: Existing) -> Result<(), Error> {
        let p = Path::new(&self.path);
        let path = self.path.clone();
        let fail = |source: std::io::Error| Error::Write { path, source };
        match existing {
            // rename(2) replaces whatever is at `path` — a symlink included — without following it
            Existing::Replace => self.tmp.persist(p).map(|_| ()).map_err(|e| fail(e.error)),
            // never over a file that appeared meanwhile
            Existing::Keep => self
                .tmp
                .persist_noclobber(p)
                .map(|_| ())
                .map_err(|e| fail(e.error)),
        }
    }
}

/// Writes `bytes` to a temporary file in `path`'s directory, synced, with the permission bits `mode` (else
/// the temporary file's own, 0600); its name ends in `path`'s file name (`.azegress-XXXXXX-main.fixed.tf`),
/// so a reader that goes by the name reads it as it would read `path`.
pub fn stage_file(path: &str, bytes: &[u8], mode: Option<u32>) -> Result<Staged, Error> {
    let p = Path::new(path);
    let fail = |source: std::io::Error| Error::Write {
        path: path.to_string(),
        source,
    };
    if std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()) {
        return Err(fail(std::io::Error::other("it is a directory")));
    }
    let dir = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let suffix = p
        .file_name()
        .map(|n| format!("-{}", n.to_string_lossy()))
        .unwrap_or_else(|| ".tmp".into());
    let mut tmp = tempfile::Builder::new()
        .prefix(".azegress-")
        .suffix(&suffix)
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    if let Some(mode) = mode {
        set_mode(tmp.as_file(), mode).map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    Ok(Staged {
        tmp,
        path: path.to_string(),
    })
}

/// The permission bits of the file at `path` (read, write, execute for owner, group and others), to give
/// a file written in its place or beside it.
pub fn mode_of(path: &str) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

#[cfg(unix)]
fn set_mode(f: &std::fs::File, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(std::fs::Permissions::from_mode(mode & 0o777))
}

#[cfg(not(unix))]
fn set_mode(_: &std::fs::File, _: u32) -> std::io::Result<()> {
    Ok(())
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
