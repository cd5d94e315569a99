//! `cargo xtask diff`: the semantic diff of the specs between a base (a git revision or a
//! directory) and the working tree, graded from a client user's point of view
//! ([`spec::diff`]); the Rust item names come from [`codegen::names`].

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use spec::diff::{self, Level, Report};
use spec::load::SpecFile;
use spec::validate::Validated;

use crate::git::Batch;

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
            println!("{:<50} breaks: {}; why: {}", "", r.breaks.describe(), r.why);
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
    let old = load_base(base)?;
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
/// revision of the workspace, whose specs/ is read through one `git cat-file` process.
pub fn load_base(base: &str) -> Result<Validated, String> {
    let dir = Path::new(base);
    if dir.is_dir() {
        let sub = dir.join("specs");
        let paths = [if sub.is_dir() { sub } else { dir.to_path_buf() }];
        return spec::validate::load_and_validate(&paths, None)
            .map_err(|d| format!("the specs at `{base}` do not validate:\n{d}"));
    }
    let mut git =
        Batch::open(&crate::specs::workspace_root()).ok_or_else(|| "cannot run git".to_string())?;
    let texts = revision_specs(&mut git, base)?;
    validate_texts(base, texts)
}

/// The `specs/*.yaml` files of revision `rev`, as (file name, text) in git's order.
pub fn revision_specs(git: &mut Batch, rev: &str) -> Result<Vec<(String, String)>, String> {
    let names = git
        .entries(&format!("{rev}:specs"))
        .ok_or_else(|| format!("`{rev}` is neither a directory nor a revision with specs/"))?;
    names
        .into_iter()
        .filter(|n| n.ends_with(".yaml"))
        .map(|name| {
            let text = git
                .text(&format!("{rev}:specs/{name}"))
                .ok_or_else(|| format!("`{rev}:specs/{name}` cannot be read"))?;
            Ok((name, text))
        })
        .collect()
}

/// Parse and validate spec texts of revision `rev`; findings are labelled `REV:specs/NAME`.
pub fn validate_texts(rev: &str, texts: Vec<(String, String)>) -> Result<Validated, String> {
    let mut files = Vec::new();
    let mut problems = spec::diag::Diagnostics::default();
    for (name, text) in texts {
        match SpecFile::parse(format!("{rev}:specs/{name}"), text) {
            Ok(f) => files.push(f),
            Err(d) => problems.0.extend(d.0),
        }
    }
    if !problems.is_empty() {
        return Err(format!("the specs at `{rev}` do not validate:\n{problems}"));
    }
    spec::validate::validate(files, None)
        .map_err(|d| format!("the specs at `{rev}` do not validate:\n{d}"))
}
