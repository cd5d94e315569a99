//! Snapshots of what the mock computes and no spec states: its reply to each class of bad
//! request, for every provider in `specs/`. The cases follow the data: every operation with a
//! documented request is sent without its credential (401 in the provider's shape) and with an
//! example name it does not have (the provider's invalid-request shape); each provider also
//! gets an unknown path (404), an undeclared method (405), a bad multipart boundary (400), a
//! body over the limit (413), a body over the in-flight budget (503), and, served beside a
//! twin of itself, a request that names neither (421). One snapshot
//! per provider (`it__mock_replies__replies@<provider>.snap`); the credential the test sends is
//! redacted wherever it would show.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use conformance::driver::{Call, WireDriver};
use conformance::mock::{self, Config, Limits, BODY_LIMIT};
use runtime::sign::Keys;
use runtime::Secret;
use serde::Serialize;
use serde_json::Value;
use spec::load::SpecFile;
use spec::model::{source_label, Credential, ProviderModel};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What the test sends as every credential and signing key; redacted in the snapshots.
const TOKEN: &str = "snapshot-credential-7f3a";
const ACCESS: &str = "snapshot-access-key-91c2";
const SECRET: &str = "snapshot-secret-key-04be";

fn specs() -> Vec<SpecFile> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    spec::validate::load_and_validate(&[dir], None)
        .expect("specs validate")
        .files()
        .to_vec()
}

/// One reply as the snapshot shows it.
#[derive(Serialize)]
struct Reply {
    case: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    operation: Option<String>,
    /// Method and path as sent (path parameters filled from the documented request).
    request: String,
    status: u16,
    /// The headers that say something about the refusal (`Allow`, `Retry-After`, ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    headers: Vec<(String, String)>,
    body: Value,
}

#[derive(Serialize)]
struct Replies {
    provider: String,
    replies: Vec<Reply>,
}

/// The headers a refusal's meaning rests on; dates and lengths are left out.
const TOLD: [&str; 4] = ["allow", "content-type", "retry-after", "connection"];

fn body_of(text: &str) -> Value {
    if text.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
    }
}

async fn reqwest_reply(case: &'static str, request: String, rb: reqwest::RequestBuilder) -> Reply {
    let resp = rb.send().await.expect("request sent");
    let status = resp.status().as_u16();
    let headers = told(resp.headers().iter().map(|(k, v)| {
        (
            k.as_str().to_string(),
            String::from_utf8_lossy(v.as_bytes()).into_owned(),
        )
    }));
    let text = resp.text().await.expect("body");
    Reply {
        case,
        operation: None,
        request,
        status,
        headers,
        body: body_of(&text),
    }
}

fn told(all: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut kept: Vec<(String, String)> = all
        .filter(|(k, _)| TOLD.contains(&k.to_ascii_lowercase().as_str()))
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .collect();
    kept.sort();
    kept
}

/// A request written on its own connection, read until the server closes: for a refusal
/// that comes before the body (a declared length over the limit).
async fn raw_reply(case: &'static str, addr: SocketAddr, head: String) -> Reply {
    let mut s = TcpStream::connect(addr).await.expect("connect");
    s.write_all(head.as_bytes()).await.expect("write");
    let mut got = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut got)).await;
    let text = String::from_utf8_lossy(&got).into_owned();
    let (head_in, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head_in.lines();
    let status = lines
        .next()
        .and_then(|l| l.get(9..12))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let headers = told(lines.filter_map(|l| {
        let (k, v) = l.split_once(':')?;
        Some((k.trim().to_string(), v.trim().to_string()))
    }));
    let request = head
        .lines()
        .next()
        .unwrap_or_default()
        .replace(" HTTP/1.1", "");
    Reply {
        case,
        operation: None,
        request,
        status,
        headers,
        body: body_of(body),
    }
}

