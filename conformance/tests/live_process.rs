//! Live mode end to end: the mock runs as a separate process (`conformance mock`)
//! and live mode checks it over HTTP like any real endpoint.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use conformance::driver::WireDriver;
use conformance::live::{run_live, LiveOptions};
use conformance::results::Verdict;

/// Kills the child process when the test ends, pass or fail.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(specs: &Path) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_conformance"))
        .args(["mock", "--listen", "127.0.0.1:0", "--spec"])
        .arg(specs)
        .stdout(Stdio::piped())
        .spawn()
        .expect("mock process starts");
    let stdout = child.stdout.take().expect("stdout piped");
    let server = Server(child);
    let url = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| l.strip_prefix("mock listening on ").map(str::to_string))
        .expect("mock prints its address");
    (server, url)
}

/// Live mode over every provider of `files`, each aimed at its own `/~id` prefix of the mock
/// as the README tells users to (providers documenting the same paths stay apart).
async fn run_each(
    files: &[spec::load::SpecFile],
    url: &str,
    allow_writes: bool,
    token: &dyn Fn(&str) -> Option<String>,
    progress: &mut dyn FnMut(&str),
) -> Vec<conformance::results::CaseResult> {
    let mut results = Vec::new();
    for f in files {
        let id = &f.spec.provider.id;
        let base = format!("{url}/~{id}");
        let opts = LiveOptions {
            provider: Some(id),
            allow_writes,
            ..LiveOptions::new(&base)
        };
        results.extend(run_live(files, &opts, &WireDriver::default(), token, progress).await);
    }
    results
}

#[tokio::test]
async fn live_mode_against_the_mock_process_reports_no_drift() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let files = spec::load::load_paths(std::slice::from_ref(&specs)).expect("specs load");
    let (_server, url) = start(&specs);
    // Tokens are injected, not read from the environment, so the test is hermetic.
    let token = |_: &str| Some("test-token".to_string());
    let mut lines = Vec::new();
    let mut progress = |l: &str| lines.push(l.to_string());
    let results = run_each(&files, &url, true, &token, &mut progress).await;

    assert_eq!(lines.len(), results.len(), "one progress line per example");
    let examples: usize = files
        .iter()
        .flat_map(|f| &f.spec.operations)
        .map(|op| op.examples.len())
        .sum();
    assert_eq!(results.len(), examples, "one result per documented example");
    let ran = results
        .iter()
        .filter(|r| r.verdict == Verdict::Pass)
        .count();
    assert!(ran > 0, "{lines:?}");
    for r in &results {
        assert!(
            !matches!(r.verdict, Verdict::Fail(_)),
            "{}.{}: {:?}",
            r.provider,
            r.operation,
            r.verdict
        );
    }
    let text = format!("{results:?}");
    assert!(
        !text.contains("test-token"),
        "credential leaked into results"
    );
}

#[tokio::test]
async fn live_mode_is_read_only_by_default_and_needs_tokens() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let files = spec::load::load_paths(std::slice::from_ref(&specs)).expect("specs load");
    let (_server, url) = start(&specs);
    let results = run_each(&files, &url, false, &|_| None, &mut |_| {}).await;
    for r in &results {
        let spec = files
            .iter()
            .find(|f| f.spec.provider.id == r.provider)
            .expect("provider");
        let op = spec
            .spec
            .operations
            .iter()
            .find(|o| o.id == r.operation)
            .expect("op");
        let ex = op
            .examples
            .iter()
            .find(|e| e.name == r.example)
            .expect("example");
        if !op.address_documented {
            assert_eq!(r.verdict, Verdict::Skipped("address not documented".into()));
        } else if op.effect != spec::format::Effect::Read {
            assert_eq!(
                r.verdict,
                Verdict::Skipped("writes need --allow-writes".into())
            );
        } else if ex.request.is_none() {
            assert_eq!(r.verdict, Verdict::Skipped("response-only example".into()));
        } else if op.auth.is_some() {
            let Verdict::Skipped(why) = &r.verdict else {
                panic!("{:?}", r.verdict)
            };
            // An operation that also accepts signing names the key variables too.
            assert!(why.starts_with("set ") && why.contains("_TOKEN"), "{why}");
        }
    }
}

/// Live responses with fields the spec does not declare are drift, reported per example with
/// a curl line: here the checking specs lose the first field of every type the mock serves.
#[tokio::test]
async fn live_mode_reports_drift_per_example() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut files = spec::load::load_paths(std::slice::from_ref(&specs)).expect("specs load");
    let (_server, url) = start(&specs);
    for f in &mut files {
        for def in f.spec.types.values_mut() {
            if !def.fields.is_empty() {
                def.fields.remove(0);
            }
        }
    }
    let token = |_: &str| Some("test-token".to_string());
    let results = run_each(&files, &url, true, &token, &mut |_| {}).await;
    let drifted: Vec<&String> = results
        .iter()
        .filter_map(|r| match &r.verdict {
            Verdict::Fail(why) => Some(why),
            _ => None,
        })
        .collect();
    assert!(!drifted.is_empty(), "{results:?}");
    for why in drifted {
        assert!(why.contains("reproduce: curl "), "{why}");
        assert!(!why.contains("test-token"), "credential leaked: {why}");
    }
}
