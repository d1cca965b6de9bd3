//! The user's cache of downloaded service-tag files (`azegress tags update` writes it, `check` reads the
//! newest file from it) and the age of the file in use. Files only: the download itself is in
//! `probe::download`, the one place besides the probe that opens sockets.
//!
//! Files keep Microsoft's names, `ServiceTags_<Cloud>_<YYYYMMDD>.json`; the date in the name is the
//! publication date the age warning uses, but which file is newest is decided by each file's own
//! top-level `changeNumber`, never by its name (a file named for 2099 holding an old changeNumber is not
//! newest). A file is written to a temporary file in the same directory and renamed over its final name,
//! so a reader never sees half a file; the previous file is kept.

use crate::error::Error;
use std::path::{Path, PathBuf};

/// Files older than this get a warning in every report that uses them.
pub const STALE_AFTER_DAYS: i64 = 30;

/// How many files per cloud the cache keeps (the newest and the one it replaced).
pub const KEEP: usize = 2;

/// A calendar date (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub y: i32,
    /// Month, 1–12.
    pub m: u32,
    /// Day, 1–31.
    pub d: u32,
}

impl Date {
    /// Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of a day count since 1970-01-01.
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Date { y, m, d }
    }

    /// Today (UTC) from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Date::from_days((secs / 86_400) as i64)
    }

    /// `YYYYMMDD` as in Microsoft's file names.
    pub fn parse_compact(s: &str) -> Option<Date> {
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let date = Date {
            y: s[..4].parse().ok()?,
            m: s[4..6].parse().ok()?,
            d: s[6..].parse().ok()?,
        };
        ((1..=12).contains(&date.m) && (1..=31).contains(&date.d)).then_some(date)
    }

    /// `YYYYMMDD`.
    pub fn compact(self) -> String {
        format!("{:04}{:02}{:02}", self.y, self.m, self.d)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// The cloud and date in a name such as `ServiceTags_Public_20251106.json` (any directory before it).
pub fn name_parts(name: &str) -> Option<(String, Date)> {
    let file = name.rsplit(['/', '\\', ':']).next()?;
    let stem = file.strip_prefix("ServiceTags_")?.strip_suffix(".json")?;
    let (cloud, date) = stem.rsplit_once('_')?;
    if cloud.is_empty() || !cloud.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    Some((cloud.to_string(), Date::parse_compact(date)?))
}

/// The cache directory: `$AZEGRESS_CACHE_DIR`, else the platform's cache directory
/// (`~/.cache/azegress/service-tags` on Linux, `%LOCALAPPDATA%\azegress\service-tags` on Windows).
pub fn default_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("AZEGRESS_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    dirs::cache_dir().map(|d| d.join("azegress").join("service-tags"))
}

/// A tag file in the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedFile {
    /// Its path.
    pub path: PathBuf,
    /// The cloud part of its name (`Public`, `AzureGovernment`, `China`).
    pub cloud: String,
    /// The date in its name.
    pub date: Date,
    /// The file's own top-level changeNumber, or why the file cannot be used (unreadable, not a
    /// service-tag file, another cloud's file).
    pub change_number: Result<u64, String>,
}

/// Does a file's `cloud` field (`Public`, `AzureCloud`, `AzureGovernment`, …) name the cloud of a file-name
/// cloud part (`Public`, `AzureGovernment`, `China`)? Any case.
pub fn cloud_matches(name_part: &str, file_cloud: &str) -> bool {
    let canon = |c: &str| match c.to_ascii_lowercase().as_str() {
        "public" | "azurecloud" => "public".to_string(),
        "azuregovernment" | "azureusgovernment" | "usgov" => "usgov".to_string(),
        "china" | "azurechinacloud" => "china".to_string(),
        other => other.to_string(),
    };
    canon(name_part) == canon(file_cloud)
}

