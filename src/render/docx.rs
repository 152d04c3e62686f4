//! The Word-ready DOCX (DESIGN §5.3), written with docx-rs.
//!
//! What is printed comes only from [`content::build`]: this module lays the
//! [`Content`] out as an editable Word document and never decides a mark.
//!
//! * The banner is centred, bold and in the level's colour in the header and
//!   the footer of the (only) section, on every page.
//! * Real Word styles: `Title`, `heading 1`…`heading 6`, `Normal`,
//!   `List Bullet` (tied to a bullet numbering definition), `Quote`,
//!   `Plain Text`, `Message Header` (addressing lines), `Signature`, and
//!   `Classification Authority` for the authority block, which sits above the
//!   banner in the footer of the first page.
//! * Every portion starts with its prefix (`2. (S) `) as ordinary text.
//! * Reproducible bytes: paragraph ids are numbered here, `docProps/core.xml`
//!   is written here with the document date (or 1980-01-01), and the package
//!   is re-zipped here with deflate, entries in a fixed order and dated
//!   1980-01-01 00:00.

use std::io::{Cursor, Write};

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Footer, Header, Hyperlink, HyperlinkData,
    IndentLevel, Level, LevelJc, LevelOverride, LevelSuffixType, LevelText, LineSpacing,
    LineSpacingType, NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType, Start, Style as WordStyle, StyleType, Table, TableCell, TableRow, WidthType,
    XMLDocx,
};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::content::{self, Content, Item, ItemKind};
use super::style::{FontFamily, PageSize};
use super::{Part, Render, RenderError, Style};
use crate::date::Date;
use crate::model::{Document, Run as TextRun};

mod order;

/// The DOCX renderer.
pub struct Docx;

impl Render for Docx {
    fn render(&self, doc: &Document, part: Part, style: &Style) -> Result<Vec<u8>, RenderError> {
        if part == Part::NonPaper && doc.nonpaper().is_none() {
            return Err(RenderError::NoNonPaper);
        }
        write(&content::build(doc, part), style, super::document_date(doc))
    }
}

// Style ids (the `w:styleId`) and names (the `w:name`). The names are Word's
// own built-in names, so Word treats them as its built-in styles.
const TITLE: (&str, &str) = ("Title", "Title");
const LIST_BULLET: (&str, &str) = ("ListBullet", "List Bullet");
const QUOTE: (&str, &str) = ("Quote", "Quote");
const PLAIN_TEXT: (&str, &str) = ("PlainText", "Plain Text");
const MESSAGE_HEADER: (&str, &str) = ("MessageHeader", "Message Header");
const SIGNATURE: (&str, &str) = ("Signature", "Signature");
const HEADER: (&str, &str) = ("Header", "header");
const FOOTER: (&str, &str) = ("Footer", "footer");
const AUTHORITY: (&str, &str) = ("ClassificationAuthority", "Classification Authority");
const TABLE_GRID: (&str, &str) = ("TableGrid", "Table Grid");
const PARAGRAPH: (&str, &str) = ("CableParagraph", "Cable Paragraph");
const LIST_NUMBER: (&str, &str) = ("ListNumber", "List Number");
const HYPERLINK: (&str, &str) = ("Hyperlink", "Hyperlink");

/// The numbering instance (and its abstract definition) the `List Bullet`
/// style and bullets use. docx-rs always writes a decimal definition with
/// id 1 itself, so ours is 2.
const BULLET_NUM_ID: usize = 2;
/// The multilevel list of the cable's paragraph numbers (level 0, tied to
/// the `Cable Paragraph` style) and of ordered lists (levels 1–8), and its
/// first instance. Further instances (ids from [`FIRST_RESTART_ID`]) start
/// a level at the number the source gives.
const PARAGRAPH_NUM_ID: usize = 3;
const FIRST_RESTART_ID: usize = 4;

/// Twentieths of a point per point.
const TWIPS: f32 = 20.0;

