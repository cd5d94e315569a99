//! A draft against the current spec: what a maintainer re-reads after `cargo xtask sources`
//! says a page changed. Operations pair by method, path and the discriminators both name;
//! parameters by location and name; examples by their bodies.

use std::fmt;

use serde_json::Value;
use spec::format::{Example, Kind, Operation, Parameter, Schema, Spec};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// `METHOD path [name=value…]` of the operation.
    pub operation: String,
    pub what: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.operation, self.what)
    }
}

fn route(op: &Operation) -> String {
    let mut s = format!("{} {}", op.method.as_str(), op.path);
    for d in &op.discriminators {
        s.push_str(&format!(" [{}={}]", d.name, d.value));
    }
    s
}

fn same_operation(a: &Operation, b: &Operation) -> bool {
    a.method == b.method
        && a.path == b.path
        && a.discriminators.iter().all(|d| {
            b.discriminators
                .iter()
                .find(|e| e.location == d.location && e.name == d.name)
                .is_none_or(|e| e.value == d.value)
        })
}

fn kind_name(s: &Schema) -> String {
    match (s.kind, &s.items) {
        (Kind::Array, Some(i)) => format!("array of {}", kind_name(i)),
        (Kind::Ref, _) => format!("ref {}", s.reference.as_deref().unwrap_or("?")),
        (k, _) => serde_json::to_value(k)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
    }
}

/// Every difference of the draft of page `file` from the spec, spec operations in order.
/// When the spec cites the page, only the operations citing it are compared.
pub fn against(draft: &Spec, current: &Spec, file: &str) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut used = vec![false; draft.operations.len()];
    let cites = current.operations.iter().any(|o| o.source == file);
    for op in current
        .operations
        .iter()
        .filter(|o| !cites || o.source == file)
    {
        let found = draft
            .operations
            .iter()
            .enumerate()
            .find(|(i, d)| !used[*i] && same_operation(d, op));
        let Some((i, d)) = found else {
            if op.address_documented {
                out.push(Difference {
                    operation: route(op),
                    what: format!("operation `{}` not found on the page", op.id),
                });
            }
            continue;
        };
        used[i] = true;
        let r = route(op);
        let mut push = |what: String| {
            out.push(Difference {
                operation: r.clone(),
                what,
            })
        };
        // What the spec reads as a discriminator is not a parameter on the page either.
        let page_params: Vec<Parameter> = d
            .request
            .parameters
            .iter()
            .filter(|q| {
                !op.discriminators
                    .iter()
                    .any(|x| x.location == q.location && x.name == q.name)
            })
            .cloned()
            .collect();
        parameters(&op.request.parameters, &page_params, &mut push);
        let secrets: Vec<&str> = draft.auth.values().filter_map(|a| a.wire_name()).collect();
        examples(&op.examples, &d.examples, &secrets, &mut push);
    }
    for (i, d) in draft.operations.iter().enumerate() {
        if !used[i] {
            out.push(Difference {
                operation: route(d),
                what: "on the page, not in the spec".into(),
            });
        }
    }
    out
}

fn parameters(spec: &[Parameter], page: &[Parameter], push: &mut impl FnMut(String)) {
    for p in spec {
        match page
            .iter()
            .find(|q| q.location == p.location && q.name == p.name)
        {
            None => push(format!(
                "parameter `{}` ({}) is no longer on the page",
                p.name,
                p.location.as_str()
            )),
            Some(q) => {
                let (a, b) = (kind_name(&p.schema), kind_name(&q.schema));
                if a != b {
                    push(format!(
                        "parameter `{}` ({}): type {b} on the page, {a} in the spec",
                        p.name,
                        p.location.as_str()
                    ));
                }
                if p.required != q.required {
                    push(format!(
                        "parameter `{}` ({}): required {} on the page, {} in the spec",
                        p.name,
                        p.location.as_str(),
                        q.required,
                        p.required
                    ));
                }
            }
        }
    }
    for q in page {
        if !spec
            .iter()
            .any(|p| p.location == q.location && p.name == q.name)
        {
            push(format!(
                "parameter `{}` ({}, {}) is new on the page",
                q.name,
                q.location.as_str(),
                kind_name(&q.schema)
            ));
        }
    }
}

