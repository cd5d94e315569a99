//! The citations a draft writes, held against its page by the `spec` crate's citation
//! checker (what `cargo xtask validate --pages` runs), on small made-up pages in each
//! format (no vendor text, no seed pages needed): every fact cites, every citation holds,
//! and the same citations fail against the page moved down by one line.

use std::path::PathBuf;

use spec::format::Spec;
use spec::load::SpecFile;

/// A directory of its own under the system's temporary directory, removed on drop.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("draft-cites-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&d).expect("temp dir");
        Dir(d)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The checker's findings for the draft of `text` against `page_text` (the page as stored).
fn check(file: &str, text: &str, page_text: &str) -> (Spec, Vec<String>) {
    let page = draft::Page::from_bytes(file, text.as_bytes()).expect("page");
    let d = draft::draft(&page, Some("sample"));
    assert!(d.problems.is_empty(), "{}\n{}", d.problems.framed(), d.yaml);
    let dir = Dir::new(file);
    std::fs::write(dir.0.join(file), page_text).expect("write page");
    let f = SpecFile::parse("draft.yaml", d.yaml.as_str()).expect("parses");
    let spec = f.spec.clone();
    let v = spec::validate::validate(vec![f], None).expect("validates");
    let model = spec::model::Model::build(&v).expect("model");
    let facts = &model.providers[0].facts;
    assert!(!facts.is_empty());
    assert!(
        facts.iter().all(|f| f.cite.is_some()),
        "uncited facts:\n{}",
        d.yaml
    );
    let (found, _) = spec::cite::check::check(&v, &model, &dir.0, &|_| false);
    (spec, found.0.iter().map(ToString::to_string).collect())
}

/// Every citation holds against the page, and fails against it moved down one line.
fn holds(file: &str, text: &str) -> Spec {
    let (spec, problems) = check(file, text, text);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let (_, moved) = check(file, text, &format!("\n{text}"));
    assert!(
        !moved.is_empty(),
        "citations that hold anywhere prove nothing"
    );
    spec
}

const TEXT: &str = "Create a gadget
POST http://gadgets.test/api/v1/{shop}/gadgets?op=make
| Parameter | Type | Required |
|---|---|---|
| shop | string | Yes |
| size | integer | Yes |
| when | yyyyMMddHHmmss | No |
Request example
curl -X POST -d '{\"size\": 3, \"when\": \"20240102030405\"}' http://gadgets.test/api/v1/s1/gadgets?op=make
Response example
Status code: 201
{
\"id\": 5,
\"state\": \"ready\"
}
";

#[test]
fn plain_text_citations_name_their_lines() {
    let spec = holds("g1.txt", TEXT);
    let op = &spec.operations[0];
    let cite = |c: &Option<spec::format::Cite>| c.as_ref().map(|c| c.0.clone());
    assert_eq!(cite(&op.cite).as_deref(), Some("2"));
    let p = |n: &str| op.request.parameters.iter().find(|p| p.name == n).expect(n);
    assert_eq!(cite(&p("size").cite).as_deref(), Some("6"));
    assert_eq!(cite(&p("when").cite).as_deref(), Some("7"));
    assert_eq!(cite(&op.response.cite).as_deref(), Some("11"));
    assert_eq!(cite(&op.examples[0].cite).as_deref(), Some("9; 12-15"));
}

#[test]
fn a_format_read_from_example_values_cites_them() {
    let spec = holds(
        "g4.txt",
        "List events\nGET http://events.test/v1/events?since={since}\nExample\n\
         curl http://events.test/v1/events?since=2024-05-06\nResponse\nStatus code: 200\n\
         [\"2024-05-06T01:02:03Z\"]\n",
    );
    // A format the table names in its own letters: the values shown hold it.
    let g5 = holds(
        "g5.txt",
        "Plan a run\nGET http://runs.test/v1/runs?at={at}\n| Parameter | Type | Mandatory | Remarks |\n\
         |---|---|---|---|\n| at | String | Yes | as hh:mm |\nExample\n\
         curl http://runs.test/v1/runs?at=02:30\n",
    );
    let at = &g5.operations[0].request.parameters[0];
    assert_eq!(at.schema.format, Some(spec::format::Format::TimeOfDay));
    assert_eq!(at.schema.cite.as_ref().map(|c| c.0.as_str()), Some("5; 7"));
    let op = &spec.operations[0];
    let since = &op.request.parameters[0];
    assert_eq!(since.schema.format, Some(spec::format::Format::Date));
    assert_eq!(since.cite.as_ref().map(|c| c.0.as_str()), Some("2"));
}

#[test]
fn markdown_and_html_citations_hold() {
    holds(
        "g2.md",
        "# Resize\n\nPUT /v2/{project}/volumes\n\n| Name | Type | Mandatory |\n|---|---|---|\n\
         | project | String | Yes |\n| size | Integer | Yes |\n\n## Response\n\nStatus code: 202\n\n\
         ```\n{\"name\": \"n1\",\n \"size\": 2}\n```\n",
    );
    let spec = holds(
        "g3.html",
        "<html><body><h1>List things</h1>\n<p>GET /v1/{zone}/things?limit={limit}</p>\n\
         <table>\n<tr><th>Parameter</th><th>Type</th>\n<th>Mandatory</th></tr>\n\
         <tr><td>zone</td>\n<td>String</td><td>Yes</td></tr>\n\
         <tr><td>limit</td>\n<td>Integer</td>\n<td>No</td></tr>\n</table>\n\
         <p>Response</p>\n<p>Status code: 200</p>\n<pre>{\n  \"count\": 1,\n  \"items\": [\"a\"]\n}</pre>\n\
         </body></html>\n",
    );
    let op = &spec.operations[0];
    let limit = op.request.parameters.iter().find(|p| p.name == "limit");
    assert_eq!(
        limit.and_then(|p| p.cite.as_ref()).map(|c| c.0.as_str()),
        Some("8-10"),
        "the row's lines in the HTML source"
    );
}
