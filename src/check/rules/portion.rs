//! P: portions.

use std::sync::LazyLock;

use regex::Regex;

use crate::check::fix::Fix;
use crate::check::{Diagnostic, Options, Rule, Sink};
use crate::marking::{self, Marking, Rel, Rollup};
use crate::model::{Document, PortionKind, Span};

static PAREN_GROUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()\n]{1,80}\)").unwrap_or_else(|e| unreachable!("{e}")));

pub fn run(doc: &Document, rollup: &Rollup, options: &Options, sink: &mut Sink) {
    let banner_rel = match &rollup.banner.rel {
        Some(Rel::List(codes)) => Some(codes.as_slice()),
        _ => None,
    };
    for (i, p) in doc.portions.iter().enumerate() {
        let first_line = first_line(doc, p.span);
        // In a document declared unclassified an unmarked portion is
        // unclassified: not asked for (a release still leaves it out).
        if p.mark.is_none() && p.effective.is_none() && !doc.declared_unclassified() {
            let (what, the_what) = match p.number {
                Some(n) => (format!("paragraph {n}"), format!("paragraph {n}")),
                None => (
                    kind_name(p.kind).to_string(),
                    format!("the {}", kind_name(p.kind)),
                ),
            };
            let text = p.text();
            let example = super::quote(&text);
            sink.report(
                Diagnostic::new(
                    Rule::MissingPortionMark,
                    first_line,
                    format!("{what} has no portion mark"),
                )
                .label("no portion mark")
                .help(missing_mark_help(doc, i, &the_what, &example)),
            );
        }
        second_marks(
            sink,
            ("portion", "portion"),
            &p.extra_marks,
            p.effective.as_ref(),
        );
        for inner in &p.inner_marks {
            let split = split_fix(doc, p, inner.span);
            let mut d = Diagnostic::new(
                    Rule::MarkInsidePortion,
                    inner.span,
                    format!(
                        "mark `{}` inside {}: one block holds more than one portion",
                        inner.text,
                        match &p.mark {
                            Some(m) => format!("a portion marked `{}`", m.text),
                            None => format!("an unmarked {}", kind_name(p.kind)),
                        }
                    ),
                )
                .label("a mark within the block")
                .help(format!(
                    "start a new paragraph there (a blank line before the mark), or put the portion's one mark first; until then the whole block counts as {}",
                    counted_as(p.effective.as_ref())
                ));
            if let Some(fix) = split {
                d = d.fix(fix);
            }
            sink.report(d);
        }
        if p.setext {
            sink.report(
                Diagnostic::new(
                    Rule::SetextHeading,
                    first_line,
                    "a line underlined with `---` or `===` is read as a heading",
                )
                .label("setext heading")
                .help(format!(
                    "write the heading as `{} …` with its own mark, or put a blank line before the `---` if a rule was meant",
                    "#".repeat(match p.kind {
                        PortionKind::Heading { level } => level as usize,
                        _ => 2,
                    })
                )),
            );
        }
        if options.strict && p.inherited {
            let mark = p
                .effective
                .as_ref()
                .map(Marking::portion)
                .unwrap_or_default();
            sink.report(
                Diagnostic::new(
                    Rule::InheritedPortionMark,
                    first_line,
                    format!(
                        "{} inherits {mark} from its section (--strict)",
                        kind_name(p.kind)
                    ),
                )
                .label("no mark of its own")
                .help(format!(
                    "write the mark on the portion: `{mark} {}`",
                    super::quote(&p.text())
                )),
            );
        }
        if let (Some(own), false) = (&p.effective, p.inherited) {
            let parent = p
                .parent
                .and_then(|k| doc.portions.get(k))
                .and_then(|q| q.effective.clone());
            if let Some(ceiling) = parent.or_else(|| section_ceiling(doc, i)) {
                if let Some(why) = exceeds(own, &ceiling, banner_rel) {
                    let span = p.mark.as_ref().map_or(first_line, |m| m.span);
                    sink.report(
                        Diagnostic::new(
                            Rule::PortionExceedsSectionMark,
                            span,
                            format!(
                                "portion marked {} is more restrictive than its section {}",
                                own.portion(),
                                ceiling.portion()
                            ),
                        )
                        .label(why)
                        .help(format!(
                            "mark the portion within {} or move it out of the section; if the section really holds it, raise the heading's mark",
                            ceiling.portion()
                        )),
                    );
                }
            }
        }
    }
    // The heading's mark is the section's ceiling; portions above it are
    // reported by P002, so the section is judged by its heading alone.
    for section in doc.sections.iter().filter(|s| s.nonpaper) {
        let heading = &doc.portions[section.heading];
        let Some(mark) = &heading.effective else {
            continue;
        };
        if !mark.releasable(banner_rel).any_foreign() {
            let span = heading
                .mark
                .as_ref()
                .map_or(first_line(doc, heading.span), |m| m.span);
            sink.report(
                Diagnostic::new(
                    Rule::NonpaperNotReleasable,
                    span,
                    format!(
                        "non-paper section is marked {}, which no foreign government may receive",
                        mark.portion()
                    ),
                )
                .label("not releasable")
                .help("mark the section and its talking points `REL TO USA, <country>`"),
            );
        }
    }
    for span in &doc.html {
        report_html(doc, *span, sink);
    }
    if let Some(subject) = &doc.subject {
        let counted = counted_as(subject.effective.as_ref());
        second_marks(
            sink,
            ("the subject", "subject"),
            &subject.extra_marks,
            subject.effective.as_ref(),
        );
        for inner in &subject.inner_marks {
            sink.report(
                Diagnostic::new(
                    Rule::MarkInsidePortion,
                    inner.span,
                    format!("mark `{}` inside the subject", inner.text),
                )
                .label("a mark within the subject")
                .help(format!(
                    "a subject is one portion with one mark at its start; until then it counts as {counted}"
                )),
            );
        }
    }
    for h in &doc.header_marks {
        sink.report(
            Diagnostic::new(
                Rule::MarkInHeaderData,
                h.mark.span,
                format!("mark `{}` in `{}`, which is unclassified header data", h.mark.text, h.field),
            )
            .label("header data carries no mark")
            .help(format!(
                "take the mark and the text it marks out of `{}`; marked text belongs in a portion of the body",
                h.field
            )),
        );
    }
    hidden_characters(doc, sink);
}

