//! The tables of a page, read into rows and cells with their line numbers, so a fact is held
//! against its own row (and the cell of the matching column) rather than anywhere on the
//! cited lines. Five shapes are read: HTML tables (`<tr>`, `<th>`, `<td>`, a cell over
//! several lines), pipe rows (`| a | b |` or `a | b |`, one row per line), flattened
//! tables (one cell per line ending in `|`, the header cells followed by `---|---|`), and
//! reStructuredText grid tables (`+---+` borders, `+===+` under the header, a row over
//! several lines) and simple tables (`===  ===` borders, a row continued by lines whose
//! first column is blank). Header cells name their column with [`crate::vocab`]'s words, in
//! any language it knows.

use std::sync::OnceLock;

use regex::Regex;

use super::line::normalise;
use crate::vocab::{self, Column};

/// One cell: its text as a reader sees it and its lines (1-based, inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub first: usize,
    pub last: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub first: usize,
    pub last: usize,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// What each column holds, from the header (`None`: unknown or no header).
    pub columns: Vec<Option<Column>>,
    /// The body rows (the header is not among them).
    pub rows: Vec<Row>,
}

impl Table {
    /// The index of the column holding `c`, if the header names one.
    pub fn column(&self, c: Column) -> Option<usize> {
        self.columns.iter().position(|x| *x == Some(c))
    }

    /// The name cell of `row`: the name column's, else the first.
    pub fn name<'r>(&self, row: &'r Row) -> Option<&'r Cell> {
        row.cells.get(self.column(Column::Name).unwrap_or(0))
    }

    /// The cell of column `c` in `row`, when the header names that column.
    pub fn cell<'r>(&self, row: &'r Row, c: Column) -> Option<&'r Cell> {
        row.cells.get(self.column(c)?)
    }
}

impl Row {
    pub fn overlaps(&self, first: usize, last: usize) -> bool {
        self.first <= last && self.last >= first
    }

    /// All cells as one text.
    pub fn text(&self) -> String {
        let v: Vec<&str> = self.cells.iter().map(|c| c.text.as_str()).collect();
        v.join(" ")
    }
}

/// Whether a name cell names `name`: the cell is the name, or starts with it and a space or
/// bracket (`svr_ids (array)`).
pub fn names(cell: &str, name: &str) -> bool {
    let name = normalise(name);
    cell == name
        || cell
            .strip_prefix(&name)
            .is_some_and(|rest| rest.starts_with([' ', '(', ':']))
}

/// Whether a cell of `row` defines `name` as a member of the row's value (`id: …` at the
/// start of a sentence of a description cell).
pub fn defines(row: &Row, name: &str) -> bool {
    let head = format!("{}:", normalise(name));
    row.cells.iter().skip(1).any(|c| {
        c.text.starts_with(&head)
            || c.text.contains(&format!(". {head}"))
            || c.text.contains(&format!(" {head} "))
    })
}

/// Every table of a page.
pub fn read(raw: &str) -> Vec<Table> {
    let lines: Vec<&str> = raw.lines().collect();
    let mut out = html(&lines);
    let (grids, taken) = grid(&lines);
    out.extend(grids);
    out.extend(simple(&lines));
    out.extend(pipes(&lines, &taken));
    out.extend(flattened(&lines));
    out.retain(|t| !t.rows.is_empty());
    out
}

fn header(cells: &[Cell]) -> Vec<Option<Column>> {
    cells.iter().map(|c| vocab::column(&c.text)).collect()
}

fn tag_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)<(/?)(table|tr|td|th)\b[^>]*>").expect("static regex"))
}

