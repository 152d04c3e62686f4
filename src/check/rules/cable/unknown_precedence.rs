//! C002: a precedence that is not FLASH, NIACT IMMEDIATE, IMMEDIATE,
//! PRIORITY or ROUTINE.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::PRECEDENCES;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some(p) = &ctx.doc.header.precedence else {
        return;
    };
    let v = p.value.trim();
    let known = |w: &str| PRECEDENCES.iter().any(|(p, _)| *p == w);
    if known(v) {
        return;
    }
    let upper = v.to_ascii_uppercase();
    let help = if known(&upper) {
        format!("write `precedence: {upper}`")
    } else {
        let words: Vec<&str> = PRECEDENCES.iter().map(|(w, _)| *w).collect();
        format!("write one of {}", words.join(", "))
    };
    sink.report(
        Diagnostic::new(
            Rule::UnknownPrecedence,
            p.span,
            format!("`{v}` is not a precedence"),
        )
        .label("unknown precedence")
        .help(help),
    );
}
