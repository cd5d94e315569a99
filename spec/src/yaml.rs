//! The one place that parses YAML, in one pass.
//!
//! yaml-rust2's events, read in a loop (no recursion, so 10,000 levels cannot overflow the
//! stack), build a located tree ([`SourceMap`]: each node's value, line/column and parent)
//! and refuse what serde would accept silently or what would hurt: a key repeated in any
//! mapping, nesting past [`MAX_DEPTH`], aliases expanding past their limit, syntax errors.
//! The format types are then deserialized from that tree by our `serde::Deserializer`
//! (`yaml::de`), so a deserialization error names the node it arose at; semantic checks use
//! the same tree to point at what they complain about.
//!
//! Why not a crate: serde-saphyr deserializes straight from events (no tree to locate
//! later findings by path, so a second pass would remain); marked-yaml's tree keeps every
//! scalar a string (no core-schema numbers for `serde_json::Value` examples) and refuses
//! aliases; saphyr's marked tree has no serde support. Each would still need our duplicate
//! key, depth and alias-expansion checks.

use std::collections::HashMap;
use std::fmt;

mod de;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::Marker;
use yaml_rust2::scanner::TScalarStyle;

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
/// Every problem of the event pass is returned (all repeated keys, say); a deserialization
/// failure is one. A leading UTF-8 byte order mark is skipped.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<(T, SourceMap), Vec<YamlError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let map = source_map(text)?;
    match T::deserialize(de::NodeDe { map: &map, node: 0 }) {
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
/// Real specs stay below 15.
pub const MAX_DEPTH: usize = 100;

/// How many nodes aliases may expand to in one document, at most; the limit is also never
/// more than [`ALIAS_NODES_PER_NODE`] for each node written, so a small file cannot make
/// the deserializer walk the same nodes without end.
pub const MAX_ALIAS_NODES: u64 = 1_000_000;

/// See [`MAX_ALIAS_NODES`].
pub const ALIAS_NODES_PER_NODE: u64 = 100;

/// Mappings with at least this many keys get a hash index for path lookups; smaller ones
/// are scanned.
const INDEXED_MAP: u32 = 16;

const NO_PARENT: u32 = u32::MAX;

/// What a node holds. Children are runs of `SourceMap::kids`; scalar text is a run of
/// `SourceMap::scalars`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Data {
    /// `plain`: written unquoted and without a `!!str` tag, so it resolves by the core
    /// schema (null, booleans, numbers); otherwise it is a string.
    Scalar {
        start: u32,
        len: u32,
        plain: bool,
    },
    Seq {
        start: u32,
        len: u32,
    },
    Map {
        start: u32,
        len: u32,
    },
    /// An alias, by the node its anchor names.
    Alias(u32),
}

#[derive(Debug, Clone, Copy)]
struct Node {
    data: Data,
    /// Where the value starts.
    value: (u32, u32),
    /// Where its mapping key is written; (0, 0) for sequence items and the root.
    key: (u32, u32),
    parent: u32,
    /// Below a mapping: the interned key; below a sequence: the index.
    step: u32,
    /// Whether the key was written plain (see [`Data::Scalar`]).
    key_plain: bool,
}

impl Node {
    fn key_or_value(&self) -> Pos {
        to_pos(if self.key == (0, 0) {
            self.value
        } else {
            self.key
        })
    }
}

fn to_pos((line, column): (u32, u32)) -> Pos {
    Pos {
        line: line as usize,
        column: column as usize,
    }
}

fn from_pos(p: Pos) -> (u32, u32) {
    (to_u32(p.line), to_u32(p.column))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The first YAML document as a located tree: each node's value, where it is written, and
/// its parent, in flat arrays (no per-node allocation, no paths stored). Serde reads the
/// values from it (`yaml::de`); semantic checks use it to locate what they complain about.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// By node id; node 0 is the root.
    nodes: Vec<Node>,
    /// Child ids, each container's in one run.
    kids: Vec<u32>,
    /// The text of every scalar, one after another.
    scalars: String,
    /// Mapping keys, interned (documents repeat the same few key names), and by id.
    keys: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    /// (mapping, key) -> child, for mappings of [`INDEXED_MAP`] keys or more.
    index: HashMap<(u32, u32), u32>,
}

