//! The page's tables read as the operation's parameters, types and error shapes: each
//! table's role by caption, section and status, nested types by `:ref:` labels.

use indexmap::IndexMap;
use spec::format::{Cite, EnumValue, Field, Kind, Location, Schema, TypeDef};

use crate::blocks::{Cell, Table};
use crate::infer::{camel, kind, reference, TODO};
use crate::items::PageTable;
use crate::op::Notes;
use crate::rst;
use crate::vocab::{self, Column};
use crate::words;

/// Where a table's rows go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Role {
    Params(Location),
    Response(u16),
    Statuses,
    Other,
}

pub(super) fn lines_cite(at: &[(usize, usize)]) -> Option<Cite> {
    crate::cite::lines(at)
}

pub(super) fn table_span(t: &Table) -> (usize, usize) {
    let first = t.rows_at.first().map(|r| r.0).unwrap_or(0);
    let last = t.rows_at.last().map(|r| r.1).unwrap_or(first);
    (first, last)
}

pub(super) fn header_col(t: &Table, c: Column) -> Option<usize> {
    t.rows
        .first()?
        .iter()
        .position(|h| vocab::column(&rst::inline(&h.text)) == Some(c))
}

pub(super) fn role(caption: &str, section: &str, status: Option<u16>, t: &Table) -> Role {
    let c = caption.to_lowercase();
    let has = |r: vocab::Caption| vocab::captioned(&c, r);
    if has(vocab::Caption::Path) {
        return Role::Params(Location::Path);
    }
    if has(vocab::Caption::Query) {
        return Role::Params(Location::Query);
    }
    // A header table under a response heading lists response headers, no parameters.
    let response = matches!(
        vocab::section(section),
        Some(vocab::Section::Response | vocab::Section::Failure)
    );
    if has(vocab::Caption::Header) && !response {
        return Role::Params(Location::Header);
    }
    if has(vocab::Caption::Body) {
        return Role::Params(Location::Body);
    }
    if has(vocab::Caption::Response) {
        return Role::Response(status.unwrap_or(200));
    }
    let first = t
        .rows
        .first()
        .and_then(|h| h.first())
        .map(|h| h.text.to_lowercase())
        .unwrap_or_default();
    // A status table: by its section, or a first column headed by a status word in any
    // language (`Status Code`, `Код ответа`, `状态码`).
    let status_column =
        vocab::error_column(&first) == Some(vocab::ErrorColumn::Status) && !first.contains("http");
    if section.contains("status code")
        || (first.contains("status") && first.contains("code"))
        || status_column
    {
        return Role::Statuses;
    }
    Role::Other
}

/// The type name a nested table's caption gives (`Table 4 VaultCreate` → `VaultCreate`).
pub(super) fn caption_name(t: &PageTable) -> String {
    let c = t.caption.trim();
    // `Table 4 X`, `Tabela 4 X`, `表4 X`: the words after the number.
    let after = vocab::CAPTION_OPENERS.iter().find_map(|w| {
        let n = w.chars().count();
        let head: String = c.chars().take(n).collect();
        let (i, next) = c.char_indices().nth(n)?;
        (head.to_lowercase() == *w && (next.is_ascii_digit() || next.is_whitespace()))
            .then(|| &c[i..])
    });
    let rest = match after {
        Some(r) => r
            .trim_start()
            .trim_start_matches(|ch: char| ch.is_ascii_digit())
            .trim(),
        None => c,
    };
    let name = camel(rest);
    if name.is_empty() || !name.starts_with(|ch: char| ch.is_ascii_alphabetic()) {
        camel(
            t.anchors
                .first()
                .map(String::as_str)
                .unwrap_or("Nested")
                .rsplit("__")
                .next()
                .unwrap_or("Nested"),
        )
    } else {
        name
    }
}

pub(super) type Row = (String, Option<bool>, Cell, (usize, usize), String);

/// A code block's lines with their page lines.
pub(super) type Code = Vec<(String, usize)>;

/// A response block: its status, lines and the line of the status heading.
pub(super) type Answer = (u16, Code, usize);

pub(super) struct Ctx<'a> {
    pub(super) anchored: IndexMap<String, &'a PageTable>,
    /// Anchor → type name given.
    pub(super) named: IndexMap<String, String>,
    pub(super) types: IndexMap<String, TypeDef>,
    pub(super) notes: Notes,
}

impl<'a> Ctx<'a> {
    /// The type a labelled table defines, built once (recursion through its own links),
    /// whichever of its anchors a link names.
    pub(super) fn type_for(&mut self, anchor: &str) -> Option<String> {
        let t = *self.anchored.get(anchor)?;
        let anchor = t.anchors.first().map(String::as_str).unwrap_or(anchor);
        if let Some(n) = self.named.get(anchor) {
            return Some(n.clone());
        }
        let mut name = caption_name(t);
        let base = name.clone();
        let mut k = 2;
        while self.types.contains_key(&name) || self.named.values().any(|v| *v == name) {
            name = format!("{base}{k}");
            k += 1;
        }
        self.named.insert(anchor.to_string(), name.clone());
        let fields = self.fields(&t.table);
        let span = table_span(&t.table);
        self.types.insert(
            name.clone(),
            TypeDef {
                description: TODO.into(),
                fields,
                values: Vec::new(),
                cite: lines_cite(&[span]),
            },
        );
        Some(name)
    }

