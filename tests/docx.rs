//! The DOCX renderer, end to end: the real binary renders the sample, and
//! the tests open the files again (zip + XML) and look at what Word would
//! see. No LibreOffice, no Python.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use cablemark::render::content::{self, ItemKind};
use cablemark::render::{Format, Part, Style};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

const SAMPLE: &str = "samples/state-061156.md";
const WHOLE_BANNER: &str = "SECRET";
const NONPAPER_BANNER: &str = "SECRET//REL TO USA, TWN";
const SECRET_RED: &str = "C8102E";

/// Runs `cablemark render SAMPLE --format docx --out DIR [extra…]` and
/// returns the whole document and the non-paper.
fn render_cli(dir: &Path, extra: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let out = dir.to_str().expect("UTF-8 temp path");
    let o = Command::new(env!("CARGO_BIN_EXE_cablemark"))
        .args(["render", SAMPLE, "--format", "docx", "--out", out])
        .args(extra)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("state-061156.docx"), "{stdout}");
    assert!(stdout.contains("state-061156.nonpaper.docx"), "{stdout}");
    let read = |name: &str| std::fs::read(dir.join(name)).expect(name);
    (
        read("state-061156.docx"),
        read("state-061156.nonpaper.docx"),
    )
}

fn sample_doc() -> cablemark::model::Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE);
    let text = std::fs::read_to_string(path).expect("sample");
    cablemark::source::parse(SAMPLE, text).expect("sample parses")
}

/// The package: entry names in archive order, and the bytes by name.
struct Package {
    names: Vec<String>,
    parts: BTreeMap<String, Vec<u8>>,
}

