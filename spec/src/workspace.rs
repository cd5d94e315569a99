//! Where a checkout's specs and source pages are, found at run time: the workspace root is
//! the nearest directory from a starting one upwards whose Cargo.toml has a `[workspace]`
//! table, and the docs directory (the recorded source pages) is `docs` under
//! `[workspace.metadata.specs]` in that Cargo.toml, relative to the root. Every command reads
//! both from here, never from where its binary was built (one binary may serve several
//! checkouts that share a target directory).

use std::path::{Path, PathBuf};

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

/// The docs directory `root`'s Cargo.toml sets (`[workspace.metadata.specs] docs`), joined
/// to `root`; `None` when unset or unreadable. Read with a TOML parser in-process: every
/// command asks, and starting `cargo metadata` cost more than most commands' own work.
pub fn docs_dir(root: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(root.join("Cargo.toml")).ok()?;
    let manifest: Manifest = basic_toml::from_str(&text).ok()?;
    Some(root.join(manifest.workspace?.metadata?.specs?.docs?))
}

/// `cargo` (the `CARGO` cargo, else from the `PATH`) for a nested build: without the
/// variables cargo sets for the program it runs (`CARGO_MANIFEST_DIR`, `CARGO_PKG_*`, …). A
/// program started by `cargo run` or `cargo test` inherits them, and build scripts that
/// track them (ring's does) would see them change between a nested build and a top-level
/// one, so each would rebuild them and everything above them.
pub fn cargo_command() -> std::process::Command {
    let mut c =
        std::process::Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    without_cargo_env(&mut c);
    c
}

/// Remove from `c`'s environment what cargo sets for the program it runs (see
/// [`cargo_command`]).
pub fn without_cargo_env(c: &mut std::process::Command) -> &mut std::process::Command {
    for (key, _) in std::env::vars_os() {
        let Some(key) = key.to_str() else { continue };
        let set_by_cargo = key.starts_with("CARGO_PKG_")
            || key.starts_with("CARGO_MANIFEST_")
            || key.starts_with("CARGO_BIN_")
            || matches!(
                key,
                "CARGO_CRATE_NAME" | "CARGO_PRIMARY_PACKAGE" | "CARGO_TARGET_TMPDIR" | "OUT_DIR"
            );
        if set_by_cargo {
            c.env_remove(key);
        }
    }
    c
}

/// The part of a workspace manifest [`docs_dir`] reads; everything else is ignored.
#[derive(serde::Deserialize)]
struct Manifest {
    workspace: Option<Workspace>,
}

#[derive(serde::Deserialize)]
struct Workspace {
    metadata: Option<Metadata>,
}

#[derive(serde::Deserialize)]
struct Metadata {
    specs: Option<Specs>,
}

#[derive(serde::Deserialize)]
struct Specs {
    docs: Option<String>,
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
        assert_eq!(docs_dir(&base), None, "no docs setting");
        std::fs::write(
            base.join("Cargo.toml"),
            "[workspace]\nmembers = []\n\n[workspace.metadata.specs]\ndocs = \"../pages\"\n",
        )
        .expect("write");
        assert_eq!(docs_dir(&base), Some(base.join("../pages")));
        std::fs::remove_dir_all(&base).expect("clean up");
    }
}
