//! M008: the short form `REL` when the banner carries no `REL TO` list.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::Rel;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.banner_rel().is_some() {
        return;
    }
    for mark in ctx.written_marks() {
        if !mark
            .parsed
            .as_ref()
            .is_ok_and(|p| p.marking.rel == Some(Rel::Short))
        {
            continue;
        }
        sink.report(
            Diagnostic::new(
                Rule::RelShortFormWithoutBannerList,
                mark.span,
                "short form `REL` but the banner carries no REL TO list",
            )
            .label("no banner list to stand for")
            .help("write the portion's full list: `REL TO USA, …`"),
        );
    }
}
