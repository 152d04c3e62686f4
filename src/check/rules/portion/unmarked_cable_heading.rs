//! P013: an unmarked layout line of an imported cable whose classification
//! is declared: a dash-ruled heading, one in capitals or one in title case
//! above a numbered paragraph, a section break, or a closing line (`End
//! list.`).

use crate::check::context::Context;
use crate::check::{Diagnostic, Rule, Sink};
use crate::model::{Portion, PortionKind};

pub(crate) fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.doc.declared_unclassified() {
        return;
    }
    for p in &ctx.doc.portions {
        if applies(ctx, p) {
            sink.report(
                Diagnostic::new(
                    Rule::UnmarkedCableHeading,
                    ctx.first_line(p.span),
                    format!(
                        "{} is an unmarked layout line of the cable (a ruled heading, a section break or a closing line)",
                        ctx.the_portion(p)
                    ),
                )
                .label("no portion mark; never released")
                .help("nothing for an archived cable; in a draft, mark it `(U)` or drop the rule lines"),
            );
        }
    }
}

/// True for an unmarked top-level paragraph of an imported cable (one
/// that records its end line) whose classification is declared, when the
/// paragraph is a dash-ruled heading of a few words or a short closing line.
pub(crate) fn applies(ctx: &Context, p: &Portion) -> bool {
    let h = &ctx.doc.header;
    if h.banner.is_none()
        || h.as_written.end.is_none()
        || p.mark.is_some()
        || p.effective.is_some()
        || !p.inner_marks.is_empty()
        || p.parent.is_some()
        || p.kind != PortionKind::Paragraph
    {
        return false;
    }
    let text = p.text();
    if layout_line(&text) {
        return true;
    }
    // A heading in title case right above a numbered paragraph
    // (`Working the Lebanon Connection`).
    let next = ctx
        .doc
        .portions
        .iter()
        .skip_while(|q| !std::ptr::eq(*q, p))
        .skip(1)
        .find(|q| q.parent.is_none());
    next.is_some_and(|q| q.number.is_some() || matches!(q.kind, PortionKind::Heading { .. }))
        && title_heading(&text)
}

/// A few capitalised words on one line with no sentence in them and
/// nothing of a mark, a control or a number: `Indian HC Meets Nawaz
/// Sharif`, `Comment: Beginning a Relationship`.
pub(crate) fn title_heading(text: &str) -> bool {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() >= 4).collect();
    let capitalised = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    (2..=10).contains(&words.len())
        && t.chars().count() <= 80
        && !t.contains(['\n', '\r'])
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(['.', ',', ';', '!', '?', ':', '"', ')'])
        && capitalised * 2 >= long.len()
        && !words
            .iter()
            .any(|w| w.bytes().filter(u8::is_ascii_digit).count() >= 3)
        && crate::source::detect::bare_controls(t).is_empty()
        && crate::source::detect::scan(t, &[]).is_empty()
}

/// `------- Summary -------`, `Summary -------`, `End list.`, `END NOTE`,
/// and a multi-section cable's section-break line (`PARIS 00000170  002 OF
/// 004`).
pub(crate) fn layout_line(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let section_break = match words.as_slice() {
        [.., serial, section, of, total] => {
            serial.len() >= 5
                && serial.bytes().all(|b| b.is_ascii_digit())
                && section.trim_end_matches(".2").len() == 3
                && section.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && *of == "OF"
                && total.len() == 3
                && total.bytes().all(|b| b.is_ascii_digit())
                && words.len() <= 8
                && words[..words.len() - 3].iter().all(|w| {
                    w.bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                })
        }
        _ => false,
    };
    if section_break {
        return true;
    }
    let rule = |w: &str| w.len() >= 3 && w.chars().all(|c| c == '-' || c == '=' || c == '*');
    // An asterisk rule alone (`*****`, before a signature).
    if !words.is_empty() && words.iter().all(|w| w.chars().all(|c| c == '*')) {
        return words.iter().map(|w| w.len()).sum::<usize>() >= 3;
    }
    let ruled = words.first().is_some_and(|w| rule(w)) || words.last().is_some_and(|w| rule(w));
    let content: Vec<&str> = words.iter().copied().filter(|w| !rule(w)).collect();
    if ruled {
        // A heading of a few words: no sentence in it (an ellipsis is not
        // one's end, nor an abbreviation: `U.S.`, `Mr.`).
        return content.len() <= 14
            && !content.iter().any(|w| {
                w.ends_with('.')
                    && !w.ends_with("...")
                    && !w.trim_end_matches('.').contains('.')
                    && w.chars().count() > 3
            });
    }
    // A heading in capitals of a few words (`FAMILY VISITS`, `ROLLING THE
    // DICE`), between numbered paragraphs: no sentence, no mark.
    let capitals = !content.is_empty()
        && content.len() <= 10
        && text.chars().any(char::is_alphabetic)
        && text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
        && !text.trim_end().ends_with(['.', ';', ':'])
        // Never one that names a classification or a control, or carries
        // a number (fail closed: it stays a missing mark).
        && !content.iter().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_uppercase();
            w.bytes().filter(u8::is_ascii_digit).count() >= 3
                || crate::cable::names_classification(&w)
        });
    if capitals {
        return true;
    }
    match content.as_slice() {
        [first, rest @ ..] if first.eq_ignore_ascii_case("end") && rest.len() <= 3 => {
            rest.iter().all(|w| {
                w.trim_end_matches(['.', ':'])
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '/')
            })
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::layout_line;

    #[test]
    fn layout_lines() {
        for t in [
            "------- Summary -------",
            "------- Background and Comment -------",
            "---------- The Opposition Has Failed... ----------",
            "End list.",
            "END NOTE",
            "End talking points/non-paper.",
            "PARIS 00000170  002 OF 004",
            "TRIPOLI 00000063  002.2 OF 002",
            "*****",
            "BUT REMAINS AT THE MEDICAL CENTER",
            "A BIGGER, MORE VISIBLE U.S. FOOTPRINT IN LIBYA",
            "---------- IDB and Colombian Ambassador to the U.S. Luis Alberto Moreno ----------",
        ] {
            assert!(layout_line(t), "{t}");
        }
        for t in [
            "Indian HC Meets Nawaz Sharif",
            "Comment: Beginning a Relationship",
            "For the Ambassador or Charge",
        ] {
            assert!(super::title_heading(t), "{t}");
        }
        for t in [
            "Summary",
            "The minister said the plan would go ahead.",
            "S/NF Source Meets Minister",
            "Meeting of 12 December 2009",
            "the minister said",
        ] {
            assert!(!super::title_heading(t), "{t}");
        }
        for t in [
            "------- The minister said the plan is secret. -------",
            "End of the day, the minister said the plan would go ahead.",
            "Summary",
            "THE MINISTER SAID THE PLAN WILL GO AHEAD.",
            "PARIS SAID 00000170 TIMES 002 OF 004 WERE SECRET",
        ] {
            assert!(!layout_line(t), "{t}");
        }
    }
}
