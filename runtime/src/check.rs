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

/// Values that know their own constraints: generated requests, and the models they hold that
/// carry a constraint.
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

    /// The whole value is in `format`.
    pub fn format(&mut self, at: &str, name: &str, v: &str, format: Format) {
        let what = format!("in the format `{}`", format.name());
        self.pattern(at, name, v, format.pattern(), &what);
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

/// The value formats a spec can declare, one expression each: real calendar dates, hours
/// 0-23, minutes and seconds 0-59 (a date-time's seconds also 60, a leap second).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `yyyyMMddHHmmss`.
    CompactTimestamp,
    /// `HH:MM`.
    TimeOfDay,
    /// `yyyy-MM-dd`.
    Date,
    /// RFC 3339 date and time with offset.
    DateTime,
    /// Dotted IPv4 address.
    Ipv4,
}

/// A calendar date `yyyy{sep}MM{sep}dd` as a regex group: days within their month, and
/// 29 February only in Gregorian leap years (divisible by 4, centuries by 400).
macro_rules! calendar_date {
    ($sep:literal) => {
        concat!(
            "(?:[0-9]{4}",
            $sep,
            "(?:(?:0[13578]|1[02])",
            $sep,
            "(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)",
            $sep,
            "(?:0[1-9]|[12][0-9]|30)|02",
            $sep,
            "(?:0[1-9]|1[0-9]|2[0-8]))",
            "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)",
            $sep,
            "02",
            $sep,
            "29)"
        )
    };
}

impl Format {
    /// The regular expression a whole value of this format matches.
    pub fn pattern(self) -> &'static str {
        match self {
            Format::CompactTimestamp => concat!(
                "^",
                calendar_date!(""),
                "([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]$"
            ),
            Format::TimeOfDay => r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
            Format::Date => concat!("^", calendar_date!("-"), "$"),
            Format::DateTime => concat!(
                "^",
                calendar_date!("-"),
                r"T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?",
                "(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])$"
            ),
            Format::Ipv4 => {
                r"^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$"
            }
        }
    }

    /// The format's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::CompactTimestamp => "yyyyMMddHHmmss",
            Format::TimeOfDay => "HH:MM",
            Format::Date => "date",
            Format::DateTime => "date-time",
            Format::Ipv4 => "ipv4",
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

#[cfg(test)]
mod tests {
    use super::{Checker, Format};

    /// Each format's expression compiles, takes a real value and refuses a close miss.
    #[test]
    fn formats_take_real_values_and_refuse_near_misses() {
        let cases = [
            (Format::CompactTimestamp, "20240229235959", "20230229235959"),
            (Format::TimeOfDay, "23:59", "24:00"),
            (Format::Date, "2000-02-29", "1900-02-29"),
            (
                Format::DateTime,
                "2019-05-10T08:31:60.166+02:00",
                "2019-04-31T08:31:16Z",
            ),
            (Format::Ipv4, "192.168.0.255", "192.168.0.256"),
        ];
        for (format, good, bad) in cases {
            let mut c = Checker::new();
            c.format("", "v", good, format);
            assert!(c.finish().is_ok(), "{format:?} refused {good}");
            let mut c = Checker::new();
            c.format("", "v", bad, format);
            let e = c.finish().expect_err("a near miss is refused");
            assert_eq!(
                e.violations[0].rule,
                format!("in the format `{}`", format.name())
            );
        }
    }
}
