//! Live mode signs: against the mock verifying signatures (`Config::signing_key`), with only
//! `<ID>_ACCESS_KEY` and `<ID>_SECRET_KEY` set (no `<ID>_TOKEN`), every example of an operation
//! in `specs/` that accepts signing is sent signed and passes; with a wrong secret key each one
//! fails with the provider's 401; no key byte reaches stdout, stderr or the JUnit report.

use std::path::{Path, PathBuf};
use std::process::Command;

use conformance::driver::WireDriver;
use conformance::live::{key_env_vars, run_live, LiveOptions};
use conformance::mock::{self, Config, Running, SigningKey};
use conformance::results::{CaseResult, Verdict};
use runtime::sign::Keys;
use runtime::Secret;
use spec::load::SpecFile;
use spec::model::token_var;
use spec::model::ProviderModel;

const AK: &str = "LIVEACCESSKEYID0";
const SK: &str = "live-secret-key-value-0";
const WRONG_SK: &str = "wrong-secret-key-value-1";

fn specs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

fn load() -> Vec<SpecFile> {
    spec::load::load_paths(&[specs_dir()]).expect("specs load")
}

async fn signing_mock(files: &[SpecFile]) -> Running {
    mock::spawn_with(
        files,
        "127.0.0.1:0".parse().expect("addr"),
        Config {
            signing_key: SigningKey::parse(&format!("{AK}:{SK}")),
            ..Config::default()
        },
    )
    .await
    .expect("mock binds")
}

/// `(provider, operation, example)` of every example with a request of an operation that
/// accepts signing and whose address is documented.
fn signed_examples(files: &[SpecFile]) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for f in files {
        let model = ProviderModel::build(&f.spec, String::new()).expect("model");
        for om in model.operations.iter().filter(|o| o.signed) {
            if !om.op.address_documented {
                continue;
            }
            for em in om.examples.iter().filter(|e| e.own_request) {
                out.push((
                    f.spec.provider.id.clone(),
                    om.op.id.clone(),
                    em.example.name.clone(),
                ));
            }
        }
    }
    out
}

fn result<'r>(results: &'r [CaseResult], key: &(String, String, String)) -> &'r CaseResult {
    results
        .iter()
        .find(|r| (&r.provider, &r.operation, &r.example) == (&key.0, &key.1, &key.2))
        .expect("one result per example")
}

async fn run(files: &[SpecFile], base: &str, secret: &'static str) -> Vec<CaseResult> {
    let keys = move |_: &str| Keys {
        access: Some(Secret::new(AK)),
        secret: Some(Secret::new(secret)),
    };
    let opts = LiveOptions {
        // The mock's writes change nothing; the signed operations of the specs may be writes.
        allow_writes: true,
        keys: &keys,
        ..LiveOptions::new(base)
    };
    run_live(files, &opts, &WireDriver::default(), &|_| None, &mut |_| {}).await
}

#[tokio::test]
async fn live_mode_signs_when_only_the_keys_are_set() {
    let files = load();
    let running = signing_mock(&files).await;
    let base = format!("http://{}", running.addr);
    let signed = signed_examples(&files);
    assert!(!signed.is_empty(), "the specs have signed operations");

    let results = run(&files, &base, SK).await;
    for key in &signed {
        let r = result(&results, key);
        assert_eq!(r.verdict, Verdict::Pass, "{key:?}");
    }
    let wrong = run(&files, &base, WRONG_SK).await;
    for key in &signed {
        let Verdict::Fail(why) = &result(&wrong, key).verdict else {
            panic!("{key:?}: {:?}", result(&wrong, key).verdict)
        };
        assert!(why.starts_with("HTTP 401: the provider refused"), "{why}");
        let (access_var, secret_var) = key_env_vars(&key.0);
        assert!(
            why.contains(&access_var) && why.contains(&secret_var),
            "{why}"
        );
    }
    for text in [format!("{results:?}"), format!("{wrong:?}")] {
        for k in [AK, SK, WRONG_SK] {
            assert!(!text.contains(k), "a key leaked into results");
        }
    }
}

#[tokio::test]
async fn without_token_or_keys_a_signed_operation_is_skipped_naming_the_variables() {
    let files = load();
    let running = signing_mock(&files).await;
    let base = format!("http://{}", running.addr);
    let opts = LiveOptions {
        allow_writes: true,
        ..LiveOptions::new(&base)
    };
    let results = run_live(
        &files,
        &opts,
        &WireDriver::default(),
        &|_| None,
        &mut |_| {},
    )
    .await;
    for key in signed_examples(&files) {
        let Verdict::Skipped(why) = &result(&results, &key).verdict else {
            panic!("{key:?}: {:?}", result(&results, &key).verdict)
        };
        let (access_var, secret_var) = key_env_vars(&key.0);
        assert!(
            why.contains(&access_var) && why.contains(&secret_var),
            "{why}"
        );
    }
}

/// The CLI reads the keys from the environment; nothing it writes shows them.
#[tokio::test]
async fn the_cli_signs_from_the_environment_and_never_prints_a_key() {
    let files = load();
    let running = signing_mock(&files).await;
    let base = format!("http://{}", running.addr);
    let signed = signed_examples(&files);
    assert!(!signed.is_empty());
    let dir = std::env::temp_dir().join(format!("live-signing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (secret, want_ok) in [(SK, true), (WRONG_SK, false)] {
        let junit = dir.join(format!("junit-{want_ok}.xml"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_conformance"));
        cmd.args(["replay", "--target", "live", "--allow-writes", "--base-url"])
            .arg(&base)
            .arg("--junit")
            .arg(&junit)
            .arg("--spec")
            .arg(specs_dir());
        for f in &files {
            let id = &f.spec.provider.id;
            let (access_var, secret_var) = key_env_vars(id);
            cmd.env_remove(token_var(id))
                .env(access_var, AK)
                .env(secret_var, secret);
        }
        let out = tokio::task::spawn_blocking(move || cmd.output())
            .await
            .expect("join")
            .expect("conformance runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let report = std::fs::read_to_string(&junit).expect("junit written");
        assert_eq!(out.status.success(), want_ok, "{stdout}\n{stderr}");
        let (_, op, ex) = &signed[0];
        assert!(stderr.contains(&format!("{op} {ex}")), "{stderr}");
        if !want_ok {
            assert!(report.contains("HTTP 401"), "{report}");
        }
        for text in [&*stdout, &*stderr, &report] {
            for k in [AK, SK, WRONG_SK] {
                assert!(!text.contains(k), "a key leaked into the output");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
