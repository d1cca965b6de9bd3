//! The resource graph: every input's resources indexed together, and the one join that builds each subject's
//! path from them — VM → NIC → subnet → VNet, NSGs, route tables, NAT gateway, the Virtual WAN hub, admin
//! rules by network group, firewalls by id and by private IP. Terraform's resources are turned into the same
//! shape first.

pub mod avnm;
mod name_index;
pub mod private_link;
pub mod tf_topology;
pub mod topology;
pub mod vwan;
