//! The vault's private endpoints and the private DNS of the VM's VNet (filled in by the private-link
//! reader): where a workload destination's name resolves.

use super::Destination;
use crate::diag::Diagnostic;
use crate::model::PrivateEndpoint;
use ipnet::IpNet;

/// Private endpoints and private DNS facts.
#[derive(Clone, Debug, Default)]
pub struct PrivateLink {}

/// Where a destination's name resolves.
#[derive(Clone, Debug)]
pub enum Resolution {
    /// The public name and path (with a note saying why, when a private endpoint exists).
    Public(Option<Diagnostic>),
    /// The private endpoint's address.
    Private {
        /// The endpoint.
        pe: PrivateEndpoint,
        /// Its zone.
        zone: String,
        /// What was found.
        note: Option<Diagnostic>,
    },
    /// The name does not resolve.
    NxDomain {
        /// The zone.
        zone: String,
        /// Why.
        why: String,
    },
    /// Not known offline.
    Unknown {
        /// The zone.
        zone: String,
        /// Why.
        why: String,
    },
}

impl PrivateLink {
    /// Reads private endpoints, private DNS zones, their links and VNets from files.
    pub fn load(_files: &[String]) -> Result<PrivateLink, crate::error::Error> {
        Ok(PrivateLink::default())
    }

    /// Where `d`'s name resolves from a VM in `vnet`.
    pub fn resolve(&self, _d: &Destination, _region: &str, _vnet: &[IpNet]) -> Resolution {
        Resolution::Public(None)
    }
}