impl SourceMap {
    /// Where the node at `path` is written: its key for a mapping entry, otherwise its value.
    /// Falls back to the nearest ancestor that exists (e.g. a missing key's parent).
    pub fn locate(&self, path: &[PathSeg]) -> (usize, usize) {
        let p = self
            .deepest(path)
            .map_or(Pos::START, |(_, n)| self.nodes[n as usize].key_or_value());
        (p.line, p.column)
    }

    /// Like [`locate`](Self::locate) but the start of the value rather than its key.
    pub fn locate_value(&self, path: &[PathSeg]) -> (usize, usize) {
        let p = self
            .deepest(path)
            .map_or(Pos::START, |(_, n)| to_pos(self.nodes[n as usize].value));
        (p.line, p.column)
    }

    /// Whether `path` names a node that is written in the document.
    pub fn contains(&self, path: &[PathSeg]) -> bool {
        self.deepest(path).is_some_and(|(n, _)| n == path.len())
    }

    /// The deepest node along `path` and how many steps of it were found.
    fn deepest(&self, path: &[PathSeg]) -> Option<(usize, u32)> {
        self.nodes.first()?;
        let mut found = (0, 0u32);
        for (depth, seg) in path.iter().enumerate() {
            match self.child(found.1, seg) {
                Some(child) => found = (depth + 1, child),
                None => break,
            }
        }
        Some(found)
    }

    /// The child of `node` at `seg` (aliases are leaves here: they point at their anchor).
    fn child(&self, node: u32, seg: &PathSeg) -> Option<u32> {
        match (self.nodes[node as usize].data, seg) {
            (Data::Map { start, len }, PathSeg::Key(k)) => {
                let id = *self.keys.get(k.as_str())?;
                if len >= INDEXED_MAP {
                    return self.index.get(&(node, id)).copied();
                }
                self.kids[start as usize..(start + len) as usize]
                    .iter()
                    .copied()
                    .find(|&kid| self.nodes[kid as usize].step == id)
            }
            (Data::Seq { start, len }, PathSeg::Index(i)) => {
                (*i < len as usize).then(|| self.kids[start as usize + i])
            }
            _ => None,
        }
    }

    /// Bytes the tree fills on the heap (roughly: no allocator overhead, no spare room), for
    /// the load bench's figures.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.nodes.len() * size_of::<Node>()
            + self.kids.len() * size_of::<u32>()
            + self.scalars.len()
            + self.keys.capacity() * (size_of::<Box<str>>() + size_of::<u32>() + 1)
            + self.names.iter().map(|n| n.len() * 2).sum::<usize>()
            + self.names.capacity() * size_of::<Box<str>>()
            + self.index.capacity() * (size_of::<(u32, u32)>() + size_of::<u32>() + 1)
    }

    /// The document path of a node.
    fn path_of(&self, mut node: u32) -> Vec<PathSeg> {
        let mut path = Vec::new();
        loop {
            let n = &self.nodes[node as usize];
            if n.parent == NO_PARENT {
                break;
            }
            path.push(match self.nodes[n.parent as usize].data {
                Data::Map { .. } => PathSeg::Key(self.names[n.step as usize].to_string()),
                _ => PathSeg::Index(n.step as usize),
            });
            node = n.parent;
        }
        path.reverse();
        path
    }

    /// The node an alias stands for (any other node: itself).
    pub(crate) fn resolve(&self, mut node: u32) -> u32 {
        while let Data::Alias(target) = self.nodes[node as usize].data {
            node = target;
        }
        node
    }

    /// The mapping key of `node`, to deserialize.
    pub(crate) fn key_of(&self, node: u32) -> de::ScalarDe<'_> {
        let n = &self.nodes[node as usize];
        de::ScalarDe {
            text: &self.names[n.step as usize],
            plain: n.key_plain,
        }
    }

    fn intern(&mut self, key: &str) -> u32 {
        if let Some(id) = self.keys.get(key) {
            return *id;
        }
        let id = to_u32(self.names.len());
        self.keys.insert(key.into(), id);
        self.names.push(key.into());
        id
    }
}

