//! P006: a portion mark hidden in raw HTML.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for &span in &ctx.doc.html {
        let Some((at, text)) = ctx.mark_in_html(span) else {
            continue;
        };
        sink.report(
            Diagnostic::new(
                Rule::MarkInRawHtml,
                at,
                format!("portion mark `{text}` hidden in raw HTML"),
            )
            .label("raw HTML is never rendered or checked")
            .help("make it an ordinary marked portion, or delete the HTML"),
        );
    }
}
