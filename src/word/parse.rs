//! The XML parts of a DOCX: body, styles, numbering, headers and footers,
//! comments, notes, properties. Elements are matched by namespace, not by
//! prefix. A DTD is refused; the only references resolved are the five XML
//! entities and character references.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;

use super::package::{resolve, Package};
use super::{
    one_line, Block, HeaderFooter, Hidden, HiddenKind, Para, Property, Run, WordDocument, WordError,
};

const W: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Strict OOXML's WordprocessingML (ISO/IEC 29500 Strict): the same
/// elements, read the same.
const W_STRICT: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
/// The namespaces an `mc:Choice` may require that Word, and this reader,
/// understand (drawing shapes and groups, Word 2010/2012 markup, math).
const UNDERSTOOD: &[&[u8]] = &[
    b"http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    b"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    b"http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    b"http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
    b"http://schemas.microsoft.com/office/word/2010/wordml",
    b"http://schemas.microsoft.com/office/word/2012/wordml",
    b"http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    b"http://schemas.microsoft.com/office/drawing/2010/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/math",
];
const MC: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";
/// Nesting deeper than this is refused (no real document comes close).
const MAX_DEPTH: usize = 512;

pub(crate) struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub external: bool,
}

/// One level of a numbering definition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Level {
    pub format: String,
    pub text: String,
    pub start: u32,
    /// The label is hidden (`w:vanish` in the level's run properties).
    pub hidden: bool,
}

/// A `w:num`: its id, its abstract numbering, its start overrides and its
/// whole-level overrides.
type Num = (u32, u32, Vec<(u8, u32)>, Vec<(u8, Level)>);

/// numId → (abstract id, levels).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Numbering {
    pub nums: HashMap<u32, (u32, Vec<Level>)>,
}

impl Numbering {
    pub(crate) fn level(&self, num: u32, level: u8) -> Option<(u32, &Level)> {
        let (abs, levels) = self.nums.get(&num)?;
        levels.get(level as usize).map(|l| (*abs, l))
    }
}

#[derive(Debug, Clone, Default)]
struct StyleDef {
    name: String,
    based_on: Option<String>,
    numbering: Option<(Option<u32>, Option<u8>)>,
    outline: Option<u8>,
    vanish: bool,
    /// The paragraph style of a paragraph that names none (`w:default`).
    default_paragraph: bool,
}

type Styles = HashMap<String, StyleDef>;

fn corrupt(part: &str, e: impl std::fmt::Display) -> WordError {
    WordError::Corrupt(format!("{part}: {e}"))
}

/// An XML event stream over one part, with the checks every part gets.
struct Xml<'a> {
    reader: NsReader<&'a [u8]>,
    part: &'a str,
    depth: usize,
}

/// One event, reduced to what the parsers need.
enum Ev {
    Start {
        w: bool,
        mc: bool,
        local: String,
        attrs: Vec<(String, String)>,
        empty: bool,
    },
    End {
        w: bool,
        mc: bool,
        local: String,
    },
    Text(String),
    Eof,
}

impl<'a> Xml<'a> {
    fn new(part: &'a str, text: &'a str) -> Xml<'a> {
        let mut reader = NsReader::from_str(text);
        reader.config_mut().expand_empty_elements = false;
        Xml {
            reader,
            part,
            depth: 0,
        }
    }

    fn next(&mut self) -> Result<Ev, WordError> {
        loop {
            let (ns, event) = self
                .reader
                .read_resolved_event()
                .map_err(|e| corrupt(self.part, e))?;
            let (w, mc) = match ns {
                ResolveResult::Bound(Namespace(n)) => (n == W || n == W_STRICT, n == MC),
                _ => (false, false),
            };
            return Ok(match event {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(WordError::TooLarge(format!(
                            "{}: elements nested deeper than {MAX_DEPTH}",
                            self.part
                        )));
                    }
                    Ev::Start {
                        w,
                        mc,
                        local: local(&e),
                        attrs: attrs(&e, self.part)?,
                        empty: false,
                    }
                }
                Event::Empty(e) => Ev::Start {
                    w,
                    mc,
                    local: local(&e),
                    attrs: attrs(&e, self.part)?,
                    empty: true,
                },
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    let name = e.local_name();
                    Ev::End {
                        w,
                        mc,
                        local: String::from_utf8_lossy(name.as_ref()).into_owned(),
                    }
                }
                Event::Text(t) => {
                    Ev::Text(t.decode().map_err(|e| corrupt(self.part, e))?.into_owned())
                }
                Event::CData(t) => Ev::Text(String::from_utf8_lossy(&t).into_owned()),
                Event::GeneralRef(r) => {
                    if let Some(c) = r.resolve_char_ref().map_err(|e| corrupt(self.part, e))? {
                        Ev::Text(c.to_string())
                    } else {
                        let name = r.decode().map_err(|e| corrupt(self.part, e))?;
                        match predefined(&name) {
                            Some(s) => Ev::Text(s.to_string()),
                            None => {
                                return Err(corrupt(
                                    self.part,
                                    format!("the entity `&{name};` is not an XML entity (entities are never resolved)"),
                                ))
                            }
                        }
                    }
                }
                Event::DocType(_) => {
                    return Err(corrupt(
                        self.part,
                        "a DTD (<!DOCTYPE>) is not allowed in a Word part",
                    ))
                }
                Event::Eof => Ev::Eof,
                _ => continue,
            });
        }
    }
}

