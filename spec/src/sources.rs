//! Source pages against their recorded fingerprints: which pages a spec records changed, went
//! missing, or sit in the docs directory unrecorded, with the operations and errata citing
//! each (errata follow their page: when its fingerprint changes they are due for re-review).
//! Reading the live page and rewriting specs are the caller's job (`cargo xtask sources`);
//! this module compares bytes, rewrites the hash in a spec's text, and, given a changed
//! page's previous text, names the spec facts whose cited lines it touched
//! ([`touched_facts`]) and moves the citations whose lines only moved ([`move_citations`]).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::load::SpecFile;

/// What the page in the docs directory says about a recorded page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PageState {
    /// Same SHA-256 as recorded.
    Unchanged,
    /// Another SHA-256 than recorded.
    Changed { actual: String },
    /// No such file in the docs directory.
    Missing,
    /// A file in the docs directory that no spec records.
    Unreferenced,
}

/// An erratum citing a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitingErratum {
    pub id: String,
    pub location: String,
    pub problem: String,
}

/// One recorded page of one spec (or an unreferenced file, with no spec).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page {
    pub file: String,
    /// The provider recording the page (`None` for an unreferenced file).
    pub provider: Option<String>,
    /// The spec file recording it.
    pub spec: Option<PathBuf>,
    pub recorded: Option<String>,
    pub url: Option<String>,
    pub state: PageState,
    /// The live page's state, when it was fetched (`Unchanged` or `Changed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live: Option<PageState>,
    /// Ids of the operations whose `source` is the page.
    pub operations: Vec<String>,
    /// The errata whose `source` is the page.
    pub errata: Vec<CitingErratum>,
}

impl Page {
    /// Changed in the docs directory or live.
    pub fn changed(&self) -> bool {
        matches!(self.state, PageState::Changed { .. })
            || matches!(self.live, Some(PageState::Changed { .. }))
    }

    /// The SHA-256 the page has now: the docs directory's, else the live page's.
    pub fn actual(&self) -> Option<&str> {
        match (&self.state, &self.live) {
            (PageState::Changed { actual }, _) | (_, Some(PageState::Changed { actual })) => {
                Some(actual)
            }
            _ => None,
        }
    }
}

/// Lowercase hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether a docs-directory entry is a page: regular files, except hidden ones and
/// `README*` (the directory's own description).
fn is_page(name: &str) -> bool {
    !name.starts_with('.') && !name.starts_with("README")
}

/// Every recorded page of `files` against `docs`, then every unreferenced file of `docs`,
/// in spec order. A docs directory that does not exist makes every page missing.
pub fn check(files: &[SpecFile], docs: &Path) -> std::io::Result<Vec<Page>> {
    let mut out = Vec::new();
    let mut recorded = BTreeSet::new();
    for f in files {
        let spec = &f.spec;
        for src in &spec.provider.sources {
            recorded.insert(src.file.clone());
            let path = docs.join(&src.file);
            let state = match std::fs::read(&path) {
                Ok(bytes) => {
                    let actual = sha256_hex(&bytes);
                    if actual.eq_ignore_ascii_case(&src.sha256) {
                        PageState::Unchanged
                    } else {
                        PageState::Changed { actual }
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => PageState::Missing,
                Err(e) => {
                    return Err(std::io::Error::new(
                        e.kind(),
                        format!("{}: {e}", path.display()),
                    ))
                }
            };
            out.push(Page {
                file: src.file.clone(),
                provider: Some(spec.provider.id.clone()),
                spec: Some(f.path.clone()),
                recorded: Some(src.sha256.clone()),
                url: src.url.clone(),
                state,
                live: None,
                operations: spec
                    .operations
                    .iter()
                    .filter(|o| o.source == src.file)
                    .map(|o| o.id.clone())
                    .collect(),
                errata: spec
                    .errata
                    .iter()
                    .filter(|e| e.source == src.file)
                    .map(|e| CitingErratum {
                        id: e.id.clone(),
                        location: e.location.clone(),
                        problem: e.problem.clone(),
                    })
                    .collect(),
            });
        }
    }
    if docs.is_dir() {
        let mut extra = Vec::new();
        for entry in std::fs::read_dir(docs)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type()?.is_file() && is_page(&name) && !recorded.contains(&name) {
                extra.push(name);
            }
        }
        extra.sort();
        out.extend(extra.into_iter().map(|file| Page {
            file,
            provider: None,
            spec: None,
            recorded: None,
            url: None,
            state: PageState::Unreferenced,
            live: None,
            operations: Vec::new(),
            errata: Vec::new(),
        }));
    }
    Ok(out)
}

/// `text` (a spec's YAML) with the recorded hash `old` replaced by `new`, or `None` when
/// `old` does not occur exactly once (the caller then refuses to guess).
pub fn rewrite_hash(text: &str, old: &str, new: &str) -> Option<String> {
    let at: Vec<usize> = text.match_indices(old).map(|(i, _)| i).collect();
    if at.len() != 1 {
        return None;
    }
    let mut s = String::with_capacity(text.len());
    s.push_str(&text[..at[0]]);
    s.push_str(new);
    s.push_str(&text[at[0] + old.len()..]);
    Some(s)
}

/// A spec fact whose cited page lines a change touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TouchedFact {
    pub spec: PathBuf,
    /// Where the fact is written in the spec (1-based).
    pub line: usize,
    pub column: usize,
    pub label: String,
    /// The cited range on the previous page, e.g. `002_x.txt:45-47`.
    pub cited: String,
    /// `changed`, `vanished` or `moved to 50-52`.
    pub fate: String,
}

