//! Service tags: the weekly `ServiceTags_<Cloud>_<date>.json` file, the Discovery API response, the
//! bundled snapshot, and the special tags Azure computes per VNet (`VirtualNetwork`, `Internet`, …).
//!
//! Names are matched case-insensitively (reference §2.3, trap 9); a tag's prefixes are parsed only when
//! the tag is first used, so loading the 3.5 MB public file costs little more than reading it.

pub mod cache;
pub mod fqdn;
pub mod special;

pub use special::{SpecialTag, internet_exclusions, special_tag};

use crate::error::{Error, InputError};
use crate::model::AddrSet;
use ipnet::IpNet;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The bundled snapshot: Microsoft's whole weekly Public file of 2025-11-06 (changeNumber 375, every
/// tag), compiled into the binary unmodified.
pub const BUNDLED_SNAPSHOT: &str =
    include_str!("../../service-tags/ServiceTags_Public_20251106.json");
/// The name reports give the bundled snapshot.
pub const BUNDLED_NAME: &str = "bundled:service-tags/ServiceTags_Public_20251106.json";
/// The bundled snapshot's top-level changeNumber (checked against the file by a unit test), so choosing
/// between it and a cached file does not parse it.
pub const BUNDLED_CHANGE_NUMBER: u64 = 375;

/// Prefixes of one tag: the original CIDR list (as published) and the same as an address set.
#[derive(Debug)]
pub struct TagPrefixes {
    /// As published, IPv4 and IPv6, in file order.
    pub nets: Vec<IpNet>,
    /// Their union.
    pub set: std::sync::Arc<AddrSet>,
}

/// One entry of the file.
#[derive(Debug)]
pub struct TagEntry {
    /// Name as published (`Storage.KoreaCentral`).
    pub name: String,
    properties: Props,
    parsed: OnceLock<Result<TagPrefixes, String>>,
    features: OnceLock<Option<Vec<String>>>,
}

/// A tag's `properties` as published, read only when the tag is used.
#[derive(Debug)]
enum Props {
    /// In the bundled snapshot, compiled into the binary: not copied.
    Bundled(&'static RawValue),
    /// In a file read at run time.
    Read(Box<RawValue>),
}

impl Props {
    fn get(&self) -> &str {
        match self {
            Props::Bundled(r) => r.get(),
            Props::Read(r) => r.get(),
        }
    }
}

/// A loaded service-tag file.
#[derive(Debug)]
pub struct ServiceTags {
    /// `Public`, `AzureGovernment`, `China`, …
    pub cloud: String,
    /// The file-level change number (a string in the Discovery API, a number in the file).
    pub change_number: u64,
    /// Where it came from (path or `bundled:…`).
    pub source: String,
    entries: Vec<TagEntry>,
    index: HashMap<String, usize>,
    warnings: Vec<crate::diag::Diagnostic>,
}

#[derive(Deserialize)]
struct FileDoc<'a> {
    #[serde(rename = "changeNumber")]
    change_number: Option<NumOrString>,
    cloud: Option<String>,
    #[serde(borrow)]
    values: Option<Vec<EntryDoc<'a>>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NumOrString {
    Num(u64),
    Str(String),
}

#[derive(Deserialize)]
struct EntryDoc<'a> {
    name: Option<String>,
    id: Option<String>,
    #[serde(borrow)]
    properties: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct PropsDoc {
    #[serde(rename = "addressPrefixes", default)]
    address_prefixes: Vec<String>,
}

use crate::input::line_of_offset;

impl ServiceTags {
    /// Parses a service-tag file or Discovery API response. `source` names it in reports and errors.
    pub fn parse(text: &str, source: &str) -> Result<ServiceTags, Error> {
        Self::parse_keeping(text, source, |r| Props::Read(r.to_owned()))
    }

