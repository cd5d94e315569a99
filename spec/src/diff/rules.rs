//! The rule table: every kind of change the diff reports, with its stable id and its level.
//!
//! A level is the worse of two readings, as oasdiff and cargo-semver-checks grade them: what
//! the change does to a caller of the HTTP API (the wire contract), and what it does to code
//! written against the generated Rust items (requests built with `new` and the setters,
//! responses and error enums matched exhaustively). So a response field that becomes
//! optional is breaking (its Rust type becomes `Option<_>`), and a new error case is breaking
//! (a variant is added to an exhaustive enum), while a new optional parameter is not.

use serde::Serialize;

/// How much a change matters to a client user, least first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Documentation, errata, examples: nothing a caller can observe.
    Info,
    /// Additive or loosening: existing client code keeps compiling and working.
    NonBreaking,
    /// Existing client code stops compiling or a request that worked is refused.
    Breaking,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::NonBreaking => "non-breaking",
            Level::Breaking => "breaking",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        [Level::Info, Level::NonBreaking, Level::Breaking]
            .into_iter()
            .find(|l| l.as_str() == s)
    }
}

/// One kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable, kebab-case; tools and the changelog refer to it.
    pub id: &'static str,
    pub level: Level,
    /// What the rule detects, for `--help`-style listings.
    pub about: &'static str,
}

use Level::{Breaking as B, Info as I, NonBreaking as N};

macro_rules! rules {
    ($($id:literal $level:ident $about:literal;)*) => {
        /// Every rule, grouped by the part of the spec it looks at.
        pub const RULES: &[Rule] = &[$(Rule { id: $id, level: $level, about: $about },)*];
    };
}

