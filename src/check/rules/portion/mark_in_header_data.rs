//! P010: a mark in a front-matter field or a heading attribute.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for h in &ctx.doc.header_marks {
        sink.report(
            Diagnostic::new(
                Rule::MarkInHeaderData,
                h.mark.span,
                format!("mark `{}` in `{}`, which is unclassified header data", h.mark.text, h.field),
            )
            .label("header data carries no mark")
            .help(format!(
                "take the mark and the text it marks out of `{}`; marked text belongs in a portion of the body",
                h.field
            )),
        );
    }
}
