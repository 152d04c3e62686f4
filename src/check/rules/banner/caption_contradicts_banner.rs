//! B007: a NOFORN caption beside REL TO marks.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let Some(caption) = doc.noforn_caption() else {
        return;
    };
    let rel_banner = ctx.rollup.banner.rel.is_some()
        || (0..doc.sections.len())
            .filter_map(|i| doc.section_rollup(i))
            .any(|r| r.banner.rel.is_some());
    let rel_portion = doc
        .portions
        .iter()
        .find(|p| !p.inherited && p.effective.as_ref().is_some_and(|m| m.rel.is_some()));
    if !(rel_banner || rel_portion.is_some()) {
        return;
    }
    let what = match rel_portion.and_then(|p| p.effective.as_ref()) {
        Some(m) => format!("portions are marked {}", m.portion()),
        None => "the banner carries REL TO".to_string(),
    };
    sink.report(
        Diagnostic::new(
            Rule::CaptionContradictsBanner,
            caption.span,
            format!("the caption `{}` forbids foreign release, but {what}", caption.value),
        )
        .label("NOFORN caption")
        .help("remove the caption if the REL TO marks are right, or mark those portions NOFORN; until then nothing in the document is releasable"),
    );
}
