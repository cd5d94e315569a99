//! Request signing with an access key and a secret key: Huawei Cloud / Open Telekom Cloud API
//! Gateway `SDK-HMAC-SHA256`, as the official SDKs sign (`huaweicloudsdkcore.signer.Signer`).
//!
//! The signature covers
//! - the method;
//! - the canonical URI: the path percent-decoded, split at `/`, every segment percent-encoded
//!   (all but `A-Z a-z 0-9 - . _ ~`), joined again and always ending in `/`;
//! - the canonical query: the decoded `(name, value)` pairs sorted, each encoded the same way,
//!   joined by `&` (a repeated name keeps every value, sorted);
//! - the signed headers: every header but those with `_` in their name, lower-cased and sorted,
//!   `name:trimmed value` each on its own line, and their names joined by `;`;
//! - the hex SHA-256 of the body (of nothing when it is empty; `UNSIGNED-PAYLOAD` when a
//!   content type other than JSON makes the signer add `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`).
//!
//! String to sign: `SDK-HMAC-SHA256\n<X-Sdk-Date>\n<hex SHA-256 of the canonical request>`;
//! the signature is hex HMAC-SHA256 keyed with the secret key. This module is pure (no clock,
//! no I/O): [`sdk_date`] formats a time the caller reads. The secret key only ever enters
//! [`authorization`] as a [`Secret`], and nothing here prints it.

use std::fmt::Write as _;

use hmac::{Hmac, Mac};
use percent_encoding::percent_decode_str;
use sha2::{Digest, Sha256};

use super::secret::Secret;
use super::wire::encode_component;

/// The algorithm name in the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// The header carrying the signing time, `YYYYMMDDTHHMMSSZ` (UTC).
pub const DATE_HEADER: &str = "X-Sdk-Date";
/// The header that marks a body the signature does not cover.
pub const CONTENT_HASH_HEADER: &str = "X-Sdk-Content-Sha256";
/// Its value.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// One request as the signer sees it.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub method: &'a str,
    /// The path as it goes on the wire (percent-encoded), starting with `/`.
    pub path: &'a str,
    /// The decoded query pairs, in any order.
    pub query: &'a [(String, String)],
    /// The headers to sign, including `Host` and `X-Sdk-Date` (see [`headers_to_add`]).
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

/// The headers the signer adds before signing: the date and, for a body that is neither JSON
/// nor BSON, the unsigned-payload marker. `content_type` is the request's, if any.
pub fn headers_to_add(date: &str, content_type: Option<&str>) -> Vec<(String, String)> {
    let mut out = vec![(DATE_HEADER.to_owned(), date.to_owned())];
    if let Some(ct) = content_type {
        if !ct.starts_with("application/json") && !ct.starts_with("application/bson") {
            out.push((CONTENT_HASH_HEADER.to_owned(), UNSIGNED_PAYLOAD.to_owned()));
        }
    }
    out
}

/// The canonical URI of a wire path.
pub fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut uri = decoded
        .split('/')
        .map(encode_component)
        .collect::<Vec<_>>()
        .join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// The canonical query string; also what the transport sends as the query.
pub fn canonical_query(query: &[(String, String)]) -> String {
    let mut pairs: Vec<&(String, String)> = query.iter().collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The lower-cased, sorted names of the headers that are signed, and the canonical header
/// block (`name:value\n` each).
fn canonical_headers(headers: &[(String, String)]) -> (Vec<String>, String) {
    let mut signed: Vec<(String, &str)> = headers
        .iter()
        .filter(|(k, _)| !k.contains('_'))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.trim()))
        .collect();
    signed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut block = String::new();
    for (k, v) in &signed {
        let _ = writeln!(block, "{k}:{v}");
    }
    (signed.into_iter().map(|(k, _)| k).collect(), block)
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The canonical request and the `;`-joined signed header names.
pub fn canonical_request(req: &Request<'_>) -> (String, String) {
    let (names, block) = canonical_headers(req.headers);
    let signed = names.join(";");
    let payload = if req.body.is_empty() {
        hex(&Sha256::digest(b""))
    } else if let Some(h) = header(req.headers, CONTENT_HASH_HEADER) {
        h.to_owned()
    } else {
        hex(&Sha256::digest(req.body))
    };
    let text = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        req.method.to_ascii_uppercase(),
        canonical_uri(req.path),
        canonical_query(req.query),
        block,
        signed,
        payload
    );
    (text, signed)
}

