//! A001: a classified document without `classified_by:`.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let named = ctx
        .doc
        .header
        .classified_by
        .as_ref()
        .is_some_and(|c| !c.value.trim().is_empty());
    if ctx.classified() && !named {
        sink.report(
            Diagnostic::new(
                Rule::MissingClassifiedBy,
                ctx.front_matter_span(),
                "classified document without `classified_by`",
            )
            .label("no classifier named")
            .help("add `classified_by: <name and position>` to the front matter"),
        );
    }
}
