//! Network security groups and their rules, independent of the format they were read from.

use super::addr::PortSet;
use ipnet::IpNet;
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// Where a piece of input came from: file and 1-based line (0 when unknown).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file as the user named it (one shared copy per file: a tenant's export has millions of origins).
    pub file: Arc<str>,
    /// 1-based line, 0 when not known.
    pub line: usize,
    /// 1-based column (in characters), 0 when not known.
    pub col: usize,
    /// JSON pointer of the item in its file (`/properties/securityRules/3`), empty when not JSON.
    pub pointer: String,
}

/// The shared copy of a file name for [`Origin::file`] (one per name and thread; names beyond the first
/// thousand are copied).
pub fn file_name(file: &str) -> Arc<str> {
    thread_local! {
        static NAMES: std::cell::RefCell<std::collections::HashSet<Arc<str>>> = Default::default();
    }
    NAMES.with(|n| {
        let mut n = n.borrow_mut();
        if let Some(a) = n.get(file) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(file);
        if n.len() < 1000 {
            n.insert(a.clone());
        }
        a
    })
}

impl Origin {
    /// A file and line (column and pointer unknown).
    pub fn at(file: &str, line: usize) -> Origin {
        Origin {
            file: file_name(file),
            line,
            ..Origin::default()
        }
    }
}

impl Origin {
    /// The JSON pointer, when there is one.
    pub fn json_pointer(&self) -> Option<String> {
        (!self.pointer.is_empty()).then(|| self.pointer.clone())
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.col) {
            (0, _) => write!(f, "{}", self.file),
            (l, 0) => write!(f, "{}:{l}", self.file),
            (l, c) => write!(f, "{}:{l}:{c}", self.file),
        }
    }
}

/// Traffic direction (outbound first: the command line lists it so).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
// clap: the `help` values keep `--help` as it was (these doc comments are for the library).
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Direction {
    /// Out of the VM.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Outbound,
    /// Into the VM.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Inbound,
}

/// Rule action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Access {
    /// Let the traffic pass.
    Allow,
    /// Drop the traffic.
    Deny,
}

/// IP protocol as NSG rules name it. `Any` is `*` (effective rules say `All`). On the command line
/// (`flow --protocol`) only `tcp` and `udp`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
// clap: the `help` values keep `--help` as it was (these doc comments are for the library).
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Protocol {
    /// TCP.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Tcp,
    /// UDP.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Udp,
    /// ICMP.
    #[cfg_attr(feature = "cli", value(skip))]
    Icmp,
    /// IPsec ESP.
    #[cfg_attr(feature = "cli", value(skip))]
    Esp,
    /// IPsec AH.
    #[cfg_attr(feature = "cli", value(skip))]
    Ah,
    /// Any protocol (`*`, `All`, `Any`).
    #[serde(rename = "*")]
    #[cfg_attr(feature = "cli", value(skip))]
    Any,
}

impl Protocol {
    /// Parses an NSG protocol in any case: Tcp, Udp, Icmp, Esp, Ah, `*`, All, Any.
    pub fn parse(s: &str) -> Option<Protocol> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "tcp" => Protocol::Tcp,
            "udp" => Protocol::Udp,
            "icmp" => Protocol::Icmp,
            "esp" => Protocol::Esp,
            "ah" => Protocol::Ah,
            "*" | "all" | "any" => Protocol::Any,
            _ => return None,
        })
    }
    /// Does a rule with this protocol match a flow of protocol `flow`?
    pub fn matches(self, flow: Protocol) -> bool {
        self == Protocol::Any || self == flow
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Tcp => "Tcp",
            Protocol::Udp => "Udp",
            Protocol::Icmp => "Icmp",
            Protocol::Esp => "Esp",
            Protocol::Ah => "Ah",
            Protocol::Any => "*",
        })
    }
}

/// One element of a rule's source or destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddrItem {
    /// `*`, `Any`, `0.0.0.0/0` with `::/0`.
    Any,
    /// A CIDR or single address.
    Prefix(IpNet),
    /// A service tag or special tag (`VirtualNetwork`, `Internet`, `Storage.WestEurope`, …), as written.
    Tag(String),
    /// An application security group, by name (last segment of its id).
    Asg(String),
    /// Addresses already expanded by Azure (effective rules' `expanded*AddressPrefix`), with the tag they came
    /// from. Boxed: every other item is at most a string, and a tenant's export holds millions of items.
    Expanded(Box<ExpandedTag>),
}

