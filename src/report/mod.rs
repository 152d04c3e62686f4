//! Printers for diagnostics: one module per format. Only `human` knows
//! annotate-snippets; `json` and `sarif` are documented machine formats.

pub mod console;
pub mod human;
pub mod json;
pub mod sarif;

use crate::check::Diagnostic;
use crate::model::Document;

/// The diagnostics of one checked file.
#[derive(Debug)]
pub struct FileReport<'a> {
    pub doc: &'a Document,
    pub diagnostics: &'a [Diagnostic],
}

pub use console::Console;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Json,
    Sarif,
}

/// Line and column (1-based, in characters) where a diagnostic starts.
pub fn position(doc: &Document, d: &Diagnostic) -> (usize, usize) {
    doc.line_col(d.span.start)
}
