//! The codegen crate's integration tests, one binary: each file beside this one is a module
//! (`autotests = false` in Cargo.toml; `xtask/tests/build_graph.rs` checks that every file
//! here is declared below), so the suite links once.

mod codegen;
mod model;
mod openapi;
mod same_mismatch;
mod semver_corpus;
mod write_links;
mod xml_convention;
