//! Writing `generated/` never follows a symbolic link it did not write: a link among the
//! unmanaged entries (exports other commands write) is carried over as the same link, and
//! what it points at is neither read nor copied.
#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};

use codegen::render::write;
use codegen::render::OutputFile;

/// A scratch directory under the system temp dir, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(label: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "codegen-write-links-{label}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Every path under `dir`, links not followed.
fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(p) = stack.pop() {
        out.push(p.strip_prefix(dir).expect("under dir").to_path_buf());
        if fs::symlink_metadata(&p).expect("stat").is_dir() {
            for e in fs::read_dir(&p).expect("read dir") {
                stack.push(e.expect("entry").path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn links_among_unmanaged_entries_stay_links_and_are_not_followed() {
    let scratch = Scratch::new("dir");
    // What the links point at: a directory with a few files, and a file.
    let outside = scratch.0.join("outside");
    fs::create_dir_all(outside.join("deep/er")).expect("mkdir");
    for name in ["one", "deep/two", "deep/er/three"] {
        fs::write(outside.join(name), name).expect("write");
    }
    let before = listing(&outside);
    let root = scratch.0.join("generated");
    fs::create_dir_all(&root).expect("mkdir");
    std::os::unix::fs::symlink(&outside, root.join("linked-dir")).expect("link");
    std::os::unix::fs::symlink(outside.join("one"), root.join("linked-file")).expect("link");
    std::os::unix::fs::symlink("does-not-exist", root.join("dangling")).expect("link");

    for round in ["first", "second"] {
        let files = vec![OutputFile {
            path: PathBuf::from("src/lib.rs"),
            contents: format!("// {round}\n"),
        }];
        let wrote = write::write(&root, &files).expect("codegen writes");
        assert!(wrote, "{round}: nothing written");
        for (name, target) in [
            ("linked-dir", outside.clone()),
            ("linked-file", outside.join("one")),
            ("dangling", PathBuf::from("does-not-exist")),
        ] {
            let link = root.join(name);
            let meta = fs::symlink_metadata(&link).expect("entry kept");
            assert!(
                meta.file_type().is_symlink(),
                "{round}: {name} is no longer a link (its target was copied)"
            );
            assert_eq!(fs::read_link(&link).expect("read link"), target);
        }
        assert_eq!(listing(&outside), before, "the link's target changed");
        assert_eq!(
            fs::read_to_string(root.join("src/lib.rs")).expect("managed file"),
            format!("// {round}\n")
        );
    }
}

#[test]
fn a_link_under_a_managed_entry_is_drift_not_its_targets_contents() {
    let scratch = Scratch::new("managed");
    let outside = scratch.0.join("secret.txt");
    fs::write(&outside, "contents the link points at\n").expect("write");
    let root = scratch.0.join("generated");
    fs::create_dir_all(root.join("src")).expect("mkdir");
    std::os::unix::fs::symlink(&outside, root.join("src/lib.rs")).expect("link");
    let files = vec![OutputFile {
        path: PathBuf::from("src/lib.rs"),
        contents: "contents the link points at\n".into(),
    }];
    // The link's target holds exactly what would be written, yet the link is not a file
    // codegen wrote: it is drift, and writing replaces it with a regular file.
    let drift = write::diff(&root, &files).expect("diff");
    assert!(!drift.is_empty(), "a link read as the file it points at");
    assert!(write::write(&root, &files).expect("writes"));
    let meta = fs::symlink_metadata(root.join("src/lib.rs")).expect("written");
    assert!(meta.file_type().is_file());
    assert_eq!(
        fs::read_to_string(&outside).expect("target"),
        "contents the link points at\n"
    );
}
