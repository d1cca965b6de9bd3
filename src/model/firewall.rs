//! Azure Firewall, classic rule collections or Firewall Policy, in one model (reference §3).

use super::addr::PortSet;
use super::nsg::Origin;
use std::collections::BTreeMap;
use std::fmt;
use std::net::IpAddr;

/// Action of a rule collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FwAction {
    /// Allow what matches.
    Allow,
    /// Deny what matches.
    Deny,
    /// DNAT (inbound; never applies to the extension's outbound traffic).
    Dnat,
}

/// Rule type of a collection; outbound order is network, then application (trap 21).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CollectionKind {
    /// DNAT collections (inbound only).
    Nat,
    /// Network (L4) rules.
    Network,
    /// Application (FQDN) rules.
    Application,
}

impl fmt::Display for CollectionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CollectionKind::Nat => "nat",
            CollectionKind::Network => "network",
            CollectionKind::Application => "application",
        })
    }
}

/// Application-rule protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppProtocol {
    /// Plain HTTP (the rule sees the Host header).
    Http,
    /// TLS (the rule sees the SNI).
    Https,
    /// Azure SQL.
    Mssql,
}

impl fmt::Display for AppProtocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AppProtocol::Http => "Http",
            AppProtocol::Https => "Https",
            AppProtocol::Mssql => "Mssql",
        })
    }
}

/// Network-rule protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FwProtocol {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
    /// ICMP.
    Icmp,
    /// Any.
    Any,
}

/// A network rule.
#[derive(Clone, Debug, Default)]
pub struct NetworkRule {
    /// Protocols.
    pub protocols: Vec<FwProtocol>,
    /// Destination addresses: IPs, CIDRs, ranges, `*`, service tags.
    pub destinations: Vec<String>,
    /// Destination IP groups (resource ids or names).
    pub destination_ip_groups: Vec<String>,
    /// Destination FQDNs (need DNS proxy on the firewall).
    pub destination_fqdns: Vec<String>,
    /// Destination ports.
    pub ports: PortSet,
}

/// An application rule.
#[derive(Clone, Debug, Default)]
pub struct ApplicationRule {
    /// `Http:80`, `Https:443`, …
    pub protocols: Vec<(AppProtocol, u16)>,
    /// Target FQDNs (`*` only as first character).
    pub target_fqdns: Vec<String>,
    /// FQDN tags (`AzureBackup`).
    pub fqdn_tags: Vec<String>,
    /// Target URLs (Premium, TLS inspection).
    pub target_urls: Vec<String>,
    /// Web categories.
    pub web_categories: Vec<String>,
    /// TLS inspection (`terminateTLS`, Premium): the firewall decrypts and re-signs the traffic.
    pub terminate_tls: bool,
}

/// What a rule matches beyond its source.
#[derive(Clone, Debug)]
pub enum FwRuleKind {
    /// Network rule.
    Network(NetworkRule),
    /// Application rule.
    Application(ApplicationRule),
    /// DNAT rule (not evaluated outbound).
    Nat,
}

/// One firewall rule.
#[derive(Clone, Debug)]
pub struct FwRule {
    /// Rule name.
    pub name: String,
    /// Source addresses: IPs, CIDRs, ranges, `*`.
    pub sources: Vec<String>,
    /// Source IP groups (resource ids or names).
    pub source_ip_groups: Vec<String>,
    /// The rest.
    pub kind: FwRuleKind,
    /// Values not known offline (template expressions).
    pub unknowns: Vec<String>,
    /// Where it was written.
    pub origin: Origin,
}

/// A rule collection, with the group it sits in (Firewall Policy) and its place in processing order.
#[derive(Clone, Debug)]
pub struct RuleCollection {
    /// Collection name.
    pub name: String,
    /// Rule collection group (`DefaultNetworkRuleCollectionGroup`); `None` for classic rules.
    pub group: Option<String>,
    /// Group priority (0 for classic rules).
    pub group_priority: u32,
    /// Collection priority (100–65000).
    pub priority: u32,
    /// From the parent (base) policy: processed before the child's own collections.
    pub from_base_policy: bool,
    /// Network, application or NAT.
    pub kind: CollectionKind,
    /// Allow, deny or DNAT.
    pub action: FwAction,
    /// Rules in order.
    pub rules: Vec<FwRule>,
    /// Where it was written.
    pub origin: Origin,
}

impl RuleCollection {
    /// `group/collection` or `collection`, as the report names it.
    pub fn qualified_name(&self) -> String {
        match &self.group {
            Some(g) => format!("{g}/{}", self.name),
            None => self.name.clone(),
        }
    }
}

/// An Azure Firewall with its rules (classic or from its policy).
#[derive(Clone, Debug, Default)]
pub struct Firewall {
    /// Firewall (or policy) name.
    pub name: String,
    /// Which separately joined set of inputs it comes from ([`super::VmPath::graph`]).
    pub graph: u32,
    /// Private IP from its IP configuration, when known.
    pub private_ip: Option<IpAddr>,
    /// Rule collections, all types.
    pub collections: Vec<RuleCollection>,
    /// Name of the Firewall Policy the rules came from, if any.
    pub policy: Option<String>,
    /// `threatIntelMode` (`Alert`, `Deny`, `Off`).
    pub threat_intel_mode: Option<String>,
    /// IP groups defined in the same input: lower-case name → addresses.
    pub ip_groups: BTreeMap<String, Vec<String>>,
    /// Where it was read from.
    pub origin: Origin,
    /// Problems found while reading.
    pub warnings: Vec<crate::diag::Diagnostic>,
    /// The firewall resource as read (JSON), when it was: a classic firewall's rules are a property of the
    /// resource, so a template that changes them states the whole firewall.
    pub resource: Option<String>,
}
