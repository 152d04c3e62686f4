//! R005: a kept paragraph that refers to a paragraph the release keeps
//! under another number.

use std::collections::BTreeMap;

use crate::check::context::{paragraph_refs, Context};
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((country, plan)) = ctx.release() else {
        return;
    };
    let doc = ctx.doc;
    // The numbers the release gives what it keeps (release::filter: the
    // kept numbered paragraphs, 1, 2, 3 …).
    let mut renumbered: BTreeMap<u32, u32> = BTreeMap::new();
    let mut next = 1;
    for (i, p) in doc.portions.iter().enumerate() {
        if let (true, Some(n)) = (plan.kept[i], p.number) {
            renumbered.entry(n).or_insert(next);
            next += 1;
        }
    }
    for (i, p) in (doc.portions.iter().enumerate()).filter(|(i, _)| plan.kept[*i]) {
        for (n, _, whole) in paragraph_refs(&p.text()) {
            match renumbered.get(&n) {
                Some(&new) if new != n => sink.report(
                    Diagnostic::new(
                        Rule::ReferenceToRenumberedParagraph,
                        ctx.find_in_source(doc.portions[i].span, &whole),
                        format!(
                            "refers to paragraph {n}, which is paragraph {new} of the release to {country}"
                        ),
                    )
                    .label("points elsewhere once released")
                    .help(format!(
                        "reword the reference: in the release, paragraph {n} is another paragraph, or none"
                    )),
                ),
                _ => {}
            }
        }
    }
}
