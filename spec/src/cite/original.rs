//! A corrected example against its `original`: the page's text, once its erratum's stated
//! fix is applied (a missing or trailing comma, an elision), must read as the example, every
//! member and value alike except those the erratum `corrects:`. So a slip in the corrected
//! body (a value changed, a member renamed, dropped or added) is caught even where each of
//! its values is still somewhere on the cited lines.
//!
//! Three shapes of original are read: JSON (held to the example's response body, else its
//! request body), `name | value |` table lines (each row held to the request member of that
//! name) and a request line `METHOD URL` (its method and query members; `{placeholder}`
//! values are the ones the erratum fills).

use serde_json::Value;

use crate::format::{Erratum, Example, Operation};

/// A repair the JSON reader made to read the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repair {
    /// Two members or items with no comma between them.
    MissingComma,
    /// A comma before a closing bracket.
    TrailingComma,
    /// `...` standing for elided members or items.
    Elision,
}

impl Repair {
    fn says(self) -> &'static str {
        match self {
            Repair::MissingComma => "a missing comma restored",
            Repair::TrailingComma => "a trailing comma removed",
            Repair::Elision => "an elision (`...`) dropped",
        }
    }

    /// Whether an erratum's text states this fix, in the words of any language read
    /// ([`crate::vocab::REPAIR_WORDS`]).
    fn stated_by(self, text: &str) -> bool {
        let kind = match self {
            Repair::MissingComma | Repair::TrailingComma => crate::vocab::Repair::Comma,
            Repair::Elision => crate::vocab::Repair::Elision,
        };
        crate::vocab::states_repair(text, kind)
    }
}

/// What is wrong with a corrected example against its original: one line each.
pub fn compare(op: &Operation, ex: &Example, erratum: Option<&Erratum>) -> Vec<String> {
    let Some(original) = ex.original.as_deref() else {
        return Vec::new();
    };
    let corrects: &[String] = erratum.map(|e| e.corrects.as_slice()).unwrap_or(&[]);
    let text = original.trim();
    if text.starts_with(['{', '[']) {
        return json(text, ex, erratum, corrects);
    }
    if let Some((method, rest)) = text.split_once(' ').filter(|(m, _)| is_method(m)) {
        // The address is the request line's; a body after it is not part of it.
        let url = rest.lines().next().unwrap_or_default();
        return request_line(op, ex, method, url.trim(), corrects);
    }
    let rows: Vec<(String, String)> = text.lines().filter_map(table_row).collect();
    if !rows.is_empty() {
        return table(&rows, ex, corrects);
    }
    vec!["its original is neither JSON, `name | value |` rows nor a request line: the checker cannot read it".into()]
}

fn is_method(m: &str) -> bool {
    ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&m)
}

fn table_row(line: &str) -> Option<(String, String)> {
    let cells: Vec<&str> = line.split('|').map(str::trim).collect();
    match cells.as_slice() {
        [name, value, rest @ ..] if !name.is_empty() && rest.iter().all(|c| c.is_empty()) => {
            Some((name.to_string(), value.to_string()))
        }
        _ => None,
    }
}

fn corrected(corrects: &[String], member: &str, values: &[&str]) -> bool {
    corrects
        .iter()
        .any(|c| c == member || values.iter().any(|v| c == v))
}

fn json(text: &str, ex: &Example, erratum: Option<&Erratum>, corrects: &[String]) -> Vec<String> {
    let mut reader = Reader::new(text);
    let parsed = reader.value();
    let Some(page) = parsed.filter(|_| reader.rest_is_blank()) else {
        return vec![format!(
            "its original does not read as JSON even with a comma or elision repaired (near character {})",
            reader.at
        )];
    };
    let mut out = Vec::new();
    let stated = erratum
        .map(|e| format!("{} {}", e.problem, e.choice).to_lowercase())
        .unwrap_or_default();
    let mut repairs = reader.repairs.clone();
    repairs.dedup();
    for r in repairs {
        if !r.stated_by(&stated) {
            out.push(format!(
                "its original reads as JSON only with {}, which {} does not state",
                r.says(),
                erratum.map_or("no erratum".to_string(), |e| format!("erratum {}", e.id))
            ));
        }
    }
    // The body the original shows: the one it differs least from.
    let bodies = [
        ex.response.as_ref().and_then(|r| r.body.as_ref()),
        ex.request.as_ref().and_then(|r| r.body.as_ref()),
    ];
    let best = bodies
        .iter()
        .flatten()
        .map(|b| {
            let mut d = Vec::new();
            diff("", &page, b, corrects, &mut d);
            d
        })
        .min_by_key(Vec::len);
    match best {
        Some(d) => out.extend(d),
        None => out.push("its original is JSON but the example has no body to hold to it".into()),
    }
    out
}

