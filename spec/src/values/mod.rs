//! Checking JSON values against spec schemas: documented examples (validator), requests the
//! mock receives, responses a live endpoint sends (drift). One walker serves all three, so
//! its messages name the exact place (`records[0].size`) and rule (`minimum 0`).

use std::cell::RefCell;
use std::collections::HashMap;

use regex::Regex;
use serde_json::Value;

use crate::format::{Format, Kind, Schema, Spec, TypeDef, Wire};

/// How values are represented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repr {
    /// JSON as the payload type has it (`126`, `[1, 2]`).
    Typed,
    /// As sent on the wire: `wire: string` numbers may be strings, `wire: csv` arrays may be
    /// one comma-separated string; query/form values are always strings.
    Wire,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub repr: Repr,
    /// Report object members the schema does not declare (live drift); otherwise tolerated.
    pub report_unknown_fields: bool,
}

/// One way a value breaks its schema. `path` is like `backup_record_response[0].size`
/// (empty for the value itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "`{}`: {}", self.path, self.message)
        }
    }
}

/// Nesting limit: guards against `one_of`/`ref` cycles that consume no input.
const MAX_DEPTH: usize = 64;

mod wire;

use self::wire::{decode, wire_text};
pub use self::wire::{decode_wire, typed};

/// Check `value` against `schema`; `spec` resolves `type: ref`. Empty result: valid.
pub fn check(schema: &Schema, value: &Value, spec: &Spec, opts: Options) -> Vec<Violation> {
    check_at_most(schema, value, spec, opts, usize::MAX).0
}

/// [`check`] keeping the first `max` violations, and counting the others without holding
/// them: a value of millions of bad members (a hostile live response) is checked in memory
/// bounded by `max`, not by its size.
pub fn check_at_most(
    schema: &Schema,
    value: &Value,
    spec: &Spec,
    opts: Options,
    max: usize,
) -> (Vec<Violation>, usize) {
    let mut w = Walker {
        spec,
        opts,
        out: Vec::new(),
        max,
        dropped: 0,
    };
    w.walk(schema, value, "", 0);
    (w.out, w.dropped)
}

fn resolve<'a>(schema: &Schema, spec: &'a Spec) -> Option<&'a TypeDef> {
    schema
        .reference
        .as_deref()
        .and_then(|name| spec.types.get(name))
}

struct Walker<'a> {
    spec: &'a Spec,
    opts: Options,
    out: Vec<Violation>,
    /// Violations kept at most; the rest are counted in `dropped`.
    max: usize,
    dropped: usize,
}

