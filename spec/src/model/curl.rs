//! A resolved request as a curl command: the fixtures' `.curl.sh` files and the replay's
//! reproduction lines both come from [`Curl::new`], so they send a request the same way.
//!
//! Every value is one single-quoted shell word (a value cannot expand or split), every secret
//! (the credential, `role: secret` parameters) is `"$VAR"` for the shell to expand, and no
//! flag makes curl read a local file (`--form-string`, `--data-urlencode`, `--data-raw`).

use super::wire::WireRequest;
use super::PLACEHOLDER_CREDENTIAL;
use crate::format::BodyEncoding;
use crate::url::encode_component;

/// Where the command sends its request.
#[derive(Debug, Clone, Copy)]
pub enum Base<'a> {
    /// A fixed base URL (the mock or endpoint a run used).
    Url(&'a str),
    /// `"${name:-default}"`: the environment variable `name`, else `default`.
    Var { name: &'a str, default: &'a str },
}

/// `curl --request {method} --url {url} {args...}`, each part already shell text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Curl {
    pub method: &'static str,
    /// The URL as one shell word.
    pub url: String,
    /// The remaining arguments, each a flag and its shell word (`--header 'Accept: x'`).
    pub args: Vec<String>,
}

impl Curl {
    /// The command sending `wire` to `base`, with every secret read from `$secret_var`.
    pub fn new(wire: &WireRequest, base: Base<'_>, secret_var: &str) -> Curl {
        let marker = marker(wire);
        let w = wire.with_secrets(&marker);
        let var = Part::Raw(format!("\"${secret_var}\""));
        let split = |text: &str, encode: bool| -> Vec<Part> {
            let mut parts = Vec::new();
            for (i, piece) in text.split(marker.as_str()).enumerate() {
                if i > 0 {
                    parts.push(var.clone());
                }
                if !piece.is_empty() {
                    parts.push(Part::Lit(if encode {
                        encode_component(piece)
                    } else {
                        piece.to_owned()
                    }));
                }
            }
            parts
        };
        let mut url = match base {
            Base::Url(u) => vec![Part::Lit(u.trim_end_matches('/').to_owned())],
            Base::Var { name, default } => vec![Part::Raw(format!(
                "\"${{{name}:-{}}}\"",
                default.trim_end_matches('/')
            ))],
        };
        url.push(Part::Lit(w.path.clone()));
        for (i, (k, v)) in w.query.iter().enumerate() {
            let sep = if i == 0 { '?' } else { '&' };
            url.push(Part::Lit(format!("{sep}{}=", encode_component(k))));
            url.extend(split(v, true));
        }
        let field = |flag: &str, prefix: String, value: &str| {
            let mut parts = vec![Part::Lit(prefix)];
            parts.extend(split(value, false));
            format!("{flag} {}", word(&parts))
        };
        let mut args: Vec<String> = w
            .headers
            .iter()
            .map(|(k, v)| field("--header", format!("{k}: "), v))
            .collect();
        if let Some(body) = &w.body {
            match body.encoding {
                BodyEncoding::Multipart | BodyEncoding::Urlencoded => {
                    let flag = if body.encoding == BodyEncoding::Multipart {
                        "--form-string"
                    } else {
                        "--data-urlencode"
                    };
                    for (k, v) in body.form_fields() {
                        args.push(field(flag, format!("{k}="), &v));
                    }
                }
                BodyEncoding::Json => {
                    args.push(field(
                        "--header",
                        "Content-Type: application/json".into(),
                        "",
                    ));
                    args.push(field("--data-raw", String::new(), &body.json().to_string()));
                }
            }
        }
        Curl {
            method: w.method,
            url: word(&url),
            args,
        }
    }

    /// The command on one line.
    pub fn line(&self) -> String {
        let mut line = format!("curl --request {} --url {}", self.method, self.url);
        for a in &self.args {
            line.push(' ');
            line.push_str(a);
        }
        line
    }
}

