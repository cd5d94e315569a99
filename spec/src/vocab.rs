//! The words pages use, in every language read, as data: table headers, required flags, type
//! names, address labels, section headings and the words that state a bound or a default.
//! The drafter writes specs with them and the citation checker ([`crate::cite`]) reads pages
//! with them. Matching is on lower-cased text; a new language is new rows here, not new code.

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Type,
    Required,
    Description,
    Example,
    Code,
    Remarks,
    /// Where the parameter travels (`参数位置`: path, query, header, body).
    Location,
    /// The default value, in a column of its own.
    Default,
    /// The allowed range, in a column of its own.
    Range,
}

/// Header words, tried in this order (a header cell takes the first column whose word it
/// contains: "обязательный параметр" is a required flag before it is a name, "参数类型" a
/// type, "默认值" a default before "值" is a value).
pub const HEADERS: &[(&str, Column)] = &[
    ("required", Column::Required),
    ("mandatory", Column::Required),
    ("obrigatório", Column::Required),
    ("obrigatorio", Column::Required),
    ("обязательн", Column::Required),
    ("必选", Column::Required),
    ("必填", Column::Required),
    ("必须", Column::Required),
    ("必需", Column::Required),
    ("description", Column::Description),
    ("descrição", Column::Description),
    ("descricao", Column::Description),
    ("описание", Column::Description),
    ("描述", Column::Description),
    ("说明", Column::Description),
    ("remark", Column::Remarks),
    ("observaç", Column::Remarks),
    ("примечани", Column::Remarks),
    ("备注", Column::Remarks),
    ("location", Column::Location),
    ("localização", Column::Location),
    ("расположение", Column::Location),
    ("位置", Column::Location),
    ("default", Column::Default),
    ("padrão", Column::Default),
    ("padrao", Column::Default),
    ("по умолчанию", Column::Default),
    ("默认", Column::Default),
    ("range", Column::Range),
    ("intervalo", Column::Range),
    ("faixa", Column::Range),
    ("диапазон", Column::Range),
    ("范围", Column::Range),
    ("example", Column::Example),
    ("exemplo", Column::Example),
    ("пример", Column::Example),
    ("示例", Column::Example),
    ("样例", Column::Example),
    ("value", Column::Example),
    ("valor", Column::Example),
    ("значение", Column::Example),
    ("值", Column::Example),
    ("type", Column::Type),
    ("tipo", Column::Type),
    ("тип", Column::Type),
    ("类型", Column::Type),
    ("code", Column::Code),
    ("código", Column::Code),
    ("код", Column::Code),
    ("状态码", Column::Code),
    ("错误码", Column::Code),
    ("返回码", Column::Code),
    ("代码", Column::Code),
    ("parameter", Column::Name),
    ("parâmetro", Column::Name),
    ("parametro", Column::Name),
    ("параметр", Column::Name),
    ("name", Column::Name),
    ("nome", Column::Name),
    ("campo", Column::Name),
    ("field", Column::Name),
    ("назван", Column::Name),
    ("поле", Column::Name),
    ("参数", Column::Name),
    ("名称", Column::Name),
    ("字段", Column::Name),
];

/// Required-flag cells: the first word decides.
pub const REQUIRED_WORDS: &[(&str, bool)] = &[
    ("yes", true),
    ("y", true),
    ("true", true),
    ("mandatory", true),
    ("required", true),
    ("sim", true),
    ("obrigatório", true),
    ("да", true),
    ("обязательный", true),
    ("是", true),
    ("必选", true),
    ("必填", true),
    ("no", false),
    ("n", false),
    ("false", false),
    ("optional", false),
    ("não", false),
    ("nao", false),
    ("opcional", false),
    ("нет", false),
    ("необязательный", false),
    ("否", false),
    ("可选", false),
    ("选填", false),
    ("非必选", false),
];

/// Type-column words (first word of the cell, lower case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeWord {
    String,
    Integer,
    Long,
    Number,
    Boolean,
    Array,
    Object,
}

