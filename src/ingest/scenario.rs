//! The scenario YAML: one file that names everything a check needs (schema in the README).
//!
//! ```yaml
//! region: koreacentral
//! service_tags: ../tags/ServiceTags_Public_20240506.json   # optional; relative to this file
//! vm: { ip: 10.0.0.4, disks: managed, unencrypted_storage: false, asgs: [app] }
//! vnet: { address_space: [10.0.0.0/16] }
//! nic_nsg: { from: nic-nsg.json }        # or `from: template.json#nsg-name`, or inline (name + rules)
//! subnet_nsg:
//!   name: subnet-nsg
//!   rules: [ ... ]
//! ports: [8443]                          # optional: overrides the disk-based requirement
//! ipv6: false
//! ```

use super::nsg_yaml::{NsgYaml, nsg_from_yaml, yaml_error};
use crate::error::Error;
use crate::model::Nsg;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A scenario file as written.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct ScenarioDoc {
    /// Azure region of the VM and vault (`koreacentral`).
    pub region: String,
    /// Optional service-tag file, relative to the scenario.
    #[serde(default)]
    pub service_tags: Option<String>,
    /// The VM.
    #[serde(default)]
    pub vm: VmDoc,
    /// The VNet.
    #[serde(default)]
    pub vnet: VnetDoc,
    /// NSG on the NIC.
    #[serde(default)]
    pub nic_nsg: Option<NsgRef>,
    /// NSG on the subnet.
    #[serde(default)]
    pub subnet_nsg: Option<NsgRef>,
    /// Explicit ports (otherwise from the disks).
    #[serde(default)]
    pub ports: Option<Vec<u16>>,
    /// Include IPv6 prefixes.
    #[serde(default)]
    pub ipv6: bool,
    /// Free text.
    #[serde(default)]
    pub description: Option<String>,
}

/// The VM part of a scenario.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct VmDoc {
    /// Private IP of the NIC.
    #[serde(default)]
    pub ip: Option<String>,
    /// `managed` (default) or `unmanaged`.
    #[serde(default)]
    pub disks: Option<String>,
    /// Unmanaged disks in an unencrypted account (port 80).
    #[serde(default)]
    pub unencrypted_storage: bool,
    /// Application security groups the NIC belongs to (names or ids); absent = unknown.
    #[serde(default)]
    pub asgs: Option<Vec<String>>,
    /// Operating system (`linux` or `windows`); used by later checks.
    #[serde(default)]
    pub os: Option<String>,
}

/// The VNet part of a scenario.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct VnetDoc {
    /// Address prefixes of the VNet (and peers) that make up `VirtualNetwork`.
    #[serde(default)]
    pub address_space: Vec<String>,
}

/// An NSG given inline or by reference.
#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
pub enum NsgRef {
    /// `from: path[#name]`, in any supported format.
    From {
        /// Path relative to the scenario, with an optional `#name`.
        from: String,
    },
    /// Inline azegress YAML.
    Inline(NsgYaml),
}

/// A scenario with its NSGs loaded.
#[derive(Debug)]
pub struct Scenario {
    /// The document.
    pub doc: ScenarioDoc,
    /// Directory of the scenario file (relative paths start here).
    pub dir: PathBuf,
    /// NIC NSG, loaded.
    pub nic_nsg: Option<Nsg>,
    /// Subnet NSG, loaded.
    pub subnet_nsg: Option<Nsg>,
}

/// Resolves `p` against the scenario's directory.
pub fn relative(dir: &Path, p: &str) -> String {
    let path = Path::new(p);
    if path.is_absolute() {
        p.to_string()
    } else {
        dir.join(path).to_string_lossy().into_owned()
    }
}

/// Reads a scenario file and the NSGs it names.
pub fn load_scenario(path: &str) -> Result<Scenario, Error> {
    let text = super::read(path)?;
    parse_scenario(&text, path)
}

/// Parses scenario text; `path` names it and anchors relative paths.
pub fn parse_scenario(text: &str, path: &str) -> Result<Scenario, Error> {
    let doc: ScenarioDoc =
        serde_yaml::from_str(text).map_err(|e| yaml_error(path, &e, "not a scenario"))?;
    let dir = Path::new(path)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let load = |r: &Option<NsgRef>| -> Result<Option<Nsg>, Error> {
        match r {
            None => Ok(None),
            Some(NsgRef::Inline(y)) => nsg_from_yaml(y, text, path).map(Some),
            Some(NsgRef::From { from }) => {
                let nsgs = super::load_nsgs(&relative(&dir, from))?;
                pick_one(nsgs, from).map(Some)
            }
        }
    };
    let nic_nsg = load(&doc.nic_nsg)?;
    let subnet_nsg = load(&doc.subnet_nsg)?;
    Ok(Scenario {
        doc,
        dir,
        nic_nsg,
        subnet_nsg,
    })
}

/// Exactly one NSG from a file that may hold several.
pub fn pick_one(mut nsgs: Vec<Nsg>, file: &str) -> Result<Nsg, Error> {
    if nsgs.len() == 1 {
        return Ok(nsgs.remove(0));
    }
    let names: Vec<&str> = nsgs.iter().map(|n| n.name.as_str()).collect();
    Err(Error::input(
        file,
        0,
        format!(
            "holds {} NSGs ({}); pick one with `{file}#<name>`",
            nsgs.len(),
            names.join(", ")
        ),
    ))
}
