//! The release invariant: no text of a portion that is not releasable to
//! X appears in any output made for X, and every releasable portion does.

use std::collections::BTreeSet;

use cablemark::render::{self, Format, Part, Style};
use cablemark::{markdown, release, source};
use proptest::prelude::*;

mod common;

const MARKS: &[&str] = &[
    "(U)",
    "(C)",
    "(S)",
    "(TS)",
    "(S//NF)",
    "(S/NF)",
    "(S//REL TO USA, GBR)",
    "(S//REL TO USA, FVEY)",
    "(C//REL TO USA, GBR, TWN)",
    "(SECRET REL TAIWAN)",
    "(S//REL TO USA, NATO)",
    "(U//SBU)",
    "(U//FOUO)",
    "(U//SBU-NF)",
    "(S//RELIDO)",
    "(S//REL TO USA, AUS/RELIDO)",
    "(U//REL TO USA, TWN)",
];

/// The renderers whose text the property reads back: all of them.
const RENDERED: &[Format] = &[Format::Cable, Format::Pdf, Format::Docx];

/// The words an output shows.
fn output_text(format: Format, bytes: &[u8]) -> String {
    match format {
        Format::Cable => String::from_utf8_lossy(bytes).into_owned(),
        Format::Pdf => common::pdf_text(bytes),
        Format::Docx => common::docx_text(bytes),
    }
}

const COUNTRIES: &[&str] = &["TWN", "GBR", "AUS", "CHN", "NZL", "FRA"];

/// Independent oracle of design §3.3, written from the mark text.
fn releasable(mark: Option<&str>, country: &str) -> bool {
    let Some(mark) = mark else { return false };
    match mark {
        "(U)" => true,
        "(S//REL TO USA, GBR)" => country == "GBR",
        "(S//REL TO USA, FVEY)" => ["AUS", "CAN", "GBR", "NZL"].contains(&country),
        "(C//REL TO USA, GBR, TWN)" => ["GBR", "TWN"].contains(&country),
        "(SECRET REL TAIWAN)" | "(U//REL TO USA, TWN)" => country == "TWN",
        "(S//REL TO USA, AUS/RELIDO)" => country == "AUS",
        _ => false,
    }
}

#[derive(Debug, Clone)]
enum Block {
    Para(Option<&'static str>),
    Section {
        heading: &'static str,
        nonpaper: bool,
        items: Vec<Option<&'static str>>,
    },
}

fn arb_mark() -> impl Strategy<Value = &'static str> {
    prop::sample::select(MARKS)
}

fn arb_block() -> impl Strategy<Value = Block> {
    prop_oneof![
        prop::option::weighted(0.9, arb_mark()).prop_map(Block::Para),
        (
            arb_mark(),
            any::<bool>(),
            prop::collection::vec(prop::option::weighted(0.6, arb_mark()), 0..5)
        )
            .prop_map(|(heading, nonpaper, items)| Block::Section {
                heading,
                nonpaper,
                items
            }),
    ]
}

