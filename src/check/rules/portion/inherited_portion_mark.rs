//! P005: with `--strict`, a portion that inherits its section's mark.

use crate::check::context::{kind_name, quote, Context};
use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::Marking;

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    if !ctx.options.strict {
        return;
    }
    for p in ctx.doc.portions.iter().filter(|p| p.inherited) {
        let mark = p
            .effective
            .as_ref()
            .map(Marking::portion)
            .unwrap_or_default();
        sink.report(
            Diagnostic::new(
                Rule::InheritedPortionMark,
                ctx.first_line(p.span),
                format!(
                    "{} inherits {mark} from its section (--strict)",
                    kind_name(p.kind)
                ),
            )
            .label("no mark of its own")
            .help(format!(
                "write the mark on the portion: `{mark} {}`",
                quote(&p.text())
            )),
        );
    }
}
