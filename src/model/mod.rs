//! Plain data types shared by ingest, engine and reporters. Nothing here reads files or prints.

pub mod addr;
pub mod nsg;
pub mod verdict;

pub use addr::{AddrSet, IntervalSet, PortSet};
pub use nsg::{
    Access, AddrItem, AddrSpec, Attachment, Direction, Nsg, Origin, Protocol, SecurityRule,
};
pub use verdict::*;
