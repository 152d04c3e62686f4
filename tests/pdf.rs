//! PDF output, read back with lopdf: the real binary renders, the tests
//! decode every page's content stream (no pdftotext needed) and check the
//! banners, the words, what must not be there, the metadata and the
//! reproducibility.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use lopdf::{Document, Object};

mod common;
use common::cablemark;

/// Renders `file` as PDF into a fresh directory; returns the directory.
fn render(file: &str, extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().to_string_lossy().into_owned();
    let mut args = vec!["render", file, "--format", "pdf", "--out", &out];
    args.extend_from_slice(extra);
    let o = cablemark(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    dir
}

/// One shown string: where its baseline starts, and the text.
#[derive(Debug, Clone)]
struct Shown {
    x: f32,
    y: f32,
    text: String,
}

fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("not a number: {other:?}"),
    }
}

/// Every page's strings, top of the page first (reading order).
fn pages(path: &Path) -> Vec<Vec<Shown>> {
    let doc = Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    doc.get_pages()
        .into_values()
        .map(|id| {
            let bytes = doc.get_page_content(id);
            let content = lopdf::content::Content::decode(&bytes).expect("content decodes");
            let maps = common::font_maps(&doc, id);
            let mut font: Vec<u8> = Vec::new();
            let (mut x, mut y) = (0.0, 0.0);
            let mut shown = Vec::new();
            for op in content.operations {
                match op.operator.as_str() {
                    "Tm" => {
                        x = number(&op.operands[4]);
                        y = number(&op.operands[5]);
                    }
                    "Td" => panic!("relative text positioning (Td) is never used"),
                    "Tf" => {
                        font = op.operands[0].as_name().expect("font name").to_vec();
                    }
                    "Tj" | "TJ" => {
                        let map = maps.get(&font).expect("every font has a ToUnicode map");
                        shown.push(Shown {
                            x,
                            y,
                            text: common::shown_text(&op.operands, Some(map)),
                        });
                    }
                    _ => {}
                }
            }
            shown.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
            shown
        })
        .collect()
}

/// The text of a page, one line per baseline.
fn page_text(page: &[Shown]) -> String {
    let mut out = String::new();
    let mut last_y = None;
    for s in page {
        if last_y.is_some_and(|y: f32| (y - s.y).abs() > 0.5) {
            out.push('\n');
        } else if last_y.is_some() {
            out.push(' ');
        }
        out.push_str(&s.text);
        last_y = Some(s.y);
    }
    out
}

fn all_text(pages: &[Vec<Shown>]) -> String {
    pages
        .iter()
        .map(|p| page_text(p))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Words, lower-cased, without the punctuation around them.
fn words(text: &str) -> HashSet<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Banner first and last on every page, `Page N of M` on every page.
fn assert_banners(pages: &[Vec<Shown>], banner: &str) {
    let total = pages.len();
    for (n, page) in pages.iter().enumerate() {
        let first = page.first().expect("page has text");
        let last = page.last().expect("page has text");
        assert_eq!(first.text, banner, "top of page {}", n + 1);
        assert_eq!(last.text, banner, "bottom of page {}", n + 1);
        assert!(first.y > 700.0 && last.y < 100.0, "page {}", n + 1);
        let number = format!("Page {} of {total}", n + 1);
        assert!(
            page.iter().any(|s| s.text == number),
            "page {}: no {number:?}",
            n + 1
        );
    }
}

/// The document information dictionary's strings.
fn info(path: &Path) -> Vec<(String, String)> {
    let doc = Document::load(path).expect("loads");
    let id = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("info");
    doc.get_dictionary(id)
        .expect("info dictionary")
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Object::String(s, _) => String::from_utf8_lossy(s).into_owned(),
                other => format!("{other:?}"),
            };
            (String::from_utf8_lossy(k).into_owned(), value)
        })
        .collect()
}

const SAMPLE: &str = "samples/state-061156.md";

