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

/// Every difference of the page's draft from the spec, spec operations in order.
pub fn against(draft: &Spec, current: &Spec) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut used = vec![false; draft.operations.len()];
    for op in &current.operations {
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
        parameters(&op.request.parameters, &d.request.parameters, &mut push);
        examples(&op.examples, &d.examples, &mut push);
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

fn examples(spec: &[Example], page: &[Example], push: &mut impl FnMut(String)) {
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
            let shown = |v: Option<&Value>| v.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
            push(format!(
                "example values on the page match no spec example: request {} response {}",
                shown(q),
                shown(r)
            ));
        }
    }
}
