//! A draft against the current spec: what a maintainer re-reads after `cargo xtask sources`
//! says a page changed. Operations pair by method, path and the discriminators both name
//! (a tree's by id first, so a moved path is one change); parameters by location and name,
//! with their types, required flags, bounds and defaults; response fields by their path;
//! error statuses; examples by their bodies.

use std::fmt;

use serde_json::Value;
use spec::format::{Example, Kind, Location, Operation, Parameter, Schema, Spec};

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
                let (a, b) = (bounds(&p.schema), bounds(&q.schema));
                if a != b {
                    push(format!(
                        "parameter `{}` ({}): bounds {b} on the page, {a} in the spec",
                        p.name,
                        p.location.as_str()
                    ));
                }
                if p.default != q.default {
                    push(format!(
                        "parameter `{}` ({}): default {} on the page, {} in the spec",
                        p.name,
                        p.location.as_str(),
                        q.default.as_ref().map_or("none".into(), Value::to_string),
                        p.default.as_ref().map_or("none".into(), Value::to_string)
                    ));
                }
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

/// A schema's stated bounds, as shown in a report (`-` when none).
fn bounds(s: &Schema) -> String {
    let parts: Vec<String> = [
        ("minimum", s.minimum),
        ("maximum", s.maximum),
        ("min_length", s.min_length.map(i64::from)),
        ("max_length", s.max_length.map(i64::from)),
        ("min_items", s.min_items.map(i64::from)),
        ("max_items", s.max_items.map(i64::from)),
    ]
    .iter()
    .filter_map(|(k, v)| v.map(|v| format!("{k} {v}")))
    .collect();
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(", ")
    }
}

/// The shape of a schema without type names (a tree's types are named per draft): kinds,
/// enum values, bounds.
fn shape(spec: &Spec, s: &Schema) -> String {
    let b = bounds(s);
    let b = if b == "-" {
        String::new()
    } else {
        format!(" ({b})")
    };
    match s.kind {
        Kind::Array => format!(
            "array of {}{b}",
            s.items.as_deref().map_or("?".into(), |i| shape(spec, i))
        ),
        Kind::Ref => match s.reference.as_ref().and_then(|r| spec.types.get(r)) {
            Some(t) if !t.values.is_empty() => {
                let v: Vec<&str> = t.values.iter().map(|v| v.value.as_str()).collect();
                format!("one of {}", v.join("|"))
            }
            _ => "object".into(),
        },
        _ => format!("{}{b}", kind_name(s)),
    }
}

/// Response field paths (`a`, `a.b`, `list[].c`) with their shapes.
fn fields(spec: &Spec, s: &Schema, prefix: &str, out: &mut Vec<(String, String)>, depth: usize) {
    if depth > 8 {
        return;
    }
    match s.kind {
        Kind::Array => {
            if let Some(i) = &s.items {
                fields(spec, i, &format!("{prefix}[]"), out, depth + 1);
            }
        }
        Kind::Ref => {
            let Some(t) = s.reference.as_ref().and_then(|r| spec.types.get(r)) else {
                return;
            };
            for f in &t.fields {
                let p = if prefix.is_empty() {
                    f.name.clone()
                } else {
                    format!("{prefix}.{}", f.name)
                };
                out.push((p.clone(), shape(spec, &f.schema)));
                fields(spec, &f.schema, &p, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// A drafted tree against a spec: operations paired by id, else by method and path; every
/// fact compared.
pub fn against_tree(draft: &Spec, current: &Spec) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut used = vec![false; draft.operations.len()];
    let secrets: Vec<&str> = draft.auth.values().filter_map(|a| a.wire_name()).collect();
    for op in &current.operations {
        let found = draft
            .operations
            .iter()
            .enumerate()
            .find(|(i, d)| !used[*i] && d.id == op.id)
            .or_else(|| {
                draft
                    .operations
                    .iter()
                    .enumerate()
                    .find(|(i, d)| !used[*i] && same_operation(d, op))
            });
        let r = format!("{} ({})", route(op), op.id);
        let Some((i, d)) = found else {
            out.push(Difference {
                operation: r,
                what: "operation no longer in the tree".into(),
            });
            continue;
        };
        used[i] = true;
        let mut push = |what: String| {
            out.push(Difference {
                operation: r.clone(),
                what,
            })
        };
        if d.method != op.method || d.path != op.path {
            push(format!("moved to {}", route(d)));
        }
        if d.response.status != op.response.status {
            push(format!(
                "success status {} on the page, {} in the spec",
                d.response.status, op.response.status
            ));
        }
        // Parameters by shape (type names differ between drafts).
        let unnamed = |spec: &Spec, ps: &[Parameter]| -> Vec<Parameter> {
            ps.iter()
                .map(|p| {
                    let mut p = p.clone();
                    let s = shape(spec, &p.schema);
                    p.schema = Schema {
                        kind: Kind::Ref,
                        reference: Some(s),
                        ..p.schema.clone()
                    };
                    p
                })
                .collect()
        };
        parameters(
            &unnamed(current, &op.request.parameters),
            &unnamed(draft, &d.request.parameters),
            &mut push,
        );
        // Members of body parameters, then response fields, by their paths.
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for p in op
            .request
            .parameters
            .iter()
            .filter(|p| p.location == Location::Body)
        {
            fields(current, &p.schema, &p.name, &mut a, 0);
        }
        for p in d
            .request
            .parameters
            .iter()
            .filter(|p| p.location == Location::Body)
        {
            fields(draft, &p.schema, &p.name, &mut b, 0);
        }
        compare_fields("request field", &a, &b, &mut push);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        fields(current, &op.response.schema, "", &mut a, 0);
        fields(draft, &d.response.schema, "", &mut b, 0);
        compare_fields("response field", &a, &b, &mut push);
        let statuses = |o: &Operation| -> Vec<u16> { o.errors.iter().map(|e| e.status).collect() };
        let (sa, sb) = (statuses(op), statuses(d));
        for s in sa.iter().filter(|s| !sb.contains(s)) {
            push(format!("error status {s} is no longer on the page"));
        }
        for s in sb.iter().filter(|s| !sa.contains(s)) {
            push(format!("error status {s} is new on the page"));
        }
        examples(&op.examples, &d.examples, &secrets, &mut push);
    }
    for (i, d) in draft.operations.iter().enumerate() {
        if !used[i] {
            out.push(Difference {
                operation: format!("{} ({})", route(d), d.id),
                what: "on the page, not in the spec".into(),
            });
        }
    }
    out
}

fn compare_fields(
    what: &str,
    spec: &[(String, String)],
    page: &[(String, String)],
    push: &mut impl FnMut(String),
) {
    for (path, sa) in spec {
        match page.iter().find(|x| x.0 == *path) {
            None => push(format!("{what} `{path}` is no longer on the page")),
            Some((_, sb)) if sb != sa => push(format!(
                "{what} `{path}`: {sb} on the page, {sa} in the spec"
            )),
            _ => {}
        }
    }
    for (path, sb) in page {
        if !spec.iter().any(|x| x.0 == *path) {
            push(format!("{what} `{path}` ({sb}) is new on the page"));
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
