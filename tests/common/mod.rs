//! Reading outputs back for tests: the text a PDF shows (page content
//! decoded through its fonts' `ToUnicode` maps, and document information)
//! and every XML part of a DOCX.

#![allow(dead_code)]

use std::io::Read;
use std::process::{Command, Output};

/// Runs the real binary from the crate's directory, colour off.
pub fn cablemark(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cablemark"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// Everything a PDF says in words: each page's shown strings, decoded
/// through their fonts' `ToUnicode` maps, and the document information
/// dictionary (metadata).
pub fn pdf_text(bytes: &[u8]) -> String {
    let mut out = String::new();
    for page in pdf_pages(bytes) {
        for line in page {
            out.push_str(&line);
            out.push(' ');
        }
        out.push('\n');
    }
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF loads");
    if let Ok(info) = doc.trailer.get(b"Info").and_then(|o| doc.dereference(o)) {
        if let lopdf::Object::Dictionary(d) = info.1 {
            for (_, v) in d.iter() {
                if let lopdf::Object::String(s, _) = v {
                    out.push_str(&text_string(s));
                    out.push(' ');
                }
            }
        }
    }
    out
}

/// A PDF text string: UTF-16BE after a byte-order mark, else bytes.
fn text_string(s: &[u8]) -> String {
    match s.strip_prefix(&[0xFE, 0xFF]) {
        Some(rest) => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => s.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Each page's text-showing operations (`Tj`, `TJ`, `'`, `"`), one string
/// each, decoded through the current font's `ToUnicode` map (two-byte
/// codes), or byte by byte for a font without one.
pub fn pdf_pages(bytes: &[u8]) -> Vec<Vec<String>> {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF loads");
    let mut pages = Vec::new();
    for id in doc.get_pages().into_values() {
        let maps = font_maps(&doc, id);
        let content = doc.get_page_content(id);
        let content = lopdf::content::Content::decode(&content).expect("content decodes");
        let mut font: Option<Vec<u8>> = None;
        let mut lines = Vec::new();
        for op in content.operations {
            if op.operator == "Tf" {
                font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec);
            }
            if !matches!(op.operator.as_str(), "Tj" | "TJ" | "'" | "\"") {
                continue;
            }
            let map = font.as_ref().and_then(|f| maps.get(f));
            let mut line = String::new();
            for operand in &op.operands {
                collect_strings(operand, map, &mut line);
            }
            lines.push(line);
        }
        pages.push(lines);
    }
    pages
}

/// A text map per font resource name.
pub type FontMaps = std::collections::HashMap<Vec<u8>, std::collections::HashMap<u16, String>>;

/// The `ToUnicode` map of each font of a page, by resource name.
pub fn font_maps(doc: &lopdf::Document, page: lopdf::ObjectId) -> FontMaps {
    let mut maps = FontMaps::new();
    for (name, font) in doc.get_page_fonts(page).unwrap_or_default() {
        let Ok(reference) = font.get(b"ToUnicode").and_then(lopdf::Object::as_reference) else {
            continue;
        };
        let Ok(stream) = doc.get_object(reference).and_then(lopdf::Object::as_stream) else {
            continue;
        };
        let data = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        maps.insert(name, to_unicode(&String::from_utf8_lossy(&data)));
    }
    maps
}

/// The text of a text-showing operator's operands in a font.
pub fn shown_text(
    operands: &[lopdf::Object],
    map: Option<&std::collections::HashMap<u16, String>>,
) -> String {
    let mut out = String::new();
    for o in operands {
        collect_strings(o, map, &mut out);
    }
    out
}

/// The `bfchar` and `bfrange` entries of a `ToUnicode` CMap.
fn to_unicode(cmap: &str) -> std::collections::HashMap<u16, String> {
    let hex = |t: &str| -> Vec<u16> {
        let t = t.trim().trim_start_matches('<').trim_end_matches('>');
        (0..t.len() / 4)
            .filter_map(|i| u16::from_str_radix(&t[i * 4..i * 4 + 4], 16).ok())
            .collect()
    };
    let mut map = std::collections::HashMap::new();
    let mut mode = "";
    for line in cmap.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            mode = "char";
        } else if line.ends_with("beginbfrange") {
            mode = "range";
        } else if line.starts_with("end") {
            mode = "";
        } else if mode == "char" {
            let parts: Vec<&str> = line
                .split('>')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            if let [code, text] = parts[..] {
                if let Some(&c) = hex(code).first() {
                    map.insert(c, String::from_utf16_lossy(&hex(text)));
                }
            }
        } else if mode == "range" {
            let parts: Vec<&str> = line
                .split('>')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            if let [lo, hi, start] = parts[..] {
                if let (Some(&lo), Some(&hi), Some(&start)) =
                    (hex(lo).first(), hex(hi).first(), hex(start).first())
                {
                    for (k, code) in (lo..=hi).enumerate() {
                        map.insert(code, String::from_utf16_lossy(&[start + k as u16]));
                    }
                }
            }
        }
    }
    map
}

/// Every stream of a PDF, decompressed, as text (fonts and images too): a
/// word anywhere in the file is found.
pub fn pdf_streams(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF loads");
    let mut out = String::new();
    for object in doc.objects.values() {
        if let lopdf::Object::Stream(stream) = object {
            let content = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            out.push_str(&String::from_utf8_lossy(&content));
            out.push('\n');
        }
    }
    out
}

fn collect_strings(
    o: &lopdf::Object,
    map: Option<&std::collections::HashMap<u16, String>>,
    out: &mut String,
) {
    match o {
        lopdf::Object::String(s, _) => match map {
            Some(map) => {
                for pair in s.chunks(2) {
                    let code = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                    match map.get(&code) {
                        Some(t) => out.push_str(t),
                        None => out.push('\u{FFFD}'),
                    }
                }
            }
            None => out.extend(s.iter().map(|&b| char::from(b))),
        },
        lopdf::Object::Array(items) => items.iter().for_each(|i| collect_strings(i, map, out)),
        _ => {}
    }
}

/// Every part of a DOCX package, decompressed, as text (XML markup
/// included: a word anywhere in the package is found).
pub fn docx_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the DOCX unzips");
    let mut out = String::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let mut text = String::new();
        file.read_to_string(&mut text).expect("XML is UTF-8");
        out.push_str(&text);
        out.push('\n');
    }
    out
}
