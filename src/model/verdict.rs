//! Results: what the engine concludes per flow, shaped for the JSON API (`schema_version` 1).
//! Field names here are API: add, never rename.

use super::nsg::{Attachment, Protocol};
use super::proxy::Os;
use serde::Serialize;

/// A flow's verdict over the whole destination set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FlowVerdict {
    /// Every destination address is allowed.
    Allowed,
    /// No destination address is allowed and nothing is unknown.
    Denied,
    /// Some addresses are denied, others allowed or unknown.
    Partial,
    /// Nothing is denied, but some of it cannot be decided offline.
    Unknown,
}

/// The overall verdict of a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Overall {
    /// Every required flow is allowed (exit 0).
    Reachable,
    /// Some required flow is denied (exit 1).
    Blocked,
    /// Some required flow is partly denied (exit 1).
    Partial,
    /// Nothing is denied but something is unknown (exit 3).
    Unknown,
}

impl Overall {
    /// Combines flow verdicts: blocked if any is denied, else partial if any is partial, else unknown
    /// if any is unknown, else reachable.
    pub fn of(flows: &[FlowVerdict]) -> Overall {
        if flows.contains(&FlowVerdict::Denied) {
            Overall::Blocked
        } else if flows.contains(&FlowVerdict::Partial) {
            Overall::Partial
        } else if flows.contains(&FlowVerdict::Unknown) {
            Overall::Unknown
        } else {
            Overall::Reachable
        }
    }
    /// The process exit code this verdict maps to (0 reachable, 1 blocked/partial, 3 unknown).
    pub fn exit_code(self) -> u8 {
        match self {
            Overall::Reachable => 0,
            Overall::Blocked | Overall::Partial => 1,
            Overall::Unknown => 3,
        }
    }
}

/// The access a decision stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DecisionAccess {
    /// The rule allows this part.
    Allow,
    /// The rule denies this part.
    Deny,
    /// The rule may or may not decide this part (unknown input).
    Unknown,
}

/// One rule's share of a stage: the part of the destination it decides.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decision {
    /// `securityRules/X` or `defaultSecurityRules/X` (Network Watcher's naming); `platform` for exempt traffic.
    pub rule: String,
    /// Rule priority.
    pub priority: u32,
    /// Allow, Deny or Unknown.
    pub access: DecisionAccess,
    /// How many of the destination's published prefixes this part touches.
    pub prefixes: usize,
    /// IPv4 addresses in this part.
    pub ipv4_addresses: u64,
    /// Why the part is unknown, when it is; for an allowed firewall part, what the allow assumes (the
    /// documented AzureBackup FQDN tag).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where the rule is written (`file:line:col`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// JSON pointer of the rule in its file (`/properties/securityRules/3`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// Route hops: where this part goes (`VirtualAppliance 10.0.1.4`, `Internet`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_hop: Option<String>,
}

/// One hop of the path a flow takes (`nsg`, `route`, `firewall`, `proxy`, `destination`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hop {
    /// Kind: `nsg`, `route`, `firewall`, `proxy` or `destination`.
    pub hop: &'static str,
    /// NSG, route table, firewall, proxy or destination name.
    pub name: String,
    /// For NSG hops: NIC or subnet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attached_to: Option<Attachment>,
    /// Part of the path: `vm` (VM to storage), `vm-to-proxy`, `proxy-to-storage`.
    pub leg: &'static str,
    /// What the hop sees: `Storage.KoreaCentral:8443/tcp`, `10.0.0.5:3128/tcp`, `CONNECT host:443`.
    pub target: String,
    /// Verdict over what reached this hop.
    pub verdict: FlowVerdict,
    /// IPv4 addresses that reached this hop.
    pub addresses: u64,
    /// Deciding rules or routes with the part each decides.
    pub decisions: Vec<Decision>,
}

/// The proxy the extension uses, as concluded from the inputs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProxyUsed {
    /// Proxy host.
    pub host: String,
    /// Proxy port.
    pub port: u16,
    /// Which setting was used (file:line and key).
    pub setting: String,
    /// The OS whose rule decided it.
    pub os: Os,
    /// The storage host bypasses the proxy (ProxyOverride / no_proxy).
    pub bypassed: bool,
}

/// One NSG on the path.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stage {
    /// NSG name.
    pub nsg: String,
    /// NIC or subnet.
    pub attached_to: Attachment,
    /// Decisions, in priority order; empty when no traffic reached this NSG.
    pub decisions: Vec<Decision>,
}

/// The rule, route or proxy line that blocks (part of) a flow.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlockedBy {
    /// Kind of hop: `nsg`, `route`, `firewall` or `proxy`.
    pub hop: &'static str,
    /// NSG name (`nsg` hops).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nsg: Option<String>,
    /// NIC or subnet (`nsg` hops).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attached_to: Option<Attachment>,
    /// Qualified rule name, route name, `collection/rule`, or the squid line as written.
    pub rule: String,
    /// NSG rule or firewall collection priority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<u32>,
    /// Route table, firewall or proxy holding it (non-NSG hops).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `file:line:col` where it is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// JSON pointer of the rule in its file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// Line number alone (route, firewall rule, squid line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Part of the path: `vm`, `vm-to-proxy`, `proxy-to-storage`.
    pub leg: &'static str,
    /// What blocks when it is not the rule itself: `private-subnet` (the route to the Internet from a subnet
    /// without an explicit outbound method).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<&'static str>,
}

