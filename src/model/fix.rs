//! What `azegress fix` produces: the changes that repair a path (an NSG rule, a firewall rule, a route,
//! squid.conf lines, the guest's proxy setting), the fix with its proof, and the languages it is written in.

use super::{CheckReport, Os, Overall};
use crate::diag::Diagnostic;
use serde::Serialize;
use std::fmt;

/// The egress options Azure Backup documents for a locked-down VM, plus the route change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
// clap: the `help` values keep `--help` as it was (these doc comments are for the library).
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum FixOption {
    /// Try every option and keep the one with the fewest changed resources that opens the least.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Auto,
    /// An NSG rule to the `Storage.<Region>` service tag.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Nsg,
    /// An NSG rule to the region's published Storage prefixes.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    IpRanges,
    /// An Azure Firewall network rule to `Storage.<Region>`.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Firewall,
    /// A user route `Storage.<Region>` → Internet past the appliance or `None` route.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Route,
    /// An HTTP proxy: the guest setting the extension reads, the proxy's squid.conf, and the NSG rules
    /// to the proxy and from it.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Proxy,
    /// A NAT gateway on a private subnet (its explicit outbound method), with the NSG rules the path still
    /// needs.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    NatGateway,
}

impl fmt::Display for FixOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FixOption::Auto => "auto",
            FixOption::Nsg => "nsg",
            FixOption::IpRanges => "ip-ranges",
            FixOption::Firewall => "firewall",
            FixOption::Route => "route",
            FixOption::Proxy => "proxy",
            FixOption::NatGateway => "nat-gateway",
        })
    }
}

/// Which NSG of the path a rule goes into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NsgSlot {
    /// The VM's NIC.
    Nic,
    /// The VM's subnet.
    Subnet,
    /// The proxy VM's NIC.
    ProxyNic,
    /// The proxy VM's subnet.
    ProxySubnet,
}

impl fmt::Display for NsgSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NsgSlot::Nic => "NIC",
            NsgSlot::Subnet => "subnet",
            NsgSlot::ProxyNic => "proxy VM's NIC",
            NsgSlot::ProxySubnet => "proxy VM's subnet",
        })
    }
}

/// A new outbound Allow rule in an NSG.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewNsgRule {
    /// The NSG it goes into.
    pub nsg: String,
    /// Where that NSG sits on the path.
    pub slot: NsgSlot,
    /// Its resource group, when the input names it.
    pub resource_group: Option<String>,
    /// File the NSG was read from (for the file emitter).
    pub file: String,
    /// Rule name (valid for Azure, not colliding).
    pub name: String,
    /// Free priority below the rule that denied.
    pub priority: u32,
    /// Source address prefix (the VM's IP, or `VirtualNetwork`).
    pub source: String,
    /// Destination prefixes: the service tag, or CIDRs.
    pub destinations: Vec<String>,
    /// Exactly the required ports.
    pub ports: Vec<u16>,
    /// Why it is there.
    pub description: String,
}

/// A new network rule in Azure Firewall (a rule collection group of its policy, or a classic collection).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewFirewallRule {
    /// The firewall.
    pub firewall: String,
    /// Its Firewall Policy, when its rules come from one.
    pub policy: Option<String>,
    /// Rule collection group (policy) — processed before every existing group.
    pub group: String,
    /// Its priority.
    pub group_priority: u32,
    /// Rule collection.
    pub collection: String,
    /// Collection priority.
    pub collection_priority: u32,
    /// Rule name.
    pub name: String,
    /// Source addresses.
    pub sources: Vec<String>,
    /// Destination (`Storage.<Region>`).
    pub destinations: Vec<String>,
    /// Exactly the required ports.
    pub ports: Vec<u16>,
    /// The firewall resource as read (JSON), for a template that writes a classic firewall back whole.
    #[serde(skip)]
    pub resource: Option<String>,
}

