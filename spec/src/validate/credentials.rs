//! Example values in credential places (the token a scheme carries, `role: secret`
//! parameters, the access key and signature of a signed request) that look like real
//! credentials rather than placeholders: an IAM PKI token (`MII` and a long base64 run) or a
//! long base64 or hex blob. A spec is committed and published; a pasted real token would be
//! too. Messages say where and what kind, never the value.

use super::path::P;
use super::Checker;

/// A run of base64 (or base64url, or hex) this long in a credential place is taken for a
/// real credential; placeholders (`MIIexampleToken`, `AccessTokenVal`) are far shorter.
pub(super) const MIN_BLOB_CHARS: usize = 40;

/// What a value looks like, when it looks real.
fn looks_real(value: &str) -> Option<&'static str> {
    let v = value.trim();
    let blob = v.chars().count() >= MIN_BLOB_CHARS
        && v.trim_end_matches('=')
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '-' | '_'));
    if !blob {
        return None;
    }
    // A run of one repeated character (`xxxx...`) is a placeholder, whatever its length.
    let mut distinct: Vec<char> = v.chars().take(64).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 4 {
        return None;
    }
    Some(if v.starts_with("MII") {
        "an IAM PKI token (`MII...`)"
    } else {
        "a real credential (a long base64 or hex string)"
    })
}

impl Checker<'_> {
    /// Report `value` at `at` when it looks like a real credential; `what` names the place.
    pub(super) fn placeholder_credential(&mut self, at: &P, what: &str, value: &str) {
        // A signed request's Authorization: its access key and signature fields.
        if let Some(fields) = value.trim().strip_prefix("SDK-HMAC-SHA256 ") {
            for field in fields.split(',') {
                if let Some((name, v)) = field.trim().split_once('=') {
                    if matches!(name, "Access" | "Signature") {
                        self.placeholder_credential(at, &format!("{what}, field `{name}`"), v);
                    }
                }
            }
            return;
        }
        if let Some(kind) = looks_real(value) {
            self.report(
                at,
                format!(
                    "{what} looks like {kind} ({} characters, value not shown)",
                    value.trim().chars().count()
                ),
                "use a placeholder such as `example-token`: a real credential must never be \
                 written into a spec",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::looks_real;

    #[test]
    fn placeholders_pass_and_real_looking_values_do_not() {
        for placeholder in [
            "MIIexampleToken",
            "AccessTokenVal",
            "7e0cb9825a87e4c1a150dc9b",
            "21fc199...c43f71",
            "tok-example",
            &"x".repeat(200),
            "MII-this-is-a-placeholder, not a token at all really",
        ] {
            assert_eq!(looks_real(placeholder), None, "{placeholder}");
        }
        let pki = format!(
            "MIIDXwYJKoZIhvcNAQcCoIIDUDCCA0wCAQExDTALBglghkgBZQMEAgEw{}",
            "ggHtBgkqhkiG9w0BBwGgggHeBIIB2nsidG9rZW4i"
        );
        assert!(looks_real(&pki).is_some_and(|k| k.contains("IAM")));
        let blob = "dGhpcyBpcyBub3QgYSByZWFsIHRva2VuIGJ1dCBsb29rcyBsaWtlIG9uZQ==";
        assert!(looks_real(blob).is_some_and(|k| k.contains("base64")));
        let hex = "a7b3c9d2e8f14b6a9c0d3e7f21b4a6c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e";
        assert!(looks_real(hex).is_some());
    }
}
