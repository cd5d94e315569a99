//! Request addresses: `GET /v1/{id}/things?x={x}` lines, a method alone on a line followed
//! by its URL, and `Method: POST` labels with a nearby URL; and `curl` commands, read as
//! shell words.

use indexmap::IndexMap;
use spec::format::Method;

use crate::vocab;

/// A URL split into what a spec needs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Url {
    /// `scheme://host` as written (may hold `{variables}`), empty for a bare path.
    pub base: String,
    pub path: String,
    pub query: IndexMap<String, String>,
}

pub fn parse_url(raw: &str) -> Url {
    let raw = raw.trim().trim_end_matches('\\');
    let (base, rest) = match raw.find("://") {
        Some(i) => {
            let after = &raw[i + 3..];
            let end = after.find(['/', '?']).unwrap_or(after.len());
            (raw[..i + 3 + end].to_string(), &after[end..])
        }
        None => (String::new(), raw),
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = if path.is_empty() { "/" } else { path };
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    Url {
        base,
        path: path.to_string(),
        query,
    }
}

pub fn method(word: &str) -> Option<Method> {
    Some(match word.trim().to_uppercase().as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "PATCH" => Method::Patch,
        "DELETE" => Method::Delete,
        _ => return None,
    })
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with('/')
}

/// A request line: method, URL, and any text after the URL (an inline body).
pub fn request_line(line: &str) -> Option<(Method, String, String)> {
    let (m, rest) = line.trim().split_once(char::is_whitespace)?;
    let m = method(m)?;
    let rest = rest.trim_start();
    let (url, tail) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    is_url(url).then(|| (m, url.to_string(), tail.trim().to_string()))
}

/// `Method: POST` in any language of [`vocab::METHOD_LABELS`].
pub fn method_label(line: &str) -> Option<Method> {
    let (label, value) = line.split_once(':').or_else(|| line.split_once('：'))?;
    let label = label.trim().to_lowercase();
    if !vocab::METHOD_LABELS.contains(&label.as_str()) {
        return None;
    }
    method(value)
}

/// A bare URL line.
pub fn url_line(line: &str) -> Option<String> {
    let t = line.trim();
    (t.starts_with("http://") || t.starts_with("https://"))
        .then(|| t.split_whitespace().next().unwrap_or(t).to_string())
}

/// A curl command as a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Curl {
    pub method: Method,
    pub url: Url,
    pub headers: IndexMap<String, String>,
    /// `-d` data, verbatim.
    pub data: Option<String>,
    /// `--form name=value` fields (curl's quotes around the value removed).
    pub form: IndexMap<String, String>,
    /// False when no `-X` gives the method (curl's default for the data given).
    pub method_stated: bool,
}

/// Flags whose value is the next word and that the request does not need.
const VALUE_FLAGS: &[&str] = &[
    "-u",
    "--user",
    "-o",
    "--output",
    "-A",
    "--user-agent",
    "-e",
    "--referer",
    "-b",
    "--cookie",
    "-m",
    "--max-time",
    "--connect-timeout",
    "-w",
    "--write-out",
    "--cacert",
    "--cert",
    "--key",
    "-x",
    "--proxy",
];

/// The command starting at `lines[start]` (joined over continuation backslashes and open
/// quotes) and the index of the line after it.
pub fn curl_at(lines: &[&str], start: usize) -> Option<(Curl, usize)> {
    if !lines[start].trim_start().starts_with("curl ") {
        return None;
    }
    let mut text = lines[start].trim().to_string();
    let mut i = start + 1;
    loop {
        let continued = text.ends_with('\\');
        let open = shlex::split(text.trim_end_matches('\\')).is_none();
        let next = lines.get(i).map(|l| l.trim());
        let looks_like_arg = next.is_some_and(|n| {
            n.starts_with('-') || n.starts_with('\'') || n.starts_with('"') || is_url(n)
        });
        if open && next.is_some() {
            text.push('\n');
            text.push_str(lines[i]);
        } else if continued && looks_like_arg {
            text.pop();
            text.push(' ');
            text.push_str(next.unwrap_or_default());
        } else {
            break;
        }
        i += 1;
        if i - start > 200 {
            return None;
        }
    }
    let words = shlex::split(text.trim_end_matches('\\'))?;
    parse_curl(&words).map(|c| (c, i))
}

