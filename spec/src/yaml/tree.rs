//! The located tree: the first document's events read once, without recursion, into flat
//! arrays of nodes with their positions and parents.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::{
    display_path, PathSeg, Pos, YamlError, ALIAS_NODES_PER_NODE, MAX_ALIAS_NODES, MAX_DEPTH,
};

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
pub(super) struct Node {
    pub(super) data: Data,
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
    pub(super) fn key_or_value(&self) -> Pos {
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
    pub(super) nodes: Vec<Node>,
    /// Child ids, each container's in one run.
    pub(super) kids: Vec<u32>,
    /// The text of every scalar, one after another.
    pub(super) scalars: String,
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
    pub(super) fn child(&self, node: u32, seg: &PathSeg) -> Option<u32> {
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
    pub(super) fn path_of(&self, mut node: u32) -> Vec<PathSeg> {
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

    /// The mapping key of `node`, and whether it was written plain.
    pub(super) fn key_of(&self, node: u32) -> (&str, bool) {
        let n = &self.nodes[node as usize];
        (&self.names[n.step as usize], n.key_plain)
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
