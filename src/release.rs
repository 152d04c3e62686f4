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
///
/// Fail closed: a portion is kept only when its effective marking (the
/// most restrictive of every mark in the block, an unreadable one counting
/// as NOFORN) is releasable to the country, its parent block is kept, and
/// its section's heading is kept. A NOFORN caption keeps nothing.
pub fn plan(doc: &Document, country: &str) -> Plan {
    let banner_rel: Option<Vec<String>> = match &doc.banners.document.rel {
        Some(Rel::List(l)) => Some(l.clone()),
        _ => None,
    };
    let caption_noforn = doc.noforn_caption().is_some();
    let releasable = |m: Option<&crate::marking::Marking>| {
        !caption_noforn && m.is_some_and(|m| m.releasable(banner_rel.as_deref()).contains(country))
    };
    let mut kept: Vec<bool> = Vec::with_capacity(doc.portions.len());
    for p in &doc.portions {
        let parent_kept = p
            .parent
            .is_none_or(|k| kept.get(k).copied().unwrap_or(false));
        kept.push(parent_kept && releasable(p.effective.as_ref()));
    }
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
        .is_some_and(|s| releasable(s.effective.as_ref()));
    Plan {
        country: country.to_string(),
        kept,
        subject_kept,
    }
}

/// Whether a release may go ahead (design §3.3): one decision for `check
/// --release-to`, `release` and `render --release-to`. Any error refuses;
/// `force` overrides only errors whose rule's gate is
/// [`Gate::Forceable`](crate::check::Gate::Forceable), those that cannot
/// widen a release (the authority block, the cable format), never a
/// marking, portion, banner or release error.
pub fn gate(
    diagnostics: &[crate::check::Diagnostic],
    force: bool,
) -> Result<(), Vec<&crate::check::Diagnostic>> {
    use crate::check::Gate;
    let blocking: Vec<&crate::check::Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == crate::check::Severity::Error)
        .filter(|d| match d.kind.gate() {
            Gate::Always => true,
            Gate::Forceable => !force,
            Gate::None => false,
        })
        .collect();
    if blocking.is_empty() {
        Ok(())
    } else {
        Err(blocking)
    }
}

/// The released document: only what `country` may receive, paragraphs
/// renumbered, the subject dropped when not releasable, the declared banner
/// replaced by the roll-up of what is kept. Renderers only ever see this.
///
/// Sealed: the released document holds no text of the original source
/// (its `source` is empty), every kept mark is written as its effective
/// marking in full (no short form, no second mark), nothing is inherited
/// through a dropped block, and its banners are computed here.
pub fn filter(doc: &Document, country: &str) -> Document {
    let plan = plan(doc, country);
    let mut old_to_new: Vec<Option<usize>> = Vec::with_capacity(doc.portions.len());
    let mut portions = Vec::new();
    for (i, p) in doc.portions.iter().enumerate() {
        if plan.kept[i] {
            old_to_new.push(Some(portions.len()));
            let mut q = p.clone();
            seal_portion(&mut q);
            portions.push(q);
        } else {
            old_to_new.push(None);
        }
    }
    // Sections whose heading is kept, re-indexed.
    let mut section_map: Vec<Option<usize>> = Vec::with_capacity(doc.sections.len());
    let mut sections = Vec::new();
    for s in &doc.sections {
        match old_to_new[s.heading] {
            Some(h) => {
                let end = (s.heading..s.end)
                    .filter_map(|i| old_to_new[i])
                    .max()
                    .map_or(h + 1, |m| m + 1);
                let mut s2 = s.clone();
                s2.heading = h;
                s2.end = end;
                s2.parent = s.parent.and_then(|p| section_map.get(p).copied().flatten());
                section_map.push(Some(sections.len()));
                sections.push(s2);
            }
            None => section_map.push(None),
        }
    }
    for p in &mut portions {
        p.section = p
            .section
            .and_then(|s| section_map.get(s).copied().flatten());
        p.parent = p.parent.and_then(|k| old_to_new.get(k).copied().flatten());
    }
    // Renumber: released paragraphs run 1, 2, 3 …
    let mut next = 1;
    for p in &mut portions {
        if p.number.is_some() {
            p.number = Some(next);
            p.written_number = None;
            next += 1;
        }
    }
    let subject = if plan.subject_kept {
        doc.subject.as_ref().map(|s| {
            let effective = s.effective.clone();
            crate::model::Subject {
                mark: s.mark.as_ref().map(|m| sealed_mark(m, effective.as_ref())),
                extra_marks: Vec::new(),
                inner_marks: Vec::new(),
                effective,
                text: s.text.clone(),
                span: s.span,
            }
        })
    } else {
        None
    };
    let mut header = doc.header.clone();
    header.subject = match (&subject, &doc.header.subject) {
        (Some(s), Some(h)) => Some(crate::model::Located {
            value: match &s.effective {
                Some(m) => format!("{} {}", m.portion(), s.text),
                None => s.text.clone(),
            },
            span: h.span,
        }),
        _ => None,
    };
    // A released version is a new document: the original's header lines
    // (its classification among them) are not carried over as written.
    header.as_written = crate::model::AsWritten {
        // The released source numbers its paragraphs as the release does
        // (renumbered, and only those the original numbered).
        numbers: doc.header.as_written.numbers,
        ..crate::model::AsWritten::default()
    };
    // The signature stands right under the last paragraph (an imported
    // cable's last line): it goes with that paragraph, fail closed, so a
    // name at the end of a dropped paragraph is never printed as a signature.
    if plan.kept.last() != Some(&true) {
        header.signature = None;
    }
    let mut out = Document {
        path: doc.path.clone(),
        source: String::new(),
        header,
        profile: doc.profile,
        subject,
        portions,
        sections,
        html: Vec::new(),
        header_marks: Vec::new(),
        date: doc.date,
        line_starts: std::sync::OnceLock::new(),
        banners: Default::default(),
        word: None,
        images: Vec::new(),
        foreign_links: Vec::new(),
        decoded_hidden: Vec::new(),
    };
    // The declared banner is what is kept, rolled up.
    out.header.banner = Some(crate::model::Located {
        value: out.rollup().banner.banner(),
        span: crate::model::Span::default(),
    });
    out.seal();
    out
}

