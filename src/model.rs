//! The document model: what a source means once parsed. Renderers, checks
//! and release read only this; none of them sees Markdown.

use crate::date::Date;
use crate::marking::{self, Marking, ParsedMark, Profile, Rollup};

/// A byte range in the source file (front matter included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }
}

/// A value from the front matter with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

/// The typed front matter (design §2.1). Every field is optional; checks
/// decide what a given document must have.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub precedence: Option<Located<String>>,
    pub dtg: Option<Located<String>>,
    pub from: Option<Located<String>>,
    pub to: Vec<Located<String>>,
    pub info: Vec<Located<String>>,
    pub reference: Option<Located<String>>,
    pub captions: Vec<Located<String>>,
    pub order: Option<Located<String>>,
    pub profile: Option<Located<String>>,
    pub declassify_on: Option<Located<String>>,
    pub tags: Vec<Located<String>>,
    pub subject: Option<Located<String>>,
    pub refs: Vec<Located<String>>,
    pub classified_by: Option<Located<String>>,
    pub reasons: Vec<Located<String>>,
    pub signature: Option<Located<String>>,
    pub banner: Option<Located<String>>,
    /// Header lines of an imported cable as they were written, printed
    /// instead of the generated ones when the style keeps marks as written.
    pub as_written: AsWritten,
    /// Where the front matter block is (the whole `---` … `---`).
    pub span: Option<Span>,
}

/// Header text an imported cable wrote its own way (`as_written:` in the
/// front matter). Only layout: the checks read the typed fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AsWritten {
    /// The precedence and date-time group line (`O P 131702Z FEB 08`),
    /// printed while it still holds the `dtg`.
    pub dtg_line: Option<String>,
    /// The lines between the classification line and the body (captions,
    /// E.O., TAGS, SUBJECT, REF, Classified By) as the cable wrote them;
    /// printed only while they still say what the typed fields say.
    pub header: Option<String>,
    /// The signature stands after a blank line instead of right under the
    /// last paragraph.
    pub signature_apart: bool,
    /// The closing line: `NNNN` when absent; empty for none.
    pub end: Option<String>,
    /// The source writes its own paragraph numbers (`1. (S) …`), and only
    /// the paragraphs it numbers are numbered: set when it numbers its
    /// first paragraph (or is an imported cable), and written by a release
    /// so the released source numbers as the original did.
    pub numbers: bool,
    /// The classification line as the cable wrote it (`UNCLAS SENSITIVE
    /// STATE 012345`, `CONFIDENTIAL SECTION 01 OF 02 ATLANTIS 000732`),
    /// printed with the header lines as written, and only while it names
    /// the level of the computed banner (never a lower one).
    pub classification: Option<String>,
    /// The classification line came right under the routing lines, with no
    /// blank line between.
    pub classification_joined: bool,
    /// The body starts right under the last header line, with no blank
    /// line between (a collapsed copy).
    pub body_joined: bool,
    /// The date-time group, FM, TO and INFO lines as written (a lowercased
    /// copy, a `BT` line), printed while they still say what the typed
    /// fields say.
    pub routing: Option<String>,
    /// A lowercased copy's transmission header before the date-time group
    /// (`vzczcxyz0013`, `pp ruehweb`, `de ruehc #6932 0551509`), as written.
    pub transmission: Option<String>,
    /// The numbered paragraphs an imported cable wrote right under the
    /// block before them (a heading), where the source cannot say so
    /// itself: the render keeps them there.
    pub joined: Vec<u32>,
    /// The body has no blank line anywhere (a web copy written one line
    /// a paragraph): the render writes every block right under the one
    /// before it.
    pub tight: bool,
}

/// A portion mark as written in the source: any mark-like group the
/// detector found (design §2.2), readable or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenMark {
    /// The text between and including the parentheses.
    pub text: String,
    pub span: Span,
    pub parsed: Result<ParsedMark, marking::MarkError>,
    /// How the mark counts in the roll-up and in a release: its reading
    /// when certain, else NOFORN at the highest level its text names; a
    /// short form `REL` stands for the banner's list (NOFORN when the
    /// banner has none).
    pub counted: Marking,
}

