//! The clients' HTTP settings over TLS (`runtime::net::HttpSettings`, what a generated
//! client's `add_root_certificate` feeds): the spec-built mock served over TLS with a
//! throwaway CA is reached only when that CA is trusted, and each failure says what failed.

use std::path::Path;

use conformance::mock::{self, tls, Config, Running};
use runtime::net::{describe, HttpSettings};

async fn tls_mock(ip: &str) -> (Running, String) {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acme.yaml");
    let file = spec::load::load_file(&specs).expect("fixture spec loads");
    let generated = tls::generate().expect("certificates");
    let config = Config {
        tls: Some(generated.config),
        ..Config::default()
    };
    let running = mock::spawn_with(&[file], format!("{ip}:0").parse().expect("addr"), config)
        .await
        .expect("mock binds");
    (running, generated.ca_pem)
}

async fn get(settings: &HttpSettings, url: &str) -> Result<u16, String> {
    let client = settings.client().map_err(|e| format!("{e:?}"))?;
    match client.get(url).header("X-Token", "t").send().await {
        Ok(resp) => Ok(resp.status().as_u16()),
        Err(e) => Err(describe(&e)),
    }
}

#[tokio::test]
async fn a_trusted_ca_is_reached_and_each_tls_failure_is_named() {
    let (m, ca) = tls_mock("127.0.0.1").await;
    let url = format!("https://localhost:{}/v1/t1/items/i1", m.addr.port());

    let trusted = HttpSettings {
        root_certificates: vec![ca.clone().into_bytes()],
        ..HttpSettings::default()
    };
    assert_eq!(get(&trusted, &url).await, Ok(200));

    let err = get(&HttpSettings::default(), &url)
        .await
        .expect_err("an unknown CA is refused");
    assert!(err.starts_with("TLS certificate"), "{err}");
    assert!(!err.contains("connection failed"), "{err}");
    m.stop().await;

    // 127.0.0.2 is loopback too, but the certificate does not name it.
    let (m, ca) = tls_mock("127.0.0.2").await;
    let trusted = HttpSettings {
        root_certificates: vec![ca.into_bytes()],
        ..HttpSettings::default()
    };
    let url = format!("https://127.0.0.2:{}/v1/t1/items/i1", m.addr.port());
    let err = get(&trusted, &url)
        .await
        .expect_err("a certificate for other names is refused");
    assert!(err.starts_with("TLS host name"), "{err}");
    m.stop().await;
}
