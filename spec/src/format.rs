//! The spec format: serde types for one provider's YAML file under `specs/`.
//!
//! These types are the *syntax* of a spec. Loading them (see [`crate::yaml`]) rejects unknown
//! keys and wrong shapes; [`crate::validate`] then checks meaning (references resolve, examples
//! match their schemas, discriminators do not collide...). Nothing here names a provider: every
//! provider-specific behaviour is a value in the YAML.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One provider: its documentation source, auth schemes, named types, operations and errata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub provider: Provider,
    /// Credential schemes, keyed by an id that operations refer to.
    #[serde(default)]
    pub auth: IndexMap<String, AuthScheme>,
    /// Named types (objects and enums), keyed by a CamelCase name.
    #[serde(default)]
    pub types: IndexMap<String, TypeDef>,
    pub operations: Vec<Operation>,
    /// What the mock server answers when a request breaks the spec.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mock: Option<MockBehaviour>,
    /// Places where a source page contradicts itself or is silent, and what we chose.
    #[serde(default)]
    pub errata: Vec<Erratum>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// snake_case id; also the name of the generated Rust module.
    pub id: String,
    pub title: String,
    /// Our own short description of the API (never the vendor's prose).
    pub description: String,
    /// Base URL template, e.g. `https://{dcs_endpoint}`; `{name}` refers to `variables`.
    pub base_url: String,
    #[serde(default)]
    pub variables: IndexMap<String, Variable>,
    /// The documentation pages this spec transcribes.
    pub sources: Vec<Source>,
    /// API version the pages document, where they give one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    pub description: String,
    /// A value to use in examples, docs and against the mock.
    pub example: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// File name of the page in the seed collection, e.g. `002_14c1ea64b03ca7af.txt`.
    pub file: String,
    /// SHA-256 (hex) of the page as captured; checked when the page is at hand.
    pub sha256: String,
    /// Language of the page (BCP 47 tag, e.g. `en`, `pt`, `ru`).
    pub language: String,
    pub title: String,
    /// Where the page lives on the web, when known; `cargo xtask sources --fetch` compares
    /// the live page's SHA-256 with `sha256`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// How a credential travels. All credentials are secrets and are redacted everywhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "in", rename_all = "snake_case", deny_unknown_fields)]
pub enum AuthScheme {
    /// Token in a query parameter.
    Query {
        name: String,
        description: String,
        /// Where the page says this (see [`Cite`]): the line naming the credential.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<Cite>,
    },
    /// Token in a request header.
    Header {
        name: String,
        description: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<Cite>,
    },
    /// Token in a form body field.
    Form {
        name: String,
        description: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<Cite>,
    },
    /// Request signing with an access key and a secret key. The one algorithm carried out is
    /// `SDK-HMAC-SHA256` (Huawei Cloud / Open Telekom Cloud API Gateway): `X-Sdk-Date`, a
    /// canonical request and `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…,
    /// Signature=…`.
    Signature {
        algorithm: String,
        description: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cite: Option<Cite>,
    },
}

impl AuthScheme {
    /// Where the page says this scheme is used.
    pub fn cite(&self) -> Option<&Cite> {
        match self {
            AuthScheme::Query { cite, .. }
            | AuthScheme::Header { cite, .. }
            | AuthScheme::Form { cite, .. }
            | AuthScheme::Signature { cite, .. } => cite.as_ref(),
        }
    }

    pub fn wire_name(&self) -> Option<&str> {
        match self {
            AuthScheme::Query { name, .. }
            | AuthScheme::Header { name, .. }
            | AuthScheme::Form { name, .. } => Some(name),
            AuthScheme::Signature { .. } => None,
        }
    }
}

/// An operation's auth: one scheme id, or alternatives (any one of them is enough).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum AuthRef {
    One(String),
    Any(Vec<String>),
}

impl AuthRef {
    /// The scheme ids, in the order declared.
    pub fn ids(&self) -> &[String] {
        match self {
            AuthRef::One(id) => std::slice::from_ref(id),
            AuthRef::Any(ids) => ids,
        }
    }
}

