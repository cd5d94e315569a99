//! The mock server over real HTTP, against a purpose-made spec (tests/fixtures/acme.yaml).

use std::path::Path;

use conformance::mock::{self, Config, Running, Secret};
use serde_json::{json, Value};

async fn start() -> Running {
    start_with(Config {
        capture: true,
        ..Config::default()
    })
    .await
}

async fn start_with(config: Config) -> Running {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acme.yaml");
    let file = spec::load::load_file(&path).expect("fixture spec loads");
    mock::spawn_with(&[file], "127.0.0.1:0".parse().expect("addr"), config)
        .await
        .expect("mock binds")
}

async fn send(rb: reqwest::RequestBuilder) -> (u16, Value) {
    let resp = rb.send().await.expect("request sent");
    let status = resp.status().as_u16();
    let text = resp.text().await.expect("body");
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, body)
}

#[tokio::test]
async fn valid_request_gets_the_first_success_example() {
    let m = start().await;
    let c = reqwest::Client::new();
    let url = format!("{}/v1/t1/items/i1?limit=5", m.base_url());
    let (status, body) = send(c.get(&url).header("X-Token", "tok")).await;
    assert_eq!((status, body), (200, json!({"id": "i1", "size": 3})));
    let captured = m.capture.take();
    assert_eq!(captured.len(), 1);
    assert_eq!(captured[0].path, "/v1/t1/items/i1");
    assert_eq!(captured[0].query, vec![("limit".into(), "5".into())]);
    m.stop().await;
}

#[tokio::test]
async fn prefer_header_selects_a_failure_example() {
    let m = start().await;
    let c = reqwest::Client::new();
    let url = format!("{}/v1/t1/items/i1", m.base_url());
    let rb = c.get(&url).header("X-Token", "tok");
    let (status, body) = send(rb.header("Prefer", "example=missing")).await;
    assert_eq!(status, 404);
    assert_eq!(body["error_code"], "NF");
    let rb = c
        .get(&url)
        .header("X-Token", "tok")
        .header("Prefer", "code=404");
    assert_eq!(send(rb).await.0, 404);
    let rb = c
        .get(&url)
        .header("X-Token", "tok")
        .header("Prefer", "example=nope");
    let (status, body) = send(rb).await;
    assert_eq!(status, 400);
    assert!(body["error_msg"].as_str().unwrap_or("").contains("nope"));
    m.stop().await;
}

#[tokio::test]
async fn missing_or_empty_credentials_get_the_unauthorized_shape() {
    let m = start().await;
    let c = reqwest::Client::new();
    let url = format!("{}/v1/t1/items/i1", m.base_url());
    let (status, body) = send(c.get(&url)).await;
    assert_eq!(status, 401);
    assert_eq!(body["error_code"], "MOCK.401");
    assert!(body["error_msg"].as_str().unwrap_or("").contains("X-Token"));
    let (status, _) = send(c.get(&url).header("X-Token", "  ")).await;
    assert_eq!(status, 401);

    let form_url = format!("{}/", m.base_url());
    let form = [("func", "thing.delete"), ("elid", "14"), ("auth", "")];
    assert_eq!(send(c.post(&form_url).form(&form)).await.0, 401);
    m.stop().await;
}

#[tokio::test]
async fn constraint_violations_get_the_invalid_shape_without_secrets() {
    let m = start().await;
    let c = reqwest::Client::new();
    let url = format!("{}/v1/t1/items/i1?limit=0", m.base_url());
    let (status, body) = send(c.get(&url).header("X-Token", "supersecret")).await;
    assert_eq!(status, 400, "{body}");
    let msg = body["error_msg"].as_str().unwrap_or("");
    assert!(msg.contains("limit"), "{msg}");
    assert!(!body.to_string().contains("supersecret"));

    let url = format!("{}/v1/t1/items/i1?limit=abc", m.base_url());
    let (status, _) = send(c.get(&url).header("X-Token", "t")).await;
    assert_eq!(status, 400);
    m.stop().await;
}

