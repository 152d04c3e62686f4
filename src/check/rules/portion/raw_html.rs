//! P007: raw HTML (with no mark in it: that is P006).

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for &span in &ctx.doc.html {
        if ctx.mark_in_html(span).is_some() {
            continue;
        }
        sink.report(
            Diagnostic::new(
                Rule::RawHtml,
                ctx.first_line(span),
                "raw HTML is not rendered",
            )
            .label("not a portion")
            .help("write the text as Markdown with a portion mark, or delete it"),
        );
    }
}
