//! Pieces of telegram text as the cable renderer prints them.

use crate::date::Date;
use crate::marking::Level;

/// `S E C R E T`, `C O N F I D E N T I A L`, `T O P S E C R E T`, `UNCLAS`.
pub fn spaced_level(level: Level) -> String {
    match level {
        Level::Unclassified => "UNCLAS".to_string(),
        other => other
            .name()
            .chars()
            .filter(|c| *c != ' ')
            .map(String::from)
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The date-time group as printed: `122056Z JUN 09`; an ISO 8601 date-time
/// is converted.
pub fn dtg_text(dtg: &str) -> String {
    let t = dtg.trim().to_ascii_uppercase();
    match Date::parse_dtg(&t) {
        Some(d) if t.contains('-') => {
            let time: String = t
                .split_once('T')
                .map(|(_, time)| time.chars().filter(char::is_ascii_digit).take(4).collect())
                .unwrap_or_default();
            format!(
                "{:02}{:0<4}Z {} {:02}",
                d.day,
                time,
                d.month_abbrev(),
                d.year.rem_euclid(100)
            )
        }
        _ => t,
    }
}
