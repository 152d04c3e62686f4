//! `--format sarif`: SARIF 2.1.0 for code-scanning tools. The `rules[]`
//! array is generated from the registry.

use serde_json::{json, Value};

use super::{position, FileReport};
use crate::check::{Severity, RULES};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// One SARIF log for all checked files.
pub fn render(reports: &[FileReport<'_>]) -> String {
    log(reports.iter().flat_map(results).collect())
}

/// The SARIF results of one file's diagnostics.
pub fn results(report: &FileReport<'_>) -> Vec<Value> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column) = position(report.doc, d);
            let (end_line, end_column) = report.doc.line_col(d.span.end.max(d.span.start + 1));
            let rule_index = RULES
                .iter()
                .filter(|r| !r.removed)
                .position(|r| r.rule == d.kind)
                .unwrap_or(0);
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str(&format!(" (help: {help})"));
            }
            json!({
                "ruleId": d.code,
                "ruleIndex": rule_index,
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&report.doc.path) },
                        "region": {
                            "startLine": line,
                            "startColumn": column,
                            "endLine": end_line,
                            "endColumn": end_column.max(1),
                        }
                    }
                }],
                "properties": { "citation": d.rule },
            })
        })
        .collect()
}

/// One SARIF log around the results of every file.
pub fn log(results: Vec<Value>) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .filter(|r| !r.removed)
        .map(|r| {
            let short = r.doc.split("\n\n").next().unwrap_or(r.doc);
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": short },
                "fullDescription": { "text": r.doc },
                "help": { "text": r.doc },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "citation": r.citation },
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "cablemark",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// A file path as a SARIF artifact URI.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '\\' => out.push('/'),
            _ => out.push(c),
        }
    }
    out
}
