//! One line of a page as a reader sees it: markup and entities removed, table separators
//! turned into spaces, whitespace collapsed. Pages and their tables both read lines so.

use std::sync::OnceLock;

use regex::Regex;

fn tag_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"<[^<>]*>").expect("static regex"))
}

/// One line as a reader sees it.
pub fn normalise(line: &str) -> String {
    let plain = tag_re().replace_all(line, " ");
    let decoded = html_escape::decode_html_entities(&plain).replace('|', " ");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}