/// The differences of `body` from the page's `page`, members `corrects` names excepted.
fn diff(at: &str, page: &Value, body: &Value, corrects: &[String], out: &mut Vec<String>) {
    let member = at.rsplit('/').next().unwrap_or("");
    match (page, body) {
        (Value::Object(p), Value::Object(b)) => {
            for (k, v) in p {
                let here = format!("{at}/{k}");
                match b.get(k) {
                    Some(w) => diff(&here, v, w, corrects, out),
                    None if corrected(corrects, k, &[]) => {}
                    None => out.push(format!(
                        "`{here}` of the original is missing from the example"
                    )),
                }
            }
            for k in b.keys().filter(|k| !p.contains_key(*k)) {
                if !corrected(corrects, k, &[]) {
                    out.push(format!("`{at}/{k}` of the example is not in the original"));
                }
            }
        }
        (Value::Array(p), Value::Array(b)) => {
            if p.len() != b.len() {
                out.push(format!(
                    "`{at}` has {} items in the original, {} in the example",
                    p.len(),
                    b.len()
                ));
            }
            for (i, (v, w)) in p.iter().zip(b).enumerate() {
                diff(&format!("{at}/{i}"), v, w, corrects, out);
            }
        }
        (p, b) => {
            let (ps, bs) = (shown(p), shown(b));
            if ps != bs && !corrected(corrects, member, &[&ps, &bs]) {
                out.push(format!(
                    "`{at}` is `{bs}` in the example, `{ps}` in the original"
                ));
            }
        }
    }
}

/// A scalar as printed (a string without its quotes); other values as JSON.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn table(rows: &[(String, String)], ex: &Example, corrects: &[String]) -> Vec<String> {
    let req = ex.request.as_ref();
    let member = |name: &str| -> Option<String> {
        let r = req?;
        if let Some(v) = r.body.as_ref().and_then(|b| b.get(name)) {
            return Some(shown(v));
        }
        r.query
            .get(name)
            .or_else(|| r.path.get(name))
            .or_else(|| r.headers.get(name))
            .cloned()
    };
    let mut out = Vec::new();
    for (name, value) in rows {
        match member(name) {
            Some(v) if &v == value || corrected(corrects, name, &[&v, value]) => {}
            Some(v) => out.push(format!(
                "`{name}` is `{v}` in the example, `{value}` in the original"
            )),
            None if corrected(corrects, name, &[value]) => {}
            None => out.push(format!(
                "`{name}` of the original is missing from the example's request"
            )),
        }
    }
    out
}

fn request_line(
    op: &Operation,
    ex: &Example,
    method: &str,
    url: &str,
    corrects: &[String],
) -> Vec<String> {
    let mut out = Vec::new();
    if method != op.method.as_str() {
        out.push(format!(
            "its original is a {method} request, the operation a {}",
            op.method.as_str()
        ));
    }
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let page: Vec<(&str, &str)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    let empty = Default::default();
    let sent = ex.request.as_ref().map_or(&empty, |r| &r.query);
    for (k, v) in &page {
        let placeholder = v.starts_with('{') && v.ends_with('}');
        match sent.get(*k) {
            Some(s) if placeholder || s == v || corrected(corrects, k, &[s, v]) => {}
            Some(s) => out.push(format!(
                "query `{k}` is `{s}` in the example, `{v}` in the original"
            )),
            None if corrected(corrects, k, &[v]) => {}
            None => out.push(format!(
                "query `{k}` of the original is missing from the example"
            )),
        }
    }
    for k in sent.keys() {
        if !page.iter().any(|(p, _)| p == k) && !corrected(corrects, k, &[]) {
            out.push(format!("query `{k}` of the example is not in the original"));
        }
    }
    out
}

