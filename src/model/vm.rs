//! One VM's path as the resources state it (built by `ingest::topology`, evaluated by `gate`).

use super::{Nsg, RouteTable, ServiceEndpoint};
use std::sync::Arc;

/// One VM's path as its resources state it.
#[derive(Debug, Clone)]
pub struct VmPath {
    /// The VM.
    pub vm: String,
    /// The NIC's region.
    pub region: String,
    /// The NIC's private IP.
    pub ip: Option<String>,
    /// The VNet's address space.
    pub vnet: Vec<String>,
    /// The NIC's NSG (shared between the VMs that have it).
    pub nic_nsg: Option<Arc<Nsg>>,
    /// The subnet's NSG.
    pub subnet_nsg: Option<Arc<Nsg>>,
    /// The subnet's route table.
    pub route_table: Option<Arc<RouteTable>>,
    /// `vnet/subnet`, when known.
    pub subnet: Option<String>,
    /// The VM resource's tags (`env: prod`), for pack selectors.
    pub tags: Vec<(String, String)>,
    /// The subnet's service endpoints.
    pub endpoints: Vec<ServiceEndpoint>,
}
