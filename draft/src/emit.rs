//! The draft as YAML text in the spec format, with each note as a `# TODO(draft): …` comment
//! above its item. Strings are written plain only when YAML reads them back as the same
//! string; otherwise double-quoted with JSON escapes (valid YAML).

use serde_json::Value;

use crate::op::Notes;

/// The text, and the first line of each noted item (by path), for locating findings.
pub fn emit(value: &Value, notes: &Notes) -> (String, Vec<(String, usize)>) {
    let mut w = Writer {
        out: String::new(),
        notes,
        lines: Vec::new(),
    };
    w.out
        .push_str("# yaml-language-server: $schema=../schema/spec.schema.json\n");
    w.out.push_str(
        "# Drafted by `cargo xtask draft`: every `TODO` is a guess or a placeholder to review.\n",
    );
    if let Value::Object(m) = value {
        for (k, v) in m {
            w.entry(&format!("/{k}"), k, v, 0);
        }
    }
    (w.out, w.lines)
}

struct Writer<'a> {
    out: String,
    notes: &'a Notes,
    lines: Vec<(String, usize)>,
}

impl Writer<'_> {
    fn comments(&mut self, path: &str, indent: usize) {
        self.lines
            .push((path.to_string(), self.out.lines().count() + 1));
        if let Some(ns) = self.notes.get(path) {
            for n in ns {
                for l in n.lines() {
                    self.out.push_str(&format!("{}# {l}\n", " ".repeat(indent)));
                }
            }
        }
    }

    fn entry(&mut self, path: &str, key: &str, v: &Value, indent: usize) {
        self.comments(path, indent);
        let pad = " ".repeat(indent);
        match v {
            Value::Object(m) if !m.is_empty() => {
                self.out.push_str(&format!("{pad}{}:\n", scalar_str(key)));
                for (k, x) in ordered(m) {
                    self.entry(&format!("{path}/{k}"), k, x, indent + 2);
                }
            }
            Value::Array(a) if !a.is_empty() => {
                self.out.push_str(&format!("{pad}{}:\n", scalar_str(key)));
                for (i, x) in a.iter().enumerate() {
                    self.item(&format!("{path}/{i}"), x, indent + 2);
                }
            }
            Value::String(s) if key == "cite" && is_lines(s) => {
                self.out.push_str(&format!("{pad}cite: {s}\n"))
            }
            other => self
                .out
                .push_str(&format!("{pad}{}: {}\n", scalar_str(key), scalar(other))),
        }
    }

    fn item(&mut self, path: &str, v: &Value, indent: usize) {
        self.comments(path, indent);
        let pad = " ".repeat(indent);
        match v {
            Value::Object(m) if !m.is_empty() => {
                // The keys one level in, then `- ` on the first key's line.
                let before = self.out.len();
                for (k, x) in ordered(m) {
                    self.entry(&format!("{path}/{k}"), k, x, indent + 2);
                }
                let written = self.out.split_off(before);
                let mut dashed = false;
                for l in written.lines() {
                    if !dashed && !l.trim_start().starts_with('#') {
                        self.out.push_str(&format!("{pad}- {}\n", &l[indent + 2..]));
                        dashed = true;
                    } else {
                        self.out.push_str(l);
                        self.out.push('\n');
                    }
                }
            }
            Value::Array(a) if !a.is_empty() => {
                self.out.push_str(&format!("{pad}-\n"));
                for (i, x) in a.iter().enumerate() {
                    self.item(&format!("{path}/{i}"), x, indent + 2);
                }
            }
            other => self.out.push_str(&format!("{pad}- {}\n", scalar(other))),
        }
    }
}

/// An object's members with `cite` second, beside the name or id it cites.
fn ordered(m: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut v: Vec<(&String, &Value)> = m.iter().collect();
    if let Some(i) = v.iter().position(|(k, _)| *k == "cite") {
        let c = v.remove(i);
        v.insert(1.min(v.len()), c);
    }
    v
}

/// A citation of page lines only (`45`, `45-47`, `12; 30-41`): plain YAML reads it back
/// as written (a bare number as the number, which the format takes as a line).
fn is_lines(s: &str) -> bool {
    !s.is_empty()
        && s.split("; ").all(|part| {
            let (a, b) = part.split_once('-').unwrap_or((part, "0"));
            [a, b]
                .iter()
                .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        })
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => scalar_str(s),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
        other => other.to_string(),
    }
}

/// A string YAML reads back unchanged: plain when safe, else JSON-quoted.
pub fn scalar_str(s: &str) -> String {
    const WORDS: &[&str] = &[
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~",
    ];
    let plain = !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ' ' | '(' | ')' | ',')
        })
        && s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '/')
        && !s.ends_with(' ')
        && !WORDS.contains(&s.to_lowercase().as_str())
        && s.parse::<f64>().is_err();
    if plain {
        s.to_string()
    } else {
        Value::String(s.to_string()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn round_trips_through_yaml_with_comments() {
        let v = json!({"a": {"b": ["x", "yes", "1.5", "a: b", "", {"k": 1, "l": [true, null]}]}, "c": {}, "d": [],
            "e": [{"name": "op", "x": 1, "cite": "12-14; 20"}, {"cite": "inferred: a guess"}]});
        let mut notes = Notes::new();
        notes.insert("/a/b/5".into(), vec!["TODO(draft): item".into()]);
        notes.insert("/a/b/5/k".into(), vec!["TODO(draft): key".into()]);
        let (text, lines) = emit(&v, &notes);
        assert!(text.contains("# TODO(draft): item"), "{text}");
        let back: Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, v, "{text}");
        assert!(
            text.contains("  - name: op\n    cite: 12-14; 20\n"),
            "{text}"
        );
        assert!(is_lines("45") && is_lines("4-5; 7") && !is_lines("4-") && !is_lines("x"));
        assert!(lines.iter().any(|(p, _)| p == "/a/b/5"));
    }
}