    /// A type cell as a schema: objects it links to as their types, `Array of X`, the words.
    pub(super) fn schema(&mut self, cell: &Cell, path: &str) -> Schema {
        let lower = rst::inline(&cell.text).to_lowercase();
        let array = lower.trim_start().starts_with("array")
            || lower.trim_start().starts_with("list")
            || lower.contains("[]");
        let inner = match cell.links.first() {
            Some(a) => match self.type_for(a) {
                Some(n) => reference(&n),
                None => {
                    self.note(path, format!("`{a}` names no table on the page: a string"));
                    kind(Kind::String)
                }
            },
            None => {
                let rest = if array {
                    lower
                        .trim_start()
                        .trim_start_matches("array")
                        .trim_start_matches("list")
                        .trim_start()
                        .trim_start_matches("of")
                        .trim()
                        .to_string()
                } else {
                    lower.clone()
                };
                match vocab::type_word(&rest) {
                    Some(vocab::TypeWord::Object) => {
                        self.note(
                            path,
                            "an object the page gives no table for: kept as a string",
                        );
                        kind(Kind::String)
                    }
                    Some(vocab::TypeWord::Array) | None if array => kind(Kind::String),
                    Some(w) => crate::infer::from_word(w),
                    None => {
                        self.note(
                            path,
                            format!("type `{}` not read: a string", rst::inline(&cell.text)),
                        );
                        kind(Kind::String)
                    }
                }
            }
        };
        if array {
            Schema {
                kind: Kind::Array,
                items: Some(Box::new(inner)),
                ..Schema::default()
            }
        } else {
            inner
        }
    }

    /// Bounds and closed value lists the row states in words (defaults are the caller's).
    pub(super) fn worded(
        &mut self,
        s: &mut Schema,
        name: &str,
        desc: &str,
        at: (usize, usize),
        path: &str,
    ) {
        let w = words::read(desc);
        if words::constrain(s, &w) {
            self.note(
                path,
                format!("bounds of `{name}` read from the words at line {}", at.0),
            );
        }
        let values: Vec<String> = {
            let mut v: Vec<String> = Vec::new();
            for x in &w.values {
                if x.chars().any(char::is_alphanumeric) && !v.contains(x) {
                    v.push(x.clone());
                }
            }
            v
        };
        if s.kind != Kind::String || values.is_empty() {
            return;
        }
        let def = TypeDef {
            description: TODO.into(),
            fields: Vec::new(),
            values: values
                .into_iter()
                .map(|value| EnumValue {
                    value,
                    description: TODO.into(),
                    cite: None,
                })
                .collect(),
            cite: lines_cite(&[at]),
        };
        let same = self
            .types
            .iter()
            .find(|(_, t)| t.values == def.values)
            .map(|(n, _)| n.clone());
        let n = same.unwrap_or_else(|| {
            let base = camel(name);
            let mut n = base.clone();
            let mut k = 2;
            while self.types.contains_key(&n) {
                n = format!("{base}{k}");
                k += 1;
            }
            self.types.insert(n.clone(), def);
            n
        });
        self.note(
            path,
            format!("values of `{name}` read from the list at line {}", at.0),
        );
        let mut r = reference(&n);
        r.nullable = s.nullable;
        *s = r;
    }

    pub(super) fn note(&mut self, path: &str, text: impl Into<String>) {
        self.notes
            .entry(path.to_string())
            .or_default()
            .push(format!("TODO(draft): {}", text.into()));
    }

    /// Rows of a field table: (name, required, type cell, lines, description cell).
    pub(super) fn rows(t: &Table) -> Vec<Row> {
        let Some(nc) = header_col(t, Column::Name) else {
            return Vec::new();
        };
        let rc = header_col(t, Column::Required);
        let tc = header_col(t, Column::Type);
        let dc = header_col(t, Column::Description).or(header_col(t, Column::Remarks));
        t.rows
            .iter()
            .zip(&t.rows_at)
            .skip(1)
            .filter_map(|(r, at)| {
                let name = rst::inline(&r.get(nc)?.text).trim().to_string();
                let ok = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
                ok.then(|| {
                    (
                        name,
                        rc.and_then(|c| r.get(c))
                            .and_then(|c| vocab::required(&c.text)),
                        tc.and_then(|c| r.get(c)).cloned().unwrap_or_default(),
                        *at,
                        dc.and_then(|c| r.get(c))
                            .map(|c| c.text.clone())
                            .unwrap_or_default(),
                    )
                })
            })
            .collect()
    }

    pub(super) fn fields(&mut self, t: &Table) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::new();
        for (name, required, ty, at, desc) in Self::rows(t) {
            if out.iter().any(|f| f.name == name) {
                continue;
            }
            let mut schema = self.schema(&ty, "/types");
            self.worded(&mut schema, &name, &desc, at, "/types");
            out.push(Field {
                name,
                description: TODO.into(),
                required: required.unwrap_or(false),
                schema,
                role: None,
                deprecated: None,
                cite: lines_cite(&[at]),
            });
        }
        out
    }
}
