//! JSON blocks: where one ends, whether it parses, and a guessed repair of the slips pages
//! make (an elision line `...`, a trailing comma, a missing comma between members).

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct JsonBlock {
    /// The page's text of the block, verbatim.
    pub text: String,
    /// The block parsed as is.
    pub value: Option<Value>,
    /// When it does not parse: the repaired form, if the repair parses.
    pub repaired: Option<Value>,
}

impl JsonBlock {
    pub fn new(text: &str) -> JsonBlock {
        let value = serde_json::from_str(text).ok();
        let repaired = if value.is_none() { repair(text) } else { None };
        JsonBlock {
            text: text.to_string(),
            value,
            repaired,
        }
    }

    /// The value to use: as printed, else repaired.
    pub fn best(&self) -> Option<&Value> {
        self.value.as_ref().or(self.repaired.as_ref())
    }
}

/// Bracket depth after `text`, starting from `depth` and string state `in_string`.
pub fn depth(text: &str, mut depth: i64, in_string: &mut bool) -> i64 {
    let mut escaped = false;
    for c in text.chars() {
        if *in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => *in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => *in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            _ => {}
        }
    }
    depth
}

/// Drop elision lines, trailing commas and add missing commas between members.
pub fn repair(text: &str) -> Option<Value> {
    let kept: String = text
        .lines()
        .filter(|l| !matches!(l.trim(), "..." | "…" | "...," | "…,"))
        .collect::<Vec<_>>()
        .join("\n");
    let chars: Vec<char> = kept.chars().collect();
    let mut out = String::with_capacity(kept.len() + 8);
    let mut in_string = false;
    let mut escaped = false;
    // The last significant character outside strings (or `"` for a string's end).
    let mut last: Option<char> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    in_string = false;
                    last = Some('"');
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            ',' => {
                let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                if !matches!(next, Some('}') | Some(']')) {
                    out.push(c);
                    last = Some(',');
                }
            }
            '"' => {
                let value_end = matches!(last, Some('"') | Some('}') | Some(']'))
                    || last.is_some_and(|l| l.is_ascii_alphanumeric());
                if value_end {
                    out.push(',');
                }
                out.push(c);
                in_string = true;
            }
            c if c.is_whitespace() => out.push(c),
            c => {
                out.push(c);
                last = Some(c);
            }
        }
        i += 1;
    }
    serde_json::from_str(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn valid_blocks_parse_as_printed() {
        let b = JsonBlock::new("{\"a\": [1, 2], \"b\": \"x\\\"y\"}");
        assert_eq!(b.value, Some(json!({"a": [1, 2], "b": "x\"y"})));
        assert_eq!(b.repaired, None);
    }

    #[test]
    fn repairs_missing_and_trailing_commas_and_elisions() {
        let b = JsonBlock::new("{ \"a\": \"x\" \"b\": 2 }");
        assert_eq!(b.value, None);
        assert_eq!(b.repaired, Some(json!({"a": "x", "b": 2})));
        let b = JsonBlock::new("{\n\"top\": {\n...\n\"list\": [1],\n}\n}");
        assert_eq!(b.repaired, Some(json!({"top": {"list": [1]}})));
        assert_eq!(JsonBlock::new("{ \"a\": }").best(), None);
    }

    #[test]
    fn depth_ignores_brackets_in_strings() {
        let mut s = false;
        assert_eq!(depth("{\"a\": \"}]\"", 0, &mut s), 1);
        assert!(!s);
        assert_eq!(depth("}", 1, &mut s), 0);
    }
}
