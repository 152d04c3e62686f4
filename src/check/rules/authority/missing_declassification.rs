//! A003: a classified document without `declassify_on:`.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.classified() && ctx.doc.header.declassify_on.is_none() {
        sink.report(
            Diagnostic::new(
                Rule::MissingDeclassification,
                ctx.front_matter_span(),
                "classified document without `declassify_on`",
            )
            .label("no declassification instruction")
            .help(match ctx.doc.date {
                Some(d) => format!(
                    "add `declassify_on: {}` (10 years, the default) or up to 25 years",
                    d.add_years(10)
                ),
                None => "add `declassify_on: <date within 25 years>`".to_string(),
            }),
        );
    }
}
