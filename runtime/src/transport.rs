//! A configured connection to one provider ([`Transport`], built by [`TransportBuilder`]):
//! the HTTP client, base URL, credentials and limits every operation of the provider shares.
//! Requests are put together by [`crate::call::Call`].

use std::time::Duration;

use super::net::{self, HttpSettings};
use super::secret::{check_len, Redactor, Secret};

/// What a provider's transport starts from, declared once by name in each generated client.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// The base URL, with `{name}` for each variable.
    pub base_url: &'static str,
    /// The variables, each with its default if it has one.
    pub variables: &'static [(&'static str, Option<&'static str>)],
    /// How many auth schemes the provider declares: a token's [`TokenScheme::slot`] is its
    /// index among them.
    pub schemes: usize,
    /// Query parameter names whose values are secrets, redacted from every message.
    pub secret_names: &'static [&'static str],
}

/// A token credential: its slot among the provider's auth schemes and where operations send
/// it. Generated as one named constant per scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenScheme {
    pub slot: usize,
    pub location: Location,
    /// The query parameter, header or form field that carries it.
    pub name: &'static str,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
    /// A member of the JSON body or a field of the form body.
    Body,
}

/// A configured connection to one provider, shared by all its operations.
#[derive(Debug, Clone)]
pub struct Transport {
    http: reqwest::Client,
    base_url: String,
    credentials: Vec<Option<Secret>>,
    timeout: Duration,
    max_response_bytes: u64,
    signing: super::sign::Keys,
    user_agent: Option<String>,
    /// Every credential (and query names carrying one), redacted from every message.
    redactor: Redactor,
}