impl Xml<'_> {
    /// Whether every prefix of an `mc:Choice`'s `Requires` is bound, here,
    /// to a namespace this reader understands.
    fn understood(&self, requires: &str) -> bool {
        let prefixes: Vec<&str> = requires.split_whitespace().collect();
        !prefixes.is_empty()
            && prefixes.iter().all(|p| {
                let qname = format!("{p}:x");
                let prefix = quick_xml::name::QName(qname.as_bytes()).prefix();
                match self.reader.resolver().resolve_prefix(prefix, false) {
                    ResolveResult::Bound(Namespace(n)) => UNDERSTOOD.contains(&n),
                    _ => false,
                }
            })
    }

    /// How deep the element just opened is.
    fn depth(&self) -> usize {
        self.depth
    }
}

fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

fn local(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

fn attrs(e: &BytesStart, part: &str) -> Result<Vec<(String, String)>, WordError> {
    let mut out = Vec::new();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|e| corrupt(part, e))?;
        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| corrupt(part, e))?
            .into_owned();
        out.push((key, value));
    }
    Ok(out)
}

fn attr<'v>(attrs: &'v [(String, String)], key: &str) -> Option<&'v str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// A `w:b`-like toggle: on unless `w:val` says off.
fn toggle(attrs: &[(String, String)]) -> bool {
    !matches!(attr(attrs, "val"), Some("0" | "false" | "off" | "none"))
}

