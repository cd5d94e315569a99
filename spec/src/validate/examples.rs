//! Documented examples: requests against the declared parameters, responses against the
//! success or error schemas, and the errata they cite (dangling, stale, duplicated).

use std::collections::BTreeSet;

use serde_json::Value;

use super::path::P;
use super::{Checker, WIRE_OPTS};
use crate::diag::list_names;
use crate::errors;
use crate::format::{
    AuthScheme, BodyEncoding, Example, ExampleRequest, Location, Operation, Role, Schema,
};
use crate::values;
use crate::yaml::nearest;

const FIT_EXAMPLE: &str =
    "make the example fit the schema, or the schema fit the page (record an erratum)";

/// Headers an example may carry without declaring them.
const STANDARD_HEADERS: [&str; 2] = ["Content-Type", "Accept"];

impl Checker<'_> {
    pub(super) fn example(&mut self, at: &P, op: &Operation, ex: &Example) {
        if let Some(id) = &ex.erratum {
            if !self.spec.errata.iter().any(|e| &e.id == id) {
                self.report(
                    &at.k("erratum"),
                    format!("unknown erratum `{id}`"),
                    format!(
                        "add it under `errata` or use one of {}",
                        list_names(self.spec.errata.iter().map(|e| &e.id))
                    ),
                );
            }
        } else if ex.original.is_some() {
            self.report(
                &at.k("original"),
                "`original` without `erratum`",
                "name the erratum that explains the correction",
            );
        }
        if let Some(orig) = &ex.original {
            if let Ok(parsed) = serde_json::from_str::<Value>(orig) {
                let bodies = [
                    ex.request.as_ref().and_then(|r| r.body.as_ref()),
                    ex.response.as_ref().and_then(|r| r.body.as_ref()),
                ];
                if bodies.iter().flatten().any(|b| **b == parsed) {
                    self.report(
                        &at.k("original"),
                        "the original equals the corrected body: the erratum is stale",
                        "remove `erratum` and `original` (the page is no longer broken here)",
                    );
                }
            }
        }
        if let Some(req) = &ex.request {
            self.example_request(&at.k("request"), op, req);
        }
        let error = match &ex.error {
            Some(name) => match op.errors.iter().find(|e| &e.name == name) {
                Some(e) => Some(e),
                None => {
                    self.report(
                        &at.k("error"),
                        format!("unknown error case `{name}`"),
                        format!(
                            "use one of {} or declare it under `errors`",
                            list_names(op.errors.iter().map(|e| &e.name))
                        ),
                    );
                    return;
                }
            },
            None => None,
        };
        let Some(resp) = &ex.response else { return };
        let rp = at.k("response");
        match error {
            Some(e) => {
                if e.status_documented && resp.status != e.status {
                    self.report(
                        &rp.k("status"),
                        format!(
                            "status {} differs from error `{}` status {}",
                            resp.status, e.name, e.status
                        ),
                        format!("use {} or fix the error case", e.status),
                    );
                }
                if let Some(body) = &resp.body {
                    self.violations(&rp.k("body"), &e.schema, body, "error body");
                    if let Some(why) = errors::miss(&e.matcher, body) {
                        self.report(
                            &rp.k("body"),
                            format!("error body is not recognised as `{}`: {why}", e.name),
                            "fix the body or the error case's `match`",
                        );
                    }
                }
            }
            None => {
                if resp.status != op.response.status {
                    self.report(
                        &rp.k("status"),
                        format!(
                            "status {} differs from the success status {}",
                            resp.status, op.response.status
                        ),
                        "use the success status, or name the error case with `error:`",
                    );
                }
                let Some(body) = &resp.body else { return };
                match crate::envelope::payload(
                    op.response.envelope.as_ref(),
                    body,
                    &op.response.schema,
                ) {
                    Ok(payload) => {
                        self.violations(&rp.k("body"), &op.response.schema, &payload, "payload")
                    }
                    Err(e) => self.report(
                        &rp.k("body"),
                        format!("success example body fails its envelope: {e}"),
                        "fix the body, or mark the example as a failure with `error:`",
                    ),
                }
            }
        }
    }

    fn violations(&mut self, at: &P, schema: &Schema, value: &Value, what: &str) {
        if !self.schemas_ok {
            return;
        }
        for v in values::check(schema, value, self.spec, WIRE_OPTS) {
            let place = if v.path.is_empty() {
                what.to_string()
            } else {
                format!("{what} `{}`", v.path)
            };
            self.report(
                &at.value_path(&v.path),
                format!("{place}: {}", v.message),
                FIT_EXAMPLE,
            );
        }
    }

    fn example_request(&mut self, at: &P, op: &Operation, req: &ExampleRequest) {
        let auth = self.auth_scheme(op).cloned();
        let auth_unresolved = op.auth.is_some() && auth.is_none();
        let form = matches!(
            op.request.body,
            Some(BodyEncoding::Multipart | BodyEncoding::Urlencoded)
        );
        let body_map: Entries = match &req.body {
            Some(Value::Object(m)) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Some(_) => {
                self.report(
                    &at.k("body"),
                    "example request body is not an object",
                    "write the body fields as a mapping",
                );
                Vec::new()
            }
            None => Vec::new(),
        };
        let sections: [(Location, &str, Entries); 4] = [
            (Location::Path, "path", strings(&req.path)),
            (Location::Query, "query", strings(&req.query)),
            (Location::Header, "headers", strings(&req.headers)),
            (Location::Body, "body", body_map),
        ];
        for (loc, key, entries) in sections {
            let sp = at.k(key);
            let same = |a: &str, b: &str| {
                if loc == Location::Header {
                    a.eq_ignore_ascii_case(b)
                } else {
                    a == b
                }
            };
            let credential = auth.as_ref().and_then(|a| match (a, loc) {
                (AuthScheme::Query { name, .. }, Location::Query)
                | (AuthScheme::Header { name, .. }, Location::Header)
                | (AuthScheme::Form { name, .. }, Location::Body) => Some(name.clone()),
                (AuthScheme::Signature { .. }, Location::Header) => Some("Authorization".into()),
                _ => None,
            });
            for (name, value) in &entries {
                let vp = sp.k(name);
                if let Some(d) = op
                    .discriminators
                    .iter()
                    .find(|d| d.location == loc && same(&d.name, name))
                {
                    if value.as_str() != Some(d.value.as_str()) {
                        self.report(
                            &vp,
                            format!("discriminator `{name}` is {value}, not `{}`", d.value),
                            format!("write `{}`: the operation is selected by it", d.value),
                        );
                    }
                    continue;
                }
                if credential.as_deref().is_some_and(|c| same(c, name)) {
                    if let Some(v) = value.as_str() {
                        let what = format!("credential {} parameter `{name}`", loc.as_str());
                        self.placeholder_credential(&vp, &what, v);
                    }
                    continue;
                }
                if loc == Location::Header && STANDARD_HEADERS.iter().any(|h| same(h, name)) {
                    continue;
                }
                let Some(param) = op
                    .request
                    .parameters
                    .iter()
                    .find(|p| p.location == loc && same(&p.name, name))
                else {
                    if auth_unresolved {
                        // The credential's name is unknown, so this may well be it; the
                        // dangling auth reference is reported already.
                        continue;
                    }
                    let known: Vec<&String> = op
                        .request
                        .parameters
                        .iter()
                        .filter(|p| p.location == loc)
                        .map(|p| &p.name)
                        .collect();
                    let names: Vec<String> = known.iter().map(|s| s.to_string()).collect();
                    let fix = match nearest(name, &names) {
                        Some(m) => format!(
                            "did you mean `{m}`? otherwise declare it as an `in: {}` parameter",
                            loc.as_str()
                        ),
                        None => format!(
                            "declare it as an `in: {}` parameter or remove it",
                            loc.as_str()
                        ),
                    };
                    self.report(
                        &vp,
                        format!("unknown {} parameter `{name}`", loc.as_str()),
                        fix,
                    );
                    continue;
                };
                if !self.schemas_ok {
                    continue;
                }
                let what = format!("{} parameter `{name}`", loc.as_str());
                // Strings on the wire (everything but JSON bodies) are decoded first.
                let raw_string = loc != Location::Body || form;
                let decoded = match (raw_string, value.as_str()) {
                    (true, Some(raw)) => values::decode_wire(&param.schema, raw, self.spec),
                    _ => Ok(value.clone()),
                };
                let secret = param.role == Some(Role::Secret);
                if let (true, Some(v)) = (secret, value.as_str()) {
                    self.placeholder_credential(&vp, &format!("secret {what}"), v);
                }
                match decoded {
                    // Secrets are checked like any value but never echoed.
                    Ok(v) if secret => {
                        if !values::check(&param.schema, &v, self.spec, WIRE_OPTS).is_empty() {
                            self.report(
                                &vp,
                                format!("secret {what} does not fit its schema (value not shown)"),
                                FIT_EXAMPLE,
                            );
                        }
                    }
                    Ok(v) => self.violations(&vp, &param.schema, &v, &what),
                    Err(_) if secret => self.report(
                        &vp,
                        format!("secret {what} cannot be read as its type (value not shown)"),
                        FIT_EXAMPLE,
                    ),
                    Err(e) => self.report(&vp, format!("{what}: {e}"), FIT_EXAMPLE),
                }
            }
            for p in op
                .request
                .parameters
                .iter()
                .filter(|p| p.location == loc && p.required)
            {
                if !entries.iter().any(|(n, _)| same(n, &p.name)) {
                    self.report(
                        at,
                        format!(
                            "required {} parameter `{}` is missing",
                            loc.as_str(),
                            p.name
                        ),
                        format!("add `{}` under request.{key}", p.name),
                    );
                }
            }
            for d in op.discriminators.iter().filter(|d| d.location == loc) {
                if !entries.iter().any(|(n, _)| same(n, &d.name)) {
                    self.report(
                        at,
                        format!("discriminator `{}` is missing", d.name),
                        format!("add `{}: \"{}\"` under request.{key}", d.name, d.value),
                    );
                }
            }
        }
    }

    pub(super) fn errata(&mut self) {
        let mut seen = BTreeSet::new();
        for (i, e) in self.spec.errata.iter().enumerate() {
            let ep = P::root().k("errata").i(i);
            if !seen.insert(e.id.as_str()) {
                self.report(
                    &ep.k("id"),
                    format!("erratum id `{}` is used twice", e.id),
                    "give each erratum its own id",
                );
            }
            if !self
                .spec
                .provider
                .sources
                .iter()
                .any(|s| s.file == e.source)
            {
                self.report(
                    &ep.k("source"),
                    format!(
                        "erratum source `{}` is not one of `provider.sources`",
                        e.source
                    ),
                    format!(
                        "use one of {}",
                        list_names(self.spec.provider.sources.iter().map(|s| &s.file))
                    ),
                );
            }
        }
    }
}

/// An example request section as name/value pairs.
type Entries = Vec<(String, Value)>;

fn strings(m: &indexmap::IndexMap<String, String>) -> Entries {
    m.iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect()
}
