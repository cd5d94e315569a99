//! The measurement `cargo xtask draft DIR --score` prints: each spec whose source page is in
//! the directory is the reference for the draft of that page, compared through the loaded
//! specs (not their text): operations found (method, path, and the discriminators both name),
//! parameters found with the same location and type, examples found (same request body and
//! response body, or the same page text as `original`), response fields found (by their path
//! of field names from the payload, a draft envelope around it allowed). Operations whose
//! address the page does not give (`address_documented: false`) cannot be found on it and are
//! left out; error cases found (the status where the reference's page gives one, and the
//! values matched). And per page, the draft's citations held against the page by the `spec`
//! crate's citation checker (the one `cargo xtask validate --pages` runs). Numbers, never
//! pass or fail: tests assert the drafter's invariants, not today's quality.

use std::path::Path;

use spec::cite::Basis;
use spec::format::{Example, Kind, Operation, Schema, Spec};
use spec::load::SpecFile;

/// Same method and path; discriminators named by both agree.
fn same_op(r: &Operation, d: &Operation) -> bool {
    r.method == d.method
        && r.path == d.path
        && r.discriminators.iter().all(|x| {
            d.discriminators
                .iter()
                .filter(|y| y.location == x.location && y.name == x.name)
                .all(|y| y.value == x.value)
        })
}

