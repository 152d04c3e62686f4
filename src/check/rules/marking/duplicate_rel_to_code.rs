//! M005: a code listed twice in a `REL TO` list.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::MarkProblem;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for (mark, parsed, problem) in ctx.mark_problems() {
        if !matches!(problem, MarkProblem::DuplicateCode(_)) {
            continue;
        }
        let normal = parsed.marking.portion();
        let d = Diagnostic::new(Rule::DuplicateRelToCode, mark.span, problem.to_string())
            .label("duplicate")
            .help(format!("write `{normal}`"));
        sink.report(ctx.with_register_form(mark, &normal, d));
    }
}
