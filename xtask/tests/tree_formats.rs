//! `cargo xtask draft DIR` on docs trees exported as HTML and written in Markdown: our own
//! small trees (an index page, operation pages in two languages, an error-code appendix one
//! operation page links to, a file that is no page) draft into one spec that validates,
//! whose facts hold against the tree, with the appendix's cases on the linking operation
//! only and every skipped file listed with why.

use std::path::Path;

use spec::format::{Kind, Spec};

use crate::common::{describe, xtask};

const HTML_INDEX: &str = r#"<html><head><title>Gizmo Service</title><link rel="stylesheet" href="style.css"></head>
<body>
<h1>Gizmo Service API Reference</h1>
<ul>
<li><a href="api/create_gizmo.html">Creating a Gizmo</a></li>
<li><a href="api/list_gizmos.html">Listar gizmos</a></li>
<li><a href="appendix/error_codes.html">Error Codes</a></li>
</ul>
</body></html>
"#;

/// An operation page in English, in the shape of an HTML export: captioned tables, a
/// nested type through an anchor, status headings, `<pre>` examples, a status table, and
/// the error body's code row linking to the appendix.
const HTML_CREATE: &str = r##"<html><head><title>Creating a Gizmo</title></head>
<body>
<h1 class="topictitle1">Creating a Gizmo</h1>
<div class="section"><h4 class="sectiontitle">Function</h4>
<p>Makes one gizmo in a project.</p>
</div>
<div class="section"><h4 class="sectiontitle">URI</h4>
<p>POST /v1/{project_id}/gizmos</p>
<table><caption><b>Table 1 </b>Path Parameters</caption>
<thead><tr><th>Parameter</th>
<th>Mandatory</th>
<th>Type</th>
<th>Description</th></tr></thead>
<tbody><tr><td><p>project_id</p></td>
<td><p>Yes</p></td>
<td><p>String</p></td>
<td><p>The project the gizmo belongs to.</p></td></tr>
</tbody></table>
</div>
<div class="section"><h4 class="sectiontitle">Request Parameters</h4>
<table><caption><b>Table 2 </b>Request header parameters</caption>
<thead><tr><th>Parameter</th>
<th>Mandatory</th>
<th>Type</th>
<th>Description</th></tr></thead>
<tbody><tr><td><p>X-Auth-Token</p></td>
<td><p>Yes</p></td>
<td><p>String</p></td>
<td><p>A user token.</p></td></tr>
</tbody></table>
<table><caption><b>Table 3 </b>Request body parameters</caption>
<thead><tr><th>Parameter</th>
<th>Mandatory</th>
<th>Type</th>
<th>Description</th></tr></thead>
<tbody><tr><td><p>name</p></td>
<td><p>Yes</p></td>
<td><p>String</p></td>
<td><p>What to call it.</p></td></tr>
<tr><td><p>size</p></td>
<td><p>No</p></td>
<td><p>Long</p></td>
<td><p>Its size in bytes.</p><p>Minimum: 1</p></td></tr>
<tr><td><p>shape</p></td>
<td><p>No</p></td>
<td><p><a href="#create_gizmo__shape">Shape</a> object</p></td>
<td><p>How it looks.</p></td></tr>
</tbody></table>
<a name="create_gizmo__shape"></a>
<table><caption><b>Table 4 </b>Shape</caption>
<thead><tr><th>Parameter</th>
<th>Mandatory</th>
<th>Type</th>
<th>Description</th></tr></thead>
<tbody><tr><td><p>sides</p></td>
<td><p>Yes</p></td>
<td><p>Integer</p></td>
<td><p>How many sides.</p></td></tr>
</tbody></table>
</div>
<div class="section"><h4 class="sectiontitle">Response Parameters</h4>
<p><strong>Status code: 201</strong></p>
<table><caption><b>Table 5 </b>Response body parameters</caption>
<thead><tr><th>Parameter</th>
<th>Type</th>
<th>Description</th></tr></thead>
<tbody><tr><td><p>id</p></td>
<td><p>String</p></td>
<td><p>The new gizmo's id.</p></td></tr>
</tbody></table>
<p><strong>Status code: 400</strong></p>
<table><caption><b>Table 6 </b>Response body parameters</caption>
<thead><tr><th>Parameter</th>
<th>Type</th>
<th>Description</th></tr></thead>
<tbody><tr><td><p>error_code</p></td>
<td><p>String</p></td>
<td><p>See <a href="../appendix/error_codes.html">Error Codes</a>.</p></td></tr>
<tr><td><p>error_msg</p></td>
<td><p>String</p></td>
<td><p>What went wrong.</p></td></tr>
</tbody></table>
</div>
<div class="section"><h4 class="sectiontitle">Example Requests</h4>
<pre class="screen">POST https://{endpoint}/v1/{project_id}/gizmos

