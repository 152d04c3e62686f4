//! M011: NOFORN and RELIDO in one marking.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::MarkProblem;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for (mark, _, problem) in ctx.mark_problems() {
        if !matches!(problem, MarkProblem::NofornWithRelido) {
            continue;
        }
        sink.report(
            Diagnostic::new(Rule::NofornWithRelido, mark.span, problem.to_string())
                .label("contradictory controls")
                .help("keep NOFORN or RELIDO, not both"),
        );
    }
}
