//! One operation as the drafter builds it, before the cross-operation steps (discriminators,
//! ids), and the notes every step leaves: the shared types of `build` and `discriminate`.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use spec::format::{Location, Operation};

/// Notes by item path (`/operations/0/request/parameters/1`).
pub type Notes = BTreeMap<String, Vec<String>>;

/// One operation before cross-operation steps (discriminators, ids).
pub(crate) struct OpBuild {
    pub(crate) op: Operation,
    /// Notes by path within the operation (parameters by `@name`).
    pub(crate) notes: Vec<(String, String)>,
    /// Literal values each body/query parameter was seen with (curl first).
    pub(crate) seen: IndexMap<(Location, String), (String, crate::cite::Lines)>,
    /// The indices of examples written as tables.
    pub(crate) from_tables: Vec<usize>,
    /// Where on the page the operation was read (as the scan names it).
    pub(crate) origin: String,
}
