//! M006: `REL TO USA` with no other country.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::MarkProblem;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for (mark, _, problem) in ctx.mark_problems() {
        if !matches!(problem, MarkProblem::RelToUsaAlone) {
            continue;
        }
        sink.report(
            Diagnostic::new(Rule::RelToUsaAlone, mark.span, problem.to_string())
                .label("releases to no one")
                .help("name the countries it may be released to, or mark it NOFORN"),
        );
    }
}
