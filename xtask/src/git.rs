//! Files of a git revision, read through one `git cat-file --batch` process rather than one
//! `git show` per file: `codegen` reads `HEAD`'s specs on every run, and each process start
//! costs about as much as rendering a provider.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

/// A running `git cat-file --batch` in one repository.
pub struct Batch {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

/// An object as `cat-file` prints it: its type (`blob`, `tree`, …), raw bytes, and the
/// length of the repository's binary hashes (20 for SHA-1, 32 for SHA-256).
pub struct Object {
    pub kind: String,
    pub data: Vec<u8>,
    hash_len: usize,
}

impl Batch {
    /// Start the reader in `root`; `None` when git cannot be started.
    pub fn open(root: &Path) -> Option<Batch> {
        let mut child = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let stdin = child.stdin.take()?;
        let stdout = BufReader::new(child.stdout.take()?);
        Some(Batch {
            child,
            stdin,
            stdout,
        })
    }

    /// The object `rev:path` names (`HEAD:specs`, `HEAD:generated/Cargo.toml`); `None` when
    /// it does not exist, or the directory is not a checkout (git has then exited).
    pub fn read(&mut self, name: &str) -> Option<Object> {
        if name.contains('\n') {
            return None;
        }
        writeln!(self.stdin, "{name}").ok()?;
        self.stdin.flush().ok()?;
        let mut header = String::new();
        self.stdout.read_line(&mut header).ok()?;
        // `<oid> <type> <size>`, or `<name> missing` / `<name> ambiguous`.
        let mut words = header.split_whitespace();
        let (oid, kind, size) = (words.next()?, words.next()?, words.next()?);
        let size: usize = size.parse().ok()?;
        let mut data = vec![0; size + 1];
        self.stdout.read_exact(&mut data).ok()?;
        data.pop(); // the newline after the contents
        Some(Object {
            kind: kind.to_string(),
            data,
            hash_len: oid.len() / 2,
        })
    }

    /// The text of a blob, `None` when `name` is missing or not a blob.
    pub fn text(&mut self, name: &str) -> Option<String> {
        let o = self.read(name).filter(|o| o.kind == "blob")?;
        Some(
            String::from_utf8(o.data)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        )
    }

