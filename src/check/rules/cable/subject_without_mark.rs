//! C004: a subject line without its own mark.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let Some(subject) = &doc.subject else {
        return;
    };
    if subject.mark.is_some() || doc.declared_unclassified() {
        return;
    }
    let level = doc.banners.document.level;
    let example = if level.is_classified() {
        format!("({})", level.abbrev())
    } else {
        "(C)".to_string()
    };
    sink.report(
        Diagnostic::new(Rule::SubjectWithoutMark, subject.span, "subject has no portion mark")
            .label("no mark")
            .help(format!(
                "mark the subject by its own content, e.g. `subject: {}` (quoted: a subject may hold `: `); `(U)` only if the subject itself is unclassified",
                crate::markdown::yaml(&format!("{example} {}", subject.text))
            )),
    );
}
