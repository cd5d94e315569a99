//! A fact of a spec and its citation: what its page lines must say and where it cites them
//! (resolved by [`super::resolve`]).

use std::fmt;

use crate::vocab::{Cue, TypeWord};
use crate::yaml::PathSeg;

/// One resolved part of a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Citation {
    /// Lines `first..=last` (1-based) of the page file `page`.
    Lines {
        page: String,
        first: usize,
        last: usize,
    },
    Inferred(String),
    Erratum(String),
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Citation::Lines { page, first, last } if first == last => write!(f, "{page}:{first}"),
            Citation::Lines { page, first, last } => write!(f, "{page}:{first}-{last}"),
            Citation::Inferred(reason) => write!(f, "inferred: {reason}"),
            Citation::Erratum(id) => write!(f, "erratum {id}"),
        }
    }
}

/// A fact's citation: its parts, and where the `cite:` that gives them is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    pub parts: Vec<Citation>,
    /// Document path of the `cite` key.
    pub at: Vec<PathSeg>,
    /// Written on the fact itself (false: taken from the enclosing block).
    pub own: bool,
}

impl Cited {
    /// The parts as one line, e.g. `002_x.txt:45-47; erratum E1` (OpenAPI `x-source`, docs).
    pub fn render(&self) -> String {
        let v: Vec<String> = self.parts.iter().map(ToString::to_string).collect();
        v.join("; ")
    }

    pub fn basis(&self) -> Basis {
        if self.parts.iter().any(|p| matches!(p, Citation::Erratum(_))) {
            Basis::Erratum
        } else if self
            .parts
            .iter()
            .any(|p| matches!(p, Citation::Inferred(_)))
        {
            Basis::Inferred
        } else {
            Basis::Page
        }
    }

    /// The cited page lines, `(page, first, last)`.
    pub fn lines(&self) -> impl Iterator<Item = (&str, usize, usize)> {
        self.parts.iter().filter_map(|p| match p {
            Citation::Lines { page, first, last } => Some((page.as_str(), *first, *last)),
            _ => None,
        })
    }
}

/// What a fact rests on, for the per-spec report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// Page lines alone.
    Page,
    Inferred,
    Erratum,
}

/// Something the cited lines must contain: at least one of the needles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expect(pub Vec<Needle>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needle {
    /// Appears as written, not inside a longer word or number.
    Token(String),
    /// Appears as a listed value: defined (`value: …`), alone in its cell or line, or among
    /// alternatives (`A or B`, `A, B`, quoted); not an ordinary word of a sentence.
    Listed(String),
    /// Appears as written (whitespace normalised), anywhere.
    Text(String),
    /// A name written in any letter case, anywhere (a format: `hh:mm` names `HH:MM`).
    Name(String),
    /// A value matching this regular expression appears (a format's sample value).
    Pattern(String),
    /// A rule a page states in words (a regular expression): appears as written, or the
    /// citation says with `inferred:` how the cited words become it.
    Transcribed(String),
    /// An example's value of a member: inside the objects or arrays `within` (outermost
    /// first) where the text shows them (`"apply": { … }`), and where it shows the member,
    /// right after it (`"name": "x"`, `name=x`, `name | x |`); elsewhere as a token. An empty
    /// `member` is an array's item, a token inside the array.
    Member {
        within: Vec<String>,
        member: String,
        value: String,
    },
}

impl fmt::Display for Needle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Needle::Token(t)
            | Needle::Listed(t)
            | Needle::Text(t)
            | Needle::Name(t)
            | Needle::Transcribed(t) => {
                write!(f, "`{t}`")
            }
            Needle::Pattern(p) => write!(f, "a value matching `{p}`"),
            Needle::Member {
                within,
                member,
                value,
            } => {
                let mut at = within.join(".");
                if member.is_empty() {
                    return write!(f, "`{value}` in `{at}`");
                }
                if !at.is_empty() {
                    at.push('.');
                }
                write!(f, "`{value}` as `{at}{member}`")
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    Operation,
    Discriminator,
    Parameter,
    Default,
    Field,
    Constraint,
    EnumValue,
    Literal,
    Status,
    ErrorCase,
    Example,
    /// An authentication scheme: the page names its credential (or how requests are signed).
    Auth,
    /// A parameter's or field's type (`claim` says which words a type cell may hold).
    Type,
    /// A parameter's or field's required flag.
    Required,
    /// A field or parameter that may be `null`.
    Nullable,
}

/// What a type, required or nullable fact claims, held against the row's cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// A type cell must name one of these (an unknown word is not held against it).
    Type(Vec<TypeWord>),
    Required(bool),
    Nullable,
}

/// One fact of a spec and its citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub kind: FactKind,
    /// Human label, e.g. ``parameter `start` of `list_backup_records` ``.
    pub label: String,
    /// Document path of the fact (where an uncited fact is reported).
    pub at: Vec<PathSeg>,
    /// The page the fact belongs to by default (for suggestions), when known.
    pub page: Option<String>,
    /// All must hold on the cited lines.
    pub expect: Vec<Expect>,
    pub cite: Option<Cited>,
    /// The parameter or field whose table row the fact must be on, where the cited lines are
    /// table rows: its name cell names it, and `expect` holds within that row.
    pub row: Option<String>,
    /// What makes a number on the row this fact (a bound or a default): a word of it in the
    /// same clause, or a range (`from 4 to 64`).
    pub cue: Option<Cue>,
    pub claim: Option<Claim>,
    /// The words an erratum that alone explains the fact must say one of (the fact's name,
    /// its owner's, its value).
    pub named: Vec<String>,
}

/// A `cite:` that cannot be resolved: where, what is wrong, what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteProblem {
    pub at: Vec<PathSeg>,
    pub problem: String,
    pub fix: String,
}
