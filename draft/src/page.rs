//! A page as read: its file name, SHA-256, text and format. Anything that is not a readable
//! UTF-8 text file is refused with a reason.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::blocks::Block;

/// Pages larger than this are refused unread.
pub const MAX_PAGE_SIZE: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// reStructuredText, by the file name's `.rst`.
    Rst,
}

#[derive(Debug, Clone)]
pub struct Page {
    /// File name (no directory), as the spec's `sources` entry records it.
    pub file: String,
    pub sha256: String,
    pub text: String,
    pub format: Format,
}

#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("{0}: cannot read: {1}")]
    Read(String, std::io::Error),
    #[error("{0}: not a regular file")]
    NotAFile(String),
    #[error("{0}: larger than {MAX_PAGE_SIZE} bytes")]
    TooLarge(String),
    #[error("{0}: is empty")]
    Empty(String),
    #[error("{0}: binary content (a NUL byte at offset {1}); give a text, Markdown or HTML page")]
    Binary(String, usize),
    #[error("{0}: not UTF-8 text (invalid byte at offset {1}); convert the page to UTF-8")]
    NotUtf8(String, usize),
}

impl Page {
    pub fn read(path: &Path) -> Result<Page, PageError> {
        let shown = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| PageError::Read(shown.clone(), e))?;
        if !meta.is_file() {
            return Err(PageError::NotAFile(shown));
        }
        if meta.len() > MAX_PAGE_SIZE {
            return Err(PageError::TooLarge(shown));
        }
        let bytes = std::fs::read(path).map_err(|e| PageError::Read(shown.clone(), e))?;
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or(shown.clone());
        Page::from_bytes(&file, &bytes).map_err(|e| match e {
            PageError::Empty(_) => PageError::Empty(shown),
            PageError::Binary(_, at) => PageError::Binary(shown, at),
            PageError::NotUtf8(_, at) => PageError::NotUtf8(shown, at),
            other => other,
        })
    }

    /// The page's items (titles, text, captioned tables, literal blocks), read by its
    /// format, with their page lines.
    pub fn items(&self) -> Vec<crate::items::Item> {
        let mut out = match self.format {
            Format::Rst => return crate::rst::read(&self.text),
            Format::Html => crate::html::items(&self.text),
            Format::Markdown => crate::markdown::items(&self.text),
            Format::Text => {
                return crate::blocks::text_blocks(&self.text)
                    .into_iter()
                    .map(|b| match b {
                        Block::Line(l, n) => crate::items::Item::Text(l, n),
                        Block::Table(table) => crate::items::Item::Table(crate::items::PageTable {
                            table,
                            ..Default::default()
                        }),
                    })
                    .collect()
            }
        };
        crate::locate::locate_items(&self.text, &mut out);
        out
    }

    /// The page's links to labels and other pages, read by its format.
    pub fn links(&self) -> Vec<crate::items::Link> {
        match self.format {
            Format::Rst => crate::rst::links(&self.text),
            Format::Html => crate::html::links(&self.text),
            Format::Markdown => crate::markdown::links(&self.text),
            Format::Text => Vec::new(),
        }
    }

    /// The page's blocks, read by its format.
    pub fn blocks(&self) -> Vec<Block> {
        let mut out = match self.format {
            Format::Html => crate::html::blocks(&self.text),
            Format::Markdown => crate::markdown::blocks(&self.text),
            Format::Text => return crate::blocks::text_blocks(&self.text),
            Format::Rst => return crate::rst::blocks(&self.text),
        };
        crate::locate::locate(&self.text, &mut out);
        out
    }

    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Page, PageError> {
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(PageError::Empty(file.into()));
        }
        if let Some(at) = bytes.iter().position(|b| *b == 0) {
            return Err(PageError::Binary(file.into(), at));
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|e| PageError::NotUtf8(file.into(), e.valid_up_to()))?;
        let text = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .replace("\r\n", "\n");
        let sha256 = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Page {
            file: file.into(),
            sha256,
            format: if crate::rst::is_rst(file) {
                Format::Rst
            } else {
                detect(&text)
            },
            text,
        })
    }
}

impl Format {
    /// The format a file name's extension gives, for the formats a docs tree is read in
    /// (`.rst`, `.html`/`.htm`, `.md`); None for any other file.
    pub fn of_name(file: &str) -> Option<Format> {
        let ext = file.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "rst" => Some(Format::Rst),
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// HTML when block tags appear, Markdown when headings or fences do, else plain text.
pub fn detect(text: &str) -> Format {
    let lower = text.to_lowercase();
    let html_tags = [
        "<table", "<html", "<body", "<div", "<p>", "<p ", "<pre", "<h1", "<h2",
    ];
    if html_tags.iter().any(|t| lower.contains(t)) {
        return Format::Html;
    }
    let markdown = text.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with("```")
            || (t.starts_with('#') && t.trim_start_matches('#').starts_with(' ') && t.len() > 2)
    });
    if markdown {
        Format::Markdown
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(
            detect("<div><table><tr><td>a</td></tr></table></div>"),
            Format::Html
        );
        assert_eq!(
            detect("# Title\n\n| a | b |\n|---|---|\n"),
            Format::Markdown
        );
        assert_eq!(detect("Title\n| a | b |\n|---|---|\n"), Format::Text);
    }

    #[test]
    fn refuses_binary_and_bad_utf8() {
        assert!(matches!(
            Page::from_bytes("x", b"ab\0cd"),
            Err(PageError::Binary(_, 2))
        ));
        assert!(matches!(
            Page::from_bytes("x", b"ab\xffcd"),
            Err(PageError::NotUtf8(_, 2))
        ));
        assert!(matches!(
            Page::from_bytes("x", b" \n"),
            Err(PageError::Empty(_))
        ));
        let p = Page::from_bytes("x", b"abc").unwrap();
        assert_eq!(
            p.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
