//! The release invariant against an attacker (design §2.2, §3.3): random
//! documents that mix every hostile shape — marks in the middle of a block,
//! invisible prefixes, typos, unknown labels, look-alike letters, nesting,
//! nested HTML, short forms, multi-word country names, marks in header
//! fields — are released and rendered for a country, with and without
//! `--force`, through `import` of a legacy cable and through a release of a
//! release. The oracle is itself fail-closed and written from the source
//! text: a token is releasable only where its block's one mark was written
//! cleanly at its start and lists the country (or, for an unmarked block,
//! where the block it inherits from is releasable).

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use cablemark::check::{self, Options};
use cablemark::render::{self, Format, Part, Style};
use cablemark::{import, release, source};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};

mod common;

/// A mark as written, and who may receive its text when it stands alone
/// and cleanly at the start of its block.
#[derive(Debug, Clone, Copy)]
struct Mark {
    text: &'static str,
    /// Countries its text may go to (None: no one; the mark is hostile or
    /// not releasable).
    to: &'static [&'static str],
    /// Read with certainty when written cleanly (not a typo or a disguise).
    clean: bool,
    /// Detected in the middle of a line too (`//` or a control word).
    inline: bool,
}

const ANY: &[&str] = &["TWN", "GBR", "CHN"];

const MARKS: &[Mark] = &[
    Mark {
        text: "(U)",
        to: ANY,
        clean: true,
        inline: false,
    },
    Mark {
        text: "(S//REL TO USA, TWN)",
        to: &["TWN"],
        clean: true,
        inline: true,
    },
    Mark {
        text: "(C//REL TO USA, GBR, TWN)",
        to: &["GBR", "TWN"],
        clean: true,
        inline: true,
    },
    Mark {
        text: "(S//REL TO USA, FVEY)",
        to: &["GBR"],
        clean: true,
        inline: true,
    },
    Mark {
        text: "(SECRET REL TAIWAN)",
        to: &["TWN"],
        clean: true,
        inline: false,
    },
    Mark {
        text: "(S//REL TO USA, REPUBLIC OF CHINA)",
        to: &["TWN"],
        clean: true,
        inline: true,
    },
    Mark {
        text: "(U//REL TO USA, TWN)",
        to: &["TWN"],
        clean: true,
        inline: true,
    },
    Mark {
        text: "(S//NF)",
        to: &[],
        clean: true,
        inline: true,
    },
    Mark {
        text: "(S/NF)",
        to: &[],
        clean: true,
        inline: false,
    },
    Mark {
        text: "(S)",
        to: &[],
        clean: true,
        inline: false,
    },
    Mark {
        text: "(C)",
        to: &[],
        clean: true,
        inline: false,
    },
    Mark {
        text: "(U//SBU)",
        to: &[],
        clean: true,
        inline: true,
    },
    Mark {
        text: "(S//REL)",
        to: &[],
        clean: true,
        inline: true,
    },
    // Hostile: typos, disguises, names that are not whole.
    Mark {
        text: "(S//NF.)",
        to: &[],
        clean: false,
        inline: true,
    },
    Mark {
        text: "(S//NF; source)",
        to: &[],
        clean: false,
        inline: true,
    },
    Mark {
        text: "(NOFORN: do not release)",
        to: &[],
        clean: false,
        inline: true,
    },
    Mark {
        text: "[S//NF]",
        to: &[],
        clean: false,
        inline: true,
    },
    Mark {
        text: "（S//NF）",
        to: &[],
        clean: false,
        inline: true,
    },
    Mark {
        text: "(Ѕ//NF)",
        to: &[],
        clean: false,
        inline: true,
    },
    Mark {
        text: "(S//NF",
        to: &[],
        clean: false,
        inline: true,
    },
    Mark {
        text: "(S//NF (source))",
        to: &[],
        clean: false,
        inline: true,
    },
    Mark {
        text: "(SECERT)",
        to: &[],
        clean: false,
        inline: false,
    },
    Mark {
        text: "(S//REL TO USA, TAIWAN CHINA)",
        to: &[],
        clean: false,
        inline: true,
    },
    Mark {
        text: "(S//REL TO USA, CHN, OF, REPUBLIC)",
        to: &[],
        clean: false,
        inline: true,
    },
];

