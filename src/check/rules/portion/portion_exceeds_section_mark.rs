//! P002: a portion more restrictive than its section heading (or the block
//! it belongs to).

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::Marking;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let banner_rel = ctx.banner_rel();
    for (i, p) in doc.portions.iter().enumerate() {
        let (Some(own), false) = (&p.effective, p.inherited) else {
            continue;
        };
        let parent = p
            .parent
            .and_then(|k| doc.portions.get(k))
            .and_then(|q| q.effective.clone());
        let Some(ceiling) = parent.or_else(|| ctx.section_ceiling(i)) else {
            continue;
        };
        let Some(why) = exceeds(own, &ceiling, banner_rel) else {
            continue;
        };
        let span = p.mark.as_ref().map_or(ctx.first_line(p.span), |m| m.span);
        sink.report(
            Diagnostic::new(
                Rule::PortionExceedsSectionMark,
                span,
                format!(
                    "portion marked {} is more restrictive than its section {}",
                    own.portion(),
                    ceiling.portion()
                ),
            )
            .label(why)
            .help(format!(
                "mark the portion within {} or move it out of the section; if the section really holds it, raise the heading's mark",
                ceiling.portion()
            )),
        );
    }
}

/// Why `own` is more restrictive than `ceiling`, if it is.
fn exceeds(own: &Marking, ceiling: &Marking, banner_rel: Option<&[String]>) -> Option<String> {
    if own.level > ceiling.level {
        return Some(format!(
            "{} is above the section's {}",
            own.level.name(),
            ceiling.level.name()
        ));
    }
    if (own.noforn || own.sbu_noforn) && !(ceiling.noforn || ceiling.sbu_noforn) {
        return Some("NOFORN under a heading without it".to_string());
    }
    let mine = own.releasable(banner_rel);
    let theirs = ceiling.releasable(banner_rel);
    if !mine.covers(&theirs) {
        return Some("releasable to fewer countries than the section".to_string());
    }
    None
}
