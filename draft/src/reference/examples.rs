//! The page's examples decoded against its tables, each disagreement a TODO erratum, and
//! the error cases of its status code table.

use indexmap::IndexMap;
use serde_json::Value;
use spec::format::{
    ErrorCase, Example, ExampleRequest, ExampleResponse, Kind, Location, Match, Operation, Schema,
    TypeDef,
};

use super::tables::{lines_cite, Answer};
use crate::infer::TODO;
use crate::request;

/// An error case for a documented status with its body table.
pub fn error_case(
    status: u16,
    schema: Schema,
    types: &IndexMap<String, TypeDef>,
    at: &[(usize, usize)],
) -> ErrorCase {
    let first = schema
        .reference
        .as_ref()
        .and_then(|r| types.get(r))
        .and_then(|t| t.fields.first())
        .map(|f| f.name.clone());
    ErrorCase {
        name: format!("status_{status}"),
        description: TODO.into(),
        status,
        status_documented: true,
        schema,
        matcher: Match {
            has_fields: first.into_iter().collect(),
            equals: IndexMap::new(),
        },
        retryable: false,
        cite: lines_cite(at),
    }
}

/// The page lines of the table a referenced type was read from.
pub(super) fn schema_span(s: &Schema, types: &IndexMap<String, TypeDef>) -> (usize, usize) {
    let cite = s
        .reference
        .as_ref()
        .and_then(|r| types.get(r))
        .and_then(|t| t.cite.as_ref());
    let Some(c) = cite else { return (0, 0) };
    let (a, b) = c.0.split_once('-').unwrap_or((&c.0, &c.0));
    (a.trim().parse().unwrap_or(0), b.trim().parse().unwrap_or(0))
}

pub(super) type Examples = (Vec<Example>, Vec<super::ExampleFix>, Option<String>);

/// The page's request and response blocks as examples, decoded against the operation.
pub(super) fn examples(
    op: &Operation,
    types: &IndexMap<String, TypeDef>,
    requests: &[(Vec<(String, usize)>, String)],
    answers: &[Answer],
) -> Examples {
    let mut out: Vec<Example> = Vec::new();
    let mut errata = Vec::new();
    let mut base = None;
    let span = |l: &[(String, usize)]| -> (usize, usize) {
        (
            l.first().map(|x| x.1).unwrap_or(0),
            l.last().map(|x| x.1).unwrap_or(0),
        )
    };
    let mut success_used = false;
    for (lines, text) in requests {
        let mut rest = text.trim_start();
        let first = rest.lines().next().unwrap_or("");
        let Some((m, url, _)) = request::request_line(first.trim()) else {
            continue;
        };
        if m != op.method {
            continue;
        }
        rest = rest[first.len()..].trim();
        let u = request::parse_url(&url);
        if base.is_none() && !u.base.is_empty() {
            base = Some(u.base.clone());
        }
        let mut diffs: Vec<String> = Vec::new();
        // Members whose values are not the page's: made up, or left out.
        let mut corrects: Vec<String> = Vec::new();
        let mut req = ExampleRequest::default();
        match crate::route::match_path(&op.path, &u.path) {
            Some(vals) => {
                for (k, v) in vals {
                    // A placeholder left in the example (`{project_id}`) gets a sample value.
                    let v = if crate::route::placeholder(&v).is_some() {
                        diffs.push(format!("path `{k}` is a placeholder"));
                        corrects.push(k.clone());
                        format!("sample_{k}")
                    } else {
                        v
                    };
                    req.path.insert(k, v);
                }
            }
            None => {
                diffs.push(format!("address `{}` does not fit `{}`", u.path, op.path));
                for p in op
                    .request
                    .parameters
                    .iter()
                    .filter(|p| p.location == Location::Path)
                {
                    corrects.push(p.name.clone());
                    req.path
                        .insert(p.name.clone(), format!("sample_{}", p.name));
                }
            }
        }
        for (k, v) in &u.query {
            match op
                .request
                .parameters
                .iter()
                .find(|p| p.location == Location::Query && p.name == *k)
            {
                Some(_) => {
                    req.query.insert(k.clone(), v.clone());
                }
                None => {
                    diffs.push(format!("query `{k}` is not in the query table"));
                    corrects.push(k.clone());
                }
            }
        }
        if !rest.is_empty() && op.request.body.is_some() {
            match crate::json::JsonBlock::new(rest).best() {
                Some(v) => {
                    req.body = crate::decode::body(v, &op.request.parameters, types, &mut diffs)
                }
                None => diffs.push("the body does not parse as JSON".into()),
            }
        } else if !rest.is_empty() {
            diffs.push("a body the tables do not describe".into());
        }
        let response = if !success_used {
            answers
                .iter()
                .find(|a| a.0 == op.response.status)
                .and_then(|(s, l, _)| {
                    success_used = true;
                    response(op, types, *s, l, &mut diffs)
                })
        } else {
            None
        };
        let mut at = vec![span(lines)];
        if response.is_some() {
            if let Some(a) = answers.iter().find(|a| a.0 == op.response.status) {
                at.push(span(&a.1));
            }
        }
        let fix = Fix { diffs, corrects };
        push(&mut out, &mut errata, req, response, None, fix, text, &at);
    }
    for (s, lines, _) in answers {
        let is_success = *s == op.response.status;
        if is_success && success_used {
            continue;
        }
        let error = op
            .errors
            .iter()
            .find(|e| e.status == *s)
            .map(|e| e.name.clone());
        if !is_success && error.is_none() {
            continue;
        }
        let mut diffs = Vec::new();
        let Some(r) = response(op, types, *s, lines, &mut diffs) else {
            continue;
        };
        if is_success {
            success_used = true;
        }
        let text: Vec<&str> = lines.iter().map(|l| l.0.as_str()).collect();
        let req = ExampleRequest::default();
        push(
            &mut out,
            &mut errata,
            req,
            Some(r),
            error,
            Fix {
                diffs,
                corrects: Vec::new(),
            },
            &text.join("\n"),
            &[span(lines)],
        );
    }
    (out, errata, base)
}

