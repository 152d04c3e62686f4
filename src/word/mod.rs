//! Word documents (DOCX) as sources: the package is read with bounded
//! sizes ([`package`]), its parts parsed with quick-xml ([`parse`]; no DTD,
//! no entity but the five XML ones and character references is ever
//! resolved), and the result turned into a Markdown source ([`convert`])
//! that goes through the same reader, model, check and release as any
//! other source. What a reader of the Word file may not see but the file
//! still carries — comments, tracked deletions, hidden text, text boxes,
//! footnotes and endnotes, embedded documents — is never part of the
//! source's text: it is kept in [`WordFacts`] for the W rules of the check,
//! counts in the banner's fail-closed floor, and is never released.
//!
//! Why our own reader rather than docx-rs's: docx-rs's reader drops what a
//! check most needs (tracked deletions' text, hidden runs, text boxes,
//! comments' anchors) and reads without size limits; the zip and quick-xml
//! crates it uses are already in the tree.

mod convert;
mod package;
mod parse;

pub use convert::{to_source, Converted, Mode};

/// Why a Word document cannot be read (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WordError {
    #[error("not a Word document: {0}")]
    NotDocx(String),
    #[error("the Word document is damaged: {0}")]
    Corrupt(String),
    #[error("the Word document is too large to read safely: {0}")]
    TooLarge(String),
}

/// One paragraph of the body (or of a table cell), as a reader sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Para {
    /// 1-based, in body order (table cells included).
    pub index: usize,
    /// The paragraph style's name (`heading 1`, `List Bullet`, `Title`).
    pub style: String,
    /// Heading level from the style or an outline level (1–6).
    pub heading: Option<u8>,
    /// Word's numbering: (numId, level).
    pub numbering: Option<(u32, u8)>,
    pub runs: Vec<Run>,
    /// The page it starts on, counted from page breaks Word recorded.
    pub page: usize,
    /// The paragraph mark is hidden, and with it the numbering label.
    pub label_hidden: bool,
}

impl Para {
    /// The visible text.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(Para),
    /// Rows of cells of paragraphs.
    Table(Vec<Vec<Vec<Para>>>),
}

/// Where hidden content hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HiddenKind {
    Comment,
    Deletion,
    HiddenText,
    TextBox,
    Footnote,
    Endnote,
    /// An embedded document or object (`w:altChunk`, OLE, a data-bound
    /// content control): unreadable.
    Embedded,
    /// The branch of `mc:AlternateContent` Word does not show.
    Alternate,
    /// A header's or footer's line other than the banner.
    HeaderFooter,
    /// The result of a field Word computes (REF, DATE, DOCPROPERTY…).
    FieldResult,
    /// Text in a symbol font (Symbol, Wingdings…): not the letters shown.
    Symbol,
    /// A numbering label Word may draw otherwise (a bullet of several
    /// characters).
    Label,
}

impl HiddenKind {
    pub fn name(self) -> &'static str {
        match self {
            HiddenKind::Comment => "a comment",
            HiddenKind::Deletion => "a tracked deletion",
            HiddenKind::HiddenText => "hidden text",
            HiddenKind::TextBox => "a text box",
            HiddenKind::Footnote => "a footnote",
            HiddenKind::Endnote => "an endnote",
            HiddenKind::Embedded => "an embedded document",
            HiddenKind::Alternate => "alternate content Word does not show",
            HiddenKind::HeaderFooter => "a header or footer",
            HiddenKind::FieldResult => "a field's result (Word recomputes it)",
            HiddenKind::Symbol => "text in a symbol font",
            HiddenKind::Label => "a numbering label",
        }
    }
}

/// Text the reader of the Word file may not see, or that is not part of
/// the body's flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hidden {
    pub kind: HiddenKind,
    /// The body paragraph it is anchored to (1-based), when known.
    pub paragraph: Option<usize>,
    pub text: String,
}

/// A header or footer part as a section uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderFooter {
    /// `header` or `footer`.
    pub what: &'static str,
    /// `default`, `first` or `even`.
    pub kind: String,
    /// 1-based section.
    pub section: usize,
    pub part: String,
    pub lines: Vec<String>,
}

/// A document property (`title`, `subject`, `keywords`, a custom one,
/// and who wrote it: `creator`, `lastModifiedBy`, `Company`, `Manager`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub name: String,
    pub value: String,
}

impl Property {
    /// A property that describes the document (where only the banner
    /// belongs), rather than naming who wrote it.
    pub fn describes(&self) -> bool {
        !matches!(
            self.name.as_str(),
            "creator" | "lastModifiedBy" | "Company" | "Manager" | "HyperlinkBase"
        )
    }
}

/// A line that is a banner: a readable marking with no parenthesis, as a
/// header writes it (`SECRET//NOFORN`).
pub fn is_banner_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && !t.contains('(')
        && t.len() < 200
        && crate::marking::parse(t).is_ok_and(|p| p.problems.is_empty())
}

/// Everything read out of a Word document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordDocument {
    pub body: Vec<Block>,
    pub headers: Vec<HeaderFooter>,
    pub hidden: Vec<Hidden>,
    pub properties: Vec<Property>,
    /// Word's numbering definitions: numId → levels (format, text, start).
    pub(crate) numbering: parse::Numbering,
    /// Whether Word recorded where its pages break.
    pub pages_known: bool,
}

/// What the model keeps of a Word source for the W rules and for
/// locations a Word user can follow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordFacts {
    pub headers: Vec<HeaderFooter>,
    pub hidden: Vec<Hidden>,
    pub properties: Vec<Property>,
    /// For each converted block: its start offset in the source and its
    /// Word location, sorted by offset.
    pub origins: Vec<(usize, Location)>,
}

/// A place in the Word document.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// 1-based body paragraph.
    pub paragraph: usize,
    /// The number Word shows in front of it (`5.`, `a)`), if any.
    pub number: Option<String>,
    /// Its first words.
    pub excerpt: String,
    /// The page, when Word recorded page breaks.
    pub page: Option<usize>,
}

impl WordFacts {
    /// The Word location of a source offset: the block it falls in.
    pub fn location(&self, offset: usize) -> Option<&Location> {
        let i = self.origins.partition_point(|(start, _)| *start <= offset);
        i.checked_sub(1).map(|i| &self.origins[i].1)
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "paragraph {}", self.paragraph)?;
        if let Some(n) = &self.number {
            write!(f, " (numbered {n})")?;
        }
        if let Some(p) = self.page {
            write!(f, ", page {p}")?;
        }
        write!(f, ": \"{}\"", self.excerpt)
    }
}

/// Reads a Word document from its bytes.
pub fn read(bytes: &[u8]) -> Result<WordDocument, WordError> {
    let pkg = package::Package::open(bytes)?;
    parse::document(&pkg)
}

/// Whether these bytes are a zip package (a DOCX is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Text with its runs of white space made one space (one line of front
/// matter, a comment kept in a source, comparisons).
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first words of a text, for locations and messages.
pub fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(8).collect();
    let mut q = words.join(" ");
    if text.split_whitespace().count() > 8 {
        q.push('…');
    }
    q
}
