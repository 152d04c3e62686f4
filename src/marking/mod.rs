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
    #[error("`{0}` is not a country code or the whole name of a country")]
    UnknownCountry(String),
    /// Found by the mark detector: something that could be a mark but is
    /// not written as one (square brackets, look-alike or fullwidth
    /// letters, no closing parenthesis, a parenthesis inside).
    #[error("{0}")]
    Disguised(String),
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

impl ParsedMark {
    /// Read with certainty: every REL TO code is a known one. A mark with an
    /// unknown code counts as unreadable (fail closed).
    pub fn is_certain(&self) -> bool {
        !self
            .problems
            .iter()
            .any(|p| matches!(p, MarkProblem::UnknownCode(_)))
    }
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
        "REL" => set_rel(rel, RelWritten::Short, problems)?,
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
                set_rel(rel, RelWritten::List(codes), problems)?;
            } else if let Some(list) = token.strip_prefix("REL ") {
                // Legacy `REL TAIWAN`, `Rel China`: names, USA implied.
                *legacy = true;
                let mut codes = read_codes(list, legacy, problems)?;
                if codes.first().map(String::as_str) != Some("USA") {
                    codes.retain(|c| c != "USA");
                    codes.insert(0, "USA".to_string());
                }
                let canonical = codes::canonical_order(&codes);
                set_rel(rel, RelWritten::List(canonical), problems)?;
            } else {
                return Err(MarkError::UnknownControl(token.to_string()));
            }
        }
    }
    Ok(())
}

/// A second REL (list or short form) in one mark cannot be read with
/// certainty: their union would widen a release, their overlap is a guess.
fn set_rel(
    slot: &mut Option<RelWritten>,
    new: RelWritten,
    _problems: &mut Vec<MarkProblem>,
) -> Result<(), MarkError> {
    match slot {
        None => {
            *slot = Some(new);
            Ok(())
        }
        Some(_) => Err(MarkError::Disguised(
            "the mark carries two REL TO lists; write the one list that applies".to_string(),
        )),
    }
}

fn read_codes(
    list: &str,
    legacy: &mut bool,
    problems: &mut Vec<MarkProblem>,
) -> Result<Vec<String>, MarkError> {
    let items: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut codes = Vec::new();
    let mut i = 0;
    while i < items.len() {
        // A name is read whole, commas and all (`KOREA, REPUBLIC OF`,
        // `TAIWAN, PROVINCE OF CHINA`): the longest run of items that is
        // one name wins, so no word of a name is read as a country.
        let whole = (1..=items.len().min(i + 4) - i).rev().find_map(|len| {
            let joined = items[i..i + len].join(" ");
            let joined = joined.strip_prefix("AND ").unwrap_or(&joined);
            resolve_code(joined).map(|(code, is_name)| (len, code, is_name))
        });
        if let Some((len, code, is_name)) = whole {
            *legacy |= is_name || len > 1;
            codes.push(code.to_string());
            i += len;
            continue;
        }
        let item = items[i].strip_prefix("AND ").unwrap_or(items[i]);
        i += 1;
        // `CHINA AND TAIWAN`: two whole names.
        let halves: Vec<&str> = item.split(" AND ").map(str::trim).collect();
        if halves.len() > 1 {
            if let Some(found) = halves
                .iter()
                .map(|h| resolve_code(h).map(|(c, _)| c))
                .collect::<Option<Vec<_>>>()
            {
                *legacy = true;
                codes.extend(found.into_iter().map(str::to_string));
                continue;
            }
        }
        // `USA TWN` without commas: only codes, never the words of a name.
        if item.contains(' ') {
            let words: Vec<&str> = item.split(' ').filter(|w| !w.is_empty()).collect();
            if words.iter().all(|w| codes::code_kind(w).is_some()) {
                *legacy = true;
                codes.extend(words.iter().map(|w| w.to_string()));
                continue;
            }
            return Err(MarkError::UnknownCountry(item.to_string()));
        }
        // A word shaped like a code (three or four letters) that is not one
        // is reported as an unknown code; any other word is no country at
        // all, and the mark cannot be read.
        let code_shaped =
            (3..=4).contains(&item.len()) && item.bytes().all(|b| b.is_ascii_uppercase());
        if code_shaped {
            problems.push(MarkProblem::UnknownCode(item.to_string()));
            codes.push(item.to_string());
        } else {
            return Err(MarkError::UnknownCountry(item.to_string()));
        }
    }
    if codes.is_empty() {
        return Err(MarkError::EmptyRel);
    }
    Ok(codes)
}