fn parse_curl(words: &[String]) -> Option<Curl> {
    let mut method_word = None;
    let mut url = None;
    let mut headers = IndexMap::new();
    let mut data = None;
    let mut form = IndexMap::new();
    let mut it = words.iter().skip(1);
    while let Some(w) = it.next() {
        match w.as_str() {
            "-X" | "--request" => method_word = it.next().cloned(),
            "-H" | "--header" => {
                if let Some((k, v)) = it.next().and_then(|h| h.split_once(':')) {
                    headers.insert(k.trim().to_string(), v.trim().to_string());
                }
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-urlencode" => {
                data = it.next().cloned()
            }
            "-F" | "--form" | "--form-string" => {
                if let Some((k, v)) = it.next().and_then(|f| f.split_once('=')) {
                    let v = v
                        .strip_prefix('"')
                        .and_then(|v| v.strip_suffix('"'))
                        .unwrap_or(v);
                    form.insert(k.to_string(), v.to_string());
                }
            }
            "--url" => url = it.next().cloned(),
            f if VALUE_FLAGS.contains(&f) => {
                it.next();
            }
            f if f.starts_with('-') => {}
            u if url.is_none() && (u.starts_with("http") || u.contains("://")) => {
                url = Some(u.to_string())
            }
            _ => {}
        }
    }
    let url = parse_url(&url?);
    let method_stated = method_word.as_deref().and_then(method).is_some();
    let method = match method_word.as_deref().and_then(method) {
        Some(m) => m,
        None if data.is_some() || !form.is_empty() => Method::Post,
        None => Method::Get,
    };
    Some(Curl {
        method,
        url,
        headers,
        data,
        form,
        method_stated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = parse_url("https://{host}/v2/{id}/items?page={page}&kind=all");
        assert_eq!(u.base, "https://{host}");
        assert_eq!(u.path, "/v2/{id}/items");
        assert_eq!(u.query["page"], "{page}");
        assert_eq!(u.query["kind"], "all");
        assert_eq!(parse_url("https://example.test/").path, "/");
        assert_eq!(parse_url("/a/b").base, "");
    }

    #[test]
    fn request_lines_and_labels() {
        let (m, url, tail) = request_line("PUT https://h/v1/x {\"a\": 1}").unwrap();
        assert_eq!(
            (m, url.as_str(), tail.as_str()),
            (Method::Put, "https://h/v1/x", "{\"a\": 1}")
        );
        assert_eq!(request_line("Get the things"), None);
        assert_eq!(method_label("Метод: POST"), Some(Method::Post));
        assert_eq!(method_label("Método: GET"), Some(Method::Get));
        assert_eq!(method_label("Note: POST"), None);
    }

    #[test]
    fn curl_with_forms_continuations_and_open_quotes() {
        let page = "curl --location 'https://h.test/' \\\n--form 'op=\"list\"' \\\n--form 'id=\"7\"'\nNext";
        let lines: Vec<&str> = page.lines().collect();
        let (c, next) = curl_at(&lines, 0).unwrap();
        assert_eq!(next, 3);
        assert_eq!(c.method, Method::Post);
        assert_eq!(c.form["op"], "list");
        assert_eq!(c.url.path, "/");
        let page = "curl -H \"Content-type: application/json\" -X \"PUT\" -d '{\n\"a\": 1\n}' http://h/x?k=v&t=\\\nReturn";
        let lines: Vec<&str> = page.lines().collect();
        let (c, next) = curl_at(&lines, 0).unwrap();
        assert_eq!(next, 3);
        assert_eq!(c.method, Method::Put);
        assert_eq!(c.data.as_deref(), Some("{\n\"a\": 1\n}"));
        assert_eq!(c.url.query["t"], "");
        assert_eq!(c.headers["Content-type"], "application/json");
    }
}
