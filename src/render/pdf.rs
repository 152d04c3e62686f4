//! The PDF renderer (DESIGN §5.2): the whole document or the non-paper on
//! Letter or A4 pages, the banner centred at the top and bottom of every
//! page in the level's colour, `Page N of M`, real extractable text.
//!
//! Three steps, each its own module: [`metrics`] decides what the
//! embedded fonts ([`fonts`]) can draw and how wide it is; [`paginate`] lays the content out as
//! positioned lines on pages; this module has printpdf build the document
//! (pages, font resources, metadata), writes each page's content stream
//! from the positioned lines, and saves reproducible bytes.

pub mod fonts;
pub mod metrics;
pub mod paginate;

use std::collections::BTreeMap;

use printpdf::{PdfDocument, PdfPage, PdfSaveOptions, Pt};

use crate::model::{Document, Span};

use super::content::{self, Content, Item, ItemKind};
use super::{Part, Render, RenderError, Style};
use metrics::Font;
use paginate::{Ink, Layout};

/// The PDF renderer.
pub struct Pdf;

impl Render for Pdf {
    fn render(&self, doc: &Document, part: Part, style: &Style) -> Result<Vec<u8>, RenderError> {
        if part == Part::NonPaper && doc.nonpaper().is_none() {
            return Err(RenderError::NoNonPaper);
        }
        let content = drawable_content(content::build(doc, part), doc, &style.fallback)?;
        let layout = paginate::paginate(&content, style);
        write(&layout, &content, style)
    }
}

/// The content with every string made drawable in the PDF's fonts
/// ([`metrics::drawable`]), or an error naming the first character that
/// cannot be drawn and its source line.
fn drawable_content(
    mut content: Content,
    doc: &Document,
    fallback: &[Font],
) -> Result<Content, RenderError> {
    // The line of a character: the item's own line, or for text without
    // one (front matter values) the first line of the source holding it.
    let fail = |c: char, span: Option<Span>| {
        let offset = span
            .filter(|s| s.end > s.start)
            .map(|s| s.start)
            .or_else(|| doc.source.find(c))
            .unwrap_or(0);
        RenderError::Content {
            line: doc.line_col(offset).0,
            message: metrics::undrawable_message(c),
        }
    };
    let fix = |text: &mut String, span: Option<Span>| -> Result<(), RenderError> {
        *text = metrics::drawable_in(text, fallback).map_err(|c| fail(c, span))?;
        Ok(())
    };
    let fix_item = |item: &mut Item| -> Result<(), RenderError> {
        let span = Some(item.span);
        for run in &mut item.runs {
            fix(&mut run.text, span)?;
        }
        if let Some(mark) = &mut item.mark {
            fix(mark, span)?;
        }
        if let ItemKind::Table(rows) = &mut item.kind {
            for cell in rows.iter_mut().flatten() {
                fix(cell, span)?;
            }
        }
        Ok(())
    };
    fix_item(&mut content.title)?;
    for item in &mut content.items {
        fix_item(item)?;
    }
    for line in content.front.iter_mut().chain(&mut content.authority) {
        fix(line, None)?;
    }
    if let Some(signature) = &mut content.signature {
        fix(signature, None)?;
    }
    fix(&mut content.meta_title, None)?;
    fix(&mut content.meta_subject, None)?;
    Ok(content)
}