pub const TYPE_WORDS: &[(&str, TypeWord)] = &[
    ("string", TypeWord::String),
    ("str", TypeWord::String),
    ("text", TypeWord::String),
    ("texto", TypeWord::String),
    ("строка", TypeWord::String),
    ("字符串", TypeWord::String),
    ("文本", TypeWord::String),
    ("integer", TypeWord::Integer),
    ("int", TypeWord::Integer),
    ("int32", TypeWord::Integer),
    ("inteiro", TypeWord::Integer),
    ("целое", TypeWord::Integer),
    ("整数", TypeWord::Integer),
    ("整型", TypeWord::Integer),
    ("long", TypeWord::Long),
    ("int64", TypeWord::Long),
    ("longo", TypeWord::Long),
    ("长整型", TypeWord::Long),
    ("长整数", TypeWord::Long),
    ("number", TypeWord::Number),
    ("float", TypeWord::Number),
    ("double", TypeWord::Number),
    ("decimal", TypeWord::Number),
    ("número", TypeWord::Number),
    ("число", TypeWord::Number),
    ("数字", TypeWord::Number),
    ("数值", TypeWord::Number),
    ("浮点数", TypeWord::Number),
    ("浮点型", TypeWord::Number),
    ("boolean", TypeWord::Boolean),
    ("bool", TypeWord::Boolean),
    ("booleano", TypeWord::Boolean),
    ("логический", TypeWord::Boolean),
    ("булево", TypeWord::Boolean),
    ("布尔", TypeWord::Boolean),
    ("布尔型", TypeWord::Boolean),
    ("布尔值", TypeWord::Boolean),
    ("array", TypeWord::Array),
    ("list", TypeWord::Array),
    ("lista", TypeWord::Array),
    ("массив", TypeWord::Array),
    ("数组", TypeWord::Array),
    ("列表", TypeWord::Array),
    ("object", TypeWord::Object),
    ("json", TypeWord::Object),
    ("objeto", TypeWord::Object),
    ("объект", TypeWord::Object),
    ("对象", TypeWord::Object),
];

/// Format names a type or description cell gives (lower case), longest first.
pub const FORMAT_WORDS: &[(&str, crate::format::Format)] = &[
    ("yyyy-mm-ddthh:mm:ssz", crate::format::Format::DateTime),
    ("yyyy-mm-ddthh:mm:ss", crate::format::Format::DateTime),
    ("yyyymmddhhmmss", crate::format::Format::CompactTimestamp),
    ("yyyy-mm-dd", crate::format::Format::Date),
    ("hh:mm", crate::format::Format::TimeOfDay),
];

/// The format a cell names, if any.
pub fn format(cell: &str) -> Option<crate::format::Format> {
    let lower = cell.to_lowercase();
    FORMAT_WORDS
        .iter()
        .find(|(w, _)| lower.contains(w))
        .map(|(_, f)| *f)
}

/// What a number on a page states: words that, in the same clause, make it a lower bound,
/// an upper bound or a default (lower case, matched as substrings of the clause).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Minimum,
    Maximum,
    Default,
}

pub const CUE_WORDS: &[(&str, Cue)] = &[
    ("minimum", Cue::Minimum),
    ("min.", Cue::Minimum),
    ("at least", Cue::Minimum),
    ("no less than", Cue::Minimum),
    ("mínimo", Cue::Minimum),
    ("pelo menos", Cue::Minimum),
    ("не менее", Cue::Minimum),
    ("минимум", Cue::Minimum),
    ("минимальн", Cue::Minimum),
    ("最小", Cue::Minimum),
    ("至少", Cue::Minimum),
    ("不少于", Cue::Minimum),
    ("不小于", Cue::Minimum),
    ("maximum", Cue::Maximum),
    ("max.", Cue::Maximum),
    ("at most", Cue::Maximum),
    ("up to", Cue::Maximum),
    ("no more than", Cue::Maximum),
    ("máximo", Cue::Maximum),
    ("не более", Cue::Maximum),
    ("максимум", Cue::Maximum),
    ("максимальн", Cue::Maximum),
    ("最大", Cue::Maximum),
    ("最多", Cue::Maximum),
    ("不超过", Cue::Maximum),
    ("不大于", Cue::Maximum),
    ("default", Cue::Default),
    ("not set", Cue::Default),
    ("padrão", Cue::Default),
    ("padrao", Cue::Default),
    ("по умолчанию", Cue::Default),
    ("默认", Cue::Default),
];

