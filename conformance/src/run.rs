//! `conformance replay` against the embedded mock: the reference replay, then the generated
//! clients' protocol tests against the same mock, each test's result on its example's row.

use spec::load::SpecFile;

use crate::client_tests::{self, ClientTests, PROVIDER_PLACEHOLDER};
use crate::driver::WireDriver;
use crate::replay::replay_all;
use crate::results::CaseResult;

/// A replay against the embedded mock: one result per example, and the generated tests
/// that named no example of the replayed specs (not counted).
#[derive(Debug)]
pub struct MockReplay {
    pub results: Vec<CaseResult>,
    pub unmatched_tests: Vec<String>,
}

/// `conformance replay` against the embedded mock: serve `files` from a mock on a loopback
/// port, replay every example with the reference [`WireDriver`] (the mock must answer each
/// documented request with the documented response), then, with `client_tests`, run the
/// generated clients' protocol tests against the same mock (each provider under its
/// `/~<id>` prefix, each example asked for with `Prefer`) and put each test's result on its
/// example's row. `filter` narrows the generated tests by name (libtest's substring match).
/// `Err`: the mock could not start, or the tests could not be built or run.
pub async fn replay_on_mock(
    files: &[SpecFile],
    client_tests: Option<&ClientTests>,
    filter: Option<&str>,
) -> Result<MockReplay, String> {
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
    // The generated protocol tests sign with protocol-test's placeholder keys: the mock
    // verifies those signatures for real.
    let keys = format!(
        "{}:{}",
        protocol_test::ACCESS_KEY,
        protocol_test::SECRET_KEY
    );
    let config = crate::mock::Config {
        capture: true,
        signing_key: crate::mock::SigningKey::parse(&keys),
        ..crate::mock::Config::default()
    };
    let mock = crate::mock::spawn_with(files, addr, config)
        .await
        .map_err(|e| format!("cannot start the mock on {addr}: {e}"))?;
    let mut results = replay_all(files, &WireDriver::default(), &mock).await;
    let mut unmatched_tests = Vec::new();
    let mut failure = None;
    if let Some(tests) = client_tests {
        let template = mock.provider_base_url(PROVIDER_PLACEHOLDER);
        match tests.run(&template, filter).await {
            Ok(run) => unmatched_tests = client_tests::merge(&mut results, &run),
            Err(e) => failure = Some(e),
        }
    }
    mock.stop().await;
    match failure {
        Some(e) => Err(e),
        None => Ok(MockReplay {
            results,
            unmatched_tests,
        }),
    }
}
