//! A reStructuredText page as a sequence of items: section titles, text lines, tables
//! (grid, simple and `list-table`, with their `.. table::` caption and the `.. _anchor:`
//! label before them) and literal blocks (`.. code-block::`, `::`), each with its page
//! lines. No maintained Rust RST parser reads tables (see the README), so this is a small
//! reader of the constructs API references use; inline markup is kept in cell text and
//! read by [`inline`], a cell's `:ref:` targets kept as its links.

use crate::blocks::{Cell, Table};
use crate::items::Link;
pub use crate::items::{Item, PageTable};

/// Is this file name one this reader takes?
pub fn is_rst(file: &str) -> bool {
    file.to_ascii_lowercase().ends_with(".rst")
}

fn indent(l: &str) -> usize {
    l.chars().take_while(|c| *c == ' ').count()
}

fn is_adornment(t: &str) -> bool {
    let mut cs = t.chars();
    match cs.next() {
        Some(c) if "=-~^\"'`#*+.:_".contains(c) => t.len() >= 3 && t.chars().all(|x| x == c),
        _ => false,
    }
}

fn is_grid_border(t: &str) -> bool {
    t.starts_with('+') && t.len() > 2 && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
}

fn is_simple_border(t: &str) -> bool {
    t.contains("==") && t.contains(' ') && t.chars().all(|c| c == '=' || c == ' ')
}

/// The items of a page.
pub fn read(text: &str) -> Vec<Item> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut anchors: Vec<String> = Vec::new();
    let mut caption = String::new();
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i];
        let t = raw.trim();
        if t.is_empty() {
            i += 1;
            continue;
        }
        // A label: `.. _name:`.
        if let Some(rest) = t.strip_prefix(".. _") {
            if let Some(name) = rest.strip_suffix(':') {
                anchors.push(name.to_lowercase());
                i += 1;
                continue;
            }
        }
        if let Some(rest) = t.strip_prefix(".. table::") {
            caption = inline(rest.trim());
            i += 1;
            continue;
        }
        if let Some(rest) = t.strip_prefix(".. list-table::") {
            let (table, next) = list_table(&lines, i + 1, indent(raw));
            out.push(Item::Table(PageTable {
                caption: inline(rest.trim()),
                anchors: std::mem::take(&mut anchors),
                table,
            }));
            i = next;
            continue;
        }
        if t.starts_with(".. code-block::") || t.starts_with(".. code::") || t == "::" {
            let (code, next) = literal(&lines, i + 1, indent(raw));
            out.push(Item::Code(code));
            i = next;
            continue;
        }
        if t.starts_with("..") {
            // Other directives and comments: skip their indented body.
            let base = indent(raw);
            i += 1;
            while i < lines.len() && (lines[i].trim().is_empty() || indent(lines[i]) > base) {
                i += 1;
            }
            continue;
        }
        if is_grid_border(t) {
            let (table, next) = grid(&lines, i);
            out.push(Item::Table(PageTable {
                caption: std::mem::take(&mut caption),
                anchors: std::mem::take(&mut anchors),
                table,
            }));
            i = next;
            continue;
        }
        if is_simple_border(t) {
            let (table, next) = simple(&lines, i);
            out.push(Item::Table(PageTable {
                caption: std::mem::take(&mut caption),
                anchors: std::mem::take(&mut anchors),
                table,
            }));
            i = next;
            continue;
        }
        // A title: text over an adornment line (an overline is skipped as an adornment).
        if is_adornment(t) {
            i += 1;
            continue;
        }
        if let Some(next) = lines.get(i + 1) {
            let n = next.trim();
            if is_adornment(n) && n.chars().count() >= t.chars().count() && indent(raw) == 0 {
                out.push(Item::Title(inline(t), i + 1));
                i += 2;
                continue;
            }
        }
        let text = inline(t.trim_start_matches("- ").trim());
        // A text line ending in `::` opens a literal block.
        if t.ends_with("::") && !t.starts_with("..") {
            out.push(Item::Text(text.trim_end_matches(':').to_string(), i + 1));
            let (code, next) = literal(&lines, i + 1, indent(raw));
            if !code.is_empty() {
                out.push(Item::Code(code));
            }
            i = next;
            continue;
        }
        out.push(Item::Text(text, i + 1));
        i += 1;
    }
    out
}