/// The first method of the five that no operation of `model` serves at `path`.
fn undeclared_method(model: &ProviderModel<'_>, path: &str) -> Option<&'static str> {
    let served: Vec<&str> = model
        .operations
        .iter()
        .filter(|o| o.path.fits(path))
        .map(|o| o.op.method.as_str())
        .collect();
    ["GET", "POST", "PUT", "PATCH", "DELETE"]
        .into_iter()
        .find(|m| !served.contains(m))
}

/// Every reply of one provider's mock (its spec alone, so the 404 lists its routes only).
async fn provider_replies(file: &SpecFile) -> Vec<Reply> {
    let model = ProviderModel::build(&file.spec, source_label(&file.path)).expect("model");
    let id = &file.spec.provider.id;
    let m = mock::spawn(std::slice::from_ref(file), loopback(), false)
        .await
        .expect("mock binds");
    let config = Config {
        limits: Limits {
            // Over budget at once for any request body: the 503 case.
            body_budget: 1,
            ..Limits::default()
        },
        ..Config::default()
    };
    let starved = mock::spawn_with(std::slice::from_ref(file), loopback(), config)
        .await
        .expect("mock binds");
    let base = m.provider_base_url(id);
    let driver = WireDriver::default();
    let keys = Keys {
        access: Some(Secret::new(ACCESS)),
        secret: Some(Secret::new(SECRET)),
    };
    let mut out = Vec::new();
    let mut first: Option<(&str, String)> = None;
    let mut told_discriminators = false;
    for op in &model.operations {
        let Some(req) = op.examples.iter().find_map(|e| e.wire.as_ref()) else {
            continue;
        };
        let path = req.path.clone();
        first.get_or_insert_with(|| (op.op.method.as_str(), path.clone()));
        let describe = format!("{} {path}", op.op.method.as_str());
        let send = |credential: Option<&str>, prefer: Option<String>, case| {
            let call = Call {
                spec: &file.spec,
                op,
                request: req,
                credential: credential.map(str::to_string),
                sign_with: (credential.is_some() && op.signed && op.credential == Credential::None)
                    .then_some(&keys),
                base_url: &base,
                prefer,
            };
            let driver = &driver;
            let describe = describe.clone();
            let operation = op.op.id.clone();
            async move {
                let raw = driver.send(&call).await.expect("the mock answers");
                Reply {
                    case,
                    operation: Some(operation),
                    request: describe,
                    status: raw.status,
                    headers: Vec::new(),
                    body: raw.body.expect("UTF-8 body"),
                }
            }
        };
        if !op.op.discriminators.is_empty() && !told_discriminators {
            told_discriminators = true;
            let mut bare = req.clone();
            for d in &op.op.discriminators {
                bare.query.retain(|(k, _)| *k != d.name);
                bare.headers
                    .retain(|(k, _)| !k.eq_ignore_ascii_case(&d.name));
                if let Some(body) = &mut bare.body {
                    body.fields.shift_remove(&d.name);
                }
            }
            let call = Call {
                spec: &file.spec,
                op,
                request: &bare,
                credential: Some(TOKEN.to_string()),
                sign_with: None,
                base_url: &base,
                prefer: None,
            };
            let raw = driver.send(&call).await.expect("the mock answers");
            out.push(Reply {
                case: "discriminators missing",
                operation: Some(op.op.id.clone()),
                request: describe.clone(),
                status: raw.status,
                headers: Vec::new(),
                body: raw.body.expect("UTF-8 body"),
            });
        }
        if op.credential != Credential::None || op.signed {
            out.push(send(None, None, "unauthorized").await);
        }
        let prefer = "example=no-such-example".to_string();
        out.push(send(Some(TOKEN), Some(prefer), "unknown example").await);
    }
    let client = reqwest::Client::new();
    let path = "/no/such/path";
    out.push(
        reqwest_reply(
            "unknown path",
            format!("GET {path}"),
            client.get(format!("{base}{path}")),
        )
        .await,
    );
    if let Some((_, path)) = &first {
        if let Some(method) = undeclared_method(&model, path) {
            let rb = client.request(
                reqwest::Method::from_bytes(method.as_bytes()).expect("method"),
                format!("{base}{path}"),
            );
            out.push(reqwest_reply("undeclared method", format!("{method} {path}"), rb).await);
        }
        let rb = client
            .post(format!("{base}{path}"))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={}", "b".repeat(71)),
            )
            .body("");
        out.push(reqwest_reply("bad multipart boundary", format!("POST {path}"), rb).await);
        let starved_url = format!("{}{path}", starved.provider_base_url(id));
        let rb = client.post(starved_url).body("{}");
        out.push(reqwest_reply("body over the in-flight budget", format!("POST {path}"), rb).await);
        let prefixed = format!("{}{id}{path}", mock::PROVIDER_PREFIX);
        let head = format!(
            "POST {prefixed} HTTP/1.1\r\nhost: mock.test\r\ncontent-length: {}\r\n\r\n",
            BODY_LIMIT + 1
        );
        let mut reply = raw_reply("body over the size limit", m.addr, head).await;
        reply.request = format!("POST {path}");
        out.push(reply);
    }
    m.stop().await;
    starved.stop().await;
    if let Some((method, path)) = &first {
        out.push(ambiguous(file, method, path).await);
    }
    out
}