/// The signing algorithms clients, mock and live mode carry out.
pub const SIGNING_ALGORITHMS: &[&str] = &["SDK-HMAC-SHA256"];

impl Spec {
    /// The operation's token scheme (query, header or form), if one of its alternatives is.
    pub fn token_auth<'s>(&'s self, op: &'s Operation) -> Option<(&'s str, &'s AuthScheme)> {
        self.op_schemes(op)
            .find(|(_, s)| !matches!(s, AuthScheme::Signature { .. }))
    }

    /// The operation's signing scheme, if one of its alternatives is.
    pub fn signing_auth<'s>(&'s self, op: &'s Operation) -> Option<(&'s str, &'s AuthScheme)> {
        self.op_schemes(op)
            .find(|(_, s)| matches!(s, AuthScheme::Signature { .. }))
    }

    /// The scheme that describes the operation's credential: its token scheme, else its
    /// signing scheme.
    pub fn primary_auth<'s>(&'s self, op: &'s Operation) -> Option<(&'s str, &'s AuthScheme)> {
        self.token_auth(op).or_else(|| self.signing_auth(op))
    }

    fn op_schemes<'s>(
        &'s self,
        op: &'s Operation,
    ) -> impl Iterator<Item = (&'s str, &'s AuthScheme)> + 's {
        op.auth
            .iter()
            .flat_map(AuthRef::ids)
            .filter_map(|id| self.auth.get(id).map(|s| (id.as_str(), s)))
    }
}

/// A named type: an object (with `fields`) or a string enum (with `values`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<EnumValue>,
    /// Where the page says this (see [`Cite`]); absent: the enclosing block's citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
}

/// A field of an object type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Name on the wire.
    pub name: String,
    pub description: String,
    /// Absent from the wire is an error when true. Distinct from `schema.nullable`.
    #[serde(default)]
    pub required: bool,
    pub schema: Schema,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Still served but no longer to be used: generated clients mark it `#[deprecated]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecated>,
    /// Where the page says this (see [`Cite`]); absent: the enclosing block's citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
}

/// Marks an operation, a parameter or a type field as deprecated: still served and still
/// generated, but marked `#[deprecated]` in Rust and `deprecated: true` in OpenAPI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deprecated {
    /// Why it is deprecated, as the source page says.
    pub reason: String,
    /// What to use instead: an operation id of the same provider (on an operation), or the
    /// name of another parameter of the same operation / field of the same type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

/// An input of an operation: a path, query or header parameter, or a body field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "in")]
    pub location: Location,
    pub description: String,
    #[serde(default)]
    pub required: bool,
    pub schema: Schema,
    /// The value the server assumes when the parameter is absent (documentation only: the
    /// client does not send it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Still served but no longer to be used: generated clients mark it `#[deprecated]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecated>,
    /// Where the page says this (see [`Cite`]); absent: the enclosing block's citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
    /// What a string parameter identifies (snake_case, e.g. `project`, `instance`): generated
    /// clients give it a type of its own per identified thing, so two ids cannot be swapped.
    /// Only on a plain string: not nullable, not a secret, no `wire`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifies: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    Path,
    Query,
    Header,
    Body,
}

impl Location {
    /// The spec's (and OpenAPI's `in`) name of the location: `path`, `query`, `header`, `body`.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Body => "body",
        }
    }
}

/// How a value is treated outside the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A credential: redacted in Debug, logs, errors and snapshots.
    Secret,
    /// Changes from run to run (ids, timestamps): redacted in snapshots of live runs.
    Volatile,
}

impl Role {
    /// The spec's name of the role: `secret` or `volatile`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Secret => "secret",
            Role::Volatile => "volatile",
        }
    }
}

