//! Constraint checks run before a request leaves: each broken rule is a [`Violation`] naming
//! the field and the rule, so callers can fix their input without reading the spec.

use std::collections::HashMap;
use std::fmt;
use std::sync::{OnceLock, RwLock};

use regex::Regex;

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Wire name of the field, dotted for nested values, `[]` for array items.
    pub field: String,
    /// The rule in words, e.g. `at least 4 characters`.
    pub rule: String,
}

/// Every rule a request breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidInput {
    pub violations: Vec<Violation>,
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid input:")?;
        for (i, v) in self.violations.iter().enumerate() {
            let sep = if i == 0 { " " } else { "; " };
            write!(f, "{sep}`{}` must be {}", v.field, v.rule)?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidInput {}

/// Values that know their own constraints (generated models and requests).
pub trait Check {
    /// Record the violations of `self`, found at `at` (empty at the top level).
    fn check(&self, c: &mut Checker, at: &str);
}

impl<T: Check> Check for Vec<T> {
    fn check(&self, c: &mut Checker, at: &str) {
        let at = format!("{at}[]");
        for item in self {
            item.check(c, &at);
        }
    }
}

impl<T: Check> Check for Option<T> {
    fn check(&self, c: &mut Checker, at: &str) {
        if let Some(v) = self {
            v.check(c, at);
        }
    }
}

/// `at.name`, or `name` at the top level (`at[]` for items, `at` for the value itself).
pub fn join(at: &str, name: &str) -> String {
    if at.is_empty() {
        name.to_owned()
    } else if name.is_empty() || name.starts_with('[') {
        // A union checks its alternative in place: the value itself, or its items.
        format!("{at}{name}")
    } else {
        format!("{at}.{name}")
    }
}

/// Collects violations; generated `check` methods call one method per documented rule.
#[derive(Debug, Default)]
pub struct Checker {
    violations: Vec<Violation>,
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    fn fail(&mut self, at: &str, name: &str, rule: String) {
        self.violations.push(Violation {
            field: join(at, name),
            rule,
        });
    }

    /// Length in characters (not bytes).
    pub fn length(&mut self, at: &str, name: &str, v: &str, min: Option<u32>, max: Option<u32>) {
        let n = v.chars().count();
        if let Some(min) = min.filter(|&m| n < m as usize) {
            self.fail(at, name, format!("at least {min} characters (got {n})"));
        }
        if let Some(max) = max.filter(|&m| n > m as usize) {
            self.fail(at, name, format!("at most {max} characters (got {n})"));
        }
    }

    /// The whole value matches `pattern`; `what` names the rule (the pattern or a format).
    pub fn pattern(&mut self, at: &str, name: &str, v: &str, pattern: &'static str, what: &str) {
        match matches(pattern, v) {
            Some(true) => {}
            Some(false) => self.fail(at, name, what.to_owned()),
            None => self.fail(at, name, format!("checkable (invalid pattern `{pattern}`)")),
        }
    }

    /// None of `chars` occurs in the value.
    pub fn forbidden(&mut self, at: &str, name: &str, v: &str, chars: &str) {
        if let Some(bad) = v.chars().find(|c| chars.contains(*c)) {
            self.fail(
                at,
                name,
                format!("free of any of `{chars}` (found `{bad}`)"),
            );
        }
    }

    pub fn range(&mut self, at: &str, name: &str, v: i64, min: Option<i64>, max: Option<i64>) {
        if let Some(min) = min.filter(|&m| v < m) {
            self.fail(at, name, format!("at least {min} (got {v})"));
        }
        if let Some(max) = max.filter(|&m| v > m) {
            self.fail(at, name, format!("at most {max} (got {v})"));
        }
    }

    pub fn range_f64(&mut self, at: &str, name: &str, v: f64, min: Option<i64>, max: Option<i64>) {
        if let Some(min) = min.filter(|&m| v < m as f64) {
            self.fail(at, name, format!("at least {min} (got {v})"));
        }
        if let Some(max) = max.filter(|&m| v > m as f64) {
            self.fail(at, name, format!("at most {max} (got {v})"));
        }
    }

    pub fn items(&mut self, at: &str, name: &str, n: usize, min: Option<u32>, max: Option<u32>) {
        if let Some(min) = min.filter(|&m| n < m as usize) {
            self.fail(at, name, format!("at least {min} items (got {n})"));
        }
        if let Some(max) = max.filter(|&m| n > m as usize) {
            self.fail(at, name, format!("at most {max} items (got {n})"));
        }
    }

    /// `Err` when any rule was broken.
    pub fn finish(self) -> Result<(), InvalidInput> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(InvalidInput {
                violations: self.violations,
            })
        }
    }
}

/// Whole-value match with a process-wide cache of compiled patterns; `None` if the pattern
/// does not compile. Patterns are the specs' (a fixed set), so each compiled one is kept for
/// the life of the process and matched outside the lock: concurrent calls only share a
/// read lock.
fn matches(pattern: &'static str, v: &str) -> Option<bool> {
    type Cache = RwLock<HashMap<&'static str, Option<&'static Regex>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    // A poisoned lock only means another thread panicked mid-insert; the map is still usable.
    let cached = cache
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(pattern)
        .copied();
    let re = match cached {
        Some(re) => re,
        None => *cache
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .entry(pattern)
            .or_insert_with(|| {
                let re = Regex::new(&format!("^(?:{pattern})$")).ok()?;
                Some(&*Box::leak(Box::new(re)))
            }),
    };
    re.map(|re| re.is_match(v))
}

/// The error of a call builder whose required parameters `(setter, missing)` are not all set:
/// one violation per missing one, named by its setter.
pub fn missing(params: &[(&str, bool)]) -> InvalidInput {
    InvalidInput {
        violations: params
            .iter()
            .filter(|(_, missing)| *missing)
            .map(|(setter, _)| Violation {
                field: (*setter).to_owned(),
                rule: format!("set with `.{setter}(..)`: the parameter is required"),
            })
            .collect(),
    }
}

/// Check `value` and return every violation.
pub fn validate<T: Check>(value: &T) -> Result<(), InvalidInput> {
    let mut c = Checker::new();
    value.check(&mut c, "");
    c.finish()
}
