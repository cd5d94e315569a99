//! One pass over a page's blocks: operations open at request addresses (an address counts
//! as a new operation when it is the first, or a parameter table with a required column
//! follows it before the next address), and the tables, curl commands and JSON blocks
//! after it are collected for it, each under the section (request, response, failure) and
//! status the headings before it set.

use indexmap::IndexMap;
use serde_json::Value;
use spec::format::{BodyEncoding, Method};

use crate::blocks::{Block, Table};
use crate::cite::Lines;
use crate::json::{depth, JsonBlock};
use crate::request::{self, Curl, Url};
use crate::vocab::{self, Column, Section};

#[derive(Debug, Clone)]
pub struct Scanned {
    pub title: String,
    pub ops: Vec<OpScan>,
    /// Things found and not used, for TODO comments.
    pub dropped: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct OpScan {
    pub method: Method,
    pub url: Url,
    pub origin: String,
    pub tables: Vec<(Section, Option<u16>, Table)>,
    pub examples: Vec<ExScan>,
    pub encoding: Option<(BodyEncoding, String)>,
    pub success: Option<u16>,
    /// Page lines of the address (method and URL), for citations (0: unknown).
    pub lines: Lines,
    /// False when the method is implied (a curl command without `-X`).
    pub method_stated: bool,
    /// The line that gives the success status.
    pub success_at: usize,
    /// The line of the status heading over each table (0: none), by table index.
    pub table_status_at: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct ExScan {
    pub origin: String,
    pub url: Option<Url>,
    pub headers: IndexMap<String, String>,
    /// A JSON body (as a block, possibly broken).
    pub json: Option<JsonBlock>,
    /// Form fields (curl `--form`, a value table).
    pub form: Option<IndexMap<String, String>>,
    /// Written as a table of names and values (a corrected value cites its row).
    pub from_table: bool,
    pub response: Option<ResponseScan>,
    /// Page lines of the request part (address, curl, body, value table).
    pub lines: Lines,
}

#[derive(Debug, Clone)]
pub struct ResponseScan {
    pub status: Option<u16>,
    pub failure: bool,
    pub body: JsonBlock,
    /// Page lines of the body, and of the status heading over it.
    pub lines: Lines,
    pub status_at: usize,
}

pub fn columns(t: &Table) -> Vec<Option<Column>> {
    t.rows
        .first()
        .map(|h| h.iter().map(|c| vocab::column(&c.text)).collect())
        .unwrap_or_default()
}

pub fn col(t: &Table, c: Column) -> Option<usize> {
    columns(t).iter().position(|x| *x == Some(c))
}

pub fn is_param_table(t: &Table) -> bool {
    col(t, Column::Name).is_some() && col(t, Column::Required).is_some()
}

/// A parameter table of the request: one under a response or failure heading lists the
/// members of that body, whatever its columns.
pub fn is_request_table(section: Section, t: &Table) -> bool {
    is_param_table(t) && !matches!(section, Section::Response | Section::Failure)
}

/// (name, type word, page lines) of each row of a field table.
pub fn table_fields(t: &Table) -> Vec<(String, Option<vocab::TypeWord>, (usize, usize))> {
    let Some(nc) = col(t, Column::Name) else {
        return Vec::new();
    };
    let tc = col(t, Column::Type);
    t.rows
        .iter()
        .zip(t.rows_at.iter())
        .skip(1)
        .filter_map(|(r, at)| {
            let name = r.get(nc)?.text.trim().to_string();
            (!name.is_empty() && !name.contains(' ')).then(|| {
                (
                    name,
                    tc.and_then(|c| r.get(c))
                        .and_then(|c| vocab::type_cell(&c.text).0),
                    *at,
                )
            })
        })
        .collect()
}

/// The required flags a table's required column states, by row name (rows whose cell
/// states no flag left out).
pub fn table_required(t: &Table) -> Vec<(String, bool, (usize, usize))> {
    let (Some(nc), Some(rc)) = (col(t, Column::Name), col(t, Column::Required)) else {
        return Vec::new();
    };
    t.rows
        .iter()
        .zip(t.rows_at.iter())
        .skip(1)
        .filter_map(|(r, at)| {
            let name = r.get(nc)?.text.trim().to_string();
            let flag = vocab::required(&r.get(rc)?.text)?;
            (!name.is_empty() && !name.contains(' ')).then_some((name, flag, *at))
        })
        .collect()
}

/// A table of names and values only: a request written as a table.
fn is_value_table(t: &Table) -> bool {
    let c = columns(t);
    c.len() == 2 && c.contains(&Some(Column::Name)) && c.contains(&Some(Column::Example))
}

/// The HTTP status a line names beside a status word (`Status code: 200`), in any language
/// the vocabulary knows; also the tree drafter's reading of status lines.
pub(crate) fn status_in(line: &str) -> Option<u16> {
    let lower = line.to_lowercase();
    if !vocab::STATUS_WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    lower
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 3)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|n| (100..600).contains(n))
}