impl Package {
    fn open(bytes: &[u8]) -> Package {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut names = Vec::new();
        let mut parts = BTreeMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("entry reads");
            // Fixed entry dates: 1980-01-01 00:00.
            let t = f.last_modified().expect("entry has a date");
            assert_eq!(
                (t.year(), t.month(), t.day(), t.hour(), t.minute()),
                (1980, 1, 1, 0, 0),
                "{}",
                f.name()
            );
            names.push(f.name().to_string());
            parts.insert(f.name().to_string(), data);
        }
        Package { names, parts }
    }

    fn xml(&self, name: &str) -> String {
        let bytes = self
            .parts
            .get(name)
            .unwrap_or_else(|| panic!("no part {name}"));
        String::from_utf8(bytes.clone()).expect("UTF-8 part")
    }

    /// All parts' text, for "this must not appear anywhere" checks.
    fn all_text(&self) -> String {
        self.parts
            .values()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// An attribute value of an element, unescaped.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// One `w:p` as Word sees it.
#[derive(Debug, Default, Clone)]
struct Para {
    style: Option<String>,
    /// `(ilvl, numId)` of the paragraph's own `w:numPr`.
    num: Option<(String, String)>,
    centered: bool,
    text: String,
    /// Whether every non-empty run is bold, and the colours of the runs.
    all_bold: bool,
    colors: Vec<String>,
}

/// The paragraphs of a part, in order (table cells included).
fn paragraphs(xml: &str) -> Vec<Para> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut p: Option<Para> = None;
    let (mut in_ppr, mut in_rpr, mut in_t, mut in_numpr) = (false, false, false, false);
    let (mut run_bold, mut run_has_text) = (false, false);
    let mut ilvl = String::new();
    loop {
        let ev = reader.read_event().expect("well-formed XML");
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.name().as_ref() {
                    b"w:p" => {
                        p = Some(Para {
                            all_bold: true,
                            ..Para::default()
                        })
                    }
                    b"w:pPr" if !empty => in_ppr = true,
                    b"w:rPr" if !empty => in_rpr = true,
                    b"w:numPr" if !empty => in_numpr = true,
                    b"w:r" => {
                        run_bold = false;
                        run_has_text = false;
                    }
                    b"w:pStyle" if in_ppr => {
                        if let Some(p) = p.as_mut() {
                            p.style = attr(e, "w:val");
                        }
                    }
                    b"w:ilvl" if in_numpr => ilvl = attr(e, "w:val").unwrap_or_default(),
                    b"w:numId" if in_numpr => {
                        if let Some(p) = p.as_mut() {
                            p.num = Some((ilvl.clone(), attr(e, "w:val").unwrap_or_default()));
                        }
                    }
                    b"w:jc" if in_ppr && !in_rpr => {
                        if let Some(p) = p.as_mut() {
                            p.centered = attr(e, "w:val").as_deref() == Some("center");
                        }
                    }
                    b"w:b" if in_rpr && !in_ppr => run_bold = true,
                    b"w:color" if in_rpr && !in_ppr => {
                        if let (Some(p), Some(c)) = (p.as_mut(), attr(e, "w:val")) {
                            p.colors.push(c);
                        }
                    }
                    b"w:t" if !empty => in_t = true,
                    b"w:tab" if !in_ppr => {
                        if let Some(p) = p.as_mut() {
                            p.text.push('\t');
                        }
                    }
                    b"w:br" => {
                        if let Some(p) = p.as_mut() {
                            p.text.push('\n');
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => match e.name().as_ref() {
                b"w:p" => out.extend(p.take()),
                b"w:pPr" => in_ppr = false,
                b"w:rPr" => in_rpr = false,
                b"w:numPr" => in_numpr = false,
                b"w:t" => in_t = false,
                b"w:r" if run_has_text && !run_bold => {
                    if let Some(p) = p.as_mut() {
                        p.all_bold = false;
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_t => {
                run_has_text = true;
                if let Some(p) = p.as_mut() {
                    p.text.push_str(&t.xml10_content().expect("text"));
                }
            }
            Event::GeneralRef(r) if in_t => {
                run_has_text = true;
                let name = r.decode().expect("entity name").into_owned();
                let s = match name.as_str() {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    other => other
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| other.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32)
                        .map(String::from)
                        .unwrap_or_else(|| panic!("unexpected entity {other}")),
                };
                if let Some(p) = p.as_mut() {
                    p.text.push_str(&s);
                }
            }
            _ => {}
        }
    }
    out
}

/// Every element `name` of a part, with its attributes.
fn elements(xml: &str, name: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == name.as_bytes() => {
                out.push(
                    e.attributes()
                        .flatten()
                        .map(|a| {
                            (
                                String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                    .map(|v| v.into_owned())
                                    .unwrap_or_default(),
                            )
                        })
                        .collect(),
                );
            }
            _ => {}
        }
    }
    out
}

/// The relationships of a `.rels` part: id → (type, resolved target).
fn relationships(pkg: &Package, rels: &str) -> BTreeMap<String, (String, String)> {
    // `word/_rels/document.xml.rels` → the source part's folder, `word/`.
    let base = rels
        .strip_suffix(".rels")
        .and_then(|s| s.rsplit_once("_rels/"))
        .map(|(dir, _)| dir.to_string())
        .unwrap_or_default();
    elements(&pkg.xml(rels), "Relationship")
        .into_iter()
        .filter(|r| r.get("TargetMode").map(String::as_str) != Some("External"))
        .map(|r| {
            let target = &r["Target"];
            let resolved = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => normalize(&format!("{base}{target}")),
            };
            (r["Id"].clone(), (r["Type"].clone(), resolved))
        })
        .collect()
}

/// Resolves `..` in a part name.
fn normalize(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            ".." => {
                out.pop();
            }
            "." | "" => {}
            s => out.push(s),
        }
    }
    out.join("/")
}