/// The top-level changeNumber of the file at `path`, checked to be a service-tag file of `cloud`.
fn own_change_number(path: &Path, cloud: &str) -> Result<u64, String> {
    let p = path.display().to_string();
    let text = crate::input::read(&p).map_err(|e| e.to_string())?;
    let (n, file_cloud) = super::file_header(&text)?;
    if !cloud_matches(cloud, &file_cloud) {
        return Err(format!(
            "it holds the `{file_cloud}` cloud's tags, not {cloud} as its name says"
        ));
    }
    Ok(n)
}

/// The tag files in `dir` for `cloud` (the name's cloud part, any case), newest first: by each file's own
/// top-level changeNumber (then the date in the name, then the name), files that cannot be used last. Each
/// file is read once to find its changeNumber. A missing directory holds none.
pub fn list(dir: &Path, cloud: &str) -> Vec<CachedFile> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<CachedFile> = rd
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let (c, date) = name_parts(&name)?;
            c.eq_ignore_ascii_case(cloud).then(|| CachedFile {
                change_number: own_change_number(&e.path(), &c),
                path: e.path(),
                cloud: c,
                date,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        let n = |f: &CachedFile| f.change_number.as_ref().ok().copied();
        n(b).cmp(&n(a))
            .then(b.date.cmp(&a.date))
            .then(b.path.cmp(&a.path))
    });
    out
}

/// Writes `bytes` as `dir/name` atomically (temporary file in `dir`, then rename, so it replaces a file of
/// that name, even an unreadable one) and removes all but [`KEEP`] files of the same cloud: the one written
/// and the newest others (by changeNumber, unusable files first to go). Returns the files removed.
pub fn install(dir: &Path, name: &str, bytes: &[u8]) -> Result<Vec<PathBuf>, Error> {
    use std::io::Write;
    let (cloud, _) = name_parts(name).ok_or_else(|| {
        Error::Usage(format!(
            "`{name}` is not a service-tag file name (ServiceTags_<Cloud>_<YYYYMMDD>.json)"
        ))
    })?;
    let io = |what: &str, e: std::io::Error| {
        Error::Usage(format!(
            "cannot {what} in {}: {e}; name a writable directory with --dir",
            dir.display()
        ))
    };
    std::fs::create_dir_all(dir).map_err(|e| io("create the cache directory", e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".partial-")
        .tempfile_in(dir)
        .map_err(|e| io("create a temporary file", e))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| io("write the file", e))?;
    let target = dir.join(name);
    tmp.persist(&target)
        .map_err(|e| io("rename the file into place", e.error))?;
    let mut removed = Vec::new();
    let others = list(dir, &cloud).into_iter().filter(|f| f.path != target);
    for old in others.skip(KEEP.saturating_sub(1)) {
        if std::fs::remove_file(&old.path).is_ok() {
            removed.push(old.path);
        }
    }
    Ok(removed)
}