    /// Parses `text`, keeping each tag's `properties` as `keep` says (copied, or borrowed from the binary).
    fn parse_keeping<'a>(
        text: &'a str,
        source: &str,
        keep: impl Fn(&'a RawValue) -> Props,
    ) -> Result<ServiceTags, Error> {
        let err = |line: usize, msg: String| Error::Input(InputError::new(source, line, msg));
        let doc: FileDoc = serde_json::from_str(text).map_err(|e| {
            err(e.line(), format!("not a service-tag file (expected JSON with `changeNumber`, `cloud` and `values`): {e}"))
        })?;
        let values = doc
            .values
            .ok_or_else(|| err(1, "not a service-tag file: no `values` array".into()))?;
        let change_number = match doc.change_number {
            Some(NumOrString::Num(n)) => n,
            Some(NumOrString::Str(s)) => s
                .trim()
                .parse()
                .map_err(|_| err(1, format!("`changeNumber` `{s}` is not a whole number")))?,
            None => return Err(err(1, "not a service-tag file: no `changeNumber`".into())),
        };
        let cloud = doc.cloud.unwrap_or_else(|| "unknown".into());
        let mut entries = Vec::with_capacity(values.len());
        let mut index = HashMap::with_capacity(values.len());
        for v in values {
            let Some(name) = v.name.or(v.id) else {
                return Err(err(1, "a `values` entry has no `name`".into()));
            };
            let Some(properties) = v.properties else {
                let line = text
                    .find(&format!("\"{name}\""))
                    .map_or(0, |p| line_of_offset(text, p));
                return Err(err(line, format!("tag `{name}` has no `properties`")));
            };
            index.insert(name.to_ascii_lowercase(), entries.len());
            entries.push(TagEntry {
                name,
                properties: keep(properties),
                parsed: OnceLock::new(),
                features: OnceLock::new(),
            });
        }
        Ok(ServiceTags {
            cloud,
            change_number,
            source: source.to_string(),
            entries,
            index,
            warnings: Vec::new(),
        })
    }

    /// The tags commands use when no file is named: the newest Public file in the cache (see [`newest`]),
    /// else the bundled snapshot. Cached files that could not be used are named in [`Self::load_warnings`].
    pub fn in_use() -> ServiceTags {
        let n = newest(cache::default_dir().as_deref(), "Public");
        let mut t = n.tags.unwrap_or_else(ServiceTags::bundled);
        t.warnings = n
            .skipped
            .into_iter()
            .map(|m| crate::diag::Diagnostic::new(&crate::diag::TAG_FILE_SKIPPED, m))
            .collect();
        t
    }

    /// Warnings about how this file was chosen (cached files skipped because they could not be read).
    pub fn load_warnings(&self) -> &[crate::diag::Diagnostic] {
        &self.warnings
    }

    /// The bundled snapshot.
    pub fn bundled() -> ServiceTags {
        // The snapshot is checked by a unit test; a failure here would be a build defect.
        match Self::parse_keeping(BUNDLED_SNAPSHOT, BUNDLED_NAME, Props::Bundled) {
            Ok(t) => t,
            Err(e) => unreachable!("bundled service-tag snapshot is invalid: {e}"),
        }
    }

