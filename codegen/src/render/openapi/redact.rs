//! Credential redaction: no secret value of a documented example (the model's
//! `example_secrets`) leaves through the export, in examples or in the errata's prose.

use serde_json::Value;

use super::SECRET_PLACEHOLDER;

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
