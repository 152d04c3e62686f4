//! R: what a release to one country would drop (`--release-to`).

pub(super) mod nonpaper_not_releasable_to_country;
pub(super) mod nothing_releasable;
pub(super) mod portion_dropped_on_release;
pub(super) mod reference_to_dropped_paragraph;
pub(super) mod reference_to_renumbered_paragraph;
