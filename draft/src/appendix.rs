//! Error-code appendix pages into error cases. A page of a tree with a table whose columns
//! are a status and an error code (headers by [`crate::vocab::ERROR_HEADERS`], any of the
//! four languages) lists the failures the whole API may answer. The spec has no
//! provider-level error list, so the appendix attaches to each operation whose page refers
//! to it (a link to its file, or an RST `:ref:` to one of its labels): the operation gets
//! an error case for every status the appendix lists that its page does not (`status_N`,
//! matched by the error body's code member), and one per appendix code its page names
//! (`equals` that code, before the status cases so it is tried first). Each case cites the
//! page line that refers to the appendix or names the code, the appendix row, and the
//! error body's table; the body is the operation's own error body, else the tree's.

use indexmap::IndexMap;
use serde_json::Value;
use spec::format::{Cite, ErrorCase, Match, Operation, Source, TypeDef};

use crate::infer::{snake, TODO};
use crate::items::{Item, Link};
use crate::op::Notes;
use crate::vocab::{self, ErrorColumn};

/// One row of an error-code table (`code` empty in a table of statuses alone).
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCode {
    pub status: u16,
    pub code: String,
    /// The row's first and last page line.
    pub at: (usize, usize),
}

/// An error-code appendix page.
#[derive(Debug, Clone)]
pub struct Appendix {
    pub source: Source,
    /// Its `.. _label:` labels, lowercased (RST labels are case-insensitive).
    pub labels: Vec<String>,
    /// The member name the code column's header gives (`Error Code` → `error_code`).
    pub member: String,
    pub codes: Vec<ErrorCode>,
}

/// The error codes a page's tables list (a code empty where the table has a status column
/// only), with the member name of their code column (empty without one); None when no
/// table has a status column with a 4xx or 5xx status.
pub fn read(items: &[Item]) -> Option<(String, Vec<ErrorCode>)> {
    let mut member = None;
    let mut codes: Vec<ErrorCode> = Vec::new();
    for item in items {
        let Item::Table(t) = item else { continue };
        let Some(header) = t.table.rows.first() else {
            continue;
        };
        let col = |c: ErrorColumn| {
            header
                .iter()
                .position(|h| vocab::error_column(&crate::rst::inline(&h.text)) == Some(c))
        };
        // A status table alone (an appendix of status codes) lists statuses without codes.
        let Some(s) = col(ErrorColumn::Status) else {
            continue;
        };
        let c = col(ErrorColumn::Code);
        if let Some(c) = c {
            member.get_or_insert_with(|| snake(&crate::rst::inline(&header[c].text)));
        }
        for (row, at) in t.table.rows.iter().zip(&t.table.rows_at).skip(1) {
            let cell = |i: usize| row.get(i).map(|x| crate::rst::inline(&x.text));
            let status = cell(s).and_then(|x| {
                let digits: String = x.trim().chars().take_while(char::is_ascii_digit).collect();
                digits
                    .parse::<u16>()
                    .ok()
                    .filter(|n| (400..600).contains(n))
            });
            let code = c
                .and_then(cell)
                .map(|x| x.trim().to_string())
                .unwrap_or_default();
            let single = c.is_none() || (!code.is_empty() && !code.contains(char::is_whitespace));
            if let (Some(status), true) = (status, single) {
                let seen = |k: &ErrorCode| {
                    if code.is_empty() {
                        k.code.is_empty() && k.status == status
                    } else {
                        k.code == code
                    }
                };
                if !codes.iter().any(seen) {
                    codes.push(ErrorCode {
                        status,
                        code,
                        at: *at,
                    });
                }
            }
        }
    }
    Some((member.unwrap_or_default(), codes)).filter(|(_, c)| !c.is_empty())
}

/// The `.. _label:` labels of a page, lowercased.
pub fn labels(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix(".. _")?.strip_suffix(':'))
        .map(str::to_lowercase)
        .collect()
}

