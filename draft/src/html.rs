//! HTML pages: headings become titles; paragraphs, list items and the like text lines;
//! `<pre>` blocks literal blocks; tables tables with their `<caption>`, the anchors before
//! them (`<a name>`, the table's `id`), each cell's `<strong>`/`<b>` words kept as enum
//! candidates and its `#fragment` links as the tables it names ([`crate::items`]). Page
//! lines, which the parser drops, are found again by [`crate::locate`].

use scraper::{ElementRef, Html, Selector};

use crate::blocks::{Block, Cell, Table};
use crate::items::{Item, Link, PageTable};

const TEXT: &str = "h1,h2,h3,h4,h5,h6,p,li,pre,caption,dt,dd";

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

/// Lone `|` marks are layout left over from a page export, not text.
fn words(e: ElementRef) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .filter(|w| *w != "|")
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page's items, without page lines (see [`crate::locate::locate_items`]).
pub fn items(text: &str) -> Vec<Item> {
    let doc = Html::parse_document(text);
    let all = sel(&format!("{TEXT},table,a"));
    let skip_inside = ["table", "pre", "p", "li", "caption", "dt", "dd"];
    let mut out = Vec::new();
    let mut anchors: Vec<String> = Vec::new();
    for e in doc.select(&all) {
        let name = e.value().name();
        let mut outer = e.ancestors().filter_map(ElementRef::wrap);
        if name == "a" {
            // An anchor names the next table; one inside a table is a cell's link.
            if !outer.any(|a| a.value().name() == "table") {
                for k in ["name", "id"] {
                    if let Some(v) = e.value().attr(k) {
                        anchors.push(v.to_lowercase());
                    }
                }
            }
            continue;
        }
        let nested = outer.any(|a| {
            let n = a.value().name();
            skip_inside.contains(&n) || (n != "html" && name == "table" && n == "table")
        });
        if nested {
            continue;
        }
        match name {
            "table" => {
                let caption = e
                    .select(&sel("caption"))
                    .next()
                    .map(words)
                    .unwrap_or_default();
                let mut anchors = std::mem::take(&mut anchors);
                anchors.extend(e.value().attr("id").map(str::to_lowercase));
                out.push(Item::Table(PageTable {
                    caption,
                    anchors,
                    table: table(e),
                }));
            }
            "pre" => {
                let raw: String = e.text().collect();
                let lines: Vec<(String, usize)> = raw
                    .lines()
                    .filter(|l| !l.trim().is_empty() && l.trim() != "|")
                    .map(|l| (l.trim_end().to_string(), 0))
                    .collect();
                if !lines.is_empty() {
                    out.push(Item::Code(lines));
                }
            }
            _ => {
                let w = words(e);
                if w.is_empty() {
                    continue;
                }
                if name.len() == 2 && name.starts_with('h') {
                    // A new section: anchors above it named the page or the section.
                    anchors.clear();
                    out.push(Item::Title(w, 0));
                } else {
                    out.push(Item::Text(w, 0));
                }
            }
        }
    }
    out
}

/// The page's lines and tables, each cell's paragraphs on one line.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut items = items(text);
    for item in &mut items {
        if let Item::Table(t) = item {
            for c in t.table.rows.iter_mut().flatten() {
                c.text = c.text.replace('\n', " ");
            }
        }
    }
    crate::items::blocks(items)
}

/// The pages the page links to (`href` targets), by the line of the link.
pub fn links(text: &str) -> Vec<Link> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lower = line.to_ascii_lowercase();
        for (at, _) in lower.match_indices("href=") {
            let rest = &line[at + 5..];
            let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            let Some(end) = rest[1..].find(q) else {
                continue;
            };
            if let Some(p) = crate::items::page_of(&rest[1..1 + end]) {
                out.push(Link::Page(p, i + 1));
            }
        }
    }
    out
}

/// A cell's text with its paragraphs (`<p>`, `<br>`, `<li>`, `<div>`) as lines, so the
/// words of a row (`Minimum: 1` in a paragraph of its own) read as they do on the page.
fn cell_text(c: ElementRef) -> String {
    let mut text = String::new();
    for node in c.descendants() {
        if let Some(t) = node.value().as_text() {
            text.push(' ');
            text.push_str(t);
        } else if let Some(e) = node.value().as_element() {
            if matches!(e.name(), "p" | "br" | "li" | "div") {
                text.push('\n');
            }
        }
    }
    text.lines()
        .map(|l| {
            l.split_whitespace()
                .filter(|w| *w != "|")
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn table(t: ElementRef) -> Table {
    let tr = sel("tr");
    let cells = sel("th,td");
    let strong = sel("strong,b");
    let href = sel("a[href]");
    let rows = t
        .select(&tr)
        .map(|r| {
            r.select(&cells)
                .map(|c| Cell {
                    text: cell_text(c),
                    marked: c
                        .select(&strong)
                        .map(words)
                        .filter(|w| !w.is_empty())
                        .collect(),
                    links: c
                        .select(&href)
                        .filter_map(|a| a.value().attr("href")?.split_once('#'))
                        .map(|(_, f)| f.to_lowercase())
                        .filter(|f| !f.is_empty())
                        .collect(),
                })
                .collect::<Vec<_>>()
        })
        .filter(|r| !r.is_empty())
        .collect();
    Table::new(rows, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_tables_and_marked_words() {
        let b = blocks(
            "<h1>Title</h1><p>GET /v1/things</p><table><tr><th>Name</th><th>Kind</th></tr>\
             <tr><td><p>mood</p></td><td>One of <strong>calm</strong> or <b>busy</b></td></tr>\
             </table><pre>{\n  \"a\": 1\n}</pre>",
        );
        assert_eq!(b[0], Block::Line("Title".into(), 0));
        assert_eq!(b[1], Block::Line("GET /v1/things".into(), 0));
        let Block::Table(t) = &b[2] else {
            panic!("{b:?}")
        };
        assert_eq!(t.rows[1][0].text, "mood");
        assert_eq!(t.rows[1][1].marked, vec!["calm", "busy"]);
        assert_eq!(b[3], Block::Line("{".into(), 0));
        assert_eq!(b.len(), 6);
    }

    #[test]
    fn items_keep_captions_anchors_cell_links_and_page_links() {
        let text = "<h1>Make</h1>\n<p>POST /v1/x</p>\n<a name=\"T4\"></a>\n\
             <table><caption><b>Table 4 </b>Part</caption><tr><th>Name</th><th>Type</th></tr>\n\
             <tr><td>p</td><td><a href=\"#T9\">Bolt</a> object<p>Minimum: 1</p></td></tr></table>\n\
             <pre>{\n  \"a\": 1\n}</pre>\n<p>See <a href=\"../ref/Codes.html#top\">codes</a>.</p>\n";
        let items = items(text);
        assert_eq!(items[0], Item::Title("Make".into(), 0));
        let Item::Table(t) = &items[2] else {
            panic!("{items:?}")
        };
        assert_eq!(
            (t.caption.as_str(), t.anchors.clone()),
            ("Table 4 Part", vec!["t4".to_string()])
        );
        assert_eq!(t.table.rows[1][1].links, vec!["t9"]);
        assert_eq!(t.table.rows[1][1].text, "Bolt object\nMinimum: 1");
        assert!(matches!(&items[3], Item::Code(c) if c.len() == 3));
        assert_eq!(links(text), vec![Link::Page("codes".into(), 9)]);
    }
}