/// A forgiving JSON reader that records each repair it makes.
struct Reader<'t> {
    text: &'t [u8],
    at: usize,
    repairs: Vec<Repair>,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str) -> Self {
        Reader {
            text: text.as_bytes(),
            at: 0,
            repairs: Vec::new(),
        }
    }

    fn skip_blank(&mut self) {
        while self.text.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_blank();
        self.text.get(self.at).copied()
    }

    fn rest_is_blank(&mut self) -> bool {
        self.peek().is_none()
    }

    /// Skip `...` (and `…`), recording an elision.
    fn elision(&mut self) -> bool {
        self.skip_blank();
        let rest = &self.text[self.at..];
        let n = if rest.starts_with(b"...") {
            3
        } else if rest.starts_with("…".as_bytes()) {
            "…".len()
        } else {
            return false;
        };
        self.at += n;
        self.repairs.push(Repair::Elision);
        true
    }

    fn value(&mut self) -> Option<Value> {
        match self.peek()? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => self.string().map(Value::String),
            _ => self.scalar(),
        }
    }

    /// The members or items up to `close`, separators repaired.
    fn sequence(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.at += 1;
        let mut expect_item = true;
        let mut after_comma = false;
        loop {
            while self.elision() {
                expect_item = true;
            }
            match self.peek()? {
                c if c == close => {
                    if after_comma {
                        self.repairs.push(Repair::TrailingComma);
                    }
                    self.at += 1;
                    return Some(());
                }
                b',' => {
                    self.at += 1;
                    expect_item = true;
                    after_comma = true;
                }
                _ => {
                    if !expect_item {
                        self.repairs.push(Repair::MissingComma);
                    }
                    item(self)?;
                    expect_item = false;
                    after_comma = false;
                }
            }
        }
    }

    fn object(&mut self) -> Option<Value> {
        let mut map = serde_json::Map::new();
        self.sequence(b'}', |r| {
            if r.peek()? != b'"' {
                return None;
            }
            let key = r.string()?;
            if r.peek()? != b':' {
                return None;
            }
            r.at += 1;
            let v = r.value()?;
            map.insert(key, v);
            Some(())
        })?;
        Some(Value::Object(map))
    }

    fn array(&mut self) -> Option<Value> {
        let mut items = Vec::new();
        self.sequence(b']', |r| {
            items.push(r.value()?);
            Some(())
        })?;
        Some(Value::Array(items))
    }

    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.at += 1;
        while let Some(&c) = self.text.get(self.at) {
            self.at += 1;
            match c {
                b'\\' => self.at += 1,
                b'"' => {
                    let raw = std::str::from_utf8(&self.text[start..self.at]).ok()?;
                    return serde_json::from_str(raw).ok();
                }
                _ => {}
            }
        }
        None
    }

    fn scalar(&mut self) -> Option<Value> {
        let start = self.at;
        while self
            .text
            .get(self.at)
            .is_some_and(|c| c.is_ascii_alphanumeric() || b"+-.eE".contains(c))
        {
            self.at += 1;
        }
        let raw = std::str::from_utf8(&self.text[start..self.at]).ok()?;
        // `...` inside a sequence is an elision, read before a scalar is tried.
        if raw.is_empty() || raw.starts_with("..") {
            return None;
        }
        serde_json::from_str(raw).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::{compare, Reader, Repair};
    use serde_json::json;

    #[test]
    fn a_request_lines_query_is_its_own_not_the_bodys() {
        let op: crate::format::Operation = serde_yaml::from_str(
            r#"
id: op
summary: s
source: p
effect: create
method: POST
path: /v
request: {}
response: {status: 200, schema: {type: unit}}
examples:
  - name: e
    summary: s
    request:
      query: {a: "1"}
      body: {url: "https://x/?b=2"}
    original: "POST https://x/v?a=1\n\n{\"url\": \"https://x/?b=2\"}"
"#,
        )
        .expect("operation");
        assert_eq!(compare(&op, &op.examples[0], None), Vec::<String>::new());
        let mut slipped = op.examples[0].clone();
        slipped.request.as_mut().unwrap().query.clear();
        assert_eq!(
            compare(&op, &slipped, None),
            vec!["query `a` of the original is missing from the example".to_string()]
        );
    }

    fn read(text: &str) -> (Option<serde_json::Value>, Vec<Repair>) {
        let mut r = Reader::new(text);
        let v = r.value().filter(|_| r.rest_is_blank());
        (v, r.repairs)
    }

    #[test]
    fn reads_json_with_its_usual_slips_and_says_which() {
        assert_eq!(
            read(r#"{"a": 1, "b": [true, null]}"#),
            (Some(json!({"a": 1, "b": [true, null]})), vec![])
        );
        assert_eq!(
            read(r#"{"a": "x" "b": 2}"#),
            (Some(json!({"a": "x", "b": 2})), vec![Repair::MissingComma])
        );
        assert_eq!(
            read("{\"d\": {\n...\n\"e\": [ {\"f\": 1} ],\n}\n}"),
            (
                Some(json!({"d": {"e": [{"f": 1}]}})),
                vec![Repair::Elision, Repair::TrailingComma]
            )
        );
        assert_eq!(read(r#"{"a": }"#).0, None);
        assert_eq!(read(r#"{"a": 1} x"#).0, None);
    }

    #[test]
    fn a_fix_is_stated_in_any_language_the_vocabulary_reads() {
        assert!(Repair::MissingComma.stated_by("Falta uma vírgula após description."));
        assert!(Repair::TrailingComma.stated_by("Лишняя запятая после массива."));
        assert!(Repair::Elision.stated_by("Остальные поля заменены многоточием."));
        assert!(Repair::Elision.stated_by("其余字段省略"));
        assert!(!Repair::MissingComma.stated_by("The example differs from the page."));
        assert!(!Repair::Elision.stated_by("Uma vírgula falta."));
    }
}
