//! An API-reference page read table first (the shape of reStructuredText references:
//! a `URI` section with the address, captioned parameter tables, nested types through
//! `:ref:` links to labelled tables, status headings, `code-block` examples and a status
//! code table). Types, required flags and nesting come from the tables; examples are
//! decoded against them ([`crate::decode`]), each disagreement a TODO erratum keeping the
//! page's text as `original`.

use indexmap::IndexMap;
use serde_json::Value;
use spec::format::{
    AuthRef, AuthScheme, BodyEncoding, Cite, Effect, EnumValue, ErrorCase, Example, ExampleRequest,
    ExampleResponse, Field, Kind, Location, Match, Method, Operation, Parameter, Request, Response,
    Schema, TypeDef,
};

use crate::blocks::Table;
use crate::infer::{camel, kind, reference, snake, TODO};
use crate::op::Notes;
use crate::request;
use crate::rst::{self, Item, RstTable};
use crate::vocab::{self, Column};
use crate::words;

/// One page's operation with the types it names, its auth schemes and the errata its
/// examples need.
#[derive(Debug, Clone)]
pub struct PageOp {
    pub op: Operation,
    pub types: IndexMap<String, TypeDef>,
    pub auth: IndexMap<String, AuthScheme>,
    /// Errata as (problem, original page text) per example index; numbered when merged.
    pub errata: Vec<(usize, String)>,
    /// `scheme://host` of the first example URL.
    pub base: Option<String>,
    pub title: String,
    /// Notes by path within the operation (`/request/parameters/0`) or type (`/types/X`).
    pub notes: Notes,
    /// Status codes the page lists as errors without a body table (`(status, lines)`).
    pub bare_errors: Vec<(u16, (usize, usize))>,
}

/// Why a page is not an operation page.
#[derive(Debug, Clone, PartialEq)]
pub enum NotAnOperation {
    NoAddress,
}

/// Where a table's rows go.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Params(Location),
    Response(u16),
    Statuses,
    Other,
}

fn lines_cite(at: &[(usize, usize)]) -> Option<Cite> {
    crate::cite::lines(at)
}

fn table_span(t: &Table) -> (usize, usize) {
    let first = t.rows_at.first().map(|r| r.0).unwrap_or(0);
    let last = t.rows_at.last().map(|r| r.1).unwrap_or(first);
    (first, last)
}

fn header_col(t: &Table, c: Column) -> Option<usize> {
    t.rows
        .first()?
        .iter()
        .position(|h| vocab::column(&rst::inline(&h.text)) == Some(c))
}

fn role(caption: &str, section: &str, status: Option<u16>, t: &Table) -> Role {
    let c = caption.to_lowercase();
    let has = |w: &[&str]| w.iter().any(|x| c.contains(x));
    if has(&[
        "path param",
        "parâmetros de caminho",
        "параметры пути",
        "路径参数",
    ]) {
        return Role::Params(Location::Path);
    }
    if has(&[
        "query param",
        "parâmetros de consulta",
        "параметры запроса",
        "query参数",
    ]) {
        return Role::Params(Location::Query);
    }
    let response = section.contains("response") || section.contains("resposta");
    if has(&["header"]) && !response {
        return Role::Params(Location::Header);
    }
    if has(&[
        "request body",
        "corpo da solicitação",
        "тела запроса",
        "请求body",
        "请求参数",
    ]) {
        return Role::Params(Location::Body);
    }
    if has(&[
        "response body",
        "corpo da resposta",
        "тела ответа",
        "响应body",
        "响应参数",
    ]) {
        return Role::Response(status.unwrap_or(200));
    }
    let first = t
        .rows
        .first()
        .and_then(|h| h.first())
        .map(|h| h.text.to_lowercase())
        .unwrap_or_default();
    if section.contains("status code") || (first.contains("status") && first.contains("code")) {
        return Role::Statuses;
    }
    Role::Other
}

