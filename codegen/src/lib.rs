//! Spec-driven client generator: load and validate `specs/*.yaml`, then render clients,
//! fixtures and exports from the validated model. Flow is one way:
//! spec (YAML) -> [`load`] -> [`validate`] -> renderers -> files.

pub mod diag;
pub mod json_schema;
pub mod load;
pub mod model;
pub mod openapi;
pub mod render;
pub mod spec;
pub mod validate;
pub mod values;
pub mod yaml;
