//! P004: a non-paper section no foreign government may receive.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let banner_rel = ctx.banner_rel();
    // The heading's mark is the section's ceiling; portions above it are
    // reported by P002, so the section is judged by its heading alone.
    for section in doc.sections.iter().filter(|s| s.nonpaper) {
        let heading = &doc.portions[section.heading];
        let Some(mark) = &heading.effective else {
            continue;
        };
        if mark.releasable(banner_rel).any_foreign() {
            continue;
        }
        let span = heading
            .mark
            .as_ref()
            .map_or(ctx.first_line(heading.span), |m| m.span);
        sink.report(
            Diagnostic::new(
                Rule::NonpaperNotReleasable,
                span,
                format!(
                    "non-paper section is marked {}, which no foreign government may receive",
                    mark.portion()
                ),
            )
            .label("not releasable")
            .help("mark the section and its talking points `REL TO USA, <country>`"),
        );
    }
}
