//! `import` of an archive: many cables, or directories of them, into a
//! directory, each the same source a single import gives; nothing written
//! over another or half-written.

mod common;

use std::path::Path;

use common::cablemark;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_directory_of_cables_becomes_a_directory_of_sources() {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("sources");
    let o = cablemark(&["import", FIXTURES, "--out", dir.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Directories are searched all the way down (`more/`).
    let mut cables = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(FIXTURES)];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("fixtures").flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e == "txt") {
                cables.push(p);
            }
        }
    }
    assert!(cables.len() >= 150);
    assert!(stderr(&o).contains(&format!("imported {} cables into", cables.len())));
    for cable in &cables {
        let stem = cable.file_stem().expect("stem").to_string_lossy();
        let written = std::fs::read_to_string(dir.join(format!("{stem}.md")))
            .unwrap_or_else(|e| panic!("{stem}.md: {e}"));
        let single = cablemark(&["import", cable.to_str().expect("path")]);
        assert_eq!(written.as_bytes(), single.stdout, "{stem}");
    }
    // Only sources are there: no temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".md") && !n.starts_with('.')),
        "{names:?}"
    );
    // The sources check as a directory.
    let o = cablemark(&["check", dir.to_str().expect("path")]);
    assert!(String::from_utf8_lossy(&o.stdout).contains(&format!("{} files checked", cables.len())));
}

#[test]
fn several_cables_need_a_directory_and_never_overwrite_each_other() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let a = Path::new(FIXTURES).join("08STATE1400.txt");
    let b = Path::new(FIXTURES).join("10STATE284.txt");
    let (a, b) = (a.to_str().expect("path"), b.to_str().expect("path"));
    // No --out: refused, in one line.
    let o = cablemark(&["import", a, b]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("needs --out DIR"), "{}", stderr(&o));
    // Standard input only alone.
    let out = tmp.path().join("o");
    let o = cablemark(&["import", a, "-", "--out", out.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(2));
    // Two inputs of one name: refused before anything is written.
    let other = tmp.path().join("other");
    std::fs::create_dir_all(&other).expect("dir");
    std::fs::copy(b, other.join("08STATE1400.txt")).expect("copy");
    let dup = other.join("08STATE1400.txt");
    let o = cablemark(&[
        "import",
        a,
        dup.to_str().expect("path"),
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("would both be imported as"),
        "{}",
        stderr(&o)
    );
    assert!(!out.join("08STATE1400.md").exists());
    // One unreadable cable: said, the others written, exit 2.
    let missing = tmp.path().join("gone.txt");
    let o = cablemark(&[
        "import",
        a,
        missing.to_str().expect("path"),
        b,
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("gone.txt: cannot read") && err.contains("1 cable not read"),
        "{err}"
    );
    assert!(out.join("08STATE1400.md").exists() && out.join("10STATE284.md").exists());
    // A planted link at a source's name is replaced, never followed.
    #[cfg(unix)]
    {
        let victim = tmp.path().join("victim.txt");
        std::fs::write(&victim, "keep").expect("write");
        std::fs::remove_file(out.join("10STATE284.md")).expect("rm");
        std::os::unix::fs::symlink(&victim, out.join("10STATE284.md")).expect("symlink");
        let o = cablemark(&["import", a, b, "--out", out.to_str().expect("path")]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep");
        assert!(!std::fs::symlink_metadata(out.join("10STATE284.md"))
            .expect("meta")
            .file_type()
            .is_symlink());
    }
}