/// The type name a nested table's caption gives (`Table 4 VaultCreate` → `VaultCreate`).
fn caption_name(t: &RstTable) -> String {
    let c = t.caption.trim();
    let rest = match c.split_once(char::is_whitespace) {
        Some((w, r)) if w.eq_ignore_ascii_case("table") || w == "表" || w == "Tabela" => r
            .trim_start()
            .trim_start_matches(|ch: char| ch.is_ascii_digit())
            .trim(),
        _ => c,
    };
    let name = camel(rest);
    if name.is_empty() || !name.starts_with(|ch: char| ch.is_ascii_alphabetic()) {
        camel(
            t.anchor
                .as_deref()
                .unwrap_or("Nested")
                .rsplit("__")
                .next()
                .unwrap_or("Nested"),
        )
    } else {
        name
    }
}

type Row = (String, Option<bool>, String, (usize, usize), String);

/// A code block's lines with their page lines.
type Code = Vec<(String, usize)>;

/// A response block: its status, lines and the line of the status heading.
type Answer = (u16, Code, usize);

struct Ctx<'a> {
    anchored: IndexMap<String, &'a RstTable>,
    /// Anchor → type name given.
    named: IndexMap<String, String>,
    types: IndexMap<String, TypeDef>,
    notes: Notes,
}

impl<'a> Ctx<'a> {
    /// The type a labelled table defines, built once (recursion through its own `:ref:`s).
    fn type_for(&mut self, anchor: &str) -> Option<String> {
        if let Some(n) = self.named.get(anchor) {
            return Some(n.clone());
        }
        let t = *self.anchored.get(anchor)?;
        let mut name = caption_name(t);
        let base = name.clone();
        let mut k = 2;
        while self.types.contains_key(&name) || self.named.values().any(|v| *v == name) {
            name = format!("{base}{k}");
            k += 1;
        }
        self.named.insert(anchor.to_string(), name.clone());
        let fields = self.fields(&t.table);
        let span = table_span(&t.table);
        self.types.insert(
            name.clone(),
            TypeDef {
                description: TODO.into(),
                fields,
                values: Vec::new(),
                cite: lines_cite(&[span]),
            },
        );
        Some(name)
    }

    /// A type cell as a schema: `:ref:` objects as their types, `Array of X`, the words.
    fn schema(&mut self, cell: &str, path: &str) -> Schema {
        let lower = rst::inline(cell).to_lowercase();
        let array = lower.trim_start().starts_with("array")
            || lower.trim_start().starts_with("list")
            || lower.contains("[]");
        let inner = match rst::refs(cell).first() {
            Some(a) => match self.type_for(a) {
                Some(n) => reference(&n),
                None => {
                    self.note(path, format!("`{a}` names no table on the page: a string"));
                    kind(Kind::String)
                }
            },
            None => {
                let rest = if array {
                    lower
                        .trim_start()
                        .trim_start_matches("array")
                        .trim_start_matches("list")
                        .trim_start()
                        .trim_start_matches("of")
                        .trim()
                        .to_string()
                } else {
                    lower.clone()
                };
                match vocab::type_word(&rest) {
                    Some(vocab::TypeWord::Object) => {
                        self.note(
                            path,
                            "an object the page gives no table for: kept as a string",
                        );
                        kind(Kind::String)
                    }
                    Some(vocab::TypeWord::Array) | None if array => kind(Kind::String),
                    Some(w) => crate::infer::from_word(w),
                    None => {
                        self.note(
                            path,
                            format!("type `{}` not read: a string", rst::inline(cell)),
                        );
                        kind(Kind::String)
                    }
                }
            }
        };
        if array {
            Schema {
                kind: Kind::Array,
                items: Some(Box::new(inner)),
                ..Schema::default()
            }
        } else {
            inner
        }
    }