impl Walker<'_> {
    fn fail(&mut self, path: &str, message: String) {
        if self.out.len() >= self.max {
            self.dropped += 1;
            return;
        }
        self.out.push(Violation {
            path: path.to_string(),
            message,
        });
    }

    fn walk(&mut self, schema: &Schema, value: &Value, path: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return self.fail(path, "schema nests too deeply (a reference cycle?)".into());
        }
        if value.is_null() {
            if !(schema.nullable || schema.kind == Kind::Unit) {
                self.fail(
                    path,
                    "null is not allowed here (schema is not nullable)".into(),
                );
            }
            return;
        }
        let wire = self.opts.repr == Repr::Wire;
        match schema.kind {
            Kind::Unit => {}
            Kind::String => match value.as_str() {
                Some(s) => self.string_rules(schema, s, path),
                None => self.fail(path, format!("expected a string, got {}", describe(value))),
            },
            Kind::Integer | Kind::Long | Kind::Number => {
                let num = match value {
                    Value::Number(n) => Some(n.clone()),
                    Value::String(s) if wire && schema.wire == Some(Wire::String) => {
                        match decode(schema, s, self.spec, depth) {
                            Ok(Value::Number(n)) => Some(n),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                match num {
                    Some(n) => self.number_rules(schema, &n, path),
                    None => self.fail(
                        path,
                        format!(
                            "expected {}, got {}",
                            kind_name(schema.kind),
                            describe(value)
                        ),
                    ),
                }
            }
            Kind::Boolean => {
                let ok = value.is_boolean()
                    || (wire
                        && schema.wire == Some(Wire::String)
                        && matches!(value.as_str(), Some("true" | "false")));
                if !ok {
                    self.fail(path, format!("expected a boolean, got {}", describe(value)));
                }
            }
            Kind::Array => self.array(schema, value, path, depth),
            Kind::Ref => self.reference(schema, value, path, depth),
            Kind::OneOf => self.one_of(schema, value, path, depth),
        }
    }

    fn string_rules(&mut self, schema: &Schema, s: &str, path: &str) {
        let len = s.chars().count();
        if let Some(min) = schema.min_length {
            if len < min as usize {
                self.fail(path, format!("length {len} is below min_length {min}"));
            }
        }
        if let Some(max) = schema.max_length {
            if len > max as usize {
                self.fail(path, format!("length {len} is above max_length {max}"));
            }
        }
        if let Some(p) = &schema.pattern {
            match matches_regex(p, s) {
                Ok(true) => {}
                Ok(false) => self.fail(path, format!("`{s}` does not match pattern `{p}`")),
                Err(e) => self.fail(path, format!("pattern `{p}` does not compile: {e}")),
            }
        }
        if let Some(chars) = &schema.forbidden_chars {
            if let Some(c) = s.chars().find(|c| chars.contains(*c)) {
                self.fail(path, format!("`{s}` contains forbidden character `{c}`"));
            }
        }
        if let Some(f) = schema.format {
            // The pattern gives the shape (and is what the OpenAPI export carries); the
            // calendar is checked apart: no February 30, February 29 in leap years only.
            if !matches_regex(f.pattern(), s).unwrap_or(false) || !on_the_calendar(f, s) {
                self.fail(path, format!("`{s}` is not in format `{}`", f.name()));
            }
        }
    }

    fn number_rules(&mut self, schema: &Schema, n: &serde_json::Number, path: &str) {
        let (range, name) = match schema.kind {
            Kind::Integer => (Some((i32::MIN as i64, i32::MAX as i64)), "an integer"),
            Kind::Long => (Some((i64::MIN, i64::MAX)), "a long"),
            _ => (None, "a number"),
        };
        if let Some((lo, hi)) = range {
            match whole(n) {
                Some(i) if i >= lo && i <= hi => {}
                _ => return self.fail(path, format!("expected {name}, got {n}")),
            }
        }
        let Some(x) = n.as_f64() else { return };
        if let Some(min) = schema.minimum {
            if x < min as f64 {
                self.fail(path, format!("{n} is below minimum {min}"));
            }
        }
        if let Some(max) = schema.maximum {
            if x > max as f64 {
                self.fail(path, format!("{n} is above maximum {max}"));
            }
        }
    }

    fn array(&mut self, schema: &Schema, value: &Value, path: &str, depth: usize) {
        let decoded;
        let items: &[Value] = match value {
            Value::Array(a) => a,
            Value::String(s) if self.opts.repr == Repr::Wire && schema.wire == Some(Wire::Csv) => {
                match decode(schema, s, self.spec, depth) {
                    Ok(Value::Array(a)) => {
                        decoded = a;
                        &decoded
                    }
                    Ok(_) => return,
                    Err(e) => return self.fail(path, format!("bad comma-separated list: {e}")),
                }
            }
            other => return self.fail(path, format!("expected an array, got {}", describe(other))),
        };
        if let Some(min) = schema.min_items {
            if items.len() < min as usize {
                self.fail(
                    path,
                    format!("{} items, below min_items {min}", items.len()),
                );
            }
        }
        if let Some(max) = schema.max_items {
            if items.len() > max as usize {
                self.fail(
                    path,
                    format!("{} items, above max_items {max}", items.len()),
                );
            }
        }
        let Some(item_schema) = schema.items.as_deref() else {
            return self.fail(path, "array schema has no `items`".into());
        };
        for (i, item) in items.iter().enumerate() {
            self.walk(item_schema, item, &format!("{path}[{i}]"), depth + 1);
        }
    }

    fn reference(&mut self, schema: &Schema, value: &Value, path: &str, depth: usize) {
        let name = schema.reference.as_deref().unwrap_or("");
        let Some(def) = self.spec.types.get(name) else {
            return self.fail(path, format!("unknown type `{name}`"));
        };
        if !def.values.is_empty() {
            let Some(s) = value.as_str() else {
                return self.fail(
                    path,
                    format!("expected a string (enum `{name}`), got {}", describe(value)),
                );
            };
            if !def.values.iter().any(|v| v.value == s) {
                let allowed: Vec<String> = def
                    .values
                    .iter()
                    .map(|v| format!("`{}`", v.value))
                    .collect();
                self.fail(
                    path,
                    format!(
                        "`{s}` is not a value of `{name}` (one of {})",
                        allowed.join(", ")
                    ),
                );
            }
            return;
        }
        let Some(obj) = value.as_object() else {
            return self.fail(
                path,
                format!("expected an object (`{name}`), got {}", describe(value)),
            );
        };
        for field in &def.fields {
            let sub = join(path, &field.name);
            match obj.get(&field.name) {
                Some(v) => self.walk(&field.schema, v, &sub, depth + 1),
                None if field.required => {
                    self.fail(path, format!("missing required field `{}`", field.name))
                }
                None => {}
            }
        }
        if self.opts.report_unknown_fields {
            for key in obj.keys() {
                if !def.fields.iter().any(|f| &f.name == key) {
                    self.fail(&join(path, key), format!("field not declared in `{name}`"));
                }
            }
        }
    }

    fn one_of(&mut self, schema: &Schema, value: &Value, path: &str, depth: usize) {
        let mut reasons = Vec::new();
        for v in &schema.variants {
            if let Some(lit) = &v.literal {
                let wire_match = self.opts.repr == Repr::Wire
                    && value.as_str().is_some_and(|s| s == wire_text(lit));
                if value == lit || wire_match {
                    return;
                }
                reasons.push(format!("`{}`: not the literal {lit}", v.name));
            }
            if let Some(s) = &v.schema {
                // Only the first reason is shown.
                let mut inner = Walker {
                    spec: self.spec,
                    opts: self.opts,
                    out: Vec::new(),
                    max: 1,
                    dropped: 0,
                };
                inner.walk(s, value, path, depth + 1);
                match inner.out.first() {
                    None => return,
                    Some(first) => reasons.push(format!("`{}`: {first}", v.name)),
                }
            }
        }
        self.fail(
            path,
            format!("matches none of the variants ({})", reasons.join("; ")),
        );
    }
}

/// The integer a JSON number denotes, if any. As in JSON Schema, `-3.0` is the integer -3:
/// JSON does not tell `3` from `3.0`, and serializers may write either.
fn whole(n: &serde_json::Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    let x = n.as_f64()?;
    // `i64::MAX as f64` rounds up to 2^63, so the upper bound is exclusive.
    (x.fract() == 0.0 && x >= i64::MIN as f64 && x < i64::MAX as f64).then_some(x as i64)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Integer => "an integer",
        Kind::Long => "a long",
        _ => "a number",
    }
}