/// A range `from A to B` states both bounds: the words before A and between A and B.
pub const RANGE_WORDS: &[(&str, &str)] = &[
    ("from", "to"),
    ("between", "and"),
    ("de", "a"),
    ("entre", "e"),
    ("от", "до"),
];

/// Whether `clause` (lower case) carries a word of `cue`, or a label of [`STATED_WORDS`]
/// giving it (`默认值：10`): what the drafter reads as a bound or default, the checker
/// accepts.
pub fn has_cue(clause: &str, cue: Cue) -> bool {
    CUE_WORDS
        .iter()
        .any(|(w, c)| *c == cue && clause.contains(w))
        || labelled(clause).any(|(what, _)| what.cue() == Some(cue))
}

/// Members that carry a result code beside the payload (an envelope), and its message.
pub const CODE_FIELDS: &[&str] = &["ret", "retcode", "errcode", "result_code", "code"];
pub const MESSAGE_FIELDS: &[&str] = &["msg", "message", "errmsg", "error_msg"];

/// Labels in front of an HTTP method (`Метод: POST`).
pub const METHOD_LABELS: &[&str] = &[
    "method",
    "método",
    "metodo",
    "метод",
    "http method",
    "请求方法",
    "请求方式",
    "方法",
];

/// Section headings, matched as words in short lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Request,
    Response,
    Failure,
}

pub const SECTIONS: &[(&str, Section)] = &[
    ("failed", Section::Failure),
    ("failure", Section::Failure),
    ("error", Section::Failure),
    ("erro", Section::Failure),
    ("ошибк", Section::Failure),
    ("失败", Section::Failure),
    ("错误", Section::Failure),
    ("response", Section::Response),
    ("return", Section::Response),
    ("resposta", Section::Response),
    ("retorno", Section::Response),
    ("ответ", Section::Response),
    ("результат", Section::Response),
    ("响应", Section::Response),
    ("返回", Section::Response),
    ("request", Section::Request),
    ("solicitação", Section::Request),
    ("requisição", Section::Request),
    ("запрос", Section::Request),
    ("请求", Section::Request),
];

/// Words that name a status code on a line (`Código de status: 201`).
pub const STATUS_WORDS: &[&str] = &["status", "código", "код ответа", "статус", "状态码"];

/// Body encodings named on the page (matched in lower-cased lines).
pub const FORM_WORDS: &[(&str, crate::format::BodyEncoding)] = &[
    ("form-data", crate::format::BodyEncoding::Multipart),
    ("multipart", crate::format::BodyEncoding::Multipart),
    (
        "x-www-form-urlencoded",
        crate::format::BodyEncoding::Urlencoded,
    ),
];

/// Parameter names that carry a credential (lower case, exact).
pub const CREDENTIAL_NAMES: &[&str] = &[
    "access-token",
    "access_token",
    "accesstoken",
    "x-auth-token",
    "auth",
    "token",
    "api_key",
    "apikey",
    "api-key",
    "x-api-key",
    "authorization",
];

/// Languages told apart by words only they use (lower case); Cyrillic text is `ru`.
pub const LANGUAGE_WORDS: &[(&str, &str)] = &[
    ("parâmetro", "pt"),
    ("obrigatório", "pt"),
    ("descrição", "pt"),
    ("solicitação", "pt"),
    ("resposta", "pt"),
    ("parámetro", "es"),
    ("obligatorio", "es"),
    ("descripción", "es"),
];

/// Scripts told apart by their letters: CJK ideographs are `zh`, Cyrillic `ru`.
pub const SCRIPTS: &[(char, char, &str)] = &[
    ('\u{4e00}', '\u{9fff}', "zh"),
    ('\u{0400}', '\u{04ff}', "ru"),
];

