//! Every fact's citation held against its page: the cited lines must contain the fact's
//! name or documented value (a constraint or default its value, a format its name or a
//! sample), and a fact that cites nothing is an error. Reads the resolved model; reports
//! located diagnostics naming the page line it expected.

use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;

use crate::cite::coverage::{self, Covered, Report};
use crate::cite::page::{self, names_any, Page, Pages};
use crate::cite::table::{self, Row, Table};
use crate::cite::{Basis, Cited as Cited_, Claim, Fact, FactKind, Needle};
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::Erratum;
use crate::model::Model;
use crate::validate::Validated;
use crate::vocab::{self, Column, Cue, TypeWord};
use crate::yaml::PathSeg;

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
        // Every page the facts cite, read once before they are held against it.
        for fact in &provider.facts {
            for p in fact
                .page
                .iter()
                .map(String::as_str)
                .chain(fact.cite.iter().flat_map(|c| c.lines().map(|l| l.0)))
            {
                pages.get(p);
            }
        }
        let mut covered = Covered::new();
        let mut report = |at: &[PathSeg], message: String, fix: String| {
            let (line, column) = map.locate(at);
            out.push(Diagnostic {
                file: file.path.clone(),
                line,
                column,
                message,
                fix,
            });
        };
        for fact in &provider.facts {
            tally.facts += 1;
            match fact.cite.as_ref().map(|c| c.basis()) {
                None => tally.uncited += 1,
                Some(Basis::Page) => tally.cited += 1,
                Some(Basis::Inferred) => tally.inferred += 1,
                Some(Basis::Erratum) => tally.erratum += 1,
            }
            check_fact(
                fact,
                &provider.spec.errata,
                &pages,
                dir,
                skip,
                &mut covered,
                &mut report,
            );
        }
        coverage::coverage(provider, &pages, &covered, &mut report);
        coverage::listed_values(provider, &pages, skip, &mut report);
        originals(provider, skip, &mut report);
        tallies.push(tally);
    }
    let mut d = Diagnostics(out);
    d.sort();
    (d, tallies)
}

/// A fact's cited text: its own table rows when the lines are a table, else the lines.
struct Cited<'p> {
    file: &'p str,
    shown: String,
    /// Rows whose name cell names the fact's parameter or field.
    rows: Vec<(&'p Table, &'p Row)>,
    /// The text to search: the rows' cells, else the cited lines; one entry per cell or line.
    units: Vec<String>,
}