/// Why a client could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// A base URL template variable without a value or default.
    MissingVariable(String),
    /// An extra CA certificate that is not PEM, or a configuration reqwest refuses.
    Http(net::ClientError),
    /// A credential shorter than [`MIN_SECRET_LEN`](super::secret::MIN_SECRET_LEN): it could
    /// not be told apart from response text when errors are redacted. Names which one.
    Credential(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::MissingVariable(v) => write!(f, "base URL variable `{v}` has no value"),
            BuildError::Http(e) => write!(f, "{e}"),
            BuildError::Credential(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for BuildError {}

/// Builder behind each generated `ClientBuilder`.
#[derive(Debug, Clone)]
pub struct TransportBuilder {
    template: &'static str,
    variables: Vec<(&'static str, Option<String>)>,
    base_url: Option<String>,
    credentials: Vec<Option<Secret>>,
    settings: HttpSettings,
    signing: super::sign::Keys,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    secret_names: Vec<&'static str>,
}

impl TransportBuilder {
    pub fn new(template: &Template) -> Self {
        Self {
            template: template.base_url,
            variables: template
                .variables
                .iter()
                .map(|(n, d)| (*n, d.map(str::to_owned)))
                .collect(),
            base_url: None,
            credentials: vec![None; template.schemes],
            settings: HttpSettings::default(),
            signing: Default::default(),
            user_agent: None,
            http: None,
            secret_names: template.secret_names.to_vec(),
        }
    }

    pub fn variable(&mut self, name: &str, value: String) {
        if let Some(slot) = self.variables.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = Some(value);
        }
    }

    pub fn base_url(&mut self, url: String) {
        self.base_url = Some(url);
    }

    /// The caller's credential for token `scheme`.
    pub fn credential(&mut self, scheme: TokenScheme, secret: Secret) {
        if let Some(slot) = self.credentials.get_mut(scheme.slot) {
            *slot = Some(secret);
        }
    }

    /// The access key of request signing.
    pub fn access_key(&mut self, key: Secret) {
        self.signing.access = Some(key);
    }

    /// The secret key of request signing.
    pub fn secret_key(&mut self, key: Secret) {
        self.signing.secret = Some(key);
    }

    /// Total time for a call, reading the body included (default 15 s).
    pub fn timeout(&mut self, timeout: Duration) {
        self.settings.timeout = timeout;
    }

    /// Time to connect, TLS handshake included (default 10 s).
    pub fn connect_timeout(&mut self, timeout: Duration) {
        self.settings.connect_timeout = timeout;
    }

    /// Largest response body read (default 10 MiB); a bigger one is `Error::TooLarge`.
    pub fn max_response_bytes(&mut self, limit: u64) {
        self.settings.max_response_bytes = limit;
    }

    /// Follow up to `max` redirects to the same origin (default 0: a 3xx is
    /// `Error::Redirect`). Redirects to another origin, and 307/308, are never followed.
    pub fn max_redirects(&mut self, max: usize) {
        self.settings.max_redirects = max;
    }

    /// Also trust the CA certificate(s) in this PEM text.
    pub fn add_root_certificate(&mut self, pem: Vec<u8>) {
        self.settings.root_certificates.push(pem);
    }

    pub fn user_agent(&mut self, agent: String) {
        self.user_agent = Some(agent);
    }

    pub fn http_client(&mut self, client: reqwest::Client) {
        self.http = Some(client);
    }

    pub fn build(self) -> Result<Transport, BuildError> {
        let tokens = self.credentials.iter().enumerate();
        let named = tokens
            .filter_map(|(i, c)| Some((format!("credential {i}"), c.as_ref()?)))
            .chain(
                self.signing
                    .access
                    .iter()
                    .map(|k| ("the access key".into(), k)),
            )
            .chain(
                self.signing
                    .secret
                    .iter()
                    .map(|k| ("the secret key".into(), k)),
            );
        for (what, secret) in named {
            check_len(&what, secret.expose()).map_err(BuildError::Credential)?;
        }
        let base_url = match self.base_url {
            Some(url) => url,
            None => {
                let mut url = self.template.to_owned();
                for (name, value) in &self.variables {
                    let value = value
                        .as_deref()
                        .ok_or_else(|| BuildError::MissingVariable((*name).to_owned()))?;
                    url = url.replace(&format!("{{{name}}}"), value);
                }
                url
            }
        };
        let http = match self.http {
            Some(client) => client,
            None => self.settings.client().map_err(BuildError::Http)?,
        };
        let secrets: Vec<&Secret> = self
            .credentials
            .iter()
            .flatten()
            .chain(self.signing.iter())
            .collect();
        let redactor = Redactor::new(&secrets, &self.secret_names);
        Ok(Transport {
            http,
            base_url,
            credentials: self.credentials,
            timeout: self.settings.timeout,
            max_response_bytes: self.settings.max_response_bytes,
            signing: self.signing,
            user_agent: self.user_agent,
            redactor,
        })
    }
}

impl Transport {
    /// The token of auth scheme number `scheme`, if the caller set it.
    pub(crate) fn credential(&self, scheme: usize) -> Option<&Secret> {
        self.credentials.get(scheme).and_then(Option::as_ref)
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub(crate) fn timeout(&self) -> Duration {
        self.timeout
    }

    pub(crate) fn max_response_bytes(&self) -> u64 {
        self.max_response_bytes
    }

    pub(crate) fn user_agent(&self) -> Option<&str> {
        self.user_agent.as_deref()
    }

    pub(crate) fn signing(&self) -> &super::sign::Keys {
        &self.signing
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `text` without any credential of this transport, in any form it takes on the wire.
    pub fn redact(&self, text: &str) -> String {
        self.redactor.redact(text)
    }

    /// The redaction of one string, for [`Redacting`](super::redacting::Redacting): `Some`
    /// when the text held a credential.
    pub(crate) fn redactor(&self) -> impl Fn(&str) -> Option<String> + '_ {
        move |text: &str| {
            if self.redactor.is_idle() {
                return None;
            }
            let out = self.redactor.redact(text);
            (out != text).then_some(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use serde_json::Value;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    use super::*;
    use crate::envelope::test_mappings::{AT, DOLLAR};
    use crate::envelope::{EnvelopeError, XmlJson};
    use crate::error::{Error, ErrorCase, OpError, ResponseValue};

    #[derive(Debug)]
    enum NoErrors {}

    impl OpError for NoErrors {
        const CASES: &'static [ErrorCase] = &[];
        fn decode<'de, D: serde::Deserializer<'de>>(
            index: usize,
            _body: D,
        ) -> Result<Self, D::Error> {
            Err(crate::error::unknown_case(index))
        }
        fn index(&self) -> usize {
            match *self {}
        }
        fn write_fields(
            &self,
            _out: &mut dyn std::fmt::Write,
            _sep: &mut &'static str,
        ) -> std::fmt::Result {
            match *self {}
        }
    }

    /// Answer one request on loopback with a 200 and `body`; returns the base URL.
    async fn answer_once(body: &'static str) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            if let Ok((mut conn, _)) = listener.accept().await {
                let mut buf = [0u8; 4096];
                let _ = conn.read(&mut buf).await;
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                     content-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = conn.write_all(reply.as_bytes()).await;
            }
        });
        format!("http://{addr}")
    }

    async fn call<T: serde::de::DeserializeOwned + 'static>(
        xml: &XmlJson<'_>,
        list: bool,
        body: &'static str,
    ) -> Result<ResponseValue<T>, Error<NoErrors>> {
        let mut builder = TransportBuilder::new(&super::Template {
            base_url: "http://unused",
            variables: &[],
            schemes: 0,
            secret_names: &[],
        });
        builder.base_url(answer_once(body).await);
        let t = builder.build().expect("a base URL is given");
        let response = t.call(reqwest::Method::POST).send().await?;
        match response.status() {
            200 => response.xml_json(xml, list),
            _ => response.failure(Some(xml)),
        }
    }

    #[tokio::test]
    async fn another_xml_mapping_is_read_by_its_declared_keys() {
        let listed: ResponseValue<Vec<Value>> = call(
            &AT,
            true,
            r##"{"response":{"@lang":"en","item":{"@id":"5","name":{"#text":"nightly"}}}}"##,
        )
        .await
        .expect("a success");
        assert_eq!(
            listed.into_inner(),
            vec![json!({"id": "5", "name": "nightly"})]
        );
        let r: Result<ResponseValue<Vec<Value>>, _> = call(
            &AT,
            true,
            r##"{"response":{"fault":{"@code":"42","text":{"#text":"no such item"}}}}"##,
        )
        .await;
        match r {
            Err(Error::Envelope { status: 200, error }) => assert_eq!(
                error,
                EnvelopeError::XmlJson {
                    kind: "42".into(),
                    object: None,
                    message: "no such item".into()
                }
            ),
            other => panic!("expected the fault, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn unit_operations_succeed_on_any_unwrapped_body() {
        for body in [r#"{"doc":{"ok":{}}}"#, r#"{"doc":{}}"#, ""] {
            let r = call::<()>(&DOLLAR, false, body).await;
            assert!(r.is_ok(), "{body}: {r:?}");
        }
    }

    #[tokio::test]
    async fn unit_operations_still_report_envelope_failures() {
        let r = call::<()>(
            &DOLLAR,
            false,
            r#"{"doc":{"error":{"$type":"access","msg":{"$":"denied"}}}}"#,
        )
        .await;
        match r {
            Err(Error::Envelope { status: 200, error }) => {
                assert!(error.to_string().contains("denied"), "{error}")
            }
            other => panic!("expected an envelope failure, got {other:?}"),
        }
        // A body that is not the envelope at all is not a silent success either.
        assert!(matches!(
            call::<()>(&DOLLAR, false, r#"{"unrelated":1}"#).await,
            Err(Error::Envelope { .. })
        ));
    }
}
