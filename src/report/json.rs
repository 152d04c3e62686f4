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
//! included); `column` counts characters.

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
        };
        if let Ok(text) = serde_json::to_string(&record) {
            out.push_str(&text);
            out.push('\n');
        }
    }
    out
}