/// The value's JSON kind and a short rendering, e.g. ``a string `"abc"` ``.
fn describe(v: &Value) -> String {
    let text = v.to_string();
    let short: String = text.chars().take(40).collect();
    let ell = if short.len() < text.len() { "..." } else { "" };
    let kind = match v {
        Value::Null => return "null".to_string(),
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    format!("{kind} `{short}{ell}`")
}

thread_local! {
    /// Compiled patterns: the mock checks the same few patterns on every request.
    static REGEXES: RefCell<HashMap<String, Result<Regex, String>>> = RefCell::new(HashMap::new());
}

/// Whether the whole of `s` matches `pattern`; `Err` when the pattern does not compile.
/// Does a value already in the shape of format `f` name a real date and time? Months 1 to
/// 12, days within their month (leap years by the Gregorian rule), hours 0 to 23, minutes 0
/// to 59, seconds 0 to 60 (RFC 3339 allows a leap second), offsets within a day.
fn on_the_calendar(f: Format, s: &str) -> bool {
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = s.get(range)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let date_ok = |y: Option<u32>, m: Option<u32>, d: Option<u32>| match (y, m, d) {
        (Some(y), Some(m), Some(d)) => {
            (1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d)
        }
        _ => false,
    };
    let time_ok = |h: Option<u32>, min: Option<u32>, sec: Option<u32>| {
        h.is_some_and(|h| h <= 23) && min.is_some_and(|m| m <= 59) && sec.is_some_and(|s| s <= 60)
    };
    match f {
        Format::Date => date_ok(num(0..4), num(5..7), num(8..10)),
        Format::CompactTimestamp => {
            date_ok(num(0..4), num(4..6), num(6..8))
                && time_ok(num(8..10), num(10..12), num(12..14))
        }
        Format::TimeOfDay => time_ok(num(0..2), num(3..5), Some(0)),
        Format::DateTime => {
            let offset_ok = match s.rfind(['+', '-']).filter(|&at| at > 10) {
                // `+08:00` or `+0800`.
                Some(at) => {
                    let off = s[at + 1..].replace(':', "");
                    off.len() == 4
                        && off[..2].parse::<u32>().is_ok_and(|h| h <= 23)
                        && off[2..].parse::<u32>().is_ok_and(|m| m <= 59)
                }
                None => s.ends_with('Z'),
            };
            date_ok(num(0..4), num(5..7), num(8..10))
                && time_ok(num(11..13), num(14..16), num(17..19))
                && offset_ok
        }
        Format::Ipv4 => true,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub fn matches_regex(pattern: &str, s: &str) -> Result<bool, String> {
    REGEXES.with(|cache| {
        let mut cache = cache.borrow_mut();
        // Looked up before `entry`, which would allocate the key on every call.
        if let Some(re) = cache.get(pattern) {
            return re.as_ref().map(|r| r.is_match(s)).map_err(Clone::clone);
        }
        let re = cache.entry(pattern.to_string()).or_insert_with(|| {
            // Anchor so a pattern constrains the whole value, as the spec format says.
            Regex::new(&format!("^(?:{pattern})$")).map_err(|e| one_line(&e.to_string()))
        });
        re.as_ref().map(|r| r.is_match(s)).map_err(Clone::clone)
    })
}

/// regex errors span several lines with a caret diagram; keep the last line, the reason.
fn one_line(msg: &str) -> String {
    msg.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(msg)
        .trim()
        .trim_start_matches("error: ")
        .to_string()
}

#[cfg(test)]
mod tests;
