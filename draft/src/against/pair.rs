//! Operations of a draft paired with the current spec's: by method, path and the
//! discriminators both name, then by id, then by a title unique on both sides, then by
//! likeness (same method, a similar path and the same names), each pairing saying how it
//! was found.

use std::collections::BTreeSet;

use spec::format::{Operation, Spec};

use super::fields;

pub(super) fn route(op: &Operation) -> String {
    let mut s = format!("{} {}", op.method.as_str(), op.path);
    for d in &op.discriminators {
        s.push_str(&format!(" [{}={}]", d.name, d.value));
    }
    s
}

pub(super) fn same_route(a: &Operation, b: &Operation) -> bool {
    a.method == b.method
        && a.path == b.path
        && a.discriminators.iter().all(|d| {
            b.discriminators
                .iter()
                .find(|e| e.location == d.location && e.name == d.name)
                .is_none_or(|e| e.value == d.value)
        })
}

/// A title as compared: lower case, words of letters and digits.
fn title(op: &Operation) -> String {
    op.summary
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// How alike two operations of one method are: their path segments (placeholders as one)
/// and the names of their parameters and response fields, each counting half.
fn likeness(spec: &Spec, a: &Operation, page: &Spec, b: &Operation) -> f64 {
    if a.method != b.method {
        return 0.0;
    }
    let segments = |o: &Operation| -> BTreeSet<String> {
        o.path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| if s.starts_with('{') { "{}" } else { s }.to_string())
            .collect()
    };
    let names = |s: &Spec, o: &Operation| -> BTreeSet<String> {
        let mut n: BTreeSet<String> = o
            .request
            .parameters
            .iter()
            .map(|p| p.name.clone())
            .collect();
        n.extend(fields(s, &o.response.schema).into_iter().map(|f| f.path));
        n
    };
    0.5 * jaccard(&segments(a), &segments(b)) + 0.5 * jaccard(&names(spec, a), &names(page, b))
}

/// How a pair was found, as the report says when the address differs.
#[derive(Clone, Copy)]
pub(super) enum Found {
    Route,
    Id,
    Title,
    Likeness,
}

/// Pairs of (spec operation, page operation) indexes, in passes from the surest to the
/// loosest; likeness pairs only operations each other's best, at least 0.6 alike.
pub(super) fn pair(spec: &Spec, wanted: &[usize], page: &Spec) -> Vec<(usize, usize, Found)> {
    let mut pairs: Vec<(usize, usize, Found)> = Vec::new();
    let mut used = vec![false; page.operations.len()];
    type Same = fn(&Operation, &Operation) -> bool;
    let passes: [(Found, Same); 3] = [
        (Found::Route, same_route),
        (Found::Id, |a, b| a.id == b.id),
        (Found::Title, |a, b| {
            !title(a).is_empty() && title(a) == title(b)
        }),
    ];
    // A title pairs only where it names one operation on each side.
    let unique =
        |s: &Spec, o: &Operation| s.operations.iter().filter(|x| title(x) == title(o)).count() == 1;
    for (how, same) in passes {
        for &i in wanted {
            if pairs.iter().any(|p| p.0 == i) {
                continue;
            }
            let op = &spec.operations[i];
            if matches!(how, Found::Title) && !unique(spec, op) {
                continue;
            }
            if let Some(j) = (0..page.operations.len()).find(|&j| {
                let d = &page.operations[j];
                !used[j] && same(op, d) && (!matches!(how, Found::Title) || unique(page, d))
            }) {
                used[j] = true;
                pairs.push((i, j, how));
            }
        }
    }
    let open: Vec<usize> = wanted
        .iter()
        .copied()
        .filter(|i| !pairs.iter().any(|p| p.0 == *i))
        .collect();
    let free: Vec<usize> = (0..page.operations.len()).filter(|j| !used[*j]).collect();
    let score = |i: usize, j: usize| likeness(spec, &spec.operations[i], page, &page.operations[j]);
    let best = |scores: Vec<(usize, f64)>| {
        scores
            .into_iter()
            .filter(|s| s.1 >= 0.6)
            .fold(None, |b: Option<(usize, f64)>, s| match b {
                Some(b) if b.1 >= s.1 => Some(b),
                _ => Some(s),
            })
            .map(|b| b.0)
    };
    for &i in &open {
        let Some(j) = best(free.iter().map(|&j| (j, score(i, j))).collect()) else {
            continue;
        };
        if used[j] || best(open.iter().map(|&k| (k, score(k, j))).collect()) != Some(i) {
            continue;
        }
        used[j] = true;
        pairs.push((i, j, Found::Likeness));
    }
    pairs.sort_by_key(|p| p.0);
    pairs
}
