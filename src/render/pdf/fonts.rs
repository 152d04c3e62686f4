//! The PDF's fonts: Liberation Serif, Sans and Mono (SIL Open Font
//! License 1.1, `styles/fonts/OFL.txt`), metric-compatible with Times,
//! Arial/Helvetica and Courier, so layouts measured for those stay as
//! they were. They cover Latin with its extensions and Vietnamese, Greek
//! and Cyrillic.
//!
//! Each font used is embedded as a composite font (Type0, CIDFontType2,
//! `Identity-H`, glyph ids as codes) with a `ToUnicode` map, so text
//! copied or extracted from the PDF is the text of the source. The font
//! program is subset here: glyph ids are kept (no renumbering), the
//! outlines of glyphs not drawn (and not a component of one drawn) are
//! emptied, and only the tables a PDF font program needs are written —
//! deterministic bytes, a few tens of kilobytes a face.

use std::collections::BTreeMap;
use std::sync::LazyLock;

/// One face of a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    SerifRegular,
    SerifBold,
    SerifItalic,
    SerifBoldItalic,
    SansRegular,
    SansBold,
    SansItalic,
    SansBoldItalic,
    MonoRegular,
    MonoBold,
    MonoItalic,
    MonoBoldItalic,
    /// A font file a style names (`text.fallback_fonts`), by its place in
    /// the fonts loaded by this process ([`load_fallback`]): it draws what
    /// the Liberation faces cannot (CJK names, say).
    Fallback(u8),
}

pub const FACES: [Face; 12] = [
    Face::SerifRegular,
    Face::SerifBold,
    Face::SerifItalic,
    Face::SerifBoldItalic,
    Face::SansRegular,
    Face::SansBold,
    Face::SansItalic,
    Face::SansBoldItalic,
    Face::MonoRegular,
    Face::MonoBold,
    Face::MonoItalic,
    Face::MonoBoldItalic,
];

macro_rules! font_file {
    ($name:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/styles/fonts/", $name))
    };
}

impl Face {
    /// The face's place among the built-in faces (`None` for a fallback).
    fn builtin(self) -> Option<usize> {
        FACES.iter().position(|f| *f == self)
    }

    fn data(self) -> &'static [u8] {
        match self {
            Face::Fallback(i) => fallback(i).map_or(&[], |f| f.data),
            Face::SerifRegular => font_file!("LiberationSerif-Regular.ttf"),
            Face::SerifBold => font_file!("LiberationSerif-Bold.ttf"),
            Face::SerifItalic => font_file!("LiberationSerif-Italic.ttf"),
            Face::SerifBoldItalic => font_file!("LiberationSerif-BoldItalic.ttf"),
            Face::SansRegular => font_file!("LiberationSans-Regular.ttf"),
            Face::SansBold => font_file!("LiberationSans-Bold.ttf"),
            Face::SansItalic => font_file!("LiberationSans-Italic.ttf"),
            Face::SansBoldItalic => font_file!("LiberationSans-BoldItalic.ttf"),
            Face::MonoRegular => font_file!("LiberationMono-Regular.ttf"),
            Face::MonoBold => font_file!("LiberationMono-Bold.ttf"),
            Face::MonoItalic => font_file!("LiberationMono-Italic.ttf"),
            Face::MonoBoldItalic => font_file!("LiberationMono-BoldItalic.ttf"),
        }
    }

    /// The PostScript name, as the font descriptor gives it.
    pub fn postscript_name(self) -> &'static str {
        match self {
            Face::Fallback(i) => fallback(i).map_or("Fallback", |f| f.name),
            Face::SerifRegular => "LiberationSerif",
            Face::SerifBold => "LiberationSerif-Bold",
            Face::SerifItalic => "LiberationSerif-Italic",
            Face::SerifBoldItalic => "LiberationSerif-BoldItalic",
            Face::SansRegular => "LiberationSans",
            Face::SansBold => "LiberationSans-Bold",
            Face::SansItalic => "LiberationSans-Italic",
            Face::SansBoldItalic => "LiberationSans-BoldItalic",
            Face::MonoRegular => "LiberationMono",
            Face::MonoBold => "LiberationMono-Bold",
            Face::MonoItalic => "LiberationMono-Italic",
            Face::MonoBoldItalic => "LiberationMono-BoldItalic",
        }
    }

    /// The resource name in every page's font dictionary (fixed).
    pub fn resource(self) -> String {
        match (self, self.builtin()) {
            (Face::Fallback(i), _) => format!("X{}", usize::from(i) + 1),
            (_, Some(i)) => format!("F{}", i + 1),
            (_, None) => "F0".to_string(),
        }
    }

    /// The parsed face and its width cache (each face read on first use).
    pub fn info(self) -> &'static FaceInfo {
        match (self, self.builtin()) {
            (Face::Fallback(i), _) => fallback(i).map_or(&NO_FACE, |f| &f.info),
            (_, Some(i)) => LOADED[i].get_or_init(|| FaceInfo::load(self.data())),
            (_, None) => &NO_FACE,
        }
    }

    /// Whether the face is one of the monospace faces.
    fn mono(self) -> bool {
        matches!(
            self,
            Face::MonoRegular | Face::MonoBold | Face::MonoItalic | Face::MonoBoldItalic
        )
    }
}

