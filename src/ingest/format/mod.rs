//! Input formats: the JSON reader that keeps every value's place, YAML positions, ARM templates (evaluated),
//! Terraform configurations (evaluated), plans and states. They give resources with located values, some of
//! them not known offline; they join nothing.

pub mod json;
pub mod json_util;
pub mod template;
pub mod terraform;
pub mod tf_config;
pub mod yaml_pos;
