//! Integration tests: the real binary on the samples and fixtures.

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::cablemark;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[derive(Debug, serde::Deserialize)]
struct JsonDiag {
    file: String,
    line: usize,
    column: usize,
    code: String,
    severity: String,
    message: String,
    help: String,
    rule: String,
}

fn json(o: &Output) -> Vec<JsonDiag> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn sample_checks_clean_with_banner_secret() {
    let o = cablemark(&["check", "samples/state-061156.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("samples/state-061156.md: banner SECRET ("),
        "{out}"
    );
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    // The State profile's note names the paragraphs without a release decision.
    assert!(out.contains("note[B005]"), "{out}");
    assert!(
        out.contains("paragraph 2, paragraph 3, paragraph 4 and paragraph 5"),
        "{out}"
    );
}

/// (fixture, extra args, expected line, column, exit status)
const FIXTURES: &[(&str, &[&str], usize, usize, i32)] = &[
    ("A001", &[], 1, 1, 1),
    ("A002", &[], 1, 1, 1),
    ("A003", &[], 1, 1, 1),
    ("A004", &[], 5, 14, 1),
    ("A005", &[], 6, 16, 1),
    ("A006", &[], 6, 16, 1),
    ("A007", &[], 6, 16, 1),
    ("A008", &[], 3, 8, 1),
    ("A009", &[], 6, 16, 0),
    ("A010", &[], 6, 16, 1),
    ("B001", &[], 8, 9, 1),
    ("B002", &[], 8, 9, 0),
    ("B003", &[], 8, 9, 1),
    ("B004", &[], 13, 1, 1),
    ("B005", &[], 12, 1, 0),
    ("B006", &[], 8, 9, 1),
    ("B007", &[], 8, 12, 1),
    ("C001", &[], 2, 6, 1),
    ("C002", &[], 8, 13, 1),
    ("C003", &[], 8, 8, 1),
    ("C004", &[], 7, 10, 1),
    ("C005", &[], 10, 16, 0),
    ("C006", &[], 14, 1, 0),
    ("C007", &[], 11, 8, 0),
    ("C008", &[], 1, 1, 1),
    ("C009", &[], 10, 33, 0),
    ("M001", &[], 10, 1, 1),
    ("M002", &[], 10, 1, 0),
    ("M003", &[], 10, 1, 1),
    ("M004", &[], 10, 1, 1),
    ("M005", &[], 10, 1, 1),
    ("M006", &[], 10, 1, 1),
    ("M007", &[], 10, 1, 1),
    ("M008", &[], 12, 1, 1),
    ("M009", &[], 10, 1, 1),
    ("M010", &[], 10, 1, 1),
    ("M011", &[], 10, 1, 1),
    ("P001", &[], 12, 1, 1),
    ("P002", &[], 15, 3, 1),
    ("P003", &[], 10, 5, 1),
    ("P004", &[], 12, 4, 1),
    ("P005", &["--strict"], 14, 1, 1),
    ("P006", &[], 10, 15, 1),
    ("P007", &[], 12, 1, 0),
    ("P008", &[], 10, 43, 1),
    ("P009", &[], 11, 1, 1),
    ("P010", &[], 8, 9, 1),
    ("P011", &[], 10, 1, 1),
    ("P012", &[], 5, 22, 0),
    ("P013", &[], 13, 1, 0),
    ("P014", &[], 10, 9, 1),
    ("R001", &["--release-to", "TWN"], 12, 1, 0),
    ("R002", &["--release-to", "TWN"], 12, 4, 1),
    ("R003", &["--release-to", "TAIWAN"], 10, 1, 1),
    ("R004", &["--release-to", "twn"], 10, 16, 0),
    ("R005", &["--release-to", "TWN"], 10, 34, 0),
    // Word documents (tests/fixtures/word/make.py writes them): a
    // location in the converted source, and the Word paragraph beside it.
    ("W001", &[], 1, 1, 1),
    ("W002", &[], 8, 1, 1),
    ("W003", &[], 8, 1, 0),
    ("W004", &[], 1, 1, 1),
    ("W005", &[], 1, 1, 0),
];

#[test]
fn every_rule_has_a_fixture_that_triggers_exactly_its_code() {
    for rule in cablemark::check::RULES {
        assert!(
            FIXTURES.iter().any(|f| f.0 == rule.code),
            "{} has no fixture",
            rule.code
        );
    }
    for (code, extra, line, column, status) in FIXTURES {
        let ext = if code.starts_with('W') { "docx" } else { "md" };
        let path = format!("tests/fixtures/check/{code}.{ext}");
        assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path).exists());
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(&path);
        let o = cablemark(&args);
        assert_eq!(
            o.status.code(),
            Some(*status),
            "{code}: {}{}",
            stdout(&o),
            stderr(&o)
        );
        let diags = json(&o);
        let hit = diags
            .iter()
            .find(|d| d.code == *code)
            .unwrap_or_else(|| panic!("{code} not reported: {}", stdout(&o)));
        assert_eq!((hit.line, hit.column), (*line, *column), "{code} position");
        assert_eq!(hit.file, path);
        let rule = cablemark::check::lookup(code).expect("registered");
        assert_eq!(hit.severity, rule.severity.as_str());
        assert_eq!(hit.rule, rule.citation);
        assert!(!hit.help.is_empty() && !hit.message.is_empty());
        assert!(
            !hit.message.ends_with('.'),
            "{code}: message ends with a period"
        );
        // Nothing else above a note, so each fixture shows its own rule.
        let others: Vec<&str> = diags
            .iter()
            .filter(|d| d.code != *code && d.severity != "note")
            .map(|d| d.code.as_str())
            .collect();
        assert!(others.is_empty(), "{code} also triggers {others:?}");
    }
}

