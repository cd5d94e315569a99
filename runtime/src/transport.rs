//! Sending one operation: a static description of the operation (generated from the spec),
//! a serialized request, and the shared rules for placing parameters, credentials and bodies,
//! then reading the answer into a payload or an [`Error`].

use std::any::TypeId;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, LOCATION, USER_AGENT};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::check::{Check, Checker, InvalidInput, Violation};
use super::envelope::{unwrap_result_code, unwrap_xml_json, XmlJson};
use super::error::{Error, OpError, ResponseValue};
use super::net::{self, HttpSettings, ReadError};
use super::secret::{excerpt, redact, redact_value, Secret};

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
    /// A member of the JSON body or a field of the form body.
    Body,
}

/// A request parameter: its wire name (a member of the serialized request) and place.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    pub name: &'static str,
    pub location: Location,
}

/// A fixed parameter that selects the operation on a shared URL.
#[derive(Debug, Clone, Copy)]
pub struct Fixed {
    pub location: Location,
    pub name: &'static str,
    pub value: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    None,
    Json,
    Multipart,
    Urlencoded,
}

/// Where the credential of auth scheme number `scheme` travels.
#[derive(Debug, Clone, Copy)]
pub struct AuthPlace {
    pub scheme: usize,
    pub location: Location,
    pub name: &'static str,
}

/// Wire wrapping around the payload.
#[derive(Debug, Clone, Copy)]
pub enum Envelope {
    None,
    ResultCode {
        code_field: &'static str,
        message_field: &'static str,
        success: i64,
        scopes: &'static [&'static str],
    },
    /// XML mapped to JSON by the provider's convention.
    XmlJson(XmlJson<'static>),
}

/// Everything the transport needs to know about one operation.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    pub id: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub params: &'static [Param],
    pub fixed: &'static [Fixed],
    pub body: BodyEncoding,
    pub auth: Option<AuthPlace>,
    /// A request signature is accepted (sent when the signing keys are set and no token is).
    pub signed: bool,
    pub success: u16,
    pub envelope: Envelope,
    /// The payload is a list (an XML-as-JSON envelope then yields its list member).
    pub list_payload: bool,
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
    /// Query parameter names that carry credentials, redacted from every message.
    secret_names: Vec<&'static str>,
}

