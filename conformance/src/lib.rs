//! Placeholder until the conformance issue: mock server and replay.
