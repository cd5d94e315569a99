//! What a plain scalar's text means under the YAML 1.2 core schema, as serde_yaml resolved
//! it: null, a boolean, an integer, a float, or else a string.

fn parse_null(s: &str) -> bool {
    matches!(s, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Leading zeros then digits is a string in YAML 1.2.
fn digits_but_not_number(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    s.len() > 1 && s.starts_with('0') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

/// `0x`, `0o`, `0b` and decimal, with an optional `+`.
fn parse_unsigned(s: &str) -> Option<u128> {
    let s = s.strip_prefix('+').unwrap_or(s);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = s.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(n) = u128::from_str_radix(rest, radix) {
                return Some(n);
            }
        }
    }
    if s.starts_with(['+', '-']) || digits_but_not_number(s) {
        return None;
    }
    s.parse().ok()
}

fn parse_negative(s: &str) -> Option<i128> {
    let rest = s.strip_prefix('-')?;
    if rest.starts_with(['+', '-']) {
        return None;
    }
    let n = parse_unsigned(rest)?;
    if n == 1u128 << 127 {
        return Some(i128::MIN);
    }
    i128::try_from(n).ok().map(|n| -n)
}

fn parse_f64(s: &str) -> Option<f64> {
    let unsigned = match s.strip_prefix('+') {
        Some(u) if u.starts_with(['+', '-']) => return None,
        Some(u) => u,
        None => s,
    };
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    match s {
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    if digits_but_not_number(s) {
        return None;
    }
    unsigned.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// What a plain scalar resolves to.
pub(super) enum Resolved<'a> {
    Null,
    Bool(bool),
    Unsigned(u128),
    Negative(i128),
    Float(f64),
    Str(&'a str),
}

/// What a scalar resolves to: a quoted or tagged one (`plain` false) is always a string.
pub(super) fn resolve(s: &str, plain: bool) -> Resolved<'_> {
    if !plain {
        return Resolved::Str(s);
    }
    if s.is_empty() || parse_null(s) {
        return Resolved::Null;
    }
    if let Some(b) = parse_bool(s) {
        return Resolved::Bool(b);
    }
    if let Some(n) = parse_unsigned(s) {
        return Resolved::Unsigned(n);
    }
    if let Some(n) = parse_negative(s) {
        return Resolved::Negative(n);
    }
    if let Some(f) = parse_f64(s) {
        return Resolved::Float(f);
    }
    Resolved::Str(s)
}
