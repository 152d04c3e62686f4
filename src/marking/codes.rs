//! Country trigraphs and tetragraphs: lookup, names, expansion.

use super::countries::COUNTRIES;

/// A decomposable tetragraph and its member countries (CAPCO Register Annex A;
/// Table 3 rule 23 allows TEYE, ACGU and FVEY to be expanded for roll-up).
pub(crate) static DECOMPOSABLE: &[(&str, &[&str])] = &[
    ("ACGU", &["AUS", "CAN", "GBR", "USA"]),
    ("FVEY", &["AUS", "CAN", "GBR", "NZL", "USA"]),
    ("TEYE", &["AUS", "GBR", "USA"]),
];

/// Tetragraphs of the Register's Annex A that are opaque for roll-up: they
/// survive into a banner only when every REL TO list names them literally.
pub(crate) static OPAQUE_TETRAGRAPHS: &[&str] = &[
    "AIAG", "APFS", "BWCS", "CFCK", "CMFC", "CMFP", "CPMT", "CWCS", "EFOR", "EUDA", "GCTF", "GFIT",
    "GMIF", "IESC", "ISAF", "KFOR", "MCFI", "MIFH", "MLEC", "NACT", "NATO", "OSTY", "RMAD", "SFOR",
    "SPAA", "UNCK",
];

/// What a code in a REL TO list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Trigraph,
    Tetragraph,
}

/// Classifies a code written in a REL TO list, if it is known.
pub fn code_kind(code: &str) -> Option<CodeKind> {
    if is_trigraph(code) {
        Some(CodeKind::Trigraph)
    } else if is_tetragraph(code) {
        Some(CodeKind::Tetragraph)
    } else {
        None
    }
}

pub fn is_trigraph(code: &str) -> bool {
    code.len() == 3
        && COUNTRIES
            .binary_search_by(|(c, _, _)| (*c).cmp(code))
            .is_ok()
}

pub fn is_tetragraph(code: &str) -> bool {
    DECOMPOSABLE.iter().any(|(t, _)| *t == code) || OPAQUE_TETRAGRAPHS.contains(&code)
}

/// Members of a decomposable tetragraph (FVEY, TEYE, ACGU).
pub fn members(code: &str) -> Option<&'static [&'static str]> {
    DECOMPOSABLE
        .iter()
        .find(|(t, _)| *t == code)
        .map(|(_, m)| *m)
}

/// A trigraph or tetragraph of the Register, as the static code.
pub fn known_code(code: &str) -> Option<&'static str> {
    if let Ok(i) = COUNTRIES.binary_search_by(|(c, _, _)| (*c).cmp(code)) {
        return Some(COUNTRIES[i].0);
    }
    DECOMPOSABLE
        .iter()
        .map(|(t, _)| *t)
        .chain(OPAQUE_TETRAGRAPHS.iter().copied())
        .find(|t| *t == code)
}

/// How a country name is compared: upper case, `,`, `(`, `)`, `-` and
/// `.` between words read as spaces, the article `THE` left out, so
/// `Congo, The Democratic Republic of the`, `DEMOCRATIC REPUBLIC OF (THE)
/// CONGO` and `DEMOCRATIC REPUBLIC OF CONGO` are one name.
pub fn name_key(name: &str) -> String {
    let upper = name.to_uppercase().replace('\u{2019}', "'");
    upper
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '-'))
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty() && *w != "THE")
        .collect::<Vec<_>>()
        .join(" ")
}

/// Names refused as ambiguous.
const AMBIGUOUS_NAMES: &[&str] = &["CONGO", "KOREA"];

/// Every accepted name, by [`name_key`]. A key two countries share (none
/// today; a unit test keeps it so) would resolve to neither.
static NAMES: std::sync::LazyLock<std::collections::HashMap<String, Option<&'static str>>> =
    std::sync::LazyLock::new(|| {
        let mut map: std::collections::HashMap<String, Option<&'static str>> =
            std::collections::HashMap::new();
        for (code, short, others) in COUNTRIES {
            for name in std::iter::once(*short).chain(others.iter().copied()) {
                let key = name_key(name);
                // Names that stand for two countries in use (`CONGO`: the
                // Republic or the DRC; `KOREA`: South or North) read as
                // neither (fail closed).
                if AMBIGUOUS_NAMES.contains(&key.as_str()) {
                    continue;
                }
                match map.get(&key) {
                    Some(Some(c)) if c != code => {
                        map.insert(key, None);
                    }
                    Some(_) => {}
                    None => {
                        map.insert(key, Some(*code));
                    }
                }
            }
        }
        map
    });

