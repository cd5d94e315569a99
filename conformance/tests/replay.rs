//! The whole replay under `cargo test`: every documented example of every spec against the
//! embedded mock, through the reference driver (documented requests as written) and through
//! the generated clients' protocol tests run against the same mock by the code path
//! `conformance replay` uses, must pass, with credentials kept out of what it records. A
//! replay that goes wrong must fail, on either side.
//!
//! What each example sends and decodes is pinned per example by the generated protocol tests
//! (`generated/tests/protocol/`, literals written from the spec), not by snapshots here.

use std::path::{Path, PathBuf};

use conformance::client_tests::ClientTests;
use conformance::driver::{BoxFuture, Call, Driver, Observed, WireDriver};
use conformance::mock::Running;
use conformance::replay::replay_all;
use conformance::results::{CaseResult, Verdict, WireCheck};
use conformance::run::replay_on_mock;
use protocol_test::MismatchKind;
use serde_json::Value;
use spec::load::SpecFile;
use spec::validate::Validated;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn specs() -> Validated {
    spec::validate::load_and_validate(&[root().join("specs")], None).expect("specs validate")
}

async fn mock(files: &[SpecFile]) -> Running {
    conformance::mock::spawn(files, "127.0.0.1:0".parse().expect("addr"), true)
        .await
        .expect("mock binds")
}

async fn replay(files: &[SpecFile], driver: &dyn Driver) -> Vec<CaseResult> {
    let mock = mock(files).await;
    let results = replay_all(files, driver, &mock).await;
    mock.stop().await;
    results
}

fn failures(results: &[CaseResult]) -> Vec<String> {
    results
        .iter()
        .filter_map(|r| match &r.verdict {
            Verdict::Fail(why) => Some(format!(
                "{}.{} {}:\n{why}",
                r.provider, r.operation, r.example
            )),
            _ => None,
        })
        .collect()
}

/// Every secret value the examples document (credentials the replay sends to the mock, and
/// secret parameters).
fn credentials(files: &[SpecFile]) -> Vec<String> {
    files
        .iter()
        .flat_map(|f| {
            spec::model::ProviderModel::build(&f.spec, String::new())
                .expect("model")
                .example_secrets()
        })
        .filter(|c| !c.trim().is_empty())
        .collect()
}

fn example_count(files: &[SpecFile]) -> usize {
    files
        .iter()
        .flat_map(|f| &f.spec.operations)
        .map(|op| op.examples.len())
        .sum()
}

/// The reference driver sends the documented requests as written and decodes with the spec
/// alone: the mock must answer every one as documented, and no snapshot may hold a secret.
#[tokio::test]
async fn the_reference_replay_passes_every_example() {
    let validated = specs();
    let files = validated.files();
    let results = replay(files, &WireDriver::default()).await;

    let secrets = credentials(files);
    assert!(!secrets.is_empty(), "the examples document credentials");
    for r in &results {
        let name = format!("{}__{}__{}", r.provider, r.operation, r.example);
        let text = serde_json::to_string(&r.snapshot).expect("snapshot serializes");
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "{name}: credential in snapshot");
        }
    }
    assert_eq!(
        results.len(),
        example_count(files),
        "one result per example"
    );
    let failed = failures(&results);
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
    assert!(results.iter().all(|r| r.verdict == Verdict::Pass));
}

