//! How the replay makes a call. [`WireDriver`] sends the documented wire request itself (the
//! reference replay against the mock, and what live mode uses). The generated clients are not
//! a driver: their protocol tests run against the same mock (`crate::client_tests`).

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use runtime::net::{self, ClientError, HttpSettings, ReadError};
use runtime::sign::{self, Keys};

use serde_json::Value;
use spec::format::{BodyEncoding, Spec};
use spec::model::{read_response, OperationModel, Outcome, WireRequest};

/// One call to make.
pub struct Call<'a> {
    pub spec: &'a Spec,
    /// The operation as the spec model resolves it (its credential, its path template).
    pub op: &'a OperationModel<'a>,
    /// The documented request, resolved by the spec model, the call sends.
    pub request: &'a WireRequest,
    /// The credential to send in the request's credential slot (the documented one against
    /// the mock, the env var live; none: the slot is left out).
    pub credential: Option<String>,
    /// Sign the request with these keys (`SDK-HMAC-SHA256`) just before sending, when both
    /// are set: live mode, for an operation that accepts signing and no token is set for.
    pub sign_with: Option<&'a Keys>,
    pub base_url: &'a str,
    /// `Prefer` header value asking the mock for an example.
    pub prefer: Option<String>,
}

/// What the caller observed, decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum Observed {
    Success {
        status: u16,
        payload: Value,
    },
    Failure {
        status: Option<u16>,
        variant: Option<String>,
        kind: String,
        message: String,
    },
}

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

pub trait Driver: Sync {
    fn call<'a>(&'a self, call: &'a Call<'a>) -> BoxFuture<'a, Observed>;
}

/// Sends documented requests as they are written, and decodes responses from the spec, over
/// the runtime's HTTP client and its safe defaults (`runtime::net`): timeouts, no redirect
/// followed to another origin, no `Referer`, a response size cap, TLS through rustls.
#[derive(Clone)]
pub struct WireDriver {
    client: reqwest::Client,
    max_response_bytes: u64,
}

impl Default for WireDriver {
    fn default() -> Self {
        let settings = HttpSettings::default();
        WireDriver {
            // Without extra certificates building can only fail where reqwest's own default
            // client would panic.
            client: settings.client().unwrap_or_default(),
            max_response_bytes: settings.max_response_bytes,
        }
    }
}

/// Longest `Retry-After` taken from a server: longer waits are this long (and live mode waits
/// only within an example's timeout anyway).
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// A raw response: status and body (`Null` when empty, a string when not JSON; an error
/// saying where when the body is not UTF-8).
pub struct RawResponse {
    pub status: u16,
    pub body: Result<Value, String>,
    /// `Retry-After` in seconds, when the server sent one, at most [`MAX_RETRY_AFTER`].
    pub retry_after: Option<Duration>,
    /// `Location` of a 3xx (never followed to another origin, nor with a 307/308).
    pub location: Option<String>,
    /// Every response header, names lower-case, in the order received.
    pub headers: Vec<(String, String)>,
}

