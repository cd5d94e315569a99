//! Support for protocol tests of generated clients, in the manner of smithy-rs's
//! `aws-smithy-protocol-test`: a loopback [`CaptureServer`] that records every request a client
//! sends and answers with a canned response, and pure comparison functions over an expected
//! request (written out as literals by the generator) and a captured one.
//!
//! The crate depends on neither the runtime the clients call nor the spec or generator crates,
//! so the expectations and the comparison share no code with what they check.
//!
//! A test reaches its server through a [`Target`]: by default its own capture server (the
//! request is recorded and compared), or, when `PROTOCOL_TEST_BASE_URL` is set, a running
//! server such as the spec-built mock, asked for the documented example with a `Prefer`
//! header (the server checks the request; only the decoded outcome is compared).
//!
//! The replay of documented examples (`conformance`) compares with the same functions, so a
//! generated test and the replay report a difference alike, with the same [`MismatchKind`].
//!
//! Comparisons return the list of [`Mismatch`]es (empty: the request agrees); only
//! [`assert_request`] and [`CaptureServer::only_request`], the assertion helpers, panic.

mod compare;
mod expected;
mod mismatch;
pub mod multipart;
mod server;
mod target;

pub use compare::{
    assert_request, media_type, validate_body, validate_headers, validate_method, validate_path,
    validate_query, validate_request, validate_signature,
};
pub use expected::{ExpectedBody, ExpectedRequest, Place};
pub use mismatch::{Mismatch, MismatchKind};
pub use multipart::parse_multipart;
pub use server::{CannedResponse, CaptureServer, CapturedRequest};
pub use target::{Target, BASE_URL_VAR, PREFER, PROVIDER_PLACEHOLDER};

/// The signing keys protocol tests sign with (placeholders, never a provider's); a server
/// that verifies signatures for them is given the same pair (`conformance replay` starts the
/// mock with it).
pub const ACCESS_KEY: &str = "protocol-test-access-key";
pub const SECRET_KEY: &str = "protocol-test-secret-key";
