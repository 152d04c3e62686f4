//! What every rule is given: the document, its roll-up, the options, and
//! the helpers more than one rule needs (a portion's first line, how a
//! portion is named in a message, the paragraph references of a text, the
//! release plan, the reading of the declared banner and of the
//! declassification instruction). Rule files use this and the model, never
//! each other.

use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use super::fix::Fix;
use super::{Diagnostic, Options};
use crate::date::Date;
use crate::marking::{self, MarkError, MarkProblem, Marking, ParsedMark, Rel, Rollup};
use crate::model::{Document, Origin, Portion, PortionKind, Span, WrittenMark};
use crate::release::{self, Plan};

static PARA_REF: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII case folding and word boundaries: the Unicode ones make the
    // automaton several times slower, and the words are English.
    Regex::new(r"(?i-u)\bpara(?:graph)?s?\.?[ \t\n]+([0-9]{1,4})(?:[ \t\n]*(?:-|to|through|and)[ \t\n]*([0-9]{1,4}))?(?:[ \t\n]+(above|below))?")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

static PAREN_GROUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()\n]{1,80}\)").unwrap_or_else(|e| unreachable!("{e}")));

/// The document being checked, and what its rules share.
pub(crate) struct Context<'a> {
    pub doc: &'a Document,
    pub rollup: &'a Rollup,
    pub options: &'a Options,
    /// The plan of `--release-to`, worked out by the first release rule.
    plan: OnceLock<Plan>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, rollup: &'a Rollup, options: &'a Options) -> Context<'a> {
        Context {
            doc,
            rollup,
            options,
            plan: OnceLock::new(),
        }
    }

    /// Where a Word document's hidden content is reported: the start of
    /// the body paragraph it is anchored to (the front matter when none).
    pub fn word_span(&self, h: &crate::word::Hidden) -> Span {
        let Some(word) = self.doc.word.as_deref() else {
            return Span::default();
        };
        h.paragraph
            .and_then(|p| word.origins.iter().find(|(_, l)| l.paragraph >= p))
            .map_or(Span::default(), |(start, _)| Span::new(*start, *start))
    }

    /// The computed banner's `REL TO` list, if it has one.
    pub fn banner_rel(&self) -> Option<&'a [String]> {
        match &self.rollup.banner.rel {
            Some(Rel::List(codes)) => Some(codes.as_slice()),
            _ => None,
        }
    }

    /// The document rolls up to a classified level.
    pub fn classified(&self) -> bool {
        self.rollup.banner.level.is_classified()
    }

    /// Every mark written in the document: the subject's, each portion's
    /// (all of a block's marks), and those in header data.
    pub fn written_marks(&self) -> impl Iterator<Item = &'a WrittenMark> {
        let doc = self.doc;
        doc.subject
            .iter()
            .flat_map(|s| s.all_marks())
            .chain(doc.portions.iter().flat_map(|p| p.all_marks()))
            .chain(doc.header_marks.iter().map(|h| &h.mark))
    }

    /// Every problem of every readable written mark, with its mark and
    /// reading (one mark may have several).
    pub fn mark_problems(
        &self,
    ) -> impl Iterator<Item = (&'a WrittenMark, &'a ParsedMark, &'a MarkProblem)> {
        self.written_marks().flat_map(|mark| {
            mark.parsed
                .iter()
                .flat_map(move |parsed| parsed.problems.iter().map(move |p| (mark, parsed, p)))
        })
    }

    /// A mark a fix may rewrite: read with certainty, written in the body or
    /// the subject exactly where its span says (never one in header data,
    /// which must go, not be mended).
    pub fn fixable(&self, m: &WrittenMark) -> bool {
        m.is_certain()
            && self.doc.source.get(m.span.start..m.span.end) == Some(m.text.as_str())
            && !self.doc.header_marks.iter().any(|h| h.mark.span == m.span)
    }

    /// The diagnostic with a safe fix writing the mark's Register form (the
    /// same meaning), when the mark may be rewritten.
    pub fn with_register_form(
        &self,
        mark: &WrittenMark,
        normal: &str,
        d: Diagnostic,
    ) -> Diagnostic {
        if self.fixable(mark) {
            d.fix(Fix::safe(format!("write `{normal}`"), mark.span, normal))
        } else {
            d
        }
    }

    /// The span's first line (a caret under a whole paragraph helps no one).
    pub fn first_line(&self, span: Span) -> Span {
        let source = &self.doc.source;
        let text = source.get(span.start..span.end).unwrap_or("");
        let skip = text.len() - text.trim_start().len();
        let start = span.start + skip;
        let rest = source.get(start..span.end).unwrap_or("");
        let end = rest.find('\n').map_or(span.end, |i| start + i);
        Span::new(
            start,
            end.max(start + usize::from(start < source.len()))
                .min(source.len()),
        )
    }

    /// How a message names a portion: `paragraph N`, else its kind
    /// (`list item`).
    pub fn portion_name(&self, p: &Portion) -> String {
        match p.number {
            Some(n) => format!("paragraph {n}"),
            None => kind_name(p.kind).to_string(),
        }
    }

    /// How a help names a portion: `paragraph N`, else `the list item`.
    pub fn the_portion(&self, p: &Portion) -> String {
        match p.number {
            Some(n) => format!("paragraph {n}"),
            None => format!("the {}", kind_name(p.kind)),
        }
    }

    /// The effective mark of the innermost enclosing section heading.
    pub fn section_ceiling(&self, portion: usize) -> Option<Marking> {
        let doc = self.doc;
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

    /// Where a contributor to the roll-up is: its mark, else its first line.
    pub fn origin_span(&self, origin: Origin) -> Span {
        let doc = self.doc;
        match origin {
            Origin::Subject => doc.subject.as_ref().map_or(Span::default(), |s| {
                s.mark.as_ref().map_or(s.span, |m| m.span)
            }),
            Origin::Portion(i) => {
                let p = &doc.portions[i];
                p.mark.as_ref().map_or(self.first_line(p.span), |m| m.span)
            }
        }
    }

    /// How a message names a contributor: `the subject`, `paragraph N`,
    /// `the portion on line N`.
    pub fn origin_name(&self, origin: Origin) -> String {
        let doc = self.doc;
        match origin {
            Origin::Subject => "the subject".to_string(),
            Origin::Portion(i) => {
                let p = &doc.portions[i];
                match p.number {
                    Some(n) => format!("paragraph {n}"),
                    None => {
                        let (line, _) = doc.line_col(p.span.start);
                        format!("the portion on line {line}")
                    }
                }
            }
        }
    }

    /// Where `needle` (its words separated by any white space) is in the
    /// portion's source; the portion's first line when it is not found.
    pub fn find_in_source(&self, span: Span, needle: &str) -> Span {
        let hay = self.doc.source.get(span.start..span.end).unwrap_or("");
        match find_words(hay, needle) {
            Some((start, end)) => Span::new(span.start + start, span.start + end),
            None => self.first_line(span),
        }
    }

    /// With `--release-to`: the country and what a release to it keeps.
    pub fn release(&self) -> Option<(&'a str, &Plan)> {
        let country = self.options.release_to.as_deref()?;
        let plan = self.plan.get_or_init(|| release::plan(self.doc, country));
        Some((country, plan))
    }

    /// The portions that keep the banner from carrying the `REL TO` the
    /// others have (where, how named, their marking), and that `REL TO`.
    pub fn rel_blocked(&self) -> (String, Vec<(Span, String, Marking)>) {
        let rollup = self.rollup;
        if rollup.rel_blocked_by.is_empty() {
            return (String::new(), Vec::new());
        }
        let contributors = self.doc.contributors();
        let rel = rollup
            .blocked_rel
            .as_ref()
            .map(|l| format!("REL TO {}", l.join(", ")))
            .unwrap_or_else(|| "REL TO".to_string());
        let blocked = rollup
            .rel_blocked_by
            .iter()
            .filter_map(|&i| contributors.get(i))
            .map(|(origin, m)| {
                (
                    self.origin_span(*origin),
                    self.origin_name(*origin),
                    m.clone(),
                )
            })
            .collect();
        (rel, blocked)
    }

    /// The declared `banner:`: where, as written, and its reading.
    pub fn declared_banner(&self) -> Option<(Span, &'a str, Result<Marking, MarkError>)> {
        let declared = self.doc.header.banner.as_ref()?;
        let reading = marking::parse(&declared.value).map(|p| p.marking);
        Some((declared.span, declared.value.as_str(), reading))
    }

    /// The mark-like group hidden in a piece of raw HTML, if any: where,
    /// and as written.
    pub fn mark_in_html(&self, span: Span) -> Option<(Span, &'a str)> {
        let text = self.doc.source.get(span.start..span.end).unwrap_or("");
        PAREN_GROUP
            .find_iter(text)
            .find(|m| marking::parse(m.as_str()).is_ok())
            .map(|m| {
                (
                    Span::new(span.start + m.start(), span.start + m.end()),
                    m.as_str(),
                )
            })
    }

    /// The first line of the front matter, or of the file.
    pub fn front_matter_span(&self) -> Span {
        let source = &self.doc.source;
        let end = source.find('\n').unwrap_or(source.len());
        Span::new(0, end)
    }

    /// The reading of `declassify_on:`, if the document has one: where, as
    /// written, and what it is.
    pub fn declassification(&self) -> Option<(Span, &'a str, Declassification)> {
        let decl = self.doc.header.declassify_on.as_ref()?;
        let reading = read_declassification(self.doc.date, &decl.value);
        Some((decl.span, decl.value.as_str(), reading))
    }
}

