//! A004: a reason that is not an EO 13526 §1.4 category.

use crate::authority::normal_reason;
use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for reason in &ctx.doc.header.reasons {
        if normal_reason(&reason.value).is_none() {
            sink.report(
                Diagnostic::new(
                    Rule::UnknownClassificationReason,
                    reason.span,
                    format!("`{}` is not an EO 13526 §1.4 category", reason.value),
                )
                .label("not a–h")
                .help("use the letters a to h, e.g. `reasons: [b, d]`"),
            );
        }
    }
}
