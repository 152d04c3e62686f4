//! The rules: one file per rule, `<group>/<rule_name>.rs`, each with a
//! `check` that reports only its own rule (a debug build asserts it). The
//! two lists are what [`super::check`] runs, in two halves side by side.

mod authority;
mod banner;
mod cable;
mod marking;
mod portion;
mod release;
mod word;

use super::context::Context;
use super::{Rule, Sink};

/// A rule's check: reads the context, reports to the sink.
pub(super) type Check = fn(&Context<'_>, &mut Sink);

/// The rules that walk the model: marks, portions, banner, authority block.
pub(super) const MODEL: &[(Rule, Check)] = &[
    (Rule::MalformedMark, marking::malformed_mark::check),
    (Rule::LegacyMarkForm, marking::legacy_mark_form::check),
    (
        Rule::UnknownCountryCode,
        marking::unknown_country_code::check,
    ),
    (Rule::RelToOutOfOrder, marking::rel_to_out_of_order::check),
    (
        Rule::DuplicateRelToCode,
        marking::duplicate_rel_to_code::check,
    ),
    (Rule::RelToUsaAlone, marking::rel_to_usa_alone::check),
    (Rule::NofornWithRelTo, marking::noforn_with_rel_to::check),
    (
        Rule::RelShortFormWithoutBannerList,
        marking::rel_short_form_without_banner_list::check,
    ),
    (
        Rule::RelToWithoutUsaFirst,
        marking::rel_to_without_usa_first::check,
    ),
    (
        Rule::UnclassifiedControlOnClassifiedPortion,
        marking::unclassified_control_on_classified_portion::check,
    ),
    (Rule::NofornWithRelido, marking::noforn_with_relido::check),
    (
        Rule::MissingPortionMark,
        portion::missing_portion_mark::check,
    ),
    (
        Rule::PortionExceedsSectionMark,
        portion::portion_exceeds_section_mark::check,
    ),
    (
        Rule::MultiplePortionMarks,
        portion::multiple_portion_marks::check,
    ),
    (
        Rule::NonpaperNotReleasable,
        portion::nonpaper_not_releasable::check,
    ),
    (
        Rule::InheritedPortionMark,
        portion::inherited_portion_mark::check,
    ),
    (Rule::MarkInRawHtml, portion::mark_in_raw_html::check),
    (Rule::RawHtml, portion::raw_html::check),
    (
        Rule::HiddenControlCharacter,
        portion::hidden_control_character::check,
    ),
    (Rule::MarkInsidePortion, portion::mark_inside_portion::check),
    (Rule::MarkInHeaderData, portion::mark_in_header_data::check),
    (Rule::SetextHeading, portion::setext_heading::check),
    (
        Rule::LinkDefinedElsewhere,
        portion::link_defined_elsewhere::check,
    ),
    (
        Rule::UndrawableCharacter,
        portion::undrawable_character::check,
    ),
    (
        Rule::UnmarkedCableHeading,
        portion::unmarked_cable_heading::check,
    ),
    (
        Rule::BannerUnderClassified,
        banner::banner_under_classified::check,
    ),
    (
        Rule::BannerOverClassified,
        banner::banner_over_classified::check,
    ),
    (
        Rule::BannerControlsDiffer,
        banner::banner_controls_differ::check,
    ),
    (
        Rule::RelToBlockedByPortionWithoutFdr,
        banner::rel_to_blocked_by_portion_without_fdr::check,
    ),
    (
        Rule::PortionWithoutReleaseDecision,
        banner::portion_without_release_decision::check,
    ),
    (Rule::UnreadableBanner, banner::unreadable_banner::check),
    (
        Rule::CaptionContradictsBanner,
        banner::caption_contradicts_banner::check,
    ),
    (
        Rule::MissingClassifiedBy,
        authority::missing_classified_by::check,
    ),
    (
        Rule::MissingClassificationReason,
        authority::missing_classification_reason::check,
    ),
    (
        Rule::MissingDeclassification,
        authority::missing_declassification::check,
    ),
    (
        Rule::UnknownClassificationReason,
        authority::unknown_classification_reason::check,
    ),
    (
        Rule::DeclassificationBeyond25Years,
        authority::declassification_beyond_25_years::check,
    ),
    (
        Rule::DeclassificationNotAfterDocumentDate,
        authority::declassification_not_after_document_date::check,
    ),
    (
        Rule::ProhibitedDeclassificationMarking,
        authority::prohibited_declassification_marking::check,
    ),
    (
        Rule::OrderDoesNotMatchDate,
        authority::order_does_not_match_date::check,
    ),
    (
        Rule::UnreadableDeclassification,
        authority::unreadable_declassification::check,
    ),
    (
        Rule::ImpossibleDeclassificationDate,
        authority::impossible_declassification_date::check,
    ),
    (
        Rule::HeaderBannerDiffers,
        word::header_banner_differs::check,
    ),
    (
        Rule::MarkInHiddenContent,
        word::mark_in_hidden_content::check,
    ),
    (
        Rule::TextInHiddenContent,
        word::text_in_hidden_content::check,
    ),
    (
        Rule::MarkInDocumentProperty,
        word::mark_in_document_property::check,
    ),
    (
        Rule::TextInDocumentProperty,
        word::text_in_document_property::check,
    ),
];

/// The rules that scan the text: cable references, and a release's plan.
pub(super) const TEXT: &[(Rule, Check)] = &[
    (Rule::MalformedDtg, cable::malformed_dtg::check),
    (Rule::UnknownPrecedence, cable::unknown_precedence::check),
    (Rule::MalformedTag, cable::malformed_tag::check),
    (Rule::SubjectWithoutMark, cable::subject_without_mark::check),
    (
        Rule::BrokenParagraphReference,
        cable::broken_paragraph_reference::check,
    ),
    (
        Rule::ParagraphNumbersNotConsecutive,
        cable::paragraph_numbers_not_consecutive::check,
    ),
    (Rule::BrokenRefLetter, cable::broken_ref_letter::check),
    (Rule::MissingSubject, cable::missing_subject::check),
    (Rule::ImageNotSent, cable::image_not_sent::check),
    (
        Rule::PortionDroppedOnRelease,
        release::portion_dropped_on_release::check,
    ),
    (
        Rule::NonpaperNotReleasableToCountry,
        release::nonpaper_not_releasable_to_country::check,
    ),
    (Rule::NothingReleasable, release::nothing_releasable::check),
    (
        Rule::ReferenceToDroppedParagraph,
        release::reference_to_dropped_paragraph::check,
    ),
    (
        Rule::ReferenceToRenumberedParagraph,
        release::reference_to_renumbered_paragraph::check,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_rule_runs_once_and_has_its_file() {
        for &rule in Rule::ALL {
            let runs = MODEL.iter().chain(TEXT).filter(|(r, _)| *r == rule).count();
            let expected = usize::from(!rule.removed());
            assert_eq!(runs, expected, "{} runs {runs} times", rule.code());
            if rule.removed() {
                continue;
            }
            let group = match &rule.code()[..1] {
                "M" => "marking",
                "P" => "portion",
                "B" => "banner",
                "A" => "authority",
                "C" => "cable",
                "W" => "word",
                _ => "release",
            };
            let file = format!(
                "src/check/rules/{group}/{}.rs",
                rule.name().replace('-', "_")
            );
            assert!(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(&file).exists(),
                "{}: no {file}",
                rule.code()
            );
        }
    }
}
