//! R002: a non-paper section the release would drop whole.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::Origin;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((country, plan)) = ctx.release() else {
        return;
    };
    for section in ctx.doc.sections.iter().filter(|s| s.nonpaper) {
        let heading = section.heading;
        let all_dropped = std::iter::once(heading)
            .chain(section.body())
            .all(|i| !plan.kept[i]);
        if all_dropped {
            sink.report(
                Diagnostic::new(
                    Rule::NonpaperNotReleasableToCountry,
                    ctx.origin_span(Origin::Portion(heading)),
                    format!("the non-paper section is not releasable to {country}"),
                )
                .label(format!("nothing here may reach {country}"))
                .help(format!(
                    "mark the non-paper `REL TO USA, {country}` if it is meant for {country}"
                )),
            );
        }
    }
}
