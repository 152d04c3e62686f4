//! B006: a declared banner that cannot be read.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((span, written, Err(e))) = ctx.declared_banner() else {
        return;
    };
    sink.report(
        Diagnostic::new(
            Rule::UnreadableBanner,
            span,
            format!("declared banner `{written}` cannot be read: {e}"),
        )
        .label("unreadable banner")
        .help(format!(
            "declare `banner: {}`, the roll-up of the portions",
            ctx.rollup.banner.banner()
        )),
    );
}
