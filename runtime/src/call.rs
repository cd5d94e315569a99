//! The small helpers a generated operation method calls: a [`Call`] it fills from typed
//! fields (path, query, headers, body, credential), sends, and the [`Response`] whose status
//! it matches (a success decoded straight from the bytes, through the envelope's mapping
//! when there is one; a documented failure matched and decoded from the bytes too, redacted
//! as it is read; anything else a typed [`Error`]). No body is parsed into a `Value` tree.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, LOCATION, USER_AGENT};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Serialize;

use super::check::{InvalidInput, Violation};
use super::envelope::{result_code_failure, EnvelopeError, XmlJson};
use super::error::{Error, OpError, ResponseValue};
use super::failure::{documented, Unreadable};
use super::net::{self, ReadError};
use super::param;
use super::secret::{excerpt, unescape_json_u};
use super::sign;
use super::transport::{Location, TokenScheme, Transport};
use super::wire::COMPONENT;
use super::xmljson::{self, Failure};

/// How the body's fields travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Multipart,
    Urlencoded,
}

/// One request being put together by a generated method: the path, then the query, are
/// written straight into the URL text (parsed once, when sent). No `Debug`: the URL may hold
/// a credential.
pub struct Call<'t> {
    t: &'t Transport,
    method: reqwest::Method,
    url: String,
    has_query: bool,
    headers: HeaderMap,
    json: Option<Vec<u8>>,
    form: Option<(Form, Vec<(&'static str, String)>)>,
    /// A header whose value cannot be sent.
    bad_header: Option<&'static str>,
    token_sent: bool,
    sign_if_keys: bool,
}

impl Transport {
    /// Start a request with `method` on the base URL; the method appends the path.
    pub fn call(&self, method: reqwest::Method) -> Call<'_> {
        Call {
            t: self,
            method,
            url: {
                // Room for a typical path and query, so writing them rarely reallocates.
                let base = self.base_url().trim_end_matches('/');
                let mut url = String::with_capacity(base.len() + 256);
                url.push_str(base);
                url
            },
            has_query: false,
            headers: HeaderMap::new(),
            json: None,
            form: None,
            bad_header: None,
            token_sent: false,
            sign_if_keys: false,
        }
    }
}

impl<'t> Call<'t> {
    /// A literal piece of the path template.
    pub fn path(&mut self, literal: &str) {
        self.url.push_str(literal);
    }

    /// A path variable, percent-encoded (lists comma-joined). Comes before any query.
    pub fn path_param<T: Serialize + ?Sized>(&mut self, value: &T) {
        let url = &mut self.url;
        let mut first = true;
        param::each(value, &mut |t| {
            if !first {
                url.push_str("%2C");
            }
            first = false;
            url.extend(percent_encoding::utf8_percent_encode(t, COMPONENT));
        });
    }

    /// One `name=text` pair appended to the URL, form-encoded as reqwest's `query` does.
    fn pair(&mut self, name: &str, text: &str) {
        self.url.push(if self.has_query { '&' } else { '?' });
        self.has_query = true;
        self.url
            .extend(form_urlencoded::byte_serialize(name.as_bytes()));
        self.url.push('=');
        self.url
            .extend(form_urlencoded::byte_serialize(text.as_bytes()));
    }

