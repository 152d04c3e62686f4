//! Byte-identical outputs: every output × every built-in style × plain and
//! released × 1, 2 and 4 rayon threads, two processes each.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn render(out: &Path, style: &str, release: bool, threads: usize) -> BTreeMap<String, Vec<u8>> {
    let mut args = vec![
        "render".to_string(),
        "samples/state-061156.md".to_string(),
        "--style".to_string(),
        style.to_string(),
        "--out".to_string(),
        out.to_string_lossy().into_owned(),
    ];
    if release {
        args.extend(["--release-to".to_string(), "TWN".to_string()]);
    }
    let o = Command::new(env!("CARGO_BIN_EXE_cablemark"))
        .args(&args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RAYON_NUM_THREADS", threads.to_string())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read_dir(out)
        .expect("out")
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

#[test]
fn every_output_is_byte_identical_across_threads_and_processes() {
    for style in ["default", "register", "a4"] {
        for release in [false, true] {
            let mut first: Option<BTreeMap<String, Vec<u8>>> = None;
            for threads in [1, 2, 4] {
                for run in 0..2 {
                    let dir = tempfile::tempdir().expect("tempdir");
                    let files = render(dir.path(), style, release, threads);
                    // Every format, whole and non-paper.
                    assert_eq!(files.len(), 5, "{style} {release}: {:?}", files.keys());
                    match &first {
                        None => first = Some(files),
                        Some(f) => {
                            for (name, bytes) in f {
                                assert!(
                                    files.get(name) == Some(bytes),
                                    "{name} differs: style {style}, released {release}, {threads} threads, run {run}"
                                );
                            }
                            assert_eq!(f.len(), files.len());
                        }
                    }
                }
            }
        }
    }
}