/// The sample's non-paper section (its talking points) and the body text
/// outside it, from the source.
fn sample_parts() -> (String, String) {
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE))
        .expect("sample");
    let body = src.splitn(3, "---\n").nth(2).expect("front matter");
    let start = body.find("## ").expect("non-paper heading");
    let end = body.find("***").expect("end of section");
    let points = body[start..end]
        .lines()
        .skip(1)
        .collect::<Vec<_>>()
        .join("\n");
    let outside = format!("{}\n{}", &body[..start], &body[end + 3..]);
    (points, outside)
}

#[test]
fn sample_nonpaper_has_banners_every_point_and_nothing_else() {
    let dir = render(SAMPLE, &[]);
    let path = dir.path().join("state-061156.nonpaper.pdf");
    let pages = pages(&path);
    assert_banners(&pages, "SECRET//REL TO USA, TWN");
    let text = all_text(&pages);
    assert!(text.contains("NON-PAPER"));
    assert_eq!(text.matches("(S//REL TO USA, TWN)").count(), 13, "{text}");

    let (points, outside) = sample_parts();
    let got = words(&text);
    let points = words(&points.replace("- ", " "));
    let missing: Vec<&String> = points.difference(&got).collect();
    assert!(
        missing.is_empty(),
        "talking-point words missing: {missing:?}"
    );
    // No word of the paragraphs outside the section that the talking
    // points do not use themselves.
    // (The title `NON-PAPER` is the page's own, not paragraph 5's word.)
    let own = words("NON-PAPER");
    let outside = words(&outside);
    let leaked: Vec<&String> = outside
        .difference(&points)
        .filter(|w| !own.contains(*w))
        .filter(|w| got.contains(*w))
        .collect();
    assert!(
        leaked.is_empty(),
        "words from outside the non-paper: {leaked:?}"
    );
    for attribution in ["SECSTATE", "AIT TAIPEI", "CLINTON", "DURHAM", "061156"] {
        assert!(
            !text.contains(attribution),
            "{attribution} in the non-paper"
        );
    }
    let meta = info(&path);
    assert!(
        meta.contains(&("Title".into(), "NON-PAPER".into())),
        "{meta:?}"
    );
    assert!(
        meta.contains(&("Subject".into(), "SECRET//REL TO USA, TWN".into())),
        "{meta:?}"
    );
}

#[test]
fn sample_whole_pdf_has_every_portion_and_the_authority_block() {
    let dir = render(SAMPLE, &[]);
    let path = dir.path().join("state-061156.pdf");
    let pages = pages(&path);
    assert_banners(&pages, "SECRET");
    let first = page_text(&pages[0]);
    assert!(first.contains("(S) Responding to Taiwan"), "{first}");
    assert!(first.contains("Classified By: ISN/MTR DIRECTOR PAM DURHAM"));
    assert!(first.contains("Declassify On: 2034-06-12"));
    let text = all_text(&pages);
    let (points, outside) = sample_parts();
    let got = words(&text);
    let expected = words(&format!("{points}\n{outside}"));
    let missing: Vec<&String> = expected.difference(&got).collect();
    assert!(missing.is_empty(), "words missing: {missing:?}");
    assert!(text.contains("1. (U) This is an action request."));
    assert!(text.contains("6. (S//REL TO USA, TWN) Talking points/non-paper"));
    // The metadata carry the banner, not the subject.
    for (key, value) in info(&path) {
        assert!(
            !value.contains("Responding") && !value.contains("Makina"),
            "{key} = {value}"
        );
    }
}

#[test]
fn released_pdf_holds_nothing_not_releasable() {
    let dir = render(SAMPLE, &["--release-to", "TWN"]);
    let path = dir.path().join("state-061156.rel-twn.pdf");
    let text = all_text(&pages(&path));
    for secret in [
        "Background:",
        "Action Request",
        "TECRO",
        "conceal its relationships",
    ] {
        assert!(!text.contains(secret), "{secret} in the released PDF");
    }
    assert!(text.contains("We appreciate our continued cooperation"));
}

#[test]
fn two_renders_are_byte_identical() {
    let a = render(SAMPLE, &[]);
    let b = render(SAMPLE, &[]);
    for name in ["state-061156.pdf", "state-061156.nonpaper.pdf"] {
        let x = std::fs::read(a.path().join(name)).expect("first");
        let y = std::fs::read(b.path().join(name)).expect("second");
        assert!(x == y, "{name} differs between renders");
    }
}

