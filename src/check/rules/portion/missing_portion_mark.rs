//! P001: a portion with no mark, and none to inherit.

use crate::check::context::{quote, Context};
use crate::check::{Diagnostic, Rule, Sink};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    // In a document declared unclassified an unmarked portion is
    // unclassified: not asked for (a release still leaves it out).
    if ctx.doc.declared_unclassified() {
        return;
    }
    for (i, p) in ctx.doc.portions.iter().enumerate() {
        if p.mark.is_some() || p.effective.is_some() {
            continue;
        }
        // A declared cable's layout line (P013, a warning).
        if super::unmarked_cable_heading::applies(ctx, p) {
            continue;
        }
        let example = quote(&p.text());
        sink.report(
            Diagnostic::new(
                Rule::MissingPortionMark,
                ctx.first_line(p.span),
                format!("{} has no portion mark", ctx.portion_name(p)),
            )
            .label("no portion mark")
            .help(help(ctx, i, &ctx.the_portion(p), &example)),
        );
    }
}

/// The enclosing portion's or section's mark, or the banner's level; never
/// `(U)` by default (a help never lowers a mark).
fn help(ctx: &Context, i: usize, the_what: &str, example: &str) -> String {
    let doc = ctx.doc;
    let p = &doc.portions[i];
    let enclosing = p
        .parent
        .and_then(|k| doc.portions.get(k))
        .and_then(|q| q.effective.as_ref())
        .map(|m| (m.portion(), "the block it belongs to"))
        .or_else(|| ctx.section_ceiling(i).map(|m| (m.portion(), "its section")));
    let example = if example.is_empty() {
        String::new()
    } else {
        format!(" {example}")
    };
    match enclosing {
        Some((mark, whose)) => format!(
            "start {the_what} with its mark, at least as restrictive as {whose}'s unless its content is lower: e.g. `{mark}{example}`"
        ),
        None => {
            let banner = &doc.banners.document;
            if banner.level.is_classified() {
                format!(
                    "start {the_what} with the mark its content requires; the document is {}, so e.g. `({}){example}` unless the content is lower",
                    banner.banner(),
                    banner.level.abbrev()
                )
            } else {
                format!(
                    "start {the_what} with the mark its content requires: `(U)`, `(C)`, `(S)` or `(TS)`, with its controls (e.g. `(S//NF)`)"
                )
            }
        }
    }
}