fn html(lines: &[&str]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut table: Option<Table> = None;
    let mut row: Option<(Row, bool)> = None; // the row, and whether all its cells are `th`
    let mut cell: Option<(String, usize, bool)> = None; // raw text, first line, is `th`
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        let mut at = 0;
        for m in tag_re().captures_iter(line) {
            let whole = m.get(0).expect("match");
            if let Some((text, _, _)) = cell.as_mut() {
                text.push_str(&line[at..whole.start()]);
                text.push(' ');
            }
            at = whole.end();
            let closing = &m[1] == "/";
            match (m[2].to_lowercase().as_str(), closing) {
                ("table", false) => {
                    table = Some(Table {
                        columns: Vec::new(),
                        rows: Vec::new(),
                    })
                }
                ("table", true) => out.extend(table.take()),
                ("tr", false) => {
                    row = Some((
                        Row {
                            first: n,
                            last: n,
                            cells: Vec::new(),
                        },
                        true,
                    ));
                }
                ("tr", true) => {
                    if let (Some((mut r, all_th)), Some(t)) = (row.take(), table.as_mut()) {
                        r.last = n;
                        if all_th && t.columns.is_empty() {
                            t.columns = header(&r.cells);
                        } else {
                            t.rows.push(r);
                        }
                    }
                }
                (kind @ ("td" | "th"), false) => cell = Some((String::new(), n, kind == "th")),
                (_, true) => {
                    if let (Some((text, first, th)), Some((r, all_th))) =
                        (cell.take(), row.as_mut())
                    {
                        *all_th &= th;
                        r.cells.push(Cell {
                            text: normalise(&text),
                            first,
                            last: n,
                        });
                    }
                }
                _ => {}
            }
        }
        if let Some((text, _, _)) = cell.as_mut() {
            text.push_str(&line[at..]);
            text.push(' ');
        }
    }
    out.extend(table);
    out
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains("---") && t.chars().all(|c| matches!(c, '-' | '|' | ':' | ' '))
}

/// The cells of a one-line pipe row, or `None` when the line is not one.
fn pipe_cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    if t.matches('|').count() < 2 || is_separator(t) {
        return None;
    }
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let cells: Vec<String> = inner.split('|').map(normalise).collect();
    (cells.len() >= 2).then_some(cells)
}

/// Pipe tables, leaving out the lines of grid tables (`taken`).
fn pipes(lines: &[&str], taken: &[bool]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    let pipe_cells = |i: usize| pipe_cells(lines[i]).filter(|_| !taken[i]);
    while i < lines.len() {
        let Some(first) = pipe_cells(i) else {
            i += 1;
            continue;
        };
        let cells = |v: Vec<String>, n: usize| -> Vec<Cell> {
            v.into_iter()
                .map(|text| Cell {
                    text,
                    first: n,
                    last: n,
                })
                .collect()
        };
        let first = cells(first, i + 1);
        let separated = lines.get(i + 1).is_some_and(|l| is_separator(l));
        let named = first
            .iter()
            .filter(|c| !c.text.is_empty())
            .all(|c| vocab::column(&c.text).is_some());
        let mut table = Table {
            columns: Vec::new(),
            rows: Vec::new(),
        };
        if separated || named {
            table.columns = header(&first);
        } else {
            table.rows.push(Row {
                first: i + 1,
                last: i + 1,
                cells: first,
            });
        }
        i += 1;
        while i < lines.len() {
            if is_separator(lines[i]) {
                i += 1;
                continue;
            }
            let Some(c) = pipe_cells(i) else { break };
            table.rows.push(Row {
                first: i + 1,
                last: i + 1,
                cells: cells(c, i + 1),
            });
            i += 1;
        }
        out.push(table);
    }
    out
}

/// A grid table border (`+----+---+`, `+====+===+` under the header).
fn is_grid_border(t: &str) -> bool {
    t.len() > 2
        && t.starts_with('+')
        && t.ends_with('+')
        && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
}

/// The text of `line` from char column `a` up to `b` (to the end without one).
fn slice(line: &str, a: usize, b: Option<usize>) -> String {
    let chars = line.chars().skip(a);
    let text: String = match b {
        Some(b) => chars.take(b.saturating_sub(a)).collect(),
        None => chars.collect(),
    };
    text
}

/// Grid tables, and which lines they hold (so they are not read again as pipe rows). The
/// columns are where the first border has a `+`; a row runs from one border to the next.
fn grid(lines: &[&str]) -> (Vec<Table>, Vec<bool>) {
    let mut taken = vec![false; lines.len()];
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if !is_grid_border(t) {
            i += 1;
            continue;
        }
        let indent = lines[i].chars().take_while(|c| *c == ' ').count();
        let plus: Vec<usize> = lines[i]
            .chars()
            .enumerate()
            .filter(|(_, c)| *c == '+')
            .map(|(k, _)| k)
            .collect();
        let mut table = Table {
            columns: Vec::new(),
            rows: Vec::new(),
        };
        let mut texts: Vec<String> = vec![String::new(); plus.len() - 1];
        let mut first = None;
        let mut j = i;
        taken[j] = true;
        j += 1;
        while j < lines.len() {
            let l = lines[j];
            let t = l.trim();
            if is_grid_border(t) {
                taken[j] = true;
                if let Some(f) = first.take() {
                    let cells = texts
                        .iter_mut()
                        .map(|x| Cell {
                            text: normalise(&std::mem::take(x)),
                            first: f,
                            last: j,
                        })
                        .collect::<Vec<_>>();
                    if t.contains('=') && table.columns.is_empty() && table.rows.is_empty() {
                        table.columns = header(&cells);
                    } else {
                        table.rows.push(Row {
                            first: f,
                            last: j,
                            cells,
                        });
                    }
                }
                j += 1;
                continue;
            }
            if !t.starts_with('|') || l.chars().take_while(|c| *c == ' ').count() != indent {
                break;
            }
            taken[j] = true;
            first.get_or_insert(j + 1);
            for (k, x) in texts.iter_mut().enumerate() {
                x.push_str(&slice(l, plus[k] + 1, Some(plus[k + 1])));
                x.push(' ');
            }
            j += 1;
        }
        out.push(table);
        i = j.max(i + 1);
    }
    (out, taken)
}

