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

/// What a table's caption says its rows are: parameters in one place, or the members of a
/// request or response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caption {
    Path,
    Query,
    Header,
    Body,
    Response,
}

/// Caption words (lower case, matched as substrings), in the four languages read.
pub const CAPTIONS: &[(&str, Caption)] = &[
    ("path param", Caption::Path),
    ("parâmetros de caminho", Caption::Path),
    ("параметры пути", Caption::Path),
    ("路径参数", Caption::Path),
    ("query param", Caption::Query),
    ("parâmetros de consulta", Caption::Query),
    ("параметры запроса", Caption::Query),
    ("query参数", Caption::Query),
    ("查询参数", Caption::Query),
    ("header", Caption::Header),
    ("cabeçalho", Caption::Header),
    ("заголов", Caption::Header),
    ("请求头", Caption::Header),
    ("消息头", Caption::Header),
    ("request body", Caption::Body),
    ("corpo da solicitação", Caption::Body),
    ("тела запроса", Caption::Body),
    ("请求body", Caption::Body),
    ("请求体", Caption::Body),
    ("请求消息体", Caption::Body),
    ("请求参数", Caption::Body),
    ("response body", Caption::Response),
    ("corpo da resposta", Caption::Response),
    ("тела ответа", Caption::Response),
    ("响应body", Caption::Response),
    ("响应体", Caption::Response),
    ("响应消息体", Caption::Response),
    ("响应参数", Caption::Response),
    ("返回参数", Caption::Response),
];

/// Whether a caption (lower case) carries a word of `role`.
pub fn captioned(caption: &str, role: Caption) -> bool {
    CAPTIONS
        .iter()
        .any(|(w, r)| *r == role && caption.contains(w))
}

/// Words a caption opens with before the table's number (`Table 3`, `Tabela 3`, `表3`).
pub const CAPTION_OPENERS: &[&str] = &["table", "tabela", "tabla", "таблица", "表"];

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_say_where_rows_go_in_four_languages() {
        let role = |c: &str| {
            let c = c.to_lowercase();
            [
                Caption::Path,
                Caption::Query,
                Caption::Header,
                Caption::Body,
                Caption::Response,
            ]
            .into_iter()
            .find(|r| captioned(&c, *r))
        };
        assert_eq!(role("Table 1 Path Parameters"), Some(Caption::Path));
        assert_eq!(
            role("Tabela 2 Parâmetros de consulta"),
            Some(Caption::Query)
        );
        assert_eq!(role("Таблица 3 Параметры заголовка"), Some(Caption::Header));
        assert_eq!(role("表3 请求Header参数"), Some(Caption::Header));
        assert_eq!(role("表4 请求Body参数"), Some(Caption::Body));
        assert_eq!(role("表5 响应Body参数"), Some(Caption::Response));
        assert_eq!(role("Table 1 Parameter description"), None);
    }
}
