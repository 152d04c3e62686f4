//! Reading outputs back for tests: the text a PDF shows (page content and
//! document information) and every XML part of a DOCX.

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

/// Everything a PDF says in words: each page's shown strings, decoded from
/// WinAnsi, and the document information dictionary (metadata).
pub fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF loads");
    let mut out = String::new();
    for id in doc.get_pages().into_values() {
        let content = doc.get_page_content(id);
        let content = lopdf::content::Content::decode(&content).expect("content decodes");
        for op in content.operations {
            // Every text-showing operator: Tj, TJ, ' and ".
            if matches!(op.operator.as_str(), "Tj" | "TJ" | "'" | "\"") {
                for operand in &op.operands {
                    collect_strings(operand, &mut out);
                }
            }
        }
        out.push('\n');
    }
    if let Ok(info) = doc.trailer.get(b"Info").and_then(|o| doc.dereference(o)) {
        if let lopdf::Object::Dictionary(d) = info.1 {
            for (_, v) in d.iter() {
                collect_strings(v, &mut out);
            }
        }
    }
    out
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

fn collect_strings(o: &lopdf::Object, out: &mut String) {
    match o {
        lopdf::Object::String(s, _) => {
            out.extend(s.iter().map(|&b| char::from(b)));
            out.push(' ');
        }
        lopdf::Object::Array(items) => items.iter().for_each(|i| collect_strings(i, out)),
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
