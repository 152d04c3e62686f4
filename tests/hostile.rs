//! Hostile input: nothing may crash, hang or exhaust the tool. Every case
//! runs the real binary under a watchdog and must end with exit 0, 1 or 2,
//! a message on a refusal, and no stray files.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use proptest::prelude::*;

const LIMIT: Duration = Duration::from_secs(60);

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary with a watchdog; a hang fails the test.
fn cablemark(args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cablemark"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("{args:?} still running after {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let out = child.wait_with_output().expect("output");
    let code = status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    assert!(
        (0..=2).contains(&code),
        "{args:?} ended with {code}: {stderr}"
    );
    Run {
        code,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    }
}

const FRONT: &str = "---\ndtg: 122056Z JUN 09\norder: E.O. 12958\nclassified_by: X\nreasons: [b]\ndeclassify_on: 2034-06-12\nsubject: (U) t\n---\n\n";

/// Checks and force-renders `bytes` as a file; every output or none.
fn survive(name: &str, bytes: &[u8]) -> (Run, Run) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).expect("write");
    let f = file.to_str().expect("utf-8 path");
    let checked = cablemark(&["check", "--format", "json", f]);
    let out = dir.path().join("out");
    let o = out.to_str().expect("utf-8 path");
    let rendered = cablemark(&["render", "--force", "--out", o, f]);
    assert_no_stray_files(&out);
    (checked, rendered)
}

fn assert_no_stray_files(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(!name.ends_with(".tmp"), "temporary file left: {name}");
            assert!(
                e.metadata().map(|m| m.len() > 0).unwrap_or(false),
                "empty output {name}"
            );
        }
    }
}

#[test]
fn nested_lists_thousands_deep() {
    let mut s = String::from(FRONT);
    for i in 0..3000 {
        s.push_str(&"  ".repeat(i));
        s.push_str("- (U) item\n");
    }
    let (c, r) = survive("nested.md", s.as_bytes());
    assert_eq!(c.code, 0, "{}", c.stdout);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut q = String::from(FRONT);
    q.push_str(&">".repeat(5000));
    q.push_str(" (U) deep quote\n");
    survive("quote.md", q.as_bytes());
}

