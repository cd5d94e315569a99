//! The one place that parses YAML. serde_yaml is archived upstream: swapping it touches only
//! this file.
//!
//! Two passes over the text: yaml-rust2's event parser builds a [`SourceMap`] (document path
//! -> line/column of the key and of the value), then serde_yaml, wrapped in
//! `serde_path_to_error`, deserializes. A deserialization failure thus has a document path,
//! which the source map turns into the position of the offending key; semantic checks later
//! use the same map to point at what they complain about.

use std::collections::HashMap;
use std::fmt;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// One step of a document path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

impl From<&str> for PathSeg {
    fn from(k: &str) -> Self {
        PathSeg::Key(k.to_string())
    }
}

impl From<String> for PathSeg {
    fn from(k: String) -> Self {
        PathSeg::Key(k)
    }
}

impl From<&String> for PathSeg {
    fn from(k: &String) -> Self {
        PathSeg::Key(k.clone())
    }
}

impl From<usize> for PathSeg {
    fn from(i: usize) -> Self {
        PathSeg::Index(i)
    }
}

/// Renders like `operations[0].request.parameters[2]`.
pub fn display_path(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathSeg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    const START: Pos = Pos { line: 1, column: 1 };

    fn from_marker(m: &Marker) -> Pos {
        // yaml-rust2 lines are 1-based, columns 0-based.
        Pos {
            line: m.line().max(1),
            column: m.col() + 1,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Where the mapping key is written; `None` for sequence items and the root.
    key: Option<Pos>,
    /// Where the value starts.
    value: Pos,
}

/// Positions of every node of one YAML document, by document path.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    nodes: HashMap<Vec<PathSeg>, Entry>,
}

impl SourceMap {
    /// Where the node at `path` is written: its key for a mapping entry, otherwise its value.
    /// Falls back to the nearest ancestor that exists (e.g. a missing key's parent).
    pub fn locate(&self, path: &[PathSeg]) -> (usize, usize) {
        let p = self.find(path, |e| e.key.unwrap_or(e.value));
        (p.line, p.column)
    }

    /// Like [`locate`](Self::locate) but the start of the value rather than its key.
    pub fn locate_value(&self, path: &[PathSeg]) -> (usize, usize) {
        let p = self.find(path, |e| e.value);
        (p.line, p.column)
    }

    /// Whether `path` names a node that is written in the document.
    pub fn contains(&self, path: &[PathSeg]) -> bool {
        self.nodes.contains_key(path)
    }

    fn find(&self, path: &[PathSeg], pick: impl Fn(&Entry) -> Pos) -> Pos {
        (0..=path.len())
            .rev()
            .find_map(|n| self.nodes.get(&path[..n]).map(&pick))
            .unwrap_or(Pos::START)
    }
}

/// A YAML document that could not be read into the expected type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub fix: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}; {}",
            self.line, self.column, self.message, self.fix
        )
    }
}

/// Parse `text` into `T`, with the source map for locating later findings.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<(T, SourceMap), YamlError> {
    let map = source_map(text)?;
    let de = serde_yaml::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => Ok((v, map)),
        Err(e) => Err(describe(&map, e)),
    }
}

/// Parse without keeping the source map.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    parse(text).map(|(v, _)| v)
}

/// Build the source map; a syntax error is reported where the scanner stopped.
pub fn source_map(text: &str) -> Result<SourceMap, YamlError> {
    let mut builder = MapBuilder::default();
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, false) {
        let p = Pos::from_marker(e.marker());
        return Err(YamlError {
            line: p.line,
            column: p.column,
            message: format!("invalid YAML: {}", e.info()),
            fix: "fix the YAML syntax here (indentation, quoting, brackets)".to_string(),
        });
    }
    Ok(SourceMap {
        nodes: builder.nodes,
    })
}

/// Walks parser events, keeping the path of the node being read.
#[derive(Default)]
struct MapBuilder {
    nodes: HashMap<Vec<PathSeg>, Entry>,
    stack: Vec<Frame>,
    path: Vec<PathSeg>,
    /// Depth inside a non-scalar mapping key (ignored: specs have only scalar keys).
    skipping: usize,
    /// Only the first document is read.
    done: bool,
}