/// Read the first document's events once, without recursion, into its located tree;
/// refuse what serde would accept silently or what would hurt: a key repeated in a mapping
/// (the last one would silently win), nesting past [`MAX_DEPTH`], aliases expanding past
/// their limit, an alias inside its own anchor, tags we do not read, and syntax errors.
pub fn source_map(text: &str) -> Result<SourceMap, Vec<YamlError>> {
    let mut b = Builder::default();
    // Room for the usual density (a node per ~16 bytes of text, scalars under half of it),
    // so the arrays do not copy themselves while growing; pages never touched cost nothing.
    b.map.nodes.reserve(text.len() / 16);
    b.map.kids.reserve(text.len() / 16);
    b.map.scalars.reserve(text.len() / 2);
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
        if b.done {
            // A second document would be dropped unread: refuse it instead.
            if matches!(ev, Event::DocumentStart) {
                let p = Pos::from_marker(&mark);
                b.errors.push(YamlError {
                    line: p.line,
                    column: p.column,
                    message: "a second YAML document starts here; a spec file holds one"
                        .to_string(),
                    fix: "remove the `---` line, or move the second document to its own file"
                        .to_string(),
                });
                break;
            }
            continue;
        }
        b.on_event(ev, &mark);
        if b.fatal {
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
        let mut map = b.map;
        if map.nodes.is_empty() {
            // An empty document: one empty scalar, which reads as null or an empty mapping.
            map.nodes.push(Node {
                data: Data::Scalar {
                    start: 0,
                    len: 0,
                    plain: true,
                },
                value: from_pos(Pos::START),
                key: (0, 0),
                parent: NO_PARENT,
                step: 0,
                key_plain: true,
            });
        }
        Ok(map)
    } else {
        b.errors.sort_by_key(|e| (e.line, e.column));
        Err(b.errors)
    }
}

/// Builds the tree from parser events.
#[derive(Default)]
struct Builder {
    map: SourceMap,
    stack: Vec<Frame>,
    /// Children of the open containers, each container's from its frame's `kids_from`.
    pending: Vec<u32>,
    /// Depth inside a non-scalar mapping key (refused, then skipped).
    skipping: usize,
    /// Only the first document is read.
    done: bool,
    /// A problem after which reading on would mislead (or overflow).
    fatal: bool,
    errors: Vec<YamlError>,
    /// By anchor id, once its node is complete: the node, how many nodes it stands for,
    /// and how deep it nests.
    anchors: HashMap<usize, (u32, u64, usize)>,
    /// Nodes added by aliases so far; after each alias, the total and where it is.
    expanded: u64,
    aliases: Vec<(u64, Pos)>,
    /// Events read, for the alias limit.
    written: u64,
}

struct Frame {
    node: u32,
    is_map: bool,
    /// In a mapping, between a key and its value: the interned key, where it is written,
    /// whether it is plain.
    key: Option<(u32, Pos, bool)>,
    kids_from: usize,
    /// The keys so far with where each was written, once the mapping has
    /// [`INDEXED_MAP`] keys (smaller ones are scanned for repeats).
    seen: Option<HashMap<u32, Pos>>,
    /// Nodes below, aliases expanded.
    size: u64,
    /// Levels below, aliases expanded.
    below: usize,
    anchor: usize,
}

/// Whether a scalar resolves by the core schema: unquoted, and not tagged `!!str`.
fn is_plain(style: TScalarStyle, tag: Option<&Tag>) -> bool {
    style == TScalarStyle::Plain && tag.is_none_or(|t| t.suffix != "str")
}

fn is_core_tag(tag: &Tag) -> bool {
    tag.handle == "!!" || tag.handle == "tag:yaml.org,2002:"
}

impl Builder {
    fn alias_limit(&self) -> u64 {
        MAX_ALIAS_NODES.min(self.written.saturating_mul(ALIAS_NODES_PER_NODE))
    }

