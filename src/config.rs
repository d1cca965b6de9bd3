//! The configuration file: `.azegress.yaml` in the current directory or a directory above it up to the
//! repository's root (the first directory holding `.git`), or the file `--config FILE` names. It holds what
//! a repository passes on every run (packs, region, what to fail on, paths to skip, suppressions, format,
//! baseline); a flag given on the command line wins over the file. An unknown key is an error at its
//! `file:line:col` with the closest known key.

use crate::error::{Error, InputError};
use crate::gate::pack::Severity;
use crate::ingest::yaml_pos::YamlPos;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The name looked for.
pub const FILE_NAME: &str = ".azegress.yaml";

/// Every key the file takes.
pub const KEYS: &[&str] = &[
    "region",
    "packs",
    "fail-on",
    "skip-paths",
    "suppress",
    "format",
    "baseline",
    "strict",
];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    region: Option<String>,
    packs: Option<Vec<String>>,
    fail_on: Option<String>,
    #[serde(default)]
    skip_paths: Vec<String>,
    #[serde(default)]
    suppress: Vec<String>,
    format: Option<String>,
    baseline: Option<String>,
    strict: Option<bool>,
}

/// A configuration file, read and checked; paths in it are relative to its own directory.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file as found or named (`.azegress.yaml`, `../.azegress.yaml`, `ci/azegress.yaml`).
    pub file: String,
    /// `region`: the region for commands that take `--region`.
    pub region: Option<String>,
    /// `packs`: built-in pack names, or pack files (relative to the file's directory).
    pub packs: Vec<String>,
    /// `fail-on`: `error` or `warning`.
    pub fail_on: Option<Severity>,
    /// `skip-paths`: globs of files and directories `gate` does not read.
    pub skip_paths: Vec<String>,
    /// `suppress` entries that are diagnostic codes or lint names (like `--allow`).
    pub allow: Vec<String>,
    /// `suppress` entries that are finding fingerprints (16 hexadecimal digits, as the baseline holds).
    pub fingerprints: Vec<String>,
    /// `format`: `gate`'s output format, checked by the command line against the formats it offers.
    pub format: Option<String>,
    /// `baseline`: the baseline file `gate` reads (relative to the file's directory).
    pub baseline: Option<String>,
    /// `strict: true`: every assumption makes a verdict inconclusive.
    pub strict: bool,
    pos: YamlPos,
}

impl Config {
    /// The configuration for this run: `explicit` (`--config FILE`), else `.azegress.yaml` found from the
    /// current directory up to the repository root; `None` when there is none.
    pub fn load(explicit: Option<&str>) -> Result<Option<Config>, Error> {
        match explicit {
            Some(f) => Config::read(f).map(Some),
            None => {
                let cwd = std::env::current_dir().map_err(|source| Error::Io {
                    path: ".".into(),
                    source,
                })?;
                discover(&cwd).map(|f| Config::read(&f)).transpose()
            }
        }
    }

    /// Reads and checks one configuration file.
    pub fn read(file: &str) -> Result<Config, Error> {
        let text = crate::ingest::read(file)?;
        Config::parse(&text, file)
    }

    /// Parses the text of a configuration file named `file`.
    pub fn parse(text: &str, file: &str) -> Result<Config, Error> {
        let pos = YamlPos::of(text);
        let doc: serde_yaml::Value =
            serde_yaml::from_str(text).map_err(|e| yaml_error(file, &e))?;
        let raw: Raw = match doc {
            serde_yaml::Value::Null => Raw::default(),
            serde_yaml::Value::Mapping(_) => {
                serde_yaml::from_str(text).map_err(|e| yaml_error(file, &e))?
            }
            _ => {
                return Err(Error::input(
                    file,
                    1,
                    format!(
                        "not an azegress configuration: expected keys such as `region:` and `packs:` (the keys are {})",
                        KEYS.join(", ")
                    ),
                ));
            }
        };
        let dir = Path::new(file)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let mut c = Config {
            file: file.to_string(),
            pos,
            ..Config::default()
        };
        c.region = raw.region.filter(|r| !r.trim().is_empty());
        c.packs = raw
            .packs
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                let is_file = p.contains('/')
                    || p.contains('\\')
                    || p.ends_with(".yaml")
                    || p.ends_with(".yml");
                if is_file { relative_to(&dir, &p) } else { p }
            })
            .collect();
        if let Some(f) = raw.fail_on {
            c.fail_on = Some(match f.trim().to_ascii_lowercase().as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                _ => {
                    return Err(c.error_at(
                        "/fail-on",
                        format!("fail-on: `{f}` is not a severity gate fails on: error or warning"),
                    ));
                }
            });
        }
        for (i, g) in raw.skip_paths.iter().enumerate() {
            if let Err(e) = crate::app::gate::SkipPaths::new(std::slice::from_ref(g)) {
                return Err(c.error_at(&format!("/skip-paths/{i}"), format!("skip-paths: {e}")));
            }
            c.skip_paths.push(g.clone());
            // a pattern with a `/` is anchored at the file's own directory too, wherever gate is run from
            let anchored = relative_to(&dir, g.trim_start_matches("./"));
            if g.contains('/') && anchored != *g {
                c.skip_paths.push(anchored);
            }
        }
        for (i, s) in raw.suppress.iter().enumerate() {
            let t = s.trim();
            if t.len() == 16 && t.chars().all(|ch| ch.is_ascii_hexdigit()) {
                c.fingerprints.push(t.to_ascii_lowercase());
            } else if crate::diag::lookup(t).is_some() {
                c.allow.push(t.to_string());
            } else {
                return Err(c.error_at(
                    &format!("/suppress/{i}"),
                    format!(
                        "suppress: `{t}` is neither a diagnostic code or lint name (see `azegress explain --list`) nor a finding fingerprint (16 hexadecimal digits, as `--write-baseline` records them){}",
                        did_you_mean(t, crate::diag::CODES.iter().flat_map(|c| [c.code, c.name]))
                    ),
                ));
            }
        }
        c.format = raw.format;
        c.baseline = raw.baseline.map(|b| relative_to(&dir, &b));
        c.strict = raw.strict.unwrap_or(false);
        Ok(c)
    }

    /// An input error at the place of the value at `pointer` (`/format`, `/packs/2`) in the file.
    pub fn error_at(&self, pointer: &str, message: String) -> Error {
        let (line, col) = self.pos.get(pointer).unwrap_or((0, 0));
        Error::Input(InputError::at(&self.file, line, col, message))
    }
}