    /// A query parameter: one pair per scalar (lists repeat the name), none when absent.
    pub fn query<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        param::each(value, &mut |t| self.pair(name, t));
    }

    /// A query parameter whose list travels as one comma-separated value.
    pub fn query_csv<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if let Some(text) = param::joined(value) {
            self.pair(name, &text);
        }
    }

    /// A request header (lists comma-joined), none when absent.
    pub fn header<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let Some(text) = param::joined(value) else {
            return;
        };
        match (HeaderName::try_from(name), HeaderValue::try_from(text)) {
            (Ok(n), Ok(v)) => {
                self.headers.insert(n, v);
            }
            _ => self.bad_header = Some(name),
        }
    }

    /// The JSON body: `body` serializes to exactly the body members (the request struct
    /// skips its path, query and header parameters). An empty object sends no body.
    pub fn json<T: Serialize + ?Sized>(&mut self, body: &T) {
        match serde_json::to_vec(body) {
            Ok(bytes) if bytes != b"{}" => self.json = Some(bytes),
            _ => {}
        }
    }

    fn form_fields(&mut self, form: Form) -> &mut Vec<(&'static str, String)> {
        &mut self.form.get_or_insert_with(|| (form, Vec::new())).1
    }

    /// A `multipart/form-data` field: one per scalar (lists repeat it, as `curl --form`
    /// does), objects as JSON text; none when absent.
    pub fn multipart<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let texts = param::texts(value);
        self.form_fields(Form::Multipart)
            .extend(texts.into_iter().map(|t| (name, t)));
    }

    /// A multipart field whose list travels as one comma-separated value.
    pub fn multipart_csv<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let text = param::joined(value);
        self.form_fields(Form::Multipart)
            .extend(text.map(|t| (name, t)));
    }

    /// An `application/x-www-form-urlencoded` field, as [`Call::multipart`].
    pub fn urlencoded<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let texts = param::texts(value);
        self.form_fields(Form::Urlencoded)
            .extend(texts.into_iter().map(|t| (name, t)));
    }

    /// An urlencoded field whose list travels as one comma-separated value.
    pub fn urlencoded_csv<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let text = param::joined(value);
        self.form_fields(Form::Urlencoded)
            .extend(text.map(|t| (name, t)));
    }

    /// The token of `scheme`, sent where the scheme says, when the caller set it.
    pub fn token(&mut self, scheme: TokenScheme) {
        let TokenScheme {
            slot,
            location,
            name,
        } = scheme;
        let Some(secret) = self.t.credential(slot) else {
            return;
        };
        self.token_sent = true;
        let value = secret.expose();
        match location {
            Location::Query => self.pair(name, value),
            Location::Header => match (HeaderName::try_from(name), HeaderValue::try_from(value)) {
                (Ok(n), Ok(mut v)) => {
                    v.set_sensitive(true);
                    self.headers.insert(n, v);
                }
                _ => self.bad_header = Some(name),
            },
            Location::Body => {
                let form = self.form.as_ref().map_or(Form::Multipart, |f| f.0);
                self.form_fields(form).push((name, value.to_owned()));
            }
            Location::Path => self
                .url
                .extend(percent_encoding::utf8_percent_encode(value, COMPONENT)),
        }
    }

    /// The operation accepts a request signature: sign when both keys are set and no token
    /// was sent.
    pub fn sign_if_keys(&mut self) {
        self.sign_if_keys = true;
    }

    /// Send the request and read the answer (up to the size cap). Redirects that were not
    /// followed are [`Error::Redirect`].
    pub async fn send<E>(self) -> Result<Response<'t>, Error<E>> {
        let t = self.t;
        if let Some(name) = self.bad_header {
            return Err(Error::InvalidInput(InvalidInput {
                violations: vec![Violation {
                    field: name.to_owned(),
                    rule: "a valid HTTP header value".into(),
                }],
            }));
        }
        let mut rb = t
            .http()
            .request(self.method, self.url)
            .headers(self.headers);
        // Also when the caller gave its own HTTP client.
        rb = rb.timeout(t.timeout());
        if let Some(agent) = t.user_agent() {
            rb = rb.header(USER_AGENT, agent);
        }
        if let Some(bytes) = self.json {
            rb = rb.header(CONTENT_TYPE, "application/json").body(bytes);
        } else if let Some((form, fields)) = self.form {
            rb = match form {
                Form::Multipart => {
                    let mut f = reqwest::multipart::Form::new();
                    for (name, text) in fields {
                        f = f.text(name, text);
                    }
                    rb.multipart(f)
                }
                Form::Urlencoded => rb.form(&fields),
            };
        }
        if self.sign_if_keys && !self.token_sent {
            rb = sign_with_keys(t, rb)?;
        }
        let mut response = rb.send().await.map_err(|e| transport_error(t, e))?;
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
        let bytes = net::read_body(response, t.max_response_bytes())
            .await
            .map_err(|e| match e {
                ReadError::TooLarge { limit } => Error::TooLarge { status, limit },
                ReadError::Http(e) => transport_error(t, e),
            })?;
        Ok(Response {
            t,
            status,
            headers,
            bytes,
        })
    }
}

/// An answer read in full, to be matched on its status.
#[derive(Debug)]
pub struct Response<'t> {
    t: &'t Transport,
    status: u16,
    headers: HeaderMap,
    bytes: Vec<u8>,
}

