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

use std::fmt;

mod de;
mod explain;
mod path;
mod tree;

use serde::de::DeserializeOwned;
use yaml_rust2::scanner::Marker;

use explain::describe;

pub use explain::nearest;
pub use path::{display_path, PathSeg};
pub(crate) use tree::Data;
pub use tree::{source_map, SourceMap};

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
