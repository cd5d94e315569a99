//! The generated crate's next version and changelog for `cargo xtask codegen`: the spec diff
//! between `HEAD` and the working tree, applied to the version and changelog `HEAD`'s
//! `generated/` carries ([`codegen::release`]). Regenerating twice gives the same result,
//! and a clean tree keeps `HEAD`'s version, so `codegen --check` stays meaningful. Outside a
//! git checkout the version and changelog on disk are kept as they are.

use std::path::Path;

use codegen::release;
use spec::diff::{Change, Level, Report};
use spec::validate::Validated;

use crate::git::Batch;

/// What the write will carry.
pub struct Release {
    pub version: String,
    pub changelog: String,
    pub report: Report,
}

/// What `HEAD` holds of the generated crate and the specs, read by one git process. `None`
/// outside a checkout (or where `HEAD` has no generated crate).
pub struct Head {
    cargo: String,
    changelog: Option<String>,
    specs: Result<Vec<(String, String)>, String>,
}

/// Read `HEAD`'s side for [`plan`]. Started before the specs are loaded, so git's process
/// start and reads overlap with loading rather than competing with the renderers.
pub fn read_head(root: &Path) -> Option<Head> {
    let mut git = Batch::open(root)?;
    let cargo = git.text("HEAD:generated/Cargo.toml")?;
    let changelog = git.text(&format!("HEAD:generated/{}", release::CHANGELOG));
    let specs = crate::diff::revision_specs(&mut git, "HEAD");
    Some(Head {
        cargo,
        changelog,
        specs,
    })
}

/// The release for rendering `new` into `root`/generated, `head` read by [`read_head`].
pub fn plan(root: &Path, head: Option<Head>, new: &Validated) -> Result<Release, String> {
    let Some(head) = head else {
        let gen = root.join("generated");
        let cargo = std::fs::read_to_string(gen.join("Cargo.toml")).unwrap_or_default();
        let version = release::package_version(&cargo).unwrap_or_else(|| "0.1.0".into());
        let previous = std::fs::read_to_string(gen.join(release::CHANGELOG)).ok();
        let report = Report::default();
        let changelog = release::changelog(previous.as_deref(), &version, &report);
        return Ok(Release {
            version,
            changelog,
            report,
        });
    };
    let base_version = release::package_version(&head.cargo)
        .ok_or("HEAD:generated/Cargo.toml has no package version")?;
    let report = match head.specs.and_then(|specs| base_report(specs, new)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("warning: {e}\nwarning: the version is bumped as for a breaking change");
            Report {
                changes: vec![Change {
                    rule: spec::diff::rule("base-not-comparable").id,
                    level: Level::Breaking,
                    provider: "*".into(),
                    at: "specs".into(),
                    message: "the specs at HEAD could not be read or validated".into(),
                    items: Vec::new(),
                    cite_before: None,
                    cite_after: None,
                }],
            }
        }
    };
    let version = release::bump(&base_version, report.level())?;
    let changelog = release::changelog(head.changelog.as_deref(), &version, &report);
    Ok(Release {
        version,
        changelog,
        report,
    })
}

/// The diff from `HEAD`'s specs to `new`. Specs identical to `HEAD`'s, file for file, have
/// no changes by definition, so the common case (regenerating a clean tree, `--check`)
/// neither validates `HEAD`'s side nor diffs.
fn base_report(head: Vec<(String, String)>, new: &Validated) -> Result<Report, String> {
    if same_files(&head, new) {
        return Ok(Report::default());
    }
    let old = crate::diff::validate_texts("HEAD", head)?;
    crate::diff::diff_validated(&old, new)
}

/// Whether `new` holds exactly the files `head` lists (by file name), with the same text.
fn same_files(head: &[(String, String)], new: &Validated) -> bool {
    let strip = |t: &str| t.strip_prefix('\u{feff}').unwrap_or(t).to_string();
    let mut a: Vec<(String, String)> = head.iter().map(|(n, t)| (n.clone(), strip(t))).collect();
    let mut b: Vec<(String, String)> = new
        .files()
        .iter()
        .map(|f| {
            let name = f.path.file_name().map(|n| n.to_string_lossy().into_owned());
            (name.unwrap_or_default(), f.text.clone())
        })
        .collect();
    a.sort();
    b.sort();
    a == b
}
