//! The reproduction line of a failed example: a curl command sending the documented request
//! as the spec model resolves it, every secret taken from a shell variable.

use spec::format::{BodyEncoding, Location};
use spec::model::WireRequest;

/// A curl command sending `wire` to `base_url`; secrets (the credential, `role: secret`
/// parameters) are `$ENV_VAR`.
pub fn curl(wire: &WireRequest, base_url: &str, env_var: &str) -> String {
    let var = format!("${env_var}");
    let query: Vec<String> = wire
        .query
        .iter()
        .map(|(k, v)| {
            let v = if wire.is_secret(Location::Query, k) {
                var.clone()
            } else {
                enc(v)
            };
            format!("{}={v}", enc(k))
        })
        .collect();
    let w = wire.with_secrets(&var);
    let mut url = format!("{}{}", base_url.trim_end_matches('/'), w.path);
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    let mut cmd = format!("curl -sS -X {} {}", w.method, word(&url, &var));
    for (k, v) in &w.headers {
        cmd.push_str(&format!(" -H {}", word(&format!("{k}: {v}"), &var)));
    }
    if let Some(body) = &w.body {
        match body.encoding {
            BodyEncoding::Multipart | BodyEncoding::Urlencoded => {
                // `--form-string`, not `--form`: a value starting with `@` or `<` must not make
                // curl read a local file.
                let flag = if body.encoding == BodyEncoding::Multipart {
                    "--form-string"
                } else {
                    "--data-urlencode"
                };
                for (k, v) in body.form_fields() {
                    cmd.push_str(&format!(" {flag} {}", word(&format!("{k}={v}"), &var)));
                }
            }
            BodyEncoding::Json => {
                cmd.push_str(" -H 'Content-Type: application/json'");
                // `--data-raw`: `--data` would read a file for a body starting with `@`.
                let text = body.json().to_string();
                cmd.push_str(&format!(" --data-raw {}", word(&text, &var)));
            }
        }
    }
    cmd
}

/// One shell word: the text quoted (shlex), except occurrences of `var` (`$NAME`), which
/// stay expandable inside double quotes.
fn word(text: &str, var: &str) -> String {
    let quote = |t: &str| match shlex::try_quote(t) {
        Ok(q) => q.into_owned(),
        // Only a NUL byte cannot be quoted; it cannot be sent either.
        Err(_) => {
            shlex::try_quote(&t.replace('\0', "")).map_or_else(|_| "''".into(), |q| q.into_owned())
        }
    };
    if text.is_empty() {
        return "''".into();
    }
    text.split(var)
        .map(|piece| {
            if piece.is_empty() {
                String::new()
            } else {
                quote(piece)
            }
        })
        .collect::<Vec<_>>()
        .join(&format!("\"{var}\""))
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