/// `p` relative to `dir` (the configuration file's directory), as the current directory sees it.
fn relative_to(dir: &Path, p: &str) -> String {
    if dir.as_os_str().is_empty() || dir == Path::new(".") || Path::new(p).is_absolute() {
        p.to_string()
    } else {
        dir.join(p).display().to_string()
    }
}

/// The configuration file that applies in `start`: `.azegress.yaml` there or in a directory above it, up
/// to the repository's root (the first directory holding `.git`). Outside a repository only `start` itself
/// is looked at. The path returned is relative to `start` (`.azegress.yaml`, `../../.azegress.yaml`).
pub fn discover(start: &Path) -> Option<String> {
    let root = start
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf);
    let mut rel = PathBuf::new();
    for d in start.ancestors() {
        if d.join(FILE_NAME).is_file() {
            return Some(rel.join(FILE_NAME).display().to_string());
        }
        if root.as_deref().is_none_or(|r| r == d) {
            return None;
        }
        rel.push("..");
    }
    None
}

/// "; did you mean `x`?" for the known word closest to `word`, when one is close.
pub fn did_you_mean<'a>(word: &str, known: impl Iterator<Item = &'a str>) -> String {
    let w = word.to_ascii_lowercase();
    known
        .map(|k| (strsim::jaro_winkler(&w, &k.to_ascii_lowercase()), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| format!("; did you mean `{k}`?"))
        .unwrap_or_default()
}

/// A YAML error as `file:line:col: message`; an unknown key names the closest known one and every key.
fn yaml_error(file: &str, e: &serde_yaml::Error) -> Error {
    let (line, col) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    let msg = match msg
        .strip_prefix("unknown field `")
        .and_then(|r| r.split_once('`'))
    {
        Some((key, _)) => format!(
            "unknown key `{key}`{} (the keys are {})",
            did_you_mean(key, KEYS.iter().copied()),
            KEYS.join(", ")
        ),
        None => format!("not an azegress configuration: {msg}"),
    };
    Error::Input(InputError::at(file, line, col, msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_key_is_named_at_its_place_with_the_closest_key() {
        let e = Config::parse("region: westeurope\nfail_on: warning\n", "c.yaml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("c.yaml:2:1: unknown key `fail_on`"), "{e}");
        assert!(e.contains("did you mean `fail-on`?"), "{e}");
    }

    #[test]
    fn values_are_checked_at_their_place() {
        let e = Config::parse("fail-on: sometimes\n", "c.yaml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("c.yaml:1:10: fail-on: `sometimes`"), "{e}");
        let e = Config::parse("suppress:\n  - AZE0630\n  - wide-port-rnge\n", "c.yaml")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("c.yaml:3:5: suppress:"), "{e}");
        assert!(e.contains("did you mean `wide-port-range`?"), "{e}");
        let c = Config::parse(
            "suppress: [AZE0630, 0123456789ABCDEF]\npacks: [azure-vm-backup, p/x.yaml]\n",
            "ci/c.yaml",
        )
        .unwrap();
        assert_eq!(c.allow, ["AZE0630"]);
        assert_eq!(c.fingerprints, ["0123456789abcdef"]);
        assert_eq!(c.packs, ["azure-vm-backup", "ci/p/x.yaml"]);
    }

    #[test]
    fn an_empty_file_is_no_setting() {
        let c = Config::parse("# nothing yet\n", ".azegress.yaml").unwrap();
        assert!(c.region.is_none() && c.packs.is_empty());
    }

    #[test]
    fn found_up_to_the_repository_root_and_no_further() {
        let d = tempfile::tempdir().unwrap();
        let repo = d.path().join("repo");
        let sub = repo.join("infra/envs");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::create_dir(repo.join(".git")).unwrap();
        // above the repository: never read
        std::fs::write(d.path().join(FILE_NAME), "region: x\n").unwrap();
        assert_eq!(discover(&sub), None);
        std::fs::write(repo.join(FILE_NAME), "region: y\n").unwrap();
        assert_eq!(discover(&sub).as_deref(), Some("../../.azegress.yaml"));
        assert_eq!(discover(&repo).as_deref(), Some(".azegress.yaml"));
    }
}
