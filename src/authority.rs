//! The classification authority block: EO §1.4 reasons and the executive
//! order in force, shared by the checks and the renderers.

use crate::date::Date;

/// EO 13526 took effect on 27 June 2010 (180 days after signature).
pub const EO_13526_IN_FORCE: Date = Date {
    year: 2010,
    month: 6,
    day: 27,
};

/// `b` from `b`, `(b)`, `1.4(b)`, `1.4 (B)`.
pub fn normal_reason(text: &str) -> Option<char> {
    let t = text.trim().to_ascii_lowercase();
    let t = t.strip_prefix("1.4").unwrap_or(&t).trim();
    let t = t.trim_start_matches('(').trim_end_matches(')').trim();
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(c @ 'a'..='h'), None) => Some(c),
        _ => None,
    }
}

/// 12958 or 13526 from `E.O. 12958`, `EO 13526`, `13526`.
pub fn normal_order(text: &str) -> Option<u32> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    match digits.as_str() {
        "12958" => Some(12958),
        "13526" => Some(13526),
        _ => None,
    }
}
