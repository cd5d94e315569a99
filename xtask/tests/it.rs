//! The xtask crate's integration tests, one binary: each file beside this one is a module
//! (`autotests = false` in Cargo.toml; `xtask/tests/build_graph.rs` checks that every file
//! here is declared below), so the suite links once.

mod build_graph;
mod cli;
mod common;
mod diff;
mod draft;
mod new_provider;
mod release;
mod sources;
mod tree_formats;
mod validate;
mod workspace_root;
