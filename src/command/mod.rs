//! The commands of the command line as library functions with typed
//! options: `main.rs` parses arguments into these options, calls one
//! function and turns its [`Exit`] into the process's status. Every
//! decision — the render and release gates, what is written and where, the
//! exit status — is taken here; all printing goes through a
//! [`Console`](crate::report::Console).

mod banner;
mod check;
mod explain;
mod import;
mod release;
mod render;

pub use banner::{banner, BannerOptions};
pub use check::{check, CheckOptions, FixMode};
pub use explain::explain;
pub use import::{import, ImportOptions};
pub use release::{release, ReleaseFormat, ReleaseOptions};
pub use render::{render, RenderOptions};

use std::io;

use crate::check::Diagnostic;
use crate::model::Document;
use crate::report::{self, Console, FileReport};

/// The exit statuses of design §1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Nothing to report, or the output was written.
    Clean,
    /// Errors were found; for render and release, nothing was written.
    Findings,
    /// An input or usage failure, said in one line.
    Unreadable,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Clean => 0,
            Exit::Findings => 1,
            Exit::Unreadable => 2,
        }
    }
}

/// Why a command stopped early: a status already explained on the
/// console, or an I/O error writing to it.
pub(crate) enum Stop {
    Exit(Exit),
    Io(io::Error),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Stop {
        Stop::Io(e)
    }
}

/// The public result of a command from its internal one.
pub(crate) fn finish(result: Result<Exit, Stop>) -> io::Result<Exit> {
    match result {
        Ok(exit) | Err(Stop::Exit(exit)) => Ok(exit),
        Err(Stop::Io(e)) => Err(e),
    }
}

/// An input or usage failure: said in one line, exit status 2.
pub(crate) fn or_exit_2<T, E: std::fmt::Display>(
    console: &mut Console,
    result: Result<T, E>,
) -> Result<T, Stop> {
    match result {
        Ok(v) => Ok(v),
        Err(e) => {
            console.error(e)?;
            Err(Stop::Exit(Exit::Unreadable))
        }
    }
}

/// The errors among the diagnostics, printed on standard error as the
/// check prints them. Returns whether there were any.
pub(crate) fn print_errors(
    console: &mut Console,
    doc: &Document,
    diagnostics: &[Diagnostic],
) -> io::Result<bool> {
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == crate::check::Severity::Error)
        .cloned()
        .collect();
    if errors.is_empty() {
        return Ok(false);
    }
    let fr = FileReport {
        doc,
        diagnostics: &errors,
    };
    let text = report::human::render(&fr, &doc.rollup(), console.color_err);
    console.out().flush()?;
    console.err().write_all(text.as_bytes())?;
    Ok(true)
}

/// Writes `bytes` to `path` (all or nothing, see
/// [`render::write_all`](crate::render::write_all)) and prints the path,
/// or writes them to standard output when no path is given.
pub(crate) fn write_output(
    console: &mut Console,
    path: Option<&str>,
    bytes: Vec<u8>,
) -> Result<(), Stop> {
    match path {
        Some(path) => {
            let output = crate::render::Output {
                path: std::path::PathBuf::from(path),
                bytes,
            };
            or_exit_2(console, crate::render::write_all(&[output]))?;
            writeln!(console.out(), "{path}")?;
        }
        None => console.out().write_all(&bytes)?,
    }
    console.out().flush()?;
    Ok(())
}
