//! Live mode against hostile servers on loopback (every spec in `specs/`, a token for each
//! provider in the environment): a redirect to another host, a server that never answers, a
//! 50 MB body, and a server that echoes the token. Each run is the `conformance` binary, as
//! CI runs it, bounded in time.

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const TOKEN: &str = "CANARYdcsTokenValue0123456789abcdefXYZ";

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

fn provider_ids() -> Vec<String> {
    let files = spec::load::load_paths(&[specs()]).expect("specs load");
    files.iter().map(|f| f.spec.provider.id.clone()).collect()
}

/// Serve every connection with `answer` (given the request head) on loopback, at most
/// `max` connections; counts connections.
async fn serve<F>(answer: F, max: usize) -> (String, Arc<AtomicUsize>)
where
    F: Fn(String) -> Option<Vec<u8>> + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        for _ in 0..max {
            let Ok((mut conn, _)) = listener.accept().await else {
                return;
            };
            counter.fetch_add(1, Ordering::SeqCst);
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16384];
                let n = conn.read(&mut buf).await.unwrap_or(0);
                let head = String::from_utf8_lossy(&buf[..n]).into_owned();
                match answer(head) {
                    Some(reply) => {
                        let _ = conn.write_all(&reply).await;
                        let _ = conn.shutdown().await;
                    }
                    // Never answer; hold the connection for a bounded time.
                    None => tokio::time::sleep(Duration::from_secs(30)).await,
                }
            });
        }
    });
    (format!("http://{addr}"), seen)
}

