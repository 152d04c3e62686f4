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
    let t = t.trim_end_matches('.');
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(c @ 'a'..='h'), None) => Some(c),
        _ => None,
    }
}

/// The letters of a reasons entry written as drafters write it:
/// `1.4(b), (d)`, `1.4 (b) and (d)`, `b/d`, `(b)`. `None` unless every
/// piece is a category a–h.
pub fn reason_letters(text: &str) -> Option<Vec<char>> {
    let t = text.trim().to_ascii_lowercase();
    let t = t
        .strip_prefix("reasons")
        .or_else(|| t.strip_prefix("reason"))
        .unwrap_or(&t);
    let t = t.trim().strip_prefix("1.4").unwrap_or(t.trim());
    let pieces: Vec<String> = t
        .replace(" and ", ",")
        .split([',', '/', ' ', '&'])
        .map(|p| p.trim().trim_end_matches('.').to_string())
        .filter(|p| !p.is_empty() && p != "and")
        .collect();
    let letters: Option<Vec<char>> = pieces.iter().map(|p| normal_reason(p)).collect();
    letters.filter(|l| !l.is_empty())
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
