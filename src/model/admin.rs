//! Azure Virtual Network Manager security admin rules (reference §10.2): evaluated before the NSGs, lowest
//! priority number first; `Deny` stops the traffic, `AlwaysAllow` lets it pass without NSG evaluation,
//! `Allow` (and no match) hands it on to the NSGs.

use super::addr::PortSet;
use super::nsg::{Access, AddrSpec, Direction, Nsg, Origin, Protocol, SecurityRule};
use serde::Serialize;
use std::fmt;

/// What the admin hop's decision names for a part no admin rule matches.
pub const ADMIN_NO_MATCH: &str = "no security admin rule";
/// How the reason of a part an AlwaysAllow admin rule passes begins.
pub const ADMIN_ALWAYS: &str = "AlwaysAllow";

/// What a security admin rule does with the traffic it matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum AdminAccess {
    /// Goes on to the NSGs, which can still deny it.
    Allow,
    /// Stops it: the NSGs never see it.
    Deny,
    /// Lets it pass: the NSGs are not evaluated.
    AlwaysAllow,
}

impl AdminAccess {
    /// Parses `Allow`, `Deny`, `AlwaysAllow` in any case.
    pub fn parse(s: &str) -> Option<AdminAccess> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "allow" => AdminAccess::Allow,
            "deny" => AdminAccess::Deny,
            "alwaysallow" => AdminAccess::AlwaysAllow,
            _ => return None,
        })
    }
}

impl fmt::Display for AdminAccess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AdminAccess::Allow => "Allow",
            AdminAccess::Deny => "Deny",
            AdminAccess::AlwaysAllow => "AlwaysAllow",
        })
    }
}

/// One effective security admin rule as it applies to the VM's VNet.
#[derive(Clone, Debug)]
pub struct AdminRule {
    /// The rule's name (last segment of its id).
    pub name: String,
    /// Evaluated lowest number first.
    pub priority: u32,
    /// Allow, Deny or AlwaysAllow.
    pub access: AdminAccess,
    /// Inbound or outbound.
    pub direction: Direction,
    /// Protocol (`Any` for `Any`).
    pub protocol: Protocol,
    /// Source addresses (IP prefixes and service tags).
    pub sources: AddrSpec,
    /// Source ports.
    pub source_ports: PortSet,
    /// Destination addresses (IP prefixes and service tags).
    pub destinations: AddrSpec,
    /// Destination ports.
    pub destination_ports: PortSet,
    /// The network manager holding it, when its id names one.
    pub network_manager: Option<String>,
    /// Its security admin configuration.
    pub configuration: Option<String>,
    /// Its rule collection.
    pub rule_collection: Option<String>,
    /// The network manager's resource group, when its id names one.
    pub resource_group: Option<String>,
    /// The network manager's subscription, when its id names one.
    pub subscription: Option<String>,
    /// `Default` rules: their `flag` (e.g. `AllowVnetInbound`).
    pub default_flag: Option<String>,
    /// Where the rule was written.
    pub origin: Origin,
    /// Why the rule may or may not apply (read from network manager resources whose group membership is
    /// not known offline): a match is then unknown.
    pub unknowns: Vec<String>,
}

impl AdminRule {
    /// The hop's name as the portal shows it: "security admin rule `deny-8443` (network manager `avnm`,
    /// configuration `org`)".
    pub fn display(&self) -> String {
        let mut within = Vec::new();
        if let Some(m) = &self.network_manager {
            within.push(format!("network manager `{m}`"));
        }
        if let Some(c) = &self.configuration {
            within.push(format!("configuration `{c}`"));
        }
        if within.is_empty() {
            format!("security admin rule `{}`", self.name)
        } else {
            format!(
                "security admin rule `{}` ({})",
                self.name,
                within.join(", ")
            )
        }
    }

    /// The rule as an NSG rule with the same match (access Allow for Allow and AlwaysAllow): the engine
    /// matches it with the NSG machinery and reads the access back from the admin rule.
    pub fn as_security_rule(&self) -> SecurityRule {
        SecurityRule {
            name: self.name.clone(),
            is_default: false,
            priority: self.priority,
            direction: self.direction,
            access: match self.access {
                AdminAccess::Deny => Access::Deny,
                AdminAccess::Allow | AdminAccess::AlwaysAllow => Access::Allow,
            },
            protocol: self.protocol,
            source: self.sources.clone(),
            source_ports: self.source_ports.clone(),
            destination: self.destinations.clone(),
            destination_ports: self.destination_ports.clone(),
            unknowns: self.unknowns.clone(),
            description: None,
            origin: self.origin.clone(),
        }
    }
}

/// The effective security admin rules of the VM's VNet (empty: none given, nothing evaluated).
#[derive(Clone, Debug, Default)]
pub struct AdminRules {
    rules: Vec<AdminRule>,
    as_nsg: Option<Nsg>,
    /// Warnings from reading them.
    pub warnings: Vec<crate::diag::Diagnostic>,
}

impl AdminRules {
    /// A set of rules, kept in evaluation order (priority, then Deny before AlwaysAllow before Allow at
    /// one priority: the most restrictive reading of a tie Azure does not define).
    pub fn new(mut rules: Vec<AdminRule>) -> Self {
        let rank = |a: AdminAccess| match a {
            AdminAccess::Deny => 0,
            AdminAccess::AlwaysAllow => 1,
            AdminAccess::Allow => 2,
        };
        rules.sort_by_key(|r| (r.priority, rank(r.access)));
        let as_nsg = (!rules.is_empty()).then(|| Nsg {
            name: "security admin rules".into(),
            rules: rules.iter().map(AdminRule::as_security_rule).collect(),
            origin: rules[0].origin.clone(),
            attached_hint: None,
            warnings: Vec::new(),
            resource_group: None,
        });
        AdminRules {
            rules,
            as_nsg,
            warnings: Vec::new(),
        }
    }

    /// The rules in evaluation order.
    pub fn rules(&self) -> &[AdminRule] {
        &self.rules
    }

    /// No rule given.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Adds a rule (keeping the evaluation order).
    pub fn push(&mut self, r: AdminRule) {
        let mut v = std::mem::take(&mut self.rules);
        v.push(r);
        let w = std::mem::take(&mut self.warnings);
        *self = AdminRules::new(v);
        self.warnings = w;
    }

    /// Appends the rules of another set (another file).
    pub fn extend(&mut self, other: AdminRules) {
        let mut v = std::mem::take(&mut self.rules);
        v.extend(other.rules);
        let mut w = std::mem::take(&mut self.warnings);
        w.extend(other.warnings);
        *self = AdminRules::new(v);
        self.warnings = w;
    }

    /// The rules as one NSG in the same order (the `k`-th rule of it is `rules()[k]`), or `None` when empty.
    pub fn as_nsg(&self) -> Option<&Nsg> {
        self.as_nsg.as_ref()
    }
}
