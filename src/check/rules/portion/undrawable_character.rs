//! P012: characters no font of the PDF can draw (the built-in faces and
//! the style's fallback fonts), every one with its line.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::Span;
use crate::render::pdf::metrics;

/// The most characters one line's message lists.
const LISTED: usize = 12;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let source = &ctx.doc.source;
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        let at = start;
        start += line.len();
        if line.is_ascii() {
            continue;
        }
        // Raw HTML is never rendered (its spans are in source order).
        let html = &ctx.doc.html;
        let i = html.partition_point(|h| h.start <= at);
        if i > 0 && at < html[i - 1].end {
            continue;
        }
        let mut chars: Vec<char> = Vec::new();
        let mut first = None;
        for (i, c) in line.char_indices() {
            if !metrics::can_draw(c, &ctx.options.fonts) {
                first.get_or_insert(i);
                if !chars.contains(&c) {
                    chars.push(c);
                }
            }
        }
        let Some(first) = first else { continue };
        let listed: Vec<String> = chars
            .iter()
            .take(LISTED)
            .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
            .collect();
        let more = if chars.len() > LISTED {
            format!(" and {} more", chars.len() - LISTED)
        } else {
            String::new()
        };
        let span = Span::new(
            at + first,
            at + first + line[first..].chars().next().map_or(1, char::len_utf8),
        );
        sink.report(
            Diagnostic::new(
                Rule::UndrawableCharacter,
                span,
                format!("no font of the PDF can draw {}{more}", listed.join(", ")),
            )
            .label("not in the PDF's fonts")
            .help("transliterate it, name a TrueType font that has it in the style's `text.fallback_fonts` (and check with `--style`), or render this document as cable text or DOCX (`render --format pdf` refuses it)"),
        );
    }
}
