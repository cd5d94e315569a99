//! The mock over TLS: a throwaway CA and a server certificate it signs, generated at start-up
//! (rcgen), served with rustls. The CA certificate is what clients are told to trust
//! (`--cert-out FILE` writes it as PEM; live mode takes it back with `--ca-cert FILE`).

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::ServerConfig;

/// Names the server certificate is valid for: loopback by name and address, and any
/// `<provider>.localhost` (the Host-header way of picking a provider).
pub const NAMES: &[&str] = &["localhost", "*.localhost", "127.0.0.1", "::1"];

/// A server configuration and the PEM of the CA that signed its certificate.
pub struct Generated {
    pub config: Arc<ServerConfig>,
    pub ca_pem: String,
}

/// Generate a CA and a server certificate for [`NAMES`], and a rustls configuration
/// serving HTTP/1.1 with it.
pub fn generate() -> Result<Generated, String> {
    let err = |e: rcgen::Error| format!("cannot generate a certificate: {e}");
    let ca_key = KeyPair::generate().map_err(err)?;
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(err)?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "conformance mock CA (throwaway)");
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca = ca_params.self_signed(&ca_key).map_err(err)?;

    let key = KeyPair::generate().map_err(err)?;
    let names: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    let mut params = CertificateParams::new(names).map_err(err)?;
    params
        .distinguished_name
        .push(DnType::CommonName, "conformance mock");
    let cert = params.signed_by(&key, &ca, &ca_key).map_err(err)?;

    let chain: Vec<CertificateDer<'static>> = vec![cert.der().clone(), ca.der().clone()];
    let private = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let mut config =
        ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS configuration: {e}"))?
            .with_no_client_auth()
            .with_single_cert(chain, private)
            .map_err(|e| format!("TLS configuration: {e}"))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Generated {
        config: Arc::new(config),
        ca_pem: ca.pem(),
    })
}
