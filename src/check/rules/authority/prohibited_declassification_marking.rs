//! A007: `OADR`, an EO 12958 `X1`–`X8`, or `25X1-human` after 2011.

use crate::check::context::{Context, Declassification};
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((span, _, reading)) = ctx.declassification() else {
        return;
    };
    match reading {
        Declassification::Prohibited(first) => sink.report(
            Diagnostic::new(
                Rule::ProhibitedDeclassificationMarking,
                span,
                format!("`{first}` may not be used on documents created after 2003"),
            )
            .label("prohibited legacy marking")
            .help(match ctx.doc.date {
                Some(d) => format!(
                    "write a date within 25 years, e.g. `declassify_on: {}`",
                    d.add_years(25)
                ),
                None => "write a date within 25 years, or a 25X/50X exemption".to_string(),
            }),
        ),
        Declassification::HumanAfter2011 => sink.report(
            Diagnostic::new(
                Rule::ProhibitedDeclassificationMarking,
                span,
                "`25X1-human` may not be used after 2011 (ISOO Notice 2012-02)",
            )
            .label("replaced by 50X1-HUM")
            .help("write `declassify_on: 50X1-HUM`"),
        ),
        _ => {}
    }
}