/// A kept portion as the released document holds it: its one mark is its
/// effective marking, written in full.
fn seal_portion(p: &mut crate::model::Portion) {
    if let Some(m) = &p.mark {
        p.mark = Some(sealed_mark(m, p.effective.as_ref()));
    }
    p.extra_marks.clear();
    p.inner_marks.clear();
    p.mark_gap = None;
}

fn sealed_mark(
    m: &crate::model::WrittenMark,
    effective: Option<&crate::marking::Marking>,
) -> crate::model::WrittenMark {
    let marking = effective.cloned().unwrap_or_else(|| m.counted.clone());
    crate::model::WrittenMark {
        text: marking.portion(),
        span: m.span,
        parsed: crate::marking::parse(&marking.portion()),
        counted: marking,
    }
}

/// Why a released source is refused: read back, it would not say what the
/// release holds (a writer bug must never widen a release of the release).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the released source does not read back as released: {0}")]
pub struct ReadBackError(pub String);

/// The released document written as a source, and verified: read back, it
/// holds the same portions with the same effective marks and the same
/// words, and the same subject. Anything else refuses the release.
pub fn write_verified(released: &Document) -> Result<String, ReadBackError> {
    let md = crate::markdown::write_document(released);
    let again = crate::source::parse(&released.path, md.clone())
        .map_err(|e| ReadBackError(e.to_string()))?;
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    if again.portions.len() != released.portions.len() {
        return Err(ReadBackError(format!(
            "{} portions instead of {}",
            again.portions.len(),
            released.portions.len()
        )));
    }
    for (k, (a, b)) in released.portions.iter().zip(&again.portions).enumerate() {
        if a.effective != b.effective {
            return Err(ReadBackError(format!(
                "portion {} reads as {} instead of {}",
                k + 1,
                b.effective
                    .as_ref()
                    .map_or("unmarked".to_string(), |m| m.portion()),
                a.effective
                    .as_ref()
                    .map_or("unmarked".to_string(), |m| m.portion())
            )));
        }
        if words(&a.text()) != words(&b.text()) {
            return Err(ReadBackError(format!(
                "portion {} reads back with other words",
                k + 1
            )));
        }
    }
    let subject = |d: &Document| {
        d.subject
            .as_ref()
            .map(|s| (s.effective.clone(), words(&s.text)))
    };
    if subject(released) != subject(&again) {
        return Err(ReadBackError(
            "the subject reads back otherwise".to_string(),
        ));
    }
    Ok(md)
}

/// One dropped portion, for the report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Dropped {
    pub line: usize,
    /// `paragraph 3`, `list item`, `heading`, `subject`.
    pub what: String,
    /// The effective mark, or `none`.
    pub mark: String,
}

/// What `release` reports: the country, the banner of what is kept, and
/// every dropped portion with its line and mark.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub country: String,
    pub banner: String,
    pub kept: usize,
    pub dropped: Vec<Dropped>,
    pub subject_dropped: bool,
}

/// The report of a release.
pub fn report(doc: &Document, released: &Document, plan: &Plan) -> Report {
    let mut dropped = Vec::new();
    if let (Some(s), false) = (&doc.subject, plan.subject_kept) {
        dropped.push(Dropped {
            line: doc.line_col(s.span.start).0,
            what: "subject".to_string(),
            mark: s
                .effective
                .as_ref()
                .map_or("none".to_string(), |m| m.portion()),
        });
    }
    for i in plan.dropped() {
        let p = &doc.portions[i];
        let what = match (p.number, p.kind) {
            (Some(n), _) => format!("paragraph {n}"),
            (None, PortionKind::Heading { .. }) => "heading".to_string(),
            (None, PortionKind::ListItem { .. }) => "list item".to_string(),
            (None, PortionKind::BlockQuote) => "block quote".to_string(),
            (None, PortionKind::Table) => "table".to_string(),
            (None, PortionKind::CodeBlock) => "code block".to_string(),
            (None, PortionKind::Paragraph) => "paragraph".to_string(),
        };
        dropped.push(Dropped {
            line: doc.line_col(p.span.start).0,
            what,
            mark: p
                .effective
                .as_ref()
                .map_or("none".to_string(), |m| m.portion()),
        });
    }
    Report {
        country: plan.country.clone(),
        banner: released.rollup().banner.banner(),
        kept: plan.kept_count(),
        dropped,
        subject_dropped: doc.subject.is_some() && !plan.subject_kept,
    }
}