/// Lays `content` out as a DOCX package. `date` dates the core properties;
/// without it, 1980-01-01.
pub fn write(content: &Content, style: &Style, date: Option<Date>) -> Result<Vec<u8>, RenderError> {
    let mut ids = ParaIds::default();
    let page = Page::of(style);
    let (r, g, b) = style.colors.level(content.banner.level);
    let banner_color = format!("{r:02X}{g:02X}{b:02X}");
    let banner = content.banner_text();
    // Space around the addressing and authority blocks.
    let block_gap = twips(style.text.paragraph_spacing * 1.5).max(0) as u32;

    // The banner paragraph, for headers and footers.
    let banner_par = |ids: &mut ParaIds, style_id: &str| {
        ids.next(Paragraph::new())
            .style(style_id)
            .align(AlignmentType::Center)
            .add_run(
                run(&banner, None)
                    .bold()
                    .color(&banner_color)
                    .size(half_points(style.text.banner_size)),
            )
    };

    let mut docx = docx_rs::Docx::new()
        .page_size(page.width, page.height)
        .page_margin(page.margin.clone())
        .default_fonts(fonts(style.text.font))
        .default_size(half_points(style.text.size))
        .default_line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line((240.0 * style.text.line_spacing).round() as i32)
                .after(twips(style.text.paragraph_spacing) as u32),
        );
    for s in styles(style) {
        docx = docx.add_style(s);
    }
    docx = docx
        .add_abstract_numbering(bullets())
        .add_numbering(Numbering::new(BULLET_NUM_ID, BULLET_NUM_ID))
        .add_abstract_numbering(paragraph_numbers())
        .add_numbering(Numbering::new(PARAGRAPH_NUM_ID, PARAGRAPH_NUM_ID));
    // The `List Bullet` style refers to the numbering even when no
    // paragraph does, so the numbering part is always related.
    docx.document_rels.has_numberings = true;

    // Every page: the banner at the top and at the bottom. With an authority
    // block, the first page has its own footer: the block, then the banner.
    // `Page N of M`, Word's PAGE and NUMPAGES fields, above the banner.
    let page_par = |ids: &mut ParaIds| {
        let field = |ids_run: Run, instr: docx_rs::InstrText| {
            [
                ids_run.add_field_char(docx_rs::FieldCharType::Begin, false),
                run("", None).add_instr_text(instr),
                run("", None).add_field_char(docx_rs::FieldCharType::Separate, false),
                run("1", None),
                run("", None).add_field_char(docx_rs::FieldCharType::End, false),
            ]
        };
        let mut p = ids
            .next(Paragraph::new())
            .style(FOOTER.0)
            .align(AlignmentType::Center)
            .add_run(run("Page ", None));
        for r in field(
            run("", None),
            docx_rs::InstrText::PAGE(docx_rs::InstrPAGE::new()),
        ) {
            p = p.add_run(r);
        }
        p = p.add_run(run(" of ", None));
        for r in field(
            run("", None),
            docx_rs::InstrText::NUMPAGES(docx_rs::InstrNUMPAGES::new()),
        ) {
            p = p.add_run(r);
        }
        p
    };
    let header = Header::new().add_paragraph(banner_par(&mut ids, HEADER.0));
    let footer = Footer::new()
        .add_paragraph(page_par(&mut ids))
        .add_paragraph(banner_par(&mut ids, FOOTER.0));
    docx = docx.header(header).footer(footer);
    if !content.authority.is_empty() {
        let first_header = Header::new().add_paragraph(banner_par(&mut ids, HEADER.0));
        let mut first_footer = Footer::new();
        for (i, line) in content.authority.iter().enumerate() {
            let mut p = ids
                .next(Paragraph::new())
                .style(AUTHORITY.0)
                .add_run(run(line, None));
            if i == 0 {
                // Keep the block clear of the last line of body text.
                p = p.line_spacing(LineSpacing::new().before(block_gap));
            }
            first_footer = first_footer.add_paragraph(p);
        }
        first_footer = first_footer
            .add_paragraph(page_par(&mut ids))
            .add_paragraph(banner_par(&mut ids, FOOTER.0));
        docx = docx
            .first_header(first_header)
            .first_footer(first_footer)
            .title_pg();
    }

    // The title, then the addressing lines of the whole document. They are
    // not portions and carry no mark, so they sit in a borderless table:
    // every body paragraph of the document is then a marked portion.
    docx = docx.add_paragraph(text_par(&mut ids, TITLE.0, &content.title, style));
    if !content.front.is_empty() {
        docx = docx.add_table(unmarked_lines(
            &mut ids,
            &content.front,
            MESSAGE_HEADER.0,
            &page,
            block_gap,
        ));
    }

    // The portions. Paragraph numbers and ordered lists are Word
    // numbering: the text starts with the portion mark.
    let text_color = text_color(style);
    let mut counter = Counter::new();
    for item in &content.items {
        // The numbering of the item: its level and Word's list instance;
        // a number Word cannot show (past 32767, or past the most list
        // instances) is typed before the mark instead.
        let (numbered, typed) = match (&item.kind, item.number) {
            (ItemKind::Table(_), _) => (None, None),
            (_, Some(n)) => match counter.place(0, n) {
                Some(num) => (Some((0, num)), None),
                None => (None, Some(format!("{n}."))),
            },
            (ItemKind::Numbered(depth, label), None) => {
                let level = (usize::from(*depth) + 1).min(8);
                match counter.place(level, label_number(label)) {
                    Some(num) => (Some((level, num)), None),
                    None => (None, Some(label.clone())),
                }
            }
            _ => (None, None),
        };
        let typed_item;
        let item = match typed {
            Some(number) => {
                let mut t = item.clone();
                t.mark = Some(match &item.mark {
                    Some(m) => format!("{number} {m}"),
                    None => number,
                });
                typed_item = t;
                &typed_item
            }
            None => item,
        };
        let with_number = |p: Paragraph| match numbered {
            Some((level, num)) => p.numbering(NumberingId::new(num), IndentLevel::new(level)),
            None => p,
        };
        match &item.kind {
            ItemKind::Heading(level) => {
                let id = format!("Heading{}", (*level).clamp(1, 6));
                docx = docx.add_paragraph(with_number(text_par(&mut ids, &id, item, style)));
            }
            ItemKind::Paragraph => {
                let mut p = ids.next(Paragraph::new());
                if numbered.is_some() {
                    p = p.style(PARAGRAPH.0);
                }
                if style.text.justify {
                    p = p.align(AlignmentType::Both);
                }
                let p = add_runs(&mut ids, with_number(p), item, style, text_color.as_deref());
                docx = docx.add_paragraph(p);
            }
            ItemKind::Bullet(depth) => {
                let p = ids.next(Paragraph::new()).style(LIST_BULLET.0).numbering(
                    NumberingId::new(BULLET_NUM_ID),
                    IndentLevel::new((usize::from(*depth) + 1).min(8)),
                );
                let p = add_runs(&mut ids, with_number(p), item, style, text_color.as_deref());
                docx = docx.add_paragraph(p);
            }
            ItemKind::Numbered(..) => {
                let p = ids.next(Paragraph::new()).style(LIST_NUMBER.0);
                let p = add_runs(&mut ids, with_number(p), item, style, text_color.as_deref());
                docx = docx.add_paragraph(p);
            }
            ItemKind::Quote => {
                let p = text_par(&mut ids, QUOTE.0, item, style);
                docx = docx.add_paragraph(with_number(p));
            }
            ItemKind::Code => {
                let p = text_par(&mut ids, PLAIN_TEXT.0, item, style);
                docx = docx.add_paragraph(with_number(p));
            }
            ItemKind::Table(cells) => {
                if let Some(n) = item.number {
                    // A numbered table: its number and mark on a paragraph
                    // of their own above it, so Word counts it and a
                    // reference to it finds it; no number in a cell.
                    let mut p = ids.next(Paragraph::new()).keep_next(true);
                    let mut lead = item.mark.clone().unwrap_or_default();
                    match counter.place(0, n) {
                        Some(num) => {
                            p = p
                                .style(PARAGRAPH.0)
                                .numbering(NumberingId::new(num), IndentLevel::new(0))
                        }
                        None => lead = format!("{n}. {lead}"),
                    }
                    if !lead.is_empty() {
                        p = p.add_run(run(lead.trim_end(), text_color.as_deref()));
                    }
                    docx = docx.add_paragraph(p);
                }
                docx = docx.add_table(table(&mut ids, item, cells, &page, style));
            }
        }
    }
    for (id, level, start) in &counter.restarts {
        // Every level of a restarted instance starts explicitly, so Word
        // never carries a count over from the list's other instances.
        let mut n = Numbering::new(*id, PARAGRAPH_NUM_ID);
        for l in 0..9 {
            let at = if l == *level { *start } else { 1 };
            n = n.add_override(LevelOverride::new(l).start(at as usize));
        }
        docx = docx.add_numbering(n);
    }
    if let Some(signature) = &content.signature {
        docx = docx.add_table(unmarked_lines(
            &mut ids,
            std::slice::from_ref(signature),
            SIGNATURE.0,
            &page,
            0,
        ));
    }

    let mut xml = docx.build();
    xml.doc_props.core = core_xml(content, date).into_bytes();
    xml.settings = SETTINGS.as_bytes().to_vec();
    xml.font_table = FONT_TABLE.as_bytes().to_vec();
    xml.document_rels = sorted_relationships(&xml.document_rels)?;
    pack(xml)
}