#[test]
fn a_ten_megabyte_line() {
    let mut s = String::from(FRONT);
    s.push_str("(U) ");
    s.push_str(&"word ".repeat(2_000_000));
    let (c, r) = survive("long.md", s.as_bytes());
    assert_eq!(c.code, 0);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn twenty_thousand_headings() {
    let mut s = String::from(FRONT);
    for i in 0..20_000 {
        s.push_str(&format!("## (U) Heading {i}\n\n(U) text {i}\n\n"));
    }
    let (c, r) = survive("headings.md", s.as_bytes());
    assert_eq!(c.code, 0);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn huge_tables() {
    let mut s = String::from(FRONT);
    let cols = 300;
    s.push_str(&format!(
        "| (U) {} |\n",
        (0..cols)
            .map(|j| format!("c{j}"))
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    s.push_str(&format!("|{}\n", "---|".repeat(cols)));
    for i in 0..300 {
        s.push_str(&format!(
            "| {} |\n",
            (0..cols)
                .map(|j| format!("r{i}c{j}"))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
    }
    let (c, r) = survive("table.md", s.as_bytes());
    assert_eq!(c.code, 0);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn marks_hidden_in_html_are_reported() {
    let src = format!("{FRONT}(U) text <!-- (S) secret --> more\n\n<div>\n(S//NF) hidden\n</div>\n\n<!--\n(TS) comment\n-->\n");
    let (c, r) = survive("html.md", src.as_bytes());
    assert_eq!(c.code, 1);
    assert_eq!(
        c.stdout.matches("\"code\":\"P006\"").count(),
        3,
        "{}",
        c.stdout
    );
    assert_eq!(r.code, 0);
}

#[test]
fn bidirectional_overrides_and_control_characters_are_errors() {
    let src = format!(
        "{FRONT}(U) harmless \u{202E})S( text\n\n(U) nul \u{0} bell \u{7} escape \u{1b}[31m red\n"
    );
    let (c, _) = survive("hidden.md", src.as_bytes());
    assert_eq!(c.code, 1);
    assert_eq!(
        c.stdout.matches("\"code\":\"P008\"").count(),
        4,
        "{}",
        c.stdout
    );
    // The human report shows no raw escape to a terminal.
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("h.md");
    std::fs::write(&f, &src).expect("write");
    let human = cablemark(&["check", f.to_str().expect("path")]);
    assert!(!human.stdout.contains('\u{1b}'), "raw escape printed");
    assert!(!human.stdout.contains('\u{202E}'), "raw override printed");
}

#[test]
fn bom_and_crlf_read_like_the_plain_sample() {
    let sample = std::fs::read("samples/state-061156.md").expect("sample");
    let text = String::from_utf8(sample)
        .expect("utf-8")
        .replace('\n', "\r\n");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    let (c, r) = survive("bom.md", &bytes);
    assert_eq!(c.code, 0, "{}", c.stdout);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let human = {
        let dir = tempfile::tempdir().expect("tempdir");
        let f = dir.path().join("bom.md");
        std::fs::write(&f, &bytes).expect("write");
        cablemark(&["check", f.to_str().expect("path")])
    };
    assert!(human.stdout.contains("banner SECRET ("), "{}", human.stdout);
}

#[test]
fn yaml_bombs_and_wrong_types_are_refused_in_one_line() {
    let mut bomb = String::from("---\nto: &a [x, x, x, x, x, x, x, x, x, x]\n");
    bomb.push_str("info: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n");
    bomb.push_str("refs: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n");
    bomb.push_str("tags: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n(U) x\n");
    for (name, src) in [
        ("bomb.md", bomb),
        ("types.md", "---\nto: {a: 1}\n---\n(U) x\n".to_string()),
        (
            "nested-yaml.md",
            format!(
                "---\nto: {}x{}\n---\n(U) x\n",
                "[".repeat(5000),
                "]".repeat(5000)
            ),
        ),
        (
            "number.md",
            "---\nreasons: [[1, 2]]\n---\n(U) x\n".to_string(),
        ),
    ] {
        let (c, r) = survive(name, src.as_bytes());
        assert_eq!(c.code, 2, "{name}: {}", c.stderr);
        assert_eq!(c.stderr.lines().count(), 1, "{name}: {}", c.stderr);
        assert_eq!(r.code, 2, "{name}");
    }
}

#[test]
fn truncated_sample_at_every_length() {
    let sample = std::fs::read("samples/state-061156.md").expect("sample");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("cut.md");
    for cut in (0..sample.len()).step_by(211) {
        std::fs::write(&file, &sample[..cut]).expect("write");
        cablemark(&["check", "--format", "json", file.to_str().expect("path")]);
    }
}

#[test]
fn unwritable_output_directory_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, b"not a directory").expect("write");
    let out = blocker.join("out");
    let r = cablemark(&[
        "render",
        "samples/state-061156.md",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("cannot write"), "{}", r.stderr);
}

#[test]
fn refused_render_leaves_earlier_outputs_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let o = out.to_str().expect("path");
    let src = dir.path().join("doc.md");
    std::fs::copy("samples/state-061156.md", &src).expect("copy");
    let s = src.to_str().expect("path");
    assert_eq!(cablemark(&["render", s, "--out", o]).code, 0);
    let before: Vec<(String, Vec<u8>)> = std::fs::read_dir(&out)
        .expect("outputs")
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    assert_eq!(before.len(), 5);
    // Now the source has an error: the render is refused.
    let text = std::fs::read_to_string(&src)
        .expect("read")
        .replace("(U) This is an action", "This is an action");
    std::fs::write(&src, text).expect("write");
    let r = cablemark(&["render", s, "--out", o]);
    assert_eq!(r.code, 1);
    for (name, bytes) in &before {
        assert_eq!(
            &std::fs::read(out.join(name)).expect("still there"),
            bytes,
            "{name} changed"
        );
    }
    assert_eq!(
        std::fs::read_dir(&out).expect("dir").count(),
        5,
        "no new or temporary files"
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// Arbitrary bytes, and the sample with bytes flipped, through the library:
    /// parse, check, release and every renderer end without a panic.
    #[test]
    fn arbitrary_and_corrupted_sources_never_panic(
        noise in prop::collection::vec(any::<u8>(), 0..2000),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..40),
    ) {
        let mut sample = include_bytes!("../samples/state-061156.md").to_vec();
        for (i, b) in &flips {
            let at = i.index(sample.len());
            sample[at] = *b;
        }
        let style = cablemark::render::Style::load(None).expect("style");
        for bytes in [noise, sample] {
            if let Ok(doc) = cablemark::input::parse_bytes("x.md", bytes) {
                let diagnostics = cablemark::check::check(&doc, &cablemark::check::Options { strict: true, release_to: Some("TWN".into()), ..Default::default() });
                // Every finding is a registered rule with its citation.
                for d in &diagnostics {
                    let rule = cablemark::check::lookup(d.code);
                    prop_assert!(rule.is_some_and(|r| r.citation == d.rule), "{} unregistered", d.code);
                }
                let released = cablemark::release::filter(&doc, "TWN");
                let again = cablemark::markdown::write_document(&released);
                let reread = cablemark::source::parse("r.md", again);
                prop_assert!(reread.is_ok(), "a released source must read back");
                // The released document keeps no more portions than the source.
                prop_assert!(released.portions.len() <= doc.portions.len());
                for format in cablemark::render::Format::ALL {
                    let r = cablemark::render::renderer(format);
                    for part in [cablemark::render::Part::Whole, cablemark::render::Part::NonPaper] {
                        match r.render(&doc, part, &style) {
                            Ok(bytes) => prop_assert!(!bytes.is_empty()),
                            // Refusals are said with a reason, never a panic.
                            Err(e) => prop_assert!(!e.to_string().is_empty()),
                        }
                    }
                }
            }
        }
    }
}

/// More hidden characters than are reported one by one, each a
/// multi-byte one: the summary finding's span is a whole character (it
/// ended inside one, and the printer panicked).
#[test]
fn many_invisible_characters_are_summarised_without_a_panic() {
    let body: String = std::iter::repeat_n("\u{200B}\n", 25).collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("zw.md");
    std::fs::write(
        &src,
        format!("---\nsubject: (U) T\n---\n\n(U) text\n{body}"),
    )
    .expect("write");
    let o = cablemark(&["check", src.to_str().expect("path")]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stdout.contains("more hidden characters"));
}

/// A span that ends inside a character of a later line (the mark reader
/// works on the text, where a line break is a space): the human report
/// cuts its excerpt at whole characters (it panicked in annotate-snippets).
#[test]
fn a_span_ending_inside_a_character_is_reported_not_a_panic() {
    for body in [
        "   1.(S\n   😀--\n",
        "   1.(S\n   Ｓ--\n",
        "1.(S\n😀-- \n",
        "   1.(S\n   é-x\n",
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("d.md");
        std::fs::write(&file, body).expect("write");
        let f = file.to_str().expect("utf-8 path");
        let checked = cablemark(&["check", f]);
        assert_eq!(checked.code, 1, "{body:?}: {}", checked.stderr);
        assert!(checked.stdout.contains("error[M001]"), "{}", checked.stdout);
        let out = dir.path().join("out");
        let released = cablemark(&[
            "release",
            f,
            "--to",
            "TWN",
            "--out",
            out.to_str().expect("path"),
        ]);
        assert!(
            matches!(released.code, 1 | 2),
            "{body:?}: {}",
            released.stderr
        );
    }
}
