//! Credential redaction: no credential value of a documented example leaves through the
//! export, in examples or in the errata's prose.

use serde_json::Value;

use spec::format::{Role, Spec};

use super::{header_value, SECRET_PLACEHOLDER};

/// Credential values that documented examples carry (form fields, secret parameters).
pub(super) fn credential_examples(spec: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    for op in &spec.operations {
        let mut names: Vec<&str> = op
            .request
            .parameters
            .iter()
            .filter(|p| p.role == Some(Role::Secret))
            .map(|p| p.name.as_str())
            .collect();
        if let Some(scheme) = op.auth.as_ref().and_then(|a| spec.auth.get(a)) {
            names.extend(scheme.wire_name());
        }
        for req in op.examples.iter().filter_map(|e| e.request.as_ref()) {
            let body = req.body.as_ref().and_then(Value::as_object);
            for name in &names {
                let on_wire = [
                    req.query.get(*name),
                    req.path.get(*name),
                    header_value(&req.headers, name),
                ];
                out.extend(on_wire.into_iter().flatten().cloned());
                if let Some(Value::String(v)) = body.and_then(|b| b.get(*name)) {
                    out.push(v.clone());
                }
            }
        }
    }
    out.retain(|v| !v.is_empty());
    out.sort();
    out.dedup();
    out
}

/// Replace every occurrence of a credential value in the document's strings (examples and
/// the errata's prose alike), so the export never carries one.
pub(super) fn redact(v: &mut Value, secrets: &[String]) {
    match v {
        Value::String(s) => {
            for secret in secrets {
                if s.contains(secret.as_str()) {
                    *s = s.replace(secret.as_str(), SECRET_PLACEHOLDER);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| redact(i, secrets)),
        Value::Object(m) => m.values_mut().for_each(|i| redact(i, secrets)),
        _ => {}
    }
}