{
  "name" : "g1",
  "size" : 5000000000,
  "shape" : { "sides" : 3 }
}</pre>
</div>
<div class="section"><h4 class="sectiontitle">Example Responses</h4>
<p><strong>Status code: 201</strong></p>
<pre class="screen">{
  "id" : "a1b2"
}</pre>
<p><strong>Status code: 400</strong></p>
<pre class="screen">{
  "error_code" : "GZM.0001",
  "error_msg" : "The name is taken"
}</pre>
</div>
<div class="section"><h4 class="sectiontitle">Status Codes</h4>
<table><thead><tr><th>Status Code</th>
<th>Description</th></tr></thead>
<tbody><tr><td><p>201</p></td>
<td><p>Made.</p></td></tr>
<tr><td><p>400</p></td>
<td><p>Refused.</p></td></tr>
</tbody></table>
</div>
</body></html>
"##;

/// An operation page in Portuguese that does not link to the appendix, its address set in a
/// `<pre>` of its own.
const HTML_LIST: &str = r#"<html><head><title>Listar gizmos</title></head>
<body>
<h1>Listar gizmos</h1>
<h4>URI</h4>
<pre>GET /v1/{project_id}/gizmos</pre>
<table><caption><b>Tabela 1 </b>Parâmetros de caminho</caption>
<tr><th>Parâmetro</th>
<th>Obrigatório</th>
<th>Tipo</th>
<th>Descrição</th></tr>
<tr><td>project_id</td>
<td>Sim</td>
<td>String</td>
<td>O projeto.</td></tr>
</table>
<table><caption><b>Tabela 2 </b>Parâmetros de consulta</caption>
<tr><th>Parâmetro</th>
<th>Obrigatório</th>
<th>Tipo</th>
<th>Descrição</th></tr>
<tr><td>limit</td>
<td>Não</td>
<td>Integer</td>
<td>Quantos devolver.</td></tr>
</table>
<h4>Parâmetros de resposta</h4>
<p>Código de status: 200</p>
<table><caption><b>Tabela 3 </b>Parâmetros do corpo da resposta</caption>
<tr><th>Parâmetro</th>
<th>Tipo</th>
<th>Descrição</th></tr>
<tr><td>count</td>
<td>Integer</td>
<td>Quantos há.</td></tr>
</table>
<h4>Exemplo de resposta</h4>
<pre>{
  "count" : 2
}</pre>
<h4>Códigos de status</h4>
<table><tr><th>Código de status</th>
<th>Descrição</th></tr>
<tr><td>200</td>
<td>OK</td></tr>
</table>
</body></html>
"#;

const HTML_APPENDIX: &str = r#"<html><body>
<h1>Error Codes</h1>
<p>Codes the service answers with.</p>
<table><thead><tr><th>Status Code</th>
<th>Error Code</th>
<th>Error Message</th></tr></thead>
<tbody><tr><td>400</td>
<td>GZM.0001</td>
<td>Name taken</td></tr>
<tr><td>404</td>
<td>GZM.0002</td>
<td>No such gizmo</td></tr>
<tr><td>500</td>
<td>GZM.0003</td>
<td>Internal fault</td></tr>
</tbody></table>
</body></html>
"#;

const MD_INDEX: &str = "# Gizmo Service API

- [Getting a gizmo](ops/get_gizmo.md)
- [Удаление гизмо](ops/delete_gizmo.md)
- [Error codes](codes.md)
";

/// An operation page in English whose error body links to the appendix.
const MD_GET: &str = "# Getting a Gizmo

## URI

`GET /v2/{project_id}/gizmos/{gizmo_id}`

Table 1 Path Parameters

| Parameter | Mandatory | Type | Description |
|---|---|---|---|
| project_id | Yes | String | The project. |
| gizmo_id | Yes | String | The gizmo. |

## Request Parameters

Table 2 Request header parameters

| Parameter | Mandatory | Type | Description |
|---|---|---|---|
| X-Auth-Token | Yes | String | A user token. |