pub(crate) fn relationships(text: &str) -> Result<Vec<Relationship>, WordError> {
    let mut xml = Xml::new("relationships", text);
    let mut out = Vec::new();
    loop {
        match xml.next()? {
            Ev::Start { local, attrs, .. } if local == "Relationship" => out.push(Relationship {
                id: attr(&attrs, "Id").unwrap_or_default().to_string(),
                kind: attr(&attrs, "Type").unwrap_or_default().to_string(),
                target: attr(&attrs, "Target").unwrap_or_default().to_string(),
                external: attr(&attrs, "TargetMode") == Some("External"),
            }),
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Reads the whole document.
pub(crate) fn document(pkg: &Package) -> Result<WordDocument, WordError> {
    let main = pkg
        .main_part()
        .ok_or_else(|| WordError::NotDocx("the package has no main document part".into()))?;
    let body_xml = pkg
        .part(&main)
        .ok_or_else(|| WordError::NotDocx(format!("the main part {main} is missing")))?;
    let folder = main.rsplit_once('/').map_or("", |(f, _)| f).to_string();
    let rels_name = format!(
        "{folder}/_rels/{}.rels",
        main.rsplit('/').next().unwrap_or("")
    );
    let rels = match pkg.part(&rels_name) {
        Some(t) => relationships(t)?,
        None => Vec::new(),
    };
    let rel_part = |suffix: &str| {
        rels.iter()
            .find(|r| r.kind.ends_with(suffix) && !r.external)
            .map(|r| resolve(&folder, &r.target))
    };
    let styles = match rel_part("/styles").and_then(|p| pkg.part(&p).map(|t| (p, t))) {
        Some((p, t)) => styles(&p, t)?,
        None => Styles::new(),
    };
    let numbering = match rel_part("/numbering").and_then(|p| pkg.part(&p).map(|t| (p, t))) {
        Some((p, t)) => numbering(&p, t, &styles)?,
        None => Numbering::default(),
    };
    let links: HashMap<String, String> = rels
        .iter()
        .filter(|r| r.kind.ends_with("/hyperlink"))
        .map(|r| (r.id.clone(), r.target.clone()))
        .collect();

    let mut doc = WordDocument {
        numbering,
        ..WordDocument::default()
    };
    let mut body = Body::new(&styles, &links);
    body.parse(&main, body_xml)?;
    doc.pages_known = body.pages_known;
    doc.hidden.append(&mut body.hidden);
    let anchors = std::mem::take(&mut body.anchors);
    let sections = std::mem::take(&mut body.sections);
    doc.body = std::mem::take(&mut body.blocks);

    // Headers and footers, as each section refers to them.
    for (n, refs) in sections.iter().enumerate() {
        for (what, kind, id) in refs {
            let Some(r) = rels.iter().find(|r| &r.id == id && !r.external) else {
                continue;
            };
            let part = resolve(&folder, &r.target);
            let Some(text) = pkg.part(&part) else {
                return Err(WordError::Corrupt(format!(
                    "{part} is referenced but missing"
                )));
            };
            let mut hf = Body::new(&styles, &links);
            hf.parse(&part, text)?;
            let lines: Vec<String> = hf.paragraphs().map(|p| p.text()).collect();
            for mut h in hf.hidden {
                h.paragraph = None;
                doc.hidden.push(h);
            }
            // A marked line other than the banner prints on every page, yet
            // is no portion of the body.
            for line in &lines {
                for l in line.split('\n') {
                    if !super::is_banner_line(l) && !crate::source::detect::scan(l, &[]).is_empty()
                    {
                        doc.hidden.push(Hidden {
                            kind: HiddenKind::HeaderFooter,
                            paragraph: None,
                            text: l.trim().to_string(),
                        });
                    }
                }
            }
            doc.headers.push(HeaderFooter {
                what,
                kind: kind.clone(),
                section: n + 1,
                part,
                lines,
            });
        }
    }

    // Comments and notes: their text, anchored where the body refers to them.
    for (suffix, element, kind) in [
        ("/comments", "comment", HiddenKind::Comment),
        ("/footnotes", "footnote", HiddenKind::Footnote),
        ("/endnotes", "endnote", HiddenKind::Endnote),
    ] {
        let Some(part) = rel_part(suffix) else {
            continue;
        };
        let Some(text) = pkg.part(&part) else {
            continue;
        };
        for (id, text) in notes(&part, text, element)? {
            if text.trim().is_empty() {
                continue;
            }
            let paragraph = anchors.get(&(kind, id)).copied();
            doc.hidden.push(Hidden {
                kind,
                paragraph,
                text,
            });
        }
    }

    // Document properties, wherever the package's relationships put them
    // (and at their usual names).
    let mut property_parts: Vec<String> = pkg
        .part("_rels/.rels")
        .map(relationships)
        .transpose()?
        .unwrap_or_default()
        .into_iter()
        .filter(|r| {
            !r.external
                && [
                    "/core-properties",
                    "/custom-properties",
                    "/extended-properties",
                ]
                .iter()
                .any(|k| r.kind.ends_with(k))
        })
        .map(|r| resolve("", &r.target))
        .collect();
    for usual in [
        "docProps/core.xml",
        "docProps/custom.xml",
        "docProps/app.xml",
    ] {
        if !property_parts.iter().any(|p| p == usual) {
            property_parts.push(usual.to_string());
        }
    }
    for part in property_parts {
        if let Some(text) = pkg.part(&part) {
            doc.properties.extend(properties(&part, text)?);
        }
    }
    doc.hidden
        .sort_by_key(|h| (h.paragraph.unwrap_or(usize::MAX), h.kind));
    Ok(doc)
}

fn styles(part: &str, text: &str) -> Result<Styles, WordError> {
    let mut xml = Xml::new(part, text);
    let mut out = Styles::new();
    let mut current: Option<(String, StyleDef)> = None;
    let mut in_rpr = false;
    loop {
        match xml.next()? {
            Ev::Start {
                w: true,
                local,
                attrs,
                empty,
                ..
            } => match local.as_str() {
                "style" => {
                    let id = attr(&attrs, "styleId").unwrap_or_default().to_string();
                    let default_paragraph = attr(&attrs, "type").unwrap_or("paragraph")
                        == "paragraph"
                        && matches!(attr(&attrs, "default"), Some("1" | "true" | "on"));
                    current = Some((
                        id,
                        StyleDef {
                            default_paragraph,
                            ..StyleDef::default()
                        },
                    ));
                }
                "name" => {
                    if let Some((_, s)) = &mut current {
                        s.name = attr(&attrs, "val").unwrap_or_default().to_string();
                    }
                }
                "basedOn" => {
                    if let Some((_, s)) = &mut current {
                        s.based_on = attr(&attrs, "val").map(str::to_string);
                    }
                }
                "numId" | "ilvl" => {
                    if let Some((_, s)) = &mut current {
                        let v = attr(&attrs, "val").and_then(|v| v.parse::<u32>().ok());
                        let entry = s.numbering.get_or_insert((None, None));
                        if local == "numId" {
                            entry.0 = v;
                        } else {
                            entry.1 = v.map(|v| v.min(8) as u8);
                        }
                    }
                }
                "outlineLvl" => {
                    if let Some((_, s)) = &mut current {
                        s.outline = attr(&attrs, "val").and_then(|v| v.parse::<u8>().ok());
                    }
                }
                "rPr" if !empty => in_rpr = true,
                "vanish" if in_rpr => {
                    if let Some((_, s)) = &mut current {
                        s.vanish = toggle(&attrs);
                    }
                }
                _ => {}
            },
            Ev::End { w: true, local, .. } => match local.as_str() {
                "style" => {
                    if let Some((id, s)) = current.take() {
                        out.insert(id, s);
                    }
                }
                "rPr" => in_rpr = false,
                _ => {}
            },
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A style's property, looked up through `basedOn` (bounded).
fn style_chain<T>(styles: &Styles, id: &str, get: impl Fn(&StyleDef) -> Option<T>) -> Option<T> {
    let mut id = id.to_string();
    for _ in 0..16 {
        let s = styles.get(&id)?;
        if let Some(v) = get(s) {
            return Some(v);
        }
        id = s.based_on.clone()?;
    }
    None
}

fn numbering(part: &str, text: &str, styles: &Styles) -> Result<Numbering, WordError> {
    /// Where the level being read goes.
    enum Target {
        Abstract(usize),
        Override(u8),
    }
    let mut xml = Xml::new(part, text);
    // abstract id → (levels, the numbering style it links to).
    let mut abstracts: HashMap<u32, (Vec<Level>, Option<String>)> = HashMap::new();
    let mut nums: Vec<Num> = Vec::new();
    let mut abs: Option<(u32, Vec<Level>, Option<String>)> = None;
    let mut num: Option<Num> = None;
    let mut level: Option<(Target, Level)> = None;
    let mut override_level: Option<u8> = None;
    let mut in_rpr = false;
    loop {
        match xml.next()? {
            Ev::Start {
                w: true,
                local,
                attrs,
                empty,
                ..
            } => {
                let val = attr(&attrs, "val").unwrap_or_default().to_string();
                match local.as_str() {
                    "abstractNum" => {
                        let id = attr(&attrs, "abstractNumId")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0);
                        abs = Some((id, Vec::new(), None));
                    }
                    "numStyleLink" => {
                        if let Some(a) = &mut abs {
                            a.2 = Some(val);
                        }
                    }
                    "lvl" if !empty => {
                        let i: u8 = attr(&attrs, "ilvl")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0)
                            .min(8);
                        let target = match (&num, override_level) {
                            (Some(_), Some(o)) => Target::Override(o),
                            _ => Target::Abstract(usize::from(i)),
                        };
                        level = Some((
                            target,
                            Level {
                                start: 1,
                                ..Level::default()
                            },
                        ));
                    }
                    "start" | "numFmt" | "lvlText" => {
                        if let Some((_, l)) = &mut level {
                            match local.as_str() {
                                "start" => l.start = val.parse().unwrap_or(1),
                                "numFmt" => l.format = val,
                                _ => l.text = val,
                            }
                        }
                    }
                    "rPr" if !empty && level.is_some() => in_rpr = true,
                    "vanish" if in_rpr => {
                        if let Some((_, l)) = &mut level {
                            l.hidden = toggle(&attrs);
                        }
                    }
                    "num" => {
                        let id = attr(&attrs, "numId")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0);
                        num = Some((id, 0, Vec::new(), Vec::new()));
                    }
                    "abstractNumId" => {
                        if let Some(n) = &mut num {
                            n.1 = val.parse().unwrap_or(0);
                        }
                    }
                    "lvlOverride" => {
                        override_level = attr(&attrs, "ilvl").and_then(|v| v.parse().ok());
                    }
                    "startOverride" => {
                        if let (Some(n), Some(l)) = (&mut num, override_level) {
                            n.2.push((l, val.parse().unwrap_or(1)));
                        }
                    }
                    _ => {}
                }
            }
            Ev::End { w: true, local, .. } => match local.as_str() {
                "abstractNum" => {
                    if let Some((id, levels, link)) = abs.take() {
                        abstracts.insert(id, (levels, link));
                    }
                }
                "rPr" => in_rpr = false,
                "lvl" => match level.take() {
                    Some((Target::Abstract(i), l)) => {
                        if let Some((_, levels, _)) = &mut abs {
                            while levels.len() <= i {
                                levels.push(Level {
                                    start: 1,
                                    ..Level::default()
                                });
                            }
                            levels[i] = l;
                        }
                    }
                    Some((Target::Override(o), l)) => {
                        if let Some(n) = &mut num {
                            n.3.push((o, l));
                        }
                    }
                    None => {}
                },
                "lvlOverride" => override_level = None,
                "num" => {
                    if let Some(n) = num.take() {
                        nums.push(n);
                    }
                }
                _ => {}
            },
            Ev::Eof => break,
            _ => {}
        }
    }
    let abstract_of: HashMap<u32, u32> = nums.iter().map(|n| (n.0, n.1)).collect();
    // The levels of an abstract numbering, through `numStyleLink` (a
    // numbering style whose own numbering holds the levels; bounded).
    let levels_of = |mut id: u32| -> Vec<Level> {
        for _ in 0..8 {
            let Some((levels, link)) = abstracts.get(&id) else {
                return Vec::new();
            };
            let Some(style) = link else {
                return levels.clone();
            };
            let next = style_chain(styles, style, |s| s.numbering.and_then(|(n, _)| n))
                .and_then(|n| abstract_of.get(&n).copied());
            match next {
                Some(next) if next != id => id = next,
                _ => return levels.clone(),
            }
        }
        Vec::new()
    };
    let mut out = Numbering::default();
    for (id, abs_id, starts, full) in nums {
        let mut levels = levels_of(abs_id);
        for (l, level) in full {
            let i = usize::from(l.min(8));
            while levels.len() <= i {
                levels.push(Level {
                    start: 1,
                    ..Level::default()
                });
            }
            levels[i] = level;
        }
        for (l, start) in starts {
            if let Some(level) = levels.get_mut(l as usize) {
                level.start = start;
            }
        }
        out.nums.insert(id, (abs_id, levels));
    }
    Ok(out)
}

/// The body (or a header, footer, comment or note) of a document.
struct Body<'s> {
    styles: &'s Styles,
    links: &'s HashMap<String, String>,
    blocks: Vec<Block>,
    /// Open tables: rows of cells of paragraphs.
    tables: Vec<Vec<Vec<Vec<Para>>>>,
    para: Option<Para>,
    paragraphs: usize,
    page: usize,
    pages_known: bool,
    hidden: Vec<Hidden>,
    /// (kind, id) → the paragraph that refers to it.
    anchors: HashMap<(HiddenKind, String), usize>,
    /// Per section: (header|footer, type, relationship id).
    sections: Vec<Vec<(&'static str, String, String)>>,
    /// Open fields, innermost last: the instruction, and whether the
    /// result has begun.
    fields: Vec<(String, bool)>,
}

#[derive(Default)]
struct RunState {
    bold: bool,
    italic: bool,
    strike: bool,
    code: bool,
    vanish: bool,
    /// Drawn in a symbol font (Symbol, Wingdings, …): its letters are not
    /// the letters a reader sees.
    symbol: bool,
}

/// Fonts whose glyphs are symbols, not the letters of their codes.
fn symbol_font(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "symbol",
        "wingdings",
        "webdings",
        "marlett",
        "zapf dingbats",
        "zapfdingbats",
        "dingbats",
        "mt extra",
    ]
    .iter()
    .any(|f| n.starts_with(f))
}

impl<'s> Body<'s> {
    fn new(styles: &'s Styles, links: &'s HashMap<String, String>) -> Body<'s> {
        Body {
            styles,
            links,
            blocks: Vec::new(),
            tables: Vec::new(),
            para: None,
            paragraphs: 0,
            page: 1,
            pages_known: false,
            hidden: Vec::new(),
            anchors: HashMap::new(),
            sections: vec![Vec::new()],
            fields: Vec::new(),
        }
    }

    fn paragraphs(&self) -> impl Iterator<Item = &Para> {
        self.blocks
            .iter()
            .flat_map(|b| -> Box<dyn Iterator<Item = &Para>> {
                match b {
                    Block::Para(p) => Box::new(std::iter::once(p)),
                    Block::Table(rows) => Box::new(rows.iter().flatten().flatten()),
                }
            })
    }

    fn parse(&mut self, part: &str, text: &str) -> Result<(), WordError> {
        let mut xml = Xml::new(part, text);
        let mut run = RunState::default();
        let (mut in_ppr, mut in_rpr, mut in_sectpr) = (false, false, false);
        let mut link: Option<String> = None;
        // Depths of what changes where text goes.
        let (mut del, mut textbox, mut instr) = (0usize, 0usize, false);
        // `mc:AlternateContent`: per open one, whether a branch was taken.
        let mut alternates: Vec<bool> = Vec::new();
        // A branch not taken: the depth it closes at, and its text.
        let mut skipping: Option<(usize, String, bool)> = None;
        let mut textbox_text = String::new();
        let mut in_text = false;
        // The paragraph's style hides its text.
        let mut para_vanish = false;
        loop {
            match xml.next()? {
                // The branch Word does not show: its text is kept aside
                // (reported, in the banner's floor), never body text.
                ev if skipping.is_some() => {
                    let Some((until, captured, in_t)) = &mut skipping else { continue };
                    match ev {
                        Ev::Start { w: true, local, empty, .. } => {
                            if (local == "t" || local == "delText" || local == "instrText") && !empty {
                                *in_t = true;
                            } else if local == "p" || local == "br" || local == "tab" {
                                captured.push(' ');
                            }
                        }
                        Ev::End { w: true, local, .. } if local == "t" || local == "delText" || local == "instrText" => *in_t = false,
                        Ev::Text(t) if *in_t => captured.push_str(&t),
                        Ev::Eof => break,
                        _ => {}
                    }
                    if xml.depth() < *until {
                        let text = std::mem::take(captured);
                        skipping = None;
                        let same = |h: &Hidden| one_line(&h.text) == one_line(&text);
                        if !text.trim().is_empty() && !self.hidden.iter().any(same) {
                            self.hidden.push(Hidden {
                                kind: HiddenKind::Alternate,
                                paragraph: self.current_paragraph(),
                                text,
                            });
                        }
                    }
                }
                Ev::Start { mc: true, local, attrs, empty, .. } => match local.as_str() {
                    "AlternateContent" if !empty => alternates.push(false),
                    "Choice" | "Fallback" if !empty => {
                        let wanted = match local.as_str() {
                            "Choice" => xml.understood(attr(&attrs, "Requires").unwrap_or("")),
                            _ => true,
                        };
                        match alternates.last_mut() {
                            Some(taken) if !*taken && wanted => *taken = true,
                            _ => skipping = Some((xml.depth(), String::new(), false)),
                        }
                    }
                    _ => {}
                },
                Ev::End { mc: true, local, .. } if local == "AlternateContent" => {
                    alternates.pop();
                }
                Ev::Start {
                    w: true,
                    local,
                    attrs,
                    empty,
                    ..
                } => match local.as_str() {
                    "p" if textbox > 0 && !textbox_text.is_empty() => textbox_text.push('\n'),
                    "p" if textbox > 0 => {}
                    "p" => {
                        // A paragraph naming no style has the default one.
                        para_vanish = self
                            .styles
                            .values()
                            .any(|st| st.default_paragraph && st.vanish);
                        self.paragraphs += 1;
                        self.para = Some(Para {
                            index: self.paragraphs,
                            page: self.page,
                            ..Para::default()
                        });
                        if empty {
                            self.end_paragraph();
                        }
                    }
                    "pPr" if !empty => in_ppr = true,
                    "rPr" if !empty => {
                        in_rpr = true;
                    }
                    "pStyle" if in_ppr && !in_rpr => {
                        let id = attr(&attrs, "val").unwrap_or_default().to_string();
                        let name = self.style_name(&id);
                        if let Some(p) = &mut self.para {
                            p.style = name;
                            if p.numbering.is_none() {
                                p.numbering = style_chain(self.styles, &id, |s| {
                                    s.numbering
                                        .and_then(|(n, l)| n.map(|n| (n, l.unwrap_or(0))))
                                });
                            }
                            p.heading =
                                p.heading.or_else(|| heading_level(&p.style)).or_else(|| {
                                    style_chain(self.styles, &id, |s| s.outline)
                                        .filter(|l| *l < 6)
                                        .map(|l| l + 1)
                                });
                            para_vanish =
                                style_chain(self.styles, &id, |s| s.vanish.then_some(())).is_some();
                        }
                    }
                    "numId" if in_ppr && !in_rpr => {
                        if let Some(p) = &mut self.para {
                            let n = attr(&attrs, "val")
                                .and_then(|v| v.parse::<u32>().ok())
                                .unwrap_or(0);
                            let level = p.numbering.map_or(0, |(_, l)| l);
                            p.numbering = (n != 0).then_some((n, level));
                        }
                    }
                    "ilvl" if in_ppr && !in_rpr => {
                        if let Some(p) = &mut self.para {
                            let l = attr(&attrs, "val")
                                .and_then(|v| v.parse::<u8>().ok())
                                .unwrap_or(0)
                                .min(8);
                            p.numbering = Some((p.numbering.map_or(0, |(n, _)| n), l));
                        }
                    }
                    "outlineLvl" if in_ppr && !in_rpr => {
                        if let Some(p) = &mut self.para {
                            let l = attr(&attrs, "val")
                                .and_then(|v| v.parse::<u8>().ok())
                                .unwrap_or(9);
                            if l < 6 {
                                p.heading = Some(l + 1);
                            }
                        }
                    }
                    "pageBreakBefore" if in_ppr && toggle(&attrs) => {
                        self.page += 1;
                        self.pages_known = true;
                        if let Some(p) = &mut self.para {
                            p.page = self.page;
                        }
                    }
                    "sectPr" if !empty => in_sectpr = true,
                    "headerReference" | "footerReference" if in_sectpr => {
                        let what = if local == "headerReference" {
                            "header"
                        } else {
                            "footer"
                        };
                        let kind = attr(&attrs, "type").unwrap_or("default").to_string();
                        let id = attr(&attrs, "id").unwrap_or_default().to_string();
                        if let Some(s) = self.sections.last_mut() {
                            s.push((what, kind, id));
                        }
                    }
                    "r" => {
                        run = RunState {
                            vanish: para_vanish,
                            ..RunState::default()
                        };
                    }
                    "b" if in_rpr && !in_ppr => run.bold = toggle(&attrs),
                    "i" if in_rpr && !in_ppr => run.italic = toggle(&attrs),
                    "strike" | "dstrike" if in_rpr && !in_ppr => run.strike = toggle(&attrs),
                    "vanish" | "specVanish" if in_rpr && !in_ppr => run.vanish = toggle(&attrs),
                    // The paragraph mark's formatting is the numbering label's.
                    "vanish" if in_rpr && in_ppr => {
                        if let Some(p) = &mut self.para {
                            p.label_hidden = toggle(&attrs);
                        }
                    }
                    "rStyle" if in_rpr && !in_ppr => {
                        let id = attr(&attrs, "val").unwrap_or_default();
                        let name = self.style_name(id).to_ascii_lowercase();
                        run.code = name.contains("verbatim")
                            || name.contains("code")
                            || name.contains("source text");
                        if style_chain(self.styles, id, |s| s.vanish.then_some(())).is_some() {
                            run.vanish = true;
                        }
                    }
                    "rFonts" if in_rpr && !in_ppr => {
                        run.symbol = ["ascii", "hAnsi", "cs", "eastAsia"]
                            .iter()
                            .filter_map(|k| attr(&attrs, k))
                            .any(symbol_font);
                    }
                    "sym" => {
                        // A symbol character: never a letter of a mark.
                        let symbol = RunState { symbol: true, ..RunState::default() };
                        self.text("\u{FFFC}", &symbol, del, textbox, &mut textbox_text, link.as_deref());
                    }
                    "noBreakHyphen" => self.text("\u{2011}", &run, del, textbox, &mut textbox_text, link.as_deref()),
                    "fldChar" => match attr(&attrs, "fldCharType") {
                        Some("begin") => self.fields.push((String::new(), false)),
                        Some("separate") => {
                            if let Some(f) = self.fields.last_mut() {
                                f.1 = true;
                            }
                        }
                        Some("end") => {
                            self.fields.pop();
                        }
                        _ => {}
                    },
                    "fldSimple" if !empty => self
                        .fields
                        .push((attr(&attrs, "instr").unwrap_or_default().to_string(), true)),
                    "t" | "delText" if !empty => in_text = true,
                    "instrText" if !empty => instr = true,
                    "tab" if !in_ppr => {
                        self.text("\t", &run, del, textbox, &mut textbox_text, link.as_deref())
                    }
                    "br" | "cr" => {
                        if attr(&attrs, "type") == Some("page") {
                            self.page += 1;
                            self.pages_known = true;
                        } else {
                            self.text("\n", &run, del, textbox, &mut textbox_text, link.as_deref());
                        }
                    }
                    "lastRenderedPageBreak" => {
                        self.page += 1;
                        self.pages_known = true;
                    }
                    "del" | "moveFrom" if !empty => del += 1,
                    "txbxContent" if !empty => textbox += 1,
                    "hyperlink" if !empty => {
                        link = attr(&attrs, "id")
                            .and_then(|id| self.links.get(id).cloned())
                            .or_else(|| attr(&attrs, "anchor").map(|a| format!("#{a}")));
                    }
                    "commentRangeStart" | "commentReference" => {
                        self.anchor(HiddenKind::Comment, &attrs)
                    }
                    "footnoteReference" => self.anchor(HiddenKind::Footnote, &attrs),
                    "endnoteReference" => self.anchor(HiddenKind::Endnote, &attrs),
                    "dataBinding" => self.hidden.push(Hidden {
                        kind: HiddenKind::Embedded,
                        paragraph: self.current_paragraph(),
                        text: "(a data-bound content control: Word shows the text of a custom XML part, not the text written here)".to_string(),
                    }),
                    "altChunk" | "object" => self.hidden.push(Hidden {
                        kind: HiddenKind::Embedded,
                        paragraph: self.current_paragraph(),
                        text: format!(
                            "(an embedded {} that cannot be read)",
                            if local == "object" {
                                "object"
                            } else {
                                "document"
                            }
                        ),
                    }),
                    "tbl" if !empty => self.tables.push(Vec::new()),
                    "tr" if !empty => {
                        if let Some(t) = self.tables.last_mut() {
                            t.push(Vec::new());
                        }
                    }
                    "tc" if !empty => {
                        if let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut()) {
                            row.push(Vec::new());
                        }
                    }
                    _ => {}
                },
                Ev::End { w: true, local, .. } => match local.as_str() {
                    "p" if textbox > 0 => {}
                    "p" => self.end_paragraph(),
                    "pPr" => in_ppr = false,
                    "rPr" => in_rpr = false,
                    "sectPr" => {
                        in_sectpr = false;
                        self.sections.push(Vec::new());
                    }
                    "r" => {
                        run = RunState::default();
                    }
                    "t" | "delText" => in_text = false,
                    "instrText" => instr = false,
                    "fldSimple" => {
                        self.fields.pop();
                    }
                    "del" | "moveFrom" => del = del.saturating_sub(1),
                    "txbxContent" => {
                        textbox = textbox.saturating_sub(1);
                        if textbox == 0 {
                            let text = std::mem::take(&mut textbox_text);
                            if !text.trim().is_empty() {
                                self.hidden.push(Hidden {
                                    kind: HiddenKind::TextBox,
                                    paragraph: self.current_paragraph(),
                                    text,
                                });
                            }
                        }
                    }
                    "hyperlink" => link = None,
                    "tbl" => {
                        if let Some(table) = self.tables.pop() {
                            match self
                                .tables
                                .last_mut()
                                .and_then(|t| t.last_mut())
                                .and_then(|r| r.last_mut())
                            {
                                // A table in a table cell: its paragraphs join the cell.
                                Some(cell) => cell.extend(table.into_iter().flatten().flatten()),
                                None => self.blocks.push(Block::Table(table)),
                            }
                        }
                    }
                    _ => {}
                },
                Ev::Text(t) if instr => {
                    if let Some(f) = self.fields.last_mut() {
                        if f.0.len() < 4096 {
                            f.0.push_str(&t);
                        }
                    }
                }
                Ev::Text(t) if in_text && !instr => {
                    self.text(&t, &run, del, textbox, &mut textbox_text, link.as_deref())
                }
                Ev::Eof => break,
                _ => {}
            }
        }
        if self.sections.last().is_some_and(Vec::is_empty) && self.sections.len() > 1 {
            self.sections.pop();
        }
        if self.para.is_some() {
            self.end_paragraph();
        }
        Ok(())
    }

    fn style_name(&self, id: &str) -> String {
        self.styles
            .get(id)
            .map(|s| s.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| id.to_string())
    }

    fn current_paragraph(&self) -> Option<usize> {
        self.para
            .as_ref()
            .map(|p| p.index)
            .or((self.paragraphs > 0).then_some(self.paragraphs))
    }

    fn anchor(&mut self, kind: HiddenKind, attrs: &[(String, String)]) {
        if let (Some(id), Some(p)) = (attr(attrs, "id"), self.current_paragraph()) {
            self.anchors.entry((kind, id.to_string())).or_insert(p);
        }
    }

    fn text(
        &mut self,
        text: &str,
        run: &RunState,
        del: usize,
        textbox: usize,
        textbox_text: &mut String,
        link: Option<&str>,
    ) {
        if textbox > 0 {
            // A text box's deleted text is a deletion all the same.
            if del == 0 {
                textbox_text.push_str(text);
                return;
            }
        }
        // The result of a field Word computes (a REF, a DATE, a PAGE, a
        // DOCPROPERTY…) is what Word last showed, not what it will show: no
        // body text. A hyperlink's result is its own text.
        // A page number (PAGE, NUMPAGES, SECTIONPAGES) shown as digits is
        // only a number, wherever Word puts it.
        let page_number = |instr: &str| {
            let word = instr
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            matches!(word.as_str(), "PAGE" | "NUMPAGES" | "SECTIONPAGES")
                && text
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_whitespace())
        };
        let computed = self.fields.iter().any(|(instr, result)| {
            *result
                && !instr
                    .trim_start()
                    .to_ascii_uppercase()
                    .starts_with("HYPERLINK")
                && !page_number(instr)
        });
        let kind = if del > 0 {
            Some(HiddenKind::Deletion)
        } else if run.vanish {
            Some(HiddenKind::HiddenText)
        } else if computed {
            Some(HiddenKind::FieldResult)
        } else if run.symbol {
            Some(HiddenKind::Symbol)
        } else {
            None
        };
        if let Some(kind) = kind {
            let paragraph = self.current_paragraph();
            match self.hidden.last_mut() {
                Some(h) if h.kind == kind && h.paragraph == paragraph => h.text.push_str(text),
                _ => self.hidden.push(Hidden {
                    kind,
                    paragraph,
                    text: text.to_string(),
                }),
            }
            return;
        }
        let Some(p) = &mut self.para else { return };
        let next = Run {
            text: text.to_string(),
            bold: run.bold,
            italic: run.italic,
            strike: run.strike,
            code: run.code,
            link: link.map(str::to_string),
        };
        match p.runs.last_mut() {
            Some(last)
                if (last.bold, last.italic, last.strike, last.code, &last.link)
                    == (next.bold, next.italic, next.strike, next.code, &next.link) =>
            {
                last.text.push_str(text)
            }
            _ => p.runs.push(next),
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.para.take() else { return };
        match self
            .tables
            .last_mut()
            .and_then(|t| t.last_mut())
            .and_then(|r| r.last_mut())
        {
            Some(cell) => cell.push(p),
            None => self.blocks.push(Block::Para(p)),
        }
    }
}

