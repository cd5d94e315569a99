//! Coverage both ways: every row of a cited parameter or field table, and every value a
//! cited line defines, is covered by some fact, so a parameter, field, enumeration value or
//! error code deleted from a spec is reported at its page line ([`super::check`] calls these).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::cite::page::{self, names_any, Pages};
use crate::cite::{Fact, FactKind, Needle};
use crate::vocab::Column;
use crate::yaml::PathSeg;

/// Where a problem is reported: the spec node, the message, how to fix it.
pub(super) type Report<'r> = dyn FnMut(&[PathSeg], String, String) + 'r;

/// The table rows a fact was found on, by page and first line (for coverage).
pub(super) type Covered = BTreeSet<(String, usize)>;

/// Every row of a parameter or field table some fact was found on is covered by a fact (or
/// named by an erratum, or a credential's or discriminator's name): a parameter or field
/// deleted from the spec is reported at its page line.
pub(super) fn coverage(
    provider: &crate::model::ProviderModel,
    pages: &Pages,
    covered: &Covered,
    report: &mut Report,
) {
    let spec = &provider.spec;
    // A credential's or discriminator's row is the page listing it as a parameter; an
    // envelope's code and message members are the envelope's, not fields.
    let mut fixed: Vec<&str> = spec.auth.values().filter_map(|s| s.wire_name()).collect();
    fixed.extend(
        spec.operations
            .iter()
            .flat_map(|o| &o.discriminators)
            .map(|d| d.name.as_str()),
    );
    for op in &spec.operations {
        if let Some(crate::format::Envelope::ResultCode {
            code_field,
            message_field,
            ..
        }) = &op.response.envelope
        {
            fixed.push(code_field);
            fixed.push(message_field);
        }
    }
    for source in &spec.provider.sources {
        let Some(page) = pages.peek(&source.file) else {
            continue;
        };
        for t in &page.tables {
            let cited = t
                .rows
                .iter()
                .any(|r| covered.contains(&(source.file.clone(), r.first)));
            // Parameter and field tables only: a table of sample values (name and value
            // columns) is an example, held as one.
            let described = [Column::Type, Column::Required, Column::Description]
                .iter()
                .any(|c| t.column(*c).is_some());
            if !cited || !described {
                continue;
            }
            for r in &t.rows {
                if covered.contains(&(source.file.clone(), r.first)) {
                    continue;
                }
                let Some(name) = t.name(r).map(|c| c.text.clone()).filter(|n| !n.is_empty()) else {
                    continue;
                };
                // An erratum about this row (its location names it) may leave it out.
                let excused = spec.errata.iter().any(|e| {
                    e.source == source.file
                        && page::contains(&e.location, &Needle::Token(name.clone()))
                });
                if fixed.iter().any(|c| c.eq_ignore_ascii_case(&name)) || excused {
                    continue;
                }
                report(
                    &[PathSeg::from("provider"), PathSeg::from("sources")],
                    format!(
                        "{} line {}: the row of `{name}` in a table the spec cites is covered by no fact",
                        source.file, r.first
                    ),
                    "transcribe it (a parameter, field or value citing that row), or record an erratum naming it that says why it is left out".into(),
                );
            }
        }
    }
}

/// The values a value fact lists.
pub(super) fn listed(fact: &Fact) -> impl Iterator<Item = &str> {
    fact.expect
        .iter()
        .flat_map(|e| &e.0)
        .filter_map(|n| match n {
            Needle::Listed(v) => Some(v.as_str()),
            _ => None,
        })
}

/// The words a line defines one after another (`waiting: … . succeed: …`, list items
/// `manual: … auto: …`).
fn defined(line: &str) -> Vec<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"(?:^|\s)([\w.\-]+)\s?:\s").expect("static regex"));
    re.captures_iter(line).map(|c| c[1].to_string()).collect()
}

/// Coverage of an enumeration's values: where its values cite a line defining two or more
/// words one after another, one of them its value, every word that line defines is one of the type's (or named
/// by an erratum), so a value deleted from the spec is reported at its page line.
pub(super) fn listed_values(
    provider: &crate::model::ProviderModel,
    pages: &Pages,
    skip: &dyn Fn(&str) -> bool,
    report: &mut Report,
) {
    let mut types: Vec<(&[PathSeg], Vec<&Fact>)> = Vec::new();
    for f in provider
        .facts
        .iter()
        .filter(|f| f.kind == FactKind::EnumValue)
    {
        let owner = &f.at[..f.at.len().saturating_sub(2)];
        match types.iter_mut().find(|(o, _)| *o == owner) {
            Some((_, v)) => v.push(f),
            None => types.push((owner, vec![f])),
        }
    }
    for (owner, facts) in types {
        let values: BTreeSet<&str> = facts.iter().flat_map(|f| listed(f)).collect();
        let mut lines = BTreeSet::new();
        for f in &facts {
            for (p, a, b) in f.cite.iter().flat_map(|c| c.lines()) {
                lines.extend((a..=b).map(|n| (p, n)));
            }
        }
        for (p, n) in lines {
            let Some(page) = pages.peek(p).filter(|_| !skip(p)) else {
                continue;
            };
            let Some(line) = page.lines.get(n - 1) else {
                continue;
            };
            let words = defined(line);
            if words.len() < 2 || !words.iter().any(|w| values.contains(w.as_str())) {
                continue;
            }
            for w in words.iter().filter(|w| !values.contains(w.as_str())) {
                let excused = provider
                    .spec
                    .errata
                    .iter()
                    .any(|e| names_any(e, std::slice::from_ref(w)));
                if excused {
                    continue;
                }
                let mut at = owner.to_vec();
                at.push("values".into());
                report(
                    &at,
                    format!("{p} line {n} defines `{w}` among this enumeration's values, but it has no such value"),
                    "transcribe the value (citing that line), or record an erratum naming it that says why it is left out".into(),
                );
            }
        }
    }
}
