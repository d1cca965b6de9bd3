//! Diagnostics: every warning, note, assumption and unknown the tool says, with a stable code.
//!
//! A [`Diagnostic`] is built from one entry of [`CODES`] (its code, severity, kind and Microsoft Learn
//! page) and the message of the case at hand. The table is the one list of what the tool may say:
//! `azegress explain CODE` prints an entry, `docs/diagnostics.md` is generated from it (a test keeps them
//! equal), `--strict` turns exactly the [`Kind::Assumption`] diagnostics into *unknown*, `--allow CODE`
//! accepts one and `--deny CODE` refuses one.
//!
//! Codes are grouped by area: `AZE01xx` reading inputs, `AZE02xx` service tags, `AZE03xx` the path (NSGs,
//! routes, firewalls, private endpoints), `AZE04xx` proxies, `AZE05xx` fix, `AZE06xx` gate lints,
//! `AZE07xx` probe. A code is never reused for another meaning.

use serde::Serialize;
use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Wrong: fails a gate.
    Error,
    /// Probably wrong, or weakens the verdict.
    Warning,
    /// Worth knowing.
    Note,
}

/// What a diagnostic is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Something in the inputs is wrong or risky.
    Finding,
    /// An input was not given and something was assumed in its place (`--strict` makes it *unknown*).
    Assumption,
    /// An input was given but takes no part in the verdict, or part of it could not be read.
    IgnoredInput,
    /// A value cannot be known offline.
    Unknown,
    /// A suggestion.
    Hint,
}

impl Kind {
    /// The word used in text output.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Finding => "finding",
            Kind::Assumption => "assumption",
            Kind::IgnoredInput => "ignored-input",
            Kind::Unknown => "unknown",
            Kind::Hint => "hint",
        }
    }
}

/// One entry of the code table.
#[derive(Debug)]
pub struct CodeInfo {
    /// `AZE0101`.
    pub code: &'static str,
    /// A short name (`nsg-slot-mismatch`).
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// What it is about.
    pub kind: Kind,
    /// What it means and what to do, in a few sentences (`azegress explain CODE`).
    pub explain: &'static str,
    /// An example message.
    pub example: &'static str,
    /// The Microsoft Learn page behind it, when there is one.
    pub link: Option<&'static str>,
}

/// Where a diagnostic points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line (0 when not known).
    pub line: usize,
    /// 1-based column (0 when not known).
    pub col: usize,
    /// JSON pointer, when the file is JSON.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub pointer: String,
}

impl Location {
    /// The place an [`Origin`](crate::model::Origin) names (`None` when it names no file).
    pub fn of(o: &crate::model::Origin) -> Option<Location> {
        (!o.file.is_empty()).then(|| Location {
            file: o.file.to_string(),
            line: o.line,
            col: o.col,
            pointer: o.pointer.clone(),
        })
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.col) {
            (0, _) => write!(f, "{}", self.file),
            (l, 0) => write!(f, "{}:{l}", self.file),
            (l, c) => write!(f, "{}:{l}:{c}", self.file),
        }
    }
}

/// One thing the tool says about a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code (`AZE0201`).
    pub code: &'static str,
    /// Severity (the table's, or raised by `--deny`).
    pub severity: Severity,
    /// What it is about.
    pub kind: Kind,
    /// Where, when it points at a place in an input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// One line: what is the case.
    pub message: String,
    /// What to do, when the message does not say it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The Microsoft Learn page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<&'static str>,
}

impl Diagnostic {
    /// A diagnostic of `code` saying `message`.
    pub fn new(code: &'static CodeInfo, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: code.code,
            severity: code.severity,
            kind: code.kind,
            location: None,
            message: message.into(),
            help: None,
            link: code.link,
        }
    }

    /// The same, located.
    pub fn at(mut self, origin: &crate::model::Origin) -> Diagnostic {
        self.location = Location::of(origin);
        self
    }

    /// The same, with what to do.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The same, its message prefixed with the object it belongs to (``NSG `x`: …``).
    pub fn within(mut self, context: &str) -> Diagnostic {
        self.message = format!("{context}: {}", self.message);
        self
    }

    /// Its entry in the table.
    pub fn info(&self) -> &'static CodeInfo {
        lookup(self.code).unwrap_or(CODES[0])
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The entry of a code (any case), if there is one.
pub fn lookup(code: &str) -> Option<&'static CodeInfo> {
    CODES
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(code) || c.name.eq_ignore_ascii_case(code))
        .copied()
}

/// What `--allow CODE` and `--deny CODE` say about a run.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    /// Codes accepted: dropped from the output, and an accepted assumption does not make `--strict` unknown.
    pub allow: Vec<String>,
    /// Codes refused: raised to errors.
    pub deny: Vec<String>,
}

impl Policy {
    /// Checks that every code named exists; the error names the unknown one.
    pub fn validate(&self) -> Result<(), String> {
        for c in self.allow.iter().chain(&self.deny) {
            if lookup(c).is_none() {
                return Err(format!(
                    "`{c}` is not a diagnostic code (codes are listed by `azegress explain --list`)"
                ));
            }
        }
        Ok(())
    }

    /// Does `--deny` name this diagnostic's code?
    pub fn denies(&self, d: &Diagnostic) -> bool {
        Self::named(&self.deny, d)
    }

    fn named(list: &[String], d: &Diagnostic) -> bool {
        list.iter()
            .any(|c| lookup(c).is_some_and(|i| i.code == d.code))
    }

    /// Applies the policy: allowed codes removed, denied ones raised to errors.
    pub fn apply(&self, ds: &mut Vec<Diagnostic>) {
        ds.retain(|d| !Self::named(&self.allow, d));
        for d in ds.iter_mut() {
            if Self::named(&self.deny, d) {
                d.severity = Severity::Error;
            }
        }
    }
}

macro_rules! codes {
    ($( $konst:ident = $code:literal $name:literal $sev:ident $kind:ident $link:expr, $explain:literal, $example:literal; )*) => {
        $(
            #[doc = $explain]
            pub static $konst: CodeInfo = CodeInfo {
                code: $code,
                name: $name,
                severity: Severity::$sev,
                kind: Kind::$kind,
                explain: $explain,
                example: $example,
                link: $link,
            };
        )*
        /// Every code, in order.
        pub static CODES: &[&CodeInfo] = &[$(&$konst),*];
    };
}

const NSG: Option<&str> =
    Some("https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview");
const RULES: Option<&str> =
    Some("https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works");
const TAGS: Option<&str> =
    Some("https://learn.microsoft.com/azure/virtual-network/service-tags-overview");
const ROUTES: Option<&str> =
    Some("https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview");
const FIREWALL: Option<&str> = Some("https://learn.microsoft.com/azure/firewall/rule-processing");
const POLICY: Option<&str> = Some("https://learn.microsoft.com/azure/firewall/policy-rule-sets");
const BACKUP: Option<&str> = Some(
    "https://learn.microsoft.com/azure/backup/backup-azure-arm-vms-prepare#establish-network-connectivity",
);
const PROXY: Option<&str> = Some(
    "https://learn.microsoft.com/azure/backup/backup-azure-arm-vms-prepare#set-up-an-http-proxy",
);
const AGENT: Option<&str> =
    Some("https://learn.microsoft.com/azure/virtual-machines/extensions/agent-linux");
const WIRESERVER: Option<&str> =
    Some("https://learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16");
const PE: Option<&str> =
    Some("https://learn.microsoft.com/azure/private-link/private-endpoint-overview");
const TEMPLATES: Option<&str> =
    Some("https://learn.microsoft.com/azure/azure-resource-manager/templates/linked-templates");
const LIMITS: Option<&str> = Some(
    "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#networking-limits",
);
const AVNM: Option<&str> =
    Some("https://learn.microsoft.com/azure/virtual-network-manager/concept-security-admins");
const TERRAFORM: Option<&str> =
    Some("https://learn.microsoft.com/azure/developer/terraform/overview");
