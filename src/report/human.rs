//! The human format: rustc-style diagnostics with the source line and a
//! caret, then the file's computed banner.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::FileReport;
use crate::check::{Diagnostic, Severity};
use crate::marking::Rollup;

/// How many diagnostics of one code the human format draws per file.
pub const SHOWN_PER_CODE: usize = 50;

/// Renders one file's diagnostics and its banner.
pub fn render(report: &FileReport<'_>, rollup: &Rollup, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    // A reader stops long before the 50th finding of one kind; past that
    // each code is counted, not drawn (the JSON and SARIF formats keep
    // every one). It also bounds the time of a file with thousands of
    // marks on one long line.
    let mut shown: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for d in report.diagnostics {
        let n = shown.entry(d.code).or_insert(0);
        *n += 1;
        if *n <= SHOWN_PER_CODE {
            out.push_str(&one(report, d, &renderer));
            out.push_str("\n\n");
        }
    }
    let mut hidden: Vec<(&str, usize)> = shown
        .into_iter()
        .filter(|(_, n)| *n > SHOWN_PER_CODE)
        .map(|(c, n)| (c, n - SHOWN_PER_CODE))
        .collect();
    hidden.sort_unstable();
    for (code, n) in hidden {
        out.push_str(&format!(
            "note: {n} more {code} not shown (`--format json` lists every one)\n\n"
        ));
    }
    let count = |s: Severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    out.push_str(&format!(
        "{}: banner {} ({}, {}, {})\n",
        report.doc.path,
        rollup.banner.banner(),
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Note), "note"),
    ));
    out
}

fn one(report: &FileReport<'_>, d: &Diagnostic, renderer: &Renderer) -> String {
    let source = &report.doc.source;
    // Hand annotate-snippets only the lines the span covers (at most three),
    // so a diagnostic in a 25 MB file costs what its line costs.
    // On character boundaries (a span a rule computed in bytes may end
    // inside a character: the excerpt is cut at whole characters).
    let floor = |mut i: usize| {
        while !source.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while !source.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let start = floor(d.span.start.min(source.len()));
    let span_end = ceil(d.span.end.min(source.len()));
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut line_end = start;
    for _ in 0..3 {
        match source[line_end..].find('\n') {
            Some(i) if line_end + i < span_end.max(start + 1) => line_end += i + 1,
            Some(i) => {
                line_end += i;
                break;
            }
            None => {
                line_end = source.len();
                break;
            }
        }
    }
    let line_end = line_end.min(source.len()).max(start);
    let excerpt = &source[line_start..line_end];
    let (line, _) = report.doc.line_col(line_start);
    let local_start = start - line_start;
    let local_end = span_end.clamp(start, line_end) - line_start;
    let local_end = if local_end == local_start {
        (local_start
            + excerpt[local_start..]
                .chars()
                .next()
                .map_or(0, char::len_utf8))
        .min(excerpt.len())
    } else {
        local_end
    };
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let mut annotation = AnnotationKind::Primary.span(local_start..local_end);
    if let Some(label) = &d.label {
        annotation = annotation.label(label.as_str());
    }
    let mut groups = vec![level.primary_title(d.message.as_str()).id(d.code).element(
        Snippet::source(excerpt)
            .line_start(line)
            .path(report.doc.path.as_str())
            .annotation(annotation),
    )];
    // A Word document's user follows its paragraphs, not the converted
    // source's lines.
    if let Some(loc) = report
        .doc
        .word
        .as_deref()
        .and_then(|w| w.location(d.span.start))
    {
        groups.push(Group::with_title(
            Level::NOTE.secondary_title(format!("in the Word document: {loc}")),
        ));
    }
    if let Some(help) = &d.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    groups.push(Group::with_title(
        Level::NOTE.secondary_title(format!("rule: {}", d.rule)),
    ));
    renderer.render(&groups)
}
