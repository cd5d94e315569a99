//! Values that break a documented constraint, derived from the spec alone: the generated
//! builder tests send each one and expect the client to refuse it before anything leaves.
//! Nothing here reads the runtime's checks, so a check the client forgets fails its test.

use regex::Regex;
use serde_json::{json, Value};
use spec::format::{Kind, Schema, Variant};

/// One value breaking one rule of a schema.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Breach {
    /// The rule broken, as a snake_case word for the test name (`max_length`, `pattern`...).
    pub rule: &'static str,
    /// The value, typed as the parameter's JSON value (numbers as numbers, lists as arrays).
    pub value: Value,
}

/// Strings no documented pattern or format is likely to accept; the first one a pattern
/// refuses is used.
const ODD_STRINGS: &[&str] = &["!", "", " ", "0", "a", "-", "a b", "\u{1}"];

/// A value for each constraint of `s` that can be broken on its own. Constraints that need a
/// valid sibling value to break (a `max_items` list of valid items, say) are left out.
pub(crate) fn breaches(s: &Schema) -> Vec<Breach> {
    let mut out = Vec::new();
    let mut add = |rule, value| out.push(Breach { rule, value });
    match s.kind {
        Kind::String => {
            let min = s.min_length.unwrap_or(0) as usize;
            if min > 0 {
                add("min_length", Value::String("a".repeat(min - 1)));
            }
            if let Some(max) = s.max_length {
                add("max_length", Value::String("a".repeat(max as usize + 1)));
            }
            if let Some(p) = s.pattern.as_deref().and_then(|p| Regex::new(p).ok()) {
                if let Some(odd) = ODD_STRINGS.iter().find(|t| !p.is_match(t)) {
                    add("pattern", json!(odd));
                }
            }
            if let Some(c) = s.forbidden_chars.as_deref().and_then(|f| f.chars().next()) {
                let mut v = "a".repeat(min.saturating_sub(1));
                v.push(c);
                add("forbidden_chars", Value::String(v));
            }
            if let Some(p) = s.format.and_then(|f| Regex::new(f.pattern()).ok()) {
                if let Some(odd) = ODD_STRINGS.iter().find(|t| !p.is_match(t)) {
                    add("format", json!(odd));
                }
            }
        }
        Kind::Integer | Kind::Long => {
            let (lo, hi) = match s.kind {
                Kind::Integer => (i64::from(i32::MIN), i64::from(i32::MAX)),
                _ => (i64::MIN, i64::MAX),
            };
            if let Some(m) = s.minimum.filter(|m| *m > lo) {
                add("minimum", json!(m - 1));
            }
            if let Some(m) = s.maximum.filter(|m| *m < hi) {
                add("maximum", json!(m + 1));
            }
        }
        Kind::Array => {
            if s.min_items == Some(1) {
                add("min_items", json!([]));
            }
            if let Some(items) = &s.items {
                for b in breaches(items) {
                    out.push(Breach {
                        rule: b.rule,
                        value: json!([b.value]),
                    });
                }
            }
        }
        Kind::OneOf => {
            // A value breaking one alternative's rule must not be a valid earlier alternative.
            for (i, v) in s.variants.iter().enumerate() {
                let Some(schema) = &v.schema else { continue };
                for b in breaches(schema) {
                    if !s.variants[..i].iter().any(|e| could_be(e, &b.value)) {
                        out.push(b);
                    }
                }
            }
        }
        _ => {}
    }
    out
}

/// Whether `value` might read as alternative `v` (by its JSON type; a literal by equality).
fn could_be(v: &Variant, value: &Value) -> bool {
    if let Some(lit) = &v.literal {
        return lit == value;
    }
    let Some(s) = &v.schema else { return false };
    match (s.kind, value) {
        (Kind::String, Value::String(_)) => true,
        (Kind::Integer | Kind::Long | Kind::Number, Value::Number(_)) => true,
        (Kind::Boolean, Value::Bool(_)) => true,
        (Kind::Array, Value::Array(_)) => true,
        // A string may carry a number or a list on the wire.
        (_, Value::String(_)) => s.wire.is_some(),
        (Kind::Ref | Kind::OneOf, _) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(yaml: &str) -> Schema {
        serde_yaml::from_str(yaml).expect("a schema")
    }

    fn rules(yaml: &str) -> Vec<(&'static str, Value)> {
        breaches(&schema(yaml))
            .into_iter()
            .map(|b| (b.rule, b.value))
            .collect()
    }

    #[test]
    fn each_string_rule_gets_a_value_that_breaks_it() {
        let got = rules(
            "{ type: string, min_length: 4, max_length: 6, pattern: '^[a-z]+$', forbidden_chars: '<>' }",
        );
        assert_eq!(
            got,
            [
                ("min_length", json!("aaa")),
                ("max_length", json!("aaaaaaa")),
                ("pattern", json!("!")),
                ("forbidden_chars", json!("aaa<")),
            ]
        );
        assert_eq!(
            rules("{ type: string, format: 'HH:MM' }"),
            [("format", json!("!"))]
        );
        // A pattern that accepts "!" gets the next odd string it refuses.
        assert_eq!(
            rules("{ type: string, pattern: '^[!]?$' }")[0].1,
            json!(" ")
        );
        // A pattern that accepts everything cannot be broken.
        assert!(rules("{ type: string, pattern: '(?s).*' }").is_empty());
    }

    #[test]
    fn numbers_step_past_their_bounds_within_their_type() {
        assert_eq!(
            rules("{ type: integer, minimum: 0, maximum: 1 }"),
            [("minimum", json!(-1)), ("maximum", json!(2))]
        );
        assert!(rules("{ type: integer, maximum: 2147483647 }").is_empty());
    }

    #[test]
    fn list_items_and_alternatives_are_broken_inside() {
        assert_eq!(
            rules("{ type: array, min_items: 1, items: { type: integer, maximum: 6 } }"),
            [("min_items", json!([])), ("maximum", json!([7]))]
        );
        let union = "{ type: one_of, variants: [ \
            { name: all, description: a, literal: 0 }, \
            { name: ids, description: i, schema: { type: array, items: { type: string, pattern: '^[0-9]+$' } } }, \
            { name: n, description: n, schema: { type: integer, minimum: 1 } } ] }";
        // `0` breaks `minimum` but is the literal alternative: left out.
        assert_eq!(rules(union), [("pattern", json!(["!"]))]);
    }
}
