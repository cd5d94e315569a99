//! The HTTP client every generated client and live conformance share, with safe defaults:
//! TLS through rustls (the Mozilla root certificates, plus any CA the caller adds), connect
//! and total timeouts, redirects never followed to another origin (so a credential never
//! reaches another host) nor with a `307`/`308` that would send a body again, no `Referer`,
//! and responses read piece by piece up to a size cap. Failures are described by what
//! failed, with TLS failures named (certificate, host name, protocol).

use std::fmt;
use std::time::Duration;

use reqwest::redirect::{Attempt, Policy};
use reqwest::Url;

/// Total time for one call, connection to the last byte of the body (as progenitor).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);
/// Time to open a connection, TLS handshake included.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest response body read; a bigger one is an error, not an allocation.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 10 * 1024 * 1024;

/// Settings of the shared HTTP client.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    pub connect_timeout: Duration,
    /// Whole call, including reading the body.
    pub timeout: Duration,
    /// Redirects followed per call (same origin, 301/302/303 only); 0: none, the 3xx is
    /// returned to the caller.
    pub max_redirects: usize,
    /// Largest response body, in bytes.
    pub max_response_bytes: u64,
    /// Extra trusted CA certificates, PEM (one or more certificates per entry).
    pub root_certificates: Vec<Vec<u8>>,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_redirects: 0,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            root_certificates: Vec::new(),
        }
    }
}

/// Why the HTTP client could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientError {
    /// A CA certificate that is not PEM or holds no certificate.
    Certificate(String),
    /// reqwest refused the configuration.
    Http(String),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Certificate(m) => write!(f, "CA certificate: {m}"),
            ClientError::Http(m) => write!(f, "HTTP client: {m}"),
        }
    }
}

impl std::error::Error for ClientError {}

impl HttpSettings {
    /// A reqwest client with these settings.
    pub fn client(&self) -> Result<reqwest::Client, ClientError> {
        let mut b = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .redirect(redirect_policy(self.max_redirects))
            .referer(false);
        for pem in &self.root_certificates {
            let certs = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| ClientError::Certificate(e.to_string()))?;
            if certs.is_empty() {
                return Err(ClientError::Certificate(
                    "no PEM certificate (-----BEGIN CERTIFICATE-----) found".into(),
                ));
            }
            for cert in certs {
                b = b.add_root_certificate(cert);
            }
        }
        b.build().map_err(|e| ClientError::Http(describe(&e)))
    }
}

/// Follow at most `max` redirects, each to the origin of the original request and only with
/// a status that does not send the body again; otherwise the 3xx goes back to the caller.
pub fn redirect_policy(max: usize) -> Policy {
    if max == 0 {
        return Policy::none();
    }
    Policy::custom(move |attempt: Attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| origin(first) == origin(attempt.url()));
        let resends_body = matches!(attempt.status().as_u16(), 307 | 308);
        if attempt.previous().len() > max || !same_origin || resends_body {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}

fn origin(url: &Url) -> (String, Option<String>, Option<u16>) {
    (
        url.scheme().to_owned(),
        url.host_str().map(str::to_ascii_lowercase),
        url.port_or_known_default(),
    )
}

/// Why a body could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The body is bigger than the cap (it was not read past it).
    TooLarge {
        limit: u64,
    },
    Http(reqwest::Error),
}

