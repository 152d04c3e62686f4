//! P011: a line underlined with `---` or `===`, read as a heading.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::PortionKind;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for p in ctx.doc.portions.iter().filter(|p| p.setext) {
        sink.report(
            Diagnostic::new(
                Rule::SetextHeading,
                ctx.first_line(p.span),
                "a line underlined with `---` or `===` is read as a heading",
            )
            .label("setext heading")
            .help(format!(
                "write the heading as `{} …` with its own mark, or put a blank line before the `---` if a rule was meant",
                "#".repeat(match p.kind {
                    PortionKind::Heading { level } => level as usize,
                    _ => 2,
                })
            )),
        );
    }
}
