//! C003: a TAGS entry that is not an upper-case subject or country tag.

use std::sync::LazyLock;

use regex::Regex;

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][A-Z0-9]{1,5}|[A-Z]{4} \([^()]+\))$")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    for tag in &ctx.doc.header.tags {
        if !TAG.is_match(tag.value.trim()) {
            sink.report(
                Diagnostic::new(
                    Rule::MalformedTag,
                    tag.span,
                    format!("`{}` is not a TAGS entry", tag.value),
                )
                .label("malformed tag")
                .help(
                    "write upper-case subject and country tags, one per entry: `tags: [PREL, TW]`",
                ),
            );
        }
    }
}
