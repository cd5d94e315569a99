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
    /// Why the level: which reading (the wire, or Rust code) it breaks, or why neither.
    pub why: &'static str,
}

use Level::{Breaking as B, Info as I, NonBreaking as N};

macro_rules! rules {
    ($($id:literal $level:ident $about:literal $why:literal;)*) => {
        /// Every rule, grouped by the part of the spec it looks at.
        pub const RULES: &[Rule] = &[$(Rule { id: $id, level: $level, about: $about, why: $why },)*];
    };
}

rules! {
    // the diff itself
    "base-not-comparable" B "the base specs could not be read or validated" "nothing can be compared, so the worst is assumed";
    // providers
    "provider-removed" B "a provider (its Rust module) is removed" "Rust: the module's paths stop resolving";
    "provider-added" N "a provider (a new Rust module) is added" "additive: a new module";
    "base-url-changed" N "the base URL template changes" "wire: the base URL is the caller's setting (the template only its default); Rust: unchanged";
    "api-version-changed" I "the documented API version changes" "documentation only";
    "variable-added" B "a base-URL variable without a default is added (clients must set it)" "Rust: `build` fails until the caller sets the new variable";
    "variable-added-with-default" N "a base-URL variable with a default is added" "additive: a new builder setter with a default";
    "variable-removed" B "a base-URL variable is removed" "Rust: its builder setter is removed";
    "variable-default-changed" N "a base-URL variable's default changes" "behaviour: callers leaving it unset reach another host; nothing stops compiling or is refused";
    "source-added" I "a source page is recorded" "bookkeeping only";
    "source-removed" I "a source page is no longer recorded" "bookkeeping only";
    "source-fingerprint-changed" I "a source page's recorded SHA-256 changes" "bookkeeping only";
    "mock-behaviour-changed" I "what the mock answers to broken requests changes" "the mock only, not the client";
    // auth
    "auth-scheme-removed" B "a credential scheme (its builder setter) is removed" "Rust: the setter is removed; wire: the credential is no longer accepted";
    "auth-scheme-added" N "a credential scheme is added" "additive: a new builder setter";
    "auth-scheme-changed" B "a credential scheme travels elsewhere or is of another kind" "wire: an old client places the credential where the server no longer reads it";
    "operation-auth-changed" B "an operation uses another credential scheme, or starts or stops needing one" "wire: an old client sends the wrong credential, or none";
    // operations
    "operation-removed" B "an operation (its client method and request type) is removed" "Rust: the method and request type are removed; wire: the request fails";
    "operation-added" N "an operation is added" "additive: a new method and request type";
    "operation-method-changed" B "the HTTP method changes" "wire: every request an old client sends fails";
    "operation-path-changed" B "the path template changes" "wire: every request an old client sends fails";
    "operation-discriminators-changed" B "the fixed parameters selecting the operation change" "wire: an old client selects another operation, or none";
    "operation-effect-changed" I "the declared effect (read, create...) changes" "documentation only";
    "operation-docs-changed" I "the summary, description, source page or `since` changes" "documentation only";
    "request-body-encoding-changed" B "the request body encoding changes" "wire: an old client sends a body the server no longer reads";
    "operation-deprecated" N "an operation is marked deprecated (its client method gains `#[deprecated]`)" "Rust: a warning, code keeps compiling; wire: still served";
    "pagination-removed" B "an operation's pagination helper is removed" "Rust: `stream` is removed";
    "pagination-added" N "an operation gains a pagination helper" "additive: a new method";
    "pagination-changed" N "the pagination parameters change" "Rust: `stream` keeps its signature; wire: each page request is one that works";
    // parameters
    "request-parameter-removed" B "a parameter (a request field) is removed" "Rust: the field and setter are removed";
    "new-required-request-parameter" B "a required parameter is added (`new` takes another argument)" "Rust: `new` changes; wire: an old request lacks it";
    "new-optional-request-parameter" N "an optional parameter is added (a setter)" "additive: request structs are `#[non_exhaustive]`, built with `new` and setters";
    "request-parameter-became-required" B "an optional parameter becomes required" "Rust: `new` changes; wire: an old request may lack it";
    "request-parameter-became-optional" B "a required parameter becomes optional (`new` loses an argument, the field becomes `Option`)" "Rust: `new` and the field's type change";
    "request-parameter-type-changed" B "a parameter's type or wire encoding changes" "Rust: the field's type changes; wire: an old value may be refused";
    "request-parameter-identifies-changed" B "what a parameter identifies changes (its Rust id type changes)" "Rust: the field's id type changes";
    "request-parameter-location-changed" B "a parameter moves between path, query, header and body" "wire: an old client sends it where the server no longer reads it";
    "request-parameter-default-changed" N "a parameter's documented default changes" "behaviour: callers leaving it unset get another result; nothing stops compiling or is refused";
    "request-parameter-role-changed" B "a parameter becomes or stops being secret or volatile" "Rust: a secret parameter's type is `Secret`, not `String`";
    "request-parameter-deprecated" N "a parameter is marked deprecated (its request field and setter gain `#[deprecated]`)" "Rust: a warning, code keeps compiling";
    "request-parameter-docs-changed" I "a parameter's description changes" "documentation only";
    // constraints
    "request-constraint-tightened" B "a request value's bound, length, pattern or format becomes stricter" "wire and Rust: a value that was accepted is refused";
    "request-constraint-loosened" N "a request value's constraint becomes looser" "every old request still passes";
    "response-constraint-tightened" I "a response value's constraint becomes stricter" "answers stay within what old clients accept";
    "response-constraint-loosened" N "a response value's constraint becomes looser" "clients do not check answers against constraints; types are unchanged";
    "request-value-nullability-changed" B "a request value starts or stops accepting null" "Rust: the field's type changes (`Nullable`)";
    // types
    "type-removed" B "a named type (a public Rust type) is removed" "Rust: the type is removed";
    "type-added" N "a named type is added" "additive: a new type";
    "type-kind-changed" B "a named type changes between object and enum" "Rust: a struct becomes an enum or back";
    "type-docs-changed" I "a type's or field's description changes" "documentation only";
    "request-field-removed" B "a field of a request object is removed" "Rust: the field and its setter are removed";
    "new-required-request-field" B "a required field is added to a request object" "Rust: `new` takes another argument; wire: an old body lacks it";
    "new-optional-request-field" N "an optional field is added to a request object" "additive: objects are `#[non_exhaustive]`, built with `new` and setters";
    "request-field-became-required" B "a request object field becomes required" "Rust: `new` and the field's type change";
    "request-field-became-optional" B "a request object field becomes optional (its Rust type becomes `Option`)" "Rust: `new` and the field's type change";
    "request-field-type-changed" B "a request object field's type changes" "Rust: the field's type changes";
    "response-field-removed" B "a field of a response type is removed" "Rust: the field is removed";
    "response-field-added" N "an optional field is added to a response type" "additive: objects are `#[non_exhaustive]`; an old client ignores the member";
    "new-required-response-field" B "a required field is added to a response type" "Rust: its `new` (how tests build it) takes another argument";
    "response-field-became-nullable" B "a response field may now be null (its Rust type becomes `Option`)" "Rust: the field's type changes; wire: an old client refuses null";
    "response-field-became-optional" B "a response field may now be absent (its Rust type becomes `Option`)" "Rust: the field's type changes; wire: an old client refuses the answer";
    "response-field-became-required" B "a response field is now always present and non-null (its Rust type loses `Option`)" "Rust: the field's type changes";
    "response-field-type-changed" B "a response field's type or wire encoding changes" "Rust: the field's type changes; wire: an old client cannot decode it";
    "field-role-changed" B "a field becomes or stops being secret or volatile" "Rust: a secret field's type is `Secret`, not `String`";
    "field-deprecated" N "a type's field is marked deprecated (the Rust field gains `#[deprecated]`)" "Rust: a warning, code keeps compiling";
    // deprecation
    "deprecation-withdrawn" I "an operation, parameter or field is no longer marked deprecated" "a warning goes away";
    "deprecation-changed" I "the reason or replacement of a deprecation changes" "documentation only";
    // enums
    "request-enum-value-removed" B "a value a request may send is removed (its variant too)" "Rust: the variant is removed; wire: the value is refused";
    "request-enum-value-added" N "a value a request may send is added" "additive: value enums are `#[non_exhaustive]`";
    "response-enum-value-removed" B "a value a response may carry is removed (its variant too)" "Rust: the variant is removed";
    "response-enum-value-added" N "a value a response may carry is added" "additive: value enums are `#[non_exhaustive]` and an old client reads the value as `Unknown`";
    "enum-value-docs-changed" I "an enum value's description changes" "documentation only";
    // responses
    "success-status-changed" B "the success status changes" "wire: an old client reads the new success as a failure";
    "response-body-type-changed" B "the payload type (the method's return type) changes" "Rust: the return type changes; wire: an old client cannot decode it";
    "response-envelope-changed" B "the envelope around payloads changes" "wire: an old client cannot unwrap the new answers";
    // errors
    "error-case-removed" B "a documented failure (an error variant) is removed" "Rust: the variant is removed";
    "error-case-added" B "a documented failure is added (a variant of an exhaustive error enum)" "Rust: error enums stay exhaustive, so a `match` stops compiling";
    "error-case-status-changed" N "a documented failure's status changes" "behaviour: an old client reports it as an undocumented status; the call failed either way";
    "error-case-body-changed" B "a documented failure's body type changes" "Rust: the variant's payload type changes";
    "error-case-matching-changed" N "how a failure is recognised, or whether it is retryable, changes" "behaviour: the call failed either way; types are unchanged";
    "error-case-docs-changed" I "a documented failure's description changes" "documentation only";
    // errata and examples
    "erratum-added" I "an erratum is recorded" "documentation only";
    "erratum-removed" I "an erratum is dropped" "documentation only";
    "erratum-changed" I "an erratum's problem, choice, reason or place changes" "documentation only";
    "example-added" I "a documented example is added" "documentation and tests only";
    "example-removed" I "a documented example is removed" "documentation and tests only";
    "example-changed" I "a documented example changes" "documentation and tests only";
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
