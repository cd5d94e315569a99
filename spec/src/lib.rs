//! The spec format and everything that reads it: the serde types ([`mod@format`]), YAML loading
//! with source locations ([`yaml`], [`load`]), located diagnostics ([`diag`]), semantic
//! validation ([`validate`]), the value-vs-schema walker ([`values`]) and the envelope reading
//! of documented bodies ([`envelope`]).
//!
//! Renderers (`codegen`) and the conformance suite (`conformance`) read specs only through
//! this crate; it depends on neither of them nor on the clients' `runtime`.

pub mod cite;
pub mod diag;
pub mod diff;
pub mod envelope;
pub mod errors;
pub mod format;
pub mod json_schema;
pub mod load;
pub mod model;
pub mod path;
pub mod sources;
pub mod threads;
pub mod url;
pub mod validate;
pub mod values;
pub mod vocab;
pub mod workspace;
pub mod yaml;