    /// Is this the bundled subset rather than a full file?
    pub fn is_bundled(&self) -> bool {
        self.source.starts_with("bundled:")
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[TagEntry] {
        &self.entries
    }

    /// Case-insensitive lookup of a published tag (special tags are not in the file).
    pub fn get(&self, name: &str) -> Option<&TagEntry> {
        self.index
            .get(&name.trim().to_ascii_lowercase())
            .and_then(|&i| self.entries.get(i))
    }

    /// The prefixes of a published tag; `Err` describes a malformed prefix in the file.
    pub fn prefixes<'s>(&'s self, entry: &'s TagEntry) -> Result<&'s TagPrefixes, Error> {
        entry
            .parsed
            .get_or_init(|| parse_props(entry.properties.get()))
            .as_ref()
            .map_err(|m| {
                Error::Input(InputError::new(
                    &self.source,
                    0,
                    format!("tag `{}`: {m}", entry.name),
                ))
            })
    }

    /// Resolves a region (`koreacentral`, `Korea Central`, `KoreaCentral`) to the regional tag of a
    /// family (`Storage` → `Storage.KoreaCentral`) by the tag name's suffix, never by the `region` field.
    pub fn regional(&self, family: &str, region: &str) -> Option<&TagEntry> {
        let want: String = region
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        self.get(&format!("{family}.{want}"))
    }

    /// Regions for which `family.<Region>` exists, as published suffixes.
    pub fn regions_of(&self, family: &str) -> Vec<&str> {
        let prefix = format!("{}.", family.to_ascii_lowercase());
        self.entries
            .iter()
            .filter(|e| e.name.to_ascii_lowercase().starts_with(&prefix))
            .filter_map(|e| e.name.get(prefix.len()..))
            .collect()
    }
}

/// The top-level `changeNumber` and `cloud` of a service-tag file, read without building its tags (the
/// `values` array is checked for well-formed JSON and skipped). `Err` says why it is not a service-tag file.
pub fn file_header(text: &str) -> Result<(u64, String), String> {
    #[derive(Deserialize)]
    struct Header {
        #[serde(rename = "changeNumber")]
        change_number: Option<NumOrString>,
        cloud: Option<String>,
        values: Option<serde::de::IgnoredAny>,
    }
    let h: Header = serde_json::from_str(text)
        .map_err(|e| format!("not a service-tag file (line {}: {e})", e.line()))?;
    if h.values.is_none() {
        return Err("not a service-tag file: no `values` array".into());
    }
    let n = match h.change_number {
        Some(NumOrString::Num(n)) => n,
        Some(NumOrString::Str(s)) => s
            .trim()
            .parse()
            .map_err(|_| format!("`changeNumber` `{s}` is not a whole number"))?,
        None => return Err("not a service-tag file: no `changeNumber`".into()),
    };
    Ok((n, h.cloud.unwrap_or_else(|| "unknown".into())))
}

/// The newest usable file of a cloud, and the cached files skipped on the way.
#[derive(Debug)]
pub struct Newest {
    /// The file, or `None` when the cache holds none that loads and the cloud has no bundled snapshot.
    pub tags: Option<ServiceTags>,
    /// One warning per cached file that could not be used.
    pub skipped: Vec<String>,
}

/// The newest file of `cloud` (a file-name cloud part: `Public`, `AzureGovernment`, `China`) in the cache
/// `dir`, decided by each file's own top-level changeNumber, never by the date in its name: the cached file
/// with the highest changeNumber that loads, or for Public the bundled snapshot when its changeNumber is
/// higher (a tie goes to the cached file). A cached file that is not a readable service-tag file of that
/// cloud is skipped with a warning and the next newest is used.
pub fn newest(dir: Option<&std::path::Path>, cloud: &str) -> Newest {
    let files = dir.map(|d| cache::list(d, cloud)).unwrap_or_default();
    let skip = |path: &std::path::Path, why: &str| {
        format!(
            "the cached service-tag file {} was skipped: {why}; the next newest file is used \
             (`azegress tags update --force` replaces it, or delete it)",
            path.display()
        )
    };
    let mut skipped: Vec<String> = files
        .iter()
        .filter_map(|f| f.change_number.as_ref().err().map(|why| skip(&f.path, why)))
        .collect();
    let bundled = cloud.eq_ignore_ascii_case("public");
    for f in &files {
        let Ok(n) = f.change_number else { continue };
        if bundled && n < BUNDLED_CHANGE_NUMBER {
            break;
        }
        let p = f.path.display().to_string();
        match crate::input::read(&p).and_then(|text| ServiceTags::parse(&text, &p)) {
            Ok(t) => {
                return Newest {
                    tags: Some(t),
                    skipped,
                };
            }
            Err(e) => skipped.push(skip(&f.path, &e.to_string())),
        }
    }
    Newest {
        tags: bundled.then(ServiceTags::bundled),
        skipped,
    }
}

impl TagEntry {
    /// The tag's own `properties.changeNumber` (a number in the file, a string in the Discovery API), if
    /// it has a readable one.
    pub fn change_number(&self) -> Option<u64> {
        #[derive(Deserialize)]
        struct C {
            #[serde(rename = "changeNumber")]
            change_number: Option<NumOrString>,
        }
        match serde_json::from_str::<C>(self.properties.get())
            .ok()?
            .change_number?
        {
            NumOrString::Num(n) => Some(n),
            NumOrString::Str(s) => s.trim().parse().ok(),
        }
    }

