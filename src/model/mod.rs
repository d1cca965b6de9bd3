//! Plain data types shared by ingest, engine and reporters. Nothing here reads files or prints.

pub mod addr;
pub mod firewall;
pub mod nsg;
pub mod proxy;
pub mod route;
pub mod verdict;
pub mod vm;

pub use addr::{AddrSet, IntervalSet, PortSet};
pub use firewall::{
    AppProtocol, ApplicationRule, CollectionKind, Firewall, FwAction, FwProtocol, FwRule,
    FwRuleKind, NetworkRule, RuleCollection,
};
pub use nsg::{
    Access, AddrItem, AddrSpec, Attachment, Direction, Nsg, Origin, Protocol, SecurityRule,
    azure_name_ok,
};
pub use proxy::{FoundProxy, Os, ProxyKind, ProxySetting, SquidAccess, SquidAcl, SquidConf};
pub use route::{
    NextHop, PrivateEndpoint, Route, RoutePrefix, RouteSource, RouteTable, ServiceEndpoint,
};
pub use verdict::*;
pub use vm::{SubjectKind, VmPath};