impl WrittenMark {
    /// The reading of the mark as written, when it parses.
    pub fn marking(&self) -> Option<&Marking> {
        self.parsed.as_ref().ok().map(|p| &p.marking)
    }

    /// Read with certainty: parsed, and every code known.
    pub fn is_certain(&self) -> bool {
        self.parsed.as_ref().is_ok_and(|p| p.is_certain())
    }
}

/// A mark-like group in a front-matter field or a heading attribute: header
/// data is unclassified, so any mark there is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMark {
    /// The field (`refs`, `classified_by`, …).
    pub field: String,
    pub mark: WrittenMark,
}

/// Banners, computed once when a document is read or released; renderers
/// print these and never roll up a banner themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banners {
    /// The document's banner: the roll-up of every portion, never below
    /// the declared banner (an imported cable's classification line) or the
    /// highest level any mark-like group names, NOFORN with a NOFORN
    /// caption.
    pub document: Marking,
    /// Each section's banner (the roll-up of its heading and content), by
    /// section index.
    pub sections: Vec<Marking>,
}

impl Default for Banners {
    fn default() -> Self {
        Banners {
            document: Marking::level(marking::Level::Unclassified),
            sections: Vec::new(),
        }
    }
}

/// What kind of block a portion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortionKind {
    Paragraph,
    Heading {
        level: u8,
    },
    /// A list item; `depth` 0 for a top-level list.
    ListItem {
        ordered: bool,
        depth: u8,
    },
    BlockQuote,
    Table,
    CodeBlock,
}

/// A run of text with its inline style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    /// Struck through (`~~text~~`).
    pub strike: bool,
    /// The address of the link the run is the text of (a mark in the
    /// address or the link's title counts as a mark inside the block).
    pub link: Option<String>,
}

/// One portion: a paragraph, list item, heading, block quote or table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Portion {
    pub kind: PortionKind,
    /// The whole block in the source.
    pub span: Span,
    /// The portion's own mark, if it has one (possibly unreadable: then
    /// `parsed` is an error).
    pub mark: Option<WrittenMark>,
    /// Marks right after the first (`(S) (C) …`), taken off the text.
    pub extra_marks: Vec<WrittenMark>,
    /// Mark-like groups elsewhere in the block (a second line, a second
    /// paragraph, the middle of a sentence), left in the text.
    pub inner_marks: Vec<WrittenMark>,
    /// The marking in force: the most restrictive of every mark in the
    /// block; for a block with no mark-like text at all, the parent
    /// block's (a nested list item's item), else the enclosing section's.
    pub effective: Option<Marking>,
    /// The effective marking comes from the parent block or the section.
    pub inherited: bool,
    /// The enclosing block that is a portion of its own (the list item a
    /// nested list item belongs to).
    pub parent: Option<usize>,
    /// A setext heading (a line underlined with `---` or `===`).
    pub setext: bool,
    /// Innermost enclosing section (index into [`Document::sections`]);
    /// a heading is not inside its own section.
    pub section: Option<usize>,
    /// Cable paragraph number: top-level blocks and top-level section headings.
    pub number: Option<u32>,
    /// The number written in the source (`17. (U) …` in an imported cable).
    pub written_number: Option<u32>,
    /// The number's marker as written, spacing included (`1.  `, `3) `).
    pub written_marker: Option<String>,
    /// A sub-paragraph label written before the mark: `A.`, `1)`, `(a)`.
    pub label: Option<String>,
    /// The spaces written after the label when more than one (`A.  (SBU)`).
    pub label_gap: Option<String>,
    /// The text after the mark, with inline styles. Paragraph breaks inside
    /// one portion (a list item of two paragraphs) are `"\n\n"`, hard
    /// breaks `"\n"`.
    pub runs: Vec<Run>,
    /// The spacing written between the mark and the text, when it is not a
    /// single space (`(U)  This is …` in an imported cable).
    pub mark_gap: Option<String>,
    /// Byte offsets in [`Portion::text`] of the spaces that stand for the
    /// source's soft line breaks (an imported cable's own line breaks).
    pub soft_breaks: Vec<usize>,
    /// Table cells, row by row (tables only). The first cell starts after the mark.
    pub cells: Vec<Vec<String>>,
    /// A top-level block written right under the one before it, with no
    /// blank line between (an imported cable's paragraphs `1. …` `2. …`
    /// on consecutive lines); the cable of an imported cable keeps it so.
    pub joined: bool,
}

