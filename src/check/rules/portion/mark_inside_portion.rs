//! P009: a mark inside a block (or the subject) besides its leading one.

use crate::check::context::{counted_as, kind_name, Context};
use crate::check::fix::Fix;
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::{Portion, PortionKind, Span};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for p in &ctx.doc.portions {
        for inner in &p.inner_marks {
            let mut d = Diagnostic::new(
                    Rule::MarkInsidePortion,
                    inner.span,
                    format!(
                        "mark `{}` inside {}: one block holds more than one portion",
                        inner.text,
                        match &p.mark {
                            Some(m) => format!("a portion marked `{}`", m.text),
                            None => format!("an unmarked {}", kind_name(p.kind)),
                        }
                    ),
                )
                .label("a mark within the block")
                .help(format!(
                    "start a new paragraph there (a blank line before the mark), or put the portion's one mark first; until then the whole block counts as {}",
                    counted_as(p.effective.as_ref())
                ));
            if let Some(fix) = split_fix(ctx, p, inner.span) {
                d = d.fix(fix);
            }
            sink.report(d);
        }
    }
    if let Some(subject) = &ctx.doc.subject {
        let counted = counted_as(subject.effective.as_ref());
        for inner in &subject.inner_marks {
            sink.report(
                Diagnostic::new(
                    Rule::MarkInsidePortion,
                    inner.span,
                    format!("mark `{}` inside the subject", inner.text),
                )
                .label("a mark within the subject")
                .help(format!(
                    "a subject is one portion with one mark at its start; until then it counts as {counted}"
                )),
            );
        }
    }
}

/// A blank line before a mark that starts a source line of a paragraph:
/// two portions instead of one. Unsafe: the first part is then released by
/// its own mark, no longer by the most restrictive of the block's.
fn split_fix(ctx: &Context, p: &Portion, mark: Span) -> Option<Fix> {
    if p.kind != PortionKind::Paragraph || p.parent.is_some() {
        return None;
    }
    let before = ctx.doc.source.get(..mark.start)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let blank_before = before[line_start..].chars().all(|c| c == ' ' || c == '\t');
    (blank_before && line_start > p.span.start).then(|| {
        Fix::unsafe_edit(
            "start a new paragraph at the second mark",
            Span::new(line_start, line_start),
            "\n",
        )
    })
}