pub(super) fn response(
    op: &Operation,
    types: &IndexMap<String, TypeDef>,
    status: u16,
    lines: &[(String, usize)],
    diffs: &mut Vec<String>,
) -> Option<ExampleResponse> {
    let text: Vec<&str> = lines.iter().map(|l| l.0.as_str()).collect();
    let text = text.join("\n");
    let schema = if status == op.response.status {
        &op.response.schema
    } else {
        &op.errors.iter().find(|e| e.status == status)?.schema
    };
    let body = if schema.kind == Kind::Unit {
        if !text.trim().is_empty() {
            diffs.push("a response body the tables do not describe".into());
        }
        None
    } else {
        match crate::json::JsonBlock::new(&text).best() {
            Some(v) => crate::decode::value(v, schema, types, "", diffs),
            None => {
                diffs.push("the response does not parse as JSON".into());
                None
            }
        }
    };
    Some(ExampleResponse {
        status,
        headers: IndexMap::new(),
        body: body
            .or_else(|| (schema.kind != Kind::Unit).then(|| Value::Object(Default::default()))),
    })
}

/// An example's differences from its page and the members they change.
pub(super) struct Fix {
    pub diffs: Vec<String>,
    pub corrects: Vec<String>,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn push(
    out: &mut Vec<Example>,
    errata: &mut Vec<super::ExampleFix>,
    request: ExampleRequest,
    response: Option<ExampleResponse>,
    error: Option<String>,
    fix: Fix,
    text: &str,
    at: &[(usize, usize)],
) {
    let has_request = !request.path.is_empty()
        || !request.query.is_empty()
        || request.body.is_some()
        || response.is_none();
    let k = out.len();
    let name = match (&error, has_request) {
        (Some(e), _) => format!("{e}_{}", k + 1),
        (None, true) => format!("request_{}", k + 1),
        (None, false) => format!("response_{}", k + 1),
    };
    let original = (!fix.diffs.is_empty()).then(|| text.to_string());
    if !fix.diffs.is_empty() {
        errata.push(super::ExampleFix {
            example: k,
            problem: fix.diffs.join("; "),
            corrects: fix.corrects,
        });
    }
    out.push(Example {
        name,
        summary: TODO.into(),
        request: has_request.then_some(request),
        response,
        error,
        erratum: None,
        original,
        cite: lines_cite(at),
    });
}
