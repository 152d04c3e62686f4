//! M007: NOFORN and REL TO in one marking.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::MarkProblem;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for (mark, _, problem) in ctx.mark_problems() {
        if !matches!(problem, MarkProblem::NofornWithRel) {
            continue;
        }
        sink.report(
            Diagnostic::new(Rule::NofornWithRelTo, mark.span, problem.to_string())
                .label("contradictory controls")
                .help("keep NOFORN (`//NF`) or the REL TO list, not both"),
        );
    }
}