/// The first line (1-based) of a page, by its `links`, that refers to the appendix: a link
/// to its file or to one of its labels.
pub fn refers(app: &Appendix, links: &[Link]) -> Option<usize> {
    let stem = crate::items::page_of(&app.source.file).unwrap_or_default();
    links
        .iter()
        .filter_map(|l| match l {
            Link::Label(target, n) => app.labels.contains(target).then_some(*n),
            Link::Page(page, n) => (*page == stem).then_some(*n),
        })
        .min()
}

/// The first line (1-based) naming `code` as a word of its own.
fn names(text: &str, code: &str) -> Option<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
    text.lines()
        .position(|l| {
            l.match_indices(code).any(|(i, _)| {
                !word(l[..i].chars().next_back()) && {
                    let after = &l[i + code.len()..];
                    // A sentence's full stop may follow the code.
                    let next = after.chars().next();
                    !word(next) || (next == Some('.') && !word(after.chars().nth(1)))
                }
            })
        })
        .map(|i| i + 1)
}

/// The member of an error body that carries the code: the one the code column names, else
/// a code member the vocabulary knows, else one ending in `code`.
fn code_member(member: &str, t: &TypeDef) -> Option<String> {
    let names: Vec<&str> = t.fields.iter().map(|f| f.name.as_str()).collect();
    names
        .iter()
        .find(|n| **n == member)
        .or_else(|| names.iter().find(|n| vocab::CODE_FIELDS.contains(n)))
        .or_else(|| names.iter().find(|n| n.ends_with("code")))
        .map(|n| n.to_string())
}

fn part(file: &str, (a, b): (usize, usize)) -> String {
    if a == b {
        format!("{file}:{a}")
    } else {
        format!("{file}:{a}-{b}")
    }
}

