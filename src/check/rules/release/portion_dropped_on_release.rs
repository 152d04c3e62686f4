//! R001: a portion (or the subject) the release would leave out.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::Marking;
use crate::model::Origin;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((country, plan)) = ctx.release() else {
        return;
    };
    let doc = ctx.doc;
    for i in plan.dropped() {
        let p = &doc.portions[i];
        let mark = p
            .effective
            .as_ref()
            .map_or("with no mark".to_string(), Marking::portion);
        sink.report(
            Diagnostic::new(
                Rule::PortionDroppedOnRelease,
                ctx.origin_span(Origin::Portion(i)),
                format!(
                    "{}, marked {mark}, is not releasable to {country} and would be dropped",
                    ctx.origin_name(Origin::Portion(i))
                ),
            )
            .label(format!("dropped for {country}"))
            .help(format!(
                "nothing to do if intended; mark it `REL TO USA, {country}` if it may be released"
            )),
        );
    }
    if doc.subject.is_some() && !plan.subject_kept {
        sink.report(
            Diagnostic::new(
                Rule::PortionDroppedOnRelease,
                ctx.origin_span(Origin::Subject),
                format!("the subject is not releasable to {country} and would be dropped"),
            )
            .label(format!("dropped for {country}"))
            .help(
                "mark the subject by what may be released, or accept a released version without it",
            ),
        );
    }
}