const VWAN: Option<&str> = Some(crate::learn::VWAN_ROUTING);
const NONE: Option<&str> = None;

codes! {
    // AZE01xx: reading inputs
    NSG_SLOT_MISMATCH = "AZE0101" "nsg-slot-mismatch" Warning Finding NSG,
        "An NSG file says the NSG is associated with the NIC (or the subnet), but it was passed in the other slot. NIC and subnet NSGs are evaluated in a fixed order (outbound: NIC first, then subnet), so the slot matters. Pass it with the flag that matches its association.",
        "nsg.json: NSG `vm1-nsg` is associated with the subnet in this file but was given as the NIC NSG";
    INVALID_RULE_NAME = "AZE0102" "invalid-rule-name" Warning Finding RULES,
        "Azure accepts rule names of 1 to 80 word characters, `.`, `-` and `_`, starting with a word character. A template or export with another name will not deploy as written.",
        "rule `allow storage` (nsg.json:12:9): invalid name (Azure allows ≤80 word characters, `.`, `-`, `_`, starting with a word character)";
    PRIORITY_OUT_OF_RANGE = "AZE0103" "priority-out-of-range" Warning Finding RULES,
        "NSG rule priorities are 100 to 4096; Azure rejects others. The rule is evaluated at its priority as written.",
        "rule `r1` (nsg.json:8:9): priority 5000 is outside 100-4096; Azure rejects it";
    DUPLICATE_PRIORITY = "AZE0104" "same-priority" Warning Finding RULES,
        "Two rules of one NSG and direction share a priority; Azure rejects the NSG. Which one would decide is not defined, so give each its own priority.",
        "rules `a` and `b` (nsg.json:20:9): same priority 200 in direction Outbound; Azure rejects duplicate priorities";
    TEMPLATE_NULL_PARAMETERS = "AZE0105" "template-null-parameters" Note Assumption TEMPLATES,
        "Template parameters without a default and without a value in the parameters files are taken as null, as Azure does when they are optional. Pass `--parameters FILE` with the values you deploy.",
        "template parameters without a value are taken as null, as Azure does: nsgName (pass --parameters FILE to give them)";
    TEMPLATE_TOO_DEEP = "AZE0106" "template-too-deep" Warning IgnoredInput TEMPLATES,
        "Nested deployments deeper than the reader's limit were not read; resources in them are not on any path.",
        "resources nested deeper than 16 levels were not read";
    LINKED_TEMPLATE = "AZE0107" "linked-template" Warning IgnoredInput TEMPLATES,
        "A nested deployment links its template by URI (`templateLink`); offline, the linked template is not fetched. Pass that template file itself.",
        "deployment `network` links a template by URI, which is not read offline: pass that template itself";
    DEPLOYMENT_WITHOUT_TEMPLATE = "AZE0108" "deployment-without-template" Warning IgnoredInput TEMPLATES,
        "A nested deployment has neither an inline template nor a link; nothing in it is read.",
        "deployment `network` has no inline template";
    ROUTE_NEXT_HOP_UNKNOWN = "AZE0109" "route-next-hop-unknown" Warning Unknown ROUTES,
        "A route's next-hop IP is an expression that cannot be computed offline, so it cannot be matched to a firewall or appliance.",
        "route `to-firewall`: next hop IP not known offline: parameters('fwIp')";
    EFFECTIVE_ROUTE_INACTIVE = "AZE0110" "effective-route-inactive" Note IgnoredInput ROUTES,
        "An effective route is listed with a state other than Active (Invalid or another); Azure does not use it, so it takes no part in the verdict.",
        "effective route 3 (0.0.0.0/0) is Invalid: not used";
    FIREWALL_IP_UNKNOWN = "AZE0111" "firewall-ip-unknown" Warning Unknown FIREWALL,
        "The firewall's private IP is an expression that cannot be computed offline. Pass `--firewall-ip` so that routes to it can be matched.",
        "private IP not known offline (reference(...)); pass --firewall-ip";
    FIREWALL_POLICY_UNRESOLVED = "AZE0112" "firewall-policy-unresolved" Warning Assumption POLICY,
        "The firewall names its policy by an expression that cannot be resolved offline; the only policy in the inputs is taken as its policy.",
        "the firewall's policy reference `[variables('p')]` cannot be resolved offline; using the only policy in the input, `hub-policy`";
    BASE_POLICY_MISSING = "AZE0113" "base-policy-missing" Warning IgnoredInput POLICY,
        "A firewall policy inherits from a base policy whose rule collection groups were not given; the base rules, which Azure processes first, are not evaluated. Pass the base policy's rule collection groups.",
        "base policy `org-base`: its rule collection groups were not given; its rules are not evaluated";
    POLICY_WITHOUT_GROUPS = "AZE0114" "policy-without-groups" Warning IgnoredInput POLICY,
        "A firewall policy was given without its rule collection groups, so only the default deny is evaluated. Pass `az network firewall policy rule-collection-group list` output too.",
        "firewall policy `hub-policy`: no rule collection groups given (pass the output of `az network firewall policy rule-collection-group list` too); only the default deny is evaluated";
    TEMPLATE_BUDGET = "AZE0115" "template-budget" Warning Unknown TEMPLATES,
        "Evaluating the template's expressions stopped at its work budget (a copy loop or variables that grow without bound); values past it are unknown.",
        "evaluation stopped at its budget: values past it are unknown";
    FIREWALL_IP_ASSUMED = "AZE0116" "firewall-ip-assumed" Note Assumption FIREWALL,
        "The configuration leaves the firewall's private IP to Azure: it is taken to be the first address Azure hands out in the `AzureFirewallSubnet` it sits in (the fourth: Azure reserves the first four), so that routes to it find it. `--strict` makes it inconclusive; `--firewall-ip` states it.",
        "firewall `fw`: private IP 10.0.1.4 assumed (the first address Azure hands out in AzureFirewallSubnet 10.0.1.0/26)";
    TERRAFORM_NOT_READ = "AZE0130" "terraform-not-read" Warning IgnoredInput TERRAFORM,
        "Part of a Terraform configuration read without a plan could not be read offline: a registry or git module that `terraform init` has not fetched, or a `data` source (Azure answers it when Terraform plans). What it would give is unknown: the resources it creates are not gated and the values it returns make what uses them unknown. Run `terraform init`, or gate the plan (`terraform show -json`).",
        "module `vnet` (registry) not fetched: run `terraform init`, or gate the plan";
    TERRAFORM_UNKNOWN = "AZE0131" "terraform-unknown" Warning Unknown TERRAFORM,
        "A Terraform configuration read without a plan leaves unknown something that can change the verdict: how many instances of a resource there are (`count`, `for_each`), the NSG a rule belongs to, what an association joins. The message names the value and why it is not known; a reachable verdict is inconclusive. Pass the variable values (`--var-file`, `--var`), or gate the plan.",
        "`azurerm_network_security_rule.deny` cannot be joined to what it names: variable `nsg_name` has no value: pass --var-file or --var nsg_name=VALUE";
    NSG_RULES_UNKNOWN = "AZE0150" "nsg-rules-unknown" Warning Unknown TEMPLATES,
        "An NSG's rule list is built from a value that is not known offline (a template expression over a parameter without a value, a Key Vault reference, a copy loop whose count is not known). The NSG is read with its default rules and the unknown list in front of them: wherever those rules could decide, the result is unknown; every other resource of the file is still read. Pass the value with `--parameters FILE`.",
        "its security rules are not known offline ([json(replace(…, parameters('location')))]): wherever they could decide, the result is unknown; pass --parameters FILE with the values you deploy";
    RESOURCE_NOT_DEPLOYED = "AZE0151" "resource-not-deployed" Note IgnoredInput TEMPLATES,
        "A template resource or nested deployment has a `condition` that is false with the parameters given: Azure does not deploy it, so it takes no part in any path.",
        "route table `rt-spoke` is not deployed: its condition `[parameters('enableEgressLockdown')]` is false with these parameters";

    // AZE02xx: service tags
    TAGS_STALE = "AZE0201" "tags-stale" Warning Finding TAGS,
        "The service-tag file in use is more than 30 days old. Microsoft publishes a new file every week and adds prefixes to the Storage regions, so a verdict about a recently added address may be wrong. Run `azegress tags update` or pass a current file with `--service-tags`.",
        "the service tags in use were published on 2025-11-06, more than 30 days ago";
    WRONG_REGION_TAG = "AZE0202" "wrong-region-tag" Warning Finding BACKUP,
        "A rule allows a regional Storage tag of another region than the VM's. The backup extension writes to storage in the VM's own region, so the rule does not match the backup traffic.",
        "`Allow-Storage` in NSG `nsg` allows Storage.WestUS, but the VM is in koreacentral and its backup writes to Storage.KoreaCentral";
    ENDPOINT_TAG_MISSING = "AZE0203" "endpoint-tag-missing" Warning IgnoredInput TAGS,
        "A service endpoint names a service whose tag is not in the service-tag file; its route is not modelled.",
        "service endpoint Microsoft.Storage for `Storage.Atlantis`: no such tag in bundled:…; its route is not modelled";
    TAG_NOT_SUPPORTED = "AZE0204" "tag-not-supported" Warning Finding TAGS,
        "The service tag is used where the tag file says it is not supported (a user-defined route or an Azure Firewall rule); Azure may refuse it.",
        "route `r`: tag `AzureBackup` is not supported in user-defined routes";
    TAG_FILE_SKIPPED = "AZE0205" "tag-file-skipped" Warning IgnoredInput TAGS,
        "A cached service-tag file could not be read and was skipped; the next newest file is used. `azegress tags update --force` replaces it.",
        "the cached service-tag file ServiceTags_Public_20261116.json was skipped: invalid JSON; the next newest file is used";
    TAG_FILE_IMPLAUSIBLE = "AZE0206" "tag-file-implausible" Warning Finding TAGS,
        "A downloaded service-tag file looks wrong against the one it replaces (a tag gains 0.0.0.0/0, a Storage region changes most of its prefixes, a changeNumber jump its tags do not explain). It is refused unless `--force`.",
        "tag `Storage.WestEurope` changes 80 of its 97 prefixes at once";

    // AZE03xx: the path
    EFFECTIVE_VNET_EXPANDED = "AZE0301" "effective-vnet-expanded" Warning Unknown ROUTES,
        "Effective rules expand VirtualNetwork to 0.0.0.0/0: Azure does that when a user route sends 0.0.0.0/0 to an appliance, so the subnet has routes that were not given. Pass the effective routes (`az network nic show-effective-route-table`).",
        "effective rules of NSG `nsg` expand VirtualNetwork to 0.0.0.0/0";
    PRIVATE_ENDPOINT_OUTSIDE_VNET = "AZE0302" "private-endpoint-outside-vnet" Warning Unknown PE,
        "The storage private endpoint is outside the VNet address space given; it is reached only through a peering or a route that was not given.",
        "storage private endpoint 10.9.0.5 is outside the VNet address space given (10.0.0.0/16)";
    PRIVATE_ENDPOINT_DNS = "AZE0303" "private-endpoint-dns" Note Assumption PE,
        "A storage private endpoint is on the path only when the blob host resolves to it (the privatelink.blob zone linked to the VNet). That cannot be seen in the exports, so it is assumed.",
        "storage private endpoint 10.0.2.5: the blob host is assumed to resolve to it";
    EFFECTIVE_ROUTES_HOLD_ENDPOINTS = "AZE0304" "effective-routes-hold-endpoints" Note IgnoredInput ROUTES,
        "Effective routes already hold the subnet's service-endpoint routes, so the service endpoints given separately are not added again.",
        "effective routes already hold the subnet's service-endpoint routes; the service endpoints given are not added again";
    FIREWALL_IP_NOT_GIVEN = "AZE0305" "firewall-ip-not-given" Warning Unknown FIREWALL,
        "The firewall's private IP is not known, so routes to an appliance cannot be matched to it. Pass `--firewall-ip` or scenario `firewall.private_ip`.",
        "firewall `hub-fw`: its private IP is not known";
    THREAT_INTEL_DENY = "AZE0306" "threat-intel-deny" Note Assumption Some("https://learn.microsoft.com/azure/firewall/threat-intel"),
        "The firewall's threat intelligence is in Deny mode and runs before all rules; Azure Storage addresses are assumed not to be on its feed.",
        "firewall `hub-fw`: threat intelligence is in Deny mode and runs before all rules";
    NO_VNET = "AZE0307" "no-vnet" Note Assumption TAGS,
        "No VNet address space was given, so it is assumed to lie in private space; `VirtualNetwork` and `Internet` follow from that. Pass `--vnet`.",
        "no --vnet: the VNet is assumed to lie in private space";
    NO_VM_IP = "AZE0308" "no-vm-ip" Note Assumption NSG,
        "The VM's private IP was not given; rules whose source is a specific prefix may be inconclusive. Pass `--vm-ip`.",
        "no --vm-ip: rules whose source is a specific prefix may be inconclusive";
    NO_NSG = "AZE0309" "no-nsg" Note Assumption NSG,
        "No NSG was given for the NIC or the subnet: with none, Azure filters nothing at this stage. If the VM has an NSG, pass it.",
        "no NSG given: with no NSG on the NIC or the subnet, Azure filters nothing at this stage";
    BGP_ROUTES = "AZE0310" "bgp-routes" Note Assumption ROUTES,
        "The route table propagates gateway routes: routes learned over BGP from a VPN or ExpressRoute gateway (an advertised 0.0.0.0/0 forces traffic on-premises) are not in it. Pass the effective routes to include them.",
        "route table `rt` propagates gateway routes";
    NO_ROUTE_TABLE = "AZE0311" "no-route-table" Note Assumption ROUTES,
        "No route table was given: the subnet's system routes are assumed (0.0.0.0/0 to the Internet).",
        "no route table given: the subnet's system routes are assumed (0.0.0.0/0 → Internet)";
    IPV6_NOT_CHECKED = "AZE0312" "ipv6-not-checked" Note Assumption TAGS,
        "Only the IPv4 prefixes of the Storage tag were checked. Pass `--ipv6` for a dual-stack VM.",
        "IPv6 prefixes of Storage.KoreaCentral not checked (pass --ipv6)";
    FIREWALL_NOT_ON_PATH = "AZE0313" "firewall-not-on-path" Warning IgnoredInput FIREWALL,
        "An Azure Firewall was given, but no route sends the VM's storage traffic to it, so it takes no part in the verdict.",
        "Azure Firewall `hub-fw` is not on the path: no route leads to 10.0.1.4";
    STRICT_UNKNOWN = "AZE0314" "strict-unknown" Warning Unknown NONE,
        "With `--strict`, a path that is reachable only under assumptions is inconclusive: each assumption is a gap in the evidence. Give the inputs the assumptions name, or accept one with `--allow CODE`.",
        "--strict: reachable only under 3 assumption(s) listed below";
    DENIED_CODE = "AZE0315" "denied-code" Warning Unknown NONE,
        "A diagnostic named by `--deny CODE` was raised, so a reachable verdict is inconclusive (a gate fails).",
        "--deny AZE0311: no route table given";
    UNKNOWN_PART = "AZE0316" "unknown-part" Warning Unknown NONE,
        "Part of a flow cannot be decided offline: a rule, route or squid line whose value is an expression, an application security group's members, a firewall's IP group, a source-port-limited rule. The message names it and what would decide it.",
        "rule `allow-app` of NSG `nsg` names application security group `asg-web`: its members are not known offline (pass --vm-asg)";
    FQDN_TAG_ASSUMED = "AZE0317" "fqdn-tag-assumed" Note Assumption Some("https://learn.microsoft.com/azure/backup/backup-azure-arm-vms-prepare#establish-network-connectivity"),
        "An Azure Firewall application rule with the AzureBackup FQDN tag allows the backup extension on the rule's own protocol ports: Azure Backup documents it as the firewall option, but the tag's FQDN list is not published, so that it covers the storage account's blob host is assumed. 8443 (managed disks) still needs its own rule. `--strict` makes it inconclusive.",
        "application rule `allow-backup/azure-backup` uses FQDN tag AzureBackup: documented by Azure Backup as the firewall option for VM backup";
    DEFAULT_OUTBOUND_ASSUMED = "AZE0318" "default-outbound-assumed" Note Assumption Some("https://learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access"),
        "The subnet's outbound facts (`defaultOutboundAccess`, a NAT gateway, the NIC's public IP) are not among the inputs, and a route sends the storage traffic to the Internet: the subnet is assumed to have default outbound access. Subnets of VNets created with API 2025-07-01 or later are private by default and reach no public endpoint without an explicit outbound method. Pass the subnet's export; `--strict` makes it inconclusive.",
        "the subnet's outbound facts are not given: it is assumed to have default outbound access";

    ADMIN_RULES_EMPTY = "AZE0321" "admin-rules-empty" Note IgnoredInput AVNM,
        "The effective security admin rules given for the VNet are an empty list: no Virtual Network Manager admin rule applies to it, so the NSGs alone decide.",
        "admin.json: no security admin rule applies to this VNet (the list is empty): the NSGs alone decide";
    ADMIN_SAME_PRIORITY = "AZE0322" "admin-same-priority" Warning Finding AVNM,
        "Two effective security admin rules of one direction share a priority but differ in access. Which one Azure evaluates first is not defined; the more restrictive is taken first (Deny, then AlwaysAllow, then Allow).",
        "security admin rule `a` (network manager `avnm`, configuration `org`) and security admin rule `b` (network manager `avnm`, configuration `dev`) share priority 10 (Outbound) with different access (Deny and Allow)";
    ADMIN_DENY = "AZE0323" "admin-deny" Warning Finding AVNM,
        "A Virtual Network Manager security admin rule denies the flow. Admin rules are evaluated before the NSGs and a Deny stops the traffic there, so no NSG rule can repair it: the network manager's owners must add an Allow or AlwaysAllow admin rule for the flow at a lower priority number (in the configuration that owns the Deny), or change the Deny.",
        "8443/tcp is denied by security admin rule `deny-8443` (network manager `avnm`, configuration `org`): no NSG change repairs it";
    ADMIN_VM_LEG_ONLY = "AZE0324" "admin-vm-leg-only" Note Assumption AVNM,
        "The security admin rules given are the effective rules of the VM's VNet; they are applied to the VM's own traffic only. The proxy VM's VNet may have other admin rules: pass them if it lies in another VNet.",
        "security admin rules applied to the VM's traffic only: the proxy VM's VNet is assumed to have none beyond them";
    ADMIN_FROM_RESOURCES_ASSUMED = "AZE0325" "admin-from-resources-assumed" Note Assumption AVNM,
        "Security admin rules were read from the network manager's resources among the inputs and apply to the VM's VNet because it is a static member of the rule collection's network group. Assumed: the security admin configuration is deployed (committed) to the VNet's region, and no other rule reaches the VNet through dynamic membership (Azure Policy). The VNet's effective admin rules (`az network manager list-effective-security-admin-rule`, passed with --admin-rules) say both; `--strict` makes it inconclusive.",
        "the security admin rules of configuration `org` of network manager `avnm` apply to VNet `vnet-spoke` as a static member of their network groups; assumed: the configuration is deployed to the VNet's region";
    NOTHING_CHECKED = "AZE0326" "nothing-checked" Warning Unknown NONE,
        "Nothing that could block the path was given: no NSG, route table, service endpoint, firewall, proxy, security admin rule, subnet facts or resources. A REACHABLE verdict would rest on nothing, so the check is inconclusive. Pass the VM's NSGs (`--nic-nsg`, `--subnet-nsg`, or `--effective-nsg`), its route table, or `--resources` with `--vm`.",
        "nothing that could block the path was given: pass the VM's NSGs, its route table, or --resources with --vm";

    // AZE034x: Virtual WAN
    VWAN_HUB_ROUTES = "AZE0340" "vwan-hub-routes" Note Finding VWAN,
        "The VM's virtual network is connected to a Virtual WAN hub: the routes the hub programs into it are added to its subnet's routes as gateway routes. They come from the connection's associated hub route table, or from the hub's routing intent, which replaces the route tables. The default route 0.0.0.0/0 is learned only where the connection has internet security enabled (`enableInternetSecurity`, Terraform `internet_security_enabled`). A subnet route that is more specific, or a user route for the same prefix, still wins.",
        "VNet `spoke` is connected to virtual hub `hub1` (connection `spoke-conn`): 0.0.0.0/0 → Azure Firewall `azfw1` from hub route table `RT_VNet`";
    VWAN_ROUTING_UNKNOWN = "AZE0341" "vwan-routing-unknown" Warning Unknown VWAN,
        "The VM's virtual network is connected to a Virtual WAN hub, but what the hub routes to it cannot be known from the inputs: the hub, its associated route table or its routing intent is not among them, or a value is not known offline. Where the hub could send the traffic elsewhere than the subnet's own routes do, the verdict is inconclusive. Add the hub, its route tables and routing intent to the inputs (`az network vhub show`, `az network vhub route-table list`, `az network vhub routing-intent list`).",
        "VNet `spoke` is connected to virtual hub `hub1`, which is not among the inputs: where it sends 0.0.0.0/0 is not known";
    VWAN_NO_DEFAULT_ROUTE = "AZE0342" "vwan-no-default-route" Note Finding VWAN,
        "The connection of the VM's virtual network to its Virtual WAN hub does not have internet security enabled (`enableInternetSecurity` false or absent; Terraform's `internet_security_enabled` defaults to false): the hub does not advertise its default route to it, even with an Internet routing policy, so Internet-bound traffic leaves by the virtual network's own default route and the hub's firewall does not see it. Enable internet security on the connection if the firewall must inspect it.",
        "connection `spoke-conn` to virtual hub `hub1` has internet security disabled: the spoke does not learn the hub's 0.0.0.0/0 → Azure Firewall `azfw1`";
    VWAN_PROPAGATION_OFF = "AZE0343" "vwan-propagation-off" Warning Finding VWAN,
        "The subnet's route table does not propagate gateway routes (`disableBgpRoutePropagation` true): the routes its Virtual WAN hub programs, the default route to the hub's firewall included, do not reach it. Traffic follows the table's own routes and the system routes instead.",
        "route table `rt-app` does not propagate gateway routes: the routes of virtual hub `hub1` (0.0.0.0/0 → Azure Firewall `azfw1`) do not apply to subnet `spoke/app`";
    VWAN_DEFAULT_TABLE_ASSUMED = "AZE0344" "vwan-default-table-assumed" Note Assumption VWAN,
        "The connection of the VM's virtual network is associated with its hub's `defaultRouteTable`, which is not among the inputs: it is taken to hold no static route (as a hub deployed without one has), so the hub sends the spoke nothing beyond what it learns from branches. `--strict` makes it inconclusive; add the hub's route tables to the inputs (`az network vhub route-table list`).",
        "virtual hub `hub1`: its defaultRouteTable is not among the inputs and is assumed to hold no static route";
    VWAN_ROUTE_NOT_MODELLED = "AZE0345" "vwan-route-not-modelled" Note IgnoredInput VWAN,
        "A route of a Virtual WAN hub route table takes no part in the verdict: its destination is not a CIDR prefix (a resource id or a service), or it is equal to or more specific than the connected virtual network's own address space, which Virtual WAN does not program into that network.",
        "hub route table `RT_VNet` route `Workload-SNToFirewall` (10.0.1.0/24): within VNet `spoke`'s own address space, so Virtual WAN does not program it there";

    // AZE04xx: proxies
    EXTENSIONS_DISABLED = "AZE0401" "extensions-disabled" Error Finding AGENT,
        "waagent.conf sets Extensions.Enabled=n: the Linux VM agent runs no extension at all, the backup extension included.",
        "waagent.conf:12: Extensions.Enabled=n: the VM agent runs no extension at all";
    NO_PROXY_HOST = "AZE0402" "no-proxy-host" Note Hint PROXY,
        "waagent.conf sets no HttpProxy.Host, so the Linux backup extension connects directly.",
        "waagent.conf: HttpProxy.Host is not set: the Linux extension connects directly";
    PROXY_SETTING_NOTE = "AZE0403" "proxy-setting-note" Note Hint PROXY,
        "How a Windows proxy setting (WinHTTP or the SYSTEM account's Internet Settings) is read: a per-protocol list, a bypass list, an absent entry.",
        "per-protocol proxy without an https= entry: HTTPS traffic is sent directly";
    HKCU_EXPORT = "AZE0404" "hkcu-export" Warning Assumption PROXY,
        "The .reg export is of HKEY_CURRENT_USER; the Windows extension runs as LocalSystem and uses HKEY_USERS\\S-1-5-18. It is right only if it was exported as SYSTEM (PsExec -s).",
        "proxy.reg:3: exported from HKEY_CURRENT_USER";
    OTHER_USER_HIVE = "AZE0405" "other-user-hive" Warning IgnoredInput PROXY,
        "The .reg export is another user's hive, not SYSTEM's (HKEY_USERS\\S-1-5-18); the extension does not use it.",
        "proxy.reg:3: this is another user's hive, not SYSTEM's";
    PROXY_NOT_ENABLED = "AZE0406" "proxy-not-enabled" Note IgnoredInput PROXY,
        "ProxyServer is set but ProxyEnable is absent or 0: no proxy is used.",
        "proxy.reg:5: ProxyServer is set but ProxyEnable is absent (0): no proxy";
    PROXY_SETTING_IGNORED = "AZE0407" "proxy-setting-ignored" Note IgnoredInput PROXY,
        "A proxy setting was given that the backup extension does not read (the environment on Linux, a user's setting on Windows).",
        "/etc/environment:1 http_proxy (10.0.0.5:3128) is ignored: the Linux extension reads only HttpProxy.Host/Port in /etc/waagent.conf";
    WINHTTP_GUIDANCE = "AZE0408" "winhttp-guidance" Note Hint PROXY,
        "The machine-wide WinHTTP proxy is the older classic guidance; current guidance sets the SYSTEM account's proxy.",
        "winhttp.txt:3: the machine-wide WinHTTP proxy (older classic guidance)";
    BYPASS_LACKS_WIRESERVER = "AZE0409" "bypass-lacks-wireserver" Warning Finding WIRESERVER,
        "The proxy's bypass list does not name 168.63.129.16: the VM agent's traffic to WireServer must not go through a proxy. Add 168.63.129.16 and 169.254.169.254.",
        "system-proxy.reg:4: the bypass list does not name 168.63.129.16";
    ON_BYPASS_LIST = "AZE0410" "on-bypass-list" Warning Finding PROXY,
        "The storage host is on the proxy bypass list, so the extension connects directly and the direct path decides.",
        "waagent.conf:3: <account>.blob.core.windows.net is on the proxy bypass list, so the extension connects directly";
    OS_NOT_GIVEN = "AZE0411" "os-not-given" Note Assumption PROXY,
        "The VM's OS decides which proxy setting the extension reads; it was not given, so Linux is assumed. Pass `--os`.",
        "the VM's OS is not given (--os / vm.os): Linux assumed for the proxy rules";
    PROXY_VM_NO_NSG = "AZE0419" "proxy-vm-no-nsg" Note Assumption NSG,
        "No NSG was given for the proxy VM's NIC or subnet, so its traffic to storage is taken as not filtered.",
        "proxy VM: no NSG given for its NIC or subnet: not filtered";
    PROXY_VM_NO_ROUTES = "AZE0412" "proxy-vm-no-routes" Note Assumption ROUTES,
        "The proxy VM's route table was not given: the system routes of its VNet are assumed.",
        "proxy VM: no route table given: system routes of its VNet assumed";
    SSL_BUMP = "AZE0413" "ssl-bump" Note Assumption PROXY,
        "squid bumps TLS (ssl_bump bump): it presents its own certificate, so the VM must trust the proxy's CA for the extension's TLS to succeed; that cannot be seen offline.",
        "squid.conf:40: squid bumps TLS (ssl_bump bump)";
    SQUID_INCLUDES = "AZE0414" "squid-includes" Note Assumption PROXY,
        "squid.conf `include` lines were followed to the files given beside it; the files on the proxy are assumed to be these.",
        "squid.conf: include lines followed to the files given beside it: conf.d/debian.conf";
    SQUID_INCLUDE_MISSING = "AZE0415" "squid-include-missing" Warning IgnoredInput PROXY,
        "A squid.conf `include` names a file that is not beside it; the rules in it are not evaluated. Put the included files beside squid.conf.",
        "squid.conf:3: `include /etc/squid/conf.d/*.conf` is not followed (no such file beside it)";
    SQUID_INTERCEPT = "AZE0416" "squid-intercept" Warning Finding PROXY,
        "squid listens transparently (intercept) on that port: a transparent proxy is reached by routing, not by a guest setting, and it does not serve explicitly configured clients.",
        "squid.conf:10 listens transparently (intercept) on port 3129";
    PROXY_INPUTS_UNUSED = "AZE0417" "proxy-inputs-unused" Warning IgnoredInput PROXY,
        "Proxy inputs were given, but no proxy setting the extension uses names a proxy: the path is direct and they are not evaluated.",
        "--squid-conf given, but no proxy setting the extension uses: the path is direct and it is not evaluated";
    LINUX_DIRECT = "AZE0418" "linux-may-go-direct" Warning Finding PROXY,
        "The Linux VMBackup extension's code may connect directly even with HttpProxy.* set (observed in the code, verify on the VM), so the direct path matters too.",
        "8443/tcp: the Linux VMBackup extension's code may connect directly even with HttpProxy.* set";

    PROXY_AT_INTERCEPT_PORT = "AZE0430" "proxy-at-intercept-port" Warning Finding PROXY,
        "The VM's proxy setting names squid's intercept (transparent) port: an intercept port does not serve explicitly configured clients, so the VM must use squid's forward port.",
        "the proxy setting names 10.0.0.5:3129: port 3129 is squid's intercept (transparent) port (squid.conf:12): an intercept port does not serve explicitly configured clients; the VM's proxy setting must name the forward port 3128";
    SQUID_SHARED_ACL = "AZE0431" "squid-shared-acl" Warning Hint PROXY,
        "The VM's address was not given, so the squid exemption uses a `src` ACL squid.conf already defines: it opens the blob hosts to every client that ACL covers, not only the VM. Pass `--vm-ip` or `--vnet` to narrow it.",
        "squid.conf:1190: the exemption uses `acl localnet src …` as its source: it opens the blob hosts on port 443 to every client it covers";
    SQUID_SPLICE = "AZE0432" "squid-splice-blob" Note Hint PROXY,
        "squid bumps TLS to the blob hosts (`ssl_bump bump`); the VM does not trust the proxy's CA, so the backup extension's TLS would fail. fix adds `ssl_bump splice` for the blob suffix before it, so squid tunnels those hosts untouched.",
        "squid.conf:40 bumps TLS to the blob hosts: `ssl_bump splice` for .blob.core.windows.net added before it";

    // AZE05xx: fix
    FIX_VNET_SOURCE = "AZE0501" "fix-vnet-source" Note Assumption NSG,
        "The VM's IP was not given, so the rule fix adds allows the whole VirtualNetwork as its source. Pass `--vm-ip` to narrow it.",
        "the VM's IP is not given: the rule in `nsg` allows the whole VirtualNetwork as source";
    IP_RANGES_COPIED = "AZE0502" "ip-ranges-copied" Warning Hint TAGS,
        "Option ip-ranges copies the Storage tag's prefixes from this week's file; Microsoft changes them weekly and a copied list then blocks the new ones. Prefer the service tag (option nsg), or refresh the list with each new file.",
        "the ranges of Storage.WestEurope are copied from service tags changeNumber 375";
    FIX_AUTO_CHOICE = "AZE0503" "fix-auto-choice" Note Hint NONE,
        "Which option `--option auto` chose, and (as `not chosen:` lines) why the others were not.",
        "auto chose option `firewall`";
    FIX_ROUTE_BYPASSES = "AZE0505" "fix-route-bypasses" Warning Finding Some("https://learn.microsoft.com/azure/firewall/forced-tunneling"),
        "The fix adds a user route that sends the storage traffic past the Azure Firewall or network virtual appliance the path goes through: it is no longer inspected or logged there. `auto` never chooses it unless `--allow-bypass` is given; `--option firewall` changes the appliance instead.",
        "the route sends storage traffic past the firewall or appliance on the path: it is no longer inspected or logged there";
    FIX_INCONCLUSIVE = "AZE0506" "fix-inconclusive" Warning Unknown NONE,
        "No required flow is blocked, but the check is inconclusive: something on the path cannot be decided offline (an address, a firewall's IP, a membership). `fix` changes nothing it cannot prove; the message names the unknown, and giving it (a flag, an export) decides the path.",
        "no required flow is blocked, but the check is inconclusive (whether route `default-to-hub-firewall` leads to Azure Firewall `hub-fw` is not known: its IP is not given): no change is proven until that is known";
    FIX_NAT_BYPASSES_FIREWALL = "AZE0504" "fix-nat-bypasses-firewall" Warning Finding Some("https://learn.microsoft.com/azure/nat-gateway/nat-overview"),
        "The fix gives a private subnet a NAT gateway while an Azure Firewall is among the inputs: the subnet's VMs then reach the Internet through the NAT gateway, which the firewall does not inspect or log. `--option firewall` sends the storage traffic through the firewall instead (a route to it and its rules).",
        "a NAT gateway gives the subnet's VMs a way to the Internet that Azure Firewall `hub-fw` does not inspect; option `firewall` sends the storage traffic through the firewall instead";
    FIX_FILE_NOT_EDITED = "AZE0510" "fix-file-not-edited" Warning Hint NONE,
        "`--emit file` could not write this change into the input file it came from (an effective, generated or inline input, a value taken from a parameter or copy loop, a list written in flow style); the reason names the emitter that writes it instead.",
        "spoke-rt.json: effective routes are read-only (what Azure computed for the NIC): add the route to the route table itself with --emit azcli, powershell, arm, bicep or terraform";
    FIX_NSG_INTERNET = "AZE0511" "fix-nsg-internet" Warning Finding NSG,
        "A workload destination has no service tag (an FQDN such as `*.microsoft.com`), and an NSG filters addresses, not names: with `--option firewall` the NSG rule fix adds allows the destination's ports to Internet, and the Azure Firewall application rule limits them to the names. Without a firewall on the path, send the workload through a proxy instead.",
        "Microsoft services (*.microsoft.com) has no service tag: the NSG rule allows TCP 443 to Internet and the Azure Firewall application rule limits it to these names";

    // AZE06xx: gate
    LINT_INVALID_PRIORITY = "AZE0601" "invalid-priority" Error Finding RULES,
        "A rule's priority is outside 100-4096; Azure rejects the NSG.",
        "NSG `nsg` rule `r`: priority 5000 is outside 100-4096";
    LINT_DUPLICATE_PRIORITY = "AZE0602" "duplicate-priority" Error Finding RULES,
        "Two rules of one direction share a priority; Azure rejects the NSG.",
        "NSG `nsg` rule `b`: priority 200 is also rule `a`'s (Outbound)";
    LINT_INVALID_NAME = "AZE0603" "invalid-name" Error Finding RULES,
        "A rule name Azure refuses.",
        "NSG `nsg` rule `allow storage`: not a name Azure accepts";
    LINT_DUPLICATE_NAME = "AZE0604" "duplicate-name" Error Finding RULES,
        "Two rules of one NSG share a name; Azure rejects the NSG.",
        "NSG `nsg` rule `r`: the name is used twice";
    LINT_REDUNDANT_RULE = "AZE0605" "redundant-rule" Warning Finding RULES,
        "Earlier rules with the same access cover this rule in every field: it changes nothing.",
        "NSG `nsg` rule `allow-443`: redundant: `allow-web` (priority 100) covers it";
    LINT_SHADOWED_RULE = "AZE0606" "shadowed-rule" Warning Finding RULES,
        "Earlier rules with the other access cover this rule in every field: it never decides anything.",
        "NSG `nsg` rule `allow-8443`: shadowed: `deny-all` (priority 100) decides first";
    LINT_WIDE_PORT_RANGE = "AZE0607" "wide-port-range" Warning Finding RULES,
        "A port range whose ends are two well-known ports (`80-443`) opens every port between them; `80,443` was probably meant.",
        "NSG `nsg` rule `web`: `80-443` opens 364 ports; `80,443` was probably meant";
    LINT_ADMIN_PORT_FROM_INTERNET = "AZE0608" "admin-port-from-internet" Error Finding NSG,
        "SSH, RDP or WinRM is open to the whole Internet.",
        "NSG `nsg` rule `ssh`: allows SSH (22) from the Internet";
    LINT_ALLOW_ALL_PORTS = "AZE0609" "allow-all-ports-internet" Warning Finding NSG,
        "An Allow rule to or from everyone on every port.",
        "NSG `nsg` rule `any`: allows every port from `*`";
    LINT_UNKNOWN_TAG = "AZE0610" "unknown-service-tag" Error Finding TAGS,
        "A service tag the tag file does not have; Azure rejects the rule.",
        "NSG `nsg` rule `r`: unknown service tag `Storage.Atlantis`";
    LINT_TAG_NOT_FOR_NSG = "AZE0611" "tag-not-for-nsg" Error Finding TAGS,
        "A service tag that NSGs cannot use (the tag file says so).",
        "NSG `nsg` rule `r`: tag `X` cannot be used in NSG rules";
    LINT_PROXY_MISSES_8443 = "AZE0612" "proxy-misses-8443" Error Finding PROXY,
        "The proxy lets the backup extension CONNECT to storage on 443 but refuses 8443, which managed-disk backups need.",
        "squid.conf:1532: CONNECT to the blob hosts on 8443 is refused";
    LINT_WRONG_REGION_TAG = "AZE0613" "lint-wrong-region-tag" Warning Finding BACKUP,
        "A rule names a regional Storage tag of another region than the VMs behind it.",
        "NSG `nsg` rule `r`: Storage.WestUS is another region's";
    LINT_SUPPRESSION_WITHOUT_REASON = "AZE0614" "suppression-without-reason" Error Finding NONE,
        "An inline `azegress-ignore: ID` suppression gives no reason after `--`; a suppression must say why.",
        "NSG `nsg` rule `r`: `azegress-ignore: AZE0608` has no reason";
    LINT_NSG_OVER_LIMIT = "AZE0615" "too-many-rules" Error Finding LIMITS,
        "The NSG has more rules than Azure allows in one NSG (1,000); Azure rejects it.",
        "NSG `nsg`: 20000 rules, above Azure's limit of 1,000 per NSG";
    LINT_ANALYSIS_CUT = "AZE0616" "shadow-analysis-cut" Note IgnoredInput NONE,
        "The shadowed/redundant analysis of one NSG stopped at its work budget; rules after the cut were not compared.",
        "NSG `nsg`: the shadow analysis was cut after 1000 rules";
    REQUIREMENT_FAILED = "AZE0630" "requirement-failed" Error Finding BACKUP,
        "A requirement of a pack (the built-in azure-vm-backup, or your own `must_reach` / `must_not_reach`) fails for a VM; the message names the port and the rule, route or firewall that decides. SARIF names these results by the requirement's own id.",
        "azure-vm-backup/backup-storage: VM `vm-app-01`: TCP 8443 to Storage.WestEurope denied by securityRules/deny-all";
    GATE_NOTE = "AZE0620" "gate-input-note" Warning IgnoredInput NONE,
        "Something among gate's inputs was not gated: a VM whose path could not be built, a file that was skipped.",
        "no VM in the inputs: only the lints ran";
    VM_PATH_UNBUILT = "AZE0622" "vm-path-unbuilt" Error Finding NONE,
        "A VM among gate's inputs whose path could not be built (its NIC, NSG or route table is named but not among the inputs): it is not gated, and the gate fails until the export is complete.",
        "VM `vm-app-01`'s NIC `nic-1` is not in the resources given (add the NIC export)";
    FILE_SKIPPED = "AZE0623" "file-skipped" Warning IgnoredInput NONE,
        "A path among gate's inputs that is not a regular file (a FIFO, a socket) was skipped; nothing in it is gated.",
        "skipped `repo/x.json`: a FIFO (named pipe), not a regular file";
    DISKS_UNKNOWN = "AZE0624" "disks-unknown" Note Assumption BACKUP,
        "The VM resources do not say the VMs' disk kind (`storageProfile.osDisk.managedDisk` or `vhd`), so managed disks are assumed: the backup requirement checks 8443 (and 443). A VM with VHD disks in a storage account needs 443 only (80 when unencrypted); pass `--disks unmanaged` for those.",
        "2 VM(s) whose export does not say their disk kind (`storageProfile.osDisk`): managed disks assumed";
    NOTHING_TO_GATE = "AZE0625" "nothing-to-gate" Warning Unknown NONE,
        "The inputs hold no VM, subnet or NSG, so nothing was gated: that is never a pass (exit 3). Check the files (the right export, a directory of them), or pass `--allow-empty` where a repository legitimately holds none.",
        "nothing to gate: no VM, subnet or NSG in plan.json (12 resources: 12 other)";
    RESERVED_SUBNET = "AZE0626" "reserved-subnet" Note IgnoredInput Some("https://learn.microsoft.com/azure/virtual-network/virtual-network-for-azure-services"),
        "Subnets Azure reserves for its own services (GatewaySubnet, AzureFirewallSubnet, AzureFirewallManagementSubnet, AzureBastionSubnet, RouteServerSubnet) hold no VM, so they are not gated as a VM in that subnet; an NSG attached to one is gated on its own.",
        "not gated as a VM in them (no VM runs in a subnet Azure reserves for its own services): vnet-hub/AzureBastionSubnet";
    SUBNET_NOT_IN_INPUTS = "AZE0627" "subnet-not-in-inputs" Warning Assumption NSG,
        "The VM's NIC names a subnet that is not among the inputs (neither its VNet's `subnets` nor a subnet resource): the subnet's NSG and route table are not checked, so the verdict assumes it has neither. Add the VNet or subnet export (`az network vnet list`, or the Resource Graph query with `microsoft.network/virtualnetworks`); `--strict` makes it inconclusive.",
        "1 VM(s) whose subnet is not in the inputs: its NSG and route table are not checked: cctestvm";
    NIC_WITHOUT_VM = "AZE0628" "nic-without-vm" Note IgnoredInput NONE,
        "A NIC that no VM uses (its `virtualMachine` is empty and no VM resource lists it) carries no backup traffic, so it is not gated; its NSG and subnet are gated on their own.",
        "NICs attached to no VM are not gated: cctestnic";
    FILE_WITHOUT_RESOURCES = "AZE0629" "file-without-resources" Warning IgnoredInput NONE,
        "An input file (or a file of an input directory) holds no resource that gate reads, so it took no part in the run: a wrong export, an output of another tool, or a file that is not Azure's.",
        "no resource gate reads in repo/notes.json: these files took no part";
    INPUT_ERROR = "AZE0631" "input-error" Error IgnoredInput NONE,
        "A file among gate's inputs (or under a directory it gates) could not be read or parsed, or holds a value of the wrong type: nothing in it is gated, the rest of the inputs are, and the run exits 2 at the end. Fix the file at the place named, or leave it out.",
        "repo/exports/broken.json:3:7: invalid JSON: expected `,` or `}`";
    VM_PATH_UNKNOWN = "AZE0651" "vm-path-unknown" Warning Unknown TEMPLATES,
        "A VM's path cannot be known offline: a template builds the list of its network interfaces from a parameter without a value (a copy loop over it), so which subnet, NSGs and routes it has is not known. The VM is not gated and the run is inconclusive. Pass the template's parameters (`--parameters FILE`), or gate the deployed resources.",
        "main.json:2957:27: VM `vm1`: its network interfaces are not known offline (parameters('nicConfigurations')), so its path cannot be checked";
    RESOURCE_UNKNOWN = "AZE0652" "resource-unknown" Warning Unknown TEMPLATES,
        "Part of a resource cannot be known offline: a template or configuration writes it as a parameter or variable without a value (a whole `properties`, a rule list, a firewall's collections). It is not an error in the file: the verdicts it could decide are inconclusive, and the rest of the inputs are gated. Pass the values you deploy (`--parameters FILE`, `--var-file`).",
        "main.json:12:21: `properties` of Azure Firewall `fw` is not known offline (parameters('fwProps')), so what it decides is not known";
    NOT_TAKING_PART = "AZE0650" "not-taking-part" Note IgnoredInput NONE,
        "Resources among the inputs that take part in no verdict, with the reason: a route table associated with no subnet of a gated subject, an Azure Firewall no route of a gated subject leads to, a virtual hub connection whose virtual network holds no gated subject, and resource kinds the tool does not model (counted by kind). Nothing is dropped in silence: if one of them should decide a path, the inputs lack what joins it (the subnet, the route, the VM).",
        "take part in no verdict: route table `rt-spare` (associated with no subnet of a gated subject); not modelled: Microsoft.Storage/storageAccounts ×2";
    GATE_PATH_WARNING = "AZE0621" "gate-path-warning" Warning Finding NONE,
        "A warning raised while evaluating one VM's path in gate (the same warning `check` gives).",
        "vm-app-01: route table `rt`: next hop IP not known offline";

    // AZE07xx: probe
    WAAGENT_MISSING = "AZE0701" "waagent-missing" Warning Assumption AGENT,
        "Without the Linux VM agent's configuration the probe goes direct, as the extension would with no HttpProxy.Host.",
        "/etc/waagent.conf does not exist: the probe goes direct";
    ENV_PROXY_DIFFERS = "AZE0702" "env-proxy-differs" Warning IgnoredInput PROXY,
        "The shell's proxy environment differs from what the Linux backup extension reads (only HttpProxy.Host/Port in waagent.conf); the probe uses what the extension uses.",
        "https_proxy in this shell is 10.0.0.9:3128, but the Linux backup extension ignores the environment";
    NO_PROXY_LACKS_WIRESERVER = "AZE0703" "no-proxy-lacks-wireserver" Warning Finding WIRESERVER,
        "A proxy is set in the environment but no_proxy does not name 168.63.129.16: programs that follow the environment would send the VM agent's WireServer traffic to the proxy.",
        "https_proxy is set but no_proxy does not name 168.63.129.16";
    WINDOWS_PROXY_UNREADABLE = "AZE0704" "windows-proxy-unreadable" Warning Assumption PROXY,
        "The SYSTEM account's proxy (registry) and the WinHTTP proxy could not be read, so the probe goes direct. Pass `--proxy-reg` / `--winhttp` with their exports, or `--proxy URL`.",
        "could not read the SYSTEM account's proxy (registry) or the WinHTTP proxy: probing direct";
    RESOLVES_PRIVATE = "AZE0705" "resolves-private" Warning Finding PE,
        "The storage host resolves to a private address: a private endpoint or a local override; the path is then the VNet's, not the Storage tag's.",
        "acct.blob.core.windows.net resolves to 10.0.2.5, a private address";
    RESOLVES_OTHER_REGION = "AZE0706" "resolves-other-region" Warning Finding TAGS,
        "The storage host resolves to an address of another region's Storage tag: rules written for the VM's region do not cover it.",
        "acct.blob.core.windows.net resolves to 20.60.1.1 in Storage.WestUS, not Storage.KoreaCentral";
    PROBE_NO_REGION = "AZE0707" "probe-no-region" Note Assumption TAGS,
        "Without `--region`, the addresses the probe saw were not checked against the Storage tag of the VM's region.",
        "no --region: the addresses were not checked against Storage.<Region> of the VM's region";

    // AZE06xx (continued): gate lints Checkov users know (CKV_AZURE_160, CKV_AZURE_77, CKV2_AZURE_31)
    LINT_HTTP_FROM_INTERNET = "AZE0632" "http-from-internet" Warning Finding NSG,
        "An inbound Allow rule lets TCP port 80 (HTTP, unencrypted) in from any address of the Internet, and no earlier rule of the NSG decides that traffic first. Serve HTTPS, put Application Gateway or Front Door in front, or name the sources. Checkov: CKV_AZURE_160. A rule open on every port is reported as allow-all-ports-internet instead.",
        "NSG `web-nsg` rule `allow-http`: allows HTTP (TCP 80) from `Internet`";
    LINT_UDP_FROM_INTERNET = "AZE0633" "udp-from-internet" Warning Finding NSG,
        "An inbound Allow rule for UDP lets any address of the Internet reach the ports it names (UDP services such as DNS, NTP or SNMP are used for amplification attacks), and no earlier rule of the NSG decides that traffic first. Name the sources or deny it. Checkov: CKV_AZURE_77. A rule open on every port is reported as allow-all-ports-internet instead.",
        "NSG `dns-nsg` rule `allow-dns`: allows UDP 53 from `*`";
    LINT_SUBNET_WITHOUT_NSG = "AZE0634" "subnet-without-nsg" Warning Finding NSG,
        "A subnet has no network security group: its VMs and endpoints are filtered by their NIC's NSG alone, or not at all. Associate an NSG with the subnet. The subnets Azure reserves for its own services (GatewaySubnet, AzureFirewallSubnet, AzureFirewallManagementSubnet, AzureBastionSubnet, RouteServerSubnet) are never flagged: Azure refuses or does not support an NSG there, or (Bastion) prescribes its own. Checkov: CKV2_AZURE_31.",
        "subnet `vnet-spoke/snet-app` (main.tf:12:1) has no network security group";
    // AZE09xx: backup and recovery workloads (--workload)
    WORKLOAD_PROXY_UNSUPPORTED = "AZE0901" "workload-proxy-unsupported" Warning Finding Some("https://learn.microsoft.com/azure/backup/backup-azure-sap-hana-database#establish-network-connectivity"),
        "The workload's proxy settings ask for something the workload does not do: SAP HANA sends only Microsoft Entra ID traffic through a proxy (UseProxyForAzureBackup and UseProxyForAzureStorage are not supported), so Azure Backup and Storage still go direct and need their own way out (rules on the path, or private endpoints).",
        "ExtensionSettingsOverrides.json:3: UseProxyForAzureBackup is true, but SAP HANA supports a proxy only for Microsoft Entra ID: Azure Backup still goes direct";
    WORKLOAD_PROXY_NOT_GIVEN = "AZE0902" "workload-proxy-not-given" Note Assumption NONE,
        "The workload's own proxy setting is not among the inputs (the MARS agent's Proxy Configuration, Site Recovery's ProxyInfo.conf, SAP HANA's ExtensionSettingsOverrides.json): its traffic is taken to go direct. Pass the setting (`--proxy URL`, `--proxy-info FILE`, `--hana-settings FILE`).",
        "the MARS agent's proxy setting is not given (Get-OBMachineSetting; pass --proxy URL): direct assumed";
    WORKLOAD_STORAGE_REGION = "AZE0903" "workload-storage-region" Note Assumption TAGS,
        "The workload documents the global Storage tag; the vault's storage accounts are taken to lie in the vault's region (the region given), so that region's Storage tag is checked. A rule that allows only that region's tag then suffices.",
        "the vault's storage accounts are assumed to lie in koreacentral: Storage.KoreaCentral checked (the docs name the global Storage tag)";
    VAULT_PRIVATE_ENDPOINT = "AZE0904" "vault-private-endpoint" Note Finding PE,
        "How the vault's private endpoint decides where a destination's name resolves: an Approved endpoint with its privatelink zone linked to the VM's VNet and the record in it → the endpoint's address; no zone linked → the public name and path; a zone linked without the record → the name does not resolve; custom DNS servers → not known offline. Microsoft Entra ID has no private endpoint here and stays public; VM backup itself does not use the vault's endpoints.",
        "Azure Backup service: vault private endpoint pe-vault (Approved) at 10.1.2.5, zone privatelink.krc.backup.windowsazure.com linked to vnet-app";
}

