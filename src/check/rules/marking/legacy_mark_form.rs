//! M002: a readable mark in a legacy cable form, said once per form.

use crate::check::context::Context;
use crate::check::fix::{Applicability, Edit, Fix};
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::WrittenMark;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    // A legacy form is said once per form per file, with the count and the
    // lines (an imported cable writes `(S/NF)` a dozen times).
    let mut legacy: Vec<(&str, Vec<&WrittenMark>)> = Vec::new();
    for mark in ctx.written_marks() {
        if !mark.parsed.as_ref().is_ok_and(|p| p.legacy) {
            continue;
        }
        let form = mark.text.as_str();
        match legacy.iter_mut().find(|(f, _)| *f == form) {
            Some((_, marks)) => marks.push(mark),
            None => legacy.push((form, vec![mark])),
        }
    }
    for (_, marks) in legacy {
        let Some(&first) = marks.first() else {
            continue;
        };
        let normal = first.marking().map(|m| m.portion()).unwrap_or_default();
        // One fix for every occurrence: the Register form of the same mark.
        let edits: Vec<Edit> = marks
            .iter()
            .filter(|m| ctx.fixable(m))
            .map(|m| Edit {
                span: m.span,
                replacement: normal.clone(),
            })
            .collect();
        let message = match marks.len() {
            1 => format!("`{}` is a legacy mark form", first.text),
            n => {
                let mut lines: Vec<usize> =
                    marks.iter().map(|m| doc.line_col(m.span.start).0).collect();
                lines.dedup();
                let shown: Vec<String> = lines.iter().take(12).map(|l| l.to_string()).collect();
                let more = if lines.len() > 12 { ", …" } else { "" };
                format!(
                    "`{}` is a legacy mark form, written {n} times (lines {}{more})",
                    first.text,
                    shown.join(", ")
                )
            }
        };
        let mut d = Diagnostic::new(Rule::LegacyMarkForm, first.span, message)
            .label(format!("reads as `{normal}`"))
            .help(format!("write `{normal}`"));
        if !edits.is_empty() {
            d = d.fix(Fix {
                message: format!("write `{normal}`"),
                edits,
                applicability: Applicability::Safe,
            });
        }
        sink.report(d);
    }
}
