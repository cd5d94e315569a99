//! Spreading a live run over several CI jobs: `--partition I/N` keeps the examples whose
//! stable hash of provider, operation and example name falls in part I of N. The hash is
//! FNV-1a, fixed here, so an example stays in its part across builds, machines and runs, and
//! adding an example moves no other.

use std::fmt;
use std::str::FromStr;

/// Part `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partition {
    pub index: u32,
    pub count: u32,
}

impl Partition {
    /// Whether this part runs the example.
    pub fn contains(&self, provider: &str, operation: &str, example: &str) -> bool {
        let key = format!("{provider}\u{0}{operation}\u{0}{example}");
        fnv1a(key.as_bytes()) % u64::from(self.count) == u64::from(self.index - 1)
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl FromStr for Partition {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad =
            || format!("`{s}` is not I/N with 1 <= I <= N (e.g. 2/3: the second of three parts)");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = i.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Partition { index, count })
    }
}

impl fmt::Display for Partition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_is_in_exactly_one_part() {
        let keys: Vec<(String, String, String)> = (0..200)
            .map(|i| {
                (
                    format!("p{}", i % 3),
                    format!("op{}", i % 7),
                    format!("ex{i}"),
                )
            })
            .collect();
        for count in 1..=5 {
            for (p, o, e) in &keys {
                let parts = (1..=count)
                    .filter(|&index| Partition { index, count }.contains(p, o, e))
                    .count();
                assert_eq!(parts, 1, "{p}.{o}.{e} in {parts} of {count}");
            }
        }
    }

    #[test]
    fn parts_are_read_strictly() {
        assert_eq!("2/3".parse(), Ok(Partition { index: 2, count: 3 }));
        for bad in ["0/3", "4/3", "1/0", "x/2", "2", "", "1/2/3", "-1/2"] {
            let e = bad.parse::<Partition>().expect_err(bad);
            assert!(e.contains("I/N"), "{e}");
        }
    }

    #[test]
    fn the_hash_is_fixed() {
        // A changed hash would move examples between CI jobs: pinned.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