/// A blank line before a mark that starts a source line of a paragraph:
/// two portions instead of one. Unsafe: the first part is then released by
/// its own mark, no longer by the most restrictive of the block's.
fn split_fix(doc: &Document, p: &crate::model::Portion, mark: Span) -> Option<Fix> {
    if p.kind != PortionKind::Paragraph || p.parent.is_some() {
        return None;
    }
    let before = doc.source.get(..mark.start)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let blank_before = before[line_start..].chars().all(|c| c == ' ' || c == '\t');
    (blank_before && line_start > p.span.start).then(|| {
        Fix::unsafe_edit(
            "start a new paragraph at the second mark",
            Span::new(line_start, line_start),
            "\n",
        )
    })
}

/// How a portion (or the subject) with several marks counts, for messages.
fn counted_as(effective: Option<&Marking>) -> String {
    effective.map_or("not releasable".to_string(), |m| {
        format!("`{}`", m.portion())
    })
}

/// P003 for each mark right after the first, of a portion or of the
/// subject (how the message names it, and how the help does).
fn second_marks(
    sink: &mut Sink,
    (named, covered): (&str, &str),
    extras: &[crate::model::WrittenMark],
    effective: Option<&Marking>,
) {
    for extra in extras {
        sink.report(
            Diagnostic::new(
                Rule::MultiplePortionMarks,
                extra.span,
                format!(
                    "{named} has more than one mark: `{}` after the first",
                    extra.text
                ),
            )
            .label("second mark")
            .help(format!(
                "keep the one mark that covers the whole {covered}; until then it counts as {}",
                counted_as(effective)
            )),
        );
    }
}

/// The help of P001: the enclosing portion's or section's mark, or the
/// banner's level; never `(U)` by default (a help never lowers a mark).
fn missing_mark_help(doc: &Document, i: usize, the_what: &str, example: &str) -> String {
    let p = &doc.portions[i];
    let enclosing = p
        .parent
        .and_then(|k| doc.portions.get(k))
        .and_then(|q| q.effective.as_ref())
        .map(|m| (m.portion(), "the block it belongs to"))
        .or_else(|| section_ceiling(doc, i).map(|m| (m.portion(), "its section")));
    let example = if example.is_empty() {
        String::new()
    } else {
        format!(" {example}")
    };
    match enclosing {
        Some((mark, whose)) => format!(
            "start {the_what} with its mark, at least as restrictive as {whose}'s unless its content is lower: e.g. `{mark}{example}`"
        ),
        None => {
            let banner = &doc.banners.document;
            if banner.level.is_classified() {
                format!(
                    "start {the_what} with the mark its content requires; the document is {}, so e.g. `({}){example}` unless the content is lower",
                    banner.banner(),
                    banner.level.abbrev()
                )
            } else {
                format!(
                    "start {the_what} with the mark its content requires: `(U)`, `(C)`, `(S)` or `(TS)`, with its controls (e.g. `(S//NF)`)"
                )
            }
        }
    }
}