/// The content stream of one page: one text object, every line placed
/// with an absolute text matrix (`Tm`, never the relative `Td`), font,
/// colour and word spacing set only when they change. Written as bytes
/// here rather than as printpdf operations: a page of operations costs
/// several times its bytes in memory, and that memory was most of the
/// render time.
fn page_content(page: &paginate::Page, banner: (u8, u8, u8), text: (u8, u8, u8)) -> Vec<u8> {
    use std::io::Write;
    let mut out: Vec<u8> = Vec::with_capacity(
        64 + page
            .lines
            .iter()
            .map(|l| 2 * l.text.len() + 64)
            .sum::<usize>(),
    );
    let mut font: Option<(Font, f32)> = None;
    let mut ink: Option<Ink> = None;
    out.extend_from_slice(b"BT\n");
    for line in &page.lines {
        // Writing to a Vec cannot fail.
        if ink != Some(line.ink) {
            let (r, g, b) = match line.ink {
                Ink::Banner => banner,
                Ink::Text => text,
            };
            let c = |v: u8| num(f32::from(v) / 255.0);
            let _ = writeln!(out, "{} {} {} rg", c(r), c(g), c(b));
            ink = Some(line.ink);
        }
        let _ = writeln!(out, "1 0 0 1 {} {} Tm", num(line.x), num(line.y));
        // Glyph ids, two bytes each (`Identity-H`). Word spacing (`Tw`)
        // applies only to one-byte codes, so a justified line moves each
        // word with a `TJ` adjustment after its space. A face change (a
        // bold or italic run) ends one `TJ` and starts the next where it
        // stopped.
        let adjust = if line.word_spacing != 0.0 && line.size > 0.0 {
            Some(num(-line.word_spacing * 1000.0 / line.size))
        } else {
            None
        };
        for (face, piece) in line.segments() {
            if font != Some((face, line.size)) {
                let _ = writeln!(out, "/{} {} Tf", face.resource(), num(line.size));
                font = Some((face, line.size));
            }
            let info = face.info();
            // A literal string of two-byte codes (half the size of hex),
            // the bytes `(`, `)` and `\` escaped.
            out.extend_from_slice(b"[(");
            for c in piece.chars() {
                // The text was made drawable: every character has its glyph.
                let gid = info.glyph(c).map_or(0, |g| g.0);
                for byte in gid.to_be_bytes() {
                    if matches!(byte, b'(' | b')' | b'\\') {
                        out.push(b'\\');
                    }
                    out.push(byte);
                }
                if let (Some(a), ' ') = (&adjust, c) {
                    let _ = write!(out, ") {a} (");
                }
            }
            out.extend_from_slice(b")] TJ\n");
        }
    }
    out.extend_from_slice(b"ET\n");
    // Lines: strikethrough over struck text, in the text's colour and a
    // twentieth of its size thick; the rules of tables.
    let mut strokes: Vec<(f32, f32, f32, f32, f32)> = Vec::new();
    for line in &page.lines {
        for d in &line.decos {
            if d.deco == paginate::Deco::Strike {
                let (x1, x2) = line.extent(d.from, d.to);
                let y = line.y + STRIKE_RISE * line.size;
                strokes.push((x1, y, x2, y, line.size / 20.0));
            }
        }
    }
    for r in &page.rules {
        strokes.push((r.x1, r.y1, r.x2, r.y2, paginate::RULE_WIDTH));
    }
    if !strokes.is_empty() {
        let c = |v: u8| num(f32::from(v) / 255.0);
        let _ = writeln!(out, "q {} {} {} RG 0 J", c(text.0), c(text.1), c(text.2));
        let mut width = None;
        for (x1, y1, x2, y2, w) in strokes {
            if width != Some(w) {
                let _ = writeln!(out, "{} w", num(w));
                width = Some(w);
            }
            let _ = writeln!(out, "{} {} m {} {} l S", num(x1), num(y1), num(x2), num(y2));
        }
        out.extend_from_slice(b"Q\n");
    }
    out
}

/// Height of the strikethrough line above the baseline, by the size.
const STRIKE_RISE: f32 = 0.28;

/// The link annotations of a page: one per line piece of link text, its
/// rectangle the text's ink box, its action the address (as ASCII: any
/// other byte percent-encoded, as URIs are written).
fn page_links(page: &paginate::Page) -> Vec<lopdf::Object> {
    use lopdf::{dictionary, Object, StringFormat};
    let mut out = Vec::new();
    for line in &page.lines {
        for d in &line.decos {
            let paginate::Deco::Link(url) = &d.deco else {
                continue;
            };
            if !content::opens_safely(url) {
                // Shown as text, never made an action a reader may run.
                continue;
            }
            let (x1, x2) = line.extent(d.from, d.to);
            let rect = [
                x1,
                line.y - paginate::DESCENT * line.size,
                x2,
                line.y + paginate::ASCENT * line.size,
            ];
            out.push(Object::Dictionary(dictionary! {
                "Type" => "Annot",
                "Subtype" => "Link",
                "Rect" => Object::Array(rect.iter().map(|v| Object::Real(*v)).collect()),
                "Border" => Object::Array(vec![0.into(), 0.into(), 0.into()]),
                "A" => dictionary! {
                    "S" => "URI",
                    "URI" => Object::String(uri_ascii(url).into_bytes(), StringFormat::Literal),
                },
            }));
        }
    }
    out
}