    /// Bounds and closed value lists the row states in words (defaults are the caller's).
    fn worded(&mut self, s: &mut Schema, name: &str, desc: &str, at: (usize, usize), path: &str) {
        let w = words::read(desc);
        if words::constrain(s, &w) {
            self.note(
                path,
                format!("bounds of `{name}` read from the words at line {}", at.0),
            );
        }
        let values: Vec<String> = {
            let mut v: Vec<String> = Vec::new();
            for x in &w.values {
                if x.chars().any(char::is_alphanumeric) && !v.contains(x) {
                    v.push(x.clone());
                }
            }
            v
        };
        if s.kind != Kind::String || values.is_empty() {
            return;
        }
        let def = TypeDef {
            description: TODO.into(),
            fields: Vec::new(),
            values: values
                .into_iter()
                .map(|value| EnumValue {
                    value,
                    description: TODO.into(),
                    cite: None,
                })
                .collect(),
            cite: lines_cite(&[at]),
        };
        let same = self
            .types
            .iter()
            .find(|(_, t)| t.values == def.values)
            .map(|(n, _)| n.clone());
        let n = same.unwrap_or_else(|| {
            let base = camel(name);
            let mut n = base.clone();
            let mut k = 2;
            while self.types.contains_key(&n) {
                n = format!("{base}{k}");
                k += 1;
            }
            self.types.insert(n.clone(), def);
            n
        });
        self.note(
            path,
            format!("values of `{name}` read from the list at line {}", at.0),
        );
        let mut r = reference(&n);
        r.nullable = s.nullable;
        *s = r;
    }

    fn note(&mut self, path: &str, text: impl Into<String>) {
        self.notes
            .entry(path.to_string())
            .or_default()
            .push(format!("TODO(draft): {}", text.into()));
    }

    /// Rows of a field table: (name, required, type cell, lines, description cell).
    fn rows(t: &Table) -> Vec<Row> {
        let Some(nc) = header_col(t, Column::Name) else {
            return Vec::new();
        };
        let rc = header_col(t, Column::Required);
        let tc = header_col(t, Column::Type);
        let dc = header_col(t, Column::Description).or(header_col(t, Column::Remarks));
        t.rows
            .iter()
            .zip(&t.rows_at)
            .skip(1)
            .filter_map(|(r, at)| {
                let name = rst::inline(&r.get(nc)?.text).trim().to_string();
                let ok = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
                ok.then(|| {
                    (
                        name,
                        rc.and_then(|c| r.get(c))
                            .and_then(|c| vocab::required(&c.text)),
                        tc.and_then(|c| r.get(c))
                            .map(|c| c.text.clone())
                            .unwrap_or_default(),
                        *at,
                        dc.and_then(|c| r.get(c))
                            .map(|c| c.text.clone())
                            .unwrap_or_default(),
                    )
                })
            })
            .collect()
    }

    fn fields(&mut self, t: &Table) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::new();
        for (name, required, ty, at, desc) in Self::rows(t) {
            if out.iter().any(|f| f.name == name) {
                continue;
            }
            let mut schema = self.schema(&ty, "/types");
            self.worded(&mut schema, &name, &desc, at, "/types");
            out.push(Field {
                name,
                description: TODO.into(),
                required: required.unwrap_or(false),
                schema,
                role: None,
                deprecated: None,
                cite: lines_cite(&[at]),
            });
        }
        out
    }
}

