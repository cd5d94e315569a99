//! Markdown pages through pulldown-cmark: headings become titles; paragraphs and list items
//! text lines (one per source line); code blocks literal blocks; tables tables (`**bold**`
//! words marked, `#fragment` links kept as the tables a cell names), each with the
//! caption line just above it (`Table 2 …`) and its anchors (an `<a name>` or `id` above
//! it, else the slug of the heading it opens). Page lines are found by [`crate::locate`].

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::blocks::{Block, Cell, Table};
use crate::items::{Item, Link, PageTable};

#[derive(Clone, Copy, PartialEq)]
enum Open {
    Text,
    Title,
    Code,
}

fn flush(buf: &mut String, open: Open, out: &mut Vec<Item>) {
    let lines: Vec<&str> = buf
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    match open {
        Open::Title if !lines.is_empty() => out.push(Item::Title(lines.join(" "), 0)),
        Open::Code if !lines.is_empty() => out.push(Item::Code(
            lines.into_iter().map(|l| (l.to_string(), 0)).collect(),
        )),
        Open::Text => out.extend(
            lines
                .into_iter()
                .map(|l| Item::Text(l.trim().to_string(), 0)),
        ),
        _ => {}
    }
    buf.clear();
}

/// A heading's anchor as Markdown renderers make it: lower case, spaces as `-`, other
/// punctuation dropped.
fn slug(title: &str) -> String {
    title
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// `name="x"` and `id="x"` values of an HTML fragment, lowercased.
fn html_anchors(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["name=\"", "id=\""] {
        for (at, _) in html.match_indices(key) {
            let rest = &html[at + key.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_lowercase());
            }
        }
    }
    out
}

/// The page's items, without page lines (see [`crate::locate::locate_items`]).
pub fn items(text: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut open = Open::Text;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut cell: Option<Cell> = None;
    let mut strong: Option<String> = None;
    let mut anchors: Vec<String> = Vec::new();
    for ev in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::TableCell) => cell = Some(Cell::default()),
            Event::End(TagEnd::TableCell) => {
                if let Some(mut c) = cell.take() {
                    c.text = c.text.trim().to_string();
                    row.push(c);
                }
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                rows.push(std::mem::take(&mut row))
            }
            Event::Start(Tag::Table(_)) => flush(&mut buf, open, &mut out),
            Event::End(TagEnd::Table) => {
                let caption = match out.last() {
                    Some(Item::Text(t, _)) => {
                        let lower = t.to_lowercase();
                        if crate::vocab::CAPTION_OPENERS
                            .iter()
                            .any(|w| lower.starts_with(w))
                        {
                            t.clone()
                        } else {
                            String::new()
                        }
                    }
                    _ => String::new(),
                };
                out.push(Item::Table(PageTable {
                    caption,
                    anchors: std::mem::take(&mut anchors),
                    table: Table::new(std::mem::take(&mut rows), 0),
                }))
            }
            Event::Start(Tag::Strong) => strong = Some(String::new()),
            Event::End(TagEnd::Strong) => {
                if let (Some(s), Some(c)) = (strong.take(), cell.as_mut()) {
                    c.marked.push(s);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let (Some(c), Some((_, f))) = (cell.as_mut(), dest_url.split_once('#')) {
                    if !f.is_empty() {
                        c.links.push(f.to_lowercase());
                    }
                }
            }
            Event::Html(h) | Event::InlineHtml(h) if cell.is_none() => {
                anchors.extend(html_anchors(&h))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(s) = strong.as_mut() {
                    s.push_str(&t);
                }
                match cell.as_mut() {
                    Some(c) => c.text.push_str(&t),
                    None => buf.push_str(&t),
                }
            }
            Event::SoftBreak | Event::HardBreak => buf.push('\n'),
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut buf, open, &mut out);
                open = Open::Title;
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut buf, open, &mut out);
                open = Open::Code;
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::List(_) | Tag::BlockQuote(_))
                if cell.is_none() =>
            {
                flush(&mut buf, open, &mut out)
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image) => {
            }
            Event::End(end) if cell.is_none() => {
                flush(&mut buf, open, &mut out);
                if matches!(end, TagEnd::Heading(_)) {
                    if let Some(Item::Title(t, _)) = out.last() {
                        anchors = vec![slug(t)];
                    }
                }
                open = Open::Text;
            }
            _ => {}
        }
    }
    flush(&mut buf, open, &mut out);
    out
}

pub fn blocks(text: &str) -> Vec<Block> {
    crate::items::blocks(items(text))
}

/// The pages the page links to (`[text](target)`), by the line of the link.
pub fn links(text: &str) -> Vec<Link> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for (at, _) in line.match_indices("](") {
            let rest = &line[at + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = rest[..end].split_whitespace().next().unwrap_or("");
            let target = target.trim_start_matches('<').trim_end_matches('>');
            if let Some(p) = crate::items::page_of(target) {
                out.push(Link::Page(p, i + 1));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_code_and_tables() {
        let b = blocks(
            "# Things\n\nPOST /v2/things\n\n| Name | Needed |\n|---|---|\n| hue | **Yes** |\n\n\
             ```\n{\"hue\": 3}\n```\n",
        );
        assert_eq!(b[0], Block::Line("Things".into(), 0));
        assert_eq!(b[1], Block::Line("POST /v2/things".into(), 0));
        let Block::Table(t) = &b[2] else {
            panic!("{b:?}")
        };
        assert_eq!(t.rows[1][1].text, "Yes");
        assert_eq!(t.rows[1][1].marked, vec!["Yes"]);
        assert_eq!(b[3], Block::Line("{\"hue\": 3}".into(), 0));
    }

    #[test]
    fn items_keep_caption_lines_heading_anchors_and_links() {
        let text = "# Make\n\n## Part\n\nTable 4 Part\n\n| Name | Type |\n|---|---|\n\
                    | p | [Bolt](#bolt) object |\n\nSee [codes](../ref/codes.md \"t\") and **bold** words.\n";
        let items = items(text);
        assert_eq!(items[1], Item::Title("Part".into(), 0));
        let Item::Table(t) = &items[3] else {
            panic!("{items:?}")
        };
        assert_eq!(
            (t.caption.as_str(), t.anchors.clone()),
            ("Table 4 Part", vec!["part".to_string()])
        );
        assert_eq!(t.table.rows[1][1].links, vec!["bolt"]);
        // Emphasis does not split a line.
        assert_eq!(items[4], Item::Text("See codes and bold words.".into(), 0));
        assert_eq!(links(text), vec![Link::Page("codes".into(), 11)]);
    }
}
