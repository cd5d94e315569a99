//! The conformance crate's integration tests, one binary: each file beside this one is a module
//! (`autotests = false` in Cargo.toml; `xtask/tests/build_graph.rs` checks that every file
//! here is declared below), so the suite links once.

mod client_tls;
mod curl;
mod examples;
mod live_answers;
mod live_hostile;
mod live_observations;
mod live_pacing;
mod live_process;
mod live_signing;
mod live_tls;
mod live_verdict_raw;
mod mock;
mod mock_credentials;
mod mock_limits;
mod mock_replies;
mod mock_signing;
mod replay;
mod report;
mod report_html;
mod support;
mod tls_expired;
mod wire_corpus;
