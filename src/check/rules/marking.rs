//! M: marking syntax.

use crate::check::{Diagnostic, Sink};
use crate::marking::{MarkError, MarkProblem, Rel, Rollup};
use crate::model::{Document, WrittenMark};

pub fn run(doc: &Document, rollup: &Rollup, sink: &mut Sink) {
    let banner_has_list = matches!(rollup.banner.rel, Some(Rel::List(_)));
    for mark in super::written_marks(doc) {
        check_mark(mark, banner_has_list, sink);
    }
}

fn check_mark(mark: &WrittenMark, banner_has_list: bool, sink: &mut Sink) {
    let span = mark.span;
    let parsed = match &mark.parsed {
        Ok(p) => p,
        Err(e) => {
            let help = match e {
                MarkError::Unsupported(..) => {
                    "mark the portion with the controls in scope: NOFORN (`//NF`), `REL TO USA, …`, RELIDO, FOUO, SBU, SBU-NF".to_string()
                }
                MarkError::EmptyRel => "name the countries: `REL TO USA, TWN`".to_string(),
                _ => "write a Register mark such as `(U)`, `(S//NF)` or `(S//REL TO USA, TWN)`".to_string(),
            };
            sink.report(
                Diagnostic::new(
                    "M001",
                    span,
                    format!("`{}` is not a readable portion mark: {e}", mark.text),
                )
                .label("malformed mark")
                .help(help),
            );
            return;
        }
    };
    let normal = parsed.marking.portion();
    for problem in &parsed.problems {
        let d = match problem {
            MarkProblem::UnknownCode(code) => Diagnostic::new(
                "M003",
                span,
                format!("`{code}` is not a country trigraph or a known tetragraph"),
            )
            .label("unknown code")
            .help("use the ISO 3166-1 alpha-3 trigraph, e.g. `TWN` for Taiwan, `GBR` for the United Kingdom"),
            MarkProblem::RelOrder => Diagnostic::new("M004", span, "REL TO list is not in Register order")
                .label("out of order")
                .help(format!("write `{normal}`: USA first, then trigraphs, then tetragraphs, each alphabetically")),
            MarkProblem::DuplicateCode(code) => Diagnostic::new(
                "M005",
                span,
                format!("`{code}` is listed more than once"),
            )
            .label("duplicate")
            .help(format!("write `{normal}`")),
            MarkProblem::RelToUsaAlone => Diagnostic::new("M006", span, "`REL TO USA` names no other country")
                .label("releases to no one")
                .help("name the countries it may be released to, or mark it NOFORN"),
            MarkProblem::RelMissingUsa => Diagnostic::new("M009", span, "REL TO list does not start with USA")
                .label("USA must come first")
                .help(format!("write `{normal}`")),
            MarkProblem::NofornWithRel => Diagnostic::new("M007", span, "NOFORN and REL TO in one marking")
                .label("contradictory controls")
                .help("keep NOFORN (`//NF`) or the REL TO list, not both"),
            MarkProblem::NofornWithRelido => Diagnostic::new("M011", span, "NOFORN and RELIDO in one marking")
                .label("contradictory controls")
                .help("keep NOFORN or RELIDO, not both"),
            MarkProblem::UnclassifiedOnlyControl(control) => Diagnostic::new(
                "M010",
                span,
                format!("{control} on a classified portion"),
            )
            .label(format!("{control} applies to unclassified information only"))
            .help(format!("mark it `(U//{control})` if the text is unclassified, else drop {control}")),
        };
        sink.report(d);
    }
    if parsed.legacy {
        sink.report(
            Diagnostic::new(
                "M002",
                span,
                format!("`{}` is a legacy mark form", mark.text),
            )
            .label(format!("reads as `{normal}`"))
            .help(format!("write `{normal}`")),
        );
    }
    if parsed.marking.rel == Some(Rel::Short) && !banner_has_list {
        sink.report(
            Diagnostic::new(
                "M008",
                span,
                "short form `REL` but the banner carries no REL TO list",
            )
            .label("no banner list to stand for")
            .help("write the portion's full list: `REL TO USA, …`"),
        );
    }
}