/// Error cases from the appendices for each operation whose page (its text and links, by
/// operation) refers to one; the appendices some operation refers to, for the spec's sources.
pub fn attach(
    apps: &[Appendix],
    ops: &mut [Operation],
    pages: &[(&str, Vec<Link>)],
    types: &IndexMap<String, TypeDef>,
    notes: &mut Notes,
) -> Vec<Source> {
    let mut used = vec![false; apps.len()];
    let tree_errors: Vec<Vec<ErrorCase>> = ops.iter().map(|o| o.errors.clone()).collect();
    // An error body with the member carrying the code: the operation's own, else the
    // first such body of the tree.
    let body_of = |errors: &[ErrorCase], member: &str| {
        errors.iter().find_map(|e| {
            let t = types.get(e.schema.reference.as_ref()?)?;
            Some((e.schema.clone(), t, code_member(member, t)?))
        })
    };
    for (i, (op, (text, links))) in ops.iter_mut().zip(pages).enumerate() {
        for (a, app) in apps.iter().enumerate() {
            let Some(line) = refers(app, links) else {
                continue;
            };
            let own = body_of(&op.errors, &app.member);
            let tree = || {
                tree_errors
                    .iter()
                    .find_map(|errors| body_of(errors, &app.member))
            };
            let Some((schema, body, member)) = own.or_else(tree) else {
                note(
                    notes,
                    &format!("/operations/{i}/errors"),
                    format!(
                        "the page refers to {} at line {line}, but no page of the tree gives an error body with a code member: its failures are not drafted",
                        app.source.file
                    ),
                );
                continue;
            };
            used[a] = true;
            let table = body.cite.as_ref().map(|c| c.0.clone());
            let cite = |page_line: usize, row: (usize, usize)| {
                let mut c = format!("{page_line}; {}", part(&app.source.file, row));
                if let Some(t) = &table {
                    c = format!("{c}; {t}");
                }
                Some(Cite(c))
            };
            let mut named: Vec<ErrorCase> = Vec::new();
            for k in app.codes.iter().filter(|k| !k.code.is_empty()) {
                let Some(at) = names(text, &k.code) else {
                    continue;
                };
                let mut name = snake(&k.code);
                if let Some(rest) = name.strip_prefix("x_") {
                    name = format!("code_{rest}");
                }
                if op.errors.iter().chain(&named).any(|e| e.name == name) {
                    continue;
                }
                named.push(ErrorCase {
                    name,
                    description: TODO.into(),
                    status: k.status,
                    status_documented: true,
                    schema: schema.clone(),
                    matcher: Match {
                        has_fields: vec![member.clone()],
                        equals: IndexMap::from([(member.clone(), Value::String(k.code.clone()))]),
                    },
                    retryable: false,
                    cite: cite(at, k.at),
                });
            }
            let mut statuses: Vec<ErrorCase> = Vec::new();
            for k in &app.codes {
                if op
                    .errors
                    .iter()
                    .chain(&statuses)
                    .any(|e| e.status == k.status)
                {
                    continue;
                }
                let name = format!("status_{}", k.status);
                if op.errors.iter().any(|e| e.name == name) {
                    continue;
                }
                let count = app.codes.iter().filter(|c| c.status == k.status).count();
                statuses.push(ErrorCase {
                    name,
                    description: TODO.into(),
                    status: k.status,
                    status_documented: true,
                    schema: schema.clone(),
                    matcher: Match {
                        has_fields: vec![member.clone()],
                        equals: IndexMap::new(),
                    },
                    retryable: false,
                    cite: cite(line, k.at),
                });
                note(
                    notes,
                    &format!("/operations/{i}/errors/{}", op.errors.len() + named.len() + statuses.len() - 1),
                    format!(
                        "status {} from {} ({count} code(s), the first cited), which the page refers to at line {line}; tell the codes apart by `{member}` where they matter",
                        k.status, app.source.file
                    ),
                );
            }
            // Codes first: a case is tried in order, and a code's is the narrower one.
            let n = named.len();
            shift_notes(notes, i, op.errors.len(), n);
            for (j, e) in named.iter().enumerate() {
                let code = e.matcher.equals.values().next().and_then(Value::as_str);
                note(
                    notes,
                    &format!("/operations/{i}/errors/{j}"),
                    format!(
                        "error code `{}` named by the page, its status from {}",
                        code.unwrap_or_default(),
                        app.source.file
                    ),
                );
            }
            let mut errors = named;
            errors.append(&mut op.errors);
            errors.append(&mut statuses);
            op.errors = errors;
            // An example showing a code's body is that code's failure.
            for ex in &mut op.examples {
                let (Some(name), Some(resp)) = (&mut ex.error, &ex.response) else {
                    continue;
                };
                let Some(body) = &resp.body else { continue };
                if let Some(e) = op.errors[..n].iter().find(|e| {
                    e.status == resp.status
                        && e.matcher.equals.iter().all(|(k, v)| body.get(k) == Some(v))
                }) {
                    *name = e.name.clone();
                }
            }
        }
    }
    apps.iter()
        .zip(used)
        .filter(|(_, u)| *u)
        .map(|(a, _)| a.source.clone())
        .collect()
}

/// The notes of an operation's first `count` error cases moved down by `by` places (notes
/// are keyed by position, and the code cases go first).
fn shift_notes(notes: &mut Notes, op: usize, count: usize, by: usize) {
    if by == 0 {
        return;
    }
    let prefix = format!("/operations/{op}/errors/");
    let mut moved = Vec::new();
    for j in (0..count).rev() {
        let key = format!("{prefix}{j}");
        let exact: Vec<String> = notes
            .keys()
            .filter(|k| *k == &key || k.starts_with(&format!("{key}/")))
            .cloned()
            .collect();
        for k in exact {
            if let Some(v) = notes.remove(&k) {
                let rest = &k[key.len()..];
                moved.push((format!("{prefix}{}{rest}", j + by), v));
            }
        }
    }
    for (k, v) in moved {
        notes.entry(k).or_default().extend(v);
    }
}

fn note(notes: &mut Notes, path: &str, text: String) {
    notes
        .entry(path.to_string())
        .or_default()
        .push(format!("TODO(draft): {text}"));
}
