//! Page lines for the blocks and items of formats whose parsers lose them (HTML, Markdown): each block
//! is found in order on the page as the citation checker reads it
//! ([`spec::cite::page::Page`]: markup, entities and pipes removed), so citations point where
//! the checker looks. A block not found keeps line 0 (its facts are cited `inferred:`).

use spec::cite::page::{normalise, Page};

use crate::blocks::{Block, Table};
use crate::items::Item;

/// Fill the line numbers the parser left at 0.
pub fn locate(text: &str, blocks: &mut [Block]) {
    let page = Page::parse(text);
    let mut cursor = 1;
    for b in blocks.iter_mut() {
        match b {
            Block::Line(l, n) => line(&page, l, n, &mut cursor),
            Block::Table(t) => table(&page, t, &mut cursor),
        }
    }
}

/// Fill the line numbers of a page's items the parser left at 0.
pub fn locate_items(text: &str, items: &mut [Item]) {
    let page = Page::parse(text);
    let mut cursor = 1;
    for item in items.iter_mut() {
        match item {
            Item::Title(l, n) | Item::Text(l, n) => line(&page, l, n, &mut cursor),
            Item::Code(lines) => {
                // A block's lines are on lines of their own: each after the one before.
                let mut found = false;
                for (l, n) in lines.iter_mut() {
                    if found {
                        cursor += 1;
                    }
                    line(&page, l, n, &mut cursor);
                    found = *n != 0;
                }
            }
            Item::Table(t) => table(&page, &mut t.table, &mut cursor),
        }
    }
}

fn line(page: &Page, l: &str, n: &mut usize, cursor: &mut usize) {
    if *n != 0 {
        return;
    }
    if let Some((first, _)) = span(page, &normalise(l), *cursor) {
        *n = first;
        *cursor = first;
    }
}

fn table(page: &Page, t: &mut Table, cursor: &mut usize) {
    for (r, at) in t.rows.iter().zip(t.rows_at.iter_mut()) {
        if at.0 != 0 {
            continue;
        }
        let mut found: Option<(usize, usize)> = None;
        let mut c = *cursor;
        for cell in r
            .iter()
            .map(|c| normalise(&c.text))
            .filter(|c| !c.is_empty())
        {
            if let Some((first, last)) = span(page, &cell, c) {
                found = Some(found.map_or((first, last), |f| (f.0, last)));
                c = last;
            }
        }
        if let Some(f) = found {
            *at = f;
            *cursor = f.1;
        }
    }
    if t.line == 0 {
        t.line = t.rows_at.iter().map(|r| r.0).find(|l| *l > 0).unwrap_or(0);
    }
}

/// The first lines from `from` on that hold `want`: one line, else a run of lines that
/// spell it out (a paragraph wrapped in the source).
fn span(page: &Page, want: &str, from: usize) -> Option<(usize, usize)> {
    if want.is_empty() {
        return None;
    }
    let lines = &page.lines;
    let start = from.max(1);
    if let Some(n) = (start..=lines.len()).find(|&n| lines[n - 1].contains(want)) {
        return Some((n, n));
    }
    let head = want.split(' ').next().unwrap_or(want);
    (start..=lines.len()).find_map(|first| {
        // The paragraph starts inside its first line: the first tail of it `want` begins with.
        let l = &lines[first - 1];
        if !l.contains(head) && !head.starts_with(l.rsplit(' ').next().unwrap_or(l)) {
            return None;
        }
        let p = l
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| want.starts_with(&l[i..]))?;
        let mut acc = l[p..].to_string();
        for last in first + 1..=lines.len().min(first + 40) {
            let l = &lines[last - 1];
            if l.is_empty() {
                continue;
            }
            acc.push(' ');
            acc.push_str(l);
            if acc.contains(want) {
                return Some((first, last));
            }
            if !want.starts_with(&acc) {
                return None;
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_blocks_find_their_lines() {
        let text = "<h1>Title</h1>\n<table><tr><th>Name</th>\n<th>Kind</th></tr>\n<tr><td>size</td>\n<td>Integer</td></tr></table>\n<p>All done\nhere, at the end</p>\n";
        let mut b = crate::html::blocks(text);
        locate(text, &mut b);
        assert_eq!(b[0], Block::Line("Title".into(), 1));
        let Block::Table(t) = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(t.rows_at, vec![(2, 3), (4, 5)]);
        assert_eq!(b[2], Block::Line("All done here, at the end".into(), 6));
    }
}
