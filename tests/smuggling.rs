//! One test per way the fail-closed issue found to smuggle NOFORN text to
//! a country, run through the real binary: each shape is released and
//! rendered for TWN, with and without `--force`, and the secret word must
//! appear in no output (the command refuses, or the text is dropped).

use std::path::Path;

mod common;
use common::cablemark;

const HEAD: &str = "---\ndtg: 122056Z JUN 09\norder: E.O. 12958\nclassified_by: ISN DIRECTOR\nreasons: [b]\ndeclassify_on: 2034-06-12\nsubject: (U) Test subject\n";

/// A source whose non-paper is for Taiwan, with `body` inside a REL TO
/// section (so that anything the reader misses would inherit REL TO TWN).
fn source(front: &str, body: &str) -> String {
    format!(
        "{HEAD}{front}---\n\n(U) Opening paragraph.\n\n## (S//REL TO USA, TWN) Talking points {{.nonpaper}}\n\n- We appreciate our cooperation.\n\n{body}\n"
    )
}

/// Everything written under `dir` and everything printed on stdout, as text.
fn all_output(dir: &Path, stdout: &[u8]) -> String {
    let mut text = String::from_utf8_lossy(stdout).into_owned();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        text.push_str(&path.display().to_string());
        let bytes = std::fs::read(&path).unwrap_or_default();
        let name = path.to_string_lossy().into_owned();
        if name.ends_with(".pdf") {
            text.push_str(&common::pdf_text(&bytes));
            text.push_str(&common::pdf_streams(&bytes));
            // Objects outside streams too (link annotations, metadata).
            text.push_str(&String::from_utf8_lossy(&bytes));
        } else if name.ends_with(".docx") {
            text.push_str(&common::docx_text(&bytes));
        } else {
            text.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    text
}

/// Releases and renders `md` for TWN every way; `secret` must reach no
/// output. Returns the exit statuses (release, render, render --force).
fn assert_not_released(name: &str, md: &str, secret: &str) -> Vec<i32> {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join(format!("{name}.md"));
    std::fs::write(&src, md).expect("write");
    let src = src.to_str().expect("path").to_string();
    let mut statuses = Vec::new();
    for (k, args) in [
        vec!["release", src.as_str(), "--to", "TWN"],
        vec!["release", src.as_str(), "--to", "TWN", "--force"],
        vec!["render", src.as_str(), "--release-to", "TWN"],
        vec!["render", src.as_str(), "--release-to", "TWN", "--force"],
    ]
    .into_iter()
    .enumerate()
    {
        let out = dir.path().join(format!("out{k}"));
        let mut args = args.clone();
        let out_s = out.to_str().expect("path").to_string();
        if args[0] == "render" {
            args.extend(["--out", out_s.as_str()]);
        }
        let o = cablemark(&args);
        let code = o.status.code().unwrap_or(-1);
        assert!(
            code == 0 || code == 1,
            "{name} {args:?}: exit {code}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let text = all_output(&out, &o.stdout);
        assert!(
            !text.contains(secret),
            "{name}: `{secret}` reached a TWN output with {args:?}\n{md}\n---\n{text}"
        );
        statuses.push(code);
    }
    statuses
}

/// The shape is refused outright: check reports an error, and no release
/// for TWN goes ahead.
fn assert_refused(name: &str, md: &str, secret: &str, code: &str) {
    let statuses = assert_not_released(name, md, secret);
    assert!(statuses.iter().all(|s| *s == 1), "{name}: {statuses:?}");
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("s.md");
    std::fs::write(&src, md).expect("write");
    let o = cablemark(&["check", "--format", "json", src.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1), "{name}");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(&format!("\"code\":\"{code}\"")),
        "{name}: no {code}:\n{out}"
    );
}

#[test]
fn a_second_marked_line_inside_one_block() {
    for (name, body) in [
        (
            "soft",
            "- (S//REL TO USA, TWN) Point.\n  (S//NF) SECRETWORD line.",
        ),
        (
            "one_per_line",
            "(S//REL TO USA, TWN) Para.\n(S//NF) SECRETWORD line.",
        ),
        (
            "hard",
            "(S//REL TO USA, TWN) Para.  \n(S//NF) SECRETWORD line.",
        ),
        (
            "backslash",
            "(S//REL TO USA, TWN) Para.\\\n(S//NF) SECRETWORD line.",
        ),
        (
            "quote_second_paragraph",
            "> (S//REL TO USA, TWN) Quote.\n>\n> (S//NF) SECRETWORD.",
        ),
        (
            "lazy",
            "> (S//REL TO USA, TWN) Quote.\n(S//NF) SECRETWORD lazy.",
        ),
        (
            "item_second_paragraph",
            "- (S//REL TO USA, TWN) Item.\n\n  (S//NF) SECRETWORD.",
        ),
        (
            "table_row",
            "| (S//REL TO USA, TWN) A | B |\n|---|---|\n| (S//NF) SECRETWORD | x |",
        ),
        (
            "table_cell",
            "| (S//REL TO USA, TWN) A | B |\n|---|---|\n| x | (S) SECRETWORD |",
        ),
        (
            "code",
            "    (S//REL TO USA, TWN) code\n    (S//NF) SECRETWORD",
        ),
        (
            "mid_sentence",
            "(S//REL TO USA, TWN) As agreed (S//NF) SECRETWORD here.",
        ),
    ] {
        assert_refused(name, &source("", body), "SECRETWORD", "P009");
    }
}

#[test]
fn raw_html_nested_in_a_list_item_or_quote_is_never_printed() {
    for (name, body) in [
        (
            "item_comment",
            "- (S//REL TO USA, TWN) Item.\n\n  <!-- SECRETWORD -->",
        ),
        (
            "quote_div",
            "> (S//REL TO USA, TWN) Quote.\n>\n> <div>SECRETWORD</div>",
        ),
        (
            "inline",
            "- (S//REL TO USA, TWN) Item <span title=\"SECRETWORD\">x</span> text.",
        ),
        (
            "inline_comment",
            "- (S//REL TO USA, TWN) Item <!-- SECRETWORD --> text.",
        ),
    ] {
        let statuses = assert_not_released(name, &source("", body), "SECRETWORD");
        // Raw HTML is a warning (P007): the release goes ahead without it.
        assert_eq!(statuses, vec![0, 0, 0, 0], "{name}");
    }
}

#[test]
fn two_marks_in_a_row_count_as_the_most_restrictive() {
    assert_refused(
        "body",
        &source("", "(U) (S//NF) SECRETWORD text."),
        "SECRETWORD",
        "P003",
    );
    assert_refused(
        "rel_then_nf",
        &source("", "(S//REL TO USA, TWN) (S//NF) SECRETWORD text."),
        "SECRETWORD",
        "P003",
    );
    let md = source("", "").replace(
        "subject: (U) Test subject",
        "subject: (U) (S//NF) SECRETWORD subject",
    );
    assert_refused("subject", &md, "SECRETWORD", "P003");
}

#[test]
fn a_leading_mark_the_reader_does_not_know_never_inherits() {
    let mut shapes: Vec<String> = Vec::new();
    for invisible in ["\u{200B}", "\u{2060}", "\u{FEFF}", "\u{AD}"] {
        shapes.push(format!("- {invisible}(S//NF) SECRETWORD point."));
    }
    for typo in [
        "(S//NF.)",
        "(S//NF; source)",
        "(S//NF (source))",
        "(S//NF SECRETWORD no close",
        "（S//NF）",
        "(Ѕ//NF)",
        "[S//NF]",
        "(NOFORN: do not release)",
        "(SECERT)",
        "(S//NF)SECRETWORD",
    ] {
        shapes.push(format!("- {typo} SECRETWORD point."));
    }
    for label in [
        "iv.", "(ii)", "1.1", "2a.", "(100)", "•", "--", "Note:", "Q:", "A:", "–", "§1", "AA.",
    ] {
        shapes.push(format!("- {label} (S//NF) SECRETWORD point."));
    }
    for (k, body) in shapes.iter().enumerate() {
        let statuses = assert_not_released(&format!("shape{k}"), &source("", body), "SECRETWORD");
        assert!(statuses.iter().all(|s| *s == 1), "{body}: {statuses:?}");
    }
}

#[test]
fn a_setext_heading_does_not_rescope_inheritance() {
    let body = "(S//REL TO USA, TWN) Heading by accident\n---\n\n- SECRETWORD unmarked point.";
    let md = format!("{HEAD}---\n\n# (S//NF) Background\n\nSECRETWORD unmarked text.\n\n{body}\n");
    assert_refused("setext", &md, "SECRETWORD", "P011");
}

#[test]
fn a_sub_list_goes_with_its_dropped_item() {
    let body = "- (S//NF) Dropped item.\n  - SECRETWORD nested point.";
    let md = source("", body);
    // The nested point inherits NOFORN from its item (not REL TO from the
    // section); the item is more restrictive than its section (P002).
    assert_refused("nested", &md, "SECRETWORD", "P002");
    // Dropping the item takes its sub-list even when the sub-list is marked.
    let body = "- (S//NF) Dropped item.\n  - (S//REL TO USA, TWN) SECRETWORD nested.";
    assert_not_released("nested_marked", &source("", body), "SECRETWORD");
}

#[test]
fn multi_word_country_names_resolve_whole() {
    for (mark, code) in [
        (
            "(S//REL TO USA, REPUBLIC OF CHINA)",
            "SECRET//REL TO USA, TWN",
        ),
        (
            "(S//REL TO USA, TAIWAN, PROVINCE OF CHINA)",
            "SECRET//REL TO USA, TWN",
        ),
        (
            "(S//REL TO USA, KOREA, REPUBLIC OF)",
            "SECRET//REL TO USA, KOR",
        ),
        (
            "(S//REL TO USA, DEMOCRATIC REPUBLIC OF CONGO)",
            "SECRET//REL TO USA, COD",
        ),
        ("(S//REL TO USA, GUINEA BISSAU)", "SECRET//REL TO USA, GNB"),
    ] {
        let o = cablemark(&["banner", mark]);
        assert_eq!(o.status.code(), Some(0), "{mark}");
        assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), code, "{mark}");
    }
    for mark in [
        "(S//REL TO USA, NORTHERN IRELAND)",
        "(S//REL TO USA, XXX)",
        "(S//REL TO USA, REPUBLIC)",
        "(S//NF.)",
    ] {
        let o = cablemark(&["banner", mark]);
        assert_eq!(o.status.code(), Some(1), "{mark}");
        assert!(o.stdout.is_empty(), "{mark}: printed a banner");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("error["),
            "{mark}"
        );
    }
    // A Taiwan-only portion never reaches China.
    let md = source(
        "",
        "- (S//REL TO USA, REPUBLIC OF CHINA) SECRETWORD for Taiwan.",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("s.md");
    std::fs::write(&src, &md).expect("write");
    let o = cablemark(&["release", src.to_str().expect("path"), "--to", "CHN"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("SECRETWORD"));
}

#[test]
fn header_fields_carry_no_marks_and_captions_agree_with_the_banner() {
    assert_refused(
        "refs",
        &source("refs: [\"(S//NF) SECRETWORD 09 STATE 1\"]\n", ""),
        "SECRETWORD",
        "P010",
    );
    assert_refused(
        "classified_by",
        &source("", "").replace(
            "classified_by: ISN DIRECTOR",
            "classified_by: ISN (S//NF) SECRETWORD",
        ),
        "SECRETWORD",
        "P010",
    );
    assert_refused(
        "attribute",
        &source("", "").replace("{.nonpaper}", "{.nonpaper begin=\"(S//NF) SECRETWORD:\"}"),
        "SECRETWORD",
        "P010",
    );
    // A NOFORN caption: nothing is releasable, and B007 says why.
    let md = source("captions: [NOFORN]\n", "- SECRETWORD point.");
    assert_refused("caption", &md, "SECRETWORD", "B007");
}

#[test]
fn a_forced_render_never_shows_a_lower_banner() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("s.md");
    // An unreadable mark names SECRET: the banner is at least SECRET//NOFORN.
    std::fs::write(&src, format!("{HEAD}---\n\n(U) Open.\n\n(S//NF.) Typo.\n")).expect("write");
    let out = dir.path().join("out");
    let o = cablemark(&[
        "render",
        src.to_str().expect("path"),
        "--force",
        "--format",
        "cable",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let cable = std::fs::read_to_string(out.join("s.cable.txt")).expect("cable");
    assert!(cable.contains("S E C R E T"), "{cable}");
    assert!(cable.contains("NOFORN"), "{cable}");
    // An imported CONFIDENTIAL cable whose paragraphs are unmarked.
    let cable_text = "C O N F I D E N T I A L STATE 000123\n\nE.O. 12958: DECL: 06/12/2019\nTAGS: PREL\nSUBJECT: UNMARKED SUBJECT\n\nClassified By: DIRECTOR. Reasons 1.4 (b) and (d).\n\n1. Unmarked paragraph one.\n\n2. Unmarked paragraph two.\n";
    let txt = dir.path().join("c.txt");
    std::fs::write(&txt, cable_text).expect("write");
    let md = dir.path().join("c.md");
    let o = cablemark(&[
        "import",
        txt.to_str().expect("path"),
        "--out",
        md.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let o = cablemark(&[
        "render",
        md.to_str().expect("path"),
        "--force",
        "--format",
        "cable",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let cable = std::fs::read_to_string(out.join("c.cable.txt")).expect("cable");
    assert!(cable.contains("C O N F I D E N T I A L"), "{cable}");
    assert!(!cable.contains("UNCLAS"), "{cable}");
}

#[test]
fn a_release_writes_full_lists_and_a_release_of_it_cannot_widen() {
    // `(S//REL)` stands for the banner's list (TWN); the released source
    // must say TWN in full, so a release of it to GBR takes nothing of it.
    let md = format!(
        "{HEAD}banner: SECRET//REL TO USA, TWN\n---\n\n(S//REL TO USA, GBR, TWN) Shared with both.\n\n(S//REL TO USA, TWN) Taiwan only.\n\n(S//REL) SECRETWORD for the banner's list only.\n"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("s.md");
    std::fs::write(&src, &md).expect("write");
    let rel = dir.path().join("twn.md");
    let o = cablemark(&[
        "release",
        src.to_str().expect("path"),
        "--to",
        "TWN",
        "--out",
        rel.to_str().expect("path"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let released = std::fs::read_to_string(&rel).expect("released");
    assert!(
        released.contains("(S//REL TO USA, TWN) SECRETWORD"),
        "{released}"
    );
    assert!(!released.contains("(S//REL) "), "{released}");
    let o = cablemark(&["release", rel.to_str().expect("path"), "--to", "GBR"]);
    assert!(
        !String::from_utf8_lossy(&o.stdout).contains("SECRETWORD"),
        "widened"
    );
}

#[test]
fn one_decision_refuses_a_release_everywhere() {
    // The sample's non-paper is for Taiwan only: for GBR, R002 refuses the
    // release in check, release and render alike, and nothing is written.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("gbr.md");
    let c = cablemark(&["check", "samples/state-061156.md", "--release-to", "GBR"]);
    let r = cablemark(&[
        "release",
        "samples/state-061156.md",
        "--to",
        "GBR",
        "--out",
        out.to_str().expect("path"),
    ]);
    let d = dir.path().join("render");
    let p = cablemark(&[
        "render",
        "samples/state-061156.md",
        "--release-to",
        "GBR",
        "--out",
        d.to_str().expect("path"),
    ]);
    assert_eq!(
        (c.status.code(), r.status.code(), p.status.code()),
        (Some(1), Some(1), Some(1))
    );
    assert!(!out.exists() && !d.exists());
    // Authority errors (A group) do not widen a release: --force passes them.
    let md = format!(
        "{}---\n\n(S//REL TO USA, TWN) For Taiwan.\n",
        HEAD.replace("classified_by: ISN DIRECTOR\n", "")
    );
    let src = dir.path().join("a.md");
    std::fs::write(&src, md).expect("write");
    let plain = cablemark(&["release", src.to_str().expect("path"), "--to", "TWN"]);
    let forced = cablemark(&[
        "release",
        src.to_str().expect("path"),
        "--to",
        "TWN",
        "--force",
    ]);
    assert_eq!(plain.status.code(), Some(1));
    assert_eq!(
        forced.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    assert!(String::from_utf8_lossy(&forced.stdout).contains("For Taiwan"));
}

#[cfg(unix)]
#[test]
fn a_planted_symlink_is_never_followed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "untouched").expect("write");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("dir");
    // The old temporary names, and the target itself, point at the victim.
    for name in [
        format!(".state-061156.cable.txt.{}.tmp", std::process::id()),
        "state-061156.cable.txt".to_string(),
    ] {
        std::os::unix::fs::symlink(&victim, out.join(name)).expect("symlink");
    }
    let o = cablemark(&[
        "render",
        "samples/state-061156.md",
        "--format",
        "cable",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "untouched"
    );
    let cable = out.join("state-061156.cable.txt");
    assert!(!std::fs::symlink_metadata(&cable)
        .expect("cable")
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&cable)
        .expect("cable")
        .contains("S E C R E T"));
}

#[test]
fn a_disguised_caption_still_forbids_release() {
    for caption in [
        "NOFОRN",       // a Cyrillic O
        "NOFRON",       // a typo
        "ＮＯＦＯＲＮ", // fullwidth
        "NO FOREIGN DISSEM",
        "NOFORN/ORCON",
        "NO\u{200B}FORN",
        "EXDIS",
        "NODIS",
    ] {
        let md = source(
            &format!("captions: [{}]\n", serde_json::json!(caption)),
            "- SECRETWORD point.",
        );
        let statuses = assert_not_released("caption", &md, "SECRETWORD");
        assert!(statuses.iter().all(|s| *s == 1), "{caption}: {statuses:?}");
    }
}

#[test]
fn a_line_break_that_is_not_a_line_feed_still_starts_a_line() {
    for (name, body) in [
        (
            "cr_code",
            "```\n(S//REL TO USA, TWN) code\r(S) SECRETWORD\n```",
        ),
        (
            "cr_heading",
            "### (S//REL TO USA, TWN) Head\r(S) SECRETWORD",
        ),
        (
            "cr_indented",
            "    (S//REL TO USA, TWN) code\r    (S) SECRETWORD",
        ),
        (
            "line_separator",
            "(S//REL TO USA, TWN) one\u{2028}(S) SECRETWORD",
        ),
        (
            "paragraph_separator",
            "(S//REL TO USA, TWN) one\u{2029}(S) SECRETWORD",
        ),
        (
            "code_span",
            "(S//REL TO USA, TWN) intro `x\n(S) SECRETWORD` end.",
        ),
        (
            "comment",
            "(S//REL TO USA, TWN) line one <!--\n-->(S) SECRETWORD",
        ),
        ("br", "(S//REL TO USA, TWN) line one<br>(S) SECRETWORD"),
    ] {
        let statuses = assert_not_released(name, &source("", body), "SECRETWORD");
        assert!(statuses.iter().all(|s| *s == 1), "{name}: {statuses:?}");
    }
    for (field, value) in [
        ("subject", "(S//REL TO USA, TWN) Test\r(S) SECRETWORD"),
        ("signature", "CLINTON\r(S) SECRETWORD"),
    ] {
        let md = source("", "").replace(
            "subject: (U) Test subject\n",
            &format!(
                "subject: (U) Test subject\n{field}: {}\n",
                serde_json::json!(value)
            ),
        );
        let md = if field == "subject" {
            md.replacen("subject: (U) Test subject\n", "", 1)
        } else {
            md
        };
        let statuses = assert_not_released(field, &md, "SECRETWORD");
        assert!(statuses.iter().all(|s| *s == 1), "{field}: {statuses:?}");
    }
}

#[test]
fn an_unmarked_subject_is_not_released_even_forced() {
    let md = source("", "").replace(
        "subject: (U) Test subject",
        "subject: SECRETWORD (S//REL TO USA, TWN) x",
    );
    let statuses = assert_not_released("subject", &md, "SECRETWORD");
    assert!(statuses.iter().all(|s| *s == 1), "{statuses:?}");
}

#[test]
fn thousands_of_marks_on_one_line_are_checked_in_time() {
    let md = source(
        "",
        &format!("(S//REL TO USA, TWN) x {}", "(S//NF) ".repeat(5000)),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("many.md");
    std::fs::write(&src, md).expect("write");
    let start = std::time::Instant::now();
    let o = cablemark(&["check", src.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("more P009 not shown"),
        "{}",
        &out[out.len().saturating_sub(400)..]
    );
    // Generous: a debug build on a loaded machine; the release build takes
    // a fraction of a second.
    assert!(start.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn marks_glued_with_other_separators_are_marks() {
    for glued in [
        "(SECRET-NOFORN)",
        "(S-NF)",
        "(SECRET.NOFORN)",
        "(S|NF)",
        "(S\\NF)",
        "(TS-SCI)",
        "(S╱╱NF)",
    ] {
        for body in [
            format!("(S//REL TO USA, TWN) Releasable one.\n{glued} SECRETWORD continuation."),
            format!("(S//REL TO USA, TWN) Mid-line {glued} SECRETWORD here."),
        ] {
            let statuses = assert_not_released("glued", &source("", &body), "SECRETWORD");
            assert!(statuses.iter().all(|s| *s == 1), "{body}: {statuses:?}");
        }
    }
}

#[test]
fn a_release_of_a_release_cannot_be_widened_by_the_writer() {
    // A fence inside a code block, an entity that decodes outside code and
    // a comment that would swallow the closing fence: the released source
    // must read back as released, or nothing is written.
    let body = "~~~\n(S//REL TO USA, TWN) Taiwan-only code\n```\n&Tab;(U) SECRETWORD\n<!--\n~~~";
    let md = source("", body);
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("f.md");
    std::fs::write(&src, &md).expect("write");
    let twn = dir.path().join("t.md");
    let o = cablemark(&[
        "release",
        src.to_str().expect("path"),
        "--to",
        "TWN",
        "--out",
        twn.to_str().expect("path"),
    ]);
    if o.status.code() == Some(0) {
        let o = cablemark(&["release", twn.to_str().expect("path"), "--to", "GBR"]);
        assert!(
            !String::from_utf8_lossy(&o.stdout).contains("SECRETWORD"),
            "widened for GBR"
        );
    }
}

#[test]
fn two_rel_lists_in_one_mark_are_unreadable_and_no_fix_widens_them() {
    for mark in [
        "(S//REL TO USA, TWN//REL TO USA, GBR)",
        "(S//REL TO USA, TWN//REL)",
    ] {
        let o = cablemark(&["banner", mark]);
        assert_eq!(o.status.code(), Some(1), "{mark}");
        let md = source("", &format!("{mark} SECRETWORD text."));
        let dir = tempfile::tempdir().expect("tempdir");
        let src = dir.path().join("d.md");
        std::fs::write(&src, &md).expect("write");
        cablemark(&["check", "--fix", src.to_str().expect("path")]);
        let fixed = std::fs::read_to_string(&src).expect("read");
        assert!(fixed.contains(mark), "a fix rewrote {mark}:\n{fixed}");
        for cc in ["TWN", "GBR"] {
            let o = cablemark(&["release", src.to_str().expect("path"), "--to", cc]);
            assert!(
                !String::from_utf8_lossy(&o.stdout).contains("SECRETWORD"),
                "{mark} to {cc}"
            );
        }
    }
    // A name that stands for two countries reads as neither.
    for mark in ["(S//REL TO USA, CONGO)", "(S//REL TO USA, KOREA)"] {
        assert_eq!(
            cablemark(&["banner", mark]).status.code(),
            Some(1),
            "{mark}"
        );
    }
}

#[test]
fn a_signature_goes_with_the_last_paragraph() {
    let cable = "P 122056Z JUN 09\nFM SECSTATE WASHDC\nTO AIT TAIPEI PRIORITY 0000\n\nS E C R E T STATE 061156\n\nE.O. 12958: DECL: 06/12/2034\nTAGS: PARM, TW\nSUBJECT: (S//REL TO USA, TWN) TEST SUBJECT\n\nClassified By: ISN/MTR DIRECTOR PAM DURHAM\nREASONS 1.4 (B), (C) AND (D).\n\n1. (S//REL TO USA, TWN) Releasable text one.\n\n2. (S//NF) The source is a colonel named as follows.\n\nSECRETWORD\n";
    let dir = tempfile::tempdir().expect("tempdir");
    let txt = dir.path().join("c.txt");
    std::fs::write(&txt, cable).expect("write");
    let md = dir.path().join("c.md");
    cablemark(&[
        "import",
        txt.to_str().expect("path"),
        "--out",
        md.to_str().expect("path"),
    ]);
    // Declare the banner the check asks for, as a drafter would.
    let text = std::fs::read_to_string(&md)
        .expect("read")
        .replace("banner: \"SECRET\"", "banner: \"SECRET//NOFORN\"");
    std::fs::write(&md, text).expect("write");
    let statuses = assert_not_released(
        "sig",
        &std::fs::read_to_string(&md).expect("read"),
        "SECRETWORD",
    );
    assert!(
        statuses.contains(&0),
        "the release should go ahead without the name: {statuses:?}"
    );
}

#[test]
fn a_link_keeps_its_address_and_a_mark_in_it_is_a_mark() {
    // Outputs print a link's address after its text, so a mark in the
    // address or the title is a mark inside the block (P009), counted as
    // the most restrictive.
    for link in [
        "[the brief](<(S//NF) liaison-address>)",
        "[the brief](http://x.example/a \"(S//NF) liaison-title\")",
    ] {
        let md = source("", &format!("- (S//REL TO USA, TWN) See {link} now."));
        assert_refused("link", &md, "liaison", "P009");
    }
    // A plain link reaches the release with its address.
    let md = source(
        "",
        "- (S//REL TO USA, TWN) See [the site](https://www.state.gov/x) now.",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("l.md");
    std::fs::write(&src, &md).expect("write");
    let out = dir.path().join("out");
    let o = cablemark(&[
        "render",
        src.to_str().expect("path"),
        "--release-to",
        "TWN",
        "--format",
        "cable,pdf,docx",
        "--out",
        out.to_str().expect("path"),
        "--force",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = all_output(&out, &[]);
    assert!(
        text.contains("the site <https://www.state.gov/x>"),
        "{text}"
    );
    let o = cablemark(&[
        "release",
        src.to_str().expect("path"),
        "--to",
        "TWN",
        "--force",
    ]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("[the site](<https://www.state.gov/x>)"));
}

/// The new constructs of the outputs carry nothing of a dropped portion:
/// a link (its address is printed, and is a PDF annotation and a Word
/// relationship), a table's cells (a ruled grid, a Word table, an aligned
/// cable table), an ordered list's items and their nested items.
#[test]
fn links_tables_and_lists_of_a_dropped_portion_reach_no_release() {
    let md = format!(
        "{HEAD}---\n\n(U) Opening paragraph.\n\n{}",
        concat!(
            "(S//NF) See [the brief](https://noforn-address.example/x) now.\n\n",
            "| (S//NF) Firm | NFCELL |\n|---|---|\n| a | NFROW |\n\n",
            "(S//REL TO USA, TWN) Steps:\n\n",
            "1. (S//REL TO USA, TWN) First.\n",
            "2. (S//NF) NFORDERED step.\n",
            "   - (S//NF) NFNESTED bullet.\n",
            "3. (S//REL TO USA, TWN) Third [site](https://ok.example/y).\n",
        ),
    );
    for secret in ["noforn-address", "NFCELL", "NFROW", "NFORDERED", "NFNESTED"] {
        let statuses = assert_not_released("constructs", &md, secret);
        // Nothing here is an error: the release drops and goes ahead.
        assert!(statuses.iter().all(|s| *s == 0), "{statuses:?}");
    }
    // What is releasable still arrives, link and all.
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("c.md");
    std::fs::write(&src, &md).expect("write");
    let out = dir.path().join("out");
    let o = cablemark(&[
        "render",
        src.to_str().expect("path"),
        "--release-to",
        "TWN",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = all_output(&out, &[]);
    assert!(
        text.contains("https://ok.example/y") && text.contains("Third"),
        "{text}"
    );
}

/// A reference-style link whose address is defined inside a dropped
/// portion (or a dropped section, or nowhere near it) would print that
/// address under the link's own mark: P014, and no release goes ahead.
#[test]
fn a_link_address_defined_in_a_dropped_block_reaches_no_release() {
    for (name, body) in [
        (
            "quote",
            "(S//REL TO USA, TWN) Ref use [z][r3] here.\n\n> (S//NF) quoted paragraph.\n>\n> [r3]: https://a.b/NFSECRETD \"NFTITLE\"\n",
        ),
        (
            "shortcut",
            "(S//REL TO USA, TWN) See [NFSECRETD] now.\n\n- (S//NF) item\n\n  [NFSECRETD]: https://a.b/x\n",
        ),
        (
            "end",
            "(S//REL TO USA, TWN) See [the brief][b].\n\n[b]: https://a.b/NFSECRETD\n",
        ),
    ] {
        let md = format!("{HEAD}---\n\n(U) Opening paragraph.\n\n{body}");
        assert_refused(name, &md, "NFSECRETD", "P014");
    }
}

/// Character references decode to what the source never shows: line
/// breaks that would forge paragraphs, escapes, overrides. P008 reports
/// each; no output prints them; no release goes ahead.
#[test]
fn character_references_to_hidden_characters_are_caught_and_never_printed() {
    let md = format!(
        "{HEAD}---\n\n(U) One.&#10;&#10;2. FORGED paragraph.\n\n(U) Escape &#27;[31m and &#x202E;txet and x&#x1E;y [w](<https://a.b/x&#10;7.&#32;FORGED>).\n"
    );
    assert_refused("entities", &md, "\n2. FORGED", "P008");
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("e.md");
    std::fs::write(&src, &md).expect("write");
    let out = dir.path().join("out");
    let o = cablemark(&[
        "render",
        src.to_str().expect("path"),
        "--force",
        "--format",
        "cable,docx",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = all_output(&out, &[]);
    for bad in ['\u{1B}', '\u{202E}', '\u{1E}'] {
        assert!(!text.contains(bad), "U+{:04X} printed", bad as u32);
    }
    assert!(
        !text.contains("\n2. FORGED") && !text.contains("\n7. FORGED"),
        "{text}"
    );
}

/// A label of any length before a mark hides nothing: the mark after
/// `1000000000.` or `AAAAAAAAA.` is a mark, and so are the sub-paragraph
/// labels the cable itself writes past Z.
#[test]
fn a_long_label_before_a_mark_hides_nothing() {
    for label in [
        "1000000000.",
        "0000000001.",
        "(1000000000)",
        "AAAAAAAAA.",
        "(ii)(iii)(iv)(v)",
    ] {
        let md = format!(
            "{HEAD}---\n\n(U) Opening paragraph.\n\n(S//REL TO USA, TWN) Public text\n{label} (S//NF) NFSECRETWORD text.\n"
        );
        assert_refused(label, &md, "NFSECRETWORD", "P009");
    }
}

/// An imported cable's header lines kept as written (`as_written:`) are
/// never carried into a release: text planted in them, marked or not,
/// reaches no TWN output (the released version writes its own header).
#[test]
fn header_lines_kept_as_written_reach_no_release() {
    let md = format!(
        "{}as_written:\n  header: \"NFSECRETHEADER (S//NF) planted\"\n  transmission: \"NFSECRETTRANS\"\n  dtg_line: \"P 122056Z JUN 09 NFSECRETDTG\"\n  routing: \"FM NFSECRETROUTING\"\n  classification: \"SECRET//NOFORN NFSECRETCLASS\"\n  end: \"NFSECRETEND\"\n---\n\n(S//REL TO USA, TWN) Shareable paragraph.\n",
        HEAD
    );
    for secret in [
        "NFSECRETHEADER",
        "NFSECRETTRANS",
        "NFSECRETDTG",
        "NFSECRETROUTING",
        "NFSECRETCLASS",
        "NFSECRETEND",
    ] {
        let statuses = assert_not_released("as_written", &md, secret);
        // Released and rendered, not refused: the lines were there to leak.
        assert!(statuses.contains(&0), "{statuses:?}");
    }
}

/// An attacker's pass on the import's leniencies (talking points to the
/// next number, a closing line, `Begin` without a colon, run-together
/// numbers, what stands above the classification line): every shape that
/// names a classification or a control however written stays out of
/// every TWN output.
#[test]
fn an_imported_cable_hands_no_disguised_control_to_a_release() {
    let head = "P 122056Z JUN 09\nFM SECSTATE WASHDC\nTO AIT TAIPEI PRIORITY 0000\n\nS E C R E T STATE 061156\n\nE.O. 12958: DECL: 06/12/2034\nTAGS: PARM PREL TW\n\nSUBJECT: (S) TALKING POINTS FOR TAIWAN\n\nClassified By: ISN/MTR DIRECTOR PAM DURHAM\nREASONS 1.4 (B), (C) AND (D).\n\n1. (U) This is an action request.\n\n";
    let points =
        "3. (S//REL TO USA, TWN) Begin talking points:\n\n-- We appreciate cooperation.\n\n";
    let tail = "\n\n4. (U) Washington POC is ISN/MTR.\nCLINTON\n";
    let mut cables: Vec<String> = [
        "S/NF NFWORD met the minister.",
        "S E C R E T NFWORD met the minister.",
        "T O P S E C R E T NFWORD",
        "Note: S//NF NFWORD",
        "NFWORD SECRET//NOFORN",
        "\"NOFORN\" NFWORD",
        "NOFORN-NFWORD",
        "ＮＯＦＯＲＮ NFWORD",
        "N\u{041E}FORN NFWORD",
        "• NOFORN NFWORD",
        "S/REL NFWORD",
        "NOT RELEASABLE TO TAIWAN NFWORD",
        "EYES ONLY NFWORD",
        "Sensitive but unclassified NFWORD",
        "-- SECRET//NOFORN: NFWORD",
        "-- NOFORN: NFWORD",
        "-- Third point.\nSECRET//NOFORN NFWORD glued line",
        "End talking points\nNOFORN NFWORD",
        "END POINTS\nSECRET//NOFORN NFWORD",
        "S E C R E T SECTION 02 OF 02 STATE 061156\n\nNFWORD after the section line.",
        // A second pass: spellings, separators, broken words, look-alikes.
        "NOT FOR FOREIGN DISSEMINATION NFWORD",
        "NO FOREIGN DISSEM NFWORD",
        "RELEASABLE TO USA, GBR NFWORD",
        "Releasable to USA and GBR only NFWORD",
        "USA/FVEY NFWORD",
        "NOT FOR TAIWAN NFWORD",
        "Not for release to TWN NFWORD",
        "U.S. only NFWORD",
        "USG ONLY NFWORD",
        "DO NOT RELEASE NFWORD",
        "N.O.F.O.R.N. NFWORD",
        "S.E.C.R.E.T. NFWORD",
        "N-O-F-O-R-N NFWORD",
        "N\u{A0}O\u{A0}F\u{A0}O\u{A0}R\u{A0}N NFWORD",
        "N\tO\tF\tO\tR\tN NFWORD",
        "NOF ORN NFWORD",
        "The source NOFO-\nRN NFWORD",
        "NÖFORN NFWORD",
        "N0F0RN NFWORD",
        "SI/TK NFWORD",
        "HCS NFWORD",
    ]
    .iter()
    .map(|line| format!("{head}{points}{line}{tail}"))
    .collect();
    // `Begin` opening no talking points, a wrapped line starting with a
    // later number and a mark, NOFORN stated above the classification line.
    cables.push(format!(
        "{head}2. (S//REL TO USA, TWN) Begin by stressing this point\n\nPost should not share NFWORD.\n\n-- NFWORD embassy eyes only{tail}"
    ));
    cables.push(format!(
        "{head}2. (S//NF) The source said the figures were in para\n9. (S//REL TO USA, TWN) of the other NFWORD cable.{tail}"
    ));
    // A NOFORN line wrapped inside the releasable paragraph itself.
    cables.push(format!(
        "{head}2. (S//REL TO USA, TWN) Releasable text here.\nSECRET//NOFORN NFWORD text.{tail}"
    ));
    // A REF continuation that is not references.
    cables.push(format!(
        "P 122056Z JUN 09\nFM SECSTATE WASHDC\nTO AIT TAIPEI PRIORITY 0000\n\nS E C R E T STATE 061156\n\nSUBJECT: (S) T\n\nREF: A. STATE 1 B. STATE 2\n(S) NFWORD CHEN WILL DEFECT 12, (C) STATE 148514\n\n1. (S//REL TO USA, TWN) Shared.{tail}"
    ));
    for above in [
        "Classification: SECRET//NOFORN",
        "SECRET//NOFORN//SIPDIS",
        "S//NF",
    ] {
        cables.push(format!(
            "{above}\n\nS E C R E T ATLANTIS 000001\n\nSIPDIS\n\nSUBJECT: (S) T\n\n1. (S//REL TO USA, TWN) NFWORD shared.\n"
        ));
    }
    cables.push(
        "S E C R E T ATLANTIS 000001\n\nN O F O R N\n\nSUBJECT: (S) T\n\n1. (S//REL TO USA, TWN) NFWORD shared.\n"
            .to_string(),
    );
    for (k, cable) in cables.iter().enumerate() {
        let md = cablemark::import::import(cable).markdown;
        assert_not_released(&format!("attack{k}"), &md, "NFWORD");
    }
    // Text above the classification line that names a higher level: the
    // cable is that level (its render is never under it).
    let md = cablemark::import::import(
        "TOP SECRET//NOFORN NFWORD codeword text\n\nC O N F I D E N T I A L ATLANTIS 000641\n\nSUBJECT: (C) T\n\n1. (C) Text.\n",
    )
    .markdown;
    assert!(md.contains("banner: \"TOP SECRET//NOFORN\""), "{md}");
    for line in ["TOP-SECRET STATE 061156", "T O P  S E C R E T STATE 061156"] {
        let md = cablemark::import::import(&format!(
            "P 122056Z JUN 09\nFM SECSTATE WASHDC\n\n{line}\n\nSUBJECT: (S) T\n\n1. (S) Text.\n"
        ))
        .markdown;
        assert!(md.contains("banner: \"TOP SECRET\""), "{line}: {md}");
    }
    // NOFORN on the classification line however written.
    for line in [
        "SECRET STATE 061156 NOT FOR FOREIGN DISSEMINATION",
        "SECRET STATE 061156 N.O.F.O.R.N.",
    ] {
        let md = cablemark::import::import(&format!(
            "P 122056Z JUN 09\nFM SECSTATE WASHDC\n\n{line}\n\nSUBJECT: (S) T\n\n1. (S//REL TO USA, TWN) NFWORD.\n"
        ))
        .markdown;
        assert_not_released("class-line", &md, "NFWORD");
    }
    // Header fields of a source name no control without brackets.
    let md = source("", "- (S//REL TO USA, TWN) Point.").replacen(
        "classified_by: ISN DIRECTOR",
        "classified_by: \"ISN DIRECTOR SECRET//NOFORN NFWORD\"",
        1,
    );
    assert_refused("field", &md, "NFWORD", "P010");
    // A hand-written section attribute naming a control is refused; a
    // bullet that is not a bullet is not printed.
    let md = source("", "- (S//REL TO USA, TWN) Point.")
        .replace("{.nonpaper}", "{.nonpaper end=\"End NOFORN NFWORD\"}");
    assert_refused("attr", &md, "NFWORD", "P010");
    let md = source("", "- Point.").replace("{.nonpaper}", "{.nonpaper bullet=\"-- NFWORD \"}");
    assert_not_released("bullet", &md, "NFWORD");
}

/// `(S//REL)` stands for the banner's list, which the subject narrows: a
/// heading in the short form went to GBR because the first roll-up left
/// the subject out (found by the property test on a clean clone).
#[test]
fn a_short_form_rel_never_widens_past_the_subjects_list() {
    let md = "---\ndtg: 122056Z JUN 09\norder: E.O. 12958\nclassified_by: ISN DIRECTOR\nreasons: [b]\ndeclassify_on: 2034-06-12\nsubject: \"(S//REL TO USA, TWN) Subject\"\n---\n\n# (S//REL) text GBRWORD here\n\n- plain GBRWORD words\n  - (C//REL TO USA, GBR, TWN) text shared here\n\n***\n";
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("s.md");
    std::fs::write(&src, md).expect("write");
    let o = cablemark(&["release", src.to_str().expect("path"), "--to", "GBR"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("GBRWORD"), "{out}");
    let o = cablemark(&["release", src.to_str().expect("path"), "--to", "TWN"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("# (S//REL TO USA, TWN) text GBRWORD"), "{out}");
}

/// A heading an imported cable writes in title case right above a
/// numbered paragraph is layout (P013, a warning): still unmarked, so no
/// release takes it, while the release of the rest goes ahead.
#[test]
fn a_title_case_heading_of_an_imported_cable_is_never_released() {
    let cable = "P 122056Z JUN 09\nFM SECSTATE WASHDC\nTO AIT TAIPEI PRIORITY 0000\n\nS E C R E T STATE 061156\n\nE.O. 12958: DECL: 06/12/2034\nTAGS: PARM, TW\nSUBJECT: (S//REL TO USA, TWN) TEST SUBJECT\n\nClassified By: ISN/MTR DIRECTOR PAM DURHAM\nREASONS 1.4 (B), (C) AND (D).\n\n1. (S//REL TO USA, TWN) Releasable text one.\n\nWorking The NFWORD Lebanon Connection\n\n2. (S//REL TO USA, TWN) Releasable text two.\nCLINTON\n";
    // Declare the banner the check asks for, as a drafter would.
    let md = cablemark::import::import(cable)
        .markdown
        .replace("banner: \"SECRET\"", "banner: \"SECRET//REL TO USA, TWN\"");
    let statuses = assert_not_released("title", &md, "NFWORD");
    assert!(statuses.contains(&0), "the rest is released: {statuses:?}");
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("t.md");
    std::fs::write(&src, &md).expect("write");
    let o = cablemark(&["check", "--format", "json", src.to_str().expect("path")]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("\"code\":\"P013\""), "{out}");
    assert!(!out.contains("\"code\":\"P001\""), "{out}");
}
