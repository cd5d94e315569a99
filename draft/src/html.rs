//! HTML pages: headings, paragraphs, list items and `<pre>` blocks become lines; tables
//! become tables, with each cell's `<strong>`/`<b>` words kept as enum candidates.

use scraper::{ElementRef, Html, Selector};

use crate::blocks::{Block, Cell, Table};

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

pub fn blocks(text: &str) -> Vec<Block> {
    let doc = Html::parse_document(text);
    let all = sel(&format!("{TEXT},table"));
    let skip_inside = ["table", "pre", "p", "li", "caption", "dt", "dd"];
    let mut out = Vec::new();
    for e in doc.select(&all) {
        let nested = e.ancestors().filter_map(ElementRef::wrap).any(|a| {
            let n = a.value().name();
            skip_inside.contains(&n) || (n != "html" && e.value().name() == "table" && n == "table")
        });
        if nested {
            continue;
        }
        match e.value().name() {
            "table" => out.push(Block::Table(table(e))),
            "pre" => {
                let raw: String = e.text().collect();
                out.extend(
                    raw.lines()
                        .filter(|l| !l.trim().is_empty() && l.trim() != "|")
                        .map(|l| Block::Line(l.trim_end().to_string(), 0)),
                );
            }
            _ => {
                let w = words(e);
                if !w.is_empty() {
                    out.push(Block::Line(w, 0));
                }
            }
        }
    }
    out
}

fn table(t: ElementRef) -> Table {
    let tr = sel("tr");
    let cells = sel("th,td");
    let strong = sel("strong,b");
    let rows = t
        .select(&tr)
        .map(|r| {
            r.select(&cells)
                .map(|c| Cell {
                    text: words(c),
                    marked: c
                        .select(&strong)
                        .map(words)
                        .filter(|w| !w.is_empty())
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
}