    /// The names of a tree's entries (`HEAD:specs`), in git's order; `None` when `name` is
    /// missing or not a tree.
    pub fn entries(&mut self, name: &str) -> Option<Vec<String>> {
        let o = self.read(name).filter(|o| o.kind == "tree")?;
        tree_entries(&o.data, o.hash_len)
    }
}

impl Drop for Batch {
    fn drop(&mut self) {
        // Closing stdin ends git's loop; wait so no zombie is left behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The commit `HEAD` names in the checkout at `root`, read from the repository's files (a
/// `.git` directory or a worktree's `.git` file, `HEAD`, loose refs, `packed-refs`) without
/// starting git; `None` where any of it is not as expected (the caller then asks git).
pub fn head_commit(root: &Path) -> Option<String> {
    let dot_git = root.join(".git");
    let git_dir = if dot_git.is_dir() {
        dot_git
    } else {
        let link = std::fs::read_to_string(&dot_git).ok()?;
        root.join(link.strip_prefix("gitdir:")?.trim())
    };
    // A linked worktree keeps its own HEAD; branches live in the common directory.
    let common = match std::fs::read_to_string(git_dir.join("commondir")) {
        Ok(rel) => git_dir.join(rel.trim()),
        Err(_) => git_dir.clone(),
    };
    let head = std::fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let head = head.trim();
    let Some(name) = head.strip_prefix("ref:").map(str::trim) else {
        return is_object_id(head).then(|| head.to_string());
    };
    if !name.starts_with("refs/") || name.split('/').any(|c| c.is_empty() || c == "..") {
        return None;
    }
    for dir in [&git_dir, &common] {
        if let Ok(id) = std::fs::read_to_string(dir.join(name)) {
            let id = id.trim();
            return is_object_id(id).then(|| id.to_string());
        }
    }
    let packed = std::fs::read_to_string(common.join("packed-refs")).ok()?;
    packed.lines().find_map(|line| {
        let (id, r) = line.split_once(' ')?;
        (r == name && is_object_id(id)).then(|| id.to_string())
    })
}

/// A full SHA-1 or SHA-256 object id in hex.
fn is_object_id(s: &str) -> bool {
    matches!(s.len(), 40 | 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The entry names of a raw tree object: `<mode> <name>\0<hash>` repeated, the hash binary.
fn tree_entries(raw: &[u8], hash_len: usize) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut rest = raw;
    while !rest.is_empty() {
        let space = rest.iter().position(|&b| b == b' ')?;
        let nul = rest.iter().position(|&b| b == 0)?;
        names.push(String::from_utf8_lossy(rest.get(space + 1..nul)?).into_owned());
        rest = rest.get(nul + 1 + hash_len..)?;
    }
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(mode: &str, name: &str, hash_len: usize) -> Vec<u8> {
        let mut e = format!("{mode} {name}\0").into_bytes();
        // Hash bytes that look like the start of a mode, a NUL or a space, to catch a
        // parser that searches for separators inside them.
        e.extend((0..hash_len).map(|i| [b'1', 0, b' ', b'7'][i % 4]));
        e
    }

    #[test]
    fn tree_entries_read_sha1_and_sha256_trees() {
        for hash_len in [20, 32] {
            let mut raw = entry("100644", "a.yaml", hash_len);
            raw.extend(entry("40000", "sub dir", hash_len));
            raw.extend(entry("100644", "z.yaml", hash_len));
            assert_eq!(
                tree_entries(&raw, hash_len),
                Some(vec!["a.yaml".into(), "sub dir".into(), "z.yaml".into()]),
                "hash length {hash_len}"
            );
        }
        assert_eq!(tree_entries(b"100644 a\0short", 20), None);
    }

    #[test]
    fn head_commit_is_what_git_says_for_loose_packed_detached_and_worktree_heads() {
        let dir = tempfile::tempdir().unwrap();
        let run = |cwd: &Path, args: &[&str]| {
            let out = Command::new("git")
                .arg("-C")
                .arg(cwd)
                .args(["-c", "user.name=t", "-c", "user.email=t@t"])
                .args(args)
                .output()
                .unwrap();
            assert!(out.status.success(), "git {args:?}");
            String::from_utf8(out.stdout).unwrap().trim().to_string()
        };
        let repo = dir.path().join("repo");
        std::fs::create_dir(&repo).unwrap();
        run(&repo, &["init", "-q", "-b", "main"]);
        assert_eq!(head_commit(&repo), None, "an unborn branch has no commit");
        std::fs::write(repo.join("a"), "1").unwrap();
        run(&repo, &["add", "."]);
        run(&repo, &["commit", "-q", "-m", "one"]);
        let says = |cwd: &Path| run(cwd, &["rev-parse", "HEAD"]);
        assert_eq!(head_commit(&repo), Some(says(&repo)), "loose ref");
        run(&repo, &["pack-refs", "--all"]);
        assert_eq!(head_commit(&repo), Some(says(&repo)), "packed ref");
        std::fs::write(repo.join("a"), "2").unwrap();
        run(&repo, &["commit", "-q", "-am", "two"]);
        assert_eq!(
            head_commit(&repo),
            Some(says(&repo)),
            "loose ref over a packed one"
        );
        let wt = dir.path().join("wt");
        run(
            &repo,
            &[
                "worktree",
                "add",
                "-q",
                "-b",
                "side",
                wt.to_str().unwrap(),
                "HEAD~1",
            ],
        );
        assert_eq!(head_commit(&wt), Some(says(&wt)), "linked worktree");
        assert_ne!(head_commit(&wt), head_commit(&repo));
        run(&repo, &["checkout", "-q", "--detach", "HEAD~1"]);
        assert_eq!(head_commit(&repo), Some(says(&repo)), "detached");
        assert_eq!(head_commit(dir.path()), None, "not a checkout");
    }

    #[test]
    fn batch_reads_blobs_and_trees_of_a_revision() {
        let dir = tempfile::tempdir().unwrap();
        let git = |args: &[&str]| {
            let ok = Command::new("git")
                .arg("-C")
                .arg(dir.path())
                .args(["-c", "user.name=t", "-c", "user.email=t@t"])
                .args(args)
                .output()
                .map(|o| o.status.success());
            assert_eq!(ok.ok(), Some(true), "git {args:?}");
        };
        git(&["init", "-q"]);
        std::fs::create_dir(dir.path().join("specs")).unwrap();
        std::fs::write(dir.path().join("specs/a.yaml"), "one\ntwo\n").unwrap();
        std::fs::write(dir.path().join("specs/b.yaml"), "").unwrap();
        git(&["add", "."]);
        git(&["commit", "-q", "-m", "x"]);
        let mut b = Batch::open(dir.path()).unwrap();
        assert_eq!(
            b.entries("HEAD:specs"),
            Some(vec!["a.yaml".into(), "b.yaml".into()])
        );
        assert_eq!(b.text("HEAD:specs/a.yaml").as_deref(), Some("one\ntwo\n"));
        assert_eq!(b.text("HEAD:specs/b.yaml").as_deref(), Some(""));
        assert!(b.text("HEAD:specs/none.yaml").is_none());
        assert!(b.text("HEAD:specs").is_none(), "a tree is not a blob");
        // The reader is still in step after a miss.
        assert_eq!(b.text("HEAD:specs/a.yaml").as_deref(), Some("one\ntwo\n"));

        let outside = tempfile::tempdir().unwrap();
        let mut none = Batch::open(outside.path()).unwrap();
        assert!(none.text("HEAD:specs/a.yaml").is_none());
    }
}
