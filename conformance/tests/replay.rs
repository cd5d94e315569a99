//! The whole replay under `cargo test`: every documented example of every spec against the
//! embedded mock, one insta snapshot per example (credentials redacted).

use std::path::Path;

use conformance::driver::WireDriver;
use conformance::replay::{replay_all, Verdict};

#[tokio::test]
async fn every_documented_example_replays_against_the_mock() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let validated = codegen::validate::load_and_validate(&[specs], None).expect("specs validate");
    let files = validated.files();
    let mock = conformance::mock::spawn(files, "127.0.0.1:0".parse().expect("addr"), true)
        .await
        .expect("mock binds");
    let results = replay_all(files, &WireDriver::default(), &mock).await;
    mock.stop().await;

    let mut failures = Vec::new();
    for r in &results {
        let name = format!("{}__{}__{}", r.provider, r.operation, r.example);
        insta::assert_yaml_snapshot!(name.clone(), r.snapshot);
        if let Verdict::Fail(why) = &r.verdict {
            failures.push(format!("{name}:\n{why}"));
        }
    }
    assert!(!results.is_empty());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The same replay through the generated clients (`generated::dispatch::call`).
#[tokio::test]
#[ignore = "generator bug: Zomro unit responses ({\"doc\":{\"ok\":{}}}) fail to decode; un-ignore once fixed"]
async fn generated_clients_replay_every_example() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let validated = codegen::validate::load_and_validate(&[specs], None).expect("specs validate");
    let files = validated.files();
    let mock = conformance::mock::spawn(files, "127.0.0.1:0".parse().expect("addr"), true)
        .await
        .expect("mock binds");
    let driver = conformance::generated_driver::GeneratedDriver;
    let results = replay_all(files, &driver, &mock).await;
    mock.stop().await;
    let failures: Vec<String> = results
        .iter()
        .filter_map(|r| match &r.verdict {
            Verdict::Fail(why) => Some(format!(
                "{}.{} {}:\n{why}",
                r.provider, r.operation, r.example
            )),
            _ => None,
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
