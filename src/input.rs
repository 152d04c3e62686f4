//! Reading sources: files, standard input (`-`) and directories, with
//! every failure a one-line reason (exit status 2), never a panic.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::model::{line_col, Document};
use crate::source::{self, SourceError};

/// Why an input could not be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: cannot read: {reason}")]
    Io { path: String, reason: String },
    #[error("{path}:{line}:{column}: not valid UTF-8 (byte {offset}); save the file as UTF-8")]
    Utf8 {
        path: String,
        line: usize,
        column: usize,
        offset: usize,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

impl InputError {
    /// The file it is about, as shown.
    pub fn file(&self) -> &str {
        match self {
            InputError::Io { path, .. }
            | InputError::Utf8 { path, .. }
            | InputError::Parse { path, .. } => path,
        }
    }

    /// Line and column (1-based); the start of the file when the file
    /// could not be opened.
    pub fn position(&self) -> (usize, usize) {
        match self {
            InputError::Io { .. } => (1, 1),
            InputError::Utf8 { line, column, .. } | InputError::Parse { line, column, .. } => {
                (*line, *column)
            }
        }
    }
}

/// The largest source accepted (a 40,000-paragraph cable is about 25 MB).
pub const MAX_SOURCE_BYTES: u64 = 256 * 1024 * 1024;

/// The name a path is shown under.
pub fn display_name(path: &str) -> String {
    if path == "-" {
        "<stdin>".to_string()
    } else {
        path.to_string()
    }
}

/// Reads the bytes of a path, or of standard input for `-`.
pub fn read_bytes(path: &str) -> Result<Vec<u8>, InputError> {
    let name = display_name(path);
    let io = |e: std::io::Error| InputError::Io {
        path: name.clone(),
        reason: io_reason(&e),
    };
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_SOURCE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    } else {
        let file = std::fs::File::open(path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if meta.is_dir() {
            return Err(InputError::Io {
                path: name,
                reason: "is a directory".into(),
            });
        }
        bytes.reserve(meta.len().min(MAX_SOURCE_BYTES + 1) as usize);
        file.take(MAX_SOURCE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(io)?;
    }
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(InputError::Io {
            path: name,
            reason: format!("larger than {} MiB", MAX_SOURCE_BYTES / (1024 * 1024)),
        });
    }
    Ok(bytes)
}

/// Whether a source is a Word document: by its name, or by its bytes (a
/// zip package) for standard input and misnamed files.
pub fn is_word(path: &str, bytes: &[u8]) -> bool {
    path.to_ascii_lowercase().ends_with(".docx") || crate::word::is_zip(bytes)
}

/// A Word document as a Markdown source (see [`crate::word`]).
pub fn word_source(
    path: &str,
    bytes: &[u8],
    mode: crate::word::Mode,
) -> Result<crate::word::Converted, InputError> {
    let word = crate::word::read(bytes).map_err(|e| InputError::Io {
        path: display_name(path),
        reason: e.to_string(),
    })?;
    Ok(crate::word::to_source(&word, mode))
}

/// Decodes UTF-8 (a leading byte-order mark is dropped) and parses; a
/// Word document is converted first, and its facts kept in the model.
pub fn parse_bytes(path: &str, bytes: Vec<u8>) -> Result<Document, InputError> {
    let name = display_name(path);
    if is_word(path, &bytes) {
        let converted = word_source(path, &bytes, crate::word::Mode::Check)?;
        return source::parse_word(&name, converted.markdown, converted.facts).map_err(
            |e| match e {
                SourceError::Parse { message, .. } => InputError::Io {
                    path: name.clone(),
                    reason: format!("the Word document's text could not be read: {message}"),
                },
            },
        );
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let valid = String::from_utf8_lossy(&bytes[..offset]);
            let (line, column) = line_col(&valid, valid.len());
            return Err(InputError::Utf8 {
                path: name,
                line,
                column,
                offset,
            });
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    source::parse(&name, text).map_err(|e| match e {
        SourceError::Parse {
            line,
            column,
            message,
            ..
        } => InputError::Parse {
            path: name,
            line,
            column,
            message,
        },
    })
}

/// Reads and parses one source.
pub fn load(path: &str) -> Result<Document, InputError> {
    parse_bytes(path, read_bytes(path)?)
}

/// Expands directory arguments into the `*.md` and `*.docx` files below
/// them, sorted;
/// other arguments are kept as given.
pub fn expand_paths(args: &[String]) -> Vec<String> {
    expand(args, &|e| e == "md" || e.eq_ignore_ascii_case("docx"))
}

/// [`expand_paths`] for `import`: a directory stands for the cable texts
/// (`*.txt`) and Word documents (`*.docx`) under it.
pub fn expand_cables(args: &[String]) -> Vec<String> {
    expand(args, &|e| {
        e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("docx")
    })
}

fn expand(args: &[String], wanted: &dyn Fn(&std::ffi::OsStr) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        if arg != "-" && path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, 0, wanted);
            found.sort();
            out.extend(found.into_iter().map(|p| p.to_string_lossy().into_owned()));
        } else {
            out.push(arg.clone());
        }
    }
    out
}

fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    depth: usize,
    wanted: &dyn Fn(&std::ffi::OsStr) -> bool,
) {
    if depth > 64 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out, depth + 1, wanted);
        } else if kind.is_file() && path.extension().is_some_and(wanted) {
            out.push(path);
        }
    }
}

/// The cause of an I/O error, without Rust's "(os error 2)" noise.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}
