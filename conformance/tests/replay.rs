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