    /// A scalar where a mapping expects a key: remember it, refusing repeats.
    fn key(&mut self, name: &str, pos: Pos, plain: bool) {
        let id = self.map.intern(name);
        let Some(frame) = self.stack.last_mut() else {
            return;
        };
        frame.key = Some((id, pos, plain));
        let kids = &self.pending[frame.kids_from..];
        let nodes = &self.map.nodes;
        let first = match &mut frame.seen {
            Some(seen) => seen.get(&id).copied(),
            None if kids.len() + 1 >= INDEXED_MAP as usize => {
                let mut seen: HashMap<u32, Pos> = HashMap::with_capacity(kids.len() * 2);
                for &k in kids.iter().rev() {
                    let n = &nodes[k as usize];
                    seen.insert(n.step, to_pos(n.key));
                }
                let first = seen.get(&id).copied();
                frame.seen = Some(seen);
                first
            }
            None => kids
                .iter()
                .map(|&k| &nodes[k as usize])
                .find(|n| n.step == id)
                .map(|n| to_pos(n.key)),
        };
        match first {
            Some(first) => {
                let mut path = self.map.path_of(frame.node);
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
            }
            None => {
                if let Some(seen) = &mut frame.seen {
                    seen.insert(id, pos);
                }
            }
        }
    }

