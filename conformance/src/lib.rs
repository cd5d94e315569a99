//! Conformance: a mock server built from the specs, and the replay of every documented
//! example through the generated clients (against the mock or a live endpoint).

pub mod capture;
pub mod decode;
pub mod driver;
pub mod generated_driver;
pub mod live;
pub mod mock;
pub mod replay;
pub mod report;
pub mod wire;
