//! W005: text other than the banner in a document property.

use crate::check::context::{word_banner_line, Context};
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::Span;
use crate::source::detect;
use crate::word::excerpt;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some(word) = ctx.doc.word.as_deref() else {
        return;
    };
    for p in word.properties.iter().filter(|p| p.describes()) {
        if matches!(word_banner_line(&p.value), Some(Ok(_)))
            || !detect::scan(&p.value, &[]).is_empty()
        {
            continue;
        }
        sink.report(
            Diagnostic::new(
                Rule::TextInDocumentProperty,
                Span::default(),
                format!(
                    "the document property {} holds text: \"{}\"",
                    p.name,
                    excerpt(&p.value)
                ),
            )
            .label("property text")
            .help("empty the property (File > Info > Properties), or write the banner there"),
        );
    }
}