/// Paragraph ids (`w14:paraId`) and hyperlink relationship ids, numbered
/// from 1 for each document, so the bytes never depend on what was
/// rendered before in the same process (docx-rs numbers hyperlinks from a
/// process-wide counter).
#[derive(Default)]
struct ParaIds {
    paragraphs: u32,
    links: u32,
}

impl ParaIds {
    fn next(&mut self, p: Paragraph) -> Paragraph {
        self.paragraphs += 1;
        // Word wants ids below 0x80000000; a document never has that many.
        p.id(format!("{:08X}", self.paragraphs & 0x7FFF_FFFF))
    }

    /// An external hyperlink to `url`, with the next relationship id.
    fn link(&mut self, url: &str) -> Hyperlink {
        self.links += 1;
        Hyperlink {
            link: HyperlinkData::External {
                rid: format!("rIdHyperlink{}", self.links),
                // docx-rs writes the target as it is: escaped here.
                path: escape(url),
            },
            history: None,
            children: Vec::new(),
        }
    }
}

/// Word's counting of the list of paragraph numbers, simulated, so that
/// every number Word shows is the one the content gives (a cable numbers
/// its paragraphs as written, a release keeps the numbers of the original,
/// an ordered list starts where its source starts). A paragraph Word
/// would number otherwise gets a new instance of the list, with every
/// level's start given.
struct Counter {
    /// The instance in use.
    num: usize,
    next_id: usize,
    /// Word's count at each level of the instance in use.
    counts: [Option<u32>; 9],
    /// Where each level starts in the instance in use.
    starts: [u32; 9],
    /// The instances to write: id, the level restarted, its start.
    restarts: Vec<(usize, usize, u32)>,
}

