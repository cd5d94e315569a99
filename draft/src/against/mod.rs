//! A draft against the current spec: what a maintainer re-reads after `cargo xtask sources`
//! says a page changed. Operations pair by method, path and the discriminators both name,
//! then by id, then by title, then by likeness (same method, a similar path and the same
//! names), so a moved path is one change ("moved"). Each pair is compared fact by fact:
//! success status, parameters (type, enum values, required flag, bounds, formats, default),
//! request and response fields by their paths, error cases and examples. Types are compared
//! by shape, never by name (two drafts name their types apart).

use std::fmt;

use serde_json::Value;
use spec::format::{Example, Kind, Location, Operation, Parameter, Schema, Spec};

mod pair;

use pair::{pair, route, same_route, Found};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// `METHOD path [name=value…]` of the operation (a tree's with its id).
    pub operation: String,
    pub what: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.operation, self.what)
    }
}

/// Every difference of the draft of page `file` from the spec, spec operations in order.
/// When the spec cites the page, only the operations citing it are compared.
pub fn against(draft: &Spec, current: &Spec, file: &str) -> Vec<Difference> {
    let cites = current.operations.iter().any(|o| o.source == file);
    let wanted: Vec<usize> = (0..current.operations.len())
        .filter(|&i| !cites || current.operations[i].source == file)
        .collect();
    compare(draft, current, &wanted, route)
}

/// A drafted tree against a spec: every operation of the spec, named with its id.
pub fn against_tree(draft: &Spec, current: &Spec) -> Vec<Difference> {
    let wanted: Vec<usize> = (0..current.operations.len()).collect();
    compare(draft, current, &wanted, |op| {
        format!("{} ({})", route(op), op.id)
    })
}

fn compare(
    draft: &Spec,
    current: &Spec,
    wanted: &[usize],
    name: fn(&Operation) -> String,
) -> Vec<Difference> {
    let mut out = Vec::new();
    let pairs = pair(current, wanted, draft);
    let secrets: Vec<&str> = draft.auth.values().filter_map(|a| a.wire_name()).collect();
    for &i in wanted {
        let op = &current.operations[i];
        let Some(&(_, j, how)) = pairs.iter().find(|p| p.0 == i) else {
            if op.address_documented {
                out.push(Difference {
                    operation: name(op),
                    what: format!("operation `{}` not found on the page", op.id),
                });
            }
            continue;
        };
        let d = &draft.operations[j];
        let r = name(op);
        let mut push = |what: String| {
            out.push(Difference {
                operation: r.clone(),
                what,
            })
        };
        if !same_route(d, op) {
            let by = match how {
                Found::Route | Found::Id => "the same id",
                Found::Title => "the same title",
                Found::Likeness => "a like path and names",
            };
            push(format!("moved to {} (paired by {by})", route(d)));
        }
        operation(current, op, draft, d, &secrets, &mut push);
    }
    for (j, d) in draft.operations.iter().enumerate() {
        if !pairs.iter().any(|p| p.1 == j) {
            out.push(Difference {
                operation: name(d),
                what: "on the page, not in the spec".into(),
            });
        }
    }
    out
}

/// The facts of one paired operation.
fn operation(
    current: &Spec,
    op: &Operation,
    draft: &Spec,
    d: &Operation,
    secrets: &[&str],
    push: &mut impl FnMut(String),
) {
    if d.response.status != op.response.status {
        push(format!(
            "success status {} on the page, {} in the spec",
            d.response.status, op.response.status
        ));
    }
    // What the spec reads as a discriminator is not a parameter on the page either.
    let page_params: Vec<&Parameter> = d
        .request
        .parameters
        .iter()
        .filter(|q| {
            !op.discriminators
                .iter()
                .any(|x| x.location == q.location && x.name == q.name)
        })
        .collect();
    parameters(current, &op.request.parameters, draft, &page_params, push);
    // Members of body parameters, then response fields, by their paths.
    let body = |s: &Spec, o: &Operation| -> Vec<FieldFacts> {
        let mut v = Vec::new();
        for p in o
            .request
            .parameters
            .iter()
            .filter(|p| p.location == Location::Body)
        {
            walk(s, &p.schema, &p.name, &mut v, 0);
        }
        v
    };
    compare_fields("request field", &body(current, op), &body(draft, d), push);
    compare_fields(
        "response field",
        &fields(current, &op.response.schema),
        &fields(draft, &d.response.schema),
        push,
    );
    let cases = |o: &Operation| -> Vec<String> {
        o.errors
            .iter()
            .map(|e| {
                let mut key = e.status.to_string();
                for (k, v) in &e.matcher.equals {
                    key.push_str(&format!(" {k}={v}"));
                }
                key
            })
            .collect()
    };
    let (sa, sb) = (cases(op), cases(d));
    for s in sa.iter().filter(|s| !sb.contains(s)) {
        push(format!("error case {s} is no longer on the page"));
    }
    for s in sb.iter().filter(|s| !sa.contains(s)) {
        push(format!("error case {s} is new on the page"));
    }
    examples(&op.examples, &d.examples, secrets, push);
}

