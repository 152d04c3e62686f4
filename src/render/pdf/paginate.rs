//! Page layout of the PDF, apart from any PDF writing (typst's
//! layout/writer split): [`Content`] and a [`Style`] in, pages of
//! positioned lines out. Text is wrapped by the shared
//! [`layout::wrap`](crate::render::layout::wrap) with the fonts' AFM widths.
//!
//! Geometry, in PDF points with y up from the bottom of the page. Every
//! line's ink box — baseline + [`ASCENT`] × size down to baseline −
//! [`DESCENT`] × size, and its measured width — lies inside the margins,
//! banners and page numbers included:
//!
//! ```text
//!  margin_top ─┬───────────────────────────────┐
//!              │        SECRET (banner)        │
//!              │                               │
//!              │  body: title, authority, ...  │
//!              │                               │
//!              │          Page N of M          │
//!              │        SECRET (banner)        │
//!  margin_bottom ──────────────────────────────┘
//! ```

use crate::render::content::{Content, Item, ItemKind};
use crate::render::layout::{self, Line};
use crate::render::style::Style;

use super::metrics::Font;

/// Height above the baseline, as a fraction of the size, that any glyph
/// of the built-in fonts reaches (Helvetica's bounding box top is 0.931).
pub const ASCENT: f32 = 0.95;
/// Depth below the baseline (the fonts' descenders reach 0.225 at most).
pub const DESCENT: f32 = 0.25;

/// Indent of one list level, and the hanging indent of a bullet's text.
const LIST_INDENT: f32 = 18.0;
/// The deepest list level indented further; deeper items stay there.
const MAX_LIST_DEPTH: u8 = 6;
/// Left and right indent of a block quote.
const QUOTE_INDENT: f32 = 36.0;
/// How far short of the right margin a justified line stops, in points.
const JUSTIFY_SLACK: f32 = 0.01;
/// Space between a table cell's rules and its text.
const CELL_PAD: f32 = 4.0;

/// What colour a line is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Text,
    Banner,
}

/// One line of text at a fixed place.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Left end of the baseline.
    pub x: f32,
    /// The baseline.
    pub y: f32,
    pub text: String,
    pub font: Font,
    pub size: f32,
    pub ink: Ink,
    /// Extra width of each ASCII space (PDF `Tw`), for justified lines.
    pub word_spacing: f32,
    /// Where the face changes within the text (bold, italic, code runs):
    /// byte offsets, each with the face from there on; empty when the whole
    /// line is in `font`.
    pub spans: Vec<(usize, Font)>,
    /// Struck-through and linked ranges of the text.
    pub decos: Vec<Decorated>,
}

/// What a range of a line carries besides its face.
#[derive(Debug, Clone, PartialEq)]
pub enum Deco {
    /// A line through the text.
    Strike,
    /// The text of a link to this address (a link annotation over it);
    /// shared, as every line of a long link holds it.
    Link(std::sync::Arc<str>),
}

/// A decoration over the bytes `from..to` of a line's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Decorated {
    pub from: usize,
    pub to: usize,
    pub deco: Deco,
}

/// A straight line drawn on a page (a table's rules), in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
}

/// Width of a table rule in points.
pub const RULE_WIDTH: f32 = 0.5;

impl Placed {
    /// Where the bytes `from..to` of the text are drawn: the left and right
    /// x, word spacing included.
    pub fn extent(&self, from: usize, to: usize) -> (f32, f32) {
        let at = |o: usize| {
            let mut o = o.min(self.text.len());
            while !self.text.is_char_boundary(o) {
                o -= 1;
            }
            let head = &self.text[..o];
            styled_width(head, self.font, &self.spans, self.size)
                + head.matches(' ').count() as f32 * self.word_spacing
        };
        (self.x + at(from), self.x + at(to))
    }

    /// The drawn width, word spacing included.
    pub fn width(&self) -> f32 {
        let spaces = self.text.matches(' ').count() as f32;
        styled_width(&self.text, self.font, &self.spans, self.size) + spaces * self.word_spacing
    }

    /// The line as pieces of text, each in its face.
    pub fn segments(&self) -> Vec<(Font, &str)> {
        segments(&self.text, self.font, &self.spans)
    }
}

