//! W: what only a Word document has — headers and footers with their
//! banner, content a reader may not see, document properties.

use crate::check::{Diagnostic, Sink};
use crate::marking::Rollup;
use crate::model::{Document, Span};
use crate::source::detect;
use crate::word::{excerpt, HiddenKind, WordFacts};

pub fn run(doc: &Document, rollup: &Rollup, sink: &mut Sink) {
    let Some(word) = doc.word.as_deref() else {
        return;
    };
    banners(word, rollup, sink);
    hidden(doc, word, sink);
    properties(word, sink);
}

/// A line that is a banner: a marking with no parenthesis, as a header
/// writes it.
fn banner_line(line: &str) -> Option<Result<String, ()>> {
    let t = line.trim();
    if t.is_empty() || t.contains('(') || t.len() > 200 || t.contains(':') {
        return None;
    }
    match crate::marking::parse(t) {
        Ok(p) if p.problems.is_empty() => Some(Ok(p.marking.banner())),
        // Banner-shaped but unreadable (`SECRET//NOFRN`): not the banner.
        _ if t.contains("//")
            || crate::marking::named_level(t) > crate::marking::Level::Unclassified =>
        {
            Some(Err(()))
        }
        _ => None,
    }
}

fn banners(word: &WordFacts, rollup: &Rollup, sink: &mut Sink) {
    let computed = rollup.banner.banner();
    let classified =
        rollup.banner.level > crate::marking::Level::Unclassified || computed != "UNCLASSIFIED";
    if classified && !word.headers.iter().any(|h| h.what == "header") {
        sink.report(
            Diagnostic::new(
                "W001",
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
        let found: Vec<Result<String, ()>> =
            h.lines.iter().filter_map(|l| banner_line(l)).collect();
        let wrong: Vec<String> = h
            .lines
            .iter()
            .filter(|l| banner_line(l).is_some_and(|b| b.as_ref() != Ok(&computed)))
            .map(|l| l.trim().to_string())
            .collect();
        if found.is_empty() {
            if classified {
                sink.report(
                    Diagnostic::new(
                        "W001",
                        Span::default(),
                        format!("{place} has no banner; the document rolls up to `{computed}`"),
                    )
                    .label("no banner")
                    .help(format!("write `{computed}` in {place} ({})", h.part)),
                );
            }
        } else {
            for w in wrong {
                sink.report(
                    Diagnostic::new(
                        "W001",
                        Span::default(),
                        format!("{place} reads `{w}`, but the document rolls up to `{computed}`"),
                    )
                    .label("banner differs from the roll-up")
                    .help(format!("write `{computed}` in {place} ({})", h.part)),
                );
            }
        }
    }
}

fn hidden(doc: &Document, word: &WordFacts, sink: &mut Sink) {
    for h in &word.hidden {
        let span = h
            .paragraph
            .and_then(|p| word.origins.iter().find(|(_, l)| l.paragraph >= p))
            .map_or(Span::default(), |(start, _)| Span::new(*start, *start));
        let at = match h.paragraph {
            Some(p) => format!(" at paragraph {p}"),
            None => String::new(),
        };
        let marks = detect::scan(&h.text, &[]);
        let quoted = excerpt(&h.text);
        if h.kind == HiddenKind::Embedded || !marks.is_empty() {
            let counted = marks
                .iter()
                .map(|f| detect::counted(&h.text, f))
                .max_by_key(|m| m.level);
            let what = match &counted {
                Some(m) => format!("a portion marked `{}`", m.portion()),
                None => "content that cannot be read".to_string(),
            };
            sink.report(
                Diagnostic::new(
                    "W002",
                    span,
                    format!("{what} in {}{at}: \"{quoted}\"", h.kind.name()),
                )
                .label("not part of the body: never checked as a portion, never released")
                .help(help(h.kind)),
            );
        } else {
            sink.report(
                Diagnostic::new(
                    "W003",
                    span,
                    format!(
                        "text in {}{at} is not checked and never released: \"{quoted}\"",
                        h.kind.name()
                    ),
                )
                .label("text the body does not show")
                .help(help(h.kind)),
            );
        }
    }
    let _ = doc;
}

fn help(kind: HiddenKind) -> &'static str {
    match kind {
        HiddenKind::Comment => "delete the comment (Review > Delete) before the document is sent",
        HiddenKind::Deletion => "accept or reject the tracked change (Review > Accept/Reject): the deleted text is still in the file",
        HiddenKind::HiddenText => "unhide the text and mark it as a portion, or delete it (hidden text is still in the file)",
        HiddenKind::TextBox => "move the text box's text into a marked paragraph of the body",
        HiddenKind::Footnote | HiddenKind::Endnote => "move the note's text into a marked paragraph of the body, or delete the note",
        HiddenKind::Embedded => "remove the embedded document, or paste its text into marked paragraphs of the body",
    }
}

fn properties(word: &WordFacts, sink: &mut Sink) {
    for p in &word.properties {
        if matches!(banner_line(&p.value), Some(Ok(_))) {
            continue;
        }
        let quoted = excerpt(&p.value);
        if detect::scan(&p.value, &[]).is_empty() {
            sink.report(
                Diagnostic::new(
                    "W005",
                    Span::default(),
                    format!("the document property {} holds text: \"{quoted}\"", p.name),
                )
                .label("property text")
                .help("empty the property (File > Info > Properties), or write the banner there"),
            );
        } else {
            sink.report(
                Diagnostic::new(
                    "W004",
                    Span::default(),
                    format!(
                        "the document property {} holds a portion mark: \"{quoted}\"",
                        p.name
                    ),
                )
                .label("mark in a property")
                .help("empty the property (File > Info > Properties), or write the banner there"),
            );
        }
    }
}
