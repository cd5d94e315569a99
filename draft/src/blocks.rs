//! A page as a sequence of text lines and tables, whatever its format. Plain text is read
//! here: pipe tables (`| a | b |` or `a | b |` rows) and flattened tables (one `cell |` per
//! line, a `---|---|` separator after the header cells).

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A line of text, with its 1-based line on the page (0 when the format has none).
    Line(String, usize),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The first row is the header.
    pub rows: Vec<Vec<Cell>>,
    /// Line on the page where the table starts (0 when unknown).
    pub line: usize,
    /// First and last page line of each row (0 when unknown), for citations.
    pub rows_at: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub text: String,
    /// Emphasised words in the cell (HTML `<strong>`, Markdown `**`): enum candidates.
    pub marked: Vec<String>,
    /// The anchors the cell links to (an RST `:ref:`, an HTML or Markdown `#fragment`),
    /// lowercased: the tables that define a nested type.
    pub links: Vec<String>,
}

impl Table {
    /// A table of plain cells, with the page lines of each row.
    pub fn from_rows(rows: Vec<Vec<String>>, rows_at: Vec<(usize, usize)>) -> Table {
        let rows: Vec<Vec<Cell>> = rows
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|text| Cell {
                        text,
                        ..Cell::default()
                    })
                    .collect()
            })
            .collect();
        let line = rows_at.first().map(|r| r.0).unwrap_or(0);
        let mut t = Table::new(rows, line);
        t.rows_at = rows_at;
        t
    }

    pub fn new(rows: Vec<Vec<Cell>>, line: usize) -> Table {
        let rows_at = vec![(0, 0); rows.len()];
        Table {
            rows,
            line,
            rows_at,
        }
    }

    /// The page lines of rows `from..` (all rows from 0), as `(first, last)` ranges.
    pub fn lines_from(&self, from: usize) -> Vec<(usize, usize)> {
        self.rows_at.iter().skip(from).copied().collect()
    }
}

fn is_separator(t: &str) -> bool {
    t.contains("---")
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '-' | '|' | ':' | ' ' | '\t'))
}

fn pipe_cells(t: &str) -> Vec<String> {
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| c.trim().to_string()).collect()
}

fn is_row(t: &str) -> bool {
    t.matches('|').count() >= 2 && !is_separator(t)
}

fn is_cell_line(t: &str) -> bool {
    t.ends_with('|') && t.matches('|').count() == 1
}

/// Plain text: lines, pipe tables and flattened tables.
pub fn text_blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if is_row(t) {
            let start = i;
            let mut rows = Vec::new();
            let mut at = Vec::new();
            while i < lines.len() && (is_row(lines[i].trim()) || is_separator(lines[i].trim())) {
                if !is_separator(lines[i].trim()) {
                    rows.push(pipe_cells(lines[i].trim()));
                    at.push((i + 1, i + 1));
                }
                i += 1;
            }
            if rows.len() >= 2 {
                out.push(Block::Table(Table::from_rows(rows, at)));
            } else {
                out.push(Block::Line(t.to_string(), start + 1));
            }
            continue;
        }
        if is_cell_line(t) {
            if let Some((tables, next)) = flattened(&lines, i) {
                out.extend(tables.into_iter().map(Block::Table));
                i = next;
                continue;
            }
        }
        if !t.is_empty() {
            out.push(Block::Line(t.to_string(), i + 1));
        }
        i += 1;
    }
    out
}

/// Flattened tables from line `start`: the tables and the first line after them, or None
/// when no separator follows the first cells.
fn flattened(lines: &[&str], start: usize) -> Option<(Vec<Table>, usize)> {
    // (cells with their first and last line, width) of each table.
    type Cells = Vec<(String, usize, usize)>;
    let mut tables: Vec<(Cells, usize)> = Vec::new();
    let mut pending: Cells = Vec::new();
    let mut partial: Option<(String, usize)> = None;
    let mut i = start;
    while i < lines.len() {
        let t = lines[i].trim();
        if is_separator(t) && partial.is_none() {
            let width = t.trim_end_matches('|').split('|').count();
            if pending.len() < width {
                break;
            }
            let header = pending.split_off(pending.len() - width);
            if let Some(last) = tables.last_mut() {
                last.0.append(&mut pending);
            }
            tables.push((header, width));
            i += 1;
            continue;
        }
        if t.ends_with('|') && !is_row(t) {
            let cell = t.trim_end_matches('|').trim();
            let (text, first) = match partial.take() {
                Some((p, l)) if cell.is_empty() => (p, l),
                Some((p, l)) => (format!("{p} {cell}"), l),
                None => (cell.to_string(), i + 1),
            };
            pending.push((text, first, i + 1));
            i += 1;
            continue;
        }
        // A line without a closing pipe continues a cell only inside a row.
        let mid_row = tables
            .last()
            .is_some_and(|(cells, w)| !(cells.len() + pending.len()).is_multiple_of(*w));
        if mid_row && !t.is_empty() {
            partial = Some(match partial.take() {
                Some((p, l)) => (format!("{p} {t}"), l),
                None => (t.to_string(), i + 1),
            });
            i += 1;
            continue;
        }
        break;
    }
    if tables.is_empty() {
        return None;
    }
    if let Some(last) = tables.last_mut() {
        last.0.append(&mut pending);
    }
    let out = tables
        .into_iter()
        .map(|(cells, width)| {
            let chunks: Vec<&[(String, usize, usize)]> = cells.chunks(width).collect();
            let rows = chunks
                .iter()
                .map(|c| c.iter().map(|x| x.0.clone()).collect())
                .collect();
            let at = chunks
                .iter()
                .map(|c| {
                    let first = c.iter().map(|x| x.1).min().unwrap_or(0);
                    (first, c.iter().map(|x| x.2).max().unwrap_or(first))
                })
                .collect();
            Table::from_rows(rows, at)
        })
        .collect();
    Some((out, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(text: &str) -> Vec<Vec<Vec<String>>> {
        text_blocks(text)
            .into_iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(
                    t.rows
                        .iter()
                        .map(|r| r.iter().map(|c| c.text.clone()).collect())
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn pipe_tables_with_and_without_outer_pipes() {
        let t = tables("Intro\n| Name | Kind |\n|---|---|\n| color | string |\nAfter\n");
        assert_eq!(t, vec![vec![vec!["Name", "Kind"], vec!["color", "string"]]]);
        let t = tables("Name | Sample |\nsize | 12 |\nshape | round |\n");
        assert_eq!(t[0][2], vec!["shape", "round"]);
    }

    #[test]
    fn flattened_tables_split_at_each_separator() {
        let text = "Head\nName |\nKind |\n---|---|\nsize |\nInteger |\nnote |\nfree\ntext\n|\n\
                    Field |\nKind |\n---|---|\nok |\nBoolean |\nAfter the table\n";
        let t = tables(text);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0][1], vec!["size", "Integer"]);
        assert_eq!(t[0][2], vec!["note", "free text"]);
        assert_eq!(t[1], vec![vec!["Field", "Kind"], vec!["ok", "Boolean"]]);
        let lines: Vec<Block> = text_blocks(text);
        assert!(matches!(lines.last(), Some(Block::Line(l, 16)) if l == "After the table"));
    }
}
