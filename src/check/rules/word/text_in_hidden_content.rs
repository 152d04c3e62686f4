//! W003: unmarked text in a comment, tracked deletion, hidden text, text
//! box or note.

use crate::check::context::{hidden_help, hidden_is_error, Context};
use crate::check::{Diagnostic, Rule, Sink};
use crate::word::excerpt;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some(word) = ctx.doc.word.as_deref() else {
        return;
    };
    for h in &word.hidden {
        if hidden_is_error(h) {
            continue;
        }
        let at = h
            .paragraph
            .map_or(String::new(), |p| format!(" at paragraph {p}"));
        sink.report(
            Diagnostic::new(
                Rule::TextInHiddenContent,
                ctx.word_span(h),
                format!(
                    "text in {}{at} is not checked and never released: \"{}\"",
                    h.kind.name(),
                    excerpt(&h.text)
                ),
            )
            .label("text the body does not show")
            .help(hidden_help(h.kind)),
        );
    }
}
