//! W002: a mark in a comment, tracked deletion, hidden text, text box or
//! note, or an embedded document that cannot be read.

use crate::check::context::{hidden_help, Context};
use crate::check::{Diagnostic, Rule, Sink};
use crate::source::detect;
use crate::word::{excerpt, HiddenKind};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some(word) = ctx.doc.word.as_deref() else {
        return;
    };
    for h in &word.hidden {
        let marks = detect::scan(&h.text, &[]);
        if h.kind != HiddenKind::Embedded && marks.is_empty() {
            continue;
        }
        let counted = marks
            .iter()
            .map(|f| detect::counted(&h.text, f))
            .max_by_key(|m| m.level);
        let what = match &counted {
            Some(m) => format!("a portion marked `{}`", m.portion()),
            None => "content that cannot be read".to_string(),
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