/// A simple table border: runs of `=` apart by spaces (`=====  ====  ===`).
fn is_simple_border(t: &str) -> bool {
    t.contains("==") && t.contains(' ') && t.chars().all(|c| c == '=' || c == ' ')
}

/// Simple tables: border, header, border, rows, border. The columns start where the
/// border's runs do, the last one running to the end of the line; a line whose first column
/// is blank continues the row above.
fn simple(lines: &[&str]) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_simple_border(lines[i].trim()) {
            i += 1;
            continue;
        }
        let border: Vec<char> = lines[i].chars().collect();
        let starts: Vec<usize> = (0..border.len())
            .filter(|&k| border[k] == '=' && (k == 0 || border[k - 1] == ' '))
            .collect();
        let split = |l: &str| -> Vec<String> {
            (0..starts.len())
                .map(|k| slice(l, starts[k], starts.get(k + 1).copied()))
                .collect()
        };
        let Some(second) = (i + 1..lines.len()).find(|&j| is_simple_border(lines[j].trim())) else {
            break;
        };
        // Without a header the second border closes the table (nothing follows it).
        let headed = lines.get(second + 1).is_some_and(|l| !l.trim().is_empty());
        let mut table = Table {
            columns: Vec::new(),
            rows: Vec::new(),
        };
        let body = if headed {
            let mut head = vec![String::new(); starts.len()];
            for l in &lines[i + 1..second] {
                for (h, x) in head.iter_mut().zip(split(l)) {
                    h.push_str(&x);
                    h.push(' ');
                }
            }
            let head: Vec<Cell> = head
                .iter()
                .map(|h| Cell {
                    text: normalise(h),
                    first: i + 2,
                    last: second,
                })
                .collect();
            table.columns = header(&head);
            second + 1
        } else {
            i + 1
        };
        let mut j = body;
        while j < lines.len() && !is_simple_border(lines[j].trim()) {
            let l = lines[j];
            if l.trim().is_empty() {
                j += 1;
                continue;
            }
            let parts = split(l);
            let n = j + 1;
            match table.rows.last_mut() {
                // A blank first column continues the row above.
                Some(row) if parts[0].trim().is_empty() => {
                    row.last = n;
                    for (c, x) in row.cells.iter_mut().zip(parts) {
                        if !x.trim().is_empty() {
                            c.text = normalise(&format!("{} {x}", c.text));
                            c.last = n;
                        }
                    }
                }
                _ => table.rows.push(Row {
                    first: n,
                    last: n,
                    cells: parts
                        .iter()
                        .map(|x| Cell {
                            text: normalise(x),
                            first: n,
                            last: n,
                        })
                        .collect(),
                }),
            }
            j += 1;
        }
        out.push(table);
        i = j + 1;
    }
    out
}

/// A line holding one cell of a flattened table (`text |`).
fn single_cell(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with('|') && t.matches('|').count() == 1
}

