//! Live mode over HTTPS: `conformance mock --tls --cert-out FILE` serves with a certificate
//! generated at start-up, and live mode replays every read example over
//! `https://localhost:PORT`, trusting the mock's CA only when given `--ca-cert FILE`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("live-tls-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Start the TLS mock; returns it, its https URL (by the name `localhost`) and the CA file.
fn start_tls_mock(dir: &Path) -> (Server, String, PathBuf) {
    let ca = dir.join("mock-ca.pem");
    let mut child = Command::new(env!("CARGO_BIN_EXE_conformance"))
        .args(["mock", "--listen", "127.0.0.1:0", "--tls", "--cert-out"])
        .arg(&ca)
        .arg("--spec")
        .arg(specs())
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
    let port = url
        .strip_prefix("https://127.0.0.1:")
        .unwrap_or_else(|| panic!("an https address: {url}"));
    (server, format!("https://localhost:{port}"), ca)
}

/// Run `conformance replay --target live` with a token for every provider in `specs/`,
/// bounded in time.
fn live(base_url: &str, extra: &[&str]) -> Output {
    let files = spec::load::load_paths(&[specs()]).expect("specs load");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_conformance"));
    cmd.args([
        "replay",
        "--target",
        "live",
        "--base-url",
        base_url,
        "--spec",
    ])
    .arg(specs())
    .args(extra)
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    for f in &files {
        cmd.env(
            spec::model::token_var(&f.spec.provider.id),
            "tls-test-token",
        );
    }
    let child = cmd.spawn().expect("live run starts");
    wait_bounded(child, Duration::from_secs(120))
}

fn wait_bounded(mut child: Child, limit: Duration) -> Output {
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("live run still going after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn live_mode_replays_every_read_example_over_https_with_the_mock_ca() {
    let dir = scratch("ok");
    let (_server, url, ca) = start_tls_mock(&dir);
    let pem = std::fs::read_to_string(&ca).expect("the CA was written");
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");

    let junit = dir.join("junit.xml");
    let out = live(
        &url,
        &[
            "--ca-cert",
            ca.to_str().expect("utf-8 path"),
            "--jobs",
            "8",
            "--junit",
            junit.to_str().expect("utf-8 path"),
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(!stdout.contains("FAIL"), "{stdout}");
    // Every example with a request of its own on a read operation ran: nothing was skipped
    // for a missing token, and something passed.
    assert!(!stdout.contains("skipped (set "), "{stdout}");
    let passed: usize = stdout
        .lines()
        .find_map(|l| {
            l.split_once(" passed, ")
                .map(|(n, _)| n.trim().parse().ok())
        })
        .flatten()
        .expect("a totals line");
    assert!(passed > 0, "{stdout}");
    let junit = std::fs::read_to_string(&junit).expect("JUnit written");
    assert!(junit.contains("failures=\"0\""), "{junit}");
    // Progress went to stderr, one line per example.
    assert!(stderr.lines().any(|l| l.ends_with(" ok")), "{stderr}");
}

#[test]
fn without_the_ca_live_mode_says_the_certificate_is_not_trusted() {
    let dir = scratch("untrusted");
    let (_server, url, _ca) = start_tls_mock(&dir);
    let out = live(&url, &["--jobs", "4"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "transport failures: {stdout}");
    assert!(stdout.contains("TLS certificate"), "{stdout}");
    assert!(!stdout.contains("connection failed"), "{stdout}");
}