/// What a labelled line of a description cell states (`Minimum: **1**`, `默认值：10`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stated {
    Minimum,
    Maximum,
    /// `a - b`: a length (of a string) or a number of items (of an array).
    Length,
    /// `a - b` or `a~b`: the value's range.
    Range,
    Default,
    /// The values follow as a list (or after the label on its line).
    Values,
}

/// Labels before `:` in description cells, lower case, longest first within a language.
pub const STATED_WORDS: &[(&str, Stated)] = &[
    ("minimum", Stated::Minimum),
    ("min", Stated::Minimum),
    ("mínimo", Stated::Minimum),
    ("valor mínimo", Stated::Minimum),
    ("минимальное значение", Stated::Minimum),
    ("минимум", Stated::Minimum),
    ("最小值", Stated::Minimum),
    ("maximum", Stated::Maximum),
    ("max", Stated::Maximum),
    ("máximo", Stated::Maximum),
    ("valor máximo", Stated::Maximum),
    ("максимальное значение", Stated::Maximum),
    ("максимум", Stated::Maximum),
    ("最大值", Stated::Maximum),
    ("array length", Stated::Length),
    ("length", Stated::Length),
    ("comprimento", Stated::Length),
    ("tamanho", Stated::Length),
    ("длина", Stated::Length),
    ("长度", Stated::Length),
    ("value range", Stated::Range),
    ("range", Stated::Range),
    ("intervalo", Stated::Range),
    ("faixa", Stated::Range),
    ("диапазон", Stated::Range),
    ("取值范围", Stated::Range),
    ("default value", Stated::Default),
    ("default", Stated::Default),
    ("valor padrão", Stated::Default),
    ("padrão", Stated::Default),
    ("значение по умолчанию", Stated::Default),
    ("по умолчанию", Stated::Default),
    ("默认值", Stated::Default),
    ("enumeration values", Stated::Values),
    ("enumerated values", Stated::Values),
    ("options", Stated::Values),
    ("valores possíveis", Stated::Values),
    ("valores", Stated::Values),
    ("opções", Stated::Values),
    ("возможные значения", Stated::Values),
    ("допустимые значения", Stated::Values),
    ("枚举值", Stated::Values),
    ("可选值", Stated::Values),
];

/// The label a description line opens with (`Minimum:`), and the text after its colon.
pub fn stated(line: &str) -> Option<(Stated, &str)> {
    let (label, rest) = line.split_once(':').or_else(|| line.split_once('：'))?;
    let l = label
        .trim()
        .trim_start_matches(['-', '*', ' '])
        .trim()
        .to_lowercase();
    STATED_WORDS
        .iter()
        .find(|(w, _)| *w == l)
        .map(|(_, s)| (*s, rest))
}

impl Stated {
    /// The cue a label gives the number after it (a range or length states two numbers, read
    /// by [`stated_ranges`]).
    pub fn cue(self) -> Option<Cue> {
        match self {
            Stated::Minimum => Some(Cue::Minimum),
            Stated::Maximum => Some(Cue::Maximum),
            Stated::Default => Some(Cue::Default),
            _ => None,
        }
    }
}

/// Every label of [`STATED_WORDS`] in `clause` (lower case) followed by its colon (`:` or
/// `：`) and not ending a longer word, with the text after the colon.
pub fn labelled(clause: &str) -> impl Iterator<Item = (Stated, &str)> + '_ {
    STATED_WORDS.iter().flat_map(move |(label, what)| {
        clause.match_indices(label).filter_map(move |(i, _)| {
            let open = clause[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let rest = clause[i + label.len()..].trim_start();
            let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
            open.then_some((*what, rest))
        })
    })
}

/// Marks between a range's two numbers (`1 - 10`, `1~10`, `1–10`); the second words of
/// [`RANGE_WORDS`] (`1 to 10`, `1 a 10`) are read too, and a bare `-` last.
pub const RANGE_MARKS: &[&str] = &[" - ", "~", "～", "–"];

