//! The diff rule corpus: each file in `tests/diff/cases/` turns `tests/diff/base.yaml` into a
//! before and an after spec by text edits, and names the one rule the diff must report and
//! the level the whole diff must have. Every rule in the corpus is exercised by at least one
//! case; the test also checks that enough distinct rules are covered.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use spec::diff::{self, Level, NoNames};
use spec::validate::Validated;

#[path = "diff/corpus.rs"]
mod corpus;

use corpus::{apply, base, Edit};

/// `text` validated under `tmp/name`.
fn load(text: &str, tmp: &Path, name: &str) -> Result<Validated, String> {
    corpus::validated(text, &tmp.join(name))
}

fn tmp_root() -> PathBuf {
    let d = std::env::temp_dir().join(format!("spec-diff-rules-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn each_case_reports_its_rule_at_its_level() {
    let tmp = tmp_root();
    let mut covered = BTreeSet::new();
    let mut failures = Vec::new();
    for case in corpus::cases() {
        let name = case.name.clone();
        let expected = Level::parse(&case.level).unwrap_or_else(|| panic!("{name}: level"));
        assert!(
            diff::RULES.iter().any(|r| r.id == case.rule),
            "{name}: unknown rule {}",
            case.rule
        );
        let sides = (
            load(&case.before, &tmp, &format!("{name}-before")),
            load(&case.after, &tmp, &format!("{name}-after")),
        );
        let (before, after) = match sides {
            (Ok(b), Ok(a)) => (b, a),
            (Err(e), _) | (_, Err(e)) => {
                failures.push(e);
                continue;
            }
        };
        let report = diff::diff(&before, &after, &NoNames, &NoNames);
        let found = report.changes.iter().find(|c| c.rule == case.rule);
        match found {
            None => failures.push(format!(
                "{name}: expected rule {}, got:\n{}",
                case.rule,
                diff::render::text(&report)
            )),
            Some(c) if report.level() != Some(expected) || c.level > expected => {
                failures.push(format!(
                    "{name}: expected level {}, got {:?}:\n{}",
                    case.level,
                    report.level(),
                    diff::render::text(&report)
                ))
            }
            Some(_) => {}
        }
        covered.insert(case.rule.clone());
        // The reverse edit never reports nothing.
        assert!(
            !diff::diff(&after, &before, &NoNames, &NoNames)
                .changes
                .is_empty(),
            "{name}: the reverse diff is empty"
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(covered.len() >= 25, "only {} rules covered", covered.len());
}

#[test]
fn identical_specs_have_no_changes() {
    let base = base();
    let tmp = tmp_root().join("same");
    let a = load(&base, &tmp, "a").unwrap();
    let b = load(&base, &tmp, "b").unwrap();
    let r = diff::diff(&a, &b, &NoNames, &NoNames);
    assert!(r.changes.is_empty(), "{}", diff::render::text(&r));
    assert_eq!(r.level(), None);
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn a_change_cites_the_page_lines_of_both_sides() {
    let base = base();
    let tmp = tmp_root().join("cites");
    // The path moves, and with it the lines of the page that document the operation.
    let moved = apply(
        &base,
        &[
            Edit {
                from: "    path: /items\n".into(),
                to: "    path: /v2/items\n".into(),
            },
            Edit {
                from: "    cite: 7-9\n".into(),
                to: "    cite: 20-22\n".into(),
            },
        ],
        "cites",
    );
    let (a, b) = (
        load(&base, &tmp, "a").unwrap(),
        load(&moved, &tmp, "b").unwrap(),
    );
    let r = diff::diff(&a, &b, &NoNames, &NoNames);
    let c = r
        .changes
        .iter()
        .find(|c| c.rule == "operation-path-changed")
        .expect("the path change is reported");
    assert_eq!(c.level, Level::Breaking);
    assert_eq!(c.cite_before.as_deref(), Some("page.txt:7-9"));
    assert_eq!(c.cite_after.as_deref(), Some("page.txt:20-22"));
    let text = diff::render::text(&r);
    assert!(
        text.contains("cites: before page.txt:7-9, after page.txt:20-22"),
        "{text}"
    );
    let md = diff::render::markdown(&r);
    assert!(
        md.contains("cites before `page.txt:7-9`, after `page.txt:20-22`"),
        "{md}"
    );
    // A removed field names the lines it was read from (it inherits its type's citation).
    let removed = apply(
        &base,
        &[Edit {
            from: "      - { name: job_id, description: Job that made the item., schema: { type: string } }\n".into(),
            to: String::new(),
        }],
        "cites",
    );
    let r = diff::diff(&a, &load(&removed, &tmp, "c").unwrap(), &NoNames, &NoNames);
    let text = diff::render::text(&r);
    assert!(text.contains("cites: before page.txt:12-14\n"), "{text}");
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn the_readme_rule_table_is_the_code() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let table = diff::render::rules_table();
    assert!(
        readme.contains(&table),
        "README.md's rule table differs from spec/src/diff/rules.rs; paste the output of \
         `cargo xtask diff --rules --format markdown`:\n{table}"
    );
}