/// A font file a style named, read once and kept for the process.
struct FallbackFont {
    /// The file's bytes (a font program is read in place).
    data: &'static [u8],
    info: FaceInfo,
    /// Its PostScript name, letters, digits and `-` only.
    name: &'static str,
    /// The file's length and a hash of its bytes: the same font named
    /// twice is loaded once.
    key: (usize, u64),
}

/// The fallback fonts loaded so far; [`Face::Fallback`] indexes it.
static FALLBACKS: std::sync::Mutex<Vec<&'static FallbackFont>> = std::sync::Mutex::new(Vec::new());

/// A face that has nothing (an unknown fallback).
static NO_FACE: FaceInfo = FaceInfo {
    face: None,
    cache: Vec::new(),
    units_per_em: 1000.0,
};

fn fallback(i: u8) -> Option<&'static FallbackFont> {
    let list = FALLBACKS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    list.get(usize::from(i)).copied()
}

/// The largest font file a style may name.
const MAX_FONT_FILE: u64 = 64 << 20;

/// Reads a TrueType font file a style names, for the PDF to draw what the
/// built-in faces cannot. Refused: a file that cannot be read or is larger
/// than 64 MiB, one that is not a font, and one whose outlines are not
/// TrueType (`glyf`; a CFF-based OpenType font cannot be subset here).
pub fn load_fallback(path: &std::path::Path) -> Result<Face, String> {
    use std::io::Read;
    // Only a regular file of a font's size is read (a FIFO would block, a
    // device never end).
    let meta = std::fs::metadata(path).map_err(|e| crate::input::io_reason(&e))?;
    if !meta.is_file() {
        return Err("not a regular file".to_string());
    }
    if meta.len() > MAX_FONT_FILE {
        return Err("larger than 64 MiB".to_string());
    }
    let file = std::fs::File::open(path).map_err(|e| crate::input::io_reason(&e))?;
    let mut data = Vec::new();
    file.take(MAX_FONT_FILE + 1)
        .read_to_end(&mut data)
        .map_err(|e| crate::input::io_reason(&e))?;
    if data.len() as u64 > MAX_FONT_FILE {
        return Err("larger than 64 MiB".to_string());
    }
    let key = (data.len(), fnv(&data));
    let mut list = FALLBACKS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(i) = list.iter().position(|f| f.key == key) {
        return Ok(Face::Fallback(i as u8));
    }
    let index = u8::try_from(list.len())
        .ok()
        .filter(|i| *i < u8::MAX)
        .ok_or("too many fallback fonts in one process")?;
    if data.starts_with(b"ttcf") {
        return Err("a font collection (.ttc): name one font of it, as a .ttf".to_string());
    }
    {
        let parsed = ttf_parser::Face::parse(&data, 0)
            .map_err(|e| format!("not a font this tool can read ({e})"))?;
        // What the PDF writer will do with it, tried now: a program it
        // cannot subset is refused here, not halfway through a render.
        subset(&data, std::iter::once(0)).map_err(|e| format!("{e} (truncated or damaged)"))?;
        if parsed.tables().glyf.is_none() {
            return Err(
                "its outlines are not TrueType (glyf): use a .ttf font, not a CFF-based .otf"
                    .to_string(),
            );
        }
    }
    let data: &'static [u8] = Box::leak(data.into_boxed_slice());
    let info = FaceInfo::load(data);
    let name = info
        .face
        .as_ref()
        .and_then(|f| {
            f.names()
                .into_iter()
                .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
                .find_map(|n| n.to_string())
        })
        .map(|n| {
            n.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .take(60)
                .collect::<String>()
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("Fallback{}", index + 1));
    let font: &'static FallbackFont = Box::leak(Box::new(FallbackFont {
        data,
        info,
        name: Box::leak(name.into_boxed_str()),
        key,
    }));
    list.push(font);
    Ok(Face::Fallback(index))
}

