//! The curl line (`spec::model::curl`; the replay's reproduction line, the fixtures'
//! `.curl.sh`): read back with an independent shell-word parser, every value
//! arrives as one literal word, the credential stays an expandable variable, and nothing makes
//! curl read a local file.

use std::path::Path;

use spec::model::curl::{Base, Curl};
use spec::model::WireRequest;

fn words(line: &str) -> Vec<String> {
    shlex::split(line).unwrap_or_else(|| panic!("not valid shell words: {line}"))
}

#[test]
fn hostile_values_stay_literal_and_the_credential_expands() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acme.yaml");
    let file = spec::load::load_file(&path).expect("fixture spec loads");
    let spec = &file.spec;
    let model = spec::model::ProviderModel::build(spec, String::new()).expect("model");
    for om in &model.operations {
        let op = om.op;
        let Some(mut req) = op.examples.iter().find_map(|e| e.request.clone()) else {
            continue;
        };
        // Every body value becomes something a careless quoting would turn into a file read
        // or a broken command.
        let hostile = "@/etc/passwd ' \" $(id) `x`";
        let mut expected = Vec::new();
        let cred = &om.credential;
        if let Some(body) = req.body.as_mut().and_then(|b| b.as_object_mut()) {
            for (k, v) in body.iter_mut() {
                if !cred.is(spec::format::Location::Body, k) && k != "func" && k != "out" {
                    *v = serde_json::Value::String(hostile.into());
                    expected.push(format!("{k}={hostile}"));
                }
            }
        }
        let wire = WireRequest::build(op, &om.path, &om.credential, &req);
        let line = Curl::new(&wire, Base::Url("http://127.0.0.1:1"), "ACME_TOKEN").line();
        let w = words(&line);
        assert_eq!(w[0], "curl", "{line}");
        assert!(
            !w.iter()
                .any(|a| a == "--form" || a == "--data" || a == "-d"),
            "{line}"
        );
        for e in &expected {
            if op.request.body == Some(spec::format::BodyEncoding::Json) {
                continue;
            }
            assert!(w.iter().any(|a| a == e), "`{e}` is not one word in {line}");
        }
        if let Some((_, name)) = cred.placement() {
            // The parser keeps `$ACME_TOKEN` literal; a shell would expand it.
            assert!(
                w.iter()
                    .any(|a| a.contains(name) && a.contains("$ACME_TOKEN")),
                "credential `{name}` is not taken from the variable in {line}"
            );
            assert!(!line.contains("secret-token"), "{line}");
        }
    }
}

/// The line for each documented request of the fixture, which covers every credential
/// location and body encoding.
#[test]
fn the_fixtures_curl_lines() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acme.yaml");
    let file = spec::load::load_file(&path).expect("fixture spec loads");
    let model = spec::model::ProviderModel::build(&file.spec, String::new()).expect("model");
    let lines: Vec<(String, String, String)> = model
        .operations
        .iter()
        .flat_map(|om| {
            // Each example documenting a request of its own (not one it shares).
            om.examples
                .iter()
                .filter(|e| e.own_request)
                .filter_map(move |e| {
                    let line = Curl::new(
                        e.wire.as_ref()?,
                        Base::Url("http://127.0.0.1:1"),
                        "ACME_TOKEN",
                    )
                    .line();
                    Some((om.op.id.clone(), e.example.name.clone(), line))
                })
        })
        .collect();
    insta::assert_yaml_snapshot!("fixture_lines", lines);
}
