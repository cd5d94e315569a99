//! The measurement: each spec whose source page is in `../shared/seeds` is the reference for
//! the draft of that page. Compared through the loaded specs (not their text): operations
//! found (method, path, and the discriminators both name), parameters found with the same
//! location and type, examples found (same request body and response body, or the same
//! page text as `original`), response fields found (by their path of field names from the
//! payload, a draft envelope around it allowed). Operations whose address the page does not
//! give (`address_documented: false`) cannot be found on it and are left out. Every page in
//! the directory is drafted and validated, and the draft's citations are held against the
//! page by the `spec` crate's citation checker (the one `cargo xtask validate --pages` runs).
//! Skips, saying why, when the pages are absent.

use std::path::{Path, PathBuf};

use spec::format::{Example, Kind, Operation, Schema, Spec};
use spec::load::SpecFile;
use spec::model::facts::Basis;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn seeds() -> Option<PathBuf> {
    let d = root().join("../shared/seeds");
    d.is_dir().then_some(d)
}

fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            p.is_file() && !n.starts_with('.') && !n.starts_with("README")
        })
        .collect();
    v.sort();
    v
}

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

#[derive(Default, Clone, Copy)]
struct Score {
    found: usize,
    total: usize,
}

impl Score {
    fn add(&mut self, hit: bool) {
        self.total += 1;
        self.found += usize::from(hit);
    }
    fn pct(self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            100.0 * self.found as f64 / self.total as f64
        }
    }
    fn show(self) -> String {
        format!("{}/{} ({:.0}%)", self.found, self.total, self.pct())
    }
}

/// A draft's facts by what they rest on, and how many of those citing page lines the
/// checker finds on those lines.
#[derive(Default)]
struct Cited {
    facts: usize,
    lines: usize,
    hold: usize,
    inferred: usize,
    uncited: usize,
    problems: Vec<String>,
}

/// The draft's citations through the spec crate: loaded, validated, resolved into facts and
/// checked against the page in `dir`. A fact fails when the checker reports at its place
/// (its own `cite:`, else the fact itself).
fn citations(file: &str, yaml: &str, dir: &Path) -> Cited {
    let f = SpecFile::parse(format!("draft of {file}"), yaml).expect("the draft parses");
    let v = spec::validate::validate(vec![f], None).expect("the draft validates");
    let model = spec::model::Model::build(&v).expect("the draft builds a model");
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
    c
}

#[test]
fn every_seed_page_drafts_to_a_valid_spec() {
    let Some(dir) = seeds() else {
        eprintln!("skipped: no seed pages at ../shared/seeds (they are not part of the project)");
        return;
    };
    println!("| page | facts | cited to page lines | of those holding | inferred (draft guesses) | uncited |");
    println!("|---|---:|---:|---:|---:|---:|");
    let (mut lines, mut hold) = (0, 0);
    let mut problems = Vec::new();
    for p in pages(&dir) {
        let page = draft::Page::read(&p).expect("read page");
        let d = draft::draft(&page, None);
        assert!(
            d.problems.is_empty(),
            "{}: the draft does not validate:\n{}\n{}",
            page.file,
            d.problems.framed(),
            d.yaml
        );
        assert!(
            d.yaml.contains("TODO(draft)"),
            "{}: no guess is marked",
            page.file
        );
        let c = citations(&page.file, &d.yaml, &dir);
        println!(
            "| `{}` | {} | {} | {} | {} | {} |",
            page.file, c.facts, c.lines, c.hold, c.inferred, c.uncited
        );
        assert_eq!(c.uncited, 0, "{}: facts without a citation", page.file);
        assert!(c.lines > 0, "{}: no fact cites a page line", page.file);
        lines += c.lines;
        hold += c.hold;
        problems.extend(c.problems);
    }
    println!(
        "| all | | {lines} | {hold} ({:.0}%) | | |",
        100.0 * hold as f64 / lines.max(1) as f64
    );
    assert!(
        problems.is_empty() && hold == lines,
        "citations that do not hold against their page ({hold}/{lines} hold):\n{}",
        problems.join("\n")
    );
}

#[test]
fn drafts_find_what_the_hand_written_specs_hold() {
    let Some(dir) = seeds() else {
        eprintln!("skipped: no seed pages at ../shared/seeds (they are not part of the project)");
        return;
    };
    let files = spec::load::load_paths(&[root().join("specs")]).expect("specs load");
    let (mut ops, mut params, mut examples, mut fields) = (
        Score::default(),
        Score::default(),
        Score::default(),
        Score::default(),
    );
    let mut rows = Vec::new();
    for f in &files {
        let reference = &f.spec;
        for src in &reference.provider.sources {
            let path = dir.join(&src.file);
            if !path.is_file() {
                eprintln!(
                    "{}: page {} not in the seeds, skipped",
                    f.path.display(),
                    src.file
                );
                continue;
            }
            let page = draft::Page::read(&path).expect("read page");
            if page.sha256 != src.sha256 {
                // The spec is no reference for a page it was not written against
                // (`cargo xtask sources` reports the change).
                eprintln!(
                    "{}: page {} changed since the spec recorded it, skipped",
                    f.path.display(),
                    src.file
                );
                continue;
            }
            let d = draft::draft(&page, None);
            let (mut o, mut p, mut e, mut r) = (
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
                "| {} | {} | {} | {} | {} | {} |",
                src.file,
                o.show(),
                p.show(),
                e.show(),
                r.show(),
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
            ] {
                total.found += part.found;
                total.total += part.total;
            }
        }
    }
    println!("| page | operations | parameters (location and type) | examples | response fields | note |");
    println!("|---|---|---|---|---|---|");
    for r in &rows {
        println!("{r}");
    }
    println!(
        "| all | {} | {} | {} | {} | |",
        ops.show(),
        params.show(),
        examples.show(),
        fields.show()
    );
    assert!(ops.total > 0, "no spec records a page of the seeds");
    assert_eq!(ops.found, ops.total, "operations found: {}", ops.show());
    assert!(params.pct() >= 85.0, "parameters found: {}", params.show());
    assert_eq!(
        examples.found,
        examples.total,
        "examples found: {}",
        examples.show()
    );
    assert!(
        fields.pct() >= 85.0,
        "response fields found: {}",
        fields.show()
    );
}
