//! `cargo xtask sources`: compare every recorded source page's SHA-256 with the page in the
//! docs directory (and with `--fetch`, the live page at its `url`); list what changed, what is
//! missing and what is unrecorded, with the operations and errata that cite each page
//! ([`spec::sources`]); `--update` records the new fingerprints of pages whose specs were
//! edited in the working tree. Unchanged pages are read against the citations of every spec
//! (as `validate --pages` does: a fact citing nothing fails); for a changed page whose
//! previous text is at hand (`--old FILE`, `--old-rev REV`), the facts whose cited lines
//! changed, moved or vanished are listed for review, and `--apply` rewrites the citations whose
//! lines only moved (the rest stay listed).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use spec::sources::{self, Page, PageState};

#[derive(clap::Args)]
#[command(
    after_help = "Exit codes: 0 every recorded page is unchanged (after --update: every \
                        changed page was recorded); 1 a page changed (and was not recorded) or \
                        is missing, or a citation of an unchanged page does not hold; 2 the \
                        specs, the docs directory, a previous page or a live page could not be \
                        read, or an --old file names no changed page.\n\
                        Citations are checked as `cargo xtask validate --pages DIR` checks them: \
                        every fact of a spec must cite the unchanged page it rests on.\n\
                        The default docs directory is `docs` under [workspace.metadata.specs] in \
                        the workspace's Cargo.toml (exit 2 when it is not set and --docs is not \
                        given)."
)]
pub struct Args {
    /// Directory holding the pages, by file name (default: the workspace setting).
    #[arg(long, value_name = "DIR")]
    docs: Option<PathBuf>,
    /// Spec files or directories (default: specs/).
    #[arg(long = "spec")]
    specs: Vec<PathBuf>,
    /// Also fetch each page that records a `url` (with curl) and compare the live page.
    #[arg(long)]
    fetch: bool,
    /// Record the new SHA-256 of changed pages whose citing spec is modified in the working
    /// tree (`git status`): the spec was revised against the new page.
    #[arg(long)]
    update: bool,
    /// With --update: record new hashes even where the citing spec is unmodified.
    #[arg(long, requires = "update")]
    force: bool,
    /// The previous version of a changed page (matched by file name): list the spec facts
    /// whose cited lines changed, moved or vanished. Repeatable.
    #[arg(long, value_name = "FILE")]
    old: Vec<PathBuf>,
    /// Read the previous version of each changed page from this git revision of the docs
    /// directory (e.g. `HEAD`), where `--old` gives none.
    #[arg(long, value_name = "REV")]
    old_rev: Option<String>,
    /// With the previous text (--old, --old-rev): rewrite in the specs the citations whose
    /// cited lines of a changed page are all still there word for word, only at other line
    /// numbers. Citations of edited or deleted lines are left for review.
    #[arg(long)]
    apply: bool,
}

