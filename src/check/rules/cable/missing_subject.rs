//! C008: no subject line.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Severity, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    if doc.subject.is_some() {
        return;
    }
    let classified = doc.banners.document.level.is_classified();
    let example = if classified {
        format!("({})", doc.banners.document.level.abbrev())
    } else {
        "(U)".to_string()
    };
    let mut d = Diagnostic::new(
        Rule::MissingSubject,
        ctx.front_matter_span(),
        "the document has no subject",
    )
    .label("no subject line")
    .help(format!(
        "add `subject: \"{example} …\"` to the front matter, marked by the subject's own content{}",
        if !classified {
            " (a warning: the document is unclassified)"
        } else if doc.header.as_written.end.is_some() {
            " (a warning: the cable was imported without one)"
        } else {
            ""
        }
    ));
    // An unclassified document's missing subject is a warning: nothing
    // in it can be released wrongly for want of a title. So is an imported
    // cable's: the archived text has none to add (a web copy often lost
    // it), and nothing can be released for want of one.
    let imported = doc.header.as_written.end.is_some();
    if !classified || imported {
        d.severity = Severity::Warning;
    }
    sink.report(d);
}
