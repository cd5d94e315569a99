//! The mock verifies request signatures (`Config::signing_key`; `--signing-key-file` when
//! standalone): every operation in `specs/` that accepts a signature is called with its
//! documented request, signed by `runtime::sign::sign_request` (what the generated clients'
//! transport calls), and the mock must accept it; the same request tampered with after
//! signing (query, body, a body with the original digest claimed, date, key) or signed at a
//! time outside the clock skew must get the provider's 401.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use conformance::mock::{self, Config, SigningKey};
use runtime::Secret;
use serde_json::Value;
use spec::format::BodyEncoding;
use spec::model::{Credential, ProviderModel};

const AK: &str = "MOCKACCESSKEY";
const SK: &str = "mock-secret-key";

/// The hex SHA-256 of `bytes`, as a signer puts a body's digest in a header.
fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tamper {
    None,
    Query,
    Body,
    Date,
    AccessKey,
    SecretKey,
    StaleDate,
    Unsigned,
    /// A captured request replayed with another body and the original body's digest in
    /// `X-Sdk-Content-Sha256`: the mock must hash what arrived, not trust the header.
    BodyWithOriginalDigest,
    /// Another body declared unsigned after the fact.
    BodyDeclaredUnsigned,
}

#[tokio::test]
async fn signed_requests_pass_and_tampered_ones_get_the_providers_401() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let files = spec::load::load_paths(&[specs]).expect("specs load");
    let running = mock::spawn_with(
        &files,
        "127.0.0.1:0".parse().expect("addr"),
        Config {
            signing_key: SigningKey::parse(&format!("{AK}:{SK}")),
            ..Config::default()
        },
    )
    .await
    .expect("mock binds");
    let base = format!("http://{}", running.addr);
    let http = reqwest::Client::new();
    let mut signed_ops = 0;
    for f in &files {
        let model = ProviderModel::build(&f.spec, String::new()).expect("model");
        let unauthorized = f.spec.mock.as_ref().map(|m| m.unauthorized.status);
        for om in model.operations.iter().filter(|o| o.signed) {
            let Some(req) = om.op.examples.iter().find_map(|e| e.request.as_ref()) else {
                continue;
            };
            if !matches!(om.op.request.body, None | Some(BodyEncoding::Json)) {
                continue;
            }
            signed_ops += 1;
            // Documented paths, and the `/~<provider>` prefix that addresses one provider:
            // a signature covers the path exactly as sent.
            for base in [base.clone(), running.provider_base_url(&f.spec.provider.id)] {
                for tamper in [
                    Tamper::None,
                    Tamper::Query,
                    Tamper::Body,
                    Tamper::Date,
                    Tamper::AccessKey,
                    Tamper::SecretKey,
                    Tamper::StaleDate,
                    Tamper::Unsigned,
                    Tamper::BodyWithOriginalDigest,
                    Tamper::BodyDeclaredUnsigned,
                ] {
                    let url = format!("{base}{}", om.path.fill(&req.path));
                    let method = reqwest::Method::from_bytes(om.op.method.as_str().as_bytes())
                        .expect("method");
                    let mut rb = http.request(method, url);
                    for (k, v) in &req.headers {
                        if !matches!(&om.credential, Credential::Header(n) if n.eq_ignore_ascii_case(k))
                        {
                            rb = rb.header(k, v);
                        }
                    }
                    let query: Vec<(&String, &String)> = req.query.iter().collect();
                    if !query.is_empty() {
                        rb = rb.query(&query);
                    }
                    if let Some(body) = &req.body {
                        rb = rb.json(body);
                    }
                    let mut request = rb.build().expect("request");
                    let (ak, sk, at) = match tamper {
                        Tamper::AccessKey => ("OTHERKEY", SK, now()),
                        Tamper::SecretKey => (AK, "another-secret", now()),
                        Tamper::StaleDate => (AK, SK, now() - 3600),
                        _ => (AK, SK, now()),
                    };
                    if tamper != Tamper::Unsigned {
                        runtime::sign::sign_request(&mut request, ak, &Secret::new(sk), at)
                            .expect("signable");
                    }
                    match tamper {
                        Tamper::Query => {
                            let q = request.url().query().unwrap_or_default().to_owned();
                            let extra = if q.is_empty() {
                                "x=1".into()
                            } else {
                                format!("{q}&x=1")
                            };
                            request.url_mut().set_query(Some(&extra));
                        }
                        Tamper::Body
                        | Tamper::BodyWithOriginalDigest
                        | Tamper::BodyDeclaredUnsigned => {
                            let bytes = request
                                .body()
                                .and_then(reqwest::Body::as_bytes)
                                .map(<[u8]>::to_vec)
                                .unwrap_or_default();
                            let mut changed = bytes.clone();
                            changed.extend_from_slice(b" ");
                            *request.body_mut() = Some(changed.into());
                            let claimed = match tamper {
                                Tamper::BodyWithOriginalDigest => Some(hex_sha256(&bytes)),
                                Tamper::BodyDeclaredUnsigned => Some("UNSIGNED-PAYLOAD".into()),
                                _ => None,
                            };
                            if let Some(claimed) = claimed {
                                request.headers_mut().insert(
                                    "x-sdk-content-sha256",
                                    claimed.parse().expect("header"),
                                );
                            }
                        }
                        Tamper::Date => {
                            let date = runtime::sign::sdk_date(at + 1);
                            request
                                .headers_mut()
                                .insert("x-sdk-date", date.parse().expect("header"));
                        }
                        _ => {}
                    }
                    let resp = http.execute(request).await.expect("mock answers");
                    let status = resp.status().as_u16();
                    let body: Value = resp.json().await.unwrap_or(Value::Null);
                    let text = body.to_string();
                    assert!(!text.contains(SK), "the secret key is echoed");
                    if tamper == Tamper::None {
                        assert!(
                            status < 300,
                            "{}: a correctly signed request is refused: {status} {body}",
                            om.op.id
                        );
                    } else {
                        assert_eq!(
                            Some(status),
                            unauthorized,
                            "{}: {tamper:?} is not refused as unauthorized: {body}",
                            om.op.id
                        );
                    }
                }
            }
        }
    }
    assert!(signed_ops > 0, "no spec operation accepts a signature");
}