/// The type of a value, with its constraints.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    #[serde(rename = "type")]
    pub kind: Kind,
    /// With `type: ref`: the name of a type in `types`.
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// With `type: array`: the element type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Schema>>,
    /// With `type: one_of`: the alternatives, tried in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    /// How the value is written on the wire when that differs from its JSON type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wire: Option<Wire>,
    /// `null` is a valid value (distinct from the field being absent).
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// A regular expression (Rust `regex` syntax) the whole value must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Characters the value must not contain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forbidden_chars: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
    /// Where the page says this (see [`Cite`]); absent: the enclosing block's citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[default]
    String,
    /// 32-bit signed integer.
    Integer,
    /// 64-bit signed integer.
    Long,
    Number,
    Boolean,
    Array,
    /// A named type from `types`.
    Ref,
    /// One of several alternatives (e.g. "a list of ids, or the literal 0").
    OneOf,
    /// No content (an empty or ignored body).
    Unit,
}

/// Wire encodings that differ from the value's JSON type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Wire {
    /// A number or boolean sent as a JSON string (`"126"`); read either way.
    String,
    /// An array sent as one comma-separated string (`1,2,3`).
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Format {
    /// Compact timestamp, e.g. `20170718235959`.
    #[serde(rename = "yyyyMMddHHmmss")]
    CompactTimestamp,
    /// 24-hour time of day, e.g. `02:01`.
    #[serde(rename = "HH:MM")]
    TimeOfDay,
    /// Calendar date, e.g. `2024-07-24`.
    #[serde(rename = "date")]
    Date,
    /// Date and time with offset, e.g. `2019-05-10T08:31:16.166Z`.
    #[serde(rename = "date-time")]
    DateTime,
    /// Dotted IPv4 address.
    #[serde(rename = "ipv4")]
    Ipv4,
}

/// A calendar date `yyyy{sep}MM{sep}dd` as a regex group: days within their month, and
/// 29 February only in Gregorian leap years (divisible by 4, centuries by 400), so that
/// pattern-only consumers (the OpenAPI export, Schemathesis) agree with the calendar check.
macro_rules! calendar_date {
    ($sep:literal) => {
        concat!(
            "(?:[0-9]{4}",
            $sep,
            "(?:(?:0[13578]|1[02])",
            $sep,
            "(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)",
            $sep,
            "(?:0[1-9]|[12][0-9]|30)|02",
            $sep,
            "(?:0[1-9]|1[0-9]|2[0-8]))",
            "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)",
            $sep,
            "02",
            $sep,
            "29)"
        )
    };
}

impl Format {
    /// The regular expression a value of this format matches (whole value): real dates,
    /// hours 0-23, minutes 0-59, seconds 0-59 (a date-time's also 60, a leap second).
    pub fn pattern(self) -> &'static str {
        match self {
            Format::CompactTimestamp => concat!(
                "^",
                calendar_date!(""),
                "([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]$"
            ),
            Format::TimeOfDay => r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
            Format::Date => concat!("^", calendar_date!("-"), "$"),
            Format::DateTime => concat!(
                "^",
                calendar_date!("-"),
                r"T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?",
                "(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])$"
            ),
            Format::Ipv4 => {
                r"^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$"
            }
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::CompactTimestamp => "yyyyMMddHHmmss",
            Format::TimeOfDay => "HH:MM",
            Format::Date => "date",
            Format::DateTime => "date-time",
            Format::Ipv4 => "ipv4",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    pub value: String,
    pub description: String,
    /// Where the page says this (see [`Cite`]); absent: the enclosing block's citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
}

/// One alternative of a `one_of`: either a schema or a literal value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// snake_case name of the alternative (becomes the Rust enum variant).
    pub name: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<Value>,
    /// Where the page says this (see [`Cite`]); absent: the enclosing block's citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// What an operation does to server state; live conformance runs only `read` by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    Read,
    Create,
    Update,
    Delete,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// snake_case id, unique within the provider; the Rust method name.
    pub id: String,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// File name of the source page (one of `provider.sources`).
    pub source: String,
    /// Version of the API that introduced the operation, where documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Still served but no longer to be used (e.g. an older API version of an operation
    /// kept beside its successor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecated>,
    /// False when the page does not give the address and `method`/`path`/`discriminators`
    /// are our assumption (see errata); live runs skip such operations.
    #[serde(default = "yes")]
    pub address_documented: bool,
    pub effect: Effect,
    pub method: Method,
    /// Path template; `{name}` refers to a path parameter.
    pub path: String,
    /// Fixed parameters that select this operation on a shared URL.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discriminators: Vec<Discriminator>,
    /// Id of the auth scheme (a key of `auth`), or a list of alternatives the provider
    /// accepts (at most one token scheme and one signing scheme, e.g. `[token, aksk]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthRef>,
    pub request: Request,
    pub response: Response,
    /// Documented failures, tried in order when a response is not a success.
    #[serde(default)]
    pub errors: Vec<ErrorCase>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Where the page says this (see [`Cite`]); absent: the enclosing block's citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Discriminator {
    #[serde(rename = "in")]
    pub location: Location,
    pub name: String,
    pub value: String,
    /// Where the page says this (see [`Cite`]); absent: the enclosing block's citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Body encoding; required when any parameter is `in: body`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<BodyEncoding>,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BodyEncoding {
    /// `application/json` object.
    Json,
    /// `multipart/form-data` (what `curl --form` sends).
    Multipart,
    /// `application/x-www-form-urlencoded`.
    Urlencoded,
}