enum Address {
    /// Method, URL, text after the URL, and the blocks that give them.
    Line(Method, String, String, Vec<usize>),
    Curl(Box<Curl>, usize),
}

/// The page line of block `i` (0 when unknown).
fn block_line(blocks: &[Block], i: usize) -> usize {
    match blocks.get(i) {
        Some(Block::Line(_, n)) => *n,
        Some(Block::Table(t)) => t.line,
        None => 0,
    }
}

pub fn scan(blocks: &[Block]) -> Scanned {
    let texts: Vec<&str> = blocks
        .iter()
        .map(|b| match b {
            Block::Line(l, _) => l.as_str(),
            Block::Table(_) => "",
        })
        .collect();
    let line_no = |i: usize| match &blocks[i] {
        Block::Line(_, n) if *n > 0 => format!("line {n}"),
        Block::Table(t) if t.line > 0 => format!("line {}", t.line),
        _ => format!("block {}", i + 1),
    };
    // Addresses first, so a definition can look ahead for its parameter table.
    let mut addresses: Vec<(usize, Address)> = Vec::new();
    let mut i = 0;
    while i < texts.len() {
        let t = texts[i].trim();
        if let Some((c, next)) = request::curl_at(&texts, i) {
            addresses.push((i, Address::Curl(Box::new(c), next)));
            i = next;
            continue;
        }
        if let Some((m, url, tail)) = request::request_line(t) {
            addresses.push((i, Address::Line(m, url, tail, vec![i])));
        } else if let Some(m) = request::method(t) {
            if let Some(url) = texts.get(i + 1).and_then(|n| request::url_line(n)) {
                addresses.push((i, Address::Line(m, url, String::new(), vec![i, i + 1])));
            }
        } else if let Some(m) = request::method_label(t) {
            let near = (i.saturating_sub(3)..i)
                .rev()
                .chain(i + 1..(i + 4).min(texts.len()));
            if let Some((j, url)) = near
                .filter_map(|j| request::url_line(texts[j]).map(|u| (j, u)))
                .next()
            {
                addresses.push((i, Address::Line(m, url, String::new(), vec![i, j])));
            }
        }
        i += 1;
    }
    let defines = |k: usize| {
        let from = addresses[k].0;
        let to = addresses.get(k + 1).map(|a| a.0).unwrap_or(blocks.len());
        blocks[from..to]
            .iter()
            .any(|b| matches!(b, Block::Table(t) if is_param_table(t)))
    };

    let title = texts
        .iter()
        .find(|t| !t.trim().is_empty())
        .unwrap_or(&"")
        .trim()
        .to_string();
    let mut ops: Vec<OpScan> = Vec::new();
    let mut dropped = Vec::new();
    let mut pending_tables: Vec<(Section, Option<u16>, Table)> = Vec::new();
    let mut section = Section::Request;
    let mut status: Option<u16> = None;
    let mut status_at = 0;
    let mut next_addr = 0;
    let mut i = 0;
    while i < blocks.len() {
        if next_addr < addresses.len() && addresses[next_addr].0 == i {
            let k = next_addr;
            next_addr += 1;
            let definition =
                ops.is_empty() || (matches!(addresses[k].1, Address::Line(..)) && defines(k));
            let (method, url, tail, curl, next, lines) = match &addresses[k].1 {
                Address::Line(m, u, tail, at) => (
                    *m,
                    request::parse_url(u),
                    tail.clone(),
                    None,
                    i + 1,
                    at.iter()
                        .map(|&b| (block_line(blocks, b), block_line(blocks, b)))
                        .collect(),
                ),
                Address::Curl(c, next) => (
                    c.method,
                    c.url.clone(),
                    String::new(),
                    Some(c.clone()),
                    *next,
                    vec![(block_line(blocks, i), block_line(blocks, next - 1))],
                ),
            };
            if definition {
                ops.push(OpScan {
                    method,
                    url: url.clone(),
                    origin: line_no(i),
                    tables: std::mem::take(&mut pending_tables),
                    examples: Vec::new(),
                    encoding: None,
                    success: None,
                    lines: lines.clone(),
                    method_stated: curl.as_ref().is_none_or(|c| c.method_stated),
                    success_at: 0,
                    table_status_at: Vec::new(),
                });
                section = Section::Request;
                status = None;
                status_at = 0;
            }
            let op = ops.last_mut().expect("an operation is open");
            let mut ex = ExScan {
                origin: line_no(i),
                url: Some(url),
                lines,
                ..ExScan::default()
            };
            if let Some(c) = curl {
                ex.origin = format!("the curl command at {}", line_no(i));
                ex.headers = c.headers.clone();
                ex.json = c.data.as_deref().map(JsonBlock::new);
                if !c.form.is_empty() {
                    ex.form = Some(c.form.clone());
                    op.encoding
                        .get_or_insert((BodyEncoding::Multipart, ex.origin.clone()));
                }
                op.examples.push(ex);
            } else if !tail.is_empty() && tail.starts_with(['{', '[']) {
                ex.origin = format!("the request at {}", line_no(i));
                ex.json = Some(JsonBlock::new(&tail));
                op.examples.push(ex);
            } else {
                ex.origin = format!("the request address at {}", line_no(i));
                op.examples.push(ex);
            }
            i = next;
            continue;
        }
        match &blocks[i] {
            Block::Table(t) => {
                if is_value_table(t) && !ops.is_empty() {
                    let form = t
                        .rows
                        .iter()
                        .skip(1)
                        .filter(|r| r.len() >= 2)
                        .map(|r| (r[0].text.clone(), r[1].text.clone()))
                        .collect();
                    let op = ops.last_mut().expect("checked");
                    op.examples.push(ExScan {
                        origin: format!("the value table at {}", line_no(i)),
                        form: Some(form),
                        from_table: true,
                        lines: t.lines_from(0),
                        ..ExScan::default()
                    });
                } else {
                    // A form parameter table with sample values is also a request.
                    if let (Some(op), Some(nc), Some(ec)) = (
                        ops.last_mut(),
                        col(t, Column::Name),
                        col(t, Column::Example),
                    ) {
                        let form_body = matches!(
                            op.encoding,
                            Some((BodyEncoding::Multipart | BodyEncoding::Urlencoded, _))
                        );
                        let form: IndexMap<String, String> = t
                            .rows
                            .iter()
                            .skip(1)
                            .filter_map(|r| {
                                Some((r.get(nc)?.text.clone(), r.get(ec)?.text.clone()))
                            })
                            .filter(|(_, v)| !v.is_empty())
                            .collect();
                        if form_body && is_param_table(t) && !form.is_empty() {
                            op.examples.push(ExScan {
                                origin: format!("the sample values of the table at {}", line_no(i)),
                                form: Some(form),
                                from_table: true,
                                lines: t.lines_from(0),
                                ..ExScan::default()
                            });
                        }
                    }
                    let entry = (section, status, t.clone());
                    match ops.last_mut() {
                        Some(op) => {
                            op.tables.push(entry);
                            op.table_status_at.push(status_at);
                        }
                        None => pending_tables.push(entry),
                    }
                }
                i += 1;
            }
            Block::Line(l, _) => {
                let t = l.trim();
                if t.starts_with(['{', '[']) {
                    let start = i;
                    let mut text = String::new();
                    let mut d = 0;
                    let mut s = false;
                    while i < blocks.len() {
                        let Block::Line(l, _) = &blocks[i] else { break };
                        if !text.is_empty() {
                            text.push('\n');
                        }
                        text.push_str(l);
                        d = depth(l, d, &mut s);
                        i += 1;
                        if d <= 0 {
                            break;
                        }
                    }
                    let block = JsonBlock::new(&text);
                    let at = vec![(block_line(blocks, start), block_line(blocks, i - 1))];
                    let Some(op) = ops.last_mut() else {
                        dropped.push(format!(
                            "a JSON block at {} before any request address",
                            line_no(start)
                        ));
                        continue;
                    };
                    let place = Place {
                        section,
                        status,
                        status_at,
                        at: line_no(start),
                        lines: at,
                    };
                    json_block(op, place, block, &mut dropped);
                    continue;
                }
                let lower = t.to_lowercase();
                if let Some(op) = ops.last_mut() {
                    if let Some((_, enc)) =
                        vocab::FORM_WORDS.iter().find(|(w, _)| lower.contains(w))
                    {
                        op.encoding.get_or_insert((*enc, line_no(i)));
                    }
                }
                if lower.contains("!=") || lower.contains("not 200") {
                    status = None;
                    status_at = 0;
                    section = Section::Failure;
                } else if let Some(n) = status_in(t) {
                    status = Some(n);
                    status_at = block_line(blocks, i);
                    section = if n < 400 {
                        Section::Response
                    } else {
                        Section::Failure
                    };
                    if n < 300 {
                        if let Some(op) = ops.last_mut() {
                            if op.success.is_none() {
                                op.success = Some(n);
                                op.success_at = status_at;
                            }
                        }
                    }
                } else if let Some(s) = vocab::section(t) {
                    section = s;
                    status = None;
                    status_at = 0;
                }
                i += 1;
            }
        }
    }
    Scanned {
        title,
        ops,
        dropped,
    }
}

