//! The exit-code contract (DESIGN §1), as one table: every subcommand ×
//! clean input, findings, unreadable input, a bad option value, standard
//! input, several files, a closed pipe. 0 clean, 1 findings or a refused
//! release, 2 unreadable input or bad usage.
//!
//! Where DESIGN §1 is silent, the choices made (and documented in the
//! README):
//! * `import` has no findings: a cable with bad marks imports (exit 0) and
//!   `check` reports them; invalid UTF-8 in a cable is a warning (the bytes
//!   replaced), not a refusal;
//! * several files: the worst status wins, 2 over 1;
//! * a closed pipe on standard output ends the command with its status as
//!   if the reader had read everything (0 for a clean run), never a panic.

use std::io::Write;
use std::process::{Command, Stdio};

mod common;

const SAMPLE: &str = "samples/state-061156.md";
const FINDINGS: &str = "tests/fixtures/check/P001.md";

struct Case {
    name: &'static str,
    args: Vec<String>,
    stdin: Option<&'static [u8]>,
    want: i32,
}

fn run(case: &Case) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cablemark"))
        .args(&case.args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(if case.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let (Some(bytes), Some(mut stdin)) = (case.stdin, child.stdin.take()) {
        stdin.write_all(bytes).expect("stdin");
    }
    let o = child.wait_with_output().expect("waits");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

#[test]
fn every_subcommand_gives_the_designed_exit_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    std::fs::write(p("utf8.md"), b"(U) ok\n\xff\xfe not utf-8\n").expect("write");
    std::fs::write(p("yaml.md"), "---\ndtg: [unclosed\n---\n(U) x\n").expect("write");
    let sample = std::fs::read(SAMPLE).expect("sample");
    let sample: &'static [u8] = Box::leak(sample.into_boxed_slice());
    let out = p("out");
    let cable_txt = "tests/fixtures/import/08STATE1400.txt";
    let mut cases = vec![];
    let mut add = |name: &'static str, a: Vec<String>, stdin: Option<&'static [u8]>, want: i32| {
        cases.push(Case {
            name,
            args: a,
            stdin,
            want,
        })
    };
    // check
    add("check clean", args(&["check", SAMPLE]), None, 0);
    add("check findings", args(&["check", FINDINGS]), None, 1);
    add("check missing", args(&["check", "no/such.md"]), None, 2);
    add("check utf-8", args(&["check", &p("utf8.md")]), None, 2);
    add("check yaml", args(&["check", &p("yaml.md")]), None, 2);
    add(
        "check bad format",
        args(&["check", "--format", "xml", SAMPLE]),
        None,
        2,
    );
    add(
        "check bad country",
        args(&["check", "--release-to", "NARNIA", SAMPLE]),
        None,
        2,
    );
    add("check stdin", args(&["check", "-"]), Some(sample), 0);
    add(
        "check 1 and 2",
        args(&["check", FINDINGS, "no/such.md"]),
        None,
        2,
    );
    add("check 0 and 1", args(&["check", SAMPLE, FINDINGS]), None, 1);
    add(
        "check refused release",
        args(&["check", SAMPLE, "--release-to", "GBR"]),
        None,
        1,
    );
    add("check no file", args(&["check"]), None, 2);
    // render
    add(
        "render clean",
        args(&["render", SAMPLE, "--out", &out]),
        None,
        0,
    );
    add(
        "render findings",
        args(&["render", FINDINGS, "--out", &out]),
        None,
        1,
    );
    add(
        "render forced",
        args(&["render", FINDINGS, "--force", "--out", &out]),
        None,
        0,
    );
    add(
        "render missing",
        args(&["render", "no/such.md", "--out", &out]),
        None,
        2,
    );
    add(
        "render utf-8",
        args(&["render", &p("utf8.md"), "--out", &out]),
        None,
        2,
    );
    add(
        "render yaml",
        args(&["render", &p("yaml.md"), "--out", &out]),
        None,
        2,
    );
    add(
        "render bad format",
        args(&["render", SAMPLE, "--format", "odt", "--out", &out]),
        None,
        2,
    );
    add(
        "render bad style",
        args(&["render", SAMPLE, "--style", "no-such-style", "--out", &out]),
        None,
        2,
    );
    add(
        "render bad country",
        args(&["render", SAMPLE, "--release-to", "NARNIA", "--out", &out]),
        None,
        2,
    );
    add(
        "render stdin",
        args(&["render", "-", "--out", &out]),
        Some(sample),
        0,
    );
    add(
        "render refused release",
        args(&["render", SAMPLE, "--release-to", "GBR", "--out", &out]),
        None,
        1,
    );
    add(
        "render refused forced release",
        args(&[
            "render",
            SAMPLE,
            "--release-to",
            "GBR",
            "--force",
            "--out",
            &out,
        ]),
        None,
        1,
    );
    // release
    add(
        "release clean",
        args(&["release", SAMPLE, "--to", "TWN"]),
        None,
        0,
    );
    add(
        "release findings",
        args(&["release", FINDINGS, "--to", "TWN"]),
        None,
        1,
    );
    add(
        "release missing",
        args(&["release", "no/such.md", "--to", "TWN"]),
        None,
        2,
    );
    add(
        "release utf-8",
        args(&["release", &p("utf8.md"), "--to", "TWN"]),
        None,
        2,
    );
    add(
        "release yaml",
        args(&["release", &p("yaml.md"), "--to", "TWN"]),
        None,
        2,
    );
    add(
        "release bad country",
        args(&["release", SAMPLE, "--to", "NARNIA"]),
        None,
        2,
    );
    add(
        "release bad report",
        args(&["release", SAMPLE, "--to", "TWN", "--report", "xml"]),
        None,
        2,
    );
    add(
        "release stdin",
        args(&["release", "-", "--to", "TWN"]),
        Some(sample),
        0,
    );
    add("release no country", args(&["release", SAMPLE]), None, 2);
    // banner
    add("banner clean", args(&["banner", "(S)", "(U)"]), None, 0);
    add(
        "banner unreadable",
        args(&["banner", "(S)", "(SEKRET)"]),
        None,
        1,
    );
    add(
        "banner unknown code",
        args(&["banner", "(S//REL TO USA, XXX)"]),
        None,
        1,
    );
    add(
        "banner bad profile",
        args(&["banner", "--profile", "nato", "(S)"]),
        None,
        2,
    );
    add("banner no mark", args(&["banner"]), None, 2);
    // import
    add("import clean", args(&["import", cable_txt]), None, 0);
    add("import missing", args(&["import", "no/such.txt"]), None, 2);
    add(
        "import stdin",
        args(&["import", "-"]),
        Some(b"UNCLAS STATE 000001\n\nSUBJECT: TEST\n\n1. (U) Text.\n"),
        0,
    );
    add(
        "import utf-8 warns",
        args(&["import", &p("utf8.md")]),
        None,
        0,
    );
    // explain
    add("explain clean", args(&["explain", "P009"]), None, 0);
    add("explain unknown code", args(&["explain", "Z999"]), None, 2);
    add("explain no code", args(&["explain"]), None, 2);
    // usage
    add("unknown subcommand", args(&["frobnicate"]), None, 2);

    let mut failures = Vec::new();
    for case in &cases {
        let (code, _, err) = run(case);
        if code != case.want {
            failures.push(format!(
                "{}: exit {code}, want {}: {err}",
                case.name, case.want
            ));
        }
        if err.contains("panicked") {
            failures.push(format!("{}: panicked: {err}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // The reader goes away at once (`| true`): the command ends with exit
    // 0 and no panic, whatever it had left to write.
    let dir = tempfile::tempdir().expect("tempdir");
    let err_path = dir.path().join("err.txt");
    for cmd in [
        format!("{} explain P009", env!("CARGO_BIN_EXE_cablemark")),
        format!(
            "{} check {SAMPLE} --format json",
            env!("CARGO_BIN_EXE_cablemark")
        ),
        format!(
            "{} release {SAMPLE} --to TWN",
            env!("CARGO_BIN_EXE_cablemark")
        ),
        format!(
            "{} import tests/fixtures/import/06CARACAS219.txt",
            env!("CARGO_BIN_EXE_cablemark")
        ),
    ] {
        let o = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "{cmd} 2>{} | true; echo ${{PIPESTATUS[0]}}",
                err_path.display()
            ))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("bash");
        let status = String::from_utf8_lossy(&o.stdout).trim().to_string();
        let err = std::fs::read_to_string(&err_path).unwrap_or_default();
        assert_eq!(status, "0", "{cmd}: {err}");
        assert!(!err.contains("panicked"), "{cmd}: {err}");
    }
}
