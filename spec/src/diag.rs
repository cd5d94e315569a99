//! Located diagnostics: `FILE:LINE:COLUMN: what is wrong; how to fix it`.

use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based.
    pub column: usize,
    pub message: String,
    pub fix: String,
}

/// The longest backquoted text a message shows whole: a spec scalar of any length may be
/// quoted, and a 100 KB value must not make a 100 KB message.
pub const MAX_QUOTED_CHARS: usize = 80;

/// What is kept of a longer quoted text (the rest is an ellipsis and the length).
const KEPT_QUOTED_CHARS: usize = 60;

/// The longest message or fix shown whole, after quotes are capped (a backstop for values
/// quoted otherwise).
const MAX_TEXT_CHARS: usize = 1000;

/// `text` with every backquoted span over [`MAX_QUOTED_CHARS`] cut to its first characters
/// and an ellipsis, its length in characters after the closing quote, and the whole cut the
/// same way beyond `MAX_TEXT_CHARS`. Short texts are returned as they are.
pub fn cap_quoted(text: &str) -> std::borrow::Cow<'_, str> {
    let parts: Vec<&str> = text.split('`').collect();
    let long = |p: &str| p.chars().count() > MAX_QUOTED_CHARS;
    // Odd parts are quoted, except an unclosed last one.
    let quoted = |i: usize| i % 2 == 1 && i + 1 < parts.len();
    let needs_cut = parts.iter().enumerate().any(|(i, p)| quoted(i) && long(p));
    if !needs_cut && text.chars().count() <= MAX_TEXT_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut pending = None;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('`');
            if let Some(n) = pending.take() {
                out.push_str(&format!(" ({n} characters)"));
            }
        }
        if quoted(i) && long(part) {
            out.extend(part.chars().take(KEPT_QUOTED_CHARS));
            out.push('…');
            pending = Some(part.chars().count());
        } else {
            out.push_str(part);
        }
    }
    let n = out.chars().count();
    if n > MAX_TEXT_CHARS {
        let mut cut: String = out.chars().take(MAX_TEXT_CHARS).collect();
        cut.push_str(&format!("… ({n} characters)"));
        out = cut;
    }
    std::borrow::Cow::Owned(out)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}; {}",
            self.file.display(),
            self.line,
            self.column,
            cap_quoted(&self.message),
            cap_quoted(&self.fix)
        )
    }
}

impl Diagnostic {
    /// The plain line, then a code frame drawn by annotate-snippets: the source line with
    /// the word at the position underlined and labelled, and the fix as help. `source` is
    /// the file's text, when at hand; without it, the plain line alone.
    pub fn framed(&self, source: Option<&str>) -> String {
        self.framed_with(source, &Renderer::plain())
    }

    fn framed_with(&self, source: Option<&str>, renderer: &Renderer) -> String {
        let mut out = self.to_string();
        out.push('\n');
        let Some(line) = source.and_then(|s| s.lines().nth(self.line.saturating_sub(1))) else {
            return out;
        };
        // Only the line itself goes to the renderer: a frame costs the same in a 20 MB file.
        let line = line.trim_end_matches('\r');
        let byte_at = |chars: usize| {
            line.char_indices()
                .nth(chars)
                .map_or(line.len(), |(i, _)| i)
        };
        // A long line (a long scalar) is shown as a window around the position.
        let column = self.column.saturating_sub(1);
        let from = byte_at(column.saturating_sub(FRAME_BEFORE));
        let to = byte_at(column + FRAME_AFTER);
        let line = &line[from..to.max(from)];
        let byte_at = |chars: usize| {
            line.char_indices()
                .nth(chars)
                .map_or(line.len(), |(i, _)| i)
        };
        let start = byte_at(column.min(FRAME_BEFORE));
        // Underline the word at the position (up to a space or YAML punctuation).
        let width: usize = line[start..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ':' | ',' | '}' | ']'))
            .map(char::len_utf8)
            .sum();
        let end = (start + width).max((start + 1).min(line.len()));
        let (message, fix) = (cap_quoted(&self.message), cap_quoted(&self.fix));
        let report = &[Group::with_level(Level::ERROR)
            .element(
                Snippet::source(line).line_start(self.line).annotation(
                    AnnotationKind::Primary
                        .span(start..end)
                        .label(message.as_ref()),
                ),
            )
            .element(Level::HELP.message(fix.as_ref()))];
        out.push_str(&renderer.render(report));
        out.push('\n');
        out
    }
}