/// A code, or a whole country name, as the trigraph it stands for; `true`
/// when it was a name.
fn resolve_code(item: &str) -> Option<(&'static str, bool)> {
    if let Some(code) = codes::known_code(item) {
        return Some((code, false));
    }
    codes::country_code(item).map(|c| (c, true))
}

/// The highest classification level a text names (`S`, `SECRET`, `TS`,
/// `TOP SECRET`, `C`, `U`, …, as words, any case), or `TOP SECRET` when it
/// names none: the level at which an unreadable mark is counted.
pub fn named_level(text: &str) -> Level {
    let upper = text.to_uppercase();
    let words: Vec<&str> = upper
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut best: Option<Level> = None;
    for (k, w) in words.iter().enumerate() {
        let level = match *w {
            "TS" => Some(Level::TopSecret),
            "TOP" if words.get(k + 1) == Some(&"SECRET") => Some(Level::TopSecret),
            "S" | "SECRET" => Some(Level::Secret),
            "C" | "CONFIDENTIAL" => Some(Level::Confidential),
            "U" | "UNCLASSIFIED" | "UNCLAS" | "SBU" => Some(Level::Unclassified),
            _ => None,
        };
        if let Some(l) = level {
            best = Some(best.map_or(l, |b| b.max(l)));
        }
    }
    best.unwrap_or(Level::TopSecret)
}

impl Marking {
    /// How a mark that cannot be read with certainty counts (fail closed):
    /// NOFORN at the highest level its text names.
    pub fn fail_closed(level: Level) -> Marking {
        Marking {
            noforn: true,
            ..Marking::level(level)
        }
    }

    /// The most restrictive reading of several marks on one portion: the
    /// highest level, and releasable only where every one of them is
    /// (the Register's roll-up to the letter, Table 3 rule 16 included).
    pub fn most_restrictive(marks: &[Marking]) -> Option<Marking> {
        match marks {
            [] => None,
            [one] => Some(one.clone()),
            many => {
                let mut m = rollup(many, Profile::Capco).banner;
                // A short form among several marks has no list to stand for.
                if m.rel == Some(Rel::Short) {
                    m.rel = None;
                    m.noforn = true;
                }
                Some(m)
            }
        }
    }

    /// This marking raised to at least `level`; controls that exist only on
    /// unclassified information become what they mean on classified
    /// information (SBU NOFORN is NOFORN; SBU and FOUO do not reach a
    /// classified banner).
    pub fn raised_to(&self, level: Level) -> Marking {
        let mut m = self.clone();
        if level > m.level {
            m.level = level;
            if level.is_classified() {
                if m.sbu_noforn {
                    m.noforn = true;
                    m.rel = None;
                    m.relido = false;
                }
                m.sbu = false;
                m.sbu_noforn = false;
                m.fouo = false;
            }
        }
        m
    }

    /// This marking with NOFORN added (and REL TO, RELIDO, which NOFORN
    /// excludes, removed).
    pub fn with_noforn(&self) -> Marking {
        let mut m = self.clone();
        if !(m.noforn || m.sbu_noforn) {
            m.noforn = true;
            m.rel = None;
            m.relido = false;
        }
        m
    }
}

#[cfg(test)]
mod tests;