#[test]
fn bad_samples_show_one_group_each() {
    for (file, group) in [
        ("marking", 'M'),
        ("portion", 'P'),
        ("banner", 'B'),
        ("authority", 'A'),
        ("cable", 'C'),
    ] {
        let o = cablemark(&[
            "check",
            "--format",
            "json",
            &format!("samples/bad/{file}.md"),
        ]);
        assert_eq!(o.status.code(), Some(1), "{file}");
        let diags = json(&o);
        assert!(
            diags
                .iter()
                .any(|d| d.code.starts_with(group) && d.severity == "error"),
            "{file}"
        );
        assert!(
            diags
                .iter()
                .all(|d| d.code.starts_with(group) || d.severity == "note"),
            "{file}: {:?}",
            diags.iter().map(|d| &d.code).collect::<Vec<_>>()
        );
    }
}

#[test]
fn human_format_is_rustc_like() {
    let o = cablemark(&["check", "tests/fixtures/check/P001.md"]);
    let out = stdout(&o);
    assert!(
        out.contains("error[P001]: paragraph 2 has no portion mark"),
        "{out}"
    );
    assert!(
        out.contains("--> tests/fixtures/check/P001.md:12:1"),
        "{out}"
    );
    assert!(out.contains("12 | This paragraph has no mark."), "{out}");
    assert!(out.contains("^^^"), "{out}");
    // A help never proposes a mark lower than the content may need: no
    // `(U)` by default for an unmarked paragraph.
    assert!(
        out.contains("help: start paragraph 2 with the mark its content requires"),
        "{out}"
    );
    assert!(!out.contains("e.g. `(U)"), "{out}");
    assert!(out.contains("rule: 32 CFR 2001.21(c)"), "{out}");
    assert!(!out.contains('\u{1b}'), "colour with NO_COLOR set");
    assert!(
        out.ends_with("banner UNCLASSIFIED (1 error, 0 warnings, 0 notes)\n"),
        "{out}"
    );
}

#[test]
fn sarif_lists_rules_and_results() {
    let o = cablemark(&[
        "check",
        "--format",
        "sarif",
        "tests/fixtures/check/M004.md",
        "samples/state-061156.md",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().map(Vec::len),
        Some(cablemark::check::RULES.len())
    );
    let results = run["results"].as_array().expect("results");
    let m004 = results
        .iter()
        .find(|r| r["ruleId"] == "M004")
        .expect("M004");
    assert_eq!(m004["level"], "error");
    assert_eq!(
        m004["locations"][0]["physicalLocation"]["region"]["startLine"],
        10
    );
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "B005" && r["level"] == "note"));
}