/// An address as 7-bit ASCII: every byte outside printable ASCII
/// percent-encoded.
fn uri_ascii(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if (0x21..0x7f).contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A number as PDF content writes it: up to four decimals, no trailing zeros.
fn num(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// The trailer `/ID` written first, then replaced by a hash of the file.
const ID_PLACEHOLDER: [u8; 16] = [0; 16];

/// Writes the layout as PDF bytes. Reproducible: nothing reads the clock
/// and no date is written ([`finish_document`]); the only varying part of
/// printpdf's output, the trailer `/ID` (random, from a process-global
/// counter), is replaced by a hash of the rest of the file. The fonts'
/// resource names (`F1`…) are fixed, their subsets named from the glyphs.
fn write(layout: &Layout, content: &Content, style: &Style) -> Result<Vec<u8>, RenderError> {
    let mut doc = PdfDocument::new(&content.meta_title);
    let banner = style.colors.level(content.banner.level);
    let text = style.colors.text_rgb();
    let (w, h) = (Pt(layout.width), Pt(layout.height));
    // printpdf builds the document: pages and metadata. The fonts and the
    // pages' content streams are written below, from the layout.
    let pages = (0..layout.pages.len())
        .map(|_| PdfPage::new(w.into(), h.into(), Vec::new()))
        .collect();
    doc.with_pages(pages);

    let mut warnings = Vec::new();
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        ..PdfSaveOptions::default()
    };
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == printpdf::PdfParseErrorSeverity::Error)
    {
        return Err(RenderError::Backend(format!("PDF writer: {}", w.msg)));
    }
    finish_document(&mut pdf, layout, content)?;
    set_fonts(&mut pdf, layout)?;
    set_contents(&mut pdf, layout, banner, text)?;
    compress_streams(&mut pdf)?;
    let placeholder =
        || lopdf::Object::String(ID_PLACEHOLDER.to_vec(), lopdf::StringFormat::Hexadecimal);
    pdf.trailer.set(
        "ID",
        lopdf::Object::Array(vec![placeholder(), placeholder()]),
    );
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| RenderError::Backend(format!("PDF writer: {e}")))?;
    set_id(&mut bytes)?;
    Ok(bytes)
}

/// Embeds the faces the layout draws with, each subset to its glyphs, and
/// gives every page the one font dictionary (fixed resource names).
fn set_fonts(pdf: &mut lopdf::Document, layout: &Layout) -> Result<(), RenderError> {
    use lopdf::Object;
    // Per face, the character each glyph is drawn for (indexed by glyph).
    let mut drawn: BTreeMap<Font, Vec<Option<char>>> = BTreeMap::new();
    for line in layout.pages.iter().flat_map(|p| &p.lines) {
        for (face, piece) in line.segments() {
            let glyphs = drawn.entry(face).or_default();
            let info = face.info();
            for c in piece.chars() {
                if let Some((gid, _)) = info.glyph(c) {
                    let i = usize::from(gid);
                    if glyphs.len() <= i {
                        glyphs.resize(i + 1, None);
                    }
                    glyphs[i].get_or_insert(c);
                }
            }
        }
    }
    let used: BTreeMap<Font, BTreeMap<u16, char>> = drawn
        .into_iter()
        .map(|(face, glyphs)| {
            let map = (glyphs.into_iter().enumerate())
                .filter_map(|(g, c)| Some((u16::try_from(g).ok()?, c?)))
                .collect();
            (face, map)
        })
        .collect();
    let mut fonts = lopdf::Dictionary::new();
    for (face, glyphs) in &used {
        let id = fonts::embed(pdf, *face, glyphs)
            .map_err(|e| RenderError::Backend(format!("PDF writer: {e}")))?;
        fonts.set(face.resource(), Object::Reference(id));
    }
    let resources = pdf.add_object(lopdf::dictionary! { "Font" => fonts });
    for id in pdf.get_pages().into_values() {
        let page = pdf
            .get_object_mut(id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| RenderError::Backend(format!("PDF writer: page {id:?}: {e}")))?;
        page.set("Resources", Object::Reference(resources));
    }
    Ok(())
}

