//! A010: a `declassify_on:` shaped like a date that names no day.

use crate::check::context::{Context, Declassification};
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((span, value, Declassification::Impossible)) = ctx.declassification() else {
        return;
    };
    sink.report(
        Diagnostic::new(
            Rule::ImpossibleDeclassificationDate,
            span,
            format!("`{value}` is not a day of the calendar"),
        )
        .label("impossible date")
        .help("write the declassification date that was meant, e.g. the last day of that month"),
    );
}
