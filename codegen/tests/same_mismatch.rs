//! The replay and the generated protocol tests hold a sent request against the same expected
//! request with the same comparator (`protocol-test`), so a difference is reported alike, with
//! the same kind. The generator's literal (read back from the rendered test file) equals the
//! replay's expectation for every example; then a difference planted in the path's encoding,
//! a query value, a header and the body, sent to the mock, is reported by the replay and by
//! the generated literal as the same one mismatch. A purpose-made spec, no provider's.

use std::collections::BTreeMap;

use codegen::render::{self, Layout};
use conformance::driver::{BoxFuture, Call, Driver, Observed, WireDriver};
use conformance::replay::replay_all;
use conformance::results::WireCheck;
use protocol_test::{validate_request, ExpectedBody, ExpectedRequest, MismatchKind, Place};
use spec::model::{ProviderModel, WireRequest};
use syn::visit::Visit;

const SPEC: &str = r#"provider:
  id: mismatch_demo
  title: Mismatch demo
  description: Invented.
  base_url: "https://demo.example.com"
  sources:
    - { file: page.txt, sha256: "0000000000000000000000000000000000000000000000000000000000000000", language: en, title: Page }
  version: "1"
auth:
  header_token: { in: header, name: X-Token, description: Header token. }
operations:
  - id: list_items
    summary: List items.
    source: page.txt
    effect: read
    method: GET
    path: /items/{group}
    auth: header_token
    request:
      parameters:
        - { name: group, in: path, description: A group., required: true, schema: { type: string } }
        - { name: limit, in: query, description: At most., schema: { type: integer } }
        - { name: X-Trace, in: header, description: A trace id., schema: { type: string } }
    response: { status: 200, schema: { type: unit } }
    examples:
      - name: listed
        summary: Listed.
        request:
          path: { group: "a/b c" }
          query: { limit: "126" }
          headers: { X-Token: documented-token, X-Trace: t1 }
  - id: create_item
    summary: Create an item.
    source: page.txt
    effect: create
    method: POST
    path: /items
    auth: header_token
    request:
      body: json
      parameters:
        - { name: name, in: body, description: A name., required: true, schema: { type: string } }
    response: { status: 200, schema: { type: unit } }
    examples:
      - name: created
        summary: Created.
        request:
          headers: { X-Token: documented-token }
          body: { name: box }
"#;