impl Portion {
    /// The text after the mark, without styles (borrowed when the portion
    /// is a single run, as most are).
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self.runs.as_slice() {
            [] => std::borrow::Cow::Borrowed(""),
            [one] => std::borrow::Cow::Borrowed(one.text.as_str()),
            runs => std::borrow::Cow::Owned(runs.iter().map(|r| r.text.as_str()).collect()),
        }
    }

    /// The length in bytes of [`Portion::text`].
    pub fn text_len(&self) -> usize {
        self.runs.iter().map(|r| r.text.len()).sum()
    }

    /// The mark to print: as written when `as_written`, else the normalised
    /// Register form of the effective marking.
    pub fn display_mark(&self, as_written: bool) -> Option<String> {
        match (&self.mark, as_written) {
            // As written only when that one mark is all there is and it
            // reads as what is in force.
            (Some(m), true)
                if !self.inherited
                    && self.extra_marks.is_empty()
                    && self.inner_marks.is_empty()
                    && self.effective.as_ref() == Some(&m.counted) =>
            {
                Some(m.text.clone())
            }
            _ => self.effective.as_ref().map(Marking::portion),
        }
    }
}

/// A section: a heading and what follows it up to the next heading of the
/// same or a higher level, or a thematic break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Index of the heading portion.
    pub heading: usize,
    pub level: u8,
    pub parent: Option<usize>,
    /// Portions inside (heading excluded): `heading + 1 .. end`.
    pub end: usize,
    pub nonpaper: bool,
    /// The heading text without mark or attributes.
    pub title: String,
    /// The cable's opening line for a non-paper, when it is not the default
    /// `Begin <title>:` (heading attribute `begin="…"`).
    pub begin: Option<String>,
    /// The closing line, when not the default `End <title>`; empty for none
    /// (heading attribute `end="…"`).
    pub end_line: Option<String>,
    /// The talking-point bullet, when not the style's (`bullet="--"`).
    pub bullet: Option<String>,
    /// `none` (heading attribute `line="none"`): the cable has no
    /// releasability line of its own; the opening line carries the
    /// section's mark (`8. (S//REL TURKEY) Begin talking points:`).
    pub line: Option<String>,
    /// Each talking point's own bullet, `|`-separated, when an imported
    /// cable mixes them (`bullets="--|-- |--"`).
    pub bullets: Option<String>,
}

impl Section {
    pub fn body(&self) -> std::ops::Range<usize> {
        self.heading + 1..self.end
    }

    /// The bullet of the `k`-th talking point, when the source gives each
    /// its own (`bullets=`).
    pub fn bullet_of(&self, k: usize) -> Option<&str> {
        self.bullets.as_deref()?.split('|').nth(k)
    }

    /// The cable's opening line of this non-paper: as written, else
    /// [`default_begin`].
    pub fn begin_text(&self) -> String {
        self.begin
            .clone()
            .unwrap_or_else(|| default_begin(&self.title))
    }

    /// The closing line: as written (`None` for none), else [`default_end`].
    pub fn end_text(&self) -> Option<String> {
        match self.end_line.as_deref() {
            Some("") => None,
            Some(end) => Some(end.to_string()),
            None => Some(default_end(&self.title)),
        }
    }
}

/// `Begin talking points/non-paper:` for the title `Talking points/non-paper`.
pub fn default_begin(title: &str) -> String {
    format!("Begin {}:", lower_first(title))
}

/// `End talking points/non-paper` for the title `Talking points/non-paper`.
pub fn default_end(title: &str) -> String {
    format!("End {}", lower_first(title))
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Cable precedences and the letter each puts on the date-time group line
/// (5 FAH-2 H-220). A letter reads back as the first word that has it.
pub const PRECEDENCES: &[(&str, &str)] = &[
    ("FLASH", "Z"),
    ("IMMEDIATE", "O"),
    ("NIACT IMMEDIATE", "O"),
    ("PRIORITY", "P"),
    ("ROUTINE", "R"),
];

/// The DTG-line letter of a precedence word (`PRIORITY` when unknown).
pub fn precedence_letter(word: &str) -> &'static str {
    let word = word.trim().to_ascii_uppercase();
    PRECEDENCES
        .iter()
        .find(|(w, _)| *w == word)
        .map_or("P", |(_, l)| l)
}