fn generated(dir: &Path, paragraphs: usize) -> PathBuf {
    let mut src = String::from("---\nsubject: (U) Generated test document\n---\n\n");
    for i in 0..paragraphs {
        if i % 25 == 0 {
            src.push_str(&format!("## (U) Section heading{i}\n\n"));
        }
        src.push_str(&format!(
            "(U) Paragraph token{i} opens here, and the text goes on about \
             nonproliferation, export controls and machine tools long enough to wrap \
             over more than one line of the page.\n\n"
        ));
    }
    let path = dir.join("generated.md");
    std::fs::write(&path, src).expect("write source");
    path
}

#[test]
fn a_long_document_has_many_pages_each_with_banners() {
    let src = tempfile::tempdir().expect("temp dir");
    let file = generated(src.path(), 300);
    let dir = render(&file.to_string_lossy(), &[]);
    let pages = pages(&dir.path().join("generated.pdf"));
    assert!(pages.len() >= 10, "{} pages", pages.len());
    assert_banners(&pages, "UNCLASSIFIED");
    // Every paragraph, in reading order, and no text left of the margin.
    let text = all_text(&pages);
    let mut at = 0;
    for i in 0..300 {
        let token = format!("token{i} ");
        let found = text[at..]
            .find(&token)
            .unwrap_or_else(|| panic!("{token} missing or out of order"));
        at += found;
    }
    for (n, page) in pages.iter().enumerate() {
        for s in page {
            assert!(
                s.x >= 72.0 - 0.01,
                "page {}: {s:?} left of the margin",
                n + 1
            );
            assert!(s.y >= 72.0 && s.y <= 720.0, "page {}: {s:?}", n + 1);
        }
    }
}

#[test]
fn page_count_grows_with_content() {
    let count = |n| {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = generated(dir.path(), n);
        let out = render(&file.to_string_lossy(), &[]);
        pages(&out.path().join("generated.pdf")).len()
    };
    let (a, b, c) = (count(10), count(100), count(200));
    assert!(a < b && b < c, "{a} {b} {c}");
}

#[test]
fn a_character_outside_the_fonts_is_refused_with_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("cjk.md");
    std::fs::write(
        &file,
        "---\nsubject: (U) Test\n---\n\n(U) First.\n\n(U) Taipei 台北.\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    let o = cablemark(&[
        "render",
        &file.to_string_lossy(),
        "--format",
        "pdf",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("line 7: U+53F0 '台' cannot be drawn in the PDF's fonts"),
        "{err}"
    );
    // Nothing written.
    assert!(!out.join("cjk.pdf").exists());
}

#[test]
fn real_names_are_drawn_and_read_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("names.md");
    let names = "Erdoğan met Wałęsa in Gdańsk and İstanbul; Hải Phòng; Ωμέγα Α.Ε.; ООО Москва.";
    std::fs::write(
        &file,
        format!("---\nsubject: (U) Names\n---\n\n(U) {names}\n"),
    )
    .expect("write");
    let out = render(&file.to_string_lossy(), &[]);
    let path = out.path().join("names.pdf");
    let text = all_text(&pages(&path));
    assert!(text.contains(names), "{text}");
    // Embedded, subset, with a ToUnicode map: no base font is left.
    let doc = Document::load(&path).expect("loads");
    for (_, font) in doc
        .get_page_fonts(*doc.get_pages().values().next().expect("a page"))
        .expect("fonts")
    {
        let base = font
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .expect("base font");
        let base = String::from_utf8_lossy(base);
        assert!(base.contains("+Liberation"), "{base}");
        assert_eq!(
            font.get(b"Subtype")
                .and_then(Object::as_name)
                .expect("subtype"),
            b"Type0"
        );
        assert!(font.get(b"ToUnicode").is_ok());
    }
    // A few tens of kilobytes a face, not the whole font programs.
    assert!(std::fs::metadata(&path).expect("size").len() < 120_000);
}

