//! The regex synthesiser: patterns that hold text to what the spec allows, for values sent as
//! text (numbers as strings, csv lists, parameters) and for the spec's own patterns.
//! Patterns are ECMA-262, as JSON Schema reads them; the tests check them with the `regex`
//! crate, whose syntax agrees on everything emitted here but the empty range's `(?!)`.

use spec::format::{Kind, Schema, Spec};

/// The decimal text of an integer within the schema's bounds and its kind's range, so a
/// number sent as a string is held to the same limits as a JSON number.
pub(super) fn int_text(s: &Schema, kind_min: impl Into<i64>, kind_max: impl Into<i64>) -> String {
    format!("^{}$", int_item(s, kind_min, kind_max))
}

/// [`int_text`] unanchored, for a csv item.
fn int_item(s: &Schema, kind_min: impl Into<i64>, kind_max: impl Into<i64>) -> String {
    let lo = s.minimum.unwrap_or(i64::MIN).max(kind_min.into());
    let hi = s.maximum.unwrap_or(i64::MAX).min(kind_max.into());
    integer_range(lo.into(), hi.into())
}

/// A regex group for the decimal integers in `[lo, hi]`: an optional `-`, then digits,
/// leading zeros allowed (`-0` and `007` read as 0 and 7, as the mock reads them).
fn integer_range(lo: i128, hi: i128) -> String {
    let mut alts = Vec::new();
    // Non-negative values, then negative ones by magnitude (zero may come either way).
    if hi >= 0 {
        alts.push(format!("0*(?:{})", magnitudes(lo.max(0), hi).join("|")));
    }
    if lo <= 0 {
        alts.push(format!(
            "-0*(?:{})",
            magnitudes((-hi).max(0), -lo).join("|")
        ));
    }
    if alts.is_empty() {
        // An empty range: nothing matches.
        return "(?!)".to_string();
    }
    format!("(?:{})", alts.join("|"))
}

/// Regex alternatives for the canonical decimal forms of `[a, b]`, `0 <= a <= b`.
fn magnitudes(a: i128, b: i128) -> Vec<String> {
    let mut out = Vec::new();
    let digits = |n: i128| n.to_string().len() as u32;
    // Lengths whose every number is in range collapse into one `[1-9][0-9]{m,n}`.
    let mut full: Option<(u32, u32)> = None;
    let flush = |full: &mut Option<(u32, u32)>, out: &mut Vec<String>| {
        if let Some((m, n)) = full.take() {
            let (m, n) = (m - 1, n - 1);
            out.push(match (m, n) {
                (0, 0) => "[1-9]".to_string(),
                _ if m == n => format!("[1-9][0-9]{{{m}}}"),
                _ => format!("[1-9][0-9]{{{m},{n}}}"),
            });
        }
    };
    for len in digits(a)..=digits(b) {
        let first = if len == 1 { 1 } else { 10i128.pow(len - 1) };
        let last = 10i128.pow(len) - 1;
        if len == 1 && a == 0 {
            out.push("0".to_string());
        }
        let (x, y) = (a.max(first), b.min(last));
        if x == first && y == last {
            full = Some(full.map_or((len, len), |(m, _)| (m, len)));
            continue;
        }
        flush(&mut full, &mut out);
        if x <= y {
            same_length(&x.to_string(), &y.to_string(), &mut out);
        }
    }
    flush(&mut full, &mut out);
    out
}

/// Alternatives for the digit strings of one length from `x` to `y` (`x <= y`).
fn same_length(x: &str, y: &str, out: &mut Vec<String>) {
    let common = x.bytes().zip(y.bytes()).take_while(|(p, q)| p == q).count();
    if common == x.len() {
        return out.push(x.to_string());
    }
    let (prefix, x0, y0) = (&x[..common], x.as_bytes()[common], y.as_bytes()[common]);
    let (x_rest, y_rest) = (&x[common + 1..], &y[common + 1..]);
    let rest = x_rest.len();
    let digit_then_any = |lo: u8, hi: u8| {
        let class = match (lo, hi) {
            _ if lo == hi => (lo as char).to_string(),
            (b'0', b'9') if rest == 0 => "[0-9]".to_string(),
            (b'0', b'9') => return format!("[0-9]{{{}}}", rest + 1),
            _ => format!("[{}-{}]", lo as char, hi as char),
        };
        match rest {
            0 => class,
            1 => format!("{class}[0-9]"),
            n => format!("{class}[0-9]{{{n}}}"),
        }
    };
    let group = |alts: Vec<String>| match alts.len() {
        1 => alts.concat(),
        _ => format!("(?:{})", alts.join("|")),
    };
    if x_rest.bytes().all(|c| c == b'0') && y_rest.bytes().all(|c| c == b'9') {
        return out.push(format!("{prefix}{}", digit_then_any(x0, y0)));
    }
    // x0 followed by x_rest..99, the whole digits between, then y0 followed by 00..y_rest.
    let mut low = Vec::new();
    same_length(x_rest, &"9".repeat(rest), &mut low);
    out.push(format!("{prefix}{}{}", x0 as char, group(low)));
    if y0 - x0 > 1 {
        out.push(format!("{prefix}{}", digit_then_any(x0 + 1, y0 - 1)));
    }
    let mut high = Vec::new();
    same_length(&"0".repeat(rest), y_rest, &mut high);
    out.push(format!("{prefix}{}{}", y0 as char, group(high)));
}

