//! `azegress tags update`: download the current weekly service-tag file, validate it, and install it in
//! the cache atomically, keeping the previous file. `check` then uses it (see `app::load_tags`).

use crate::error::Error;
use crate::tags::ServiceTags;
use crate::tags::cache::{self, Date};
use std::path::PathBuf;
use std::time::Duration;

pub use crate::model::tags::{FileInfo, UpdateReport};

/// A cloud's weekly file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
// clap: the `help` values keep `--help` as it was (these doc comments are for the library).
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Cloud {
    /// Azure Public (download id 56519).
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Public,
    /// Azure US Government (57063).
    #[cfg_attr(feature = "cli", value(name = "usgov", help = None::<&str>))]
    UsGov,
    /// Azure operated by 21Vianet (57062).
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    China,
}

impl Cloud {
    /// `public`, `usgov`, `china` (any case).
    pub fn parse(s: &str) -> Option<Cloud> {
        match s.to_ascii_lowercase().as_str() {
            "public" | "azurecloud" => Some(Cloud::Public),
            "usgov" | "azuregovernment" | "azureusgovernment" => Some(Cloud::UsGov),
            "china" | "azurechinacloud" => Some(Cloud::China),
            _ => None,
        }
    }

    /// Microsoft Download Center id of its weekly file.
    pub fn download_id(self) -> u32 {
        match self {
            Cloud::Public => 56519,
            Cloud::UsGov => 57063,
            Cloud::China => 57062,
        }
    }

    /// The cloud part of the file name (`ServiceTags_<this>_<date>.json`).
    pub fn file_part(self) -> &'static str {
        match self {
            Cloud::Public => "Public",
            Cloud::UsGov => "AzureGovernment",
            Cloud::China => "China",
        }
    }

    fn accepts(self, file_cloud: &str) -> bool {
        cache::cloud_matches(self.file_part(), file_cloud)
    }
}

/// What `tags update` was asked.
#[derive(Clone, Debug)]
pub struct UpdateOptions {
    /// Which cloud.
    pub cloud: Cloud,
    /// A file or page address instead of Microsoft's download page.
    pub url: Option<String>,
    /// Cache directory instead of the default.
    pub dir: Option<String>,
    /// Install even when the file is older than the one it replaces, or looks wrong compared with it.
    pub force: bool,
    /// The longest the whole download (page and file) may take.
    pub timeout: Duration,
    /// Progress bar on a terminal.
    pub progress: bool,
}

