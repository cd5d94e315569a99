//! The words pages use, in every language the drafter reads: kept in `spec::vocab`, where the
//! citation checker reads pages with the same words.

pub use spec::vocab::*;