fn check_fact(
    fact: &Fact,
    errata: &[Erratum],
    pages: &Pages,
    dir: &Path,
    skip: &dyn Fn(&str) -> bool,
    covered: &mut Covered,
    report: &mut Report,
) {
    let Some(cite) = &fact.cite else {
        if fact.page.as_deref().is_some_and(skip) {
            return;
        }
        let hint = fact
            .page
            .as_deref()
            .and_then(|p| Some((p, pages.peek(p)?)))
            .and_then(|(p, page)| suggest(fact, page).map(|n| format!(" ({p} line {n} has it)")))
            .unwrap_or_default();
        report(
            &fact.at,
            format!("{} cites no page line", fact.label),
            format!("add `cite: LINES` with the page line that says it{hint}, `cite: \"inferred: <reason>\"` or `cite: erratum <id>`"),
        );
        return;
    };
    let (at, whence) = if cite.own {
        (&cite.at, String::new())
    } else {
        (&fact.at, String::new())
    };
    let whence = if cite.own {
        whence
    } else {
        " (by its block's citation)".to_string()
    };
    explanations(fact, cite, errata, at, report);
    let mut lines = Vec::new();
    let mut shown = Vec::new();
    let mut first_page = None;
    for (file, first, last) in cite.lines() {
        if skip(file) {
            return;
        }
        let Some(page) = pages.peek(file) else {
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
        if page.span(first, last).is_none() {
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
        lines.push((file, page, first, last));
        shown.push(if first == last {
            format!("{file}:{first}")
        } else {
            format!("{file}:{first}-{last}")
        });
        first_page.get_or_insert(file);
    }
    let Some(file) = first_page else {
        // An example shows what a page shows: one citing no line holds none of its values,
        // unless an `inferred:` says where they come from (errata name only what they fix).
        let inferred = cite
            .parts
            .iter()
            .any(|p| matches!(p, crate::cite::Citation::Inferred(_)));
        if fact.kind == FactKind::Example && !fact.expect.is_empty() && !inferred {
            let page = fact.page.as_deref().unwrap_or("its page");
            let hint = fact
                .expect
                .iter()
                .flat_map(|e| &e.0)
                .find_map(|n| Some((n, *pages.peek(page)?.find(n).first()?)))
                .map(|(n, line)| format!(" ({page} line {line} has {n})"))
                .unwrap_or_default();
            report(
                at,
                format!("{} cites no line of {page}, so none of its values is held to it", fact.label),
                format!("cite the page lines the example is taken from{hint} (its erratum names what it corrects), or say where its values come from with `inferred: <reason>`"),
            );
        }
        return; // inferred or erratum alone: read above, nothing on a page to hold it against
    };
    let page = pages.peek(file).expect("read above");
    let shown = shown.join(", ");
    // An enumeration's value on its own table row (an error code) covers that row.
    if fact.kind == FactKind::EnumValue {
        for value in coverage::listed(fact) {
            for &(f, p, first, last) in &lines {
                for (t, r) in p.rows(first, last) {
                    if t.name(r).is_some_and(|c| table::names(&c.text, value)) {
                        covered.insert((f.to_string(), r.first));
                    }
                }
            }
        }
    }
    // The fact's own row, where the cited lines are table rows.
    let mut rows = Vec::new();
    let mut defining = Vec::new();
    let mut others = Vec::new();
    if let Some(name) = &fact.row {
        for &(f, p, first, last) in &lines {
            for (t, r) in p.rows(first, last) {
                if t.name(r).is_some_and(|c| table::names(&c.text, name)) {
                    rows.push((t, r));
                    covered.insert((f.to_string(), r.first));
                } else if table::defines(r, name) {
                    // A member described in its parent's cell: the parent's type and
                    // required cells are not the member's.
                    defining.push(r);
                } else if let Some(c) = t.name(r) {
                    others.push(c.text.clone());
                }
            }
        }
        // An erratum naming the fact may say why the page's row is another's (a table and a
        // command naming one parameter differently).
        let renamed = cite.parts.iter().any(|p| match p {
            crate::cite::Citation::Erratum(id) => errata
                .iter()
                .find(|e| &e.id == id)
                .is_some_and(|e| names_any(e, std::slice::from_ref(name))),
            _ => false,
        });
        if renamed && rows.is_empty() {
            // The rows it cites are its own under the page's other name.
            for &(f, p, first, last) in &lines {
                for (_, r) in p.rows(first, last) {
                    covered.insert((f.to_string(), r.first));
                }
            }
        }
        if rows.is_empty() && defining.is_empty() && !others.is_empty() && !renamed {
            let fix = match page.rows_named(name).next() {
                Some((_, r)) => format!("cite the row of `{name}`: {file} line {}", r.first),
                None => format!("{file} has no table row for `{name}`: cite the line that says it, or write `inferred: <reason>` or cite an erratum"),
            };
            others.dedup();
            report(
                at,
                format!(
                    "{}: {shown} is the table row of `{}`, not of `{name}`{whence}",
                    fact.label,
                    others.join("`, `")
                ),
                fix,
            );
            return;
        }
    }
    let units: Vec<String> = if fact.kind == FactKind::EnumValue {
        lines
            .iter()
            .flat_map(|(_, p, a, b)| value_units(p, *a, *b))
            .collect()
    } else if rows.is_empty() && defining.is_empty() {
        lines
            .iter()
            .filter_map(|(_, p, a, b)| p.span(*a, *b))
            .collect()
    } else {
        rows.iter()
            .map(|(_, r)| *r)
            .chain(defining)
            .flat_map(|r| r.cells.iter().map(|c| c.text.clone()))
            .collect()
    };
    let cited = Cited {
        file,
        shown,
        rows,
        units,
    };
    let explained = cite
        .parts
        .iter()
        .any(|p| matches!(p, crate::cite::Citation::Inferred(_)));
    let text = cited.units.join(" ");
    for expect in &fact.expect {
        let wanted: Vec<String> = expect.0.iter().map(ToString::to_string).collect();
        let wanted = wanted.join(" or ");
        let found = expect.0.iter().any(|n| page::contains(&text, n));
        if found {
            let Some(cue) = fact.cue else { continue };
            if explained || expect.0.iter().any(|n| cued(&cited.units, n, cue)) {
                continue;
            }
            let word = match cue {
                Cue::Minimum => "a lower bound",
                Cue::Maximum => "an upper bound",
                Cue::Default => "a default",
            };
            report(
                at,
                format!(
                    "{}: {} has {wanted}, but not as {word}{whence}",
                    fact.label, cited.shown
                ),
                format!("{file} never states {wanted} as {word} there: correct the value, or write `inferred: <reason>` or cite an erratum"),
            );
            continue;
        }
        // A rule the page states in words, with the reasoning that turns them into it.
        if explained && expect.0.iter().all(|n| matches!(n, Needle::Transcribed(_))) {
            continue;
        }
        // A status the page does not give (failures only said to be "not 200") is an
        // erratum's or an inference's choice, when it names the code.
        if fact.kind == FactKind::Status && expect.0.iter().any(|n| named_beside(n, cite, errata)) {
            continue;
        }
        let elsewhere = expect.0.iter().find_map(|n| page.find(n).first().copied());
        let fix = match elsewhere {
            Some(n) => format!("cite the line that says it: {file} line {n} has {wanted}"),
            None => format!("{file} never says {wanted}: correct the value, or write `inferred: <reason>` or cite an erratum"),
        };
        let within = if cited.rows.is_empty() {
            String::new()
        } else {
            " (its table row)".into()
        };
        report(
            at,
            format!(
                "{}: {}{within} does not contain {wanted}{whence}",
                fact.label, cited.shown
            ),
            fix,
        );
    }
    if let Some(claim) = &fact.claim {
        check_claim(fact, claim, cite, errata, &cited, at, report);
    }
}

/// Where an enumeration's value may be listed on lines `first..=last`: each line, except
/// that a row of a parameter or field table (one with a type or required column) lists
/// values in its other cells, its name cell naming the parameter or field (a value on a row
/// of its own, an error code, is in the name cell of a table without such columns).
fn value_units(page: &Page, first: usize, last: usize) -> Vec<String> {
    let rows: Vec<(&Table, &Row)> = page
        .rows(first, last)
        .filter(|(t, _)| t.column(Column::Type).is_some() || t.column(Column::Required).is_some())
        .collect();
    let mut units = Vec::new();
    for n in first..=last {
        match rows.iter().find(|(_, r)| r.overlaps(n, n)) {
            // A row over several lines is taken once, at its first cited line.
            Some((t, r)) if n == r.first.max(first) => {
                let name = t.column(Column::Name).unwrap_or(0);
                units.extend(
                    r.cells
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != name)
                        .map(|(_, c)| c.text.clone()),
                )
            }
            Some(_) => {}
            None => units.extend(page.span(n, n)),
        }
    }
    units
}

/// Whether needle `n` appears in a clause of `units` that states it as `cue`: a word of the
/// cue in the same sentence, or a range (`from 4 to 64`, `0 or 1`) it starts or ends.
fn cued(units: &[String], n: &Needle, cue: Cue) -> bool {
    let Needle::Token(value) = n else {
        return false;
    };
    units.iter().any(|u| {
        let lower = u.to_lowercase();
        let clauses = lower.split(". ").flat_map(|c| c.split(';'));
        let worded = clauses
            .into_iter()
            .any(|c| vocab::has_cue(c, cue) && page::contains(c, n));
        worded
            || ranges(&lower).iter().any(|(a, b)| match cue {
                Cue::Minimum => a == value,
                Cue::Maximum => b == value,
                Cue::Default => false,
            })
    })
}

/// The ranges a text states: `from A to B` in each language's words, `A or B`, and a range
/// or length label's (`取值范围：1~100`).
fn ranges(lower: &str) -> Vec<(String, String)> {
    static RE: OnceLock<Vec<Regex>> = OnceLock::new();
    let res = RE.get_or_init(|| {
        let mut v: Vec<Regex> = vocab::RANGE_WORDS
            .iter()
            .map(|(from, to)| {
                Regex::new(&format!(r"(?:^|[^\w]){from}\s+(-?\d+)\s+{to}\s+(-?\d+)"))
                    .expect("range regex")
            })
            .collect();
        v.push(Regex::new(r"(-?\d+)\s+(?:or|ou|или)\s+(-?\d+)").expect("static regex"));
        v
    });
    res.iter()
        .flat_map(|re| re.captures_iter(lower))
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .chain(vocab::stated_ranges(lower))
        .collect()
}

/// Errata and `inferred:` parts are read: a fact explained by errata alone must be named by
/// one of them (its name, its owner's, its value), and `inferred:` must say from what.
fn explanations(
    fact: &Fact,
    cite: &Cited_,
    errata: &[Erratum],
    at: &[PathSeg],
    report: &mut Report,
) {
    use crate::cite::Citation;
    for p in &cite.parts {
        if let Citation::Inferred(reason) = p {
            if reason.split_whitespace().count() < 3 {
                report(
                    at,
                    format!("{}: `inferred: {reason}` does not say from what", fact.label),
                    "say what it is inferred from (an SDK, a neighbouring page, a convention), in a few words".into(),
                );
            }
        }
    }
    let on_page = cite.lines().next().is_some();
    let inferred = cite
        .parts
        .iter()
        .any(|p| matches!(p, Citation::Inferred(_)));
    if on_page || inferred || fact.kind == FactKind::Example || fact.named.is_empty() {
        return;
    }
    let cited: Vec<&Erratum> = cite
        .parts
        .iter()
        .filter_map(|p| match p {
            Citation::Erratum(id) => errata.iter().find(|e| &e.id == id),
            _ => None,
        })
        .collect();
    if cited.is_empty() || cited.iter().any(|e| names_any(e, &fact.named)) {
        return;
    }
    let ids: Vec<&str> = cited.iter().map(|e| e.id.as_str()).collect();
    report(
        at,
        format!(
            "{} is cited only to erratum {}, which says nothing of `{}`",
            fact.label,
            ids.join(", "),
            fact.named.join("` or `")
        ),
        "cite the page line that says it, name it in the erratum (its field, member or value), or cite the erratum that explains it".into(),
    );
}

/// Whether an erratum or `inferred:` among the citation's parts names token `n`.
fn named_beside(n: &Needle, cite: &Cited_, errata: &[Erratum]) -> bool {
    use crate::cite::Citation;
    let Needle::Token(t) = n else { return false };
    cite.parts.iter().any(|p| match p {
        Citation::Erratum(id) => errata
            .iter()
            .any(|e| &e.id == id && names_any(e, std::slice::from_ref(t))),
        Citation::Inferred(reason) => page::contains(&page::normalise(reason), n),
        Citation::Lines { .. } => false,
    })
}

/// A type, required or nullable claim against the row's type and required cells.
fn check_claim(
    fact: &Fact,
    claim: &Claim,
    cite: &Cited_,
    errata: &[Erratum],
    cited: &Cited,
    at: &[PathSeg],
    report: &mut Report,
) {
    use crate::cite::Citation;
    let file = cited.file;
    let cell = |c: Column| {
        cited
            .rows
            .iter()
            .find_map(|(t, r)| t.cell(r, c).map(|x| (x, r.first)))
    };
    let explained = |words: &[String]| {
        cite.parts.iter().any(|p| match p {
            Citation::Inferred(_) => true,
            Citation::Erratum(id) => errata
                .iter()
                .find(|e| &e.id == id)
                .is_some_and(|e| names_any(e, words)),
            _ => false,
        })
    };
    match claim {
        Claim::Type(words) => {
            let Some((c, n)) = cell(Column::Type) else {
                // A table without a type column leaves values as the text it shows: another
                // type is read from somewhere, and the citation says from where.
                if let Some((_, r)) = cited.rows.first() {
                    if !words.contains(&TypeWord::String) && !explained(&fact.named) {
                        report(
                            at,
                            format!(
                                "{}: its row ({file} line {}) has no type column to say so",
                                fact.label, r.first
                            ),
                            "write `inferred: <from what>` on the schema (e.g. the sample values and an SDK), or cite an erratum naming it".into(),
                        );
                    }
                }
                return;
            };
            match vocab::type_word(&c.text) {
                Some(w) if !words.is_empty() && !words.contains(&w) && !explained(&fact.named) => {
                    report(
                        at,
                        format!(
                            "{}: the type cell of its row ({file} line {n}) says `{}`",
                            fact.label, c.text
                        ),
                        "use the page's type, or cite an erratum that names this field and says why".into(),
                    )
                }
                _ => {}
            }
        }
        Claim::Required(flag) => match cell(Column::Required) {
            Some((c, n))
                if vocab::required(&c.text).is_some_and(|r| r != *flag)
                    && !explained(&fact.named) =>
            {
                report(
                    at,
                    format!(
                        "{}: the required cell of its row ({file} line {n}) says `{}`",
                        fact.label, c.text
                    ),
                    "use the page's flag, or cite an erratum that names this field and says why"
                        .into(),
                );
            }
            Some(_) => {}
            None if *flag && !explained(&fact.named) => report(
                at,
                format!(
                    "{}: {} has no required column to say so{}",
                    fact.label,
                    cited.shown,
                    if cited.rows.is_empty() { "" } else { " on its row" }
                ),
                "cite an erratum naming this field that says why it is required, or write `inferred: <reason>`".into(),
            ),
            None => {}
        },
        Claim::Nullable => {
            let null = Needle::Token("null".into());
            if !cited
                .units
                .iter()
                .any(|u| page::contains(&u.to_lowercase(), &null))
                && !explained(&[fact.row.clone().unwrap_or_default(), "null".into()])
            {
                report(
                    at,
                    format!("{}: {} never says it may be null", fact.label, cited.shown),
                    "cite the line that shows null for it, or an erratum naming it that says why".into(),
                );
            }
        }
    }
}

/// Every corrected example equals its `original` once its erratum's stated fix is applied
/// ([`super::original`]); reported at the `original`, naming the page lines it is cited to.
fn originals(
    provider: &crate::model::ProviderModel,
    skip: &dyn Fn(&str) -> bool,
    report: &mut Report,
) {
    let spec = &provider.spec;
    for (i, op) in spec.operations.iter().enumerate() {
        for (k, ex) in op.examples.iter().enumerate() {
            if ex.original.is_none() {
                continue;
            }
            let at: Vec<PathSeg> = vec!["operations".into(), i.into(), "examples".into(), k.into()];
            let cite = provider
                .facts
                .iter()
                .find(|f| f.kind == FactKind::Example && f.at == at)
                .and_then(|f| f.cite.as_ref());
            let lines: Vec<String> = cite
                .iter()
                .flat_map(|c| c.lines())
                .map(|(p, a, b)| {
                    if a == b {
                        format!("{p}:{a}")
                    } else {
                        format!("{p}:{a}-{b}")
                    }
                })
                .collect();
            if cite.is_some_and(|c| c.lines().any(|(p, _, _)| skip(p))) {
                continue;
            }
            let erratum = ex
                .erratum
                .as_ref()
                .and_then(|id| spec.errata.iter().find(|e| &e.id == id));
            let mut original = at.clone();
            original.push("original".into());
            let shown = if lines.is_empty() {
                "its page".to_string()
            } else {
                lines.join(", ")
            };
            for problem in super::original::compare(op, ex, erratum) {
                report(
                    &original,
                    format!(
                        "example `{}` of `{}`: {problem} ({shown})",
                        ex.name, op.id
                    ),
                    "make the example the page's text with only the erratum's stated fix applied, or name the changed member in the erratum's `corrects:`".into(),
                );
            }
        }
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
