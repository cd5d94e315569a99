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
    /// Which reading the change breaks: what the level is graded by.
    pub breaks: Breaks,
    /// Why the level: which reading (the wire, or Rust code) it breaks, or why neither.
    pub why: &'static str,
}

/// The two readings a level is the worse of. A rule is breaking exactly when one of them
/// breaks (a test holds the table to that); `conformance`'s wire run holds [`Wire`] against
/// old requests sent to a mock of the new spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Breaks {
    pub wire: Wire,
    /// Code written against the old generated crate stops compiling.
    pub rust: bool,
}

/// What the change does to an old client talking to a server that follows the new spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wire {
    /// Every old request is served and every answer read as before.
    Holds,
    /// Every old request the change touches is refused, or its answer misread.
    Every,
    /// Some are, depending on the values they carry (a tightened bound refuses only the values
    /// beyond it) or on what the server does with a value it no longer reads.
    Depends,
}

impl Breaks {
    pub fn any(self) -> bool {
        self.rust || self.wire != Wire::Holds
    }

    /// The readings broken, as the rule table shows them.
    pub fn describe(self) -> &'static str {
        match (self.wire, self.rust) {
            (Wire::Holds, false) => "neither",
            (Wire::Holds, true) => "Rust",
            (Wire::Every, false) => "wire (every request)",
            (Wire::Every, true) => "wire (every request), Rust",
            (Wire::Depends, false) => "wire (some requests)",
            (Wire::Depends, true) => "wire (some requests), Rust",
        }
    }
}

use Level::{Breaking as B, Info as I, NonBreaking as N};
use Wire::{Depends, Every, Holds};

/// `rust` or `-` in the table: whether Rust code breaks.
macro_rules! rust {
    (rust) => {
        true
    };
    (-) => {
        false
    };
}

macro_rules! rules {
    ($($id:literal $level:ident $wire:ident $rust:tt $about:literal $why:literal;)*) => {
        /// Every rule, grouped by the part of the spec it looks at: id, level, the wire
        /// reading ([`Wire`]), `rust` when Rust code breaks, what it detects, why the level.
        pub const RULES: &[Rule] = &[$(Rule {
            id: $id,
            level: $level,
            breaks: Breaks { wire: $wire, rust: rust!($rust) },
            about: $about,
            why: $why,
        },)*];
    };
}