/// A text standing for a secret that no value of `wire` contains, so only secrets become the
/// variable.
fn marker(wire: &WireRequest) -> String {
    let texts: Vec<String> = [wire.path.clone()]
        .into_iter()
        .chain(wire.query.iter().flat_map(|(k, v)| [k.clone(), v.clone()]))
        .chain(
            wire.headers
                .iter()
                .flat_map(|(k, v)| [k.clone(), v.clone()]),
        )
        .chain(wire.body.iter().map(|b| b.json().to_string()))
        .collect();
    let mut marker = PLACEHOLDER_CREDENTIAL.to_owned();
    while texts.iter().any(|t| t.contains(&marker)) {
        marker.push('_');
    }
    marker
}

/// A piece of a shell word.
#[derive(Clone)]
enum Part {
    /// Literal text, single-quoted.
    Lit(String),
    /// Shell text as it is (a variable reference).
    Raw(String),
}

/// One shell word from its pieces: literal runs single-quoted, raw pieces as they are. A NUL
/// byte cannot be an argument, so it is left out.
fn word(parts: &[Part]) -> String {
    let mut out = String::new();
    let mut lit = String::new();
    let flush = |lit: &mut String, out: &mut String| {
        if !lit.is_empty() {
            let text = lit.replace('\0', "").replace('\'', r"'\''");
            out.push_str(&format!("'{text}'"));
            lit.clear();
        }
    };
    for p in parts {
        match p {
            Part::Lit(s) => lit.push_str(s),
            Part::Raw(s) => {
                flush(&mut lit, &mut out);
                out.push_str(s);
            }
        }
    }
    flush(&mut lit, &mut out);
    if out.is_empty() {
        out.push_str("''");
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::format::Location;
    use crate::model::{Slot, WireBody};

    fn request(body: Option<WireBody>) -> WireRequest {
        WireRequest {
            method: "POST",
            path: "/a%2Fb".into(),
            query: vec![
                ("q".into(), "two words+".into()),
                ("note".into(), "placeholder-credential".into()),
                ("token".into(), "s3cret".into()),
            ],
            headers: vec![("X-Note".into(), "it's".into())],
            body,
            credential: Some(Slot {
                location: Location::Query,
                name: "token".into(),
            }),
            secrets: vec![],
        }
    }

    #[test]
    fn values_are_literal_words_and_the_secret_a_variable() {
        let cmd = Curl::new(&request(None), Base::Url("http://h/"), "T");
        assert_eq!(
            cmd.line(),
            "curl --request POST --url 'http://h/a%2Fb?q=two%20words%2B&note=placeholder-credential&token='\"$T\" --header 'X-Note: it'\\''s'"
        );
    }

    #[test]
    fn a_form_array_is_one_field_per_item_and_json_is_sent_raw() {
        let fields = json!({"id": [1, 2], "auth": "x"});
        let form = WireBody {
            encoding: BodyEncoding::Multipart,
            fields: fields.as_object().unwrap().clone(),
        };
        let base = Base::Var {
            name: "B",
            default: "https://d",
        };
        let cmd = Curl::new(&request(Some(form.clone())), base, "T");
        assert_eq!(
            cmd.url.split('?').next(),
            Some("\"${B:-https://d}\"'/a%2Fb")
        );
        assert_eq!(
            &cmd.args[1..],
            [
                "--form-string 'id=1'",
                "--form-string 'id=2'",
                "--form-string 'auth=x'"
            ]
        );
        let json_body = WireBody {
            encoding: BodyEncoding::Json,
            ..form
        };
        let cmd = Curl::new(&request(Some(json_body)), Base::Url("http://h"), "T");
        assert_eq!(
            cmd.args.last().map(String::as_str),
            Some("--data-raw '{\"id\":[1,2],\"auth\":\"x\"}'")
        );
    }
}
