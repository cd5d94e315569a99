//! The generated crate's next version and changelog for `cargo xtask codegen`: the spec diff
//! between `HEAD` and the working tree, applied to the version and changelog `HEAD`'s
//! `generated/` carries ([`codegen::release`]). Regenerating twice gives the same result,
//! and a clean tree keeps `HEAD`'s version, so `codegen --check` stays meaningful. Outside a
//! git checkout the version and changelog on disk are kept as they are.

use std::path::Path;
use std::process::Command;

use codegen::release;
use spec::diff::{Change, Level, Report};
use spec::validate::Validated;

/// What the write will carry.
pub struct Release {
    pub version: String,
    pub changelog: String,
    pub report: Report,
}

fn git_show(root: &Path, spec: &str) -> Option<String> {
    let o = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["show", spec])
        .output()
        .ok()?;
    o.status
        .success()
        .then(|| String::from_utf8_lossy(&o.stdout).into_owned())
}

/// The release for rendering `new` into `root`/generated.
pub fn plan(root: &Path, new: &Validated) -> Result<Release, String> {
    let Some(cargo) = git_show(root, "HEAD:generated/Cargo.toml") else {
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
    let base_version = release::package_version(&cargo)
        .ok_or("HEAD:generated/Cargo.toml has no package version")?;
    let previous = git_show(root, &format!("HEAD:generated/{}", release::CHANGELOG));
    let tmp = tempfile::tempdir().map_err(|e| format!("temporary directory: {e}"))?;
    let report = match crate::diff::load_base("HEAD", tmp.path())
        .and_then(|old| crate::diff::diff_validated(&old, new))
    {
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
    let changelog = release::changelog(previous.as_deref(), &version, &report);
    Ok(Release {
        version,
        changelog,
        report,
    })
}
