//! B: banner.

pub(super) mod banner_controls_differ;
pub(super) mod banner_over_classified;
pub(super) mod banner_under_classified;
pub(super) mod caption_contradicts_banner;
pub(super) mod portion_without_release_decision;
pub(super) mod rel_to_blocked_by_portion_without_fdr;
pub(super) mod unreadable_banner;
