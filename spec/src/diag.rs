//! Located diagnostics: `FILE:LINE:COLUMN: what is wrong; how to fix it`.

use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}; {}",
            self.file.display(),
            self.line,
            self.column,
            self.message,
            self.fix
        )
    }
}

impl Diagnostic {
    /// The plain line, then the source line it points at with a caret under the position
    /// (the code frame a terminal shows). `source` is the file's text, when at hand.
    pub fn framed(&self, source: Option<&str>) -> String {
        let mut out = self.to_string();
        out.push('\n');
        let Some(line) = source.and_then(|s| s.lines().nth(self.line.saturating_sub(1))) else {
            return out;
        };
        let line = line.trim_end_matches('\r');
        let number = self.line.to_string();
        let gutter = " ".repeat(number.len());
        let before: String = line.chars().take(self.column.saturating_sub(1)).collect();
        // Underline the word at the position (up to a space or YAML punctuation).
        let width = line
            .chars()
            .skip(self.column.saturating_sub(1))
            .take_while(|c| !c.is_whitespace() && !matches!(c, ':' | ',' | '}' | ']'))
            .count()
            .max(1);
        let pad: String = before
            .chars()
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        out.push_str(&format!(
            "{gutter} |\n{number} | {line}\n{gutter} | {pad}{}\n",
            "^".repeat(width)
        ));
        out
    }
}

/// A file's text for a code frame, read only when it is safe and cheap: a regular file (not
/// a link) of modest size, in UTF-8. Refused files get no frame.
fn frame_source(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > crate::load::DEFAULT_MAX_FILE_SIZE {
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
        let mut texts: std::collections::HashMap<&Path, Option<String>> = Default::default();
        let mut out = String::new();
        for d in &self.0 {
            let text = texts
                .entry(d.file.as_path())
                .or_insert_with(|| frame_source(&d.file));
            out.push_str(&d.framed(text.as_deref()));
        }
        out
    }

    /// Print to stderr: with code frames when stderr is a terminal, otherwise the plain
    /// `FILE:LINE:COL: problem; fix` lines that tools and tests read.
    pub fn eprint(&self) {
        if std::io::stderr().is_terminal() {
            eprint!("{}", self.framed());
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
        assert_eq!(
            d.framed(Some(text)),
            "x.yaml:2:13: unknown value `reed`; did you mean `read`?\n  |\n2 |     effect: reed\n  |             ^^^^\n"
        );
        // Without the text (a refused file), the plain line alone.
        assert_eq!(d.framed(None), format!("{d}\n"));
    }
}
