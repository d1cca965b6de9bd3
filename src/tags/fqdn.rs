//! Azure Firewall FQDN tags (data in `service-tags/fqdn-tags.yaml`) and FQDN pattern matching.
//!
//! Target FQDNs accept `*` only as the first character, where it matches any number of characters:
//! `*.blob.core.windows.net` matches every account, `*blob.core.windows.net` also `evilblob.core.windows.net`
//! (reference §3.2, trap 23).

use serde::Deserialize;
use std::sync::OnceLock;

/// The bundled FQDN-tag data.
pub const FQDN_TAGS_YAML: &str = include_str!("../../service-tags/fqdn-tags.yaml");

/// Whether a tag is modelled to open storage blob hosts.
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum StorageCoverage {
    /// Documented by Azure Backup as the firewall option for this traffic, list not published: allowed, the
    /// assumption listed (`--strict` makes it unknown). Reference: azure-semantics.md §10.3.
    Documented,
    /// Meant for this traffic, list not published: unknown.
    Unknown,
    /// For another service: not modelled to match.
    No,
}

/// One FQDN tag.
#[derive(Deserialize, Debug, Clone)]
pub struct FqdnTag {
    /// API name (`AzureBackup`), or `Office365.*` for the family.
    pub name: String,
    /// Other spellings accepted (documentation names).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Microsoft's description.
    pub description: String,
    /// Storage blob coverage as modelled.
    pub storage_blob: StorageCoverage,
    /// Why, and what to do.
    #[serde(default)]
    pub note: Option<String>,
    /// Office 365 families.
    #[serde(default)]
    pub families: Vec<String>,
    /// Office 365 categories.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Source key.
    pub source: String,
}

#[derive(Deserialize)]
struct Doc {
    tags: Vec<FqdnTag>,
}

fn doc() -> &'static [FqdnTag] {
    static D: OnceLock<Vec<FqdnTag>> = OnceLock::new();
    D.get_or_init(|| {
        serde_yaml::from_str::<Doc>(FQDN_TAGS_YAML)
            .map(|d| d.tags)
            .unwrap_or_default()
    })
}

/// Every known tag.
pub fn all() -> &'static [FqdnTag] {
    doc()
}

/// Looks a tag up by API name or alias, case-insensitively; Office 365 names by family and category.
pub fn lookup(name: &str) -> Option<&'static FqdnTag> {
    let n = name.trim();
    doc().iter().find(|t| {
        if let Some(prefix) = t.name.strip_suffix('*') {
            return match (n.get(..prefix.len()), n.get(prefix.len()..)) {
                (Some(head), Some(rest)) if !rest.is_empty() => {
                    head.eq_ignore_ascii_case(prefix) && office_name_ok(t, rest)
                }
                _ => false,
            };
        }
        t.name.eq_ignore_ascii_case(n) || t.aliases.iter().any(|a| a.eq_ignore_ascii_case(n))
    })
}

fn office_name_ok(t: &FqdnTag, rest: &str) -> bool {
    let Some((fam, cat)) = rest.split_once('.') else {
        return false;
    };
    t.families.iter().any(|f| f.eq_ignore_ascii_case(fam))
        && t.categories.iter().any(|c| c.eq_ignore_ascii_case(cat))
}

/// The closest known tag name, for "did you mean".
pub fn suggest(name: &str) -> Option<&'static str> {
    let n = name.to_ascii_lowercase();
    doc()
        .iter()
        .filter(|t| !t.name.ends_with('*'))
        .map(|t| {
            (
                strsim::levenshtein(&n, &t.name.to_ascii_lowercase()),
                t.name.as_str(),
            )
        })
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, s)| s)
}

/// A host the traffic is for: one named account, or any account under a suffix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Host {
    /// A known host name (`mystorage.blob.core.windows.net`).
    Name(String),
    /// Some account under this suffix (`blob.core.windows.net`), account not given.
    AnyAccount(String),
}

impl Host {
    /// As shown in reports.
    pub fn display(&self) -> String {
        match self {
            Host::Name(n) => n.clone(),
            Host::AnyAccount(s) => format!("<account>.{s}"),
        }
    }
}

/// Three-valued FQDN match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FqdnMatch {
    /// Matches.
    Yes,
    /// Does not match.
    No,
    /// Matches some accounts only; the account is not given.
    Maybe,
}

