//! Change mapping: given the previous and the current text of a page, the facts whose cited
//! lines changed, moved or vanished, so a maintainer reviews exactly those.

use similar::{ChangeTag, TextDiff};

use crate::model::facts::Fact;

/// What became of a fact's cited lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// Some cited line was edited or deleted.
    Changed,
    /// Every cited line is still there, word for word, at other line numbers.
    Moved { first: usize, last: usize },
    /// Every cited line was deleted.
    Vanished,
}

/// A fact touched by a page change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touched<'f> {
    pub fact: &'f Fact,
    /// The cited range on the old page.
    pub first: usize,
    pub last: usize,
    pub fate: Fate,
}

/// For each old line (index 0 = line 1), its line number on the new page when kept as is.
pub fn line_map(old: &str, new: &str) -> Vec<Option<usize>> {
    let diff = TextDiff::from_lines(old, new);
    let mut map = Vec::new();
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Equal => map.push(change.new_index().map(|i| i + 1)),
            ChangeTag::Delete => map.push(None),
            ChangeTag::Insert => {}
        }
    }
    map
}

/// The facts among `facts` citing `page` whose cited lines changed, moved or vanished.
pub fn touched<'f>(facts: &'f [Fact], page: &str, old: &str, new: &str) -> Vec<Touched<'f>> {
    let map = line_map(old, new);
    let mut out = Vec::new();
    for fact in facts {
        let Some(cite) = &fact.cite else { continue };
        for (file, first, last) in cite.lines() {
            if file != page {
                continue;
            }
            let kept: Vec<Option<usize>> = (first..=last)
                .map(|n| map.get(n - 1).copied().flatten())
                .collect();
            let fate = if kept.iter().all(Option::is_none) {
                Fate::Vanished
            } else if kept.iter().any(Option::is_none) {
                Fate::Changed
            } else {
                let (a, b) = (
                    kept[0].unwrap_or(first),
                    kept[kept.len() - 1].unwrap_or(last),
                );
                if (a, b) == (first, last) {
                    continue;
                }
                Fate::Moved { first: a, last: b }
            };
            out.push(Touched {
                fact,
                first,
                last,
                fate,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_lines_follow_their_moves() {
        assert_eq!(
            line_map("a\nb\nc\n", "x\na\nc\n"),
            vec![Some(2), None, Some(3)]
        );
    }
}
