//! Runtime support for generated clients. The value helpers (envelopes) are pure and shared
//! with the generator; the HTTP half is behind the default `http` feature.

pub mod envelope;