/// Every part has a content type, every override names a part, every
/// internal relationship target exists, every `r:id` in a part resolves.
fn assert_structure(pkg: &Package) {
    assert_eq!(pkg.names[0], "[Content_Types].xml");
    let types = pkg.xml("[Content_Types].xml");
    let defaults: Vec<String> = elements(&types, "Default")
        .into_iter()
        .map(|d| d["Extension"].to_ascii_lowercase())
        .collect();
    let overrides: Vec<String> = elements(&types, "Override")
        .into_iter()
        .map(|o| o["PartName"].trim_start_matches('/').to_string())
        .collect();
    for name in &pkg.names {
        if name == "[Content_Types].xml" || name.ends_with('/') {
            continue;
        }
        let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        assert!(
            overrides.contains(name) || defaults.contains(&ext),
            "part {name} has no content type"
        );
    }
    for o in &overrides {
        assert!(pkg.parts.contains_key(o), "override for missing part {o}");
    }
    let rels: Vec<&String> = pkg.names.iter().filter(|n| n.ends_with(".rels")).collect();
    assert!(rels.iter().any(|r| *r == "_rels/.rels"));
    for r in rels {
        let map = relationships(pkg, r);
        let external: Vec<String> = elements(&pkg.xml(r), "Relationship")
            .into_iter()
            .filter(|r| r.get("TargetMode").map(String::as_str) == Some("External"))
            .map(|r| r["Id"].clone())
            .collect();
        for (id, (_, target)) in &map {
            assert!(
                pkg.parts.contains_key(target),
                "{r}: {id} points to missing {target}"
            );
        }
        // Every r:id used by the source part resolves.
        let source = r
            .replace("_rels/", "")
            .trim_end_matches(".rels")
            .to_string();
        if let Some(xml) = pkg.parts.get(&source) {
            let xml = String::from_utf8_lossy(xml);
            for used in xml.split("r:id=\"").skip(1) {
                let id = used.split('"').next().unwrap_or("");
                assert!(
                    map.contains_key(id) || external.iter().any(|e| e == id),
                    "{source}: r:id {id} is not in {r}"
                );
            }
        }
    }
    // Cross-part references: every style a paragraph, table or style names
    // exists; every numbering instance used exists and has its definition.
    let styles = pkg.xml("word/styles.xml");
    let style_ids: Vec<String> = elements(&styles, "w:style")
        .into_iter()
        .map(|s| s["w:styleId"].clone())
        .collect();
    let numbering = pkg.xml("word/numbering.xml");
    let num_ids: Vec<String> = elements(&numbering, "w:num")
        .into_iter()
        .map(|n| n["w:numId"].clone())
        .collect();
    let abstract_ids: Vec<String> = elements(&numbering, "w:abstractNum")
        .into_iter()
        .map(|n| n["w:abstractNumId"].clone())
        .collect();
    for a in elements(&numbering, "w:abstractNumId") {
        assert!(abstract_ids.contains(&a["w:val"]), "no abstractNum {a:?}");
    }
    let word_parts = pkg
        .names
        .iter()
        .filter(|n| n.starts_with("word/") && n.ends_with(".xml"));
    for name in word_parts {
        let xml = pkg.xml(name);
        for tag in ["w:pStyle", "w:tblStyle", "w:rStyle", "w:basedOn", "w:next"] {
            for e in elements(&xml, tag) {
                assert!(style_ids.contains(&e["w:val"]), "{name}: {tag} {e:?}");
            }
        }
        for e in elements(&xml, "w:numId") {
            assert!(num_ids.contains(&e["w:val"]), "{name}: numId {e:?}");
        }
    }
    let root = relationships(pkg, "_rels/.rels");
    assert!(root
        .values()
        .any(|(t, p)| t.ends_with("/officeDocument") && p == "word/document.xml"));
}

/// The parts of the header and footer references of every section, by
/// `(kind, type)`.
fn section_banners(pkg: &Package) -> Vec<Vec<(String, String, String)>> {
    let doc = pkg.xml("word/document.xml");
    let rels = relationships(pkg, "word/_rels/document.xml.rels");
    let mut sections = Vec::new();
    for sect in doc.split("<w:sectPr").skip(1) {
        let sect = sect.split("</w:sectPr>").next().unwrap_or("");
        let mut refs = Vec::new();
        for kind in ["headerReference", "footerReference"] {
            for e in elements(&format!("<w:sectPr{sect}</w:sectPr>"), &format!("w:{kind}")) {
                let (_, target) = &rels[&e["r:id"]];
                refs.push((kind.to_string(), e["w:type"].clone(), target.clone()));
            }
        }
        sections.push(refs);
    }
    sections
}

/// Every section has a default header and footer, and every header and
/// footer it uses ends (footer) or starts (header) with the banner:
/// centred, bold, in the level's colour.
fn assert_banners(pkg: &Package, banner: &str, color: &str) {
    let sections = section_banners(pkg);
    assert!(!sections.is_empty(), "no section");
    for refs in sections {
        for kind in ["headerReference", "footerReference"] {
            assert!(
                refs.iter().any(|(k, t, _)| k == kind && t == "default"),
                "no default {kind}: {refs:?}"
            );
        }
        for (kind, ty, part) in refs {
            let paras = paragraphs(&pkg.xml(&part));
            let p = if kind == "headerReference" {
                paras.first()
            } else {
                paras.last()
            }
            .unwrap_or_else(|| panic!("{part} is empty"));
            assert_eq!(p.text, banner, "{kind} {ty} {part}");
            assert!(p.centered && p.all_bold, "{part}: {p:?}");
            assert_eq!(p.colors, [color], "{part}");
        }
    }
}

