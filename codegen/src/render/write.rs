//! Applying rendered files to an output directory, atomically, or checking it for drift.
//!
//! The whole tree is rendered in memory first; it is then written to a temporary sibling
//! directory and swapped in, so a failure at any point leaves the old directory as it was.
//! On Linux the swap is one atomic exchange, so the directory always exists; elsewhere it is
//! two renames, and a run killed between them leaves a backup the next run puts back. Every
//! run first removes what killed runs left (temporary trees, backups).
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
        // Links are not followed: one under a managed entry is not what codegen writes, so it
        // reads as drift (its target named), never as the contents it points at.
        let kind = fs::symlink_metadata(&path)?.file_type();
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        if kind.is_symlink() {
            let target = fs::read_link(&path)?;
            out.insert(rel, format!("symbolic link to {}\n", target.display()));
        } else if kind.is_dir() {
            for entry in fs::read_dir(&path)? {
                stack.push(entry?.path());
            }
        } else {
            // Valid UTF-8 (the usual case) is taken as is: the lossy path checks far slower.
            let text = String::from_utf8(fs::read(&path)?)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
            out.insert(rel, text);
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
/// nothing) when `root` already holds them byte for byte. What killed runs left next to
/// `root` is cleaned up first (see [`recover`]).
pub fn write(root: &Path, files: &[OutputFile]) -> io::Result<bool> {
    let (parent, name) = split(root)?;
    recover(&parent, &name)?;
    if root.exists() && diff(root, files)?.is_empty() {
        return Ok(false);
    }
    write_paced(root, files, Swap::best(), &|_| {})
}

/// How the new tree replaces the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Swap {
    /// One atomic exchange of the two directories (Linux `renameat2(RENAME_EXCHANGE)`):
    /// `root` always exists, holding either tree whole.
    Exchange,
    /// Old tree to a backup name, new tree to `root`, backup removed. A run killed between
    /// the two renames leaves no `root`; the next run restores the backup first.
    TwoRenames,
}

impl Swap {
    fn best() -> Self {
        if cfg!(target_os = "linux") {
            Swap::Exchange
        } else {
            Swap::TwoRenames
        }
    }
}

/// Where a run is; a paced (test) run pauses at each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// One file written to the temporary tree.
    Staged,
    /// The old tree moved aside, the new one not yet in place (two-rename swap only).
    Between,
    /// The new tree in place, the old one not yet removed.
    Swapped,
}

fn split(root: &Path) -> io::Result<(PathBuf, String)> {
    let parent = root
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = root
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "output has no name"))?
        .to_string_lossy()
        .into_owned();
    Ok((parent.to_path_buf(), name))
}

fn write_paced(
    root: &Path,
    files: &[OutputFile],
    swap: Swap,
    pause: &dyn Fn(Stage),
) -> io::Result<bool> {
    let (parent, name) = split(root)?;
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.new-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    if tmp.exists() {
        fs::remove_dir_all(&tmp)?;
    }
    if let Err(e) = stage(root, &tmp, files, pause) {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if !root.exists() {
        fs::rename(&tmp, root)?;
        return Ok(true);
    }
    if swap == Swap::Exchange {
        match exchange(&tmp, root) {
            Ok(()) => {
                // `tmp` now holds the old tree.
                pause(Stage::Swapped);
                fs::remove_dir_all(&tmp)?;
                return Ok(true);
            }
            // Not supported here (kernel or filesystem): fall back to two renames.
            Err(e) if matches!(e.raw_os_error(), Some(22 | 38 | 95)) => {}
            Err(e) => {
                let _ = fs::remove_dir_all(&tmp);
                return Err(e);
            }
        }
    }
    fs::rename(root, &old)?;
    pause(Stage::Between);
    if let Err(e) = fs::rename(&tmp, root) {
        // Put the old tree back before reporting.
        let _ = fs::rename(&old, root);
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    pause(Stage::Swapped);
    fs::remove_dir_all(&old)?;
    Ok(true)
}

/// Atomically swap two directories.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "path holds a NUL byte"))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated and outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from_raw_os_error(38))
}

/// Clean up after runs that were killed: their temporary trees (`.NAME.new-PID`) are
/// removed, and so are their backups (`.NAME.old-PID`), unless `root` is missing, when the
/// backup is put back as `root` (the run died between its two renames). Entries of a run
/// still alive (another `codegen` writing now) are left alone.
pub fn recover(parent: &Path, name: &str) -> io::Result<()> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let root = parent.join(name);
    let mut leftovers: Vec<(bool, PathBuf)> = Vec::new();
    for entry in entries {
        let entry = entry?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name
            .strip_prefix('.')
            .and_then(|r| r.strip_prefix(name))
        else {
            continue;
        };
        let (backup, pid) = if let Some(pid) = rest.strip_prefix(".old-") {
            (true, pid)
        } else if let Some(pid) = rest.strip_prefix(".new-") {
            (false, pid)
        } else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if pid != std::process::id() && alive(pid) {
            continue;
        }
        leftovers.push((backup, entry.path()));
    }
    // Backups first, so that a missing `root` is restored before anything is deleted.
    leftovers.sort_by_key(|(backup, path)| (!*backup, path.clone()));
    for (backup, path) in leftovers {
        if backup && !root.exists() {
            fs::rename(&path, &root)?;
        } else {
            fs::remove_dir_all(&path)?;
        }
    }
    Ok(())
}