/// The indented block after a directive at `base` indentation: its lines without the
/// block's common indentation (directive options such as `:language:` skipped).
fn literal(lines: &[&str], from: usize, base: usize) -> (Vec<(String, usize)>, usize) {
    let mut i = from;
    while i < lines.len() && lines[i].trim().starts_with(':') && indent(lines[i]) > base {
        i += 1;
    }
    let mut body: Vec<(usize, &str)> = Vec::new();
    while i < lines.len() {
        let l = lines[i];
        if !l.trim().is_empty() && indent(l) <= base {
            break;
        }
        body.push((i + 1, l));
        i += 1;
    }
    while body.last().is_some_and(|(_, l)| l.trim().is_empty()) {
        body.pop();
    }
    while body.first().is_some_and(|(_, l)| l.trim().is_empty()) {
        body.remove(0);
    }
    let common = body
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(_, l)| indent(l))
        .min()
        .unwrap_or(0);
    let code = body
        .into_iter()
        .map(|(n, l)| (l.chars().skip(common).collect::<String>(), n))
        .collect();
    (code, i)
}

fn cell(text: String) -> Cell {
    Cell {
        marked: strong(&text),
        links: refs(&text),
        text,
    }
}

fn finish(rows: Vec<(Vec<String>, (usize, usize))>) -> Table {
    let line = rows.first().map(|r| r.1 .0).unwrap_or(0);
    let rows_at = rows.iter().map(|r| r.1).collect();
    let cells = rows
        .into_iter()
        .map(|r| r.0.into_iter().map(cell).collect())
        .collect();
    Table {
        rows: cells,
        line,
        rows_at,
    }
}

/// A grid table from its top border at `from`: rows between full borders, cell text split
/// at the top border's `+` columns, the lines of a cell joined (a blank one by a space).
fn grid(lines: &[&str], from: usize) -> (Table, usize) {
    let base = indent(lines[from]);
    let top: Vec<char> = lines[from].trim().chars().collect();
    let cuts: Vec<usize> = top
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '+')
        .map(|(k, _)| k)
        .collect();
    let mut rows: Vec<(Vec<String>, (usize, usize))> = Vec::new();
    let mut cur: Vec<Vec<String>> = Vec::new();
    let mut first = 0;
    let mut i = from + 1;
    while i < lines.len() {
        let l = lines[i];
        let t = l.trim();
        if t.is_empty() || !(t.starts_with('|') || t.starts_with('+')) || indent(l) != base {
            break;
        }
        if is_grid_border(t) {
            if !cur.is_empty() {
                let cells = cur
                    .iter()
                    .map(|parts| join_cell(parts))
                    .collect::<Vec<String>>();
                rows.push((cells, (first, i)));
                cur.clear();
            }
            i += 1;
            continue;
        }
        if cur.is_empty() {
            first = i + 1;
            cur = vec![Vec::new(); cuts.len().saturating_sub(1)];
        }
        let chars: Vec<char> = t.chars().collect();
        for (k, w) in cuts.windows(2).enumerate() {
            let (a, b) = (w[0] + 1, w[1].min(chars.len()));
            let text: String = if a < b {
                chars[a..b].iter().collect()
            } else {
                String::new()
            };
            cur[k].push(text.trim().to_string());
        }
        i += 1;
    }
    (finish(rows), i)
}

fn join_cell(parts: &[String]) -> String {
    let mut s = String::new();
    for p in parts {
        if p.is_empty() {
            if !s.is_empty() && !s.ends_with('\n') {
                s.push('\n');
            }
            continue;
        }
        if !s.is_empty() && !s.ends_with('\n') {
            s.push(' ');
        }
        s.push_str(p);
    }
    s.trim().to_string()
}

