//! Constraints a description cell states in words, by the labels of [`crate::vocab::STATED_WORDS`]
//! (`Minimum: **1**`, `Array Length: **0 - 255**`, `Default: **true**`, `Enumeration
//! values:` and its list, `默认值：10`): bounds, lengths, item counts, defaults and closed
//! value lists. Values a cell gives "for example" are not read: they stay examples. The labels,
//! range marks and number forms are `spec::vocab`'s, which the citation checker reads too: a
//! bound or default drafted from a label is one the checker finds on the page.

use serde_json::Value;
use spec::format::{Kind, Schema};

use crate::vocab::{self, Stated};

/// What a cell states.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Words {
    pub minimum: Option<i64>,
    pub maximum: Option<i64>,
    pub length: Option<(i64, i64)>,
    pub range: Option<(i64, i64)>,
    pub default: Option<String>,
    pub values: Vec<String>,
}

/// The words of a cell (paragraphs as lines).
pub fn read(cell: &str) -> Words {
    let mut w = Words::default();
    let lines: Vec<&str> = cell.lines().map(str::trim).collect();
    let mut i = 0;
    while i < lines.len() {
        let Some((what, rest)) = vocab::stated(lines[i]) else {
            i += 1;
            continue;
        };
        let value = rest.trim();
        match what {
            Stated::Minimum => w.minimum = vocab::stated_number(value),
            Stated::Maximum => w.maximum = vocab::stated_number(value),
            Stated::Length => w.length = vocab::range(value),
            Stated::Range => w.range = vocab::range(value),
            Stated::Default => {
                let v = crate::rst::strong(value)
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| value.trim_end_matches(['.', '。']).to_string());
                if !v.is_empty() && !v.contains(' ') {
                    w.default = Some(v);
                }
            }
            Stated::Values => {
                let mut values = crate::rst::strong(value);
                if values.is_empty() {
                    values = value
                        .split([',', '，', '、', ';'])
                        .map(|v| v.trim().trim_end_matches('.').to_string())
                        .filter(|v| !v.is_empty() && !v.contains(' '))
                        .collect();
                }
                // A list below the label: `- **x**` items.
                while let Some(next) = lines.get(i + 1).filter(|l| l.starts_with('-')) {
                    let item = next.trim_start_matches('-').trim();
                    // Items on adjacent lines share one paragraph: `**a** - **b**`.
                    let m = crate::rst::strong(item);
                    if m.is_empty() {
                        values.extend(item.split(" - ").map(|x| x.trim().to_string()));
                    } else {
                        values.extend(m);
                    }
                    i += 1;
                }
                w.values = values;
            }
        }
        i += 1;
    }
    w
}

/// The stated bounds on a schema of its kind; a bound of another kind's meaning is left
/// out. Returns whether anything was set.
pub fn constrain(s: &mut Schema, w: &Words) -> bool {
    let before = s.clone();
    let small = |v: i64| u32::try_from(v).ok();
    match s.kind {
        Kind::String => {
            let (lo, hi) = match (w.length, w.minimum, w.maximum) {
                (Some((a, b)), _, _) => (Some(a), Some(b)),
                (None, a, b) => (a, b),
            };
            s.min_length = lo.and_then(small).filter(|v| *v > 0);
            s.max_length = hi.and_then(small);
        }
        Kind::Integer | Kind::Long | Kind::Number => {
            let (lo, hi) = match w.range {
                Some((a, b)) => (Some(a), Some(b)),
                None => (w.minimum, w.maximum),
            };
            s.minimum = lo;
            s.maximum = hi;
        }
        Kind::Array => {
            let (lo, hi) = match w.length {
                Some((a, b)) => (Some(a), Some(b)),
                None => (w.minimum, w.maximum),
            };
            s.min_items = lo.and_then(small).filter(|v| *v > 0);
            s.max_items = hi.and_then(small);
        }
        _ => {}
    }
    *s != before
}

/// A stated default as a value of the schema's kind.
pub fn default(s: &Schema, w: &Words) -> Option<Value> {
    let d = w.default.as_deref()?;
    match s.kind {
        Kind::String => Some(Value::String(d.to_string())),
        Kind::Integer | Kind::Long => {
            let n: i64 = d.parse().ok()?;
            let ok = s.minimum.is_none_or(|m| n >= m) && s.maximum.is_none_or(|m| n <= m);
            ok.then(|| Value::from(n))
        }
        Kind::Number => d
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        Kind::Boolean => match d {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infer::kind;

    #[test]
    fn labels_in_four_languages() {
        let w = read("Name of it\nMinimum: **1**\nMaximum: **64**");
        assert_eq!((w.minimum, w.maximum), (Some(1), Some(64)));
        let w = read("Items\nArray Length: **0 - 255**");
        assert_eq!(w.length, Some((0, 255)));
        let w = read("Mode\nEnumeration values:\n-  **pending**\n-  **accepted**\nAfter.");
        assert_eq!(w.values, vec!["pending", "accepted"]);
        let w = read("Mode\nEnumeration values:\n-  **on** -  **off**");
        assert_eq!(w.values, vec!["on", "off"]);
        let w = read("Modo\nValores: a, b, c\nPadrão: b");
        assert_eq!(w.values, vec!["a", "b", "c"]);
        assert_eq!(w.default.as_deref(), Some("b"));
        let w = read("Размер\nДиапазон: 1–1000\nПо умолчанию: 10");
        assert_eq!(
            (w.range, w.default.as_deref()),
            (Some((1, 1000)), Some("10"))
        );
        let w = read("数量\n取值范围：1~100\n默认值：10");
        assert_eq!(
            (w.range, w.default.as_deref()),
            (Some((1, 100)), Some("10"))
        );
        // Values given as examples are not a closed list.
        let w = read("Time, for example, **2020-02-05T10:38:34**");
        assert_eq!(w, Words::default());
    }

    #[test]
    fn bounds_by_kind() {
        let w = read("x\nMinimum: **1**\nMaximum: **64**");
        let mut s = kind(Kind::String);
        assert!(constrain(&mut s, &w));
        assert_eq!((s.min_length, s.max_length), (Some(1), Some(64)));
        let mut n = kind(Kind::Integer);
        constrain(&mut n, &w);
        assert_eq!((n.minimum, n.maximum), (Some(1), Some(64)));
        let d = read("x\nDefault: **-1**");
        assert_eq!(default(&kind(Kind::Integer), &d), Some(Value::from(-1)));
        assert_eq!(
            default(&n, &d),
            None,
            "a default outside the bounds is not taken"
        );
    }
}