/// A string literal's value.
fn text(e: &syn::Expr) -> String {
    match e {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => s.value(),
        syn::Expr::Reference(r) => text(&r.expr),
        other => panic!("not a string literal: {}", quote::quote!(#other)),
    }
}

/// `&[("k", "v"), ...]` as pairs.
fn pairs(e: &syn::Expr) -> Vec<(String, String)> {
    let syn::Expr::Reference(r) = e else {
        panic!("not a reference to an array: {}", quote::quote!(#e));
    };
    let syn::Expr::Array(a) = &*r.expr else {
        panic!("not an array: {}", quote::quote!(#e));
    };
    a.elems
        .iter()
        .map(|t| match t {
            syn::Expr::Tuple(t) => (text(&t.elems[0]), text(&t.elems[1])),
            other => panic!("not a pair: {}", quote::quote!(#other)),
        })
        .collect()
}

/// The value the generated builder chain `protocol_test::ExpectedRequest::new(..).query(..)…`
/// builds, read from its tokens (every argument the generator writes is a literal).
fn evaluate(e: &syn::Expr) -> ExpectedRequest {
    match e {
        syn::Expr::Call(c) => ExpectedRequest::new(&text(&c.args[0]), &text(&c.args[1])),
        syn::Expr::MethodCall(m) => {
            let r = evaluate(&m.receiver);
            let arg = |i: usize| &m.args[i];
            match m.method.to_string().as_str() {
                "query" => r.query(&borrowed(&pairs(arg(0)))),
                "headers" => r.headers(&borrowed(&pairs(arg(0)))),
                "empty_body" => r.empty_body(),
                "json_body" => r.json_body(&text(arg(0))),
                "multipart_body" => r.multipart_body(&borrowed(&pairs(arg(0)))),
                "urlencoded_body" => r.urlencoded_body(&borrowed(&pairs(arg(0)))),
                "secret" => {
                    let path = &m.args[0];
                    let place = match quote::quote!(#path).to_string() {
                        p if p.ends_with("Query") => Place::Query,
                        p if p.ends_with("Header") => Place::Header,
                        _ => Place::Body,
                    };
                    r.secret(place, &text(arg(1)))
                }
                "signed_by" => r.signed_by(protocol_test::ACCESS_KEY),
                other => panic!("the generator writes no `.{other}` on an expected request"),
            }
        }
        other => panic!("not an expected request: {}", quote::quote!(#other)),
    }
}

fn borrowed(p: &[(String, String)]) -> Vec<(&str, &str)> {
    p.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// Every expected request of a rendered test file, by the test function around it.
#[derive(Default)]
struct Literals {
    function: String,
    found: BTreeMap<String, ExpectedRequest>,
}

impl<'ast> Visit<'ast> for Literals {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.function = f.sig.ident.to_string();
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let mut root = &*m.receiver;
        while let syn::Expr::MethodCall(inner) = root {
            root = &inner.receiver;
        }
        let is_new = match root {
            syn::Expr::Call(c) => {
                let f = &c.func;
                quote::quote!(#f)
                    .to_string()
                    .ends_with("ExpectedRequest :: new")
            }
            _ => false,
        };
        if is_new {
            let e = evaluate(&syn::Expr::MethodCall(m.clone()));
            self.found.insert(self.function.clone(), e);
        } else {
            syn::visit::visit_expr_method_call(self, m);
        }
    }
}

fn validated(label: &str) -> (spec::validate::Validated, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "codegen-same-mismatch-{label}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let file = dir.join("mismatch_demo.yaml");
    std::fs::write(&file, SPEC).expect("write");
    let v = spec::validate::load_and_validate(&[file], None).expect("the demo spec validates");
    (v, dir)
}

/// The generated tests' expected requests, by example name (the test function's name).
fn generated_literals(v: &spec::validate::Validated) -> BTreeMap<String, ExpectedRequest> {
    let files = render::render(v, &Layout::Workspace).expect("renders");
    let mut literals = Literals::default();
    for f in files
        .iter()
        .filter(|f| f.path.starts_with("tests") && f.path.to_string_lossy().contains("protocol"))
    {
        let file: syn::File = syn::parse_file(&f.contents).expect("the test file parses");
        literals.visit_file(&file);
    }
    literals.found
}

/// A difference planted in a request.
type Plant = fn(&mut WireRequest);

/// The reference driver, sending each documented request changed by its plant.
struct Planting(Plant);

impl Driver for Planting {
    fn call<'a>(&'a self, call: &'a Call<'a>) -> BoxFuture<'a, Observed> {
        Box::pin(async move {
            let mut request = call.request.clone();
            (self.0)(&mut request);
            let call = Call {
                request: &request,
                credential: call.credential.clone(),
                prefer: call.prefer.clone(),
                ..*call
            };
            WireDriver::default().call(&call).await
        })
    }
}

fn set(pairs: &mut [(String, String)], name: &str, value: &str) {
    pairs
        .iter_mut()
        .filter(|(k, _)| k == name)
        .for_each(|(_, v)| *v = value.to_string());
}

#[test]
fn the_generated_literals_are_the_replays_expectations() {
    let (v, dir) = validated("literals");
    let literals = generated_literals(&v);
    let model = ProviderModel::build(&v.files()[0].spec, String::new()).expect("model");
    let mut seen = 0;
    for o in &model.operations {
        for ex in &o.examples {
            let wire = ex.wire.as_ref().expect("a documented request");
            let sent_as =
                wire.with_credential(o.credential.sent_in(ex.request.expect("own")).as_deref());
            let replay = conformance::expect::expected_request(&sent_as);
            assert_eq!(
                literals.get(&ex.example.name),
                Some(&replay),
                "{}",
                ex.example.name
            );
            seen += 1;
        }
    }
    assert_eq!(seen, literals.len(), "one literal per example");
    std::fs::remove_dir_all(dir).expect("clean up");
}

#[tokio::test]
async fn a_planted_difference_is_reported_alike_with_the_same_kind() {
    let (v, dir) = validated("planted");
    let literals = generated_literals(&v);
    let files = v.files();
    let mock = conformance::mock::spawn(files, "127.0.0.1:0".parse().expect("addr"), true)
        .await
        .expect("the mock starts");
    let model = ProviderModel::build(&files[0].spec, String::new()).expect("model");
    let plants: [(&str, Plant, MismatchKind); 4] = [
        // An encoded `/` inside a segment sent as a separator.
        (
            "listed",
            |w| w.path = w.path.replace("%2F", "/"),
            MismatchKind::Path,
        ),
        (
            "listed",
            |w| set(&mut w.query, "limit", "127"),
            MismatchKind::Query,
        ),
        (
            "listed",
            |w| set(&mut w.headers, "X-Trace", "t2"),
            MismatchKind::Header,
        ),
        (
            "created",
            |w| {
                if let Some(b) = w.body.as_mut() {
                    b.fields.insert("name".into(), "bag".into());
                }
            },
            MismatchKind::Body,
        ),
    ];
    for (example, plant, kind) in plants {
        // The replay's report.
        let results = replay_all(files, &Planting(plant), &mock).await;
        let r = results
            .iter()
            .find(|r| r.example == example)
            .expect("the example was replayed");
        let Some(WireCheck::Differs(reported)) = &r.snapshot.wire else {
            panic!(
                "{example}: {kind:?} planted, the replay reports {:?}",
                r.snapshot.wire
            );
        };
        // The same request, captured, against the generated test's literal.
        let (o, ex) = model
            .operations
            .iter()
            .find_map(|o| {
                o.examples
                    .iter()
                    .find(|e| e.example.name == example)
                    .map(|e| (o, e))
            })
            .expect("the example");
        let mut planted = ex.wire.clone().expect("a request");
        plant(&mut planted);
        let call = Call {
            spec: &files[0].spec,
            op: o,
            request: &planted,
            credential: o.credential.sent_in(ex.request.expect("own")),
            sign_with: None,
            base_url: &mock.provider_base_url("mismatch_demo"),
            prefer: None,
        };
        mock.capture.take();
        WireDriver::default().call(&call).await;
        let sent = mock
            .capture
            .take()
            .pop()
            .expect("the mock captured the request");
        let generated = validate_request(&literals[example], &sent);
        assert_eq!(&generated, reported, "{example}: {kind:?}");
        assert_eq!(
            generated.iter().map(|m| m.kind).collect::<Vec<_>>(),
            [kind],
            "{example}: {generated:?}"
        );
        // The documented credential is checked present, never shown.
        assert!(!format!("{reported:?}").contains("documented-token"));
    }
    mock.stop().await;
    assert!(matches!(literals["created"].body, ExpectedBody::Json(_)));
    std::fs::remove_dir_all(dir).expect("clean up");
}
