//! Finding the operation a request addresses: method + path template + discriminators.
//! Path templates are matched segment by segment; `{name}` captures one segment.

use spec::format::{Discriminator, Location, Method};

use super::request::Incoming;

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    Param(String),
}

/// A parsed path template such as `/v1.0/{project_id}/instances`.
#[derive(Debug, Clone)]
pub struct PathTemplate {
    segments: Vec<Segment>,
}

impl PathTemplate {
    pub fn parse(template: &str) -> Self {
        let segments = split(template)
            .map(
                |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(name) if !name.is_empty() && !name.contains(['{', '}']) => {
                        Segment::Param(name.to_string())
                    }
                    _ => Segment::Literal(s.to_string()),
                },
            )
            .collect();
        PathTemplate { segments }
    }

    /// Does `path` fit the template? Allocation-free: routing asks this of every route.
    pub fn fits(&self, path: &str) -> bool {
        let mut parts = split(path);
        for seg in &self.segments {
            let Some(part) = parts.next() else {
                return false;
            };
            if let Segment::Literal(lit) = seg {
                if lit != part {
                    return false;
                }
            }
        }
        parts.next().is_none()
    }

    /// The captured path parameters (percent-decoded) when `path` fits the template.
    pub fn matches(&self, path: &str) -> Option<Vec<(String, String)>> {
        let mut params = Vec::new();
        let mut parts = split(path);
        for seg in &self.segments {
            let part = parts.next()?;
            match seg {
                Segment::Literal(lit) => {
                    if lit != part {
                        return None;
                    }
                }
                Segment::Param(name) => {
                    if part.is_empty() {
                        return None;
                    }
                    params.push((name.clone(), percent_decode(part)));
                }
            }
        }
        parts.next().is_none().then_some(params)
    }
}

/// Non-empty segments; `/` and `` are both the root (no segments).
fn split(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

pub(crate) fn percent_decode(s: &str) -> String {
    // form_urlencoded also maps '+' to ' ', which is wrong in a path: protect it first.
    if !s.contains('%') {
        return s.to_string();
    }
    let protected = s.replace('+', "%2B");
    form_urlencoded::parse(format!("v={protected}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| s.to_string())
}

/// Where one operation lives; `provider`/`operation` index into the mock's spec list.
#[derive(Debug, Clone)]
pub struct RouteKey {
    pub method: Method,
    pub template: PathTemplate,
    pub path: String,
    pub discriminators: Vec<Discriminator>,
}

impl RouteKey {
    /// All discriminators hold for this request.
    pub fn discriminators_hold(&self, req: &Incoming) -> bool {
        self.discriminators.iter().all(|d| {
            let got = match d.location {
                Location::Query => req.query_value(&d.name),
                Location::Header => req.header_value(&d.name),
                Location::Body => req.body_value(&d.name),
                Location::Path => None,
            };
            got.as_deref() == Some(d.value.as_str())
        })
    }

    /// Human-readable address for the 404 listing, e.g. `POST / [func=a, out=json]`.
    pub fn describe(&self) -> String {
        let mut s = format!("{} {}", self.method.as_str(), self.path);
        if !self.discriminators.is_empty() {
            let ds: Vec<String> = self
                .discriminators
                .iter()
                .map(|d| format!("{}={}", d.name, d.value))
                .collect();
            s.push_str(&format!(" [{}]", ds.join(", ")));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_templates_segment_by_segment() {
        let t = PathTemplate::parse("/v1.0/{project_id}/instances/{instance_id}/backups");
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
    }

    #[test]
    fn root_matches_root_only() {
        let t = PathTemplate::parse("/");
        assert!(t.matches("/").is_some());
        assert!(t.matches("/x").is_none());
    }
}
