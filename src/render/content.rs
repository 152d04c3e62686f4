//! What a page-based output (PDF, DOCX) shows, decided once for both:
//! the banner, the title, the authority block and the portions with their
//! effective marks. The PDF and DOCX writers only lay this out.

use crate::authority::normal_reason;
use crate::date::Date;
use crate::marking::Marking;
use crate::model::{ref_letter, Document, Portion, PortionKind, Run, Span};

use super::Part;

/// A block of a page-based document.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    /// A heading of level 1..=6 (document level, not Markdown's).
    Heading(u8),
    Paragraph,
    /// A bullet of a list; depth 0 for a top-level list.
    Bullet(u8),
    /// An item of an ordered list, with its number as written (`3.`).
    Numbered(u8, String),
    Quote,
    Table(Vec<Vec<String>>),
    Code,
}

/// One portion as printed.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    /// The cable paragraph number, printed before the mark (`2. (S) …`).
    pub number: Option<u32>,
    /// The effective portion mark in Register form; `None` only for an
    /// unmarked portion in a forced render.
    pub mark: Option<String>,
    pub runs: Vec<Run>,
    /// Where the portion is in the source (the subject for a document
    /// title; empty for generated text), so a renderer that cannot draw
    /// some text can name its line (`doc.line_col(span.start)`).
    pub span: Span,
}

impl Item {
    /// The text without styles.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// `2. (S) ` – what precedes the text.
    pub fn prefix(&self) -> String {
        let mut p = String::new();
        if let Some(n) = self.number {
            p.push_str(&format!("{n}. "));
        }
        if let Some(m) = &self.mark {
            p.push_str(m);
            p.push(' ');
        }
        p
    }
}

/// Everything a page-based renderer prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    /// The banner for the top and bottom of every page.
    pub banner: Marking,
    /// Document metadata title: never classified text beyond the banner.
    pub meta_title: String,
    /// Document metadata subject: the banner.
    pub meta_subject: String,
    /// The visible title (`NON-PAPER`, or the subject with its mark).
    pub title: Item,
    /// The classification authority block, one line each.
    pub authority: Vec<String>,
    /// Addressing lines of the whole document (date, from, to, reference).
    pub front: Vec<String>,
    pub items: Vec<Item>,
    pub signature: Option<String>,
}

impl Content {
    /// The banner line, `SECRET//REL TO USA, TWN`.
    pub fn banner_text(&self) -> String {
        self.banner.banner()
    }
}

fn item(p: &Portion, numbered: bool) -> Item {
    let kind = match p.kind {
        PortionKind::Heading { level } => ItemKind::Heading(level),
        PortionKind::Paragraph => ItemKind::Paragraph,
        PortionKind::ListItem {
            ordered: true,
            depth: 0,
        } if p.number.is_some() => ItemKind::Paragraph,
        PortionKind::ListItem {
            ordered: true,
            depth,
        } => ItemKind::Numbered(depth, format!("{}.", p.written_number.unwrap_or(1))),
        PortionKind::ListItem { depth, .. } => ItemKind::Bullet(depth),
        PortionKind::BlockQuote => ItemKind::Quote,
        PortionKind::Table if fits_as_table(&p.cells) => ItemKind::Table(p.cells.clone()),
        // Too wide or too large to lay out as a grid: its rows as lines
        // (cells joined with ` | `), which every writer handles in bounded
        // time and memory.
        PortionKind::Table => ItemKind::Paragraph,
        PortionKind::CodeBlock => ItemKind::Code,
    };
    // Links print their address; a sub-paragraph label (`A.`) stays in
    // front of the text, as written.
    let mut runs = with_addresses(&p.runs);
    if let Some(label) = &p.label {
        runs.insert(
            0,
            Run {
                text: format!("{label} "),
                ..Run::default()
            },
        );
    }
    Item {
        kind,
        number: if numbered { p.number } else { None },
        mark: p.effective.as_ref().map(Marking::portion),
        runs,
        span: p.span,
    }
}

