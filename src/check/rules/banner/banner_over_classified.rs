//! B002: a declared banner higher than any portion.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((span, _, Ok(declared))) = ctx.declared_banner() else {
        return;
    };
    let computed = &ctx.rollup.banner;
    if declared.level > computed.level {
        sink.report(
            Diagnostic::new(
                Rule::BannerOverClassified,
                span,
                format!(
                    "declared banner {} is higher than any portion ({})",
                    declared.level.name(),
                    computed.level.name()
                ),
            )
            .label("over-classified")
            .help(format!(
                "mark the portion that holds {} information with its level; the declared banner stands until a reviewer lowers it",
                declared.level.name()
            )),
        );
    }
}