fn flattened(lines: &[&str]) -> Vec<Table> {
    // Each header: the separator's line index and its column count.
    let headers: Vec<(usize, usize)> = (0..lines.len())
        .filter(|&i| is_separator(lines[i]) && pipe_cells(lines[i]).is_none())
        .filter_map(|i| {
            let n = lines[i].trim().trim_end_matches('|').split('|').count();
            (n >= 2 && i >= n && (i - n..i).all(|j| single_cell(lines[j]))).then_some((i, n))
        })
        .collect();
    let starts: Vec<usize> = headers.iter().map(|(i, n)| i - n).collect();
    let mut out = Vec::new();
    for &(sep, n) in &headers {
        let head: Vec<Cell> = (sep - n..sep)
            .map(|j| Cell {
                text: normalise(lines[j].trim_end().trim_end_matches('|')),
                first: j + 1,
                last: j + 1,
            })
            .collect();
        let mut table = Table {
            columns: header(&head),
            rows: Vec::new(),
        };
        let mut row: Vec<Cell> = Vec::new();
        let mut cell: Option<(String, usize)> = None;
        for (j, line) in lines.iter().enumerate().skip(sep + 1) {
            let open = !row.is_empty() || cell.is_some();
            if starts.contains(&j)
                || is_separator(line)
                || (!open && !line.trim_end().ends_with('|'))
            {
                break;
            }
            let text = line.trim_end();
            let (part, done) = match text.strip_suffix('|') {
                Some(p) => (p, true),
                None => (text, false),
            };
            let c = cell.get_or_insert_with(|| (String::new(), j + 1));
            c.0.push_str(part);
            c.0.push(' ');
            if done {
                let (t, first) = cell.take().expect("a cell");
                row.push(Cell {
                    text: normalise(&t),
                    first,
                    last: j + 1,
                });
                if row.len() == n {
                    let cells = std::mem::take(&mut row);
                    table.rows.push(Row {
                        first: cells[0].first,
                        last: j + 1,
                        cells,
                    });
                }
            }
        }
        out.push(table);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_shapes() {
        let pipes = "x\n| Name | Type | Required |\n|---|---|---|\n| a | int | Yes |\n| b | string | No |\nafter";
        let t = read(pipes);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].column(Column::Type), Some(1));
        assert_eq!(t[0].rows.len(), 2);
        assert_eq!(t[0].rows[1].first, 5);
        assert_eq!(
            t[0].cell(&t[0].rows[1], Column::Required).unwrap().text,
            "No"
        );

        let flat =
            "Parâmetro |\nTipo |\n---|---|\nid |\nString |\nnome |\nmulti\nline |\nnot a cell";
        let t = read(flat);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows.len(), 2);
        assert_eq!(t[0].rows[1].cells[1].text, "multi line");
        assert_eq!((t[0].rows[1].first, t[0].rows[1].last), (6, 8));

        let html = "<table><thead><tr><th>Parameter</th>\n<th>Type</th></tr></thead>\n<tr><td>a</td>\n<td><p>Integer</p>\n</td>\n</tr></table>";
        let t = read(html);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows.len(), 1);
        assert_eq!(t[0].name(&t[0].rows[0]).unwrap().text, "a");
        assert_eq!(
            t[0].cell(&t[0].rows[0], Column::Type).unwrap().text,
            "Integer"
        );
        assert_eq!((t[0].rows[0].first, t[0].rows[0].last), (3, 6));
    }

    #[test]
    fn reads_rst_grid_and_simple_tables() {
        let grid = "   +------+---------+\n   | Name | Type    |\n   +======+=========+\n   | a    | Integer |\n   |      | x       |\n   +------+---------+\n   | b    | String  |\n   +------+---------+\n";
        let t = read(grid);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].column(Column::Type), Some(1));
        assert_eq!(t[0].rows.len(), 2);
        assert_eq!((t[0].rows[0].first, t[0].rows[0].last), (4, 5));
        assert_eq!(
            t[0].cell(&t[0].rows[0], Column::Type).unwrap().text,
            "Integer x"
        );
        assert_eq!(t[0].name(&t[0].rows[1]).unwrap().text, "b");

        let simple = "   ==== ========= ======\n   Name Mandatory Type\n   ==== ========= ======\n   a    Yes       String\n                  more\n   b    No        Long\n   ==== ========= ======\nafter\n";
        let t = read(simple);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].rows.len(), 2);
        assert_eq!((t[0].rows[0].first, t[0].rows[0].last), (4, 5));
        assert_eq!(
            t[0].cell(&t[0].rows[0], Column::Type).unwrap().text,
            "String more"
        );
        assert_eq!(
            t[0].cell(&t[0].rows[1], Column::Required).unwrap().text,
            "No"
        );
    }

    #[test]
    fn a_name_cell_names_its_name_only() {
        assert!(names("svr_ids", "svr_ids"));
        assert!(names("svr_ids (array)", "svr_ids"));
        assert!(!names("svr_ids_all", "svr_ids"));
        assert!(!names("the svr_ids", "svr_ids"));
    }
}
