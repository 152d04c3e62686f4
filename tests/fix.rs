//! `check --fix`: safe fixes mend legacy forms and REL TO order in place,
//! leave an unmarked paragraph alone, and never change what a release
//! takes; a property applies every fix (unsafe ones too, apart) to random
//! documents and checks no portion's effective mark drops and no country's
//! release gains a token.

use std::collections::BTreeSet;

use cablemark::check::{self, fix, Options};
use cablemark::{markdown, release, source};
use proptest::prelude::*;

mod common;
use common::cablemark;

const DRAFT: &str = "---\ndtg: 122056Z JUN 09\norder: E.O. 12958\nclassified_by: ISN DIRECTOR\nreasons: [b, d]\ndeclassify_on: 2034-06-12\nsubject: (S/NF) Draft subject\n---\n\n(S/NF) A legacy paragraph.\n\n(S//REL TO USA, TWN, GBR) Out of order.\n\nAn unmarked paragraph.\n\n## (SECRET REL TAIWAN) Points {.nonpaper}\n\n- We appreciate our cooperation.\n";

#[test]
fn fix_mends_forms_and_order_leaves_the_unmarked_paragraph_and_the_release() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("draft.md");
    std::fs::write(&path, DRAFT).expect("write");
    let p = path.to_str().expect("path");
    let before = release::filter(&source::parse("d.md", DRAFT.into()).expect("parses"), "TWN");
    // --diff writes nothing and shows the change.
    let o = cablemark(&["check", "--fix", "--diff", p]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("-(S/NF) A legacy paragraph.") && out.contains("+(S//NF) A legacy paragraph."),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), DRAFT);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the unmarked paragraph remains: {out}"
    );
    // --fix writes the fixed source.
    let o = cablemark(&["check", "--fix", p]);
    assert_eq!(o.status.code(), Some(1));
    let fixed = std::fs::read_to_string(&path).expect("read");
    for want in [
        "subject: (S//NF) Draft subject",
        "(S//NF) A legacy paragraph.",
        "(S//REL TO USA, GBR, TWN) Out of order.",
        "\nAn unmarked paragraph.\n",
        "## (S//REL TO USA, TWN) Points {.nonpaper}",
    ] {
        assert!(fixed.contains(want), "{want}\n{fixed}");
    }
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("P001") && !out.contains("M002") && !out.contains("M004"),
        "{out}"
    );
    let after = release::filter(&source::parse("d.md", fixed).expect("parses"), "TWN");
    assert_eq!(
        markdown::write_document(&after),
        markdown::write_document(&before)
    );
    // Nothing left to fix: the file stays as it is.
    let again = std::fs::read_to_string(&path).expect("read");
    cablemark(&["check", "--fix", p]);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), again);
}

const MARKS: &[&str] = &[
    "(U)",
    "(S/NF)",
    "(S//REL TO USA, TWN, GBR)",
    "(S//REL TO USA, TWN, TWN)",
    "(SECRET REL TAIWAN)",
    "(S/Rel China)",
    "(s)",
    "(C//REL TO TWN)",
    "(S//REL TO USA, REPUBLIC OF CHINA)",
    "(U//REL TO USA, GBR, AUS)",
    "(S//NF)",
    "(S//NF.)",
    "(SBU)",
    "(S//REL)",
    "(C)",
    "(S//REL TO USA, FVEY, GBR)",
];

fn arb_source() -> impl Strategy<Value = String> {
    let para = (
        prop::sample::select(MARKS),
        prop::option::weighted(0.3, prop::sample::select(MARKS)),
        any::<bool>(),
    );
    prop::collection::vec(para, 1..8).prop_map(|paras| {
        let mut md = String::from("---\ndtg: 122056Z JUN 09\norder: E.O. 12958\nclassified_by: X\nreasons: [b]\ndeclassify_on: 2034-06-12\nsubject: (S/NF) s\n---\n\n");
        for (i, (a, b, in_section)) in paras.iter().enumerate() {
            if *in_section {
                md.push_str(&format!("## {a} Head tok{i:03}hx\n\n- point tok{i:03}px\n\n***\n\n"));
            } else {
                md.push_str(&format!("{a} Para tok{i:03}ax"));
                if let Some(b) = b {
                    md.push_str(&format!("\n{b} second tok{i:03}bx"));
                }
                md.push_str("\n\n");
            }
        }
        md
    })
}

fn tokens(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.starts_with("tok") && w.ends_with('x'))
        .map(str::to_string)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// Safe fixes keep every portion's effective mark and every country's
    /// release as they were.
    #[test]
    fn safe_fixes_never_lower_a_mark_or_widen_a_release(md in arb_source()) {
        let before = source::parse("b.md", md.clone()).expect("parses");
        let fixed = fix::fix_source("b.md", &md, false, &Options::default());
        let after = source::parse("a.md", fixed.text.clone()).expect("fixed source parses");
        prop_assert_eq!(before.portions.len(), after.portions.len());
        for (p, q) in before.portions.iter().zip(&after.portions) {
            prop_assert_eq!(&p.effective, &q.effective, "{}\n---\n{}", md, fixed.text);
        }
        prop_assert_eq!(
            before.subject.as_ref().and_then(|s| s.effective.clone()),
            after.subject.as_ref().and_then(|s| s.effective.clone())
        );
        for country in ["TWN", "GBR", "CHN", "AUS"] {
            let b = tokens(&markdown::write_document(&release::filter(&before, country)));
            let a = tokens(&markdown::write_document(&release::filter(&after, country)));
            prop_assert_eq!(a, b, "{}\n---\n{}", country, fixed.text);
            // And the gate decides alike.
            let opts = Options { strict: false, release_to: Some(country.to_string()), ..Options::default() };
            let gb = release::gate(&check::check(&before, &opts), false).is_ok();
            let ga = release::gate(&check::check(&after, &opts), false).is_ok();
            prop_assert!(!gb || ga, "a fix made a release that went ahead refuse for {}", country);
        }
    }

    /// Unsafe fixes (a paragraph split at its second mark) never lower the
    /// banner: not its level, not its NOFORN.
    #[test]
    fn unsafe_fixes_never_lower_the_banner(md in arb_source()) {
        let fixed = fix::fix_source("b.md", &md, true, &Options::default());
        let after = source::parse("a.md", fixed.text.clone()).expect("fixed source parses");
        let before = source::parse("b.md", md.clone()).expect("parses");
        let (b, a) = (before.rollup().banner, after.rollup().banner);
        prop_assert!(a.level >= b.level, "{}\n---\n{}", md, fixed.text);
        prop_assert!(!b.noforn || a.noforn, "{}\n---\n{}", md, fixed.text);
    }
}