/// What a schema is, without type names: `string`, `array of integer`, `object`, `enum`,
/// `one_of`.
fn type_of(spec: &Spec, s: &Schema) -> String {
    match s.kind {
        Kind::Array => format!(
            "array of {}",
            s.items.as_deref().map_or("?".into(), |i| type_of(spec, i))
        ),
        Kind::Ref => match s.reference.as_ref().and_then(|r| spec.types.get(r)) {
            Some(t) if !t.values.is_empty() => "enum".into(),
            _ => "object".into(),
        },
        k => serde_json::to_value(k)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
    }
}

/// The values of an enum (or of an array's enum items).
fn values(spec: &Spec, s: &Schema) -> Vec<String> {
    match s.kind {
        Kind::Array => s.items.as_deref().map_or(Vec::new(), |i| values(spec, i)),
        Kind::Ref => s
            .reference
            .as_ref()
            .and_then(|r| spec.types.get(r))
            .map_or(Vec::new(), |t| {
                t.values.iter().map(|v| v.value.clone()).collect()
            }),
        _ => Vec::new(),
    }
}

/// A schema's stated constraints, as shown in a report (`-` when none): bounds, lengths,
/// item counts, format, pattern, nullability.
fn constraints(s: &Schema) -> String {
    let mut parts: Vec<String> = [
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
    if let Some(f) = s.format.and_then(|f| serde_json::to_value(f).ok()) {
        parts.push(format!("format {}", f.as_str().unwrap_or_default()));
    }
    if let Some(p) = &s.pattern {
        parts.push(format!("pattern {p}"));
    }
    if s.nullable {
        parts.push("nullable".into());
    }
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(", ")
    }
}

/// One parameter's or field's facts as compared.
struct Facts {
    ty: String,
    values: Vec<String>,
    constraints: String,
    required: bool,
    default: Option<Value>,
}

impl Facts {
    fn of(spec: &Spec, s: &Schema, required: bool, default: Option<&Value>) -> Facts {
        Facts {
            ty: type_of(spec, s),
            values: values(spec, s),
            constraints: constraints(s),
            required,
            default: default.cloned(),
        }
    }

    /// Each difference of `page` from `self` (the spec's), pushed as `what: …`.
    fn compare(&self, page: &Facts, what: &str, push: &mut impl FnMut(String)) {
        if self.ty != page.ty {
            push(format!(
                "{what}: type {} on the page, {} in the spec",
                page.ty, self.ty
            ));
        } else {
            for v in self.values.iter().filter(|v| !page.values.contains(v)) {
                push(format!("{what}: enum value `{v}` is no longer on the page"));
            }
            for v in page.values.iter().filter(|v| !self.values.contains(v)) {
                push(format!("{what}: enum value `{v}` is new on the page"));
            }
        }
        if self.constraints != page.constraints {
            push(format!(
                "{what}: constraints {} on the page, {} in the spec",
                page.constraints, self.constraints
            ));
        }
        if self.required != page.required {
            push(format!(
                "{what}: required {} on the page, {} in the spec",
                page.required, self.required
            ));
        }
        if self.default != page.default {
            let shown = |v: &Option<Value>| v.as_ref().map_or("none".into(), Value::to_string);
            push(format!(
                "{what}: default {} on the page, {} in the spec",
                shown(&page.default),
                shown(&self.default)
            ));
        }
    }
}

fn parameters(
    current: &Spec,
    spec: &[Parameter],
    draft: &Spec,
    page: &[&Parameter],
    push: &mut impl FnMut(String),
) {
    for p in spec {
        let what = format!("parameter `{}` ({})", p.name, p.location.as_str());
        match page
            .iter()
            .find(|q| q.location == p.location && q.name == p.name)
        {
            None => push(format!("{what} is no longer on the page")),
            Some(q) => {
                let a = Facts::of(current, &p.schema, p.required, p.default.as_ref());
                let b = Facts::of(draft, &q.schema, q.required, q.default.as_ref());
                a.compare(&b, &what, push);
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
                type_of(draft, &q.schema)
            ));
        }
    }
}