impl WireDriver {
    pub fn new(client: reqwest::Client) -> Self {
        WireDriver {
            client,
            max_response_bytes: net::DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// A driver with these settings (extra CA certificates, timeouts, size cap).
    pub fn with_settings(settings: &HttpSettings) -> Result<Self, ClientError> {
        Ok(WireDriver {
            client: settings.client()?,
            max_response_bytes: settings.max_response_bytes,
        })
    }

    /// Send the call's documented request; transport errors come back as text.
    pub async fn send(&self, call: &Call<'_>) -> Result<RawResponse, String> {
        self.send_within(call, None).await
    }

    /// [`WireDriver::send`] giving up after `timeout` (instead of the client's own).
    pub async fn send_within(
        &self,
        call: &Call<'_>,
        timeout: Option<Duration>,
    ) -> Result<RawResponse, String> {
        let w = call.request.with_credential(call.credential.as_deref());
        let url = format!("{}{}", call.base_url.trim_end_matches('/'), w.path);
        let method = reqwest::Method::from_bytes(w.method.as_bytes()).map_err(|e| e.to_string())?;
        let mut rb = self.client.request(method, url);
        if !w.query.is_empty() {
            rb = rb.query(&w.query);
        }
        for (k, v) in &w.headers {
            rb = rb.header(k, v);
        }
        rb = match &w.body {
            None => rb,
            Some(b) => match b.encoding {
                BodyEncoding::Json => rb.json(&b.json()),
                BodyEncoding::Multipart => {
                    let mut mp = reqwest::multipart::Form::new();
                    for (k, v) in b.form_fields() {
                        mp = mp.text(k, v);
                    }
                    rb.multipart(mp)
                }
                BodyEncoding::Urlencoded => rb.form(&b.form_fields()),
            },
        };
        if let Some(p) = &call.prefer {
            rb = rb.header("Prefer", p);
        }
        if let Some(t) = timeout {
            rb = rb.timeout(t);
        }
        // Transport errors may carry the URL (and a query credential): `describe` drops it;
        // the caller redacts the credential from what the causes say.
        let sent = match call
            .sign_with
            .and_then(|k| k.access.as_ref().zip(k.secret.as_ref()))
        {
            Some((access, secret)) => {
                let (client, request) = rb.build_split();
                let mut request = request.map_err(|e| net::describe(&e.without_url()))?;
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or_default();
                // The error names no header value: neither key can show in it.
                sign::sign_request(&mut request, access.expose(), secret, now).map_err(|_| {
                    "cannot sign the request: a header value is not signable".to_string()
                })?;
                client.execute(request).await
            }
            None => rb.send().await,
        };
        let resp = sent.map_err(|e| net::describe(&e.without_url()))?;
        let status = resp.status().as_u16();
        let header = |name: reqwest::header::HeaderName| {
            resp.headers()
                .get(name)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        };
        let retry_after = header(reqwest::header::RETRY_AFTER).and_then(|v| retry_after(&v));
        let location = header(reqwest::header::LOCATION).filter(|_| (300..400).contains(&status));
        let headers = resp
            .headers()
            .iter()
            .map(|(k, v)| {
                let v = String::from_utf8_lossy(v.as_bytes()).into_owned();
                (k.as_str().to_string(), v)
            })
            .collect();
        let bytes = net::read_body(resp, self.max_response_bytes)
            .await
            .map_err(|e| match e {
                ReadError::TooLarge { limit } => {
                    format!("response too large: body over {limit} bytes (HTTP {status}); not read")
                }
                ReadError::Http(e) => net::describe(&e.without_url()),
            })?;
        Ok(RawResponse {
            status,
            body: body(bytes),
            retry_after,
            location,
            headers,
        })
    }
}

/// A `Retry-After` in seconds, clamped to [`MAX_RETRY_AFTER`] (a server may send any number).
fn retry_after(value: &str) -> Option<Duration> {
    let digits = value.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // More digits than a u64 holds is still a number: the longest wait.
    let secs = digits.parse::<u64>().unwrap_or(u64::MAX);
    Some(Duration::from_secs(secs).min(MAX_RETRY_AFTER))
}

/// The body as JSON, as text when it is not JSON, `Null` when blank; text that is not UTF-8
/// is an error naming the first bad byte (replacing it would check other text than was sent).
/// The bytes become the text without a copy, and the text is dropped once parsed.
fn body(bytes: Vec<u8>) -> Result<Value, String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!(
            "the response body is not UTF-8: invalid byte 0x{:02x} at offset {at} of {}",
            e.as_bytes()[at],
            e.as_bytes().len()
        )
    })?;
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    match serde_json::from_str(&text) {
        Ok(mut json) => {
            drop(text);
            compact(&mut json);
            Ok(json)
        }
        Err(_) => Ok(Value::String(text)),
    }
}

/// Give back what arrays over-allocated while parsing (up to half of their size).
fn compact(v: &mut Value) {
    match v {
        Value::Array(items) => {
            items.shrink_to_fit();
            items.iter_mut().for_each(compact);
        }
        Value::Object(map) => map.values_mut().for_each(compact),
        _ => {}
    }
}

impl Driver for WireDriver {
    fn call<'a>(&'a self, call: &'a Call<'a>) -> BoxFuture<'a, Observed> {
        Box::pin(async move {
            match self.send(call).await {
                Err(message) => Observed::Failure {
                    status: None,
                    variant: None,
                    kind: "transport".into(),
                    message,
                },
                Ok(RawResponse {
                    status,
                    body: Err(invalid),
                    ..
                }) => Observed::Failure {
                    status: Some(status),
                    variant: None,
                    kind: "invalid_body".into(),
                    message: invalid,
                },
                Ok(RawResponse {
                    status,
                    body: Ok(body),
                    ..
                }) => {
                    let op = call.op.op;
                    let failure = |variant: Option<String>, message: String| Observed::Failure {
                        status: Some(status),
                        kind: if variant.is_some() {
                            "documented"
                        } else {
                            "unexpected_status"
                        }
                        .into(),
                        variant,
                        message,
                    };
                    match read_response(op, status, &body) {
                        Outcome::Payload(p) => Observed::Success {
                            status,
                            payload: spec::values::typed(&op.response.schema, &p, call.spec),
                        },
                        Outcome::Failure(case) => failure(Some(case), format!("status {status}")),
                        Outcome::Envelope(e) => failure(None, e.to_string()),
                        Outcome::Undocumented(_) => failure(None, format!("status {status}")),
                    }
                }
            }
        })
    }
}