## Response Parameters

Status code: 200

Table 3 Response body parameters

| Parameter | Type | Description |
|---|---|---|
| name | String | What it is called. |
| size | Long | Its size in bytes. |

Status code: 404

Table 4 Response body parameters

| Parameter | Type | Description |
|---|---|---|
| error_code | String | See [Error codes](../codes.md). |
| error_msg | String | What went wrong. |

## Example Responses

Status code: 200

```
{
  \"name\" : \"g1\",
  \"size\" : 5000000000
}
```

## Status Codes

| Status Code | Description |
|---|---|
| 200 | Found. |
| 404 | No such gizmo. |
";

/// An operation page in Russian that does not link to the appendix; one of its path
/// parameters has no row.
const MD_DELETE: &str = "# Удаление гизмо

## URI

`DELETE /v2/{project_id}/gizmos/{gizmo_id}`

Таблица 1 Параметры пути

| Параметр | Обязательный | Тип | Описание |
|---|---|---|---|
| project_id | Да | String | Проект. |

## Коды ответа

| Код ответа | Описание |
|---|---|
| 204 | Удалено. |
";

const MD_APPENDIX: &str = "# Error codes

| Status Code | Error Code | Error Message |
|---|---|---|
| 403 | GZM.0101 | Not allowed |
| 404 | GZM.0102 | No such gizmo |
| 409 | GZM.0103 | In use |
";

fn write(root: &Path, files: &[(&str, &[u8])]) {
    for (name, text) in files {
        let p = root.join(name);
        std::fs::create_dir_all(p.parent().expect("a directory")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
}

/// Draft `docs` under `dir` as a tree, hold the draft against it with `validate --pages`,
/// check the same tree gives the same bytes; the spec and the draft's standard error.
fn draft_tree(dir: &Path) -> (Spec, String) {
    let out = xtask(
        dir,
        &["draft", "docs", "--provider", "gizmos", "--out", "g.yaml"],
    );
    assert!(out.status.success(), "{}", describe(&out));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let text = std::fs::read_to_string(dir.join("g.yaml")).expect("the draft");
    let ws = dir.join("ws");
    std::fs::create_dir_all(&ws).expect("mkdir");
    std::fs::write(ws.join("Cargo.toml"), "[workspace]\n").expect("write");
    let (ws, docs) = (ws.to_string_lossy(), dir.join("docs"));
    let out = xtask(
        dir,
        &[
            "validate",
            "--workspace",
            &ws,
            "--pages",
            &docs.to_string_lossy(),
            "g.yaml",
        ],
    );
    assert!(out.status.success(), "{}\n{text}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("facts hold against their pages"),
        "{}",
        describe(&out)
    );
    let again = xtask(dir, &["draft", "docs", "--provider", "gizmos"]);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        text,
        "two drafts differ"
    );
    let spec = spec::load::SpecFile::parse("g.yaml", &text)
        .expect("the draft loads")
        .spec;
    (spec, err)
}

fn methods_and_paths(spec: &Spec) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = spec
        .operations
        .iter()
        .map(|o| (o.method.as_str().to_string(), o.path.clone()))
        .collect();
    v.sort();
    v
}

/// The statuses of an operation's error cases citing `file`.
fn cases_from(spec: &Spec, path: &str, method: &str, file: &str) -> Vec<u16> {
    let op = spec
        .operations
        .iter()
        .find(|o| o.path == path && o.method.as_str() == method)
        .expect("the operation");
    op.errors
        .iter()
        .filter(|e| e.cite.as_ref().is_some_and(|c| c.0.contains(file)))
        .map(|e| e.status)
        .collect()
}

