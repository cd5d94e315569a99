//! Every citation of `specs/` holds against the seed pages, when they are at hand (skipped
//! otherwise), and the check catches a wrong citation, an uncited constraint and a wrong
//! value planted into a temporary copy of each spec. Nothing here names a provider or a page:
//! the targets of each plant are found in whatever `specs/` holds.

use crate::common::{seeds, spec_files};

use std::path::{Path, PathBuf};

use serde_json::Value;
use spec::cite::check::{check, Tally};
use spec::diag::Diagnostics;
use spec::format::{Cite, Kind, Spec};
use spec::model::Model;
use spec::validate::load_and_validate;

fn citations(files: &[PathBuf], pages: &Path) -> (Diagnostics, Vec<Tally>) {
    let validated = load_and_validate(files, None).unwrap_or_else(|d| panic!("invalid:\n{d}"));
    let model = Model::build(&validated).expect("model");
    check(&validated, &model, pages, &|_| false)
}

#[test]
fn every_citation_holds_against_its_page() {
    let Some(pages) = seeds() else {
        eprintln!("skipped: no seed pages beside the workspace");
        return;
    };
    let (found, tallies) = citations(&spec_files(), &pages);
    assert!(found.is_empty(), "citation problems:\n{found}");
    for t in tallies {
        assert!(t.facts > 0, "{}: no facts", t.spec);
        assert_eq!(t.uncited, 0, "{}: uncited facts", t.spec);
    }
}

/// Write `spec` as the only file of a fresh directory and check its citations.
fn check_planted(spec: &Spec, name: &str, pages: &Path, tag: &str) -> String {
    let dir = std::env::temp_dir().join(format!("spec-cite-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, serde_yaml::to_string(spec).unwrap()).unwrap();
    let (found, _) = citations(std::slice::from_ref(&path), pages);
    std::fs::remove_dir_all(&dir).ok();
    found.to_string()
}

/// A page's lines, read here on their own (not through the checker's reading).
fn raw_lines(pages: &Path, file: &str) -> Vec<String> {
    std::fs::read_to_string(pages.join(file))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn planted_mistakes_are_caught() {
    let Some(pages) = seeds() else {
        eprintln!("skipped: no seed pages beside the workspace");
        return;
    };
    let (mut wrong_cite, mut uncited, mut wrong_value) = (0, 0, 0);
    for file in spec_files() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let original: Spec = spec::load::load_file(&file).expect("loads").spec;

        // A parameter cited to a line that does not name it.
        let mut spec = original.clone();
        let target = spec.operations.iter_mut().find_map(|op| {
            let page = op.source.clone();
            op.request
                .parameters
                .iter_mut()
                .find(|p| p.cite.as_ref().is_some_and(|c| !c.0.contains("inferred")))
                .map(|p| (page, p))
        });
        if let Some((page, p)) = target {
            let lines = raw_lines(&pages, &page);
            let line = 1 + lines.iter().position(|l| !l.contains(&p.name)).unwrap();
            p.cite = Some(Cite(format!("{line}")));
            let label = format!("parameter `{}`", p.name);
            let out = check_planted(&spec, &name, &pages, "cite");
            assert!(
                out.lines()
                    .any(|l| l.contains(&label) && l.contains("does not contain")),
                "{name}: a wrong citation of {label} went unnoticed:\n{out}"
            );
            wrong_cite += 1;
        }

        // A constraint nothing cites: a string field stripped of every citation above it.
        let mut spec = original.clone();
        let target = spec.types.values_mut().find_map(|t| {
            let i = t
                .fields
                .iter()
                .position(|f| f.schema.kind == Kind::String)?;
            t.cite = None;
            Some(&mut t.fields[i])
        });
        if let Some(f) = target {
            f.cite = None;
            f.schema.cite = None;
            f.schema.max_length = Some(987_654);
            let out = check_planted(&spec, &name, &pages, "uncited");
            assert!(
                out.lines()
                    .any(|l| l.contains("max_length: 987654") && l.contains("cites no page line")),
                "{name}: an uncited constraint went unnoticed:\n{out}"
            );
            uncited += 1;
        }

        // A default the page never gives.
        let mut spec = original.clone();
        let target = spec
            .operations
            .iter_mut()
            .flat_map(|op| op.request.parameters.iter_mut())
            // A default the schema leaves room for (validation checks it first).
            .find(|p| {
                let s = &p.schema;
                p.default.is_some()
                    && p.cite.is_some()
                    && s.maximum.is_none()
                    && s.max_length.is_none()
                    && s.pattern.is_none()
                    && s.format.is_none()
                    && matches!(s.kind, Kind::String | Kind::Integer | Kind::Long)
            });
        if let Some(p) = target {
            let planted = match p.default {
                Some(Value::String(_)) => Value::String("zz987655".into()),
                _ => Value::from(987_655),
            };
            let shown = planted.as_str().map_or(planted.to_string(), str::to_string);
            p.default = Some(planted);
            let out = check_planted(&spec, &name, &pages, "value");
            assert!(
                out.lines()
                    .any(|l| l.contains(&format!("default `{shown}`"))
                        && l.contains("does not contain")),
                "{name}: a wrong default went unnoticed:\n{out}"
            );
            wrong_value += 1;
        }
    }
    assert!(
        wrong_cite > 0,
        "no spec has a cited parameter to plant into"
    );
    assert!(uncited > 0, "no spec has a string field to plant into");
    assert!(wrong_value > 0, "no spec has a cited default to plant into");
}
