//! The Microsoft Learn pages that output and errors point to, in one place. Users read the reason in plain
//! words and follow these for Microsoft's own statement of it.

/// Azure Backup: network connectivity a VM's backup extension needs (NSG service tag, proxy, firewall).
pub const BACKUP_NETWORK: &str = "https://learn.microsoft.com/azure/backup/backup-azure-arm-vms-prepare#establish-network-connectivity";
/// Azure Backup: `ExtensionSnapshotFailedNoNetwork` and the other snapshot errors.
pub const BACKUP_TROUBLESHOOT: &str = "https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot-vm-backup-fails-snapshot-timeout";
/// Default outbound access and private subnets: an explicit outbound method is needed to reach public endpoints.
pub const DEFAULT_OUTBOUND: &str =
    "https://learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access";
/// How NSGs evaluate rules (NIC and subnet, priorities, default rules).
pub const NSG: &str =
    "https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works";
/// Azure subscription limits for networking: "Security rules per network security group: 1,000".
pub const NETWORKING_LIMITS: &str = "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#networking-limits";
/// Service tags in NSG rules, routes and firewall rules.
pub const SERVICE_TAGS: &str =
    "https://learn.microsoft.com/azure/virtual-network/service-tags-overview";
/// Route selection: system routes, user routes, longest prefix match.
pub const ROUTES: &str =
    "https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview";
/// Service endpoints (storage traffic leaves over the backbone, seen from the VM's private IP).
pub const SERVICE_ENDPOINTS: &str =
    "https://learn.microsoft.com/azure/virtual-network/virtual-network-service-endpoints-overview";
/// Private endpoints and their network policies.
pub const PRIVATE_ENDPOINTS: &str =
    "https://learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy";
/// Azure Firewall rule processing: network rules, then application rules, then the default deny.
pub const FIREWALL_RULES: &str = "https://learn.microsoft.com/azure/firewall/rule-processing";
/// Virtual Network Manager security admin rules (evaluated before the NSGs).
pub const SECURITY_ADMINS: &str =
    "https://learn.microsoft.com/azure/virtual-network-manager/concept-security-admins";
/// Azure Firewall FQDN tags (only HTTPS).
pub const FIREWALL_FQDN_TAGS: &str = "https://learn.microsoft.com/azure/firewall/fqdn-tags";
/// Azure Firewall's built-in infrastructure rule collection.
pub const FIREWALL_INFRA: &str = "https://learn.microsoft.com/azure/firewall/infrastructure-fqdns";
/// The platform address 168.63.129.16 (WireServer) the VM agent needs, never through a proxy.
pub const WIRESERVER: &str =
    "https://learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16";
/// The Linux VM agent's configuration (`HttpProxy.Host`, `HttpProxy.Port` in /etc/waagent.conf).
pub const LINUX_AGENT: &str =
    "https://learn.microsoft.com/azure/virtual-machines/extensions/agent-linux";
/// How Virtual WAN hubs route their connected virtual networks (associated route tables, propagation, the
/// default route).
pub const VWAN_ROUTING: &str =
    "https://learn.microsoft.com/azure/virtual-wan/about-virtual-hub-routing";
/// Routing intent and routing policies of a secured virtual hub.
pub const VWAN_ROUTING_INTENT: &str =
    "https://learn.microsoft.com/azure/virtual-wan/how-to-routing-policies";
