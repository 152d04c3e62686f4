//! The pre-send check (design §4). Rules walk the model and report to a
//! [`Sink`]; the engine sorts and de-duplicates; printers in
//! [`crate::report`] format. No rule prints.
//!
//! Each rule is a variant of [`Rule`], made from its row of the
//! [`registry`] table (code, name, severity, gate, fix applicability,
//! citation, documentation: what `cablemark explain` and SARIF read), and
//! one file, `rules/<group>/<rule_name>.rs`, with a `check` function that
//! reports only that rule. Rule files never call each other: what several
//! need (a portion's first line, "paragraph N", the release plan, …) is in
//! the [`context::Context`] they are given. Several rules may look at the
//! same marks; each reads the parse the model already holds.

mod context;
pub mod fix;
pub mod registry;
mod rules;

use crate::model::{Document, Span};

pub use registry::{lookup, Gate, Rule, RuleInfo, RULES};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule found; `code`, `severity` and `rule` are its registry's.
    pub kind: Rule,
    pub code: &'static str,
    pub severity: Severity,
    /// Lower case, no final period: what is wrong.
    pub message: String,
    pub span: Span,
    /// The label under the caret.
    pub label: Option<String>,
    /// The concrete change.
    pub help: Option<String>,
    /// The rule cited.
    pub rule: &'static str,
    /// Edits that mend it, with their applicability.
    pub fix: Option<fix::Fix>,
}

impl Diagnostic {
    /// A diagnostic of a rule, with its code, severity and citation.
    pub fn new(kind: Rule, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            kind,
            code: kind.code(),
            severity: kind.severity(),
            message: message.into(),
            span,
            label: None,
            help: None,
            rule: kind.citation(),
            fix: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Attaches a fix; its applicability is the one the registry declares
    /// for the rule.
    pub fn fix(mut self, fix: fix::Fix) -> Diagnostic {
        debug_assert_eq!(
            Some(fix.applicability),
            self.kind.fix_applicability(),
            "{}: a fix the registry does not declare",
            self.code
        );
        self.fix = Some(fix);
        self
    }
}

/// Where rules report.
#[derive(Debug, Default)]
pub struct Sink {
    diagnostics: Vec<Diagnostic>,
    /// The rule whose `check` is running: it reports only its own code.
    rule: Option<Rule>,
}

impl Sink {
    pub fn report(&mut self, diagnostic: Diagnostic) {
        debug_assert!(
            self.rule.is_none_or(|r| r == diagnostic.kind),
            "{:?} reported {}",
            self.rule,
            diagnostic.code
        );
        self.diagnostics.push(diagnostic);
    }
}

/// What the check is asked to do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Forbid inheriting a section's mark (P005).
    pub strict: bool,
    /// Report what a release to this country (a trigraph) would drop (R group).
    pub release_to: Option<String>,
    /// The fallback fonts of the style the PDF is drawn with (P012 asks
    /// them too).
    pub fonts: Vec<crate::render::pdf::metrics::Font>,
}

/// Runs every rule on a document; diagnostics sorted by (offset, code).
pub fn check(doc: &Document, options: &Options) -> Vec<Diagnostic> {
    let rollup = doc.rollup();
    let ctx = context::Context::new(doc, &rollup, options);
    // The text-scanning rules (cable references, release) run beside the
    // marking rules: two halves of about equal cost on a large document.
    let run = |checks: &[(Rule, rules::Check)]| {
        let mut sink = Sink::default();
        for &(rule, check) in checks {
            sink.rule = Some(rule);
            check(&ctx, &mut sink);
        }
        sink.diagnostics
    };
    let (marks, text) = rayon::join(|| run(rules::MODEL), || run(rules::TEXT));
    let mut out = marks;
    out.extend(text);
    out.sort_by(|a, b| {
        (a.span.start, a.code, a.span.end, &a.message).cmp(&(
            b.span.start,
            b.code,
            b.span.end,
            &b.message,
        ))
    });
    out.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
    out
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
