//! The generator: renders clients, fixtures, docs and OpenAPI exports from validated specs.
//! Flow is one way: spec (YAML) -> `spec` crate (load, validate) -> [`model`] -> renderers
//! -> files.

pub mod model;
pub mod names;
pub mod release;
pub mod render;
pub mod standalone;