/// Field paths of a payload schema (`a`, `a.b`, `list[].c`), through named types.
fn field_paths(spec: &Spec, s: &Schema, prefix: &str, out: &mut Vec<String>, depth: usize) {
    if depth > 8 {
        return;
    }
    match s.kind {
        Kind::Array => {
            if let Some(i) = &s.items {
                field_paths(spec, i, &format!("{prefix}[]"), out, depth + 1);
            }
        }
        Kind::Ref => {
            let Some(t) = s.reference.as_ref().and_then(|r| spec.types.get(r)) else {
                return;
            };
            for f in &t.fields {
                let p = if prefix.is_empty() {
                    f.name.clone()
                } else {
                    format!("{prefix}.{}", f.name)
                };
                out.push(p.clone());
                field_paths(spec, &f.schema, &p, out, depth + 1);
            }
        }
        Kind::OneOf => {
            for v in s.variants.iter().filter_map(|v| v.schema.as_ref()) {
                field_paths(spec, v, prefix, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// A reference error case is found by its status (where its page gives one) and the
/// values it matches.
fn same_error(r: &spec::format::ErrorCase, d: &spec::format::ErrorCase) -> bool {
    (!r.status_documented || (d.status_documented && r.status == d.status))
        && r.matcher.equals == d.matcher.equals
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

/// The reference example is found when a draft example has its request body, and its
/// response body (or the same page text as `original`) where the draft shows a response:
/// a spec may add a response the page does not show (its erratum says so), which a draft
/// cannot find; a response-only example must be found by its body.
fn example_found(r: &Example, drafts: &[Example]) -> bool {
    let rq = r.request.as_ref().and_then(|x| x.body.as_ref());
    let rs = r.response.as_ref().and_then(|x| x.body.as_ref());
    drafts.iter().any(|d| {
        let dq = d.request.as_ref().and_then(|x| x.body.as_ref());
        let ds = d.response.as_ref().and_then(|x| x.body.as_ref());
        let same_original =
            matches!((&r.original, &d.original), (Some(a), Some(b)) if squash(a) == squash(b));
        let request = rq.is_none() || rq == dq || same_original;
        let response = match (rs, ds) {
            (None, _) => true,
            (Some(_), None) => rq.is_some(),
            (Some(a), Some(b)) => a == b || same_original,
        };
        (rq.is_some() || rs.is_some()) && request && response
    })
}

#[derive(Default, Clone, Copy, Debug)]
pub struct Score {
    pub found: usize,
    pub total: usize,
}

impl Score {
    pub fn add(&mut self, hit: bool) {
        self.total += 1;
        self.found += usize::from(hit);
    }
    pub fn pct(self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            100.0 * self.found as f64 / self.total as f64
        }
    }
    pub fn show(self) -> String {
        format!("{}/{} ({:.0}%)", self.found, self.total, self.pct())
    }
}

/// A draft's facts by what they rest on, and how many of those citing page lines the
/// checker finds on those lines.
#[derive(Default)]
pub struct Cited {
    pub facts: usize,
    pub lines: usize,
    pub hold: usize,
    pub inferred: usize,
    pub uncited: usize,
    pub problems: Vec<String>,
}

/// The draft's citations through the spec crate: loaded, validated, resolved into facts and
/// checked against the page in `dir`. A fact fails when the checker reports at its place
/// (its own `cite:`, else the fact itself).
pub fn citations(file: &str, yaml: &str, dir: &Path) -> Option<Cited> {
    let f = SpecFile::parse(format!("draft of {file}"), yaml).ok()?;
    let v = spec::validate::validate(vec![f], None).ok()?;
    let model = spec::model::Model::build(&v).ok()?;
    let (found, _) = spec::cite::check::check(&v, &model, dir, &|_| false);
    let map = v.files()[0].source_map();
    let failed: Vec<(usize, usize)> = found.0.iter().map(|d| (d.line, d.column)).collect();
    let mut c = Cited {
        problems: found.0.iter().map(|d| d.to_string()).collect(),
        ..Cited::default()
    };
    for fact in &model.providers[0].facts {
        c.facts += 1;
        let Some(cite) = &fact.cite else {
            c.uncited += 1;
            continue;
        };
        if cite.lines().next().is_none() {
            c.inferred += usize::from(cite.basis() == Basis::Inferred);
            continue;
        }
        c.lines += 1;
        let at = if cite.own { &cite.at } else { &fact.at };
        c.hold += usize::from(!failed.contains(&map.locate(at)));
    }
    Some(c)
}

/// The totals over all compared pages, and one table row per page.
#[derive(Debug, Default)]
pub struct Report {
    pub ops: Score,
    pub params: Score,
    pub examples: Score,
    pub fields: Score,
    pub errors: Score,
    pub rows: Vec<String>,
}

/// Drafts of the pages in `dir` against the specs `files` that record them.
pub fn score(files: &[SpecFile], dir: &Path) -> Report {
    let (mut ops, mut params, mut examples, mut fields, mut errors) = (
        Score::default(),
        Score::default(),
        Score::default(),
        Score::default(),
        Score::default(),
    );
    let mut rows: Vec<String> = Vec::new();
    for f in files {
        let reference = &f.spec;
        for src in &reference.provider.sources {
            let path = dir.join(&src.file);
            if !path.is_file() {
                continue;
            }
            let Ok(page) = crate::Page::read(&path) else {
                continue;
            };
            if page.sha256 != src.sha256 {
                // The spec is no reference for a page it was not written against
                // (`cargo xtask sources` reports the change).
                rows.push(format!(
                    "| {} | | | | | | changed since {} recorded it, not compared |",
                    src.file,
                    f.path.display()
                ));
                continue;
            }
            let d = crate::draft(&page, None);
            let (mut o, mut p, mut e, mut r, mut x) = (
                Score::default(),
                Score::default(),
                Score::default(),
                Score::default(),
                Score::default(),
            );
            let mut skipped = 0;
            let mut used = vec![false; d.spec.operations.len()];
            for op in reference
                .operations
                .iter()
                .filter(|op| op.source == src.file)
            {
                if !op.address_documented {
                    skipped += 1;
                    continue;
                }
                let hit = d
                    .spec
                    .operations
                    .iter()
                    .enumerate()
                    .find(|(i, x)| !used[*i] && same_op(op, x));
                o.add(hit.is_some());
                let dop = hit.map(|(i, x)| {
                    used[i] = true;
                    x
                });
                for param in &op.request.parameters {
                    let ok = dop.is_some_and(|x| {
                        x.request.parameters.iter().any(|q| {
                            q.name == param.name
                                && q.location == param.location
                                && q.schema.kind == param.schema.kind
                        })
                    });
                    p.add(ok);
                }
                for ex in &op.examples {
                    e.add(dop.is_some_and(|x| example_found(ex, &x.examples)));
                }
                for c in &op.errors {
                    x.add(dop.is_some_and(|d| d.errors.iter().any(|dc| same_error(c, dc))));
                }
                let mut want = Vec::new();
                field_paths(reference, &op.response.schema, "", &mut want, 0);
                let mut have = Vec::new();
                if let Some(x) = dop {
                    field_paths(&d.spec, &x.response.schema, "", &mut have, 0);
                }
                for w in want {
                    let ok = have.iter().any(|h| {
                        h == &w
                            || h.ends_with(&format!(".{w}"))
                            || (w.starts_with('[') && h.ends_with(&w))
                    });
                    r.add(ok);
                }
            }
            rows.push(format!(
                "| {} | {} | {} | {} | {} | {} | {} |",
                src.file,
                o.show(),
                p.show(),
                e.show(),
                r.show(),
                x.show(),
                if skipped > 0 {
                    format!("{skipped} operation(s) without a documented address left out")
                } else {
                    String::new()
                }
            ));
            for (total, part) in [
                (&mut ops, o),
                (&mut params, p),
                (&mut examples, e),
                (&mut fields, r),
                (&mut errors, x),
            ] {
                total.found += part.found;
                total.total += part.total;
            }
        }
    }
    Report {
        ops,
        params,
        examples,
        fields,
        errors,
        rows,
    }
}

impl Report {
    /// The report as a Markdown table.
    pub fn table(&self) -> String {
        let mut s = String::from(
            "| page | operations | parameters (location and type) | examples | response fields | error cases | note |\n|---|---|---|---|---|---|---|\n",
        );
        for r in &self.rows {
            s.push_str(r);
            s.push('\n');
        }
        s.push_str(&format!(
            "| all | {} | {} | {} | {} | {} | |\n",
            self.ops.show(),
            self.params.show(),
            self.examples.show(),
            self.fields.show(),
            self.errors.show()
        ));
        s
    }
}

/// The failures a tree's pages document, and how many of them its draft has as error
/// cases: per operation page, the 4xx and 5xx statuses its lines give (a status-table row
/// or a status heading) and those of the pages without an address it links to (appendices
/// of error codes or statuses), and the codes of those appendices the page names. Read
/// from the page lines here, line by line, not by the drafter's readers.
#[derive(Debug, Default)]
pub struct Failures {
    /// Operation pages compared.
    pub pages: usize,
    /// Statuses the page itself gives.
    pub own: Score,
    /// Statuses of the appendices a page links to.
    pub linked: Score,
    /// Appendix codes a page names.
    pub codes: Score,
}

/// A line's status: a table row starting with a 4xx or 5xx number, or a short line with a
/// status word and one.
fn status_of_line(line: &str) -> Option<u16> {
    let three = |s: &str| {
        let d: String = s.chars().take_while(char::is_ascii_digit).collect();
        let next = s[d.len()..].chars().next();
        (d.len() == 3 && !next.is_some_and(|c| c.is_alphanumeric() || c == '.'))
            .then(|| d.parse::<u16>().ok())
            .flatten()
            .filter(|n| (400..600).contains(n))
    };
    let t = line.trim().trim_start_matches(['|', '*', ' ', '-']);
    if let Some(s) = three(t) {
        return Some(s);
    }
    let lower = line.to_lowercase();
    if line.chars().count() < 40 && spec::vocab::STATUS_WORDS.iter().any(|w| lower.contains(w)) {
        return line
            .char_indices()
            .filter(|(i, c)| {
                c.is_ascii_digit() && !line[..*i].ends_with(|p: char| p.is_ascii_digit())
            })
            .find_map(|(i, _)| three(&line[i..]));
    }
    None
}

/// The rows of a page that start with a status, with the row's next cell (its code).
fn status_rows(text: &str) -> Vec<(u16, String)> {
    text.lines()
        .filter_map(|l| {
            let s = status_of_line(l)?;
            let cells: Vec<&str> = if l.contains('|') {
                l.split('|')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .collect()
            } else {
                l.split_whitespace().collect()
            };
            let code = cells.get(1).copied().unwrap_or("");
            let code = if cells.first().is_some_and(|c| c.starts_with(&s.to_string()))
                && !code.contains(char::is_whitespace)
                && code.chars().any(|c| c.is_ascii_digit())
            {
                code.to_string()
            } else {
                String::new()
            };
            Some((s, code))
        })
        .collect()
}

/// `:ref:` and `:doc:` targets of a page, lowercased (`text <target>` or `target`).
fn link_targets(text: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for (doc, role) in [(false, ":ref:`"), (true, ":doc:`")] {
        for (i, _) in text.match_indices(role) {
            let rest = &text[i + role.len()..];
            let Some(end) = rest.find('`') else { continue };
            let inner = &rest[..end];
            let t = match (inner.rfind('<'), inner.rfind('>')) {
                (Some(a), Some(b)) if a < b => &inner[a + 1..b],
                _ => inner,
            };
            out.push((doc, t.trim().to_lowercase()));
        }
    }
    out
}

/// The failures of the `.rst` tree under `dir` against its tree draft; None when it drafts
/// no operation.
pub fn failures(dir: &Path) -> Option<Failures> {
    let t = crate::tree::draft_tree(dir, "score").ok()?;
    let spec = &t.draft.spec;
    if spec.operations.is_empty() {
        return None;
    }
    let mut pages: Vec<(String, String)> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).ok()?.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if crate::rst::is_rst(&p.to_string_lossy()) {
                if let Ok(text) = std::fs::read_to_string(&p) {
                    let rel = p
                        .strip_prefix(dir)
                        .unwrap_or(&p)
                        .to_string_lossy()
                        .replace('\\', "/");
                    pages.push((rel, text));
                }
            }
        }
    }
    let label_of = |text: &str, target: &str| {
        text.lines()
            .any(|l| l.trim().to_lowercase() == format!(".. _{target}:"))
    };
    let is_op = |file: &str| spec.operations.iter().any(|o| o.source == file);
    let mut f = Failures::default();
    for op in &spec.operations {
        let Some((_, text)) = pages.iter().find(|(p, _)| *p == op.source) else {
            continue;
        };
        f.pages += 1;
        let has = |s: u16| op.errors.iter().any(|e| e.status == s);
        let own: std::collections::BTreeSet<u16> =
            status_rows(text).into_iter().map(|r| r.0).collect();
        for s in &own {
            f.own.add(has(*s));
        }
        let mut linked = std::collections::BTreeSet::new();
        let mut codes = std::collections::BTreeSet::new();
        for (doc, target) in link_targets(text) {
            let hit = pages.iter().find(|(p, t)| {
                !is_op(p)
                    && if doc {
                        p.trim_end_matches(".rst").rsplit('/').next() == target.rsplit('/').next()
                    } else {
                        label_of(t, &target)
                    }
            });
            if let Some((_, t)) = hit {
                for (s, code) in status_rows(t) {
                    if !own.contains(&s) {
                        linked.insert(s);
                    }
                    if !code.is_empty() && text.contains(&code) {
                        codes.insert(code);
                    }
                }
            }
        }
        for s in linked {
            f.linked.add(has(s));
        }
        for c in codes {
            f.codes.add(op.errors.iter().any(|e| {
                e.matcher
                    .equals
                    .values()
                    .any(|v| v.as_str() == Some(c.as_str()))
            }));
        }
    }
    Some(f)
}

impl Failures {
    /// The measurement as a Markdown table.
    pub fn table(&self) -> String {
        format!(
            "| operation pages | statuses the page gives | statuses of appendices it links to | appendix codes it names |\n|---|---|---|---|\n| {} | {} | {} | {} |\n",
            self.pages,
            self.own.show(),
            self.linked.show(),
            self.codes.show()
        )
    }
}