/// The facts of every spec citing `page` whose cited lines differ between `old` and `new`.
pub fn touched_facts(
    validated: &crate::validate::Validated,
    model: &crate::model::Model,
    page: &str,
    old: &str,
    new: &str,
) -> Vec<TouchedFact> {
    use crate::cite::changes::{touched, Fate};
    let mut out = Vec::new();
    for (file, provider) in validated.files().iter().zip(&model.providers) {
        let map = file.source_map();
        for t in touched(&provider.facts, page, old, new) {
            let (line, column) = map.locate(&t.fact.at);
            out.push(TouchedFact {
                spec: file.path.clone(),
                line,
                column,
                label: t.fact.label.clone(),
                cited: if t.first == t.last {
                    format!("{page}:{}", t.first)
                } else {
                    format!("{page}:{}-{}", t.first, t.last)
                },
                fate: match t.fate {
                    Fate::Changed => "changed".into(),
                    Fate::Vanished => "vanished".into(),
                    Fate::Moved { first, last } if first == last => format!("moved to {first}"),
                    Fate::Moved { first, last } => format!("moved to {first}-{last}"),
                },
            });
        }
    }
    out
}

/// A `cite:` whose lines of a changed page only moved, rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MovedCite {
    pub spec: PathBuf,
    /// Where the `cite:` value is written (1-based).
    pub line: usize,
    /// The citation's lines of the page before and after, e.g. `45-47` and `48-50`.
    pub from: String,
    pub to: String,
}

/// `file`'s text with every `cite:` whose lines of `page` are all still there word for word,
/// in one run at other line numbers, rewritten to the new numbers; and what was moved. A
/// citation with a cited line of the page edited or deleted (or lines parted by an
/// insertion) is left as written: [`touched_facts`] lists it for review.
/// `changes` are the changed pages as `(file, previous text, current text)`.
pub fn move_citations(
    file: &SpecFile,
    facts: &[crate::cite::Fact],
    changes: &[(&str, &str, &str)],
) -> (String, Vec<MovedCite>) {
    let mut edits = Vec::new();
    for &(page, old, new) in changes {
        moves(file, facts, page, old, new, &mut edits);
    }
    edits.sort_by_key(|e| e.0.start);
    let mut text = String::with_capacity(file.text.len());
    let mut done = 0;
    let mut out = Vec::new();
    for (at, to, m) in edits {
        if at.start < done {
            continue;
        }
        text.push_str(&file.text[done..at.start]);
        text.push_str(&to);
        done = at.end;
        out.push(m);
    }
    text.push_str(&file.text[done..]);
    (text, out)
}

/// A byte range of a spec's text, its new text, and what it moves.
type Edit = (std::ops::Range<usize>, String, MovedCite);

