//! How the replay makes a call. [`WireDriver`] sends the documented wire request itself (the
//! reference replay against the mock, and what live mode uses). The generated clients are not
//! a driver: their protocol tests run against the same mock (`crate::client_tests`).

use std::future::Future;
use std::pin::Pin;

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

/// Sends documented requests as they are written, and decodes responses from the spec.
#[derive(Clone, Default)]
pub struct WireDriver {
    client: reqwest::Client,
}

/// A raw response: status and body (`Null` when empty, a string when not JSON).
pub struct RawResponse {
    pub status: u16,
    pub body: Value,
}

impl WireDriver {
    pub fn new(client: reqwest::Client) -> Self {
        WireDriver { client }
    }

    /// Send the call's documented request; transport errors come back as text.
    pub async fn send(&self, call: &Call<'_>) -> Result<RawResponse, String> {
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
        // Transport errors may carry the URL (and a query credential): keep only the kind.
        let resp = rb.send().await.map_err(describe)?;
        let status = resp.status().as_u16();
        let text = resp.text().await.map_err(describe)?;
        let body = if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Ok(RawResponse { status, body })
    }
}

fn describe(e: reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_decode() {
        "body could not be read"
    } else {
        "request failed"
    };
    kind.to_string()
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
                Ok(raw) => match decode::decode(call.op.op, raw.status, &raw.body) {
                    Decoded::Success(p) => Observed::Success {
                        status: raw.status,
                        payload: decode::normalize(&call.op.op.response.schema, &p, call.spec),
                    },
                    Decoded::Failure { variant, reason } => Observed::Failure {
                        status: Some(raw.status),
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
