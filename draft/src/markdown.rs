//! Markdown pages through pulldown-cmark: headings, paragraphs and list items become lines
//! (one per source line), code blocks their lines, tables tables (`**bold**` words marked).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::blocks::{Block, Cell, Table};

pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut cell: Option<Cell> = None;
    let mut strong: Option<String> = None;
    let flush = |buf: &mut String, out: &mut Vec<Block>| {
        for l in buf.lines().filter(|l| !l.trim().is_empty()) {
            out.push(Block::Line(l.trim_end().to_string(), 0));
        }
        buf.clear();
    };
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
            Event::Start(Tag::Table(_)) => flush(&mut buf, &mut out),
            Event::End(TagEnd::Table) => {
                out.push(Block::Table(Table::new(std::mem::take(&mut rows), 0)))
            }
            Event::Start(Tag::Strong) => strong = Some(String::new()),
            Event::End(TagEnd::Strong) => {
                if let (Some(s), Some(c)) = (strong.take(), cell.as_mut()) {
                    c.marked.push(s);
                }
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
            Event::End(_) if cell.is_none() => {
                buf.push('\n');
                flush(&mut buf, &mut out);
            }
            _ => {}
        }
    }
    flush(&mut buf, &mut out);
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
}
