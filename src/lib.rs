//! azegress: can this Azure VM's backup extension reach regional Azure Storage on the ports it needs,
//! and if not, what precisely blocks it?
//!
//! Data flows one way: [`input`] (files read safely) → [`ingest`] (input formats → the resource graph →
//! readers of resource kinds) → [`model`] → [`engine`] → [`report`]. The engine never reads files, prints or
//! touches the network. [`app`] wires the layers together for the command-line tool.

pub mod app;
pub mod config;
pub mod diag;
pub mod engine;
pub mod error;
pub mod fix;
pub mod gate;
pub mod ingest;
pub mod input;
pub mod learn;
pub mod model;
pub mod probe;
pub mod report;
pub mod requirements;
pub mod sensitive;
pub mod tags;
pub mod workload;

pub use error::{Error, InputError};
