//! The mock's verifier of `SDK-HMAC-SHA256` request signatures (Huawei Cloud / Open Telekom
//! Cloud API Gateway). Written apart from the clients' signer (`runtime::sign`), from the
//! gateway's description, so that the two check each other: the mock recomputes the
//! signature over what arrived (method, raw path, decoded query, the headers the request
//! says it signed, the body bytes) and compares. Messages never show a key or a signature.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use runtime::Secret;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::request::Incoming;

/// The header that may mark a body the signature does not cover.
const CONTENT_HASH: &str = "x-sdk-content-sha256";

/// Its one value taken as written, as the gateway's signers send it.
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// How far `X-Sdk-Date` may be from the mock's clock, as the gateway allows (15 minutes).
pub const MAX_SKEW_SECONDS: u64 = 15 * 60;

const PREFIX: &str = "SDK-HMAC-SHA256 ";

/// The one access key / secret key pair the mock accepts.
#[derive(Debug, Clone)]
pub struct SigningKey {
    pub access: String,
    pub secret: Secret,
}

impl SigningKey {
    /// `AK:SK` as the command line takes it.
    pub fn parse(text: &str) -> Option<Self> {
        let (access, secret) = text.split_once(':')?;
        (!access.is_empty() && !secret.is_empty()).then(|| SigningKey {
            access: access.to_owned(),
            secret: Secret::new(secret),
        })
    }
}

/// Does the request carry a signature (an `Authorization` of this algorithm)?
pub fn is_signed(req: &Incoming) -> bool {
    req.header_value("authorization")
        .is_some_and(|a| a.starts_with(PREFIX))
}

/// Verify the request's signature; without a key, any well-formed one is accepted.
pub fn verify(req: &Incoming, key: Option<&SigningKey>) -> Result<(), String> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    verify_at(req, key, now)
}

pub fn verify_at(req: &Incoming, key: Option<&SigningKey>, now: u64) -> Result<(), String> {
    let auth = req
        .header_value("authorization")
        .ok_or("request signature missing")?;
    let fields = auth
        .strip_prefix(PREFIX)
        .ok_or("not an SDK-HMAC-SHA256 signature")?;
    let mut access = None;
    let mut signed = None;
    let mut signature = None;
    for part in fields.split(',') {
        match part.trim().split_once('=') {
            Some(("Access", v)) => access = Some(v),
            Some(("SignedHeaders", v)) => signed = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => return Err("malformed Authorization header".into()),
        }
    }
    let (Some(access), Some(signed), Some(signature)) = (access, signed, signature) else {
        return Err("Authorization lacks Access, SignedHeaders or Signature".into());
    };
    let date = req.header_value("x-sdk-date").ok_or("X-Sdk-Date missing")?;
    let at = parse_date(&date).ok_or("X-Sdk-Date is not YYYYMMDDTHHMMSSZ")?;
    if at.abs_diff(now) > MAX_SKEW_SECONDS {
        return Err("X-Sdk-Date is outside the allowed clock skew".into());
    }
    let names: Vec<&str> = signed.split(';').collect();
    if !names.contains(&"x-sdk-date") || !names.contains(&"host") {
        return Err("the signature must cover host and x-sdk-date".into());
    }
    let Some(key) = key else {
        return Ok(());
    };
    if !bool::from(access.as_bytes().ct_eq(key.access.as_bytes())) {
        return Err("unknown access key".into());
    }
    let mut canonical = String::new();
    canonical.push_str(req.method.as_str());
    canonical.push('\n');
    canonical.push_str(&uri(&req.sent_path));
    canonical.push('\n');
    canonical.push_str(&query(&req.query));
    canonical.push('\n');
    for name in &names {
        let values: Vec<String> = req
            .headers
            .get_all(*name)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_owned())
            .collect();
        if values.is_empty() {
            return Err(format!("signed header `{name}` is missing"));
        }
        canonical.push_str(name);
        canonical.push(':');
        canonical.push_str(&values.join(","));
        canonical.push('\n');
    }
    canonical.push('\n');
    canonical.push_str(signed);
    canonical.push('\n');
    canonical.push_str(&payload_hash(req, &names)?);
    let to_sign = format!(
        "SDK-HMAC-SHA256\n{date}\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.secret.expose().as_bytes())
        .map_err(|_| "unusable secret key".to_string())?;
    mac.update(to_sign.as_bytes());
    let theirs = unhex(signature).ok_or("signature is not hex")?;
    mac.verify_slice(&theirs)
        .map_err(|_| "signature does not match".to_string())
}

