//! The three readings of a [`Report`]: text (a review to read in a terminal), markdown (a
//! pull-request comment or changelog entry) and JSON (for tools).

use std::fmt::Write;

use super::{Change, Level, Report};

const ORDER: [Level; 3] = [Level::Breaking, Level::NonBreaking, Level::Info];

fn heading(level: Level) -> &'static str {
    match level {
        Level::Breaking => "Breaking changes",
        Level::NonBreaking => "Non-breaking changes",
        Level::Info => "Informational changes",
    }
}

fn summary(r: &Report) -> String {
    if r.changes.is_empty() {
        return "no changes".into();
    }
    format!(
        "{} change(s): {} breaking, {} non-breaking, {} informational",
        r.changes.len(),
        r.count(Level::Breaking),
        r.count(Level::NonBreaking),
        r.count(Level::Info)
    )
}

fn by_level(r: &Report, level: Level) -> impl Iterator<Item = &Change> {
    r.changes.iter().filter(move |c| c.level == level)
}

/// A review: the worst changes first, each with where, what, its rule and the Rust items.
pub fn text(r: &Report) -> String {
    let mut s = String::new();
    for level in ORDER {
        let mut any = false;
        for c in by_level(r, level) {
            if !any {
                let _ = writeln!(s, "{}:", heading(level));
                any = true;
            }
            let _ = writeln!(s, "  {} {}: {} [{}]", c.provider, c.at, c.message, c.rule);
            if !c.items.is_empty() {
                let _ = writeln!(s, "      rust: {}", c.items.join(", "));
            }
            if let Some(cites) = cites(c, "") {
                let _ = writeln!(s, "      cites: {cites}");
            }
        }
        if any {
            s.push('\n');
        }
    }
    let _ = writeln!(s, "{}", summary(r));
    s
}

/// Markdown for a pull request or a changelog: one section per level, a list per section.
pub fn markdown(r: &Report) -> String {
    markdown_with(r, "###")
}

/// [`markdown`] with section headings at the given depth (`"###"`).
pub fn markdown_with(r: &Report, hashes: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}.\n", capitalise(&summary(r)));
    for level in ORDER {
        let mut any = false;
        for c in by_level(r, level) {
            if !any {
                let _ = writeln!(s, "{hashes} {}\n", heading(level));
                any = true;
            }
            let _ = write!(
                s,
                "- **{}** `{}`: {} (`{}`)",
                c.provider, c.at, c.message, c.rule
            );
            if !c.items.is_empty() {
                let items: Vec<String> = c.items.iter().map(|i| format!("`{i}`")).collect();
                let _ = write!(s, "; Rust: {}", items.join(", "));
            }
            if let Some(cites) = cites(c, "`") {
                let _ = write!(s, "; cites {cites}");
            }
            s.push('\n');
        }
        if any {
            s.push('\n');
        }
    }
    s
}

/// `{"level": ..., "changes": [...]}`, pretty-printed.
pub fn json(r: &Report) -> String {
    let v = serde_json::json!({
        "level": r.level(),
        "breaking": r.count(Level::Breaking),
        "non_breaking": r.count(Level::NonBreaking),
        "info": r.count(Level::Info),
        "changes": r.changes,
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// The page lines behind a change, each side's (`q` quotes them): one citation when both sides
/// cite the same lines.
fn cites(c: &Change, q: &str) -> Option<String> {
    match (&c.cite_before, &c.cite_after) {
        (Some(b), Some(a)) if a == b => Some(format!("{q}{a}{q}")),
        (Some(b), Some(a)) => Some(format!("before {q}{b}{q}, after {q}{a}{q}")),
        (Some(b), None) => Some(format!("before {q}{b}{q}")),
        (None, Some(a)) => Some(format!("after {q}{a}{q}")),
        (None, None) => None,
    }
}

/// Every rule as a markdown table (id, level, the readings it breaks, why): the README's rule
/// table is this text.
pub fn rules_table() -> String {
    let mut s = String::from("| rule | level | breaks | why |\n|---|---|---|---|\n");
    for r in super::RULES {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} |",
            r.id,
            r.level.as_str(),
            r.breaks.describe(),
            r.why
        );
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
