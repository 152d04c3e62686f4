//! A008: an `order:` that does not match the document date.

use crate::authority::{normal_order, EO_13526_IN_FORCE};
use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::Span;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some(date) = ctx.doc.date else {
        // Undated: an order that is neither (`E.O. 12598`, a typo in the
        // original) is still wrong.
        if let Some(o) = &ctx.doc.header.order {
            if normal_order(&o.value).is_none() {
                sink.report(
                    Diagnostic::new(
                        Rule::OrderDoesNotMatchDate,
                        o.span,
                        format!("`{}` is not E.O. 12958 or E.O. 13526", o.value),
                    )
                    .label("unknown order")
                    .help("write `order: E.O. 12958` (before 2010-06-27) or `order: E.O. 13526`"),
                );
            }
        }
        return;
    };
    let expected = if date < EO_13526_IN_FORCE {
        12958
    } else {
        13526
    };
    let mismatch = |span: Span, written: String| {
        Diagnostic::new(
            Rule::OrderDoesNotMatchDate,
            span,
            format!("{written} does not match the document date {date}"),
        )
        .label(format!("E.O. {expected} was in force"))
        .help(format!("write `order: E.O. {expected}`"))
    };
    match &ctx.doc.header.order {
        Some(o) => match normal_order(&o.value) {
            None => sink.report(
                Diagnostic::new(
                    Rule::OrderDoesNotMatchDate,
                    o.span,
                    format!("`{}` is not E.O. 12958 or E.O. 13526", o.value),
                )
                .label("unknown order")
                .help(format!(
                    "write `order: E.O. {expected}` for a document dated {date}"
                )),
            ),
            Some(n) if n != expected => sink.report(mismatch(o.span, format!("E.O. {n}"))),
            Some(_) => {}
        },
        None if ctx.classified() && expected != 13526 => sink.report(mismatch(
            ctx.front_matter_span(),
            "E.O. 13526 (the default order)".to_string(),
        )),
        None => {}
    }
}