/// Read the body of `response`, refusing one over `limit` bytes before it is in memory: by
/// its `Content-Length` when given, else as the chunks arrive.
pub async fn read_body(mut response: reqwest::Response, limit: u64) -> Result<Vec<u8>, ReadError> {
    if response.content_length().is_some_and(|n| n > limit) {
        return Err(ReadError::TooLarge { limit });
    }
    let mut out = Vec::with_capacity(response.content_length().unwrap_or(0) as usize);
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Http)? {
        if out.len() as u64 + chunk.len() as u64 > limit {
            return Err(ReadError::TooLarge { limit });
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// What failed, then reqwest's chain of causes, without the URL (it may carry a credential in
/// its query): `timeout: ...`, `connect: ...`, `TLS certificate: ...`, `TLS host name: ...`,
/// `TLS protocol: ...`, `body: ...`, `request: ...`. Redact the result before showing it.
pub fn describe(e: &reqwest::Error) -> String {
    let mut chain = Vec::new();
    let mut tls = None;
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(cause) = source {
        if tls.is_none() {
            tls = tls_failure(cause);
        }
        let text = cause.to_string();
        if !chain.iter().any(|c: &String| c.contains(&text)) {
            chain.push(text);
        }
        source = cause.source();
    }
    // reqwest's own first line names the URL: drop it.
    if let Some(first) = chain.first_mut() {
        if let Some(at) = first.find(" for url (") {
            first.truncate(at);
        }
    }
    let chain = chain.join(": ");
    if let Some(what) = tls {
        return format!("{what}: {chain}");
    }
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connect"
    } else if e.is_redirect() {
        "redirect"
    } else if e.is_body() || e.is_decode() {
        "body"
    } else {
        "request"
    };
    format!("{kind}: {chain}")
}

/// The kind of TLS failure `e` is, if it is one (rustls' error directly or inside an
/// `io::Error`, which does not list its payload among its sources).
fn tls_failure(e: &(dyn std::error::Error + 'static)) -> Option<String> {
    let rustls_error = e.downcast_ref::<rustls::Error>().or_else(|| {
        e.downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    });
    let certificate = |what: &str| {
        // rustls' Debug (`NotValidForName…`, `Expired…`) or Display (`certificate not valid
        // for name …`, `certificate expired: …`). Expiry first: no CA makes an expired
        // certificate good, so "give a private CA" would send the reader the wrong way.
        if what.starts_with("Expired") || what.contains("certificate expired") {
            format!(
                "TLS certificate: the server's certificate has expired ({}); it must be \
                 renewed on the server",
                what.strip_prefix("Expired: ").unwrap_or(what)
            )
        } else if what.starts_with("NotValidYet") || what.contains("not valid yet") {
            "TLS certificate: the server's certificate is not valid yet (check the clocks of \
             both machines)"
                .to_owned()
        } else if what.starts_with("NotValidForName") || what.contains("not valid for name") {
            "TLS host name: the server's certificate does not name this host".to_owned()
        } else {
            format!(
                "TLS certificate: the server's certificate is not accepted ({}); a private CA \
                 must be given (--ca-cert, or add_root_certificate on a client builder)",
                what.split(['(', ' ', '{']).next().unwrap_or(what)
            )
        }
    };
    if let Some(rustls_error) = rustls_error {
        return Some(match rustls_error {
            rustls::Error::InvalidCertificate(c) => {
                let detail = match c {
                    rustls::CertificateError::ExpiredContext { .. } => format!("Expired: {c}"),
                    _ => format!("{c:?}"),
                };
                certificate(&detail)
            }
            other => format!("TLS protocol: {other}"),
        });
    }
    // The connector may box the error once more than a downcast sees through: rustls' own
    // wording, then.
    let text = e.to_string();
    if let Some(what) = text.strip_prefix("invalid peer certificate: ") {
        return Some(certificate(what));
    }
    const PROTOCOL: &[&str] = &[
        "received corrupt message",
        "peer is incompatible",
        "peer misbehaved",
        "received fatal alert",
        "received unexpected message",
        "tls handshake eof",
        "peer sent no certificates",
    ];
    PROTOCOL
        .iter()
        .any(|p| text.starts_with(p))
        .then(|| format!("TLS protocol: {text}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_scheme_host_and_port() {
        let o = |s: &str| origin(&Url::parse(s).unwrap());
        assert_eq!(o("https://A.example/x"), o("https://a.example:443/y"));
        assert_ne!(o("https://a.example/"), o("http://a.example/"));
        assert_ne!(o("http://127.0.0.1:1/"), o("http://127.0.0.1:2/"));
        assert_ne!(o("http://127.0.0.1:1/"), o("http://localhost:1/"));
    }

    #[test]
    fn a_file_without_certificates_is_refused() {
        let settings = HttpSettings {
            root_certificates: vec![b"not a certificate".to_vec()],
            ..HttpSettings::default()
        };
        assert!(matches!(
            settings.client(),
            Err(ClientError::Certificate(_))
        ));
    }
}