/// Names as a list for messages: `` `a`, `b` ``.
pub(crate) fn list_names<S: AsRef<str>>(names: impl Iterator<Item = S>) -> String {
    let v: Vec<String> = names.map(|n| format!("`{}`", n.as_ref())).collect();
    if v.is_empty() {
        "(none declared)".to_string()
    } else {
        v.join(", ")
    }
}

/// The default of [`crate::load::LoadOptions::max_file_size`]: 16 MiB. Kept here because a
/// code frame reads its file too, and never a larger one.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Characters of a source line shown before and after the position in a code frame.
const FRAME_BEFORE: usize = 60;
const FRAME_AFTER: usize = 120;

/// A file's text for a code frame, read only when it is safe and cheap: a regular file (not
/// a link) of modest size, in UTF-8. Refused files get no frame.
fn frame_source(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > DEFAULT_MAX_FILE_SIZE {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text),
    )
}

/// Every problem found, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Order by file, then position, then text, dropping exact repeats (one mistake can be
    /// reached by two checks, e.g. a shared named type used by two operations).
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message, &a.fix)
                .cmp(&(&b.file, b.line, b.column, &b.message, &b.fix))
        });
        self.0.dedup();
    }

    /// Each problem with its code frame (see [`Diagnostic::framed`]), reading each named file
    /// at most once.
    pub fn framed(&self) -> String {
        self.framed_with(&Renderer::plain())
    }

    fn framed_with(&self, renderer: &Renderer) -> String {
        let mut texts: std::collections::HashMap<&Path, Option<String>> = Default::default();
        let mut out = String::new();
        for d in &self.0 {
            let text = texts
                .entry(d.file.as_path())
                .or_insert_with(|| frame_source(&d.file));
            out.push_str(&d.framed_with(text.as_deref(), renderer));
        }
        out
    }

    /// Print to stderr: with code frames when stderr is a terminal, otherwise the plain
    /// `FILE:LINE:COL: problem; fix` lines that tools and tests read.
    pub fn eprint(&self) {
        if std::io::stderr().is_terminal() {
            eprint!("{}", self.framed_with(&Renderer::styled()));
        } else {
            eprint!("{self}");
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_shows_the_line_and_underlines_the_word() {
        let d = Diagnostic {
            file: PathBuf::from("x.yaml"),
            line: 2,
            column: 13,
            message: "unknown value `reed`".into(),
            fix: "did you mean `read`?".into(),
        };
        let text = "a: 1\r\n    effect: reed\r\n";
        let framed = d.framed(Some(text));
        let lines: Vec<&str> = framed.lines().collect();
        // The plain line first, unchanged.
        assert_eq!(lines[0], d.to_string());
        // The source line (CR dropped) after its number, then carets under `reed` alone.
        let src = lines
            .iter()
            .find(|l| l.ends_with("    effect: reed"))
            .unwrap_or_else(|| panic!("{framed}"));
        assert!(src.trim_start().starts_with("2 |"), "{framed}");
        let text_at = src.len() - "    effect: reed".len();
        let carets = lines
            .iter()
            .find(|l| l.contains('^'))
            .unwrap_or_else(|| panic!("{framed}"));
        assert_eq!(carets.find('^'), Some(text_at + 12), "{framed}");
        assert_eq!(carets.matches('^').count(), 4, "{framed}");
        assert!(carets.ends_with("unknown value `reed`"), "{framed}");
        assert!(framed.contains("did you mean `read`?\n"), "{framed}");
        assert!(!framed.contains('\r'), "{framed}");
        // Without the text (a refused file), the plain line alone.
        assert_eq!(d.framed(None), format!("{d}\n"));
    }

    #[test]
    fn a_position_past_the_line_end_still_frames() {
        let d = Diagnostic {
            file: PathBuf::from("x.yaml"),
            line: 1,
            column: 40,
            message: "m".into(),
            fix: "f".into(),
        };
        let framed = d.framed(Some("key: é\n"));
        assert!(framed.starts_with(&d.to_string()), "{framed}");
        assert!(framed.contains("key: é"), "{framed}");
    }
}