#[tokio::test]
async fn json_bodies_are_checked_for_content_type_and_fields() {
    let m = start().await;
    let c = reqwest::Client::new();
    let url = format!(
        "{}/v1/t1/items?cmd=5&access-token=supersecret",
        m.base_url()
    );
    let (status, body) = send(c.post(&url).json(&json!({"name": "box", "count": "2"}))).await;
    assert_eq!((status, body), (200, json!({"id": "i9"})));

    let (status, body) = send(c.post(&url).json(&json!({"count": "2"}))).await;
    assert_eq!(status, 400);
    assert!(body["error_msg"].as_str().unwrap_or("").contains("`name`"));
    assert!(!body.to_string().contains("supersecret"));

    let rb = c
        .post(&url)
        .header("content-type", "text/plain")
        .body("name=box");
    assert_eq!(send(rb).await.0, 400);
    let rb = c
        .post(&url)
        .header("content-type", "application/json")
        .body("{oops");
    assert_eq!(send(rb).await.0, 400);
    let rb = c.post(&url).json(&json!(["not", "an", "object"]));
    assert_eq!(send(rb).await.0, 400);

    m.stop().await;
}

#[tokio::test]
async fn form_posts_route_by_body_discriminators_in_both_encodings() {
    let m = start().await;
    let c = reqwest::Client::new();
    let url = format!("{}/", m.base_url());
    let form = reqwest::multipart::Form::new()
        .text("func", "thing.list")
        .text("out", "json")
        .text("auth", "tok")
        .text("plid", "7");
    let (status, body) = send(c.post(&url).multipart(form)).await;
    assert_eq!((status, body), (200, json!([{"id": "a"}])));

    let fields = [
        ("func", "thing.list"),
        ("out", "json"),
        ("auth", "tok"),
        ("plid", "7"),
    ];
    assert_eq!(send(c.post(&url).form(&fields)).await.0, 200);

    let fields = [("func", "thing.delete"), ("auth", "tok"), ("elid", "14")];
    assert_eq!(send(c.post(&url).form(&fields)).await, (200, Value::Null));

    let fields = [("func", "thing.delete"), ("auth", "tok")];
    assert_eq!(send(c.post(&url).form(&fields)).await.0, 400);

    m.stop().await;
}

#[tokio::test]
async fn unknown_routes_get_a_404_listing_the_known_ones() {
    let m = start().await;
    let c = reqwest::Client::new();
    let (status, body) = send(c.get(format!("{}/nowhere", m.base_url()))).await;
    assert_eq!(status, 404);
    let routes = body["routes"].as_array().cloned().unwrap_or_default();
    assert_eq!(routes.len(), 4);
    assert!(routes
        .iter()
        .any(|r| r == "POST / [func=thing.list, out=json] (acme.list_forms)"));
    m.stop().await;
}

#[tokio::test]
async fn hostile_input_never_gets_a_server_error() {
    let m = start().await;
    let c = reqwest::Client::new();
    let base = m.base_url();
    let bodies: [&[u8]; 4] = [b"", b"\xff\xfe\x00garbage", b"--x\r\nbroken", b"{\"a\":"];
    let types = [
        "application/json",
        "multipart/form-data; boundary=x",
        "multipart/form-data",
        "application/x-www-form-urlencoded",
        "text/plain",
    ];
    let paths = [
        "/",
        "/v1/t1/items",
        "/v1/t1/items/%ff",
        "/v1//items/x",
        "/%%",
    ];
    for path in paths {
        for ct in types {
            for body in bodies {
                for method in [reqwest::Method::GET, reqwest::Method::POST] {
                    let url = format!("{base}{path}?cmd=5&limit=%ff&access-token=");
                    let rb = c
                        .request(method.clone(), &url)
                        .header("content-type", ct)
                        .header("X-Token", "t")
                        .body(body.to_vec());
                    let resp = rb.send().await.expect("sent");
                    assert!(resp.status().as_u16() < 500, "{method} {path} {ct}");
                }
            }
        }
    }
    m.stop().await;
}

#[tokio::test]
async fn undeclared_methods_get_405_with_allow() {
    let m = start().await;
    let c = reqwest::Client::new();
    let base = m.base_url();
    for (method, path, allow) in [
        (reqwest::Method::DELETE, "/v1/t1/items/i1", "GET"),
        (reqwest::Method::PUT, "/v1/t1/items", "POST"),
        (reqwest::Method::GET, "/", "POST"),
    ] {
        let resp = c
            .request(method.clone(), format!("{base}{path}"))
            .send()
            .await
            .expect("sent");
        assert_eq!(resp.status().as_u16(), 405, "{method} {path}");
        let got = resp.headers().get("allow").and_then(|v| v.to_str().ok());
        assert_eq!(got, Some(allow), "{method} {path}");
    }
    m.stop().await;
}

