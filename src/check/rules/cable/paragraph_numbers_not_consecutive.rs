//! C006: paragraph numbers written in the source that skip or repeat.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let mut prev: Option<u32> = None;
    for p in ctx.doc.portions.iter().filter(|p| p.number.is_some()) {
        let Some(n) = p.written_number else {
            // An unwritten number follows on from the last one.
            prev = p.number;
            continue;
        };
        let expected = prev.map_or(1, |x| x.saturating_add(1));
        if n != expected {
            let message = match prev {
                Some(x) if x == n => format!("paragraph number {n} repeats"),
                Some(x) => format!("paragraph numbers jump from {x} to {n}"),
                None => format!("paragraph numbers start at {n}"),
            };
            sink.report(
                Diagnostic::new(
                    Rule::ParagraphNumbersNotConsecutive,
                    ctx.first_line(p.span),
                    message,
                )
                .label(format!("expected {expected}"))
                .help(format!("renumber this paragraph {expected}")),
            );
        }
        prev = Some(n);
    }
}