rules! {
    // the diff itself
    "base-not-comparable" B "the base specs could not be read or validated (graded breaking to be safe)";
    // providers
    "provider-removed" B "a provider (its Rust module) is removed";
    "provider-added" N "a provider (a new Rust module) is added";
    "base-url-changed" N "the base URL template changes";
    "api-version-changed" I "the documented API version changes";
    "variable-added" B "a base-URL variable without a default is added (clients must set it)";
    "variable-added-with-default" N "a base-URL variable with a default is added";
    "variable-removed" B "a base-URL variable is removed";
    "variable-default-changed" N "a base-URL variable's default changes";
    "source-added" I "a source page is recorded";
    "source-removed" I "a source page is no longer recorded";
    "source-fingerprint-changed" I "a source page's recorded SHA-256 changes";
    "mock-behaviour-changed" I "what the mock answers to broken requests changes";
    // auth
    "auth-scheme-removed" B "a credential scheme (its builder setter) is removed";
    "auth-scheme-added" N "a credential scheme is added";
    "auth-scheme-changed" B "a credential scheme travels elsewhere or is of another kind";
    "operation-auth-changed" B "an operation uses another credential scheme, or starts or stops needing one";
    // operations
    "operation-removed" B "an operation (its client method and request type) is removed";
    "operation-added" N "an operation is added";
    "operation-method-changed" N "the HTTP method changes (the regenerated client follows)";
    "operation-path-changed" N "the path template changes (the regenerated client follows)";
    "operation-discriminators-changed" N "the fixed parameters selecting the operation change";
    "operation-effect-changed" I "the declared effect (read, create...) changes";
    "operation-docs-changed" I "the summary, description, source page or `since` changes";
    "request-body-encoding-changed" N "the request body encoding changes";
    "operation-deprecated" N "an operation is marked deprecated (its client method gains `#[deprecated]`)";
    "pagination-removed" B "an operation's pagination helper is removed";
    "pagination-added" N "an operation gains a pagination helper";
    "pagination-changed" N "the pagination parameters change";
    // parameters
    "request-parameter-removed" B "a parameter (a request field) is removed";
    "new-required-request-parameter" B "a required parameter is added (`new` takes another argument)";
    "new-optional-request-parameter" N "an optional parameter is added (a setter)";
    "request-parameter-became-required" B "an optional parameter becomes required";
    "request-parameter-became-optional" B "a required parameter becomes optional (`new` loses an argument, the field becomes `Option`)";
    "request-parameter-type-changed" B "a parameter's type or wire encoding changes";
    "request-parameter-identifies-changed" B "what a parameter identifies changes (its Rust id type changes)";
    "request-parameter-location-changed" N "a parameter moves between path, query, header and body";
    "request-parameter-default-changed" I "a parameter's documented default changes";
    "request-parameter-role-changed" N "a parameter becomes or stops being secret or volatile";
    "request-parameter-deprecated" N "a parameter is marked deprecated (its request field and setter gain `#[deprecated]`)";
    "request-parameter-docs-changed" I "a parameter's description changes";
    // constraints
    "request-constraint-tightened" B "a request value's bound, length, pattern or format becomes stricter";
    "request-constraint-loosened" N "a request value's constraint becomes looser";
    "response-constraint-tightened" I "a response value's constraint becomes stricter";
    "response-constraint-loosened" N "a response value's constraint becomes looser";
    "request-value-nullability-changed" B "a request value starts or stops accepting null";
    // types
    "type-removed" B "a named type (a public Rust type) is removed";
    "type-added" N "a named type is added";
    "type-kind-changed" B "a named type changes between object and enum";
    "type-docs-changed" I "a type's or field's description changes";
    "request-field-removed" B "a field of a request object is removed";
    "new-required-request-field" B "a required field is added to a request object";
    "new-optional-request-field" N "an optional field is added to a request object";
    "request-field-became-required" B "a request object field becomes required";
    "request-field-became-optional" B "a request object field becomes optional (its Rust type becomes `Option`)";
    "request-field-type-changed" B "a request object field's type changes";
    "response-field-removed" B "a field of a response type is removed";
    "response-field-added" N "a field is added to a response type";
    "response-field-became-nullable" B "a response field may now be null (its Rust type becomes `Option`)";
    "response-field-became-optional" B "a response field may now be absent (its Rust type becomes `Option`)";
    "response-field-became-required" B "a response field is now always present and non-null (its Rust type loses `Option`)";
    "response-field-type-changed" B "a response field's type or wire encoding changes";
    "field-role-changed" N "a field becomes or stops being secret or volatile";
    "field-deprecated" N "a type's field is marked deprecated (the Rust field gains `#[deprecated]`)";
    // deprecation
    "deprecation-withdrawn" I "an operation, parameter or field is no longer marked deprecated";
    "deprecation-changed" I "the reason or replacement of a deprecation changes";
    // enums
    "request-enum-value-removed" B "a value a request may send is removed (its variant too)";
    "request-enum-value-added" N "a value a request may send is added";
    "response-enum-value-removed" B "a value a response may carry is removed (its variant too)";
    "response-enum-value-added" B "a value a response may carry is added (a variant of an exhaustive enum)";
    "enum-value-docs-changed" I "an enum value's description changes";
    // responses
    "success-status-changed" B "the success status changes";
    "response-body-type-changed" B "the payload type (the method's return type) changes";
    "response-envelope-changed" N "the envelope around payloads changes (the regenerated client unwraps it)";
    // errors
    "error-case-removed" B "a documented failure (an error variant) is removed";
    "error-case-added" B "a documented failure is added (a variant of an exhaustive error enum)";
    "error-case-status-changed" N "a documented failure's status changes";
    "error-case-body-changed" B "a documented failure's body type changes";
    "error-case-matching-changed" N "how a failure is recognised, or whether it is retryable, changes";
    "error-case-docs-changed" I "a documented failure's description changes";
    // errata and examples
    "erratum-added" I "an erratum is recorded";
    "erratum-removed" I "an erratum is dropped";
    "erratum-changed" I "an erratum's problem, choice, reason or place changes";
    "example-added" I "a documented example is added";
    "example-removed" I "a documented example is removed";
    "example-changed" I "a documented example changes";
}

/// The rule with this id. Panics on an unknown id: ids are literals in this crate.
pub fn rule(id: &str) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("unknown diff rule `{id}`"))
}

#[cfg(test)]
mod tests {
    use super::RULES;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule {}", r.id);
            assert!(
                r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.id
            );
        }
    }
}
