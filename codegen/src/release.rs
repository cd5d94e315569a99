//! The generated crate's version and changelog, from the spec diff: breaking changes bump
//! the major version, non-breaking ones the minor, informational ones (docs, errata,
//! examples) the patch; below 1.0.0 each moves one place right, as cargo reads 0.x versions
//! (breaking → 0.(y+1).0, anything else → 0.y.(z+1)). [`apply`] puts both into the rendered
//! file list, so they reach the disk in the same atomic write as the code they describe.

use std::path::Path;

use spec::diff::{render, Level, Report};

use crate::render::OutputFile;

/// The changelog's file name in the generated crate.
pub const CHANGELOG: &str = "CHANGELOG.md";

const HEADER: &str = "# Changelog\n\nOne entry per release of the generated clients, written by `cargo xtask codegen` \
from the spec diff (`cargo xtask diff`); do not edit.\n";

/// `version` bumped for a diff whose worst change is `level` (`None`: unchanged).
pub fn bump(version: &str, level: Option<Level>) -> Result<String, String> {
    let parts: Vec<u64> = version
        .split('.')
        .map(|p| p.parse::<u64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("version `{version}` is not MAJOR.MINOR.PATCH"))?;
    let [major, minor, patch] = parts[..] else {
        return Err(format!("version `{version}` is not MAJOR.MINOR.PATCH"));
    };
    let Some(level) = level else {
        return Ok(version.to_string());
    };
    let (major, minor, patch) = match (major, level) {
        (0, Level::Breaking) => (0, minor + 1, 0),
        (0, _) => (0, minor, patch + 1),
        (m, Level::Breaking) => (m + 1, 0, 0),
        (m, Level::NonBreaking) => (m, minor + 1, 0),
        (m, Level::Info) => (m, minor, patch + 1),
    };
    Ok(format!("{major}.{minor}.{patch}"))
}

/// The changelog: `previous` (a changelog this module wrote, or `None`) with an entry for
/// `version` on top when `report` has changes.
pub fn changelog(previous: Option<&str>, version: &str, report: &Report) -> String {
    let mut s = HEADER.to_string();
    if !report.changes.is_empty() {
        s.push_str(&format!("\n## {version}\n\n"));
        s.push_str(render::markdown_with(report, "###").trim_end());
        s.push('\n');
    }
    if let Some(prev) = previous {
        let rest = prev.strip_prefix(HEADER).unwrap_or(prev);
        if !rest.trim().is_empty() {
            s.push_str(rest);
        }
    }
    s
}

/// The `version` of the `[package]` of a rendered Cargo.toml.
pub fn package_version(cargo_toml: &str) -> Option<String> {
    package_version_line(cargo_toml).map(|(_, v)| v)
}

fn package_version_line(cargo_toml: &str) -> Option<(usize, String)> {
    let mut in_package = false;
    for (i, line) in cargo_toml.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            in_package = t == "[package]";
        } else if in_package {
            if let Some(v) = t
                .strip_prefix("version = \"")
                .and_then(|r| r.strip_suffix('"'))
            {
                return Some((i, v.to_string()));
            }
        }
    }
    None
}

/// Set the crate version in the rendered `Cargo.toml` and add the changelog to `files`.
pub fn apply(files: &mut Vec<OutputFile>, version: &str, changelog: String) -> Result<(), String> {
    let cargo = files
        .iter_mut()
        .find(|f| f.path == Path::new("Cargo.toml"))
        .ok_or("no Cargo.toml was rendered")?;
    let (at, _) =
        package_version_line(&cargo.contents).ok_or("the rendered Cargo.toml has no version")?;
    let mut lines: Vec<String> = cargo.contents.lines().map(str::to_owned).collect();
    lines[at] = format!("version = \"{version}\"");
    let mut contents = lines.join("\n");
    if cargo.contents.ends_with('\n') {
        contents.push('\n');
    }
    cargo.contents = contents;
    files.retain(|f| f.path != Path::new(CHANGELOG));
    files.push(OutputFile {
        path: CHANGELOG.into(),
        contents: changelog,
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use spec::diff::Change;

    #[test]
    fn bumps_follow_cargo() {
        let b = |v, l| bump(v, l).unwrap();
        assert_eq!(b("0.1.0", None), "0.1.0");
        assert_eq!(b("0.1.3", Some(Level::Breaking)), "0.2.0");
        assert_eq!(b("0.1.3", Some(Level::NonBreaking)), "0.1.4");
        assert_eq!(b("0.1.3", Some(Level::Info)), "0.1.4");
        assert_eq!(b("1.2.3", Some(Level::Breaking)), "2.0.0");
        assert_eq!(b("1.2.3", Some(Level::NonBreaking)), "1.3.0");
        assert_eq!(b("1.2.3", Some(Level::Info)), "1.2.4");
        assert!(bump("1.2", None).is_err());
        assert!(bump("1.2.3-beta", None).is_err());
    }

    #[test]
    fn changelog_entries_stack_newest_first() {
        let change = |rule: &'static str, level| Change {
            rule,
            level,
            provider: "p".into(),
            at: "op".into(),
            message: "m".into(),
            items: vec!["p::Item::x".into()],
            cite_before: None,
            cite_after: None,
        };
        let one = Report {
            changes: vec![change("response-field-removed", Level::Breaking)],
        };
        let first = changelog(None, "0.2.0", &one);
        assert!(first.starts_with(HEADER));
        assert!(first.contains("## 0.2.0\n\n1 change(s): 1 breaking"));
        assert!(first.contains("### Breaking changes"));
        let two = Report {
            changes: vec![change("operation-added", Level::NonBreaking)],
        };
        let second = changelog(Some(&first), "0.2.1", &two);
        let (a, b) = (
            second.find("## 0.2.1").unwrap(),
            second.find("## 0.2.0").unwrap(),
        );
        assert!(a < b);
        assert_eq!(second.matches("# Changelog").count(), 1);
        // Nothing changed: the changelog is the previous one.
        assert_eq!(changelog(Some(&first), "0.2.0", &Report::default()), first);
    }

    #[test]
    fn apply_sets_the_package_version_only() {
        let mut files = vec![OutputFile {
            path: "Cargo.toml".into(),
            contents: "[package]\nname = \"g\"\nversion = \"0.1.0\"\n\n[dependencies]\nx = { version = \"1\" }\n".into(),
        }];
        apply(&mut files, "0.3.0", "log".into()).unwrap();
        assert_eq!(
            package_version(&files[1].contents).as_deref(),
            Some("0.3.0")
        );
        assert!(files[1].contents.contains("x = { version = \"1\" }"));
        assert_eq!(files[0].path, Path::new(CHANGELOG));
    }
}