#[tokio::test]
async fn missing_or_unknown_discriminators_get_the_providers_invalid_reply() {
    let m = start().await;
    let c = reqwest::Client::new();
    // A JSON operation told apart by `cmd` in the query, sent without it.
    let url = format!("{}/v1/t1/items?access-token=x", m.base_url());
    let (status, body) = send(c.post(&url).json(&json!({"name": "box"}))).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error_code"], "MOCK.400");
    assert!(body["error_msg"].as_str().unwrap_or("").contains("cmd=5"));

    // Form posts with an unknown or no `func`.
    let url = format!("{}/", m.base_url());
    for fields in [
        vec![("func", "thing.unknown"), ("auth", "tok")],
        vec![("auth", "tok")],
    ] {
        let (status, body) = send(c.post(&url).form(&fields)).await;
        assert_eq!((status, &body["error_code"]), (400, &json!("MOCK.400")));
    }
    // Credentials are still checked first, as a real server does.
    let (status, body) = send(c.post(&url).form(&[("func", "x")])).await;
    assert_eq!((status, &body["error_code"]), (401, &json!("MOCK.401")));
    m.stop().await;
}

#[tokio::test]
async fn whole_number_floats_are_integers() {
    let m = start().await;
    let c = reqwest::Client::new();
    let url = format!("{}/v1/t1/items?cmd=5&access-token=t", m.base_url());
    let (status, body) = send(c.post(&url).json(&json!({"name": "box", "count": -2.0}))).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = send(c.post(&url).json(&json!({"name": "box", "count": 2.5}))).await;
    assert_eq!(status, 400);
    m.stop().await;
}

#[tokio::test]
async fn with_a_token_only_that_credential_passes() {
    let m = start_with(Config {
        capture: false,
        token: Some(Secret::new("right-token")),
        ..Config::default()
    })
    .await;
    let c = reqwest::Client::new();
    let url = format!("{}/v1/t1/items/i1", m.base_url());
    let (status, _) = send(c.get(&url).header("X-Token", "right-token")).await;
    assert_eq!(status, 200);
    let (status, body) = send(c.get(&url).header("X-Token", "wrong-token")).await;
    assert_eq!((status, &body["error_code"]), (401, &json!("MOCK.401")));
    assert!(!body.to_string().contains("right-token"));
    assert!(!body.to_string().contains("wrong-token"));

    // Every credential location: query and form field too.
    let url = format!("{}/v1/t1/items?cmd=5&access-token=nope", m.base_url());
    assert_eq!(send(c.post(&url).json(&json!({"name": "b"}))).await.0, 401);
    let url = format!("{}/", m.base_url());
    let form = [("func", "thing.delete"), ("elid", "1"), ("auth", "nope")];
    assert_eq!(send(c.post(&url).form(&form)).await.0, 401);
    let form = [
        ("func", "thing.delete"),
        ("elid", "1"),
        ("auth", "right-token"),
    ];
    assert_eq!(send(c.post(&url).form(&form)).await.0, 200);
    // The token's Debug form never shows it.
    assert!(!format!("{:?}", Secret::new("right-token")).contains("right"));
    m.stop().await;
}

#[tokio::test]
async fn multipart_field_names_are_taken_as_sent() {
    let m = start().await;
    let c = reqwest::Client::new();
    // A control character in an extra field's name: valid form data, which some clients
    // send unescaped.
    let body = b"--b1\r\nContent-Disposition: form-data; name=\"\x1b\x0f\"\r\n\r\n{}\r\n\
--b1\r\nContent-Disposition: form-data; name=\"func\"\r\n\r\nthing.delete\r\n\
--b1\r\nContent-Disposition: form-data; name=\"auth\"\r\n\r\ntok\r\n\
--b1\r\nContent-Disposition: form-data; name=\"elid\"\r\n\r\n14\r\n--b1--\r\n";
    let rb = c
        .post(format!("{}/", m.base_url()))
        .header("content-type", "multipart/form-data; boundary=b1")
        .body(body.to_vec());
    assert_eq!(send(rb).await, (200, Value::Null));
    // Broken framing is the provider's invalid reply, not a missing credential.
    let rb = c
        .post(format!("{}/", m.base_url()))
        .header("content-type", "multipart/form-data; boundary=b1")
        .body(&b"--b1\r\nContent-Disposition: form-data; name=\"auth\"\r\n\r\ntok"[..]);
    let (status, body) = send(rb).await;
    assert_eq!((status, &body["error_code"]), (400, &json!("MOCK.400")));
    m.stop().await;
}

