//! Percent-encoding of path segments and query components as RFC 3986 defines them: every
//! byte but the unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded.
//!
//! The one encoder of everything that reads specs (fixtures, docs, mock routing, replay).
//! Clients carry their own in `runtime`, so the fixtures' literal paths are an independent
//! statement of what a client must send.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

const UNRESERVED_KEPT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encode one path segment or query component.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED_KEPT).to_string()
}

/// Decode `%XX` escapes (a `+` stays a `+`: that is form encoding, not a path's).
/// Invalid UTF-8 after decoding is `None`.
pub fn decode_component(text: &str) -> Option<String> {
    percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_characters_stay_and_the_rest_is_encoded() {
        assert_eq!(encode_component("a-b.c_d~e"), "a-b.c_d~e");
        assert_eq!(encode_component("a b/c*+é"), "a%20b%2Fc%2A%2B%C3%A9");
        assert_eq!(decode_component("a%20b%2Fc+").as_deref(), Some("a b/c+"));
        assert_eq!(decode_component("%FF"), None);
    }
}
