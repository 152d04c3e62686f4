//! M004: a `REL TO` list not in Register order.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::MarkProblem;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for (mark, parsed, problem) in ctx.mark_problems() {
        if !matches!(problem, MarkProblem::RelOrder) {
            continue;
        }
        let normal = parsed.marking.portion();
        let d = Diagnostic::new(Rule::RelToOutOfOrder, mark.span, problem.to_string())
            .label("out of order")
            .help(format!(
                "write `{normal}`: USA first, then trigraphs, then tetragraphs, each alphabetically"
            ));
        sink.report(ctx.with_register_form(mark, &normal, d));
    }
}