#[tokio::test]
async fn declared_fields_sent_twice_are_invalid() {
    let m = start().await;
    let c = reqwest::Client::new();
    let url = format!("{}/", m.base_url());
    let form = [
        ("func", "thing.delete"),
        ("auth", "tok"),
        ("elid", "14"),
        ("elid", "{}"),
    ];
    let (status, body) = send(c.post(&url).form(&form)).await;
    assert_eq!(status, 400);
    assert!(body["error_msg"]
        .as_str()
        .unwrap_or("")
        .contains("`elid` is sent 2 times"));
    // Undeclared extras may repeat.
    let form = [
        ("func", "thing.delete"),
        ("auth", "tok"),
        ("elid", "14"),
        ("x", "1"),
        ("x", "2"),
    ];
    assert_eq!(send(c.post(&url).form(&form)).await.0, 200);
    let url = format!("{}/v1/t1/items/i1?limit=1&limit=2", m.base_url());
    assert_eq!(send(c.get(&url).header("X-Token", "t")).await.0, 400);
    m.stop().await;
}

#[test]
fn standalone_threads_serve_and_stop() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acme.yaml");
    let file = spec::load::load_file(&path).expect("fixture spec loads");
    let addr = "127.0.0.1:0".parse().expect("addr");
    let served = mock::serve_threads(&[file], addr, Config::default(), 2).expect("serves");
    let url = format!("http://{}/v1/t1/items/i1", served.addr);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let c = reqwest::Client::new();
    for _ in 0..4 {
        let (status, _) = rt.block_on(send(c.get(&url).header("X-Token", "t")));
        assert_eq!(status, 200);
    }
    served.stop();
    // Stopped means no longer accepting.
    let refused = rt.block_on(c.get(&url).header("X-Token", "t").send());
    assert!(refused.is_err());
}

/// The fixture twice, under two provider ids with the same paths, and the second one's
/// documented item changed so the answers tell the providers apart.
async fn start_twins() -> Running {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acme.yaml");
    let first = spec::load::load_file(&path).expect("fixture spec loads");
    let mut second = first.clone();
    second.spec.provider.id = "acme_twin".into();
    let ok = &mut second.spec.operations[0].examples[0];
    if let Some(body) = ok.response.as_mut().and_then(|r| r.body.as_mut()) {
        body["size"] = json!(99);
    }
    mock::spawn_with(
        &[first, second],
        "127.0.0.1:0".parse().expect("addr"),
        Config::default(),
    )
    .await
    .expect("mock binds")
}

#[tokio::test]
async fn providers_sharing_a_path_are_told_apart_by_host_or_prefix() {
    let m = start_twins().await;
    let c = reqwest::Client::new();
    let url = format!("{}/v1/t1/items/i1", m.base_url());

    let (status, body) = send(c.get(&url).header("X-Token", "tok")).await;
    assert_eq!(status, 421, "{body}");
    assert_eq!(body["providers"], json!(["acme", "acme_twin"]));

    let by_host = |host: &str| c.get(&url).header("X-Token", "tok").header("Host", host);
    let (status, body) = send(by_host("acme-twin.localhost:1234")).await;
    assert_eq!((status, body["size"].clone()), (200, json!(99)));
    let (status, body) = send(by_host("acme.localhost")).await;
    assert_eq!((status, body["size"].clone()), (200, json!(3)));

    let prefixed = format!("{}/v1/t1/items/i1", m.provider_base_url("acme_twin"));
    let (status, body) = send(c.get(&prefixed).header("X-Token", "tok")).await;
    assert_eq!((status, body["size"].clone()), (200, json!(99)));

    // An unknown prefix is just a path: nothing serves it.
    let unknown = format!("{}/~nobody/v1/t1/items/i1", m.base_url());
    let (status, _) = send(c.get(&unknown).header("X-Token", "tok")).await;
    assert_eq!(status, 404);
    m.stop().await;
}