/// A new application rule with the `AzureBackup` FQDN tag in Azure Firewall, the firewall option the backup
/// documentation prescribes (reference §10.3): `Https:443`; 8443 still needs a network rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewFirewallAppRule {
    /// The firewall.
    pub firewall: String,
    /// Its Firewall Policy, when its rules come from one.
    pub policy: Option<String>,
    /// Rule collection group (policy), shared with the network rule of the same fix.
    pub group: String,
    /// Its priority.
    pub group_priority: u32,
    /// Application rule collection.
    pub collection: String,
    /// Collection priority.
    pub collection_priority: u32,
    /// Rule name.
    pub name: String,
    /// Source addresses.
    pub sources: Vec<String>,
    /// The FQDN tag (`AzureBackup`); empty when the rule names FQDNs instead.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub fqdn_tag: String,
    /// Target FQDNs (`*.microsoft.com`), for a destination with no FQDN tag (a workload's fix); the rule
    /// then states its protocols.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub target_fqdns: Vec<String>,
    /// `Https` ports (443).
    pub ports: Vec<u16>,
    /// The firewall resource as read (JSON), for a template that writes a classic firewall back whole.
    #[serde(skip)]
    pub resource: Option<String>,
}

/// A NAT gateway for a private subnet: a Standard public IP, the gateway, and its association with the
/// subnet (reference §10.1: the subnet's explicit outbound method).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewNatGateway {
    /// `vnet/snet`.
    pub subnet: String,
    /// The subnet's resource id, when the inputs give it.
    pub subnet_id: Option<String>,
    /// The VNet's resource group, when the id names it.
    pub resource_group: Option<String>,
    /// The region (`koreacentral`).
    pub location: String,
    /// The NAT gateway's name.
    pub name: String,
    /// Its public IP's name.
    pub public_ip: String,
    /// The subnet's writable properties as read (JSON), carried by a subnet written back in ARM/Bicep.
    pub subnet_properties: Option<String>,
}

/// A new Virtual Network Manager security admin rule, for the network manager's owners to apply: an NSG
/// change cannot repair an admin Deny (reference §10.2).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewAdminRule {
    /// The network manager.
    pub network_manager: String,
    /// Its resource group.
    pub resource_group: Option<String>,
    /// Its subscription, when the Deny's id names it.
    pub subscription: Option<String>,
    /// The security admin configuration that owns the Deny.
    pub configuration: String,
    /// The rule collection (the Deny's own, so the rule applies to the same network groups).
    pub rule_collection: String,
    /// Rule name.
    pub name: String,
    /// `AlwaysAllow`: the backup flow passes without the NSGs (which were open before the Deny).
    pub access: super::AdminAccess,
    /// A priority number lower than the Deny's.
    pub priority: u32,
    /// Source: the VM's IP, or the VNet's address space.
    pub sources: Vec<String>,
    /// Destination service tag (`Storage.<Region>`).
    pub destination: String,
    /// Exactly the port.
    pub ports: Vec<u16>,
    /// The Deny it goes before, as the portal names it.
    pub before: String,
    /// Why it is there.
    pub description: String,
}

/// A new user route.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewRoute {
    /// The route table.
    pub table: String,
    /// Route name.
    pub name: String,
    /// Address prefix: the `Storage.<Region>` service tag.
    pub prefix: String,
    /// `Internet`, or `VirtualAppliance` (a private subnet's storage traffic sent to the firewall).
    pub next_hop: String,
    /// The appliance's IP, for `VirtualAppliance`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_hop_ip: Option<String>,
}

/// Lines for the proxy's squid.conf, placed before the first `http_access` line that denies the request.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewSquidLines {
    /// The squid.conf (or included file) holding the denying line.
    pub file: String,
    /// Insert before this 1-based line.
    pub before_line: usize,
    /// The denying line, as written.
    pub denying: String,
    /// The lines.
    pub lines: Vec<String>,
}