#[test]
fn a_document_without_a_subject_is_titled_by_its_section_never_the_banner() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("nosubject.md");
    std::fs::write(
        &file,
        "---\nbanner: SECRET//REL TO USA, TWN\n---\n\n## (S//REL TO USA, TWN) Talking points {.nonpaper}\n\n- (S//REL TO USA, TWN) We appreciate our cooperation.\n",
    )
    .expect("write");
    let out = render(&file.to_string_lossy(), &["--force"]);
    let pages = pages(&out.path().join("nosubject.pdf"));
    // The banner, then the title: the section's heading with its mark.
    assert_eq!(pages[0][0].text, "SECRET//REL TO USA, TWN");
    let title = &pages[0][1].text;
    assert!(title.contains("Talking points"), "{title}");
    assert_ne!(title, "SECRET//REL TO USA, TWN");
}

#[test]
fn bold_italic_and_code_runs_are_drawn_in_their_faces_within_the_margins() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("styles.md");
    let para = "(U) Plain then **bold words** and *italic words* and ***both*** and `code span` and plain again, a long line to wrap over the margin so that the styled runs continue on the next line of the paragraph, **and a bold run long enough to cross a line break of its own**.";
    std::fs::write(&file, format!("---\nsubject: (U) Styles\n---\n\n{para}\n")).expect("write");
    let out = render(&file.to_string_lossy(), &[]);
    let path = out.path().join("styles.pdf");
    let doc = Document::load(&path).expect("loads");
    let page = *doc.get_pages().values().next().expect("a page");
    let bases: std::collections::HashMap<Vec<u8>, String> = doc
        .get_page_fonts(page)
        .expect("fonts")
        .into_iter()
        .map(|(k, d)| {
            let base = d.get(b"BaseFont").and_then(Object::as_name).expect("base");
            (k, String::from_utf8_lossy(base).into_owned())
        })
        .collect();
    let maps = common::font_maps(&doc, page);
    let content = lopdf::content::Content::decode(&doc.get_page_content(page)).expect("content");
    let mut face = String::new();
    let mut name = Vec::new();
    let mut by_face: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for op in content.operations {
        match op.operator.as_str() {
            "Tf" => {
                name = op.operands[0].as_name().expect("name").to_vec();
                face = bases[&name]
                    .split_once('+')
                    .map_or(bases[&name].clone(), |(_, f)| f.to_string());
            }
            "TJ" | "Tj" => {
                let text = common::shown_text(&op.operands, maps.get(&name));
                by_face.entry(face.clone()).or_default().push_str(&text);
            }
            _ => {}
        }
    }
    let has = |face: &str, text: &str| by_face.get(face).is_some_and(|t| t.contains(text));
    assert!(has("LiberationSerif-Bold", "bold words"), "{by_face:?}");
    assert!(has("LiberationSerif-Italic", "italic words"), "{by_face:?}");
    assert!(has("LiberationSerif-BoldItalic", "both"), "{by_face:?}");
    assert!(has("LiberationMono", "code span"), "{by_face:?}");
    assert!(has("LiberationSerif", "Plain then"), "{by_face:?}");
    assert!(!by_face
        .get("LiberationSerif")
        .is_some_and(|t| t.contains("bold words")));
    // Every word is there, in order, and no line passes the right margin.
    let text = all_text(&pages(&path))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let plain: String = para.replace(['*', '`'], "");
    assert!(text.contains(&plain[4..60]), "{text}");
    let cablemark_doc =
        cablemark::source::parse("s.md", std::fs::read_to_string(&file).expect("read"))
            .expect("parses");
    let style = cablemark::render::Style::default();
    let content = cablemark::render::content::build(&cablemark_doc, cablemark::render::Part::Whole);
    let layout = cablemark::render::pdf::paginate::paginate(&content, &style);
    let right = layout.width - style.page.margin_right;
    for line in layout.pages.iter().flat_map(|p| &p.lines) {
        assert!(
            line.x + line.width() <= right + 0.01,
            "{} ends at {}",
            line.text,
            line.x + line.width()
        );
    }
}