/// What a `declassify_on:` value is, as the A rules judge it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Declassification {
    /// `OADR` or an EO 12958 `X1`–`X8` on a document after 2003 (the word).
    Prohibited(String),
    /// `25X1-human` on a document from 2012 on.
    HumanAfter2011,
    /// An exemption with nothing to check (`50X1-HUM`, `25X1` alone,
    /// `25X1-human` before 2012).
    Exempt,
    /// Shaped like a date, but no day of the calendar.
    Impossible,
    /// Neither a date nor an exemption.
    Unreadable,
    /// A date, alone or after a `25X<n>` exemption.
    Date { date: Date, exempt_25: bool },
}

fn read_declassification(doc_date: Option<Date>, value: &str) -> Declassification {
    let v = value.trim().to_ascii_uppercase();
    let first = v.split([',', ' ']).next().unwrap_or("");
    let after_2003 = doc_date.is_none_or(|d| d.year > 2003);
    if (first == "OADR" || is_x_code(first)) && after_2003 {
        return Declassification::Prohibited(first.to_string());
    }
    // `25X1-human`: authorised until ISOO Notice 2012-02 replaced it with
    // 50X1-HUM.
    if first == "25X1-HUMAN" {
        return if doc_date.is_some_and(|d| d.year >= 2012) {
            Declassification::HumanAfter2011
        } else {
            Declassification::Exempt
        };
    }
    let exempt_25 = first.len() == 4
        && first.starts_with("25X")
        && first.as_bytes()[3].is_ascii_digit()
        && first != "25X0";
    let exempt_50_75 = first.starts_with("50X") || first.starts_with("75X");
    if exempt_50_75 {
        return Declassification::Exempt;
    }
    let date_text = if exempt_25 {
        v[first.len()..].trim_start_matches([',', ' ']).trim()
    } else {
        v.as_str()
    };
    if exempt_25 && date_text.is_empty() {
        return Declassification::Exempt;
    }
    match Date::parse(date_text) {
        Some(date) => Declassification::Date { date, exempt_25 },
        // Shaped like a date, but no such day: an error, not an event.
        None if looks_like_a_date(date_text) => Declassification::Impossible,
        None => Declassification::Unreadable,
    }
}

