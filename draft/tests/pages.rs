//! Drafts of small made-up pages in each format (no vendor text): what each extractor
//! contributes shows in the drafted spec, every draft validates, and junk does not crash.

use serde_json::json;
use spec::format::{BodyEncoding, Kind, Location, Method, Spec, Wire};

fn draft(file: &str, text: &str) -> Spec {
    let page = draft::Page::from_bytes(file, text.as_bytes()).expect("page");
    let d = draft::draft(&page, Some("sample"));
    assert!(d.problems.is_empty(), "{}\n{}", d.problems.framed(), d.yaml);
    d.spec
}

#[test]
fn plain_text_with_pipe_table_curl_and_responses() {
    let spec = draft(
        "p1.txt",
        "Create a gadget
Request address
POST
http://GadgetHost/api/gadgets/create?op=77&token=TokenVal
| Parameter | Data type | Required | Remarks |
|---|---|---|---|
| size | integer | Yes | |
| tags | Array or 0 | No | |
| label | string | No | |
Request Example
curl -X \"POST\" -d '{
\"size\": \"3\",
\"tags\": [\"a\"]
}' http://GadgetHost/api/gadgets/create?op=77&token=\\
Return Example
Status = 200
{
\"ok\": true,
\"id\": 5,
\"owner\": null
}
Failed Return Example
Status != 200
{
\"denied\": \"no\"
}
{
\"status\": 403,
\"why\": \"no\"
}
",
    );
    assert_eq!(spec.provider.base_url, "http://GadgetHost");
    let op = &spec.operations[0];
    assert_eq!(
        (op.method, op.path.as_str()),
        (Method::Post, "/api/gadgets/create")
    );
    assert_eq!(op.discriminators[0].name, "op");
    assert_eq!(op.discriminators[0].value, "77");
    assert!(spec.auth.values().any(|a| a.wire_name() == Some("token")));
    let p = |n: &str| op.request.parameters.iter().find(|p| p.name == n).expect(n);
    assert_eq!(
        (p("size").location, p("size").schema.kind),
        (Location::Body, Kind::Integer)
    );
    assert_eq!(p("size").schema.wire, Some(Wire::String));
    assert!(p("size").required);
    assert_eq!(p("tags").schema.kind, Kind::OneOf);
    assert!(!p("label").required);
    assert_eq!(op.request.body, Some(BodyEncoding::Json));
    let ok = op
        .examples
        .iter()
        .find(|e| e.response.is_some() && e.error.is_none())
        .expect("success");
    assert_eq!(
        ok.request.as_ref().and_then(|r| r.body.clone()),
        Some(json!({"size": "3", "tags": ["a"]}))
    );
    let failure = op
        .examples
        .iter()
        .find(|e| e.error.is_some())
        .expect("failure");
    let case = op
        .errors
        .iter()
        .find(|c| Some(&c.name) == failure.error.as_ref())
        .expect("case");
    assert_eq!(case.matcher.has_fields, vec!["denied".to_string()]);
    assert!(!case.status_documented);
    assert_eq!(
        case.status, 400,
        "no status on the page or in the body: a guess"
    );
    // A status member of the body is the better guess.
    let second = op
        .errors
        .iter()
        .find(|c| c.matcher.has_fields.contains(&"why".to_string()))
        .expect("second case");
    assert_eq!((second.status, second.status_documented), (403, false));
    // The payload: `owner` shown as null is nullable.
    let name = op.response.schema.reference.clone().expect("named payload");
    let owner = spec.types[&name]
        .fields
        .iter()
        .find(|f| f.name == "owner")
        .expect("owner");
    assert!(owner.schema.nullable);
}

#[test]
fn markdown_page_with_broken_json_keeps_the_original() {
    let broken = "{ \"name\" : \"n1\" \"size\" : 2 }";
    let spec = draft(
        "p2.md",
        &format!(
            "# Resize a volume\n\nPUT /v2/{{project}}/volumes/{{volume}}\n\n\
             | Name | Type | Mandatory |\n|---|---|---|\n| project | String | Yes |\n\
             | volume | String | Yes |\n| size | Integer | Yes |\n\n## Response\n\n\
             Status code: 202\n\n```\n{broken}\n```\n"
        ),
    );
    let op = &spec.operations[0];
    assert_eq!(op.method, Method::Put);
    assert_eq!(op.response.status, 202);
    let ex = op
        .examples
        .iter()
        .find(|e| e.original.is_some())
        .expect("broken example");
    assert_eq!(ex.original.as_deref(), Some(broken));
    assert_eq!(
        ex.response.as_ref().and_then(|r| r.body.clone()),
        Some(json!({"name": "n1", "size": 2}))
    );
    let erratum = spec
        .errata
        .iter()
        .find(|e| Some(&e.id) == ex.erratum.as_ref())
        .expect("erratum");
    assert!(erratum.problem.starts_with("TODO"), "{}", erratum.problem);
    let loc = |n: &str| {
        op.request
            .parameters
            .iter()
            .find(|p| p.name == n)
            .map(|p| p.location)
    };
    assert_eq!(loc("project"), Some(Location::Path));
    assert_eq!(loc("size"), Some(Location::Body));
}

