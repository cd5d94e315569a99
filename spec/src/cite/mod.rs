//! Citations: where on its page each fact of a spec comes from.
//!
//! One job per file: this file parses the compact `cite:` string ([`parse`]); the resolved
//! citations of every fact are resolved once by [`resolve`] (what each [`Fact`] says and cites); [`page`] reads a
//! page as text to search (markup, entities and table separators removed); [`table`] reads
//! its tables into rows and cells; [`check`] holds each fact against its cited lines (its own
//! table row and column where the lines are a table), `coverage.rs` that every cited table
//! row and listed value is covered by a fact; [`original`] holds a corrected example
//! to its page text; [`changes`] maps a page's line diff onto the facts
//! citing it.

pub mod changes;
pub mod check;
mod coverage;
mod fact;
mod line;
pub mod original;
pub mod page;
pub mod resolve;
pub mod table;

pub use fact::{Basis, Citation, CiteProblem, Cited, Claim, Expect, Fact, FactKind, Needle};

/// One part of a `cite:` string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Lines of a page: `002:45-47` (page named by a prefix of its file name) or `45-47`
    /// (the enclosing block's page).
    Lines {
        page: Option<String>,
        first: usize,
        last: usize,
    },
    /// Not on the page: `inferred: <reason>` (an SDK, a provider convention, a neighbouring
    /// page).
    Inferred(String),
    /// Explained by an erratum: `erratum E3`.
    Erratum(String),
}

/// Parse a `cite:` string: parts joined by `;`, an `inferred:` part running to the end.
pub fn parse(text: &str) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if let Some(reason) = rest.strip_prefix("inferred:") {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err("`inferred:` without a reason".into());
            }
            parts.push(Part::Inferred(reason.to_string()));
            break;
        }
        let (part, tail) = rest.split_once(';').unwrap_or((rest, ""));
        rest = tail.trim();
        let part = part.trim();
        if let Some(id) = part.strip_prefix("erratum ") {
            let id = id.trim();
            if id.is_empty() || id.contains(char::is_whitespace) {
                return Err(format!("`{part}` does not name one erratum"));
            }
            parts.push(Part::Erratum(id.to_string()));
            continue;
        }
        parts.push(lines(part)?);
    }
    if parts.is_empty() {
        return Err("an empty citation".into());
    }
    Ok(parts)
}

fn lines(part: &str) -> Result<Part, String> {
    let bad =
        || format!("`{part}` is neither `PAGE:LINES`, `LINES`, `inferred: …` nor `erratum ID`");
    let (page, range) = match part.rsplit_once(':') {
        Some((p, r)) if !p.trim().is_empty() => (Some(p.trim().to_string()), r.trim()),
        Some(_) => return Err(bad()),
        None => (None, part),
    };
    let (a, b) = range.split_once('-').unwrap_or((range, range));
    let number = |s: &str| s.trim().parse::<usize>().ok().filter(|n| *n > 0);
    match (number(a), number(b)) {
        (Some(first), Some(last)) if first <= last => Ok(Part::Lines { page, first, last }),
        (Some(_), Some(_)) => Err(format!("`{part}`: the range ends before it starts")),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, Part};

    #[test]
    fn parses_the_compact_forms() {
        assert_eq!(
            parse("002:45-47").unwrap(),
            vec![Part::Lines {
                page: Some("002".into()),
                first: 45,
                last: 47
            }]
        );
        assert_eq!(
            parse("12").unwrap(),
            vec![Part::Lines {
                page: None,
                first: 12,
                last: 12
            }]
        );
        assert_eq!(
            parse("12-13; erratum E3; inferred: SDK; sends it").unwrap(),
            vec![
                Part::Lines {
                    page: None,
                    first: 12,
                    last: 13
                },
                Part::Erratum("E3".into()),
                Part::Inferred("SDK; sends it".into())
            ]
        );
        for bad in [
            "",
            "inferred:",
            "x",
            "3-1",
            "0",
            ":4",
            "erratum",
            "erratum E1 E2",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
