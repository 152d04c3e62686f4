//! Word documents as sources: a Word draft's findings at its paragraphs,
//! what a Word file hides never in a source or a release, hostile
//! packages refused in one line, and DOCX written by cablemark (and by
//! pandoc, when installed) read back to the same portions.
//!
//! The fixtures are written by `tests/fixtures/word/make.py`.

mod common;

use std::time::{Duration, Instant};

use cablemark::render::{self, Part, Style};
use cablemark::word::{self, Mode};
use common::cablemark;
use proptest::prelude::*;

fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/word/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

#[test]
fn a_word_draft_gets_its_findings_at_its_paragraphs() {
    let o = cablemark(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/word/draft.docx",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let diags = json_lines(&o.stdout);
    let at = |code: &str, paragraph: u64| {
        diags
            .iter()
            .any(|d| d["code"] == code && d["word"]["paragraph"] == paragraph)
    };
    // The unmarked paragraph: the fifth of the body, numbered 4. by Word.
    assert!(at("P001", 5), "{diags:?}");
    let p001 = diags.iter().find(|d| d["code"] == "P001").expect("P001");
    assert_eq!(p001["word"]["number"], "4.");
    assert!(p001["word"]["excerpt"]
        .as_str()
        .unwrap_or("")
        .starts_with("The unmarked"));
    // The NOFORN sentence in a comment (paragraph 3), in a tracked deletion
    // (paragraph 4) and in hidden text (paragraph 9).
    assert!(at("W002", 3) && at("W002", 4) && at("W002", 9), "{diags:?}");
    // The first-page header says CONFIDENTIAL over SECRET portions.
    assert!(diags.iter().any(|d| d["code"] == "W001"
        && d["message"]
            .as_str()
            .is_some_and(|m| m.contains("first-page header") && m.contains("CONFIDENTIAL"))));
    // The default header and the footer are right: no finding of theirs.
    assert_eq!(
        diags.iter().filter(|d| d["code"] == "W001").count(),
        1,
        "{diags:?}"
    );
    // Human output names the Word paragraph too.
    let o = cablemark(&["check", "tests/fixtures/word/draft.docx"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("in the Word document: paragraph 5 (numbered 4.): \"The unmarked paragraph"),
        "{text}"
    );
}

#[test]
fn hidden_content_is_never_text_of_the_source_or_of_a_release() {
    for name in ["draft.docx", "hidden.docx"] {
        let doc = word::read(&fixture(name)).expect("reads");
        assert!(!doc.hidden.is_empty(), "{name}: hidden content found");
        let converted = word::to_source(&doc, Mode::Check);
        for secret in [
            "liaison",
            "front.",
            "hidden aside",
            "Boxed",
            "footnote of the source",
        ] {
            assert!(
                !converted.markdown.contains(secret),
                "{name}: `{secret}` in\n{}",
                converted.markdown
            );
        }
        // Released to Taiwan, even past the gate: none of it.
        let parsed = cablemark::input::parse_bytes(name, fixture(name)).expect("parses");
        let released = cablemark::release::filter(&parsed, "TWN");
        let md = cablemark::release::write_verified(&released).expect("writes");
        for secret in [
            "liaison",
            "hidden aside",
            "Boxed",
            "footnote of the source",
            "minister",
        ] {
            assert!(!md.contains(secret), "{name}: `{secret}` released:\n{md}");
        }
        // A mark in hidden content floors the banner.
        assert_eq!(
            parsed.banners.document.level,
            cablemark::marking::Level::Secret
        );
    }
    // The release itself refuses over the errors, with or without --force.
    for force in [false, true] {
        let mut args = vec!["release", "tests/fixtures/word/draft.docx", "--to", "TWN"];
        if force {
            args.push("--force");
        }
        let o = cablemark(&args);
        assert_eq!(o.status.code(), Some(1));
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn import_keeps_every_word_and_hides_nothing_as_text() {
    let o = cablemark(&["import", "tests/fixtures/word/draft.docx"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(
        md.contains("subject: \"(S) Responding to Taiwan on an intermediary\""),
        "{md}"
    );
    assert!(md.contains("banner: \"SECRET\""), "{md}");
    assert!(
        md.contains("classified_by: \"ISN/MTR DIRECTOR PAM DURHAM\""),
        "{md}"
    );
    assert!(
        md.contains(
            "- (S//REL TO USA, TWN) First point.\n\n  - (S//REL TO USA, TWN) A nested point."
        ),
        "{md}"
    );
    // The comment and the deletion are kept, as HTML comments only.
    for secret in ["liaison service", "The liaison source says", "hidden aside"] {
        let line = md
            .lines()
            .find(|l| l.contains(secret))
            .unwrap_or_else(|| panic!("{secret} kept:\n{md}"));
        assert!(
            line.starts_with("<!-- Word: ") && line.ends_with(" -->"),
            "{line}"
        );
    }
    let warned = String::from_utf8_lossy(&o.stderr);
    assert!(
        warned.contains("a comment at paragraph 3 kept as an HTML comment"),
        "{warned}"
    );
    // Checked as Markdown, the hidden marks are errors there too (P006).
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("draft.md");
    std::fs::write(&path, md.as_bytes()).expect("write");
    let o = cablemark(&["check", "--format", "json", path.to_str().expect("utf-8")]);
    assert!(json_lines(&o.stdout).iter().any(|d| d["code"] == "P006"));
}

#[test]
fn hostile_packages_are_refused_in_one_line() {
    let dir = format!("{}/tests/fixtures/word/hostile", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("dir").flatten() {
        let path = entry.path();
        let path = path.to_str().expect("utf-8");
        for command in [
            vec!["check", path],
            vec!["import", path],
            vec!["release", path, "--to", "TWN"],
        ] {
            let start = Instant::now();
            let o = cablemark(&command);
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{path}: too slow"
            );
            assert_eq!(
                o.status.code(),
                Some(2),
                "{command:?}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(err.lines().count(), 1, "{path}: {err}");
            assert!(
                err.starts_with("error: ") && !err.contains("panicked"),
                "{err}"
            );
            assert!(o.stdout.is_empty());
        }
        seen += 1;
    }
    assert!(seen >= 8);
    // No entity is ever resolved: the DTD is refused outright.
    let o = cablemark(&["check", "tests/fixtures/word/hostile/entity.docx"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("DTD"));
}

/// The leaks two attacker's passes found (`tests/fixtures/word/attacks/`,
/// the second pass's named `2-…`: a REF, DATE or DOCPROPERTY field whose
/// stale result held the mark, a paragraph hidden by the default style,
/// a bullet label of several characters, a mark in the Symbol font, a
/// mark split across an AlternateContent, a non-breaking hyphen;
/// each a minimal Word document; `LEAK` marks the text a release to
/// Taiwan may not hold: under a NOFORN or SECRET mark as Word shows it,
/// unmarked, in a header, or in a branch Word does not show). Each is now
/// an error for `check`, and no release or render holds the text.
#[test]
fn the_attackers_word_documents_are_caught() {
    let dir = format!("{}/tests/fixtures/word/attacks", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("dir").flatten() {
        let path = entry.path();
        let path = path.to_str().expect("utf-8");
        let o = cablemark(&["check", "--format", "json", path]);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{path}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        // Caught by a rule that --force never passes (not only a missing
        // subject or authority line).
        let unforceable = json_lines(&o.stdout).into_iter().any(|d| {
            d["severity"] == "error"
                && d["code"]
                    .as_str()
                    .and_then(cablemark::check::Rule::from_code)
                    .is_some_and(|r| r.gate() == cablemark::check::Gate::Always)
        });
        assert!(
            unforceable,
            "{path}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        for force in [false, true] {
            let mut args = vec!["release", path, "--to", "TWN"];
            if force {
                args.push("--force");
            }
            let o = cablemark(&args);
            assert!(
                !String::from_utf8_lossy(&o.stdout).contains("LEAK"),
                "{path}: released"
            );
            let out = tempfile::tempdir().expect("dir");
            let mut args = vec![
                "render",
                path,
                "--release-to",
                "TWN",
                "--format",
                "cable,docx",
                "--out",
            ];
            args.push(out.path().to_str().expect("utf-8"));
            if force {
                args.push("--force");
            }
            let _ = cablemark(&args);
            for file in std::fs::read_dir(out.path()).expect("out").flatten() {
                let bytes = std::fs::read(file.path()).expect("read");
                let text = if file.path().extension().is_some_and(|e| e == "docx") {
                    common::docx_text(&bytes)
                } else {
                    String::from_utf8_lossy(&bytes).into_owned()
                };
                assert!(
                    !text.contains("LEAK"),
                    "{path}: rendered into {}",
                    file.path().display()
                );
            }
        }
        seen += 1;
    }
    assert!(seen >= 20);
}

#[test]
fn fix_never_rewrites_a_word_document() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("draft.docx");
    std::fs::write(&path, fixture("draft.docx")).expect("write");
    let o = cablemark(&["check", "--fix", path.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&path).expect("read"), fixture("draft.docx"));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(said.contains("does not edit Word documents"), "{said}");
    // A directory is searched for Word documents too.
    let o = cablemark(&["check", dir.path().to_str().expect("utf-8")]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("draft.docx"));
}

#[test]
fn the_sample_comes_back_from_its_docx_and_releases_from_it() {
    let dir = sample_docx();
    let docx = dir.path().join("state-061156.docx");
    let docx = docx.to_str().expect("utf-8");
    let original = cablemark::input::load("samples/state-061156.md").expect("sample");
    let back = cablemark::input::load(docx).expect("reads");
    assert_eq!(portions(&original), portions(&back));
    assert_eq!(back.banners.document.banner(), "SECRET");
    // Released to Taiwan from the Word file: the talking points, nothing else.
    let o = cablemark(&["release", docx, "--to", "TWN", "--force"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(md.contains("We appreciate our continued cooperation"));
    assert!(
        !md.contains("Background") && !md.contains("Action Request"),
        "{md}"
    );
}

/// A directory holding the sample rendered as DOCX (`state-061156.docx`).
fn sample_docx() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().to_str().expect("utf-8");
    let o = cablemark(&[
        "render",
        "samples/state-061156.md",
        "--format",
        "docx",
        "--out",
        out,
    ]);
    assert_eq!(o.status.code(), Some(0));
    dir
}

/// Each portion's effective mark and words.
fn portions(doc: &cablemark::model::Document) -> Vec<(String, String)> {
    doc.portions
        .iter()
        .map(|p| {
            let mark = p
                .effective
                .as_ref()
                .map(|m| m.portion())
                .unwrap_or_default();
            let text = p.text();
            let words: Vec<&str> = text.split_whitespace().collect();
            // The text after its leading mark.
            let words = match words.iter().position(|w| w.ends_with(')')) {
                Some(i) if p.mark.is_some() => words[i + 1..].join(" "),
                _ => words.join(" "),
            };
            (mark, words)
        })
        .collect()
}

#[test]
fn a_docx_of_pandoc_reads_back_to_the_same_portions() {
    let Ok(status) = std::process::Command::new("pandoc")
        .arg("--version")
        .output()
    else {
        println!("skipped: pandoc is not installed (apt-get install pandoc runs this test)");
        return;
    };
    assert!(status.status.success());
    let dir = tempfile::tempdir().expect("dir");
    let docx = dir.path().join("sample.docx");
    let o = std::process::Command::new("pandoc")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // Without fancy_lists: pandoc would read `(U) text` as a list
        // item lettered U and number the next paragraphs (V), (W), … — a
        // Word document whose marks are those letters (the reader reports
        // them: M001).
        .args([
            "-f",
            "markdown-fancy_lists",
            "samples/state-061156.md",
            "-o",
        ])
        .arg(&docx)
        .output()
        .expect("pandoc runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let back = cablemark::input::load(docx.to_str().expect("utf-8")).expect("reads");
    let original = cablemark::input::load("samples/state-061156.md").expect("sample");
    // Every mark and word of the body comes back (pandoc drops the
    // section's end, so marks are compared as written).
    let marks = |d: &cablemark::model::Document| -> Vec<String> {
        d.portions
            .iter()
            .filter_map(|p| p.mark.as_ref().map(|m| m.text.clone()))
            .collect()
    };
    assert_eq!(marks(&original), marks(&back));
    assert!(back.portions.iter().any(|p| p
        .text()
        .contains("Ak Makina should remain on the Taiwan Customs List")));
}

#[test]
fn a_docx_converted_by_libreoffice_reads_back_to_the_same_portions() {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|p| {
        std::process::Command::new(p)
            .arg("--version")
            .output()
            .is_ok()
    });
    let Some(soffice) = soffice else {
        println!("skipped: LibreOffice (soffice) is not installed (apt-get install libreoffice-writer-nogui runs this test)");
        return;
    };
    let dir = sample_docx();
    let out = dir.path().to_str().expect("utf-8");
    let converted = dir.path().join("lo");
    // LibreOffice re-writes our DOCX as its own (styles, numbering and
    // run structure of its writer).
    let profile = format!("-env:UserInstallation=file://{out}/profile");
    let o = std::process::Command::new(soffice)
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(&converted)
        .arg(dir.path().join("state-061156.docx"))
        .output()
        .expect("soffice runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let back = cablemark::input::load(converted.join("state-061156.docx").to_str().expect("utf-8"))
        .expect("reads");
    let original = cablemark::input::load("samples/state-061156.md").expect("sample");
    assert_eq!(portions(&original), portions(&back));
}

fn arb_mark() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "(U)",
        "(C)",
        "(S)",
        "(S//NF)",
        "(S//REL TO USA, TWN)",
        "(C//REL TO USA, GBR, TWN)",
        "(U//SBU)",
        "(TS)",
    ])
}

fn arb_words() -> impl Strategy<Value = String> {
    // Words with the characters Markdown reads as markup, so the reader's
    // escaping is tried too.
    prop::collection::vec(
        prop::sample::select(vec![
            "minister",
            "said",
            "Erdoğan",
            "*star*",
            "_under_",
            "<!--",
            "-->",
            "#hash",
            "a|b",
            "`tick`",
            "[link]",
            "1.",
            "-",
            "&amp;",
            "{.nonpaper}",
            "\\",
            "50%",
            "Ωμέγα",
            "~~x~~",
        ]),
        1..8,
    )
    .prop_map(|w| w.join(" "))
}

#[derive(Debug, Clone)]
enum Block {
    Para(&'static str, String),
    Bullet(&'static str, String, bool),
    Heading(&'static str, String),
}

fn arb_block() -> impl Strategy<Value = Block> {
    prop_oneof![
        3 => (arb_mark(), arb_words()).prop_map(|(m, w)| Block::Para(m, w)),
        2 => (arb_mark(), arb_words(), any::<bool>()).prop_map(|(m, w, n)| Block::Bullet(m, w, n)),
        1 => (arb_mark(), arb_words()).prop_map(|(m, w)| Block::Heading(m, w)),
    ]
}

fn source(blocks: &[Block]) -> String {
    let mut s = String::from("---\nsubject: \"(U) Round trip\"\n---\n\n");
    let mut in_list = false;
    for b in blocks {
        match b {
            Block::Para(m, w) => s.push_str(&format!("{m} {}\n\n", escape(w))),
            Block::Bullet(m, w, nested) => {
                let indent = if *nested && in_list { "  " } else { "" };
                s.push_str(&format!("{indent}- {m} {}\n\n", escape(w)));
            }
            Block::Heading(m, w) => s.push_str(&format!("## {m} {}\n\n", escape(w))),
        }
        in_list = matches!(b, Block::Bullet(..));
    }
    s
}

/// A Markdown source writes the words as words.
fn escape(words: &str) -> String {
    let mut out = String::new();
    for c in words.chars() {
        if "\\`*_[]<>#|~{}&!-".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Random sources rendered to DOCX and read back: the same portions,
    /// in order, with the same effective marks and words.
    #[test]
    fn our_docx_reads_back_to_the_same_portions(blocks in prop::collection::vec(arb_block(), 1..10)) {
        let md = source(&blocks);
        let doc = cablemark::source::parse("t.md", md.clone()).expect("parses");
        let style = Style::default();
        let bytes = render::renderer(render::Format::Docx).render(&doc, Part::Whole, &style).expect("renders");
        let back = cablemark::input::parse_bytes("t.docx", bytes).expect("reads back");
        prop_assert_eq!(portions(&doc), portions(&back), "source:\n{}", md);
        // The same kinds, heading levels and list levels.
        let kinds = |d: &cablemark::model::Document| -> Vec<String> {
            d.portions.iter().map(|p| format!("{:?}", p.kind)).collect()
        };
        prop_assert_eq!(kinds(&doc), kinds(&back), "source:\n{}", md);
        // Nothing of a portion becomes markup: no raw HTML appears.
        prop_assert!(back.html.is_empty(), "HTML in the read-back source");
    }
}