impl Counter {
    fn new() -> Counter {
        Counter {
            num: PARAGRAPH_NUM_ID,
            next_id: FIRST_RESTART_ID,
            counts: [None; 9],
            starts: [1; 9],
            restarts: Vec::new(),
        }
    }

    /// The instance that numbers a paragraph `n` at `level`; `None` when
    /// Word cannot show `n` (it counts to 32767) or the document already
    /// has [`MAX_RESTARTS`] instances (each costs Word a list definition).
    fn place(&mut self, level: usize, n: u32) -> Option<usize> {
        let level = level.min(8);
        if n > 32767 {
            return None;
        }
        let word = self.counts[level].map_or(self.starts[level], |c| c.saturating_add(1));
        if word != n {
            if self.restarts.len() >= MAX_RESTARTS {
                return None;
            }
            self.num = self.next_id;
            self.next_id += 1;
            self.restarts.push((self.num, level, n));
            self.counts = [None; 9];
            self.starts = [1; 9];
            self.starts[level] = n;
        }
        self.counts[level] = Some(n);
        // A level restarts after any shallower one.
        for c in self.counts.iter_mut().skip(level + 1) {
            *c = None;
        }
        Some(self.num)
    }
}

/// The most list instances a document gets; numbers past them are typed.
const MAX_RESTARTS: usize = 1000;

/// The number of an ordered item's label as written (`3.`, `0.`), or 1.
fn label_number(label: &str) -> u32 {
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(1)
}

/// The page geometry in twips.
struct Page {
    width: u32,
    height: u32,
    margin: PageMargin,
    /// Width of the text area.
    text_width: u32,
}

impl Page {
    fn of(style: &Style) -> Page {
        let (width, height) = match style.page.size {
            // Exact values: 8.5 × 11 in and 210 × 297 mm.
            PageSize::Letter => (12240, 15840),
            PageSize::A4 => (11906, 16838),
        };
        let p = &style.page;
        let (top, bottom) = (twips(p.margin_top), twips(p.margin_bottom));
        let (left, right) = (twips(p.margin_left), twips(p.margin_right));
        // Header and footer half an inch from the edge, or half the margin
        // when the margin is narrower than an inch.
        let header = (top / 2).min(720);
        let footer = (bottom / 2).min(720);
        Page {
            width,
            height,
            margin: PageMargin::new()
                .top(top)
                .bottom(bottom)
                .left(left)
                .right(right)
                .header(header)
                .footer(footer)
                .gutter(0),
            text_width: width.saturating_sub((left + right).max(0) as u32),
        }
    }
}

/// Points to twips. Style validation keeps margins finite and small.
fn twips(points: f32) -> i32 {
    (points * TWIPS).round() as i32
}

/// Points to Word's half-points.
fn half_points(points: f32) -> usize {
    (points * 2.0).round().max(1.0) as usize
}

/// The Word font standing for a style's PDF font family.
fn font_name(family: FontFamily) -> &'static str {
    match family {
        // The PDF's own faces; Word puts Times New Roman, Arial and
        // Courier New (metric-compatible) where they are not installed.
        FontFamily::Times => "Liberation Serif",
        FontFamily::Helvetica => "Liberation Sans",
        FontFamily::Courier => "Liberation Mono",
    }
}

fn fonts(family: FontFamily) -> RunFonts {
    let name = font_name(family);
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
        .east_asia(name)
}

/// The body text colour, `None` when it is black (Word's automatic colour).
fn text_color(style: &Style) -> Option<String> {
    let (r, g, b) = style.colors.text_rgb();
    ((r, g, b) != (0, 0, 0)).then(|| format!("{r:02X}{g:02X}{b:02X}"))
}

