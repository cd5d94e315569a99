//! A source page as text to search: each line with HTML markup and entities removed, pipe
//! table separators turned into spaces and whitespace collapsed, so a citation matches what
//! a reader sees, not how the page was exported.

use std::collections::HashMap;
use std::path::Path;

use regex::Regex;

pub use super::line::normalise;
use super::table::{Row, Table};
use crate::cite::Needle;
use crate::format::Erratum;

/// A page's lines, normalised (index 0 is line 1), and its tables.
#[derive(Debug, Clone)]
pub struct Page {
    pub lines: Vec<String>,
    pub tables: Vec<Table>,
}

impl Page {
    pub fn parse(text: &str) -> Page {
        Page {
            lines: text.lines().map(normalise).collect(),
            tables: super::table::read(text),
        }
    }

    /// The table rows that share a line with `first..=last`.
    pub fn rows(&self, first: usize, last: usize) -> impl Iterator<Item = (&Table, &Row)> {
        self.tables.iter().flat_map(move |t| {
            t.rows
                .iter()
                .filter(move |r| r.overlaps(first, last))
                .map(move |r| (t, r))
        })
    }

    /// The rows anywhere on the page whose name cell names `name`.
    pub fn rows_named<'p>(&'p self, name: &'p str) -> impl Iterator<Item = (&'p Table, &'p Row)> {
        self.tables.iter().flat_map(move |t| {
            t.rows
                .iter()
                .filter(move |r| {
                    t.name(r)
                        .is_some_and(|c| super::table::names(&c.text, name))
                })
                .map(move |r| (t, r))
        })
    }

    /// Lines `first..=last` (1-based) joined by a space, or `None` past the end.
    pub fn span(&self, first: usize, last: usize) -> Option<String> {
        if first == 0 || last > self.lines.len() {
            return None;
        }
        // Blank lines add no space: a block cited whole reads as its text.
        let lines: Vec<&str> = self.lines[first - 1..last]
            .iter()
            .map(String::as_str)
            .filter(|l| !l.is_empty())
            .collect();
        Some(lines.join(" "))
    }

    /// The 1-based lines that contain `needle` on their own.
    pub fn find(&self, needle: &Needle) -> Vec<usize> {
        (1..=self.lines.len())
            .filter(|&n| contains(&self.lines[n - 1], needle))
            .collect()
    }
}

/// Whether normalised `text` contains the needle.
pub fn contains(text: &str, needle: &Needle) -> bool {
    match needle {
        // Read like the page: a quoted table row matches the row.
        Needle::Text(t) | Needle::Transcribed(t) => text.contains(&normalise(t)),
        Needle::Name(t) => text.to_lowercase().contains(&normalise(t).to_lowercase()),
        Needle::Token(t) => !tokens(text, t).is_empty(),
        // A value listed as one: defined (`waiting: …`), alone in its cell or line, or among
        // alternatives (`TRUE or FALSE`, `a, b`, quoted or set in bold, `**a**`), not a word
        // of a sentence.
        Needle::Listed(t) => {
            let t = normalise_needle(t);
            text == t
                || tokens(text, &t).into_iter().any(|i| {
                    let before = text[..i].trim_end();
                    let after = text[i + t.len()..].trim_start();
                    let lower = before.to_lowercase();
                    after.starts_with([':', ',', ')', '"', '\'', '`', '|', ';', '*'])
                        || after.is_empty()
                        || ["or ", "ou ", "или "]
                            .iter()
                            .any(|w| after.to_lowercase().starts_with(w))
                        || before.ends_with(['(', '"', '\'', '`', ',', '|', '/', '*'])
                        || before.is_empty()
                        || [" or", " ou", " или"].iter().any(|w| lower.ends_with(w))
                })
        }
        Needle::Pattern(p) => Regex::new(p).is_ok_and(|re| re.is_match(text)),
        Needle::Member {
            within,
            member,
            value,
        } => scopes(text, within)
            .into_iter()
            .any(|scope| after_member(scope, member, value)),
    }
}

/// The parts of `text` inside the objects or arrays `within` (outermost first): the
/// bracketed value after each member shown as `"name": {` or `name: [`; a member the text
/// never shows so is passed over (its values are looked for around it).
fn scopes<'t>(text: &'t str, within: &[String]) -> Vec<&'t str> {
    let Some((first, rest)) = within.split_first() else {
        return vec![text];
    };
    let opened: Vec<&str> = tokens(text, first)
        .into_iter()
        .filter_map(|i| {
            let after = text[i + first.len()..]
                .trim_start_matches(['"', '\''])
                .trim_start();
            let after = after.strip_prefix([':', '='])?.trim_start();
            let open = after.chars().next()?;
            let close = match open {
                '{' => '}',
                '[' => ']',
                _ => return None,
            };
            let mut depth = 0;
            for (j, c) in after.char_indices() {
                if c == open {
                    depth += 1;
                } else if c == close {
                    depth -= 1;
                    if depth == 0 {
                        return Some(&after[..=j]);
                    }
                }
            }
            Some(after) // not closed within the cited lines
        })
        .collect();
    if opened.is_empty() {
        return scopes(text, rest);
    }
    opened.into_iter().flat_map(|s| scopes(s, rest)).collect()
}

/// Whether `value` follows `member` in `text` where the text shows the member (at most a
/// quote, `:` or `=` and a quote between them), or appears as a token where it does not; an
/// empty member (an array's item) is a token.
fn after_member(text: &str, member: &str, value: &str) -> bool {
    let shown = |t: &str| !tokens(text, t).is_empty();
    if member.is_empty() || !shown(member) {
        return shown(value);
    }
    let v = normalise_needle(value);
    tokens(text, member).into_iter().any(|i| {
        let after = text[i + member.len()..]
            .trim_start_matches(['"', '\''])
            .trim_start();
        let after = after.strip_prefix([':', '=']).unwrap_or(after).trim_start();
        let after = after.strip_prefix(['"', '\'']).unwrap_or(after);
        !v.is_empty() && after.starts_with(&v) && tokens(after, &v).first() == Some(&0)
    })
}