#[test]
fn several_files_and_stdin() {
    let o = cablemark(&[
        "check",
        "samples/state-061156.md",
        "tests/fixtures/check/M002.md",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let first = out.find("samples/state-061156.md: banner").expect("first");
    let second = out
        .find("tests/fixtures/check/M002.md: banner")
        .expect("second");
    assert!(first < second, "files print in argument order");

    let mut child = Command::new(env!("CARGO_BIN_EXE_cablemark"))
        .args(["check", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"(U) fine\n\nno mark\n")
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(1));
    let diags = json(&o);
    // The missing mark, and (a warning) the missing subject.
    assert!(diags
        .iter()
        .any(|d| d.code == "C008" && d.severity == "warning"));
    let diags: Vec<_> = diags.into_iter().filter(|d| d.code != "C008").collect();
    assert_eq!(diags.len(), 1);
    assert_eq!(
        (
            diags[0].file.as_str(),
            diags[0].code.as_str(),
            diags[0].line
        ),
        ("<stdin>", "P001", 3)
    );
}

#[test]
fn directories_are_searched_for_markdown() {
    let o = cablemark(&["check", "--format", "json", "tests/fixtures/check"]);
    assert_eq!(o.status.code(), Some(1));
    let files: std::collections::BTreeSet<String> = json(&o).into_iter().map(|d| d.file).collect();
    assert!(files.len() >= 35, "{files:?}");
}

#[test]
fn unreadable_inputs_exit_2_with_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.md");
    std::fs::write(&bad, b"(U) ok\n\xff\xfe not utf-8\n").expect("write");
    let yaml = dir.path().join("yaml.md");
    std::fs::write(&yaml, "---\ndtg: [unclosed\n---\n(U) x\n").expect("write");
    let key = dir.path().join("key.md");
    std::fs::write(&key, "---\nsubjct: (U) x\n---\n(U) x\n").expect("write");
    let open = dir.path().join("open.md");
    std::fs::write(&open, "---\nsubject: (U) x\n(U) x\n").expect("write");
    let alias = dir.path().join("alias.md");
    let mut bomb = String::from("---\nrefs: &a [x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12 {
        bomb.push_str(&format!(
            "k{i}: &a{i} [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        ));
    }
    bomb.push_str("---\n(U) x\n");
    std::fs::write(&alias, bomb).expect("write");
    let cases: [(&Path, &str); 6] = [
        (&bad, ":2:1: not valid UTF-8"),
        (&yaml, ":2:"),
        (
            &key,
            ":2:1: unknown front matter key `subjct`; did you mean `subject`?",
        ),
        (&open, "no closing `---`"),
        (&alias, "front matter"),
        (
            Path::new("no/such/file.md"),
            "no/such/file.md: cannot read: no such file",
        ),
    ];
    for (path, expected) in cases {
        let p = path.to_string_lossy();
        let o = cablemark(&["check", &p]);
        assert_eq!(o.status.code(), Some(2), "{p}: {}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(expected), "{p}: {err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn banner_command_rolls_up() {
    let cases: &[(&[&str], &str)] = &[
        (&["(S)", "(U)", "(S//REL TO USA, TWN)"], "SECRET"),
        (
            &["--profile", "capco", "(S//REL TO USA, FVEY)", "(C)"],
            "SECRET//NOFORN",
        ),
        (
            &["S//REL TO USA, FVEY", "C//REL TO USA, GBR, JPN"],
            "SECRET//REL TO USA, GBR",
        ),
        (&["(S/NF)", "(SECRET REL TAIWAN)"], "SECRET//NOFORN"),
        (&["(SBU)", "(U)"], "UNCLASSIFIED//SBU"),
        (
            &["(S//REL", "TO", "USA,", "TWN)", "(U)"],
            "SECRET//REL TO USA, TWN",
        ),
    ];
    for (args, expected) in cases {
        let mut a = vec!["banner"];
        a.extend_from_slice(args);
        let o = cablemark(&a);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), format!("{expected}\n"), "{args:?}");
    }
    let o = cablemark(&["banner", "(S)", "(SEKRET)"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("error[M001]"));
}

#[test]
fn explain_prints_rule_documentation() {
    let o = cablemark(&["explain", "p002"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("P002 portion-exceeds-section-mark (error)"));
    assert!(stdout(&o).contains("Fix:"));
    assert_eq!(cablemark(&["explain", "Z999"]).status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(cablemark(&["check"]).status.code(), Some(2));
    assert_eq!(cablemark(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        cablemark(&["check", "--release-to", "NARNIA", "samples/state-061156.md"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn imported_reference_reports_what_the_original_got_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let md = dir.path().join("ref.md");
    let o = cablemark(&[
        "import",
        "tests/golden/state-061156/reference.original.txt",
        "--out",
        md.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = cablemark(&["check", "--format", "json", md.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1));
    let diags = json(&o);
    let p001 = diags
        .iter()
        .find(|d| d.code == "P001")
        .expect("paragraph 1's missing mark");
    assert_eq!(p001.severity, "error");
    assert!(p001.message.starts_with("paragraph 1 "), "{}", p001.message);
    let c006 = diags
        .iter()
        .find(|d| d.code == "C006")
        .expect("the jump from 6 to 17");
    assert_eq!(c006.severity, "warning");
    assert!(c006.message.contains("from 6 to 17"), "{}", c006.message);
    assert!(diags
        .iter()
        .any(|d| d.code == "M002" && d.message.contains("(SECRET REL TAIWAN)")));
}

#[test]
fn import_writes_to_stdout_and_reads_stdin() {
    let o = cablemark(&["import", "tests/golden/state-061156/reference.original.txt"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("---\nprecedence: \"PRIORITY\"\n"));
    assert_eq!(
        cablemark(&["import", "no/such/cable.txt"]).status.code(),
        Some(2)
    );
}

/// Colour on a real terminal, and never with `NO_COLOR` set: the check is
/// run on a pseudo-terminal by util-linux's `script` (skipped, with the
/// reason printed, where it is not installed).
#[test]
fn colour_on_a_terminal_only_and_never_with_no_color() {
    let have_script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_script {
        eprintln!("skipped: `script` (util-linux) is not installed, no pseudo-terminal to test on");
        return;
    }
    let on_pty = |no_color: Option<&str>| -> String {
        let cmd = format!(
            "{} check tests/fixtures/check/P001.md",
            env!("CARGO_BIN_EXE_cablemark")
        );
        let mut c = std::process::Command::new("script");
        c.args(["-qec", &cmd, "/dev/null"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("NO_COLOR");
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        let o = c.output().expect("script runs");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let coloured = on_pty(None);
    assert!(
        coloured.contains("error[P001]") || coloured.contains("P001"),
        "{coloured}"
    );
    assert!(
        coloured.contains('\u{1b}'),
        "no colour on a terminal: {coloured:?}"
    );
    let plain = on_pty(Some("1"));
    assert!(plain.contains("error[P001]"), "{plain}");
    assert!(
        !plain.contains('\u{1b}'),
        "colour with NO_COLOR set: {plain:?}"
    );
    // Not a terminal: no colour even without NO_COLOR.
    let piped = std::process::Command::new(env!("CARGO_BIN_EXE_cablemark"))
        .args(["check", "tests/fixtures/check/P001.md"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&piped.stdout).contains('\u{1b}'));
}

/// Portion marks are asked of classified documents (32 CFR 2001.21(c)):
/// in a document declared UNCLASSIFIED an unmarked portion is not an error,
/// but no release takes it; with nothing declared it stays an error.
#[test]
fn a_declared_unclassified_document_is_not_asked_for_marks_but_releases_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let head = "---\ndtg: 122056Z JUN 09\nsubject: Routine notice\n";
    let declared = dir.path().join("u.md");
    std::fs::write(&declared, format!("{head}banner: UNCLASSIFIED\n---\n\nUnmarked notice text UNMARKEDWORD.\n\n(U) Marked text.\n")).expect("write");
    let o = cablemark(&[
        "check",
        "--format",
        "json",
        declared.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        !stdout(&o).contains("P001") && !stdout(&o).contains("C004"),
        "{}",
        stdout(&o)
    );
    let o = cablemark(&["release", declared.to_str().expect("path"), "--to", "TWN"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        !stdout(&o).contains("UNMARKEDWORD"),
        "an unmarked portion was released"
    );
    assert!(stdout(&o).contains("Marked text"));
    let undeclared = dir.path().join("n.md");
    std::fs::write(&undeclared, format!("{head}---\n\nUnmarked notice text.\n")).expect("write");
    let o = cablemark(&[
        "check",
        "--format",
        "json",
        undeclared.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("P001") && stdout(&o).contains("C004"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_legacy_form_is_said_once_per_file_with_its_count() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("l.md");
    let mut md = String::from("---\ndtg: 122056Z JUN 09\norder: E.O. 12958\nclassified_by: X\nreasons: [b]\ndeclassify_on: 2034-06-12\nsubject: (U) t\n---\n\n");
    for i in 0..5 {
        md.push_str(&format!("(S/NF) Paragraph {i}.\n\n"));
    }
    md.push_str("(SBU) Other form.\n");
    std::fs::write(&f, md).expect("write");
    let o = cablemark(&["check", "--format", "json", f.to_str().expect("path")]);
    let m002: Vec<JsonDiag> = json(&o).into_iter().filter(|d| d.code == "M002").collect();
    assert_eq!(m002.len(), 2, "{}", stdout(&o));
    assert!(
        m002[0]
            .message
            .contains("written 5 times (lines 10, 12, 14, 16, 18)"),
        "{}",
        m002[0].message
    );
    assert_eq!(m002[0].line, 10);
}

#[test]
fn rough_edges_a_new_user_meets() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A subject with a colon: the error says to quote it, with the line.
    let colon = dir.path().join("colon.md");
    std::fs::write(&colon, "---\nsubject: (C) Turkey: Demarche\n---\n\n(U) x\n").expect("write");
    let o = cablemark(&["check", colon.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(":2:")
            && stderr(&o).contains("write `subject: \"(C) Turkey: Demarche\"`"),
        "{}",
        stderr(&o)
    );
    // --format json prints one object for an unreadable input.
    let o = cablemark(&["check", "--format", "json", colon.to_str().expect("path")]);
    let line = stdout(&o);
    let v: serde_json::Value = serde_json::from_str(line.trim()).expect("one JSON object");
    assert_eq!(
        (v["code"].as_str(), v["line"].as_u64()),
        (Some("input"), Some(2))
    );
    // Reasons as drafters write them, 25X1-human on a 2009 cable.
    let ok = dir.path().join("ok.md");
    std::fs::write(&ok, "---\ndtg: 122056Z JUN 09\norder: E.O. 12958\nclassified_by: X\nreasons: \"1.4(b), (d)\"\ndeclassify_on: 25X1-human\nsubject: (C) s\n---\n\n(C) x\n").expect("write");
    let o = cablemark(&["check", "--format", "json", ok.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        !stdout(&o).contains("A004") && !stdout(&o).contains("A009"),
        "{}",
        stdout(&o)
    );
    // Several files: an overall total.
    let o = cablemark(&[
        "check",
        ok.to_str().expect("path"),
        "tests/fixtures/check/P001.md",
    ]);
    assert!(
        stdout(&o).ends_with("2 files checked: 1 clean, 1 with errors, 0 unreadable\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn messages_read_well() {
    let dir = tempfile::tempdir().expect("tempdir");
    let style = dir.path().join("mystyle.yaml");
    std::fs::write(&style, "name: x\npage:\n  size: letterx\n").expect("write");
    let o = cablemark(&[
        "render",
        "samples/state-061156.md",
        "--style",
        style.to_str().expect("path"),
        "--out",
        dir.path().to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("mystyle.yaml:3:9: unknown variant"),
        "{}",
        stderr(&o)
    );
    let o = cablemark(&[
        "check",
        "--format",
        "json",
        "--release-to",
        "TWN",
        "samples/state-061156.md",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("paragraph 2, marked (S), is not releasable to TWN"),
        "{out}"
    );
    assert!(!out.contains("((S"), "{out}");
    let f = dir.path().join("one.md");
    std::fs::write(&f, "---\ndtg: 122056Z JUN 09\norder: E.O. 12958\nclassified_by: X\nreasons: [b]\ndeclassify_on: 2034-06-12\nsubject: (S//REL TO USA, TWN) s\n---\n\n(S//REL TO USA, TWN) a.\n\n(S) b.\n").expect("write");
    let o = cablemark(&["check", "--format", "json", f.to_str().expect("path")]);
    assert!(
        stdout(&o).contains("paragraph 2 carries no release decision"),
        "{}",
        stdout(&o)
    );
    let o = cablemark(&["check", "--help"]);
    assert!(stdout(&o).contains("Sources to check"), "{}", stdout(&o));
}
