//! B: banner.

use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::{self, Marking, Profile, Rollup};
use crate::model::{Document, Origin, Span};

use super::portion::first_line;

pub fn run(doc: &Document, rollup: &Rollup, sink: &mut Sink) {
    let computed = &rollup.banner;
    if let Some(declared) = &doc.header.banner {
        compare(declared.span, &declared.value, computed, sink);
    }
    caption(doc, rollup, sink);
    if rollup.rel_blocked_by.is_empty() {
        return;
    }
    let contributors = doc.contributors();
    let rel = rollup
        .blocked_rel
        .as_ref()
        .map(|l| format!("REL TO {}", l.join(", ")))
        .unwrap_or_else(|| "REL TO".to_string());
    let blocked: Vec<(Span, String, Marking)> = rollup
        .rel_blocked_by
        .iter()
        .filter_map(|&i| contributors.get(i))
        .map(|(origin, m)| {
            (
                origin_span(doc, *origin),
                origin_name(doc, *origin),
                m.clone(),
            )
        })
        .collect();
    match doc.profile {
        Profile::Capco => {
            for (span, name, m) in &blocked {
                sink.report(
                    Diagnostic::new(
                        Rule::RelToBlockedByPortionWithoutFdr,
                        *span,
                        format!("{name} marked {} has no foreign disclosure marking, so the banner rolls up to NOFORN instead of {rel}", m.portion()),
                    )
                    .label("no REL TO")
                    .help(format!(
                        "add `{rel}` to this portion if it may be released, or accept `{}`",
                        rollup.banner.banner()
                    )),
                );
            }
        }
        Profile::State => {
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
                        rollup.banner.banner()
                    ),
                )
                .label("no foreign disclosure marking")
                .help(format!(
                    "nothing to do if they are not for release; else add `{rel}` to them"
                )),
            );
        }
    }
}

/// A NOFORN caption beside REL TO marks (B007).
fn caption(doc: &Document, rollup: &Rollup, sink: &mut Sink) {
    let Some(caption) = doc.noforn_caption() else {
        return;
    };
    let rel_banner = rollup.banner.rel.is_some()
        || (0..doc.sections.len())
            .filter_map(|i| doc.section_rollup(i))
            .any(|r| r.banner.rel.is_some());
    let rel_portion = doc
        .portions
        .iter()
        .find(|p| !p.inherited && p.effective.as_ref().is_some_and(|m| m.rel.is_some()));
    if !(rel_banner || rel_portion.is_some()) {
        return;
    }
    let what = match rel_portion.and_then(|p| p.effective.as_ref()) {
        Some(m) => format!("portions are marked {}", m.portion()),
        None => "the banner carries REL TO".to_string(),
    };
    sink.report(
        Diagnostic::new(
            Rule::CaptionContradictsBanner,
            caption.span,
            format!("the caption `{}` forbids foreign release, but {what}", caption.value),
        )
        .label("NOFORN caption")
        .help("remove the caption if the REL TO marks are right, or mark those portions NOFORN; until then nothing in the document is releasable"),
    );
}

/// True when `wider` releases to more than `narrower` or is lower: declaring
/// it would lower the banner.
fn is_lower(wider: &Marking, narrower: &Marking) -> bool {
    let w = wider.releasable(None);
    let n = narrower.releasable(None);
    wider.level < narrower.level || (w.covers(&n) && w != n)
}

fn compare(span: Span, written: &str, computed: &Marking, sink: &mut Sink) {
    let declared = match marking::parse(written) {
        Ok(p) => p.marking,
        Err(e) => {
            sink.report(
                Diagnostic::new(
                    Rule::UnreadableBanner,
                    span,
                    format!("declared banner `{written}` cannot be read: {e}"),
                )
                .label("unreadable banner")
                .help(format!(
                    "declare `banner: {}`, the roll-up of the portions",
                    computed.banner()
                )),
            );
            return;
        }
    };
    let fix = format!("declare `banner: {}`", computed.banner());
    if declared.level < computed.level {
        sink.report(
            Diagnostic::new(
                Rule::BannerUnderClassified,
                span,
                format!(
                    "declared banner {} is lower than the portions' {}",
                    declared.level.name(),
                    computed.level.name()
                ),
            )
            .label("under-classified")
            .help(fix.clone()),
        );
    } else if declared.level > computed.level {
        sink.report(
            Diagnostic::new(
                Rule::BannerOverClassified,
                span,
                format!(
                    "declared banner {} is higher than any portion ({})",
                    declared.level.name(),
                    computed.level.name()
                ),
            )
            .label("over-classified")
            .help(format!(
                "mark the portion that holds {} information with its level; the declared banner stands until a reviewer lowers it",
                declared.level.name()
            )),
        );
    }
    let controls = |m: &Marking| {
        (
            m.noforn,
            m.sbu_noforn,
            m.expanded_rel(),
            m.rel.is_some(),
            m.relido,
            m.sbu,
            m.fouo,
        )
    };
    if controls(&declared) != controls(computed) {
        let strip = |m: &Marking| {
            let b = m.banner();
            match b.split_once("//") {
                Some((_, c)) => c.to_string(),
                None => "none".to_string(),
            }
        };
        sink.report(
            Diagnostic::new(
                Rule::BannerControlsDiffer,
                span,
                format!(
                    "declared banner controls `{}` differ from the roll-up `{}`",
                    strip(&declared),
                    strip(computed)
                ),
            )
            .label(format!("the portions give {}", computed.banner()))
            .help(if is_lower(computed, &declared) {
                format!(
                    "the portions give `{}`, less restrictive than the declared banner: mark the portions that need the declared controls with them (the banner is not lowered)",
                    computed.banner()
                )
            } else {
                fix
            }),
        );
    }
}

pub(crate) fn origin_span(doc: &Document, origin: Origin) -> Span {
    match origin {
        Origin::Subject => doc.subject.as_ref().map_or(Span::default(), |s| {
            s.mark.as_ref().map_or(s.span, |m| m.span)
        }),
        Origin::Portion(i) => {
            let p = &doc.portions[i];
            p.mark.as_ref().map_or(first_line(doc, p.span), |m| m.span)
        }
    }
}

pub(crate) fn origin_name(doc: &Document, origin: Origin) -> String {
    match origin {
        Origin::Subject => "the subject".to_string(),
        Origin::Portion(i) => {
            let p = &doc.portions[i];
            match p.number {
                Some(n) => format!("paragraph {n}"),
                None => {
                    let (line, _) = doc.line_col(p.span.start);
                    format!("the portion on line {line}")
                }
            }
        }
    }
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
