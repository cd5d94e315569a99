//! The one place that parses YAML. serde_yaml is archived upstream: swapping it touches only
//! this file.
//!
//! Two passes over the text. First yaml-rust2's events, read in a loop (no recursion), build
//! a [`SourceMap`] (a tree of nodes: the line/column of each key and value) and refuse what
//! serde would either accept silently or report without a location: a key repeated in any
//! mapping (the last would win), nesting past [`MAX_DEPTH`], aliases expanding past their
//! limit, syntax errors. Then serde_yaml, wrapped in `serde_path_to_error`, deserializes. A
//! deserialization failure thus has a document path, which the source map turns into the
//! position of the offending key; semantic checks later use the same map to point at what
//! they complain about.

use std::collections::HashMap;
use std::fmt;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, Parser};
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
/// Every problem of the first pass is returned (all repeated keys, say); a deserialization
/// failure is one. A leading UTF-8 byte order mark is skipped.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<(T, SourceMap), Vec<YamlError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let map = source_map(text)?;
    let de = serde_yaml::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => Ok((v, map)),
        Err(e) => Err(vec![describe(&map, e)]),
    }
}

/// Parse without keeping the source map; the first problem only.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    parse(text)
        .map(|(v, _)| v)
        .map_err(|mut e| e.swap_remove(0))
}

/// How deep mappings and sequences may nest (aliases count at the depth they expand to).
/// Real specs stay below 15; serde_yaml itself gives up, unlocated, at 128.
pub const MAX_DEPTH: usize = 100;

/// How many nodes aliases may expand to in one document, at most; the limit is also never
/// more than [`ALIAS_NODES_PER_NODE`] for each node written, so a small file cannot make
/// the deserializer replay its events without end.
pub const MAX_ALIAS_NODES: u64 = 1_000_000;

/// See [`MAX_ALIAS_NODES`].
pub const ALIAS_NODES_PER_NODE: u64 = 100;

#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Where the mapping key is written; `None` for sequence items and the root.
    key: Option<(u32, u32)>,
    /// Where the value starts.
    value: (u32, u32),
}

impl Entry {
    fn key_or_value(&self) -> Pos {
        to_pos(self.key.unwrap_or(self.value))
    }
}

fn to_pos((line, column): (u32, u32)) -> Pos {
    Pos {
        line: line as usize,
        column: column as usize,
    }
}

fn from_pos(p: Pos) -> (u32, u32) {
    let c = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (c(p.line), c(p.column))
}

/// A child step below a node: an interned key (even) or a sequence index (odd).
fn key_step(id: u32) -> u64 {
    u64::from(id) << 1
}

fn index_step(i: usize) -> u64 {
    ((i as u64) << 1) | 1
}

