//! Classification markings: the grammar (§3.1 of the design), normalising
//! legacy cable forms to the CAPCO Register form, and the banner roll-up
//! (§3.2, CAPCO Register §D.2 Table 3).
//!
//! A [`Marking`] is the meaning of a mark, independent of how it was
//! written; [`parse`] reads any accepted spelling and reports what is wrong
//! with it as [`MarkProblem`]s, so the checker can cite a rule for each.

pub mod codes;
mod countries;
pub mod rollup;

use std::collections::BTreeSet;
use std::fmt;

pub use rollup::{rollup, Profile, Rollup};

/// Classification level. `Ord` follows precedence: `U < C < S < TS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Unclassified,
    Confidential,
    Secret,
    TopSecret,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Unclassified,
        Level::Confidential,
        Level::Secret,
        Level::TopSecret,
    ];

    /// Portion abbreviation: `U`, `C`, `S`, `TS`.
    pub fn abbrev(self) -> &'static str {
        match self {
            Level::Unclassified => "U",
            Level::Confidential => "C",
            Level::Secret => "S",
            Level::TopSecret => "TS",
        }
    }

    /// Banner spelling: `SECRET`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Unclassified => "UNCLASSIFIED",
            Level::Confidential => "CONFIDENTIAL",
            Level::Secret => "SECRET",
            Level::TopSecret => "TOP SECRET",
        }
    }

    pub fn is_classified(self) -> bool {
        self != Level::Unclassified
    }
}

/// The REL TO part of a marking.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Rel {
    /// The portion short form `(S//REL)`: "the banner's list".
    Short,
    /// `REL TO USA, …`, in canonical order, without duplicates.
    List(Vec<String>),
}

/// The meaning of a portion or banner marking.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Marking {
    pub level: Level,
    pub noforn: bool,
    pub rel: Option<Rel>,
    pub relido: bool,
    pub fouo: bool,
    pub sbu: bool,
    pub sbu_noforn: bool,
}

/// Countries a marking may be released to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Releasable {
    /// Plain `(U)`: anyone.
    Everyone,
    /// `REL TO`: the expanded list (USA included).
    To(BTreeSet<String>),
    /// `NOFORN`, `RELIDO`, `SBU`, `FOUO`, or classified without `REL TO`.
    NoOne,
}

impl Releasable {
    pub fn contains(&self, country: &str) -> bool {
        match self {
            Releasable::Everyone => true,
            Releasable::To(set) => set.contains(country),
            Releasable::NoOne => false,
        }
    }

    /// True when `self` releases to every country `other` releases to.
    pub fn covers(&self, other: &Releasable) -> bool {
        match (self, other) {
            (Releasable::Everyone, _) => true,
            (_, Releasable::NoOne) => true,
            (Releasable::To(a), Releasable::To(b)) => b.is_subset(a),
            _ => false,
        }
    }

    /// True when some foreign country may receive it.
    pub fn any_foreign(&self) -> bool {
        match self {
            Releasable::Everyone => true,
            Releasable::To(set) => set.iter().any(|c| c != "USA"),
            Releasable::NoOne => false,
        }
    }
}

impl Marking {
    pub fn level(level: Level) -> Marking {
        Marking {
            level,
            noforn: false,
            rel: None,
            relido: false,
            fouo: false,
            sbu: false,
            sbu_noforn: false,
        }
    }

    /// `(U)` with no control at all.
    pub fn is_plain_unclassified(&self) -> bool {
        *self == Marking::level(Level::Unclassified)
    }

    /// Carries a foreign disclosure and release marking (NOFORN, REL TO, RELIDO).
    pub fn has_fdr(&self) -> bool {
        self.noforn || self.sbu_noforn || self.rel.is_some() || self.relido
    }

    /// Any dissemination control at all.
    pub fn has_controls(&self) -> bool {
        self.has_fdr() || self.fouo || self.sbu
    }

