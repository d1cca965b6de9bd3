//! Plain data types shared by ingest, engine and reporters. Nothing here reads files or prints.
//!
//! The path's parts (NSGs, routes, firewall, proxy) and the check's verdicts are re-exported here; what the
//! other commands produce lives in a module per command ([`fix`], [`gate`], [`diff`], [`diagnose`],
//! [`probe`], [`tags`]) and is re-exported from where it was made (`crate::fix`, `crate::app::probe`, …),
//! so `report` renders every result from `model` alone.

pub mod addr;
pub mod admin;
pub mod diagnose;
pub mod diff;
pub mod firewall;
pub mod fix;
pub mod gate;
pub mod nsg;
pub mod probe;
pub mod proxy;
pub mod route;
pub mod tags;
pub mod verdict;
pub mod vm;

pub use addr::{AddrSet, IntervalSet, PortSet};
pub use admin::{AdminAccess, AdminRule, AdminRules};
pub use firewall::{
    AppProtocol, ApplicationRule, CollectionKind, Firewall, FwAction, FwProtocol, FwRule,
    FwRuleKind, NetworkRule, RuleCollection,
};
pub use nsg::{
    Access, AddrItem, AddrSpec, Attachment, Direction, ExpandedTag, Nsg, Origin, Protocol,
    SecurityRule, azure_name_ok, file_name,
};
pub use proxy::{FoundProxy, Os, ProxyKind, ProxySetting, SquidAccess, SquidAcl, SquidConf};
pub use route::{
    NextHop, PrivateEndpoint, Route, RoutePrefix, RouteSource, RouteTable, ServiceEndpoint,
};
pub use verdict::*;
pub use vm::{Outbound, SubjectKind, VmPath};