rules! {
    // the diff itself
    "base-not-comparable" B Depends rust "the base specs could not be read or validated" "nothing can be compared, so the worst is assumed";
    // providers
    "provider-removed" B Every rust "a provider (its Rust module) is removed" "Rust: the module's paths stop resolving; wire: its requests fail";
    "provider-added" N Holds - "a provider (a new Rust module) is added" "additive: a new module";
    "base-url-changed" N Holds - "the base URL template changes" "wire: the base URL is the caller's setting (the template only its default); Rust: unchanged";
    "api-version-changed" I Holds - "the documented API version changes" "documentation only";
    "variable-added" B Holds rust "a base-URL variable without a default is added (clients must set it)" "Rust: `build` fails until the caller sets the new variable";
    "variable-added-with-default" N Holds - "a base-URL variable with a default is added" "additive: a new builder setter with a default";
    "variable-removed" B Holds rust "a base-URL variable is removed" "Rust: its builder setter is removed";
    "variable-default-changed" N Holds - "a base-URL variable's default changes" "behaviour: callers leaving it unset reach another host; nothing stops compiling or is refused";
    "source-added" I Holds - "a source page is recorded" "bookkeeping only";
    "source-removed" I Holds - "a source page is no longer recorded" "bookkeeping only";
    "source-fingerprint-changed" I Holds - "a source page's recorded SHA-256 changes" "bookkeeping only";
    "mock-behaviour-changed" I Holds - "what the mock answers to broken requests changes" "the mock only, not the client";
    // auth
    "auth-scheme-removed" B Depends rust "a credential scheme (its builder setter) is removed" "Rust: the setter is removed; wire: the credential is no longer accepted";
    "auth-scheme-added" N Holds - "a credential scheme is added" "additive: a new builder setter";
    "auth-scheme-changed" B Every - "a credential scheme travels elsewhere or is of another kind" "wire: an old client places the credential where the server no longer reads it";
    "operation-auth-changed" B Depends - "an operation uses another credential scheme, or starts or stops needing one" "wire: an old client sends the wrong credential, or none";
    // operations
    "operation-removed" B Every rust "an operation (its client method and request type) is removed" "Rust: the method and request type are removed; wire: the request fails";
    "operation-added" N Holds - "an operation is added" "additive: a new method and request type";
    "operation-method-changed" B Every - "the HTTP method changes" "wire: every request an old client sends fails";
    "operation-path-changed" B Every - "the path template changes" "wire: every request an old client sends fails";
    "operation-discriminators-changed" B Depends - "the fixed parameters selecting the operation change" "wire: an old client selects another operation, or none";
    "operation-effect-changed" I Holds - "the declared effect (read, create...) changes" "documentation only";
    "operation-docs-changed" I Holds - "the summary, description, source page or `since` changes" "documentation only";
    "request-body-encoding-changed" B Every - "the request body encoding changes" "wire: an old client sends a body the server no longer reads";
    "operation-deprecated" N Holds - "an operation is marked deprecated (its client method gains `#[deprecated]`)" "Rust: a warning, code keeps compiling; wire: still served";
    "pagination-removed" B Holds rust "an operation's pagination helper is removed" "Rust: `stream` is removed";
    "pagination-added" N Holds - "an operation gains a pagination helper" "additive: a new method";
    "pagination-changed" N Holds - "the pagination parameters change" "Rust: `stream` keeps its signature; wire: each page request is one that works";
    // parameters
    "request-parameter-removed" B Holds rust "a parameter (a request field) is removed" "Rust: the field and setter are removed";
    "new-required-request-parameter" B Every rust "a required parameter is added (`new` takes another argument)" "Rust: `new` changes; wire: an old request lacks it";
    "new-optional-request-parameter" N Holds - "an optional parameter is added (a setter)" "additive: request structs are `#[non_exhaustive]`, built with `new` and setters";
    "request-parameter-became-required" B Depends rust "an optional parameter becomes required" "Rust: `new` changes; wire: an old request may lack it";
    "request-parameter-became-optional" B Holds rust "a required parameter becomes optional (`new` loses an argument, the field becomes `Option`)" "Rust: `new` and the field's type change";
    "request-parameter-type-changed" B Depends rust "a parameter's type or wire encoding changes" "Rust: the field's type changes; wire: an old value may be refused";
    "request-parameter-identifies-changed" B Holds rust "what a parameter identifies changes (its Rust id type changes)" "Rust: the field's id type changes";
    "request-parameter-location-changed" B Depends - "a parameter moves between path, query, header and body" "wire: an old client sends it where the server no longer reads it";
    "request-parameter-default-changed" N Holds - "a parameter's documented default changes" "behaviour: callers leaving it unset get another result; nothing stops compiling or is refused";
    "request-parameter-role-changed" B Holds rust "a parameter becomes or stops being secret or volatile" "Rust: a secret parameter's type is `Secret`, not `String`";
    "request-parameter-deprecated" N Holds - "a parameter is marked deprecated (its request field and setter gain `#[deprecated]`)" "Rust: a warning, code keeps compiling";
    "request-parameter-docs-changed" I Holds - "a parameter's description changes" "documentation only";
    // constraints
    "request-constraint-tightened" B Depends rust "a request value's bound, length, pattern or format becomes stricter" "wire and Rust: a value that was accepted is refused";
    "request-constraint-loosened" N Holds - "a request value's constraint becomes looser" "every old request still passes";
    "response-constraint-tightened" I Holds - "a response value's constraint becomes stricter" "answers stay within what old clients accept";
    "response-constraint-loosened" N Holds - "a response value's constraint becomes looser" "clients do not check answers against constraints; types are unchanged";
    "request-value-nullability-changed" B Depends rust "a request value starts or stops accepting null" "Rust: the field's type changes (`Nullable`); wire: an old null may be refused";
    // types
    "type-removed" B Holds rust "a named type (a public Rust type) is removed" "Rust: the type is removed";
    "type-added" N Holds - "a named type is added" "additive: a new type";
    "type-kind-changed" B Depends rust "a named type changes between object and enum" "Rust: a struct becomes an enum or back; wire: an old value of it is refused";
    "type-docs-changed" I Holds - "a type's or field's description changes" "documentation only";
    "request-field-removed" B Holds rust "a field of a request object is removed" "Rust: the field and its setter are removed";
    "new-required-request-field" B Depends rust "a required field is added to a request object" "Rust: `new` takes another argument; wire: an old body lacks it";
    "new-optional-request-field" N Holds - "an optional field is added to a request object" "additive: objects are `#[non_exhaustive]`, built with `new` and setters";
    "request-field-became-required" B Depends rust "a request object field becomes required" "Rust: `new` and the field's type change; wire: an old body may lack it";
    "request-field-became-optional" B Holds rust "a request object field becomes optional (its Rust type becomes `Option`)" "Rust: `new` and the field's type change";
    "request-field-type-changed" B Depends rust "a request object field's type changes" "Rust: the field's type changes; wire: an old value may be refused";
    "response-field-removed" B Depends rust "a field of a response type is removed" "Rust: the field is removed; wire: an old client refuses an answer lacking a member it required";
    "response-field-added" N Holds - "an optional field is added to a response type" "additive: objects are `#[non_exhaustive]`; an old client ignores the member";
    "new-required-response-field" B Holds rust "a required field is added to a response type" "Rust: its `new` (how tests build it) takes another argument";
    "response-field-became-nullable" B Depends rust "a response field may now be null (its Rust type becomes `Option`)" "Rust: the field's type changes; wire: an old client refuses null";
    "response-field-became-optional" B Depends rust "a response field may now be absent (its Rust type becomes `Option`)" "Rust: the field's type changes; wire: an old client refuses the answer";
    "response-field-became-required" B Holds rust "a response field is now always present and non-null (its Rust type loses `Option`)" "Rust: the field's type changes";
    "response-field-type-changed" B Depends rust "a response field's type or wire encoding changes" "Rust: the field's type changes; wire: an old client cannot decode it";
    "field-role-changed" B Holds rust "a field becomes or stops being secret or volatile" "Rust: a secret field's type is `Secret`, not `String`";
    "field-deprecated" N Holds - "a type's field is marked deprecated (the Rust field gains `#[deprecated]`)" "Rust: a warning, code keeps compiling";
    // deprecation
    "deprecation-withdrawn" I Holds - "an operation, parameter or field is no longer marked deprecated" "a warning goes away";
    "deprecation-changed" I Holds - "the reason or replacement of a deprecation changes" "documentation only";
    // enums
    "request-enum-value-removed" B Depends rust "a value a request may send is removed (its variant too)" "Rust: the variant is removed; wire: the value is refused";
    "request-enum-value-added" N Holds - "a value a request may send is added" "additive: value enums are `#[non_exhaustive]`";
    "response-enum-value-removed" B Holds rust "a value a response may carry is removed (its variant too)" "Rust: the variant is removed";
    "response-enum-value-added" N Holds - "a value a response may carry is added" "additive: value enums are `#[non_exhaustive]` and an old client reads the value as `Unknown`";
    "enum-value-docs-changed" I Holds - "an enum value's description changes" "documentation only";
    // responses
    "success-status-changed" B Every - "the success status changes" "wire: an old client reads the new success as a failure";
    "response-body-type-changed" B Depends rust "the payload type (the method's return type) changes" "Rust: the return type changes; wire: an old client cannot decode it";
    "response-envelope-changed" B Depends - "the envelope around payloads changes" "wire: an old client cannot unwrap the new answers";
    // errors
    "error-case-removed" B Holds rust "a documented failure (an error variant) is removed" "Rust: the variant is removed";
    "error-case-added" B Holds rust "a documented failure is added (a variant of an exhaustive error enum)" "Rust: error enums stay exhaustive, so a `match` stops compiling";
    "error-case-status-changed" N Holds - "a documented failure's status changes" "behaviour: an old client reports it as an undocumented status; the call failed either way";
    "error-case-body-changed" B Holds rust "a documented failure's body type changes" "Rust: the variant's payload type changes";
    "error-case-matching-changed" N Holds - "how a failure is recognised, or whether it is retryable, changes" "behaviour: the call failed either way; types are unchanged";
    "error-case-docs-changed" I Holds - "a documented failure's description changes" "documentation only";
    // errata and examples
    "erratum-added" I Holds - "an erratum is recorded" "documentation only";
    "erratum-removed" I Holds - "an erratum is dropped" "documentation only";
    "erratum-changed" I Holds - "an erratum's problem, choice, reason or place changes" "documentation only";
    "example-added" I Holds - "a documented example is added" "documentation and tests only";
    "example-removed" I Holds - "a documented example is removed" "documentation and tests only";
    "example-changed" I Holds - "a documented example changes" "documentation and tests only";
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

    /// The level is the worse of the two readings: breaking exactly when one breaks.
    #[test]
    fn a_rule_is_breaking_exactly_when_a_reading_breaks() {
        for r in RULES {
            assert_eq!(
                r.level == super::Level::Breaking,
                r.breaks.any(),
                "{}: level {} but breaks {}",
                r.id,
                r.level.as_str(),
                r.breaks.describe()
            );
        }
    }

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
