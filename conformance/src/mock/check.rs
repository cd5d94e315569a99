//! Does a routed request satisfy its operation? Credentials first (as servers check auth
//! before anything else), then the content type, then every parameter against its schema.
//! Messages name parameters and rules, never credential or secret values.

use runtime::Secret;
use serde_json::Value;
use spec::format::{BodyEncoding, Location, Operation, Role, Spec};
use spec::model::Credential;
use spec::values::{self, Options, Repr};
use subtle::ConstantTimeEq;

use super::request::{Body, Incoming, MediaType};
use super::signature::{self, SigningKey};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    Unauthorized(String),
    Invalid(String),
}

/// What an operation accepts: its token credential, and whether a signature instead.
pub struct Auth<'a> {
    pub credential: &'a Credential,
    pub signed: bool,
}

/// The one accepted token value and signing key pair, if the mock was given them.
#[derive(Clone, Copy)]
pub struct Keys<'a> {
    pub token: Option<&'a Secret>,
    pub signing: Option<&'a SigningKey>,
}

pub fn check(
    spec: &Spec,
    op: &Operation,
    auth: &Auth<'_>,
    req: &Incoming,
    path_params: &[(String, String)],
    keys: Keys<'_>,
) -> Result<(), Rejection> {
    credential(auth, req, keys)?;
    content_type(op, req)?;
    parameters(spec, op, req, path_params)
}

/// A signed request of an operation that accepts signatures must carry a valid signature;
/// otherwise the token credential is present, non-empty and, when a token is set, that token.
pub fn credential(auth: &Auth<'_>, req: &Incoming, keys: Keys<'_>) -> Result<(), Rejection> {
    if auth.signed && (signature::is_signed(req) || *auth.credential == Credential::None) {
        return signature::verify(req, keys.signing).map_err(Rejection::Unauthorized);
    }
    let (cred, token) = (auth.credential, keys.token);
    let (value, name, place) = match cred {
        Credential::None => return Ok(()),
        Credential::Query(name) => (req.query_value(name), name, "query parameter"),
        Credential::Header(name) => (req.header_value(name), name, "header"),
        // A body that cannot be read hides its credential: report the body, not the token.
        Credential::Form(_) if matches!(req.body, Body::Unreadable(_)) => return Ok(()),
        Credential::Form(name) => (req.body_value(name), name, "form field"),
    };
    // Sent twice, which would a server take? A gateway that takes the first and a backend
    // that takes the last disagree on who is calling: refuse, naming no value.
    let times = times_sent(cred, req);
    if times > 1 {
        return Err(Rejection::Unauthorized(format!(
            "credential {place} `{name}` is sent {times} times"
        )));
    }
    match value {
        Some(v) if v.trim().is_empty() => Err(Rejection::Unauthorized(format!(
            "credential {place} `{name}` is empty"
        ))),
        // Never echo either value: the message only says which credential was refused.
        Some(v) if token.is_some_and(|t| !same_secret(t, &v)) => Err(Rejection::Unauthorized(
            format!("credential {place} `{name}` is not valid"),
        )),
        Some(_) => Ok(()),
        None => Err(Rejection::Unauthorized(format!(
            "credential {place} `{name}` is missing"
        ))),
    }
}

/// Whether `sent` is the token, in time that does not depend on where they differ.
fn same_secret(token: &Secret, sent: &str) -> bool {
    token.expose().as_bytes().ct_eq(sent.as_bytes()).into()
}

/// How many times the request carries the credential.
fn times_sent(cred: &Credential, req: &Incoming) -> usize {
    let count =
        |pairs: &[(String, String)], name: &str| pairs.iter().filter(|(k, _)| k == name).count();
    match cred {
        Credential::None => 0,
        Credential::Query(name) => count(&req.query, name),
        Credential::Header(name) => req.headers.get_all(name.as_str()).iter().count(),
        Credential::Form(name) => match &req.body {
            Body::Form(fields) => count(fields, name),
            _ => usize::from(req.body_value(name).is_some()),
        },
    }
}

