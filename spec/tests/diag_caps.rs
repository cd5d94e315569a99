//! A diagnostic quotes a spec's scalar capped: a 100 KB value in, a short message out (its
//! first characters, an ellipsis and its length), in the plain lines and in code frames.

use std::path::{Path, PathBuf};

const LONG: usize = 100_000;

fn base() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/_valid/tiny.yaml");
    std::fs::read_to_string(path).expect("base spec")
}

/// Write `text` to a fresh file and validate it: the diagnostics, plain and framed.
fn diagnostics(label: &str, text: &str) -> (String, String) {
    let dir = std::env::temp_dir().join(format!("spec-diag-caps-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let file: PathBuf = dir.join("spec.yaml");
    std::fs::write(&file, text).expect("write");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/_seeds");
    let d =
        spec::validate::load_and_validate(&[file], Some(&seeds)).expect_err("the spec is broken");
    let out = (d.to_string(), d.framed());
    std::fs::remove_dir_all(&dir).expect("clean up");
    out
}

fn assert_capped(label: &str, (plain, framed): (String, String)) {
    assert!(!plain.is_empty());
    for line in plain.lines().chain(framed.lines()) {
        assert!(
            line.chars().count() < 1_500,
            "{label}: a line of {} characters",
            line.chars().count()
        );
    }
    assert!(
        plain.contains(&format!("…` ({LONG} characters)")),
        "{label}: the length is not said:\n{plain}"
    );
}

#[test]
fn a_long_value_in_an_example_is_quoted_capped() {
    let text = base().replace(
        "body: { id: 7, kind: small }",
        &format!("body: {{ id: 7, kind: {} }}", "a".repeat(LONG)),
    );
    assert_capped("enum value", diagnostics("value", &text));
}

#[test]
fn a_long_unknown_word_is_quoted_capped_when_loading() {
    let text = base().replace("effect: read", &format!("effect: {}", "r".repeat(LONG)));
    assert_capped("unknown variant", diagnostics("variant", &text));
}

#[test]
fn short_quotes_are_left_whole() {
    let text = base().replace("kind: small }", "kind: smal }");
    let (plain, _) = diagnostics("short", &text);
    assert!(plain.contains("`smal`"), "{plain}");
    assert!(!plain.contains('…'), "{plain}");
}
