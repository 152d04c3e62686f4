//! C: cable header and paragraph references.

pub(super) mod broken_paragraph_reference;
pub(super) mod broken_ref_letter;
pub(super) mod image_not_sent;
pub(super) mod malformed_dtg;
pub(super) mod malformed_tag;
pub(super) mod missing_subject;
pub(super) mod paragraph_numbers_not_consecutive;
pub(super) mod subject_without_mark;
pub(super) mod unknown_precedence;
