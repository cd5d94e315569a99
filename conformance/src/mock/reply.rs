//! Responses the mock sends. Documented examples are serialized once at start-up; only the
//! error replies, which carry a message, are rendered per request.

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::StatusCode;
use serde_json::Value;
use spec::format::{ExampleResponse, MockReply};

/// What the mock answers: the whole body is in memory.
pub type Response = hyper::Response<Full<Bytes>>;

/// A fully serialized response, cheap to send many times.
#[derive(Debug, Clone)]
pub struct Prepared {
    status: StatusCode,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Bytes,
}

impl Prepared {
    pub fn from_example(resp: &ExampleResponse) -> Self {
        let mut headers: Vec<(HeaderName, HeaderValue)> = resp
            .headers
            .iter()
            .filter_map(|(k, v)| {
                Some((
                    HeaderName::from_bytes(k.as_bytes()).ok()?,
                    HeaderValue::from_str(v).ok()?,
                ))
            })
            .collect();
        let body = match &resp.body {
            Some(v) => {
                if !headers.iter().any(|(k, _)| k == header::CONTENT_TYPE) {
                    headers.push((header::CONTENT_TYPE, json_type()));
                }
                Bytes::from(serde_json::to_vec(v).unwrap_or_default())
            }
            None => Bytes::new(),
        };
        Prepared {
            status: status(resp.status),
            headers,
            body,
        }
    }

    pub fn json(status_code: u16, body: &Value) -> Self {
        Prepared {
            status: status(status_code),
            headers: vec![(header::CONTENT_TYPE, json_type())],
            body: Bytes::from(serde_json::to_vec(body).unwrap_or_default()),
        }
    }

    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    pub fn response(&self) -> Response {
        let mut r = Response::new(Full::new(self.body.clone()));
        *r.status_mut() = self.status;
        let h = r.headers_mut();
        for (k, v) in &self.headers {
            h.insert(k.clone(), v.clone());
        }
        r
    }
}

/// An error reply whose strings may contain `{message}`.
#[derive(Debug, Clone)]
pub struct Template {
    status: u16,
    body: Value,
}

impl Template {
    pub fn from_spec(reply: &MockReply) -> Self {
        Template {
            status: reply.status,
            body: reply.body.clone(),
        }
    }

    /// Used when a spec declares no `mock` section: a plain `{message}` object.
    pub fn generic(status: u16) -> Self {
        Template {
            status,
            body: serde_json::json!({ "message": "{message}" }),
        }
    }

    pub fn render(&self, message: &str) -> Response {
        self.render_as(self.status, message)
    }

    /// The same shape under another status (a transport-level refusal: 408, 413, 503).
    pub fn render_as(&self, status: u16, message: &str) -> Response {
        Prepared::json(status, &fill(&self.body, message)).response()
    }
}

fn fill(v: &Value, message: &str) -> Value {
    match v {
        Value::String(s) => Value::String(s.replace("{message}", message)),
        Value::Array(a) => Value::Array(a.iter().map(|x| fill(x, message)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), fill(x, message)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::OK)
}

fn json_type() -> HeaderValue {
    HeaderValue::from_static("application/json")
}
