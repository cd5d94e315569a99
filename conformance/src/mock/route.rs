//! Finding the operation a request addresses: method + path template (the model's
//! [`PathTemplate`]) + discriminators.

use spec::format::{Discriminator, Location, Method};
use spec::model::PathTemplate;

use super::request::Incoming;

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