fn bodies(e: &Example) -> (Option<&Value>, Option<&Value>) {
    (
        e.request.as_ref().and_then(|r| r.body.as_ref()),
        e.response.as_ref().and_then(|r| r.body.as_ref()),
    )
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

/// A body as shown in a report: credential members are never printed.
fn shown(v: Option<&Value>, secrets: &[&str]) -> String {
    match v {
        None => "-".into(),
        Some(Value::Object(m)) => {
            let mut m = m.clone();
            for (k, x) in m.iter_mut() {
                if secrets.iter().any(|s| s.eq_ignore_ascii_case(k)) {
                    *x = Value::String("<redacted>".into());
                }
            }
            Value::Object(m).to_string()
        }
        Some(v) => v.to_string(),
    }
}

fn examples(spec: &[Example], page: &[Example], secrets: &[&str], push: &mut impl FnMut(String)) {
    let matches = |a: &Example, b: &Example| {
        let ((aq, ar), (bq, br)) = (bodies(a), bodies(b));
        let originals =
            matches!((&a.original, &b.original), (Some(x), Some(y)) if squash(x) == squash(y));
        (aq.is_some() || ar.is_some())
            && (aq.is_none() || aq == bq)
            && (ar.is_none() || ar == br || originals)
    };
    for e in page {
        if bodies(e) == (None, None) {
            continue;
        }
        if !spec.iter().any(|s| matches(s, e) || matches(e, s)) {
            let (q, r) = bodies(e);
            push(format!(
                "example values on the page match no spec example: request {} response {}",
                shown(q, secrets),
                shown(r, secrets)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use spec::format::{Location, Method};

    fn spec(text: &str) -> Spec {
        spec::yaml::parse::<Spec>(text)
            .map(|(s, _)| s)
            .expect("spec")
    }

    const BASE: &str = "provider: {id: p, title: T, description: D, base_url: \"https://h\", sources: [{file: a.txt, sha256: x, language: en, title: T}]}
operations:
  - id: get_x
    summary: S
    source: a.txt
    effect: read
    method: GET
    path: /x
    request:
      parameters:
        - {name: n, in: query, description: D, required: true, schema: {type: integer}}
        - {name: gone, in: query, description: D, schema: {type: string}}
    response: {status: 200, schema: {type: unit}}
    examples:
      - {name: e, summary: S, response: {status: 200, body: {a: 1}}}
  - id: other_page
    summary: S
    source: b.txt
    effect: read
    method: GET
    path: /y
    request: {}
    response: {status: 200, schema: {type: unit}}
";

    #[test]
    fn reports_parameters_types_flags_examples_and_operations() {
        let current = spec(BASE);
        let mut page = current.clone();
        page.operations.truncate(1);
        let op = &mut page.operations[0];
        op.request.parameters[0].schema.kind = Kind::String;
        op.request.parameters[0].required = false;
        op.request.parameters.remove(1);
        let mut new = op.request.parameters[0].clone();
        new.name = "fresh".into();
        new.location = Location::Header;
        op.request.parameters.push(new);
        op.examples[0].response.as_mut().expect("response").body =
            Some(serde_json::json!({"a": 2}));
        let mut extra = op.clone();
        extra.method = Method::Delete;
        page.operations.push(extra);
        let lines: Vec<String> = against(&page, &current, "a.txt")
            .iter()
            .map(|d| d.to_string())
            .collect();
        let want = [
            "GET /x: parameter `n` (query): type string on the page, integer in the spec",
            "GET /x: parameter `n` (query): required false on the page, true in the spec",
            "GET /x: parameter `gone` (query) is no longer on the page",
            "GET /x: parameter `fresh` (header, string) is new on the page",
            "GET /x: example values on the page match no spec example: request - response {\"a\":2}",
            "DELETE /x: on the page, not in the spec",
        ];
        assert_eq!(lines, want);
        // The other page's operation is not expected on this page.
        let mut only_a = current.clone();
        only_a.operations.truncate(1);
        assert!(against(&only_a, &current, "a.txt").is_empty());
        // A page the spec does not cite is compared with every operation.
        let lines: Vec<String> = against(&only_a, &current, "c.txt")
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            lines,
            ["GET /y: operation `other_page` not found on the page"]
        );
    }

    #[test]
    fn credentials_are_not_printed() {
        let current = spec(BASE);
        let mut page = current.clone();
        page.operations.truncate(1);
        page.auth.insert(
            "session".into(),
            spec::format::AuthScheme::Form {
                name: "key".into(),
                description: "D".into(),
                cite: None,
            },
        );
        page.operations[0].examples[0].request = Some(spec::format::ExampleRequest {
            body: Some(serde_json::json!({"key": "s3cret", "x": 1})),
            ..Default::default()
        });
        page.operations[0].examples[0].response = None;
        let text: String = against(&page, &current, "a.txt")
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert!(text.contains("\"key\":\"<redacted>\""), "{text}");
        assert!(!text.contains("s3cret"), "{text}");
    }
}