/// A simple table from its top border at `from`: columns from the border's `=` runs, the
/// header up to the second border, rows to the last; a row whose first column is blank
/// continues the row above.
fn simple(lines: &[&str], from: usize) -> (Table, usize) {
    let border: Vec<char> = lines[from].chars().collect();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < border.len() {
        if border[k] == '=' {
            let a = k;
            while k < border.len() && border[k] == '=' {
                k += 1;
            }
            spans.push((a, k));
        } else {
            k += 1;
        }
    }
    let split = |l: &str| -> Vec<String> {
        let chars: Vec<char> = l.chars().collect();
        spans
            .iter()
            .enumerate()
            .map(|(n, &(a, b))| {
                // The last column runs to the end of the line.
                let b = if n + 1 == spans.len() { chars.len() } else { b };
                let a = a.min(chars.len());
                chars[a..b.min(chars.len()).max(a)]
                    .iter()
                    .collect::<String>()
                    .trim()
                    .to_string()
            })
            .collect()
    };
    let mut rows: Vec<(Vec<String>, (usize, usize))> = Vec::new();
    let mut borders = 1;
    let mut i = from + 1;
    while i < lines.len() {
        let t = lines[i].trim();
        if is_simple_border(t) {
            borders += 1;
            i += 1;
            // The closing border: the third one, or the second when no blank row follows.
            let more = lines.get(i).is_some_and(|n| !n.trim().is_empty());
            if borders >= 3 || (borders == 2 && !more) {
                break;
            }
            continue;
        }
        if t.is_empty() {
            i += 1;
            continue;
        }
        let cells = split(lines[i]);
        let continues = cells.first().is_some_and(|c| c.is_empty()) && !rows.is_empty();
        if continues {
            let last = rows.last_mut().expect("a row");
            for (a, b) in last.0.iter_mut().zip(cells) {
                if !b.is_empty() {
                    a.push(' ');
                    a.push_str(&b);
                }
            }
            last.1 .1 = i + 1;
        } else {
            rows.push((cells, (i + 1, i + 1)));
        }
        i += 1;
    }
    (finish(rows), i)
}

/// A `list-table`: `* -` opens a row, `-` a cell, deeper lines continue the cell.
fn list_table(lines: &[&str], from: usize, base: usize) -> (Table, usize) {
    let mut rows: Vec<(Vec<String>, (usize, usize))> = Vec::new();
    let mut i = from;
    while i < lines.len() {
        let l = lines[i];
        let t = l.trim();
        if !t.is_empty() && indent(l) <= base {
            break;
        }
        if t.starts_with(':') || t.is_empty() {
            i += 1;
            continue;
        }
        if let Some(rest) = t.strip_prefix("* -") {
            rows.push((vec![rest.trim().to_string()], (i + 1, i + 1)));
        } else if let Some(rest) = t
            .strip_prefix("- ")
            .or(t.strip_prefix('-').filter(|r| r.is_empty()))
        {
            if let Some(last) = rows.last_mut() {
                last.0.push(rest.trim().to_string());
                last.1 .1 = i + 1;
            }
        } else if let Some(last) = rows.last_mut() {
            if let Some(c) = last.0.last_mut() {
                if !c.is_empty() {
                    c.push(' ');
                }
                c.push_str(t);
            }
            last.1 .1 = i + 1;
        }
        i += 1;
    }
    (finish(rows), i)
}

/// Words in `**strong**` markup.
pub fn strong(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(a) = rest.find("**") {
        let after = &rest[a + 2..];
        let Some(b) = after.find("**") else { break };
        let w = after[..b].trim();
        if !w.is_empty() {
            out.push(w.to_string());
        }
        rest = &after[b + 2..];
    }
    out
}

/// The `:ref:` targets of a text, lowercased, in order.
pub fn refs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(a) = rest.find(":ref:`") {
        let after = &rest[a + 6..];
        let Some(b) = after.find('`') else { break };
        let inner = &after[..b];
        let target = match (inner.rfind('<'), inner.ends_with('>')) {
            (Some(lt), true) => &inner[lt + 1..inner.len() - 1],
            _ => inner,
        };
        out.push(target.trim().to_lowercase());
        rest = &after[b + 1..];
    }
    out
}

/// Text as a reader sees it: `:ref:` and other roles by their text, emphasis, literals and
/// links without their markup.
pub fn inline(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(a) = rest.find(":ref:`").or_else(|| rest.find(":doc:`")) {
        s.push_str(&rest[..a]);
        let after = &rest[a + 6..];
        let Some(b) = after.find('`') else {
            rest = after;
            break;
        };
        let inner = &after[..b];
        s.push_str(inner.split('<').next().unwrap_or(inner).trim());
        rest = &after[b + 1..];
    }
    s.push_str(rest);
    // `text <url>`__ links by their text.
    let s = s.replace("``", "").replace("**", "");
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(a) = rest.find('`') {
        out.push_str(&rest[..a]);
        let after = &rest[a + 1..];
        let Some(b) = after.find('`') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let inner = &after[..b];
        out.push_str(inner.split(" <").next().unwrap_or(inner).trim());
        rest = after[b + 1..].trim_start_matches('_');
    }
    out.push_str(rest);
    out
}

/// The page as the line-and-table blocks the page-by-page scan reads (for pages that are
/// not read table first): titles and text as lines, code lines as lines, tables as tables
/// with markup removed from their cells.
pub fn blocks(text: &str) -> Vec<crate::blocks::Block> {
    let mut items = read(text);
    for item in &mut items {
        if let Item::Table(t) = item {
            for row in &mut t.table.rows {
                for c in row.iter_mut() {
                    c.text = inline(&c.text).replace('\n', " ");
                }
            }
        }
    }
    crate::items::blocks(items)
}

