//! P008: bidirectional controls, control characters and invisible
//! characters anywhere in the file.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::Span;

/// At most this many reports per file; one more says how many followed.
const HIDDEN_REPORTS: usize = 20;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let doc = ctx.doc;
    let mut count = 0usize;
    let mut last = None;
    let bytes = doc.source.as_bytes();
    // Printable ASCII, most of any file, is passed over by bytes; only the
    // other bytes (controls, and the first byte of a non-ASCII character)
    // are decoded.
    let interesting = bytes.iter().enumerate().filter(|&(_, &b)| {
        !(0x20..0x7F).contains(&b) && b != b'\n' && b != b'\t' && !(0x80..0xC0).contains(&b)
    });
    for (i, _) in interesting {
        let Some(c) = doc.source[i..].chars().next() else {
            continue;
        };
        // What the decoded text is checked with too (`detect::is_hidden`),
        // less the line ends of the file, plus a carriage return not before
        // a line feed (a line start on screen, not in Markdown); a BOM
        // opening the file is its encoding.
        let lone_cr = c == '\r' && bytes.get(i + 1) != Some(&b'\n');
        let hidden = (crate::source::detect::is_hidden(c) && !matches!(c, '\n' | '\r')) || lone_cr;
        if !hidden || (i == 0 && c == '\u{FEFF}') {
            continue;
        }
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        let control = c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
        count += 1;
        if count <= HIDDEN_REPORTS {
            let what = if bidi {
                "bidirectional control"
            } else if control {
                "control character"
            } else {
                "invisible character"
            };
            sink.report(
                Diagnostic::new(
                    Rule::HiddenControlCharacter,
                    Span::new(i, i + c.len_utf8()),
                    format!("{what} U+{:04X} in the text", u32::from(c)),
                )
                .label("invisible, or changes how the text around it displays")
                .help("delete the character and retype the text around it"),
            );
        }
        last = Some(i);
    }
    // Character references that decode to such a character (`&#10;`,
    // `&#x202E;`, `&#27;`): what the outputs print, not what the source
    // shows.
    for &(span, c) in &doc.decoded_hidden {
        count += 1;
        if count <= HIDDEN_REPORTS {
            sink.report(
                Diagnostic::new(
                    Rule::HiddenControlCharacter,
                    span,
                    format!(
                        "a character reference here decodes to U+{:04X}, a hidden or control character",
                        u32::from(c)
                    ),
                )
                .label("decodes to a hidden or control character")
                .help("delete the character reference (`&#…;`) and write the text plainly"),
            );
        }
        last = last.max(Some(span.start));
    }
    if let (Some(at), true) = (last, count > HIDDEN_REPORTS) {
        // The whole character: a span ending inside one panics the printer.
        let len = doc
            .source
            .get(at..)
            .and_then(|t| t.chars().next())
            .map_or(1, char::len_utf8);
        sink.report(
            Diagnostic::new(
                Rule::HiddenControlCharacter,
                Span::new(at, at + len),
                format!(
                    "{} more hidden characters after the first {HIDDEN_REPORTS}",
                    count - HIDDEN_REPORTS
                ),
            )
            .label("the last of them")
            .help("delete every bidirectional control and control character"),
        );
    }
}
