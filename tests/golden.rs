//! Golden files: the sample against the reference cable, and byte-exact
//! goldens of our own output under `tests/golden/<case>/`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn render(args: &[&str], out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cablemark"))
        .arg("render")
        .args(args)
        .arg("--out")
        .arg(out)
        .current_dir(root())
        .output()
        .expect("runs")
}

/// Blank-line separated blocks, the lines of each joined with one space.
fn blocks(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|b| {
            b.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|b| !b.is_empty())
        .collect()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn sample_cable_matches_the_reference_block_by_block() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = render(
        &["samples/state-061156.md", "--format", "cable"],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let ours = read(&dir.path().join("state-061156.cable.txt"));
    let reference = read(&root().join("tests/golden/state-061156/reference.expected.txt"));
    let (a, b) = (blocks(&ours), blocks(&reference));
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(x, y, "block {i} differs");
    }
    assert_eq!(a.len(), b.len());
    // It also starts as the reference does: two empty lines, then the DTG.
    assert!(ours.starts_with("\n\nP 122056Z JUN 09\n"));
    assert!(ours.ends_with("www.state.sgov.gov/demarche.\nCLINTON\n\nNNNN\n"));
}

#[test]
fn cable_lines_fit_and_have_no_trailing_space() {
    for style in ["default", "register"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let o = render(
            &[
                "samples/state-061156.md",
                "--format",
                "cable",
                "--style",
                style,
            ],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(0));
        let text = read(&dir.path().join("state-061156.cable.txt"));
        for line in text.lines() {
            assert!(line.chars().count() <= 64, "{style}: {line:?}");
            assert!(!line.ends_with(' '), "{style}: trailing space in {line:?}");
            assert!(!line.contains('\r'));
        }
    }
}

#[test]
fn register_style_normalises_marks_and_the_nonpaper_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    render(
        &[
            "samples/state-061156.md",
            "--format",
            "cable",
            "--style",
            "register",
        ],
        dir.path(),
    );
    let text = read(&dir.path().join("state-061156.cable.txt"));
    assert!(text.contains("\n(SECRET//REL TO USA, TWN)\n"), "{text}");
    assert!(!text.contains("(SECRET REL TAIWAN)"));
}

/// A PDF's shown text, one text-showing operation a line, page by page
/// (read back with lopdf through the fonts' `ToUnicode` maps; every
/// operator: `Tj`, `TJ`, `'`, `"`).
fn pdf_lines(bytes: &[u8]) -> String {
    let mut out = String::new();
    for (n, page) in common::pdf_pages(bytes).into_iter().enumerate() {
        out.push_str(&format!("--- page {}\n", n + 1));
        for line in page {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// A DOCX part, one element a line, for reviewable diffs.
fn docx_part(bytes: &[u8], part: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the DOCX unzips");
    let mut text = String::new();
    archive
        .by_name(part)
        .unwrap_or_else(|_| panic!("{part} in the DOCX"))
        .read_to_string(&mut text)
        .expect("UTF-8");
    text.replace("><", ">\n<") + "\n"
}

/// The golden files an output directory gives: the cable text as it is,
/// the PDF's text, the DOCX's document, header and footer parts.
fn derived(dir: &Path) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("out dir").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(entry.path()).expect("read");
        if name.ends_with(".cable.txt") {
            out.insert(name, String::from_utf8(bytes).expect("UTF-8"));
        } else if name.ends_with(".pdf") {
            out.insert(format!("{name}.txt"), pdf_lines(&bytes));
        } else if name.ends_with(".docx") {
            for part in ["word/document.xml", "word/header1.xml", "word/footer1.xml"] {
                let file = part.trim_start_matches("word/");
                out.insert(format!("{name}.{file}"), docx_part(&bytes, part));
            }
        }
    }
    out
}

/// Every golden under `tests/golden/<case>/` is produced, byte for byte,
/// and every output has its golden: a golden that is no longer produced
/// fails, and so does an output without one. `UPDATE_GOLDENS=1` rewrites
/// them (review the diff).
#[test]
fn goldens_are_reproduced_byte_for_byte() {
    let golden = root().join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDENS").is_some();
    let mut cases = 0;
    for case in std::fs::read_dir(&golden).expect("golden dir").flatten() {
        let name = case.file_name().to_string_lossy().into_owned();
        let source = root().join(format!("samples/{name}.md"));
        assert!(
            source.exists(),
            "golden case {name} has no samples/{name}.md"
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let o = render(&[source.to_str().expect("utf-8 path")], dir.path());
        assert_eq!(o.status.code(), Some(0));
        let produced = derived(dir.path());
        let expected: std::collections::BTreeSet<String> = std::fs::read_dir(case.path())
            .expect("case dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|f| !f.starts_with("reference."))
            .collect();
        if update {
            for (file, text) in &produced {
                std::fs::write(case.path().join(file), text).expect("write golden");
            }
            continue;
        }
        for file in &expected {
            let text = produced
                .get(file)
                .unwrap_or_else(|| panic!("{name}/{file} is no longer produced"));
            assert_eq!(
                text,
                &read(&case.path().join(file)),
                "{name}/{file} differs"
            );
        }
        for file in produced.keys() {
            assert!(
                expected.contains(file),
                "{name}/{file} has no golden (UPDATE_GOLDENS=1 writes it)"
            );
        }
        cases += 1;
    }
    assert!(cases >= 1 || update);
}

#[test]
fn renders_are_reproducible() {
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    render(&["samples/state-061156.md", "--format", "cable"], a.path());
    render(&["samples/state-061156.md", "--format", "cable"], b.path());
    assert_eq!(
        std::fs::read(a.path().join("state-061156.cable.txt")).expect("a"),
        std::fs::read(b.path().join("state-061156.cable.txt")).expect("b")
    );
}

#[test]
fn refused_render_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = render(
        &["tests/fixtures/check/P001.md", "--format", "cable"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("error[P001]"));
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    let o = render(
        &[
            "tests/fixtures/check/P001.md",
            "--format",
            "cable",
            "--force",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    let text = read(&dir.path().join("P001.cable.txt"));
    assert!(text.contains("2. This paragraph has no mark."), "{text}");
}
