//! The public Rust items of the generated crate behind spec elements, for the spec diff
//! ([`spec::diff::Names`]). Names come from [`crate::model`], the one place Rust names are
//! decided, so the diff names exactly what the renderer writes.

use spec::diff::{Item, Names};
use spec::validate::Validated;

use crate::model::{RustModel, RustModelError, TypeBody};

/// Rust names of one validated spec set.
pub struct RustNames<'a> {
    model: RustModel<'a>,
}

impl<'a> RustNames<'a> {
    pub fn new(validated: &'a Validated) -> Result<Self, RustModelError> {
        Ok(RustNames {
            model: RustModel::build(validated)?,
        })
    }
}

impl Names for RustNames<'_> {
    fn items(&self, provider: &str, item: Item) -> Vec<String> {
        let Some(p) = self
            .model
            .providers
            .iter()
            .find(|p| p.spec.provider.id == provider)
        else {
            return Vec::new();
        };
        let m = &p.module;
        let op = |id: &str| p.operations.iter().find(|o| o.op.id == id);
        let ty = |name: &str| {
            let rust = crate::model::type_name(name);
            p.types.iter().find(|t| t.name == rust)
        };
        match item {
            Item::Provider => vec![format!("{m}")],
            Item::Operation(id) => op(id)
                .map(|o| {
                    vec![
                        format!("{m}::Client::{}", o.method),
                        format!("{m}::{}", o.builder),
                        format!("{m}::{}", o.request),
                        format!("{m}::{}", o.error),
                    ]
                })
                .unwrap_or_default(),
            Item::Parameter(id, name) => op(id)
                .and_then(|o| {
                    let f = o.params.iter().find(|f| f.wire == name)?;
                    // The request's field and the call builder's setter.
                    let setter = crate::model::setter(&f.ident);
                    let mut v = vec![
                        format!("{m}::{}::{}", o.request, f.ident),
                        format!("{m}::{}::{setter}", o.builder),
                    ];
                    if f.required {
                        v.push(format!("{m}::{}::new", o.request));
                    }
                    Some(v)
                })
                .unwrap_or_default(),
            Item::Response(id) => op(id)
                .map(|o| vec![format!("{m}::Client::{}", o.method)])
                .unwrap_or_default(),
            Item::ErrorCase(id, case) => op(id)
                .and_then(|o| {
                    let e = o.errors.iter().find(|e| e.case.name == case)?;
                    Some(vec![format!("{m}::{}::{}", o.error, e.variant)])
                })
                .unwrap_or_default(),
            Item::Type(name) => ty(name)
                .map(|t| vec![format!("{m}::{}", t.name)])
                .unwrap_or_default(),
            Item::Field(name, field) => ty(name)
                .and_then(|t| match &t.body {
                    TypeBody::Object(fields) => {
                        let f = fields.iter().find(|f| f.wire == field)?;
                        Some(vec![format!("{m}::{}::{}", t.name, f.ident)])
                    }
                    _ => None,
                })
                .unwrap_or_default(),
            Item::EnumValue(name, value) => ty(name)
                .and_then(|t| match &t.body {
                    TypeBody::Enum(values) => {
                        let (variant, _, _) = values.iter().find(|v| v.1 == value)?;
                        Some(vec![format!("{m}::{}::{variant}", t.name)])
                    }
                    _ => None,
                })
                .unwrap_or_default(),
            Item::Auth(id) => p
                .auth
                .iter()
                .find(|a| a.id == id)
                .map(|a| vec![format!("{m}::ClientBuilder::{}", a.setter)])
                .unwrap_or_default(),
            Item::Variable(name) => {
                vec![format!("{m}::ClientBuilder::{}", crate::model::ident(name))]
            }
        }
    }
}
