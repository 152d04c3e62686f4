//! `--format json`: one JSON object per line per diagnostic.
//!
//! Schema (design §1), every key always present:
//!
//! ```text
//! {"file": "samples/x.md", "line": 12, "column": 1, "code": "P001",
//!  "severity": "error" | "warning" | "note", "message": "…",
//!  "help": "…", "rule": "32 CFR 2001.21(c); …"}
//! ```
//!
//! `line` and `column` are 1-based, in the source file (front matter
//! included); `column` counts characters. For a Word document they are in
//! the source it was converted to, and a `word` object gives the place in
//! the Word document: `{"paragraph": 12, "number": "5.", "excerpt": "…",
//! "page": 2}` (`number` and `page` null when unknown).

use serde::Serialize;

use super::{position, FileReport};

#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    help: &'a str,
    rule: &'a str,
    /// For a Word document: the paragraph a Word user can follow.
    #[serde(skip_serializing_if = "Option::is_none")]
    word: Option<&'a crate::word::Location>,
}

/// JSON lines for one file's diagnostics.
pub fn render(report: &FileReport<'_>) -> String {
    let mut out = String::new();
    for d in report.diagnostics {
        let (line, column) = position(report.doc, d);
        let record = Line {
            file: &report.doc.path,
            line,
            column,
            code: d.code,
            severity: d.severity.as_str(),
            message: &d.message,
            help: d.help.as_deref().unwrap_or(""),
            rule: d.rule,
            word: report
                .doc
                .word
                .as_deref()
                .and_then(|w| w.location(d.span.start)),
        };
        if let Ok(text) = serde_json::to_string(&record) {
            out.push_str(&text);
            out.push('\n');
        }
    }
    out
}
