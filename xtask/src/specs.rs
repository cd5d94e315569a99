//! Where the specs and seed pages are, and loading them the same way for every command.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

use spec::validate::Validated;

/// The workspace root, set once at start-up by [`find_workspace_root`].
static ROOT: OnceLock<PathBuf> = OnceLock::new();

/// Settle the workspace root for this run: `dir` (`--workspace DIR` or `XTASK_WORKSPACE`)
/// when given, otherwise the nearest workspace from the current directory upwards
/// ([`spec::workspace`]). Never the directory xtask was built in.
pub fn find_workspace_root(dir: Option<&Path>) -> Result<PathBuf, String> {
    let root = match dir {
        Some(dir) => spec::workspace::given_root(dir)?,
        None => {
            let cwd = std::env::current_dir()
                .map_err(|e| format!("cannot read the current directory: {e}"))?;
            spec::workspace::find_root(&cwd)?
        }
    };
    Ok(ROOT.get_or_init(|| root).clone())
}

/// The workspace root every default path is under (see [`find_workspace_root`], which
/// `main` calls before any command that needs it). Running from a subdirectory writes
/// nothing there.
pub fn workspace_root() -> PathBuf {
    match ROOT.get() {
        Some(root) => root.clone(),
        None => find_workspace_root(None).unwrap_or_else(|_| PathBuf::from(".")),
    }
}

/// The docs directory (the source pages specs record) the workspace sets, if any.
pub fn docs_setting() -> Option<PathBuf> {
    spec::workspace::docs_dir(&workspace_root())
}

/// The docs directory when it is set and exists (source hashes are then checked).
pub fn seeds_dir() -> Option<PathBuf> {
    docs_setting().filter(|d| d.is_dir())
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