/// [`BlockedBy::cause`] of a private subnet's route to the Internet.
pub const CAUSE_PRIVATE_SUBNET: &str = "private-subnet";

/// Prefix counts of the destination tag.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PrefixCounts {
    /// Prefixes in the destination (IPv6 only with `--ipv6`).
    pub total: usize,
    /// Wholly allowed.
    pub allowed: usize,
    /// Wholly denied.
    pub denied: usize,
    /// Split between allowed and denied.
    pub partial: usize,
    /// Wholly or partly unknown, nothing denied.
    pub unknown: usize,
}

/// The verdict for one port and protocol.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlowResult {
    /// Destination port.
    pub port: u16,
    /// Protocol.
    pub protocol: Protocol,
    /// Destination tag (`Storage.KoreaCentral`).
    pub destination: String,
    /// Verdict.
    pub verdict: FlowVerdict,
    /// Prefix counts.
    pub prefixes: PrefixCounts,
    /// NSG stages of the VM in evaluation order (with a proxy: on the way to the proxy).
    pub stages: Vec<Stage>,
    /// The whole path, hop by hop.
    pub hops: Vec<Hop>,
    /// The first rule on the path that denies (part of) the flow.
    pub blocked_by: Option<BlockedBy>,
    /// The first destination prefix that is (partly) denied.
    pub first_denied_prefix: Option<String>,
    /// Why parts are unknown, each at the rule, route or line that cannot be decided.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknowns: Vec<crate::diag::Diagnostic>,
    /// One line of why.
    pub why: String,
    /// What the port is needed for.
    pub purpose: String,
}

/// Service-tag provenance, named in every report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TagInfo {
    /// Cloud.
    pub cloud: String,
    /// File-level change number.
    pub change_number: u64,
    /// File or `bundled:…`.
    pub source: String,
}

/// The result of `azegress check`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckReport {
    /// 2: every warning, note and assumption is a diagnostic with a stable code (1 had strings).
    pub schema_version: u32,
    /// Overall verdict.
    pub verdict: Overall,
    /// Region as given.
    pub region: String,
    /// Service tags used.
    pub service_tags: TagInfo,
    /// The storage host application rules and proxies see.
    pub storage_host: String,
    /// The proxy the backup extension uses, if any.
    pub proxy: Option<ProxyUsed>,
    /// One per required port.
    pub flows: Vec<FlowResult>,
    /// The smallest change that would repair each blocked flow, in words (empty when nothing is blocked).
    pub next_steps: Vec<String>,
    /// Everything the check has to say beside the verdict: warnings, assumptions (inputs not given),
    /// inputs that took no part, unknowns; each with a stable code.
    pub diagnostics: Vec<crate::diag::Diagnostic>,
}

/// One NSG rule compared with one flow, field by field (Network Watcher's NSG diagnostics).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleCheck {
    /// The NSG.
    pub nsg: String,
    /// Where it is attached.
    pub attached_to: Attachment,
    /// The rule (`securityRules/X`).
    pub rule: String,
    /// Its priority.
    pub priority: u32,
    /// Allow or Deny.
    pub access: crate::model::Access,
    /// The protocol matches.
    pub protocol: bool,
    /// The VM is in its source: `yes`, `no`, or `unknown: why`.
    pub source: String,
    /// The flow's source ports: `yes` (all), `part`, `no`.
    pub source_ports: String,
    /// The destination's addresses: `all`, `part`, `none`.
    pub destination: String,
    /// The destination port matches.
    pub destination_port: bool,
    /// This rule decides (the first full match in its NSG).
    pub decides: bool,
}

/// The result of `azegress flow` (offline IP flow verify).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlowVerifyReport {
    /// 2: every warning, note and assumption is a diagnostic with a stable code (1 had strings).
    pub schema_version: u32,
    /// The same as `check`'s flow verdicts: `allowed`, `denied` or `unknown`.
    pub verdict: FlowVerdict,
    /// `Allow` or `Deny` (or `Unknown` when input is missing), as Network Watcher's IP flow verify says it.
    pub access: DecisionAccess,
    /// Deciding rule, Network Watcher style; `null` when no NSG applies.
    pub rule: Option<String>,
    /// NSG holding the rule.
    pub nsg: Option<String>,
    /// Where that NSG is attached.
    pub attached_to: Option<Attachment>,
    /// Per NSG: the rule that matched there.
    pub stages: Vec<Stage>,
    /// The security admin rules' decision, before the NSGs (absent without `--admin-rules`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub admin: Vec<Decision>,
    /// Why, in one line.
    pub why: String,
    /// Service tags used.
    pub service_tags: TagInfo,
    /// Warnings and notes, each with a stable code.
    pub diagnostics: Vec<crate::diag::Diagnostic>,
}
