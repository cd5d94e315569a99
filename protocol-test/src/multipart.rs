//! A minimal `multipart/form-data` reader: field names and text values, enough to compare
//! form bodies as multisets. Files and nested multiparts are read as text like any field.

/// The `(name, value)` fields of a multipart body whose `Content-Type` is `content_type`.
pub fn parse_multipart(content_type: &str, body: &[u8]) -> Result<Vec<(String, String)>, String> {
    let boundary = param(content_type, "boundary")
        .ok_or_else(|| format!("no boundary in content type `{content_type}`"))?;
    if boundary.is_empty() {
        return Err("empty multipart boundary".into());
    }
    let delimiter = format!("--{boundary}");
    let mut chunks = split(body, delimiter.as_bytes()).into_iter();
    // Before the first delimiter: the preamble, ignored.
    chunks.next();
    let mut fields = Vec::new();
    let mut closed = false;
    for chunk in chunks {
        if chunk.starts_with(b"--") {
            closed = true;
            break;
        }
        let chunk = chunk.strip_prefix(b"\r\n").unwrap_or(chunk);
        let chunk = chunk.strip_suffix(b"\r\n").unwrap_or(chunk);
        let split_at = find(chunk, b"\r\n\r\n")
            .ok_or_else(|| "a part without a blank line after its headers".to_string())?;
        let headers = String::from_utf8_lossy(&chunk[..split_at]);
        let value = &chunk[split_at + 4..];
        let disposition = headers
            .split("\r\n")
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.trim()
                    .eq_ignore_ascii_case("content-disposition")
                    .then(|| value.trim().to_string())
            })
            .ok_or_else(|| "a part without Content-Disposition".to_string())?;
        let name = param(&disposition, "name")
            .ok_or_else(|| format!("a part without a name: `{disposition}`"))?;
        fields.push((name, String::from_utf8_lossy(value).into_owned()));
    }
    if !closed {
        return Err(format!("no closing delimiter `{delimiter}--`"));
    }
    Ok(fields)
}

/// A `key=value` or `key="value"` parameter of a header value such as
/// `multipart/form-data; boundary=x` or `form-data; name="a"`.
fn param(header: &str, key: &str) -> Option<String> {
    header.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case(key) {
            return None;
        }
        let v = v.trim();
        Some(
            match v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                Some(quoted) => quoted.replace("\\\"", "\"").replace("\\\\", "\\"),
                None => v.to_string(),
            },
        )
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn split<'a>(mut rest: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    while let Some(i) = find(rest, delimiter) {
        out.push(&rest[..i]);
        rest = &rest[i + delimiter.len()..];
    }
    out.push(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CT: &str = "multipart/form-data; boundary=XyZ";

    fn body(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut out = String::from("preamble\r\n");
        for (k, v) in parts {
            out.push_str(&format!(
                "--XyZ\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
            ));
        }
        out.push_str("--XyZ--\r\n");
        out.into_bytes()
    }

    #[test]
    fn reads_names_and_values_in_order() {
        let fields = parse_multipart(CT, &body(&[("a", "1"), ("b", "two\r\nlines"), ("a", "")]))
            .expect("parses");
        assert_eq!(
            fields,
            vec![
                ("a".to_string(), "1".to_string()),
                ("b".to_string(), "two\r\nlines".to_string()),
                ("a".to_string(), String::new()),
            ]
        );
    }

    #[test]
    fn refuses_broken_bodies() {
        assert!(parse_multipart("multipart/form-data", b"").is_err());
        let unclosed = b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n";
        assert!(parse_multipart(CT, unclosed).is_err());
        let nameless = b"--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--";
        assert!(parse_multipart(CT, nameless).is_err());
    }
}