/// FNV-1a's offset basis.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over some bytes.
fn fnv(bytes: &[u8]) -> u64 {
    fnv_from(FNV_OFFSET, bytes)
}

/// FNV-1a over some bytes, from a hash so far.
fn fnv_from(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A parsed face: glyph lookup and advances in 1/1000 em, with the first
/// 0x0530 code points (Latin, Greek, Cyrillic) cached.
pub struct FaceInfo {
    face: Option<ttf_parser::Face<'static>>,
    /// (glyph id, advance in 1/1000 em) of each cached code point; glyph
    /// 0 means none.
    cache: Vec<(u16, u16)>,
    units_per_em: f32,
}

const CACHED: usize = 0x0530;

static LOADED: [std::sync::OnceLock<FaceInfo>; 12] = [const { std::sync::OnceLock::new() }; 12];

impl FaceInfo {
    fn load(data: &'static [u8]) -> FaceInfo {
        let face = ttf_parser::Face::parse(data, 0).ok();
        let units_per_em = face
            .as_ref()
            .map_or(1000.0, |x| f32::from(x.units_per_em()));
        let mut info = FaceInfo {
            face,
            cache: Vec::new(),
            units_per_em,
        };
        info.cache = (0..CACHED as u32)
            .map(|cp| {
                char::from_u32(cp)
                    .and_then(|c| info.lookup(c))
                    .unwrap_or((0, 0))
            })
            .collect();
        info
    }

    fn lookup(&self, c: char) -> Option<(u16, u16)> {
        let face = self.face.as_ref()?;
        let gid = face.glyph_index(c)?;
        if gid.0 == 0 {
            return None;
        }
        Some((gid.0, self.advance(gid.0)))
    }

    /// The glyph and its advance (1/1000 em) of a character, if the face
    /// has one.
    pub fn glyph(&self, c: char) -> Option<(u16, u16)> {
        match self.cache.get(c as usize) {
            Some(&(0, _)) => None,
            Some(&g) => Some(g),
            None => self.lookup(c),
        }
    }

    /// Advance of a glyph id in 1/1000 em.
    fn advance(&self, gid: u16) -> u16 {
        let Some(face) = &self.face else { return 0 };
        let advance = face
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .unwrap_or(0);
        (f32::from(advance) * 1000.0 / self.units_per_em).round() as u16
    }
}

/// The faces the layout draws with: every face (runs are bold, italic,
/// both, or code).
const DRAWN: [Face; 12] = FACES;

/// Whether every face the layout draws with can draw the character (any
/// text may be drawn in any of them).
pub fn covers(c: char) -> bool {
    match COVERED.get(c as usize) {
        Some(&covered) => covered,
        None => DRAWN.iter().all(|f| f.info().glyph(c).is_some()),
    }
}

/// [`covers`] for the cached code points, worked out once.
static COVERED: LazyLock<Vec<bool>> = LazyLock::new(|| {
    (0..CACHED as u32)
        .map(|cp| {
            char::from_u32(cp).is_some_and(|c| DRAWN.iter().all(|f| f.info().glyph(c).is_some()))
        })
        .collect()
});

/// The font objects of one face in a PDF: the Type0 font dictionary and
/// what it refers to, for the glyphs used (glyph id → the text it stands
/// for).
pub fn embed(
    pdf: &mut lopdf::Document,
    face: Face,
    used: &BTreeMap<u16, char>,
) -> Result<lopdf::ObjectId, String> {
    use lopdf::{dictionary, Object, Stream};
    let info = face.info();
    let Some(parsed) = &info.face else {
        return Err(format!(
            "the font {} cannot be read",
            face.postscript_name()
        ));
    };
    let program = subset(face.data(), used.keys().copied())?;
    let file_len = program.len() as i64;
    let file_id = pdf.add_object(Stream::new(dictionary! { "Length1" => file_len }, program));
    let scale = |v: i16| (f32::from(v) * 1000.0 / info.units_per_em).round() as i64;
    let bbox = parsed.global_bounding_box();
    let flags = if face.mono() {
        1 | 32
    } else if matches!(
        face,
        Face::SerifRegular | Face::SerifBold | Face::SerifItalic | Face::SerifBoldItalic
    ) {
        2 | 32
    } else {
        32
    } | if parsed.is_italic() { 64 } else { 0 };
    let name = format!("{}+{}", subset_tag(face, used), face.postscript_name());
    let descriptor = dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(name.clone().into_bytes()),
        "Flags" => flags,
        "FontBBox" => vec![scale(bbox.x_min).into(), scale(bbox.y_min).into(), scale(bbox.x_max).into(), scale(bbox.y_max).into()],
        "ItalicAngle" => Object::Real(parsed.italic_angle()),
        "Ascent" => scale(parsed.ascender()),
        "Descent" => scale(parsed.descender()),
        "CapHeight" => scale(parsed.capital_height().unwrap_or(parsed.ascender())),
        "StemV" => if matches!(face, Face::SerifBold | Face::SansBold | Face::MonoBold | Face::SerifBoldItalic | Face::SansBoldItalic | Face::MonoBoldItalic) { 120 } else { 80 },
        "FontFile2" => file_id,
    };
    let descriptor_id = pdf.add_object(descriptor);
    // Widths of the glyphs used: `[gid [w] gid [w] …]`.
    let mut widths = Vec::new();
    for &gid in used.keys() {
        widths.push(Object::Integer(i64::from(gid)));
        widths.push(Object::Array(vec![Object::Integer(i64::from(
            info.advance(gid),
        ))]));
    }
    let cid_font = dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(name.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor_id,
        "DW" => 1000,
        "W" => widths,
        "CIDToGIDMap" => "Identity",
    };
    let cid_id = pdf.add_object(cid_font);
    let to_unicode = pdf.add_object(Stream::new(
        dictionary! {},
        to_unicode_cmap(used).into_bytes(),
    ));
    Ok(pdf.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(name.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_id)],
        "ToUnicode" => to_unicode,
    }))
}