/// What may stand before a mark at a line start: only the first is clean.
const PREFIXES: &[&str] = &[
    "", "", "", "\u{A0}", "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{AD}", "(ii) ", "1.1 ", "• ",
    "Note: ", "Q: ", "§1 ", "AA. ", "-- ", "iv. ", "(100) ", "2a. ",
];

/// A prefix with a character that shows nothing (a no-break space is a
/// space: a mark after it is read as written).
fn invisible(prefix: &str) -> bool {
    prefix
        .chars()
        .any(|c| !c.is_ascii() && !matches!(c, '•' | '§' | '\u{A0}'))
}

/// One line of text: a prefix, maybe a mark, a token.
#[derive(Debug, Clone)]
struct Unit {
    prefix: &'static str,
    mark: Option<Mark>,
}

impl Unit {
    fn clean_marked(&self) -> bool {
        self.prefix.trim_matches('\u{A0}').is_empty() && self.mark.is_some_and(|m| m.clean)
    }
    fn clean_unmarked(&self) -> bool {
        self.mark.is_none() && !invisible(self.prefix)
    }
}

/// How the units of one block are put together.
#[derive(Debug, Clone, Copy)]
enum Join {
    SoftBreak,
    HardBreak,
    SameLine,
    Paragraphs,
}

#[derive(Debug, Clone)]
enum Shape {
    Para(Vec<Unit>, Join),
    Quote(Vec<Unit>, Join),
    Table(Unit, Vec<Unit>),
    Code(Vec<Unit>),
    Setext(Unit),
    Section {
        heading: Unit,
        items: Vec<(Unit, Vec<Unit>, bool)>,
        level: u8,
    },
}

#[derive(Debug, Clone)]
struct Doc {
    subject: Vec<Unit>,
    shapes: Vec<Shape>,
    /// A mark hidden in a front-matter field.
    header_mark: Option<Mark>,
    /// Drop `classified_by` (an A error `--force` may override).
    no_classifier: bool,
}

fn arb_mark() -> impl Strategy<Value = Mark> {
    prop::sample::select(MARKS)
}

fn arb_unit(marked: f64) -> impl Strategy<Value = Unit> {
    (
        prop::sample::select(PREFIXES),
        prop::option::weighted(marked, arb_mark()),
    )
        .prop_map(|(prefix, mark)| Unit { prefix, mark })
}

/// Mostly tidy units: no prefix, a mark chosen among the clean ones.
fn arb_tidy_unit(marked: f64) -> impl Strategy<Value = Unit> {
    prop::option::weighted(marked, prop::sample::select(&MARKS[..13]))
        .prop_map(|mark| Unit { prefix: "", mark })
}

fn arb_any_unit(marked: f64) -> BoxedStrategy<Unit> {
    prop_oneof![3 => arb_tidy_unit(marked), 1 => arb_unit(marked)].boxed()
}

fn arb_join() -> impl Strategy<Value = Join> {
    prop_oneof![
        Just(Join::SoftBreak),
        Just(Join::HardBreak),
        Just(Join::SameLine),
        Just(Join::Paragraphs)
    ]
}

fn arb_lines() -> impl Strategy<Value = Vec<Unit>> {
    (
        arb_any_unit(0.95),
        prop::collection::vec(arb_any_unit(0.3), 0..3),
    )
        .prop_map(|(a, rest)| {
            let mut v = vec![a];
            v.extend(rest);
            v
        })
}