/// `text` cut where its face changes.
fn segments<'t>(text: &'t str, font: Font, spans: &[(usize, Font)]) -> Vec<(Font, &'t str)> {
    if spans.is_empty() {
        return vec![(font, text)];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut face = font;
    for &(at, next) in spans {
        let at = at.min(text.len());
        if at > start {
            if let Some(piece) = text.get(start..at) {
                out.push((face, piece));
            }
        }
        start = at.max(start);
        face = next;
    }
    if let Some(rest) = text.get(start..) {
        if !rest.is_empty() {
            out.push((face, rest));
        }
    }
    out
}

/// Width of a text whose face changes at `spans`.
fn styled_width(text: &str, font: Font, spans: &[(usize, Font)], size: f32) -> f32 {
    segments(text, font, spans)
        .into_iter()
        .map(|(f, t)| f.width(t, size))
        .sum()
}

/// `styles` (face changes of `text`, in `font` before the first) refined
/// so that a character its face cannot draw is drawn in the first fallback
/// font that can; `None` when nothing changes (no fallback fonts, or every
/// character drawn in its face).
fn with_fallbacks(
    text: &str,
    styles: &[(usize, Font)],
    font: Font,
    fallback: &[Font],
) -> Option<Vec<(usize, Font)>> {
    if fallback.is_empty() || text.is_ascii() {
        return None;
    }
    let mut out: Vec<(usize, Font)> = Vec::new();
    let mut changed = false;
    let mut next = 0;
    let mut face = font;
    let mut last = None;
    for (i, c) in text.char_indices() {
        while let Some(&(at, f)) = styles.get(next) {
            if at > i {
                break;
            }
            face = f;
            next += 1;
        }
        let drawn = if c.is_whitespace() || face.info().glyph(c).is_some() {
            face
        } else {
            match fallback.iter().find(|f| f.info().glyph(c).is_some()) {
                Some(f) => {
                    changed = true;
                    *f
                }
                None => face,
            }
        };
        if last != Some(drawn) {
            out.push((i, drawn));
            last = Some(drawn);
        }
    }
    changed.then_some(out)
}

/// One page: the lines on it, banners and page number included, and the
/// rules of its tables.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub lines: Vec<Placed>,
    pub rules: Vec<Rule>,
}

/// The laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Page width and height in points.
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
}

/// A piece of a row: text at an x, with its baseline `drop` below the row top.
#[derive(Debug, Clone)]
struct Piece {
    x: f32,
    drop: f32,
    text: String,
    font: Font,
    size: f32,
    word_spacing: f32,
    spans: Vec<(usize, Font)>,
    decos: Vec<Decorated>,
}

/// A rule of a row: from `(x1, drop1)` to `(x2, drop2)`, each drop below
/// the row top.
#[derive(Debug, Clone, Copy)]
struct RowRule {
    x1: f32,
    drop1: f32,
    x2: f32,
    drop2: f32,
}

/// An unbreakable unit of the body: one line (or one line of each table
/// cell). Pages break only between rows.
#[derive(Debug, Clone)]
struct Row {
    /// Space above the row, dropped at the top of a page.
    space_before: f32,
    height: f32,
    pieces: Vec<Piece>,
    rules: Vec<RowRule>,
}

/// A run of rows: a heading, a paragraph, a list item.
#[derive(Debug, Clone, Default)]
struct Block {
    rows: Vec<Row>,
    /// Keep on the same page as the first row of the next block (headings).
    keep_with_next: bool,
}

impl Block {
    /// Height of some rows, the space above each included.
    fn height(&self, rows: std::ops::Range<usize>) -> f32 {
        self.rows
            .get(rows)
            .map_or(0.0, |r| r.iter().map(|r| r.space_before + r.height).sum())
    }

    /// The last row that must be on the same page as row `i`, so that no
    /// page starts or ends with a single line of a block (no widows or
    /// orphans): the first two rows go together, and the last two; a
    /// block of two or three rows is not split at all.
    fn together(&self, i: usize) -> usize {
        let n = self.rows.len();
        match i {
            0 if n <= 3 => n.saturating_sub(1),
            0 => 1,
            _ if n >= 4 && i == n - 2 => n - 1,
            _ => i,
        }
    }
}

/// Where text of one size sits in a row: its line height and the drop of
/// its baseline below the row top. The row never holds less than the ink
/// box, whatever the style's line spacing.
fn line_metrics(size: f32, line_spacing: f32) -> (f32, f32) {
    let ink = (ASCENT + DESCENT) * size;
    let height = (size * line_spacing).max(ink);
    (height, (height - ink) / 2.0 + ASCENT * size)
}

/// A heading's size by its level: level 2 at the style's heading size
/// (the sample's sections), level 1 a point larger, each deeper level a
/// point smaller, never below the body size.
fn heading_size(heading: f32, body: f32, level: u8) -> f32 {
    (heading + 2.0 - f32::from(level.max(1))).max(body.min(heading))
}