/// The proxy setting the backup extension really reads, to set on the VM.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GuestProxy {
    /// The VM's OS.
    pub os: Os,
    /// Proxy host.
    pub host: String,
    /// Proxy port.
    pub port: u16,
    /// Addresses that must not go through the proxy (WireServer, IMDS).
    pub bypass: Vec<String>,
}

/// One change to the configuration.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    /// An NSG rule.
    NsgRule(NewNsgRule),
    /// An Azure Firewall network rule.
    FirewallRule(NewFirewallRule),
    /// An Azure Firewall application rule with the `AzureBackup` FQDN tag.
    FirewallAppRule(NewFirewallAppRule),
    /// A NAT gateway on a private subnet.
    NatGateway(NewNatGateway),
    /// A user route.
    Route(NewRoute),
    /// Lines for squid.conf.
    SquidLines(NewSquidLines),
    /// The guest's proxy setting.
    GuestProxy(GuestProxy),
    /// A security admin rule (for the network manager's owners).
    AdminRule(NewAdminRule),
}

/// A fix: the changes, and the path before and after them.
#[derive(Clone, Debug, Serialize)]
pub struct Fix {
    /// The option used.
    pub option: FixOption,
    /// The changes, in the order they were found necessary.
    pub changes: Vec<Change>,
    /// The check before.
    pub before: CheckReport,
    /// The same check over the changed inputs.
    pub after: CheckReport,
    /// When the option cannot repair the path alone: which hop still blocks and which option would.
    pub still_blocked: Option<String>,
    /// Things the user must know (ranges drift, a source assumed, …).
    pub notes: Vec<Diagnostic>,
    /// For `auto`: the other options and why they were not chosen.
    pub alternatives: Vec<String>,
}

/// Output languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
// clap: the `help` values keep `--help` as it was (these doc comments are for the library).
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Emit {
    /// The user's input file with the change applied (`<stem>.fixed.<ext>`).
    #[cfg_attr(
        feature = "cli",
        value(
            help = "The input file itself, changed (`nsg.json` → `nsg.fixed.json`), shown as a diff"
        )
    )]
    File,
    /// `az` CLI commands (bash).
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Azcli,
    /// Azure PowerShell (Az module).
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Powershell,
    /// ARM template resources.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Arm,
    /// Bicep resources.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Bicep,
    /// Terraform (azurerm) resources.
    #[cfg_attr(feature = "cli", value(help = None::<&str>))]
    Terraform,
}

/// One emitted text.
#[derive(Clone, Debug, Serialize)]
pub struct Emitted {
    /// The language.
    pub emit: Emit,
    /// The text.
    pub text: String,
}

/// A user's file with the change applied.
#[derive(Clone, Debug, Serialize)]
pub struct FixedFile {
    /// The input file.
    pub original: String,
    /// `<stem>.fixed.<ext>` beside it.
    pub fixed: String,
    /// Unified diff, original → fixed.
    pub diff: String,
    /// Whether it was written (`--write`).
    pub written: bool,
    /// The verdict of `check` run again from disk with every written file in place of its original (only
    /// when written).
    pub recheck: Option<Overall>,
}

/// The result of `azegress fix`.
#[derive(Clone, Debug, Serialize)]
pub struct FixReport {
    /// 2: every warning, note and assumption is a diagnostic with a stable code (1 had strings).
    pub schema_version: u32,
    /// The fix and its proof.
    #[serde(flatten)]
    pub fix: Fix,
    /// The change in each language asked for.
    pub emitted: Vec<Emitted>,
    /// The user's files with the change applied.
    pub files: Vec<FixedFile>,
}

impl FixReport {
    /// 0 the re-check passes, 1 the option cannot fix the path alone, 3 the re-check is inconclusive.
    pub fn exit_code(&self) -> u8 {
        if self.fix.still_blocked.is_some() {
            return 1;
        }
        self.fix.after.verdict.exit_code()
    }
}