#[test]
fn html_page_with_enum_candidates_and_query_placeholders() {
    let spec = draft(
        "p3.html",
        "<h1>List pets</h1><p>GET /v1/{owner}/pets?kind={kind}&since={since}</p>\
         <table><tr><th>Parameter</th><th>Type</th><th>Mandatory</th></tr>\
         <tr><td>owner</td><td>String</td><td>Yes</td></tr>\
         <tr><td>kind</td><td>String</td><td>No</td></tr>\
         <tr><td>since</td><td>String</td><td>No</td><td>As yyyyMMddHHmmss.</td></tr></table>\
         <h4>Response</h4><table><tr><th>Parameter</th><th>Type</th><th>Description</th></tr>\
         <tr><td>mood</td><td>String</td><td>Options: <strong>calm</strong>, <strong>busy</strong></td></tr></table>\
         <p>Example request</p><pre>GET https://{pet_host}/v1/{owner}/pets?kind={kind}&since={since}</pre>\
         <p>Example response</p><pre>{\n  \"pets\": [{\"mood\": \"calm\"}]\n}</pre>",
    );
    assert!(spec.provider.variables.contains_key("pet_host"));
    // The example request repeats the address: an example, not a second operation.
    assert_eq!(spec.operations.len(), 1);
    let op = &spec.operations[0];
    let kind = op
        .request
        .parameters
        .iter()
        .find(|p| p.name == "kind")
        .expect("kind");
    assert_eq!(kind.location, Location::Query);
    let since = op
        .request
        .parameters
        .iter()
        .find(|p| p.name == "since")
        .expect("since");
    assert_eq!(
        since.schema.format,
        Some(spec::format::Format::CompactTimestamp)
    );
    // The template's placeholder is filled with a value of that format (the draft validates).
    let query = &op.examples[0].request.as_ref().expect("request").query;
    assert_eq!(query["since"].len(), 14, "{query:?}");
    let mood_type = spec
        .types
        .values()
        .flat_map(|t| &t.fields)
        .find(|f| f.name == "mood")
        .and_then(|f| f.schema.reference.clone())
        .expect("mood is an enum");
    let values: Vec<&str> = spec.types[&mood_type]
        .values
        .iter()
        .map(|v| v.value.as_str())
        .collect();
    assert_eq!(values, ["calm", "busy"]);
}

#[test]
fn operations_sharing_a_url_get_discriminators_from_their_curls() {
    let spec = draft(
        "p4.txt",
        "URL:
https://api.example.test/
Method: POST
Body (form-data):
Parameter | Sample value | Required |
act | things.make | Yes |
size | 4 | Yes |
curl --location 'https://api.example.test/' \\
--form 'act=\"things.make\"' \\
--form 'size=\"4\"'
URL:
https://api.example.test/
Method: POST
Body (form-data):
Parameter | Sample value | Required |
act | widgets.drop | Yes |
thing_id | 9 | Yes |
curl --location 'https://api.example.test/' \\
--form 'act=\"things.drop\"' \\
--form 'thing_id=\"9\"'
",
    );
    assert_eq!(spec.operations.len(), 2);
    let values: Vec<&str> = spec
        .operations
        .iter()
        .map(|o| o.discriminators[0].value.as_str())
        .collect();
    assert_eq!(values, ["things.make", "things.drop"]);
    let drop = &spec.operations[1];
    assert_eq!(drop.request.body, Some(BodyEncoding::Multipart));
    let id = drop
        .request
        .parameters
        .iter()
        .find(|p| p.name == "thing_id")
        .expect("thing_id");
    assert_eq!(id.schema.kind, Kind::Long);
    // The table's sample says another value: the example is corrected, the original kept.
    let table = drop
        .examples
        .iter()
        .find(|e| e.original.is_some())
        .expect("table example");
    assert!(table
        .original
        .as_deref()
        .is_some_and(|o| o.contains("widgets.drop")));
    assert_eq!(
        table
            .request
            .as_ref()
            .and_then(|r| r.body.as_ref())
            .and_then(|b| b.get("act"))
            .cloned(),
        Some(json!("things.drop"))
    );
}

#[test]
fn junk_pages_draft_without_crashing() {
    for text in [
        "just words",
        "|\n|\n| |\n---|---|\n|",
        "{ \"open\": [",
        "curl\ncurl -X\ncurl 'unterminated",
        "Метод: POST\nno url here",
        "GET /x\n| a |\n|---|\n",
        "<table></table><pre></pre><p>GET /y</p>",
        "# T\n\n| a | b |\n|---|---|\n",
        "GET /z\nStatus code: 201\n{\"d\": \"2024-01-01T00:00:00ééééééé\"}",
    ] {
        let page = draft::Page::from_bytes("junk.txt", text.as_bytes()).expect("page");
        let d = draft::draft(&page, None);
        assert!(d.yaml.starts_with("# yaml-language-server"), "{text}");
    }
}

