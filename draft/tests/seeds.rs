//! A sweep over every docs directory at hand (the seed pages in `../shared/seeds`, the
//! vendor trees in `../shared/corpus`), asserting what the drafter guarantees for any page,
//! never how much it finds today: no panic, a YAML draft, every problem located in the
//! draft, every fact of a draft that validates cited, the same draft twice. So adding a page
//! (with its hand-written spec or without) never fails a test. How much a draft finds is
//! measured by `cargo xtask draft DIR --score` (printed here too, not asserted). Skips,
//! saying why, when the directories are absent.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The docs directories at hand: the seeds and each revision of each corpus tree.
fn docs_dirs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let seeds = root().join("../shared/seeds");
    if seeds.is_dir() {
        out.push(seeds);
    }
    let corpus = root().join("../shared/corpus");
    for tree in sorted(&corpus).into_iter().filter(|p| p.is_dir()) {
        out.extend(sorted(&tree).into_iter().filter(|p| p.is_dir()));
    }
    out
}

fn sorted(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Every file under `dir`, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in sorted(dir) {
        if p.is_dir() {
            out.extend(files(&p));
        } else if p.is_file() {
            out.push(p);
        }
    }
    out
}

/// What holds for the draft of any page or tree.
fn invariants(what: &str, d: &draft::Draft) {
    let yaml: serde_yaml::Value = serde_yaml::from_str(&d.yaml)
        .unwrap_or_else(|e| panic!("{what}: the draft is not YAML: {e}\n{}", d.yaml));
    assert!(yaml.get("provider").is_some(), "{what}: no provider");
    for p in &d.problems.0 {
        assert!(
            p.line > 0 && p.column > 0 && !p.message.is_empty(),
            "{what}: a problem without its place: {p}"
        );
    }
}

#[test]
fn every_page_of_every_docs_dir_drafts_within_the_invariants() {
    let dirs = docs_dirs();
    if dirs.is_empty() {
        eprintln!("skipped: no docs directories at ../shared (they are not part of the project)");
        return;
    }
    println!("| page | validates | facts | cited to page lines | of those holding | inferred | uncited |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for dir in &dirs {
        for p in files(dir) {
            let what = p.display().to_string();
            let page = match draft::Page::read(&p) {
                Ok(page) => page,
                Err(e) => {
                    assert!(e.to_string().contains(&what), "{what}: unlocated: {e}");
                    continue;
                }
            };
            let d = draft::draft(&page, None);
            invariants(&what, &d);
            assert_eq!(
                d.yaml,
                draft::draft(&page, None).yaml,
                "{what}: two drafts differ"
            );
            let parent = p.parent().expect("a page has a directory");
            match draft::score::citations(&page.file, &d.yaml, parent) {
                Some(c) => {
                    assert_eq!(c.uncited, 0, "{what}: facts without a citation");
                    println!(
                        "| `{}` | yes | {} | {} | {} | {} | {} |",
                        page.file, c.facts, c.lines, c.hold, c.inferred, c.uncited
                    );
                }
                None => println!("| `{}` | no | | | | | |", page.file),
            }
        }
    }
}

/// What holds for the draft of any directory as a tree: the invariants, the same draft
/// twice, every file drafted, skipped or reported unreadable, each once.
fn tree_invariants(dir: &Path) {
    let what = dir.display().to_string();
    // Drafted twice, side by side (two independent runs), for determinism.
    let mut runs = spec::threads::each(&[(), ()], |_| {
        draft::tree::draft_tree(dir, "sample").expect("the directory reads")
    });
    let (t, again) = (runs.remove(0), runs.remove(0));
    invariants(&what, &t.draft);
    assert_eq!(t.draft.yaml, again.draft.yaml, "{what}: two drafts differ");
    let mut seen: Vec<String> = t
        .draft
        .spec
        .provider
        .sources
        .iter()
        .map(|s| s.file.clone())
        .chain(t.skipped.iter().map(|s| s.0.clone()))
        .chain(t.unreadable.iter().map(|s| s.0.clone()))
        .collect();
    seen.sort();
    let mut all: Vec<String> = files(dir)
        .iter()
        .map(|p| {
            p.strip_prefix(dir)
                .expect("under the directory")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    all.sort();
    assert_eq!(seen, all, "{what}: pages not accounted for");
    println!(
        "{what}: {} operation(s) from {} page(s), {} skipped, {} unreadable, validates: {}",
        t.draft.spec.operations.len(),
        t.draft.spec.provider.sources.len(),
        t.skipped.len(),
        t.unreadable.len(),
        t.draft.problems.is_empty()
    );
}

#[test]
fn every_docs_dir_drafts_as_a_tree_within_the_invariants() {
    let dirs = docs_dirs();
    if dirs.is_empty() {
        eprintln!("skipped: no docs directories at ../shared (they are not part of the project)");
        return;
    }
    spec::threads::each(&dirs, |dir| tree_invariants(dir));
}

/// Any directory is a tree to draft, whatever it holds (the workspace's own sources, specs
/// and the generated clients' Markdown documents, none of them vendor pages): the same
/// invariants, without `../shared`.
#[test]
fn any_directory_drafts_as_a_tree_within_the_invariants() {
    for d in [
        "docs",
        "specs",
        "schema",
        "draft",
        "scripts",
        "generated/docs",
    ] {
        tree_invariants(&root().join(d));
    }
}

#[test]
fn the_measurement_runs_on_the_seeds() {
    let seeds = root().join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: no seed pages at ../shared/seeds (they are not part of the project)");
        return;
    }
    let files = spec::load::load_paths(&[root().join("specs")]).expect("specs load");
    let report = draft::score::score(&files, &seeds);
    println!("{}", report.table());
    assert!(report.ops.found <= report.ops.total);
}