#[test]
fn an_html_tree_drafts_table_first_with_its_appendix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    write(
        &docs,
        &[
            ("index.html", HTML_INDEX.as_bytes()),
            ("api/create_gizmo.html", HTML_CREATE.as_bytes()),
            ("api/list_gizmos.htm", HTML_LIST.as_bytes()),
            ("appendix/error_codes.html", HTML_APPENDIX.as_bytes()),
            ("style.css", b"body { color: black; }\n"),
            ("logo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ],
    );
    let (spec, err) = draft_tree(dir.path());
    assert_eq!(
        methods_and_paths(&spec),
        vec![
            ("GET".into(), "/v1/{project_id}/gizmos".into()),
            ("POST".into(), "/v1/{project_id}/gizmos".into()),
        ]
    );
    // One source per drafted page and the appendix a page links to, each in its language.
    let sources: Vec<(&str, &str)> = spec
        .provider
        .sources
        .iter()
        .map(|s| (s.file.as_str(), s.language.as_str()))
        .collect();
    assert_eq!(
        sources,
        vec![
            ("api/create_gizmo.html", "en"),
            ("api/list_gizmos.htm", "pt"),
            ("appendix/error_codes.html", "en"),
        ]
    );
    for (file, why) in [
        ("index.html", "an index page"),
        ("style.css", "not a page"),
        ("logo.png", "not a page"),
    ] {
        assert!(err.contains(&format!("skipped {file}: {why}")), "{err}");
    }
    // Table first: the token header an auth scheme, `Long` with its stated minimum, the
    // nested type through the cell's link to the anchored table, query from the caption.
    assert!(spec
        .auth
        .values()
        .any(|a| a.wire_name() == Some("X-Auth-Token")));
    let create = spec
        .operations
        .iter()
        .find(|o| o.method.as_str() == "POST")
        .expect("create");
    assert_eq!(create.response.status, 201);
    let param = |op: &spec::format::Operation, name: &str| {
        op.request
            .parameters
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no parameter {name}"))
            .clone()
    };
    let size = param(create, "size");
    assert_eq!(
        (size.schema.kind, size.schema.minimum),
        (Kind::Long, Some(1))
    );
    let shape = param(create, "shape")
        .schema
        .reference
        .expect("a named type");
    assert_eq!(spec.types[&shape].fields[0].name, "sides");
    let list = spec
        .operations
        .iter()
        .find(|o| o.method.as_str() == "GET")
        .expect("list");
    let limit = param(list, "limit");
    assert_eq!(limit.location, spec::format::Location::Query);
    assert!(!limit.required);
    // The appendix's statuses on the page linking to it, the code its example names first.
    let path = "/v1/{project_id}/gizmos";
    assert_eq!(
        cases_from(&spec, path, "POST", "error_codes.html"),
        vec![400, 404, 500]
    );
    assert_eq!(
        create.errors[0].matcher.equals.get("error_code"),
        Some(&serde_json::json!("GZM.0001"))
    );
    assert!(cases_from(&spec, path, "GET", "error_codes.html").is_empty());
}

#[test]
fn a_markdown_tree_drafts_table_first_with_its_appendix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    write(
        &docs,
        &[
            ("index.md", MD_INDEX.as_bytes()),
            ("ops/get_gizmo.md", MD_GET.as_bytes()),
            ("ops/delete_gizmo.md", MD_DELETE.as_bytes()),
            ("codes.md", MD_APPENDIX.as_bytes()),
            ("notes.txt", b"Notes for the writers.\n"),
        ],
    );
    let (spec, err) = draft_tree(dir.path());
    let path = "/v2/{project_id}/gizmos/{gizmo_id}";
    assert_eq!(
        methods_and_paths(&spec),
        vec![("DELETE".into(), path.into()), ("GET".into(), path.into())]
    );
    assert!(err.contains("skipped index.md: an index page"), "{err}");
    assert!(err.contains("skipped notes.txt: not a page"), "{err}");
    let files: Vec<&str> = spec
        .provider
        .sources
        .iter()
        .map(|s| s.file.as_str())
        .collect();
    assert_eq!(
        files,
        vec!["ops/delete_gizmo.md", "ops/get_gizmo.md", "codes.md"]
    );
    let op = |m: &str| {
        spec.operations
            .iter()
            .find(|o| o.method.as_str() == m)
            .expect("the operation")
    };
    // The Russian page's status table gives its success; the path parameter without a row
    // is drafted from the address (its citation held above).
    assert_eq!(op("DELETE").response.status, 204);
    assert!(op("DELETE")
        .request
        .parameters
        .iter()
        .any(|p| p.name == "gizmo_id" && p.required));
    let get = op("GET");
    assert_eq!(get.response.status, 200);
    let size = &spec.types[get.response.schema.reference.as_ref().expect("a type")].fields[1];
    assert_eq!((size.name.as_str(), size.schema.kind), ("size", Kind::Long));
    // The appendix's other statuses on the page linking to it, none on the other.
    assert_eq!(cases_from(&spec, path, "GET", "codes.md"), vec![403, 409]);
    assert!(op("DELETE").errors.is_empty());
}