#[test]
fn ordered_and_deep_lists_keep_their_numbers_and_levels_within_the_margins() {
    let mut src = String::from("---\nsubject: (U) Lists\n---\n\n## (U) Steps\n\n1. (U) First step.\n2. (U) Second step.\n   1. (U) Nested one.\n   2. (U) Nested two.\n3. (U) Third step.\n\n");
    for depth in 0..40 {
        src.push_str(&format!("{}- (U) Level {depth} with enough words to wrap over the width of the page at any depth.\n", "  ".repeat(depth)));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("lists.md");
    std::fs::write(&file, &src).expect("write");
    let doc = cablemark::source::parse("lists.md", src.clone()).expect("parses");
    let style = cablemark::render::Style::default();
    let content = cablemark::render::content::build(&doc, cablemark::render::Part::Whole);
    let layout = cablemark::render::pdf::paginate::paginate(&content, &style);
    let right = layout.width - style.page.margin_right;
    let texts: Vec<&str> = layout
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| l.text.as_str())
        .collect();
    for line in layout.pages.iter().flat_map(|p| &p.lines) {
        assert!(
            line.x >= style.page.margin_left - 0.01 && line.x + line.width() <= right + 0.01,
            "{} at {}",
            line.text,
            line.x
        );
    }
    // The numbers as written hang before their items, nested ones too.
    for (label, times) in [("1.", 2), ("2.", 2), ("3.", 1)] {
        assert_eq!(
            texts.iter().filter(|t| **t == label).count(),
            times,
            "{label} in {texts:?}"
        );
    }
    // The cable: sub-paragraph labels, and levels indented (at most six).
    let dir2 = tempfile::tempdir().expect("temp dir");
    let o = cablemark(&[
        "render",
        &file.to_string_lossy(),
        "--format",
        "cable",
        "--out",
        &dir2.path().to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let cable = std::fs::read_to_string(dir2.path().join("lists.cable.txt")).expect("cable");
    for line in [
        "A. (U) First step.",
        "B. (U) Second step.",
        "  (1) (U) Nested one.",
        "  (2) (U) Nested two.",
        "C. (U) Third step.",
    ] {
        assert!(cable.lines().any(|l| l == line), "{line} in\n{cable}");
    }
    assert!(
        cable
            .lines()
            .any(|l| l.starts_with("            -- (U) Level 39")),
        "{cable}"
    );
    assert!(cable.lines().all(|l| l.chars().count() <= 69));
}

#[test]
fn heading_sizes_go_by_level() {
    let src = "---\nsubject: (U) H\n---\n\n# (U) One\n\n(U) Text.\n\n## (U) Two\n\n(U) Text.\n\n### (U) Three\n\n(U) Text.\n";
    let doc = cablemark::source::parse("h.md", src.to_string()).expect("parses");
    let style = cablemark::render::Style::default();
    let content = cablemark::render::content::build(&doc, cablemark::render::Part::Whole);
    let layout = cablemark::render::pdf::paginate::paginate(&content, &style);
    let size = |t: &str| {
        layout.pages[0]
            .lines
            .iter()
            .find(|l| l.text.ends_with(t))
            .map(|l| l.size)
            .unwrap_or_else(|| panic!("{t}"))
    };
    assert!(
        size("One") > size("Two") && size("Two") > size("Three"),
        "{} {} {}",
        size("One"),
        size("Two"),
        size("Three")
    );
    assert!(size("Three") >= style.text.size);
}

/// The draft with every construct (`samples/features.md`): every name and
/// the link addresses come back; the links are link annotations opening
/// their addresses over the link text; the table is a ruled grid that
/// stays in the text area; struck text has a line through it; bold and
/// italic faces are embedded.
#[test]
fn a_draft_with_every_construct_draws_links_rules_and_strikethrough() {
    let dir = render("samples/features.md", &[]);
    let path = dir.path().join("features.pdf");
    let text = all_text(&pages(&path));
    for name in [
        "Erdoğan",
        "İstanbul",
        "Wałęsa",
        "Gdańsk",
        "Hải Phòng",
        "Γιώργος Παπαδόπουλος",
        "Сергей Иванов",
        "«Северный Ветер»",
        "€1.2",
        "“special”",
        "<https://www.state.gov/fact-sheet>",
        "https://www.state.gov/export-controls/",
    ] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    // The autolink shows its address once.
    assert_eq!(text.matches("export-controls/").count(), 1, "{text}");

    let doc = Document::load(&path).expect("loads");
    let page = *doc.get_pages().get(&1).expect("page 1");
    let dict = doc.get_dictionary(page).expect("page dict");
    let annots = dict
        .get(b"Annots")
        .and_then(Object::as_array)
        .expect("page 1 has annotations");
    let mut uris = Vec::new();
    for a in annots {
        let a = doc
            .get_dictionary(a.as_reference().expect("reference"))
            .expect("annotation");
        assert_eq!(
            a.get(b"Subtype").and_then(Object::as_name).ok(),
            Some(&b"Link"[..])
        );
        let rect: Vec<f32> = a
            .get(b"Rect")
            .and_then(Object::as_array)
            .expect("rect")
            .iter()
            .map(number)
            .collect();
        assert!(
            rect[0] >= 71.9 && rect[2] <= 612.0 - 71.9 && rect[2] > rect[0] && rect[3] > rect[1]
        );
        let action = a.get(b"A").and_then(Object::as_dict).expect("action");
        assert_eq!(
            action.get(b"S").and_then(Object::as_name).ok(),
            Some(&b"URI"[..])
        );
        let uri = action.get(b"URI").and_then(Object::as_str).expect("uri");
        uris.push(String::from_utf8_lossy(uri).into_owned());
    }
    assert!(
        uris.contains(&"https://www.state.gov/fact-sheet".to_string()),
        "{uris:?}"
    );
    assert!(uris.contains(&"https://www.state.gov/export-controls/".to_string()));

    // Strokes: the table's rules (horizontal and vertical, 0.5 pt) and a
    // strikethrough, all inside the margins.
    let content = lopdf::content::Content::decode(&doc.get_page_content(page)).expect("decodes");
    let mut segments = Vec::new();
    let mut from = (0.0, 0.0);
    let mut width = 0.0;
    for op in &content.operations {
        match op.operator.as_str() {
            "w" => width = number(&op.operands[0]),
            "m" => from = (number(&op.operands[0]), number(&op.operands[1])),
            "l" => segments.push((
                from,
                (number(&op.operands[0]), number(&op.operands[1])),
                width,
            )),
            _ => {}
        }
    }
    let rules: Vec<_> = segments
        .iter()
        .filter(|s| (s.2 - 0.5).abs() < 0.01)
        .collect();
    let vertical = rules
        .iter()
        .filter(|((x1, _), (x2, _), _)| x1 == x2)
        .count();
    let horizontal = rules
        .iter()
        .filter(|((_, y1), (_, y2), _)| y1 == y2)
        .count();
    // Three rows of three columns: four rules down each row, four across.
    assert!(vertical >= 12 && horizontal >= 4, "{rules:?}");
    for ((x1, y1), (x2, y2), _) in &segments {
        for x in [x1, x2] {
            assert!((71.9..=540.1).contains(x), "{segments:?}");
        }
        for y in [y1, y2] {
            assert!((72.0..=720.0).contains(y));
        }
    }
    let strikes = segments
        .iter()
        .filter(|s| s.2 != 0.5 && s.0 .1 == s.1 .1)
        .count();
    assert_eq!(strikes, 1, "one struck date: {segments:?}");

    // Bold and italic faces, embedded.
    let raw = std::fs::read(&path).expect("read");
    let raw = String::from_utf8_lossy(&raw);
    for face in [
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    ] {
        assert!(raw.contains(&format!("+{face}")), "{face} not embedded");
    }
}

/// A link to anything but a web, FTP or mail address is printed and
/// never made an action a reader could run.
#[test]
fn a_link_to_a_program_is_text_never_an_action() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("links.md");
    std::fs::write(
        &src,
        "---\nsubject: (U) Links\n---\n\n(U) See [this](javascript:alert(1)) and [that](file:///etc/passwd).\n",
    )
    .expect("write");
    let out = render(src.to_str().expect("utf-8"), &[]);
    let path = out.path().join("links.pdf");
    let text = all_text(&pages(&path));
    assert!(text.contains("<javascript:alert(1)>"), "{text}");
    let raw = std::fs::read(&path).expect("read");
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        !raw.contains("/URI") && !raw.contains("/Launch"),
        "an action was written"
    );
}

