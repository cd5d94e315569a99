//! The draft crate's integration tests, one binary: each file beside this one is a module
//! (`autotests = false` in Cargo.toml; `xtask/tests/build_graph.rs` checks that every file
//! here is declared below), so the suite links once.

mod against_tree;
mod chinese;
mod cites;
mod pages;
mod seeds;
