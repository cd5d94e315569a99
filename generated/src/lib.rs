//! Placeholder until the generator lands: `cargo xtask codegen` will render clients here.