/// Is process `pid` running (so its temporary tree may still be in use)?
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists and may be signalled.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn alive(_: u32) -> bool {
    false
}

/// Write `files` under `tmp` and copy over the unmanaged entries of `root`.
fn stage(root: &Path, tmp: &Path, files: &[OutputFile], pause: &dyn Fn(Stage)) -> io::Result<()> {
    for f in files {
        let path = tmp.join(&f.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, &f.contents)?;
        pause(Stage::Staged);
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

/// Copy an unmanaged entry into the staged tree without following links: a symlink is
/// written again as the same link (its target is not ours to read or copy), and anything
/// but a directory, a regular file or a link is refused.
fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    let kind = fs::symlink_metadata(from)?.file_type();
    if kind.is_symlink() {
        copy_link(from, to)
    } else if kind.is_dir() {
        fs::create_dir_all(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else if kind.is_file() {
        fs::copy(from, to).map(|_| ())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{}: not a regular file, directory or symbolic link; move it out of the output directory",
                from.display()
            ),
        ))
    }
}

#[cfg(unix)]
fn copy_link(from: &Path, to: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(fs::read_link(from)?, to)
}

#[cfg(not(unix))]
fn copy_link(from: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{}: a symbolic link; codegen does not follow or copy links here, move it out of the output directory",
            from.display()
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    /// A fresh scratch directory under the system temp dir, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(label: &str) -> Self {
            let dir = std::env::temp_dir().join(format!(
                "codegen-write-{label}-{}-{:?}",
                std::process::id(),
                Instant::now()
            ));
            let dir = PathBuf::from(dir.to_string_lossy().replace([' ', '{', '}', ':', ','], ""));
            fs::create_dir_all(&dir).expect("scratch dir");
            Scratch(dir)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// 40 files (two managed entries), each holding `marker`.
    fn tree(marker: &str) -> Vec<OutputFile> {
        (0..40)
            .map(|i| OutputFile {
                path: PathBuf::from(format!("{}/src/f{i}.rs", ["a", "b"][i % 2])),
                contents: format!("// {marker}\n"),
            })
            .collect()
    }

    /// The single marker all files under `root` hold, or why not.
    fn whole(root: &Path) -> Result<String, String> {
        let managed = managed(&tree("x"));
        let got = read_tree(root, &managed).map_err(|e| e.to_string())?;
        if got.len() != 40 {
            return Err(format!("{} files under {}", got.len(), root.display()));
        }
        let markers: BTreeSet<&String> = got.values().collect();
        match markers.into_iter().collect::<Vec<_>>()[..] {
            [one] => Ok(one.trim_start_matches("// ").trim().to_string()),
            ref many => Err(format!("a mix of trees: {many:?}")),
        }
    }

    /// What is next to `root` besides it.
    fn siblings(parent: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(parent)
            .expect("parent lists")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n != "generated" && n != "keep")
            .collect();
        names.sort();
        names
    }

    #[test]
    fn leftovers_of_killed_runs_are_repaired() {
        let s = Scratch::new("leftovers");
        let root = s.0.join("generated");
        assert!(write(&root, &tree("old")).expect("writes"));
        // A killed run's temporary tree and a stale backup, with `generated/` present.
        let dead = 4_194_305; // above Linux's largest pid: never running
        fs::create_dir_all(s.0.join(format!(".generated.new-{dead}/a"))).expect("mkdir");
        fs::create_dir_all(s.0.join(format!(".generated.old-{dead}/a"))).expect("mkdir");
        // A live run's temporary tree (pid 1 always runs) and an unrelated entry stay.
        fs::create_dir_all(s.0.join(".generated.new-1")).expect("mkdir");
        fs::create_dir_all(s.0.join("keep")).expect("mkdir");
        assert!(!write(&root, &tree("old")).expect("up to date"));
        assert_eq!(siblings(&s.0), vec![".generated.new-1".to_string()]);
        fs::remove_dir_all(s.0.join(".generated.new-1")).expect("rm");

        // Killed between the two renames: no `generated/`, the old tree under its backup name.
        fs::rename(&root, s.0.join(format!(".generated.old-{dead}"))).expect("mv");
        fs::create_dir_all(s.0.join(format!(".generated.new-{dead}/a"))).expect("mkdir");
        recover(&s.0, "generated").expect("recovers");
        assert_eq!(whole(&root), Ok("old".into()));
        assert!(siblings(&s.0).is_empty(), "{:?}", siblings(&s.0));
        assert!(write(&root, &tree("new")).expect("writes"));
        assert_eq!(whole(&root), Ok("new".into()));
    }

    /// Set in the child a kill test spawns: the output directory to write slowly.
    const SLOW_ROOT: &str = "CODEGEN_TEST_SLOW_WRITE_ROOT";
    const SLOW_SWAP: &str = "CODEGEN_TEST_SLOW_WRITE_SWAP";

    /// Not a test of its own: the child of the kill tests, writing `new` slowly (a pause
    /// after each file and after each step of the swap). Does nothing without `SLOW_ROOT`.
    #[test]
    fn slow_writer_child() {
        let Some(root) = std::env::var_os(SLOW_ROOT) else {
            return;
        };
        let swap = match std::env::var(SLOW_SWAP).as_deref() {
            Ok("two-renames") => Swap::TwoRenames,
            _ => Swap::Exchange,
        };
        let pause = |stage: Stage| {
            let ms = if stage == Stage::Staged { 10 } else { 400 };
            std::thread::sleep(Duration::from_millis(ms));
        };
        write_paced(Path::new(&root), &tree("new"), swap, &pause).expect("writes");
    }

    /// Start the slow writer on `root`; kill it with SIGKILL once `when` holds (polled), or
    /// after 10 s.
    fn kill_when(root: &Path, swap: &str, when: &dyn Fn(u32) -> bool) {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "render::write::tests::slow_writer_child",
                "--test-threads=1",
            ])
            .env(SLOW_ROOT, root)
            .env(SLOW_SWAP, swap)
            .stdout(Stdio::null())
            .spawn()
            .expect("child starts");
        let pid = child.id();
        let deadline = Instant::now() + Duration::from_secs(10);
        while !when(pid) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(Instant::now() < deadline, "the moment to kill never came");
        child.kill().expect("SIGKILL");
        let _ = child.wait();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_run_killed_at_any_step_leaves_a_whole_generated_tree() {
        let s = Scratch::new("kill");
        let root = s.0.join("generated");
        let tmp = |pid: u32| s.0.join(format!(".generated.new-{pid}"));
        let staged = |pid: u32, n: usize| {
            read_tree(&tmp(pid), &managed(&tree("x"))).is_ok_and(|t| t.len() >= n)
        };
        let moments: [(&str, &dyn Fn(u32) -> bool); 4] = [
            ("just started staging", &|pid| staged(pid, 1)),
            ("half staged", &|pid| staged(pid, 20)),
            ("all staged", &|pid| staged(pid, 40)),
            // The new tree is in place; the old one (now in `tmp`) not yet removed.
            ("just swapped", &|pid| {
                whole(&root).as_deref() == Ok("new") && tmp(pid).exists()
            }),
        ];
        for (moment, when) in moments {
            assert!(write(&root, &tree("old")).expect("writes old"), "{moment}");
            kill_when(&root, "exchange", when);
            let now = whole(&root);
            assert!(
                matches!(now.as_deref(), Ok("old" | "new")),
                "{moment}: {now:?}"
            );
            // The next run cleans up and writes.
            write(&root, &tree("new")).expect("writes new");
            assert_eq!(whole(&root), Ok("new".into()), "{moment}");
            assert!(siblings(&s.0).is_empty(), "{moment}: {:?}", siblings(&s.0));
        }
    }

    #[test]
    fn killed_between_two_renames_the_next_run_restores_then_writes() {
        let s = Scratch::new("kill2");
        let root = s.0.join("generated");
        assert!(write(&root, &tree("old")).expect("writes old"));
        let backup = |pid: u32| s.0.join(format!(".generated.old-{pid}"));
        kill_when(&root, "two-renames", &|pid| {
            backup(pid).exists() && !root.exists()
        });
        assert!(!root.exists());
        recover(&s.0, "generated").expect("recovers");
        assert_eq!(whole(&root), Ok("old".into()));
        write(&root, &tree("new")).expect("writes new");
        assert_eq!(whole(&root), Ok("new".into()));
        assert!(siblings(&s.0).is_empty(), "{:?}", siblings(&s.0));
    }
}