/// Styles: id → (name, numId of its numbering, if any).
fn styles(pkg: &Package) -> BTreeMap<String, (String, Option<String>)> {
    let xml = pkg.xml("word/styles.xml");
    let mut out = BTreeMap::new();
    for chunk in xml.split("<w:style ").skip(1) {
        let chunk = format!(
            "<w:style {}</w:style>",
            chunk.split("</w:style>").next().unwrap_or("")
        );
        let id = elements(&chunk, "w:style")[0]["w:styleId"].clone();
        let name = elements(&chunk, "w:name")
            .first()
            .map(|n| n["w:val"].clone())
            .unwrap_or_default();
        let num = elements(&chunk, "w:numId")
            .first()
            .map(|n| n["w:val"].clone());
        out.insert(id, (name, num));
    }
    out
}

/// The number format of level 0 of a numbering instance.
fn num_format(pkg: &Package, num_id: &str) -> String {
    let xml = pkg.xml("word/numbering.xml");
    let nums = xml.split("<w:num ").skip(1);
    let abs_id = nums
        .filter(|n| n.starts_with(&format!("w:numId=\"{num_id}\"")))
        .find_map(|n| n.split("<w:abstractNumId w:val=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no w:num {num_id}"))
        .to_string();
    let abs = xml
        .split("<w:abstractNum ")
        .find(|a| a.starts_with(&format!("w:abstractNumId=\"{abs_id}\"")))
        .unwrap_or_else(|| panic!("no abstractNum {abs_id}"));
    abs.split("<w:numFmt w:val=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("")
        .to_string()
}

fn is_heading(style: &Option<String>) -> bool {
    style.as_deref().is_some_and(|s| s.starts_with("Heading"))
}

#[test]
fn whole_document_structure_banners_styles_and_marks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (whole, _) = render_cli(dir.path(), &[]);
    let pkg = Package::open(&whole);
    assert_structure(&pkg);
    assert_banners(&pkg, WHOLE_BANNER, SECRET_RED);

    // Styles are real Word styles, and List Bullet is a bullet numbering.
    let st = styles(&pkg);
    assert_eq!(st["Normal"].0, "Normal");
    // Normal is the default paragraph style, so unstyled paragraphs are Normal.
    assert!(pkg
        .xml("word/styles.xml")
        .contains(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#));
    assert_eq!(st["Title"].0, "Title");
    assert_eq!(st["Heading1"].0, "heading 1");
    assert_eq!(st["Heading2"].0, "heading 2");
    let (name, num) = &st["ListBullet"];
    assert_eq!(name, "List Bullet");
    let num = num.clone().expect("List Bullet has a numbering");
    assert_eq!(num_format(&pkg, &num), "bullet");

    let paras = paragraphs(&pkg.xml("word/document.xml"));
    // The title: the subject with its mark.
    assert_eq!(paras[0].style.as_deref(), Some("Title"));
    assert_eq!(
        paras[0].text,
        "(S) Responding to Taiwan on Questions Regarding Turkish Intermediary Ak Makina"
    );

    // Every portion of the content model, in order, starting with its
    // mark: the paragraph number is Word numbering, never typed.
    let content = content::build(&sample_doc(), Part::Whole);
    let mut rest = paras.iter().skip(1);
    let paragraph_num = st["CableParagraph"].1.clone().expect("numbered style");
    assert_eq!(st["CableParagraph"].0, "Cable Paragraph");
    assert_eq!(num_format(&pkg, &paragraph_num), "decimal");
    for item in &content.items {
        let mark = item.mark.as_deref().expect("marked");
        let want = format!("{mark} {}", item.text());
        let p = rest
            .find(|p| p.text == want)
            .unwrap_or_else(|| panic!("portion missing or out of order: {want}"));
        match item.kind {
            ItemKind::Heading(_) => assert!(is_heading(&p.style), "{p:?}"),
            ItemKind::Bullet(_) => {
                assert_eq!(p.style.as_deref(), Some("ListBullet"), "{p:?}");
                assert_eq!(p.num.as_ref().map(|n| n.1.as_str()), Some(num.as_str()));
            }
            ItemKind::Paragraph => {
                assert_eq!(p.style.as_deref(), Some("CableParagraph"), "{p:?}")
            }
            _ => {}
        }
        if item.number.is_some() {
            let (ilvl, _) = p.num.as_ref().expect("a numbered paragraph has w:numPr");
            assert_eq!(ilvl, "0", "{p:?}");
        }
    }
    // Explicitly, as the sample reads: Word counts 1–5, the heading 6,
    // then 7 and 8, all on the one list (the sample skips no number).
    let numbered: Vec<&Para> = paras
        .iter()
        .filter(|p| p.num.as_ref().is_some_and(|n| n.1 == paragraph_num))
        .collect();
    assert_eq!(numbered.len(), 8);
    for (i, p) in numbered.iter().enumerate() {
        let mark = match i {
            0 | 6 | 7 => "(U)",
            5 => "(S//REL TO USA, TWN)",
            _ => "(S)",
        };
        assert!(p.text.starts_with(&format!("{mark} ")), "{p:?}");
        assert!(!p.text.starts_with(char::is_numeric), "{p:?}");
    }
    let bullets: Vec<&Para> = paras
        .iter()
        .filter(|p| p.style.as_deref() == Some("ListBullet"))
        .collect();
    assert_eq!(bullets.len(), 13);
    assert!(bullets
        .iter()
        .all(|b| b.text.starts_with("(S//REL TO USA, TWN) ") && b.num.is_some()));
    let heading = paras
        .iter()
        .find(|p| is_heading(&p.style))
        .expect("a heading");
    assert_eq!(
        heading.text,
        "(S//REL TO USA, TWN) Talking points/non-paper"
    );
    assert_eq!(heading.num.as_ref().map(|n| n.0.as_str()), Some("0"));
    assert!(paras
        .iter()
        .any(|p| p.style.as_deref() == Some("Signature") && p.text == "CLINTON"));

    // The authority block on the first page: the first-page footer.
    let first_footer = section_banners(&pkg)[0]
        .iter()
        .find(|(k, t, _)| k == "footerReference" && t == "first")
        .map(|(_, _, p)| p.clone())
        .expect("a first-page footer");
    let texts: Vec<String> = paragraphs(&pkg.xml(&first_footer))
        .into_iter()
        .map(|p| p.text)
        .collect();
    assert_eq!(
        texts,
        [
            "Classified By: ISN/MTR DIRECTOR PAM DURHAM",
            "Reason: 1.4(b), (c), (d)",
            "Declassify On: 2034-06-12",
            "Page 1 of 1",
            "SECRET"
        ]
    );
    // `Page N of M` is Word's PAGE and NUMPAGES fields, in every footer.
    let footer = pkg.xml(&first_footer);
    assert!(
        footer.contains(">PAGE<") && footer.contains(">NUMPAGES<"),
        "{footer}"
    );
    assert!(pkg.xml("word/document.xml").contains("<w:titlePg"));
}

#[test]
fn nonpaper_holds_the_talking_points_and_nothing_that_attributes_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, nonpaper) = render_cli(dir.path(), &[]);
    let pkg = Package::open(&nonpaper);
    assert_structure(&pkg);
    assert_banners(&pkg, NONPAPER_BANNER, SECRET_RED);

    let paras = paragraphs(&pkg.xml("word/document.xml"));
    assert_eq!(paras[0].style.as_deref(), Some("Title"));
    assert_eq!(paras[0].text, "NON-PAPER");
    let body = &paras[1..];
    assert_eq!(body.len(), 13, "{body:?}");
    let doc = sample_doc();
    let content = content::build(&doc, Part::NonPaper);
    for (p, item) in body.iter().zip(&content.items) {
        assert_eq!(p.style.as_deref(), Some("ListBullet"));
        assert!(p.num.is_some());
        assert_eq!(p.text, format!("(S//REL TO USA, TWN) {}", item.text()));
    }
    assert!(body[0]
        .text
        .contains("We appreciate our continued cooperation on export control"));

    // Nothing that attributes the paper, anywhere in the package.
    let everything = pkg.all_text();
    for word in [
        "SECSTATE",
        "AIT TAIPEI",
        "CLINTON",
        "DURHAM",
        "STATE 061156",
        "Responding to Taiwan",
        "Washington POC",
        "MTCRE",
    ] {
        assert!(!everything.contains(word), "non-paper contains {word}");
    }
    // No text of the paragraphs outside the non-paper (1–5, 7, 8).
    let text: String = paras.iter().map(|p| p.text.as_str()).collect();
    let outside: Vec<String> = doc
        .portions
        .iter()
        .filter(|p| p.number.is_some())
        .map(|p| p.text().into_owned())
        .collect();
    assert_eq!(outside.len(), 8);
    for (i, t) in outside.iter().enumerate() {
        if i == 5 {
            continue; // paragraph 6 is the non-paper's own heading
        }
        assert!(!text.contains(t.as_str()), "paragraph {} leaked", i + 1);
        // Nor any sentence of them that the talking points do not repeat.
        let first = t.split(". ").next().unwrap_or(t);
        assert!(!text.contains(first), "paragraph {} leaked: {first}", i + 1);
    }
    for phrase in [
        "Background: In March 2009",
        "In May 2009, Taiwan responded",
        "We now want to confirm to Taiwan",
        "Action Request",
    ] {
        assert!(!text.contains(phrase), "{phrase}");
    }

    // The authority block without the classifier's name.
    let core = pkg.xml("docProps/core.xml");
    assert!(core.contains("<dc:title>NON-PAPER</dc:title>"), "{core}");
    assert!(core.contains("<dc:subject>SECRET//REL TO USA, TWN</dc:subject>"));
}