impl Response<'_> {
    pub fn status(&self) -> u16 {
        self.status
    }

    fn ok<T, E>(self, payload: T) -> Result<ResponseValue<T>, Error<E>> {
        Ok(ResponseValue::new(self.status, self.headers, payload))
    }

    fn excerpt(&self) -> String {
        // Unescaped and redacted first, then cut: an escaped or cut credential would not be
        // recognised.
        let text = String::from_utf8_lossy(&self.bytes);
        excerpt(&self.t.redact(&unescape_json_u(&text)), 200)
    }

    fn decode_error<E>(&self, e: serde_json::Error) -> Error<E> {
        Error::Decode {
            status: self.status,
            message: self.t.redact(&e.to_string()),
            excerpt: self.excerpt(),
        }
    }

    /// A success: the payload decoded straight from the bytes.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        match serde_json::from_slice(&self.bytes) {
            Ok(payload) => self.ok(payload),
            Err(e) => Err(self.decode_error(e)),
        }
    }

    /// A success without content worth reading: any JSON body, or none.
    pub fn unit<E>(self) -> Result<ResponseValue<()>, Error<E>> {
        if self.bytes.iter().all(u8::is_ascii_whitespace) {
            return self.ok(());
        }
        match serde_json::from_slice::<serde::de::IgnoredAny>(&self.bytes) {
            Ok(_) => self.ok(()),
            Err(e) => Err(self.decode_error(e)),
        }
    }

    /// A success inside a result-code envelope: each scope's code checked in one pass over
    /// the bytes, the payload decoded straight from them (its type ignores the code and
    /// message members); a failed code names the documented failure, or is
    /// [`Error::Envelope`].
    pub fn result_code<T: DeserializeOwned + 'static, E: OpError>(
        self,
        code_field: &str,
        message_field: &str,
        success: i64,
        scopes: &[&str],
    ) -> Result<ResponseValue<T>, Error<E>> {
        if is_unit::<T>() && self.is_null() {
            return self.payload(unit());
        }
        let text = self.text();
        match result_code_failure(text, code_field, message_field, success, scopes) {
            Err(e) => Err(self.decode_error(e)),
            Ok(Some(envelope)) => Err(self.envelope_failure(None, envelope)),
            Ok(None) if is_unit::<T>() => self.payload(unit()),
            Ok(None) => {
                let payload = serde_json::from_slice(text);
                self.payload(payload)
            }
        }
    }

    /// A success in the provider's XML-as-JSON mapping (`list`: the payload is the list
    /// member's elements), decoded straight from the bytes through the mapping; the error
    /// element names the documented failure, or is [`Error::Envelope`].
    pub fn xml_json<T: DeserializeOwned + 'static, E: OpError>(
        self,
        xml: &XmlJson,
        list: bool,
    ) -> Result<ResponseValue<T>, Error<E>> {
        if is_unit::<T>() && self.is_null() {
            return self.payload(unit());
        }
        let decoded = if is_unit::<T>() {
            // A unit payload accepts whatever the envelope leaves.
            xmljson::from_slice::<IgnoredAny>(self.text(), xml, list)
                .and_then(|_| unit().map_err(Failure::Decode))
        } else {
            xmljson::from_slice::<T>(self.text(), xml, list)
        };
        match decoded {
            Ok(payload) => self.ok(payload),
            Err(Failure::Decode(e)) => Err(self.decode_error(e)),
            Err(Failure::Envelope(envelope)) => Err(self.envelope_failure(Some(xml), envelope)),
        }
    }

    fn payload<T, E>(self, p: Result<T, serde_json::Error>) -> Result<ResponseValue<T>, Error<E>> {
        match p {
            Ok(p) => self.ok(p),
            Err(e) => Err(self.decode_error(e)),
        }
    }

    /// A failure the envelope reports under the success status: the documented failure
    /// whose shape the body has, else the envelope's failure, redacted.
    fn envelope_failure<E: OpError>(
        &self,
        xml: Option<&XmlJson>,
        envelope: EnvelopeError,
    ) -> Error<E> {
        let status = self.status;
        let redact = self.t.redactor();
        match documented(status, true, xml, self.text(), &redact) {
            Ok(Some(error)) => Error::Documented { status, error },
            Ok(None) => Error::Envelope {
                status,
                error: redacted(envelope, &redact),
            },
            Err(Unreadable::NotJson(e) | Unreadable::Case(e)) => self.decode_error(e),
        }
    }

    /// The body as JSON text; an empty body reads as `null`.
    fn text(&self) -> &[u8] {
        if self.bytes.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.bytes
        }
    }

    fn is_null(&self) -> bool {
        self.text().trim_ascii() == b"null"
    }

    /// Any status but the success one: the documented failure whose status and shape the
    /// body has (inside the XML root as well, with `xml`), else [`Error::UnexpectedStatus`].
    /// Everything the failure carries is redacted as it is decoded, so that neither Display
    /// nor Debug of the error shows an echoed credential.
    pub fn failure<T, E: OpError>(
        self,
        xml: Option<&XmlJson>,
    ) -> Result<ResponseValue<T>, Error<E>> {
        let status = self.status;
        let redact = self.t.redactor();
        Err(match documented(status, false, xml, self.text(), &redact) {
            Ok(Some(error)) => Error::Documented { status, error },
            Ok(None) | Err(Unreadable::NotJson(_)) => Error::UnexpectedStatus {
                status,
                excerpt: self.excerpt(),
            },
            Err(Unreadable::Case(e)) => self.decode_error(e),
        })
    }
}