/// The `Authorization` header value. The date is the request's `X-Sdk-Date` header.
pub fn authorization(access_key: &str, secret_key: &Secret, req: &Request<'_>) -> String {
    let date = header(req.headers, DATE_HEADER).unwrap_or_default();
    let (canonical, signed) = canonical_request(req);
    let to_sign = format!(
        "{ALGORITHM}\n{date}\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    // HMAC accepts a key of any length.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key.expose().as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(to_sign.as_bytes());
    let signature = hex(&mac.finalize().into_bytes());
    format!("{ALGORITHM} Access={access_key}, SignedHeaders={signed}, Signature={signature}")
}

/// `YYYYMMDDTHHMMSSZ` of a time in seconds since the Unix epoch (UTC).
pub fn sdk_date(unix_seconds: u64) -> String {
    let days = (unix_seconds / 86_400) as i64;
    let secs = unix_seconds % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// The signing keys a client was given.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    pub access: Option<Secret>,
    pub secret: Option<Secret>,
}

impl Keys {
    /// The keys that are set (for redaction).
    pub fn iter(&self) -> impl Iterator<Item = &Secret> {
        self.access.iter().chain(self.secret.iter())
    }
}

/// Sign a built request in place: add `X-Sdk-Date`, the payload marker if any, and
/// `Authorization`, and send the query in its canonical form.
#[cfg(feature = "http")]
pub fn sign_request(
    request: &mut reqwest::Request,
    access_key: &str,
    secret_key: &Secret,
    unix_seconds: u64,
) -> Result<(), reqwest::header::InvalidHeaderValue> {
    use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};

    let url = request.url().clone();
    let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let host = match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_owned(),
        (None, _) => String::new(),
    };
    let content_type = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    for (name, value) in headers_to_add(&sdk_date(unix_seconds), content_type.as_deref()) {
        let name = HeaderName::try_from(name).expect("a valid header name");
        request
            .headers_mut()
            .insert(name, HeaderValue::try_from(value)?);
    }
    let mut headers: Vec<(String, String)> = vec![("host".to_owned(), host)];
    for name in request.headers().keys() {
        let values: Vec<String> = request
            .headers()
            .get_all(name)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect();
        headers.push((name.as_str().to_owned(), values.join(",")));
    }
    let body = request
        .body()
        .and_then(reqwest::Body::as_bytes)
        .unwrap_or_default()
        .to_vec();
    let auth = authorization(
        access_key,
        secret_key,
        &Request {
            method: request.method().as_str(),
            path: url.path(),
            query: &query,
            headers: &headers,
            body: &body,
        },
    );
    let mut value = HeaderValue::try_from(auth)?;
    value.set_sensitive(true);
    request.headers_mut().insert(AUTHORIZATION, value);
    if !query.is_empty() {
        request.url_mut().set_query(Some(&canonical_query(&query)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_dates() {
        assert_eq!(sdk_date(0), "19700101T000000Z");
        assert_eq!(sdk_date(951_782_400), "20000229T000000Z");
        assert_eq!(sdk_date(1_700_000_000), "20231114T221320Z");
    }

    #[test]
    fn the_canonical_uri_ends_in_a_slash_and_encodes_segments() {
        assert_eq!(canonical_uri("/v3/p/backups"), "/v3/p/backups/");
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri("/a%20b/c:d/"), "/a%20b/c%3Ad/");
    }

    #[test]
    fn the_query_is_sorted_and_repeated_names_keep_every_value() {
        let q = [("b", "2"), ("a", "y z"), ("a", "x")].map(|(k, v)| (k.to_owned(), v.to_owned()));
        assert_eq!(canonical_query(&q), "a=x&a=y%20z&b=2");
    }

    #[test]
    fn the_secret_key_never_shows_in_the_header() {
        let headers = [("X-Sdk-Date".to_owned(), "20240101T000000Z".to_owned())];
        let secret = Secret::new("very-secret-key");
        let auth = authorization(
            "AK",
            &secret,
            &Request {
                method: "GET",
                path: "/",
                query: &[],
                headers: &headers,
                body: b"",
            },
        );
        assert!(auth.starts_with("SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-sdk-date, "));
        assert!(!auth.contains("very-secret-key"));
    }
}
