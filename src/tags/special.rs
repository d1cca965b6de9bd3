//! Tags that are not in the service-tag file: Azure computes them (reference §1.4, §2.3).

use crate::model::AddrSet;
use ipnet::IpNet;
use std::sync::OnceLock;

/// A tag Azure computes rather than publishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecialTag {
    /// `*`, `Any`, `0.0.0.0/0`.
    Any,
    /// `VirtualNetwork` / `VIRTUAL_NETWORK`: VNet address space (+ peers, on-prem, UDR prefixes) + 168.63.129.16.
    VirtualNetwork,
    /// `Internet` / `INTERNET`: public address space outside the VNet, Azure's public IPs included.
    Internet,
    /// `AzureLoadBalancer` / `AZURE_LOADBALANCER`: 168.63.129.16.
    AzureLoadBalancer,
    /// `AzurePlatformDNS`: 168.63.129.16 (DNS).
    AzurePlatformDns,
    /// `AzurePlatformIMDS`: 169.254.169.254.
    AzurePlatformImds,
    /// `AzurePlatformLKM`: Windows licensing (KMS) endpoints.
    AzurePlatformLkm,
}

/// Recognises a special tag in any case, including the classic spellings.
pub fn special_tag(name: &str) -> Option<SpecialTag> {
    Some(match name.trim().to_ascii_lowercase().as_str() {
        "*" | "any" | "0.0.0.0/0" => SpecialTag::Any,
        "virtualnetwork" | "virtual_network" => SpecialTag::VirtualNetwork,
        "internet" => SpecialTag::Internet,
        "azureloadbalancer" | "azure_loadbalancer" => SpecialTag::AzureLoadBalancer,
        "azureplatformdns" => SpecialTag::AzurePlatformDns,
        "azureplatformimds" => SpecialTag::AzurePlatformImds,
        "azureplatformlkm" => SpecialTag::AzurePlatformLkm,
        _ => return None,
    })
}

/// The host virtual IP (WireServer), reference §5.3.
pub const WIRESERVER: &str = "168.63.129.16";
/// The instance metadata service, reference §5.3.
pub const IMDS: &str = "169.254.169.254";

const INTERNET_DATA: &str = include_str!("../../rules/internet-tag.yaml");

#[derive(serde::Deserialize)]
struct InternetData {
    excluded_v4: Vec<IpNet>,
    internet_v6: Vec<IpNet>,
    excluded_v6: Vec<IpNet>,
}

/// The public address space that `Internet` covers before the VNet is carved out:
/// `(IPv4 exclusions, IPv6 Internet)` from `rules/internet-tag.yaml`.
pub fn internet_exclusions() -> &'static (AddrSet, AddrSet) {
    static CELL: OnceLock<(AddrSet, AddrSet)> = OnceLock::new();
    CELL.get_or_init(|| {
        let d: InternetData = match serde_yaml::from_str(INTERNET_DATA) {
            Ok(d) => d,
            Err(e) => unreachable!("rules/internet-tag.yaml is invalid: {e}"),
        };
        let ex4 = AddrSet::from_nets(&d.excluded_v4);
        let v6 = AddrSet::from_nets(&d.internet_v6).difference(&AddrSet::from_nets(&d.excluded_v6));
        (ex4, v6)
    })
}

impl SpecialTag {
    /// The address set of this tag given the VNet's address space (already including 168.63.129.16
    /// where Azure adds it) — `None` for `VirtualNetwork`, which the caller computes.
    pub fn fixed_set(self) -> Option<AddrSet> {
        let one = |ip: &str| ip.parse().map(AddrSet::from_ip).unwrap_or_default();
        Some(match self {
            SpecialTag::Any => AddrSet::any(),
            SpecialTag::AzureLoadBalancer | SpecialTag::AzurePlatformDns => one(WIRESERVER),
            SpecialTag::AzurePlatformImds => one(IMDS),
            // azkms.core.windows.net / kms.core.windows.net (Microsoft Learn, "Troubleshoot Windows VM
            // activation": 20.118.99.224, 40.83.235.53, 23.102.135.246)
            SpecialTag::AzurePlatformLkm => ["20.118.99.224", "40.83.235.53", "23.102.135.246"]
                .iter()
                .fold(AddrSet::empty(), |acc, ip| acc.union(&one(ip))),
            SpecialTag::VirtualNetwork | SpecialTag::Internet => return None,
        })
    }

    /// `Internet` for a VNet: public space minus Azure's carve-outs minus the VNet.
    pub fn internet(vnet: &AddrSet) -> AddrSet {
        let (ex4, v6) = internet_exclusions();
        let v4 = AddrSet {
            v4: ex4.v4.complement(),
            v6: Default::default(),
        };
        v4.union(v6).difference(vnet)
    }
}
