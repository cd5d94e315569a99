//! Applying rendered files to an output directory, atomically, or checking it for drift.
//!
//! The whole tree is rendered in memory first; it is then written to a temporary sibling
//! directory and swapped in, so a failure at any point leaves the old directory as it was.
//! Only the top-level entries the files live under are managed: other entries of the output
//! directory (exports written by other commands) are carried over untouched.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use similar::TextDiff;

use super::OutputFile;

/// The top-level names under which `files` live.
fn managed(files: &[OutputFile]) -> BTreeSet<OsString> {
    files
        .iter()
        .filter_map(|f| f.path.components().next())
        .map(|c| c.as_os_str().to_owned())
        .collect()
}

/// Files currently under the managed entries of `root`, by relative path.
fn read_tree(root: &Path, managed: &BTreeSet<OsString>) -> io::Result<BTreeMap<PathBuf, String>> {
    let mut out = BTreeMap::new();
    if !root.exists() {
        return Ok(out);
    }
    let mut stack = Vec::new();
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        if managed.contains(&entry.file_name()) {
            stack.push(entry.path());
        }
    }
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            for entry in fs::read_dir(&path)? {
                stack.push(entry?.path());
            }
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let bytes = fs::read(&path)?;
            out.insert(rel, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    Ok(out)
}

/// A unified diff from what is under `root` to `files`; empty when up to date.
pub fn diff(root: &Path, files: &[OutputFile]) -> io::Result<String> {
    let mut old = read_tree(root, &managed(files))?;
    let mut out = String::new();
    for f in files {
        let before = old.remove(&f.path).unwrap_or_default();
        if before != f.contents {
            let name = f.path.display().to_string();
            let d = TextDiff::from_lines(before.as_str(), f.contents.as_str());
            let header = (format!("a/{name}"), format!("b/{name}"));
            out.push_str(&d.unified_diff().header(&header.0, &header.1).to_string());
        }
    }
    for (path, before) in old {
        let name = format!("a/{}", path.display());
        let d = TextDiff::from_lines(before.as_str(), "");
        out.push_str(&d.unified_diff().header(&name, "/dev/null").to_string());
    }
    Ok(out)
}

/// Replace the managed part of `root` with exactly `files`. Returns false (touching
/// nothing) when `root` already holds them byte for byte.
pub fn write(root: &Path, files: &[OutputFile]) -> io::Result<bool> {
    if root.exists() && diff(root, files)?.is_empty() {
        return Ok(false);
    }
    let parent = root
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = root
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "output has no name"))?
        .to_string_lossy()
        .into_owned();
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.new-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    if tmp.exists() {
        fs::remove_dir_all(&tmp)?;
    }
    if let Err(e) = stage(root, &tmp, files) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if root.exists() {
        fs::rename(root, &old)?;
        if let Err(e) = fs::rename(&tmp, root) {
            // Put the old tree back before reporting.
            let _ = fs::rename(&old, root);
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
        fs::remove_dir_all(&old)?;
    } else {
        fs::rename(&tmp, root)?;
    }
    Ok(true)
}

/// Write `files` under `tmp` and copy over the unmanaged entries of `root`.
fn stage(root: &Path, tmp: &Path, files: &[OutputFile]) -> io::Result<()> {
    for f in files {
        let path = tmp.join(&f.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, &f.contents)?;
    }
    if root.exists() {
        let managed = managed(files);
        for entry in fs::read_dir(root)? {
            let entry = entry?;
            if !managed.contains(&entry.file_name()) {
                copy_tree(&entry.path(), &tmp.join(entry.file_name()))?;
            }
        }
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    if from.is_dir() {
        fs::create_dir_all(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        fs::copy(from, to).map(|_| ())
    }
}
