//! M010: FOUO, SBU or SBU-NF on a classified portion.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::MarkProblem;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for (mark, _, problem) in ctx.mark_problems() {
        let MarkProblem::UnclassifiedOnlyControl(control) = problem else {
            continue;
        };
        sink.report(
            Diagnostic::new(
                Rule::UnclassifiedControlOnClassifiedPortion,
                mark.span,
                problem.to_string(),
            )
            .label(format!(
                "{control} applies to unclassified information only"
            ))
            .help(format!(
                "mark it `(U//{control})` if the text is unclassified, else drop {control}"
            )),
        );
    }
}