/// `heading 1`…`heading 6` (any case, with or without the space).
fn heading_level(style: &str) -> Option<u8> {
    let s = style.to_ascii_lowercase().replace(' ', "");
    let n = s.strip_prefix("heading")?.parse::<u8>().ok()?;
    (1..=6).contains(&n).then_some(n)
}

/// Comments, footnotes or endnotes: (id, text) of each, in one pass.
fn notes(part: &str, text: &str, element: &str) -> Result<Vec<(String, String)>, WordError> {
    let mut xml = Xml::new(part, text);
    let mut out = Vec::new();
    // The note being read: its id, whether it is a separator, its text.
    let mut current: Option<(String, bool, String)> = None;
    let mut in_text = false;
    loop {
        match xml.next()? {
            Ev::Start {
                w: true,
                local,
                attrs,
                empty,
                ..
            } => {
                if local == element && !empty {
                    let separator = matches!(
                        attr(&attrs, "type"),
                        Some("separator" | "continuationSeparator" | "continuationNotice")
                    );
                    let id = attr(&attrs, "id").unwrap_or_default().to_string();
                    current = Some((id, separator, String::new()));
                } else if let Some((_, _, t)) = &mut current {
                    match local.as_str() {
                        "t" | "delText" if !empty => in_text = true,
                        "p" if !t.is_empty() => t.push('\n'),
                        "tab" | "br" | "cr" => t.push(' '),
                        _ => {}
                    }
                }
            }
            Ev::End { w: true, local, .. } => {
                if local == element {
                    if let Some((id, separator, t)) = current.take() {
                        if !separator {
                            out.push((id, t));
                        }
                    }
                } else if local == "t" || local == "delText" {
                    in_text = false;
                }
            }
            Ev::Text(t) if in_text => {
                if let Some((_, _, text)) = &mut current {
                    text.push_str(&t);
                }
            }
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

fn properties(part: &str, text: &str) -> Result<Vec<Property>, WordError> {
    let mut xml = Xml::new(part, text);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut custom: Option<String> = None;
    let mut value = String::new();
    loop {
        match xml.next()? {
            Ev::Start {
                local,
                attrs,
                empty,
                ..
            } => {
                if local == "property" {
                    custom = attr(&attrs, "name").map(str::to_string);
                } else if !empty {
                    let name = match local.as_str() {
                        "title" | "subject" | "keywords" | "description" | "category"
                        | "contentStatus" | "creator" | "lastModifiedBy" | "Company"
                        | "Manager" | "HyperlinkBase" => Some(local.clone()),
                        _ => custom.as_ref().map(|c| format!("custom property `{c}`")),
                    };
                    if name.is_some() {
                        current = name;
                        value.clear();
                    }
                }
            }
            Ev::Text(t) if current.is_some() => value.push_str(&t),
            Ev::End { local, .. } => {
                if local == "property" {
                    custom = None;
                }
                if let Some(name) = current.take() {
                    if !value.trim().is_empty() {
                        out.push(Property {
                            name,
                            value: value.trim().to_string(),
                        });
                    }
                    value.clear();
                }
            }
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}
