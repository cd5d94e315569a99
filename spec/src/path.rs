//! Path templates such as `/v1.0/{project_id}/instances`, parsed once into segments: the
//! fixtures and the replay fill them, the mock matches requests against them.

use indexmap::IndexMap;

use crate::url::{decode_component, encode_component};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    /// `{name}`: one whole segment.
    Param(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    segments: Vec<Segment>,
}

impl PathTemplate {
    /// Parse a template; a brace anywhere but around a whole segment is an error (the mock
    /// could not route it and clients could not fill it unambiguously).
    pub fn parse(template: &str) -> Result<Self, String> {
        let segments = split(template)
            .map(
                |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(name) if !name.is_empty() && !name.contains(['{', '}']) => {
                        Ok(Segment::Param(name.to_string()))
                    }
                    _ if s.contains(['{', '}']) => Err(format!(
                        "segment `{s}` mixes a parameter with other text; a path parameter \
                         is a whole segment such as `{{name}}`"
                    )),
                    _ => Ok(Segment::Literal(s.to_string())),
                },
            )
            .collect::<Result<_, _>>()?;
        Ok(PathTemplate { segments })
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The parameter names, in order.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param(n) => Some(n.as_str()),
            Segment::Literal(_) => None,
        })
    }

    /// The path with each `{name}` replaced by its percent-encoded value (a missing value
    /// leaves the `{name}` text, which no server route matches).
    pub fn fill(&self, values: &IndexMap<String, String>) -> String {
        if self.segments.is_empty() {
            return "/".into();
        }
        let mut out = String::new();
        for seg in &self.segments {
            out.push('/');
            match seg {
                Segment::Literal(l) => out.push_str(l),
                Segment::Param(n) => match values.get(n) {
                    Some(v) => out.push_str(&encode_component(v)),
                    None => {
                        out.push('{');
                        out.push_str(n);
                        out.push('}');
                    }
                },
            }
        }
        out
    }

    /// Does `path` fit the template? Allocation-free: routing asks this of every route.
    pub fn fits(&self, path: &str) -> bool {
        let mut parts = split(path);
        for seg in &self.segments {
            match (seg, parts.next()) {
                (_, None) => return false,
                (Segment::Literal(l), Some(p)) if l != p => return false,
                _ => {}
            }
        }
        parts.next().is_none()
    }

    /// The path parameters (percent-decoded) when `path` fits the template.
    pub fn matches(&self, path: &str) -> Option<Vec<(String, String)>> {
        let mut params = Vec::new();
        let mut parts = split(path);
        for seg in &self.segments {
            let part = parts.next()?;
            match seg {
                Segment::Literal(l) if l != part => return None,
                Segment::Literal(_) => {}
                Segment::Param(_) if part.is_empty() => return None,
                Segment::Param(n) => params.push((n.clone(), decode_component(part)?)),
            }
        }
        parts.next().is_none().then_some(params)
    }
}

/// Non-empty segments; `/` and `` are both the root (no segments).
fn split(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> PathTemplate {
        PathTemplate::parse(s).expect("template parses")
    }

    #[test]
    fn matches_templates_segment_by_segment() {
        let t = t("/v1.0/{project_id}/instances/{instance_id}/backups");
        let got = t
            .matches("/v1.0/p1/instances/i%2F2/backups")
            .expect("match");
        assert_eq!(
            got,
            vec![
                ("project_id".to_string(), "p1".to_string()),
                ("instance_id".to_string(), "i/2".to_string())
            ]
        );
        assert!(t.matches("/v1.0/p1/instances/i2").is_none());
        assert!(t.matches("/v1.0/p1/instances/i2/backups/x").is_none());
        assert!(t.matches("/v1.0//instances/i2/backups").is_none());
        assert!(!t.fits("/v1.0/p1/instances"));
        assert_eq!(
            t.params().collect::<Vec<_>>(),
            ["project_id", "instance_id"]
        );
    }

    #[test]
    fn fill_encodes_and_matching_decodes_back() {
        let t = t("/a/{x}/b/{y}");
        let values: IndexMap<String, String> = [("x", "a b/c~*"), ("y", "é")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let path = t.fill(&values);
        assert_eq!(path, "/a/a%20b%2Fc~%2A/b/%C3%A9");
        let back: IndexMap<String, String> = t.matches(&path).expect("fits").into_iter().collect();
        assert_eq!(back, values);
    }

    #[test]
    fn root_and_malformed_templates() {
        assert!(t("/").matches("/").is_some());
        assert!(t("/").matches("/x").is_none());
        assert_eq!(t("/").fill(&IndexMap::new()), "/");
        assert!(PathTemplate::parse("/items.{fmt}").is_err());
        assert!(PathTemplate::parse("/{a}{b}").is_err());
        assert!(PathTemplate::parse("/{}").is_err());
    }
}