/// Whether `T` is the unit payload `()`: the spec's `type: unit`, an answer with no content
/// worth reading.
fn is_unit<T: 'static>() -> bool {
    std::any::TypeId::of::<T>() == std::any::TypeId::of::<()>()
}

/// The unit payload, as a `T` known to be `()`.
fn unit<T: DeserializeOwned>() -> Result<T, serde_json::Error> {
    serde_json::from_str("null")
}

/// An envelope failure with every text it carries redacted (a message may echo a credential).
fn redacted(e: EnvelopeError, redact: &dyn Fn(&str) -> Option<String>) -> EnvelopeError {
    let r = |s: String| redact(&s).unwrap_or(s);
    match e {
        EnvelopeError::ResultCode {
            scope,
            code,
            message,
        } => EnvelopeError::ResultCode {
            scope,
            code,
            message: r(message),
        },
        EnvelopeError::XmlJson {
            kind,
            object,
            message,
        } => EnvelopeError::XmlJson {
            kind: r(kind),
            object: object.map(r),
            message: r(message),
        },
        EnvelopeError::Malformed(m) => EnvelopeError::Malformed(r(m)),
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

/// Sign the request when both keys are set.
fn sign_with_keys<E>(
    t: &Transport,
    builder: reqwest::RequestBuilder,
) -> Result<reqwest::RequestBuilder, Error<E>> {
    let keys = t.signing();
    let (Some(access), Some(secret)) = (&keys.access, &keys.secret) else {
        return Ok(builder);
    };
    let (client, request) = builder.build_split();
    let mut request = request.map_err(|e| Error::Transport(t.redact(&e.to_string())))?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    sign::sign_request(&mut request, access.expose(), secret, now).map_err(|_| {
        Error::InvalidInput(InvalidInput {
            violations: vec![Violation {
                field: "(signature)".into(),
                rule: "signable header values".into(),
            }],
        })
    })?;
    Ok(reqwest::RequestBuilder::from_parts(client, request))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::TransportBuilder;

    #[test]
    fn the_path_and_query_are_written_encoded_in_order() {
        const TOKEN: TokenScheme = TokenScheme {
            slot: 0,
            location: Location::Query,
            name: "access-token",
        };
        let mut b = TransportBuilder::new(&crate::Template {
            base_url: "http://unused",
            variables: &[],
            schemes: 1,
            secret_names: &["access-token"],
        });
        b.base_url("http://h/".into());
        b.credential(TOKEN, crate::Secret::new("tok en 12"));
        let t = b.build().expect("a base URL is given");
        let mut call = t.call(reqwest::Method::GET);
        call.path("/v1/");
        call.path_param("a/b c");
        call.path("/x");
        call.query("cmd", "7");
        call.query("q", &Some("x y&z"));
        call.query("skip", &None::<i32>);
        call.query("n", &vec![1, 2]);
        call.query_csv("ids", &vec!["p", "q"]);
        call.token(TOKEN);
        assert_eq!(
            call.url,
            "http://h/v1/a%2Fb%20c/x?cmd=7&q=x+y%26z&n=1&n=2&ids=p%2Cq&access-token=tok+en+12"
        );
    }
}