/// A style's fallback fonts draw what the built-in faces cannot: the
/// CJK characters of a name come back from the PDF, in the embedded,
/// subset fallback font; `check --style` knows them, and still reports
/// what no font has. A file that is not a TrueType font is refused.
#[test]
fn a_style_names_fallback_fonts_for_what_the_faces_cannot_draw() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts");
    std::fs::copy(fonts.join("test-cjk.ttf"), dir.path().join("cjk.ttf")).expect("copy");
    // The path is relative to the style file.
    let style = dir.path().join("cjk.yaml");
    std::fs::write(&style, "name: cjk\ntext:\n  fallback_fonts: [cjk.ttf]\n").expect("style");
    let src = dir.path().join("names.md");
    std::fs::write(
        &src,
        "---\nsubject: (U) Meeting on 中华 trade\n---\n\n(U) The 中华 delegation met on 日 day with Erdoğan.\n\n| (U) Name | Firm |\n|---|---|\n| 中华 | Ak Makina |\n",
    )
    .expect("source");
    let (src_s, style_s) = (src.to_str().expect("path"), style.to_str().expect("path"));
    let o = cablemark(&["check", src_s]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("P012"));
    let o = cablemark(&["check", src_s, "--style", style_s]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(!String::from_utf8_lossy(&o.stdout).contains("P012"));

    let out = render(src_s, &["--style", style_s]);
    let path = out.path().join("names.pdf");
    let text = all_text(&pages(&path));
    // (A change of face is a new text-showing operation, which the reader
    // here joins with a space: compare without spaces.)
    let squeezed: String = text.chars().filter(|c| *c != ' ').collect();
    for want in [
        "Meeting on 中华 trade",
        "The 中华 delegation met on 日 day with Erdoğan",
        "中华 Ak Makina",
    ] {
        let want: String = want.chars().filter(|c| *c != ' ').collect();
        assert!(squeezed.contains(&want), "{want} missing from\n{text}");
    }
    let raw = String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned();
    assert!(
        raw.contains("+CablemarkTestCJK"),
        "the fallback font is embedded, subset"
    );
    // Without the style, render refuses with the line, as check said.
    let o = cablemark(&[
        "render",
        src_s,
        "--format",
        "pdf",
        "--out",
        dir.path().join("no").to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    // A character no font has is still reported, with the style.
    std::fs::write(&src, "---\nsubject: (U) S\n---\n\n(U) 中华 and 한.\n").expect("source");
    let o = cablemark(&["check", src_s, "--style", style_s]);
    let report = String::from_utf8_lossy(&o.stdout);
    assert!(
        report.contains("P012") && report.contains("U+D55C") && !report.contains("U+4E2D"),
        "{report}"
    );

    // Not a TrueType font: refused, with the file and why.
    let font = std::fs::read(fonts.join("test-cjk.ttf")).expect("font");
    let cut = &font[..font.len() - 50];
    for (bytes, why) in [
        (&b"not a font"[..], "not a font"),
        (&b"OTTO\0\0\0\0\0\0\0\0"[..], ""),
        (&b"ttcf\0\x01\0\0\0\0\0\x01"[..], "collection"),
        (cut, "damaged"),
    ] {
        std::fs::write(dir.path().join("cjk.ttf"), bytes).expect("write");
        let o = cablemark(&["check", src_s, "--style", style_s]);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("text.fallback_fonts") && err.contains("cjk.ttf") && err.contains(why),
            "{err}"
        );
    }
    // A FIFO in the font's place is refused, never waited on.
    #[cfg(unix)]
    {
        let fifo = dir.path().join("cjk.ttf");
        std::fs::remove_file(&fifo).expect("rm");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let o = cablemark(&["check", src_s, "--style", style_s]);
            assert_eq!(o.status.code(), Some(2));
            assert!(String::from_utf8_lossy(&o.stderr).contains("not a regular file"));
        } else {
            println!("skipped the FIFO case: mkfifo is not available");
        }
    }
}