    /// The REL TO list with FVEY, TEYE and ACGU expanded (Table 3 rule 23);
    /// `None` without a list (also for the short form).
    pub fn expanded_rel(&self) -> Option<BTreeSet<String>> {
        match &self.rel {
            Some(Rel::List(codes)) => Some(expand(codes)),
            _ => None,
        }
    }

    /// Who may receive a portion with this marking (design §3.3). The short
    /// form `REL` resolves against `banner_rel`, the banner's list.
    pub fn releasable(&self, banner_rel: Option<&[String]>) -> Releasable {
        if self.is_plain_unclassified() {
            return Releasable::Everyone;
        }
        if self.noforn || self.sbu_noforn {
            return Releasable::NoOne;
        }
        // An explicit REL TO list is a release decision, also beside RELIDO
        // (`REL TO USA, AUS/RELIDO`) or SBU (`REL TO USA, TWN//SBU`);
        // RELIDO, SBU or FOUO without one is not.
        match &self.rel {
            Some(Rel::List(codes)) => Releasable::To(expand(codes)),
            Some(Rel::Short) => match banner_rel {
                Some(codes) => Releasable::To(expand(codes)),
                None => Releasable::NoOne,
            },
            None => Releasable::NoOne,
        }
    }

    /// The portion form, `(S//REL TO USA, TWN)`.
    pub fn portion(&self) -> String {
        format!("({})", self.render(false))
    }

    /// The banner form, `SECRET//REL TO USA, TWN`.
    pub fn banner(&self) -> String {
        self.render(true)
    }

    fn render(&self, banner: bool) -> String {
        let codes = match &self.rel {
            Some(Rel::List(c)) => Some(RelWritten::List(c.clone())),
            Some(Rel::Short) => Some(RelWritten::Short),
            None => None,
        };
        render_parts(self, codes.as_ref(), banner)
    }

    /// The State legacy releasability line of a cable non-paper:
    /// `SECRET REL TAIWAN`, `SECRET NOFORN`, `SECRET`.
    pub fn legacy_cable_form(&self) -> String {
        let mut out = self.level.name().to_string();
        if self.noforn || self.sbu_noforn {
            out.push_str(" NOFORN");
        } else if let Some(Rel::List(codes)) = &self.rel {
            let names: Vec<String> = codes
                .iter()
                .filter(|c| *c != "USA")
                .map(|c| codes::legacy_name(c))
                .collect();
            out.push_str(" REL ");
            out.push_str(&names.join(", "));
        }
        out
    }
}

impl fmt::Display for Marking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.portion())
    }
}

/// Expands decomposable tetragraphs; other codes are kept as they are.
pub fn expand(codes: &[String]) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    for code in codes {
        match codes::members(code) {
            Some(members) => set.extend(members.iter().map(|m| m.to_string())),
            None => {
                set.insert(code.clone());
            }
        }
    }
    set
}

enum RelWritten {
    Short,
    List(Vec<String>),
}

fn render_parts(m: &Marking, rel: Option<&RelWritten>, banner: bool) -> String {
    let mut out = String::from(if banner {
        m.level.name()
    } else {
        m.level.abbrev()
    });
    let mut ic: Vec<String> = Vec::new();
    if m.fouo {
        ic.push("FOUO".into());
    }
    if m.noforn {
        ic.push(if banner { "NOFORN" } else { "NF" }.into());
    }
    match rel {
        Some(RelWritten::Short) => ic.push("REL".into()),
        Some(RelWritten::List(codes)) => ic.push(format!("REL TO {}", codes.join(", "))),
        None => {}
    }
    if m.relido {
        ic.push("RELIDO".into());
    }
    if !ic.is_empty() {
        out.push_str("//");
        out.push_str(&ic.join("/"));
    }
    if m.sbu_noforn {
        out.push_str(if banner { "//SBU NOFORN" } else { "//SBU-NF" });
    } else if m.sbu {
        out.push_str("//SBU");
    }
    out
}