/// `azegress explain CODE`: the code's page.
pub fn explain(code: &str) -> Option<String> {
    let c = lookup(code)?;
    let mut s = format!(
        "{} {} ({}, {})\n\n{}\n\nexample: {}\n",
        c.code,
        c.name,
        match c.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        },
        c.kind.word(),
        c.explain,
        c.example
    );
    if let Some(l) = c.link {
        s.push_str(&format!("see: {l}\n"));
    }
    Some(s)
}

/// `docs/diagnostics.md`: every code with its meaning and an example.
pub fn markdown_table() -> String {
    let mut s = String::from(
        "# Diagnostics\n\nEvery warning, note, assumption and unknown azegress reports has a stable code. \
         `azegress explain CODE` prints one; `--allow CODE` accepts one, `--deny CODE` refuses one, and \
         `--strict` turns every *assumption* into *unknown*. This file is generated from `src/diag.rs` \
         (a test fails when they differ).\n\n| code | name | severity | kind | meaning | example |\n|---|---|---|---|---|---|\n",
    );
    for c in CODES {
        let cell = |t: &str| t.replace('|', "\\|");
        s.push_str(&format!(
            "| {} | `{}` | {} | {} | {}{} | {} |\n",
            c.code,
            c.name,
            match c.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            },
            c.kind.word(),
            cell(c.explain),
            c.link
                .map(|l| format!(" ([Learn]({l}))"))
                .unwrap_or_default(),
            cell(c.example)
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_grouped_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for c in CODES {
            assert!(seen.insert(c.code), "{} twice", c.code);
            assert!(seen.insert(c.name), "{} twice", c.name);
            assert!(c.code.len() == 7 && c.code.starts_with("AZE"), "{}", c.code);
            assert!(!c.explain.is_empty() && !c.example.is_empty(), "{}", c.code);
            assert!(explain(c.code).unwrap().contains(c.example));
        }
        assert!(lookup("aze0201").is_some() && lookup("tags-stale").is_some());
        assert!(lookup("AZE9999").is_none());
    }

    #[test]
    fn allow_drops_and_deny_raises() {
        let mut ds = vec![
            Diagnostic::new(&NO_VNET, "no --vnet"),
            Diagnostic::new(&TAGS_STALE, "old"),
        ];
        let p = Policy {
            allow: vec!["no-vnet".into()],
            deny: vec!["AZE0201".into()],
        };
        p.validate().unwrap();
        p.apply(&mut ds);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].severity, Severity::Error);
        assert!(
            Policy {
                allow: vec!["AZE0000".into()],
                deny: vec![]
            }
            .validate()
            .is_err()
        );
    }
}
