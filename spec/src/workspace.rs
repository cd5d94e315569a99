//! Where a checkout's specs and source pages are, found at run time: the workspace root is
//! the nearest directory from a starting one upwards whose Cargo.toml has a `[workspace]`
//! table, and the docs directory (the recorded source pages) is `docs` under
//! `[workspace.metadata.specs]` in that Cargo.toml, relative to the root. Every command reads
//! both from here, never from where its binary was built (one binary may serve several
//! checkouts that share a target directory).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root above `start` (or `start` itself).
pub fn find_root(start: &Path) -> Result<PathBuf, String> {
    start
        .ancestors()
        .find(|d| is_workspace_manifest(&d.join("Cargo.toml")))
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            format!(
                "no Cargo.toml with a [workspace] table in {} or above; run inside the \
                 workspace or pass --workspace DIR",
                start.display()
            )
        })
}

/// `dir` as a workspace root (relative to the current directory): it must hold a Cargo.toml.
pub fn given_root(dir: &Path) -> Result<PathBuf, String> {
    let dir = std::path::absolute(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if dir.join("Cargo.toml").is_file() {
        Ok(dir)
    } else {
        Err(format!(
            "{}: not a workspace root (no Cargo.toml there)",
            dir.display()
        ))
    }
}

/// Does this Cargo.toml declare a workspace (a `[workspace]` table header on a line)?
fn is_workspace_manifest(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.lines().any(|l| l.trim() == "[workspace]"))
}

/// The docs directory `root`'s Cargo.toml sets (`[workspace.metadata.specs] docs`, read with
/// `cargo metadata`, the `CARGO` cargo else `cargo`), joined to `root`; `None` when unset.
pub fn docs_dir(root: &Path) -> Option<PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    let docs = meta.pointer("/metadata/specs/docs")?.as_str()?;
    Some(root.join(docs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_the_nearest_workspace_manifest_upwards() {
        let base = std::env::temp_dir().join(format!("spec-workspace-{}", std::process::id()));
        let nested = base.join("crate/src");
        std::fs::create_dir_all(&nested).expect("mkdir");
        std::fs::write(base.join("Cargo.toml"), "[workspace]\nmembers = []\n").expect("write");
        std::fs::write(base.join("crate/Cargo.toml"), "[package]\nname = \"c\"\n").expect("write");
        assert_eq!(find_root(&nested), Ok(base.clone()));
        assert!(given_root(&nested).is_err());
        std::fs::remove_dir_all(&base).expect("clean up");
    }
}