#[tokio::test]
async fn a_credential_sent_twice_gets_the_unauthorized_shape() {
    let m = start_with(Config {
        token: Some(Secret::new("secret1")),
        ..Config::default()
    })
    .await;
    let c = reqwest::Client::new();
    let body = json!({"name": "box"});
    // Query: the first value is the right one, the second is not.
    let url = format!(
        "{}/v1/t1/items?cmd=5&access-token=secret1&access-token=x",
        m.base_url()
    );
    let (status, reply) = send(c.post(&url).json(&body)).await;
    assert_eq!(status, 401, "{reply}");
    assert_eq!(reply["error_code"], "MOCK.401");
    let msg = reply["error_msg"].as_str().unwrap_or("");
    assert!(msg.contains("`access-token` is sent 2 times"), "{msg}");
    assert!(!reply.to_string().contains("secret1"));
    // Even the same value twice.
    let url = format!(
        "{}/v1/t1/items?cmd=5&access-token=secret1&access-token=secret1",
        m.base_url()
    );
    assert_eq!(send(c.post(&url).json(&body)).await.0, 401);
    // Once is fine.
    let url = format!("{}/v1/t1/items?cmd=5&access-token=secret1", m.base_url());
    assert_eq!(send(c.post(&url).json(&body)).await.0, 200);

    // Header.
    let url = format!("{}/v1/t1/items/i1", m.base_url());
    let rb = c
        .get(&url)
        .header("X-Token", "secret1")
        .header("X-Token", "x");
    assert_eq!(send(rb).await.0, 401);
    assert_eq!(send(c.get(&url).header("X-Token", "secret1")).await.0, 200);

    // Form field.
    let url = format!("{}/", m.base_url());
    let form = [
        ("func", "thing.delete"),
        ("auth", "secret1"),
        ("auth", "x"),
        ("elid", "14"),
    ];
    let (status, reply) = send(c.post(&url).form(&form)).await;
    assert_eq!(status, 401, "{reply}");
    m.stop().await;
}

/// A multipart body of `fields` with this boundary.
fn multipart_body(boundary: &str, fields: &[(&str, &str)]) -> Vec<u8> {
    let mut b = Vec::new();
    for (name, value) in fields {
        b.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    b.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    b
}

#[tokio::test]
async fn multipart_boundaries_over_70_characters_are_refused_before_parsing() {
    let m = start().await;
    let c = reqwest::Client::new();
    let fields = [
        ("func", "thing.list"),
        ("out", "json"),
        ("auth", "t"),
        ("plid", "7"),
    ];
    let post = |path: &str, boundary: &str| {
        // Four fields, or one for a huge boundary (the body stays below the 1 MB limit).
        let fields = if boundary.len() > 1000 {
            &fields[..1]
        } else {
            &fields[..]
        };
        c.post(format!("{}{path}", m.base_url()))
            .header(
                "content-type",
                format!("multipart/form-data; boundary=\"{boundary}\""),
            )
            .body(multipart_body(boundary, fields))
    };
    let longest = "b".repeat(70);
    assert_eq!(send(post("/", &longest)).await, (200, json!([{"id": "a"}])));
    let (status, body) = send(post("/", &"b".repeat(71))).await;
    assert_eq!(status, 400, "{body}");
    assert!(body.to_string().contains("longer than 70"), "{body}");
    // 300 KB: refused at once, on any route.
    let huge = "b".repeat(300 * 1024);
    for path in ["/", "/no/such/route"] {
        let started = std::time::Instant::now();
        let (status, body) = send(post(path, &huge)).await;
        assert_eq!(status, 400, "{path}: {body}");
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }
    m.stop().await;
}

#[tokio::test]
async fn form_bodies_over_256_fields_are_invalid() {
    let m = start().await;
    let c = reqwest::Client::new();
    let mut fields = vec![
        ("func", "thing.list"),
        ("out", "json"),
        ("auth", "t"),
        ("plid", "7"),
    ];
    fields.extend(std::iter::repeat_n(("x", "1"), 252));
    let post = |fields: &[(&str, &str)]| {
        c.post(format!("{}/", m.base_url()))
            .header("content-type", "multipart/form-data; boundary=b1")
            .body(multipart_body("b1", fields))
    };
    assert_eq!(send(post(&fields)).await.0, 200);
    fields.push(("x", "1"));
    let (status, body) = send(post(&fields)).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error_code"], "MOCK.400");
    // Url-encoded alike.
    let mut form = vec![("func", "thing.delete"), ("auth", "t"), ("elid", "14")];
    form.extend(std::iter::repeat_n(("x", "1"), 253));
    let url = format!("{}/", m.base_url());
    assert_eq!(send(c.post(&url).form(&form)).await.0, 200);
    form.push(("x", "1"));
    assert_eq!(send(c.post(&url).form(&form)).await.0, 400);
    m.stop().await;
}
