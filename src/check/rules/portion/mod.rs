//! P: portions.

pub(super) mod hidden_control_character;
pub(super) mod inherited_portion_mark;
pub(super) mod link_defined_elsewhere;
pub(super) mod mark_in_header_data;
pub(super) mod mark_in_raw_html;
pub(super) mod mark_inside_portion;
pub(super) mod missing_portion_mark;
pub(super) mod multiple_portion_marks;
pub(super) mod nonpaper_not_releasable;
pub(super) mod portion_exceeds_section_mark;
pub(super) mod raw_html;
pub(super) mod setext_heading;
pub(super) mod undrawable_character;
pub(super) mod unmarked_cable_heading;
