//! C001: a date-time group that is not `DDHHMMZ MON YY`.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::date::Date;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some(dtg) = &ctx.doc.header.dtg else {
        return;
    };
    if Date::parse_dtg(&dtg.value).is_none() {
        sink.report(
            Diagnostic::new(Rule::MalformedDtg, dtg.span, format!("`{}` is not a date-time group", dtg.value))
                .label("expected DDHHMMZ MON YY")
                .help("write e.g. `dtg: 122056Z JUN 09` (day, hour, minute, Z, month, year) or an ISO 8601 date"),
        );
    }
}
