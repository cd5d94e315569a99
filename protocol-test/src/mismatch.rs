//! One difference between an expected and a captured request, with its typed kind.

use std::fmt;

/// Which part of a request differs: what reports and tests match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MismatchKind {
    Method,
    /// The path, compared segment by segment once percent-decoded.
    Path,
    Query,
    Header,
    ContentType,
    Body,
    /// A secret absent or empty (its value is never shown).
    Secret,
    Signature,
}

/// One difference between the expected and the captured request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Mismatch {
    pub kind: MismatchKind,
    /// Which part differs, e.g. ``query `limit` ``.
    pub part: String,
    pub expected: String,
    pub found: String,
}

impl Mismatch {
    pub(crate) fn new(
        kind: MismatchKind,
        part: impl Into<String>,
        expected: impl Into<String>,
        found: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            part: part.into(),
            expected: expected.into(),
            found: found.into(),
        }
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.expected.contains('\n') || self.found.contains('\n') {
            let diff = similar::TextDiff::from_lines(&self.expected, &self.found);
            write!(
                f,
                "{}: differs (- expected, + found)\n{}",
                self.part,
                diff.unified_diff().context_radius(3)
            )
        } else {
            write!(
                f,
                "{}:\n  expected: {}\n  found:    {}",
                self.part, self.expected, self.found
            )
        }
    }
}
