//! One fixture per rule, `tests/fixtures/rules/<CODE>.md` (`.docx` for the
//! W rules): each is checked
//! and the whole of that rule's findings is snapshotted
//! (`tests/snapshots/rules__<CODE>.snap`): code, severity, position,
//! message, label, help, citation, and each fix with its applicability and
//! the diff it makes. Adding a rule without a fixture, or with a fixture
//! that does not trigger it, fails here.
//!
//! Fixtures are checked with the default options, except (see
//! [`options`]): the R rules with `--release-to TWN`, P005 with `--strict`.
//!
//! Snapshots are written with `INSTA_UPDATE=always cargo test --test
//! rules`; read them before committing them. In CI (`CI` set) a missing or
//! different snapshot fails.

use std::fmt::Write as _;
use std::path::Path;

use cablemark::check::{self, fix, Diagnostic, Options, Rule};
use cablemark::report::{human, position, FileReport};

/// What a rule's fixture is checked with.
fn options(rule: Rule) -> Options {
    Options {
        strict: rule == Rule::InheritedPortionMark,
        release_to: rule.code().starts_with('R').then(|| "TWN".to_string()),
        ..Options::default()
    }
}

/// A W rule's fixture is a Word document (tests/fixtures/word/make.py).
fn fixture_path(rule: Rule) -> String {
    let ext = if rule.code().starts_with('W') {
        "docx"
    } else {
        "md"
    };
    format!("tests/fixtures/rules/{}.{ext}", rule.code())
}

fn load(path: &str) -> cablemark::model::Document {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    cablemark::input::parse_bytes(path, bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every finding of `rule` in its fixture, drawn as `check --format human`
/// draws it, with its fix and the diff of applying that fix alone.
fn findings(rule: Rule) -> String {
    let path = fixture_path(rule);
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(&path).exists(),
        "{} ({}) has no fixture {path}",
        rule.code(),
        rule.name()
    );
    let doc = load(&path);
    let diagnostics: Vec<Diagnostic> = check::check(&doc, &options(rule))
        .into_iter()
        .filter(|d| d.kind == rule)
        .collect();
    assert!(
        !diagnostics.is_empty(),
        "{}: its fixture {path} does not trigger it",
        rule.code()
    );
    let rollup = doc.rollup();
    let mut out = String::new();
    for d in &diagnostics {
        let (line, column) = position(&doc, d);
        let _ = writeln!(out, "{} {} at {line}:{column}", d.code, d.severity.as_str());
        let report = FileReport {
            doc: &doc,
            diagnostics: std::slice::from_ref(d),
        };
        let drawn = human::render(&report, &rollup, false);
        // The last line is the file's banner summary, not the finding's.
        let drawn = drawn.trim_end();
        let drawn = drawn.rsplit_once('\n').map_or(drawn, |(d, _)| d);
        let _ = writeln!(out, "{}", drawn.trim_end());
        match &d.fix {
            None => out.push_str("fix: none\n"),
            Some(f) => {
                let (after, applied) = fix::apply(&doc.source, &[f]);
                assert_eq!(applied, 1, "{}: its fix does not apply", d.code);
                let _ = writeln!(out, "fix ({}): {}", f.applicability.as_str(), f.message);
                out.push_str(&fix::unified_diff(&path, &doc.source, &after));
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn every_rule_has_a_fixture_and_its_findings_are_as_snapshotted() {
    let mut failed = Vec::new();
    for &rule in Rule::ALL.iter().filter(|r| !r.removed()) {
        // Each rule on its own, so one failure does not hide the others.
        let result = std::panic::catch_unwind(|| {
            let findings = findings(rule);
            insta::with_settings!({
                description => format!("{} {}", rule.code(), rule.name()),
                omit_expression => true,
                prepend_module_to_snapshot => true,
            }, {
                insta::assert_snapshot!(rule.code(), findings);
            });
        });
        if result.is_err() {
            failed.push(rule.code());
        }
    }
    assert!(failed.is_empty(), "rules failing their fixture: {failed:?}");
}

/// A diagnostic's fix has the applicability its rule declares in the
/// registry, and a rule that declares none carries none.
fn assert_fixes_as_declared(path: &str, options: &Options) {
    let doc = load(path);
    for d in check::check(&doc, options) {
        assert_eq!(
            d.fix.as_ref().map(|f| f.applicability),
            d.fix.as_ref().and(d.kind.fix_applicability()),
            "{path}: {} carries a fix its rule does not declare",
            d.code
        );
    }
}

#[test]
fn fixes_have_the_applicability_the_registry_declares() {
    let mut offered = std::collections::HashSet::new();
    for &rule in Rule::ALL.iter().filter(|r| !r.removed()) {
        let path = fixture_path(rule);
        assert_fixes_as_declared(&path, &options(rule));
        let doc = load(&path);
        for d in check::check(&doc, &options(rule)) {
            if let Some(f) = &d.fix {
                offered.insert((d.kind, f.applicability));
            }
        }
    }
    for dir in ["tests/fixtures/check", "samples", "samples/bad"] {
        let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let Ok(entries) = std::fs::read_dir(&full) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") {
                let path = format!("{dir}/{name}");
                for options in [
                    Options::default(),
                    Options {
                        strict: true,
                        release_to: Some("TWN".to_string()),
                        ..Options::default()
                    },
                ] {
                    assert_fixes_as_declared(&path, &options);
                }
            }
        }
    }
    // Every declared fix is shown by its rule's fixture.
    for &rule in Rule::ALL.iter().filter(|r| !r.removed()) {
        if let Some(a) = rule.fix_applicability() {
            assert!(
                offered.contains(&(rule, a)),
                "{} declares a {} fix its fixture does not show",
                rule.code(),
                a.as_str()
            );
        }
    }
}