#[test]
fn page_setup_and_document_properties() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (whole, _) = render_cli(dir.path(), &[]);
    let pkg = Package::open(&whole);
    let doc = pkg.xml("word/document.xml");
    let size = elements(&doc, "w:pgSz");
    assert_eq!(
        (size[0]["w:w"].as_str(), size[0]["w:h"].as_str()),
        ("12240", "15840")
    );
    let mar = &elements(&doc, "w:pgMar")[0];
    for side in ["w:top", "w:bottom", "w:left", "w:right"] {
        assert_eq!(mar[side], "1440", "{side}");
    }
    let core = pkg.xml("docProps/core.xml");
    assert!(core.contains("<dc:title>SECRET</dc:title>"), "{core}");
    assert!(core.contains("<dc:subject>SECRET</dc:subject>"));
    assert!(core.contains("<cp:keywords></cp:keywords>"));
    assert!(core.contains(">2009-06-12T00:00:00Z</dcterms:created>"));
    assert!(core.contains(">2009-06-12T00:00:00Z</dcterms:modified>"));
    assert!(!core.contains("Responding") && !core.contains("Ak Makina"));

    let dir = tempfile::tempdir().expect("temp dir");
    let (a4, _) = render_cli(dir.path(), &["--style", "a4"]);
    let doc = Package::open(&a4).xml("word/document.xml");
    let size = &elements(&doc, "w:pgSz")[0];
    assert_eq!(
        (size["w:w"].as_str(), size["w:h"].as_str()),
        ("11906", "16838")
    );
    assert_eq!(elements(&doc, "w:pgMar")[0]["w:left"], "1134");
}

