//! API versions of a tree's operations, where the pages say so: operations of one method
//! whose paths differ only in their version segment (`/v1/…`, `/v2/…`), or whose titles are
//! the same but for a retirement mark, are versions of one call. Each keeps its own
//! operation and records `since` (its path's version); one whose title marks it retired
//! (`(Outdated)`, by `vocab::DEPRECATED_WORDS`) is `deprecated`, naming the newest unmarked
//! version as its replacement. An older version the pages do not mark is only noted.

use spec::format::{Deprecated, Operation};

use crate::op::Notes;
use crate::vocab;

/// The version segment of a path (`v1.0` → `1.0` and its numbers), if any.
fn version(path: &str) -> Option<(String, Vec<u32>)> {
    path.split('/').find_map(|seg| {
        let v = seg.strip_prefix('v').or_else(|| seg.strip_prefix('V'))?;
        let nums: Vec<u32> = v
            .split('.')
            .map(|n| n.parse().ok())
            .collect::<Option<_>>()?;
        Some((v.to_string(), nums))
    })
}

/// The path with its version segment as `{version}`.
fn unversioned(path: &str) -> String {
    path.split('/')
        .map(|seg| {
            let v = seg.strip_prefix('v').or_else(|| seg.strip_prefix('V'));
            if v.is_some_and(|v| !v.is_empty() && v.split('.').all(|n| n.parse::<u32>().is_ok())) {
                "{version}"
            } else {
                seg
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A title without its retirement mark, lower case.
fn plain_title(title: &str) -> String {
    let t = match vocab::deprecation_mark(title) {
        Some(m) => title.replace(m, ""),
        None => title.to_string(),
    };
    t.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Mark the versions among `ops` (their page titles in `titles`), noting each guess under
/// `/operations/N/…`.
pub fn mark(ops: &mut [Operation], titles: &[String], notes: &mut Notes) {
    let n = ops.len();
    // Versions of one call: same method and, the version aside, the same path or title.
    let mut group: Vec<usize> = (0..n).collect();
    fn root(g: &mut [usize], mut i: usize) -> usize {
        while g[i] != i {
            i = g[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&ops[i], &ops[j]);
            let (va, vb) = (version(&a.path), version(&b.path));
            let differ = matches!((&va, &vb), (Some(x), Some(y)) if x.1 != y.1);
            let same_path = unversioned(&a.path) == unversioned(&b.path);
            let same_title = !plain_title(&titles[i]).is_empty()
                && plain_title(&titles[i]) == plain_title(&titles[j]);
            if a.method == b.method && differ && (same_path || same_title) {
                let (ri, rj) = (root(&mut group, i), root(&mut group, j));
                group[rj] = ri;
            }
        }
    }
    let mut note = |i: usize, what: &str, text: String| {
        notes
            .entry(format!("/operations/{i}/{what}"))
            .or_default()
            .push(format!("TODO(draft): {text}"));
    };
    for i in 0..n {
        let members: Vec<usize> = (0..n)
            .filter(|&j| root(&mut group, j) == root(&mut group, i))
            .collect();
        let mark = vocab::deprecation_mark(&titles[i]).map(str::to_string);
        if members.len() < 2 {
            if let Some(m) = mark {
                ops[i].deprecated = Some(Deprecated {
                    reason: format!("The page marks this API `{m}`."),
                    replacement: None,
                });
                note(i, "deprecated", "from the mark in the page title; say why, and name a replacement if there is one".into());
            }
            continue;
        }
        let Some((label, mine)) = version(&ops[i].path) else {
            continue;
        };
        ops[i].since = Some(label.clone());
        note(
            i,
            "since",
            format!("the version of its path (`v{label}`), beside other versions of this call"),
        );
        // The newest version the pages do not mark retired.
        let newest = members
            .iter()
            .filter(|&&j| vocab::deprecation_mark(&titles[j]).is_none())
            .filter_map(|&j| Some((version(&ops[j].path)?.1, j)))
            .max()
            .map(|(v, j)| (v, ops[j].id.clone()));
        match (mark, newest) {
            (Some(m), newest) => {
                ops[i].deprecated = Some(Deprecated {
                    reason: format!("The page marks API v{label} `{m}`."),
                    replacement: newest.map(|(_, id)| id),
                });
                note(
                    i,
                    "deprecated",
                    "from the mark in the page title; say why in our words".into(),
                );
            }
            (None, Some((v, id))) if v > mine => note(
                i,
                "since",
                format!("an older version of `{id}`: mark it `deprecated` if the pages say so"),
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(id: &str, path: &str) -> Operation {
        let text = format!(
            "{{id: {id}, summary: S, source: a.rst, effect: read, method: GET, path: \"{path}\", request: {{}}, response: {{status: 200, schema: {{type: unit}}}}}}"
        );
        spec::yaml::parse::<Operation>(&text)
            .expect("an operation")
            .0
    }

    #[test]
    fn versions_keep_their_operations_and_the_marked_one_is_deprecated() {
        let mut ops = vec![
            op("list_old", "/v1/{p}/items"),
            op("list", "/v2/{p}/items"),
            op("get", "/v2/{p}/items/{id}"),
            op("gone", "/v1/{p}/things"),
            op("renamed_old", "/v1/{p}/backups"),
            op("renamed", "/v3/{p}/checkpoints"),
        ];
        let titles: Vec<String> = [
            "Listing Items (Outdated)",
            "Listing Items",
            "Getting an Item",
            "Listing Things (Deprecated)",
            "Querying Backups",
            "Querying Backups",
        ]
        .map(String::from)
        .to_vec();
        let mut notes = Notes::new();
        mark(&mut ops, &titles, &mut notes);
        assert_eq!(ops[0].since.as_deref(), Some("1"));
        assert_eq!(ops[1].since.as_deref(), Some("2"));
        let d = ops[0].deprecated.as_ref().expect("deprecated");
        assert_eq!(d.replacement.as_deref(), Some("list"));
        assert!(d.reason.contains("Outdated"));
        assert!(ops[1].deprecated.is_none());
        // Not a version of anything: no `since`.
        assert!(ops[2].since.is_none() && ops[2].deprecated.is_none());
        // Marked, without another version: deprecated without a replacement.
        let d = ops[3].deprecated.as_ref().expect("deprecated");
        assert!(ops[3].since.is_none() && d.replacement.is_none());
        // Same title, other path: versions, the older only noted.
        assert_eq!(ops[4].since.as_deref(), Some("1"));
        assert!(ops[4].deprecated.is_none());
        assert!(notes["/operations/4/since"]
            .iter()
            .any(|n| n.contains("older version of `renamed`")));
    }
}