/// The page's `:ref:` links (to labels) and `:doc:` links (to pages), by line.
pub fn links(text: &str) -> Vec<Link> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for role in ["ref", "doc"] {
            for (at, m) in line.match_indices(&format!(":{role}:`")) {
                let inner = &line[at + m.len()..];
                let Some(end) = inner.find('`') else { continue };
                let inner = &inner[..end];
                let target = match (inner.rfind('<'), inner.rfind('>')) {
                    (Some(a), Some(b)) if a < b => &inner[a + 1..b],
                    _ => inner,
                };
                let target = target.trim().to_lowercase();
                out.push(match role {
                    "ref" => Link::Label(target, i + 1),
                    _ => Link::Page(
                        target.rsplit('/').next().unwrap_or(&target).to_string(),
                        i + 1,
                    ),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(t: &Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    fn tables(items: &[Item]) -> Vec<&PageTable> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    // Our own fixture, in the shape of a vendor API reference page.
    const PAGE: &str = "Making a Widget
===============

URI
---

PUT /v2/{owner}/widgets

.. table:: **Table 1** Path Parameters

   ====== ======== ====== ===========
   Name   Required Type   Notes
   ====== ======== ====== ===========
   owner  Yes      String Who owns it
                             it.
   ====== ======== ====== ===========

.. _make__gear:

.. table:: **Table 2** Gear

   +--------+----------+---------------------------------+
   | Name   | Required | Notes                           |
   +========+==========+=================================+
   | teeth  | No       | Tooth count                     |
   |        |          |                                 |
   |        |          | One of **8** or **12**          |
   +--------+----------+---------------------------------+
   | parts  | Yes      | Array of :ref:`Part <make__p>`  |
   +--------+----------+---------------------------------+

.. list-table:: Codes
   :header-rows: 1

   * - Code
     - Meaning
   * - 201
     - made

.. code-block:: text

   PUT https://{host}/v2/me/widgets

   {
     \"a\" : 1
   }

Done.
";

    #[test]
    fn titles_tables_and_code() {
        let items = read(PAGE);
        assert_eq!(items[0], Item::Title("Making a Widget".into(), 1));
        assert!(items.contains(&Item::Text("PUT /v2/{owner}/widgets".into(), 7)));
        let ts = tables(&items);
        assert_eq!(ts.len(), 3);
        assert_eq!(ts[0].caption, "Table 1 Path Parameters");
        assert_eq!(
            rows(&ts[0].table),
            vec![
                vec!["Name", "Required", "Type", "Notes"],
                vec!["owner", "Yes", "String", "Who owns it it."]
            ]
        );
        assert_eq!(ts[0].table.rows_at[1], (14, 15));
        assert_eq!(ts[1].anchors, vec!["make__gear"]);
        assert_eq!(ts[1].table.rows[2][2].links, vec!["make__p"]);
        assert_eq!(ts[1].caption, "Table 2 Gear");
        let r = rows(&ts[1].table);
        assert_eq!(
            r[1],
            vec!["teeth", "No", "Tooth count\nOne of **8** or **12**"]
        );
        assert_eq!(ts[1].table.rows[1][2].marked, vec!["8", "12"]);
        assert_eq!(refs(&r[2][2]), vec!["make__p"]);
        assert_eq!(inline(&r[2][2]), "Array of Part");
        assert_eq!(ts[1].table.rows_at[1], (25, 27));
        assert_eq!(
            rows(&ts[2].table),
            vec![vec!["Code", "Meaning"], vec!["201", "made"]]
        );
        let code = items
            .iter()
            .find_map(|i| match i {
                Item::Code(c) => Some(c),
                _ => None,
            })
            .unwrap();
        assert_eq!(code[0], ("PUT https://{host}/v2/me/widgets".into(), 42));
        assert_eq!(code.last().unwrap(), &("}".to_string(), 46));
        assert_eq!(items.last(), Some(&Item::Text("Done.".into(), 48)));
    }

    #[test]
    fn broken_tables_do_not_panic() {
        for text in [
            "+--+\n| a\n",
            "+--+--+\n|a|\n+==+\n",
            "=== ===\na\n",
            ".. list-table::\n   * - a\n   - b\n",
            ".. code-block::\n",
            "x\n===\n\n===\n",
            "+\n",
        ] {
            let _ = read(text);
        }
    }
}
