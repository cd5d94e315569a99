//! A result-code envelope guessed from the success examples: a code member that has one and
//! the same integer value in every success body, with a message member beside it, at the top
//! of the body or in top-level member objects (the scopes).

use serde_json::{Map, Value};
use spec::format::Envelope;

use crate::vocab;

/// The envelope and each body's payload (code and message removed), when every success body
/// carries them.
pub fn guess(bodies: &[Value]) -> Option<(Envelope, Vec<Value>)> {
    let objects: Vec<&Map<String, Value>> =
        bodies.iter().map(Value::as_object).collect::<Option<_>>()?;
    if objects.is_empty() {
        return None;
    }
    for code_field in vocab::CODE_FIELDS {
        for message_field in vocab::MESSAGE_FIELDS {
            // The code, when the object has both members.
            let pair = |m: &Map<String, Value>| -> Option<i64> {
                m.get(*message_field).filter(|v| v.is_string())?;
                code(m.get(*code_field))
            };
            let mut codes: Vec<i64> = Vec::new();
            // The body itself carries them…
            let scopes: Vec<String> = if objects.iter().all(|m| pair(m).is_some()) {
                codes.extend(objects.iter().filter_map(|m| pair(m)));
                vec![String::new()]
            } else {
                // …or members that are objects carry them wherever they appear.
                let mut names: Vec<String> = Vec::new();
                for m in &objects {
                    for (k, v) in m.iter() {
                        let Some(inner) = v.as_object() else { continue };
                        match pair(inner) {
                            Some(c) => {
                                codes.push(c);
                                if !names.contains(k) {
                                    names.push(k.clone());
                                }
                            }
                            None => {
                                if names.contains(k) {
                                    return None;
                                }
                            }
                        }
                    }
                }
                names
            };
            if scopes.is_empty() || codes.is_empty() || codes.iter().any(|c| *c != codes[0]) {
                continue;
            }
            let strip = |m: &mut Map<String, Value>| {
                m.remove(*code_field);
                m.remove(*message_field);
            };
            let payloads = objects
                .iter()
                .map(|m| {
                    let mut m = (*m).clone();
                    for s in &scopes {
                        if s.is_empty() {
                            strip(&mut m);
                        } else if let Some(Value::Object(inner)) = m.get_mut(s) {
                            strip(inner);
                        }
                    }
                    Value::Object(m)
                })
                .collect();
            let envelope = Envelope::ResultCode {
                code_field: code_field.to_string(),
                message_field: message_field.to_string(),
                success: codes[0],
                scopes,
            };
            return Some((envelope, payloads));
        }
    }
    None
}

fn code(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn code_and_message_at_the_top() {
        let (env, payloads) =
            guess(&[json!({"ret": 0, "msg": "fine", "id": 3})]).expect("envelope");
        let Envelope::ResultCode {
            code_field,
            success,
            scopes,
            ..
        } = env
        else {
            panic!()
        };
        assert_eq!(
            (code_field.as_str(), success, scopes),
            ("ret", 0, vec![String::new()])
        );
        assert_eq!(payloads, [json!({"id": 3})]);
    }

    #[test]
    fn code_and_message_in_member_objects() {
        let bodies = [
            json!({"first": {"ret": 0, "msg": "", "id": 1}}),
            json!({"first": {"ret": 0, "msg": "", "id": 2}, "second": {"ret": 0, "msg": "", "n": 5}}),
        ];
        let (env, payloads) = guess(&bodies).expect("envelope");
        let Envelope::ResultCode { scopes, .. } = env else {
            panic!()
        };
        assert_eq!(scopes, ["first", "second"]);
        assert_eq!(payloads[1], json!({"first": {"id": 2}, "second": {"n": 5}}));
    }

    #[test]
    fn no_envelope_without_one_code_everywhere() {
        assert!(guess(&[json!({"id": 1})]).is_none());
        assert!(guess(&[json!({"ret": 0, "msg": "a"}), json!({"ret": 1, "msg": "b"})]).is_none());
        assert!(guess(&[json!([1, 2])]).is_none());
    }
}