/// The warning for a tag file older than [`STALE_AFTER_DAYS`] on `today`, if its name carries a date.
pub fn staleness(source: &str, today: Date) -> Option<String> {
    let (_, date) = name_parts(source)?;
    let age = today.days() - date.days();
    (age > STALE_AFTER_DAYS).then(|| {
        format!(
            "the service tags in use were published on {date}, more than {STALE_AFTER_DAYS} days ago: Azure changes them every week \
             (prefixes are added to Storage regions), so a verdict on a recently added address may be wrong; \
             run `azegress tags update` or pass a current file with --service-tags"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_count_days() {
        let d = Date::parse_compact("20251106").unwrap();
        assert_eq!(d.to_string(), "2025-11-06");
        assert_eq!(Date::from_days(d.days()), d);
        assert_eq!(
            Date {
                y: 1970,
                m: 1,
                d: 1
            }
            .days(),
            0
        );
        assert_eq!(
            Date {
                y: 2024,
                m: 3,
                d: 1
            }
            .days()
                - Date {
                    y: 2024,
                    m: 2,
                    d: 28
                }
                .days(),
            2
        );
        assert_eq!(Date::parse_compact("20251306"), None);
        assert_eq!(Date::parse_compact("2025110"), None);
    }

    #[test]
    fn names_give_cloud_and_date() {
        let (c, d) = name_parts("bundled:service-tags/ServiceTags_Public_20251106.json").unwrap();
        assert_eq!((c.as_str(), d.compact().as_str()), ("Public", "20251106"));
        assert_eq!(
            name_parts("ServiceTags_AzureGovernment_20260719.json")
                .unwrap()
                .0,
            "AzureGovernment"
        );
        assert_eq!(name_parts("tags.json"), None);
        assert_eq!(name_parts("ServiceTags_Public_latest.json"), None);
    }

    #[test]
    fn a_file_older_than_30_days_is_named_stale() {
        let name = "ServiceTags_Public_20251106.json";
        let fresh = Date::parse_compact("20251206").unwrap();
        assert_eq!(staleness(name, fresh), None, "exactly 30 days is not stale");
        let w = staleness(name, Date::parse_compact("20251207").unwrap()).unwrap();
        assert!(w.contains("2025-11-06, more than 30 days ago"), "{w}");
        assert_eq!(staleness("my-tags.json", fresh), None);
    }

    #[test]
    fn install_keeps_the_previous_file_only() {
        let dir = tempfile::tempdir().unwrap();
        for date in ["20251017", "20251106", "20251113"] {
            install(
                dir.path(),
                &format!("ServiceTags_Public_{date}.json"),
                b"{}",
            )
            .unwrap();
        }
        install(dir.path(), "ServiceTags_China_20251113.json", b"{}").unwrap();
        let public: Vec<String> = list(dir.path(), "public")
            .iter()
            .map(|f| f.date.compact())
            .collect();
        assert_eq!(public, ["20251113", "20251106"]);
        assert_eq!(list(dir.path(), "China").len(), 1);
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".partial")
            })
            .count();
        assert_eq!(leftovers, 0);
    }

    fn tags(change: u64, cloud: &str) -> Vec<u8> {
        format!(r#"{{"changeNumber": {change}, "cloud": "{cloud}", "values": []}}"#).into_bytes()
    }

    #[test]
    fn the_newest_file_is_decided_by_its_change_number_not_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let put = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
        put("ServiceTags_Public_20990101.json", &tags(373, "Public"));
        put("ServiceTags_Public_20251120.json", &tags(376, "Public"));
        put("ServiceTags_Public_20251106.json", &tags(375, "AzureCloud"));
        put("ServiceTags_Public_20300101.json", b"\x00garbage");
        put(
            "ServiceTags_Public_20300102.json",
            &tags(400, "AzureGovernment"),
        );
        let got: Vec<(String, Result<u64, String>)> = list(dir.path(), "Public")
            .into_iter()
            .map(|f| (f.date.compact(), f.change_number))
            .collect();
        assert_eq!(
            got[..3],
            [
                ("20251120".to_string(), Ok(376)),
                ("20251106".to_string(), Ok(375)),
                ("20990101".to_string(), Ok(373)),
            ]
        );
        assert_eq!(got[3].0, "20300102");
        assert!(
            got[3]
                .1
                .as_ref()
                .unwrap_err()
                .contains("`AzureGovernment` cloud's tags"),
            "{got:?}"
        );
        assert_eq!(got[4].0, "20300101");
        assert!(
            got[4]
                .1
                .as_ref()
                .unwrap_err()
                .contains("not a service-tag file"),
            "{got:?}"
        );

        // installing goes over an unreadable file of the same name, keeps what it wrote and the newest other
        let removed = install(
            dir.path(),
            "ServiceTags_Public_20300101.json",
            &tags(374, "Public"),
        )
        .unwrap();
        assert_eq!(removed.len(), 3, "{removed:?}");
        let left: Vec<(String, Result<u64, String>)> = list(dir.path(), "Public")
            .into_iter()
            .map(|f| (f.date.compact(), f.change_number))
            .collect();
        assert_eq!(
            left,
            [
                ("20251120".to_string(), Ok(376)),
                ("20300101".to_string(), Ok(374))
            ]
        );
    }
}