impl BodyEncoding {
    /// The media type (`Content-Type` without parameters) of a body in this encoding.
    pub fn media_type(self) -> &'static str {
        match self {
            BodyEncoding::Json => "application/json",
            BodyEncoding::Multipart => "multipart/form-data",
            BodyEncoding::Urlencoded => "application/x-www-form-urlencoded",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Success status code.
    pub status: u16,
    /// Wrapping around the payload on the wire; absent means the body is the payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envelope: Option<Envelope>,
    /// The payload callers see (after the envelope is removed).
    pub schema: Schema,
    /// Where the page says this (see [`Cite`]); absent: the enclosing block's citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
}

/// Wire wrapping of payloads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Envelope {
    /// A result code beside the payload fields: `code != success` is a failure even under a
    /// success status. `scopes` are the member objects that carry a code (empty string: the
    /// body itself); the code and message fields are removed from the payload.
    ResultCode {
        code_field: String,
        message_field: String,
        success: i64,
        scopes: Vec<String>,
    },
    /// XML mapped to JSON: everything under `root`, lists under `list`, failures under
    /// `error`. An element's text is the member `text_key` (an element with only that member
    /// reads as its text); an attribute is a member named `attribute_prefix` + its name (read
    /// without the prefix). `error_fields` names the members of the error element, as read.
    XmlJson {
        root: String,
        list: String,
        error: String,
        /// The member that holds an element's text (`"$"` unless given).
        #[serde(default = "default_xml_key")]
        text_key: String,
        /// What precedes an attribute's name among the members (`"$"` unless given; an
        /// empty prefix leaves every member as it is).
        #[serde(default = "default_xml_key")]
        attribute_prefix: String,
        /// The members of the error element (after text and attributes are read).
        error_fields: XmlErrorFields,
    },
}

fn default_xml_key() -> String {
    "$".into()
}

/// The members of an XML-as-JSON error element, named as read (attribute prefix removed,
/// text elements as their text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct XmlErrorFields {
    /// The member naming the kind of failure (e.g. `type` for `$type`).
    pub kind: String,
    /// The member naming what the failure concerns, if the provider sends one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// The member holding the human-readable message (an error element that is only text is
    /// its own message).
    pub message: String,
}

/// A documented failure and how to recognise it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorCase {
    /// snake_case name; becomes the error enum variant.
    pub name: String,
    pub description: String,
    /// Status code; when `status_documented` is false the page gives none and this is our
    /// choice for the mock, while clients match the shape under any failure status.
    pub status: u16,
    #[serde(default = "yes")]
    pub status_documented: bool,
    /// Body schema of the failure.
    pub schema: Schema,
    /// How to tell this failure apart from the others.
    #[serde(default, skip_serializing_if = "Match::is_empty", rename = "match")]
    pub matcher: Match,
    /// Whether retrying the same request may succeed.
    #[serde(default)]
    pub retryable: bool,
    /// Where the page says this (see [`Cite`]); absent: the enclosing block's citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
}

/// All conditions must hold for a failure body to match.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Match {
    /// Top-level members that must be present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub has_fields: Vec<String>,
    /// Top-level members that must equal these values.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub equals: IndexMap<String, Value>,
}

