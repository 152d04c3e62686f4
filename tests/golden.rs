//! Golden files: the sample against the reference cable, and byte-exact
//! goldens of our own output under `tests/golden/<case>/`.

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

/// Every file under `tests/golden/<case>/` named like an output must be
/// produced, byte for byte (a golden that is no longer produced fails).
#[test]
fn goldens_are_reproduced_byte_for_byte() {
    let golden = root().join("tests/golden");
    let mut cases = 0;
    for case in std::fs::read_dir(&golden).expect("golden dir").flatten() {
        let name = case.file_name().to_string_lossy().into_owned();
        let source = root().join(format!("samples/{name}.md"));
        assert!(
            source.exists(),
            "golden case {name} has no samples/{name}.md"
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let o = render(
            &[source.to_str().expect("utf-8 path"), "--format", "cable"],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(0));
        for expected in std::fs::read_dir(case.path()).expect("case dir").flatten() {
            let file = expected.file_name().to_string_lossy().into_owned();
            if file.starts_with("reference.") {
                continue;
            }
            let produced = dir.path().join(&file);
            assert!(produced.exists(), "{name}/{file} is no longer produced");
            assert_eq!(
                read(&produced),
                read(&expected.path()),
                "{name}/{file} differs"
            );
        }
        cases += 1;
    }
    assert!(cases >= 1);
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
