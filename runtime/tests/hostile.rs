//! The transport's defaults against hostile servers on loopback, as a generated client meets
//! them: redirects, a server that never answers, a 50 MB body, a token echoed back.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use runtime::{
    Check, Checker, Error, ErrorCase, Location, OpError, ResponseValue, Secret, Template,
    TokenScheme, TransportBuilder,
};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const TOKEN: &str = "CANARYdcsTokenValue0123456789abcdefXYZ";

/// One auth scheme, a header token.
const TEMPLATE: Template = Template {
    base_url: "http://unused",
    variables: &[],
    schemes: 1,
    secret_names: &[],
};
const HEADER_TOKEN: TokenScheme = TokenScheme {
    slot: 0,
    location: Location::Header,
    name: "X-Auth-Token",
};

#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[allow(dead_code)]
struct Fault {
    code: u32,
    message: String,
}

#[derive(Debug)]
#[allow(dead_code)]
enum OpFault {
    Denied(Fault),
}

impl OpError for OpFault {
    const CASES: &'static [ErrorCase] = &[ErrorCase::new("denied", 403).fields(&["message"])];
    fn decode<'de, D: serde::Deserializer<'de>>(index: usize, body: D) -> Result<Self, D::Error> {
        match index {
            0 => serde::Deserialize::deserialize(body).map(OpFault::Denied),
            _ => Err(runtime::unknown_case(index)),
        }
    }
    fn index(&self) -> usize {
        0
    }
    fn write_fields(
        &self,
        out: &mut dyn std::fmt::Write,
        sep: &mut &'static str,
    ) -> std::fmt::Result {
        match self {
            OpFault::Denied(b) => runtime::fields::write(out, b, sep),
        }
    }
}

#[derive(serde::Serialize)]
struct NoParams {}

impl Check for NoParams {
    fn check(&self, _c: &mut Checker, _at: &str) {}
}

/// The answer's shape, as a generated method's status match reads it.
#[derive(Debug, Clone, Copy)]
enum Op {
    Plain,
    /// A result-code envelope (`ret`, `errmsg`, success 0).
    Enveloped,
    /// An XML-as-JSON answer (root `doc`, error element `error`).
    Xml,
}

const OP: Op = Op::Plain;
const ENVELOPED: Op = Op::Enveloped;
const XML_OP: Op = Op::Xml;

const XML: runtime::XmlJson<'static> = runtime::XmlJson {
    root: "doc",
    list: "elem",
    error: "error",
    text_key: "$",
    attribute_prefix: "$",
    error_fields: runtime::XmlErrorFields {
        kind: "type",
        object: Some("object"),
        message: "msg",
    },
};

/// The token with its first letter JSON-escaped, as a server may echo it.
fn escaped_token() -> String {
    format!("\\u{:04x}{}", TOKEN.as_bytes()[0], &TOKEN[1..])
}

