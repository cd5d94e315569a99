//! Where the standalone mock takes its token and signing key from: a file (`--token-file`,
//! `--signing-key-file`) or an environment variable (`MOCK_TOKEN`, `MOCK_SIGNING_KEY`), never
//! the command line, which every user of the machine can read (`ps`). Messages name the file
//! or variable, never what it holds.

use std::path::Path;

use runtime::Secret;

use super::signature::SigningKey;

/// The variable holding the one token the mock accepts.
pub const TOKEN_ENV: &str = "MOCK_TOKEN";
/// The variable holding the signing key pair, `ACCESS_KEY:SECRET_KEY`.
pub const SIGNING_KEY_ENV: &str = "MOCK_SIGNING_KEY";

/// A credential file larger than this is not a credential.
const MAX_FILE_BYTES: u64 = 64 << 10;

/// The token: from `file` when given, else from [`TOKEN_ENV`] when set; `None` accepts any
/// non-empty credential.
pub fn token(file: Option<&Path>) -> Result<Option<Secret>, String> {
    Ok(read(file, TOKEN_ENV)?.map(Secret::new))
}

/// The signing key pair: from `file` when given, else from [`SIGNING_KEY_ENV`] when set.
pub fn signing_key(file: Option<&Path>) -> Result<Option<SigningKey>, String> {
    let Some(text) = read(file, SIGNING_KEY_ENV)? else {
        return Ok(None);
    };
    let from = file.map_or_else(|| SIGNING_KEY_ENV.to_string(), |f| f.display().to_string());
    SigningKey::parse(&text)
        .map(Some)
        .ok_or_else(|| format!("{from}: expected ACCESS_KEY:SECRET_KEY (both non-empty)"))
}

/// The text of `file`, or of the variable `var`, without its line ending; empty is an error.
fn read(file: Option<&Path>, var: &str) -> Result<Option<String>, String> {
    let (text, from) = match file {
        Some(path) => (read_file(path)?, path.display().to_string()),
        None => match std::env::var(var) {
            Ok(v) => (v, var.to_string()),
            Err(std::env::VarError::NotPresent) => return Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(format!("{var}: not valid UTF-8"));
            }
        },
    };
    let text = text.trim_end_matches(['\r', '\n']);
    if text.trim().is_empty() {
        return Err(format!("{from}: empty"));
    }
    if text.contains(['\r', '\n']) {
        return Err(format!("{from}: more than one line"));
    }
    Ok(Some(text.to_string()))
}

fn read_file(path: &Path) -> Result<String, String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("{shown}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("{shown}: not a regular file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{shown}: {} bytes; a credential file holds one line",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("{shown}: not valid UTF-8"))
}