/// The provider served twice, under its own id and a twin's, and its first documented
/// request sent with neither named: the mock cannot tell which is meant.
async fn ambiguous(file: &SpecFile, method: &str, path: &str) -> Reply {
    let mut twin = file.clone();
    twin.spec.provider.id = format!("{}_twin", file.spec.provider.id);
    let m = mock::spawn(&[file.clone(), twin], loopback(), false)
        .await
        .expect("mock binds");
    let rb = reqwest::Client::new().request(
        reqwest::Method::from_bytes(method.as_bytes()).expect("method"),
        format!("{}{path}", m.base_url()),
    );
    let reply = reqwest_reply("no provider named", format!("{method} {path}"), rb).await;
    m.stop().await;
    reply
}

fn loopback() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 0))
}

#[tokio::test]
async fn every_providers_replies_to_bad_requests() {
    let files = specs();
    assert!(!files.is_empty(), "no specs");
    for file in &files {
        let replies = Replies {
            provider: file.spec.provider.id.clone(),
            replies: provider_replies(file).await,
        };
        let text = serde_json::to_string(&replies).expect("serializes");
        // Redactions hide a leak in the snapshot; this names it.
        for secret in [TOKEN, ACCESS, SECRET] {
            assert!(
                !text.contains(secret),
                "{}: a reply echoes a credential",
                replies.provider
            );
        }
        let mut settings = redacting();
        settings.set_snapshot_suffix(replies.provider.clone());
        settings.bind(|| insta::assert_yaml_snapshot!("replies", replies));
    }
}

/// Snapshot settings that replace every credential the test sends, at any depth.
fn redacting() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_dynamic_redaction(".", |value, _path| redact(value));
    settings
}

/// The redaction itself: a reply that did echo a credential would show `[credential]`.
#[test]
fn credentials_are_redacted_at_any_depth() {
    let leaky =
        serde_json::json!({"a": [{"b": format!("token={TOKEN}, key {ACCESS}")}], "c": SECRET});
    redacting().bind(|| {
        insta::assert_yaml_snapshot!(leaky, @r#"
        a:
          - b: "token=[credential], key [credential]"
        c: "[credential]"
        "#);
    });
}

/// Any string holding a credential the test sent, with the credential replaced. A matched
/// selector hands over the whole subtree, so the walk goes down itself.
fn redact(value: insta::internals::Content) -> insta::internals::Content {
    use insta::internals::Content;
    match value {
        Content::String(s) => {
            let mut s = s;
            for k in [TOKEN, ACCESS, SECRET] {
                s = s.replace(k, "[credential]");
            }
            Content::String(s)
        }
        Content::Seq(items) => Content::Seq(items.into_iter().map(redact).collect()),
        Content::Map(entries) => Content::Map(
            entries
                .into_iter()
                .map(|(k, v)| (redact(k), redact(v)))
                .collect(),
        ),
        Content::Struct(name, fields) => Content::Struct(
            name,
            fields.into_iter().map(|(k, v)| (k, redact(v))).collect(),
        ),
        Content::Some(inner) => Content::Some(Box::new(redact(*inner))),
        other => other,
    }
}