/// Positions of every node of one YAML document. Nodes form a tree (parent id and step), so
/// the map grows with the number of nodes, not with their depth.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// By node id; node 0 is the root, when the document has one.
    entries: Vec<Entry>,
    /// (parent id, step) -> child id.
    children: HashMap<(u32, u64), u32>,
    /// Mapping keys, interned (documents repeat the same few key names), and by id.
    keys: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl SourceMap {
    /// Where the node at `path` is written: its key for a mapping entry, otherwise its value.
    /// Falls back to the nearest ancestor that exists (e.g. a missing key's parent).
    pub fn locate(&self, path: &[PathSeg]) -> (usize, usize) {
        let p = self
            .deepest(path)
            .map_or(Pos::START, |(_, e)| e.key_or_value());
        (p.line, p.column)
    }

    /// Like [`locate`](Self::locate) but the start of the value rather than its key.
    pub fn locate_value(&self, path: &[PathSeg]) -> (usize, usize) {
        let p = self
            .deepest(path)
            .map_or(Pos::START, |(_, e)| to_pos(e.value));
        (p.line, p.column)
    }

    /// Whether `path` names a node that is written in the document.
    pub fn contains(&self, path: &[PathSeg]) -> bool {
        self.deepest(path).is_some_and(|(n, _)| n == path.len())
    }

    /// The deepest node along `path` and how many steps of it were found.
    fn deepest(&self, path: &[PathSeg]) -> Option<(usize, &Entry)> {
        let mut node = 0u32;
        let mut found = (0, self.entries.first()?);
        for (depth, seg) in path.iter().enumerate() {
            let step = match seg {
                PathSeg::Key(k) => match self.keys.get(k.as_str()) {
                    Some(id) => key_step(*id),
                    None => break,
                },
                PathSeg::Index(i) => index_step(*i),
            };
            match self.children.get(&(node, step)) {
                Some(&child) => {
                    node = child;
                    found = (depth + 1, &self.entries[child as usize]);
                }
                None => break,
            }
        }
        Some(found)
    }

    fn intern(&mut self, key: &str) -> u32 {
        if let Some(id) = self.keys.get(key) {
            return *id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.keys.insert(key.into(), id);
        self.names.push(key.into());
        id
    }

    fn add(&mut self, parent: Option<(u32, u64)>, entry: Entry) -> u32 {
        let id = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        self.entries.push(entry);
        if let Some(at) = parent {
            self.children.insert(at, id);
        }
        id
    }
}

/// Read the first document's events once, without recursion: the positions of its nodes,
/// and every problem serde would either miss or report without a location: a key repeated
/// in a mapping (the last one would silently win), nesting past [`MAX_DEPTH`], aliases
/// expanding past their limit, and syntax errors.
pub fn source_map(text: &str) -> Result<SourceMap, Vec<YamlError>> {
    let mut b = MapBuilder::default();
    let mut parser = Parser::new_from_str(text);
    loop {
        let (ev, mark) = match parser.next_token() {
            Ok(x) => x,
            Err(e) => {
                let p = Pos::from_marker(e.marker());
                let info = e.info();
                // yaml-rust2 stops flow nesting at 255 levels; ours stops far earlier, but
                // say it plainly if its own limit is what fired.
                let (message, fix) = if info.contains("recursion limit") {
                    (
                        format!(
                            "brackets nest more than 255 levels deep here; the limit is {MAX_DEPTH}"
                        ),
                        "flatten it: give the nested part a name under `types:` and refer to it"
                            .to_string(),
                    )
                } else {
                    (
                        format!("invalid YAML: {info}"),
                        "fix the YAML syntax here (indentation, quoting, brackets)".to_string(),
                    )
                };
                b.errors.push(YamlError {
                    line: p.line,
                    column: p.column,
                    message,
                    fix,
                });
                break;
            }
        };
        if matches!(ev, Event::StreamEnd) {
            break;
        }
        b.on_event(ev, &mark);
        if b.done || b.fatal {
            break;
        }
    }
    let limit = b.alias_limit();
    if let Some((_, pos)) = b.aliases.iter().find(|(total, _)| *total > limit) {
        b.errors.push(YamlError {
            line: pos.line,
            column: pos.column,
            message: format!(
                "aliases expand to {} nodes; the limit is {limit}",
                b.expanded
            ),
            fix: "write the repeated part out, or refer to a named type instead of nesting aliases"
                .to_string(),
        });
    }
    if b.errors.is_empty() {
        Ok(b.map)
    } else {
        b.errors.sort_by_key(|e| (e.line, e.column));
        Err(b.errors)
    }
}

/// Walks parser events, keeping the path of the node being read.
#[derive(Default)]
struct MapBuilder {
    map: SourceMap,
    stack: Vec<Frame>,
    path: Vec<PathSeg>,
    /// Depth inside a non-scalar mapping key (ignored: specs have only scalar keys).
    skipping: usize,
    /// Only the first document is read.
    done: bool,
    /// A problem after which reading on would mislead (or overflow).
    fatal: bool,
    errors: Vec<YamlError>,
    /// By anchor id: how many nodes the anchored node stands for, and how deep it nests.
    anchors: HashMap<usize, (u64, usize)>,
    /// Nodes added by aliases so far; after each alias, the total and where it is.
    expanded: u64,
    aliases: Vec<(u64, Pos)>,
    /// Events read, for the alias limit.
    written: u64,
}

struct Frame {
    node: u32,
    kind: Kind,
    /// Nodes below, aliases expanded.
    size: u64,
    /// Levels below, aliases expanded.
    below: usize,
    anchor: usize,
}

enum Kind {
    /// In a mapping; `Some` between a key and its value (its interned id and position). The
    /// keys seen so far, with where each was written, find repeats.
    Map {
        pending: Option<(u32, Pos)>,
        seen: HashMap<u32, Pos>,
    },
    Seq(usize),
}

impl MapBuilder {
    fn alias_limit(&self) -> u64 {
        MAX_ALIAS_NODES.min(self.written.saturating_mul(ALIAS_NODES_PER_NODE))
    }

    /// A scalar where a mapping expects a key: remember it, refusing repeats.
    fn key(&mut self, name: &str, pos: Pos) {
        let id = self.map.intern(name);
        let Some(Frame {
            kind: Kind::Map { pending, seen },
            ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        *pending = Some((id, pos));
        if let Some(first) = seen.get(&id) {
            let first = *first;
            let mut path = self.path.clone();
            path.push(PathSeg::Key(name.to_string()));
            self.errors.push(YamlError {
                line: pos.line,
                column: pos.column,
                message: format!(
                    "key `{name}` appears twice at `{}`: first at {}:{}, again at {}:{}",
                    display_path(&path),
                    first.line,
                    first.column,
                    pos.line,
                    pos.column
                ),
                fix: "keep one of them (YAML would silently keep only the last)".to_string(),
            });
        } else {
            seen.insert(id, pos);
        }
    }

    /// Whether the next node is a mapping key (rather than a value).
    fn at_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                kind: Kind::Map { pending: None, .. },
                ..
            })
        )
    }

    /// A value node starts at `pos`: record it under its parent; returns its id.
    fn begin_value(&mut self, pos: Pos) -> u32 {
        let value = from_pos(pos);
        match self.stack.last_mut() {
            Some(Frame {
                node,
                kind: Kind::Map { pending, .. },
                ..
            }) => {
                let (key, key_pos) = pending.expect("a value follows its key");
                let parent = *node;
                let name = self.map.names[key as usize].to_string();
                self.path.push(PathSeg::Key(name));
                self.map.add(
                    Some((parent, key_step(key))),
                    Entry {
                        key: Some(from_pos(key_pos)),
                        value,
                    },
                )
            }
            Some(Frame {
                node,
                kind: Kind::Seq(i),
                ..
            }) => {
                let at = (*node, index_step(*i));
                self.path.push(PathSeg::Index(*i));
                self.map.add(Some(at), Entry { key: None, value })
            }
            // The root's marker lands after the first token; the file start is clearer.
            None => self.map.add(
                None,
                Entry {
                    key: None,
                    value: from_pos(Pos::START),
                },
            ),
        }
    }

    /// A value node ended, standing for `size` nodes nesting `below` levels: step the
    /// parent forward.
    fn end_value(&mut self, size: u64, below: usize) {
        match self.stack.last_mut() {
            Some(f) => {
                f.size = f.size.saturating_add(size);
                f.below = f.below.max(below);
                match &mut f.kind {
                    Kind::Map { pending, .. } => *pending = None,
                    Kind::Seq(i) => *i += 1,
                }
                self.path.pop();
            }
            None => self.done = true,
        }
    }

    fn on_event(&mut self, ev: Event, mark: &Marker) {
        self.written += 1;
        if self.skipping > 0 {
            match ev {
                Event::MappingStart(..) | Event::SequenceStart(..) => self.skipping += 1,
                Event::MappingEnd | Event::SequenceEnd => {
                    self.skipping -= 1;
                    if self.skipping == 0 {
                        let pos = Pos::from_marker(mark);
                        let id = self.map.intern("?");
                        if let Some(Frame {
                            kind: Kind::Map { pending, .. },
                            ..
                        }) = self.stack.last_mut()
                        {
                            *pending = Some((id, pos));
                        }
                    }
                }
                _ => {}
            }
            return;
        }
        let pos = Pos::from_marker(mark);
        match ev {
            Event::Scalar(ref s, ..) if self.at_key() => self.key(s, pos),
            Event::Alias(_) if self.at_key() => {
                let id = self.map.intern("*alias");
                if let Some(Frame {
                    kind: Kind::Map { pending, .. },
                    ..
                }) = self.stack.last_mut()
                {
                    *pending = Some((id, pos));
                }
            }
            Event::Scalar(_, _, anchor, _) => {
                self.begin_value(pos);
                if anchor > 0 {
                    self.anchors.insert(anchor, (1, 0));
                }
                self.end_value(1, 0);
            }
            Event::Alias(id) => {
                self.begin_value(pos);
                let (size, below) = self.anchors.get(&id).copied().unwrap_or((1, 0));
                self.expanded = self.expanded.saturating_add(size);
                self.aliases.push((self.expanded, pos));
                if self.stack.len() + below > MAX_DEPTH {
                    self.too_deep(pos, self.stack.len() + below);
                }
                self.end_value(size, below);
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                if self.at_key() {
                    self.skipping = 1;
                    return;
                }
                let node = self.begin_value(pos);
                let kind = if matches!(ev, Event::MappingStart(..)) {
                    Kind::Map {
                        pending: None,
                        seen: HashMap::new(),
                    }
                } else {
                    Kind::Seq(0)
                };
                self.stack.push(Frame {
                    node,
                    kind,
                    size: 0,
                    below: 0,
                    anchor,
                });
                if self.stack.len() > MAX_DEPTH {
                    self.too_deep(pos, self.stack.len());
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(f) = self.stack.pop() {
                    let size = f.size.saturating_add(1);
                    let below = f.below + 1;
                    if f.anchor > 0 {
                        self.anchors.insert(f.anchor, (size, below));
                    }
                    self.end_value(size, below);
                }
            }
            _ => {}
        }
    }

    fn too_deep(&mut self, pos: Pos, depth: usize) {
        self.errors.push(YamlError {
            line: pos.line,
            column: pos.column,
            message: format!(
                "mappings and lists nest {depth} levels deep here; the limit is {MAX_DEPTH}"
            ),
            fix: "flatten it: give the nested part a name under `types:` and refer to it"
                .to_string(),
        });
        self.fatal = true;
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
