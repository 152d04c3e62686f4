//! A006: a declassification date on or before the document date.

use crate::check::context::{Context, Declassification};
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((span, _, Declassification::Date { date: decl, .. })) = ctx.declassification() else {
        return;
    };
    let Some(date) = ctx.doc.date else {
        return;
    };
    if decl <= date {
        sink.report(
            Diagnostic::new(
                Rule::DeclassificationNotAfterDocumentDate,
                span,
                format!("declassification date {decl} is not after the document date {date}"),
            )
            .label("already declassified")
            .help(format!(
                "write a later date, e.g. `declassify_on: {}` (10 years)",
                date.add_years(10)
            )),
        );
    }
}
