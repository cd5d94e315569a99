//! The one multipart/form-data reader (RFC 7578), for the comparisons here and the mock's
//! request parsing alike. Lenient: only the framing must hold; field names are taken as sent,
//! whatever bytes they hold, since clients escape different characters (some percent-encode
//! control characters, some send them raw) and servers accept both. Bounded: a boundary RFC
//! 2046 allows, at most [`MAX_FIELDS`] fields.

/// The longest boundary RFC 2046 allows.
pub const MAX_BOUNDARY: usize = 70;

/// The most fields a form body (multipart or url-encoded) may hold.
pub const MAX_FIELDS: usize = 256;

/// Is `b` a boundary RFC 2046 allows: 1 to 70 `bchars`, the last not a space? Checked before
/// the body is looked at: every search for the delimiter costs in proportion to its length.
pub fn check_boundary(b: &str) -> Result<(), String> {
    if b.len() > MAX_BOUNDARY {
        return Err(format!(
            "multipart boundary is {} characters, longer than {MAX_BOUNDARY}",
            b.len()
        ));
    }
    let bchar = |c: char| c.is_ascii_alphanumeric() || "'()+_,-./:=? ".contains(c);
    if b.is_empty() || b.ends_with(' ') || !b.chars().all(bchar) {
        return Err("multipart boundary has characters RFC 2046 does not allow".into());
    }
    Ok(())
}

/// The `boundary` parameter of a multipart content type.
pub fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("boundary") {
            return None;
        }
        let v = v.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .unwrap_or(v);
        (!v.is_empty()).then(|| v.to_string())
    })
}

/// The `(name, value)` fields of a multipart body whose `Content-Type` is `content_type`.
pub fn parse_multipart(content_type: &str, body: &[u8]) -> Result<Vec<(String, String)>, String> {
    let b = boundary(content_type)
        .ok_or_else(|| format!("no boundary in content type `{content_type}`"))?;
    check_boundary(&b)?;
    fields(&b, body)
}

/// The form fields in order, file parts included (their content as text).
pub fn fields(boundary: &str, body: &[u8]) -> Result<Vec<(String, String)>, String> {
    let delimiter = format!("--{boundary}").into_bytes();
    let Some(start) = find(body, &delimiter) else {
        return Err("no boundary line".into());
    };
    let mut rest = &body[start + delimiter.len()..];
    let mut out = Vec::new();
    // Each part ends at CRLF followed by the next delimiter.
    let mut separator = b"\r\n".to_vec();
    separator.extend_from_slice(&delimiter);
    loop {
        if rest.starts_with(b"--") {
            return Ok(out);
        }
        if out.len() == MAX_FIELDS {
            return Err(format!("more than {MAX_FIELDS} fields"));
        }
        rest = after_line_end(rest).ok_or("a boundary line does not end")?;
        let end = find(rest, &separator).ok_or("no closing boundary")?;
        out.push(part(&rest[..end])?);
        rest = &rest[end + separator.len()..];
    }
}

/// One part: header lines, a blank line, the content.
fn part(raw: &[u8]) -> Result<(String, String), String> {
    let (head, content) = if raw.starts_with(b"\r\n") {
        (&raw[..0], &raw[2..])
    } else {
        let at = find(raw, b"\r\n\r\n").ok_or("a part has no blank line after its headers")?;
        (&raw[..at], &raw[at + 4..])
    };
    let name = head
        .split(|&b| b == b'\n')
        .find_map(disposition_name)
        .unwrap_or_default();
    Ok((name, String::from_utf8_lossy(content).into_owned()))
}

/// The `name` parameter of a `Content-Disposition` header line, if `line` is one.
fn disposition_name(line: &[u8]) -> Option<String> {
    let colon = line.iter().position(|&b| b == b':')?;
    if !line[..colon]
        .trim_ascii()
        .eq_ignore_ascii_case(b"content-disposition")
    {
        return None;
    }
    let mut v = line[colon + 1..].trim_ascii();
    // Parameters: `; name="..."`; a quoted value may hold `;` and backslash escapes.
    while let Some(semi) = v.iter().position(|&b| b == b';') {
        v = v[semi + 1..].trim_ascii_start();
        let eq = v.iter().position(|&b| b == b'=')?;
        let key = v[..eq].trim_ascii();
        let (value, after) = param_value(&v[eq + 1..]);
        if key.eq_ignore_ascii_case(b"name") {
            return Some(String::from_utf8_lossy(&value).into_owned());
        }
        v = after;
    }
    None
}

