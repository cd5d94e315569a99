//! The minijinja environment for non-Rust artefacts, with the templates compiled in.

use minijinja::{Environment, Value};

use super::RenderError;

const TEMPLATES: &[(&str, &str)] = &[
    (
        "request.json.j2",
        include_str!("../../templates/request.json.j2"),
    ),
    (
        "response.json.j2",
        include_str!("../../templates/response.json.j2"),
    ),
    ("curl.sh.j2", include_str!("../../templates/curl.sh.j2")),
    (
        "provider.md.j2",
        include_str!("../../templates/provider.md.j2"),
    ),
    (
        "Cargo.toml.j2",
        include_str!("../../templates/Cargo.toml.j2"),
    ),
];

pub fn environment() -> Result<Environment<'static>, RenderError> {
    let mut env = Environment::new();
    // Values are pre-rendered JSON or shell-quoted text: no escaping by file extension.
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    env.set_keep_trailing_newline(true);
    env.add_filter("shquote", shquote);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .map_err(|e| template_error(name, &e))?;
    }
    Ok(env)
}

pub fn render(env: &Environment, name: &str, ctx: Value) -> Result<String, RenderError> {
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| template_error(name, &e))
}

fn template_error(name: &str, e: &minijinja::Error) -> RenderError {
    RenderError::Template {
        template: name.to_owned(),
        message: e.to_string(),
    }
}

/// Single-quote for POSIX shells, except `$VAR` references which stay expandable.
pub fn shquote(text: String) -> String {
    if let Some(var) = text.strip_prefix('$') {
        if !var.is_empty() && var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return format!("\"{text}\"");
        }
    }
    format!("'{}'", text.replace('\'', r"'\''"))
}