    /// The `region` field as published (odd codes such as `centralfrance`), for display only.
    pub fn region_field(&self) -> String {
        #[derive(Deserialize)]
        struct R {
            region: Option<String>,
        }
        serde_json::from_str::<R>(self.properties.get())
            .ok()
            .and_then(|r| r.region)
            .unwrap_or_default()
    }
}

impl TagEntry {
    /// `networkFeatures` as published (`API`, `NSG`, `UDR`, `FW`, `VSE`); `None` when the entry has none,
    /// which means it is not known where Azure accepts the tag.
    pub fn network_features(&self) -> Option<Vec<String>> {
        #[derive(Deserialize)]
        struct F {
            #[serde(rename = "networkFeatures")]
            network_features: Option<Vec<String>>,
        }
        // read once: a tag's properties can hold thousands of prefixes
        self.features
            .get_or_init(|| {
                serde_json::from_str::<F>(self.properties.get())
                    .ok()
                    .and_then(|f| f.network_features)
            })
            .clone()
    }

    /// Does Azure accept this tag for `feature`? `Err` says why not, or that it is not known.
    pub fn supports(&self, feature: &str) -> Result<(), String> {
        match self.network_features() {
            Some(f) if f.iter().any(|x| x.eq_ignore_ascii_case(feature)) => Ok(()),
            Some(f) => Err(format!(
                "service tag `{}` is published for {} only, not {feature}: Azure does not accept it there",
                self.name,
                f.join(", ")
            )),
            None => Err(format!(
                "service tag `{}` has no networkFeatures in the file: whether Azure accepts it for {feature} is not known",
                self.name
            )),
        }
    }
}

fn parse_props(raw: &str) -> Result<TagPrefixes, String> {
    let p: PropsDoc =
        serde_json::from_str(raw).map_err(|e| format!("malformed properties: {e}"))?;
    let mut nets = Vec::with_capacity(p.address_prefixes.len());
    for s in &p.address_prefixes {
        let n: IpNet = parse_prefix(s).ok_or_else(|| format!("`{s}` is not a CIDR prefix"))?;
        nets.push(n);
    }
    let set = AddrSet::from_nets(&nets);
    Ok(TagPrefixes {
        nets,
        set: std::sync::Arc::new(set),
    })
}

pub use crate::model::addr::{parse_prefix, prefix_problem};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_snapshot_is_the_whole_public_file() {
        let t = ServiceTags::bundled();
        assert_eq!(t.cloud, "Public");
        assert_eq!(t.change_number, 375);
        assert_eq!(t.change_number, BUNDLED_CHANGE_NUMBER);
        assert_eq!(
            file_header(BUNDLED_SNAPSHOT),
            Ok((BUNDLED_CHANGE_NUMBER, "Public".to_string()))
        );
        assert_eq!(t.entries().len(), 3039);
        for name in [
            "Storage",
            "Storage.KoreaCentral",
            "AzureBackup",
            "AzureCloud",
            "azurecloud.westeurope",
            "GatewayManager",
        ] {
            let e = t.get(name).unwrap_or_else(|| panic!("{name} missing"));
            assert!(!t.prefixes(e).unwrap().nets.is_empty());
        }
    }

    #[test]
    fn discovery_api_change_number_is_a_string() {
        // reference §2.2: the Discovery API returns changeNumber as a string
        let t = ServiceTags::parse(
            r#"{"changeNumber":"63","cloud":"Public","values":[{"name":"ServiceBus.EastUS2","id":"x","properties":{"changeNumber":"1","addressPrefixes":["13.68.110.36/32"]}}]}"#,
            "api.json",
        )
        .unwrap();
        assert_eq!(t.change_number, 63);
        assert!(t.get("servicebus.eastus2").is_some());
    }
}
