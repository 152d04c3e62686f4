//! Source parsing (design §2): front matter into a typed [`Header`], the
//! Markdown body into portions and sections with their source spans.
//!
//! The builder matches every pulldown-cmark event and tag with no
//! catch-all arm, so a Markdown construct added upstream cannot slip
//! through unmarked (STYLE §11).

pub mod detect;
pub mod front_matter;
mod marks;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::date::Date;
use crate::marking::Marking;
use crate::marking::Profile;
use crate::model::{
    Document, Header, HeaderMark, Portion, PortionKind, Run, Section, Span, Subject, WrittenMark,
};

pub use marks::{label as label_len, leading_mark, LeadingMark};

/// Why a source could not be read into a document (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{line}:{column}: {message}")]
    Parse {
        offset: usize,
        /// 1-based, in the file (front matter included).
        line: usize,
        column: usize,
        message: String,
    },
}

impl SourceError {
    /// An error at a byte offset of `source`.
    pub fn at(source: &str, offset: usize, message: impl Into<String>) -> SourceError {
        let (line, column) = crate::model::line_col(source, offset);
        SourceError::Parse {
            offset,
            line,
            column,
            message: message.into(),
        }
    }
}

/// Markdown extensions the source format uses.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH
}

/// Parses a whole source file.
pub fn parse(path: &str, source: String) -> Result<Document, SourceError> {
    parse_with(path, source, None)
}

/// Parses the source converted from a Word document. A Word document does
/// not say where a heading's section ends (a rule or a new heading in the
/// Markdown source), so nothing inherits a heading's mark: every paragraph
/// must carry its own, fail closed. A nested list item still inherits
/// from its item, whose extent Word's list levels give.
///
/// The Word document's facts are the model's before it is sealed: its
/// headers, hidden content and properties floor the banner.
pub fn parse_word(
    path: &str,
    source: String,
    facts: crate::word::WordFacts,
) -> Result<Document, SourceError> {
    parse_with(path, source, Some(Box::new(facts)))
}

fn parse_with(
    path: &str,
    source: String,
    word: Option<Box<crate::word::WordFacts>>,
) -> Result<Document, SourceError> {
    let sections_inherit = word.is_none();
    let (header, body_start) = match front_matter::split(&source)? {
        Some((yaml_start, yaml_end, body)) => {
            let mut header = front_matter::parse(&source, yaml_start, yaml_end)?;
            header.span = Some(Span::new(0, body));
            (header, body)
        }
        None => (Header::default(), 0),
    };
    let profile = match &header.profile {
        None => Profile::State,
        Some(p) => Profile::from_name(&p.value).ok_or_else(|| {
            SourceError::at(
                &source,
                p.span.start,
                format!(
                    "unknown profile `{}`: write `state` (the default) or `capco`",
                    p.value
                ),
            )
        })?,
    };
    let subject = header.subject.as_ref().map(|s| {
        let value = &s.value;
        let at = |i: usize| value_offset(&source, s.span, value, i);
        let split = split_marks(value, &detect::scan(value, &[]), 0, |f| {
            written_mark(value, f, at(f.start))
        });
        Subject {
            text: value[split.rest..].trim().to_string(),
            mark: split.lead,
            extra_marks: split.extras,
            inner_marks: split.inners,
            // Worked out by `resolve`, with the short form resolved.
            effective: None,
            span: s.span,
        }
    });
    let mut header_marks = header_field_marks(&source, &header);
    let date = header.dtg.as_ref().and_then(|d| Date::parse_dtg(&d.value));

    let mut builder = Builder::new(&source);
    let body = &source[body_start..];
    let parser = Parser::new_ext(body, markdown_options());
    // Where each link reference is defined (`[id]: <address>`): a
    // definition takes the mark of the block it is written in, not of the
    // block whose link uses it.
    builder.definitions = (parser.reference_definitions().iter())
        .map(|(label, def)| {
            (
                reference_label(label),
                Span::new(def.span.start + body_start, def.span.end + body_start),
            )
        })
        .collect();
    for (event, range) in parser.into_offset_iter() {
        builder.event(
            event,
            Span::new(range.start + body_start, range.end + body_start),
        );
    }
    let Built {
        portions,
        sections,
        html,
        attr_marks,
        images,
        foreign_links,
        decoded_hidden,
    } = builder.finish();
    header_marks.extend(attr_marks);
    let mut portions = portions;
    mark_joined(&source, &mut portions);

    let mut doc = Document {
        path: path.to_string(),
        source,
        header,
        profile,
        subject,
        portions,
        sections,
        html,
        header_marks,
        date,
        line_starts: std::sync::OnceLock::new(),
        banners: Default::default(),
        word,
        images,
        foreign_links,
        decoded_hidden,
    };
    resolve(&mut doc, sections_inherit);
    doc.seal();
    Ok(doc)
}

/// The source offset of byte `i` of a front-matter value: exact when the
/// value is written plainly at its span, else the span's start.
fn value_offset(source: &str, span: Span, value: &str, i: usize) -> usize {
    let written = source.get(span.start..span.end).unwrap_or("");
    match written.find(value) {
        Some(at) => span.start + at + i,
        None => span.start,
    }
}

/// A found group as a written mark at `start` in the source.
/// `--`, `-- `, `•  `: one to three dashes or bullet signs, up to four
/// spaces.
fn is_bullet_shape(b: &str) -> bool {
    let signs = b.trim_end_matches(' ');
    let spaces = b.len() - signs.len();
    (1..=3).contains(&signs.chars().count())
        && signs
            .chars()
            .all(|c| matches!(c, '-' | '–' | '—' | '•' | '*' | '·' | 'o'))
        && spaces <= 4
}