/// A tag as Azure expanded it for one VNet (effective rules).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpandedTag {
    /// The tag name Azure expanded.
    pub tag: String,
    /// The prefixes Azure reported.
    pub prefixes: Vec<IpNet>,
}

/// A rule's source or destination: the union of its items.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddrSpec {
    /// The items; empty means the rule matches no address.
    pub items: Vec<AddrItem>,
}

impl AddrSpec {
    /// The spec that matches everything.
    pub fn any() -> Self {
        AddrSpec {
            items: vec![AddrItem::Any],
        }
    }
    /// A short human form, e.g. `Storage.KoreaCentral` or `10.0.0.0/24, 10.1.0.0/24`.
    pub fn display(&self) -> String {
        let parts: Vec<String> = self
            .items
            .iter()
            .map(|i| match i {
                AddrItem::Any => "*".to_string(),
                AddrItem::Prefix(n) => n.to_string(),
                AddrItem::Tag(t) => t.clone(),
                AddrItem::Asg(a) => format!("asg:{a}"),
                AddrItem::Expanded(e) => e.tag.clone(),
            })
            .collect();
        parts.join(", ")
    }
}

/// Where an NSG is attached; outbound evaluation is NIC then subnet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Attachment {
    /// On the network interface.
    Nic,
    /// On the subnet.
    Subnet,
}

impl fmt::Display for Attachment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Attachment::Nic => "nic",
            Attachment::Subnet => "subnet",
        })
    }
}

/// One security rule, user or default.
#[derive(Clone, Debug)]
pub struct SecurityRule {
    /// The rule's own name (`AllowInternetOutBound`), without `securityRules/`.
    pub name: String,
    /// True for the six platform default rules.
    pub is_default: bool,
    /// 100–4096 for user rules, 65000+ for defaults.
    pub priority: u32,
    /// Inbound or outbound.
    pub direction: Direction,
    /// Allow or deny.
    pub access: Access,
    /// Protocol.
    pub protocol: Protocol,
    /// Source addresses.
    pub source: AddrSpec,
    /// Source ports.
    pub source_ports: PortSet,
    /// Destination addresses.
    pub destination: AddrSpec,
    /// Destination ports.
    pub destination_ports: PortSet,
    /// Parts of the rule that could not be known offline (template expressions); when not empty the
    /// fields above hold the most permissive value and any match of the rule is reported as unknown.
    pub unknowns: Vec<String>,
    /// The rule's description, when it has one (`gate` reads inline suppressions from it). Boxed, not a
    /// `String`: a tenant's export holds millions of rules, and eight bytes less put 16 of them in a smaller
    /// allocation.
    pub description: Option<Box<str>>,
    /// Where the rule was written.
    pub origin: Origin,
}

/// Does Azure accept `n` as the name of an NSG, a security rule, a route table or a route? 1–80
/// characters: letters, digits, `_`, `.`, `-`; starting with a letter or digit, ending with one or `_`.
pub fn azure_name_ok(n: &str) -> bool {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    !n.is_empty()
        && n.len() <= 80
        && n.chars().all(ok_char)
        && n.starts_with(|c: char| c.is_ascii_alphanumeric())
        && n.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
}

impl SecurityRule {
    /// The name as Network Watcher reports it: `securityRules/X` or `defaultSecurityRules/X`.
    pub fn qualified_name(&self) -> String {
        if self.is_default {
            format!("defaultSecurityRules/{}", self.name)
        } else {
            format!("securityRules/{}", self.name)
        }
    }
}

/// A network security group.
#[derive(Clone, Debug)]
pub struct Nsg {
    /// NSG name.
    pub name: String,
    /// Rules, user and default, in input order.
    pub rules: Vec<SecurityRule>,
    /// Where the NSG was read from.
    pub origin: Origin,
    /// Attachment stated by the input itself (effective-rules output says it), if any.
    pub attached_hint: Option<Attachment>,
    /// Problems Azure would reject or that look wrong, found while reading.
    pub warnings: Vec<crate::diag::Diagnostic>,
    /// Resource group, when the input names it (`resourceGroup`, or the resource id).
    pub resource_group: Option<String>,
}

impl Nsg {
    /// The rules of one direction, sorted by priority (first match wins).
    pub fn rules_for(&self, dir: Direction) -> Vec<&SecurityRule> {
        let mut v: Vec<&SecurityRule> = self.rules.iter().filter(|r| r.direction == dir).collect();
        v.sort_by_key(|r| r.priority);
        v
    }
}
