//! B004: profile `capco`, a portion without a foreign disclosure marking
//! turns the banner's REL TO into NOFORN.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::Profile;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.doc.profile != Profile::Capco {
        return;
    }
    let (rel, blocked) = ctx.rel_blocked();
    for (span, name, m) in &blocked {
        sink.report(
            Diagnostic::new(
                Rule::RelToBlockedByPortionWithoutFdr,
                *span,
                format!("{name} marked {} has no foreign disclosure marking, so the banner rolls up to NOFORN instead of {rel}", m.portion()),
            )
            .label("no REL TO")
            .help(format!(
                "add `{rel}` to this portion if it may be released, or accept `{}`",
                ctx.rollup.banner.banner()
            )),
        );
    }
}