#[test]
fn same_bytes_across_processes_and_within_one() {
    let (d1, d2) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    let a = render_cli(d1.path(), &[]);
    let b = render_cli(d2.path(), &[]);
    assert!(a.0 == b.0, "whole document differs between runs");
    assert!(a.1 == b.1, "non-paper differs between runs");

    // In this process, twice each, interleaved, and on other threads.
    let doc = sample_doc();
    let style = Style::default();
    let r = cablemark::render::renderer(Format::Docx);
    let w1 = r.render(&doc, Part::Whole, &style).expect("renders");
    let n1 = r.render(&doc, Part::NonPaper, &style).expect("renders");
    let w2 = r.render(&doc, Part::Whole, &style).expect("renders");
    let n2 = std::thread::scope(|s| {
        s.spawn(|| r.render(&doc, Part::NonPaper, &style).expect("renders"))
            .join()
            .expect("thread")
    });
    assert!(w1 == w2 && n1 == n2);
    assert!(w1 == a.0 && n1 == a.1, "library and binary differ");
}

#[test]
fn a_document_without_a_nonpaper_writes_no_nonpaper() {
    let doc = cablemark::source::parse(
        "t.md",
        "---\nsubject: (U) Test & <check>\n---\n\n(U) One & two < three > \"four\" '5'.\n\n- (U) a bullet\n"
            .to_string(),
    )
    .expect("parses");
    let r = cablemark::render::renderer(Format::Docx);
    assert!(r.render(&doc, Part::NonPaper, &Style::default()).is_err());
    let bytes = r
        .render(&doc, Part::Whole, &Style::default())
        .expect("renders");
    let pkg = Package::open(&bytes);
    assert_structure(&pkg);
    assert_banners(&pkg, "UNCLASSIFIED", "007A33");
    let paras = paragraphs(&pkg.xml("word/document.xml"));
    assert_eq!(paras[0].text, "(U) Test & <check>");
    assert!(
        paras
            .iter()
            .any(|p| p.text == "(U) One & two < three > \"four\" '5'." && p.num.is_some()),
        "{paras:?}"
    );
    // Unclassified: no authority block, so no first-page variant.
    assert!(!pkg.xml("word/document.xml").contains("<w:titlePg"));
}

