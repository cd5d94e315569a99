//! The citation of a drafted fact: the page lines the draft read it from, in the compact
//! `cite:` form (`45`, `45-47`, `12; 30-41`, the page being the draft's only source), or
//! `inferred: draft guess from …` when the draft read it from no page line.

use spec::format::Cite;

/// Page line ranges `(first, last)`, 1-based; 0 where the format lost them.
pub type Lines = Vec<(usize, usize)>;

/// The lines as a citation, ranges sorted and merged; `None` when no line is known.
pub fn lines(at: &[(usize, usize)]) -> Option<Cite> {
    let mut v: Lines = at
        .iter()
        .filter(|(a, _)| *a > 0)
        .map(|&(a, b)| (a, b.max(a)))
        .collect();
    v.sort_unstable();
    let mut merged: Lines = Vec::new();
    for (a, b) in v {
        match merged.last_mut() {
            Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let parts: Vec<String> = merged
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    (!parts.is_empty()).then(|| Cite(parts.join("; ")))
}

/// The lines, else `inferred: draft guess from <guess>`.
pub fn or_guess(at: &[(usize, usize)], guess: &str) -> Cite {
    lines(at).unwrap_or_else(|| guessed(guess))
}

/// `inferred: draft guess from <what>`: a fact no page line states.
pub fn guessed(what: &str) -> Cite {
    Cite(format!("inferred: draft guess from {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_forms_that_the_spec_parses() {
        assert_eq!(lines(&[(45, 45)]).unwrap().0, "45");
        let c = lines(&[(30, 41), (0, 0), (12, 12), (13, 14), (40, 44)]).unwrap();
        assert_eq!(c.0, "12-14; 30-44");
        assert!(spec::cite::parse(&c.0).is_ok());
        assert_eq!(lines(&[(0, 0)]), None);
        let g = or_guess(&[], "the method");
        assert!(matches!(
            spec::cite::parse(&g.0).unwrap().as_slice(),
            [spec::cite::Part::Inferred(_)]
        ));
    }
}
