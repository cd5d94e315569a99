//! Reading spec files from disk into [`Spec`] values, with located diagnostics for anything
//! that does not fit the format (bad YAML, unknown keys, wrong types, missing keys).
//!
//! Before a byte is read, a file must be a regular file no larger than
//! [`LoadOptions::max_file_size`], and a symbolic link must resolve inside the directory it
//! was found in (or, for a file named directly, the directory of the name): FIFOs, devices
//! and links leading elsewhere are refused unread, so their content never reaches a message.
//! The text must be UTF-8 (a byte order mark and CRLF line ends are fine).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use crate::diag::DEFAULT_MAX_FILE_SIZE;
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::Spec;
use crate::yaml::{self, SourceMap};

/// Limits on what is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// Larger files are refused without being read.
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// A spec file as loaded: where it came from, its text, the parsed spec, and where each of
/// its nodes is written (from the same one parse, kept for locating later findings).
#[derive(Debug, Clone)]
pub struct SpecFile {
    pub path: PathBuf,
    /// The file's text, without a byte order mark.
    pub text: String,
    pub spec: Spec,
    map: SourceMap,
}

impl SpecFile {
    /// Parse `text` as the spec file at `path` (not read: the name only labels findings), in
    /// the one pass that gives both the spec and its source map. A leading byte order mark
    /// is dropped.
    pub fn parse(
        path: impl Into<PathBuf>,
        text: impl Into<String>,
    ) -> Result<SpecFile, Diagnostics> {
        let path = path.into();
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        match yaml::parse::<Spec>(&text) {
            Ok((spec, map)) => Ok(SpecFile {
                path,
                text,
                spec,
                map,
            }),
            Err(errors) => Err(Diagnostics(
                errors
                    .into_iter()
                    .map(|e| Diagnostic {
                        file: path.clone(),
                        line: e.line,
                        column: e.column,
                        message: e.message,
                        fix: e.fix,
                    })
                    .collect(),
            )),
        }
    }

    /// Positions of the file's nodes, for locating findings.
    pub fn source_map(&self) -> &SourceMap {
        &self.map
    }
}

/// Load every `*.yaml`/`*.yml` under each directory (sorted) and each named file. Every
/// file is tried, so one run reports the problems of all of them.
pub fn load_paths(paths: &[PathBuf]) -> Result<Vec<SpecFile>, Diagnostics> {
    load_paths_with(paths, &LoadOptions::default())
}

/// [`load_paths`] with other limits.
pub fn load_paths_with(
    paths: &[PathBuf],
    opts: &LoadOptions,
) -> Result<Vec<SpecFile>, Diagnostics> {
    let (files, diags) = load_each(paths, opts);
    if diags.is_empty() {
        Ok(files)
    } else {
        Err(diags)
    }
}

/// Like [`load_paths`], but the files that load are kept next to the problems of those that
/// do not, so validation can report on them in the same run.
pub(crate) fn load_each(paths: &[PathBuf], opts: &LoadOptions) -> (Vec<SpecFile>, Diagnostics) {
    let mut files: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut diags = Vec::new();
    for p in paths {
        if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(rd) => {
                    let mut entries: Vec<PathBuf> = rd
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                        .collect();
                    entries.sort();
                    files.extend(entries.into_iter().map(|e| (e, p.clone())));
                }
                Err(e) => diags.push(io_diag(p, &e)),
            }
        } else {
            files.push((p.clone(), parent_dir(p)));
        }
    }
    let mut out = Vec::new();
    // Files parse independently: a thread each, results in file order.
    for r in crate::threads::each(&files, |(f, root)| load_within(f, root, opts)) {
        match r {
            Ok(s) => out.push(s),
            Err(d) => diags.extend(d.0),
        }
    }
    (out, Diagnostics(diags))
}

fn parent_dir(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Read and parse one spec file.
pub fn load_file(path: &Path) -> Result<SpecFile, Diagnostics> {
    load_file_with(path, &LoadOptions::default())
}

/// [`load_file`] with other limits.
pub fn load_file_with(path: &Path, opts: &LoadOptions) -> Result<SpecFile, Diagnostics> {
    load_within(path, &parent_dir(path), opts)
}

fn load_within(path: &Path, root: &Path, opts: &LoadOptions) -> Result<SpecFile, Diagnostics> {
    let text = read_text(path, root, opts).map_err(|(line, column, message, fix)| {
        Diagnostics(vec![Diagnostic {
            file: path.to_path_buf(),
            line,
            column,
            message,
            fix,
        }])
    })?;
    SpecFile::parse(path, text)
}

type ReadError = (usize, usize, String, String);

fn at_start(message: String, fix: &str) -> ReadError {
    (1, 1, message, fix.to_string())
}

/// The file's text, after the checks of the module documentation.
fn read_text(path: &Path, root: &Path, opts: &LoadOptions) -> Result<String, ReadError> {
    let io = |e: std::io::Error| {
        at_start(
            format!("cannot read: {e}"),
            "check the path and permissions",
        )
    };
    let link = std::fs::symlink_metadata(path).map_err(io)?;
    if link.file_type().is_symlink() {
        let target = std::fs::canonicalize(path).map_err(|e| {
            at_start(
                format!("is a symbolic link that does not resolve: {e}"),
                "point the link at an existing spec file, or remove it",
            )
        })?;
        let inside = std::fs::canonicalize(root).is_ok_and(|r| target.starts_with(r));
        if !inside {
            return Err(at_start(
                format!(
                    "is a symbolic link to a file outside `{}`; refused unread",
                    root.display()
                ),
                "put the spec itself in this directory (or link within it)",
            ));
        }
    }
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        let kind = kind_of(&meta.file_type());
        return Err(at_start(
            format!("is {kind}, not a regular file; refused unread"),
            "name a regular `.yaml` file",
        ));
    }
    let limit = opts.max_file_size;
    let too_big = |size: u64| {
        at_start(
            format!("the file is {size} bytes; the limit is {limit}"),
            "split the spec into several files (one per provider), or raise `LoadOptions::max_file_size`",
        )
    };
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    File::open(path)
        .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    decode(bytes)
}

/// What kind of file `t` is, for a message.
fn kind_of(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// UTF-8 text without its byte order mark, or where the first byte that is not UTF-8 lies.
fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Err(at_start(
            "is gzip-compressed, not YAML text".to_string(),
            "decompress it (`gunzip`) and load the `.yaml` it holds",
        ));
    }
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(at_start(
            "is UTF-16 text; specs are UTF-8".to_string(),
            "re-save the file as UTF-8",
        ));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let good = e.utf8_error().valid_up_to();
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
            let line = prefix.matches('\n').count() + 1;
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            let column = prefix[line_start..]
                .trim_start_matches('\u{feff}')
                .chars()
                .count()
                + 1;
            Err((
                line,
                column,
                format!(
                    "not UTF-8: first bad byte 0x{:02X} at {line}:{column}",
                    bytes[good]
                ),
                "re-save the file as UTF-8 (it is probably in a legacy encoding such as Windows-1251 or Latin-1)"
                    .to_string(),
            ))
        }
    }
}

fn io_diag(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic {
        file: path.to_path_buf(),
        line: 1,
        column: 1,
        message: format!("cannot read: {e}"),
        fix: "check the path and permissions".into(),
    }
}
