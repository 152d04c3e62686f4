//! C007: a reference letter (`Ref E`) the `refs:` list does not have.

use std::sync::LazyLock;

use regex::Regex;

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::ref_letter;

static REF_LETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)\b(?:Ref|REF|ref)s?\.?[ \t\n]+([A-Z])\b")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    let count = ctx.doc.header.refs.len();
    for p in &ctx.doc.portions {
        let text = p.text();
        for caps in REF_LETTER.captures_iter(&text) {
            let Some(letter) = caps.get(1).and_then(|m| m.as_str().chars().next()) else {
                continue;
            };
            let index = (letter as u32).saturating_sub('A' as u32) as usize;
            if index >= count {
                let whole = caps.get(0).map_or("", |m| m.as_str());
                let have = match count {
                    0 => "no references".to_string(),
                    1 => "reference A only".to_string(),
                    n => format!("references A to {}", ref_letter(n - 1)),
                };
                sink.report(
                    Diagnostic::new(
                        Rule::BrokenRefLetter,
                        ctx.find_in_source(p.span, whole),
                        format!("Ref {letter} is not in the references"),
                    )
                    .label(format!("the front matter lists {have}"))
                    .help("add the reference to `refs:`, or correct the letter"),
                );
            }
        }
    }
}
