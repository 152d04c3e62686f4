//! A002: a classified document without a reason.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.classified() && ctx.doc.header.reasons.is_empty() {
        sink.report(
            Diagnostic::new(
                Rule::MissingClassificationReason,
                ctx.front_matter_span(),
                "classified document without a classification reason",
            )
            .label("no reasons")
            .help("add `reasons: [b, d]` (EO 13526 §1.4 categories a–h)"),
        );
    }
}