/// Something wrong with a mark that can still be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkProblem {
    /// A REL TO code that is neither a trigraph nor a known tetragraph.
    UnknownCode(String),
    /// The REL TO list is not in Register order.
    RelOrder,
    /// A code listed twice.
    DuplicateCode(String),
    /// `REL TO USA` with no other country.
    RelToUsaAlone,
    /// A REL TO list that does not start with USA.
    RelMissingUsa,
    /// NOFORN and REL TO in one marking.
    NofornWithRel,
    /// RELIDO and NOFORN in one marking.
    NofornWithRelido,
    /// FOUO, SBU or SBU-NF on a classified portion.
    UnclassifiedOnlyControl(&'static str),
}

impl fmt::Display for MarkProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MarkProblem::UnknownCode(c) => {
                write!(f, "`{c}` is not a country trigraph or a known tetragraph")
            }
            MarkProblem::RelOrder => f.write_str("REL TO list is not in Register order"),
            MarkProblem::DuplicateCode(c) => write!(f, "`{c}` is listed more than once"),
            MarkProblem::RelToUsaAlone => f.write_str("`REL TO USA` names no other country"),
            MarkProblem::RelMissingUsa => f.write_str("REL TO list does not start with USA"),
            MarkProblem::NofornWithRel => f.write_str("NOFORN and REL TO in one marking"),
            MarkProblem::NofornWithRelido => f.write_str("NOFORN and RELIDO in one marking"),
            MarkProblem::UnclassifiedOnlyControl(c) => write!(f, "{c} on a classified portion"),
        }
    }
}

/// A mark that cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkError {
    #[error("the mark is empty")]
    Empty,
    #[error("`{0}` is not a classification level")]
    UnknownLevel(String),
    #[error("`{0}` is not a dissemination control this tool knows")]
    UnknownControl(String),
    #[error("`{0}` is not supported: {1}")]
    Unsupported(String, &'static str),
    #[error("a REL TO list needs at least one country")]
    EmptyRel,
}

/// A mark as read from the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedMark {
    pub marking: Marking,
    /// The mark is not in the Register form (a legacy cable form, a spelled
    /// level in a portion, lower case, names for trigraphs, …).
    pub legacy: bool,
    /// Written with the level spelled out (`SECRET//NOFORN`): banner form.
    pub spelled_level: bool,
    pub problems: Vec<MarkProblem>,
}

const LEVEL_WORDS: &[(&str, Level, bool)] = &[
    ("TOP SECRET", Level::TopSecret, true),
    ("TS", Level::TopSecret, false),
    ("SECRET", Level::Secret, true),
    ("CONFIDENTIAL", Level::Confidential, true),
    ("UNCLASSIFIED", Level::Unclassified, true),
    ("UNCLAS", Level::Unclassified, true),
    ("S", Level::Secret, false),
    ("C", Level::Confidential, false),
    ("U", Level::Unclassified, false),
];

