//! M: marking syntax.

pub(super) mod duplicate_rel_to_code;
pub(super) mod legacy_mark_form;
pub(super) mod malformed_mark;
pub(super) mod noforn_with_rel_to;
pub(super) mod noforn_with_relido;
pub(super) mod rel_short_form_without_banner_list;
pub(super) mod rel_to_out_of_order;
pub(super) mod rel_to_usa_alone;
pub(super) mod rel_to_without_usa_first;
pub(super) mod unclassified_control_on_classified_portion;
pub(super) mod unknown_country_code;
