//! A: the classification authority block.

pub(super) mod declassification_beyond_25_years;
pub(super) mod declassification_not_after_document_date;
pub(super) mod impossible_declassification_date;
pub(super) mod missing_classification_reason;
pub(super) mod missing_classified_by;
pub(super) mod missing_declassification;
pub(super) mod order_does_not_match_date;
pub(super) mod prohibited_declassification_marking;
pub(super) mod unknown_classification_reason;
pub(super) mod unreadable_declassification;
