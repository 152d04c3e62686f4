//! M003: a `REL TO` code that is neither a trigraph nor a Register tetragraph.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::MarkProblem;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for (mark, _, problem) in ctx.mark_problems() {
        if !matches!(problem, MarkProblem::UnknownCode(_)) {
            continue;
        }
        // The problem's own wording (shared with `cablemark banner`).
        sink.report(
            Diagnostic::new(Rule::UnknownCountryCode, mark.span, problem.to_string())
                .label("unknown code")
                .help("use the ISO 3166-1 alpha-3 trigraph, e.g. `TWN` for Taiwan, `GBR` for the United Kingdom"),
        );
    }
}
