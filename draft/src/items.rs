//! A page as the items a table-first reading needs, whatever its format: section titles,
//! text lines, captioned tables with the anchors other tables' cells link to, literal
//! blocks, each with its page lines; and the page's links to other pages. The
//! reStructuredText, HTML and Markdown readers ([`crate::rst`], [`crate::html`],
//! [`crate::markdown`]) each give these, so a tree is drafted the same way in any of them.

use crate::blocks::{Block, Table};

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A section title and its line.
    Title(String, usize),
    /// A line of running text (inline markup removed) and its line.
    Text(String, usize),
    Table(PageTable),
    /// A literal block: its lines (indentation removed) with their page lines.
    Code(Vec<(String, usize)>),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageTable {
    /// The table's caption with markup removed (`Table 4 VaultCreate`), or empty.
    pub caption: String,
    /// The names links reach the table by (an RST `.. _label:`, an HTML `id` or
    /// `<a name>`), lowercased.
    pub anchors: Vec<String>,
    /// The first row is the header; each cell's `links` name the anchors it links to.
    pub table: Table,
}

/// A link from a page, by its page line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// To a label (an RST `:ref:`), lowercased.
    Label(String, usize),
    /// To a page, by its file name without directory or extension, lowercased (an RST
    /// `:doc:`, an HTML `href`, a Markdown link target).
    Page(String, usize),
}

/// A link target's page as [`Link::Page`] names it (`../a/Codes.html#x` → `codes`); None
/// for a link within the page or off the site.
pub fn page_of(target: &str) -> Option<String> {
    let t = target.trim();
    if t.contains("://") || t.starts_with("mailto:") {
        return None;
    }
    let path = t.split(['#', '?']).next().unwrap_or("");
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.rsplit_once('.').map(|s| s.0).unwrap_or(file);
    (!stem.is_empty()).then(|| stem.to_lowercase())
}

/// The page's first section title (empty without one).
pub fn title(items: &[Item]) -> String {
    items
        .iter()
        .find_map(|i| match i {
            Item::Title(t, _) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// The items as the line-and-table blocks the page-by-page scan reads: titles, text and
/// code lines as lines, tables as tables.
pub fn blocks(items: Vec<Item>) -> Vec<Block> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Item::Title(t, n) | Item::Text(t, n) => out.push(Block::Line(t, n)),
            Item::Code(lines) => out.extend(lines.into_iter().map(|(l, n)| Block::Line(l, n))),
            Item::Table(t) => out.push(Block::Table(t.table)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_targets_name_their_page() {
        assert_eq!(
            page_of("../ref/Error_Codes.html#t1").as_deref(),
            Some("error_codes")
        );
        assert_eq!(page_of("codes.md").as_deref(), Some("codes"));
        assert_eq!(page_of("#table3"), None);
        assert_eq!(page_of("https://example.com/x.html"), None);
    }
}