/// The operation a page documents, read table first; None when the page gives no address.
pub fn read(items: &[Item], file: &str) -> Result<PageOp, NotAnOperation> {
    let title = items
        .iter()
        .find_map(|i| match i {
            Item::Title(t, _) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default();
    // The address: the first request line outside literal blocks.
    let (method, url, addr_line) = items
        .iter()
        .find_map(|i| match i {
            Item::Text(t, n) => request::request_line(t).map(|(m, u, _)| (m, u, *n)),
            _ => None,
        })
        .ok_or(NotAnOperation::NoAddress)?;
    let address = request::parse_url(&url);
    let mut ctx = Ctx {
        anchored: IndexMap::new(),
        named: IndexMap::new(),
        types: IndexMap::new(),
        notes: Notes::new(),
    };
    for i in items {
        if let Item::Table(t) = i {
            if let Some(a) = &t.anchor {
                ctx.anchored.insert(a.clone(), t);
            }
        }
    }
    let stem = file.rsplit('/').next().unwrap_or(file);
    let stem = stem.rsplit_once('.').map(|s| s.0).unwrap_or(stem);
    let id = snake(stem);
    let op_type = camel(&id);

    // One pass: tables by role, examples by section and status heading.
    let mut section = String::new();
    let mut status: Option<u16> = None;
    let mut status_at = 0;
    let mut params: Vec<Parameter> = Vec::new();
    let mut auth: IndexMap<String, AuthScheme> = IndexMap::new();
    let mut auth_at: Option<Cite> = None;
    let mut responses: Vec<(u16, Schema, usize)> = Vec::new();
    let mut statuses: Vec<(u16, (usize, usize))> = Vec::new();
    let mut requests: Vec<(Vec<(String, usize)>, String)> = Vec::new();
    let mut answers: Vec<Answer> = Vec::new();
    let mut body = false;
    for item in items {
        match item {
            Item::Title(t, _) => {
                section = t.to_lowercase();
                status = None;
            }
            Item::Text(t, n) => {
                if let Some(s) = crate::scan::status_in(t).filter(|_| t.len() < 40) {
                    status = Some(s);
                    status_at = *n;
                }
            }
            Item::Table(t) => match role(&t.caption, &section, status, &t.table) {
                Role::Params(loc) => {
                    for (name, required, ty, at, desc) in Ctx::rows(&t.table) {
                        if loc == Location::Header && vocab::is_credential(&name) {
                            auth.insert(
                                "token".into(),
                                AuthScheme::Header {
                                    name: name.clone(),
                                    description: TODO.into(),
                                    cite: lines_cite(&[at]),
                                },
                            );
                            auth_at = lines_cite(&[at]);
                            continue;
                        }
                        if loc == Location::Header && name.eq_ignore_ascii_case("content-type") {
                            continue;
                        }
                        if params.iter().any(|p| p.name == name && p.location == loc) {
                            continue;
                        }
                        let at_path = format!("/request/parameters/{}", params.len());
                        let mut schema = ctx.schema(&ty, &at_path);
                        if loc != Location::Body && schema.kind == Kind::Array {
                            // Repeated or comma-joined on the wire: the page does not say which.
                            schema.wire = Some(spec::format::Wire::Csv);
                            ctx.note(&at_path, "an array outside the body: sent comma-separated");
                        }
                        if matches!(loc, Location::Path | Location::Query | Location::Header)
                            && schema.kind == Kind::Ref
                        {
                            schema = kind(Kind::String);
                        }
                        let default = words::default(&schema, &words::read(&desc));
                        ctx.worded(&mut schema, &name, &desc, at, &at_path);
                        if default.is_some() {
                            ctx.note(&at_path, "default read from the words of the row");
                        }
                        body |= loc == Location::Body;
                        params.push(Parameter {
                            name: name.clone(),
                            location: loc,
                            description: TODO.into(),
                            required: loc == Location::Path || required.unwrap_or(false),
                            schema,
                            default,
                            role: None,
                            deprecated: None,
                            cite: lines_cite(&[at]),
                            identifies: None,
                        });
                    }
                }
                Role::Response(s) => {
                    let name = if s < 300 {
                        format!("{op_type}Response")
                    } else {
                        format!("{op_type}Error{s}")
                    };
                    let fields = ctx.fields(&t.table);
                    if !fields.is_empty() {
                        ctx.types.insert(
                            name.clone(),
                            TypeDef {
                                description: TODO.into(),
                                fields,
                                values: Vec::new(),
                                cite: lines_cite(&[table_span(&t.table)]),
                            },
                        );
                        responses.push((s, reference(&name), status_at));
                    }
                }
                Role::Statuses => {
                    for (r, at) in t.table.rows.iter().zip(&t.table.rows_at).skip(1) {
                        if let Some(s) = r
                            .first()
                            .and_then(|c| c.text.trim().parse::<u16>().ok())
                            .filter(|s| (100..600).contains(s))
                        {
                            statuses.push((s, *at));
                        }
                    }
                }
                Role::Other => {}
            },
            Item::Code(lines) => {
                let text: Vec<&str> = lines.iter().map(|l| l.0.as_str()).collect();
                if section.contains("request") || section.contains("solicitação") {
                    requests.push((lines.clone(), text.join("\n")));
                } else if section.contains("response") || section.contains("resposta") {
                    answers.push((status.unwrap_or(200), lines.clone(), status_at));
                }
            }
        }
    }
    // Path parameters the address names and no table gives.
    for v in crate::route::template_vars(&address.path) {
        if !params
            .iter()
            .any(|p| p.location == Location::Path && p.name == v)
        {
            params.push(Parameter {
                name: v.clone(),
                location: Location::Path,
                description: TODO.into(),
                required: true,
                schema: kind(Kind::String),
                default: None,
                role: None,
                deprecated: None,
                cite: lines_cite(&[(addr_line, addr_line)]),
                identifies: None,
            });
        }
    }
    let success = responses
        .iter()
        .map(|r| r.0)
        .chain(statuses.iter().map(|s| s.0))
        .find(|s| (200..300).contains(s))
        .or_else(|| statuses.iter().map(|s| s.0).find(|s| *s < 400));
    let success_at = statuses
        .iter()
        .find(|s| Some(s.0) == success)
        .map(|s| s.1)
        .or_else(|| {
            responses
                .iter()
                .find(|r| Some(r.0) == success && r.2 > 0)
                .map(|r| (r.2, r.2))
        });
    let response_schema = responses
        .iter()
        .find(|r| r.0 < 300)
        .map(|r| r.1.clone())
        .unwrap_or_else(|| kind(Kind::Unit));
    let mut errors: Vec<ErrorCase> = Vec::new();
    let mut bare_errors = Vec::new();
    for (s, at) in statuses.iter().filter(|s| s.0 >= 400) {
        match responses.iter().find(|r| r.0 == *s) {
            Some((_, schema, _)) => {
                let table = schema_span(schema, &ctx.types);
                errors.push(error_case(*s, schema.clone(), &ctx.types, &[*at, table]))
            }
            None => bare_errors.push((*s, *at)),
        }
    }
    // Error body tables under a status the status table does not list.
    for (s, schema, at) in responses.iter().filter(|r| r.0 >= 400) {
        if !errors.iter().any(|e| e.status == *s) {
            let table = schema_span(schema, &ctx.types);
            errors.push(error_case(
                *s,
                schema.clone(),
                &ctx.types,
                &[(*at, *at), table],
            ));
        }
    }
    let mut op = Operation {
        id,
        summary: TODO.into(),
        description: None,
        source: file.to_string(),
        since: None,
        deprecated: None,
        address_documented: true,
        effect: match method {
            Method::Get => Effect::Read,
            Method::Post => Effect::Create,
            Method::Delete => Effect::Delete,
            _ => Effect::Update,
        },
        method,
        path: address.path.clone(),
        discriminators: Vec::new(),
        auth: (!auth.is_empty()).then(|| AuthRef::One("token".into())),
        request: Request {
            body: body.then_some(BodyEncoding::Json),
            parameters: params,
        },
        response: Response {
            status: success.unwrap_or(200),
            envelope: None,
            schema: response_schema,
            cite: Some(match success_at {
                Some(at) => crate::cite::or_guess(&[at], "a 200 the page does not give"),
                None => crate::cite::guessed("a 200 the page does not give"),
            }),
        },
        errors,
        pagination: None,
        examples: Vec::new(),
        cite: lines_cite(&[(addr_line, addr_line)]),
    };
    if let Some(c) = auth_at {
        ctx.note(
            "/auth",
            format!("token header read from the row at {}", c.0),
        );
    }
    ctx.note(
        "",
        format!("id from the file name, effect from the method at line {addr_line}"),
    );
    let (examples, mut errata, base) = examples(&op, &ctx.types, &requests, &answers);
    op.examples = examples;
    // The page's examples leave the token out; the replay sends what an example documents.
    let token = auth
        .values()
        .find_map(|a| a.wire_name().map(str::to_string));
    if let Some(name) = token {
        for (k, ex) in op.examples.iter_mut().enumerate() {
            if let Some(req) = &mut ex.request {
                if !req.headers.contains_key(&name) {
                    req.headers
                        .insert(name.clone(), format!("todo-{}", name.to_lowercase()));
                    ctx.note(
                        &format!("/examples/{k}"),
                        format!("`{name}` placeholder added: the example does not show the token"),
                    );
                    // A value the page never prints: the example rests on an erratum.
                    let gap = format!("the token header `{name}` is not shown");
                    match errata.iter_mut().find(|e| e.0 == k) {
                        Some(e) => e.1 = format!("{}; {gap}", e.1),
                        None => errata.push((k, gap)),
                    }
                }
            }
        }
    }
    Ok(PageOp {
        op,
        types: ctx.types,
        auth,
        errata,
        base,
        title,
        notes: ctx.notes,
        bare_errors,
    })
}

/// An error case for a documented status with its body table.
pub fn error_case(
    status: u16,
    schema: Schema,
    types: &IndexMap<String, TypeDef>,
    at: &[(usize, usize)],
) -> ErrorCase {
    let first = schema
        .reference
        .as_ref()
        .and_then(|r| types.get(r))
        .and_then(|t| t.fields.first())
        .map(|f| f.name.clone());
    ErrorCase {
        name: format!("status_{status}"),
        description: TODO.into(),
        status,
        status_documented: true,
        schema,
        matcher: Match {
            has_fields: first.into_iter().collect(),
            equals: IndexMap::new(),
        },
        retryable: false,
        cite: lines_cite(at),
    }
}

/// The page lines of the table a referenced type was read from.
fn schema_span(s: &Schema, types: &IndexMap<String, TypeDef>) -> (usize, usize) {
    let cite = s
        .reference
        .as_ref()
        .and_then(|r| types.get(r))
        .and_then(|t| t.cite.as_ref());
    let Some(c) = cite else { return (0, 0) };
    let (a, b) = c.0.split_once('-').unwrap_or((&c.0, &c.0));
    (a.trim().parse().unwrap_or(0), b.trim().parse().unwrap_or(0))
}

type Examples = (Vec<Example>, Vec<(usize, String)>, Option<String>);

/// The page's request and response blocks as examples, decoded against the operation.
fn examples(
    op: &Operation,
    types: &IndexMap<String, TypeDef>,
    requests: &[(Vec<(String, usize)>, String)],
    answers: &[Answer],
) -> Examples {
    let mut out: Vec<Example> = Vec::new();
    let mut errata = Vec::new();
    let mut base = None;
    let span = |l: &[(String, usize)]| -> (usize, usize) {
        (
            l.first().map(|x| x.1).unwrap_or(0),
            l.last().map(|x| x.1).unwrap_or(0),
        )
    };
    let mut success_used = false;
    for (lines, text) in requests {
        let mut rest = text.trim_start();
        let first = rest.lines().next().unwrap_or("");
        let Some((m, url, _)) = request::request_line(first.trim()) else {
            continue;
        };
        if m != op.method {
            continue;
        }
        rest = rest[first.len()..].trim();
        let u = request::parse_url(&url);
        if base.is_none() && !u.base.is_empty() {
            base = Some(u.base.clone());
        }
        let mut diffs: Vec<String> = Vec::new();
        let mut req = ExampleRequest::default();
        match crate::route::match_path(&op.path, &u.path) {
            Some(vals) => {
                for (k, v) in vals {
                    // A placeholder left in the example (`{project_id}`) gets a sample value.
                    let v = if crate::route::placeholder(&v).is_some() {
                        diffs.push(format!("path `{k}` is a placeholder"));
                        format!("sample_{k}")
                    } else {
                        v
                    };
                    req.path.insert(k, v);
                }
            }
            None => {
                diffs.push(format!("address `{}` does not fit `{}`", u.path, op.path));
                for p in op
                    .request
                    .parameters
                    .iter()
                    .filter(|p| p.location == Location::Path)
                {
                    req.path
                        .insert(p.name.clone(), format!("sample_{}", p.name));
                }
            }
        }
        for (k, v) in &u.query {
            match op
                .request
                .parameters
                .iter()
                .find(|p| p.location == Location::Query && p.name == *k)
            {
                Some(_) => {
                    req.query.insert(k.clone(), v.clone());
                }
                None => diffs.push(format!("query `{k}` is not in the query table")),
            }
        }
        if !rest.is_empty() && op.request.body.is_some() {
            match crate::json::JsonBlock::new(rest).best() {
                Some(v) => {
                    req.body = crate::decode::body(v, &op.request.parameters, types, &mut diffs)
                }
                None => diffs.push("the body does not parse as JSON".into()),
            }
        } else if !rest.is_empty() {
            diffs.push("a body the tables do not describe".into());
        }
        let response = if !success_used {
            answers
                .iter()
                .find(|a| a.0 == op.response.status)
                .and_then(|(s, l, _)| {
                    success_used = true;
                    response(op, types, *s, l, &mut diffs)
                })
        } else {
            None
        };
        let mut at = vec![span(lines)];
        if response.is_some() {
            if let Some(a) = answers.iter().find(|a| a.0 == op.response.status) {
                at.push(span(&a.1));
            }
        }
        push(&mut out, &mut errata, req, response, None, diffs, text, &at);
    }
    for (s, lines, _) in answers {
        let is_success = *s == op.response.status;
        if is_success && success_used {
            continue;
        }
        let error = op
            .errors
            .iter()
            .find(|e| e.status == *s)
            .map(|e| e.name.clone());
        if !is_success && error.is_none() {
            continue;
        }
        let mut diffs = Vec::new();
        let Some(r) = response(op, types, *s, lines, &mut diffs) else {
            continue;
        };
        if is_success {
            success_used = true;
        }
        let text: Vec<&str> = lines.iter().map(|l| l.0.as_str()).collect();
        let req = ExampleRequest::default();
        push(
            &mut out,
            &mut errata,
            req,
            Some(r),
            error,
            diffs,
            &text.join("\n"),
            &[span(lines)],
        );
    }
    (out, errata, base)
}

fn response(
    op: &Operation,
    types: &IndexMap<String, TypeDef>,
    status: u16,
    lines: &[(String, usize)],
    diffs: &mut Vec<String>,
) -> Option<ExampleResponse> {
    let text: Vec<&str> = lines.iter().map(|l| l.0.as_str()).collect();
    let text = text.join("\n");
    let schema = if status == op.response.status {
        &op.response.schema
    } else {
        &op.errors.iter().find(|e| e.status == status)?.schema
    };
    let body = if schema.kind == Kind::Unit {
        if !text.trim().is_empty() {
            diffs.push("a response body the tables do not describe".into());
        }
        None
    } else {
        match crate::json::JsonBlock::new(&text).best() {
            Some(v) => crate::decode::value(v, schema, types, "", diffs),
            None => {
                diffs.push("the response does not parse as JSON".into());
                None
            }
        }
    };
    Some(ExampleResponse {
        status,
        headers: IndexMap::new(),
        body: body
            .or_else(|| (schema.kind != Kind::Unit).then(|| Value::Object(Default::default()))),
    })
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Example>,
    errata: &mut Vec<(usize, String)>,
    request: ExampleRequest,
    response: Option<ExampleResponse>,
    error: Option<String>,
    diffs: Vec<String>,
    text: &str,
    at: &[(usize, usize)],
) {
    let has_request = !request.path.is_empty()
        || !request.query.is_empty()
        || request.body.is_some()
        || response.is_none();
    let k = out.len();
    let name = match (&error, has_request) {
        (Some(e), _) => format!("{e}_{}", k + 1),
        (None, true) => format!("request_{}", k + 1),
        (None, false) => format!("response_{}", k + 1),
    };
    let original = (!diffs.is_empty()).then(|| text.to_string());
    if !diffs.is_empty() {
        errata.push((k, diffs.join("; ")));
    }
    out.push(Example {
        name,
        summary: TODO.into(),
        request: has_request.then_some(request),
        response,
        error,
        erratum: None,
        original,
        cite: lines_cite(at),
    });
}