fn written_mark(text: &str, f: &detect::Found, start: usize) -> WrittenMark {
    WrittenMark {
        text: text[f.start..f.end].to_string(),
        span: Span::new(start, start + (f.end - f.start)),
        parsed: f.parsed.clone(),
        counted: detect::counted(text, f),
    }
}

/// A text's marks sorted into the leading one, those right after it, and
/// the others; `rest` is where the text after the leading marks starts.
struct SplitMarks {
    lead: Option<WrittenMark>,
    extras: Vec<WrittenMark>,
    inners: Vec<WrittenMark>,
    rest: usize,
}

/// Sorts `found` (marks of `text`): the leading mark stands at `from`
/// (after invisible characters and blanks).
fn split_marks(
    text: &str,
    found: &[detect::Found],
    from: usize,
    mut locate: impl FnMut(&detect::Found) -> WrittenMark,
) -> SplitMarks {
    let mut out = SplitMarks {
        lead: None,
        extras: Vec::new(),
        inners: Vec::new(),
        rest: 0,
    };
    let mut k = 0;
    if let Some(first) = found.first() {
        if first.line_start && first.start == detect::skip_blank(text, from) {
            out.lead = Some(locate(first));
            let mut end = first.end;
            k = 1;
            while let Some(next) = found.get(k) {
                if next.line_start && next.start == detect::skip_blank(text, end) {
                    out.extras.push(locate(next));
                    end = next.end;
                    k += 1;
                } else {
                    break;
                }
            }
            let after = &text[end..];
            out.rest = end + (after.len() - after.trim_start().len());
        }
    }
    out.inners = found[k..].iter().map(locate).collect();
    out
}

