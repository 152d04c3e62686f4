//! Calendar dates for the authority block: the DTG, declassification
//! dates and the executive order in force. No clock is ever read.

use std::fmt;

/// A proleptic Gregorian date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if is_leap(year) => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days).then_some(Date { year, month, day })
    }

    /// The same day `years` later (29 February becomes 28 February).
    pub fn add_years(self, years: i32) -> Date {
        let year = self.year + years;
        Date::new(year, self.month, self.day).unwrap_or(Date {
            year,
            month: self.month,
            day: 28,
        })
    }

    /// `JUN`: the month as a date-time group writes it.
    pub fn month_abbrev(self) -> &'static str {
        MONTHS[usize::from(self.month.clamp(1, 12)) - 1]
    }

    /// `MM/DD/YYYY`, as on a cable's E.O. line.
    pub fn us(self) -> String {
        format!("{:02}/{:02}/{:04}", self.month, self.day, self.year)
    }

    /// From days since 1970-01-01 (for `SOURCE_DATE_EPOCH`).
    pub fn from_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = if m <= 2 { y + 1 } else { y };
        Date {
            year: y as i32,
            month: m,
            day: d,
        }
    }

    /// Reads `2034-06-12`, `20340612`, `06/12/2034` or `6/12/2034`.
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.trim();
        let t = t.split(['T', ' ']).next().unwrap_or(t);
        if let Some((y, rest)) = t.split_once('-') {
            let (m, d) = rest.split_once('-')?;
            return Date::new(num(y, 4)?, num(m, 2)? as u8, num(d, 2)? as u8);
        }
        if let Some((m, rest)) = t.split_once('/') {
            let (d, y) = rest.split_once('/')?;
            if y.len() == 4 {
                return Date::new(num(y, 4)?, num(m, 2)? as u8, num(d, 2)? as u8);
            }
            // `2019/12/17`, seen in real cables.
            if m.len() == 4 {
                return Date::new(num(m, 4)?, num(d, 2)? as u8, num(y, 2)? as u8);
            }
            return None;
        }
        if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
            return Date::new(
                num(&t[..4], 4)?,
                num(&t[4..6], 2)? as u8,
                num(&t[6..], 2)? as u8,
            );
        }
        None
    }

    /// Reads a date-time group: `122056Z JUN 09` (the cable form) or an
    /// ISO 8601 date or date-time.
    pub fn parse_dtg(text: &str) -> Option<Date> {
        let t = text.trim().to_ascii_uppercase();
        let parts: Vec<&str> = t.split_whitespace().collect();
        if let [dhm, mon, yy] = parts.as_slice() {
            let dhm = dhm.strip_suffix('Z')?;
            if dhm.len() != 6 || !dhm.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let hour: u8 = dhm[2..4].parse().ok()?;
            let minute: u8 = dhm[4..6].parse().ok()?;
            if hour > 23 || minute > 59 {
                return None;
            }
            let month = MONTHS.iter().position(|m| m == mon)? as u8 + 1;
            let year = match yy.len() {
                2 => 2000 + num(yy, 2)?,
                4 => num(yy, 4)?,
                _ => return None,
            };
            return Date::new(year, month, dhm[..2].parse().ok()?);
        }
        if t.len() >= 10 && t.as_bytes().get(4) == Some(&b'-') {
            return Date::parse(&t[..10]);
        }
        None
    }
}

fn num(s: &str, max_len: usize) -> Option<i32> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dtg() {
        assert_eq!(Date::parse_dtg("122056Z JUN 09"), Date::new(2009, 6, 12));
        assert_eq!(Date::parse_dtg("2009-06-12T20:56Z"), Date::new(2009, 6, 12));
        assert_eq!(Date::parse_dtg("122056 JUN 09"), None);
        assert_eq!(Date::parse_dtg("322056Z JUN 09"), None);
        assert_eq!(Date::parse_dtg("122096Z JUN 09"), None);
        assert_eq!(Date::parse_dtg("122056Z JUX 09"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2034-06-12"), Date::new(2034, 6, 12));
        assert_eq!(Date::parse("06/12/2034"), Date::new(2034, 6, 12));
        assert_eq!(Date::parse(" 5/10/2010"), Date::new(2010, 5, 10));
        assert_eq!(Date::parse("2019/12/17"), Date::new(2019, 12, 17));
        assert_eq!(Date::parse("20340612"), Date::new(2034, 6, 12));
        assert_eq!(Date::parse("2034-02-30"), None);
        assert_eq!(
            Date::new(2009, 6, 12).map(|d| d.us()),
            Some("06/12/2009".into())
        );
        assert_eq!(
            Date::from_days(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            Date::from_days(14407),
            Date {
                year: 2009,
                month: 6,
                day: 12
            }
        );
    }
}
