//! The spec crate's integration tests, one binary: each file beside this one is a module
//! (`autotests = false` in Cargo.toml; `xtask/tests/build_graph.rs` checks that every file
//! here is declared below), so the suite links once.

mod citation_formats;
mod citation_plants;
mod citations;
mod common;
mod diag_caps;
mod diff_rules;
mod load_limits;
mod model_secrets;
mod model_wire;
mod new_provider;
mod shared_cases;
mod validate_broken;
mod validate_json_schema;
mod validate_specs;