/// The body's part of the canonical request. The digest is always computed here from the
/// bytes that arrived, never taken from the request: a digest sent in `X-Sdk-Content-Sha256`
/// must match the body, and the unsigned-payload marker is taken only where the signers send
/// it (a body neither JSON nor BSON) and only when the signature covers that header, so
/// neither lets a captured signature carry another body.
fn payload_hash(req: &Incoming, signed: &[&str]) -> Result<String, String> {
    let digest = hex(&Sha256::digest(&req.raw));
    // An empty body is hashed whatever the header says, as the signers do.
    let Some(sent) = req
        .header_value(CONTENT_HASH)
        .filter(|_| !req.raw.is_empty())
    else {
        return Ok(digest);
    };
    if sent == UNSIGNED_PAYLOAD {
        let content_type = req.header_value("content-type").unwrap_or_default();
        let hashed_type = content_type.is_empty()
            || content_type.starts_with("application/json")
            || content_type.starts_with("application/bson");
        if hashed_type {
            return Err(format!(
                "{UNSIGNED_PAYLOAD} is not accepted for this content type: sign the body's digest"
            ));
        }
        if !signed.contains(&CONTENT_HASH) {
            return Err(format!(
                "the signature must cover `{CONTENT_HASH}` when it says {UNSIGNED_PAYLOAD}"
            ));
        }
        return Ok(sent);
    }
    if sent.eq_ignore_ascii_case(&digest) {
        Ok(sent)
    } else {
        Err("X-Sdk-Content-Sha256 does not match the body".into())
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| {
            [
                DIGITS[(b >> 4) as usize] as char,
                DIGITS[(b & 15) as usize] as char,
            ]
        })
        .collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Percent-encode every byte but `A-Z a-z 0-9 - _ . ~`, hex in upper case.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decode `%XX` sequences (nothing else; invalid UTF-8 becomes U+FFFD).
fn unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex_pair = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex_pair) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn uri(path: &str) -> String {
    let segments: Vec<String> = unescape(path).split('/').map(escape).collect();
    let joined = segments.join("/");
    if joined.ends_with('/') {
        joined
    } else {
        joined + "/"
    }
}

fn query(pairs: &[(String, String)]) -> String {
    let mut sorted = pairs.to_vec();
    sorted.sort_unstable();
    let parts: Vec<String> = sorted
        .iter()
        .map(|(k, v)| escape(k) + "=" + &escape(v))
        .collect();
    parts.join("&")
}

/// Seconds since the epoch of `YYYYMMDDTHHMMSSZ`.
fn parse_date(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(4..6)?, num(6..8)?);
    let (hh, mm, ss) = (num(9..11)?, num(11..13)?, num(13..15)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    // Days since 1970-01-01 by counting: the years, then the months of this one.
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mut days: i64 = (1970..y).map(|y| if leap(y) { 366 } else { 365 }).sum();
    const MONTHS: [i64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    for month in 1..m {
        days += MONTHS[(month - 1) as usize] + i64::from(month == 2 && leap(y));
    }
    days += d - 1;
    u64::try_from(days * 86_400 + hh * 3600 + mm * 60 + ss).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_to_epoch_seconds() {
        assert_eq!(parse_date("19700101T000000Z"), Some(0));
        assert_eq!(parse_date("20231114T221320Z"), Some(1_700_000_000));
        assert_eq!(parse_date("20231314T221320Z"), None);
        assert_eq!(parse_date("2023-11-14T22:13"), None);
    }

    #[test]
    fn key_arguments_need_both_halves() {
        assert!(SigningKey::parse("AK:SK").is_some());
        assert!(SigningKey::parse("AK:").is_none());
        assert!(SigningKey::parse("AKSK").is_none());
        assert!(!format!("{:?}", SigningKey::parse("AK:topsecret")).contains("topsecret"));
    }
}