/// The paragraph styles. `Normal` is written by docx-rs itself and takes its
/// font, size and spacing from the document defaults.
fn styles(style: &Style) -> Vec<WordStyle> {
    let t = &style.text;
    let heading_fonts = fonts(t.heading_font);
    let para = |(id, name): (&str, &str)| {
        WordStyle::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
    };
    let spacing = |before: f32, after: f32| {
        LineSpacing::new()
            .before(twips(before) as u32)
            .after(twips(after) as u32)
    };
    let mut list = vec![
        para(TITLE)
            .fonts(heading_fonts.clone())
            .size(half_points(t.title_size))
            .bold()
            .line_spacing(spacing(0.0, t.paragraph_spacing * 2.0))
            .ui_priority(10),
        para(LIST_BULLET).ui_priority(34),
        para(QUOTE)
            .italic()
            .indent(Some(720), None, Some(720), None),
        para(PLAIN_TEXT)
            .fonts(fonts(FontFamily::Courier))
            .size(half_points(t.size * 0.85)),
        para(MESSAGE_HEADER).line_spacing(spacing(0.0, 0.0)),
        para(SIGNATURE).line_spacing(spacing(t.paragraph_spacing, 0.0)),
        para(HEADER).line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(240)
                .line_rule(LineSpacingType::Auto),
        ),
        para(FOOTER).line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(240)
                .line_rule(LineSpacingType::Auto),
        ),
        para(AUTHORITY)
            .size(half_points((t.size - 2.0).max(4.0)))
            .line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(0)
                    .line(240)
                    .line_rule(LineSpacingType::Auto),
            ),
        WordStyle::new(TABLE_GRID.0, StyleType::Table).name(TABLE_GRID.1),
        para(PARAGRAPH).ui_priority(11),
        para(LIST_NUMBER).ui_priority(35),
        WordStyle::new(HYPERLINK.0, StyleType::Character)
            .name(HYPERLINK.1)
            .color("0563C1")
            .underline("single")
            .ui_priority(99),
    ];
    // The list styles carry their numbering, as Word's own `List Bullet`
    // and `List Number` do; so does the cable paragraph.
    for s in &mut list {
        let numbering = match s.style_id.as_str() {
            id if id == LIST_BULLET.0 => (BULLET_NUM_ID, 1),
            id if id == PARAGRAPH.0 => (PARAGRAPH_NUM_ID, 0),
            id if id == LIST_NUMBER.0 => (PARAGRAPH_NUM_ID, 1),
            _ => continue,
        };
        s.paragraph_property = s
            .paragraph_property
            .clone()
            .numbering(NumberingId::new(numbering.0), IndentLevel::new(numbering.1));
    }
    for level in 1..=6u8 {
        // Heading 1 at the heading size, smaller levels a point less each,
        // never below the body size.
        let size = (t.heading_size - f32::from(level - 1)).max(t.size);
        list.push(
            WordStyle::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .based_on("Normal")
                .next("Normal")
                .fonts(heading_fonts.clone())
                .size(half_points(size))
                .bold()
                .line_spacing(spacing(
                    t.paragraph_spacing * 1.5,
                    t.paragraph_spacing / 2.0,
                ))
                .outline_lvl(usize::from(level - 1))
                .ui_priority(9),
        );
        if let Some(h) = list.last_mut() {
            h.paragraph_property = h.paragraph_property.clone().keep_next(true);
        }
    }
    list
}

/// The bullet definition: `•`, `o`, `▪` by depth, as Word's own bullets.
/// A list of depth `d` is at level `d + 1`, bullets as ordered items (level
/// 0 is the paragraph's, so a nested item is always a level deeper than
/// the item it is nested in, whatever the kinds of the two lists); level 0
/// is drawn as level 1.
fn bullets() -> AbstractNumbering {
    let mut n = AbstractNumbering::new(BULLET_NUM_ID);
    for level in 0..9usize {
        let depth = level.max(1) - 1;
        let (glyph, font) = match depth % 3 {
            0 => ("\u{F0B7}", "Symbol"),
            1 => ("o", "Courier New"),
            _ => ("\u{F0A7}", "Wingdings"),
        };
        let left = 720 + 360 * depth.min(6) as i32;
        n = n.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new("bullet"),
                LevelText::new(glyph),
                LevelJc::new("left"),
            )
            .indent(
                Some(left),
                Some(SpecialIndentType::Hanging(360)),
                None,
                None,
            )
            .fonts(RunFonts::new().ascii(font).hi_ansi(font).hint("default")),
        );
    }
    n
}

/// The paragraph numbers and ordered lists: level 0 the cable's `1.`, the
/// number followed by a space and the text back at the margin, as a cable
/// is written (tied to the `Cable Paragraph` style); levels 1–8 the items
/// of ordered lists by depth, `1.` hanging in the indent (which stops
/// growing after six levels, as in the PDF, so nothing leaves the margin).
fn paragraph_numbers() -> AbstractNumbering {
    let mut n = AbstractNumbering::new(PARAGRAPH_NUM_ID);
    for level in 0..9usize {
        let text = format!("%{}.", level + 1);
        let mut l = Level::new(
            level,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new(text),
            LevelJc::new("left"),
        );
        l = if level == 0 {
            l.suffix(LevelSuffixType::Space)
                .paragraph_style(PARAGRAPH.0)
        } else {
            let left = 360 * (level.min(7) as i32 + 1);
            l.indent(
                Some(left),
                Some(SpecialIndentType::Hanging(360)),
                None,
                None,
            )
        };
        n = n.add_level(l);
    }
    n
}

/// A paragraph of a given style holding an item's prefix and runs.
fn text_par(ids: &mut ParaIds, style_id: &str, item: &Item, style: &Style) -> Paragraph {
    let color = if style_id == TITLE.0 || style_id.starts_with("Heading") {
        None
    } else {
        text_color(style)
    };
    let p = ids.next(Paragraph::new()).style(style_id);
    add_runs(ids, p, item, style, color.as_deref())
}

