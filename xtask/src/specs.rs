//! Where the specs and seed pages are, and loading them the same way for every command.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use spec::validate::Validated;

/// The root set by `--workspace DIR` (or `XTASK_WORKSPACE`), when given.
static OVERRIDE: OnceLock<PathBuf> = OnceLock::new();

/// Use `dir` (relative to the current directory) as the workspace root from now on. It must
/// be a directory with a Cargo.toml.
pub fn set_workspace_root(dir: &Path) -> Result<(), String> {
    let dir = std::path::absolute(dir).map_err(|e| e.to_string())?;
    if !dir.join("Cargo.toml").is_file() {
        return Err("not a workspace root (no Cargo.toml there)".into());
    }
    OVERRIDE
        .set(dir)
        .map_err(|_| "the workspace root is already set".to_string())
}

/// The workspace root every default path is under: `--workspace DIR` when given, otherwise
/// the workspace xtask was built in (xtask lives one level below it). Never the current
/// directory, so running from a subdirectory writes nothing there.
pub fn workspace_root() -> PathBuf {
    if let Some(dir) = OVERRIDE.get() {
        return dir.clone();
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The seed pages, when this checkout sits next to them (source hashes are then checked).
pub fn seeds_dir() -> Option<PathBuf> {
    let dir = workspace_root().join("../shared/seeds");
    dir.is_dir().then_some(dir)
}

/// Load and validate `paths` (default: the workspace's specs/). On failure every diagnostic
/// is on stderr and the caller exits with the returned code.
pub fn load(paths: &[PathBuf]) -> Result<Validated, ExitCode> {
    let default = [workspace_root().join("specs")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    spec::validate::load_and_validate(paths, seeds_dir().as_deref()).map_err(|d| {
        d.eprint();
        eprintln!("{} problem(s) found", d.len());
        ExitCode::FAILURE
    })
}