/// Puts each page's content stream (built side by side) in place of the
/// placeholder printpdf wrote.
fn set_contents(
    pdf: &mut lopdf::Document,
    layout: &Layout,
    banner: (u8, u8, u8),
    text: (u8, u8, u8),
) -> Result<(), RenderError> {
    use lopdf::Object;
    use rayon::prelude::*;
    let contents: Vec<Vec<u8>> = layout
        .pages
        .par_iter()
        .map(|p| page_content(p, banner, text))
        .collect();
    let pages: Vec<lopdf::ObjectId> = pdf.get_pages().into_values().collect();
    if pages.len() != contents.len() {
        return Err(RenderError::Backend(format!(
            "PDF writer: {} pages written for {} laid out",
            pages.len(),
            contents.len()
        )));
    }
    for (page_id, page) in pages.iter().zip(&layout.pages) {
        let links = page_links(page);
        if links.is_empty() {
            continue;
        }
        let ids: Vec<Object> = links
            .into_iter()
            .map(|a| Object::Reference(pdf.add_object(a)))
            .collect();
        let dict = pdf
            .get_object_mut(*page_id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| RenderError::Backend(format!("PDF writer: page {page_id:?}: {e}")))?;
        dict.set("Annots", Object::Array(ids));
    }
    for (page_id, bytes) in pages.into_iter().zip(contents) {
        let contents_id = pdf
            .get_object(page_id)
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"Contents"))
            .and_then(Object::as_reference)
            .map_err(|e| RenderError::Backend(format!("PDF writer: page {page_id:?}: {e}")))?;
        pdf.objects.insert(
            contents_id,
            Object::Stream(lopdf::Stream::new(lopdf::Dictionary::new(), bytes)),
        );
    }
    Ok(())
}

/// What printpdf writes that the renderer sets itself: the page boxes
/// exactly in points (printpdf keeps them in millimetres, so Letter comes
/// out 792.001 high), and a document information dictionary holding only
/// the title, the subject (at most the banner) and the creator — no
/// author, keywords or dates, and no `GTS_PDFXVersion` claiming a PDF/X
/// conformance the file does not have.
fn finish_document(
    pdf: &mut lopdf::Document,
    layout: &Layout,
    content: &Content,
) -> Result<(), RenderError> {
    use lopdf::Object;
    let page_box = || {
        Object::Array(vec![
            Object::Integer(0),
            Object::Integer(0),
            Object::Real(layout.width),
            Object::Real(layout.height),
        ])
    };
    for id in pdf.get_pages().into_values() {
        let page = pdf
            .get_object_mut(id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| RenderError::Backend(format!("PDF writer: page {id:?}: {e}")))?;
        for name in ["MediaBox", "CropBox", "TrimBox"] {
            page.set(name, page_box());
        }
    }
    let mut info = lopdf::Dictionary::new();
    info.set("Title", text_string(&content.meta_title));
    info.set("Subject", text_string(&content.meta_subject));
    info.set("Creator", text_string("cablemark"));
    info.set("Producer", text_string("cablemark"));
    let info_id = pdf
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .map_err(|e| RenderError::Backend(format!("PDF writer: document info: {e}")))?;
    pdf.objects.insert(info_id, Object::Dictionary(info));
    Ok(())
}

