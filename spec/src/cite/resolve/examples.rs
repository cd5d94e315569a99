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
    ) {
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
    }

    pub(super) fn example(&mut self, at: Vec<PathSeg>, op: &Operation, ex: &Example, parent: &Ctx) {
        let mut ctx = self.resolve(&at, ex.cite.as_ref(), parent);
        // An example corrected under an erratum rests on it.
        if let (Some(id), Some(c)) = (&ex.erratum, ctx.cite.as_mut()) {
            if !c.parts.contains(&Citation::Erratum(id.clone())) {
                c.parts.push(Citation::Erratum(id.clone()));
            }
        }
        let mut values: Vec<(String, String)> = Vec::new();
        if let Some(r) = &ex.request {
            // A path value stands in the URL where its `{name}` stood: held as a token
            // (marked as an array's item is).
            values.extend(
                r.path
                    .iter()
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| (format!("[{k}"), v.clone())),
            );
            values.extend(
                r.query
                    .iter()
                    .chain(&r.headers)
                    // An empty value prints as nothing a line could contain (as in bodies).
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| (k.clone(), v.clone())),
            );
            if let Some(b) = &r.body {
                leaves("", b, &mut values);
            }
        }
        if let Some(r) = &ex.response {
            values.extend(
                r.headers
                    .iter()
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| (k.clone(), v.clone())),
            );
            if let Some(b) = &r.body {
                leaves("", b, &mut values);
            }
        }
        // The members and values its errata correct (its `erratum:` and those it cites) are
        // not the page's.
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
            .iter()
            .map(|(m, v)| match m.strip_prefix('[') {
                Some(array) => (array, "", v),
                None => (m.as_str(), m.as_str(), v),
            })
            .filter(|(m, _, v)| !corrects.iter().any(|c| c == m || *c == *v))
            .map(|(_, shown, v)| Expect(printed_as(shown, v)))
            .collect();
        // The page's text of a corrected example is on the page too.
        let mut expect: Vec<Expect> = ex
            .original
            .iter()
            .map(|o| Expect(vec![Needle::Text(o.clone())]))
            .collect();
        expect.extend(kept);
        self.fact(
            FactKind::Example,
            &format!("example `{}` of `{}`", ex.name, op.id),
            &at,
            &ctx,
            expect,
        );
    }
}

/// An example's value of `member` as a page may print it, after the member where it shows
/// it (`member` empty: an array's item, printed among others, is held as a token).
fn printed_as(member: &str, v: &str) -> Vec<Needle> {
    let plain = printed(v);
    if member.is_empty() {
        return plain;
    }
    plain
        .into_iter()
        .map(|n| match n {
            Needle::Token(value) => Needle::Member {
                member: member.to_string(),
                value,
            },
            other => other,
        })
        .collect()
}

/// The non-empty scalars of `v`, each with the member holding it (an array's scalar items
/// take the array's member, marked with a leading `[`: a value held as a token, not after
/// its member).
fn leaves(member: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Array(a) => {
            let item = format!("[{}", member.trim_start_matches('['));
            a.iter().for_each(|x| leaves(&item, x, out))
        }
        Value::Object(o) => o.iter().for_each(|(k, x)| leaves(k, x, out)),
        Value::Null => {}
        other => out.extend(
            scalar(other)
                .filter(|s| !s.is_empty())
                .map(|s| (member.to_string(), s)),
        ),
    }
}