/// Where `t` occurs in `text` as a token: not inside a longer word or number.
fn tokens(text: &str, t: &str) -> Vec<usize> {
    let t = normalise_needle(t);
    if t.is_empty() {
        return Vec::new();
    }
    text.match_indices(&t)
        .filter(|(i, m)| {
            let word = |c: char| c.is_alphanumeric() || c == '_';
            let head = &text[..*i];
            let tail = &text[i + m.len()..];
            let before = head.chars().next_back();
            let after = tail.chars().next();
            // A number does not start or end inside a decimal (`0` in `v1.0`).
            let decimal = |sep: Option<char>, next: Option<char>| {
                sep == Some('.') && next.is_some_and(|c| c.is_ascii_digit())
            };
            let digits = t.chars().next().is_some_and(|c| c.is_ascii_digit())
                && t.chars().next_back().is_some_and(|c| c.is_ascii_digit());
            if digits
                && (decimal(before, head.chars().rev().nth(1))
                    || decimal(after, tail.chars().nth(1)))
            {
                return false;
            }
            // A boundary is only needed where the token itself starts or ends with a word
            // character (`dcs.08.0001` inside a sentence, `1` not inside `10`).
            let starts = t.chars().next().is_some_and(word);
            let ends = t.chars().next_back().is_some_and(word);
            !((starts && before.is_some_and(word)) || (ends && after.is_some_and(word)))
        })
        .map(|(i, _)| i)
        .collect()
}

fn normalise_needle(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The pages of a directory, read once each.
pub struct Pages<'d> {
    dir: &'d Path,
    read: HashMap<String, Option<Page>>,
}

impl<'d> Pages<'d> {
    pub fn new(dir: &'d Path) -> Self {
        Pages {
            dir,
            read: HashMap::new(),
        }
    }

    pub fn get(&mut self, file: &str) -> Option<&Page> {
        let dir = self.dir;
        self.read
            .entry(file.to_string())
            .or_insert_with(|| {
                let bytes = std::fs::read(dir.join(file)).ok()?;
                Some(Page::parse(&String::from_utf8_lossy(&bytes)))
            })
            .as_ref()
    }

    /// A page read before with [`Pages::get`].
    pub fn peek(&self, file: &str) -> Option<&Page> {
        self.read.get(file).and_then(Option::as_ref)
    }
}

/// Whether an erratum's text (or its `corrects:`) names one of `words`.
pub fn names_any(e: &Erratum, words: &[String]) -> bool {
    let text = format!(
        "{} {} {} {} {}",
        e.location,
        e.problem,
        e.choice,
        e.reason,
        e.corrects.join(" ")
    );
    let text = normalise(&text).to_lowercase();
    words.iter().any(|w| {
        let w = w.to_lowercase();
        contains(&text, &Needle::Token(w.clone()))
            || contains(&text, &Needle::Token(w.replace('_', " ")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_entities_and_separators_go() {
        assert_eq!(
            normalise(r#"| <p id="x">a &amp; <b>b</b></p>  |c"#),
            "a & b c"
        );
    }

    #[test]
    fn listed_values_are_not_words_of_a_sentence() {
        let l = |t: &str| Needle::Listed(t.into());
        let line = "waiting: about to start. backuping: backup is in progress. succeed: done";
        assert!(contains(line, &l("waiting")));
        assert!(contains(line, &l("succeed")));
        assert!(!contains(line, &l("progress")));
        assert!(contains("Options: TRUE or FALSE.", &l("FALSE")));
        assert!(contains("Options: TRUE or FALSE.", &l("TRUE")));
        assert!(contains("dcs.08.0001", &l("dcs.08.0001")));
        assert!(!contains("the backup file", &l("backup")));
        assert!(contains("values are **na**, **snapshot**", &l("na")));
        assert!(contains("- **snapshot**", &l("snapshot")));
    }

    #[test]
    fn a_members_value_follows_the_member_where_it_is_shown() {
        let m = |member: &str, value: &str| Needle::Member {
            within: Vec::new(),
            member: member.into(),
            value: value.into(),
        };
        let json = normalise(r#"{ "name" : "backup-1", "type": "manual", "size": 10 }"#);
        assert!(contains(&json, &m("name", "backup-1")));
        assert!(contains(&json, &m("size", "10")));
        assert!(!contains(&json, &m("name", "manual")));
        assert!(!contains(&json, &m("size", "1")));
        assert!(contains("func=a.b start=1", &m("start", "1")));
        assert!(contains(
            &normalise("name | MyBackup |"),
            &m("name", "MyBackup")
        ));
        // Not shown: the value alone.
        assert!(contains(&json, &m("id", "manual")));
    }

    #[test]
    fn tokens_respect_word_edges() {
        let t = normalise("limit defaults to 10; start=1");
        assert!(contains(&t, &Needle::Token("1".into())));
        assert!(!contains("limit 10", &Needle::Token("1".into())));
        assert!(contains("code: -1 here", &Needle::Token("-1".into())));
        assert!(contains(
            "x dcs.08.0001.",
            &Needle::Token("dcs.08.0001".into())
        ));
        assert!(!contains("start_time", &Needle::Token("start".into())));
        assert!(!contains("/v1.0/x", &Needle::Token("0".into())));
        assert!(contains("is 1.", &Needle::Token("1".into())));
    }
}