/// Does a target-FQDN pattern (leading `*` only) match the host?
pub fn fqdn_matches(pattern: &str, host: &Host) -> FqdnMatch {
    let p = pattern.trim().trim_end_matches('.').to_ascii_lowercase();
    if p == "*" {
        return FqdnMatch::Yes;
    }
    match host {
        Host::Name(h) => {
            let h = h.to_ascii_lowercase();
            let ok = match p.strip_prefix('*') {
                Some(rest) => h.ends_with(rest),
                None => h == p,
            };
            if ok { FqdnMatch::Yes } else { FqdnMatch::No }
        }
        Host::AnyAccount(suffix) => {
            let dotted = format!(".{}", suffix.to_ascii_lowercase());
            match p.strip_prefix('*') {
                // `*.blob.core.windows.net`, `*blob.core.windows.net`, `*.core.windows.net`: every account
                Some(rest) if dotted.ends_with(rest) => FqdnMatch::Yes,
                // `*x.blob.core.windows.net`: accounts ending in x
                Some(rest) if rest.ends_with(&dotted) => FqdnMatch::Maybe,
                Some(_) => FqdnMatch::No,
                None => match p.strip_suffix(&dotted) {
                    Some(acct) if !acct.is_empty() && !acct.contains('.') => FqdnMatch::Maybe,
                    _ => FqdnMatch::No,
                },
            }
        }
    }
}

/// A squid `dstdomain` value: `.example.com` matches the domain and its subdomains, else exact.
pub fn dstdomain_matches(value: &str, host: &Host) -> FqdnMatch {
    let v = value.trim().to_ascii_lowercase();
    match v.strip_prefix('.') {
        Some(d) => {
            let star = format!("*.{d}");
            let exact = fqdn_matches(d, host);
            let sub = fqdn_matches(&star, host);
            match (exact, sub) {
                (FqdnMatch::Yes, _) | (_, FqdnMatch::Yes) => FqdnMatch::Yes,
                (FqdnMatch::Maybe, _) | (_, FqdnMatch::Maybe) => FqdnMatch::Maybe,
                _ => FqdnMatch::No,
            }
        }
        None => fqdn_matches(&v, host),
    }
}

/// The blob host suffix of a cloud as the service-tag file names it (reference §5.5).
pub fn blob_suffix(cloud: &str) -> &'static str {
    match cloud.to_ascii_lowercase().as_str() {
        "azuregovernment" | "usgovernment" | "azureusgovernment" => "blob.core.usgovcloudapi.net",
        "china" | "azurechinacloud" | "azurechina" => "blob.core.chinacloudapi.cn",
        "azuregermany" | "germany" => "blob.core.cloudapi.de",
        _ => "blob.core.windows.net",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_loads_and_lookups_work() {
        assert!(all().len() >= 12);
        assert_eq!(
            lookup("azurebackup").map(|t| t.storage_blob),
            Some(StorageCoverage::Documented)
        );
        assert_eq!(
            lookup("AzureHDInsight").map(|t| t.name.as_str()),
            Some("HDInsight")
        );
        assert!(lookup("Office365.Exchange.Optimize").is_some());
        assert!(lookup("Office365.Exchange").is_none());
        assert!(lookup("AzureKubnernetesService").is_none());
        assert!(lookup("Office36é.x").is_none() && lookup("Office365é").is_none());
        assert_eq!(
            suggest("AzureKubnernetesService"),
            Some("AzureKubernetesService")
        );
    }

    #[test]
    fn wildcard_only_leading_and_any_length() {
        let h = Host::Name("acct.blob.core.windows.net".into());
        assert_eq!(fqdn_matches("*.blob.core.windows.net", &h), FqdnMatch::Yes);
        assert_eq!(fqdn_matches("*.core.windows.net", &h), FqdnMatch::Yes);
        assert_eq!(fqdn_matches("*.table.core.windows.net", &h), FqdnMatch::No);
        let evil = Host::Name("evilblob.core.windows.net".into());
        assert_eq!(
            fqdn_matches("*blob.core.windows.net", &evil),
            FqdnMatch::Yes
        );
        assert_eq!(
            fqdn_matches("*.blob.core.windows.net", &evil),
            FqdnMatch::No
        );
        let any = Host::AnyAccount("blob.core.windows.net".into());
        assert_eq!(
            fqdn_matches("*.blob.core.windows.net", &any),
            FqdnMatch::Yes
        );
        assert_eq!(
            fqdn_matches("acct.blob.core.windows.net", &any),
            FqdnMatch::Maybe
        );
        assert_eq!(
            fqdn_matches("*.blob.core.usgovcloudapi.net", &any),
            FqdnMatch::No
        );
        assert_eq!(dstdomain_matches(".core.windows.net", &h), FqdnMatch::Yes);
        assert_eq!(dstdomain_matches("core.windows.net", &h), FqdnMatch::No);
    }
}