#[test]
fn every_kind_of_portion_is_laid_out() {
    let src = "---\nsubject: (U) Kinds\n---\n\n# (U) Heading one\n\n\
               (U) Plain **bold** and *italic* and `code`.\n\n\
               - (U) outer\n  - (U) inner\n\n\
               > (U) quoted\n\n\
               | (U) a | b |\n|---|---|\n| c | d |\n";
    let doc = cablemark::source::parse("k.md", src.to_string()).expect("parses");
    let bytes = cablemark::render::renderer(Format::Docx)
        .render(&doc, Part::Whole, &Style::default())
        .expect("renders");
    let pkg = Package::open(&bytes);
    assert_structure(&pkg);
    let xml = pkg.xml("word/document.xml");
    let paras = paragraphs(&xml);
    let find = |t: &str| {
        paras
            .iter()
            .find(|p| p.text.contains(t))
            .unwrap_or_else(|| panic!("no {t} in {paras:?}"))
    };
    assert_eq!(find("Heading one").style.as_deref(), Some("Heading1"));
    // Paragraph numbers are the model's (the cable's); the mark follows.
    assert!(find("Heading one").text.ends_with("(U) Heading one"));
    let plain = &find("Plain").text;
    assert!(
        plain.ends_with("(U) Plain bold and italic and code."),
        "{plain}"
    );
    assert!(xml.contains("<w:b />") && xml.contains("<w:i />"));
    // A list of depth d at level d + 1 (level 0 is the paragraphs').
    assert_eq!(find("outer").num.as_ref().map(|n| n.0.as_str()), Some("1"));
    assert_eq!(find("inner").num.as_ref().map(|n| n.0.as_str()), Some("2"));
    assert!(find("inner").text.ends_with("(U) inner"));
    assert_eq!(find("quoted").style.as_deref(), Some("Quote"));
    // The table: a real table, the mark at the start of its first cell.
    assert_eq!(elements(&xml, "w:tbl").len(), 1);
    assert_eq!(elements(&xml, "w:tc").len(), 4);
    let cells: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
    let a = cells
        .iter()
        .position(|c| c.ends_with(" a"))
        .expect("first cell");
    assert!(cells[a].ends_with("(U) a"), "{cells:?}");
    // Every row opens with the table's mark (a Word reader, ours among
    // them, takes each row as a portion).
    assert_eq!(&cells[a + 1..a + 4], ["b", "(U) c", "d"]);
}

#[test]
fn source_date_epoch_dates_a_document_without_a_dtg() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("nodate.md");
    std::fs::write(&src, "---\nsubject: (U) x\n---\n(U) hello\n").expect("write");
    let out = dir.path().join("out");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cablemark"))
        .args(["render", "--format", "docx", "--out"])
        .arg(&out)
        .arg(&src)
        .env("SOURCE_DATE_EPOCH", "1244840160")
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bytes = std::fs::read(out.join("nodate.docx")).expect("docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut core = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("docProps/core.xml").expect("core"),
        &mut core,
    )
    .expect("utf-8");
    assert!(core.contains("2009-06-12T00:00:00Z"), "{core}");
}

