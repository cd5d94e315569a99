//! Rust names for spec names: identifiers, type names and setters, keywords escaped and
//! collisions with the generated items told apart.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// A snake_case Rust identifier for any wire name.
/// Methods of every call builder and request, which a parameter's setter must not shadow.
pub(super) const BUILDER_METHODS: &[&str] = &["new", "send", "stream", "request", "build"];

/// The setter of a parameter on its call builder and request: its identifier, or `with_<it>`
/// when a builder method has that name.
pub fn setter(ident: &str) -> String {
    if BUILDER_METHODS.contains(&ident) {
        format!("with_{ident}")
    } else {
        ident.to_owned()
    }
}

pub fn ident(name: &str) -> String {
    let mut s = name.to_snake_case();
    if s.is_empty() {
        s = "value".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("n_{s}");
    }
    if is_keyword(&s) {
        s = if matches!(s.as_str(), "self" | "super" | "crate" | "Self") {
            format!("{s}_")
        } else {
            format!("r#{s}")
        };
    }
    s
}

/// An UpperCamelCase Rust type or variant name.
pub fn type_name(name: &str) -> String {
    let mut s = name.to_upper_camel_case();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("V{s}");
    }
    if s == "Self" {
        s = "SelfValue".into();
    }
    s
}

pub(super) fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

/// Make names unique by suffixing repeats with their position, or the next number after it
/// when an earlier name already has that suffix (`x`, `x3`, `x` gives `x`, `x3`, `x4`).
pub(super) fn dedupe(names: &mut [String]) {
    for i in 1..names.len() {
        if names[..i].contains(&names[i]) {
            let base = names[i].trim_start_matches("r#").to_owned();
            let mut n = i + 1;
            let mut name = format!("{base}{n}");
            while names[..i].contains(&name) {
                n += 1;
                name = format!("{base}{n}");
            }
            names[i] = name;
        }
    }
}

/// Items each provider module declares or re-exports, which no spec type may be named.
pub const RESERVED_TYPES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "EnvelopeError",
    "BuildError",
    "InvalidInput",
    "ResponseValue",
    "Secret",
    "Violation",
];
