//! C: cable header and paragraph references.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::check::{Diagnostic, Rule, Sink};
use crate::date::Date;
use crate::model::{ref_letter, Document, Span, PRECEDENCES};

use super::portion::first_line;

static PARA_REF: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII case folding and word boundaries: the Unicode ones make the
    // automaton several times slower, and the words are English.
    Regex::new(r"(?i-u)\bpara(?:graph)?s?\.?[ \t\n]+([0-9]{1,4})(?:[ \t\n]*(?:-|to|through|and)[ \t\n]*([0-9]{1,4}))?(?:[ \t\n]+(above|below))?")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
static REF_LETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)\b(?:Ref|REF|ref)s?\.?[ \t\n]+([A-Z])\b")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][A-Z0-9]{1,5}|[A-Z]{4} \([^()]+\))$")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

pub fn run(doc: &Document, sink: &mut Sink) {
    let h = &doc.header;
    if let Some(p) = &h.precedence {
        let v = p.value.trim();
        let known = |w: &str| PRECEDENCES.iter().any(|(p, _)| *p == w);
        if !known(v) {
            let upper = v.to_ascii_uppercase();
            let help = if known(&upper) {
                format!("write `precedence: {upper}`")
            } else {
                let words: Vec<&str> = PRECEDENCES.iter().map(|(w, _)| *w).collect();
                format!("write one of {}", words.join(", "))
            };
            sink.report(
                Diagnostic::new(
                    Rule::UnknownPrecedence,
                    p.span,
                    format!("`{v}` is not a precedence"),
                )
                .label("unknown precedence")
                .help(help),
            );
        }
    }
    if let Some(dtg) = &h.dtg {
        if Date::parse_dtg(&dtg.value).is_none() {
            sink.report(
                Diagnostic::new(Rule::MalformedDtg, dtg.span, format!("`{}` is not a date-time group", dtg.value))
                    .label("expected DDHHMMZ MON YY")
                    .help("write e.g. `dtg: 122056Z JUN 09` (day, hour, minute, Z, month, year) or an ISO 8601 date"),
            );
        }
    }
    for tag in &h.tags {
        if !TAG.is_match(tag.value.trim()) {
            sink.report(
                Diagnostic::new(
                    Rule::MalformedTag,
                    tag.span,
                    format!("`{}` is not a TAGS entry", tag.value),
                )
                .label("malformed tag")
                .help(
                    "write upper-case subject and country tags, one per entry: `tags: [PREL, TW]`",
                ),
            );
        }
    }
    if let Some(subject) = &doc.subject {
        if subject.mark.is_none() && !doc.declared_unclassified() {
            let level = doc.banners.document.level;
            let example = if level.is_classified() {
                format!("({})", level.abbrev())
            } else {
                "(C)".to_string()
            };
            sink.report(
                Diagnostic::new(Rule::SubjectWithoutMark, subject.span, "subject has no portion mark")
                    .label("no mark")
                    .help(format!(
                        "mark the subject by its own content, e.g. `subject: {}` (quoted: a subject may hold `: `); `(U)` only if the subject itself is unclassified",
                        crate::markdown::yaml(&format!("{example} {}", subject.text))
                    )),
            );
        }
    }
    paragraph_references(doc, sink);
    written_numbers(doc, sink);
    ref_letters(doc, sink);
}

/// The paragraph number a portion belongs to: its own, else the nearest
/// numbered portion before it.
pub(crate) fn context_numbers(doc: &Document) -> Vec<Option<u32>> {
    let mut current = None;
    doc.portions
        .iter()
        .map(|p| {
            if p.number.is_some() {
                current = p.number;
            }
            current
        })
        .collect()
}

/// Every `paragraph N` reference in a portion: (number, direction, match text).
pub(crate) fn paragraph_refs(text: &str) -> Vec<(u32, Option<bool>, String)> {
    let mut out = Vec::new();
    // Find with the DFA, then take the groups of each (short) match only.
    for found in PARA_REF.find_iter(text) {
        let Some(caps) = PARA_REF.captures(found.as_str()) else {
            continue;
        };
        let below = caps
            .get(3)
            .map(|d| d.as_str().eq_ignore_ascii_case("below"));
        let whole = caps.get(0).map_or("", |m| m.as_str()).to_string();
        let first: Option<u32> = caps.get(1).and_then(|m| m.as_str().parse().ok());
        let last: Option<u32> = caps.get(2).and_then(|m| m.as_str().parse().ok());
        if let Some(first) = first {
            out.push((first, below, whole.clone()));
        }
        if let Some(last) = last {
            out.push((last, below, whole));
        }
    }
    out
}