/// Six capital letters naming the subset (PDF 32000-1, 9.6.4), from a
/// hash of the glyphs used: the same text gives the same tag.
fn subset_tag(face: Face, used: &BTreeMap<u16, char>) -> String {
    let seed = match face {
        Face::Fallback(i) => 0x100 + u64::from(i),
        _ => face.builtin().unwrap_or(0) as u64,
    };
    let mut h = FNV_OFFSET ^ seed;
    for &g in used.keys() {
        h = fnv_from(h, &g.to_be_bytes());
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect()
}

/// The `ToUnicode` CMap: each glyph id to the character it was drawn for.
fn to_unicode_cmap(used: &BTreeMap<u16, char>) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &char)> = used.iter().collect();
    for chunk in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (gid, c) in chunk {
            let mut units = [0u16; 2];
            let hex: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            out.push_str(&format!("<{gid:04X}> <{hex}>\n"));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

fn be16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

fn be32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *d.get(at)?,
        *d.get(at + 1)?,
        *d.get(at + 2)?,
        *d.get(at + 3)?,
    ]))
}

/// The font program with only the glyphs `used` (and glyph 0 and the
/// components of composite glyphs) keeping their outlines; glyph ids are
/// unchanged. Only the tables of a PDF TrueType program are kept.
pub fn subset(data: &[u8], used: impl Iterator<Item = u16>) -> Result<Vec<u8>, String> {
    let bad = || "the font program is malformed".to_string();
    let tables = be16(data, 4).ok_or_else(bad)? as usize;
    let mut dir: BTreeMap<[u8; 4], &[u8]> = BTreeMap::new();
    for i in 0..tables {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = data
            .get(rec..rec + 4)
            .and_then(|t| t.try_into().ok())
            .ok_or_else(bad)?;
        let offset = be32(data, rec + 8).ok_or_else(bad)? as usize;
        let length = be32(data, rec + 12).ok_or_else(bad)? as usize;
        let table = data
            .get(offset..offset.saturating_add(length))
            .ok_or_else(bad)?;
        dir.insert(tag, table);
    }
    let head = *dir.get(b"head").ok_or_else(bad)?;
    let long_loca = be16(head, 50).ok_or_else(bad)? == 1;
    let loca = *dir.get(b"loca").ok_or_else(bad)?;
    let glyf = *dir.get(b"glyf").ok_or_else(bad)?;
    let glyphs = be16(dir.get(b"maxp").ok_or_else(bad)?, 4).ok_or_else(bad)? as usize;
    let offset = |g: usize| -> Option<usize> {
        if long_loca {
            be32(loca, g * 4).map(|v| v as usize)
        } else {
            be16(loca, g * 2).map(|v| v as usize * 2)
        }
    };
    // The glyphs kept: those used, glyph 0, and composite components.
    let mut keep = vec![false; glyphs];
    let mut stack: Vec<usize> = std::iter::once(0).chain(used.map(usize::from)).collect();
    while let Some(g) = stack.pop() {
        if g >= glyphs || keep[g] {
            continue;
        }
        keep[g] = true;
        let (Some(start), Some(end)) = (offset(g), offset(g + 1)) else {
            continue;
        };
        let Some(outline) = glyf.get(start..end) else {
            continue;
        };
        if outline.len() < 10 || (be16(outline, 0).unwrap_or(0) as i16) >= 0 {
            continue;
        }
        // A composite: flags, glyph index, arguments, transform; repeated.
        let mut at = 10;
        while let (Some(flags), Some(component)) = (be16(outline, at), be16(outline, at + 2)) {
            stack.push(usize::from(component));
            at += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
            at += if flags & 0x0008 != 0 {
                2
            } else if flags & 0x0040 != 0 {
                4
            } else if flags & 0x0080 != 0 {
                8
            } else {
                0
            };
            if flags & 0x0020 == 0 {
                break;
            }
        }
    }
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity((glyphs + 1) * 4);
    for (g, kept) in keep.iter().enumerate() {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if *kept {
            if let (Some(start), Some(end)) = (offset(g), offset(g + 1)) {
                if let Some(outline) = glyf.get(start..end) {
                    new_glyf.extend_from_slice(outline);
                    while new_glyf.len() % 4 != 0 {
                        new_glyf.push(0);
                    }
                }
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    if new_head.len() < 54 {
        return Err(bad());
    }
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes()); // long loca
    new_head[8..12].copy_from_slice(&[0; 4]); // checkSumAdjustment, set below
    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for (tag, table) in &dir {
        let bytes = match tag {
            b"glyf" => new_glyf.clone(),
            b"loca" => new_loca.clone(),
            b"head" => new_head.clone(),
            b"hhea" | b"hmtx" | b"maxp" | b"cvt " | b"fpgm" | b"prep" | b"OS/2" | b"name" => {
                table.to_vec()
            }
            _ => continue,
        };
        out_tables.push((*tag, bytes));
    }
    // The sfnt: offset table, directory, tables (each 4-byte aligned).
    let n = out_tables.len() as u16;
    let mut entry_selector = 0u16;
    while (1u16 << (entry_selector + 1)) <= n {
        entry_selector += 1;
    }
    let search_range = (1u16 << entry_selector) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&entry_selector.to_be_bytes());
    out.extend_from_slice(&(n * 16 - search_range).to_be_bytes());
    let mut offset = 12 + 16 * out_tables.len();
    let mut head_at = None;
    for (tag, bytes) in &out_tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(bytes).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += bytes.len().div_ceil(4) * 4;
    }
    for (_, bytes) in &out_tables {
        out.extend_from_slice(bytes);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    Ok(out)
}

fn checksum(bytes: &[u8]) -> u32 {
    bytes.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_faces_cover_the_names_of_real_cables() {
        for c in
            "Erdoğan İstanbul Gdańsk Wałęsa Hải Phòng Ωμέγα Москва Ελλάδα Київ €“”‘’–—…•§".chars()
        {
            assert!(c == ' ' || covers(c), "{c} (U+{:04X})", c as u32);
        }
        assert!(!covers('中'));
    }

    #[test]
    fn metric_compatible_with_the_base_fonts() {
        // Times 250 for a space, Helvetica 278, Courier 600.
        assert_eq!(Face::SerifRegular.info().glyph(' ').map(|g| g.1), Some(250));
        assert_eq!(Face::SansRegular.info().glyph(' ').map(|g| g.1), Some(278));
        assert_eq!(Face::MonoRegular.info().glyph('a').map(|g| g.1), Some(600));
    }

    #[test]
    fn a_subset_keeps_the_glyphs_drawn_and_their_components() {
        let face = Face::SerifRegular;
        let used: Vec<u16> = "Hải"
            .chars()
            .filter_map(|c| face.info().glyph(c))
            .map(|g| g.0)
            .collect();
        let full = face.data().len();
        let small = subset(face.data(), used.iter().copied()).expect("subsets");
        assert!(small.len() * 4 < full, "{} of {full}", small.len());
        let parsed = ttf_parser::Face::parse(&small, 0).expect("the subset parses");
        for &g in &used {
            assert!(
                parsed.glyph_bounding_box(ttf_parser::GlyphId(g)).is_some(),
                "glyph {g} kept"
            );
        }
        // A glyph not drawn has no outline.
        let z = face.info().glyph('Z').expect("Z").0;
        assert!(parsed.glyph_bounding_box(ttf_parser::GlyphId(z)).is_none());
        assert_eq!(
            small,
            subset(face.data(), used.iter().copied()).expect("again")
        );
    }
}
