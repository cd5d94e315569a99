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

/// What `HEAD` holds of the generated crate and the specs. `None` outside a checkout (or
/// where `HEAD` has no generated crate).
#[derive(Debug, PartialEq)]
pub struct Head {
    cargo: String,
    changelog: Option<String>,
    specs: Result<Vec<(String, String)>, String>,
}

/// Read `HEAD`'s side for [`plan`]. Started before the specs are loaded, so it overlaps with
/// loading rather than competing with the renderers. A commit never changes, so what git
/// read for one is kept under `<target>/xtask/head/` by commit id: the next run on the same
/// `HEAD` (regenerating, `--check`) starts no git process at all.
pub fn read_head(root: &Path) -> Option<Head> {
    let cached = crate::git::head_commit(root).map(|id| cache_dir(root).join(id));
    if let Some(head) = cached.as_deref().and_then(Head::load) {
        return Some(head);
    }
    let mut git = Batch::open(root)?;
    let cargo = git.text("HEAD:generated/Cargo.toml")?;
    let changelog = git.text(&format!("HEAD:generated/{}", release::CHANGELOG));
    let specs = crate::diff::revision_specs(&mut git, "HEAD");
    let head = Head {
        cargo,
        changelog,
        specs,
    };
    if let Some(path) = cached {
        // Only a speed-up: a cache that cannot be written is read from git next time. Other
        // commits' entries go, so the directory holds one (a new commit replaces it).
        if head.store(&path).is_ok() {
            prune_except(&path);
        }
    }
    Some(head)
}

/// Where [`read_head`] keeps what it read: under the target directory, which cleaning
/// empties and no commit carries.
fn cache_dir(root: &Path) -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("xtask/head")
}

/// Remove every entry of `keep`'s directory but `keep`.
fn prune_except(keep: &Path) {
    let Some(dir) = keep.parent() else { return };
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.path() != keep {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl Head {
    fn load(path: &Path) -> Option<Head> {
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
        let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
        let specs = match (&v["specs"], &v["specs_error"]) {
            (serde_json::Value::Array(files), _) => Ok(files
                .iter()
                .map(|f| Some((text(&f[0])?, text(&f[1])?)))
                .collect::<Option<Vec<_>>>()?),
            (_, e) => Err(text(e)?),
        };
        Some(Head {
            cargo: text(&v["cargo"])?,
            changelog: text(&v["changelog"]),
            specs,
        })
    }

    /// Write to a temporary name, then rename: a reader never sees half a file.
    fn store(&self, path: &Path) -> std::io::Result<()> {
        let (specs, error) = match &self.specs {
            Ok(files) => (serde_json::json!(files), serde_json::Value::Null),
            Err(e) => (serde_json::Value::Null, serde_json::json!(e)),
        };
        let v = serde_json::json!({
            "cargo": self.cargo,
            "changelog": self.changelog,
            "specs": specs,
            "specs_error": error,
        });
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let tmp = tempfile::NamedTempFile::new_in(dir)?;
        std::fs::write(tmp.path(), v.to_string())?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_head_loads_back_equal_with_or_without_readable_specs() {
        let dir = tempfile::tempdir().unwrap();
        for specs in [
            Ok(vec![("a.yaml".to_string(), "x: 1\n".to_string())]),
            Err("`HEAD` has no specs/".to_string()),
        ] {
            let head = Head {
                cargo: "[package]\nversion = \"0.1.0\"\n".into(),
                changelog: None,
                specs,
            };
            let path = dir.path().join("c/id");
            head.store(&path).unwrap();
            assert_eq!(Head::load(&path), Some(head));
        }
        std::fs::write(dir.path().join("broken"), "{").unwrap();
        assert_eq!(Head::load(&dir.path().join("broken")), None);
        let old = dir.path().join("c/older");
        std::fs::write(&old, "{}").unwrap();
        prune_except(&dir.path().join("c/id"));
        assert!(!old.exists() && dir.path().join("c/id").exists());
    }
}