/// The precedence word of a DTG-line letter (`O P` reads as its first,
/// `O`; `PRIORITY` when unknown).
pub fn precedence_word(letters: &str) -> &'static str {
    let first = letters.get(..1).unwrap_or("");
    PRECEDENCES
        .iter()
        .find(|(_, l)| *l == first)
        .map_or("PRIORITY", |(w, _)| w)
}

/// Reference letters: `A`..`Z`, then `AA`, `AB`, …
pub fn ref_letter(i: usize) -> String {
    if i < 26 {
        ((b'A' + i as u8) as char).to_string()
    } else {
        format!("{}{}", ref_letter(i / 26 - 1), ref_letter(i % 26))
    }
}

/// The subject line, a portion of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub mark: Option<WrittenMark>,
    /// Marks right after the first.
    pub extra_marks: Vec<WrittenMark>,
    /// Mark-like groups later in the subject.
    pub inner_marks: Vec<WrittenMark>,
    /// The most restrictive of its marks.
    pub effective: Option<Marking>,
    pub text: String,
    pub span: Span,
}

impl Subject {
    /// Every mark in the subject.
    pub fn all_marks(&self) -> impl Iterator<Item = &WrittenMark> {
        self.mark
            .iter()
            .chain(&self.extra_marks)
            .chain(&self.inner_marks)
    }

    /// Every mark in the subject, to resolve.
    pub fn all_marks_mut(&mut self) -> impl Iterator<Item = &mut WrittenMark> {
        self.mark
            .iter_mut()
            .chain(&mut self.extra_marks)
            .chain(&mut self.inner_marks)
    }
}

impl Portion {
    /// Every mark in the block: its own, those right after it, the others.
    pub fn all_marks(&self) -> impl Iterator<Item = &WrittenMark> {
        self.mark
            .iter()
            .chain(&self.extra_marks)
            .chain(&self.inner_marks)
    }

    /// Every mark in the block, to resolve.
    pub fn all_marks_mut(&mut self) -> impl Iterator<Item = &mut WrittenMark> {
        self.mark
            .iter_mut()
            .chain(&mut self.extra_marks)
            .chain(&mut self.inner_marks)
    }
}

/// Where a contributing marking comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Subject,
    Portion(usize),
}