/// What `conformance replay` does: the reference replay, then the generated clients'
/// protocol tests (a `cargo test` of the generated crate) against the same mock. Every
/// example gets the result of its own generated test, and every generated test is one of the
/// examples.
#[tokio::test]
async fn the_generated_clients_pass_their_protocol_tests_against_the_mock() {
    let validated = specs();
    let files = validated.files();
    let replay = replay_on_mock(files, Some(&ClientTests::new(&root())), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(replay.results.len(), example_count(files));
    assert!(
        replay.unmatched_tests.is_empty(),
        "generated tests for no example: {:?}",
        replay.unmatched_tests
    );
    let failed: Vec<String> = replay
        .results
        .iter()
        .filter_map(|r| {
            conformance::report::failure(r).map(|(part, why)| {
                format!(
                    "{}.{} {} ({part}):\n{why}",
                    r.provider, r.operation, r.example
                )
            })
        })
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
    for r in &replay.results {
        let client = r
            .client
            .as_ref()
            .expect("every example has a client result");
        // An example the reference replay skips (no request to send) has an ignored test.
        assert_eq!(
            matches!(client, Verdict::Pass),
            r.verdict == Verdict::Pass,
            "{}.{} {}: {:?} vs {:?}",
            r.provider,
            r.operation,
            r.example,
            r.verdict,
            client
        );
    }
}

/// The mock serves a spec copy whose first documented success payload was changed, so the
/// answer differs from the literals the generator wrote into that example's test: the
/// generated client's result fails and names its test, while the reference replay (which
/// reads the same copy) passes.
#[tokio::test]
async fn a_mock_answer_unlike_the_generated_literals_fails_the_client() {
    let validated = specs();
    let mut served: Vec<SpecFile> = validated.files().to_vec();
    let (provider, operation, example) =
        tamper_first_success_string(&mut served).expect("some success example has a string");
    let replay = replay_on_mock(&served, Some(&ClientTests::new(&root())), None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let failed: Vec<&CaseResult> = replay
        .results
        .iter()
        .filter(|r| matches!(r.overall(), Verdict::Fail(_)))
        .collect();
    assert_eq!(failed.len(), 1, "{:?}", failures(&replay.results));
    let r = failed[0];
    assert_eq!(
        (&r.provider, &r.operation, &r.example),
        (&provider, &operation, &example)
    );
    assert_eq!(r.verdict, Verdict::Pass);
    let Some(Verdict::Fail(why)) = &r.client else {
        panic!("expected the client to fail, got {:?}", r.client);
    };
    let path = format!("{provider}::{operation}::{example}");
    assert!(
        why.contains(&format!("generated test `{path}` failed")),
        "{why}"
    );
    assert!(why.contains("tampered"), "{why}");
    assert!(why.contains("--exact"), "{why}");
    let (part, _) = conformance::report::failure(r).expect("a failure");
    assert_eq!(part, "generated client failed");
}

/// Replaying against a spec copy whose documented success payload was changed (the mock still
/// serves the real one) must fail with a diff and a curl line.
#[tokio::test]
async fn a_wrong_documented_value_fails_with_a_diff_and_a_curl_line() {
    let validated = specs();
    let served = validated.files();
    let mut expected: Vec<SpecFile> = served.to_vec();
    let (provider, operation, example) =
        tamper_first_success_string(&mut expected).expect("some success example has a string");

    let mock = mock(served).await;
    let results = replay_all(&expected, &WireDriver::default(), &mock).await;
    mock.stop().await;

    let r = results
        .iter()
        .find(|r| (&r.provider, &r.operation, &r.example) == (&provider, &operation, &example))
        .expect("the tampered example was replayed");
    let Verdict::Fail(why) = &r.verdict else {
        panic!("expected a failure, got {:?}", r.verdict);
    };
    assert!(why.contains("payload differs"), "{why}");
    // The documented (tampered) side of the diff.
    assert!(
        why.lines()
            .any(|l| l.starts_with('-') && l.contains("tampered")),
        "{why}"
    );
    assert!(why.contains("reproduce: curl "), "{why}");
    // Only the tampered example fails.
    assert_eq!(failures(&results).len(), 1, "{:?}", failures(&results));
}

/// A client that sends something other than the documented request must fail on the wire
/// comparison, and the snapshot must record the difference.
#[tokio::test]
async fn a_request_that_differs_on_the_wire_fails() {
    let validated = specs();
    let files = validated.files();
    let results = replay(files, &Tampering).await;
    let tampered: Vec<&CaseResult> = results
        .iter()
        .filter(|r| matches!(r.snapshot.wire, Some(WireCheck::Differs(_))))
        .collect();
    assert!(!tampered.is_empty(), "no example had a string to change");
    for r in tampered {
        let Verdict::Fail(why) = &r.verdict else {
            panic!("{}.{}: {:?}", r.operation, r.example, r.verdict);
        };
        let Some(WireCheck::Differs(diffs)) = &r.snapshot.wire else {
            unreachable!("filtered above");
        };
        // The first query value, else a body member: nothing else differs.
        assert!(
            diffs
                .iter()
                .all(|m| matches!(m.kind, MismatchKind::Query | MismatchKind::Body)),
            "{diffs:?}"
        );
        assert!(why.contains("tampered"), "{why}");
        assert!(why.contains("reproduce: curl "), "{why}");
    }
}

/// The reference driver, with the first query value (else the first string member of the
/// body) of every documented request changed.
struct Tampering;

impl Driver for Tampering {
    fn call<'a>(&'a self, call: &'a Call<'a>) -> BoxFuture<'a, Observed> {
        Box::pin(async move {
            let mut request = call.request.clone();
            match request.query.first_mut() {
                Some((_, v)) => *v = "tampered".into(),
                None => {
                    if let Some(v) = request
                        .body
                        .as_mut()
                        .and_then(|b| b.fields.values_mut().find(|v| v.is_string()))
                    {
                        *v = Value::String("tampered".into());
                    }
                }
            }
            let call = Call {
                request: &request,
                credential: call.credential.clone(),
                prefer: call.prefer.clone(),
                ..*call
            };
            WireDriver::default().call(&call).await
        })
    }
}

/// Change the first string value in the first documented success response that has one;
/// returns which example it was.
fn tamper_first_success_string(files: &mut [SpecFile]) -> Option<(String, String, String)> {
    for f in files {
        let provider = f.spec.provider.id.clone();
        for op in &mut f.spec.operations {
            for ex in &mut op.examples {
                if ex.error.is_some() {
                    continue;
                }
                let Some(body) = ex.response.as_mut().and_then(|r| r.body.as_mut()) else {
                    continue;
                };
                if tamper_string(body) {
                    return Some((provider, op.id.clone(), ex.name.clone()));
                }
            }
        }
    }
    None
}

fn tamper_string(v: &mut Value) -> bool {
    match v {
        Value::String(s) => {
            *s = "tampered".into();
            true
        }
        Value::Array(items) => items.iter_mut().any(tamper_string),
        Value::Object(m) => m.values_mut().any(tamper_string),
        _ => false,
    }
}

/// Generated tests that cannot be built or run are an error saying why (the binary's exit
/// code 2), not a table of failures: a cargo that is not there, and one that prints no
/// libtest summary.
#[tokio::test]
async fn generated_tests_that_cannot_run_are_an_error() {
    let validated = specs();
    let files = validated.files();
    let missing = ClientTests {
        cargo: root().join("no-such-cargo").into_os_string(),
        ..ClientTests::new(&root())
    };
    let e = replay_on_mock(files, Some(&missing), None)
        .await
        .expect_err("no cargo to run");
    assert!(e.contains("cannot start"), "{e}");
    let silent = ClientTests {
        cargo: "false".into(),
        ..ClientTests::new(&root())
    };
    let e = replay_on_mock(files, Some(&silent), None)
        .await
        .expect_err("no test ran");
    assert!(e.contains("could not be built or run"), "{e}");
}