fn reply(status: &str, headers: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\n{headers}content-length: {}\r\n\
         connection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// `conformance replay --target live` against `base_url`, bounded in time; stdout, stderr
/// and the JUnit file's text.
async fn live(base_url: &str, extra: &[&str]) -> (Output, String, Duration) {
    let junit = std::env::temp_dir().join(format!(
        "live-hostile-{}-{}.xml",
        std::process::id(),
        base_url.rsplit(':').next().unwrap_or("0")
    ));
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_conformance"));
    cmd.args([
        "replay",
        "--target",
        "live",
        "--base-url",
        base_url,
        "--spec",
    ])
    .arg(specs())
    .arg("--junit")
    .arg(&junit)
    .args(extra)
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .kill_on_drop(true);
    for id in provider_ids() {
        cmd.env(spec::model::token_var(&id), TOKEN);
    }
    let started = Instant::now();
    let out = tokio::time::timeout(Duration::from_secs(60), cmd.output())
        .await
        .expect("the run ends in time")
        .expect("the run starts");
    let took = started.elapsed();
    let junit_text = std::fs::read_to_string(&junit).unwrap_or_default();
    let _ = std::fs::remove_file(&junit);
    (out, junit_text, took)
}

fn text(out: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// No 6-byte window of the token anywhere in `text`.
fn assert_no_token(text: &str, where_: &str) {
    for w in TOKEN.as_bytes().windows(6) {
        let piece = std::str::from_utf8(w).expect("ascii");
        assert!(
            !text.contains(piece),
            "token piece {piece:?} in {where_}:\n{text}"
        );
    }
}

#[tokio::test]
async fn a_redirect_to_another_host_is_reported_and_carries_nothing_there() {
    let (elsewhere, reached) = serve(|_| Some(reply("200 OK", "", "{}")), 16).await;
    // Same port, other host name: another origin.
    let target = elsewhere.replace("127.0.0.1", "localhost");
    let (hostile, _) = serve(
        move |_| {
            Some(reply(
                "302 Found",
                &format!("location: {target}/steal\r\n"),
                "",
            ))
        },
        16,
    )
    .await;
    for extra in [&[][..], &["--max-redirects", "5"][..]] {
        let (out, junit, _) = live(&hostile, extra).await;
        let all = text(&out);
        assert_eq!(out.status.code(), Some(3), "{all}");
        assert!(all.contains("redirect not followed: HTTP 302"), "{all}");
        assert!(junit.contains("redirect not followed"), "{junit}");
    }
    assert_eq!(
        reached.load(Ordering::SeqCst),
        0,
        "nothing reached the other host"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_ends_near_the_timeout_with_junit() {
    let (silent, _) = serve(|_| None, 16).await;
    let (out, junit, took) = live(&silent, &["--timeout", "1", "--jobs", "4"]).await;
    let all = text(&out);
    assert_eq!(out.status.code(), Some(3), "{all}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert!(all.contains("timeout"), "{all}");
    assert!(junit.contains("<failure"), "{junit}");
    assert!(junit.contains("timeout"), "{junit}");
}

#[tokio::test]
async fn a_50_mb_body_is_refused_without_reading_it_into_memory() {
    let (huge, _) = serve(
        |_| {
            // No Content-Length: the cap must hold while streaming.
            let mut body = Vec::with_capacity(50 << 20);
            body.extend_from_slice(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n[",
            );
            while body.len() < 50 << 20 {
                body.extend_from_slice(b"{\"id\":\"x\",\"unknown\":1},");
            }
            body.extend_from_slice(b"{}]");
            Some(body)
        },
        16,
    )
    .await;
    let (out, _junit, _) = live(&huge, &[]).await;
    let all = text(&out);
    assert_eq!(out.status.code(), Some(3), "{all}");
    assert!(all.contains("response too large"), "{all}");
    // Peak memory of the children this test process waited for (this file's runs only).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct it is given.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0);
    let peak_kib = usage.ru_maxrss;
    assert!(peak_kib < 100 * 1024, "peak {peak_kib} KiB");
}

#[tokio::test]
async fn a_token_echoed_by_the_server_reaches_no_output() {
    // Every answer echoes the token: in a failure message, in a wrongly typed success field
    // long enough to be cut in a drift line, and past 40 characters of padding.
    let (echo, _) = serve(
        |_| {
            let body = format!(
                "{{\"id\":[\"{TOKEN}\"],\"size\":\"{TOKEN}\",\"pad{TOKEN}\":\"{}{TOKEN}\",\
                 \"ret\":1,\"errmsg\":\"bad token {TOKEN}\",\"message\":\"bad token {TOKEN}\"}}",
                "p".repeat(37)
            );
            Some(reply("200 OK", "", &body))
        },
        64,
    )
    .await;
    let (out, junit, _) = live(&echo, &["--allow-writes", "--jobs", "4"]).await;
    let all = text(&out);
    assert!(all.contains("FAIL"), "the echo is drift: {all}");
    assert_no_token(&all, "stdout/stderr");
    assert_no_token(&junit, "JUnit");
}

/// Ctrl-C in the middle of a run: the process ends at once with 130 ("interrupted"), and
/// the summary and JUnit are still written, the unfinished examples as failures.
#[tokio::test]
async fn an_interrupted_run_still_writes_its_report() {
    let (silent, seen) = serve(|_| None, 16).await;
    let junit = std::env::temp_dir().join(format!("live-interrupted-{}.xml", std::process::id()));
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_conformance"));
    cmd.args([
        "replay",
        "--target",
        "live",
        "--base-url",
        &silent,
        "--spec",
    ])
    .arg(specs())
    .arg("--junit")
    .arg(&junit)
    .args(["--timeout", "30"])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .kill_on_drop(true);
    for id in provider_ids() {
        cmd.env(spec::model::token_var(&id), TOKEN);
    }
    let child = cmd.spawn().expect("the run starts");
    // Interrupt once the run is waiting on the silent server.
    let waited = Instant::now();
    while seen.load(Ordering::SeqCst) == 0 && waited.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        seen.load(Ordering::SeqCst) > 0,
        "the run never reached the server"
    );
    let pid = child.id().expect("running") as libc::pid_t;
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let out = tokio::time::timeout(Duration::from_secs(20), child.wait_with_output())
        .await
        .expect("the run ends soon after Ctrl-C")
        .expect("the run's output");
    let all = text(&out);
    let report = std::fs::read_to_string(&junit).unwrap_or_default();
    let _ = std::fs::remove_file(&junit);
    assert_eq!(out.status.code(), Some(130), "{all}");
    assert!(
        report.contains("<failure"),
        "no failed row in the JUnit:\n{report}\n{all}"
    );
    assert_no_token(&all, "output");
    assert_no_token(&report, "JUnit");
}
