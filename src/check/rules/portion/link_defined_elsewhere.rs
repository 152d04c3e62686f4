//! P014: a reference-style link whose address is defined outside its
//! own block.

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for &(link, def) in &ctx.doc.foreign_links {
        let message = match def {
            Some(d) => format!(
                "this link's address is defined on line {}, outside its block: the address would be printed under this block's mark",
                ctx.doc.line_col(d.start).0
            ),
            None => "this link's address is defined outside its block".to_string(),
        };
        sink.report(
            Diagnostic::new(Rule::LinkDefinedElsewhere, ctx.first_line(link), message)
                .label("reference-style link")
                .help("write the address in the link: `[text](<https://…>)`"),
        );
    }
}
