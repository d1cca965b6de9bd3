//! Route tables: user-defined routes, effective routes, and the next hops they name (reference §4).

use super::nsg::Origin;
use ipnet::IpNet;
use serde::Serialize;
use std::fmt;
use std::net::IpAddr;

/// Where a route's traffic goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum NextHop {
    /// Inside the virtual network (`VnetLocal`, classic `VNETLocal`, portal "Virtual network").
    VnetLocal,
    /// Out to the internet (Azure public IPs stay on the Microsoft backbone).
    Internet,
    /// A network virtual appliance or Azure Firewall at `next_hop_ip`.
    VirtualAppliance,
    /// The VPN gateway (on-premises), classic `VPNGateway`.
    VirtualNetworkGateway,
    /// Dropped (`None`, classic `Null`).
    None,
    /// A peered virtual network (system route only).
    VnetPeering,
    /// A service endpoint (`VirtualNetworkServiceEndpoint`, system route only).
    ServiceEndpoint,
    /// A private endpoint's /32 (`InterfaceEndpoint` in effective routes, system route only).
    PrivateEndpoint,
    /// Anything else, as written.
    Other(String),
    /// Not known offline (a template parameter, a plan value known after apply): the expression.
    Unknown(String),
}

impl NextHop {
    /// Parses every spelling Azure tools use (reference §4.2), case-insensitively.
    pub fn parse(s: &str) -> NextHop {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '_'], "")
            .as_str()
        {
            "vnetlocal" | "virtualnetwork" => NextHop::VnetLocal,
            "internet" => NextHop::Internet,
            "virtualappliance" => NextHop::VirtualAppliance,
            "virtualnetworkgateway" | "vpngateway" => NextHop::VirtualNetworkGateway,
            "none" | "null" => NextHop::None,
            "vnetpeering" | "virtualnetworkpeering" => NextHop::VnetPeering,
            "virtualnetworkserviceendpoint" => NextHop::ServiceEndpoint,
            "interfaceendpoint" | "privateendpoint" => NextHop::PrivateEndpoint,
            _ => NextHop::Other(s.trim().to_string()),
        }
    }
}

impl fmt::Display for NextHop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NextHop::VnetLocal => "VnetLocal",
            NextHop::Internet => "Internet",
            NextHop::VirtualAppliance => "VirtualAppliance",
            NextHop::VirtualNetworkGateway => "VirtualNetworkGateway",
            NextHop::None => "None",
            NextHop::VnetPeering => "VNetPeering",
            NextHop::ServiceEndpoint => "VirtualNetworkServiceEndpoint",
            NextHop::PrivateEndpoint => "InterfaceEndpoint",
            NextHop::Other(s) => s,
            NextHop::Unknown(_) => "(next hop not known offline)",
        })
    }
}

/// Who put the route there; decides ties on identical prefixes (user > BGP > system, §4.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum RouteSource {
    /// A system route (`Default`).
    Default,
    /// A user-defined route.
    User,
    /// Learned over BGP from the virtual network gateway.
    Gateway,
}

/// The destination of a route: a prefix, or a service tag Azure expands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoutePrefix {
    /// A CIDR prefix.
    Net(IpNet),
    /// A service tag used as the address prefix (`Storage.KoreaCentral`).
    Tag(String),
    /// Not known offline (a template parameter without value, a plan value known after apply): the route
    /// may cover any address, so it keeps every result it could change *unknown*. Holds the expression.
    Unknown(String),
}

impl fmt::Display for RoutePrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoutePrefix::Net(n) => write!(f, "{n}"),
            RoutePrefix::Tag(t) => f.write_str(t),
            RoutePrefix::Unknown(e) => write!(f, "(not known offline: {e})"),
        }
    }
}

/// One route.
#[derive(Clone, Debug)]
pub struct Route {
    /// Route name (`DefaultRoute`); system routes are named by their source and prefix.
    pub name: String,
    /// Destination prefix or service tag.
    pub prefix: RoutePrefix,
    /// Next hop type.
    pub next_hop: NextHop,
    /// Next hop address (VirtualAppliance).
    pub next_hop_ip: Option<IpAddr>,
    /// The resource the route names as its next hop, by name, when it names one by id rather than by
    /// address (a Virtual WAN hub route or routing intent naming the hub's Azure Firewall).
    pub next_hop_resource: Option<String>,
    /// Who put it there.
    pub source: RouteSource,
    /// Where it was written.
    pub origin: Origin,
}

/// A route table (user routes), or an effective route table (all routes, system ones included).
#[derive(Clone, Debug)]
pub struct RouteTable {
    /// Name.
    pub name: String,
    /// Routes in input order.
    pub routes: Vec<Route>,
    /// True when read from effective routes: system and service-endpoint routes are already in it.
    pub effective: bool,
    /// `disableBgpRoutePropagation`.
    pub disable_bgp_propagation: bool,
    /// Where it was read from.
    pub origin: Origin,
    /// Problems found while reading.
    pub warnings: Vec<crate::diag::Diagnostic>,
}

/// A service endpoint on the VM's subnet (`Microsoft.Storage`, with the regions it covers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServiceEndpoint {
    /// Service name (`Microsoft.Storage`, `Microsoft.Storage.Global`).
    pub service: String,
    /// Regions it applies to as Azure lists them (`koreacentral`, `*`); empty = the VM's region.
    pub locations: Vec<String>,
    /// Where it was read from.
    #[serde(skip)]
    pub origin: Origin,
}

/// A private endpoint of the storage account (reference §4.6, trap 20): DNS sends the blob host to `ip`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrivateEndpoint {
    /// The endpoint's private IP.
    pub ip: IpAddr,
    /// `privateEndpointNetworkPolicies` of its subnet: `Disabled` (default), `Enabled`,
    /// `NetworkSecurityGroupEnabled`, `RouteTableEnabled`.
    pub network_policies: String,
}

impl PrivateEndpoint {
    /// User routes apply to traffic for the endpoint (`Enabled` or `RouteTableEnabled`).
    pub fn route_tables_apply(&self) -> bool {
        let p = self.network_policies.to_ascii_lowercase();
        p == "enabled" || p == "routetableenabled"
    }
    /// The endpoint subnet's NSG applies (`Enabled` or `NetworkSecurityGroupEnabled`).
    pub fn nsg_applies(&self) -> bool {
        let p = self.network_policies.to_ascii_lowercase();
        p == "enabled" || p == "networksecuritygroupenabled"
    }
}