/// Runs `azegress tags update`.
pub fn run_update(o: &UpdateOptions) -> Result<UpdateReport, Error> {
    let dir: PathBuf = match &o.dir {
        Some(d) => PathBuf::from(d),
        None => cache::default_dir().ok_or_else(|| {
            Error::Usage("no cache directory on this system: name one with --dir".into())
        })?,
    };
    let url = o
        .url
        .clone()
        .unwrap_or_else(|| crate::probe::download::download_page(o.cloud.download_id()));
    let limit = crate::ingest::max_input_bytes();
    let got = crate::probe::download::service_tag_file(&url, limit, o.timeout, o.progress)?;
    let rejected = |why: String| {
        Error::Network(format!(
            "the file from {} was rejected: {why}; nothing was changed",
            got.url
        ))
    };
    let text = String::from_utf8(got.bytes.clone())
        .map_err(|_| rejected("it is not UTF-8 text".into()))?;
    let new = ServiceTags::parse(&text, &got.url).map_err(|e| rejected(e.to_string()))?;
    if !o.cloud.accepts(&new.cloud) {
        return Err(rejected(format!(
            "it is the `{}` cloud's file, not {} (pass --cloud to choose)",
            new.cloud,
            o.cloud.file_part()
        )));
    }
    if new.regions_of("Storage").is_empty() {
        return Err(rejected(
            "it holds no Storage.<Region> tag: not a whole weekly file".into(),
        ));
    }
    // the file it replaces: the newest of that cloud by changeNumber, cached or (Public) bundled
    let newest = crate::tags::newest(Some(&dir), o.cloud.file_part());
    let warnings: Vec<crate::diag::Diagnostic> = newest
        .skipped
        .into_iter()
        .map(|m| crate::diag::Diagnostic::new(&crate::diag::TAG_FILE_SKIPPED, m))
        .collect();
    let prev_tags = newest.tags;
    let previous = prev_tags.as_ref().map(|t| FileInfo {
        path: t.source.clone(),
        change_number: t.change_number,
    });
    if let Some(p) = &previous
        && new.change_number < p.change_number
        && !o.force
    {
        return Err(rejected(format!(
            "its changeNumber {} is older than {} of {} (a stale mirror?); pass --force to install it anyway",
            new.change_number, p.change_number, p.path
        )));
    }
    if let Some(p) = &prev_tags
        && new.change_number == p.change_number
        && !p.is_bundled()
        && !o.force
    {
        return Ok(UpdateReport {
            schema_version: 2,
            status: "current".into(),
            url: got.url,
            file: FileInfo {
                path: p.source.clone(),
                change_number: new.change_number,
            },
            tags: new.entries().len(),
            previous: None,
            removed: Vec::new(),
            diagnostics: warnings,
        });
    }
    let broken = malformed(&new);
    if !broken.is_empty() {
        return Err(rejected(broken.join("; ")));
    }
    if let Some(p) = &prev_tags
        && !o.force
    {
        let wrong = implausible(p, &new);
        if !wrong.is_empty() {
            return Err(rejected(format!(
                "compared with {} (changeNumber {}) it looks wrong: {}; pass --force to install it anyway",
                p.source,
                p.change_number,
                wrong.join("; ")
            )));
        }
    }
    let from_url = got
        .url
        .rsplit('/')
        .next()
        .and_then(cache::name_parts)
        .filter(|(c, _)| c.eq_ignore_ascii_case(o.cloud.file_part()));
    let date = from_url.map_or_else(Date::today, |(_, d)| d);
    let name = format!(
        "ServiceTags_{}_{}.json",
        o.cloud.file_part(),
        date.compact()
    );
    let removed = cache::install(&dir, &name, &got.bytes)?;
    Ok(UpdateReport {
        schema_version: 2,
        status: "updated".into(),
        url: got.url,
        file: FileInfo {
            path: dir.join(&name).display().to_string(),
            change_number: new.change_number,
        },
        tags: new.entries().len(),
        previous,
        removed: removed.iter().map(|p| p.display().to_string()).collect(),
        diagnostics: warnings,
    })
}

/// The shortest IPv4 prefix a tag may gain without being called implausible: Azure publishes nothing
/// shorter than /14 (2024–2025 files).
pub const MIN_V4_PREFIX: u8 = 8;
/// The IPv6 analogue of [`MIN_V4_PREFIX`]: Azure publishes nothing shorter than /40.
pub const MIN_V6_PREFIX: u8 = 16;

/// How many problems of one kind a rejection names before saying how many more.
const NAMED: usize = 3;

fn name_some(what: &str, mut items: Vec<String>) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    let more = items.len().saturating_sub(NAMED);
    items.truncate(NAMED);
    let mut s = if what.is_empty() {
        items.join(", ")
    } else {
        format!("{what} {}", items.join(", "))
    };
    if more > 0 {
        s.push_str(&format!(" and {more} more"));
    }
    Some(s)
}

/// Prefixes in `new` that do not parse, described (a file with one is never installed).
fn malformed(new: &ServiceTags) -> Vec<String> {
    let bad: Vec<String> = new
        .entries()
        .iter()
        .filter_map(|e| new.prefixes(e).err().map(|_| format!("`{}`", e.name)))
        .collect();
    name_some("it has malformed prefixes in", bad)
        .into_iter()
        .collect()
}