/// The draft with every construct (`samples/features.md`): the marked
/// paragraphs on Word numbering, the ordered items one level deeper, the
/// nested bullets deeper still, links as Word hyperlinks with their
/// addresses, the table a Word table with no number in a cell, the PDF's
/// font families, and a page number field in the footer.
#[test]
fn a_draft_with_every_construct_is_real_word_structure() {
    let src =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/features.md"))
            .expect("sample");
    let doc = cablemark::source::parse("samples/features.md", src).expect("parses");
    let bytes = cablemark::render::renderer(Format::Docx)
        .render(&doc, Part::Whole, &Style::default())
        .expect("renders");
    let pkg = Package::open(&bytes);
    assert_structure(&pkg);
    let document = pkg.xml("word/document.xml");
    let paras = paragraphs(&document);
    let find = |start: &str| {
        paras
            .iter()
            .find(|p| p.text.starts_with(start))
            .unwrap_or_else(|| panic!("no paragraph {start:?}: {paras:?}"))
    };
    // Numbered paragraphs: level 0 of the paragraph list, mark first.
    for start in ["(U) This cable", "(C) Ankara", "(C) Points to make"] {
        let p = find(start);
        assert_eq!(p.style.as_deref(), Some("CableParagraph"), "{p:?}");
        assert_eq!(p.num.as_ref().map(|n| n.0.as_str()), Some("0"), "{p:?}");
    }
    let list = find("(C) Points to make").num.clone().expect("numbered").1;
    // The ordered list one level down on the same list, its nested
    // bullets on the bullet list one level down.
    for start in [
        "(C) Thank the host",
        "(C) Raise the two",
        "(U) Leave the public",
    ] {
        let p = find(start);
        assert_eq!(p.style.as_deref(), Some("ListNumber"), "{p:?}");
        assert_eq!(p.num, Some(("1".to_string(), list.clone())), "{p:?}");
    }
    // Nested one deeper than the ordered items they are nested in.
    for start in ["(C) «Ωμέγα", "(C) ООО"] {
        let p = find(start);
        assert_eq!(p.style.as_deref(), Some("ListBullet"), "{p:?}");
        assert_eq!(p.num.as_ref().map(|n| n.0.as_str()), Some("2"), "{p:?}");
    }
    // No typed number before a mark (`1. (C)`), anywhere.
    let typed = |t: &str| {
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && t[digits..].starts_with(". (")
    };
    assert!(!paras.iter().any(|p| typed(&p.text)), "{paras:?}");
    // Every name, and the link addresses, are in the text.
    let all = pkg.all_text();
    for name in [
        "Erdoğan",
        "İstanbul",
        "Wałęsa",
        "Gdańsk",
        "Hải Phòng",
        "Παπαδόπουλος",
        "Сергей Иванов",
        "€1.2",
        "https://www.state.gov/fact-sheet",
    ] {
        assert!(all.contains(name), "{name} missing");
    }
    // Links: Word hyperlinks whose relationships hold the addresses, the
    // ids numbered in order.
    assert_eq!(document.matches("<w:hyperlink ").count(), 2, "{document}");
    let rels = pkg.xml("word/_rels/document.xml.rels");
    let a = rels.find(r#"Id="rIdHyperlink1""#).expect("first link");
    let b = rels.find(r#"Id="rIdHyperlink2""#).expect("second link");
    assert!(a < b);
    assert!(rels.contains(r#"Target="https://www.state.gov/fact-sheet" TargetMode="External""#));
    // The table: a Word table; the mark opens its first cell; its number
    // is the numbered paragraph above it, never in a cell.
    let table = document.find("<w:tbl>").map(|i| &document[i..]);
    let first_cell = paras
        .iter()
        .find(|p| p.text.contains("Firm"))
        .expect("the table's first cell");
    assert_eq!(first_cell.text, "(C) Firm");
    assert!(first_cell.num.is_none());
    assert!(table.is_some());
    // Strikethrough kept.
    assert!(document.contains("<w:strike"), "no strikethrough");
    // The PDF's families.
    let styles = pkg.xml("word/styles.xml");
    assert!(styles.contains(r#"w:ascii="Liberation Serif""#), "{styles}");
    assert!(pkg.xml("word/fontTable.xml").contains("Liberation Sans"));
    // A page number field in the footer.
    assert!(pkg.xml("word/footer1.xml").contains(">PAGE<"));
}