/// The spec's patterns match the whole value; JSON Schema's match anywhere.
pub(super) fn anchored(p: &str) -> String {
    let start = if p.starts_with('^') { "" } else { "^" };
    let end = if p.ends_with('$') && !p.ends_with("\\$") {
        ""
    } else {
        "$"
    };
    if start.is_empty() && end.is_empty() {
        p.to_string()
    } else {
        format!("{start}(?:{}){end}", p.trim_start_matches('^'))
    }
}

pub(super) fn class_escape(chars: &str) -> String {
    chars
        .chars()
        .map(|c| match c {
            '\\' | ']' | '[' | '^' | '-' => format!("\\{c}"),
            c => c.to_string(),
        })
        .collect()
}

/// A comma-separated list of items, as many as the array allows: the item's own pattern
/// where it has a simple one.
pub(super) fn csv_pattern(array: &Schema, items: &Schema, spec: &Spec) -> String {
    let item = match items.kind {
        Kind::Integer => int_item(items, i32::MIN, i32::MAX),
        Kind::Long => int_item(items, i64::MIN, i64::MAX),
        Kind::Ref => items
            .reference
            .as_ref()
            .and_then(|r| spec.types.get(r))
            .filter(|d| !d.values.is_empty())
            .map(|d| {
                let alts: Vec<String> = d.values.iter().map(|v| regex_escape(&v.value)).collect();
                format!("(?:{})", alts.join("|"))
            })
            .unwrap_or_else(|| "[^,]+".into()),
        _ => "[^,]+".to_string(),
    };
    // `{m,n}` counts the items after the first; the empty string is the empty list.
    let more_min = array.min_items.unwrap_or(0).saturating_sub(1);
    let more = match array.max_items {
        Some(0) => return "^$".to_string(),
        Some(max) => format!("{{{more_min},{}}}", max - 1),
        None => format!("{{{more_min},}}"),
    };
    let list = format!("{item}(?:,{item}){more}");
    if array.min_items.unwrap_or(0) == 0 {
        format!("^(?:{list})?$")
    } else {
        format!("^{list}$")
    }
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == ' ' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{csv_pattern, integer_range};
    use regex::Regex;
    use spec::format::{Schema, Spec};

    #[test]
    fn csv_patterns_bound_the_item_count_and_each_item() {
        let array: Schema = spec::yaml::from_str(
            "{ type: array, wire: csv, min_items: 2, max_items: 3, items: { type: integer, minimum: 1, maximum: 12 } }",
        )
        .expect("schema");
        let items = array.items.as_deref().cloned().unwrap_or_default();
        let spec: Spec = spec::yaml::from_str(
            r#"{ provider: { id: t, title: T, description: d, base_url: "https://x", sources: [] }, operations: [] }"#,
        )
        .expect("spec");
        let r = Regex::new(&csv_pattern(&array, &items, &spec)).expect("compiles");
        for (text, ok) in [
            ("1,12", true),
            ("3,4,05", true),
            ("1", false),
            ("1,2,3,4", false),
            ("1,13", false),
            ("", false),
            ("1,,2", false),
        ] {
            assert_eq!(r.is_match(text), ok, "{text:?}");
        }
    }

    fn re(lo: i128, hi: i128) -> Regex {
        Regex::new(&format!("^{}$", integer_range(lo, hi))).expect("pattern compiles")
    }

    /// Against every value around the interesting places, the regex agrees with parsing.
    #[test]
    fn integer_range_patterns_match_exactly_the_range() {
        let ranges: [(i128, i128); 8] = [
            (0, 1),
            (1, 200),
            (-5, 5),
            (-1234, -17),
            (37, 4096),
            (0, 0),
            (i32::MIN as i128, i32::MAX as i128),
            (10, 99),
        ];
        for (lo, hi) in ranges {
            let r = re(lo, hi);
            let mut probes: Vec<i128> = (-1300..5000).collect();
            for edge in [lo, hi, i32::MIN as i128, i32::MAX as i128] {
                probes.extend(edge - 3..=edge + 3);
            }
            for n in probes {
                let text = n.to_string();
                assert_eq!(
                    r.is_match(&text),
                    (lo..=hi).contains(&n),
                    "{lo}..={hi}: {text}"
                );
            }
        }
        let r = re(0, 1);
        for (text, want) in [("00", true), ("-0", true), ("001", true), ("+1", false)] {
            assert_eq!(r.is_match(text), want, "{text}");
        }
        for text in ["", "-", " 1", "1 ", "1.0", "1e2"] {
            assert!(!re(-5, 5).is_match(text), "{text:?}");
        }
        let full = re(i64::MIN as i128, i64::MAX as i128);
        assert!(full.is_match("-9223372036854775808"));
        assert!(!full.is_match("9223372036854775808"));
    }
}
