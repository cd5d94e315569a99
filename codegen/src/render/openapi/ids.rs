//! Ids with a type of their own: a parameter whose spec says what it identifies
//! (`identifies: project`) refers to a string component named as the Rust clients' id type
//! (`ProjectId`, read from the model), marked `x-identifies`, so generators that make a
//! newtype of a named string component (typify, progenitor) keep the ids apart too.
//!
//! Constraints: the Rust id type carries none (a call builder checks each parameter's own),
//! and two parameters identifying one thing may differ. So the component holds the
//! constraints every parameter identifying the thing shares in this document, and a parameter
//! with more refers to it as `allOf: [{$ref}, {its other constraints}]`: each keeps exactly
//! its own. The plain `$ref` (every parameter agrees) is the form generators turn into the
//! newtype; an `allOf` may become a type of its own there (README, the losses).

use serde_json::{json, Map, Value};

use spec::format::Parameter;

use super::{component_ref, Ctx, Exporter};
use crate::model::{is_id, Ty, TypeBody};

impl Exporter<'_> {
    /// Adds one component per id type the model gives the provider's parameters, holding the
    /// constraints all of its parameters share (kept for [`Exporter::id_schema`]).
    pub(super) fn id_components(&mut self) {
        let model = self.model;
        for t in &model.types {
            let TypeBody::Id { thing } = &t.body else {
                continue;
            };
            let mut shared: Option<Map<String, Value>> = None;
            for f in model.operations.iter().flat_map(|o| &o.params) {
                if !is_id(f) || f.ty != Ty::Named(t.name.clone()) {
                    continue;
                }
                // An id is a plain string (validated), which reads alike in every context.
                let own = constraints(self.schema(f.schema, Ctx::Param));
                shared = Some(match shared {
                    None => own,
                    Some(mut s) => {
                        s.retain(|k, v| own.get(k) == Some(v));
                        s
                    }
                });
            }
            let shared = shared.unwrap_or_default();
            let mut c = Map::new();
            c.insert("type".into(), json!("string"));
            c.insert("description".into(), json!(t.doc));
            c.extend(shared.clone());
            c.insert("x-identifies".into(), json!(thing));
            self.extra_schemas.insert(t.name.clone(), Value::Object(c));
            self.id_shared.insert(t.name.clone(), shared);
        }
    }

    /// The schema of a parameter the model gives an id type: a reference to the type's
    /// component, inside an `allOf` with the constraints the component does not hold.
    pub(super) fn id_schema(&mut self, p: &Parameter) -> Option<Value> {
        let name = self.id_type(p)?;
        let shared = self.id_shared.get(&name)?.clone();
        let mut extra = constraints(self.schema(&p.schema, Ctx::Param));
        extra.retain(|k, _| !shared.contains_key(k));
        let r = json!({ "$ref": component_ref(&name) });
        Some(if extra.is_empty() {
            r
        } else {
            json!({ "allOf": [r, extra] })
        })
    }

    /// The model's id type of `p` (found by identity: the model keeps the spec's schemas).
    fn id_type(&self, p: &Parameter) -> Option<String> {
        let f = self
            .model
            .operations
            .iter()
            .flat_map(|o| &o.params)
            .find(|f| std::ptr::eq(f.schema, &p.schema))?;
        match &f.ty {
            Ty::Named(n) if is_id(f) => Some(n.clone()),
            _ => None,
        }
    }
}

/// A string schema's constraint keywords: everything but its `type`.
fn constraints(schema: Value) -> Map<String, Value> {
    let Value::Object(mut m) = schema else {
        return Map::new();
    };
    m.remove("type");
    m
}
