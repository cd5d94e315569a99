//! The documented request, as the spec model resolves it, in the shape `protocol-test`
//! compares: the replay holds what the mock captured against it with the very comparisons
//! the generated protocol tests make, so both report a difference alike.
//!
//! Field for field what `codegen` writes as the generated tests' literals: secrets (the
//! credential, `role: secret` parameters) become rules, present and not empty, never printed.

use protocol_test::{ExpectedBody, ExpectedRequest, Place};
use spec::format::{BodyEncoding, Location};
use spec::model::WireRequest;

/// The expected request of `wire` (as it is sent: the credential slot filled or left out).
pub fn expected_request(wire: &WireRequest) -> ExpectedRequest {
    let public = |location: Location, pairs: &[(String, String)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .filter(|(k, _)| !wire.is_secret(location, k))
            .cloned()
            .collect()
    };
    let mut e = ExpectedRequest::new(wire.method, &wire.path);
    e.query = public(Location::Query, &wire.query);
    e.headers = public(Location::Header, &wire.headers);
    e.body = match &wire.body {
        None => ExpectedBody::Empty,
        Some(b) => {
            let mut b = b.clone();
            b.fields.retain(|k, _| !wire.is_secret(Location::Body, k));
            match b.encoding {
                BodyEncoding::Json => ExpectedBody::Json(b.json().to_string()),
                BodyEncoding::Multipart => ExpectedBody::Multipart(b.form_fields()),
                BodyEncoding::Urlencoded => ExpectedBody::Urlencoded(b.form_fields()),
            }
        }
    };
    for (location, pairs) in [
        (Location::Query, &wire.query),
        (Location::Header, &wire.headers),
    ] {
        for (k, _) in pairs.iter().filter(|(k, _)| wire.is_secret(location, k)) {
            e.secrets.push((place(location), k.clone()));
        }
    }
    if let Some(b) = &wire.body {
        for k in b
            .fields
            .keys()
            .filter(|k| wire.is_secret(Location::Body, k))
        {
            e.secrets.push((Place::Body, k.clone()));
        }
    }
    e
}

fn place(location: Location) -> Place {
    match location {
        Location::Query => Place::Query,
        Location::Header => Place::Header,
        Location::Body | Location::Path => Place::Body,
    }
}