/// Appends the portion mark as plain text (the number, if any, is Word's
/// numbering), then the item's runs with their bold, italic, code and
/// strikethrough styles, a link's runs inside a Word hyperlink.
fn add_runs(
    ids: &mut ParaIds,
    mut p: Paragraph,
    item: &Item,
    style: &Style,
    color: Option<&str>,
) -> Paragraph {
    if let Some(mark) = &item.mark {
        p = p.add_run(run(&format!("{mark} "), color));
    }
    let mut i = 0;
    while i < item.runs.len() {
        let r = &item.runs[i];
        match &r.link {
            Some(url) if content::opens_safely(url) => {
                let mut link = ids.link(url);
                while let Some(r) = item.runs.get(i).filter(|n| n.link.as_ref() == Some(url)) {
                    link = link.add_run(styled_run(r, style, color).style(HYPERLINK.0));
                    i += 1;
                }
                p = p.add_hyperlink(link);
            }
            // Not a web, FTP or mail address: text only, never a link.
            _ => {
                p = p.add_run(styled_run(r, style, color));
                i += 1;
            }
        }
    }
    p
}

fn styled_run(r: &TextRun, style: &Style, color: Option<&str>) -> Run {
    let mut run = run(&r.text, color);
    if r.bold {
        run = run.bold();
    }
    if r.italic {
        run = run.italic();
    }
    if r.strike {
        run = run.strike();
    }
    if r.code {
        run = run
            .fonts(fonts(FontFamily::Courier))
            .size(half_points(style.text.size * 0.9));
    }
    run
}

/// A run of text: line breaks become `w:br`, tabs `w:tab`, and characters
/// XML cannot hold are dropped.
fn run(text: &str, color: Option<&str>) -> Run {
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                run = run.add_tab();
            }
            if !piece.is_empty() {
                run = run.add_text(clean(piece));
            }
        }
    }
    match color {
        Some(c) => run.color(c),
        None => run,
    }
}

/// Drops characters XML 1.0 forbids (controls other than tab, line feed and
/// carriage return, lone surrogates cannot occur in a `str`, U+FFFE/U+FFFF).
/// docx-rs escapes `&`, `<`, `>` and quotes itself.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect()
}

/// A table: the mark at the start of each row's first cell, rows padded to the
/// widest row, columns of equal width across the text area.
fn table(
    ids: &mut ParaIds,
    item: &Item,
    cells: &[Vec<String>],
    page: &Page,
    style: &Style,
) -> Table {
    let color = text_color(style);
    let columns = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let width = (page.text_width as usize / columns).max(1);
    let mut rows = Vec::new();
    for row in cells {
        let mut out = Vec::new();
        for ci in 0..columns {
            let mut p = ids.next(Paragraph::new());
            if ci == 0 {
                // The mark opens every row (the table's mark covers each,
                // and a row copied in Word keeps it); a paragraph number
                // is never put in a cell.
                if let Some(mark) = &item.mark {
                    p = p.add_run(run(&format!("{mark} "), color.as_deref()));
                }
            }
            if let Some(text) = row.get(ci) {
                p = p.add_run(run(text.trim(), color.as_deref()));
            }
            out.push(
                TableCell::new()
                    .width(width, WidthType::Dxa)
                    .add_paragraph(p),
            );
        }
        rows.push(TableRow::new(out));
    }
    if rows.is_empty() {
        // A table without cells still shows its mark and text.
        let p = ids.next(Paragraph::new());
        let p = add_runs(ids, p, item, style, color.as_deref());
        rows.push(TableRow::new(vec![TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(p)]));
    }
    Table::new(rows)
        .style(TABLE_GRID.0)
        .set_grid(vec![width; columns])
        .width(width * columns, WidthType::Dxa)
}

/// Lines that are not portions (addressing, signature): a one-column
/// table without borders, so Word shows plain lines and the body's
/// paragraphs stay portions only.
fn unmarked_lines(
    ids: &mut ParaIds,
    lines: &[String],
    style_id: &str,
    page: &Page,
    space_after: u32,
) -> Table {
    let width = (page.text_width as usize).max(1);
    let mut cell = TableCell::new().width(width, WidthType::Dxa);
    for (i, line) in lines.iter().enumerate() {
        let mut p = ids
            .next(Paragraph::new())
            .style(style_id)
            .add_run(run(line, None));
        if i + 1 == lines.len() && space_after > 0 {
            p = p.line_spacing(LineSpacing::new().after(space_after));
        }
        cell = cell.add_paragraph(p);
    }
    Table::without_borders(vec![TableRow::new(vec![cell])])
        .set_grid(vec![width])
        .width(width, WidthType::Dxa)
}

/// Escapes text for XML character data and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// `docProps/core.xml`: title and subject from the content (the banner, or
/// `NON-PAPER`: never classified text beyond the banner), a neutral creator,
/// no keywords, and the document date instead of the clock.
fn core_xml(content: &Content, date: Option<Date>) -> String {
    let when = match date {
        Some(d) if (1..=9999).contains(&d.year) => {
            format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day)
        }
        _ => "1980-01-01T00:00:00Z".to_string(),
    };
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
            r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title>",
            "<dc:subject>{subject}</dc:subject>",
            "<dc:creator>cablemark</dc:creator>",
            "<cp:keywords></cp:keywords>",
            "<cp:lastModifiedBy>cablemark</cp:lastModifiedBy>",
            "<cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(&content.meta_title),
        subject = escape(&content.meta_subject),
        when = when,
    )
}

