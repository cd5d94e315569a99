//! `cargo xtask diff`: the semantic diff of the specs between a base (a git revision or a
//! directory) and the working tree, graded from a client user's point of view
//! ([`spec::diff`]); the Rust item names come from [`codegen::names`].

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::ValueEnum;
use spec::diff::{self, Level, Report};
use spec::validate::Validated;

#[derive(clap::Args)]
#[command(
    after_help = "Exit codes: 0 no change at or above --fail-on (always 0 without it); \
                        1 a change at or above --fail-on; 2 the base or the working tree could \
                        not be read or does not validate.\n\
                        Source pages are not checked here (see `cargo xtask sources`)."
)]
pub struct Args {
    /// What to compare against: a git revision of the workspace (its specs/), or a directory
    /// of spec files (or a checkout with a specs/ directory).
    #[arg(long, value_name = "REV|DIR", default_value = "HEAD")]
    base: String,
    /// Spec files or directories of the new side (default: specs/ of the working tree).
    #[arg(long = "spec")]
    specs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit 1 when a change at this level (or worse) is found.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Print every rule with its id, level and why, and exit (`--format markdown`: the
    /// README's table).
    #[arg(long)]
    rules: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// A review to read.
    Text,
    /// For a pull request.
    Markdown,
    /// For tools.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    /// Any breaking change.
    Breaking,
    /// Any change at all, informational ones included.
    Any,
}

pub fn run(args: Args) -> ExitCode {
    if args.rules {
        if let Format::Markdown = args.format {
            print!("{}", diff::render::rules_table());
            return ExitCode::SUCCESS;
        }
        for r in diff::RULES {
            println!("{:<36} {:<13} {}", r.id, r.level.as_str(), r.about);
            println!("{:<50} why: {}", "", r.why);
        }
        return ExitCode::SUCCESS;
    }
    let report = match compare(&args.base, &args.specs) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let out = match args.format {
        Format::Text => diff::render::text(&report),
        Format::Markdown => diff::render::markdown(&report),
        Format::Json => diff::render::json(&report),
    };
    print!("{out}");
    let fail = match args.fail_on {
        None => false,
        Some(FailOn::Any) => !report.changes.is_empty(),
        Some(FailOn::Breaking) => report.level() == Some(Level::Breaking),
    };
    if fail {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The diff between `base` and the working tree's specs (`specs`, default specs/).
pub fn compare(base: &str, specs: &[PathBuf]) -> Result<Report, String> {
    let tmp = tempfile::tempdir().map_err(|e| format!("temporary directory: {e}"))?;
    let old = load_base(base, tmp.path())?;
    let new = load_new(specs)?;
    diff_validated(&old, &new)
}

/// [`spec::diff::diff`] with the Rust names of each side.
pub fn diff_validated(old: &Validated, new: &Validated) -> Result<Report, String> {
    let on = codegen::names::RustNames::new(old).map_err(|e| format!("base: {e}"))?;
    let nn = codegen::names::RustNames::new(new).map_err(|e| e.to_string())?;
    Ok(diff::diff(old, new, &on, &nn))
}

/// The working tree's specs, validated without checking source pages (a page that changed
/// is `sources`' business, not the diff's).
pub fn load_new(specs: &[PathBuf]) -> Result<Validated, String> {
    let default = [crate::specs::workspace_root().join("specs")];
    let paths = if specs.is_empty() {
        &default[..]
    } else {
        specs
    };
    spec::validate::load_and_validate(paths, None)
        .map_err(|d| format!("the working tree's specs do not validate:\n{d}"))
}

/// The base side: a directory of specs (or a checkout holding specs/), or else a git
/// revision whose specs/ is written into `tmp` first.
pub fn load_base(base: &str, tmp: &Path) -> Result<Validated, String> {
    let dir = Path::new(base);
    let paths = if dir.is_dir() {
        let sub = dir.join("specs");
        vec![if sub.is_dir() { sub } else { dir.to_path_buf() }]
    } else {
        export_revision(&crate::specs::workspace_root(), base, tmp)?;
        vec![tmp.to_path_buf()]
    };
    spec::validate::load_and_validate(&paths, None)
        .map_err(|d| format!("the specs at `{base}` do not validate:\n{d}"))
}

/// Write the `specs/*.yaml` files of revision `rev` of the repository at `root` into `out`.
pub fn export_revision(root: &Path, rev: &str, out: &Path) -> Result<usize, String> {
    let git = |args: &[&str]| -> Result<Vec<u8>, String> {
        let o = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .map_err(|e| format!("running git: {e}"))?;
        if o.status.success() {
            Ok(o.stdout)
        } else {
            Err(format!(
                "`git {}`: {}",
                args.join(" "),
                String::from_utf8_lossy(&o.stderr).trim()
            ))
        }
    };
    let listing = git(&["ls-tree", "--name-only", &format!("{rev}:specs")])
        .map_err(|e| format!("`{rev}` is neither a directory nor a revision with specs/: {e}"))?;
    let mut n = 0;
    for name in String::from_utf8_lossy(&listing).lines() {
        if !name.ends_with(".yaml") {
            continue;
        }
        let text = git(&["show", &format!("{rev}:specs/{name}")])?;
        std::fs::write(out.join(name), text).map_err(|e| format!("writing {name}: {e}"))?;
        n += 1;
    }
    Ok(n)
}
