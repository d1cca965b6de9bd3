//! What the `tags` commands produce: the loaded file (`info`), one tag's prefixes (`show`), the tags holding
//! an address (`lookup`), two files compared (`diff`), and a download installed into the cache (`update`).

use crate::diag::Diagnostic;
use serde::Serialize;

/// `azegress tags info` as data.
#[derive(Clone, Debug, Serialize)]
pub struct TagsInfoReport {
    /// 2: every warning, note and assumption is a diagnostic with a stable code (1 had strings).
    pub schema_version: u32,
    /// File or `bundled:…`.
    pub source: String,
    /// Cloud of the file.
    pub cloud: String,
    /// The file's changeNumber.
    pub change_number: u64,
    /// How many tags it holds.
    pub tags: usize,
    /// Regional `Storage.<Region>` tags.
    pub regional_storage_tags: usize,
    /// Regional `AzureBackup.<Region>` tags.
    pub regional_azurebackup_tags: usize,
    /// Publication date from the file name (`YYYY-MM-DD`), when it has one.
    pub published: Option<String>,
    /// Warnings about the file: its age, cached files skipped.
    pub diagnostics: Vec<Diagnostic>,
}

/// `azegress tags show` as data.
#[derive(Clone, Debug, Serialize)]
pub struct TagShowReport {
    /// Always 1.
    pub schema_version: u32,
    /// The tag as published (or as asked, for a computed tag).
    pub tag: String,
    /// Computed by Azure per VNet (`VirtualNetwork`, `Internet`, …), not in the file.
    pub computed: bool,
    /// The file's `region` field (empty for a global tag); none for computed tags.
    pub region_field: Option<String>,
    /// File or `bundled:…`.
    pub source: String,
    /// Cloud of the file.
    pub cloud: String,
    /// The file's changeNumber.
    pub change_number: u64,
    /// Its prefixes.
    pub prefixes: Vec<String>,
}

/// `azegress tags lookup IP`: every tag whose prefixes hold an address.
#[derive(Clone, Debug, Serialize)]
pub struct TagLookupReport {
    /// Always 1.
    pub schema_version: u32,
    /// The address.
    pub address: String,
    /// File or `bundled:…`.
    pub source: String,
    /// The file's changeNumber.
    pub change_number: u64,
    /// Each tag holding it, with the narrowest of its prefixes that does.
    pub tags: Vec<TagHit>,
}

/// A tag holding the address.
#[derive(Clone, Debug, Serialize)]
pub struct TagHit {
    /// Tag name.
    pub tag: String,
    /// The narrowest of its prefixes holding the address.
    pub prefix: String,
}

/// `azegress tags diff OLD NEW`: prefixes added and removed per tag.
#[derive(Clone, Debug, Serialize)]
pub struct TagDiffReport {
    /// Always 1.
    pub schema_version: u32,
    /// The old file and its changeNumber.
    pub old: (String, u64),
    /// The new file and its changeNumber.
    pub new: (String, u64),
    /// Tags whose prefixes changed (or that appeared or disappeared), by name.
    pub changed: Vec<TagChange>,
    /// The regions whose `Storage.<Region>` tag changed (what a copied allow-list for backup misses).
    pub storage_regions_changed: Vec<String>,
}

/// One tag's change.
#[derive(Clone, Debug, Serialize)]
pub struct TagChange {
    /// Tag name.
    pub tag: String,
    /// Prefixes in the new file only.
    pub added: Vec<String>,
    /// Prefixes in the old file only.
    pub removed: Vec<String>,
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
    /// 2: every warning, note and assumption is a diagnostic with a stable code (1 had strings).
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
    /// Cached files that could not be read and were passed over.
    pub diagnostics: Vec<Diagnostic>,
}