/// Makes `Normal` the default paragraph style (`w:default="1"`), which
/// docx-rs does not write. Without it, a paragraph with no `w:pStyle` has
/// no style at all for readers such as python-docx, and Word falls back to
/// its own idea of Normal instead of ours.
fn default_normal(styles: Vec<u8>) -> Result<Vec<u8>, RenderError> {
    const NORMAL: &str = r#"<w:style w:type="paragraph" w:styleId="Normal">"#;
    const DEFAULT: &str = r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#;
    let text = String::from_utf8(styles)
        .map_err(|_| RenderError::Backend("internal: styles.xml is not UTF-8".into()))?;
    if !text.contains(NORMAL) {
        return Err(RenderError::Backend(
            "internal: styles.xml has no Normal style".into(),
        ));
    }
    Ok(text.replacen(NORMAL, DEFAULT, 1).into_bytes())
}

/// `word/settings.xml`. docx-rs's own settings are a Japanese Word's
/// (tab stops every 840 twips, East Asian layout compatibility options);
/// these are Word's defaults for a Western document.
const SETTINGS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:zoom w:percent="100"/>"#,
    r#"<w:defaultTabStop w:val="720"/>"#,
    r#"<w:characterSpacingControl w:val="doNotCompress"/>"#,
    r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
    "</w:settings>"
);

/// `word/fontTable.xml`: the PDF's Liberation families, each with the
/// metric-compatible font Word substitutes where it is not installed
/// (docx-rs lists Times New Roman, Symbol and Arial).
const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:font w:name="Liberation Serif"><w:altName w:val="Times New Roman"/><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="Liberation Sans"><w:altName w:val="Arial"/><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="Liberation Mono"><w:altName w:val="Courier New"/><w:panose1 w:val="02070409020205020404"/><w:charset w:val="00"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="Symbol"><w:panose1 w:val="05050102010706020507"/><w:charset w:val="02"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="Wingdings"><w:panose1 w:val="05000000000000000000"/><w:charset w:val="02"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
    "</w:fonts>"
);

/// The document's relationships with the hyperlinks in the order of their
/// ids (docx-rs collects them in a hash map, so in any order).
fn sorted_relationships(rels: &[u8]) -> Result<Vec<u8>, RenderError> {
    let fail = || RenderError::Backend("internal: unexpected document.xml.rels".into());
    let text = std::str::from_utf8(rels).map_err(|_| fail())?;
    let open = text.find("<Relationship ").ok_or_else(fail)?;
    let close = text.rfind("</Relationships>").ok_or_else(fail)?;
    if close < open {
        return Err(fail());
    }
    let body = &text[open..close];
    let mut items: Vec<&str> = body
        .split_inclusive("/>")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if items.iter().any(|i| !i.starts_with("<Relationship ")) {
        return Err(fail());
    }
    let link_number = |r: &str| -> Option<u64> {
        let rest = r.split("Id=\"rIdHyperlink").nth(1)?;
        rest.split('"').next()?.parse().ok()
    };
    // Stable: the other relationships keep their order, before the links.
    items.sort_by_key(|r| link_number(r).map_or((0, 0), |n| (1, n)));
    Ok(format!("{}{}{}", &text[..open], items.concat(), &text[close..]).into_bytes())
}