/// Spans merged into sorted, disjoint ones (for a binary search).
fn disjoint(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Marks at the start of the source lines of a block (after its container
/// syntax: `>`, list markers, `|`, `#`, emphasis and code markers) that are
/// not among `known` and not inside `exclude`.
fn source_line_marks(
    source: &str,
    span: Span,
    exclude: &[Span],
    known: &[Span],
) -> Vec<WrittenMark> {
    let mut out = Vec::new();
    // The block's own stretches of source: its span less nested blocks and
    // HTML, visited once each (a block nested thousands deep costs its own
    // lines, not its descendants').
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut pos = span.start;
    let first = exclude.partition_point(|e| e.end <= span.start);
    for e in &exclude[first..] {
        if e.start >= span.end {
            break;
        }
        if e.start > pos {
            segments.push((pos, e.start));
        }
        pos = pos.max(e.end);
    }
    if pos < span.end {
        segments.push((pos, span.end));
    }
    for (from, to) in segments {
        let Some(stretch) = source.get(from..to) else {
            continue;
        };
        // Only lines that start in this stretch.
        let at_line_start = from == span.start
            || source[..from]
                .chars()
                .next_back()
                .is_some_and(detect::is_line_break);
        let mut line_start = if at_line_start { Some(0) } else { None };
        let mut lines: Vec<(usize, &str)> = Vec::new();
        for (i, c) in stretch.char_indices() {
            if detect::is_line_break(c) {
                if let Some(ls) = line_start {
                    lines.push((ls, &stretch[ls..i]));
                }
                line_start = Some(i + c.len_utf8());
            }
        }
        if let Some(ls) = line_start {
            lines.push((ls, &stretch[ls..]));
        }
        for (at, line) in lines {
            let abs = from + at;
            // Container and inline syntax before the text.
            let mut k = 0usize;
            let bytes = line.as_bytes();
            loop {
                let before = k;
                while k < bytes.len()
                    && matches!(
                        bytes[k],
                        b' ' | b'\t' | b'>' | b'|' | b'#' | b'*' | b'_' | b'~' | b'`' | b'+' | b'-'
                    )
                {
                    k += 1;
                }
                let digits = bytes[k..].iter().take_while(|b| b.is_ascii_digit()).count();
                if digits > 0 && digits < 10 && matches!(bytes.get(k + digits), Some(b'.' | b')')) {
                    k += digits + 1;
                }
                if k == before {
                    break;
                }
            }
            let Some(rest) = line.get(k..) else { continue };
            // A mark can start a line only with an opener near the start
            // (after at most three labels): most lines have none.
            let head = rest.as_bytes().iter().take(64);
            if !head
                .clone()
                .any(|b| matches!(b, b'(' | b'[' | b'{') || *b >= 0x80)
            {
                continue;
            }
            let block_first_line = abs == span.start;
            let found = if block_first_line {
                detect::scan(rest, &[])
            } else {
                detect::line_start_only(rest)
            };
            for f in found.into_iter().filter(|f| f.line_start) {
                let start = abs + k + f.start;
                let end = abs + k + f.end;
                // `known` is sorted: only the marks starting before `end + 2`
                // can overlap, and of those the last few.
                let upto = known.partition_point(|m| m.start < end + 2);
                let seen = known[upto.saturating_sub(4)..upto]
                    .iter()
                    .any(|m| start < m.end + 2);
                if !seen {
                    out.push(written_mark(rest, &f, start));
                }
            }
        }
    }
    out
}

/// Marks in front-matter fields other than `subject` and `banner`: header
/// data is unclassified (design §3.3).
fn header_field_marks(source: &str, h: &Header) -> Vec<HeaderMark> {
    let mut out = Vec::new();
    let mut field = |name: &str, v: &crate::model::Located<String>| {
        // A reasons entry such as `1.4(c)` is a category, not a mark.
        if name == "reasons" && crate::authority::reason_letters(&v.value).is_some() {
            return;
        }
        let mut found = detect::scan_continuation(&v.value);
        // Fields printed in every release name no classification or control
        // without brackets either (`from: "… SECRET//NOFORN …"`); captions,
        // tags and the order say such things by design.
        if matches!(
            name,
            "from" | "reference" | "classified_by" | "signature" | "to" | "info" | "refs"
        ) {
            detect::add_bare_controls(&v.value, &mut found);
        }
        for f in found {
            let at = value_offset(source, v.span, &v.value, f.start);
            out.push(HeaderMark {
                field: name.to_string(),
                mark: written_mark(&v.value, &f, at),
            });
        }
    };
    let singles = [
        ("precedence", &h.precedence),
        ("dtg", &h.dtg),
        ("from", &h.from),
        ("reference", &h.reference),
        ("order", &h.order),
        ("profile", &h.profile),
        ("declassify_on", &h.declassify_on),
        ("classified_by", &h.classified_by),
        ("signature", &h.signature),
    ];
    for (name, v) in singles {
        if let Some(v) = v {
            field(name, v);
        }
    }
    let lists = [
        ("to", &h.to),
        ("info", &h.info),
        ("captions", &h.captions),
        ("tags", &h.tags),
        ("refs", &h.refs),
        ("reasons", &h.reasons),
    ];
    for (name, vs) in lists {
        for v in vs {
            field(name, v);
        }
    }
    out
}

/// A portion being built, with where each text run came from.
struct Open {
    portion: usize,
    /// `(offset in the portion's text, offset in the source)` per text event.
    origins: Vec<(usize, usize)>,
    text_len: usize,
    /// Where soft line breaks were, in the portion's text.
    breaks: Vec<usize>,
    /// Where lines start besides after a `\n`: after a soft line break,
    /// at a table cell (the mark detector looks there).
    starts: Vec<usize>,
    /// The block's links: where each is, its address and its title. They
    /// are read for marks too (outputs print the address).
    links: Vec<(Span, String)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// A block that opened a portion.
    Owner,
    /// A block inside a portion (a paragraph in a list item, a list inside a quote).
    Inner,
    List {
        ordered: bool,
    },
}

struct Builder<'s> {
    source: &'s str,
    portions: Vec<Portion>,
    sections: Vec<Section>,
    /// Sections still open (indices), innermost last.
    open_sections: Vec<usize>,
    frames: Vec<Frame>,
    open: Vec<Open>,
    bold: u32,
    italic: u32,
    strike: u32,
    html: Vec<Span>,
    /// Marks found in heading attributes.
    attr_marks: Vec<HeaderMark>,
    /// Every image, with its source span.
    images: Vec<Span>,
    /// The addresses of the links open, innermost last.
    links: Vec<String>,
    /// Link reference definitions: normalised label, where written.
    definitions: Vec<(String, Span)>,
    /// Links whose address is defined outside their block: the link, and
    /// the definition (`None`: not found).
    foreign_links: Vec<(Span, Option<Span>)>,
    /// Characters a character reference (`&#10;`, `&#x202E;`) decodes to
    /// that are hidden or controls, where the reference is.
    decoded_hidden: Vec<(Span, char)>,
}

impl<'s> Builder<'s> {
    fn new(source: &'s str) -> Self {
        Builder {
            source,
            portions: Vec::new(),
            sections: Vec::new(),
            open_sections: Vec::new(),
            frames: Vec::new(),
            open: Vec::new(),
            bold: 0,
            italic: 0,
            strike: 0,
            html: Vec::new(),
            attr_marks: Vec::new(),
            images: Vec::new(),
            links: Vec::new(),
            definitions: Vec::new(),
            foreign_links: Vec::new(),
            decoded_hidden: Vec::new(),
        }
    }

    /// Records the hidden and control characters of decoded text that the
    /// source does not hold as they are (they came from character
    /// references: P008 reports them), and returns the text with each made
    /// spaces of its byte length (so offsets into the source still hold):
    /// no output prints a control, a line break or an override that the
    /// source never showed.
    fn decoded<'t>(&mut self, text: &'t str, span: Span) -> std::borrow::Cow<'t, str> {
        if text.is_ascii() && !text.bytes().any(|b| b < 0x20 || b == 0x7F) {
            return std::borrow::Cow::Borrowed(text);
        }
        let written = self.source.get(span.start..span.end).unwrap_or("");
        let mut out = String::new();
        let mut changed = false;
        for c in text.chars() {
            let suspect = detect::is_hidden(c) && !written.contains(c);
            if suspect && self.decoded_hidden.len() < 1000 {
                self.decoded_hidden.push((span, c));
            }
            if suspect {
                changed = true;
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            } else {
                out.push(c);
            }
        }
        if changed {
            std::borrow::Cow::Owned(out)
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }

    fn list_depth(&self) -> u8 {
        let lists = self
            .frames
            .iter()
            .filter(|f| matches!(f, Frame::List { .. }))
            .count();
        lists.saturating_sub(1).min(u8::MAX as usize) as u8
    }

    fn capturing(&self) -> bool {
        !self.open.is_empty()
    }

    /// Opens a portion, or marks the block as inside the current one.
    fn start_block(&mut self, kind: PortionKind, span: Span, new_portion: bool) {
        if !new_portion {
            self.frames.push(Frame::Inner);
            self.separate();
            return;
        }
        let index = self.portions.len();
        let parent = self.open.last().map(|o| o.portion);
        self.portions.push(Portion {
            kind,
            span,
            mark: None,
            extra_marks: Vec::new(),
            inner_marks: Vec::new(),
            effective: None,
            inherited: false,
            parent,
            setext: false,
            section: self.open_sections.last().copied(),
            number: None,
            written_number: None,
            written_marker: None,
            label_gap: None,
            label: None,
            runs: Vec::new(),
            mark_gap: None,
            soft_breaks: Vec::new(),
            cells: Vec::new(),
            joined: false,
        });
        self.open.push(Open {
            portion: index,
            origins: Vec::new(),
            text_len: 0,
            breaks: Vec::new(),
            starts: Vec::new(),
            links: Vec::new(),
        });
        self.frames.push(Frame::Owner);
    }

    /// A paragraph break inside the current portion.
    fn separate(&mut self) {
        if let Some(open) = self.open.last() {
            let p = &self.portions[open.portion];
            if !p.runs.is_empty() && !p.runs.last().is_some_and(|r| r.text.ends_with('\n')) {
                self.append("\n\n", None, false, false);
            }
        }
    }

    fn push_text(&mut self, text: &str, origin: Option<usize>) {
        self.append(text, origin, true, false);
    }

    fn push_code(&mut self, text: &str, origin: usize) {
        self.append(text, Some(origin), true, true);
    }

    /// Appends text to the open portion's runs (a code span is a run of its
    /// own) and, when `to_cell`, to its current table cell.
    fn append(&mut self, text: &str, origin: Option<usize>, to_cell: bool, code: bool) {
        let Some(open) = self.open.last_mut() else {
            return;
        };
        if let Some(src) = origin {
            open.origins.push((open.text_len, src));
        }
        open.text_len += text.len();
        let portion = &mut self.portions[open.portion];
        if to_cell {
            if let Some(cell) = portion.cells.last_mut().and_then(|r| r.last_mut()) {
                cell.push_str(text);
            }
        }
        let (bold, italic, strike) = (self.bold > 0, self.italic > 0, self.strike > 0);
        let link = self.links.last().cloned();
        match portion.runs.last_mut() {
            Some(r)
                if !code
                    && r.bold == bold
                    && r.italic == italic
                    && r.strike == strike
                    && !r.code
                    && r.link == link =>
            {
                r.text.push_str(text)
            }
            _ => portion.runs.push(Run {
                text: text.to_string(),
                bold,
                italic,
                code,
                strike,
                link,
            }),
        }
    }

    fn end_block(&mut self) {
        match self.frames.pop() {
            Some(Frame::Owner) => self.close_portion(),
            Some(Frame::Inner) | Some(Frame::List { .. }) | None => {}
        }
    }

    fn close_portion(&mut self) {
        let Some(open) = self.open.pop() else { return };
        let source = self.source;
        // Blocks nested in this one (opened after it, closed before it) and
        // raw HTML are not its source lines.
        let own = self.portions[open.portion].span;
        // Raw HTML is recorded in source order: only the pieces inside
        // this block matter.
        let html_from = self.html.partition_point(|h| h.end <= own.start);
        let html_to = self.html.partition_point(|h| h.start < own.end);
        let exclude = disjoint(
            self.portions[open.portion + 1..]
                .iter()
                .map(|p| p.span)
                .chain(self.html[html_from..html_to.max(html_from)].iter().copied())
                .collect(),
        );
        let portion = &mut self.portions[open.portion];
        // Every mark-like group of the block (design §2.2): the leading one
        // (after an optional sub-paragraph label), those right after it,
        // and any other, on any line.
        let text = portion.text().into_owned();
        let found = detect::scan(&text, &open.starts);
        let label_len = marks::label_prefix(&text).filter(|&len| {
            found
                .first()
                .is_some_and(|f| f.start == detect::skip_blank(&text, len))
        });
        if let Some(len) = label_len {
            let label = text[..len].trim().to_string();
            let number = label.strip_suffix('.').and_then(|n| n.parse::<u32>().ok());
            let paragraph_number = label
                .strip_suffix(['.', ')'])
                .and_then(|n| n.parse::<u32>().ok());
            match (portion.kind, number, paragraph_number) {
                (PortionKind::Heading { .. }, Some(n), _) => {
                    portion.written_number = Some(n);
                    portion.written_marker = Some(text[..len].to_string());
                }
                // `1.(C) text` in an imported cable: a numbered paragraph
                // whose marker has no space after it.
                (PortionKind::Paragraph, _, Some(n)) if portion.section.is_none() => {
                    portion.written_number = Some(n);
                    portion.written_marker = Some(text[..len].to_string());
                }
                _ => {
                    let gap = &text[..len][text[..len].trim_end().len()..];
                    if gap.len() > 1 && gap.chars().all(|c| c == ' ') {
                        portion.label_gap = Some(gap.to_string());
                    }
                    portion.label = Some(label)
                }
            }
        }
        let to_src = |i: usize| -> usize {
            // The source offset of byte `i` of the text, when the text event
            // that holds it is verbatim source.
            // (Origins are in text order: a binary search, not a scan per
            // mark, which was quadratic in a block of many marked lines.)
            let k = open.origins.partition_point(|(t, _)| *t <= i);
            let Some(&(t, s)) = k.checked_sub(1).and_then(|k| open.origins.get(k)) else {
                return portion.span.start;
            };
            let pos = s + (i - t);
            if pos <= source.len() && source.is_char_boundary(pos) {
                pos
            } else {
                portion.span.start
            }
        };
        let split = split_marks(&text, &found, label_len.unwrap_or(0), |f| {
            written_mark(&text, f, to_src(f.start))
        });
        let lead_rest = if split.lead.is_some() { split.rest } else { 0 };
        if split.lead.is_some() {
            // The spacing as written between the last leading mark and the text.
            let end = found[split.extras.len()].end;
            let gap = text.get(end..split.rest).unwrap_or("");
            if gap != " " && !gap.is_empty() && !gap.contains('\n') {
                portion.mark_gap = Some(gap.to_string());
            }
        }
        portion.mark = split.lead;
        portion.extra_marks = split.extras;
        portion.inner_marks = split.inners;
        // A mark at the start of a source line of the block that the text
        // does not show at a line start (a code span or an HTML comment over
        // two lines) is a mark all the same.
        let mut known: Vec<Span> = portion.all_marks().map(|m| m.span).collect();
        known.sort_unstable();
        let more = source_line_marks(source, portion.span, &exclude, &known);
        portion.inner_marks.extend(more);
        // A mark in a link's address or title: outputs print the address,
        // so it is a mark inside the block (P009), counted as any other.
        for (span, text) in &open.links {
            for f in detect::scan(text, &[]) {
                portion.inner_marks.push(written_mark(text, &f, span.start));
            }
        }
        let before = portion.text_len();
        if lead_rest > 0 {
            strip_prefix_runs(&mut portion.runs, lead_rest);
            if let Some(first) = portion.cells.first_mut().and_then(|r| r.first_mut()) {
                let cut = first
                    .char_indices()
                    .map(|(i, _)| i)
                    .find(|i| *i >= lead_rest)
                    .unwrap_or(first.len());
                first.replace_range(..cut, "");
            }
        }
        let after_prefix = portion.text_len();
        // Leading and trailing white space of a portion is not content.
        if let Some(r) = portion.runs.last_mut() {
            let trimmed = r.text.trim_end().len();
            r.text.truncate(trimmed);
        }
        portion.runs.retain(|r| !r.text.is_empty());
        // Soft breaks, moved past the stripped mark (only a prefix and
        // trailing space were removed from the text).
        let len = portion.text_len();
        let removed = before.saturating_sub(after_prefix);
        portion.soft_breaks = open
            .breaks
            .iter()
            .filter_map(|b| b.checked_sub(removed))
            .filter(|b| *b < len)
            .collect();
    }

    fn start_heading(&mut self, level: HeadingLevel, classes: &[String], span: Span) {
        let level = heading_level(level);
        if self.capturing() {
            self.start_block(PortionKind::Heading { level }, span, false);
            return;
        }
        // Close sections of the same or a deeper level.
        while let Some(&s) = self.open_sections.last() {
            if self.sections[s].level >= level {
                self.sections[s].end = self.portions.len();
                self.open_sections.pop();
            } else {
                break;
            }
        }
        let heading = self.portions.len();
        self.start_block(PortionKind::Heading { level }, span, true);
        let written = &self.source[span.start..span.end];
        if let Some(p) = self.portions.last_mut() {
            p.setext = !written.trim_start().starts_with('#');
        }
        let index = self.sections.len();
        let line_end = self.source[span.start..span.end]
            .find('\n')
            .map_or(span.end, |i| span.start + i);
        let attrs = heading_attributes(&self.source[span.start..line_end]);
        // An attribute's value is printed (the cable's `Begin …:` line):
        // a mark there is header data that must not be (P010).
        let line = &self.source[span.start..line_end];
        for (key, value) in &attrs {
            // A classification or control named without brackets is one
            // too (`end="End NOFORN …"`).
            let mut found = detect::scan(value, &[]);
            detect::add_bare_controls(value, &mut found);
            for f in found {
                let at = line
                    .find(value.as_str())
                    .map_or(span.start, |i| span.start + i + f.start);
                self.attr_marks.push(HeaderMark {
                    field: format!("heading attribute `{key}`"),
                    mark: written_mark(value, &f, at),
                });
            }
        }
        let attr = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        self.sections.push(Section {
            heading,
            level,
            parent: self.open_sections.last().copied(),
            end: heading + 1,
            nonpaper: classes.iter().any(|c| c == "nonpaper"),
            title: String::new(),
            begin: attr("begin"),
            end_line: attr("end"),
            // A bullet is dashes or a bullet sign and spaces, nothing
            // else (it is printed before every point): any other is not
            // taken.
            bullet: attr("bullet").filter(|b| is_bullet_shape(b)),
            line: attr("line"),
            bullets: attr("bullets").filter(|b| b.split('|').all(is_bullet_shape)),
        });
        self.open_sections.push(index);
    }

    fn close_all_sections(&mut self) {
        for s in self.open_sections.drain(..) {
            self.sections[s].end = self.portions.len();
        }
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(end) => self.end(end),
            Event::Text(text) => {
                let text = self.decoded(&text, span);
                self.push_text(&text, Some(span.start))
            }
            Event::Code(code) => {
                // A code span over several source lines: each of its lines
                // starts a line for the mark detector too (the line break
                // became a space).
                let written = self.source.get(span.start..span.end).unwrap_or("");
                if let Some(open) = self.open.last_mut() {
                    let ticks = written.bytes().take_while(|b| *b == b'`').count();
                    for (i, c) in written.char_indices() {
                        if detect::is_line_break(c) {
                            let at = (i + 1).saturating_sub(ticks);
                            open.starts.push(open.text_len + at.min(code.len()));
                        }
                    }
                }
                self.push_code(&code, span.start + 1)
            }
            Event::InlineMath(math) | Event::DisplayMath(math) => {
                self.push_code(&math, span.start);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                // Raw HTML and comments, nested or not, are never text of a
                // portion (they could hide anything, and no output prints
                // them); the checks report every piece of it. What follows
                // a piece of HTML (`<br>`, a comment's end) starts a line
                // for the mark detector.
                self.html.push(span);
                if let Some(open) = self.open.last_mut() {
                    open.starts.push(open.text_len);
                }
            }
            Event::FootnoteReference(label) => {
                self.push_text(&format!("[^{label}]"), Some(span.start));
            }
            Event::SoftBreak => {
                if let Some(open) = self.open.last_mut() {
                    open.breaks.push(open.text_len);
                    open.starts.push(open.text_len + 1);
                }
                self.push_text(" ", None);
            }
            Event::HardBreak => self.push_text("\n", None),
            Event::Rule => {
                if self.capturing() {
                    self.push_text("\n\n", None);
                } else {
                    self.close_all_sections();
                }
            }
            Event::TaskListMarker(done) => {
                self.push_text(if done { "[x] " } else { "[ ] " }, None);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Span) {
        let new = !self.capturing();
        match tag {
            Tag::Paragraph => self.start_block(PortionKind::Paragraph, span, new),
            Tag::Heading { level, classes, .. } => {
                let classes: Vec<String> = classes.iter().map(|c| c.to_string()).collect();
                self.start_heading(level, &classes, span);
            }
            Tag::BlockQuote(_) => self.start_block(PortionKind::BlockQuote, span, new),
            Tag::CodeBlock(_) => self.start_block(PortionKind::CodeBlock, span, new),
            // Not a portion: its lines are recorded as raw HTML.
            Tag::HtmlBlock => self.frames.push(Frame::Inner),
            Tag::List(start) => {
                self.separate();
                self.frames.push(Frame::List {
                    ordered: start.is_some(),
                });
            }
            Tag::Item => {
                let ordered = matches!(self.frames.last(), Some(Frame::List { ordered: true }));
                let depth = self.list_depth();
                // Items of a list inside a list item are portions of their own;
                // inside a block quote or table they are its text.
                let inside_item = self.open.last().is_some_and(|o| {
                    matches!(self.portions[o.portion].kind, PortionKind::ListItem { .. })
                });
                let new_item = new || inside_item;
                self.start_block(PortionKind::ListItem { ordered, depth }, span, new_item);
                if new_item && ordered {
                    let item = &self.source[span.start..span.end];
                    let written = written_number(item);
                    let marker = written_marker(item);
                    if let Some(p) = self.portions.last_mut() {
                        p.written_number = written;
                        p.written_marker = marker;
                    }
                }
            }
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => self.start_block(PortionKind::Paragraph, span, new),
            Tag::Table(_) => {
                self.start_block(PortionKind::Table, span, new);
            }
            Tag::TableHead | Tag::TableRow => {
                self.frames.push(Frame::Inner);
                if let Some(open) = self.open.last() {
                    let portion = &mut self.portions[open.portion];
                    if portion.kind == PortionKind::Table {
                        portion.cells.push(Vec::new());
                    }
                }
                self.separate();
            }
            Tag::TableCell => {
                self.frames.push(Frame::Inner);
                let Some(open) = self.open.last() else { return };
                let index = open.portion;
                let has_text = !self.portions[index].runs.is_empty();
                let row_started = self.portions[index]
                    .cells
                    .last()
                    .is_some_and(|row| !row.is_empty());
                if row_started && has_text {
                    self.append(" | ", None, false, false);
                }
                // A cell starts a line for the mark detector.
                if let Some(open) = self.open.last_mut() {
                    open.starts.push(open.text_len);
                }
                if let Some(row) = self.portions[index].cells.last_mut() {
                    row.push(String::new());
                }
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Superscript | Tag::Subscript => {}
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                use pulldown_cmark::LinkType;
                // A line break or control decoded into an address would be
                // printed with it: percent-encoded instead.
                let _ = self.decoded(&title, span);
                let dest_url = match self.decoded(&dest_url, span) {
                    std::borrow::Cow::Owned(_) => pulldown_cmark::CowStr::from(
                        dest_url
                            .chars()
                            .map(|c| {
                                if detect::is_hidden(c) {
                                    let mut b = [0u8; 4];
                                    c.encode_utf8(&mut b)
                                        .bytes()
                                        .map(|x| format!("%{x:02X}"))
                                        .collect()
                                } else {
                                    c.to_string()
                                }
                            })
                            .collect::<String>(),
                    ),
                    std::borrow::Cow::Borrowed(_) => dest_url,
                };
                if matches!(
                    link_type,
                    LinkType::Reference
                        | LinkType::ReferenceUnknown
                        | LinkType::Collapsed
                        | LinkType::CollapsedUnknown
                        | LinkType::Shortcut
                        | LinkType::ShortcutUnknown
                ) {
                    let label = reference_label(&id);
                    let def = (self.definitions.iter())
                        .find(|(l, _)| *l == label)
                        .map(|(_, s)| *s);
                    let own = self.open.last().map(|o| self.portions[o.portion].span);
                    let inside = match (def, own) {
                        (Some(d), Some(o)) => o.start <= d.start && d.end <= o.end,
                        _ => false,
                    };
                    if !inside {
                        self.foreign_links.push((span, def));
                    }
                }
                if let Some(open) = self.open.last_mut() {
                    open.links.push((span, dest_url.to_string()));
                    if !title.is_empty() {
                        open.links.push((span, title.to_string()));
                    }
                }
                self.links.push(dest_url.to_string());
            }
            Tag::Image { .. } => self.images.push(span),
            Tag::MetadataBlock(_) => self.frames.push(Frame::Inner),
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Link => {
                // In a table cell the address follows the link's text, as
                // every output prints a link (`text <URL>`): cells are
                // printed from their text.
                let url = self.links.pop();
                if let (Some(url), Some(open)) = (url, self.open.last()) {
                    let portion = &mut self.portions[open.portion];
                    if let Some(cell) = portion.cells.last_mut().and_then(|r| r.last_mut()) {
                        if portion.kind == PortionKind::Table && cell.trim_end() != url {
                            cell.push_str(&format!(" <{url}>"));
                        }
                    }
                }
            }
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::MetadataBlock(_)
            | TagEnd::List(_) => self.end_block(),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Superscript | TagEnd::Subscript | TagEnd::Image => {}
        }
    }

    fn finish(mut self) -> Built {
        while !self.frames.is_empty() {
            self.end_block();
        }
        self.close_all_sections();
        for section in &mut self.sections {
            if let Some(h) = self.portions.get(section.heading) {
                section.title = h.text().into_owned();
            }
        }
        Built {
            portions: self.portions,
            sections: self.sections,
            html: self.html,
            attr_marks: self.attr_marks,
            images: self.images,
            foreign_links: self.foreign_links,
            decoded_hidden: self.decoded_hidden,
        }
    }
}

/// A link reference label as CommonMark matches it: case-folded, runs of
/// white space as one space, trimmed.
fn reference_label(label: &str) -> String {
    crate::word::one_line(label).to_lowercase()
}

/// What the builder makes of a body.
struct Built {
    portions: Vec<Portion>,
    sections: Vec<Section>,
    html: Vec<Span>,
    attr_marks: Vec<HeaderMark>,
    images: Vec<Span>,
    foreign_links: Vec<(Span, Option<Span>)>,
    decoded_hidden: Vec<(Span, char)>,
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// `key="value"` pairs of a heading's `{…}` attribute block, read from the
/// source line (pulldown-cmark splits quoted values at spaces).
fn heading_attributes(line: &str) -> Vec<(String, String)> {
    let line = line.trim_end();
    let Some(body) = line.strip_suffix('}') else {
        return Vec::new();
    };
    let Some(open) = body.rfind('{') else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut rest = &body[open + 1..];
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq]
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_string();
        let after = &rest[eq + 1..];
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(close) => (after[1..1 + close].to_string(), &after[close + 2..]),
                None => (after[1..].to_string(), ""),
            },
            _ => {
                let end = after.find(' ').unwrap_or(after.len());
                (after[..end].to_string(), &after[end..])
            }
        };
        out.push((key, value));
        rest = next;
    }
    out
}