/// A parameter value (quoted or token) and what follows it.
fn param_value(v: &[u8]) -> (Vec<u8>, &[u8]) {
    let v = v.trim_ascii_start();
    let Some(quoted) = v.strip_prefix(b"\"") else {
        let end = v.iter().position(|&b| b == b';').unwrap_or(v.len());
        return (v[..end].trim_ascii().to_vec(), &v[end..]);
    };
    let mut value = Vec::new();
    let mut i = 0;
    while i < quoted.len() {
        match quoted[i] {
            b'\\' if i + 1 < quoted.len() => {
                value.push(quoted[i + 1]);
                i += 2;
            }
            b'"' => return (value, &quoted[i + 1..]),
            b => {
                value.push(b);
                i += 1;
            }
        }
    }
    (value, &quoted[quoted.len()..])
}

/// Past the end of the current line (transport padding allowed before the CRLF).
fn after_line_end(s: &[u8]) -> Option<&[u8]> {
    find(s, b"\r\n").map(|at| &s[at + 2..])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(parts: &[(&[u8], &[u8])]) -> Vec<u8> {
        let mut b = b"preamble\r\n".to_vec();
        for (head, content) in parts {
            b.extend_from_slice(b"--XyZ\r\n");
            b.extend_from_slice(head);
            b.extend_from_slice(b"\r\n\r\n");
            b.extend_from_slice(content);
            b.extend_from_slice(b"\r\n");
        }
        b.extend_from_slice(b"--XyZ--\r\n");
        b
    }

    #[test]
    fn reads_fields_with_any_name_bytes() {
        let b = body(&[
            (b"Content-Disposition: form-data; name=\"func\"", b"a.b"),
            (
                b"content-disposition: form-data; name=\"\x1b\x0f\xc3\xa5\\\"q\"",
                b"{}",
            ),
            (
                b"Content-Disposition: form-data; name=\"f\"; filename=\"x;y.txt\"\r\nContent-Type: text/plain",
                b"line1\r\nline2",
            ),
            (b"Content-Disposition: form-data; name=plain", b""),
        ]);
        let got = fields("XyZ", &b).expect("parses");
        assert_eq!(
            got,
            vec![
                ("func".to_string(), "a.b".to_string()),
                ("\u{1b}\u{f}å\"q".to_string(), "{}".to_string()),
                ("f".to_string(), "line1\r\nline2".to_string()),
                ("plain".to_string(), String::new()),
            ]
        );
    }

    #[test]
    fn broken_framing_is_an_error_not_a_panic() {
        for raw in [
            &b""[..],
            b"--XyZ",
            b"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nno end",
            b"--XyZ\r\nno blank line\r\n--XyZ--",
        ] {
            assert!(fields("XyZ", raw).is_err(), "{raw:?}");
        }
        assert_eq!(fields("XyZ", b"--XyZ--"), Ok(vec![]));
    }

    #[test]
    fn boundaries_follow_rfc_2046() {
        assert_eq!(check_boundary(&"a".repeat(70)), Ok(()));
        assert_eq!(check_boundary("'()+_,-./:=? x"), Ok(()));
        for bad in [
            "a".repeat(71),
            String::new(),
            "ends ".into(),
            "semi;colon".into(),
        ] {
            assert!(check_boundary(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn field_count_is_limited() {
        let many: Vec<(&[u8], &[u8])> =
            vec![(b"Content-Disposition: form-data; name=x", b"1"); MAX_FIELDS + 1];
        assert!(fields("XyZ", &body(&many[..MAX_FIELDS])).is_ok());
        let err = fields("XyZ", &body(&many)).expect_err("too many");
        assert!(err.contains("more than 256 fields"), "{err}");
    }

    #[test]
    fn a_content_type_without_a_usable_boundary_is_refused() {
        assert!(parse_multipart("multipart/form-data", b"").is_err());
        assert!(parse_multipart("multipart/form-data; boundary=\"a;b\"", b"").is_err());
        let ok = parse_multipart("multipart/form-data; boundary=XyZ", b"--XyZ--");
        assert_eq!(ok, Ok(vec![]));
    }

    #[test]
    fn boundary_parameter() {
        assert_eq!(
            boundary("multipart/form-data; charset=utf-8; Boundary=\"a b\"").as_deref(),
            Some("a b")
        );
        assert_eq!(boundary("multipart/form-data"), None);
        assert_eq!(boundary("multipart/form-data; boundary="), None);
    }
}
