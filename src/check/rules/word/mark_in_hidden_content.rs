//! W002: a mark in a comment, tracked deletion, hidden text, text box,
//! note, field result or header line, or content that cannot be read with
//! certainty (an embedded document, a branch Word does not show, a bullet
//! label, letters in a symbol font).

use crate::check::context::{hidden_help, hidden_is_error, Context};
use crate::check::{Diagnostic, Rule, Sink};
use crate::source::detect;
use crate::word::{excerpt, HiddenKind};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some(word) = ctx.doc.word.as_deref() else {
        return;
    };
    for h in &word.hidden {
        if !hidden_is_error(h) {
            continue;
        }
        let marks = detect::scan(&h.text, &[]);
        let counted = marks
            .iter()
            .map(|f| detect::counted(&h.text, f))
            .max_by_key(|m| m.level);
        let what = match &counted {
            Some(m) => format!("a portion marked `{}`", m.portion()),
            None if h.kind == HiddenKind::Embedded => "content that cannot be read".to_string(),
            None => "text that cannot be read with certainty".to_string(),
        };
        let at = h
            .paragraph
            .map_or(String::new(), |p| format!(" at paragraph {p}"));
        sink.report(
            Diagnostic::new(
                Rule::MarkInHiddenContent,
                ctx.word_span(h),
                format!("{what} in {}{at}: \"{}\"", h.kind.name(), excerpt(&h.text)),
            )
            .label("not part of the body: never checked as a portion, never released")
            .help(hidden_help(h.kind)),
        );
    }
}
