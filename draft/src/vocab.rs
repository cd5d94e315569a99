//! The words pages use, in every language the drafter reads: kept in `spec::vocab`, where the
//! citation checker reads pages with the same words; and how a type cell reads in them.

pub use spec::vocab::*;

/// The type word of a type cell and literal alternatives it allows (`Array or 0`).
pub fn type_cell(cell: &str) -> (Option<TypeWord>, Vec<String>) {
    let no_parens = match cell.find('(') {
        Some(i) => &cell[..i],
        None => cell,
    };
    let mut parts = no_parens.split(" or ");
    let word = parts.next().and_then(type_word);
    let alts = parts
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty() && type_word(p).is_none())
        .collect();
    (word.or_else(|| type_word(cell)), alts)
}
