//! R003: nothing in the document is releasable to the country.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::Span;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((country, plan)) = ctx.release() else {
        return;
    };
    if plan.kept_count() != 0 {
        return;
    }
    let span = ctx
        .doc
        .portions
        .first()
        .map_or(Span::default(), |p| ctx.first_line(p.span));
    sink.report(
        Diagnostic::new(
            Rule::NothingReleasable,
            span,
            format!("nothing in the document is releasable to {country}"),
        )
        .label("every portion would be dropped")
        .help("check the country, or the marks"),
    );
}
