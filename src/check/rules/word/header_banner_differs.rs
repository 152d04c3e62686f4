//! W001: a header or footer whose banner is not the roll-up, or none.

use crate::check::context::{word_banner_line, Context};
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::Span;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some(word) = ctx.doc.word.as_deref() else {
        return;
    };
    let computed = ctx.rollup.banner.banner();
    let marked = ctx.classified() || computed != "UNCLASSIFIED";
    if marked && !word.headers.iter().any(|h| h.what == "header") {
        sink.report(
            Diagnostic::new(
                Rule::HeaderBannerDiffers,
                Span::default(),
                format!("the Word document has no header; the document rolls up to `{computed}`"),
            )
            .label("no banner on the pages")
            .help(format!(
                "add a header and a footer reading `{computed}` (Insert > Header)"
            )),
        );
    }
    for h in &word.headers {
        let place = match h.kind.as_str() {
            "first" => format!("the first-page {} of section {}", h.what, h.section),
            "even" => format!("the even-page {} of section {}", h.what, h.section),
            _ => format!("the {} of section {}", h.what, h.section),
        };
        let banners: Vec<(&str, Result<String, ()>)> = h
            .lines
            .iter()
            .filter_map(|l| word_banner_line(l).map(|b| (l.trim(), b)))
            .collect();
        if banners.is_empty() {
            if marked {
                sink.report(
                    Diagnostic::new(
                        Rule::HeaderBannerDiffers,
                        Span::default(),
                        format!("{place} has no banner; the document rolls up to `{computed}`"),
                    )
                    .label("no banner")
                    .help(format!("write `{computed}` in {place} ({})", h.part)),
                );
            }
            continue;
        }
        for (written, banner) in banners {
            if banner.as_ref() == Ok(&computed) {
                continue;
            }
            sink.report(
                Diagnostic::new(
                    Rule::HeaderBannerDiffers,
                    Span::default(),
                    format!("{place} reads `{written}`, but the document rolls up to `{computed}`"),
                )
                .label("banner differs from the roll-up")
                .help(format!("write `{computed}` in {place} ({})", h.part)),
            );
        }
    }
}