/// How lines of a block are aligned.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Align {
    Left,
    Justify,
    Center,
}

/// The text area and the style's choices, in points.
struct Frame<'a> {
    style: &'a Style,
    left: f32,
    width: f32,
    body: Font,
    heading: Font,
    size: f32,
    spacing: f32,
    /// The style's fallback fonts, for what a face cannot draw.
    fallback: &'a [Font],
}

impl Frame<'_> {
    /// Rows of wrapped text, one per line, every line starting at `x` and
    /// at most `width` wide.
    #[allow(clippy::too_many_arguments)]
    fn text_rows(
        &self,
        text: &str,
        font: Font,
        size: f32,
        x: f32,
        width: f32,
        align: Align,
        space_before: f32,
    ) -> Vec<Row> {
        self.styled_rows(text, &[], &[], font, size, x, width, align, space_before)
    }

    /// [`Self::text_rows`] for text whose face changes at `styles` (byte
    /// offsets into `text`, each with the face from there on). Words are
    /// measured exactly in their faces, anything else in the widest face
    /// the text uses, so a line fits whatever its runs; each line then
    /// carries its own face changes.
    #[allow(clippy::too_many_arguments)]
    fn styled_rows(
        &self,
        text: &str,
        styles: &[(usize, Font)],
        decos: &[Decorated],
        font: Font,
        size: f32,
        x: f32,
        width: f32,
        align: Align,
        space_before: f32,
    ) -> Vec<Row> {
        let refined = with_fallbacks(text, styles, font, self.fallback);
        let styles: &[(usize, Font)] = refined.as_deref().unwrap_or(styles);
        let (height, drop) = line_metrics(size, self.style.text.line_spacing);
        let mut faces: Vec<Font> = vec![font];
        for &(_, f) in styles {
            if !faces.contains(&f) {
                faces.push(f);
            }
        }
        let widest = |s: &str| {
            faces
                .iter()
                .map(|f| f.width(s, size))
                .fold(0.0f32, f32::max)
        };
        // A word is a slice of `text`: measured exactly, each piece in its
        // face. Any other string (a line's candidate, a split character)
        // is measured in the widest face, so a line always fits.
        let base = text.as_ptr() as usize;
        let exact = |s: &str| {
            let p = s.as_ptr() as usize;
            if p < base || p + s.len() > base + text.len() {
                return widest(s);
            }
            let (start, end) = (p - base, p - base + s.len());
            let mut w = 0.0;
            let mut from = start;
            let mut face = styles
                .iter()
                .rev()
                .find(|(o, _)| *o <= start)
                .map_or(font, |(_, f)| *f);
            for &(o, f) in styles.iter().filter(|(o, _)| *o > start && *o < end) {
                w += text.get(from..o).map_or(0.0, |t| face.width(t, size));
                from = o;
                face = f;
            }
            w + text.get(from..end).map_or(0.0, |t| face.width(t, size))
        };
        let plain = |s: &str| font.width(s, size);
        let measure: &dyn Fn(&str) -> f32 = if faces.len() > 1 { &exact } else { &plain };
        let lines = layout::wrap(text, width, width, measure);
        // Each line is a piece of the text, in order: found from where the
        // last one ended, its face changes taken from `styles`.
        let mut cursor = 0;
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let mut spans = Vec::new();
                let mut line_decos = Vec::new();
                if (faces.len() > 1 || !decos.is_empty()) && !line.text.is_empty() {
                    if let Some(at) = text.get(cursor..).and_then(|t| t.find(&line.text)) {
                        let start = cursor + at;
                        let end = start + line.text.len();
                        if faces.len() > 1 {
                            let face_at = |o: usize| {
                                styles
                                    .iter()
                                    .rev()
                                    .find(|(s, _)| *s <= o)
                                    .map_or(font, |(_, f)| *f)
                            };
                            spans.push((0, face_at(start)));
                            for &(s, f) in styles {
                                if s > start && s < end {
                                    spans.push((s - start, f));
                                }
                            }
                        }
                        for d in decos {
                            if d.from < end && d.to > start {
                                line_decos.push(Decorated {
                                    from: d.from.max(start) - start,
                                    to: d.to.min(end) - start,
                                    deco: d.deco.clone(),
                                });
                            }
                        }
                        cursor = end;
                    }
                }
                Row {
                    space_before: if i == 0 { space_before } else { 0.0 },
                    height,
                    pieces: self.piece(line, font, spans, line_decos, size, x, width, drop, align),
                    rules: Vec::new(),
                }
            })
            .collect()
    }

    /// The piece of one wrapped line, aligned; none for an empty line.
    #[allow(clippy::too_many_arguments)]
    fn piece(
        &self,
        line: Line,
        font: Font,
        spans: Vec<(usize, Font)>,
        decos: Vec<Decorated>,
        size: f32,
        x: f32,
        width: f32,
        drop: f32,
        align: Align,
    ) -> Vec<Piece> {
        if line.text.is_empty() {
            return Vec::new();
        }
        let natural = styled_width(&line.text, font, &spans, size);
        let spaces = line.text.matches(' ').count();
        let (x, word_spacing) = match align {
            Align::Center => (x + ((width - natural) / 2.0).max(0.0), 0.0),
            // Stretched to a hair short of the margin, so that rounding in
            // a reader never puts the last glyph past it.
            Align::Justify if !line.last && spaces > 0 && natural < width - JUSTIFY_SLACK => {
                (x, (width - JUSTIFY_SLACK - natural) / spaces as f32)
            }
            Align::Justify | Align::Left => (x, 0.0),
        };
        vec![Piece {
            x,
            drop,
            text: line.text,
            font,
            size,
            word_spacing,
            spans,
            decos,
        }]
    }

    fn body_align(&self) -> Align {
        if self.style.text.justify {
            Align::Justify
        } else {
            Align::Left
        }
    }

    /// A block of left-aligned lines in the body font (front lines, the
    /// authority block): one row per line, the block spaced as a paragraph.
    fn plain_lines(&self, lines: &[String]) -> Option<Block> {
        let mut rows = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let before = if i == 0 { self.spacing } else { 0.0 };
            rows.extend(self.text_rows(
                line,
                self.body,
                self.size,
                self.left,
                self.width,
                Align::Left,
                before,
            ));
        }
        (!rows.is_empty()).then_some(Block {
            rows,
            keep_with_next: false,
        })
    }

    fn title(&self, item: &Item) -> Block {
        let text = format!("{}{}", item.prefix(), item.text());
        let (styles, decos) = self.run_faces(item, true);
        Block {
            rows: self.styled_rows(
                &text,
                &styles,
                &decos,
                self.heading,
                self.style.text.title_size,
                self.left,
                self.width,
                Align::Center,
                0.0,
            ),
            keep_with_next: false,
        }
    }

    fn item(&self, item: &Item) -> Block {
        let text = format!("{}{}", item.prefix(), item.text());
        let heading = matches!(item.kind, ItemKind::Heading(_));
        let (styles, decos) = self.run_faces(item, heading);
        let body = self.size;
        match &item.kind {
            ItemKind::Heading(level) => Block {
                rows: self.styled_rows(
                    &text,
                    &styles,
                    &decos,
                    self.heading,
                    heading_size(self.style.text.heading_size, self.size, *level),
                    self.left,
                    self.width,
                    Align::Left,
                    self.spacing * 1.5,
                ),
                keep_with_next: true,
            },
            ItemKind::Paragraph => self.rows(self.styled_rows(
                &text,
                &styles,
                &decos,
                self.body,
                body,
                self.left,
                self.width,
                self.body_align(),
                self.spacing,
            )),
            ItemKind::Bullet(depth) | ItemKind::Numbered(depth, _) => {
                // Indentation stops growing at MAX_LIST_DEPTH: nothing ever
                // passes the margin, however deep the list.
                // An ordered item is a sub-paragraph: one level in from the
                // paragraphs' numbers, as in the DOCX, so `1.` of a list is
                // never taken for paragraph 1.
                let level = match &item.kind {
                    ItemKind::Numbered(..) => depth.saturating_add(1),
                    _ => *depth,
                };
                let indent = LIST_INDENT * f32::from(level.min(MAX_LIST_DEPTH));
                let hang = match &item.kind {
                    ItemKind::Numbered(_, label) => label.clone(),
                    _ => "\u{2022}".to_string(),
                };
                let x = self.left + indent + LIST_INDENT;
                let width = (self.width - indent - LIST_INDENT).max(LIST_INDENT);
                let mut rows = self.styled_rows(
                    &text,
                    &styles,
                    &decos,
                    self.body,
                    body,
                    x,
                    width,
                    self.body_align(),
                    self.spacing,
                );
                // The bullet hangs in the indent, on the first line's baseline.
                if let Some(first) = rows.first_mut() {
                    let drop = line_metrics(body, self.style.text.line_spacing).1;
                    first.pieces.insert(
                        0,
                        Piece {
                            x: self.left + indent,
                            drop,
                            text: hang,
                            font: self.body,
                            size: body,
                            word_spacing: 0.0,
                            spans: Vec::new(),
                            decos: Vec::new(),
                        },
                    );
                }
                self.rows(rows)
            }
            ItemKind::Quote => self.rows(self.styled_rows(
                &text,
                &styles,
                &decos,
                self.body,
                body,
                self.left + QUOTE_INDENT,
                (self.width - 2.0 * QUOTE_INDENT).max(QUOTE_INDENT),
                self.body_align(),
                self.spacing,
            )),
            ItemKind::Code => self.code(&item.prefix(), &item.text()),
            ItemKind::Table(cells) => self.table(&item.prefix(), cells),
        }
    }

    /// Where an item's face changes, and what is struck through or
    /// linked: the number and mark in the item's base face, then each run in
    /// its own (bold, italic, code; a heading's runs all bold, in the
    /// heading family). The faces are empty when the whole item is in the
    /// base face.
    fn run_faces(&self, item: &Item, heading: bool) -> (Vec<(usize, Font)>, Vec<Decorated>) {
        let (family, base) = if heading {
            (self.style.text.heading_font, self.heading)
        } else {
            (self.style.text.font, self.body)
        };
        let mut at = item.prefix().len();
        let mut styles = vec![(0, base)];
        let mut decos: Vec<Decorated> = Vec::new();
        let mut last_link: Option<std::sync::Arc<str>> = None;
        for run in &item.runs {
            let face = Font::styled(family, heading || run.bold, run.italic, run.code);
            if styles.last().map(|s| s.1) != Some(face) {
                styles.push((at, face));
            }
            let end = at + run.text.len();
            // One shared address for the runs of one link; only an address
            // a reader may open becomes an annotation.
            let link = run
                .link
                .as_deref()
                .filter(|u| super::super::content::opens_safely(u))
                .map(|url| match &last_link {
                    Some(u) if &**u == url => u.clone(),
                    _ => std::sync::Arc::from(url),
                });
            last_link.clone_from(&link);
            let mut mark = |deco: Deco| match decos.last_mut() {
                // One range across runs that carry the same decoration.
                Some(d) if d.to == at && d.deco == deco => d.to = end,
                _ => decos.push(Decorated {
                    from: at,
                    to: end,
                    deco,
                }),
            };
            if run.strike && !run.text.trim().is_empty() {
                mark(Deco::Strike);
            }
            if let Some(url) = link {
                mark(Deco::Link(url));
            }
            at = end;
        }
        if styles.iter().all(|(_, f)| *f == base) {
            styles.clear();
        }
        (styles, decos)
    }

    fn rows(&self, rows: Vec<Row>) -> Block {
        Block {
            rows,
            keep_with_next: false,
        }
    }

    /// A code block: Courier, lines kept as written (indentation
    /// included), a line wider than the text area cut at its edge.
    fn code(&self, prefix: &str, text: &str) -> Block {
        let size = self.size * 0.9;
        let font = Font::MonoRegular;
        let (height, drop) = line_metrics(size, self.style.text.line_spacing);
        let per_line = ((self.width / font.width("0", size)).floor() as usize).max(1);
        let mut rows = self.text_rows(
            prefix.trim_end(),
            self.body,
            self.size,
            self.left,
            self.width,
            Align::Left,
            self.spacing,
        );
        for line in text.trim_end_matches('\n').split('\n') {
            let chars: Vec<char> = line.chars().collect();
            let chunks: Vec<String> = if chars.is_empty() {
                vec![String::new()]
            } else {
                chars.chunks(per_line).map(|c| c.iter().collect()).collect()
            };
            for chunk in chunks {
                let pieces = if chunk.trim().is_empty() {
                    Vec::new()
                } else {
                    vec![Piece {
                        x: self.left,
                        drop,
                        spans: with_fallbacks(&chunk, &[], font, self.fallback).unwrap_or_default(),
                        text: chunk,
                        font,
                        size,
                        word_spacing: 0.0,
                        decos: Vec::new(),
                    }]
                };
                rows.push(Row {
                    space_before: 0.0,
                    height,
                    pieces,
                    rules: Vec::new(),
                });
            }
        }
        self.rows(rows)
    }

    /// A table: a ruled grid of columns of equal width, each cell's text
    /// wrapped inside its column with [`CELL_PAD`] on every side; the
    /// portion mark opens the first cell, the first row is bold. A row is
    /// as many rows of the page as its tallest cell has lines, each drawing
    /// its stretch of the column rules, so a long row may continue on the
    /// next page (ruled on both) but never overflows one.
    fn table(&self, prefix: &str, cells: &[Vec<String>]) -> Block {
        let columns = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let column = (self.width / columns as f32).max(1.0);
        let text_width = (column - 2.0 * CELL_PAD).max(1.0);
        let (height, drop) = line_metrics(self.size, self.style.text.line_spacing);
        let bold = Font::bold(self.style.text.font);
        let (left, right) = (self.left, self.left + column * columns as f32);
        let mut rows = Vec::new();
        for (r, row) in cells.iter().enumerate() {
            let font = if r == 0 { bold } else { self.body };
            let measure = |s: &str| font.width(s, self.size);
            let wrapped: Vec<Vec<Line>> = (0..columns)
                .map(|c| {
                    let cell = row.get(c).map_or("", String::as_str);
                    let text = if r == 0 && c == 0 {
                        format!("{prefix}{cell}")
                    } else {
                        cell.to_string()
                    };
                    layout::wrap(&text, text_width, text_width, &measure)
                })
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
            let mut wrapped: Vec<_> = wrapped.into_iter().map(Vec::into_iter).collect();
            for k in 0..lines {
                let top = if k == 0 { CELL_PAD } else { 0.0 };
                let bottom = if k + 1 == lines { CELL_PAD } else { 0.0 };
                let row_height = top + height + bottom;
                let mut pieces = Vec::new();
                for (c, cell) in wrapped.iter_mut().enumerate() {
                    if let Some(line) = cell.next() {
                        let x = left + c as f32 * column + CELL_PAD;
                        let spans = with_fallbacks(&line.text, &[], font, self.fallback);
                        pieces.extend(self.piece(
                            line,
                            font,
                            spans.unwrap_or_default(),
                            Vec::new(),
                            self.size,
                            x,
                            text_width,
                            top + drop,
                            Align::Left,
                        ));
                    }
                }
                // The column rules down this stretch of the row, the
                // row's top rule on its first line, its bottom on its last.
                let mut rules: Vec<RowRule> = (0..=columns)
                    .map(|c| {
                        let x = left + c as f32 * column;
                        RowRule {
                            x1: x,
                            drop1: 0.0,
                            x2: x,
                            drop2: row_height,
                        }
                    })
                    .collect();
                if k == 0 {
                    rules.push(RowRule {
                        x1: left,
                        drop1: 0.0,
                        x2: right,
                        drop2: 0.0,
                    });
                }
                if k + 1 == lines {
                    rules.push(RowRule {
                        x1: left,
                        drop1: row_height,
                        x2: right,
                        drop2: row_height,
                    });
                }
                rows.push(Row {
                    space_before: if (r, k) == (0, 0) { self.spacing } else { 0.0 },
                    height: row_height,
                    pieces,
                    rules,
                });
            }
        }
        self.rows(rows)
    }
}

