//! B001: a declared banner lower than the highest portion.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((span, _, Ok(declared))) = ctx.declared_banner() else {
        return;
    };
    let computed = &ctx.rollup.banner;
    if declared.level < computed.level {
        sink.report(
            Diagnostic::new(
                Rule::BannerUnderClassified,
                span,
                format!(
                    "declared banner {} is lower than the portions' {}",
                    declared.level.name(),
                    computed.level.name()
                ),
            )
            .label("under-classified")
            .help(format!("declare `banner: {}`", computed.banner())),
        );
    }
}