/// Why a client could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// A base URL template variable without a value or default.
    MissingVariable(String),
    /// An extra CA certificate that is not PEM, or a configuration reqwest refuses.
    Http(net::ClientError),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::MissingVariable(v) => write!(f, "base URL variable `{v}` has no value"),
            BuildError::Http(e) => write!(f, "{e}"),
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
    /// `variables` are the template's names with their defaults; `schemes` the number of
    /// auth schemes; `secret_names` the query names of credentials.
    pub fn new(
        template: &'static str,
        variables: &[(&'static str, Option<&'static str>)],
        schemes: usize,
        secret_names: &[&'static str],
    ) -> Self {
        Self {
            template,
            variables: variables
                .iter()
                .map(|(n, d)| (*n, d.map(str::to_owned)))
                .collect(),
            base_url: None,
            credentials: vec![None; schemes],
            settings: HttpSettings::default(),
            signing: Default::default(),
            user_agent: None,
            http: None,
            secret_names: secret_names.to_vec(),
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

    pub fn credential(&mut self, scheme: usize, secret: Secret) {
        if let Some(slot) = self.credentials.get_mut(scheme) {
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
        Ok(Transport {
            http,
            base_url,
            credentials: self.credentials,
            timeout: self.settings.timeout,
            max_response_bytes: self.settings.max_response_bytes,
            signing: self.signing,
            user_agent: self.user_agent,
            secret_names: self.secret_names,
        })
    }
}

impl Transport {
    /// The token set for `auth`, if any.
    pub(crate) fn token(&self, auth: AuthPlace) -> Option<&Secret> {
        self.credentials.get(auth.scheme).and_then(Option::as_ref)
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `text` without any credential of this transport.
    pub fn redact(&self, text: &str) -> String {
        let secrets: Vec<&Secret> = self
            .credentials
            .iter()
            .flatten()
            .chain(self.signing.iter())
            .collect();
        redact(text, &secrets, &self.secret_names)
    }

    /// Every string of `value` redacted (error bodies, before they are decoded or shown).
    fn redact_value(&self, value: Value) -> Value {
        let secrets: Vec<&Secret> = self
            .credentials
            .iter()
            .flatten()
            .chain(self.signing.iter())
            .collect();
        redact_value(value, &secrets, &self.secret_names)
    }
}

/// Check, send and decode one call of `op`.
pub async fn execute<R, T, E>(
    t: &Transport,
    op: &Operation,
    request: &R,
) -> Result<ResponseValue<T>, Error<E>>
where
    R: Serialize + Check,
    T: DeserializeOwned + 'static,
    E: OpError,
{
    let mut checker = Checker::new();
    request.check(&mut checker, "");
    checker.finish()?;
    let params = match serde_json::to_value(request) {
        Ok(Value::Object(map)) => map,
        Ok(_) | Err(_) => {
            return Err(Error::InvalidInput(InvalidInput {
                violations: vec![Violation {
                    field: "(request)".into(),
                    rule: "serializable as a JSON object".into(),
                }],
            }))
        }
    };
    let builder = build_request(t, op, params)?;
    let builder = super::sign::sign_if_chosen(t, &t.signing, op, builder)?;
    let mut response = builder.send().await.map_err(|e| transport_error(t, e))?;
    let status = response.status().as_u16();
    // Taken, not copied: the body is read without them.
    let headers = std::mem::take(response.headers_mut());
    // Redirects are not followed (see `net::redirect_policy`): say where it pointed.
    if let Some(location) = headers
        .get(LOCATION)
        .filter(|_| (300..400).contains(&status))
    {
        return Err(Error::Redirect {
            status,
            location: t.redact(&String::from_utf8_lossy(location.as_bytes())),
        });
    }
    let bytes = net::read_body(response, t.max_response_bytes)
        .await
        .map_err(|e| match e {
            ReadError::TooLarge { limit } => Error::TooLarge { status, limit },
            ReadError::Http(e) => transport_error(t, e),
        })?;
    // The common case, a success without an envelope: the payload straight from the bytes.
    if status == op.success && matches!(op.envelope, Envelope::None) && !is_unit::<T>() {
        if let Ok(payload) = serde_json::from_slice::<T>(&bytes) {
            return Ok(ResponseValue::new(status, headers, payload));
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    // Redacted first, then cut: a cut could leave part of a credential unrecognised.
    let excerpt = || excerpt(&t.redact(&text), 200);
    let decode_error = |status, e: serde_json::Error| Error::Decode {
        status,
        message: t.redact(&e.to_string()),
        excerpt: excerpt(),
    };

    let body: Value = if text.trim().is_empty() {
        Value::Null
    } else {
        match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) if status == op.success => return Err(decode_error(status, e)),
            Err(_) => {
                return Err(Error::UnexpectedStatus {
                    status,
                    excerpt: excerpt(),
                })
            }
        }
    };

    if status == op.success {
        // An empty success body cannot carry an envelope failure: for a unit payload it is
        // the documented answer, for any other payload the decode below reports it.
        if (is_unit::<T>() && body.is_null()) || matches!(op.envelope, Envelope::None) {
            return read_payload(body)
                .map(|p| ResponseValue::new(status, headers, p))
                .map_err(|e| decode_error(status, e));
        }
        // The envelope consumes a copy: on a failure the body is read again, redacted.
        let payload = match unwrap_envelope(op, body.clone()) {
            Ok(p) => p,
            Err(_) => {
                // A failure: everything it carries is redacted before it is read, so that
                // neither Display nor Debug of the error shows an echoed credential.
                let body = t.redact_value(body);
                let envelope_error = match unwrap_envelope(op, body.clone()) {
                    Err(e) => e,
                    Ok(_) => super::envelope::EnvelopeError::Malformed(
                        "a credential in the envelope".into(),
                    ),
                };
                return match documented(op, status, body) {
                    Ok(Some(error)) => Err(Error::Documented { status, error }),
                    Ok(None) => Err(Error::Envelope {
                        status,
                        error: envelope_error,
                    }),
                    Err(e) => Err(decode_error(status, e)),
                };
            }
        };
        return read_payload(payload)
            .map(|p| ResponseValue::new(status, headers, p))
            .map_err(|e| decode_error(status, e));
    }
    match documented(op, status, t.redact_value(body)) {
        Ok(Some(error)) => Err(Error::Documented { status, error }),
        Ok(None) => Err(Error::UnexpectedStatus {
            status,
            excerpt: excerpt(),
        }),
        Err(e) => Err(decode_error(status, e)),
    }
}

/// Whether `T` is the unit payload `()`: the spec's `type: unit`, an operation that answers
/// with no content worth reading.
fn is_unit<T: 'static>() -> bool {
    TypeId::of::<T>() == TypeId::of::<()>()
}

/// Read what the envelope left as the payload type. A unit payload accepts anything (an
/// XML-as-JSON root like `{"ok":{}}`, `{}`, or nothing): `()` alone reads only `null`.
fn read_payload<T: DeserializeOwned + 'static>(payload: Value) -> Result<T, serde_json::Error> {
    serde_json::from_value(if is_unit::<T>() { Value::Null } else { payload })
}

/// The first documented failure whose shape `body` has (or, inside an XML-as-JSON envelope,
/// whose shape the root element has).
fn documented<E: OpError>(
    op: &Operation,
    status: u16,
    body: Value,
) -> Result<Option<E>, serde_json::Error> {
    let inner = match (&op.envelope, &body) {
        (Envelope::XmlJson(xml), Value::Object(m)) => m.get(xml.root).cloned(),
        _ => None,
    };
    for candidate in std::iter::once(body).chain(inner) {
        if let Some(i) = E::CASES
            .iter()
            .position(|c| c.matches(status, op.success, &candidate))
        {
            return E::decode(i, candidate).map(Some);
        }
    }
    Ok(None)
}

fn unwrap_envelope(op: &Operation, body: Value) -> Result<Value, super::envelope::EnvelopeError> {
    match op.envelope {
        Envelope::None => Ok(body),
        Envelope::ResultCode {
            code_field,
            message_field,
            success,
            scopes,
        } => unwrap_result_code(body, code_field, message_field, success, scopes),
        Envelope::XmlJson(xml) => unwrap_xml_json(body, &xml, op.list_payload),
    }
}

fn transport_error<E>(t: &Transport, e: reqwest::Error) -> Error<E> {
    let timeout = e.is_timeout();
    // The URL may carry a credential in its query: drop it, then redact what the causes say.
    let message = t.redact(&net::describe(&e.without_url()));
    if timeout {
        Error::Timeout(message)
    } else {
        Error::Transport(message)
    }
}

/// Wire text of a parameter value: arrays comma-joined, `null` empty.
fn text(value: &Value) -> std::borrow::Cow<'_, str> {
    match value {
        Value::String(s) => s.as_str().into(),
        Value::Null => "".into(),
        Value::Array(_) => texts(value).join(",").into(),
        other => other.to_string().into(),
    }
}

/// `template` with each `{name}` that has a value replaced by it, appended to `out`.
fn fill_path(out: &mut String, template: &str, values: &[(&str, String)]) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        match values.iter().find(|(n, _)| *n == &rest[open + 1..close]) {
            Some((_, v)) => out.push_str(v),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
}

/// Wire text of a scalar parameter value; arrays yield one text per item.
fn texts(value: &Value) -> Vec<String> {
    match value {
        Value::Null => Vec::new(),
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(texts).collect(),
        other => vec![other.to_string()],
    }
}

fn build_request<E>(
    t: &Transport,
    op: &Operation,
    params: Map<String, Value>,
) -> Result<reqwest::RequestBuilder, Error<E>> {
    let mut path_values: Vec<(&str, String)> = Vec::new();
    let mut query: Vec<(&str, String)> = Vec::new();
    let mut headers = HeaderMap::new();
    let mut body: Vec<(String, Value)> = Vec::new();
    let mut bad_header = None;
    let mut put = |location: Location, name: &'static str, value: Value| match location {
        Location::Path => path_values.push((name, super::wire::encode_component(&text(&value)))),
        Location::Query => match value {
            Value::Array(_) => query.extend(texts(&value).into_iter().map(|v| (name, v))),
            _ => query.push((name, text(&value).into_owned())),
        },
        Location::Header => {
            match (
                HeaderName::try_from(name),
                HeaderValue::try_from(text(&value).into_owned()),
            ) {
                (Ok(n), Ok(v)) => {
                    headers.insert(n, v);
                }
                _ => bad_header = Some(name.to_owned()),
            }
        }
        Location::Body => body.push((name.to_owned(), value)),
    };
    for f in op.fixed {
        put(f.location, f.name, Value::String(f.value.to_owned()));
    }
    // Moved out of the serialized request, in its order (the parameters' order): no copy of
    // the values and no lookups in the map.
    for (name, v) in params {
        if v.is_null() {
            continue;
        }
        if let Some(p) = op.params.iter().find(|p| p.name == name) {
            put(p.location, p.name, v);
        }
    }
    if let Some(auth) = op.auth {
        if let Some(secret) = t.token(auth) {
            put(
                auth.location,
                auth.name,
                Value::String(secret.expose().to_owned()),
            );
        }
    }
    if let Some(name) = bad_header {
        return Err(Error::InvalidInput(InvalidInput {
            violations: vec![Violation {
                field: name,
                rule: "a valid HTTP header value".into(),
            }],
        }));
    }

    let mut url = t.base_url.trim_end_matches('/').to_owned();
    fill_path(&mut url, op.path, &path_values);
    let method = reqwest::Method::from_bytes(op.method.as_bytes()).unwrap_or(reqwest::Method::GET);
    let mut rb = t.http.request(method, url).headers(headers);
    if !query.is_empty() {
        rb = rb.query(&query);
    }
    // Also when the caller gave its own HTTP client.
    rb = rb.timeout(t.timeout);
    if let Some(agent) = &t.user_agent {
        rb = rb.header(USER_AGENT, agent.as_str());
    }
    if body.is_empty() {
        return Ok(rb);
    }
    Ok(match op.body {
        BodyEncoding::Json | BodyEncoding::None => {
            rb.json(&Value::Object(body.into_iter().collect()))
        }
        BodyEncoding::Multipart => {
            // Arrays that are not comma-joined go as repeated fields, as curl --form does.
            let mut form = reqwest::multipart::Form::new();
            for (name, value) in &body {
                for text in form_texts(value) {
                    form = form.text(name.clone(), text);
                }
            }
            rb.multipart(form)
        }
        BodyEncoding::Urlencoded => {
            let pairs: Vec<(String, String)> = body
                .iter()
                .flat_map(|(n, v)| form_texts(v).into_iter().map(move |t| (n.clone(), t)))
                .collect();
            rb.form(&pairs)
        }
    })
}