    /// Whether the next node is a mapping key (rather than a value).
    fn at_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                is_map: true,
                key: None,
                ..
            })
        )
    }

    /// A node starts at `pos`: add it under its parent; returns its id.
    fn begin_value(&mut self, pos: Pos, data: Data) -> u32 {
        let id = to_u32(self.map.nodes.len());
        let mut node = Node {
            data,
            value: from_pos(pos),
            key: (0, 0),
            parent: NO_PARENT,
            step: 0,
            key_plain: true,
        };
        match self.stack.last_mut() {
            Some(f) => {
                node.parent = f.node;
                if f.is_map {
                    let (key, key_pos, plain) = f.key.expect("a value follows its key");
                    node.step = key;
                    node.key = from_pos(key_pos);
                    node.key_plain = plain;
                } else {
                    node.step = to_u32(self.pending.len() - f.kids_from);
                }
                self.pending.push(id);
            }
            // The root's marker lands after the first token; the file start is clearer.
            None => node.value = from_pos(Pos::START),
        }
        self.map.nodes.push(node);
        id
    }

    /// A node ended, standing for `size` nodes nesting `below` levels: step the parent on.
    fn end_value(&mut self, size: u64, below: usize) {
        match self.stack.last_mut() {
            Some(f) => {
                f.size = f.size.saturating_add(size);
                f.below = f.below.max(below);
                f.key = None;
            }
            None => self.done = true,
        }
    }

    /// A tag other than the core schema's is refused: nothing downstream would honour it.
    fn check_tag(&mut self, tag: Option<&Tag>, pos: Pos) {
        if let Some(t) = tag.filter(|t| !is_core_tag(t)) {
            self.errors.push(YamlError {
                line: pos.line,
                column: pos.column,
                message: format!("tag `{}{}` is not supported", t.handle, t.suffix),
                fix: "remove the tag; specs use plain YAML values".to_string(),
            });
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
                        if let Some(f) = self.stack.last_mut() {
                            f.key = Some((id, pos, false));
                        }
                    }
                }
                _ => {}
            }
            return;
        }
        let pos = Pos::from_marker(mark);
        match ev {
            Event::Scalar(ref s, style, _, ref tag) if self.at_key() => {
                self.check_tag(tag.as_ref(), pos);
                let plain = is_plain(style, tag.as_ref());
                self.key(s, pos, plain);
            }
            Event::Alias(_) if self.at_key() => {
                self.not_a_name(pos, "an alias");
                let id = self.map.intern("*alias");
                if let Some(f) = self.stack.last_mut() {
                    f.key = Some((id, pos, false));
                }
            }
            Event::Scalar(s, style, anchor, tag) => {
                self.check_tag(tag.as_ref(), pos);
                let plain = is_plain(style, tag.as_ref());
                let start = to_u32(self.map.scalars.len());
                self.map.scalars.push_str(&s);
                let data = Data::Scalar {
                    start,
                    len: to_u32(s.len()),
                    plain,
                };
                let node = self.begin_value(pos, data);
                if anchor > 0 {
                    self.anchors.insert(anchor, (node, 1, 0));
                }
                self.end_value(1, 0);
            }
            Event::Alias(id) => {
                let Some(&(target, size, below)) = self.anchors.get(&id) else {
                    // yaml-rust2 refuses unknown anchors, so this one is still open.
                    self.errors.push(YamlError {
                        line: pos.line,
                        column: pos.column,
                        message: "this alias is inside the node its anchor names (a cycle)"
                            .to_string(),
                        fix: "write the nested part out instead of referring to itself".to_string(),
                    });
                    self.fatal = true;
                    return;
                };
                self.begin_value(pos, Data::Alias(target));
                self.expanded = self.expanded.saturating_add(size);
                self.aliases.push((self.expanded, pos));
                if self.stack.len() + below > MAX_DEPTH {
                    self.too_deep(pos, self.stack.len() + below);
                }
                self.end_value(size, below);
            }
            Event::MappingStart(anchor, ref tag) | Event::SequenceStart(anchor, ref tag) => {
                if self.at_key() {
                    self.not_a_name(pos, "a list or mapping");
                    self.skipping = 1;
                    return;
                }
                self.check_tag(tag.as_ref(), pos);
                let is_map = matches!(ev, Event::MappingStart(..));
                // The kind is known now (paths of errors found inside need it).
                let data = if is_map {
                    Data::Map { start: 0, len: 0 }
                } else {
                    Data::Seq { start: 0, len: 0 }
                };
                let node = self.begin_value(pos, data);
                self.stack.push(Frame {
                    node,
                    is_map,
                    key: None,
                    kids_from: self.pending.len(),
                    seen: None,
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
                    let start = to_u32(self.map.kids.len());
                    let len = to_u32(self.pending.len() - f.kids_from);
                    self.map.kids.extend(self.pending.drain(f.kids_from..));
                    self.map.nodes[f.node as usize].data = if f.is_map {
                        if len >= INDEXED_MAP {
                            for &kid in &self.map.kids[start as usize..] {
                                let step = self.map.nodes[kid as usize].step;
                                self.map.index.entry((f.node, step)).or_insert(kid);
                            }
                        }
                        Data::Map { start, len }
                    } else {
                        Data::Seq { start, len }
                    };
                    let size = f.size.saturating_add(1);
                    let below = f.below + 1;
                    if f.anchor > 0 {
                        self.anchors.insert(f.anchor, (f.node, size, below));
                    }
                    self.end_value(size, below);
                }
            }
            _ => {}
        }
    }

    /// A mapping key that is not a scalar: serde would have refused it, so do we.
    fn not_a_name(&mut self, pos: Pos, what: &str) {
        self.errors.push(YamlError {
            line: pos.line,
            column: pos.column,
            message: format!("this mapping key is {what}, not a name"),
            fix: "write the key as a plain name (`name: value`)".to_string(),
        });
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

/// Turn a deserialization failure into a located message with a fix.
fn describe(map: &SourceMap, err: de::DeError) -> YamlError {
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

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Shelf {
        items: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        size: u32,
    }

    #[test]
    fn a_wrong_type_deep_inside_is_located_at_its_node() {
        let text = "items:\n  - name: a\n    size: 1\n  - name: b\n    size: big\n";
        let err = from_str::<Shelf>(text).unwrap_err();
        assert_eq!((err.line, err.column), (5, 5), "{err}");
        assert!(err.message.contains("at `items[1].size`"), "{err}");
        assert!(err.message.contains("\"big\""), "{err}");
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
    #[allow(dead_code)]
    enum Shape {
        Circle { radius: u32 },
        Square { side: u32 },
    }

    #[test]
    fn an_unknown_key_in_a_tagged_enum_points_at_the_key() {
        let text = "shapes:\n  first:\n    kind: circle\n    radius: 2\n    colour: red\n";
        let err = from_str::<
            std::collections::BTreeMap<String, std::collections::BTreeMap<String, Shape>>,
        >(text)
        .unwrap_err();
        assert_eq!((err.line, err.column), (5, 5), "{err}");
        assert!(err.message.starts_with("unknown key `colour`"), "{err}");
    }

    /// serde_yaml (a separate implementation) is the oracle for what scalars mean.
    #[test]
    fn scalars_resolve_as_serde_yaml_resolves_them() {
        let scalars = [
            "0x1F",
            "0o17",
            "0b101",
            "+7",
            "-12",
            "1.5",
            "-2.5e3",
            "1e400",
            ".inf",
            "-.Inf",
            ".nan",
            "~",
            "null",
            "",
            "true",
            "False",
            "'12'",
            "\"x\"",
            "012",
            "-012",
            "0",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775809",
            "!!str 5",
            "yes",
            "1_000",
            "0x",
            "- 1",
            "[1, a]",
            "{k: 0.5}",
        ];
        for s in scalars {
            let text = format!("v: {s}\n");
            let ours = from_str::<serde_json::Value>(&text).map_err(|e| e.to_string());
            let theirs =
                serde_yaml::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string());
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{s}"),
                (Err(_), Err(_)) => {}
                _ => panic!("`{s}`: ours {ours:?}, serde_yaml {theirs:?}"),
            }
        }
    }

    #[test]
    fn plain_numbers_fill_typed_fields_and_strings_take_any_scalar() {
        #[derive(Debug, serde::Deserialize, PartialEq)]
        struct T {
            small: i64,
            big: u64,
            f: f64,
            s: String,
            quoted_number: String,
            none: Option<u8>,
            some: Option<u8>,
        }
        let t: T = from_str(
            "small: -5000000000\nbig: 18446744073709551615\nf: 3\ns: 12\nquoted_number: '7'\nnone: ~\nsome: 4\n",
        )
        .unwrap();
        assert_eq!(
            t,
            T {
                small: -5_000_000_000,
                big: u64::MAX,
                f: 3.0,
                s: "12".into(),
                quoted_number: "7".into(),
                none: None,
                some: Some(4),
            }
        );
        let err = from_str::<T>("small: '5'\nbig: 1\nf: 1\ns: a\nquoted_number: b\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 1), "{err}");
        assert!(err.fix.contains("an integer"), "{err}");
    }

    #[test]
    fn enums_read_from_a_scalar_or_a_one_key_mapping() {
        #[derive(Debug, serde::Deserialize, PartialEq)]
        #[serde(rename_all = "snake_case")]
        enum E {
            Plain,
            Sized(u8),
        }
        let v: Vec<E> = from_str("[plain, {sized: 3}]").unwrap();
        assert_eq!(v, [E::Plain, E::Sized(3)]);
        let err = from_str::<Vec<E>>("- plain\n- sizd\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 3), "{err}");
        assert!(err.fix.contains("did you mean `sized`"), "{err}");
    }

    #[test]
    fn an_alias_reads_as_its_anchor_and_an_empty_value_as_empty() {
        type Doc = std::collections::BTreeMap<String, std::collections::BTreeMap<String, u8>>;
        let doc: Doc = from_str("a: &x {n: 1}\nb: *x\nc:\n").unwrap();
        assert_eq!(doc["b"], doc["a"]);
        assert!(doc["c"].is_empty());
    }

    #[test]
    fn an_alias_inside_its_own_anchor_is_refused() {
        let errs = source_map("a: &x\n  - 1\n  - *x\n").unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].line, 3, "{errs:?}");
    }

    #[test]
    fn a_tag_we_do_not_read_is_refused_at_its_node() {
        let errs = source_map("a: 1\nb: !custom 5\n").unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].line, 2, "{errs:?}");
        assert!(errs[0].message.contains("`!custom`"), "{errs:?}");
    }

    #[test]
    fn big_mappings_are_indexed_and_repeats_still_found() {
        let mut text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        let map = source_map(&text).unwrap();
        assert_eq!(map.locate(&p(&["k33".into()])), (34, 1));
        assert_eq!(map.locate_value(&p(&["k39".into()])), (40, 6));
        text.push_str("k5: again\n");
        let errs = source_map(&text).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].message.contains("first at 6:1, again at 41:1"),
            "{errs:?}"
        );
    }

    #[test]
    fn a_second_document_is_refused_not_dropped() {
        let errs = source_map("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].line, 2, "{errs:?}");
        // An explicit start and end of the one document are fine.
        source_map("---\na: 1\n...\n").unwrap();
    }

    #[test]
    fn a_key_that_is_not_a_name_is_refused() {
        for text in ["a: &k x\n*k : 1\n", "a: 1\n? [x, y]\n: 2\n"] {
            let errs = source_map(text).unwrap_err();
            assert_eq!(errs.len(), 1, "{text}: {errs:?}");
            assert_eq!(errs[0].line, 2, "{text}: {errs:?}");
            assert!(errs[0].message.contains("not a name"), "{errs:?}");
        }
    }
}