/// Answer each connection (at most `max`) with `answer(request head)`; `None` never answers.
/// Returns the base URL, the connection count and the request heads seen.
async fn serve<F>(answer: F, max: usize) -> (String, Arc<AtomicUsize>)
where
    F: Fn(&str) -> Option<Vec<u8>> + Send + Sync + 'static,
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
                let mut buf = vec![0u8; 8192];
                let n = conn.read(&mut buf).await.unwrap_or(0);
                let head = String::from_utf8_lossy(&buf[..n]).into_owned();
                match answer(&head) {
                    Some(reply) => {
                        let _ = conn.write_all(&reply).await;
                        let _ = conn.shutdown().await;
                    }
                    None => tokio::time::sleep(Duration::from_secs(20)).await,
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

fn builder(base: &str) -> TransportBuilder {
    let mut b = TransportBuilder::new(&TEMPLATE);
    b.base_url(base.to_owned());
    b.credential(HEADER_TOKEN, Secret::new(TOKEN));
    b
}

/// What a generated method does: check, place the header token, send, match the status.
async fn call(b: TransportBuilder, op: &Op) -> Result<ResponseValue<Value>, Error<OpFault>> {
    let t = b.build().expect("builds");
    runtime::check::validate(&NoParams {})?;
    let mut call = t.call(runtime::Method::GET);
    call.path("/thing");
    call.token(HEADER_TOKEN);
    let response = call.send().await?;
    match (response.status(), op) {
        (200, Op::Plain) => response.json(),
        (200, Op::Enveloped) => response.result_code("ret", "errmsg", 0, &[""]),
        (200, Op::Xml) => response.xml_json(&XML, false),
        (_, Op::Xml) => response.failure(Some(&XML)),
        _ => response.failure(None),
    }
}

#[tokio::test]
async fn redirects_to_another_host_are_never_followed_and_carry_no_credential() {
    let (elsewhere, reached) = serve(|_| Some(reply("200 OK", "", "{}")), 8).await;
    let target = elsewhere.replace("127.0.0.1", "localhost");
    for status in ["302 Found", "307 Temporary Redirect"] {
        let target = target.clone();
        let (hostile, _) = serve(
            move |_| Some(reply(status, &format!("location: {target}/x\r\n"), "")),
            8,
        )
        .await;
        for follow in [0, 5] {
            let mut b = builder(&hostile);
            b.max_redirects(follow);
            match call(b, &OP).await {
                Err(Error::Redirect { location, .. }) => assert!(location.ends_with("/x")),
                other => panic!("{status}, follow {follow}: {other:?}"),
            }
        }
    }
    assert_eq!(reached.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn same_origin_redirects_are_followed_only_when_asked_and_send_no_referer() {
    let heads = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let log = heads.clone();
    let (server, _) = serve(
        move |head| {
            log.lock().expect("lock").push(head.to_owned());
            if head.starts_with("GET /thing ") {
                Some(reply("302 Found", "location: /moved\r\n", ""))
            } else {
                Some(reply("200 OK", "", "{\"ok\":true}"))
            }
        },
        8,
    )
    .await;
    assert!(matches!(
        call(builder(&server), &OP).await,
        Err(Error::Redirect { status: 302, .. })
    ));
    let mut b = builder(&server);
    b.max_redirects(3);
    let ok = call(b, &OP).await.expect("followed within the origin");
    assert_eq!(*ok, serde_json::json!({"ok": true}));
    let heads = heads.lock().expect("lock");
    assert!(
        heads
            .iter()
            .all(|h| !h.to_ascii_lowercase().contains("referer:")),
        "{heads:?}"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let (silent, _) = serve(|_| None, 4).await;
    let mut b = builder(&silent);
    b.timeout(Duration::from_millis(500));
    let started = Instant::now();
    let r = call(b, &OP).await;
    assert!(matches!(r, Err(Error::Timeout(_))), "{r:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(runtime::net::DEFAULT_TIMEOUT, Duration::from_secs(15));
}

#[tokio::test]
async fn a_50_mb_body_is_a_typed_error_not_an_allocation() {
    for declared in [true, false] {
        let (huge, _) = serve(
            move |_| {
                let mut out = Vec::with_capacity(50 << 20);
                let head = if declared {
                    format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n", 50 << 20)
                } else {
                    "HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n".to_owned()
                };
                out.extend_from_slice(head.as_bytes());
                out.resize(head.len() + (50 << 20), b' ');
                Some(out)
            },
            2,
        )
        .await;
        match call(builder(&huge), &OP).await {
            Err(Error::TooLarge { status: 200, limit }) => {
                assert_eq!(limit, runtime::net::DEFAULT_MAX_RESPONSE_BYTES)
            }
            other => panic!("declared {declared}: {other:?}"),
        }
    }
}

fn assert_no_token(text: &str) {
    for w in TOKEN.as_bytes().windows(6) {
        let piece = std::str::from_utf8(w).expect("ascii");
        assert!(!text.contains(piece), "token piece {piece:?} in:\n{text}");
    }
}

#[tokio::test]
async fn an_echoed_token_is_in_no_display_or_debug_of_any_error() {
    let pad = "p".repeat(190);
    let esc = escaped_token();
    let bodies: Vec<(&str, String, &Op)> = vec![
        // Envelope failure under 200.
        (
            "200 OK",
            format!("{{\"ret\":1,\"errmsg\":\"bad token {TOKEN}\"}}"),
            &ENVELOPED,
        ),
        // Documented failure.
        (
            "403 Forbidden",
            format!("{{\"code\":1,\"message\":\"bad {TOKEN}\"}}"),
            &OP,
        ),
        // Documented shape that does not decode: the serde message quotes the value.
        (
            "403 Forbidden",
            format!("{{\"code\":\"{TOKEN}\",\"message\":1}}"),
            &OP,
        ),
        // Undocumented status, the token straddling the excerpt's cut.
        ("500 Oops", format!("{pad}{TOKEN}"), &OP),
        // The same, escaped by the server, in each place.
        (
            "200 OK",
            format!("{{\"ret\":1,\"errmsg\":\"bad token {esc}\"}}"),
            &ENVELOPED,
        ),
        (
            "200 OK",
            format!("{{\"ret\":\"{esc}\",\"errmsg\":\"\"}}"),
            &ENVELOPED,
        ),
        (
            "403 Forbidden",
            format!("{{\"code\":1,\"message\":\"bad {esc}\"}}"),
            &OP,
        ),
        (
            "403 Forbidden",
            format!("{{\"code\":\"{esc}\",\"message\":1}}"),
            &OP,
        ),
        ("500 Oops", format!("{{\"m\":\"{pad}{esc}\"}}"), &OP),
        // XML-as-JSON: the error element, and a documented failure under the root member.
        (
            "200 OK",
            format!("{{\"doc\":{{\"error\":{{\"$type\":\"{esc}\",\"$object\":\"{TOKEN}\",\"msg\":{{\"$\":\"bad {esc}\"}}}}}}}}"),
            &XML_OP,
        ),
        (
            "403 Forbidden",
            format!("{{\"doc\":{{\"code\":1,\"message\":\"bad {esc}\"}}}}"),
            &XML_OP,
        ),
        // An undecodable success quotes the value in its message.
        (
            "200 OK",
            format!("{{\"doc\":{{\"$\":\"{esc}\",\"$a\":[1}}}}"),
            &XML_OP,
        ),
        // Not JSON under the success status.
        ("200 OK", format!("{pad}{TOKEN}"), &OP),
    ];
    for (status, body, op) in bodies {
        let (server, _) = serve(move |_| Some(reply(status, "", &body)), 2).await;
        let r = call(builder(&server), op).await;
        let e = r.expect_err("a failure");
        assert_no_token(&format!("{e}\n{e:?}"));
    }
}

#[tokio::test]
async fn xml_failures_are_read_under_the_root_and_redacted() {
    let esc = escaped_token();
    let documented = format!("{{\"doc\":{{\"code\":4,\"message\":\"bad {esc}\"}}}}");
    let (server, _) = serve(move |_| Some(reply("403 Forbidden", "", &documented)), 1).await;
    match call(builder(&server), &XML_OP).await {
        Err(Error::Documented {
            status: 403,
            error: OpFault::Denied(fault),
        }) => {
            assert_eq!((fault.code, fault.message.as_str()), (4, "bad [redacted]"));
        }
        other => panic!("expected the documented failure, got {other:?}"),
    }
    let element = format!(
        "{{\"doc\":{{\"error\":{{\"$type\":\"{esc}\",\"$object\":\"elid\",\"msg\":{{\"$\":\"bad {esc}\"}}}}}}}}"
    );
    let (server, _) = serve(move |_| Some(reply("200 OK", "", &element)), 1).await;
    match call(builder(&server), &XML_OP).await {
        Err(Error::Envelope { status: 200, error }) => assert_eq!(
            error,
            runtime::envelope::EnvelopeError::XmlJson {
                kind: "[redacted]".into(),
                object: Some("elid".into()),
                message: "bad [redacted]".into()
            }
        ),
        other => panic!("expected the error element, got {other:?}"),
    }
}

/// An IAM-style token: `+`, `/`, `=` and a space, each escaped differently by each encoding.
const IAM_TOKEN: &str = "CANARY+dcs/Tok=0001 abc+/=";

/// Every form `IAM_TOKEN` takes on the wire, built here (not by the runtime): percent-encoded
/// upper and lower hex, form-encoded, JSON-escaped, base64 standard and URL-safe.
fn iam_token_forms() -> Vec<String> {
    let upper: String = IAM_TOKEN
        .bytes()
        .map(|b| match b.is_ascii_alphanumeric() {
            true => (b as char).to_string(),
            false => format!("%{b:02X}"),
        })
        .collect();
    let lower = upper
        .split('%')
        .enumerate()
        .map(|(i, p)| match i {
            0 => p.to_string(),
            _ => format!("%{}{}", p[..2].to_ascii_lowercase(), &p[2..]),
        })
        .collect::<String>();
    let form: String = IAM_TOKEN
        .bytes()
        .map(|b| match b {
            b' ' => "+".to_string(),
            b if b.is_ascii_alphanumeric() => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect();
    let json = IAM_TOKEN.replace('/', "\\/").replace('+', "\\u002B");
    let b64 = |url: bool| {
        let table: Vec<char> = ('A'..='Z')
            .chain('a'..='z')
            .chain('0'..='9')
            .chain(if url { ['-', '_'] } else { ['+', '/'] })
            .collect();
        let bits: String = IAM_TOKEN.bytes().map(|b| format!("{b:08b}")).collect();
        let mut out: String = bits
            .as_bytes()
            .chunks(6)
            .map(|c| {
                let mut six = String::from_utf8_lossy(c).into_owned();
                while six.len() < 6 {
                    six.push('0');
                }
                table[usize::from_str_radix(&six, 2).expect("bits")]
            })
            .collect();
        while out.len() < out.len().div_ceil(4) * 4 {
            out.push('=');
        }
        out
    };
    vec![
        IAM_TOKEN.to_string(),
        upper,
        lower,
        form,
        json,
        b64(false),
        b64(true),
    ]
}

#[tokio::test]
async fn an_iam_token_echoed_in_any_wire_form_is_in_no_display_or_debug() {
    let forms = iam_token_forms();
    let all = forms.join(" ");
    let bodies: Vec<(&str, String, String, &Op)> = vec![
        (
            "302 Found",
            format!("location: /x?t={}\r\n", forms[1]),
            String::new(),
            &OP,
        ),
        (
            "302 Found",
            format!("location: /x?t={}\r\n", forms[2]),
            String::new(),
            &OP,
        ),
        (
            "302 Found",
            format!("location: /x?t={}\r\n", forms[3]),
            String::new(),
            &OP,
        ),
        (
            "403 Forbidden",
            String::new(),
            format!("{{\"code\":1,\"message\":\"{all}\"}}"),
            &OP,
        ),
        (
            "200 OK",
            String::new(),
            format!("{{\"ret\":1,\"errmsg\":\"{all}\"}}"),
            &ENVELOPED,
        ),
        ("500 Oops", String::new(), all.clone(), &OP),
        ("200 OK", String::new(), format!("not json {all}"), &OP),
    ];
    for (status, headers, body, op) in bodies {
        let (server, _) = serve(move |_| Some(reply(status, &headers, &body)), 2).await;
        let mut b = TransportBuilder::new(&TEMPLATE);
        b.base_url(server);
        b.credential(HEADER_TOKEN, Secret::new(IAM_TOKEN));
        let e = call(b, op).await.expect_err("a failure");
        let shown = format!("{e}\n{e:?}");
        for form in &forms {
            for w in form.as_bytes().windows(8) {
                let piece = String::from_utf8_lossy(w);
                assert!(
                    !shown.contains(piece.as_ref()),
                    "{status}: piece {piece:?} of {form:?} in:\n{shown}"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_credential_too_short_to_redact_is_refused_before_anything_is_sent() {
    let (server, seen) = serve(|_| Some(reply("200 OK", "", "{}")), 4).await;
    for (what, set) in [
        ("credential 0", 0),
        ("the access key", 1),
        ("the secret key", 2),
    ] {
        let mut b = TransportBuilder::new(&TEMPLATE);
        b.base_url(server.clone());
        match set {
            0 => b.credential(HEADER_TOKEN, Secret::new("t")),
            1 => b.access_key(Secret::new("ak")),
            _ => b.secret_key(Secret::new("sk-1234")),
        }
        let e = b.build().expect_err("refused");
        let shown = e.to_string();
        assert!(shown.starts_with(what), "{shown}");
        assert!(shown.contains("at least 8"), "{shown}");
    }
    // Eight characters are enough.
    let mut b = TransportBuilder::new(&TEMPLATE);
    b.base_url(server);
    b.credential(HEADER_TOKEN, Secret::new("tok-1234"));
    assert!(b.build().is_ok());
    assert_eq!(seen.load(Ordering::SeqCst), 0, "nothing was sent");
}
