//! The document path a finding is located at.

use crate::yaml::PathSeg;

/// A document path under construction: `P::root().k("operations").i(0)`.
#[derive(Clone, Default)]
pub(super) struct P(pub(super) Vec<PathSeg>);

impl P {
    pub(super) fn root() -> P {
        P(Vec::new())
    }
    pub(super) fn k(&self, key: impl Into<PathSeg>) -> P {
        let mut v = self.0.clone();
        v.push(key.into());
        P(v)
    }
    pub(super) fn i(&self, index: usize) -> P {
        self.k(index)
    }
    /// Append a values-walker path such as `records[0].size`.
    pub(super) fn value_path(&self, path: &str) -> P {
        let mut out = self.clone();
        for part in path.split('.').filter(|s| !s.is_empty()) {
            let (key, rest) = part.split_once('[').unwrap_or((part, ""));
            if !key.is_empty() {
                out = out.k(key);
            }
            for idx in rest.split('[') {
                if let Ok(i) = idx.trim_end_matches(']').parse::<usize>() {
                    out = out.i(i);
                }
            }
        }
        out
    }
}
