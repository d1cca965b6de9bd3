//! `azegress tags update`: download the current weekly service-tag file, validate it, and install it in
//! the cache atomically, keeping the previous file. `check` then uses it (see `app::load_tags`).

use crate::error::Error;
use crate::tags::ServiceTags;
use crate::tags::cache::{self, Date};
use serde::Serialize;
use std::path::PathBuf;
use std::time::Duration;

/// A cloud's weekly file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cloud {
    /// Azure Public (download id 56519).
    Public,
    /// Azure US Government (57063).
    UsGov,
    /// Azure operated by 21Vianet (57062).
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
        let c = file_cloud.to_ascii_lowercase();
        match self {
            Cloud::Public => c == "public" || c == "azurecloud",
            Cloud::UsGov => c == "azuregovernment" || c == "azureusgovernment",
            Cloud::China => c == "china" || c == "azurechinacloud",
        }
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
    /// Install even when the file is older than the one it replaces.
    pub force: bool,
    /// Connect and read timeout.
    pub timeout: Duration,
    /// Progress bar on a terminal.
    pub progress: bool,
}

/// A file in the cache, as reported.
#[derive(Clone, Debug, Serialize)]
pub struct FileInfo {
    /// Path (or `bundled:…`).
    pub path: String,
    /// Its changeNumber.
    pub change_number: u64,
}

/// `tags update` as data.
#[derive(Clone, Debug, Serialize)]
pub struct UpdateReport {
    /// Always 1.
    pub schema_version: u32,
    /// `updated`, or `current` when the cache already held this changeNumber.
    pub status: String,
    /// Where it came from.
    pub url: String,
    /// The file now in use.
    pub file: FileInfo,
    /// Tags in it.
    pub tags: usize,
    /// The file it replaces (kept in the cache), if any.
    pub previous: Option<FileInfo>,
    /// Older files removed from the cache.
    pub removed: Vec<String>,
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
    // the file it replaces: the newest cached one, or for Public the bundled snapshot
    let cached = cache::list(&dir, o.cloud.file_part()).into_iter().next();
    let previous = match &cached {
        Some(f) => {
            let p = f.path.display().to_string();
            let t = ServiceTags::parse(&crate::ingest::read(&p)?, &p)?;
            Some(FileInfo {
                path: p,
                change_number: t.change_number,
            })
        }
        None if o.cloud == Cloud::Public => Some(FileInfo {
            path: crate::tags::BUNDLED_NAME.into(),
            change_number: ServiceTags::bundled().change_number,
        }),
        None => None,
    };
    if let Some(p) = &previous
        && new.change_number < p.change_number
        && !o.force
    {
        return Err(rejected(format!(
            "its changeNumber {} is older than {} of {} (a stale mirror?); pass --force to install it anyway",
            new.change_number, p.change_number, p.path
        )));
    }
    if let (Some(p), Some(f)) = (&previous, &cached)
        && new.change_number == p.change_number
        && !o.force
    {
        return Ok(UpdateReport {
            schema_version: 1,
            status: "current".into(),
            url: got.url,
            file: FileInfo {
                path: f.path.display().to_string(),
                change_number: new.change_number,
            },
            tags: new.entries().len(),
            previous: None,
            removed: Vec::new(),
        });
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
        schema_version: 1,
        status: "updated".into(),
        url: got.url,
        file: FileInfo {
            path: dir.join(&name).display().to_string(),
            change_number: new.change_number,
        },
        tags: new.entries().len(),
        previous,
        removed: removed.iter().map(|p| p.display().to_string()).collect(),
    })
}
