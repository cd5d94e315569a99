//! Live mode against servers on loopback whose answers are hostile or unhelpful (every spec
//! in `specs/`, the `conformance` binary as CI runs it): an absurd `Retry-After`, 429 and
//! 503 with a documented error body, a credential echoed in every form it takes on the wire
//! (body and `Location`), a body that is not UTF-8, a credential too short to redact.

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// An IAM-style token: `+`, `/`, `=` and a space, each escaped differently by each encoding.
const TOKEN: &str = "CANARY+dcs/Tok=0001 abc+/=";

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

fn files() -> Vec<spec::load::SpecFile> {
    spec::load::load_paths(&[specs()]).expect("specs load")
}

/// Answer every connection with `answer()` on loopback; returns the base URL.
async fn serve(answer: impl Fn() -> Vec<u8> + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        while let Ok((mut conn, _)) = listener.accept().await {
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16384];
                let _ = conn.read(&mut buf).await;
                let _ = conn.write_all(&answer()).await;
                // Close the write half, then drain what the client still sends (a body after
                // the answer), so that closing never resets the connection under it.
                let _ = conn.shutdown().await;
                let mut rest = Vec::new();
                let drain = conn.read_to_end(&mut rest);
                let _ = tokio::time::timeout(Duration::from_secs(5), drain).await;
            });
        }
    });
    format!("http://{addr}")
}

