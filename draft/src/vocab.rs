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

/// A column of an error-code table (an appendix of error codes): the HTTP status, the
/// code the error body carries, its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorColumn {
    Status,
    Message,
    Code,
}

/// Header words of error-code tables, tried in this order ("Status Code" is a status
/// before it is a code; "错误信息" a message before "错误码" a code).
pub const ERROR_HEADERS: &[(&str, ErrorColumn)] = &[
    ("status", ErrorColumn::Status),
    ("http", ErrorColumn::Status),
    ("código de estado", ErrorColumn::Status),
    ("состояни", ErrorColumn::Status),
    ("код ответа", ErrorColumn::Status),
    ("状态码", ErrorColumn::Status),
    ("message", ErrorColumn::Message),
    ("mensagem", ErrorColumn::Message),
    ("сообщени", ErrorColumn::Message),
    ("信息", ErrorColumn::Message),
    ("error code", ErrorColumn::Code),
    ("código de erro", ErrorColumn::Code),
    ("código do erro", ErrorColumn::Code),
    ("код ошибки", ErrorColumn::Code),
    ("错误码", ErrorColumn::Code),
    ("错误代码", ErrorColumn::Code),
];

/// The error-code column a header cell names, if any.
pub fn error_column(header: &str) -> Option<ErrorColumn> {
    let h = header.trim().to_lowercase();
    ERROR_HEADERS
        .iter()
        .find(|(w, _)| h.contains(w))
        .map(|(_, c)| *c)
}
