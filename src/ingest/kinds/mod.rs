//! Readers of resource kinds into the model: NSGs and their rules, route tables, Azure Firewalls and their
//! policies, proxies, subnets, security admin rules, and the project's scenario files that name them.

pub mod admin_rules;
pub mod firewall;
pub mod nsg_json;
pub mod nsg_yaml;
pub mod proxy;
pub mod routes;
pub mod scenario;
pub mod subnet;
