//! An incoming request, read once into the shapes the router and checks need.

use bytes::Bytes;
use hyper::{HeaderMap, Method};
use serde_json::Value;

use protocol_test::multipart;

/// The body as parsed by its content type.
#[derive(Debug, Clone)]
pub enum Body {
    Empty,
    Json(Value),
    /// Url-encoded or multipart form fields, in order.
    Form(Vec<(String, String)>),
    /// A body we could not read as its content type says (the reason, never the bytes).
    Unreadable(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaType {
    None,
    Json,
    Urlencoded,
    Multipart,
    Other,
}

impl MediaType {
    pub fn of(content_type: Option<&str>) -> Self {
        let Some(ct) = content_type else {
            return MediaType::None;
        };
        let essence = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match essence.as_str() {
            "application/json" => MediaType::Json,
            "application/x-www-form-urlencoded" => MediaType::Urlencoded,
            "multipart/form-data" => MediaType::Multipart,
            "" => MediaType::None,
            _ if essence.ends_with("+json") => MediaType::Json,
            _ => MediaType::Other,
        }
    }
}

pub struct Incoming {
    pub method: Method,
    /// The path the operation is routed by (a `/~<provider>` prefix removed).
    pub path: String,
    /// The path exactly as the client sent it (what a request signature covers).
    pub sent_path: String,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub media_type: MediaType,
    pub body: Body,
    /// The body as received (request signatures cover these bytes).
    pub raw: Bytes,
}

impl Incoming {
    pub fn read(
        method: Method,
        path: &str,
        raw_query: Option<&str>,
        headers: HeaderMap,
        bytes: &Bytes,
    ) -> Self {
        let query = raw_query
            .map(|q| {
                form_urlencoded::parse(q.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let content_type = headers
            .get(hyper::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let media_type = MediaType::of(content_type.as_deref());
        let body = parse_body(media_type, content_type.as_deref(), bytes);
        Incoming {
            method,
            path: path.to_string(),
            sent_path: path.to_string(),
            query,
            headers,
            media_type,
            body,
            raw: bytes.clone(),
        }
    }

    pub fn query_value(&self, name: &str) -> Option<String> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    pub fn header_value(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    /// A top-level body member as a string (JSON scalars rendered, forms as sent).
    pub fn body_value(&self, name: &str) -> Option<String> {
        match &self.body {
            Body::Json(Value::Object(m)) => m.get(name).and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                Value::Bool(b) => Some(b.to_string()),
                _ => None,
            }),
            Body::Form(fields) => fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone()),
            _ => None,
        }
    }
}

/// A multipart content type whose boundary RFC 2046 does not allow: the reason. Checked
/// before routing or parsing, as a framing error (like a body too large).
pub(crate) fn bad_boundary(headers: &HeaderMap) -> Option<String> {
    let ct = headers.get(hyper::header::CONTENT_TYPE)?.to_str().ok()?;
    if MediaType::of(Some(ct)) != MediaType::Multipart {
        return None;
    }
    multipart::check_boundary(&multipart::boundary(ct)?).err()
}

pub(crate) fn parse_body(media: MediaType, content_type: Option<&str>, bytes: &Bytes) -> Body {
    if bytes.is_empty() {
        return Body::Empty;
    }
    match media {
        MediaType::Json => match serde_json::from_slice(bytes) {
            Ok(v) => Body::Json(v),
            Err(e) => Body::Unreadable(format!("body is not valid JSON ({e})")),
        },
        MediaType::Urlencoded => {
            let fields: Vec<(String, String)> = form_urlencoded::parse(bytes)
                .take(multipart::MAX_FIELDS + 1)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            if fields.len() > multipart::MAX_FIELDS {
                let max = multipart::MAX_FIELDS;
                Body::Unreadable(format!("form body with more than {max} fields"))
            } else {
                Body::Form(fields)
            }
        }
        MediaType::Multipart => match content_type.and_then(multipart::boundary) {
            Some(boundary) if multipart::check_boundary(&boundary).is_err() => {
                Body::Unreadable("multipart boundary not allowed by RFC 2046".into())
            }
            Some(boundary) => match multipart::fields(&boundary, bytes) {
                Ok(fields) => Body::Form(fields),
                Err(e) => Body::Unreadable(format!("malformed multipart body ({e})")),
            },
            None => Body::Unreadable("multipart body without a boundary".into()),
        },
        MediaType::None | MediaType::Other => {
            Body::Unreadable("body without a supported content type".into())
        }
    }
}