fn is_x_code(s: &str) -> bool {
    s.len() == 2 && s.starts_with('X') && matches!(s.as_bytes()[1], b'1'..=b'8')
}

/// `2034-02-30`, `02/30/2034`, `20340230`: digits in the shape of a date.
fn looks_like_a_date(text: &str) -> bool {
    let t = text.trim();
    let shape: String = t
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    matches!(
        shape.as_str(),
        "9999-99-99" | "99/99/9999" | "9/99/9999" | "99/9/9999" | "9/9/9999" | "99999999"
    )
}

/// A short quote of a portion's text for messages: the first words.
pub(crate) fn quote(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    let mut q = words.join(" ");
    if text.split_whitespace().count() > 6 {
        q.push('…');
    }
    q
}

/// A portion's kind as a message names it.
pub(crate) fn kind_name(kind: PortionKind) -> &'static str {
    match kind {
        PortionKind::Paragraph => "paragraph",
        PortionKind::Heading { .. } => "heading",
        PortionKind::ListItem { .. } => "list item",
        PortionKind::BlockQuote => "block quote",
        PortionKind::Table => "table",
        PortionKind::CodeBlock => "code block",
    }
}

/// How a portion (or the subject) with several marks counts, for messages.
pub(crate) fn counted_as(effective: Option<&Marking>) -> String {
    effective.map_or("not releasable".to_string(), |m| {
        format!("`{}`", m.portion())
    })
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
        if into_another_document(&text[..found.start()], &text[found.end()..]) {
            continue;
        }
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

/// A paragraph reference into another document: `operative paragraph 14
/// of UNSCR 1929`, `paragraph 3 of ref A`, `reftel paragraph 2`, `ref B
/// para 4`, `paragraph 5 in the resolution`.
fn into_another_document(before: &str, after: &str) -> bool {
    let next: Vec<String> = after
        .split_whitespace()
        .take(2)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .collect();
    let of_other = match next.as_slice() {
        [w, n, ..] if w == "of" || w == "in" => n != "this",
        [w] => w == "of",
        _ => false,
    };
    let prev: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .collect();
    let named_before = prev.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "operative" | "preambular" | "op" | "reftel" | "septel"
        )
    }) || prev
        .iter()
        .take(3)
        .any(|w| w == "ref" || w == "reftel" || w == "refs");
    of_other || named_before
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