fn arb_shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        4 => (arb_lines(), arb_join()).prop_map(|(u, j)| Shape::Para(u, j)),
        1 => (arb_lines(), arb_join()).prop_map(|(u, j)| Shape::Quote(u, j)),
        1 => (arb_any_unit(0.95), prop::collection::vec(arb_any_unit(0.2), 1..3))
            .prop_map(|(h, b)| Shape::Table(h, b)),
        1 => prop::collection::vec(arb_any_unit(0.9), 1..3).prop_map(Shape::Code),
        1 => arb_any_unit(0.8).prop_map(Shape::Setext),
        3 => (
            arb_any_unit(0.99),
            prop::collection::vec(
                (
                    arb_any_unit(0.5),
                    prop::collection::vec(arb_any_unit(0.5), 0..3),
                    prop::bool::weighted(0.2),
                ),
                0..4
            ),
            1u8..3,
        )
            .prop_map(|(heading, items, level)| Shape::Section { heading, items, level }),
    ]
}

fn arb_doc() -> impl Strategy<Value = Doc> {
    (
        prop::collection::vec(arb_any_unit(0.99), 1..3),
        prop::collection::vec(arb_shape(), 1..7),
        prop::option::weighted(0.1, arb_mark()),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(subject, shapes, header_mark, no_classifier)| Doc {
            // A second subject mark stands right after the first (`(U)
            // (S//NF) …`): after a label it would be prose mid-line.
            subject: subject
                .iter()
                // A second unit only after a mark (else it would lead).
                .take(if subject[0].mark.is_some() { 2 } else { 1 })
                .cloned()
                .enumerate()
                .map(|(k, u)| if k > 0 { Unit { prefix: "", ..u } } else { u })
                .collect(),
            shapes,
            header_mark,
            no_classifier,
        })
}

/// Marks that never make a document fail its check on their own.
const TIDY: &[usize] = &[0, 1, 2, 4, 5, 6, 7, 9];

fn arb_tidy_mark() -> impl Strategy<Value = Mark> {
    prop::sample::select(TIDY).prop_map(|i| MARKS[i])
}

fn one(mark: Mark) -> Unit {
    Unit {
        prefix: "",
        mark: Some(mark),
    }
}

/// A document a careful drafter could write: one mark per block, at its
/// start, section items unmarked or marked as their heading. Most of these
/// release, so the property is not vacuous.
fn arb_tidy_doc() -> impl Strategy<Value = Doc> {
    let shape = prop_oneof![
        4 => arb_tidy_mark().prop_map(|m| Shape::Para(vec![one(m)], Join::SoftBreak)),
        1 => arb_tidy_mark().prop_map(|m| Shape::Quote(vec![one(m)], Join::SoftBreak)),
        1 => arb_tidy_mark().prop_map(|m| Shape::Table(one(m), vec![Unit { prefix: "", mark: None }])),
        1 => arb_tidy_mark().prop_map(|m| Shape::Code(vec![one(m)])),
        3 => (arb_tidy_mark(), prop::collection::vec((any::<bool>(), 0usize..3, prop::bool::weighted(0.2)), 0..4), 1u8..3)
            .prop_map(|(m, items, level)| Shape::Section {
                heading: one(m),
                items: items
                    .into_iter()
                    .map(|(own, nested, html)| {
                        let unit = |own: bool| Unit { prefix: "", mark: own.then_some(m) };
                        (unit(own), (0..nested).map(|k| unit(k % 2 == 0)).collect(), html)
                    })
                    .collect(),
                level,
            }),
    ];
    (
        arb_tidy_mark(),
        prop::collection::vec(shape, 1..6),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(subject, shapes, no_classifier)| Doc {
            subject: vec![one(subject)],
            shapes,
            header_mark: None,
            no_classifier,
        })
}

/// A source and, per token, the countries that may receive it.
struct Built {
    md: String,
    /// The document has a short form `(S//REL)`: it stands for the banner's
    /// list, which the oracle bounds from above (the intersection of every
    /// list in the document) but does not compute, so only the leak check
    /// applies, not the exact one.
    has_short: bool,
    tokens: Vec<(String, BTreeSet<&'static str>)>,
}

struct Builder {
    md: String,
    tokens: Vec<(String, BTreeSet<&'static str>)>,
    n: usize,
}

impl Builder {
    fn token(&mut self, to: &BTreeSet<&'static str>) -> String {
        self.n += 1;
        let t = format!("tok{:04}x", self.n);
        self.tokens.push((t.clone(), to.clone()));
        t
    }