/// The runs with each link's address after its text, `text <URL>`, as
/// every output prints it (a plain run of the same link follows the link's
/// last run). A link whose text is its address (`<https://…>`, or an
/// e-mail address for `mailto:`) already shows it.
pub fn with_addresses(runs: &[Run]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let mut text = String::new();
    for (i, r) in runs.iter().enumerate() {
        out.push(r.clone());
        if r.link.is_none() {
            continue;
        }
        text.push_str(&r.text);
        let last_of_link = runs.get(i + 1).map(|n| &n.link) != Some(&r.link);
        if let (true, Some(url)) = (last_of_link, &r.link) {
            let shown = text.trim();
            let shows_address = shown == url || format!("mailto:{shown}") == *url;
            if !shows_address {
                out.push(Run {
                    text: format!(" <{url}>"),
                    link: Some(url.clone()),
                    ..Run::default()
                });
            }
            text.clear();
        }
    }
    out
}

/// Whether an address may become a link a reader opens (a PDF link
/// annotation, a Word hyperlink): a web, FTP or e-mail address of at most
/// [`MAX_LINK`] bytes. Any other scheme (`javascript:`, `file:`, `data:`,
/// a relative address) is printed and never made an action.
pub fn opens_safely(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    url.len() <= MAX_LINK
        && !url.chars().any(char::is_control)
        && ["http://", "https://", "ftp://", "mailto:"]
            .iter()
            .any(|s| lower.starts_with(s))
}

/// The longest address made a link (a longer one is printed only).
pub const MAX_LINK: usize = 4096;

/// At most this many columns, and cells, are laid out as a real table.
const MAX_TABLE_COLUMNS: usize = 24;
const MAX_TABLE_CELLS: usize = 5_000;

fn fits_as_table(cells: &[Vec<String>]) -> bool {
    let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
    let total: usize = cells.iter().map(Vec::len).sum();
    columns <= MAX_TABLE_COLUMNS && total <= MAX_TABLE_CELLS
}

fn plain(text: String) -> Vec<Run> {
    vec![Run {
        text,
        ..Run::default()
    }]
}

/// The authority block: Classified By (whole document only), Reasons,
/// Declassify On. Empty for an unclassified part.
fn authority(doc: &Document, banner: &Marking, with_classifier: bool) -> Vec<String> {
    if !banner.level.is_classified() {
        return Vec::new();
    }
    let h = &doc.header;
    let mut lines = Vec::new();
    if with_classifier {
        if let Some(by) = &h.classified_by {
            lines.push(format!("Classified By: {}", by.value.trim()));
        }
    }
    let reasons: Vec<String> = h
        .reasons
        .iter()
        .map(|r| match normal_reason(&r.value) {
            Some(c) => format!("({c})"),
            None => r.value.trim().to_string(),
        })
        .collect();
    if !reasons.is_empty() {
        lines.push(format!("Reason: 1.4{}", reasons.join(", ")));
    }
    if let Some(d) = &h.declassify_on {
        let value =
            Date::parse(&d.value).map_or_else(|| d.value.trim().to_string(), |d| d.to_string());
        lines.push(format!("Declassify On: {value}"));
    }
    lines
}