enum Frame {
    /// In a mapping; `Some` between a key and its value, with the key's position.
    Map(Option<(String, Pos)>),
    Seq(usize),
}

impl MapBuilder {
    /// A node starts at `pos`: either a mapping key, or a value at the current position.
    /// Returns true when the node was a value (and `self.path` now ends with its segment).
    fn begin_node(&mut self, scalar_key: Option<&str>, pos: Pos) -> bool {
        match self.stack.last_mut() {
            Some(Frame::Map(pending @ None)) => {
                match scalar_key {
                    Some(k) => *pending = Some((k.to_string(), pos)),
                    None => self.skipping = 1,
                }
                false
            }
            Some(Frame::Map(Some((k, key_pos)))) => {
                let (k, key_pos) = (k.clone(), *key_pos);
                self.path.push(PathSeg::Key(k));
                self.nodes.insert(
                    self.path.clone(),
                    Entry {
                        key: Some(key_pos),
                        value: pos,
                    },
                );
                true
            }
            Some(Frame::Seq(i)) => {
                self.path.push(PathSeg::Index(*i));
                self.nodes.insert(
                    self.path.clone(),
                    Entry {
                        key: None,
                        value: pos,
                    },
                );
                true
            }
            None => {
                // The root's marker lands after the first token; the file start is clearer.
                self.nodes.insert(
                    Vec::new(),
                    Entry {
                        key: None,
                        value: Pos::START,
                    },
                );
                false
            }
        }
    }

    /// A value node ended: step the parent forward.
    fn end_node(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map(pending)) => {
                *pending = None;
                self.path.pop();
            }
            Some(Frame::Seq(i)) => {
                *i += 1;
                self.path.pop();
            }
            None => self.done = true,
        }
    }
}

impl MarkedEventReceiver for MapBuilder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.done {
            return;
        }
        if self.skipping > 0 {
            match ev {
                Event::MappingStart(..) | Event::SequenceStart(..) => self.skipping += 1,
                Event::MappingEnd | Event::SequenceEnd => {
                    self.skipping -= 1;
                    if self.skipping == 0 {
                        if let Some(Frame::Map(pending)) = self.stack.last_mut() {
                            *pending = Some(("?".to_string(), Pos::from_marker(&mark)));
                        }
                    }
                }
                _ => {}
            }
            return;
        }
        let pos = Pos::from_marker(&mark);
        match ev {
            Event::Scalar(..) | Event::Alias(_) => {
                let key = match &ev {
                    Event::Scalar(s, ..) => s.as_str(),
                    _ => "*alias",
                };
                // A leaf: a value ends where it starts; a key only records itself.
                let is_value = self.begin_node(Some(key), pos);
                if is_value || self.stack.is_empty() {
                    self.end_node();
                }
            }
            Event::MappingStart(..) => {
                self.begin_node(None, pos);
                if self.skipping == 0 {
                    self.stack.push(Frame::Map(None));
                }
            }
            Event::SequenceStart(..) => {
                self.begin_node(None, pos);
                if self.skipping == 0 {
                    self.stack.push(Frame::Seq(0));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.end_node();
            }
            _ => {}
        }
    }
}

