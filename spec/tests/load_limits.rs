//! What the loader refuses before (or instead of) parsing: files that are not regular,
//! links that leave their directory, files past the size limit, text that is not UTF-8,
//! nesting past the depth limit. None of it may hang, exhaust memory or overflow the stack.

use std::path::{Path, PathBuf};

use spec::load::{load_file, load_file_with, load_paths, LoadOptions};

fn tiny() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/_valid/tiny.yaml"),
    )
    .expect("the base spec is readable")
}

/// A fresh directory under cargo's per-target temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("load_limits_{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn only_message(result: Result<spec::load::SpecFile, spec::diag::Diagnostics>) -> String {
    let d = result.expect_err("should be refused");
    assert_eq!(d.len(), 1, "{d}");
    let d = &d.0[0];
    format!("{}:{}: {}; {}", d.line, d.column, d.message, d.fix)
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_fine() {
    let dir = scratch("bom_crlf");
    let path = dir.join("tiny.yaml");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(tiny().replace('\n', "\r\n").into_bytes());
    std::fs::write(&path, bytes).unwrap();
    let file = load_file(&path).unwrap_or_else(|d| panic!("{d}"));
    assert!(!file.text.starts_with('\u{feff}'));
    spec::validate::validate(vec![file], None).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn a_file_past_the_size_limit_is_refused_unread() {
    let dir = scratch("size");
    let path = dir.join("tiny.yaml");
    let text = tiny();
    std::fs::write(&path, &text).unwrap();
    let opts = LoadOptions { max_file_size: 100 };
    let msg = only_message(load_file_with(&path, &opts));
    assert_eq!(
        msg,
        format!(
            "1:1: the file is {} bytes; the limit is 100; split the spec into several files (one per provider), or raise `LoadOptions::max_file_size`",
            text.len()
        )
    );
    assert_eq!(LoadOptions::default().max_file_size, 16 * 1024 * 1024);
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_unread() {
    let msg = only_message(load_file(Path::new("/dev/zero")));
    assert!(
        msg.starts_with("1:1: is a device, not a regular file"),
        "{msg}"
    );

    let dir = scratch("fifo");
    let fifo = dir.join("x.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable; FIFO case skipped");
        return;
    }
    // Opening a FIFO would block until a writer comes: the check must come first.
    let msg = only_message(load_file(&fifo));
    assert!(
        msg.starts_with("1:1: is a FIFO, not a regular file"),
        "{msg}"
    );
    let d = load_paths(&[dir]).expect_err("the directory holds only the FIFO");
    assert!(d.to_string().contains("is a FIFO"), "{d}");
}

#[test]
fn a_directory_named_like_a_spec_is_refused() {
    let dir = scratch("dir");
    std::fs::create_dir(dir.join("x.yaml")).unwrap();
    let d = load_paths(&[dir]).expect_err("x.yaml is a directory");
    assert!(
        d.to_string().contains("is a directory, not a regular file"),
        "{d}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_inside_the_directory_is_followed_and_one_leaving_it_is_not() {
    let dir = scratch("links");
    let specs = dir.join("specs");
    std::fs::create_dir(&specs).unwrap();
    std::fs::write(specs.join("real.yaml"), tiny()).unwrap();
    std::os::unix::fs::symlink("real.yaml", specs.join("alias.yaml")).unwrap();
    let files = load_paths(std::slice::from_ref(&specs)).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(files.len(), 2);

    // A secret next to the specs directory: the message must not show its content.
    std::fs::write(dir.join("secret.yaml"), "password: hunter2\n").unwrap();
    std::os::unix::fs::symlink("../secret.yaml", specs.join("x.yaml")).unwrap();
    let d = load_paths(std::slice::from_ref(&specs)).expect_err("x.yaml leaves specs/");
    let text = d.to_string();
    assert!(
        text.contains("x.yaml:1:1: is a symbolic link to a file outside"),
        "{text}"
    );
    assert!(
        !text.contains("hunter2") && !text.contains("password"),
        "{text}"
    );
}

#[test]
fn deep_block_nesting_is_refused_without_overflowing_the_stack() {
    for depth in [3_000, 20_000] {
        let mut text = String::new();
        for i in 0..depth {
            text.push_str(&" ".repeat(i));
            text.push_str("a:\n");
        }
        text.push_str(&" ".repeat(depth));
        text.push_str("b: 1\n");
        let errors = spec::yaml::source_map(&text).expect_err("too deep");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 101);
        assert!(
            errors[0]
                .message
                .ends_with("nest 101 levels deep here; the limit is 100"),
            "{}",
            errors[0].message
        );
    }
    // Compact block sequences nest one level per two characters.
    let text = format!("{}x\n", "- ".repeat(50_000));
    assert!(spec::yaml::source_map(&text).is_err());
}

#[test]
fn deep_flow_nesting_is_refused_plainly() {
    let text = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let errors = spec::yaml::source_map(&text).expect_err("too deep");
    assert!(
        errors[0].message.contains("the limit is 100"),
        "{}",
        errors[0].message
    );
    assert!(
        !errors[0].message.contains("invalid YAML"),
        "{}",
        errors[0].message
    );
}

#[test]
fn nesting_within_the_limit_and_modest_aliases_are_fine() {
    let mut text = String::new();
    for i in 0..99 {
        text.push_str(&" ".repeat(i));
        text.push_str("a:\n");
    }
    text.push_str(&" ".repeat(99));
    text.push_str("b: 1\n");
    spec::yaml::source_map(&text).unwrap_or_else(|e| panic!("{e:?}"));
    let text = "base: &b {x: 1, y: 2}\none: *b\ntwo: *b\n";
    spec::yaml::source_map(text).unwrap_or_else(|e| panic!("{e:?}"));
}

#[test]
fn an_alias_cannot_nest_past_the_depth_limit() {
    // 60 levels, then the whole anchored node again under 60 more: 120 once expanded.
    let mut text = String::from("deep: &d\n");
    for i in 1..=60 {
        text.push_str(&" ".repeat(i));
        text.push_str("a:\n");
    }
    text.push_str(&" ".repeat(61));
    text.push_str("b: 1\nagain:\n");
    for i in 1..=60 {
        text.push_str(&" ".repeat(i));
        text.push_str("a:\n");
    }
    text.pop();
    text.push_str(" *d\n");
    let errors = spec::yaml::source_map(&text).expect_err("too deep once expanded");
    assert!(
        errors[0].message.contains("the limit is 100"),
        "{:?}",
        errors
    );
}
