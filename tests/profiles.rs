//! The `state` and `capco` profiles rendered side by side from one body:
//! every page's banner text, colour, bold face and centring in the PDF, the
//! DOCX headers and footers, the cable's classification line — for the
//! whole document, the non-paper and a `--release-to` output, on Letter and
//! A4.

use std::io::Read;
use std::path::Path;

use cablemark::render::pdf::metrics::Font;
use lopdf::{Document, Object};

mod common;
use common::cablemark;

/// A body whose banner differs by profile: REL TO beside a classified
/// paragraph with no release decision (Table 3 rule 16).
fn body(profile: &str, release_ready: bool) -> String {
    let confidential = if release_ready {
        "(C//REL TO USA, TWN)"
    } else {
        "(C)"
    };
    let mut md = format!(
        "---\nprofile: {profile}\ndtg: 122056Z JUN 09\norder: E.O. 12958\nclassified_by: ISN DIRECTOR\nreasons: [b, d]\ndeclassify_on: 2034-06-12\nsubject: (U) Profiles side by side\n---\n\n(U) Opening paragraph.\n\n{confidential} A confidential paragraph.\n\n## (S//REL TO USA, TWN) Talking points {{.nonpaper}}\n\n"
    );
    // Enough points for several pages.
    for i in 0..70 {
        md.push_str(&format!(
            "- We note point {i} of our cooperation on export control and nonproliferation.\n"
        ));
    }
    md.push_str("\n***\n\n(U) Closing paragraph.\n");
    md
}

fn rgb(hex: &str) -> (f32, f32, f32) {
    let v = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex") as f32 / 255.0;
    (v(0), v(2), v(4))
}

fn level_colour(banner: &str) -> &'static str {
    if banner.starts_with("TOP SECRET") {
        "FF8C00"
    } else if banner.starts_with("SECRET") {
        "C8102E"
    } else if banner.starts_with("CONFIDENTIAL") {
        "0033A0"
    } else {
        "007A33"
    }
}

fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("not a number: {other:?}"),
    }
}

/// The face of an embedded font from its base name (`ABCDEF+LiberationSans-Bold`).
fn font_of(base: &str) -> Font {
    let name = base.split_once('+').map_or(base, |(_, n)| n);
    *cablemark::render::pdf::fonts::FACES
        .iter()
        .find(|f| f.postscript_name() == name)
        .unwrap_or_else(|| panic!("unexpected font {base}"))
}

/// Every page's banners at the top and the bottom: text, colour, bold and
/// centred on the page.
fn assert_pdf_banners(path: &Path, banner: &str) {
    let doc = Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let pages = doc.get_pages();
    assert!(pages.len() >= 2, "{}: one page only", path.display());
    let want = rgb(level_colour(banner));
    for (n, id) in pages.into_iter() {
        let fonts: std::collections::BTreeMap<Vec<u8>, String> = doc
            .get_page_fonts(id)
            .expect("fonts")
            .into_iter()
            .map(|(k, d)| {
                let base = d
                    .get(b"BaseFont")
                    .and_then(Object::as_name)
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default();
                (k, base)
            })
            .collect();
        let media = doc
            .get_dictionary(id)
            .and_then(|d| d.get(b"MediaBox"))
            .and_then(Object::as_array)
            .map(|a| a.iter().map(number).collect::<Vec<_>>())
            .expect("MediaBox");
        let (width, height) = (media[2], media[3]);
        let content = lopdf::content::Content::decode(&doc.get_page_content(id)).expect("content");
        let (mut font, mut size, mut colour, mut x, mut y) =
            (String::new(), 0.0, (0.0, 0.0, 0.0), 0.0, 0.0);
        let maps = common::font_maps(&doc, id);
        let mut font_name: Vec<u8> = Vec::new();
        let mut banners = Vec::new();
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands[0].as_name().expect("font name").to_vec();
                    font = fonts.get(&name).cloned().unwrap_or_default();
                    font_name = name;
                    size = number(&op.operands[1]);
                }
                "rg" => {
                    colour = (
                        number(&op.operands[0]),
                        number(&op.operands[1]),
                        number(&op.operands[2]),
                    )
                }
                "Tm" => {
                    x = number(&op.operands[4]);
                    y = number(&op.operands[5]);
                }
                "Tj" | "TJ" => {
                    let text = common::shown_text(&op.operands, maps.get(&font_name));
                    if text == banner {
                        banners.push((font.clone(), size, colour, x, y));
                    }
                }
                _ => {}
            }
        }
        assert_eq!(
            banners.len(),
            2,
            "page {n} of {}: banners {banners:?}",
            path.display()
        );
        let top = banners.iter().map(|b| b.4).fold(f32::MIN, f32::max);
        let bottom = banners.iter().map(|b| b.4).fold(f32::MAX, f32::min);
        assert!(
            top > height - 100.0 && bottom < 100.0,
            "page {n}: banner at {top} and {bottom} of {height}"
        );
        for (font, size, colour, x, _) in &banners {
            assert!(font.contains("Bold"), "page {n}: banner in {font}");
            let close = |a: f32, b: f32| (a - b).abs() < 0.01;
            assert!(
                close(colour.0, want.0) && close(colour.1, want.1) && close(colour.2, want.2),
                "page {n}: colour {colour:?}, want {want:?}"
            );
            let w = font_of(font).width(banner, *size);
            assert!(
                (x - (width - w) / 2.0).abs() < 1.0,
                "page {n}: banner at x {x} is not centred ({w} wide on {width})"
            );
        }
    }
}

