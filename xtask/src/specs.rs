//! Where the specs and seed pages are, and loading them the same way for every command.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use spec::validate::Validated;

/// The workspace root (xtask lives one level below it).
pub fn workspace_root() -> PathBuf {
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
        eprint!("{d}");
        eprintln!("{} problem(s) found", d.len());
        ExitCode::FAILURE
    })
}
