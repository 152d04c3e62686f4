//! Outputs all or none (DESIGN §1): a failed render leaves every earlier
//! output byte-identical and no temporary file, whether a target is a
//! directory, cannot be replaced, or is a planted symlink.

use std::collections::BTreeMap;
use std::path::Path;

mod common;
use common::cablemark;

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect()
}

fn no_temporaries(dir: &Path) {
    let names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with('.')),
        "temporary left: {names:?}"
    );
}

/// The sample with one word changed, so a second render would change
/// every output.
fn edited(dir: &Path) -> String {
    let edited = dir.join("state-061156.md");
    let sample = std::fs::read_to_string("samples/state-061156.md").expect("sample");
    std::fs::write(&edited, sample.replace("Washington POC", "Changed POC")).expect("write");
    edited.to_string_lossy().into_owned()
}

/// A target that cannot be replaced (immutable, `chattr +i`): the outputs
/// renamed in before it get their old files back. Skipped, with the
/// reason printed, where `chattr` cannot set the flag (not root, or a
/// file system without it).
#[test]
fn a_target_that_cannot_be_replaced_rolls_every_output_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let o = cablemark(&[
        "render",
        "samples/state-061156.md",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let before = snapshot(&out);
    // The last output written is the one that fails, so every other one
    // was already replaced and must be put back.
    let locked = out.join("state-061156.nonpaper.docx");
    let set = std::process::Command::new("chattr")
        .arg("+i")
        .arg(&locked)
        .status();
    if !set.is_ok_and(|s| s.success()) {
        eprintln!(
            "skipped: chattr +i is not available here (needs root and ext4-like file system)"
        );
        return;
    }
    let src = edited(dir.path());
    let o = cablemark(&["render", &src, "--out", out.to_str().expect("path")]);
    let _ = std::process::Command::new("chattr")
        .arg("-i")
        .arg(&locked)
        .status();
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("state-061156"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(snapshot(&out), before, "an earlier output changed");
    no_temporaries(&out);
}

#[test]
fn a_target_that_is_a_directory_refuses_the_whole_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let o = cablemark(&[
        "render",
        "samples/state-061156.md",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::remove_file(out.join("state-061156.pdf")).expect("rm");
    std::fs::create_dir(out.join("state-061156.pdf")).expect("mkdir");
    let before = snapshot(&out);
    let src = edited(dir.path());
    let o = cablemark(&["render", &src, "--out", out.to_str().expect("path")]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("state-061156.pdf") && err.contains("directory"),
        "{err}"
    );
    assert_eq!(snapshot(&out), before, "an earlier output changed");
    no_temporaries(&out);
}

/// A symlink planted at an output's name is replaced, never followed.
#[cfg(unix)]
#[test]
fn a_planted_symlink_is_replaced_not_followed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("dir");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "untouched").expect("write");
    for name in ["state-061156.pdf", "state-061156.docx"] {
        std::os::unix::fs::symlink(&victim, out.join(name)).expect("symlink");
    }
    let o = cablemark(&[
        "render",
        "samples/state-061156.md",
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
    for name in ["state-061156.pdf", "state-061156.docx"] {
        let meta = std::fs::symlink_metadata(out.join(name)).expect("output");
        assert!(meta.file_type().is_file(), "{name} is still a link");
    }
    no_temporaries(&out);
}