pub fn run(args: Args) -> ExitCode {
    let root = crate::specs::workspace_root();
    let Some(docs) = args.docs.clone().or_else(crate::specs::docs_setting) else {
        eprintln!(
            "error: no docs directory: pass --docs DIR or set `docs` under \
             [workspace.metadata.specs] in {}",
            root.join("Cargo.toml").display()
        );
        return ExitCode::from(2);
    };
    let default = [root.join("specs")];
    let paths = if args.specs.is_empty() {
        &default[..]
    } else {
        &args.specs[..]
    };
    // Not validated against the pages: a changed page is what this command reports.
    let validated = match spec::validate::load_and_validate(paths, None) {
        Ok(v) => v,
        Err(d) => {
            d.eprint();
            eprintln!("{} problem(s) found", d.len());
            return ExitCode::from(2);
        }
    };
    let mut pages = match sources::check(validated.files(), &docs) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: reading {}: {e}", docs.display());
            return ExitCode::from(2);
        }
    };
    let mut errors = 0;
    if args.fetch {
        for p in pages.iter_mut() {
            let (Some(url), Some(recorded)) = (&p.url, &p.recorded) else {
                continue;
            };
            match fetch(url) {
                Ok(bytes) => {
                    let actual = sources::sha256_hex(&bytes);
                    p.live = Some(if actual.eq_ignore_ascii_case(recorded) {
                        PageState::Unchanged
                    } else {
                        PageState::Changed { actual }
                    });
                }
                Err(e) => {
                    eprintln!("error: fetching {url}: {e}");
                    errors += 1;
                }
            }
        }
    }
    let mut updated = Vec::new();
    if args.update {
        match update(&root, &pages, args.force) {
            Ok(u) => updated = u,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let model = match spec::model::Model::build(&validated) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    // An --old that names no changed page would silently compare nothing.
    for old in &args.old {
        let named = |p: &&Page| old.file_name().is_some_and(|n| *n == *p.file);
        if !pages
            .iter()
            .filter(|p| matches!(p.state, PageState::Changed { .. }))
            .any(|p| named(&p))
        {
            eprintln!(
                "error: --old {}: no changed page of that file name in {}",
                old.display(),
                docs.display()
            );
            return ExitCode::from(2);
        }
    }
    let mut touched = BTreeMap::new();
    // (page, previous text, current text) of each changed page whose previous text is at hand.
    let mut texts: Vec<(String, String, String)> = Vec::new();
    for p in pages
        .iter()
        .filter(|p| matches!(p.state, PageState::Changed { .. }))
    {
        let old = match previous(&args, &docs, &p.file) {
            Ok(old) => old,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        let facts = match (old, std::fs::read(docs.join(&p.file))) {
            (Some(old), Ok(new)) => {
                let new = String::from_utf8_lossy(&new).into_owned();
                let facts = sources::touched_facts(&validated, &model, &p.file, &old, &new);
                texts.push((p.file.clone(), old, new));
                Some(facts)
            }
            _ => None,
        };
        touched.insert(p.file.clone(), facts);
    }
    let cite_problems = citations(&validated, &model, &pages, &docs);
    print!("{}", report(&pages, &updated, &docs, &touched));
    if args.apply {
        if let Err(e) = apply(&root, &validated, &model, &texts) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    let failing = cite_problems
        || pages.iter().any(|p| {
            (p.changed() && !updated.contains(&(p.spec.clone(), p.file.clone())))
                || p.state == PageState::Missing
        });
    if errors > 0 {
        ExitCode::from(2)
    } else if failing {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Rewrite the citations whose lines of a changed page only moved, spec by spec, and say
/// which. A spec modified in the working tree is left alone: its citations may already
/// refer to the new page (moving them again would break them).
fn apply(
    root: &Path,
    validated: &spec::validate::Validated,
    model: &spec::model::Model,
    texts: &[(String, String, String)],
) -> Result<(), String> {
    let changes: Vec<(&str, &str, &str)> = texts
        .iter()
        .map(|(p, o, n)| (p.as_str(), o.as_str(), n.as_str()))
        .collect();
    let mut moved = 0;
    for (file, provider) in validated.files().iter().zip(&model.providers) {
        let (text, done) = sources::move_citations(file, &provider.facts, &changes);
        if done.is_empty() {
            continue;
        }
        if modified(root, &file.path) {
            eprintln!(
                "not applied: {} is modified in the working tree; commit or revert it first \
                 (its citations may already refer to the new page)",
                file.path.display()
            );
            continue;
        }
        let tmp = file.path.with_extension("yaml.sources-tmp");
        std::fs::write(&tmp, &text)
            .and_then(|_| std::fs::rename(&tmp, &file.path))
            .map_err(|e| format!("writing {}: {e}", file.path.display()))?;
        for m in &done {
            println!(
                "moved citation {}:{}: {} → {}",
                file.path.display(),
                m.line,
                m.from,
                m.to
            );
        }
        moved += done.len();
    }
    println!("{moved} citation(s) moved");
    Ok(())
}

/// The previous text of a changed page: the `--old` file of the same name, else the page at
/// `--old-rev` in the docs directory's git repository; `None` when neither is given.
fn previous(args: &Args, docs: &Path, file: &str) -> Result<Option<String>, String> {
    if let Some(old) = args
        .old
        .iter()
        .find(|o| o.file_name().is_some_and(|n| n == file))
    {
        return std::fs::read(old)
            .map(|b| Some(String::from_utf8_lossy(&b).into_owned()))
            .map_err(|e| format!("--old {}: {e}", old.display()));
    }
    let Some(rev) = &args.old_rev else {
        return Ok(None);
    };
    let out = Command::new("git")
        .arg("-C")
        .arg(docs)
        .arg("show")
        .arg(format!("{rev}:./{file}"))
        .output()
        .map_err(|e| format!("running git: {e}"))?;
    if out.status.success() {
        Ok(Some(String::from_utf8_lossy(&out.stdout).into_owned()))
    } else {
        Err(format!(
            "--old-rev {rev}: {file}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Citations of the pages that did not change, as `validate --pages` checks them (a fact
/// that cites nothing fails too); true on a problem (printed to stderr).
fn citations(
    validated: &spec::validate::Validated,
    model: &spec::model::Model,
    pages: &[Page],
    docs: &Path,
) -> bool {
    if !docs.is_dir() {
        return false;
    }
    let settled = |file: &str| {
        pages
            .iter()
            .any(|p| p.file == file && p.state == PageState::Unchanged)
    };
    let (found, _) = spec::cite::check::check(validated, model, docs, &|f| !settled(f));
    if found.is_empty() {
        return false;
    }
    found.eprint();
    eprintln!("{} citation problem(s) found", found.len());
    true
}

fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let out = Command::new("curl")
        .args([
            "--fail",
            "--silent",
            "--show-error",
            "--location",
            "--max-time",
            "30",
            "--",
        ])
        .arg(url)
        .output()
        .map_err(|e| format!("running curl: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// Whether git reports `path` as modified (or new) in the working tree.
fn modified(root: &Path, path: &Path) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["status", "--porcelain", "--"])
        .arg(path)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .is_some_and(|o| !o.stdout.is_empty())
}

/// Rewrite the recorded hashes; returns the (spec, page) pairs recorded.
fn update(
    root: &Path,
    pages: &[Page],
    force: bool,
) -> Result<Vec<(Option<PathBuf>, String)>, String> {
    let mut by_spec: BTreeMap<PathBuf, Vec<&Page>> = BTreeMap::new();
    for p in pages.iter().filter(|p| p.changed()) {
        if let Some(spec) = &p.spec {
            by_spec.entry(spec.clone()).or_default().push(p);
        }
    }
    let mut done = Vec::new();
    for (spec, pages) in by_spec {
        if !force && !modified(root, &spec) {
            for p in pages {
                eprintln!(
                    "not recorded: {} changed but {} is unmodified; revise the spec against the \
                     new page first (or --force)",
                    p.file,
                    spec.display()
                );
            }
            continue;
        }
        let mut text =
            std::fs::read_to_string(&spec).map_err(|e| format!("{}: {e}", spec.display()))?;
        for p in &pages {
            let (Some(old), Some(new)) = (&p.recorded, p.actual()) else {
                continue;
            };
            text = sources::rewrite_hash(&text, old, new).ok_or_else(|| {
                format!(
                    "{}: the hash of {} does not occur exactly once",
                    spec.display(),
                    p.file
                )
            })?;
        }
        let tmp = spec.with_extension("yaml.sources-tmp");
        std::fs::write(&tmp, &text)
            .and_then(|_| std::fs::rename(&tmp, &spec))
            .map_err(|e| format!("writing {}: {e}", spec.display()))?;
        done.extend(pages.iter().map(|p| (p.spec.clone(), p.file.clone())));
    }
    Ok(done)
}

/// The facts a changed page touched, by page file (`None`: no previous text to compare).
type Touched = BTreeMap<String, Option<Vec<sources::TouchedFact>>>;

fn report(
    pages: &[Page],
    updated: &[(Option<PathBuf>, String)],
    docs: &Path,
    touched: &Touched,
) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let (mut same, mut changed, mut missing, mut extra) = (0, 0, 0, 0);
    for p in pages {
        let owner = match (&p.provider, &p.spec) {
            (Some(id), Some(spec)) => format!(" ({id}, {})", spec::model::source_label(spec)),
            _ => String::new(),
        };
        let what = match (&p.state, &p.live) {
            (PageState::Unreferenced, _) => {
                extra += 1;
                let _ = writeln!(s, "unreferenced  {}: no spec records it", p.file);
                continue;
            }
            (PageState::Missing, _) => {
                missing += 1;
                format!("missing       {}{owner}: not in {}", p.file, docs.display())
            }
            _ if p.changed() => {
                changed += 1;
                let whence = match (&p.state, &p.live) {
                    (PageState::Changed { .. }, Some(PageState::Changed { .. })) => "docs and live",
                    (PageState::Changed { .. }, _) => "docs",
                    _ => "live",
                };
                let state = if updated.contains(&(p.spec.clone(), p.file.clone())) {
                    "recorded"
                } else {
                    "changed "
                };
                format!(
                    "{state}      {}{owner}: SHA-256 {} → {} ({whence})",
                    p.file,
                    short(p.recorded.as_deref().unwrap_or_default()),
                    short(p.actual().unwrap_or_default())
                )
            }
            _ => {
                same += 1;
                continue;
            }
        };
        let _ = writeln!(s, "{what}");
        if !p.operations.is_empty() {
            let _ = writeln!(s, "    operations: {}", p.operations.join(", "));
        }
        for e in &p.errata {
            let _ = writeln!(
                s,
                "    erratum {} to re-review ({}): {}",
                e.id, e.location, e.problem
            );
        }
        match touched.get(&p.file) {
            Some(Some(facts)) if facts.is_empty() => {
                let _ = writeln!(s, "    no cited line changed");
            }
            Some(Some(facts)) => {
                let _ = writeln!(s, "    facts whose cited lines changed, moved or vanished:");
                for f in facts {
                    let _ = writeln!(
                        s,
                        "      {}:{}:{}: {} ({}) {}",
                        f.spec.display(),
                        f.line,
                        f.column,
                        f.label,
                        f.cited,
                        f.fate
                    );
                }
            }
            Some(None) => {
                let _ = writeln!(
                    s,
                    "    (give its previous text with --old FILE or --old-rev REV to list the \
                     facts it touches)"
                );
            }
            None => {}
        }
    }
    let _ = writeln!(
        s,
        "{} page(s): {same} unchanged, {changed} changed, {missing} missing, {extra} unreferenced",
        pages.len()
    );
    s
}

fn short(h: &str) -> &str {
    h.get(..12).unwrap_or(h)
}