/// Reads a mark: with or without parentheses, Register or legacy form.
pub fn parse(text: &str) -> Result<ParsedMark, MarkError> {
    let mut inner = text.trim();
    if let Some(rest) = inner.strip_prefix('(') {
        inner = rest.strip_suffix(')').unwrap_or(rest).trim();
    }
    if inner.is_empty() {
        return Err(MarkError::Empty);
    }
    let upper: String = inner
        .to_uppercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut legacy = upper != inner;

    // State's administrative marks stand alone: (SBU), (SBU-N), (SBU NOFORN).
    if let Some(control) = sbu_word(&upper) {
        let mut marking = Marking::level(Level::Unclassified);
        control.apply(&mut marking);
        return Ok(ParsedMark {
            marking,
            legacy: true,
            spelled_level: false,
            problems: Vec::new(),
        });
    }

    let (level, spelled, rest) = LEVEL_WORDS
        .iter()
        .find_map(|(word, level, spelled)| {
            let rest = upper.strip_prefix(word)?;
            (rest.is_empty() || rest.starts_with('/') || rest.starts_with(' '))
                .then_some((*level, *spelled, rest))
        })
        .ok_or_else(|| {
            MarkError::UnknownLevel(upper.split(['/', ' ']).next().unwrap_or(&upper).to_string())
        })?;
    if upper.starts_with("UNCLAS") && !upper.starts_with("UNCLASSIFIED") {
        legacy = true;
    }

    let mut marking = Marking::level(level);
    let mut problems = Vec::new();
    let mut written_rel: Option<RelWritten> = None;
    if !rest.is_empty() {
        if !rest.starts_with("//") {
            legacy = true; // `S/NF`, `SECRET REL TAIWAN`
        }
        let tokens: Vec<&str> = rest
            .split('/')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        if tokens.is_empty() {
            return Err(MarkError::UnknownControl(rest.trim().to_string()));
        }
        for token in tokens {
            read_control(
                token,
                &mut marking,
                &mut written_rel,
                &mut legacy,
                &mut problems,
            )?;
        }
    }

    if let Some(RelWritten::List(written)) = &written_rel {
        let canonical = codes::canonical_order(written);
        let mut seen = BTreeSet::new();
        for code in written {
            if !seen.insert(code.as_str()) {
                problems.push(MarkProblem::DuplicateCode(code.clone()));
            }
        }
        if written.first().map(String::as_str) != Some("USA") {
            problems.push(MarkProblem::RelMissingUsa);
        } else {
            let mut deduped = written.clone();
            let mut seen = BTreeSet::new();
            deduped.retain(|c| seen.insert(c.clone()));
            if deduped != canonical {
                problems.push(MarkProblem::RelOrder);
            }
        }
        let mut with_usa = canonical;
        if !with_usa.iter().any(|c| c == "USA") {
            with_usa.insert(0, "USA".to_string());
        }
        if with_usa.len() == 1 {
            problems.push(MarkProblem::RelToUsaAlone);
        }
        marking.rel = Some(Rel::List(with_usa));
    } else if let Some(RelWritten::Short) = written_rel {
        marking.rel = Some(Rel::Short);
    }

    // SBU-NF is SBU and NOFORN: a mark naming both reads as SBU-NF (and,
    // not reading back as written, is flagged as a non-Register form).
    if marking.sbu_noforn {
        marking.sbu = false;
    }
    if marking.noforn && marking.rel.is_some() {
        problems.push(MarkProblem::NofornWithRel);
    }
    if marking.noforn && marking.relido {
        problems.push(MarkProblem::NofornWithRelido);
    }
    if level.is_classified() {
        for (on, name) in [
            (marking.fouo, "FOUO"),
            (marking.sbu, "SBU"),
            (marking.sbu_noforn, "SBU-NF"),
        ] {
            if on {
                problems.push(MarkProblem::UnclassifiedOnlyControl(name));
            }
        }
    }

    // Anything that does not read back exactly as the Register would write
    // it (with the list in the order written, so order and duplicate
    // problems are reported once, by their own rules) is a legacy form.
    if !legacy {
        let as_written = render_parts(&marking, written_rel.as_ref(), spelled);
        legacy = as_written != upper;
    }

    Ok(ParsedMark {
        marking,
        legacy,
        spelled_level: spelled,
        problems,
    })
}

#[derive(Clone, Copy)]
enum SbuWord {
    Sbu,
    SbuNoforn,
}

impl SbuWord {
    fn apply(self, m: &mut Marking) {
        match self {
            SbuWord::Sbu => m.sbu = true,
            SbuWord::SbuNoforn => m.sbu_noforn = true,
        }
    }
}

fn sbu_word(token: &str) -> Option<SbuWord> {
    match token {
        "SBU" | "SENSITIVE BUT UNCLASSIFIED" => Some(SbuWord::Sbu),
        "SBU-NF" | "SBU NOFORN" | "SBU-N" | "SBU-NOFORN" => Some(SbuWord::SbuNoforn),
        _ => None,
    }
}

