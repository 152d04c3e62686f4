//! M009: a `REL TO` list that does not start with USA.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::MarkProblem;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for (mark, parsed, problem) in ctx.mark_problems() {
        if !matches!(problem, MarkProblem::RelMissingUsa) {
            continue;
        }
        let normal = parsed.marking.portion();
        let d = Diagnostic::new(Rule::RelToWithoutUsaFirst, mark.span, problem.to_string())
            .label("USA must come first")
            .help(format!("write `{normal}`"));
        sink.report(ctx.with_register_form(mark, &normal, d));
    }
}