/// `1.  ` from `1.  Department approves …`: the marker as written, with
/// the spaces after it (at most four; more would start indented code).
fn written_marker(item: &str) -> Option<String> {
    let digits = item.bytes().take_while(u8::is_ascii_digit).count();
    let delim = item[digits..]
        .chars()
        .next()
        .filter(|c| *c == '.' || *c == ')')?;
    let rest = &item[digits + 1..];
    // `1.` alone on its line, the text under it: the cable's `1.(C) …`,
    // with no space after the number.
    let spaces = if rest.starts_with(['\n', '\r']) {
        0
    } else {
        rest.bytes().take_while(|b| *b == b' ').count().clamp(1, 4)
    };
    (digits > 0).then(|| format!("{}{delim}{}", &item[..digits], " ".repeat(spaces)))
}

/// `17` from `17. (U) …` or `17) (U) …`.
fn written_number(item: &str) -> Option<u32> {
    let digits: String = item
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Removes the first `n` bytes of text from a run list.
fn strip_prefix_runs(runs: &mut Vec<Run>, mut n: usize) {
    while n > 0 && !runs.is_empty() {
        let len = runs[0].text.len();
        if len <= n {
            runs.remove(0);
            n -= len;
        } else {
            let mut cut = n;
            while !runs[0].text.is_char_boundary(cut) {
                cut += 1;
            }
            runs[0].text.replace_range(..cut, "");
            n = 0;
        }
    }
    if let Some(first) = runs.first_mut() {
        let trimmed = first.text.trim_start().to_string();
        first.text = trimmed;
    }
    runs.retain(|r| !r.text.is_empty());
}

/// Effective marks (design §2.2, fail closed) and cable paragraph numbers.
///
/// A block with any mark-like text counts as the most restrictive of its
/// marks. Only a block with no mark-like text at all inherits: from its
/// parent block (a nested list item from its item), else from the innermost
/// enclosing section whose heading has a mark; a setext heading never
/// inherits. The short form `(S//REL)` stands for the banner's list, so it
/// is resolved against a first roll-up: to that list, or to NOFORN when the
/// banner has none.
fn resolve(doc: &mut Document, sections_inherit: bool) {
    effective_marks(&mut doc.portions, &doc.sections, sections_inherit);
    // The subject is a portion of the first roll-up too (a short form
    // stands for the banner's list, which the subject's list narrows: it
    // was left out, and `(S//REL)` widened to a country the subject is not
    // for).
    if let Some(s) = &mut doc.subject {
        let counted: Vec<Marking> = s.all_marks().map(|m| m.counted.clone()).collect();
        s.effective = Marking::most_restrictive(&counted);
    }
    let banner_rel = match doc.rollup().banner.rel {
        Some(crate::marking::Rel::List(list)) => Some(list),
        _ => None,
    };
    let resolve_short = |m: &mut WrittenMark| {
        if m.counted.rel == Some(crate::marking::Rel::Short) {
            match &banner_rel {
                Some(list) => m.counted.rel = Some(crate::marking::Rel::List(list.clone())),
                None => m.counted = m.counted.with_noforn(),
            }
        }
    };
    let mut any_short = false;
    let portion_marks = doc.portions.iter_mut().flat_map(Portion::all_marks_mut);
    let subject_marks = doc.subject.iter_mut().flat_map(Subject::all_marks_mut);
    for m in portion_marks.chain(subject_marks) {
        any_short |= m.counted.rel == Some(crate::marking::Rel::Short);
        resolve_short(m);
    }
    if let Some(s) = &mut doc.subject {
        let counted: Vec<Marking> = s.all_marks().map(|m| m.counted.clone()).collect();
        s.effective = Marking::most_restrictive(&counted);
    }
    if any_short {
        effective_marks(&mut doc.portions, &doc.sections, sections_inherit);
    }
    let a = &doc.header.as_written;
    let given = a.numbers || a.header.is_some() || a.end.is_some();
    doc.header.as_written.numbers = numbers(&mut doc.portions, &doc.sections, given);
}

/// Marks the top-level blocks that start on the line right after the
/// block before them (no blank line between).
fn mark_joined(source: &str, portions: &mut [Portion]) {
    let mut previous: Option<usize> = None;
    for i in 0..portions.len() {
        if portions[i].parent.is_some() {
            continue;
        }
        if let Some(prev) = previous {
            let start = portions[i].span.start.min(source.len());
            let line_start = source[..start].rfind('\n').map_or(0, |n| n + 1);
            if line_start > 0 {
                let prev_end = line_start - 1;
                let prev_line_start = source[..prev_end].rfind('\n').map_or(0, |n| n + 1);
                let prev_line = &source[prev_line_start..prev_end];
                portions[i].joined = matches!(
                    portions[prev].kind,
                    PortionKind::Paragraph | PortionKind::ListItem { .. }
                ) && !prev_line.trim().is_empty()
                    && portions[prev].span.end > prev_line_start
                    && source[line_start..start].trim().is_empty();
            }
        }
        previous = Some(i);
    }
}

fn effective_marks(portions: &mut [Portion], sections: &[Section], sections_inherit: bool) {
    // In order: a parent block and a section heading come before what
    // inherits from them.
    for i in 0..portions.len() {
        let counted: Vec<Marking> = portions[i].all_marks().map(|m| m.counted.clone()).collect();
        portions[i].inherited = false;
        portions[i].effective = None;
        if !counted.is_empty() {
            portions[i].effective = Marking::most_restrictive(&counted);
            continue;
        }
        if portions[i].setext {
            continue;
        }
        if let Some(parent) = portions[i].parent {
            portions[i].effective = portions.get(parent).and_then(|p| p.effective.clone());
            portions[i].inherited = portions[i].effective.is_some();
            continue;
        }
        let mut section = portions[i].section.filter(|_| sections_inherit);
        while let Some(s) = section {
            let heading = sections[s].heading;
            if let Some(m) = portions.get(heading).and_then(|h| h.effective.clone()) {
                portions[i].effective = Some(m);
                portions[i].inherited = true;
                break;
            }
            section = sections[s].parent;
        }
    }
}

/// Cable paragraph numbers.
/// Returns whether the source numbers its paragraphs itself.
fn numbers(portions: &mut [Portion], sections: &[Section], given: bool) -> bool {
    // Cable paragraph numbers: a top-level block, or a top-level section
    // heading, is one numbered paragraph. Bullet items of a top-level list
    // belong to the paragraph before them; an ordered list's items are
    // numbered paragraphs (imported cables write `1. (S) …`).
    let top_heading: Vec<bool> = {
        let mut v = vec![false; portions.len()];
        for s in sections.iter().filter(|s| s.parent.is_none()) {
            if let Some(x) = v.get_mut(s.heading) {
                *x = true;
            }
        }
        v
    };
    // A source that writes its paragraph numbers (`1. (S) …`, as `import`
    // writes a cable) is numbered as written, and only where written: an
    // imported cable (even with no number at all), a source that says so
    // (`as_written: {numbers: true}`, as a release of one writes), or a
    // draft that numbers its first paragraph. An
    // ordered list among unnumbered paragraphs of a draft is a list of
    // sub-paragraphs (lettered in the cable), not the cable's numbering.
    let top: Vec<bool> = (portions.iter().enumerate())
        .map(|(i, p)| match p.kind {
            PortionKind::Heading { .. } => top_heading[i],
            _ => p.section.is_none(),
        })
        .collect();
    let eligible = |(i, p): &(usize, &Portion)| {
        top[*i]
            && !matches!(
                p.kind,
                PortionKind::ListItem { ordered: false, .. }
                    | PortionKind::ListItem { depth: 1.., .. }
            )
    };
    let written = (portions.iter().enumerate())
        .filter(eligible)
        .any(|(_, p)| p.written_number.is_some());
    let first_written = (portions.iter().enumerate())
        .find(eligible)
        .is_some_and(|(_, p)| p.written_number.is_some());
    let explicit = given || (written && first_written);
    let mut next = 1u32;
    for (i, p) in portions.iter_mut().enumerate() {
        let numbered = match p.kind {
            PortionKind::Heading { .. } => top_heading[i],
            PortionKind::ListItem { ordered, depth } => {
                explicit && p.section.is_none() && ordered && depth == 0
            }
            PortionKind::Paragraph
            | PortionKind::BlockQuote
            | PortionKind::Table
            | PortionKind::CodeBlock => p.section.is_none(),
        };
        if explicit {
            if numbered {
                p.number = p.written_number;
            }
        } else if numbered {
            let n = p.written_number.unwrap_or(next);
            p.number = Some(n);
            next = n.saturating_add(1);
        }
    }
    explicit
}

/// The reference sample, parsed (for unit tests across the crate).
#[cfg(test)]
pub(crate) fn sample_document() -> Document {
    parse(
        "samples/state-061156.md",
        include_str!("../../samples/state-061156.md").to_string(),
    )
    .unwrap_or_else(|e| panic!("the sample parses: {e}"))
}

#[cfg(test)]
mod tests;