/// At most this many P008 reports per file; one more says how many followed.
const HIDDEN_REPORTS: usize = 20;

/// Bidirectional controls and control characters anywhere in the file.
fn hidden_characters(doc: &Document, sink: &mut Sink) {
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
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        // A carriage return not before a line feed, and the Unicode line and
        // paragraph separators, start a line on screen but not in Markdown.
        let lone_cr = c == '\r' && bytes.get(i + 1) != Some(&b'\n');
        let control = (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || lone_cr
            || matches!(c, '\u{2028}' | '\u{2029}');
        // Zero-width spaces, joiners, the BOM inside the text, fillers: they
        // can hide a mark from the eye or from a reader.
        let invisible =
            crate::source::detect::is_invisible(c) && !(bidi || (i == 0 && c == '\u{FEFF}'));
        if !(bidi || control || invisible) {
            continue;
        }
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
    if let (Some(at), true) = (last, count > HIDDEN_REPORTS) {
        sink.report(
            Diagnostic::new(
                Rule::HiddenControlCharacter,
                Span::new(at, at + 1),
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

/// The effective mark of the innermost enclosing section heading.
fn section_ceiling(doc: &Document, portion: usize) -> Option<Marking> {
    let mut section = doc.portions[portion].section;
    while let Some(s) = section {
        let heading = doc.sections[s].heading;
        if let Some(m) = doc.portions.get(heading).and_then(|h| h.effective.clone()) {
            return Some(m);
        }
        section = doc.sections[s].parent;
    }
    None
}

/// Why `own` is more restrictive than `ceiling`, if it is.
fn exceeds(own: &Marking, ceiling: &Marking, banner_rel: Option<&[String]>) -> Option<String> {
    if own.level > ceiling.level {
        return Some(format!(
            "{} is above the section's {}",
            own.level.name(),
            ceiling.level.name()
        ));
    }
    if (own.noforn || own.sbu_noforn) && !(ceiling.noforn || ceiling.sbu_noforn) {
        return Some("NOFORN under a heading without it".to_string());
    }
    let mine = own.releasable(banner_rel);
    let theirs = ceiling.releasable(banner_rel);
    if !mine.covers(&theirs) {
        return Some("releasable to fewer countries than the section".to_string());
    }
    None
}

fn report_html(doc: &Document, span: Span, sink: &mut Sink) {
    let text = doc.source.get(span.start..span.end).unwrap_or("");
    let hidden = PAREN_GROUP
        .find_iter(text)
        .find(|m| marking::parse(m.as_str()).is_ok());
    match hidden {
        Some(m) => sink.report(
            Diagnostic::new(
                Rule::MarkInRawHtml,
                Span::new(span.start + m.start(), span.start + m.end()),
                format!("portion mark `{}` hidden in raw HTML", m.as_str()),
            )
            .label("raw HTML is never rendered or checked")
            .help("make it an ordinary marked portion, or delete the HTML"),
        ),
        None => sink.report(
            Diagnostic::new(
                Rule::RawHtml,
                first_line(doc, span),
                "raw HTML is not rendered",
            )
            .label("not a portion")
            .help("write the text as Markdown with a portion mark, or delete it"),
        ),
    }
}

fn kind_name(kind: PortionKind) -> &'static str {
    match kind {
        PortionKind::Paragraph => "paragraph",
        PortionKind::Heading { .. } => "heading",
        PortionKind::ListItem { .. } => "list item",
        PortionKind::BlockQuote => "block quote",
        PortionKind::Table => "table",
        PortionKind::CodeBlock => "code block",
    }
}

/// The span's first line (a caret under a whole paragraph helps no one).
pub(crate) fn first_line(doc: &Document, span: Span) -> Span {
    let text = doc.source.get(span.start..span.end).unwrap_or("");
    let skip = text.len() - text.trim_start().len();
    let start = span.start + skip;
    let rest = doc.source.get(start..span.end).unwrap_or("");
    let end = rest.find('\n').map_or(span.end, |i| start + i);
    Span::new(
        start,
        end.max(start + usize::from(start < doc.source.len()))
            .min(doc.source.len()),
    )
}
