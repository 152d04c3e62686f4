//! R: what a release to one country would drop (`--release-to`).

use std::collections::BTreeSet;

use crate::check::{Diagnostic, Rule, Sink};
use crate::marking::Marking;
use crate::model::{Document, Origin};
use crate::release;

use super::banner::{origin_name, origin_span};
use super::cable::{find_in_source, paragraph_refs};

pub fn run(doc: &Document, country: &str, sink: &mut Sink) {
    let plan = release::plan(doc, country);
    for i in plan.dropped() {
        let p = &doc.portions[i];
        let mark = p
            .effective
            .as_ref()
            .map_or("with no mark".to_string(), Marking::portion);
        sink.report(
            Diagnostic::new(
                Rule::PortionDroppedOnRelease,
                origin_span(doc, Origin::Portion(i)),
                format!(
                    "{}, marked {mark}, is not releasable to {country} and would be dropped",
                    origin_name(doc, Origin::Portion(i))
                ),
            )
            .label(format!("dropped for {country}"))
            .help(format!(
                "nothing to do if intended; mark it `REL TO USA, {country}` if it may be released"
            )),
        );
    }
    if doc.subject.is_some() && !plan.subject_kept {
        sink.report(
            Diagnostic::new(
                Rule::PortionDroppedOnRelease,
                origin_span(doc, Origin::Subject),
                format!("the subject is not releasable to {country} and would be dropped"),
            )
            .label(format!("dropped for {country}"))
            .help(
                "mark the subject by what may be released, or accept a released version without it",
            ),
        );
    }
    for section in doc.sections.iter().filter(|s| s.nonpaper) {
        let heading = section.heading;
        let all_dropped = std::iter::once(heading)
            .chain(section.body())
            .all(|i| !plan.kept[i]);
        if all_dropped {
            sink.report(
                Diagnostic::new(
                    Rule::NonpaperNotReleasableToCountry,
                    origin_span(doc, Origin::Portion(heading)),
                    format!("the non-paper section is not releasable to {country}"),
                )
                .label(format!("nothing here may reach {country}"))
                .help(format!(
                    "mark the non-paper `REL TO USA, {country}` if it is meant for {country}"
                )),
            );
        }
    }
    if plan.kept_count() == 0 {
        let span = doc
            .portions
            .first()
            .map_or(crate::model::Span::default(), |p| {
                super::portion::first_line(doc, p.span)
            });
        sink.report(
            Diagnostic::new(
                Rule::NothingReleasable,
                span,
                format!("nothing in the document is releasable to {country}"),
            )
            .label("every portion would be dropped")
            .help("check the country, or the marks"),
        );
    }
    // Kept paragraphs that cite a dropped one.
    let dropped_numbers: BTreeSet<u32> = plan
        .dropped()
        .filter_map(|i| doc.portions[i].number)
        .collect();
    for (i, p) in doc
        .portions
        .iter()
        .enumerate()
        .filter(|(i, _)| plan.kept[*i])
    {
        for (n, _, whole) in paragraph_refs(&p.text()) {
            if dropped_numbers.contains(&n) {
                sink.report(
                    Diagnostic::new(
                        Rule::ReferenceToDroppedParagraph,
                        find_in_source(doc, doc.portions[i].span, &whole),
                        format!("refers to paragraph {n}, which the release to {country} drops"),
                    )
                    .label("dangling reference")
                    .help("reword the reference in the released version"),
                );
            }
        }
    }
}