/// Turn a serde failure into a located message with a fix.
fn describe(map: &SourceMap, err: serde_path_to_error::Error<serde_yaml::Error>) -> YamlError {
    let path: Vec<PathSeg> = err
        .path()
        .iter()
        .filter_map(|seg| match seg {
            serde_path_to_error::Segment::Seq { index } => Some(PathSeg::Index(*index)),
            serde_path_to_error::Segment::Map { key } => Some(PathSeg::Key(key.clone())),
            _ => None,
        })
        .collect();
    let inner = err.into_inner();
    // serde_yaml appends " at line L column C" to its messages; we print our own position.
    let raw = inner.to_string();
    let raw = match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    let raw = match raw.split_once(": ") {
        // serde_yaml prefixes the dotted path; ours is in the message below.
        Some((prefix, rest)) if !prefix.contains(' ') && !path.is_empty() => rest.to_string(),
        _ => raw,
    };
    // For an unknown or repeated key, point at the key itself when the map knows it (keys of
    // internally tagged enums are not in serde's path).
    let mut path = path;
    for prefix in ["unknown field `", "duplicate field `"] {
        if let Some(name) = raw.strip_prefix(prefix).and_then(|r| r.split('`').next()) {
            let mut child = path.clone();
            child.push(PathSeg::Key(name.to_string()));
            if map.contains(&child) && path.last() != child.last() {
                path = child;
            }
        }
    }
    let (line, column) = if map.contains(&path) || inner.location().is_none() {
        map.locate(&path)
    } else {
        inner
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1))
    };
    let at = if path.is_empty() {
        "at the top level".to_string()
    } else {
        format!("at `{}`", display_path(&path))
    };
    let (message, fix) = explain(&raw, &path);
    YamlError {
        line,
        column,
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
                list_names(&expected)
            ),
            None if expected.is_empty() => "remove it: this mapping takes no keys".to_string(),
            None => format!("remove it or use one of {}", list_names(&expected)),
        };
        return (format!("unknown key `{name}`"), fix);
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (name, expected) = split_expected(rest);
        let fix = match nearest(&name, &expected) {
            Some(m) => format!(
                "did you mean `{m}`? expected one of {}",
                list_names(&expected)
            ),
            None => format!("use one of {}", list_names(&expected)),
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

fn list_names(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
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

#[cfg(test)]
mod tests {
    use super::*;

    fn p(segs: &[PathSeg]) -> Vec<PathSeg> {
        segs.to_vec()
    }

    #[test]
    fn nearest_suggests_only_close_names() {
        let names: Vec<String> = ["operations", "provider", "auth", "errata"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(nearest("oprations", &names), Some("operations"));
        assert_eq!(nearest("Provder", &names), Some("provider"));
        assert_eq!(nearest("atuh", &names), Some("auth"));
        // Distance 3 to a 6-letter name is past the threshold of max(2, len / 3).
        assert_eq!(nearest("xyzata", &names), None);
        assert_eq!(nearest("unrelated", &names), None);
    }

    #[test]
    fn source_map_finds_keys_and_items() {
        let text = "a:\n  b: 1\n  list:\n    - x: 2\n    - [3, 4]\nc: {d: 5}\n";
        let map = source_map(text).unwrap();
        assert_eq!(map.locate(&p(&["a".into(), "b".into()])), (2, 3));
        assert_eq!(map.locate_value(&p(&["a".into(), "b".into()])), (2, 6));
        let item = p(&["a".into(), "list".into(), 0.into(), "x".into()]);
        assert_eq!(map.locate(&item), (4, 7));
        let inner = p(&["a".into(), "list".into(), 1.into(), 1.into()]);
        assert_eq!(map.locate(&inner), (5, 11));
        assert_eq!(map.locate(&p(&["c".into(), "d".into()])), (6, 5));
    }

    #[test]
    fn missing_paths_fall_back_to_the_nearest_ancestor() {
        let map = source_map("a:\n  b: 1\n").unwrap();
        assert_eq!(map.locate(&p(&["a".into(), "zz".into(), 3.into()])), (1, 1));
        assert_eq!(map.locate(&p(&["nope".into()])), (1, 1));
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        count: u16,
    }

    #[test]
    fn unknown_key_is_located_with_a_suggestion() {
        let err = from_str::<Doc>("name: x\ncount: 1\ncuont: 2\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(err.message, "unknown key `cuont` at `cuont`");
        assert!(err.fix.starts_with("did you mean `count`?"), "{}", err.fix);
    }

    #[test]
    fn wrong_type_and_missing_key() {
        let err = from_str::<Doc>("name: x\ncount: many\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        assert!(err.fix.contains("an integer"), "{}", err.fix);
        let err = from_str::<Doc>("name: x\n").unwrap_err();
        assert_eq!(err.message, "missing required key `count` at the top level");
    }

    #[test]
    fn syntax_error_is_located() {
        let err = from_str::<Doc>("name: [x\ncount: 1\n").unwrap_err();
        assert!(err.message.starts_with("invalid YAML"), "{}", err.message);
        assert!(err.line >= 1);
    }
}