fn content_type(op: &Operation, req: &Incoming) -> Result<(), Rejection> {
    if let Body::Unreadable(reason) = &req.body {
        return Err(Rejection::Invalid(reason.clone()));
    }
    let Some(encoding) = op.request.body else {
        return Ok(());
    };
    if matches!(req.body, Body::Empty) {
        // Missing required body fields are reported by the parameter check.
        return Ok(());
    }
    let ok = match encoding {
        BodyEncoding::Json => req.media_type == MediaType::Json,
        BodyEncoding::Multipart | BodyEncoding::Urlencoded => {
            matches!(req.media_type, MediaType::Multipart | MediaType::Urlencoded)
        }
    };
    if ok {
        Ok(())
    } else {
        let want = match encoding {
            BodyEncoding::Json => "application/json",
            _ => "multipart/form-data or application/x-www-form-urlencoded",
        };
        Err(Rejection::Invalid(format!("content type must be {want}")))
    }
}

fn parameters(
    spec: &Spec,
    op: &Operation,
    req: &Incoming,
    path_params: &[(String, String)],
) -> Result<(), Rejection> {
    if op.request.body == Some(BodyEncoding::Json)
        && matches!(&req.body, Body::Json(v) if !v.is_object())
    {
        return Err(Rejection::Invalid("JSON body must be an object".into()));
    }
    let mut problems = repeated(op, req);
    for p in &op.request.parameters {
        let place = location_name(p.location);
        let found = match p.location {
            Location::Path => path_params
                .iter()
                .find(|(k, _)| *k == p.name)
                .map(|(_, v)| Found::Wire(v.clone())),
            Location::Query => req.query_value(&p.name).map(Found::Wire),
            Location::Header => req.header_value(&p.name).map(Found::Wire),
            Location::Body => match &req.body {
                Body::Json(Value::Object(m)) => m.get(&p.name).cloned().map(Found::Json),
                Body::Form(_) => req.body_value(&p.name).map(Found::Wire),
                _ => None,
            },
        };
        let violations = match found {
            None if p.required => {
                problems.push(format!("required {place} `{}` is missing", p.name));
                continue;
            }
            None => continue,
            Some(Found::Wire(raw)) => match values::decode_wire(&p.schema, &raw, spec) {
                Ok(v) => values::check(&p.schema, &v, spec, opts(Repr::Typed)),
                Err(e) => vec![values::Violation {
                    path: String::new(),
                    message: e,
                }],
            },
            Some(Found::Json(v)) => values::check(&p.schema, &v, spec, opts(Repr::Wire)),
        };
        if violations.is_empty() {
            continue;
        }
        if p.role == Some(Role::Secret) {
            problems.push(format!("{place} `{}` is invalid", p.name));
            continue;
        }
        for v in violations {
            let at = if v.path.is_empty() {
                String::new()
            } else {
                format!(" at {}", v.path)
            };
            problems.push(format!("{place} `{}`{at}: {}", p.name, v.message));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Rejection::Invalid(problems.join("; ")))
    }
}

/// Declared query parameters and form fields hold one value each (a list travels as one
/// comma-separated value); sent twice, which one would a server take?
fn repeated(op: &Operation, req: &Incoming) -> Vec<String> {
    let params = op.request.parameters.iter().map(|p| (p.location, &p.name));
    let discriminators = op.discriminators.iter().map(|d| (d.location, &d.name));
    let mut problems = Vec::new();
    for (location, name) in params.chain(discriminators) {
        let pairs: &[(String, String)] = match (location, &req.body) {
            (Location::Query, _) => &req.query,
            (Location::Body, Body::Form(fields)) => fields,
            _ => continue,
        };
        let times = pairs.iter().filter(|(n, _)| n == name).count();
        if times > 1 {
            let place = location_name(location);
            problems.push(format!("{place} `{name}` is sent {times} times"));
        }
    }
    problems
}

enum Found {
    /// A string from the path, query, a header or a form field.
    Wire(String),
    /// A JSON body member.
    Json(Value),
}

fn opts(repr: Repr) -> Options {
    Options {
        repr,
        report_unknown_fields: false,
    }
}

fn location_name(l: Location) -> &'static str {
    match l {
        Location::Path => "path parameter",
        Location::Query => "query parameter",
        Location::Header => "header",
        Location::Body => "body field",
    }
}