/// A parsed source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The name used in diagnostics (`-` is `<stdin>`).
    pub path: String,
    pub source: String,
    pub header: Header,
    pub profile: Profile,
    pub subject: Option<Subject>,
    pub portions: Vec<Portion>,
    pub sections: Vec<Section>,
    /// Every piece of raw HTML (blocks, inline, comments, nested or not),
    /// with its span: never text of a portion, never in an output.
    pub html: Vec<Span>,
    /// Marks in front-matter fields and heading attributes (errors).
    pub header_marks: Vec<HeaderMark>,
    /// A source read from a Word document: its headers and footers, what
    /// it hides (comments, tracked deletions, …), its properties, and where
    /// each block came from. Never carried into a release.
    pub word: Option<Box<crate::word::WordFacts>>,
    /// Every image of the body (its source span): never sent, only its
    /// alt text is rendered.
    pub images: Vec<Span>,
    /// Links whose address is defined (`[id]: <address>`) outside their
    /// own block: the link and the definition (`None`: not found).
    pub foreign_links: Vec<(Span, Option<Span>)>,
    /// Hidden or control characters that character references decode to
    /// (`&#10;`, `&#x202E;`), at the reference.
    pub decoded_hidden: Vec<(Span, char)>,
    /// Computed once, by [`Document::seal`].
    pub banners: Banners,
    /// The document date: from the DTG.
    pub date: Option<Date>,
    /// Where each line of `source` starts, worked out on first use (for
    /// line and column of diagnostics: one binary search each).
    pub line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl Document {
    /// The non-paper section, if there is one (the first one).
    pub fn nonpaper(&self) -> Option<&Section> {
        self.sections.iter().find(|s| s.nonpaper)
    }

    /// Effective markings that contribute to the banner, with where each
    /// comes from: the subject and every portion with an effective marking
    /// (an unreadable mark counts as its fail-closed reading).
    pub fn contributors(&self) -> Vec<(Origin, Marking)> {
        let subject = self
            .subject
            .as_ref()
            .and_then(|s| s.effective.clone())
            .map(|m| (Origin::Subject, m));
        subject
            .into_iter()
            .chain(
                self.portions
                    .iter()
                    .enumerate()
                    .filter_map(|(i, p)| Some((Origin::Portion(i), p.effective.clone()?))),
            )
            .collect()
    }

    /// The banner: the roll-up of every portion (the subject included).
    pub fn rollup(&self) -> Rollup {
        let marks: Vec<Marking> = self.contributors().into_iter().map(|(_, m)| m).collect();
        marking::rollup(&marks, self.profile)
    }

    /// The banner of one section (the non-paper's own banner).
    pub fn section_rollup(&self, index: usize) -> Option<Rollup> {
        let section = self.sections.get(index)?;
        let marks: Vec<Marking> = std::iter::once(section.heading)
            .chain(section.body())
            .filter_map(|i| self.portions.get(i)?.effective.clone())
            .collect();
        Some(marking::rollup(&marks, self.profile))
    }

    /// The document declares itself unclassified (`banner: UNCLASSIFIED`,
    /// `UNCLASSIFIED//SBU`, an imported `UNCLAS` line): its unmarked
    /// portions are unclassified (32 CFR 2001.21(c) asks portion marks of
    /// classified documents), so the check does not ask for their marks.
    /// They still have no mark of their own: no release takes them.
    pub fn declared_unclassified(&self) -> bool {
        self.header.banner.as_ref().is_some_and(|b| {
            marking::parse(&b.value).is_ok_and(|p| !p.marking.level.is_classified())
        })
    }

    /// A caption that forbids foreign release (`NOFORN`), read fail-closed:
    /// look-alike and fullwidth letters folded, invisible characters
    /// dropped, a misspelling (`NOFRON`) or the words spelt out (`NO
    /// FOREIGN DISSEM`, `NOT RELEASABLE TO FOREIGN NATIONALS`) counted, and
    /// the distribution captions that keep a cable inside the US Government
    /// (`NODIS`, `EXDIS`, `LIMDIS`, `ORCON`) counted too.
    pub fn noforn_caption(&self) -> Option<&Located<String>> {
        self.header
            .captions
            .iter()
            .find(|c| caption_forbids_release(&c.value))
    }

    /// A caption that means NOFORN itself (not a distribution caption):
    /// it puts NOFORN in the banners.
    pub fn noforn_banner_caption(&self) -> Option<&Located<String>> {
        self.header
            .captions
            .iter()
            .find(|c| caption_means_noforn(&c.value))
    }

    /// Computes the banners (design §3.2, fail closed): the roll-up, raised
    /// to the declared banner's level and to the highest level any
    /// mark-like group in raw HTML or header data names; NOFORN when the
    /// declared banner or a caption says so.
    pub fn seal(&mut self) {
        let rollup = self.rollup();
        let mut floor = marking::Level::Unclassified;
        let caption_noforn = self.noforn_banner_caption().is_some();
        let mut noforn = caption_noforn;
        if let Some(declared) = &self.header.banner {
            match marking::parse(&declared.value) {
                Ok(p) => {
                    floor = floor.max(p.marking.level);
                    noforn |= p.marking.noforn || p.marking.sbu_noforn;
                }
                Err(_) => floor = floor.max(marking::named_level(&declared.value)),
            }
        }
        for h in &self.header_marks {
            floor = floor.max(h.mark.counted.level);
        }
        // An imported cable's header lines as written are printed by a
        // render of the whole document: a mark there counts too.
        let written = [
            &self.header.as_written.header,
            &self.header.as_written.transmission,
            &self.header.as_written.routing,
            &self.header.as_written.classification,
        ];
        // A caption naming a level (`TOP SECRET …`) raises the floor.
        for c in &self.header.captions {
            let (level, nf) = crate::source::detect::bare_named(&c.value);
            floor = floor.max(level.unwrap_or(marking::Level::Unclassified));
            noforn |= nf;
        }
        // Lines printed as written that no field reads (a preamble, a
        // note above the classification line): a level or NOFORN they
        // name without brackets counts too (`TOP SECRET//NOFORN …`).
        for raw in [
            &self.header.as_written.transmission,
            &self.header.as_written.classification,
        ]
        .into_iter()
        .flatten()
        {
            let (level, nf) = crate::source::detect::bare_named(raw);
            floor = floor.max(level.unwrap_or(marking::Level::Unclassified));
            noforn |= nf;
        }
        for raw in written.into_iter().flatten() {
            for f in crate::source::detect::scan(raw, &[]) {
                let m = crate::source::detect::counted(raw, &f);
                floor = floor.max(m.level);
                noforn |= m.noforn || m.sbu_noforn;
            }
        }
        for span in &self.html {
            let text = self.source.get(span.start..span.end).unwrap_or("");
            for f in crate::source::detect::scan(text, &[]) {
                floor = floor.max(crate::source::detect::counted(text, &f).level);
            }
        }
        // A Word document carries its headers, footers, hidden content and
        // properties with it: a mark there counts (a header's banner also
        // for NOFORN, as a declared banner does).
        if let Some(word) = &self.word {
            let headers = word.headers.iter().flat_map(|h| h.lines.iter());
            for text in headers {
                for f in crate::source::detect::scan(text, &[]) {
                    let m = crate::source::detect::counted(text, &f);
                    floor = floor.max(m.level);
                    noforn |= m.noforn || m.sbu_noforn;
                }
            }
            let hidden = word.hidden.iter().map(|h| &h.text);
            for text in hidden.chain(word.properties.iter().map(|p| &p.value)) {
                for f in crate::source::detect::scan(text, &[]) {
                    floor = floor.max(crate::source::detect::counted(text, &f).level);
                }
            }
        }
        let mut document = rollup.banner.raised_to(floor);
        if noforn {
            document = document.with_noforn();
        }
        let sections = (0..self.sections.len())
            .map(|i| {
                let b = self
                    .section_rollup(i)
                    .map(|r| r.banner)
                    .unwrap_or_else(|| document.clone());
                if caption_noforn {
                    b.with_noforn()
                } else {
                    b
                }
            })
            .collect();
        self.banners = Banners { document, sections };
    }

    /// The non-paper's banner (the first non-paper section's).
    pub fn nonpaper_banner(&self) -> Option<&Marking> {
        let i = self.sections.iter().position(|s| s.nonpaper)?;
        self.banners.sections.get(i)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.source.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let start = starts[line - 1];
        (line, self.source[start..offset].chars().count() + 1)
    }
}

/// True when a caption forbids foreign release (see
/// [`Document::noforn_caption`]).
pub fn caption_forbids_release(caption: &str) -> bool {
    caption_reading(caption, true)
}

/// True when a caption says NOFORN (however disguised).
pub fn caption_means_noforn(caption: &str) -> bool {
    caption_reading(caption, false)
}

fn caption_reading(caption: &str, distribution: bool) -> bool {
    use crate::source::detect;
    let folded: String = caption
        .chars()
        .filter(|c| !detect::is_invisible(*c))
        .map(detect::fold)
        .collect::<String>()
        .to_uppercase();
    let words: Vec<&str> = folded
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let near = |w: &str, target: &str| detect::edit_distance(w, target) <= 1;
    let dissem = distribution
        && words.iter().any(|w| {
            matches!(*w, "NODIS" | "EXDIS" | "LIMDIS" | "ORCON")
                || near(w, "NODIS")
                || near(w, "EXDIS")
        });
    dissem
        || words.iter().any(|w| *w == "NF" || near(w, "NOFORN"))
        || folded.contains("NO FOREIGN")
        || folded.contains("NOT RELEASABLE")
        || folded.contains("NOT FOR FOREIGN")
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}