/// The edits moving the citations of one changed page.
fn moves(
    file: &SpecFile,
    facts: &[crate::cite::Fact],
    page: &str,
    old: &str,
    new: &str,
    edits: &mut Vec<Edit>,
) {
    use crate::cite::changes::{line_map, Line};
    use crate::cite::Citation;
    let map = line_map(old, new);
    // The new range of old lines `first..=last`, when they only moved.
    let moved = |first: usize, last: usize| -> Option<(usize, usize)> {
        let kept: Vec<usize> = (first..=last)
            .map(|n| match map.get(n - 1) {
                Some(Line::Kept(k)) => Some(*k),
                _ => None,
            })
            .collect::<Option<_>>()?;
        let run = kept.windows(2).all(|w| w[1] == w[0] + 1);
        run.then(|| (kept[0], kept[kept.len() - 1]))
    };
    // Each `cite:` once (facts without their own share their block's).
    let mut seen = BTreeSet::new();
    for cited in facts.iter().filter_map(|f| f.cite.as_ref()) {
        let key = format!("{:?}", cited.at);
        if !seen.insert(key) {
            continue;
        }
        let parts: Vec<(bool, usize, usize)> = cited
            .parts
            .iter()
            .filter_map(|p| match p {
                Citation::Lines {
                    page: q,
                    first,
                    last,
                } => Some((q == page, *first, *last)),
                _ => None,
            })
            .collect();
        let ours: Vec<Option<(usize, usize)>> = parts
            .iter()
            .filter(|p| p.0)
            .map(|p| moved(p.1, p.2))
            .collect();
        let unchanged = parts
            .iter()
            .filter(|p| p.0)
            .zip(&ours)
            .all(|(p, m)| *m == Some((p.1, p.2)));
        if ours.is_empty() || unchanged || ours.iter().any(Option::is_none) {
            continue;
        }
        let (line, column) = file.source_map().locate_value(&cited.at);
        let Some(found) = ranges_in(&file.text, line, column, &parts) else {
            continue;
        };
        let mut ours = ours.into_iter().flatten();
        for ((ours_part, first, last), at) in parts.iter().zip(found) {
            if !ours_part {
                continue;
            }
            let Some((a, b)) = ours.next() else { break };
            let shown = |a: usize, b: usize| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            };
            let to = shown(a, b);
            edits.push((
                at,
                to.clone(),
                MovedCite {
                    spec: file.path.clone(),
                    line,
                    from: shown(*first, *last),
                    to,
                },
            ));
        }
    }
}

/// The byte ranges of each line range's numbers (`12`, `12-14`) in the one-line `cite:`
/// value written at `line`:`column`, in order; `None` when one is not found as written.
fn ranges_in(
    text: &str,
    line: usize,
    column: usize,
    parts: &[(bool, usize, usize)],
) -> Option<Vec<std::ops::Range<usize>>> {
    let start = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum::<usize>();
    let rest = &text[start..];
    let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let mut at = rest.char_indices().nth(column.checked_sub(1)?)?.0;
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let mut out = Vec::new();
    for &(_, first, last) in parts {
        let forms = [format!("{first}-{last}"), first.to_string()];
        let found = forms.iter().find_map(|form| {
            let mut from = at;
            while let Some(i) = rest[from..].find(form.as_str()).map(|i| i + from) {
                let before = rest[..i].chars().next_back();
                let after = rest[i + form.len()..].chars().next();
                let bounded = !digit(before)
                    && !before.is_some_and(|c| c.is_alphabetic())
                    && !digit(after)
                    && after != Some('-');
                if bounded && (first == last || form.contains('-')) {
                    return Some(i..i + form.len());
                }
                from = i + form.len();
            }
            None
        })?;
        at = found.end;
        out.push(start + found.start..start + found.end);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::{rewrite_hash, sha256_hex};

    #[test]
    fn hashes_and_rewrites() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            rewrite_hash("a: x1\nb: x2\n", "x1", "y"),
            Some("a: y\nb: x2\n".into())
        );
        assert_eq!(rewrite_hash("x x", "x", "y"), None);
        assert_eq!(rewrite_hash("z", "x", "y"), None);
    }

    #[test]
    fn line_ranges_are_found_as_written_in_a_cite() {
        let text = "a: 1\ncite: \"p.txt:12-14; 7; erratum E12\"\n";
        let parts = [(true, 12, 14), (true, 7, 7)];
        let found = super::ranges_in(text, 2, 7, &parts).expect("found");
        let shown: Vec<&str> = found.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(shown, ["12-14", "7"]);
        // A number inside an erratum id or another range is not a line range.
        assert!(super::ranges_in("cite: erratum E12\n", 1, 7, &[(true, 12, 12)]).is_none());
        assert!(super::ranges_in("cite: 112-113\n", 1, 7, &[(true, 12, 13)]).is_none());
    }
}