/// Where a JSON block sits: under which heading and status, at which lines.
struct Place {
    section: Section,
    status: Option<u16>,
    status_at: usize,
    /// The block's position in words (`line 12`).
    at: String,
    lines: Lines,
}

fn json_block(op: &mut OpScan, place: Place, block: JsonBlock, dropped: &mut Vec<String>) {
    let Place {
        section,
        status,
        status_at,
        at,
        lines,
    } = place;
    match section {
        Section::Request => {
            // A body naming none of the parameters the tables list belongs elsewhere.
            let names: Vec<String> = op
                .tables
                .iter()
                .filter(|(s, _, t)| is_request_table(*s, t))
                .flat_map(|(_, _, t)| {
                    let c = col(t, Column::Name).unwrap_or(0);
                    t.rows
                        .iter()
                        .skip(1)
                        .filter_map(move |r| r.get(c).map(|x| x.text.clone()))
                })
                .collect();
            let keys: Vec<String> = match block.best() {
                Some(Value::Object(m)) => m.keys().cloned().collect(),
                _ => Vec::new(),
            };
            if !names.is_empty() && !keys.is_empty() && !keys.iter().any(|k| names.contains(k)) {
                dropped.push(format!(
                    "the request body at {at} names none of the table's parameters (another operation whose address the page does not give?)"
                ));
                return;
            }
            // The body of the address just before it, or a request of its own.
            match op.examples.last_mut() {
                Some(e)
                    if e.json.is_none()
                        && e.form.is_none()
                        && e.response.is_none()
                        && e.url.is_some() =>
                {
                    e.origin = format!("{} with the JSON block at {at}", e.origin);
                    e.json = Some(block);
                    e.lines.extend(lines);
                }
                _ => op.examples.push(ExScan {
                    origin: format!("the JSON block at {at}"),
                    url: Some(op.url.clone()),
                    json: Some(block),
                    lines,
                    ..ExScan::default()
                }),
            }
        }
        Section::Response | Section::Failure => {
            let failure = section == Section::Failure;
            let response = ResponseScan {
                status,
                failure,
                body: block,
                lines,
                status_at,
            };
            // A response answers the request just before it, if that has none yet.
            let pending = op
                .examples
                .last_mut()
                .filter(|e| e.response.is_none() && !e.from_table && e.url.is_some());
            match pending {
                Some(e) if !failure => {
                    e.origin = format!("{} and the response at {at}", e.origin);
                    e.response = Some(response);
                }
                _ => op.examples.push(ExScan {
                    origin: format!("the response at {at}"),
                    response: Some(response),
                    ..ExScan::default()
                }),
            }
        }
    }
}
