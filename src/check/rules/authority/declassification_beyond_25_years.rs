//! A005: a declassification date more than 25 years after the document
//! date, with no 25X exemption.

use crate::check::context::{Context, Declassification};
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((
        span,
        _,
        Declassification::Date {
            date: decl,
            exempt_25,
        },
    )) = ctx.declassification()
    else {
        return;
    };
    let Some(date) = ctx.doc.date else {
        return;
    };
    // On or before the document date is A006.
    if decl > date && decl > date.add_years(25) && !exempt_25 {
        sink.report(
            Diagnostic::new(
                Rule::DeclassificationBeyond25Years,
                span,
                format!("declassification date {decl} is more than 25 years after the document date {date}"),
            )
            .label("beyond 25 years")
            .help(format!(
                "write a date on or before {}, or give the exemption: `25X<n>, {decl}`",
                date.add_years(25)
            )),
        );
    }
}
