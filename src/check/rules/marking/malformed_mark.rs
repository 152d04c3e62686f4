//! M001: a mark-like group that cannot be read.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::MarkError;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for mark in ctx.written_marks() {
        let Err(e) = &mark.parsed else {
            continue;
        };
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
                mark.span,
                format!("`{}` is not a readable portion mark: {e}", mark.text),
            )
            .label("malformed mark")
            .help(help),
        );
    }
}