/// The source, and per token its effective mark (section items carry
/// `~<heading mark>` after the token).
type Tokens = Vec<(String, Option<&'static str>)>;

/// A section's tokens (heading first), and whether it is a non-paper.
type Sections = Vec<(bool, Vec<String>)>;

fn build(subject: &'static str, blocks: &[Block]) -> (String, Tokens, Sections) {
    let mut tokens = Vec::new();
    let mut sections: Sections = Vec::new();
    let mut n = 0;
    let mut next = |tokens: &mut Vec<(String, Option<&'static str>)>, mark| {
        n += 1;
        let t = format!("tok{n:04}x");
        tokens.push((t.clone(), mark));
        t
    };
    let subject_token = next(&mut tokens, Some(subject));
    let mut md = format!(
        "---\ndtg: 122056Z JUN 09\norder: E.O. 12958\nclassified_by: DIRECTOR\nreasons: [b]\ndeclassify_on: 2034-06-12\nsubject: {subject} Subject {subject_token}\n---\n\n"
    );
    for b in blocks {
        match b {
            Block::Para(mark) => {
                let t = next(&mut tokens, *mark);
                md.push_str(&format!("{} Paragraph {t} text.\n\n", mark.unwrap_or("")));
            }
            Block::Section {
                heading,
                nonpaper,
                items,
            } => {
                let t = next(&mut tokens, Some(heading));
                sections.push((*nonpaper, vec![t.clone()]));
                let class = if *nonpaper { " {.nonpaper}" } else { "" };
                md.push_str(&format!("## {heading} Heading {t}{class}\n\n"));
                for item in items {
                    // An unmarked item inherits the heading's mark; a marked
                    // one is releasable only if the heading is too.
                    let effective = match item {
                        None => Some(*heading),
                        Some(m) => Some(*m),
                    };
                    let t = next(&mut tokens, effective);
                    if let Some(last) = sections.last_mut() {
                        last.1.push(t.clone());
                    }
                    let own = item.map(|m| format!("{m} ")).unwrap_or_default();
                    md.push_str(&format!("- {own}Point {t}\n"));
                    // Remember the heading: its section goes whole when the
                    // heading is not releasable.
                    if let Some(last) = tokens.last_mut() {
                        last.0.push_str(&format!("~{heading}"));
                    }
                }
                md.push_str("\n***\n\n");
            }
        }
    }
    (md, tokens, sections)
}

/// What the non-paper output holds: the first non-paper section whose
/// heading is released, its releasable talking points (the page is titled
/// NON-PAPER, not by the heading).
fn nonpaper_expected(sections: &Sections, want: &BTreeSet<String>) -> Option<BTreeSet<String>> {
    sections
        .iter()
        .find(|(nonpaper, toks)| *nonpaper && toks.first().is_some_and(|h| want.contains(h)))
        .map(|(_, toks)| {
            toks[1..]
                .iter()
                .filter(|t| want.contains(*t))
                .cloned()
                .collect()
        })
}

/// The tokens in an output (the cable upper-cases its subject).
fn words(text: &str) -> BTreeSet<String> {
    text.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.starts_with("tok") && w.ends_with('x') && w.len() == 8)
        .map(str::to_string)
        .collect()
}

