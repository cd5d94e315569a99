//! Every fact's citation held against its page: the cited lines must contain the fact's
//! name or documented value (a constraint or default its value, a format its name or a
//! sample), and a fact that cites nothing is an error. Reads the resolved model; reports
//! located diagnostics naming the page line it expected.

use std::collections::HashMap;
use std::path::Path;

use crate::cite::page::{self, Page};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::facts::{Basis, Fact, Needle};
use crate::model::Model;
use crate::validate::Validated;
use crate::yaml::SourceMap;

/// Facts of one spec by what they rest on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub provider: String,
    /// Spec file label, e.g. `specs/otc_dcs.yaml`.
    pub spec: String,
    pub facts: usize,
    pub cited: usize,
    pub inferred: usize,
    pub erratum: usize,
    pub uncited: usize,
}

/// The pages of a directory, read once each.
pub struct Pages<'d> {
    dir: &'d Path,
    read: HashMap<String, Option<Page>>,
}

impl<'d> Pages<'d> {
    pub fn new(dir: &'d Path) -> Self {
        Pages {
            dir,
            read: HashMap::new(),
        }
    }

    pub fn get(&mut self, file: &str) -> Option<&Page> {
        let dir = self.dir;
        self.read
            .entry(file.to_string())
            .or_insert_with(|| {
                let bytes = std::fs::read(dir.join(file)).ok()?;
                Some(Page::parse(&String::from_utf8_lossy(&bytes)))
            })
            .as_ref()
    }
}

/// Check every fact of every spec against the pages in `dir`; `skip(page)` leaves out facts
/// citing that page (a changed page, mapped by [`super::changes`] instead).
pub fn check(
    validated: &Validated,
    model: &Model,
    dir: &Path,
    skip: &dyn Fn(&str) -> bool,
) -> (Diagnostics, Vec<Tally>) {
    let mut pages = Pages::new(dir);
    let mut out = Vec::new();
    let mut tallies = Vec::new();
    for (file, provider) in validated.files().iter().zip(&model.providers) {
        let map = file.source_map();
        let mut tally = Tally {
            provider: provider.spec.provider.id.clone(),
            spec: provider.source.clone(),
            ..Tally::default()
        };
        for fact in &provider.facts {
            tally.facts += 1;
            match fact.cite.as_ref().map(|c| c.basis()) {
                None => tally.uncited += 1,
                Some(Basis::Page) => tally.cited += 1,
                Some(Basis::Inferred) => tally.inferred += 1,
                Some(Basis::Erratum) => tally.erratum += 1,
            }
            let mut report = |at: &[crate::yaml::PathSeg], message: String, fix: String| {
                let (line, column) = map.locate(at);
                out.push(Diagnostic {
                    file: file.path.clone(),
                    line,
                    column,
                    message,
                    fix,
                });
            };
            check_fact(fact, &mut pages, dir, skip, map, &mut report);
        }
        tallies.push(tally);
    }
    let mut d = Diagnostics(out);
    d.sort();
    (d, tallies)
}

type Report<'r> = dyn FnMut(&[crate::yaml::PathSeg], String, String) + 'r;

fn check_fact(
    fact: &Fact,
    pages: &mut Pages,
    dir: &Path,
    skip: &dyn Fn(&str) -> bool,
    map: &SourceMap,
    report: &mut Report,
) {
    let Some(cite) = &fact.cite else {
        if fact.page.as_deref().is_some_and(skip) {
            return;
        }
        let hint = fact
            .page
            .as_deref()
            .and_then(|p| Some((p, pages.get(p)?)))
            .and_then(|(p, page)| suggest(fact, page).map(|n| format!(" ({p} line {n} has it)")))
            .unwrap_or_default();
        report(
            &fact.at,
            format!("{} cites no page line", fact.label),
            format!("add `cite: LINES` with the page line that says it{hint}, `cite: \"inferred: <reason>\"` or `cite: erratum <id>`"),
        );
        return;
    };
    let mut text = Vec::new();
    let mut shown = Vec::new();
    let mut first_page = None;
    for (file, first, last) in cite.lines() {
        if skip(file) {
            return;
        }
        let Some(page) = pages.get(file) else {
            report(
                &cite.at,
                format!(
                    "{} cites page `{file}`, which is not in {}",
                    fact.label,
                    dir.display()
                ),
                "put the page in the docs directory, or check the citation's page prefix".into(),
            );
            return;
        };
        match page.span(first, last) {
            Some(t) => text.push(t),
            None => {
                report(
                    &cite.at,
                    format!(
                        "{} cites {file}:{first}-{last}, past the page's {} lines",
                        fact.label,
                        page.lines.len()
                    ),
                    "cite lines the page has".into(),
                );
                return;
            }
        }
        shown.push(if first == last {
            format!("{file}:{first}")
        } else {
            format!("{file}:{first}-{last}")
        });
        first_page.get_or_insert(file);
    }
    let Some(file) = first_page else {
        return; // inferred or erratum alone: nothing on a page to hold it against
    };
    let text = text.join(" ");
    let explained = cite
        .parts
        .iter()
        .any(|p| matches!(p, crate::model::facts::Citation::Inferred(_)));
    for expect in &fact.expect {
        if expect.0.iter().any(|n| page::contains(&text, n)) {
            continue;
        }
        // A rule the page states in words, with the reasoning that turns them into it.
        if explained && expect.0.iter().all(|n| matches!(n, Needle::Transcribed(_))) {
            continue;
        }
        let wanted: Vec<String> = expect.0.iter().map(ToString::to_string).collect();
        let wanted = wanted.join(" or ");
        let elsewhere = pages
            .get(file)
            .and_then(|p| expect.0.iter().find_map(|n| p.find(n).first().copied()));
        let fix = match elsewhere {
            Some(n) => format!("cite the line that says it: {file} line {n} has {wanted}"),
            None => format!("{file} never says {wanted}: correct the value, or write `inferred: <reason>` or cite an erratum"),
        };
        let (at, whence) = if cite.own {
            (&cite.at, String::new())
        } else {
            let (l, c) = map.locate(&cite.at);
            (&fact.at, format!(" (cited at {l}:{c})"))
        };
        report(
            at,
            format!(
                "{}: {} does not contain {wanted}{whence}",
                fact.label,
                shown.join(", ")
            ),
            fix,
        );
    }
}

/// The first page line that meets every expectation of `fact` on its own.
fn suggest(fact: &Fact, page: &Page) -> Option<usize> {
    (1..=page.lines.len()).find(|&n| {
        !fact.expect.is_empty()
            && fact.expect.iter().all(|e| {
                e.0.iter()
                    .any(|needle| page::contains(&page.lines[n - 1], needle))
            })
    })
}

/// The per-spec report as a markdown table.
pub fn report_table(tallies: &[Tally]) -> String {
    let mut s = String::from(
        "| spec | facts | cited to page lines | inferred | erratum-backed | uncited |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for t in tallies {
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            t.spec, t.facts, t.cited, t.inferred, t.erratum, t.uncited
        ));
    }
    s
}
