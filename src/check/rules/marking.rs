//! M: marking syntax.

use crate::check::fix::{Applicability, Edit, Fix};
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::{MarkError, MarkProblem, Rel, Rollup};
use crate::model::{Document, WrittenMark};

pub fn run(doc: &Document, rollup: &Rollup, sink: &mut Sink) {
    let banner_has_list = matches!(rollup.banner.rel, Some(Rel::List(_)));
    // A legacy form is said once per form per file, with the count and the
    // lines (an imported cable writes `(S/NF)` a dozen times).
    let mut legacy: Vec<(String, Vec<&WrittenMark>)> = Vec::new();
    for mark in super::written_marks(doc) {
        if let Some(form) = check_mark(doc, mark, banner_has_list, sink) {
            match legacy.iter_mut().find(|(f, _)| *f == form) {
                Some((_, marks)) => marks.push(mark),
                None => legacy.push((form, vec![mark])),
            }
        }
    }
    for (_, marks) in legacy {
        let first = marks[0];
        let normal = first.marking().map(|m| m.portion()).unwrap_or_default();
        // One fix for every occurrence: the Register form of the same mark.
        let edits: Vec<Edit> = marks
            .iter()
            .filter(|m| fixable(doc, m))
            .map(|m| Edit {
                span: m.span,
                replacement: normal.clone(),
            })
            .collect();
        let message = match marks.len() {
            1 => format!("`{}` is a legacy mark form", first.text),
            n => {
                let mut lines: Vec<usize> =
                    marks.iter().map(|m| doc.line_col(m.span.start).0).collect();
                lines.dedup();
                let shown: Vec<String> = lines.iter().take(12).map(|l| l.to_string()).collect();
                let more = if lines.len() > 12 { ", …" } else { "" };
                format!(
                    "`{}` is a legacy mark form, written {n} times (lines {}{more})",
                    first.text,
                    shown.join(", ")
                )
            }
        };
        let mut d = Diagnostic::new(Rule::LegacyMarkForm, first.span, message)
            .label(format!("reads as `{normal}`"))
            .help(format!("write `{normal}`"));
        if !edits.is_empty() {
            d = d.fix(Fix {
                message: format!("write `{normal}`"),
                edits,
                applicability: Applicability::Safe,
            });
        }
        sink.report(d);
    }
}

/// The diagnostic with a safe fix writing the mark's Register form (the
/// same meaning), when the mark may be rewritten.
fn with_fix(doc: &Document, mark: &WrittenMark, normal: &str, d: Diagnostic) -> Diagnostic {
    if fixable(doc, mark) {
        d.fix(Fix::safe(format!("write `{normal}`"), mark.span, normal))
    } else {
        d
    }
}

/// A mark a fix may rewrite: read with certainty, written in the body or
/// the subject exactly where its span says (never one in header data,
/// which must go, not be mended).
fn fixable(doc: &Document, m: &WrittenMark) -> bool {
    m.is_certain()
        && doc.source.get(m.span.start..m.span.end) == Some(m.text.as_str())
        && !doc.header_marks.iter().any(|h| h.mark.span == m.span)
}

/// Reports what is wrong with one mark; returns the mark as written when
/// it is a legacy form (reported once per form by [`run`]).
fn check_mark(
    doc: &Document,
    mark: &WrittenMark,
    banner_has_list: bool,
    sink: &mut Sink,
) -> Option<String> {
    let span = mark.span;
    let parsed = match &mark.parsed {
        Ok(p) => p,
        Err(e) => {
            let help = match e {
                MarkError::Unsupported(..) => {
                    "mark the portion with the controls in scope: NOFORN (`//NF`), `REL TO USA, …`, RELIDO, FOUO, SBU, SBU-NF".to_string()
                }
                MarkError::EmptyRel => "name the countries: `REL TO USA, TWN`".to_string(),
                MarkError::UnknownCountry(_) => "write the country's trigraph (`TWN` for Taiwan, `KOR` for the Republic of Korea) or its whole name".to_string(),
                MarkError::Disguised(_) => "retype the mark in plain ASCII parentheses, e.g. `(S//NF)`; until then the portion is released to no one".to_string(),
                _ => "write a Register mark such as `(U)`, `(S//NF)` or `(S//REL TO USA, TWN)`".to_string(),
            };
            sink.report(
                Diagnostic::new(
                    Rule::MalformedMark,
                    span,
                    format!("`{}` is not a readable portion mark: {e}", mark.text),
                )
                .label("malformed mark")
                .help(help),
            );
            return None;
        }
    };
    let normal = parsed.marking.portion();
    for problem in &parsed.problems {
        // The problem's own wording (shared with `cablemark banner`).
        let message = problem.to_string();
        let d = match problem {
            MarkProblem::UnknownCode(_) => Diagnostic::new(Rule::UnknownCountryCode, span, message)
            .label("unknown code")
            .help("use the ISO 3166-1 alpha-3 trigraph, e.g. `TWN` for Taiwan, `GBR` for the United Kingdom"),
            MarkProblem::RelOrder => with_fix(doc, mark, &normal, Diagnostic::new(Rule::RelToOutOfOrder, span, message)
                .label("out of order")
                .help(format!("write `{normal}`: USA first, then trigraphs, then tetragraphs, each alphabetically"))),
            MarkProblem::DuplicateCode(_) => with_fix(doc, mark, &normal, Diagnostic::new(Rule::DuplicateRelToCode, span, message)
            .label("duplicate")
            .help(format!("write `{normal}`"))),
            MarkProblem::RelToUsaAlone => Diagnostic::new(Rule::RelToUsaAlone, span, message)
                .label("releases to no one")
                .help("name the countries it may be released to, or mark it NOFORN"),
            MarkProblem::RelMissingUsa => with_fix(doc, mark, &normal, Diagnostic::new(Rule::RelToWithoutUsaFirst, span, message)
                .label("USA must come first")
                .help(format!("write `{normal}`"))),
            MarkProblem::NofornWithRel => Diagnostic::new(Rule::NofornWithRelTo, span, message)
                .label("contradictory controls")
                .help("keep NOFORN (`//NF`) or the REL TO list, not both"),
            MarkProblem::NofornWithRelido => Diagnostic::new(Rule::NofornWithRelido, span, message)
                .label("contradictory controls")
                .help("keep NOFORN or RELIDO, not both"),
            MarkProblem::UnclassifiedOnlyControl(control) => Diagnostic::new(Rule::UnclassifiedControlOnClassifiedPortion, span, message)
            .label(format!("{control} applies to unclassified information only"))
            .help(format!("mark it `(U//{control})` if the text is unclassified, else drop {control}")),
        };
        sink.report(d);
    }

    if parsed.marking.rel == Some(Rel::Short) && !banner_has_list {
        sink.report(
            Diagnostic::new(
                Rule::RelShortFormWithoutBannerList,
                span,
                "short form `REL` but the banner carries no REL TO list",
            )
            .label("no banner list to stand for")
            .help("write the portion's full list: `REL TO USA, …`"),
        );
    }
    parsed.legacy.then(|| mark.text.clone())
}