/// A field at its path (`a`, `a.b`, `list[].c`) with its facts.
pub(super) struct FieldFacts {
    path: String,
    facts: Facts,
}

/// The fields of a schema, by path.
pub(super) fn fields(spec: &Spec, s: &Schema) -> Vec<FieldFacts> {
    let mut out = Vec::new();
    walk(spec, s, "", &mut out, 0);
    out
}

fn walk(spec: &Spec, s: &Schema, prefix: &str, out: &mut Vec<FieldFacts>, depth: usize) {
    if depth > 8 {
        return;
    }
    match s.kind {
        Kind::Array => {
            if let Some(i) = &s.items {
                walk(spec, i, &format!("{prefix}[]"), out, depth + 1);
            }
        }
        Kind::Ref => {
            let Some(t) = s.reference.as_ref().and_then(|r| spec.types.get(r)) else {
                return;
            };
            for f in &t.fields {
                let path = if prefix.is_empty() {
                    f.name.clone()
                } else {
                    format!("{prefix}.{}", f.name)
                };
                out.push(FieldFacts {
                    path: path.clone(),
                    facts: Facts::of(spec, &f.schema, f.required, None),
                });
                walk(spec, &f.schema, &path, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn compare_fields(
    what: &str,
    spec: &[FieldFacts],
    page: &[FieldFacts],
    push: &mut impl FnMut(String),
) {
    for a in spec {
        match page.iter().find(|b| b.path == a.path) {
            None => push(format!("{what} `{}` is no longer on the page", a.path)),
            Some(b) => a
                .facts
                .compare(&b.facts, &format!("{what} `{}`", a.path), push),
        }
    }
    for b in page {
        if !spec.iter().any(|a| a.path == b.path) {
            push(format!(
                "{what} `{}` ({}) is new on the page",
                b.path, b.facts.ty
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
    // A spec example with bodies that no example on the page matches is gone (or changed).
    for e in spec {
        if bodies(e) == (None, None) {
            continue;
        }
        if !page.iter().any(|p| matches(p, e) || matches(e, p)) {
            push(format!(
                "spec example `{}` matches no example on the page",
                e.name
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
            "GET /x: spec example `e` matches no example on the page",
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
    fn moved_operations_pair_by_id_title_or_likeness_and_every_fact_is_compared() {
        let current = spec(BASE);
        let mut page = current.clone();
        // Moved, renamed, retitled: paired by likeness (same method, path and names alike).
        let op = &mut page.operations[0];
        op.path = "/v2/x".into();
        op.id = "fetch_x".into();
        op.summary = "Other".into();
        op.response.status = 201;
        op.request.parameters[0].schema.maximum = Some(5);
        op.request.parameters[0].default = Some(serde_json::json!(1));
        op.errors.push(spec::format::ErrorCase {
            name: "bad".into(),
            description: "D".into(),
            status: 400,
            status_documented: true,
            schema: Schema::default(),
            matcher: Default::default(),
            retryable: false,
            cite: None,
        });
        // Moved with its title kept.
        let other = &mut page.operations[1];
        other.path = "/z".into();
        other.id = "renamed".into();
        other.summary = "Y".into();
        let mut current = current;
        current.operations[1].summary = "Y".into();
        let lines: Vec<String> = against_tree(&page, &current)
            .iter()
            .map(|d| d.to_string())
            .collect();
        let want = [
            "GET /x (get_x): moved to GET /v2/x (paired by a like path and names)",
            "GET /x (get_x): success status 201 on the page, 200 in the spec",
            "GET /x (get_x): parameter `n` (query): constraints maximum 5 on the page, - in the spec",
            "GET /x (get_x): parameter `n` (query): default 1 on the page, none in the spec",
            "GET /x (get_x): error case 400 is new on the page",
            "GET /y (other_page): moved to GET /z (paired by the same title)",
        ];
        assert_eq!(lines, want);
        // Unlike operations are not paired.
        page.operations[0].request.parameters.clear();
        page.operations[0].path = "/a/b/c".into();
        let lines: Vec<String> = against_tree(&page, &current)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert!(
            lines.contains(&"GET /x (get_x): operation `get_x` not found on the page".to_string())
                && lines
                    .contains(&"GET /a/b/c (fetch_x): on the page, not in the spec".to_string()),
            "{lines:#?}"
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
