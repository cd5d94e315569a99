//! An API-reference page read table first (the shape of reStructuredText references:
//! a `URI` section with the address, captioned parameter tables, nested types through
//! `:ref:` links to labelled tables, status headings, `code-block` examples and a status
//! code table). Types, required flags and nesting come from the tables; examples are
//! decoded against them ([`crate::decode`]), each disagreement a TODO erratum keeping the
//! page's text as `original`.

mod examples;
mod tables;

use indexmap::IndexMap;
use spec::format::{
    AuthRef, AuthScheme, BodyEncoding, Cite, Effect, ErrorCase, Kind, Location, Method, Operation,
    Parameter, Request, Response, Schema, TypeDef,
};

use crate::infer::{camel, kind, reference, snake, TODO};
use crate::items::Item;
use crate::op::Notes;
use crate::request;
use crate::vocab::{self};
use crate::words;
use examples::{examples, schema_span};
use tables::{lines_cite, role, table_span, Answer, Ctx, Role};

pub use examples::error_case;

/// How one example differs from its page: the problems, and the members whose values the
/// page does not give as drafted (made up or left out), for the erratum's `corrects:`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExampleFix {
    /// The example's index in its operation.
    pub example: usize,
    pub problem: String,
    pub corrects: Vec<String>,
}

/// One page's operation with the types it names, its auth schemes and the errata its
/// examples need.
#[derive(Debug, Clone)]
pub struct PageOp {
    pub op: Operation,
    pub types: IndexMap<String, TypeDef>,
    pub auth: IndexMap<String, AuthScheme>,
    /// What each corrected example changes from its page; numbered as errata when merged.
    pub errata: Vec<ExampleFix>,
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

/// Whether the page's table captions say what the tables' rows are (`Path Parameters`,
/// `响应Body参数`): the shape of a reference page, read table first.
pub fn captioned(items: &[Item]) -> bool {
    use vocab::Caption::*;
    items.iter().any(|i| match i {
        Item::Table(t) => {
            let c = t.caption.to_lowercase();
            [Path, Query, Header, Body, Response]
                .into_iter()
                .any(|r| vocab::captioned(&c, r))
        }
        _ => false,
    })
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
    // The address: the first request line outside literal blocks (those hold the example
    // requests); else, for pages that set the address itself in one (an HTML `<pre>`), the
    // first literal block that is that line alone.
    let (method, url, addr_line) = items
        .iter()
        .find_map(|i| match i {
            Item::Text(t, n) => request::request_line(t).map(|(m, u, _)| (m, u, *n)),
            _ => None,
        })
        .or_else(|| {
            items.iter().find_map(|i| match i {
                Item::Code(lines) => match lines.as_slice() {
                    [(t, n)] => request::request_line(t).map(|(m, u, _)| (m, u, *n)),
                    _ => None,
                },
                _ => None,
            })
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
            for a in &t.anchors {
                ctx.anchored.entry(a.clone()).or_insert(t);
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
                // Example sections by their words in any language (`Example Requests`,
                // `Пример ответа`).
                let is = |s: vocab::Section| {
                    vocab::SECTIONS
                        .iter()
                        .any(|(w, x)| *x == s && section.contains(w))
                };
                if is(vocab::Section::Request) {
                    requests.push((lines.clone(), text.join("\n")));
                } else if is(vocab::Section::Response) {
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
                // The address names it; no row says it is required, the path does.
                cite: lines_cite(&[(addr_line, addr_line)]).map(|c| {
                    Cite(format!(
                        "{}; inferred: draft guess from the path template: a path parameter is required",
                        c.0
                    ))
                }),
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
                    match errata.iter_mut().find(|e| e.example == k) {
                        Some(e) => e.problem = format!("{}; {gap}", e.problem),
                        None => errata.push(ExampleFix {
                            example: k,
                            problem: gap,
                            corrects: Vec::new(),
                        }),
                    }
                    let e = errata.iter_mut().find(|e| e.example == k).expect("pushed");
                    e.corrects.push(name.clone());
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