/// A PDF text string: ASCII as is, anything else UTF-16BE with its byte
/// order mark (PDF 32000-1, 7.9.2.2).
fn text_string(text: &str) -> lopdf::Object {
    if text.is_ascii() {
        return lopdf::Object::string_literal(text);
    }
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// Replaces the placeholder `/ID` strings in the trailer with a hash of
/// the file. Same length, so the cross-reference offsets stay right.
fn set_id(bytes: &mut [u8]) -> Result<(), RenderError> {
    let hex = |b: &[u8]| -> Vec<u8> {
        b.iter()
            .flat_map(|x| format!("{x:02X}").into_bytes())
            .collect()
    };
    let mut needle = b"<".to_vec();
    needle.extend(hex(&ID_PLACEHOLDER));
    needle.push(b'>');
    let id = hex(&fnv1a_128(bytes).to_be_bytes());
    let trailer = rfind(bytes, b"trailer")
        .ok_or_else(|| RenderError::Backend("PDF writer: no trailer".into()))?;
    let mut found = 0;
    let mut at = trailer;
    while let Some(i) = find(&bytes[at..], &needle) {
        let start = at + i + 1;
        bytes[start..start + id.len()].copy_from_slice(&id);
        at = start + id.len();
        found += 1;
    }
    if found != 2 {
        return Err(RenderError::Backend(
            "PDF writer: trailer /ID not found".into(),
        ));
    }
    Ok(())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// FNV-1a, 128 bits: a stable hash (unlike std's, fixed by its spec) for
/// the document identifier.
fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes
        .iter()
        .fold(OFFSET, |h, &b| (h ^ u128::from(b)).wrapping_mul(PRIME))
}

/// Deflates every stream not yet filtered, at a fast level: the best level
/// (lopdf's `compress`) costs several times more for a few percent.
fn compress_streams(pdf: &mut lopdf::Document) -> Result<(), RenderError> {
    use std::io::Write;
    for object in pdf.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder
            .write_all(&stream.content)
            .map_err(|e| RenderError::Backend(format!("PDF writer: {e}")))?;
        let compressed = encoder
            .finish()
            .map_err(|e| RenderError::Backend(format!("PDF writer: {e}")))?;
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        crate::source::sample_document()
    }

    #[test]
    fn renders_twice_to_the_same_bytes_in_one_process() {
        let style = Style::default();
        let doc = sample();
        for part in [Part::Whole, Part::NonPaper] {
            let a = Pdf.render(&doc, part, &style).expect("renders");
            let b = Pdf.render(&doc, part, &style).expect("renders");
            assert!(a.starts_with(b"%PDF-"));
            assert!(a == b, "{part:?} differs between two renders");
        }
    }

    #[test]
    fn the_id_is_a_hash_of_the_content() {
        let style = Style::default();
        let doc = sample();
        let whole = Pdf.render(&doc, Part::Whole, &style).expect("renders");
        let nonpaper = Pdf.render(&doc, Part::NonPaper, &style).expect("renders");
        let id = |b: &[u8]| {
            let t = rfind(b, b"/ID").expect("has an /ID");
            b[t..t + 40].to_vec()
        };
        assert_ne!(id(&whole), id(&nonpaper));
        assert!(!String::from_utf8_lossy(&id(&whole)).contains("0000000000000000"));
    }

    #[test]
    fn an_undrawable_character_is_an_error_with_its_line() {
        let src = "---\nsubject: (U) Test\n---\n\n(U) First.\n\n(U) Taiwan 中华.\n";
        let doc = crate::source::parse("t.md", src.to_string()).expect("parses");
        match Pdf.render(&doc, Part::Whole, &Style::default()) {
            Err(RenderError::Content { line, message }) => {
                assert_eq!(line, 7);
                assert!(
                    message.starts_with("U+4E2D '中' cannot be drawn in the PDF's fonts"),
                    "{message}"
                );
            }
            other => panic!("expected a content error, got {other:?}"),
        }
    }

    #[test]
    fn an_undrawable_character_in_the_front_matter_names_its_line() {
        let src = "---\nsubject: (U) Test\nfrom: SECSTATE ✓\n---\n\n(U) First.\n";
        let doc = crate::source::parse("t.md", src.to_string()).expect("parses");
        match Pdf.render(&doc, Part::Whole, &Style::default()) {
            Err(RenderError::Content { line, .. }) => assert_eq!(line, 3),
            other => panic!("expected a content error, got {other:?}"),
        }
    }

    #[test]
    fn typographic_characters_render() {
        let src =
            "---\nsubject: (U) Test\n---\n\n(U) “Quoted” – § — • it’s\u{00A0}fine\u{2011}ok.\n";
        let doc = crate::source::parse("t.md", src.to_string()).expect("parses");
        assert!(Pdf.render(&doc, Part::Whole, &Style::default()).is_ok());
    }

    #[test]
    fn no_nonpaper_is_an_error() {
        let src = "---\nsubject: (U) Test\n---\n\n(U) First.\n";
        let doc = crate::source::parse("t.md", src.to_string()).expect("parses");
        assert!(matches!(
            Pdf.render(&doc, Part::NonPaper, &Style::default()),
            Err(RenderError::NoNonPaper)
        ));
    }
}