/// Where `needle` (its words separated by any white space) is in the
/// portion's source; the portion's first line when it is not found.
pub(crate) fn find_in_source(doc: &Document, span: Span, needle: &str) -> Span {
    let hay = doc.source.get(span.start..span.end).unwrap_or("");
    match find_words(hay, needle) {
        Some((start, end)) => Span::new(span.start + start, span.start + end),
        None => first_line(doc, span),
    }
}

/// The byte range in `hay` of `needle`'s words in order, separated by
/// white space (a soft line break in the source is white space too).
fn find_words(hay: &str, needle: &str) -> Option<(usize, usize)> {
    let words: Vec<&str> = needle.split_whitespace().collect();
    let first = *words.first()?;
    let mut from = 0;
    while let Some(pos) = hay.get(from..).and_then(|h| h.find(first)) {
        let start = from + pos;
        let mut end = start + first.len();
        let mut ok = true;
        for w in &words[1..] {
            let rest = &hay[end..];
            let skipped = rest.len() - rest.trim_start().len();
            if skipped == 0 || !rest[skipped..].starts_with(w) {
                ok = false;
                break;
            }
            end += skipped + w.len();
        }
        if ok {
            return Some((start, end));
        }
        from = start + first.len();
    }
    None
}

fn paragraph_references(doc: &Document, sink: &mut Sink) {
    let numbers: BTreeSet<u32> = doc.portions.iter().filter_map(|p| p.number).collect();
    let context = context_numbers(doc);
    for (i, p) in doc.portions.iter().enumerate() {
        let text = p.text();
        for (n, below, whole) in paragraph_refs(&text) {
            if !numbers.contains(&n) {
                let span = find_in_source(doc, p.span, &whole);
                let last = numbers.iter().next_back().copied().unwrap_or(0);
                sink.report(
                    Diagnostic::new(
                        Rule::BrokenParagraphReference,
                        span,
                        format!("paragraph {n} does not exist"),
                    )
                    .label(format!("the paragraphs run 1 to {last}"))
                    .help("correct the paragraph number"),
                );
                continue;
            }
            let Some(here) = context[i] else { continue };
            let wrong = match below {
                Some(true) => n <= here,
                Some(false) => n >= here,
                None => false,
            };
            if wrong {
                let span = find_in_source(doc, p.span, &whole);
                let side = if below == Some(true) {
                    "below"
                } else {
                    "above"
                };
                sink.report(
                    Diagnostic::new(
                        Rule::BrokenParagraphReference,
                        span,
                        format!("paragraph {n} is not {side} paragraph {here}"),
                    )
                    .label(format!("not {side}"))
                    .help(format!(
                        "correct the number, or write `{}`",
                        if side == "below" { "above" } else { "below" }
                    )),
                );
            }
        }
    }
}

fn written_numbers(doc: &Document, sink: &mut Sink) {
    let mut prev: Option<u32> = None;
    for p in doc.portions.iter().filter(|p| p.number.is_some()) {
        let Some(n) = p.written_number else {
            // An unwritten number follows on from the last one.
            prev = p.number;
            continue;
        };
        let expected = prev.map_or(1, |x| x.saturating_add(1));
        if n != expected {
            let message = match prev {
                Some(x) if x == n => format!("paragraph number {n} repeats"),
                Some(x) => format!("paragraph numbers jump from {x} to {n}"),
                None => format!("paragraph numbers start at {n}"),
            };
            sink.report(
                Diagnostic::new(
                    Rule::ParagraphNumbersNotConsecutive,
                    first_line(doc, p.span),
                    message,
                )
                .label(format!("expected {expected}"))
                .help(format!("renumber this paragraph {expected}")),
            );
        }
        prev = Some(n);
    }
}

fn ref_letters(doc: &Document, sink: &mut Sink) {
    let count = doc.header.refs.len();
    for p in &doc.portions {
        let text = p.text();
        for caps in REF_LETTER.captures_iter(&text) {
            let Some(letter) = caps.get(1).and_then(|m| m.as_str().chars().next()) else {
                continue;
            };
            let index = (letter as u32).saturating_sub('A' as u32) as usize;
            if index >= count {
                let whole = caps.get(0).map_or("", |m| m.as_str());
                let have = match count {
                    0 => "no references".to_string(),
                    1 => "reference A only".to_string(),
                    n => format!("references A to {}", ref_letter(n - 1)),
                };
                sink.report(
                    Diagnostic::new(
                        Rule::BrokenRefLetter,
                        find_in_source(doc, p.span, whole),
                        format!("Ref {letter} is not in the references"),
                    )
                    .label(format!("the front matter lists {have}"))
                    .help("add the reference to `refs:`, or correct the letter"),
                );
            }
        }
    }
}
