//! Change mapping: given the previous and the current text of a page, the facts whose cited
//! lines changed, moved or vanished, so a maintainer reviews exactly those.

use similar::TextDiff;

use crate::cite::Fact;

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

/// What became of one line of the old page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// Still there word for word, at this line of the new page.
    Kept(usize),
    /// Replaced by other text.
    Edited,
    /// Removed with nothing in its place.
    Deleted,
}

/// For each old line (index 0 = line 1), what became of it on the new page.
pub fn line_map(old: &str, new: &str) -> Vec<Line> {
    use similar::DiffOp;
    let diff = TextDiff::from_lines(old, new);
    let mut map = Vec::new();
    for op in diff.ops() {
        match *op {
            DiffOp::Equal { new_index, len, .. } => {
                map.extend((0..len).map(|i| Line::Kept(new_index + i + 1)))
            }
            DiffOp::Delete { old_len, .. } => map.extend((0..old_len).map(|_| Line::Deleted)),
            DiffOp::Replace { old_len, .. } => map.extend((0..old_len).map(|_| Line::Edited)),
            DiffOp::Insert { .. } => {}
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
            let fates: Vec<Line> = (first..=last)
                .map(|n| map.get(n - 1).copied().unwrap_or(Line::Deleted))
                .collect();
            let kept: Vec<usize> = fates
                .iter()
                .filter_map(|l| match l {
                    Line::Kept(n) => Some(*n),
                    _ => None,
                })
                .collect();
            let fate = if fates.iter().all(|l| *l == Line::Deleted) {
                Fate::Vanished
            } else if kept.len() < fates.len() {
                Fate::Changed
            } else {
                let (a, b) = (kept[0], kept[kept.len() - 1]);
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
            vec![Line::Kept(2), Line::Deleted, Line::Kept(3)]
        );
        assert_eq!(
            line_map("a\nb\nc\n", "a\nB\nc\n"),
            vec![Line::Kept(1), Line::Edited, Line::Kept(3)]
        );
    }
}
