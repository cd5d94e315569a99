//! The verdict is computed on the response as received, never on its redacted text: with a
//! credential equal to a member name of a documented success body (the server echoes nothing;
//! the text merely coincides), live mode against the spec-built mock still passes what passes
//! with any other credential.

use std::path::Path;

use conformance::driver::WireDriver;
use conformance::live::{run_live, LiveOptions};
use conformance::mock;
use conformance::results::Verdict;
use serde_json::Value;

/// The longest member name (at least 8 characters) of any documented success body.
fn member_name(f: &spec::load::SpecFile) -> Option<String> {
    fn names(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, x)| {
                out.push(k.clone());
                names(x, out);
            }),
            Value::Array(items) => items.iter().for_each(|x| names(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for op in &f.spec.operations {
        for ex in op.examples.iter().filter(|e| e.error.is_none()) {
            if let Some(body) = ex.response.as_ref().and_then(|r| r.body.as_ref()) {
                names(body, &mut out);
            }
        }
    }
    out.into_iter()
        .filter(|n| n.len() >= runtime::secret::MIN_SECRET_LEN)
        .max_by_key(|n| n.len())
}

#[tokio::test]
async fn a_credential_that_coincides_with_response_text_changes_no_verdict() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let files = spec::load::load_paths(&[specs]).expect("specs load");
    let running = mock::spawn(&files, "127.0.0.1:0".parse().expect("addr"), false)
        .await
        .expect("mock binds");
    let url = format!("http://{}", running.addr);
    let mut checked = 0;
    for f in &files {
        let id = f.spec.provider.id.as_str();
        let Some(name) = member_name(f) else { continue };
        let opts = LiveOptions {
            provider: Some(id),
            ..LiveOptions::new(&url)
        };
        let plain = |_: &str| Some("CANARYplainToken0123".to_string());
        let coinciding = |_: &str| Some(name.clone());
        let driver = WireDriver::default();
        let before = run_live(&files, &opts, &driver, &plain, &mut |_| {}).await;
        let after = run_live(&files, &opts, &driver, &coinciding, &mut |_| {}).await;
        for (b, a) in before.iter().zip(&after) {
            if b.verdict == Verdict::Pass {
                assert_eq!(
                    a.verdict,
                    Verdict::Pass,
                    "{id}.{} {} with the credential `{name}`",
                    a.operation,
                    a.example
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "no example passed against the mock");
    running.stop().await;
}
