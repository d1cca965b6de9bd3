//! What the backup extension needs, read from `rules/backup-requirements.yaml` (compiled in).

use serde::Deserialize;

const DATA: &str = include_str!("../rules/backup-requirements.yaml");

/// Disk kind of the VM.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
// clap: the `help` values keep `--help` as it was (these doc comments are for the library).
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Disks {
    /// Managed disks (port 8443).
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Managed,
    /// Unmanaged disks in a storage account (443, or 80 when unencrypted).
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Unmanaged,
}

impl Disks {
    /// Parses `managed` / `unmanaged`.
    pub fn parse(s: &str) -> Option<Disks> {
        match s.trim().to_ascii_lowercase().as_str() {
            "managed" => Some(Disks::Managed),
            "unmanaged" => Some(Disks::Unmanaged),
            _ => None,
        }
    }

    /// The word [`Disks::parse`] reads.
    pub fn name(self) -> &'static str {
        match self {
            Disks::Managed => "managed",
            Disks::Unmanaged => "unmanaged",
        }
    }
}

#[derive(Deserialize)]
struct Doc {
    destination: String,
    requirements: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    port: u16,
    disks: Disks,
    #[serde(default)]
    encrypted: Option<bool>,
    purpose: String,
}

/// One required flow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    /// TCP port.
    pub port: u16,
    /// Why it is needed.
    pub purpose: String,
}

/// The requirements file, parsed once (it is compiled in; a unit test proves it parses).
fn doc() -> &'static Doc {
    static DOC: std::sync::OnceLock<Doc> = std::sync::OnceLock::new();
    DOC.get_or_init(|| match serde_yaml::from_str(DATA) {
        Ok(d) => d,
        Err(e) => unreachable!("rules/backup-requirements.yaml is invalid: {e}"),
    })
}

/// The destination tag family template (`Storage.{region}`) → the family (`Storage`).
pub fn destination_family() -> String {
    doc()
        .destination
        .split('.')
        .next()
        .unwrap_or("Storage")
        .to_string()
}

/// The flows required for a disk kind and storage encryption; `ports` overrides them.
pub fn select(disks: Disks, unencrypted: bool, ports: Option<&[u16]>) -> Vec<Requirement> {
    let d = doc();
    if let Some(ports) = ports {
        return ports
            .iter()
            .map(|&p| {
                let known = d
                    .requirements
                    .iter()
                    .find(|e| e.port == p)
                    .map(|e| e.purpose.clone());
                Requirement {
                    port: p,
                    purpose: known.unwrap_or_else(|| "requested with --ports".into()),
                }
            })
            .collect();
    }
    d.requirements
        .iter()
        .filter(|e| e.disks == disks && e.encrypted.is_none_or(|enc| enc != unencrypted))
        .map(|e| Requirement {
            port: e.port,
            purpose: e.purpose.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_follow_the_backup_docs() {
        // reference §5.1
        let ports = |d, unencrypted| {
            select(d, unencrypted, None)
                .iter()
                .map(|r| r.port)
                .collect::<Vec<_>>()
        };
        assert_eq!(ports(Disks::Managed, false), [8443]);
        assert_eq!(ports(Disks::Unmanaged, false), [443]);
        assert_eq!(ports(Disks::Unmanaged, true), [80]);
        assert_eq!(
            select(Disks::Managed, false, Some(&[80, 443, 8443])).len(),
            3
        );
        assert_eq!(destination_family(), "Storage");
    }
}
