//! Source pages against their recorded fingerprints: which pages a spec records changed, went
//! missing, or sit in the docs directory unrecorded, with the operations and errata citing
//! each (errata follow their page: when its fingerprint changes they are due for re-review).
//! Reading the live page and rewriting specs are the caller's job (`cargo xtask sources`);
//! this module compares bytes, rewrites the hash in a spec's text, and, given a changed
//! page's previous text, names the spec facts whose cited lines it touched
//! ([`touched_facts`]).

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
}
