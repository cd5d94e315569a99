//! An expected request, written out as literals (by the generator for the protocol tests, by
//! the replay from the spec model): what [`crate::validate_request`] holds a captured one
//! against.

/// What the body of the request must be.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ExpectedBody {
    /// Not compared.
    #[default]
    Unchecked,
    /// No body at all.
    Empty,
    /// `application/json`, compared as JSON values (member order and spacing do not matter).
    Json(String),
    /// `application/x-www-form-urlencoded`, compared as a multiset of fields.
    Urlencoded(Vec<(String, String)>),
    /// `multipart/form-data`, compared as a multiset of fields.
    Multipart(Vec<(String, String)>),
}

/// An expected request, as literals. Built with [`ExpectedRequest::new`] and the setters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExpectedRequest {
    pub method: String,
    /// The path as sent (percent-encoded segments), without the query.
    pub path: String,
    /// Every query pair (decoded), in any order: pairs not listed are mismatches.
    pub query: Vec<(String, String)>,
    /// Headers that must be present with these values; others may be present too.
    pub headers: Vec<(String, String)>,
    pub body: ExpectedBody,
    /// The request must carry an `SDK-HMAC-SHA256` signature by this access key (and its
    /// `X-Sdk-Date`). Whether the signature is right is the verifying server's business.
    pub signed_by: Option<String>,
    /// Secrets (a credential) the request must carry, present and not empty; their values are
    /// neither compared nor printed.
    pub secrets: Vec<(Place, String)>,
}

/// Where a secret travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    Query,
    Header,
    /// A member of the body (a form field, or a top-level member of a JSON object).
    Body,
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

impl ExpectedRequest {
    pub fn new(method: &str, path: &str) -> Self {
        Self {
            method: method.to_string(),
            path: path.to_string(),
            ..Self::default()
        }
    }

    /// Expect a secret named `name` at `place`: present, not empty, never printed.
    pub fn secret(mut self, place: Place, name: &str) -> Self {
        self.secrets.push((place, name.to_string()));
        self
    }

    /// Expect a request signature by `access_key`.
    pub fn signed_by(mut self, access_key: &str) -> Self {
        self.signed_by = Some(access_key.to_string());
        self
    }

    pub fn query(mut self, pairs: &[(&str, &str)]) -> Self {
        self.query = owned(pairs);
        self
    }

    pub fn headers(mut self, pairs: &[(&str, &str)]) -> Self {
        self.headers = owned(pairs);
        self
    }

    pub fn empty_body(mut self) -> Self {
        self.body = ExpectedBody::Empty;
        self
    }

    pub fn json_body(mut self, json: &str) -> Self {
        self.body = ExpectedBody::Json(json.to_string());
        self
    }

    pub fn urlencoded_body(mut self, fields: &[(&str, &str)]) -> Self {
        self.body = ExpectedBody::Urlencoded(owned(fields));
        self
    }

    pub fn multipart_body(mut self, fields: &[(&str, &str)]) -> Self {
        self.body = ExpectedBody::Multipart(owned(fields));
        self
    }
}
