//! A `serde::Deserializer` over the located tree of [`SourceMap`]: scalars resolve by the
//! YAML 1.2 core schema as serde_yaml resolved them, and every error carries the node it
//! arose at (the innermost one), so it is located without a document-path round trip.
//!
//! `schema.rs` resolves a plain scalar's text, `scalar.rs` and `node.rs` are the deserializers
//! of a scalar and of a node, `error.rs` the located error.

mod error;
mod node;
mod scalar;
mod schema;

pub(crate) use self::error::DeError;
pub(crate) use self::node::NodeDe;
