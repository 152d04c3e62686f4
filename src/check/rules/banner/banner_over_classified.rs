//! B002: a declared banner higher than any portion.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let Some((span, _, Ok(declared))) = ctx.declared_banner() else {
        return;
    };
    let computed = &ctx.rollup.banner;
    if declared.level > computed.level {
        // The portions at the highest level found: one of them (or an
        // unmarked one) is where the declared level should be carried.
        let highest: Vec<String> = ctx
            .doc
            .contributors()
            .into_iter()
            .filter(|(_, m)| m.level == computed.level)
            .map(|(o, _)| ctx.origin_name(o))
            .collect();
        let named = match highest.as_slice() {
            [] => String::new(),
            [one] => format!(": the highest is {one}"),
            [a, b] => format!(": the highest are {a} and {b}"),
            [a, b, c] => format!(": the highest are {a}, {b} and {c}"),
            [a, b, c, rest @ ..] => {
                format!(": the highest are {a}, {b}, {c} and {} more", rest.len())
            }
        };
        let level = declared.level.name();
        let abbrev = declared.level.abbrev();
        let help = match highest.as_slice() {
            [one] => format!("if {one} holds {level} information, mark it ({abbrev})"),
            [] => format!("mark the portion that holds {level} information ({abbrev})"),
            _ => format!("mark ({abbrev}) whichever of them holds {level} information"),
        };
        sink.report(
            Diagnostic::new(
                Rule::BannerOverClassified,
                span,
                format!(
                    "declared banner {} is higher than any portion ({}){named}",
                    declared.level.name(),
                    computed.level.name()
                ),
            )
            .label("over-classified")
            .help(format!(
                "{help}; the declared banner stands until a reviewer lowers it"
            )),
        );
    }
}
