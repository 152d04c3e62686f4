//! C005: a reference to a paragraph that does not exist, or is not where
//! the text says.

use std::collections::BTreeSet;

use crate::check::context::{paragraph_refs, Context};
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::Document;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let numbers: BTreeSet<u32> = doc.portions.iter().filter_map(|p| p.number).collect();
    let context = context_numbers(doc);
    for (i, p) in doc.portions.iter().enumerate() {
        let text = p.text();
        for (n, below, whole) in paragraph_refs(&text) {
            if !numbers.contains(&n) {
                let span = ctx.find_in_source(p.span, &whole);
                let last = numbers.iter().next_back().copied().unwrap_or(0);
                sink.report(
                    Diagnostic::new(
                        Rule::BrokenParagraphReference,
                        span,
                        format!("paragraph {n} does not exist"),
                    )
                    .label(format!("the paragraphs run 1 to {last}"))
                    .help("correct the paragraph number"),
                );
                continue;
            }
            let Some(here) = context[i] else { continue };
            let wrong = match below {
                Some(true) => n <= here,
                Some(false) => n >= here,
                None => false,
            };
            if wrong {
                let span = ctx.find_in_source(p.span, &whole);
                let side = if below == Some(true) {
                    "below"
                } else {
                    "above"
                };
                sink.report(
                    Diagnostic::new(
                        Rule::BrokenParagraphReference,
                        span,
                        format!("paragraph {n} is not {side} paragraph {here}"),
                    )
                    .label(format!("not {side}"))
                    .help(format!(
                        "correct the number, or write `{}`",
                        if side == "below" { "above" } else { "below" }
                    )),
                );
            }
        }
    }
}

/// The paragraph number a portion belongs to: its own, else the nearest
/// numbered portion before it.
fn context_numbers(doc: &Document) -> Vec<Option<u32>> {
    let mut current = None;
    doc.portions
        .iter()
        .map(|p| {
            if p.number.is_some() {
                current = p.number;
            }
            current
        })
        .collect()
}