fn reply(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\n{headers}content-length: {}\r\n\
         connection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// `conformance replay --target live` against `base_url` with `token` for every provider;
/// the output and the JUnit file's text (empty when none was written).
async fn live(base_url: &str, token: &str, extra: &[&str]) -> (Output, String) {
    let junit = std::env::temp_dir().join(format!(
        "live-answers-{}-{}.xml",
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
    .args(["--timeout", "5", "--jobs", "4"])
    .args(extra)
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .kill_on_drop(true);
    for f in files() {
        cmd.env(spec::model::token_var(&f.spec.provider.id), token);
    }
    let out = tokio::time::timeout(Duration::from_secs(120), cmd.output())
        .await
        .expect("the run ends in time")
        .expect("the run starts");
    let junit_text = std::fs::read_to_string(&junit).unwrap_or_default();
    let _ = std::fs::remove_file(&junit);
    (out, junit_text)
}

fn text(out: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[tokio::test]
async fn an_absurd_retry_after_neither_crashes_nor_waits() {
    for value in [
        "18446744073709551615",
        "99999999999999999999999999",
        "9223372036854775807",
        "-1",
        "1e99",
        "Wed, 21 Oct 2015 07:28:00 GMT",
    ] {
        let header = format!("retry-after: {value}\r\n");
        let url = serve(move || reply("429 Too Many Requests", &header, b"{}")).await;
        let (out, junit) = live(&url, "CANARYretryToken0123", &["--allow-writes"]).await;
        let all = text(&out);
        assert_eq!(out.status.code(), Some(4), "Retry-After {value}:\n{all}");
        assert!(all.contains("0 passed"), "the table is written: {all}");
        assert!(junit.contains("throttled: HTTP 429"), "{junit}");
    }
}

/// The first documented failure example of a provider whose error case matches by shape
/// under any status: what a throttled server answering in the provider's own shape sends.
fn any_status_failure_body(f: &spec::load::SpecFile) -> Option<serde_json::Value> {
    f.spec.operations.iter().find_map(|op| {
        op.examples.iter().find_map(|ex| {
            let case = op
                .errors
                .iter()
                .find(|c| Some(&c.name) == ex.error.as_ref())?;
            (!case.status_documented)
                .then(|| ex.response.as_ref()?.body.clone())
                .flatten()
        })
    })
}

#[tokio::test]
async fn a_429_or_503_in_a_documented_error_shape_is_not_a_pass() {
    let mut checked = 0;
    for f in files() {
        let Some(body) = any_status_failure_body(&f) else {
            continue;
        };
        let body = serde_json::to_vec(&body).expect("json");
        for (status, what) in [
            ("429 Too Many Requests", "throttled"),
            ("503 Service Unavailable", "unavailable"),
        ] {
            let body = body.clone();
            let url = serve(move || reply(status, "", &body)).await;
            let id = f.spec.provider.id.as_str();
            let (out, junit) = live(
                &url,
                "CANARYthrottleToken01",
                &["--allow-writes", "--provider", id],
            )
            .await;
            let all = text(&out);
            assert_eq!(out.status.code(), Some(4), "{id} {status}:\n{all}");
            assert!(
                all.contains(" 0 passed") || all.contains("\n0 passed"),
                "{all}"
            );
            assert!(junit.contains(&format!("{what}: HTTP")), "{junit}");
            checked += 1;
        }
    }
    assert!(
        checked > 0,
        "no spec documents a failure matched under any status"
    );
}

/// Every form `TOKEN` takes on the wire, as a server might echo it.
fn wire_forms() -> Vec<String> {
    let upper: String = TOKEN
        .bytes()
        .map(|b| match b.is_ascii_alphanumeric() {
            true => (b as char).to_string(),
            false => format!("%{b:02X}"),
        })
        .collect();
    let form: String = form_urlencoded::byte_serialize(TOKEN.as_bytes()).collect();
    let json = serde_json::to_string(TOKEN).expect("json");
    let json_slashes = json
        .trim_matches('"')
        .replace('/', "\\/")
        .replace('+', "\\u002b");
    vec![
        TOKEN.to_string(),
        upper.clone(),
        upper.to_ascii_lowercase().replace("canary", "CANARY"),
        form,
        json_slashes,
        base64(TOKEN.as_bytes(), false),
        base64(TOKEN.as_bytes(), true),
    ]
}

/// Base64 of `bytes` (an oracle of its own, not the runtime's), standard or URL-safe.
fn base64(bytes: &[u8], url: bool) -> String {
    let table: Vec<char> = ('A'..='Z')
        .chain('a'..='z')
        .chain('0'..='9')
        .chain(if url { ['-', '_'] } else { ['+', '/'] })
        .collect();
    let mut bits = String::new();
    for b in bytes {
        bits.push_str(&format!("{b:08b}"));
    }
    while bits.len() < bits.len().div_ceil(6) * 6 {
        bits.push('0');
    }
    let mut out: String = bits
        .as_bytes()
        .chunks(6)
        .map(|c| table[usize::from_str_radix(std::str::from_utf8(c).unwrap(), 2).unwrap()])
        .collect();
    while out.len() < out.len().div_ceil(4) * 4 {
        out.push('=');
    }
    out
}

/// No 8-character window of any form of the token in `text`.
fn assert_no_token(text: &str, where_: &str) {
    for form in wire_forms() {
        for w in form.as_bytes().windows(8) {
            let piece = String::from_utf8_lossy(w);
            assert!(
                !text.contains(piece.as_ref()),
                "token piece {piece:?} (of {form:?}) in {where_}:\n{text}"
            );
        }
    }
}

#[tokio::test]
async fn a_credential_echoed_in_any_wire_form_reaches_no_output() {
    let forms = wire_forms();
    let joined = forms.join(" ");
    // As JSON members (failure messages, wrong types), and as a body that is not JSON.
    let json = serde_json::json!({
        "id": [joined], "size": joined, "ret": 1, "errmsg": joined, "message": joined,
    })
    .to_string();
    let echo_json = serve(move || reply("200 OK", "", json.as_bytes())).await;
    let plain = joined.clone();
    let echo_text = serve(move || reply("500 Internal Server Error", "", plain.as_bytes())).await;
    let location = format!("location: http://elsewhere.invalid/x?t={}\r\n", forms[1]);
    let echo_location = serve(move || reply("302 Found", &location, b"")).await;
    for url in [echo_json, echo_text, echo_location] {
        let (out, junit) = live(&url, TOKEN, &["--allow-writes"]).await;
        let all = text(&out);
        assert!(all.contains("FAIL"), "the echo is not a pass: {all}");
        assert_no_token(&all, "stdout/stderr");
        assert_no_token(&junit, "JUnit");
    }
}

#[tokio::test]
async fn a_body_that_is_not_utf8_is_reported() {
    let url = serve(|| reply("200 OK", "", b"{\"name\":\"caf\xe9\"}")).await;
    let (out, junit) = live(&url, "CANARYutf8Token012345", &[]).await;
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(
        all.contains("not UTF-8: invalid byte 0xe9 at offset 12"),
        "{all}"
    );
    assert!(junit.contains("not UTF-8"), "{junit}");
}

#[tokio::test]
async fn a_credential_too_short_to_redact_is_refused() {
    let url = serve(|| reply("200 OK", "", b"{}")).await;
    let (out, junit) = live(&url, "t", &[]).await;
    let all = text(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(all.contains("_TOKEN is 1 character(s) long"), "{all}");
    assert!(all.contains("at least 8"), "{all}");
    assert!(junit.is_empty(), "nothing was run: {junit}");
}