/// The trigraph for a whole country name as written in legacy marks
/// (`TAIWAN`, `REPUBLIC OF CHINA` → `TWN`; `KOREA, REPUBLIC OF` → `KOR`),
/// or for a trigraph itself. Case-insensitive. A part of a name
/// (`REPUBLIC`, `NORTHERN IRELAND`) is no name.
pub fn country_code(name: &str) -> Option<&'static str> {
    let trimmed = name.trim();
    if trimmed.len() == 3 {
        if let Ok(i) =
            COUNTRIES.binary_search_by(|(c, _, _)| (*c).cmp(trimmed.to_uppercase().as_str()))
        {
            return Some(COUNTRIES[i].0);
        }
    }
    NAMES.get(&name_key(trimmed)).copied().flatten()
}

/// Every name key that two countries share (must be none).
pub fn ambiguous_names() -> Vec<String> {
    NAMES
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(k, _)| k.clone())
        .collect()
}

/// The ISO short name of a trigraph, for messages.
pub fn country_name(code: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, name, _)| *name)
}

/// Upper-case English name used by the State legacy form (`TAIWAN` for
/// `TWN`): the ISO short name when it reads as a plain name, else the
/// shortest accepted one, so `(SECRET REL TAIWAN)` rather than
/// `(SECRET REL TAIWAN, PROVINCE OF CHINA)`.
pub fn legacy_name(code: &str) -> String {
    let Some((_, short, others)) = COUNTRIES.iter().find(|(c, _, _)| *c == code) else {
        return code.to_string();
    };
    let usable = |n: &str| !n.contains(',') && n.len() > 3 && n.is_ascii();
    let short = short.to_uppercase();
    if usable(&short) {
        return short;
    }
    others
        .iter()
        .filter(|n| usable(n))
        .min_by_key(|n| (n.len(), **n))
        .map(|n| n.to_string())
        .unwrap_or_else(|| code.to_string())
}

/// Canonical order of a REL TO list (CAPCO Register p.150; ISM-ID-00041):
/// `USA` first, then trigraphs alphabetically, then tetragraphs alphabetically.
pub fn canonical_order(codes: &[String]) -> Vec<String> {
    let mut v: Vec<String> = codes.to_vec();
    v.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
    v.dedup();
    v
}

fn order_key(code: &str) -> (u8, &str) {
    if code == "USA" {
        (0, code)
    } else if code.len() == 3 {
        (1, code)
    } else {
        (2, code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn names_map_to_trigraphs() {
        assert_eq!(country_code("Taiwan"), Some("TWN"));
        assert_eq!(country_code("CHINA"), Some("CHN"));
        assert_eq!(country_code("turkey"), Some("TUR"));
        assert_eq!(country_code("GBR"), Some("GBR"));
        assert_eq!(country_code("Narnia"), None);
        assert_eq!(country_code("REPUBLIC OF CHINA"), Some("TWN"));
        assert_eq!(country_code("TAIWAN, PROVINCE OF CHINA"), Some("TWN"));
        assert_eq!(country_code("KOREA, REPUBLIC OF"), Some("KOR"));
        assert_eq!(country_code("DEMOCRATIC REPUBLIC OF CONGO"), Some("COD"));
        assert_eq!(
            country_code("DEMOCRATIC REPUBLIC OF (THE) CONGO"),
            Some("COD")
        );
        assert_eq!(country_code("Republic of the Congo"), Some("COG"));
        assert_eq!(country_code("GUINEA BISSAU"), Some("GNB"));
        assert_eq!(country_code("NORTHERN IRELAND"), None);
        assert_eq!(country_code("REPUBLIC"), None);
        assert_eq!(country_code("OF"), None);
    }

    #[test]
    fn no_name_belongs_to_two_countries() {
        assert_eq!(ambiguous_names(), Vec::<String>::new());
    }

    #[test]
    fn legacy_names_are_short() {
        assert_eq!(legacy_name("TWN"), "TAIWAN");
        assert_eq!(legacy_name("CHN"), "CHINA");
        assert_eq!(legacy_name("GBR"), "UNITED KINGDOM");
        assert_eq!(legacy_name("TUR"), "TURKEY");
    }

    #[test]
    fn order_puts_usa_then_trigraphs_then_tetragraphs() {
        let v: Vec<String> = ["NATO", "TWN", "USA", "AUS", "FVEY"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(canonical_order(&v), ["USA", "AUS", "TWN", "FVEY", "NATO"]);
    }

    #[test]
    fn known_codes() {
        assert_eq!(code_kind("TWN"), Some(CodeKind::Trigraph));
        assert_eq!(code_kind("FVEY"), Some(CodeKind::Tetragraph));
        assert_eq!(code_kind("XYZ"), None);
        assert_eq!(members("FVEY").map(|m| m.len()), Some(5));
    }
}