    fn line(&mut self, u: &Unit, to: &BTreeSet<&'static str>, inline: bool) -> String {
        let t = self.token(to);
        let prefix = if inline { "" } else { u.prefix };
        match u.mark {
            Some(m) => format!("{prefix}{} text {t} here", m.text),
            None => format!("{prefix}plain {t} words"),
        }
    }
}

fn set(countries: &[&'static str]) -> BTreeSet<&'static str> {
    countries.iter().copied().collect()
}

/// Who may receive a block of `units` (its first unit carries the mark;
/// `inherited` is what an unmarked block gets from its parent).
fn block_to(units: &[Unit], inherited: &BTreeSet<&'static str>) -> BTreeSet<&'static str> {
    let Some(first) = units.first() else {
        return BTreeSet::new();
    };
    if !units[1..].iter().all(Unit::clean_unmarked) {
        return BTreeSet::new();
    }
    match first.mark {
        Some(m) if first.clean_marked() => set(m.to),
        Some(_) => BTreeSet::new(),
        None if first.clean_unmarked() => inherited.clone(),
        None => BTreeSet::new(),
    }
}

/// Every unit of a document, mutably.
fn units_mut(doc: &mut Doc) -> Vec<&mut Unit> {
    let mut out: Vec<&mut Unit> = doc.subject.iter_mut().collect();
    for shape in &mut doc.shapes {
        match shape {
            Shape::Para(u, _) | Shape::Quote(u, _) | Shape::Code(u) => out.extend(u.iter_mut()),
            Shape::Table(h, b) => {
                out.push(h);
                out.extend(b.iter_mut());
            }
            Shape::Setext(u) => out.push(u),
            Shape::Section { heading, items, .. } => {
                out.push(heading);
                for (i, nested, _) in items {
                    out.push(i);
                    out.extend(nested.iter_mut());
                }
            }
        }
    }
    out
}

fn build(doc: &Doc) -> Built {
    // `(S//REL)` reads as the banner's list: at most the countries every
    // REL TO list of the document names.
    let mut doc = doc.clone();
    let marks: Vec<Mark> = units_mut(&mut doc).iter().filter_map(|u| u.mark).collect();
    let lists: Vec<&[&'static str]> = marks
        .iter()
        .filter(|m| m.clean && !m.to.is_empty() && m.to != ANY)
        .map(|m| m.to)
        .collect();
    let short_to: Vec<&'static str> = ANY
        .iter()
        .copied()
        .filter(|c| !lists.is_empty() && lists.iter().all(|l| l.contains(c)))
        .collect();
    let short_to: &'static [&'static str] = Box::leak(short_to.into_boxed_slice());
    let has_short = marks.iter().any(|m| m.text == "(S//REL)");
    for u in units_mut(&mut doc) {
        if let Some(m) = &mut u.mark {
            if m.text == "(S//REL)" {
                m.to = short_to;
            }
        }
    }
    let doc = &doc;
    let none = BTreeSet::new();
    let mut b = Builder {
        md: String::new(),
        tokens: Vec::new(),
        n: 0,
    };
    // The subject: one mark, or two in a row.
    let subject_to = block_to(&doc.subject, &none);
    let subject: Vec<String> = doc
        .subject
        .iter()
        .map(|u| format!("{}{}", u.prefix, u.mark.map_or("", |m| m.text)))
        .collect();
    let st = b.token(&subject_to);
    let header_field = match doc.header_mark {
        Some(m) => {
            let t = b.token(&none);
            format!("refs: [{}]\n", serde_json::json!(format!("{} {t}", m.text)))
        }
        None => String::new(),
    };
    let classifier = if doc.no_classifier {
        ""
    } else {
        "classified_by: ISN DIRECTOR\n"
    };
    b.md = format!(
        "---\ndtg: 122056Z JUN 09\norder: E.O. 12958\n{classifier}reasons: [b]\ndeclassify_on: 2034-06-12\n{header_field}subject: {}\n---\n\n",
        serde_json::json!(format!("{} Subject {st}", subject.join(" ")))
    );
    for shape in &doc.shapes {
        match shape {
            Shape::Para(units, join) | Shape::Quote(units, join) => {
                let quote = matches!(shape, Shape::Quote(..));
                let mut join = *join;
                // A mark in the middle of a line is a mark only with `//`
                // or a control word; other later marks go on their own line.
                if matches!(join, Join::SameLine)
                    && !units[1..].iter().all(|u| u.mark.is_none_or(|m| m.inline))
                {
                    join = Join::SoftBreak;
                }
                // On one line, the later units' prefixes are not written.
                let units: Vec<Unit> = units
                    .iter()
                    .enumerate()
                    .map(|(k, u)| Unit {
                        prefix: if k > 0 && matches!(join, Join::SameLine) {
                            ""
                        } else {
                            u.prefix
                        },
                        mark: u.mark,
                    })
                    .collect();
                let units = &units;
                // Paragraphs apart are blocks apart, except inside a quote.
                let apart = !quote && matches!(join, Join::Paragraphs);
                let to = block_to(units, &none);
                let lines: Vec<String> = units
                    .iter()
                    .enumerate()
                    .map(|(k, u)| {
                        let to = if apart {
                            block_to(std::slice::from_ref(u), &none)
                        } else {
                            to.clone()
                        };
                        b.line(u, &to, k > 0 && matches!(join, Join::SameLine))
                    })
                    .collect();
                let sep = match join {
                    Join::SoftBreak => "\n",
                    Join::HardBreak => "  \n",
                    Join::SameLine => " ",
                    Join::Paragraphs => "\n\n",
                };
                let text = lines.join(sep);
                if quote {
                    let quoted: Vec<String> = text
                        .split('\n')
                        .enumerate()
                        .map(|(k, l)| {
                            // A lazy continuation line now and then.
                            if k == 1 && units.len().is_multiple_of(2) && !l.is_empty() {
                                l.to_string()
                            } else {
                                format!("> {l}")
                            }
                        })
                        .collect();
                    b.md.push_str(&quoted.join("\n"));
                } else {
                    b.md.push_str(&text);
                }
                b.md.push_str("\n\n");
            }
            Shape::Table(head, body) => {
                let mut units = vec![head.clone()];
                units.extend(body.iter().cloned());
                let to = block_to(&units, &none);
                let h = b.line(head, &to, false);
                let t2 = b.token(&to);
                b.md.push_str(&format!("| {h} | {t2} |\n|---|---|\n"));
                for u in body {
                    let cell = b.line(u, &to, false);
                    let t = b.token(&to);
                    b.md.push_str(&format!("| {t} | {cell} |\n"));
                }
                b.md.push('\n');
            }
            Shape::Code(units) => {
                let to = block_to(units, &none);
                for u in units {
                    let l = b.line(u, &to, false);
                    b.md.push_str(&format!("    {l}\n"));
                }
                b.md.push('\n');
            }
            Shape::Setext(u) => {
                // Never inherits; an error in any case.
                let l = b.line(u, &none, false);
                b.md.push_str(&format!("{l}\n---\n\n"));
            }
            Shape::Section {
                heading,
                items,
                level,
            } => {
                let heading_to = block_to(std::slice::from_ref(heading), &none);
                let h = b.line(heading, &heading_to, false);
                b.md.push_str(&format!("{} {h}\n\n", "#".repeat(*level as usize)));
                for (item, nested, html) in items {
                    // A marked item is kept only if the heading is too.
                    let item_to: BTreeSet<&str> = block_to(std::slice::from_ref(item), &heading_to)
                        .intersection(&heading_to)
                        .copied()
                        .collect();
                    let l = b.line(item, &item_to, false);
                    b.md.push_str(&format!("- {l}\n"));
                    if *html {
                        let t = b.token(&none);
                        b.md.push_str(&format!("\n  <!-- (S//NF) {t} -->\n\n"));
                    }
                    for n in nested {
                        let to: BTreeSet<&str> = block_to(std::slice::from_ref(n), &item_to)
                            .intersection(&item_to)
                            .copied()
                            .collect();
                        let l = b.line(n, &to, false);
                        b.md.push_str(&format!("  - {l}\n"));
                    }
                }
                b.md.push_str("\n***\n\n");
            }
        }
    }
    Built {
        md: b.md,
        has_short,
        tokens: b.tokens,
    }
}

fn words(text: &str) -> BTreeSet<String> {
    text.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.starts_with("tok") && w.ends_with('x') && w.len() == 8)
        .map(str::to_string)
        .collect()
}

fn allowed(tokens: &[(String, BTreeSet<&str>)], country: &str) -> BTreeSet<String> {
    tokens
        .iter()
        .filter(|(_, to)| to.contains(country))
        .map(|(t, _)| t.clone())
        .collect()
}

const COUNTRIES: &[&str] = &["TWN", "GBR", "CHN"];

/// Every output made for `country` from `doc`, as `main` makes them: the
/// gate first (nothing when it refuses), then the release, the released
/// Markdown and every format. `None` when the release is refused.
fn release_outputs(
    doc: &cablemark::model::Document,
    country: &str,
    force: bool,
) -> Option<Vec<(String, String)>> {
    let options = Options {
        strict: false,
        release_to: Some(country.to_string()),
        ..Options::default()
    };
    let diagnostics = check::check(doc, &options);
    release::gate(&diagnostics, force).ok()?;
    let released = release::filter(doc, country);
    let style = Style::load(None).expect("style");
    // As `release` writes it: verified to read back as released, or refused.
    let md = release::write_verified(&released).ok()?;
    let mut out = vec![("md".to_string(), md)];
    for format in [Format::Cable, Format::Pdf, Format::Docx] {
        let r = render::renderer(format);
        for part in [Part::Whole, Part::NonPaper] {
            if part == Part::NonPaper && (format == Format::Cable || released.nonpaper().is_none())
            {
                continue;
            }
            let bytes = r.render(&released, part, &style).expect("renders");
            let text = match format {
                Format::Cable => String::from_utf8_lossy(&bytes).into_owned(),
                Format::Pdf => common::pdf_text(&bytes) + &common::pdf_streams(&bytes),
                Format::Docx => common::docx_text(&bytes),
            };
            out.push((format!("{format:?} {part:?}"), text));
        }
    }
    Some(out)
}

/// `PROPTEST_CASES` overrides the number of cases (for a long run).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

static RELEASED: AtomicUsize = AtomicUsize::new(0);
static REFUSED: AtomicUsize = AtomicUsize::new(0);

fn check_doc(d: &Doc) -> Result<(), TestCaseError> {
    let built = build(d);
    let doc = source::parse("gen.md", built.md.clone()).expect("generated source parses");
    for &country in COUNTRIES {
        let want = allowed(&built.tokens, country);
        for force in [false, true] {
            let Some(outputs) = release_outputs(&doc, country, force) else {
                REFUSED.fetch_add(1, Ordering::Relaxed);
                continue;
            };
            RELEASED.fetch_add(1, Ordering::Relaxed);
            for (name, text) in &outputs {
                let got = words(text);
                let leaked: Vec<&String> = got.difference(&want).collect();
                prop_assert!(
                    leaked.is_empty(),
                    "{name} for {country} (force {force}) leaks {leaked:?}\n{}",
                    built.md
                );
            }
            // Exactly what may be released: the released Markdown holds
            // every releasable token.
            let md = &outputs[0].1;
            if !built.has_short {
                prop_assert_eq!(
                    &words(md),
                    &want,
                    "released Markdown for {}\n{}\n---\n{}",
                    country,
                    built.md,
                    md
                );
            }
            // A release of the release, to each country, holds no more.
            let again = source::parse("rel.md", md.clone()).expect("released source parses");
            for &second in COUNTRIES {
                let both: BTreeSet<String> = want
                    .intersection(&allowed(&built.tokens, second))
                    .cloned()
                    .collect();
                if let Some(outputs) = release_outputs(&again, second, force) {
                    for (name, text) in &outputs {
                        let got = words(text);
                        let leaked: Vec<&String> = got.difference(&both).collect();
                        prop_assert!(leaked.is_empty(), "release of the {country} release to {second}: {name} leaks {leaked:?}\n{}\n---\n{}", built.md, md);
                    }
                }
            }
        }
    }
    Ok(())
}

#[test]
fn hostile_sources_release_only_what_a_fail_closed_reader_may() {
    let mut runner = TestRunner::new(Config {
        cases: cases(96),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        source_file: Some(file!()),
        ..Config::default()
    });
    runner
        .run(&prop_oneof![arb_doc(), arb_tidy_doc()], |d| check_doc(&d))
        .unwrap_or_else(|e| panic!("{e}"));
    // Not vacuous: some releases went ahead, some were refused.
    eprintln!(
        "{} releases went ahead, {} refused",
        RELEASED.load(Ordering::Relaxed),
        REFUSED.load(Ordering::Relaxed)
    );
    let (released, refused) = (
        RELEASED.load(Ordering::Relaxed),
        REFUSED.load(Ordering::Relaxed),
    );
    assert!(
        released >= 20,
        "only {released} releases went ahead ({refused} refused)"
    );
    assert!(refused >= 20, "only {refused} releases were refused");
}

/// A legacy cable with hostile paragraphs, through `import`.
fn cable(
    paras: &[(Option<Mark>, Option<Mark>)],
) -> (String, Vec<(String, BTreeSet<&'static str>)>) {
    let mut tokens = Vec::new();
    let mut text = String::from(
        "S E C R E T STATE 001234\n\nE.O. 12958: DECL: 06/12/2034\nTAGS: PREL TW\nSUBJECT: (U) TEST SUBJECT\n\nClassified By: ISN DIRECTOR. Reasons 1.4 (b) and (d).\n\n",
    );
    for (i, (first, second)) in paras.iter().enumerate() {
        let to = match (first, second) {
            (Some(m), None) if m.clean => set(m.to),
            _ => BTreeSet::new(),
        };
        let t = format!("tok{:04}x", tokens.len() + 1);
        tokens.push((t.clone(), to.clone()));
        let mark = first.map_or(String::new(), |m| format!("{} ", m.text));
        text.push_str(&format!("{}. {mark}Paragraph {t} text.\n", i + 1));
        if let Some(m) = second {
            let t = format!("tok{:04}x", tokens.len() + 1);
            tokens.push((t.clone(), BTreeSet::new()));
            text.push_str(&format!("{} glued {t} line.\n", m.text));
        }
        text.push('\n');
    }
    text.push_str("CLINTON\n");
    (text, tokens)
}

#[test]
fn imported_legacy_cables_release_only_what_a_fail_closed_reader_may() {
    let mut runner = TestRunner::new(Config {
        cases: cases(48),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        source_file: Some(file!()),
        ..Config::default()
    });
    let strategy = prop::collection::vec(
        (
            prop::option::weighted(0.9, arb_mark()),
            prop::option::weighted(
                0.3,
                prop::sample::select(MARKS).prop_filter("line start", |m| m.text.starts_with('(')),
            ),
        ),
        1..6,
    );
    runner
        .run(&strategy, |paras| {
            let (text, tokens) = cable(&paras);
            let imported = import::import(&text);
            let doc =
                source::parse("imported.md", imported.markdown.clone()).expect("import parses");
            for &country in COUNTRIES {
                let want = allowed(&tokens, country);
                for force in [false, true] {
                    if let Some(outputs) = release_outputs(&doc, country, force) {
                        for (name, text) in &outputs {
                            let got = words(text);
                            let leaked: Vec<&String> = got.difference(&want).collect();
                            prop_assert!(
                                leaked.is_empty(),
                                "{name} for {country} leaks {leaked:?}\n{}\n---\n{}",
                                text,
                                imported.markdown
                            );
                        }
                    }
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}