/// Zips the parts with deflate, in a fixed order, every entry dated
/// 1980-01-01 00:00 (the earliest DOS date): the same parts always give the
/// same bytes. Only the parts a cablemark document uses are written; a part
/// docx-rs would write without listing it in `[Content_Types].xml`
/// (footnotes when there are none) is left out.
fn pack(xml: XMLDocx) -> Result<Vec<u8>, RenderError> {
    if !xml.media.is_empty() || xml.taskpanes.is_some() || !xml.custom_items.is_empty() {
        return Err(RenderError::Backend(
            "internal: the DOCX holds parts the packer does not write".into(),
        ));
    }
    let types = String::from_utf8_lossy(&xml.content_type).into_owned();
    // docx-rs writes some property elements out of schema order: fix the
    // parts that hold them.
    let canon = |name: &str, part: &[u8]| {
        order::canonical(part)
            .map_err(|e| RenderError::Backend(format!("internal: DOCX part {name}: {e}")))
    };
    let document = canon("document", &xml.document)?;
    let styles = default_normal(canon("styles", &xml.styles)?)?;
    let numberings = canon("numbering", &xml.numberings)?;
    let headers = (xml.headers.iter())
        .map(|h| canon("header", h))
        .collect::<Result<Vec<_>, _>>()?;
    let footers = (xml.footers.iter())
        .map(|f| canon("footer", f))
        .collect::<Result<Vec<_>, _>>()?;
    let mut parts: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), &xml.content_type),
        ("_rels/.rels".into(), &xml.rels),
        ("docProps/app.xml".into(), &xml.doc_props.app),
        ("docProps/core.xml".into(), &xml.doc_props.core),
        ("docProps/custom.xml".into(), &xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), &xml.document_rels),
        ("word/document.xml".into(), &document),
        ("word/styles.xml".into(), &styles),
        ("word/settings.xml".into(), &xml.settings),
        ("word/fontTable.xml".into(), &xml.font_table),
        ("word/comments.xml".into(), &xml.comments),
        ("word/numbering.xml".into(), &numberings),
        ("word/commentsExtended.xml".into(), &xml.comments_extended),
    ];
    if types.contains("/word/footnotes.xml") {
        parts.push(("word/footnotes.xml".into(), &xml.footnotes));
    }
    for (i, h) in headers.iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h));
    }
    for (i, f) in footers.iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f));
    }

    let fail = |e: zip::result::ZipError| RenderError::Backend(format!("cannot write DOCX: {e}"));
    // Level 1: a Word file is mostly repetitive XML that deflates well even
    // at the fastest level, and the default level costs several times more.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(fail)?;
        zip.write_all(bytes)
            .map_err(|e| RenderError::Backend(format!("cannot write DOCX: {e}")))?;
    }
    Ok(zip.finish().map_err(fail)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_properties_are_escaped_and_dated() {
        let doc = crate::source::sample_document();
        let mut c = content::build(&doc, Part::Whole);
        c.meta_title = "A & B <C>".into();
        let xml = core_xml(&c, doc.date);
        assert!(xml.contains("<dc:title>A &amp; B &lt;C&gt;</dc:title>"));
        assert!(xml.contains(">2009-06-12T00:00:00Z</dcterms:created>"));
        assert!(core_xml(&c, None).contains(">1980-01-01T00:00:00Z<"));
    }

    #[test]
    fn word_shows_the_numbers_the_content_gives() {
        let mut c = Counter::new();
        // 1, 2, then a dropped 3: a new instance starting at 4.
        assert_eq!(c.place(0, 1), Some(PARAGRAPH_NUM_ID));
        assert_eq!(c.place(0, 2), Some(PARAGRAPH_NUM_ID));
        assert_eq!(c.place(0, 4), Some(FIRST_RESTART_ID));
        assert_eq!(c.restarts, [(FIRST_RESTART_ID, 0, 4)]);
        // An ordered list under it counts from 1, and restarts after the
        // next paragraph; one that starts at 3 gets its own instance.
        assert_eq!(c.place(1, 1), Some(FIRST_RESTART_ID));
        assert_eq!(c.place(1, 2), Some(FIRST_RESTART_ID));
        assert_eq!(c.place(0, 5), Some(FIRST_RESTART_ID));
        assert_eq!(c.place(1, 1), Some(FIRST_RESTART_ID));
        assert_eq!(c.place(0, 6), Some(FIRST_RESTART_ID));
        assert_eq!(c.place(1, 3), Some(FIRST_RESTART_ID + 1));
        // After a restart, every level starts at 1 except the one given.
        assert_eq!(c.place(0, 7), Some(FIRST_RESTART_ID + 2));
        assert_eq!(c.restarts.len(), 3);
        // Two lists in a row under no paragraph: the second restarts.
        let mut c = Counter::new();
        c.place(1, 1);
        c.place(1, 2);
        assert_eq!(c.place(1, 1), Some(FIRST_RESTART_ID));
        assert_eq!(label_number("3."), 3);
        assert_eq!(label_number("x"), 1);
        assert_eq!(label_number("0."), 0);
        // Past what Word counts to: typed instead.
        assert_eq!(c.place(0, 40_000), None);
        let mut c = Counter::new();
        for _ in 0..MAX_RESTARTS + 5 {
            c.place(1, 5);
        }
        assert_eq!(c.restarts.len(), MAX_RESTARTS);
        assert_eq!(c.place(1, 5), None);
    }

    #[test]
    fn hyperlink_relationships_come_in_id_order() {
        let rels = concat!(
            r#"<?xml version="1.0"?><Relationships xmlns="x">"#,
            r#"<Relationship Id="rIdHyperlink10" Target="b" />"#,
            r#"<Relationship Id="rId1" Target="s" />"#,
            r#"<Relationship Id="rIdHyperlink2" Target="a" />"#,
            "</Relationships>"
        );
        let out = String::from_utf8(sorted_relationships(rels.as_bytes()).expect("sorts"))
            .expect("utf-8");
        let at = |s: &str| out.find(s).expect("kept");
        assert!(at("rId1\"") < at("rIdHyperlink2") && at("rIdHyperlink2") < at("rIdHyperlink10"));
        assert!(sorted_relationships(b"<Relationships></Relationships>").is_err());
    }

    #[test]
    fn clean_drops_what_xml_cannot_hold() {
        assert_eq!(clean("a\u{0}b\u{c}c\td\u{FFFF}"), "abc\td");
    }

    #[test]
    fn same_bytes_twice_in_one_thread() {
        let doc = crate::source::sample_document();
        let style = Style::default();
        let a = Docx.render(&doc, Part::Whole, &style).expect("renders");
        let _ = Docx.render(&doc, Part::NonPaper, &style).expect("renders");
        let b = Docx.render(&doc, Part::Whole, &style).expect("renders");
        assert_eq!(a, b);
    }
}
