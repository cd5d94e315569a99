//! Serde's deserialization messages reworded: what is wrong, where, and how to fix it.

use crate::diag::list_names;

use super::{de, display_path, PathSeg, SourceMap, YamlError};

/// Turn a deserialization failure into a located message with a fix.
pub(super) fn describe(map: &SourceMap, err: de::DeError) -> YamlError {
    let mut node = err.node.unwrap_or(0);
    let raw = err.msg;
    // An unknown or repeated key reported at its mapping (as the internally tagged enums
    // do): point at the key itself.
    if !err.on_key {
        for prefix in ["unknown field `", "duplicate field `"] {
            if let Some(name) = raw.strip_prefix(prefix).and_then(|r| r.split('`').next()) {
                if let Some(child) = map.child(node, &PathSeg::Key(name.to_string())) {
                    node = child;
                }
            }
        }
    }
    let path = map.path_of(node);
    let pos = map.nodes[node as usize].key_or_value();
    let at = if path.is_empty() {
        "at the top level".to_string()
    } else {
        format!("at `{}`", display_path(&path))
    };
    let (message, fix) = explain(&raw, &path);
    YamlError {
        line: pos.line,
        column: pos.column,
        message: format!("{message} {at}"),
        fix,
    }
}

/// Reword serde's messages and say how to fix each kind.
fn explain(raw: &str, path: &[PathSeg]) -> (String, String) {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (name, expected) = split_expected(rest);
        let fix = match nearest(&name, &expected) {
            Some(m) => format!(
                "did you mean `{m}`? expected one of {}",
                list_names(expected.iter())
            ),
            None if expected.is_empty() => "remove it: this mapping takes no keys".to_string(),
            None => format!("remove it or use one of {}", list_names(expected.iter())),
        };
        return (format!("unknown key `{name}`"), fix);
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (name, expected) = split_expected(rest);
        let fix = match nearest(&name, &expected) {
            Some(m) => format!(
                "did you mean `{m}`? expected one of {}",
                list_names(expected.iter())
            ),
            None => format!("use one of {}", list_names(expected.iter())),
        };
        return (format!("unknown value `{name}`"), fix);
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return (
            format!("missing required key `{name}`"),
            format!("add `{name}:` to this mapping"),
        );
    }
    if let Some(rest) = raw.strip_prefix("duplicate field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return (
            format!("key `{name}` appears twice"),
            "keep one of them".to_string(),
        );
    }
    if raw.starts_with("invalid type") || raw.starts_with("invalid value") {
        let expected = raw.rsplit_once(", expected ").map(|(_, e)| e.to_string());
        let fix = match expected {
            Some(e) => format!("write {} here", plain_type(&e)),
            None => "write a value of the expected type here".to_string(),
        };
        return (raw.to_string(), fix);
    }
    let fix = if path.is_empty() {
        "fix the document structure".to_string()
    } else {
        "fix this value".to_string()
    };
    (raw.to_string(), fix)
}

/// Say `u16` and friends the way a spec author thinks of them.
fn plain_type(expected: &str) -> String {
    match expected {
        "u16" | "u32" | "u64" | "i64" | "i32" => "an integer".to_string(),
        "a boolean" => "`true` or `false`".to_string(),
        "a sequence" => "a list (`- item` lines or `[a, b]`)".to_string(),
        e if e.starts_with("struct ") || e == "a map" => {
            "a mapping (`key: value` lines)".to_string()
        }
        e => e.to_string(),
    }
}

/// From "name`, expected one of `a`, `b`" get ("name", [a, b]).
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
    let expected = tail
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect();
    (name.to_string(), expected)
}

/// The expected name closest to `name`, when it is close enough to be a typo.
pub fn nearest<'a>(name: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| {
            (
                strsim::levenshtein(&name.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.as_str())
}
