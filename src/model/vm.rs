//! One VM's path as the resources state it (built by `ingest::topology`, evaluated by `gate`).

use super::{Nsg, RouteTable, ServiceEndpoint};
use crate::requirements::Disks;
use serde::Serialize;
use std::sync::Arc;

/// What a gated path stands for: a VM, or — where the inputs hold no VM behind them — a subnet or an NSG,
/// gated as a VM in that subnet or behind that NSG alone (so nothing the inputs hold passes ungated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SubjectKind {
    /// A VM (from its VM resource, or from a NIC whose `virtualMachine.id` names it).
    #[default]
    Vm,
    /// A subnet with an NSG or route table and no VM among the inputs.
    Subnet,
    /// An NSG that no VM or subnet among the inputs uses.
    Nsg,
}

/// One VM's path as its resources state it.
#[derive(Debug, Clone)]
pub struct VmPath {
    /// The VM.
    pub vm: String,
    /// Which separately joined set of inputs it comes from (each Terraform root module is one, the other
    /// files another): it meets only firewalls of its own.
    pub graph: u32,
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
    /// What this path stands for.
    pub kind: SubjectKind,
    /// The VM's disk kind from its resource (`None`: not in the export, or not a VM).
    pub disks: Option<Disks>,
    /// The NIC's subnet (`vnet/snet`) when it is not among the inputs: its NSG and route table are not
    /// checked (an assumption, listed).
    pub subnet_missing: Option<String>,
    /// The subnet's and NIC's outbound facts, when the inputs state them (boxed: a tenant has a path per VM).
    pub outbound: Option<Box<Outbound>>,
    /// Security admin rules that the network manager resources among the inputs apply to the VNet.
    pub admin: Option<Arc<super::AdminRules>>,
}

/// What a subnet and the NIC state about outbound access to public endpoints, Azure Storage's included
/// (azure-semantics.md §10.1): a private subnet (`defaultOutboundAccess: false`, or created by API 2025-07-01
/// or later without the property) reaches them only through an explicit method.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outbound {
    /// `vnet/snet`.
    pub subnet: String,
    /// Why the subnet is private, when it is (`defaultOutboundAccess false`).
    pub private: Option<String>,
    /// Why it is not known offline whether the subnet is private (a Terraform variable without a value
    /// in `default_outbound_access_enabled`), when it is not.
    pub private_unknown: Option<String>,
    /// The explicit outbound method, when there is one (`NAT gateway `ng``, `public IP on the NIC`, …).
    pub explicit: Option<String>,
    /// An explicit method that cannot be decided offline (a load balancer not among the inputs).
    pub unknown: Option<String>,
    /// The subnet's resource id, when the inputs give it (`/subscriptions/…/subnets/snet-app`).
    pub subnet_id: Option<String>,
    /// The subnet's writable properties as read (address prefixes, NSG, route table, service endpoints,
    /// delegations, …): a subnet written back (a NAT gateway associated in ARM or Bicep) must carry them,
    /// since a subnet PUT replaces what it does not state. JSON text, compact.
    pub properties: Option<String>,
}

impl VmPath {
    /// Does its route table send anything to a virtual appliance (an Azure Firewall, an NVA)?
    pub fn routes_to_appliance(&self) -> bool {
        self.route_table.as_ref().is_some_and(|rt| {
            rt.routes
                .iter()
                .any(|r| r.next_hop == super::NextHop::VirtualAppliance)
        })
    }

    /// The firewall among `firewalls` its routes lead to: the one whose private IP is a virtual-appliance
    /// next hop of its route table, or that a Virtual WAN route names.
    pub fn firewall_among<'a>(
        &self,
        firewalls: impl IntoIterator<Item = &'a super::Firewall>,
    ) -> Option<&'a super::Firewall> {
        let rt = self.route_table.as_ref()?;
        firewalls.into_iter().find(|f| {
            f.graph == self.graph
                && rt.routes.iter().any(|r| {
                    r.next_hop == super::NextHop::VirtualAppliance
                        && match &r.next_hop_resource {
                            // a Virtual WAN route names the hub's firewall by id
                            Some(n) => n.eq_ignore_ascii_case(&f.name),
                            None => f.private_ip.is_some_and(|ip| r.next_hop_ip == Some(ip)),
                        }
                })
        })
    }

    /// How outputs name it: ``VM `x` ``, ``subnet `vnet/snet` (no VM) ``, ``NSG `x` (no VM) ``.
    pub fn label(&self) -> String {
        match self.kind {
            SubjectKind::Vm => format!("VM `{}`", self.vm),
            SubjectKind::Subnet => format!("subnet `{}` (no VM in the inputs)", self.vm),
            SubjectKind::Nsg => format!("NSG `{}` (no VM in the inputs)", self.vm),
        }
    }
}
