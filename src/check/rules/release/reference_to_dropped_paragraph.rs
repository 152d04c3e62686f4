//! R004: a kept paragraph that refers to a paragraph the release drops.

use std::collections::BTreeSet;

use crate::check::context::{paragraph_refs, Context};
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((country, plan)) = ctx.release() else {
        return;
    };
    let doc = ctx.doc;
    let dropped_numbers: BTreeSet<u32> = plan
        .dropped()
        .filter_map(|i| doc.portions[i].number)
        .collect();
    for (i, p) in doc
        .portions
        .iter()
        .enumerate()
        .filter(|(i, _)| plan.kept[*i])
    {
        for (n, _, whole) in paragraph_refs(&p.text()) {
            if dropped_numbers.contains(&n) {
                sink.report(
                    Diagnostic::new(
                        Rule::ReferenceToDroppedParagraph,
                        ctx.find_in_source(doc.portions[i].span, &whole),
                        format!("refers to paragraph {n}, which the release to {country} drops"),
                    )
                    .label("dangling reference")
                    .help("reword the reference in the released version"),
                );
            }
        }
    }
}