/// The required flag of each response field, by name, in a page's draft.
fn required_flags(spec: &Spec) -> Vec<(String, bool)> {
    let mut v: Vec<(String, bool)> = spec
        .types
        .values()
        .flat_map(|t| &t.fields)
        .map(|f| (f.name.clone(), f.required))
        .collect();
    v.sort();
    v
}

#[test]
fn a_required_column_of_a_response_table_decides_over_the_examples() {
    // Every example shows every member; the table's column says which are always there.
    let html = "<h1>Show a kite</h1><p>GET /v1/kites/{kite}</p>\
         <table><tr><th>Parameter</th><th>Type</th><th>Mandatory</th></tr>\
         <tr><td>kite</td><td>String</td><td>Yes</td></tr></table>\
         <h4>Response</h4><table><tr><th>Parameter</th><th>Type</th><th>Mandatory</th><th>Description</th></tr>\
         <tr><td>kite_id</td><td>String</td><td>Yes</td><td>Its id</td></tr>\
         <tr><td>colour</td><td>String</td><td>No</td><td>Its colour</td></tr>\
         <tr><td>tail</td><td>Object</td><td>No</td><td>Its tail</td></tr>\
         <tr><td>length</td><td>Integer</td><td>Yes</td><td>Tail length</td></tr></table>\
         <p>Example response</p><pre>{\n  \"kite_id\": \"k1\",\n  \"colour\": \"red\",\n  \"tail\": {\"length\": 3}\n}</pre>";
    // The same in Markdown, its flags in Portuguese words.
    let markdown = "# Mostrar pipa\n\nGET /v1/kites/{kite}\n\n\
         | Parâmetro | Tipo | Obrigatório |\n|---|---|---|\n| kite | String | Sim |\n\n\
         ## Resposta\n\n\
         | Parâmetro | Tipo | Obrigatório | Descrição |\n|---|---|---|---|\n\
         | kite_id | String | Sim | id |\n| colour | String | Não | cor |\n\
         | tail | Object | Não | cauda |\n| length | Integer | Sim | comprimento |\n\n\
         Exemplo de resposta\n\n```\n{\n  \"kite_id\": \"k1\",\n  \"colour\": \"red\",\n  \"tail\": {\"length\": 3}\n}\n```\n";
    let dir = std::env::temp_dir().join(format!("draft-required-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    for (file, text) in [("kite.html", html), ("kite.md", markdown)] {
        let spec = draft(file, text);
        assert_eq!(
            required_flags(&spec),
            [
                ("colour".to_string(), false),
                ("kite_id".to_string(), true),
                ("length".to_string(), true),
                ("tail".to_string(), false),
            ],
            "{file}"
        );
        // Each flag cites its row, and the checker finds it there.
        std::fs::write(dir.join(file), text).expect("write");
        let page = draft::Page::from_bytes(file, text.as_bytes()).expect("page");
        let d = draft::draft(&page, Some("sample"));
        let c = draft::score::citations(file, &d.yaml, &dir).expect("checked");
        assert_eq!(c.hold, c.lines, "{file}: {:?}\n{}", c.problems, d.yaml);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn statuses_of_a_status_table_become_error_cases_with_the_page_error_body() {
    // Our own page: one failure example, and a status table (headers in Russian) listing two
    // more failure statuses that no example shows.
    let text = "# Удалить змея\n\nDELETE /v1/kites/{kite}\n\n\
         | Параметр | Тип | Обязательный |\n|---|---|---|\n| kite | String | Да |\n\n\
         ## Ошибка\n\nКод ответа: 409\n\n```\n{\n  \"fault\": \"K.1\",\n  \"detail\": \"busy\"\n}\n```\n\n\
         | Код ответа | Описание |\n|---|---|\n| 204 | удалён |\n| 404 | нет такого |\n| 409 | занят |\n| 503 | позже |\n";
    let spec = draft("kite_delete.md", text);
    let op = &spec.operations[0];
    let cases: Vec<(u16, bool, Vec<String>)> = op
        .errors
        .iter()
        .map(|e| (e.status, e.status_documented, e.matcher.has_fields.clone()))
        .collect();
    let fields = vec!["fault".to_string(), "detail".to_string()];
    assert_eq!(
        cases,
        [
            (409, true, fields.clone()),
            (404, true, fields.clone()),
            (503, true, fields)
        ],
        "{spec:#?}"
    );
    assert!(op.errors[2].retryable);
    let dir = std::env::temp_dir().join(format!("draft-statuses-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("kite_delete.md"), text).expect("write");
    let page = draft::Page::from_bytes("kite_delete.md", text.as_bytes()).expect("page");
    let d = draft::draft(&page, Some("sample"));
    let c = draft::score::citations("kite_delete.md", &d.yaml, &dir).expect("checked");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(c.hold, c.lines, "{:?}\n{}", c.problems, d.yaml);
}