/// A line of a Word header, footer or property that is a banner: a
/// marking with no parenthesis, as a header writes it. `Err` when it is
/// banner-shaped but unreadable (`SECRET//NOFRN`); `None` when it is other
/// text (the authority block, a page number).
pub(crate) fn word_banner_line(line: &str) -> Option<Result<String, ()>> {
    let t = line.trim();
    // A banner is written in capitals (`Page 1 of 2` is no banner).
    if t.is_empty()
        || t.contains('(')
        || t.len() > 200
        || t.contains(':')
        || t.chars().any(char::is_lowercase)
    {
        return None;
    }
    match marking::parse(t) {
        Ok(p) if p.problems.is_empty() => Some(Ok(p.marking.banner())),
        _ if t.contains("//") || marking::named_level(t).is_classified() => Some(Err(())),
        _ => None,
    }
}

/// Whether hidden content of a Word document is an error (W002) rather
/// than text to mention (W003): it holds a mark, or it cannot be read
/// with certainty at all (an embedded document, a branch Word does not
/// show, a bullet label readers draw differently, letters in a symbol
/// font that could be part of a mark).
pub(crate) fn hidden_is_error(h: &crate::word::Hidden) -> bool {
    use crate::word::HiddenKind as K;
    match h.kind {
        K::Embedded | K::Alternate | K::Label => true,
        K::Symbol => h
            .text
            .chars()
            .any(|c| c.is_ascii_alphabetic() || "()/[]".contains(c)),
        _ => !crate::source::detect::scan(&h.text, &[]).is_empty(),
    }
}

/// What to do about content a Word reader may not see.
pub(crate) fn hidden_help(kind: crate::word::HiddenKind) -> &'static str {
    use crate::word::HiddenKind as K;
    match kind {
        K::Comment => "delete the comment (Review > Delete) before the document is sent",
        K::Deletion => "accept or reject the tracked change (Review > Accept/Reject): the deleted text is still in the file",
        K::HiddenText => "unhide the text and mark it as a portion, or delete it (hidden text is still in the file)",
        K::TextBox => "move the text box's text into a marked paragraph of the body",
        K::Footnote | K::Endnote => "move the note's text into a marked paragraph of the body, or delete the note",
        K::Embedded => "remove the embedded document, or paste its text into marked paragraphs of the body",
        K::Alternate => "remove the alternate content (an mc:AlternateContent branch Word does not show): the file carries text a reader never sees",
        K::HeaderFooter => "keep headers and footers to the banner and the authority block; move marked text into the body",
        K::FieldResult => "write the text itself instead of the field (select it, Ctrl+Shift+F9 unlinks it): Word shows what the field computes, not what was last saved",
        K::Symbol => "write the text in an ordinary font: a symbol font draws other glyphs than the letters written",
        K::Label => "write the mark in the paragraph's text, not in a bullet label (readers draw such labels differently)",
    }
}

#[cfg(test)]
mod paragraph_ref_tests {
    use super::paragraph_refs;

    #[test]
    fn references_into_other_documents_are_not_this_cables() {
        for t in [
            "under operative paragraph 14 of UNSCR 1929, states shall",
            "as paragraph 3 of ref A says",
            "reftel paragraph 2 asked",
            "see ref B para 4",
            "paragraph 5 in the resolution",
        ] {
            assert!(paragraph_refs(t).is_empty(), "{t}");
        }
        for t in [
            "see paragraph 9",
            "the points in paragraph 6 below",
            "paragraph 6 of this cable",
            "see paras 3 and 4.",
        ] {
            assert!(!paragraph_refs(t).is_empty(), "{t}");
        }
    }
}
