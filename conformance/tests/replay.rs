//! The whole replay under `cargo test`: every documented example of every spec against the
//! embedded mock through the generated clients must pass, with credentials kept out of what
//! it records. The reference driver, which sends documented requests as written, must agree,
//! and a replay that goes wrong must fail.
//!
//! What each example sends and decodes is pinned per example by the generated protocol tests
//! (`generated/tests/protocol.rs`, literals written from the spec), not by snapshots here.

use std::path::Path;

use conformance::driver::{BoxFuture, Call, Driver, Observed, WireDriver};
use conformance::generated_driver::GeneratedDriver;
use conformance::mock::Running;
use conformance::replay::{replay_all, CaseResult, Verdict, WireCheck};
use serde_json::Value;
use spec::load::SpecFile;
use spec::validate::Validated;

fn specs() -> Validated {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    spec::validate::load_and_validate(&[specs], None).expect("specs validate")
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

#[tokio::test]
async fn generated_clients_replay_every_example() {
    let validated = specs();
    let files = validated.files();
    let results = replay(files, &GeneratedDriver).await;

    let secrets = credentials(files);
    assert!(!secrets.is_empty(), "the examples document credentials");
    for r in &results {
        let name = format!("{}__{}__{}", r.provider, r.operation, r.example);
        let text = serde_json::to_string(&r.snapshot).expect("snapshot serializes");
        for s in &secrets {
            assert!(!text.contains(s.as_str()), "{name}: credential in snapshot");
        }
    }
    let count: usize = files
        .iter()
        .flat_map(|f| &f.spec.operations)
        .map(|op| op.examples.len())
        .sum();
    assert_eq!(results.len(), count, "one result per documented example");
    let failed = failures(&results);
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
    assert!(results.iter().all(|r| r.verdict == Verdict::Pass));
}

/// The reference driver sends the documented requests as written and decodes with the spec
/// alone: it must pass too, and decode every example to the same outcome.
#[tokio::test]
async fn reference_driver_agrees_with_the_generated_clients() {
    let validated = specs();
    let files = validated.files();
    let reference = replay(files, &WireDriver::default()).await;
    let generated = replay(files, &GeneratedDriver).await;
    let failed = failures(&reference);
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
    assert_eq!(reference.len(), generated.len());
    for (r, g) in reference.iter().zip(&generated) {
        assert_eq!(
            r.snapshot.outcome, g.snapshot.outcome,
            "{}.{} {}",
            r.provider, r.operation, r.example
        );
    }
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
    let results = replay_all(&expected, &GeneratedDriver, &mock).await;
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
    assert!(!tampered.is_empty(), "no example had a string parameter");
    for r in tampered {
        let Verdict::Fail(why) = &r.verdict else {
            panic!("{}.{}: {:?}", r.operation, r.example, r.verdict);
        };
        assert!(
            why.contains("documented:") && why.contains("sent:"),
            "{why}"
        );
        assert!(why.contains("tampered"), "{why}");
        assert!(why.contains("reproduce: curl "), "{why}");
    }
}

/// The generated clients, with the first string parameter of every call changed.
struct Tampering;

impl Driver for Tampering {
    fn call<'a>(&'a self, call: &'a Call<'a>) -> BoxFuture<'a, Observed> {
        Box::pin(async move {
            let mut params = call.params.clone();
            if let Some(v) = params
                .as_object_mut()
                .and_then(|m| m.values_mut().find(|v| v.is_string()))
            {
                *v = Value::String("tampered".into());
            }
            let call = Call {
                params,
                credential: call.credential.clone(),
                prefer: call.prefer.clone(),
                ..*call
            };
            GeneratedDriver.call(&call).await
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