fn read_control(
    token: &str,
    marking: &mut Marking,
    rel: &mut Option<RelWritten>,
    legacy: &mut bool,
    problems: &mut Vec<MarkProblem>,
) -> Result<(), MarkError> {
    if let Some(word) = sbu_word(token) {
        word.apply(marking);
        return Ok(());
    }
    match token {
        // NOFORN is the banner spelling, NF the portion's; the read-back
        // comparison in `parse` flags the wrong one for the context.
        "NF" | "NOFORN" => marking.noforn = true,
        "RELIDO" => marking.relido = true,
        "FOUO" => marking.fouo = true,
        "REL" => set_rel(rel, RelWritten::Short, problems),
        "EYES" | "EYES ONLY" => {
            return Err(MarkError::Unsupported(
                token.to_string(),
                "EYES ONLY was retired on 1 Oct 2017; write REL TO (CAPCO Register p.157)",
            ))
        }
        "ORCON" | "NOCONTRACT" | "PROPIN" | "IMCON" | "RSEN" | "FISA" | "LES" | "LES-NF"
        | "LIMDIS" | "EXDIS" | "NODIS" => {
            return Err(MarkError::Unsupported(
                token.to_string(),
                "this tool handles NOFORN, REL TO, RELIDO, FOUO, SBU and SBU-NF only",
            ))
        }
        _ => {
            if token.starts_with("DISPLAY ONLY") {
                return Err(MarkError::Unsupported(
                    "DISPLAY ONLY".to_string(),
                    "disclosure-only lists are out of scope; use REL TO or NOFORN",
                ));
            }
            if let Some(list) = token.strip_prefix("REL TO ") {
                let codes = read_codes(list, legacy, problems)?;
                set_rel(rel, RelWritten::List(codes), problems);
            } else if let Some(list) = token.strip_prefix("REL ") {
                // Legacy `REL TAIWAN`, `Rel China`: names, USA implied.
                *legacy = true;
                let mut codes = read_codes(list, legacy, problems)?;
                if codes.first().map(String::as_str) != Some("USA") {
                    codes.retain(|c| c != "USA");
                    codes.insert(0, "USA".to_string());
                }
                let canonical = codes::canonical_order(&codes);
                set_rel(rel, RelWritten::List(canonical), problems);
            } else {
                return Err(MarkError::UnknownControl(token.to_string()));
            }
        }
    }
    Ok(())
}

fn set_rel(slot: &mut Option<RelWritten>, new: RelWritten, problems: &mut Vec<MarkProblem>) {
    match (slot.as_mut(), new) {
        (None, new) => *slot = Some(new),
        (Some(RelWritten::List(have)), RelWritten::List(more)) => {
            for code in more {
                problems.push(MarkProblem::DuplicateCode(format!("REL TO ({code})")));
                have.push(code);
            }
        }
        (Some(_), _) => problems.push(MarkProblem::DuplicateCode("REL".to_string())),
    }
}

fn read_codes(
    list: &str,
    legacy: &mut bool,
    problems: &mut Vec<MarkProblem>,
) -> Result<Vec<String>, MarkError> {
    let mut codes = Vec::new();
    for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let item = item.strip_prefix("AND ").unwrap_or(item);
        if codes::code_kind(item).is_some() {
            codes.push(item.to_string());
        } else if let Some(code) = codes::country_code(item) {
            *legacy = true;
            codes.push(code.to_string());
        } else if item.contains(' ') {
            // `USA TWN` written without commas, or `CHINA AND TAIWAN`.
            *legacy = true;
            for word in item.split(' ').filter(|w| *w != "AND") {
                match codes::code_kind(word)
                    .map(|_| word)
                    .or_else(|| codes::country_code(word))
                {
                    Some(code) => codes.push(code.to_string()),
                    None => {
                        problems.push(MarkProblem::UnknownCode(word.to_string()));
                        codes.push(word.to_string());
                    }
                }
            }
        } else {
            problems.push(MarkProblem::UnknownCode(item.to_string()));
            codes.push(item.to_string());
        }
    }
    if codes.is_empty() {
        return Err(MarkError::EmptyRel);
    }
    Ok(codes)
}

#[cfg(test)]
mod tests;