/// Tokens expected for a country: releasable mark, and for section items
/// a releasable heading too.
fn expected(tokens: &[(String, Option<&'static str>)], country: &str) -> BTreeSet<String> {
    tokens
        .iter()
        .filter(|(t, mark)| {
            let heading = t.split_once('~').map(|(_, h)| h);
            releasable(*mark, country) && heading.is_none_or(|h| releasable(Some(h), country))
        })
        .map(|(t, _)| t.split('~').next().unwrap_or(t).to_string())
        .collect()
}

proptest! {
    // Failures are kept in tests/release.proptest-regressions and replayed
    // first on every run.
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn released_outputs_hold_exactly_the_releasable_portions(
        subject in arb_mark(),
        blocks in prop::collection::vec(arb_block(), 1..8),
    ) {
        let (md, tokens, sections) = build(subject, &blocks);
        let doc = source::parse("gen.md", md.clone()).expect("generated source parses");
        let style = Style::load(None).expect("style");
        for country in COUNTRIES {
            let want = expected(&tokens, country);
            let released = release::filter(&doc, country);
            let md_out = markdown::write_document(&released);
            prop_assert_eq!(&words(&md_out), &want, "released Markdown for {}\n{}", country, md);
            // The released source reads back to the same portions.
            let again = source::parse("rel.md", md_out.clone()).expect("released source parses");
            let again_md = markdown::write_document(&again);
            prop_assert_eq!(words(&again_md), want.clone());
            for &format in RENDERED {
                let r = render::renderer(format);
                let bytes = r.render(&released, Part::Whole, &style).expect("renders");
                let text = output_text(format, &bytes);
                prop_assert_eq!(&words(&text), &want, "{:?} for {}\n{}", format, country, md);
                // The non-paper output holds exactly the released non-paper.
                let np_want = nonpaper_expected(&sections, &want);
                prop_assert_eq!(released.nonpaper().is_some(), np_want.is_some());
                if let (true, Some(np_want)) = (format != Format::Cable, &np_want) {
                    let bytes = r.render(&released, Part::NonPaper, &style).expect("renders");
                    let got = words(&output_text(format, &bytes));
                    prop_assert_eq!(&got, np_want, "{:?} non-paper for {}\n{}", format, country, md);
                }
            }
        }
    }
}

use common::cablemark;

#[test]
fn sample_released_to_taiwan_keeps_the_talking_points() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("twn.md");
    let o = cablemark(&[
        "release",
        "samples/state-061156.md",
        "--to",
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
    let md = std::fs::read_to_string(&out).expect("written");
    assert!(md.contains("banner: \"SECRET//REL TO USA, TWN\""), "{md}");
    assert!(md.contains("We appreciate our continued cooperation"));
    assert!(md.contains("Washington POC is ISN/MTR James Mayes"));
    for dropped in [
        "Background: In March 2009",
        "In May 2009, Taiwan responded",
        "We now want to confirm to Taiwan",
        "Action Request",
    ] {
        assert!(!md.contains(dropped), "{dropped} leaked");
    }
    assert!(
        !md.contains("subject:"),
        "the (S) subject is not releasable"
    );
    let report = String::from_utf8_lossy(&o.stderr);
    assert!(
        report.contains("banner SECRET//REL TO USA, TWN"),
        "{report}"
    );
    for line in [
        ":30: paragraph 2 (S)",
        ":40: paragraph 3 (S)",
        ":50: paragraph 4 (S)",
        ":61: paragraph 5 (S)",
    ] {
        assert!(report.contains(line), "{line} missing from {report}");
    }
    // The released source checks clean but for its subject: the (S)
    // subject was not releasable, and a classified document without one
    // is an error (C008) until a releasable subject is written.
    let o = cablemark(&["check", "--format", "json", out.to_str().expect("path")]);
    let findings = String::from_utf8_lossy(&o.stdout);
    let errors: Vec<&str> = findings
        .lines()
        .filter(|l| l.contains("\"severity\":\"error\""))
        .collect();
    assert_eq!(errors.len(), 1, "{findings}");
    assert!(errors[0].contains("\"code\":\"C008\""), "{findings}");

    let o = cablemark(&[
        "release",
        "samples/state-061156.md",
        "--to",
        "TAIWAN",
        "--report",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&o.stderr)
            .lines()
            .last()
            .expect("json"),
    )
    .expect("json report");
    assert_eq!(report["banner"], "SECRET//REL TO USA, TWN");
    assert_eq!(report["country"], "TWN");
    assert_eq!(report["dropped"].as_array().map(Vec::len), Some(5));
}

/// Renders the sample released to `cc` into `out`; it must succeed.
fn render_sample_for(cc: &str, extra: &[&str], out: &std::path::Path) {
    let out = out.to_str().expect("utf-8 path");
    let mut args = vec![
        "render",
        "samples/state-061156.md",
        "--release-to",
        cc,
        "--out",
        out,
    ];
    args.extend_from_slice(extra);
    let o = cablemark(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_release_to_a_country_the_nonpaper_is_not_for_is_refused() {
    // R002 is an error, and one decision (release::gate) refuses the
    // release in `check --release-to`, `release` and `render --release-to`:
    // exit 1, nothing written.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("chn.md");
    for args in [
        vec!["check", "samples/state-061156.md", "--release-to", "CHN"],
        vec![
            "release",
            "samples/state-061156.md",
            "--to",
            "CHN",
            "--out",
            out.to_str().expect("path"),
        ],
        vec![
            "render",
            "samples/state-061156.md",
            "--release-to",
            "CHN",
            "--out",
            dir.path().to_str().expect("path"),
        ],
        vec![
            "render",
            "samples/state-061156.md",
            "--release-to",
            "CHN",
            "--force",
            "--out",
            dir.path().to_str().expect("path"),
        ],
    ] {
        let o = cablemark(&args);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("R002")
                || String::from_utf8_lossy(&o.stderr).contains("R002"),
            "{args:?}"
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        0,
        "something was written"
    );
}

#[test]
fn nothing_taiwan_only_reaches_china() {
    // The sample without its non-paper: its (U) paragraphs may go to China.
    let sample = std::fs::read_to_string("samples/state-061156.md").expect("sample");
    let body: String = sample
        .lines()
        .map(|l| l.replace("{.nonpaper}", ""))
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("points.md");
    std::fs::write(&src, body).expect("write");
    let src = src.to_str().expect("path");
    let o = cablemark(&["release", src, "--to", "CHN"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(!md.contains("We appreciate"), "{md}");
    assert!(!md.contains("Ak Makina"), "{md}");
    assert!(md.contains("banner: \"UNCLASSIFIED\""));
    let o = cablemark(&[
        "render",
        src,
        "--release-to",
        "CHN",
        "--format",
        "cable",
        "--out",
        dir.path().to_str().expect("path"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let cable =
        std::fs::read_to_string(dir.path().join("points.rel-chn.cable.txt")).expect("cable");
    assert!(
        !cable.contains("Ak Makina") && !cable.contains("We appreciate"),
        "{cable}"
    );
    assert!(cable.contains("UNCLAS STATE 061156"));
    assert!(cable.contains("\n1. (U) This is an action request"));
    assert!(
        cable.contains("\n2. (U) Washington POC"),
        "paragraphs renumbered: {cable}"
    );
}

#[test]
fn nothing_releasable_is_refused() {
    let o = cablemark(&["release", "tests/fixtures/check/R003.md", "--to", "TWN"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
}

#[test]
fn every_format_released_to_taiwan_holds_only_what_it_may() {
    let talking_point = "circumvent";
    let background = "Background: In March 2009, the United States requested";
    for (cc, points_allowed) in [("TWN", true)] {
        let dir = tempfile::tempdir().expect("tempdir");
        render_sample_for(cc, &[], dir.path());
        let stem = format!("state-061156.rel-{}", cc.to_ascii_lowercase());
        let mut texts = vec![
            std::fs::read_to_string(dir.path().join(format!("{stem}.cable.txt"))).expect("cable"),
        ];
        texts.push(common::pdf_text(
            &std::fs::read(dir.path().join(format!("{stem}.pdf"))).expect("pdf"),
        ));
        texts.push(common::docx_text(
            &std::fs::read(dir.path().join(format!("{stem}.docx"))).expect("docx"),
        ));
        for name in ["nonpaper.pdf", "nonpaper.docx"] {
            let path = dir.path().join(format!("{stem}.{name}"));
            assert_eq!(path.exists(), points_allowed, "{cc}: {name}");
        }
        for text in &texts {
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(flat.contains(talking_point), points_allowed, "{cc}");
            assert!(!flat.contains(background), "{cc}: paragraph 2 leaked");
            assert!(
                !flat.contains("Ak Makina is the firm involved"),
                "{cc}: paragraph 4 leaked"
            );
            assert!(
                flat.contains("Washington POC"),
                "{cc}: a (U) paragraph is missing"
            );
        }
    }
}

/// A draft that numbers its own paragraphs: the released source numbers
/// as the release does (not as a draft whose first paragraph is
/// unnumbered would), so its render is the render of the release.
#[test]
fn a_released_source_numbers_its_paragraphs_as_the_release() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("n.md");
    std::fs::write(
        &src,
        "---\nsubject: (U) T\n---\n\n1. (S//NF) Dropped first.\n\n(U) Unnumbered one.\n\n2. (U) Numbered two.\n",
    )
    .expect("write");
    let src_s = src.to_str().expect("path");
    let o = common::cablemark(&["release", src_s, "--to", "TWN", "--force"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let released = dir.path().join("r.md");
    std::fs::write(&released, &o.stdout).expect("write");
    let cable = |args: &[&str], name: &str| {
        let out = dir.path().join(name);
        let mut all = vec!["render"];
        all.extend_from_slice(args);
        all.extend([
            "--force",
            "--format",
            "cable",
            "--out",
            out.to_str().expect("path"),
        ]);
        let o = common::cablemark(&all);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let file = std::fs::read_dir(&out)
            .expect("out")
            .flatten()
            .next()
            .expect("a cable");
        let text = std::fs::read_to_string(file.path()).expect("read");
        text[text.find("SUBJECT").expect("subject")..].to_string()
    };
    let direct = cable(&[src_s, "--release-to", "TWN"], "a");
    let via = cable(&[released.to_str().expect("path")], "b");
    assert_eq!(direct, via);
    assert!(
        direct.contains("(U) Unnumbered one.\n\n1. (U) Numbered two."),
        "{direct}"
    );
}