/// What looks wrong about `new` as the successor of `old`, one description per kind (naming at most three
/// tags each); empty when it is
/// plausible. The rules:
///
/// - a tag gains `0.0.0.0/0`, `::/0`, an IPv4 prefix shorter than [`MIN_V4_PREFIX`] or an IPv6 prefix
///   shorter than [`MIN_V6_PREFIX`] that its previous version did not hold;
/// - a `Storage.<Region>` tag present in both changes most of its prefixes at once: the prefixes removed
///   plus those added are more than half of all prefixes in either version (so a region that doubles is
///   accepted, replacing a third of its prefixes is not);
/// - the top-level changeNumber rises by more than the tags' own changeNumbers explain: the sum of each
///   tag's rise, plus each new tag's changeNumber (at least 1), plus one per tag removed. Microsoft raises a
///   tag's changeNumber whenever it changes, so a real file always passes (2025-10-17 → 2025-11-06: the
///   file-level number rises by 2, the tags' by 32).
///
/// A file whose changeNumber is not higher is only checked by the first two rules.
pub fn implausible(old: &ServiceTags, new: &ServiceTags) -> Vec<String> {
    use std::collections::HashSet;
    let nets = |t: &ServiceTags, e: &crate::tags::TagEntry| -> HashSet<ipnet::IpNet> {
        t.prefixes(e)
            .map(|p| p.nets.iter().map(ipnet::IpNet::trunc).collect())
            .unwrap_or_default()
    };
    let mut broad = Vec::new();
    let mut churned = Vec::new();
    let mut explained: u64 = 0;
    for e in new.entries() {
        let before = old.get(&e.name);
        if let Ok(p) = new.prefixes(e) {
            let too_broad = |n: &ipnet::IpNet| match n {
                ipnet::IpNet::V4(v) => v.prefix_len() < MIN_V4_PREFIX,
                ipnet::IpNet::V6(v) => v.prefix_len() < MIN_V6_PREFIX,
            };
            let mut had: Option<HashSet<ipnet::IpNet>> = None;
            for n in p.nets.iter().filter(|n| too_broad(n)) {
                let had =
                    had.get_or_insert_with(|| before.map(|b| nets(old, b)).unwrap_or_default());
                if !had.contains(&n.trunc()) {
                    broad.push(format!("`{}` gains `{n}`", e.name));
                }
            }
        }
        match before {
            Some(b) => {
                let rise = e
                    .change_number()
                    .unwrap_or(0)
                    .saturating_sub(b.change_number().unwrap_or(0));
                explained = explained.saturating_add(rise);
                let regional = e
                    .name
                    .get(..8)
                    .is_some_and(|f| f.eq_ignore_ascii_case("storage."));
                if regional {
                    let (was, now) = (nets(old, b), nets(new, e));
                    let removed = was.difference(&now).count();
                    let added = now.difference(&was).count();
                    let all = was.union(&now).count();
                    if !was.is_empty() && 2 * (removed + added) > all {
                        churned.push(format!(
                            "`{}` changes most of its prefixes at once ({removed} of {} removed, {added} added)",
                            e.name,
                            was.len()
                        ));
                    }
                }
            }
            None => explained = explained.saturating_add(e.change_number().unwrap_or(0).max(1)),
        }
    }
    let gone = old
        .entries()
        .iter()
        .filter(|e| new.get(&e.name).is_none())
        .count() as u64;
    explained = explained.saturating_add(gone);
    let mut out: Vec<String> = [
        name_some("a tag gains a prefix far too broad for a service:", broad),
        name_some("", churned),
    ]
    .into_iter()
    .flatten()
    .collect();
    let jump = new.change_number.saturating_sub(old.change_number);
    if jump > explained {
        out.push(format!(
            "its changeNumber rises from {} to {} but its tags' own changeNumbers account for a rise of {explained} only",
            old.change_number, new.change_number
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real(p: &str) -> ServiceTags {
        let path = format!("{}/{p}", env!("CARGO_MANIFEST_DIR"));
        ServiceTags::parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap()
    }

    fn one(change: u64, tags: &[(&str, u64, &[&str])]) -> ServiceTags {
        let values: Vec<serde_json::Value> = tags
            .iter()
            .map(|(n, c, p)| {
                serde_json::json!({"name": n, "id": n,
                    "properties": {"changeNumber": c, "addressPrefixes": p}})
            })
            .collect();
        let doc = serde_json::json!({"changeNumber": change, "cloud": "Public", "values": values});
        ServiceTags::parse(&doc.to_string(), "t.json").unwrap()
    }

    #[test]
    fn real_successive_files_are_plausible() {
        let oct = real("tests/data/service-tags/ServiceTags_Public_20251017.json");
        let nov = real("service-tags/ServiceTags_Public_20251106.json");
        assert_eq!((oct.change_number, nov.change_number), (373, 375));
        assert_eq!(implausible(&oct, &nov), Vec::<String>::new());
        assert!(malformed(&nov).is_empty());
        // eighteen months apart (305 → 375, 441 tags added, Storage.WestUS3 grows from 32 to 52 prefixes)
        let may = real("tests/data/service-tags/ServiceTags_Public_20240506.json");
        assert_eq!(implausible(&may, &nov), Vec::<String>::new());
    }

    #[test]
    fn the_rules_at_their_edges() {
        let v4: Vec<String> = (0..10).map(|i| format!("20.60.{i}.0/24")).collect();
        let v4: Vec<&str> = v4.iter().map(String::as_str).collect();
        let old = one(
            10,
            &[
                ("Storage.WestEurope", 5, &v4),
                ("AzureCloud", 5, &["20.0.0.0/8"]),
            ],
        );
        // a region that doubles is growth, not replacement; a /8 is not too broad
        let mut grown = v4.clone();
        let extra: Vec<String> = (10..20).map(|i| format!("20.60.{i}.0/24")).collect();
        grown.extend(extra.iter().map(String::as_str));
        let new = one(
            11,
            &[
                ("Storage.WestEurope", 6, &grown),
                ("AzureCloud", 5, &["20.0.0.0/8"]),
            ],
        );
        assert_eq!(implausible(&old, &new), Vec::<String>::new());
        // a third of them replaced is too much
        let mut swapped = v4[4..].to_vec();
        swapped.extend([
            "198.51.100.0/24",
            "198.51.101.0/24",
            "198.51.102.0/24",
            "198.51.103.0/24",
        ]);
        let new = one(
            11,
            &[
                ("Storage.WestEurope", 6, &swapped),
                ("AzureCloud", 5, &["20.0.0.0/8"]),
            ],
        );
        let w = implausible(&old, &new);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("`Storage.WestEurope` changes most of its prefixes at once (4 of 10 removed, 4 added)"), "{w:?}");
        // a /7 and ::/0 are too broad; a prefix the tag already held is not news
        let new = one(
            11,
            &[
                ("Storage.WestEurope", 5, &v4),
                ("AzureCloud", 6, &["20.0.0.0/8", "20.0.0.0/7", "::/0"]),
            ],
        );
        let w = implausible(&old, &new);
        assert!(
            w[0].contains("`AzureCloud` gains `20.0.0.0/7`, `AzureCloud` gains `::/0`"),
            "{w:?}"
        );
        let again = one(
            12,
            &[
                ("Storage.WestEurope", 5, &v4),
                ("AzureCloud", 7, &["20.0.0.0/8", "20.0.0.0/7", "::/0"]),
            ],
        );
        assert_eq!(implausible(&new, &again), Vec::<String>::new());
        // the file-level number rising by 2 while one tag rose by 1
        let new = one(
            12,
            &[
                ("Storage.WestEurope", 6, &v4),
                ("AzureCloud", 5, &["20.0.0.0/8"]),
            ],
        );
        let w = implausible(&old, &new);
        assert!(
            w[0].contains(
                "rises from 10 to 12 but its tags' own changeNumbers account for a rise of 1 only"
            ),
            "{w:?}"
        );
        // a new tag explains its own changeNumber
        let new = one(
            12,
            &[
                ("Storage.WestEurope", 5, &v4),
                ("AzureCloud", 5, &["20.0.0.0/8"]),
                ("Sql", 2, &["20.61.0.0/24"]),
            ],
        );
        assert_eq!(implausible(&old, &new), Vec::<String>::new());
    }
}