/// Every header and footer part of a DOCX: the banner, bold, centred, in
/// the level's colour.
fn assert_docx_banners(path: &Path, banner: &str) {
    let bytes = std::fs::read(path).expect("docx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("unzips");
    let names: Vec<String> = archive.file_names().map(str::to_string).collect();
    let parts: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("word/header") || n.starts_with("word/footer"))
        .collect();
    assert!(parts.len() >= 2, "{}: {names:?}", path.display());
    let colour = level_colour(banner);
    for part in parts {
        let mut xml = String::new();
        archive
            .by_name(part)
            .expect("part")
            .read_to_string(&mut xml)
            .expect("utf-8");
        assert!(
            xml.contains(&format!(">{banner}</w:t>")),
            "{part}: no banner {banner}: {xml}"
        );
        assert!(
            xml.contains(&format!("w:val=\"{colour}\"")),
            "{part}: not {colour}"
        );
        assert!(
            xml.contains("<w:b />") || xml.contains("<w:b/>"),
            "{part}: not bold"
        );
        assert!(xml.contains("w:val=\"center\""), "{part}: not centred");
    }
}

fn spaced(level: &str) -> String {
    if level == "UNCLASSIFIED" {
        return "UNCLAS".to_string();
    }
    level
        .split(' ')
        .map(|w| w.chars().map(String::from).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("  ")
}

fn render(src: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "render",
        src.to_str().expect("path"),
        "--out",
        out.to_str().expect("path"),
    ];
    args.extend_from_slice(extra);
    cablemark(&args)
}

#[test]
fn both_profiles_side_by_side_on_letter_and_a4() {
    for style in ["default", "a4"] {
        for (profile, whole_banner) in [("state", "SECRET"), ("capco", "SECRET//NOFORN")] {
            let dir = tempfile::tempdir().expect("tempdir");
            let src = dir.path().join("doc.md");
            std::fs::write(&src, body(profile, false)).expect("write");
            // Under capco the unmarked (C) paragraph is B004, an error: the
            // whole document renders only with --force, NOFORN banner.
            let out = dir.path().join("out");
            let extra: Vec<&str> = match profile {
                "capco" => vec!["--style", style, "--force"],
                _ => vec!["--style", style],
            };
            let o = render(&src, &out, &extra);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{profile} {style}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            if profile == "capco" {
                assert_eq!(
                    render(&src, &dir.path().join("refused"), &["--style", style])
                        .status
                        .code(),
                    Some(1)
                );
            }
            assert_pdf_banners(&out.join("doc.pdf"), whole_banner);
            assert_pdf_banners(&out.join("doc.nonpaper.pdf"), "SECRET//REL TO USA, TWN");
            assert_docx_banners(&out.join("doc.docx"), whole_banner);
            assert_docx_banners(&out.join("doc.nonpaper.docx"), "SECRET//REL TO USA, TWN");
            let cable = std::fs::read_to_string(out.join("doc.cable.txt")).expect("cable");
            let class_line = cable
                .lines()
                .find(|l| l.starts_with(&spaced("SECRET")))
                .unwrap_or_else(|| panic!("{profile}: no classification line\n{cable}"));
            assert!(class_line.starts_with("S E C R E T"), "{class_line}");
            assert_eq!(
                cable.contains("\nNOFORN\n"),
                profile == "capco",
                "{profile}: NOFORN caption\n{cable}"
            );

            // A release to Taiwan, from a body every profile can release.
            let src = dir.path().join("rel.md");
            std::fs::write(&src, body(profile, true)).expect("write");
            let out = dir.path().join("rel");
            let o = render(&src, &out, &["--style", style, "--release-to", "TWN"]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{profile} {style}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            for name in ["rel.rel-twn.pdf", "rel.rel-twn.nonpaper.pdf"] {
                assert_pdf_banners(&out.join(name), "SECRET//REL TO USA, TWN");
            }
            for name in ["rel.rel-twn.docx", "rel.rel-twn.nonpaper.docx"] {
                assert_docx_banners(&out.join(name), "SECRET//REL TO USA, TWN");
            }
            let cable = std::fs::read_to_string(out.join("rel.rel-twn.cable.txt")).expect("cable");
            assert!(cable.contains("\nS E C R E T"), "{cable}");
            assert!(!cable.contains("\nNOFORN\n"), "{cable}");
        }
    }
}