/// Lays out a part's content on pages.
pub fn paginate(content: &Content, style: &Style) -> Layout {
    let (page_w, page_h) = style.page.size.points();
    let p = &style.page;
    let t = &style.text;
    let frame = Frame {
        style,
        left: p.margin_left,
        width: page_w - p.margin_left - p.margin_right,
        body: Font::regular(t.font),
        heading: Font::bold(t.heading_font),
        size: t.size,
        spacing: t.paragraph_spacing,
        fallback: &style.fallback,
    };

    // The bands: banners at the very top and bottom of the text area, the
    // page number just above the bottom banner.
    let banner_font = Font::bold(t.heading_font);
    let banner_size = t.banner_size;
    let number_size = t.size * 0.85;
    let top = page_h - p.margin_top;
    let bottom = p.margin_bottom;
    let top_banner_y = top - ASCENT * banner_size;
    let bottom_banner_y = bottom + DESCENT * banner_size;
    let number_y = bottom_banner_y + ASCENT * banner_size + DESCENT * number_size + 4.0;
    let body_top = top_banner_y - DESCENT * banner_size - banner_size;
    let body_bottom = number_y + ASCENT * number_size + t.size;

    let mut blocks = vec![frame.title(&content.title)];
    blocks.extend(frame.plain_lines(&content.front));
    blocks.extend(frame.plain_lines(&content.authority));
    if let Some(first) = blocks.get_mut(1).and_then(|b| b.rows.first_mut()) {
        // Air between the title and what follows.
        first.space_before = frame.spacing * 2.0;
    }
    let first_item = blocks.len();
    blocks.extend(content.items.iter().map(|i| frame.item(i)));
    if let Some(row) = blocks.get_mut(first_item).and_then(|b| b.rows.first_mut()) {
        row.space_before = row.space_before.max(frame.spacing * 2.0);
    }
    if let Some(signature) = &content.signature {
        blocks.extend(frame.plain_lines(std::slice::from_ref(signature)));
    }

    let mut pages: Vec<Page> = Vec::new();
    let mut page = Page::default();
    let mut cursor = body_top;
    let mut at_top = true;
    let mut new_page = |page: &mut Page, cursor: &mut f32, at_top: &mut bool| {
        pages.push(std::mem::take(page));
        *cursor = body_top;
        *at_top = true;
    };
    for (b, block) in blocks.iter().enumerate() {
        if block.keep_with_next && !at_top {
            // The heading and the first lines of what follows, together.
            let follow = blocks
                .get(b + 1)
                .map_or(0.0, |next| next.height(0..next.together(0) + 1));
            if cursor - block.height(0..block.rows.len()) - follow < body_bottom {
                new_page(&mut page, &mut cursor, &mut at_top);
            }
        }
        for (i, row) in block.rows.iter().enumerate() {
            let mut before = if at_top { 0.0 } else { row.space_before };
            let rest = block.height(i + 1..block.together(i) + 1);
            if !at_top && cursor - before - row.height - rest < body_bottom {
                new_page(&mut page, &mut cursor, &mut at_top);
                before = 0.0;
            }
            cursor -= before;
            page.lines.extend(row.pieces.iter().map(|piece| Placed {
                x: piece.x,
                y: cursor - piece.drop,
                text: piece.text.clone(),
                font: piece.font,
                size: piece.size,
                ink: Ink::Text,
                word_spacing: piece.word_spacing,
                spans: piece.spans.clone(),
                decos: piece.decos.clone(),
            }));
            page.rules.extend(row.rules.iter().map(|r| Rule {
                x1: r.x1,
                y1: cursor - r.drop1,
                x2: r.x2,
                y2: cursor - r.drop2,
            }));
            cursor -= row.height;
            at_top = false;
        }
    }
    new_page(&mut page, &mut cursor, &mut at_top);

    // Banners and page numbers, now that the page count is known.
    let banner = content.banner_text();
    let total = pages.len();
    let centred = |text: String, font: Font, size: f32, y: f32, ink: Ink| Placed {
        x: frame.left + ((frame.width - font.width(&text, size)) / 2.0).max(0.0),
        y,
        text,
        font,
        size,
        ink,
        word_spacing: 0.0,
        spans: Vec::new(),
        decos: Vec::new(),
    };
    for (n, page) in pages.iter_mut().enumerate() {
        let mut lines = Vec::with_capacity(page.lines.len() + 3);
        lines.push(centred(
            banner.clone(),
            banner_font,
            banner_size,
            top_banner_y,
            Ink::Banner,
        ));
        lines.append(&mut page.lines);
        lines.push(centred(
            format!("Page {} of {total}", n + 1),
            frame.body,
            number_size,
            number_y,
            Ink::Text,
        ));
        lines.push(centred(
            banner.clone(),
            banner_font,
            banner_size,
            bottom_banner_y,
            Ink::Banner,
        ));
        page.lines = lines;
    }
    Layout {
        width: page_w,
        height: page_h,
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{content, Part};

    fn doc(body: &str) -> crate::model::Document {
        let src = format!("---\nsubject: (U) Test\n---\n\n{body}");
        crate::source::parse("t.md", src).expect("parses")
    }

    fn paragraphs(n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "(U) Paragraph {i} says that the quick brown fox jumps over the lazy \
                     dog again and again, until the line is long enough to wrap twice on \
                     a page of ordinary width.\n\n"
                )
            })
            .collect()
    }

    fn inside_margins(layout: &Layout, style: &Style) {
        let p = &style.page;
        for (n, page) in layout.pages.iter().enumerate() {
            for l in &page.lines {
                let ok = l.x >= p.margin_left - 0.01
                    && l.x + l.width() <= layout.width - p.margin_right + 0.01
                    && l.y + ASCENT * l.size <= layout.height - p.margin_top + 0.01
                    && l.y - DESCENT * l.size >= p.margin_bottom - 0.01;
                assert!(ok, "page {}: {l:?} leaves the margins", n + 1);
            }
        }
    }

    #[test]
    fn every_page_has_banners_and_a_number_and_stays_in_the_margins() {
        for style in ["default", "a4"] {
            let style = Style::load(Some(style)).expect("style");
            let c = content::build(&doc(&paragraphs(300)), Part::Whole);
            let layout = paginate(&c, &style);
            assert!(layout.pages.len() >= 10, "{} pages", layout.pages.len());
            let total = layout.pages.len();
            for (n, page) in layout.pages.iter().enumerate() {
                let first = &page.lines[0];
                let last = &page.lines[page.lines.len() - 1];
                assert_eq!(
                    (first.text.as_str(), first.ink),
                    ("UNCLASSIFIED", Ink::Banner)
                );
                assert_eq!(
                    (last.text.as_str(), last.ink),
                    ("UNCLASSIFIED", Ink::Banner)
                );
                assert!(first.y > last.y);
                let number = format!("Page {} of {total}", n + 1);
                assert!(page.lines.iter().any(|l| l.text == number));
            }
            inside_margins(&layout, &style);
        }
    }

    #[test]
    fn justified_lines_fill_the_measure() {
        let mut style = Style::default();
        style.text.justify = true;
        let c = content::build(&doc(&paragraphs(3)), Part::Whole);
        let layout = paginate(&c, &style);
        inside_margins(&layout, &style);
        let right = layout.width - style.page.margin_right;
        let stretched: Vec<&Placed> = layout.pages[0]
            .lines
            .iter()
            .filter(|l| l.word_spacing > 0.0)
            .collect();
        assert!(!stretched.is_empty());
        for l in stretched {
            let end = l.x + l.width();
            assert!(end <= right && end > right - 0.02, "{l:?}");
        }
    }

    #[test]
    fn a_heading_is_kept_with_what_follows() {
        // Fill a page almost to the bottom, then a heading: it must move to
        // the next page with its paragraph.
        let style = Style::default();
        for n in 1..40 {
            let body = format!(
                "{}## (U) The heading\n\n(U) The text under the heading.\n",
                paragraphs(n)
            );
            let layout = paginate(&content::build(&doc(&body), Part::Whole), &style);
            for page in &layout.pages {
                let body_lines: Vec<&Placed> =
                    page.lines.iter().filter(|l| l.ink == Ink::Text).collect();
                if let Some(i) = body_lines
                    .iter()
                    .position(|l| l.text.contains("The heading"))
                {
                    assert!(
                        body_lines[i + 1].text.contains("under the heading"),
                        "{n} paragraphs: heading left alone at the foot of a page"
                    );
                }
            }
        }
    }

    #[test]
    fn no_page_starts_or_ends_with_a_lone_line_of_a_paragraph() {
        let style = Style::default();
        let long = "(U) Start of a paragraph that runs on for several lines: \
                    the quick brown fox jumps over the lazy dog. "
            .to_string()
            + &"More words to make it long. ".repeat(12)
            + "End.\n\n";
        for n in 1..30 {
            let body = format!("{}{}", paragraphs(n), long.repeat(3));
            let layout = paginate(&content::build(&doc(&body), Part::Whole), &style);
            for page in &layout.pages {
                let body: Vec<&str> = page
                    .lines
                    .iter()
                    .filter(|l| l.ink == Ink::Text && !l.text.starts_with("Page "))
                    .map(|l| l.text.as_str())
                    .collect();
                let (Some(first), Some(last)) = (body.first(), body.last()) else {
                    continue;
                };
                assert!(!first.ends_with("End."), "{n}: widow {first:?}");
                assert!(!last.starts_with("(U) Start"), "{n}: orphan {last:?}");
            }
        }
    }

    #[test]
    fn bullets_hang() {
        let style = Style::default();
        let body = format!("- (U) {}\n", "word ".repeat(60));
        let layout = paginate(&content::build(&doc(&body), Part::Whole), &style);
        let lines = &layout.pages[0].lines;
        let bullet = lines
            .iter()
            .position(|l| l.text == "\u{2022}")
            .expect("bullet");
        let text_x = lines[bullet + 1].x;
        assert!(text_x > lines[bullet].x);
        assert!(lines[bullet + 1].text.starts_with("(U) word"));
        // The following lines align with the text, not the bullet.
        assert_eq!(lines[bullet + 2].x, text_x);
    }

    #[test]
    fn page_count_grows_with_content() {
        let style = Style::default();
        let pages = |n| {
            paginate(&content::build(&doc(&paragraphs(n)), Part::Whole), &style)
                .pages
                .len()
        };
        assert_eq!(pages(1), 1);
        assert!(pages(50) < pages(100) && pages(100) < pages(200));
    }
}
