//! Releasable versions (design §3.3): which portions a country may receive.
//!
//! A portion is releasable to `X` when its effective marking is plain
//! `(U)`, or carries `REL TO` whose expanded list holds `X`. A section whose
//! heading is not releasable is dropped whole. Everything else — NOFORN,
//! RELIDO, SBU, FOUO, classified without `REL TO`, an unmarked or
//! unreadable portion, raw HTML — is not released.

use crate::marking::{codes, Rel};
use crate::model::{Document, PortionKind};

/// A country given on the command line: a trigraph or a name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a country: give an ISO 3166-1 alpha-3 trigraph such as TWN, or a name such as TAIWAN")]
pub struct UnknownCountry(pub String);

/// The trigraph for `TWN`, `twn`, `Taiwan`, `TAIWAN`.
pub fn country(text: &str) -> Result<String, UnknownCountry> {
    let t = text.trim().to_uppercase();
    if codes::is_trigraph(&t) {
        return Ok(t);
    }
    codes::country_code(&t)
        .map(str::to_string)
        .ok_or_else(|| UnknownCountry(text.to_string()))
}

/// What a release to one country keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub country: String,
    /// One flag per portion of the document.
    pub kept: Vec<bool>,
    pub subject_kept: bool,
}

impl Plan {
    pub fn dropped(&self) -> impl Iterator<Item = usize> + '_ {
        self.kept
            .iter()
            .enumerate()
            .filter(|(_, k)| !**k)
            .map(|(i, _)| i)
    }

    pub fn kept_count(&self) -> usize {
        self.kept.iter().filter(|k| **k).count()
    }
}

/// Decides, portion by portion, what `country` (a trigraph) may receive.
pub fn plan(doc: &Document, country: &str) -> Plan {
    let rollup = doc.rollup();
    let banner_rel: Option<Vec<String>> = match &rollup.banner.rel {
        Some(Rel::List(l)) => Some(l.clone()),
        _ => None,
    };
    let releasable = |m: Option<&crate::marking::Marking>| {
        m.is_some_and(|m| m.releasable(banner_rel.as_deref()).contains(country))
    };
    let mut kept: Vec<bool> = doc
        .portions
        .iter()
        .map(|p| p.kind != PortionKind::Html && releasable(p.effective.as_ref()))
        .collect();
    // A section whose heading is not releasable goes whole, nested sections too.
    for section in &doc.sections {
        if !kept[section.heading] {
            for k in &mut kept[section.body()] {
                *k = false;
            }
        }
    }
    let subject_kept = doc
        .subject
        .as_ref()
        .is_some_and(|s| releasable(s.mark.as_ref().and_then(|m| m.marking())));
    Plan {
        country: country.to_string(),
        kept,
        subject_kept,
    }
}