/// Form field texts: scalars as text, arrays item by item, objects as JSON text.
fn form_texts(value: &Value) -> Vec<String> {
    match value {
        Value::Object(_) => vec![value.to_string()],
        other => texts(other),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    use super::*;
    use crate::envelope::XmlErrorFields;
    use crate::error::ErrorCase;

    #[test]
    fn path_variables_are_filled_once_each_and_unknown_ones_kept() {
        let mut url = String::from("http://h");
        let values = [("a", "x%2Fy".to_owned()), ("b", "2".to_owned())];
        fill_path(&mut url, "/v1/{a}/items/{b}/{c}/{a}", &values);
        assert_eq!(url, "http://h/v1/x%2Fy/items/2/{c}/x%2Fy");
        let mut url = String::new();
        fill_path(&mut url, "/open{brace", &values);
        assert_eq!(url, "/open{brace");
    }

    #[test]
    fn a_unit_payload_accepts_whatever_the_envelope_leaves() {
        for left in [json!({"ok": {}}), json!({}), Value::Null, json!("done")] {
            assert!(read_payload::<()>(left.clone()).is_ok(), "{left}");
        }
        // Other payloads are still read strictly.
        assert!(read_payload::<Vec<i64>>(json!({"ok": {}})).is_err());
        assert_eq!(
            read_payload::<Vec<i64>>(json!([1, 2])).ok(),
            Some(vec![1, 2])
        );
    }

    #[derive(Debug)]
    enum NoErrors {}

    impl OpError for NoErrors {
        const CASES: &'static [ErrorCase] = &[];
        fn decode(index: usize, _body: Value) -> Result<Self, serde_json::Error> {
            Err(crate::error::unknown_case(index))
        }
        fn index(&self) -> usize {
            match *self {}
        }
        fn body(&self) -> Value {
            match *self {}
        }
    }

    #[derive(Serialize)]
    struct NoParams {}

    impl Check for NoParams {
        fn check(&self, _c: &mut Checker, _at: &str) {}
    }

    const XML_JSON_OP: Operation = Operation {
        id: "delete",
        method: "POST",
        path: "/",
        params: &[],
        fixed: &[],
        body: BodyEncoding::None,
        auth: None,
        signed: false,
        success: 200,
        envelope: Envelope::XmlJson(XmlJson {
            root: "doc",
            list: "elem",
            error: "error",
            text_key: "$",
            attribute_prefix: "$",
            error_fields: XmlErrorFields {
                kind: "type",
                object: Some("object"),
                message: "msg",
            },
        }),
        list_payload: false,
    };

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

    async fn call_unit(body: &'static str) -> Result<ResponseValue<()>, Error<NoErrors>> {
        call(&XML_JSON_OP, body).await
    }

    async fn call<T: DeserializeOwned + 'static>(
        op: &Operation,
        body: &'static str,
    ) -> Result<ResponseValue<T>, Error<NoErrors>> {
        let mut builder = TransportBuilder::new("http://unused", &[], 0, &[]);
        builder.base_url(answer_once(body).await);
        let t = builder.build().expect("a base URL is given");
        execute(&t, op, &NoParams {}).await
    }

    /// An XML mapping unlike BILLmanager's, declared the way a spec declares it.
    const OTHER_XML_OP: Operation = Operation {
        envelope: Envelope::XmlJson(XmlJson {
            root: "response",
            list: "item",
            error: "fault",
            text_key: "#text",
            attribute_prefix: "@",
            error_fields: XmlErrorFields {
                kind: "code",
                object: None,
                message: "text",
            },
        }),
        list_payload: true,
        ..XML_JSON_OP
    };

    #[tokio::test]
    async fn another_xml_mapping_is_read_by_its_declared_keys() {
        let listed: ResponseValue<Vec<Value>> = call(
            &OTHER_XML_OP,
            r##"{"response":{"@lang":"en","item":{"@id":"5","name":{"#text":"nightly"}}}}"##,
        )
        .await
        .expect("a success");
        assert_eq!(
            listed.into_inner(),
            vec![serde_json::json!({"id": "5", "name": "nightly"})]
        );
        let r: Result<ResponseValue<Vec<Value>>, _> = call(
            &OTHER_XML_OP,
            r##"{"response":{"fault":{"@code":"42","text":{"#text":"no such item"}}}}"##,
        )
        .await;
        match r {
            Err(Error::Envelope { status: 200, error }) => assert_eq!(
                error,
                super::super::envelope::EnvelopeError::XmlJson {
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
            let r = call_unit(body).await;
            assert!(r.is_ok(), "{body}: {r:?}");
        }
    }

    #[tokio::test]
    async fn unit_operations_still_report_envelope_failures() {
        let r = call_unit(r#"{"doc":{"error":{"$type":"access","msg":{"$":"denied"}}}}"#).await;
        match r {
            Err(Error::Envelope { status: 200, error }) => {
                assert!(error.to_string().contains("denied"), "{error}")
            }
            other => panic!("expected an envelope failure, got {other:?}"),
        }
        // A body that is not the envelope at all is not a silent success either.
        assert!(matches!(
            call_unit(r#"{"unrelated":1}"#).await,
            Err(Error::Envelope { .. })
        ));
    }
}
