//! B005: profile `state`, portions without a release decision beside
//! portions with REL TO; one note names them.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::Profile;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.doc.profile != Profile::State {
        return;
    }
    let (rel, blocked) = ctx.rel_blocked();
    let Some((span, _, _)) = blocked.first() else {
        return;
    };
    let names: Vec<&str> = blocked.iter().map(|(_, n, _)| n.as_str()).collect();
    sink.report(
        Diagnostic::new(
            Rule::PortionWithoutReleaseDecision,
            *span,
            format!(
                "{} {} no release decision, so the banner is {} without {rel}",
                join_names(&names),
                if names.len() == 1 { "carries" } else { "carry" },
                ctx.rollup.banner.banner()
            ),
        )
        .label("no foreign disclosure marking")
        .help(format!(
            "nothing to do if they are not for release; else add `{rel}` to them"
        )),
    );
}

fn join_names(names: &[&str]) -> String {
    // A long list names the first few and counts the rest.
    const SHOWN: usize = 8;
    if names.len() > SHOWN + 1 {
        return format!(
            "{} and {} other portions",
            names[..SHOWN].join(", "),
            names.len() - SHOWN
        );
    }
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
