//! Deprecation marks: each says why, and a replacement it names exists (an operation id of
//! the same provider, a parameter of the same operation, a field of the same type).

use super::path::P;
use super::Checker;
use crate::diag::list_names;
use crate::format::Deprecated;

impl Checker<'_> {
    pub(super) fn deprecations(&mut self) {
        let spec = self.spec;
        for (name, def) in &spec.types {
            for (i, f) in def.fields.iter().enumerate() {
                let Some(d) = &f.deprecated else { continue };
                let names = def.fields.iter().map(|g| g.name.as_str());
                self.deprecated(
                    &P::root()
                        .k("types")
                        .k(name)
                        .k("fields")
                        .i(i)
                        .k("deprecated"),
                    d,
                    &format!("a field of `{name}`"),
                    &f.name,
                    names.collect(),
                );
            }
        }
        let ids: Vec<&str> = spec.operations.iter().map(|o| o.id.as_str()).collect();
        for (o, op) in spec.operations.iter().enumerate() {
            let at = P::root().k("operations").i(o);
            if let Some(d) = &op.deprecated {
                self.deprecated(
                    &at.k("deprecated"),
                    d,
                    "an operation id of this provider",
                    &op.id,
                    ids.clone(),
                );
            }
            let params: Vec<&str> = op
                .request
                .parameters
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            for (j, p) in op.request.parameters.iter().enumerate() {
                let Some(d) = &p.deprecated else { continue };
                self.deprecated(
                    &at.k("request").k("parameters").i(j).k("deprecated"),
                    d,
                    &format!("a parameter of `{}`", op.id),
                    &p.name,
                    params.clone(),
                );
            }
        }
    }

    /// `what` names the kind of item the replacement must be (with its article); `own` is the deprecated item's
    /// name and `names` the candidates (including `own`).
    fn deprecated(&mut self, at: &P, d: &Deprecated, what: &str, own: &str, names: Vec<&str>) {
        if d.reason.trim().is_empty() {
            self.report(
                &at.k("reason"),
                "the deprecation gives no reason",
                "say why it is deprecated, as the source page does",
            );
        }
        let Some(r) = &d.replacement else { return };
        let others = || names.iter().filter(|n| **n != own);
        if r == own {
            self.report(
                &at.k("replacement"),
                format!("`{own}` names itself as its replacement"),
                format!(
                    "name another one: {}, or remove `replacement`",
                    list_names(others())
                ),
            );
        } else if !names.contains(&r.as_str()) {
            self.report(
                &at.k("replacement"),
                format!("replacement `{r}` is not {what}"),
                format!(
                    "name one of {}, or remove `replacement`",
                    list_names(others())
                ),
            );
        }
    }
}
