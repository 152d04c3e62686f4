//! C009: an image, which no output carries.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for &span in &ctx.doc.images {
        sink.report(
            Diagnostic::new(
                Rule::ImageNotSent,
                ctx.first_line(span),
                "an image is not sent: the outputs print only its alt text",
            )
            .label("image")
            .help("describe the image in the text, or send it separately, marked on its own"),
        );
    }
}
