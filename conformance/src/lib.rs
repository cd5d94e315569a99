//! Conformance: a mock server built from the specs, the replay of every documented example's
//! request against it (or a live endpoint), and the generated clients' protocol tests run
//! against the same mock.

pub mod capture;
pub mod client_tests;
pub mod driver;
pub mod expect;
pub mod live;
pub mod mock;
pub mod observe;
pub mod partition;
pub mod payload;
pub mod replay;
pub mod report;
pub mod results;
pub mod run;
