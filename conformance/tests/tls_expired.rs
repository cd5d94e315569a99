//! An expired server certificate is named as expired first (`runtime::net::describe`), not
//! as an unknown CA: a loopback TLS server whose certificate expired yesterday, signed by a
//! CA the client trusts, and the same certificate to a client that does not trust the CA.

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, KeyUsagePurpose};
use runtime::net::{describe, HttpSettings};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::net::TcpListener;

/// A CA (PEM) and a server configuration with a certificate for `localhost` that expired in
/// 2020.
fn expired() -> (String, Arc<rustls::ServerConfig>) {
    let ca_key = KeyPair::generate().expect("key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca = ca_params.self_signed(&ca_key).expect("CA");
    let key = KeyPair::generate().expect("key");
    let mut params = CertificateParams::new(vec!["localhost".to_string()]).expect("params");
    params.not_before = rcgen::date_time_ymd(2019, 1, 1);
    params.not_after = rcgen::date_time_ymd(2020, 1, 1);
    let cert = params.signed_by(&key, &ca, &ca_key).expect("certificate");
    let chain: Vec<CertificateDer<'static>> = vec![cert.der().clone(), ca.der().clone()];
    let private = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .with_no_client_auth()
    .with_single_cert(chain, private)
    .expect("config");
    (ca.pem(), Arc::new(config))
}

/// Accept TLS handshakes on loopback (they fail on the client's side); returns the port.
async fn serve(config: Arc<rustls::ServerConfig>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let acceptor = tokio_rustls::TlsAcceptor::from(config);
    tokio::spawn(async move {
        while let Ok((conn, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let _ = acceptor.accept(conn).await;
            });
        }
    });
    port
}

#[tokio::test]
async fn an_expired_certificate_is_named_expired_first() {
    let (ca, config) = expired();
    let port = serve(config).await;
    let url = format!("https://localhost:{port}/");
    let trusted = HttpSettings {
        root_certificates: vec![ca.into_bytes()],
        ..HttpSettings::default()
    };
    for settings in [trusted, HttpSettings::default()] {
        let client = settings.client().expect("client");
        let err = client
            .get(&url)
            .send()
            .await
            .expect_err("expired is refused");
        let text = describe(&err);
        assert!(
            text.starts_with("TLS certificate: the server's certificate has expired"),
            "{text}"
        );
        assert!(!text.contains("private CA"), "{text}");
    }
}
