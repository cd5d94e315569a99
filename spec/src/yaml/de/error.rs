//! A deserialization failure and the node it arose at.

use std::fmt;

use serde::de;

/// A deserialization failure and the node it arose at.
#[derive(Debug)]
pub(crate) struct DeError {
    pub msg: String,
    /// The innermost node the error passed through.
    pub node: Option<u32>,
    /// Whether the error concerns the node's key (an unknown field name, say).
    pub on_key: bool,
}

impl DeError {
    pub(super) fn at(mut self, node: u32, on_key: bool) -> Self {
        if self.node.is_none() {
            self.node = Some(node);
            self.on_key = on_key;
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            msg: msg.to_string(),
            node: None,
            on_key: false,
        }
    }
}

pub(super) type Result<T> = std::result::Result<T, DeError>;