/// Builds the content of a part of a document.
pub fn build(doc: &Document, part: Part) -> Content {
    let banner = super::banner_marking(doc, part);
    match (part, doc.sections.iter().position(|s| s.nonpaper)) {
        (Part::NonPaper, Some(index)) => {
            let section = &doc.sections[index];
            let items = section
                .body()
                .map(|i| item(&doc.portions[i], false))
                .collect();
            Content {
                meta_title: "NON-PAPER".to_string(),
                meta_subject: banner.banner(),
                title: Item {
                    kind: ItemKind::Heading(0),
                    number: None,
                    mark: None,
                    runs: plain("NON-PAPER".to_string()),
                    span: Span::default(),
                },
                // A non-paper is not attributed: no classifier's name, no
                // addressees, no signature, no reference number.
                authority: authority(doc, &banner, false),
                front: Vec::new(),
                items,
                signature: None,
                banner,
            }
        }
        _ => {
            let h = &doc.header;
            let mut front = Vec::new();
            if let Some(d) = doc.date {
                front.push(format!("Date: {d}"));
            }
            if let Some(r) = &h.reference {
                front.push(format!("Reference: {}", r.value.trim()));
            }
            if let Some(f) = &h.from {
                front.push(format!("From: {}", f.value.trim()));
            }
            for (label, list) in [("To", &h.to), ("Info", &h.info)] {
                if !list.is_empty() {
                    let names: Vec<&str> = list.iter().map(|a| a.value.trim()).collect();
                    front.push(format!("{label}: {}", names.join("; ")));
                }
            }
            if !h.tags.is_empty() {
                let tags: Vec<&str> = h.tags.iter().map(|t| t.value.trim()).collect();
                front.push(format!("Tags: {}", tags.join(", ")));
            }
            for (i, r) in h.refs.iter().enumerate() {
                front.push(format!("Ref {}: {}", ref_letter(i), r.value.trim()));
            }
            let title = match &doc.subject {
                Some(s) => Item {
                    kind: ItemKind::Heading(0),
                    number: None,
                    mark: s
                        .mark
                        .as_ref()
                        .and_then(|m| m.marking())
                        .map(Marking::portion),
                    runs: plain(s.text.clone()),
                    span: s.span,
                },
                // No subject: the first section's heading, with its mark, or
                // `NON-PAPER`; never the banner, which is not a title.
                None => match doc
                    .sections
                    .first()
                    .and_then(|sec| doc.portions.get(sec.heading))
                {
                    Some(h) => Item {
                        kind: ItemKind::Heading(0),
                        number: None,
                        mark: h.effective.as_ref().map(Marking::portion),
                        runs: plain(doc.sections[0].title.clone()),
                        span: h.span,
                    },
                    None => Item {
                        kind: ItemKind::Heading(0),
                        number: None,
                        mark: None,
                        runs: plain("NON-PAPER".to_string()),
                        span: Span::default(),
                    },
                },
            };
            let items = doc.portions.iter().map(|p| item(p, true)).collect();
            Content {
                meta_title: banner.banner(),
                meta_subject: banner.banner(),
                title,
                authority: authority(doc, &banner, true),
                front,
                items,
                signature: h.signature.as_ref().map(|s| s.value.trim().to_string()),
                banner,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        crate::source::sample_document()
    }

    #[test]
    fn nonpaper_holds_only_the_talking_points() {
        let c = build(&sample(), Part::NonPaper);
        assert_eq!(c.banner_text(), "SECRET//REL TO USA, TWN");
        assert_eq!(c.meta_title, "NON-PAPER");
        assert_eq!(c.items.len(), 13);
        assert!(c
            .items
            .iter()
            .all(|i| i.mark.as_deref() == Some("(S//REL TO USA, TWN)")));
        assert!(c.items.iter().all(|i| i.kind == ItemKind::Bullet(0)));
        assert!(c.front.is_empty() && c.signature.is_none());
        assert!(!c.authority.iter().any(|l| l.contains("DURHAM")));
        assert_eq!(
            c.authority,
            ["Reason: 1.4(b), (c), (d)", "Declassify On: 2034-06-12"]
        );
    }

    #[test]
    fn whole_document_has_subject_title_and_authority() {
        let c = build(&sample(), Part::Whole);
        assert_eq!(c.banner_text(), "SECRET");
        assert_eq!(c.meta_title, "SECRET");
        assert_eq!(c.title.mark.as_deref(), Some("(S)"));
        assert!(c.title.text().starts_with("Responding to Taiwan"));
        assert_eq!(c.authority[0], "Classified By: ISN/MTR DIRECTOR PAM DURHAM");
        assert_eq!(c.items.len(), 21);
        assert_eq!(c.items[0].prefix(), "1. (U) ");
        assert_eq!(c.signature.as_deref(), Some("CLINTON"));
    }
}
