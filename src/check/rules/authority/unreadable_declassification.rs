//! A009: a `declassify_on:` that is neither a date nor an exemption.

use crate::check::context::{Context, Declassification};
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((span, value, Declassification::Unreadable)) = ctx.declassification() else {
        return;
    };
    sink.report(
        Diagnostic::new(
            Rule::UnreadableDeclassification,
            span,
            format!("`{value}` is neither a date nor an exemption"),
        )
        .label("cannot be checked")
        .help("write a date (`2034-06-12`), `25X<n>, <date>`, `50X1-HUM` or `50X2-WMD`"),
    );
}