/// A number as a page writes it after a label (`**1**`, `10.`, `10。`).
pub fn stated_number(t: &str) -> Option<i64> {
    let t = t
        .trim()
        .trim_matches('*')
        .trim()
        .trim_end_matches(['.', '。']);
    t.parse().ok()
}

/// `a - b`, `a~b`, `a–b`, `a to b`: a range's two numbers, lowest first.
pub fn range(text: &str) -> Option<(i64, i64)> {
    let t = text.replace("**", "");
    let words = RANGE_WORDS.iter().map(|(_, to)| format!(" {to} "));
    let marks = RANGE_MARKS.iter().map(|m| m.to_string());
    for sep in marks.chain(words).chain(["-".to_string()]) {
        if let Some((a, b)) = t.split_once(sep.as_str()) {
            if let (Some(a), Some(b)) = (stated_number(a), stated_number(b)) {
                return (a <= b).then_some((a, b));
            }
        }
    }
    None
}

/// The ranges `clause` (lower case) states under a range or length label (`取值范围：1~100`,
/// `array length: 0 - 255`), as text, each once (`length:` is in `array length:` too).
pub fn stated_ranges(clause: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let found = labelled(clause)
        .filter(|(what, _)| matches!(what, Stated::Range | Stated::Length))
        .filter_map(|(_, rest)| {
            let first = rest.trim().split(['\n', ',', '，', ';', '。']).next()?;
            // The range is the label's first words: `1–1000`, `1 to 10`.
            let words: Vec<&str> = first.split_whitespace().take(3).collect();
            range(&words.join(" "))
                .or_else(|| range(words.first()?))
                .map(|(a, b)| (a.to_string(), b.to_string()))
        });
    for r in found {
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// Words a page title marks a retired API with, in brackets (`Querying Backups (Outdated)`,
/// `查询备份（已废弃）`); lower case, matched as substrings of the bracketed text.
pub const DEPRECATED_WORDS: &[&str] = &[
    "outdated",
    "deprecated",
    "discarded",
    "obsolete",
    "obsoleto",
    "descontinuad",
    "устаревш",
    "устарел",
    "废弃",
    "下线",
    "旧版",
];

/// The bracketed part of a title that marks the API retired (`Outdated`), if any.
pub fn deprecation_mark(title: &str) -> Option<&str> {
    let mut rest = title;
    while let Some(open) = rest.find(['(', '（']) {
        let inner = &rest[open..];
        let inner = inner.trim_start_matches(['(', '（']);
        let end = inner.find([')', '）']).unwrap_or(inner.len());
        let mark = inner[..end].trim();
        let lower = mark.to_lowercase();
        if DEPRECATED_WORDS.iter().any(|w| lower.contains(w)) {
            return Some(mark);
        }
        rest = &inner[end..];
    }
    None
}

/// The repairs an erratum may state for a page's broken JSON example, in the words of every
/// language read (lower case, matched as substrings): a comma missing or left over, and an
/// elision standing for members left out.
pub const REPAIR_WORDS: &[(&str, Repair)] = &[
    ("comma", Repair::Comma),
    ("vírgula", Repair::Comma),
    ("virgula", Repair::Comma),
    ("coma", Repair::Comma),
    ("запят", Repair::Comma),
    ("逗号", Repair::Comma),
    ("elid", Repair::Elision),
    ("elision", Repair::Elision),
    ("ellipsis", Repair::Elision),
    ("...", Repair::Elision),
    ("…", Repair::Elision),
    ("reticências", Repair::Elision),
    ("elips", Repair::Elision),
    ("многоточ", Repair::Elision),
    ("省略", Repair::Elision),
];

/// A kind of repair of a page's JSON that [`REPAIR_WORDS`] name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repair {
    /// A comma restored between members, or removed before a closing bracket.
    Comma,
    /// `...` standing for elided members or items, dropped.
    Elision,
}

/// Whether `text` (an erratum's words) states a repair of kind `r`, in any language read.
pub fn states_repair(text: &str, r: Repair) -> bool {
    let lower = text.to_lowercase();
    REPAIR_WORDS
        .iter()
        .any(|(w, k)| *k == r && lower.contains(w))
}

/// Error case names for documented failure statuses.
pub const STATUS_NAMES: &[(u16, &str)] = &[
    (400, "bad_request"),
    (401, "unauthorized"),
    (403, "forbidden"),
    (404, "not_found"),
    (409, "conflict"),
    (422, "unprocessable"),
    (429, "too_many_requests"),
    (500, "server_error"),
    (503, "unavailable"),
];

/// The column a header cell names, if any.
pub fn column(header: &str) -> Option<Column> {
    let h = header.trim().to_lowercase();
    HEADERS.iter().find(|(w, _)| h.contains(w)).map(|(_, c)| *c)
}

/// The required flag a cell states, if it states one.
pub fn required(cell: &str) -> Option<bool> {
    let lower = cell.trim().to_lowercase();
    let first = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .find(|w| !w.is_empty())?;
    REQUIRED_WORDS
        .iter()
        .find(|(w, _)| *w == first)
        .map(|(_, r)| *r)
}

/// The type a type cell names by its first word (or its last: `backup object`).
pub fn type_word(cell: &str) -> Option<TypeWord> {
    let lower = cell.trim().to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let find = |w: &str| TYPE_WORDS.iter().find(|(t, _)| *t == w).map(|(_, k)| *k);
    words
        .first()
        .and_then(|w| find(w))
        .or_else(|| words.last().and_then(|w| find(w)))
}

/// The section a short heading line opens, if any.
pub fn section(line: &str) -> Option<Section> {
    let lower = line.to_lowercase();
    if lower.chars().count() > 80 {
        return None;
    }
    SECTIONS
        .iter()
        .find(|(w, _)| lower.contains(w))
        .map(|(_, s)| *s)
}

pub fn is_credential(name: &str) -> bool {
    CREDENTIAL_NAMES.contains(&name.to_lowercase().as_str())
}

/// The page's language: Cyrillic is Russian, then the word lists, else English.
pub fn language(text: &str) -> &'static str {
    for (from, to, lang) in SCRIPTS {
        if text.chars().filter(|c| (*from..=*to).contains(c)).count() > 20 {
            return lang;
        }
    }
    let lower = text.to_lowercase();
    LANGUAGE_WORDS
        .iter()
        .find(|(w, _)| lower.contains(w))
        .map(|(_, l)| *l)
        .unwrap_or("en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_labels_are_cues_and_ranges_for_the_checker_too() {
        // What the drafter reads as a default or bound, the checker takes as one.
        assert!(has_cue("默认值：10", Cue::Default));
        assert!(has_cue("padrão: b", Cue::Default));
        assert!(has_cue("минимум: 3", Cue::Minimum));
        assert!(
            !has_cue("admin: 3", Cue::Minimum),
            "a label ends no longer word"
        );
        assert!(!has_cue("取值范围：1~100", Cue::Default));
        assert_eq!(
            stated_ranges("取值范围：1~100"),
            [("1".into(), "100".into())]
        );
        assert_eq!(
            stated_ranges("x диапазон: 1–1000."),
            [("1".into(), "1000".into())]
        );
        assert_eq!(
            stated_ranges("items array length: **0 - 255** in all"),
            [("0".into(), "255".into())]
        );
        assert_eq!(stated_ranges("range: 1 to 10"), [("1".into(), "10".into())]);
        assert!(stated_ranges("range: wide").is_empty());
        // The drafter reads the same forms.
        assert_eq!(range("**4** a **64**"), Some((4, 64)));
        assert_eq!(range("10 - 1"), None);
    }

    #[test]
    fn retired_apis_by_their_title() {
        assert_eq!(
            deprecation_mark("Querying Backups (Outdated)"),
            Some("Outdated")
        );
        assert_eq!(deprecation_mark("查询备份（已废弃）"), Some("已废弃"));
        assert_eq!(
            deprecation_mark("Listing (v2) items (Deprecated API)"),
            Some("Deprecated API")
        );
        assert_eq!(deprecation_mark("Querying Backups (v2)"), None);
        assert_eq!(
            deprecation_mark("Outdated things"),
            None,
            "only a bracketed mark"
        );
    }

    #[test]
    fn headers_in_several_languages() {
        assert_eq!(column("Обязательный параметр"), Some(Column::Required));
        assert_eq!(column("Описание значения"), Some(Column::Description));
        assert_eq!(column("Пример значения"), Some(Column::Example));
        assert_eq!(column("Data type"), Some(Column::Type));
        assert_eq!(column("Parâmetro"), Some(Column::Name));
        assert_eq!(column("Whether it is required"), Some(Column::Required));
        assert_eq!(column("Colour"), None);
        // Chinese headers: the longer role first ("参数类型" is a type, not a name).
        assert_eq!(column("参数"), Some(Column::Name));
        assert_eq!(column("是否必选"), Some(Column::Required));
        assert_eq!(column("参数类型"), Some(Column::Type));
        assert_eq!(column("描述"), Some(Column::Description));
        assert_eq!(column("参数位置"), Some(Column::Location));
        assert_eq!(column("示例值"), Some(Column::Example));
        // A default or a range is no example value, in any language.
        for h in [
            "默认值",
            "Default value",
            "Valor padrão",
            "Значение по умолчанию",
        ] {
            assert_eq!(column(h), Some(Column::Default), "{h}");
        }
        for h in ["取值范围", "Value range", "Intervalo", "Диапазон значений"] {
            assert_eq!(column(h), Some(Column::Range), "{h}");
        }
    }

    #[test]
    fn required_flags() {
        assert_eq!(required("Sim"), Some(true));
        assert_eq!(required("Нет"), Some(false));
        assert_eq!(required("No, off unless asked"), Some(false));
        assert_eq!(required("Mandatory"), Some(true));
        assert_eq!(required("maybe"), None);
        assert_eq!(required("是"), Some(true));
        assert_eq!(required("否"), Some(false));
        assert_eq!(required("否（默认关闭）"), Some(false));
    }

    #[test]
    fn type_words() {
        assert_eq!(type_word("Integer (0 or 1)"), Some(TypeWord::Integer));
        assert_eq!(type_word("thing object"), Some(TypeWord::Object));
        assert_eq!(type_word("Long"), Some(TypeWord::Long));
        assert_eq!(type_word("whatever"), None);
        assert_eq!(type_word("长整型"), Some(TypeWord::Long));
        assert_eq!(type_word("整数"), Some(TypeWord::Integer));
        assert_eq!(type_word("布尔"), Some(TypeWord::Boolean));
        assert_eq!(type_word("Логический"), Some(TypeWord::Boolean));
    }

    #[test]
    fn formats() {
        use crate::format::Format;
        assert_eq!(
            format("Format: yyyyMMddHHmmss."),
            Some(Format::CompactTimestamp)
        );
        assert_eq!(
            format("as \"yyyy-mm-ddThh:mm:ssZ\""),
            Some(Format::DateTime)
        );
        assert_eq!(format("HH:MM, local time"), Some(Format::TimeOfDay));
        assert_eq!(format("free text"), None);
    }

    #[test]
    fn languages() {
        assert_eq!(language("Parâmetro | Tipo"), "pt");
        assert_eq!(
            language("Параметр | Описание значения | Тело запроса"),
            "ru"
        );
        assert_eq!(language("Parameter | Type"), "en");
        assert_eq!(
            language("参数 | 是否必选 | 参数类型 | 描述 | 请求参数 | 响应参数 | 状态码"),
            "zh"
        );
    }

    #[test]
    fn sections_and_status_lines_in_chinese() {
        assert_eq!(section("响应参数"), Some(Section::Response));
        assert_eq!(section("请求示例"), Some(Section::Request));
        assert_eq!(section("请求失败"), Some(Section::Failure));
        assert!(STATUS_WORDS.iter().any(|w| "状态码： 200".contains(w)));
    }
}
