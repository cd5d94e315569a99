//! How the replay makes a call. [`WireDriver`] sends the documented wire request itself (the
//! reference replay against the mock, and what live mode uses). The generated clients are not
//! a driver: their protocol tests run against the same mock (`crate::client_tests`).

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use runtime::net::{self, ClientError, HttpSettings, ReadError};
use runtime::sign::{self, Keys};

use serde_json::Value;
use spec::format::{BodyEncoding, ExampleRequest, Spec};
use spec::model::{Credential, OperationModel};

use crate::decode::{self, Decoded};

/// One call to make.
pub struct Call<'a> {
    pub spec: &'a Spec,
    /// The operation as the spec model resolves it (its credential, its path template).
    pub op: &'a OperationModel<'a>,
    /// The documented wire request the call is built from.
    pub request: &'a ExampleRequest,
    /// The credential to send (the documented one against the mock, the env var live).
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
        let (op, req) = (call.op.op, call.request);
        let cred = &call.op.credential;
        let url = format!(
            "{}{}",
            call.base_url.trim_end_matches('/'),
            call.op.path.fill(&req.path)
        );
        let method = reqwest::Method::from_bytes(op.method.as_str().as_bytes())
            .map_err(|e| e.to_string())?;
        let mut query: Vec<(String, String)> = req
            .query
            .iter()
            .filter(|(k, _)| !matches!(cred, Credential::Query(n) if n == *k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut rb = self.client.request(method, url);
        for (k, v) in &req.headers {
            if !matches!(cred, Credential::Header(n) if n.eq_ignore_ascii_case(k)) {
                rb = rb.header(k, v);
            }
        }
        let mut form: Vec<(String, String)> = Vec::new();
        if let Some(Value::Object(fields)) = &req.body {
            if op.request.body != Some(BodyEncoding::Json) {
                for (k, v) in fields {
                    if matches!(cred, Credential::Form(n) if n == k) {
                        continue;
                    }
                    match v {
                        Value::Array(items) => {
                            form.extend(items.iter().map(|i| (k.clone(), scalar(i))))
                        }
                        other => form.push((k.clone(), scalar(other))),
                    }
                }
            }
        }
        if let Some(secret) = &call.credential {
            match cred {
                Credential::Query(n) => query.push((n.clone(), secret.clone())),
                Credential::Header(n) => rb = rb.header(n, secret),
                Credential::Form(n) => form.push((n.clone(), secret.clone())),
                Credential::None => {}
            }
        }
        if !query.is_empty() {
            rb = rb.query(&query);
        }
        rb = match (op.request.body, &req.body) {
            (Some(BodyEncoding::Multipart), Some(_)) => {
                let mut mp = reqwest::multipart::Form::new();
                for (k, v) in form {
                    mp = mp.text(k, v);
                }
                rb.multipart(mp)
            }
            (Some(BodyEncoding::Urlencoded), Some(_)) => rb.form(&form),
            (_, Some(body)) => rb.json(body),
            (_, None) => rb,
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

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
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
                }) => match decode::decode(call.op.op, status, &body) {
                    Decoded::Success(p) => Observed::Success {
                        status,
                        payload: decode::normalize(&call.op.op.response.schema, &p, call.spec),
                    },
                    Decoded::Failure { variant, reason } => Observed::Failure {
                        status: Some(status),
                        kind: if variant.is_some() {
                            "documented"
                        } else {
                            "unexpected_status"
                        }
                        .into(),
                        variant,
                        message: reason,
                    },
                },
            }
        })
    }
}
