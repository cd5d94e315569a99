//! Drafting a spec from a vendor documentation page: `cargo xtask draft`.
//!
//! A page (plain text, Markdown or HTML; [`page`]) is read into lines and tables
//! ([`blocks`], [`html`], [`markdown`]; [`locate`] finds the page lines HTML and Markdown
//! parsers drop), scanned for request addresses, curl commands, JSON
//! blocks and tables ([`scan`], [`request`], [`json`]), and built into a spec in the real
//! format ([`build`]: parameters in [`params`], examples and error cases in [`examples`],
//! shared URLs in [`discriminate`], envelopes in [`envelope`], types by [`infer`], path
//! templates in [`route`]) using the words of [`vocab`]. A reference page (reStructuredText,
//! or HTML and Markdown whose table captions say where the rows go) is read table first
//! instead ([`reference`](mod@reference)), as a tree's pages are ([`tree`]). The draft is
//! written as YAML with a
//! `# TODO(draft): …` comment above every guess ([`emit`]), every fact citing the page lines
//! it was read from or `inferred: draft guess from …` ([`cite`]), and checked with
//! the `spec` crate's own loader and validator: an example that does not validate is
//! dropped with a note, so the draft validates. [`against`] reports a draft's differences
//! from a current spec. Descriptions are TODO placeholders, never the page's prose.

pub mod against;
pub mod appendix;
pub mod blocks;
pub mod build;
pub mod cite;
pub mod decode;
pub mod discriminate;
pub mod emit;
pub mod envelope;
pub mod examples;
pub mod html;
pub mod infer;
pub mod items;
pub mod json;
pub mod locate;
pub mod markdown;
pub mod op;
pub mod page;
pub mod params;
pub mod reference;
pub mod request;
pub mod route;
pub mod rst;
pub mod scan;
pub mod score;
pub mod tree;
pub mod versions;
pub mod vocab;
pub mod words;

use spec::diag::Diagnostics;
use spec::format::Spec;
use spec::load::SpecFile;

pub use page::{Page, PageError};

/// A drafted spec and its YAML text.
#[derive(Debug, Clone)]
pub struct Draft {
    pub spec: Spec,
    pub yaml: String,
    /// What validation still finds (empty for every page the tests draft).
    pub problems: Diagnostics,
}

/// Draft a spec from `page`; `provider` is the provider id (guessed from the host when None).
pub fn draft(page: &Page, provider: Option<&str>) -> Draft {
    // A reference page (reStructuredText, or captions naming where each table's parameters
    // go, in any language read) is read table first, as a tree's pages are.
    let items = match page.format {
        page::Format::Text => Vec::new(),
        _ => page.items(),
    };
    if page.format == page::Format::Rst || reference::captioned(&items) {
        if let Ok(op) = reference::read(&items, &page.file) {
            let id = provider
                .map(str::to_string)
                .unwrap_or_else(|| "draft".into());
            let (spec, notes) = tree::assemble(&[(page.clone(), op)], &[], &id, "");
            return finish(spec, notes);
        }
    }
    let blocks = page.blocks();
    let scanned = scan::scan(&blocks);
    let (mut spec, notes) = build::build(page, &scanned, provider);
    discriminate::errata_for_corrections(&mut spec, &notes);
    finish(spec, notes)
}

/// A built spec through the spec crate's validator: examples it refuses are dropped with a
/// note (a few rounds at most), so the draft validates.
pub fn finish(mut spec: Spec, mut notes: op::Notes) -> Draft {
    // Examples validation refuses are dropped with a note, a few rounds at most.
    for _ in 0..4 {
        let (yaml, lines) = render(&spec, &notes);
        let problems = check(&yaml);
        if problems.is_empty() {
            return Draft {
                spec,
                yaml,
                problems,
            };
        }
        let mut drop: Vec<(usize, usize, String)> = Vec::new();
        for d in &problems.0 {
            let owner = lines
                .iter()
                .rev()
                .find(|(_, l)| *l <= d.line)
                .map(|(p, _)| p.as_str())
                .unwrap_or("");
            let parts: Vec<&str> = owner.split('/').collect();
            if let ["", "operations", i, "examples", k, ..] = parts.as_slice() {
                if let (Ok(i), Ok(k)) = (i.parse(), k.parse()) {
                    if !drop.iter().any(|(a, b, _)| *a == i && *b == k) {
                        drop.push((i, k, d.message.clone()));
                    }
                }
            }
        }
        if drop.is_empty() {
            return Draft {
                spec,
                yaml,
                problems,
            };
        }
        drop.sort_by_key(|d| std::cmp::Reverse((d.0, d.1)));
        for (i, k, why) in drop {
            let op = &mut spec.operations[i];
            let ex = op.examples.remove(k);
            renumber(&mut notes, i, k);
            notes
                .entry(format!("/operations/{i}/examples"))
                .or_default()
                .push(format!(
                    "TODO(draft): example `{}` dropped, it does not validate: {why}",
                    ex.name
                ));
            if let Some(id) = ex.erratum {
                if !spec
                    .operations
                    .iter()
                    .flat_map(|o| &o.examples)
                    .any(|e| e.erratum.as_deref() == Some(id.as_str()))
                {
                    spec.errata.retain(|e| e.id != id);
                }
            }
        }
    }
    let (yaml, _) = render(&spec, &notes);
    let problems = check(&yaml);
    Draft {
        spec,
        yaml,
        problems,
    }
}

fn render(spec: &Spec, notes: &op::Notes) -> (String, Vec<(String, usize)>) {
    let value = serde_json::to_value(spec).expect("a spec serialises to JSON");
    emit::emit(&value, notes)
}

/// Notes of examples after `k` of operation `i` move down by one.
fn renumber(notes: &mut op::Notes, i: usize, k: usize) {
    let prefix = format!("/operations/{i}/examples/");
    let moved: Vec<(String, Vec<String>)> = notes
        .iter()
        .filter(|(p, _)| p.starts_with(&prefix))
        .map(|(p, v)| (p.clone(), v.clone()))
        .collect();
    for (p, _) in &moved {
        notes.remove(p);
    }
    for (p, v) in moved {
        let rest = &p[prefix.len()..];
        let (n, tail) = rest
            .split_once('/')
            .map(|(a, b)| (a, format!("/{b}")))
            .unwrap_or((rest, String::new()));
        let Ok(n) = n.parse::<usize>() else { continue };
        if n == k {
            continue;
        }
        let n = if n > k { n - 1 } else { n };
        notes.insert(format!("{prefix}{n}{tail}"), v);
    }
}

/// The draft's text through the spec crate's loader and validator (alone, without the
/// workspace's other specs or the seed pages).
pub fn check(yaml: &str) -> Diagnostics {
    match SpecFile::parse("draft.yaml", yaml) {
        Ok(file) => match spec::validate::validate(vec![file], None) {
            Ok(_) => Diagnostics::default(),
            Err(d) => d,
        },
        Err(d) => d,
    }
}
