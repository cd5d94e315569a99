//! Citation resolution on a tiny spec: what each fact cites and what its lines must say.

use super::{collect, FactKind};
use crate::cite::page::{contains, normalise};
use crate::format::Spec;

fn tiny() -> Spec {
    let text = include_str!("../../../tests/broken/_valid/tiny.yaml");
    crate::yaml::from_str(text).unwrap_or_else(|e| panic!("{e}"))
}

/// An empty path, query or header value prints as nothing: the example holds on a line
/// showing its other values, as it does for an empty body value.
#[test]
fn an_empty_request_value_is_not_required_on_the_page() {
    let mut spec = tiny();
    let ex = &mut spec.operations[0].examples[0];
    ex.erratum = None;
    ex.original = None;
    let req = ex.request.as_mut().expect("the example has a request");
    req.query.insert("verbose".into(), String::new());
    req.headers.insert("X-Trace".into(), String::new());
    let line = normalise(r#"GET /items/7 -H "X-Token: tok-example" -> {"id": 7, "kind": "small"}"#);
    let (facts, problems) = collect(&spec);
    assert!(problems.is_empty(), "{problems:?}");
    let example = facts
        .iter()
        .find(|f| f.kind == FactKind::Example)
        .expect("an example fact");
    assert!(!example.expect.is_empty());
    for e in &example.expect {
        assert!(
            e.0.iter().any(|n| contains(&line, n)),
            "{e:?} does not hold on `{line}`"
        );
    }
    // A value that is there still has to be on the line.
    let other = normalise(r#"GET /items/8 -H "X-Token: tok-example""#);
    assert!(!example
        .expect
        .iter()
        .all(|e| e.0.iter().any(|n| contains(&other, n))));
}