impl Match {
    pub fn is_empty(&self) -> bool {
        self.has_fields.is_empty() && self.equals.is_empty()
    }
}

/// Offset pagination: walk `start` by `limit` until `total` items are seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// Query parameter holding the 1-based (or `first`-based) index of the first item.
    pub start: String,
    pub limit: String,
    /// Value of `start` for the first page.
    pub first: i64,
    /// Payload field holding the page's items.
    pub items: String,
    /// Payload field holding the total number of items.
    pub total: String,
}

/// A documented exchange: a request, a response, or both, as they appear on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// snake_case name, unique within the operation.
    pub name: String,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<ExampleRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ExampleResponse>,
    /// For a failure response: the name of the error case it shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Id of the erratum that explains why this example differs from the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erratum: Option<String>,
    /// With `erratum`: the example as the page prints it. The example's own values are the
    /// corrected form; validation fails once the original is no longer broken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// Where the page says this (see [`Cite`]); absent: the enclosing block's citation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<Cite>,
}

/// A request as sent on the wire: values as strings where the wire has strings.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExampleRequest {
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub path: IndexMap<String, String>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub query: IndexMap<String, String>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, String>,
    /// JSON body, or for form bodies an object of field name to string value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExampleResponse {
    pub status: u16,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, String>,
    /// The body as JSON; absent when the page shows no body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

/// What the mock server answers to requests that break the spec, in the provider's own
/// documented shapes. `{message}` in a body string is replaced by what was wrong.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MockBehaviour {
    /// Credentials missing or empty.
    pub unauthorized: MockReply,
    /// Parameters missing, of the wrong type or breaking a constraint.
    pub invalid_request: MockReply,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MockReply {
    pub status: u16,
    pub body: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Erratum {
    /// Short id, unique within the spec (e.g. `E1`), that examples refer to.
    pub id: String,
    /// Source page file name.
    pub source: String,
    /// Where on the page (section, table, example).
    pub location: String,
    /// What the page says that is contradictory, malformed or missing.
    pub problem: String,
    /// The interpretation this spec adopts.
    pub choice: String,
    /// Why.
    pub reason: String,
    /// The members (or values) of examples this erratum corrects: an example citing it is
    /// held to its page (or its `original`) in every other value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrects: Vec<String>,
}

/// Where on its page a fact comes from, in one compact string (parsed by [`crate::cite`]):
/// `"002:45-47"` (page by file-name prefix, then a line or line range), `"45-47"` (the page
/// of the enclosing block), `"inferred: <reason>"`, `"erratum E3"`; several parts joined by
/// `"; "` (an `inferred:` part runs to the end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "CiteForm")]
pub struct Cite(pub String);

/// Where on its page a fact comes from: `"002:45-47"` (page by file-name prefix and lines),
/// `"45-47"` or a bare line `45` (the enclosing block's page), `"inferred: <reason>"`,
/// `"erratum E3"`; parts joined by `"; "`.
#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)] // read by serde and schemars only
enum CiteForm {
    Text(String),
    Line(u32),
}

impl From<CiteForm> for Cite {
    fn from(f: CiteForm) -> Self {
        match f {
            CiteForm::Text(s) => Cite(s),
            CiteForm::Line(n) => Cite(n.to_string()),
        }
    }
}

impl JsonSchema for Cite {
    fn schema_name() -> String {
        "Cite".into()
    }

    fn json_schema(g: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        CiteForm::json_schema(g)
    }
}

#[cfg(test)]
mod tests {
    use super::{Location, Role};

    /// The names renderers print are the names the spec format reads.
    #[test]
    fn names_agree_with_the_serde_names() {
        let serde_name = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
        for l in [
            Location::Path,
            Location::Query,
            Location::Header,
            Location::Body,
        ] {
            assert_eq!(serde_name(serde_json::json!(l)), l.as_str());
        }
        for r in [Role::Secret, Role::Volatile] {
            assert_eq!(serde_name(serde_json::json!(r)), r.as_str());
        }
    }
}
