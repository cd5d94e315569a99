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

/// ECMA-262's empty negative lookahead: matches nothing.
const EMPTY: &str = "(?!)";

/// A regex group for the decimal integers in `[lo, hi]`: an optional `-`, then digits,
/// leading zeros allowed (`-0` and `007` read as 0 and 7, as the mock reads them).
fn integer_range(lo: i128, hi: i128) -> String {
    if lo > hi {
        // An empty range (e.g. a minimum beyond the kind's maximum): nothing matches.
        return EMPTY.to_string();
    }
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

/// The spec's patterns match the whole value; JSON Schema's match anywhere. A pattern
/// anchored at both ends is kept as written (so a top-level `^a|b$` stays as loose as it
/// reads in ECMA-262).
pub(super) fn anchored(p: &str) -> String {
    let starts = p.starts_with('^');
    let ends = p.ends_with('$') && !p.ends_with("\\$");
    if starts && ends {
        return p.to_string();
    }
    // Anchors outside the group hold for every alternative; a `^` or `$` inside is harmless.
    format!("^(?:{})$", p.trim_start_matches('^'))
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

/// A literal in a pattern: ECMA-262's syntax characters escaped, nothing else (an identity
/// escape such as `\-` is an error under the `u` flag, and `\<` is a word boundary in
/// other dialects).
fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if "\\^$.|?*+()[]{}".contains(c) {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{
        anchored, class_escape, csv_pattern, int_text, integer_range, magnitudes, same_length,
        EMPTY,
    };
    use regex::Regex;
    use spec::format::{Schema, Spec};

    fn spec_with(types: &str) -> Spec {
        spec::yaml::from_str(&format!(
            r#"{{ provider: {{ id: t, title: T, description: d, base_url: "https://x", sources: [] }}, types: {types}, operations: [] }}"#
        ))
        .expect("spec")
    }

    /// A deterministic stream of numbers (a linear congruential generator), for probes.
    fn lcg(seed: u64) -> impl Iterator<Item = u64> {
        std::iter::successors(Some(seed), |x| {
            Some(
                x.wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407),
            )
        })
        .map(|x| x >> 33)
    }

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

    /// Every pair of edges (around zero, signs and powers of ten) as a range, probed at every
    /// edge and its neighbours, in canonical form and with leading zeros.
    #[test]
    fn integer_ranges_between_any_two_edges_match_exactly_their_members() {
        let edges: Vec<i128> = vec![
            -100_001, -10_000, -9_999, -1_000, -999, -101, -100, -99, -11, -10, -9, -2, -1, 0, 1,
            2, 9, 10, 11, 19, 20, 99, 100, 101, 199, 200, 999, 1_000, 1_001, 4_095, 9_999, 10_000,
            65_535, 100_001,
        ];
        let mut probes: Vec<i128> = edges.iter().flat_map(|e| e - 2..=e + 2).collect();
        probes.extend([-123_456, 123_456, 1_000_000, -1_000_000]);
        for (i, &lo) in edges.iter().enumerate() {
            for &hi in &edges[i..] {
                let r = re(lo, hi);
                for &n in &probes {
                    let member = (lo..=hi).contains(&n);
                    let padded = if n < 0 {
                        format!("-00{}", -n)
                    } else {
                        format!("00{n}")
                    };
                    for text in [n.to_string(), padded] {
                        assert_eq!(r.is_match(&text), member, "{lo}..={hi}: {text}");
                    }
                }
                // Zero has two spellings; either is zero.
                assert_eq!(r.is_match("-0"), (lo..=hi).contains(&0), "{lo}..={hi}: -0");
            }
        }
    }

    /// The 64-bit limits: one past either end (same length) and one digit more are out.
    #[test]
    fn integer_ranges_hold_at_the_64_bit_limits() {
        let (min, max) = (i64::MIN as i128, i64::MAX as i128);
        let r = re(min, max);
        for (text, ok) in [
            ("9223372036854775807", true),
            ("9223372036854775808", false),
            ("9223372036854775817", false),
            ("9999999999999999999", false),
            ("10000000000000000000", false),
            ("-9223372036854775808", true),
            ("-9223372036854775809", false),
            ("-10000000000000000000", false),
            ("1000000000000000000", true),
            ("-999999999999999999", true),
        ] {
            assert_eq!(r.is_match(text), ok, "{text}");
        }
        let positive = re(1, max);
        assert!(positive.is_match("9223372036854775807") && positive.is_match("1"));
        assert!(!positive.is_match("0") && !positive.is_match("-1") && !positive.is_match("-0"));
    }

    /// `int_text` clips the schema's bounds to its kind's range.
    #[test]
    fn number_text_is_held_to_the_schema_and_the_kind() {
        let s: Schema = spec::yaml::from_str("{ type: integer, minimum: -5000000000, maximum: 7 }")
            .expect("schema");
        let r = Regex::new(&int_text(&s, i32::MIN, i32::MAX)).expect("compiles");
        for (text, ok) in [
            ("-2147483648", true),
            ("-2147483649", false),
            ("-5000000000", false),
            ("7", true),
            ("8", false),
            ("07", true),
        ] {
            assert_eq!(r.is_match(text), ok, "{text}");
        }
    }

    /// A range that the kind leaves empty matches nothing, not the empty string or zero.
    #[test]
    fn empty_ranges_match_nothing() {
        let s: Schema =
            spec::yaml::from_str("{ type: integer, minimum: 3000000000 }").expect("schema");
        // The regex crate has no lookaround: the pattern is ECMA-262's empty lookahead.
        assert_eq!(int_text(&s, i32::MIN, i32::MAX), format!("^{EMPTY}$"));
        assert_eq!(integer_range(-3, -5), EMPTY);
        assert_eq!(integer_range(5, 3), EMPTY);
    }

    /// `magnitudes` spells the canonical forms only: no leading zeros, no sign.
    #[test]
    fn magnitudes_match_the_canonical_forms_of_the_range() {
        let mut numbers = lcg(7);
        let mut next = |below: u64| numbers.next().unwrap_or_default() % below;
        for _ in 0..60 {
            let a = i128::from(next(1_500));
            let b = a + i128::from(next(1_500));
            let r = Regex::new(&format!("^(?:{})$", magnitudes(a, b).join("|"))).expect("compiles");
            for n in 0..3_200i128 {
                assert_eq!(
                    r.is_match(&n.to_string()),
                    (a..=b).contains(&n),
                    "{a}..={b}: {n}"
                );
                if n > 0 {
                    assert!(!r.is_match(&format!("0{n}")), "{a}..={b}: 0{n}");
                }
            }
        }
    }

    /// `same_length` covers exactly the digit strings from `x` to `y` of their length,
    /// leading zeros included (the recursion hands it `00..` and `..99` bounds).
    #[test]
    fn same_length_matches_exactly_the_strings_between() {
        let mut numbers = lcg(11);
        for len in 1..=4u32 {
            let count = 10u64.pow(len);
            for _ in 0..25 {
                let mut pair = [0, 0].map(|_| numbers.next().unwrap_or_default() % count);
                pair.sort_unstable();
                let [x, y] = pair.map(|n| format!("{n:0width$}", width = len as usize));
                let mut alts = Vec::new();
                same_length(&x, &y, &mut alts);
                let r = Regex::new(&format!("^(?:{})$", alts.join("|"))).expect("compiles");
                for n in 0..count {
                    let text = format!("{n:0width$}", width = len as usize);
                    let between = x <= text && text <= y;
                    assert_eq!(r.is_match(&text), between, "{x}..={y}: {text}");
                }
            }
        }
    }

    /// A csv of enum values, with values that are regex syntax, and the count bounds.
    #[test]
    fn csv_patterns_of_enum_values_match_the_values_literally() {
        let spec = spec_with(
            r#"{ Mode: { description: m, values: [ { value: "a.b", description: x }, { value: "c+(d)", description: y }, { value: "e-f", description: z }, { value: "<g>", description: w }, { value: '?*[x]{2}|^$\', description: v } ] } }"#,
        );
        let array: Schema = spec::yaml::from_str(
            "{ type: array, wire: csv, max_items: 2, items: { type: ref, ref: Mode } }",
        )
        .expect("schema");
        let items = array.items.as_deref().cloned().unwrap_or_default();
        let r = Regex::new(&csv_pattern(&array, &items, &spec)).expect("compiles");
        for (text, ok) in [
            ("", true),
            ("a.b", true),
            ("c+(d),e-f", true),
            ("<g>,a.b", true),
            ("?*[x]{2}|^$\\", true),
            ("x", false),
            ("a.b,a.b,a.b", false),
            ("aXb", false),
            ("c(d)", false),
            ("ccc+(d)", false),
            ("e-f,", false),
        ] {
            assert_eq!(r.is_match(text), ok, "{text:?}");
        }
        let none: Schema = spec::yaml::from_str(
            "{ type: array, wire: csv, max_items: 0, items: { type: string } }",
        )
        .expect("schema");
        let r = Regex::new(&csv_pattern(&none, &Schema::default(), &spec)).expect("compiles");
        assert!(r.is_match("") && !r.is_match("x"));
    }

    /// The spec's patterns match whole values once anchored, whatever they anchor themselves.
    #[test]
    fn anchored_patterns_match_whole_values() {
        for (pattern, yes, no) in [
            ("a|b", &["a", "b"][..], &["ab", "xa", "bx", ""][..]),
            ("^a[0-9]+$", &["a1", "a09"], &["a", "xa1", "a1x"]),
            ("^ab", &["ab"], &["abc", "xab"]),
            ("ab$", &["ab"], &["xab", "abc"]),
            ("^a|b", &["a", "b"], &["ab", "xb", "ax"]),
            ("a|b$", &["a", "b"], &["ab", "ax", "xb"]),
            ("a\\$", &["a$"], &["a", "a$x", "xa$"]),
        ] {
            let r = Regex::new(&anchored(pattern)).expect("compiles");
            for text in yes {
                assert!(r.is_match(text), "{pattern}: {text}");
            }
            for text in no {
                assert!(!r.is_match(text), "{pattern}: {text}");
            }
        }
    }

    /// A forbidden-characters class rejects each of them, class syntax included, and nothing else.
    #[test]
    fn forbidden_character_classes_escape_class_syntax() {
        let forbidden = "]^-\\[<>";
        let r = Regex::new(&format!("^[^{}]*$", class_escape(forbidden))).expect("compiles");
        for c in forbidden.chars() {
            assert!(!r.is_match(&format!("ok{c}ok")), "{c}");
        }
        assert!(r.is_match("plain text, free_of+them!"));
    }
}
