//! The facts of an operation's error cases and examples: an error case's status and match
//! members; each example value held to its page (after its member where the page shows it),
//! except the members its erratum corrects.

use super::*;

impl Walk<'_> {
    pub(super) fn error_case(
        &mut self,
        at: Vec<PathSeg>,
        op: &Operation,
        e: &ErrorCase,
        parent: &Ctx,
    ) -> Ctx {
        let ctx = self.resolve(&at, e.cite.as_ref(), parent);
        let mut expect = Vec::new();
        if e.status_documented {
            expect.push(token(&e.status.to_string()));
        }
        expect.extend(e.matcher.has_fields.iter().map(|f| token(f)));
        expect.extend(
            e.matcher
                .equals
                .values()
                .filter_map(scalar)
                .map(|v| token(&v)),
        );
        let label = format!("error case `{}` of `{}`", e.name, op.id);
        self.fact(FactKind::ErrorCase, &label, &at, &ctx, expect);
        self.schema(&path(&at, &["schema"]), &e.schema, &label, &ctx);
        ctx
    }

    /// An example's facts; `status` is the context of the lines that give its response's
    /// status (its error case's, else the operation's success status's).
    pub(super) fn example(
        &mut self,
        at: Vec<PathSeg>,
        op: &Operation,
        ex: &Example,
        parent: &Ctx,
        status: Option<&Ctx>,
    ) {
        let mut ctx = self.resolve(&at, ex.cite.as_ref(), parent);
        // An example corrected under an erratum rests on it.
        if let (Some(id), Some(c)) = (&ex.erratum, ctx.cite.as_mut()) {
            if !c.parts.contains(&Citation::Erratum(id.clone())) {
                c.parts.push(Citation::Erratum(id.clone()));
            }
        }
        let mut values: Vec<Shown> = Vec::new();
        let member = |(k, v): (&String, &String)| Shown {
            within: Vec::new(),
            member: Some(k.clone()),
            value: v.clone(),
        };
        if let Some(r) = &ex.request {
            // A path value stands in the URL where its `{name}` stood: held as a token (as an
            // item inside its name, which a page does not show as an object or array).
            values.extend(r.path.iter().map(|(k, v)| Shown {
                within: vec![k.clone()],
                member: None,
                value: v.clone(),
            }));
            values.extend(r.query.iter().chain(&r.headers).map(member));
            if let Some(b) = &r.body {
                leaves(&[], None, b, &mut values);
            }
        }
        if let Some(r) = &ex.response {
            values.extend(r.headers.iter().map(member));
            if let Some(b) = &r.body {
                leaves(&[], None, b, &mut values);
            }
        }
        // The members and values its errata correct (its `erratum:` and those it cites) are
        // not the page's, nor is what a corrected member holds.
        let cited_errata: Vec<&str> = ctx
            .cite
            .iter()
            .flat_map(|c| &c.parts)
            .filter_map(|p| match p {
                Citation::Erratum(id) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let corrects: Vec<&String> = self
            .spec
            .errata
            .iter()
            .filter(|e| cited_errata.contains(&e.id.as_str()))
            .flat_map(|e| &e.corrects)
            .collect();
        let kept: Vec<Expect> = values
            .into_iter()
            // An empty value prints as nothing a line could contain.
            .filter(|s| !s.value.is_empty())
            .filter(|s| {
                !corrects.iter().any(|c| {
                    **c == s.value || s.member.as_ref() == Some(*c) || s.within.contains(*c)
                })
            })
            .map(|s| Expect(s.printed()))
            .collect();
        // The page's text of a corrected example is on the page too.
        let mut expect: Vec<Expect> = ex
            .original
            .iter()
            .map(|o| Expect(vec![Needle::Text(o.clone())]))
            .collect();
        expect.extend(kept);
        let label = format!("example `{}` of `{}`", ex.name, op.id);
        self.fact(FactKind::Example, &label, &at, &ctx, expect);
        if let Some(r) = &ex.response {
            self.example_status(&at, r.status, &label, &ctx, status);
        }
    }

    /// The status of an example's response: on the example's lines or the lines that give
    /// its response's status, or named by an erratum or `inferred:` among their citations.
    fn example_status(
        &mut self,
        at: &[PathSeg],
        status: u16,
        label: &str,
        ctx: &Ctx,
        response: Option<&Ctx>,
    ) {
        let mut both = ctx.clone();
        match (both.cite.as_mut(), response.and_then(|r| r.cite.as_ref())) {
            (Some(c), Some(r)) => {
                for p in &r.parts {
                    if !c.parts.contains(p) {
                        c.parts.push(p.clone());
                    }
                }
            }
            (None, Some(r)) => both.cite = Some(r.clone()),
            _ => {}
        }
        self.fact(
            FactKind::Status,
            &format!("status {status} of {label}"),
            &path(at, &["response", "status"]),
            &both,
            vec![token(&status.to_string())],
        );
    }
}

/// An example's value and where it stands: the members of the objects around it, and its
/// own member (`None`: an array's item, or a path value in the URL).
struct Shown {
    within: Vec<String>,
    member: Option<String>,
    value: String,
}

impl Shown {
    /// The value as a page may print it: after its member, inside the objects and arrays
    /// around it where the lines show them (`"apply": {"id": 559}`, `"ids": ["a"]`); a
    /// top-level path value, query member or array item as a token.
    fn printed(&self) -> Vec<Needle> {
        let plain = printed(&self.value);
        if self.member.is_none() && self.within.is_empty() {
            return plain;
        }
        plain
            .into_iter()
            .map(|n| match n {
                Needle::Token(value) => Needle::Member {
                    within: self.within.clone(),
                    member: self.member.clone().unwrap_or_default(),
                    value,
                },
                other => other,
            })
            .collect()
    }
}

/// The non-empty scalars of `v`, each with the members around it (`within`) and its own
/// (`member`; `None` for an array's scalar items, held inside the array's member).
fn leaves(within: &[String], member: Option<&str>, v: &Value, out: &mut Vec<Shown>) {
    let inside = || {
        let mut w = within.to_vec();
        w.extend(member.map(str::to_string));
        w
    };
    match v {
        Value::Array(a) => {
            let w = inside();
            a.iter().for_each(|x| leaves(&w, None, x, out))
        }
        Value::Object(o) => {
            let w = inside();
            o.iter().for_each(|(k, x)| leaves(&w, Some(k), x, out))
        }
        Value::Null => {}
        other => out.extend(scalar(other).map(|value| Shown {
            within: within.to_vec(),
            member: member.map(str::to_string),
            value,
        })),
    }
}
