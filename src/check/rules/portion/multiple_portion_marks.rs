//! P003: a portion (or the subject) that starts with two marks.

use crate::check::context::{counted_as, Context};
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::Marking;
use crate::model::WrittenMark;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for p in &ctx.doc.portions {
        second_marks(
            sink,
            ("portion", "portion"),
            &p.extra_marks,
            p.effective.as_ref(),
        );
    }
    if let Some(subject) = &ctx.doc.subject {
        second_marks(
            sink,
            ("the subject", "subject"),
            &subject.extra_marks,
            subject.effective.as_ref(),
        );
    }
}

/// One report for each mark right after the first, of a portion or of the
/// subject (how the message names it, and how the help does).
fn second_marks(
    sink: &mut Sink,
    (named, covered): (&str, &str),
    extras: &[WrittenMark],
    effective: Option<&Marking>,
) {
    for extra in extras {
        sink.report(
            Diagnostic::new(
                Rule::MultiplePortionMarks,
                extra.span,
                format!(
                    "{named} has more than one mark: `{}` after the first",
                    extra.text
                ),
            )
            .label("second mark")
            .help(format!(
                "keep the one mark that covers the whole {covered}; until then it counts as {}",
                counted_as(effective)
            )),
        );
    }
}
