//! `cablemark import`: legacy cable text (2005–2010, in the variants of
//! `reference/cable-format.md`) into a source that keeps every word.
//!
//! Marks are kept as written, legacy forms included, so that `check`
//! reports what the original got wrong. Header lines that the renderer
//! would write differently are kept under `as_written:` so that import
//! then render gives the cable back. What cannot be placed goes into the
//! body as text, with a warning.

use std::sync::LazyLock;

use regex::Regex;

use crate::date::Date;
use crate::markdown::{escape as escape_inline, markdown_text, safe_line_start};
use crate::marking;
use crate::model::{default_begin, default_end, precedence_word};
use crate::source::leading_mark;

/// The result of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub markdown: String,
    /// `(line in the cable, message)`.
    pub warnings: Vec<(usize, String)>,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("{pattern}: {e}"))
}

static WEB_LINK: LazyLock<Regex> = LazyLock::new(|| re(r"\[([^\[\]\n]{1,60})\]\(#\)"));
static SPACED_CLASS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(T O P S E C R E T|S E C R E T|C O N F I D E N T I A L)"));
/// `...PRIORITY 0000UNCLAS STATE 100108`, `...0001CONFIDENTIAL PARIS 000170`:
/// an unspaced classification line glued to the last routing line, with
/// the originator and serial (or a section line) after it.
static GLUED_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(.*(?:PRIORITY|ROUTINE|IMMEDIATE|FLASH|\d{4}))((?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|TOP SECRET|SECRET)(?:\s+(?:SENSITIVE|E F T O|EFTO|SECTION\s+\d+\s+OF\s+\d+)\b)*\s+[A-Z][A-Z .]*?\s\d{3,}\s*|(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|TOP SECRET|SECRET)\s*)$",
    )
});
/// The precedence and date-time group, with the service codes some
/// cables carry after it (`O 220500Z JUL 08 ZDK CTG #00732`).
static DTG_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*([ZOPR](?:\s?[ZOPR])?)\s+(\d{6}Z\s+[A-Z]{3}\s+\d{2,4})(?:\s+[A-Z0-9#/]{1,12}){0,6}\s*$",
    )
});
static CLASS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(T O P S E C R E T|S E C R E T|C O N F I D E N T I A L|UNCLAS(?:SIFIED)?|TOP SECRET|SECRET|CONFIDENTIAL)\b\s*(.*?)\s*$",
    )
});
/// The classification line of a lowercased web copy (`c o n f i d e n t i a
/// l state 000001`): read where the classification line stands, only.
static CLASS_LINE_ANY_CASE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(T O P S E C R E T|S E C R E T|C O N F I D E N T I A L|UNCLAS(?:SIFIED)?|TOP SECRET|SECRET|CONFIDENTIAL)\b\s*(.*?)\s*$",
    )
});
static EO_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:(.*?)\s+)?E\.?\s?[O0]\.?\s*(\d{5})\s*:?\s*(?:(?:DECL|DNG)\s*:?\s*(.*?)|(N/?A))\s*$",
    )
});
static TAGS_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*TAGS\s*:?\s*(.*?)\s*$"));
static SUBJECT_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*SUBJ(?:ECT)?\s*:\s*(.*?)\s*$"));
static REF_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^\s*REFS?\s*[:.]?\s+(.*?)\s*$"));
/// A reference letter: `A.`, `(A)`, `A)`, `(A)STATE 123` (no space after
/// the parenthesis).
static REF_ITEM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[\s,;])(?:\(([A-Z])\)\s*|([A-Z])[.)]\s+)"));
/// A multi-section cable's section-break line: `PARIS 00000170  002 OF 004`.
static SECTION_BREAK: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*[A-Z][A-Z ]{1,30}\s\d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\s*$"));
static CLASSIFIED_BY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:\(U\)\s*)?CLASSIFIED\s+BY\b\s*:?\s*(.*?)\s*$"));
static REASON: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)[,;.]?\s*\bfor\s+reasons?\b|[,;.]?\s*\breasons?\b\s*:?"));
static BARE_REASON: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)[,;.]?\s*(?:\b(?:for|per|under)\s+)?(?:E\.?O\.?\s*1[23]\d{3}\s*)?\b1\s?\.\s?[45]\s*\(?[a-h]\b",
    )
});
static REASON_LETTERS: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)1\s*\.\s*[45]\s*(.*)$"));
static PARA_RE: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,3})([.)])([ \t]*)(.*)$"));

/// A numbered paragraph's start: `1. text`, `1)  text`, or `1.(C) text`
/// (no space only before a mark, so `1.5 million` is not one).
fn para(t: &str) -> Option<regex::Captures<'_>> {
    PARA_RE
        .captures(t)
        .filter(|c| !c[3].is_empty() || c[4].starts_with('('))
}
/// `Classified By: … (d). 1. (U) This is …`: a collapsed copy runs
/// paragraph 1 onto the Classified By line.
static AUTHORITY_THEN_PARAGRAPH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(\s*(?:\(U\)\s*)?CLASSIFIED\s+BY\b.*?[.)])\s+(1\.\s*\([A-Z][^)]{0,40}\).*)$")
});
/// A web copy's date line: `Friday, 07 March 2008, 15:00`.
static WEB_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}(?:,\s+\d{1,2}:\d{2})?\s*$",
    )
});
/// `18.This cable …`: a paragraph number glued to unmarked text.
static GLUED_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,3})\.[A-Z][a-z]"));
static BULLET: LazyLock<Regex> = LazyLock::new(|| re(r"^--\s?([^-].*)$"));
static SIGNATURE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){0,2}$"));
static BEGIN: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^begin\b.*:\s*$"));
static END: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^end\b"));

#[derive(Clone)]
struct Line {
    number: usize,
    text: String,
}

/// Web artefacts off, lines numbered as in the input.
fn clean_lines(text: &str) -> Vec<Line> {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let mut t = WEB_LINK.replace_all(raw, "$1").replace('¶', "");
        t = t.trim_end().to_string();
        if t.trim().eq_ignore_ascii_case("End Cable Text") {
            continue;
        }
        // `...COLLECTIVE PRIORITYS E C R E T STATE 010900`: split the glued line.
        if let Some(m) = SPACED_CLASS.find(&t) {
            if m.start() > 0
                && !t[..m.start()].trim().is_empty()
                && !t.trim_start().starts_with(m.as_str())
            {
                let (a, b) = t.split_at(m.start());
                out.push(Line {
                    number: i + 1,
                    text: a.trim_end().to_string(),
                });
                out.push(Line {
                    number: i + 1,
                    text: b.to_string(),
                });
                continue;
            }
        }
        if let Some(c) = AUTHORITY_THEN_PARAGRAPH.captures(&t) {
            for part in [&c[1], &c[2]] {
                out.push(Line {
                    number: i + 1,
                    text: part.to_string(),
                });
            }
            continue;
        }
        if let Some(c) = GLUED_CLASS.captures(&t) {
            let (a, b) = (c[1].to_string(), c[2].to_string());
            let routing = a.trim_start().starts_with("TO ")
                || a.trim_start().starts_with("INFO ")
                || a.contains('/')
                || ["PRIORITY", "ROUTINE", "IMMEDIATE", "FLASH"]
                    .iter()
                    .any(|w| a.contains(w));
            if routing {
                out.push(Line {
                    number: i + 1,
                    text: a,
                });
                out.push(Line {
                    number: i + 1,
                    text: b,
                });
                continue;
            }
        }
        out.push(Line {
            number: i + 1,
            text: t,
        });
    }
    out
}

/// Header fields read so far.
#[derive(Default)]
struct Header {
    precedence: Option<String>,
    dtg: Option<String>,
    from: Option<String>,
    to: Vec<String>,
    info: Vec<String>,
    classification: Option<String>,
    reference: Option<String>,
    captions: Vec<String>,
    order: Option<String>,
    declassify_on: Option<String>,
    tags: Vec<String>,
    subject: Option<String>,
    refs: Vec<String>,
    classified_by: Option<String>,
    reasons: Vec<String>,
    /// The header lines between the classification line and the body.
    header_raw: Option<String>,
    /// The DTG line when the renderer would write it differently.
    dtg_line: Option<String>,
    signature_apart: bool,
    signature: Option<String>,
    /// `Some("")` when the cable has no closing `NNNN`.
    end: Option<String>,
    /// The classification line as written.
    classification_line: Option<String>,
    /// No blank line between the routing lines and the classification line.
    classification_joined: bool,
    /// No blank line between the last header line and the body.
    body_joined: bool,
    /// A lowercased web copy (its classification line in lower case).
    lowercased: bool,
    /// The routing lines as written, when the render would write them otherwise.
    routing_raw: Option<String>,
    /// A lowercased copy's transmission header before the date-time group.
    transmission: Option<String>,
}

impl Header {
    /// A header line as it is matched: in capitals in a lowercased copy.
    fn read(&self, t: &str) -> String {
        if self.lowercased {
            t.to_uppercase()
        } else {
            t.to_string()
        }
    }
}

/// Lines before the routing header that are not routing (`VZCZC…`, `PP
/// RUEH…`, `DE RUEH…`, `ZNY CCCCC`): an e-mail or a press site's preamble,
/// left out, and said once.
fn preamble(lines: &[Line], warnings: &mut Vec<(usize, String)>) -> Option<String> {
    let routing = |t: &str| {
        let u = t.trim().to_ascii_uppercase();
        u.is_empty()
            || u.starts_with("VZCZC")
            || u.starts_with("DE ")
            || u.starts_with("ZNY ")
            || u.starts_with("ZNR ")
            || u.starts_with('#')
            || u == "BT"
            || (u.len() >= 8
                && u.as_bytes()[..2].iter().all(|b| b"ZOPR".contains(b))
                && u.as_bytes()[2] == b' ')
    };
    let other: Vec<&Line> = lines.iter().filter(|l| !routing(&l.text)).collect();
    if let (Some(first), Some(last)) = (other.first(), other.last()) {
        warnings.push((
            first.number,
            format!(
                "{} line(s) before the routing header (lines {}–{}) left out: not cable text",
                other.len(),
                first.number,
                last.number
            ),
        ));
    }
    // The transmission header (`VZCZC…` to `ZNY CCCCC ZZH`) after the last
    // other line, as written.
    let from = lines
        .iter()
        .rposition(|l| !routing(&l.text))
        .map_or(0, |k| k + 1);
    let kept: Vec<&str> = lines[from..].iter().map(|l| l.text.trim_end()).collect();
    let start = kept.iter().position(|t| !t.trim().is_empty())?;
    let end = kept.iter().rposition(|t| !t.trim().is_empty())? + 1;
    Some(kept[start..end].join("\n"))
}

/// `Classification: CONFIDENTIAL`, or a line that is only `SECRET` or
/// `SECRET//NOFORN`, in a preamble: the classification it states.
fn preamble_classification(t: &str) -> Option<String> {
    let t = t.trim();
    let value = match t.split_once(':') {
        Some((k, v)) if k.trim().eq_ignore_ascii_case("classification") => v.trim(),
        _ => t,
    };
    let upper = value.to_ascii_uppercase();
    let parsed = marking::parse(&upper).ok()?;
    let level = parsed.marking.level;
    // Only the spelled-out level: `S` or `C` alone is no statement.
    (upper.starts_with(level.name())).then(|| level.name().to_string())
}

/// Where a header field starts inside a collapsed classification line.
static COLLAPSED_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\s(?:SIPDIS\b|NOFORN\b|E\.\s?O\.\s?1\d{4}\b|EO\s1\d{4}\b|TAGS\s*:|SUBJECT\s*:|REFS?\s*:|CLASSIFIED\s+BY\b)",
    )
});

/// `SECTION 01 OF 02 STATE 000284 SIPDIS E.O. 12958: DECL: … TAGS: …`, the
/// rest of a collapsed classification line: its reference, and the header
/// lines run onto it, one a field.
fn collapsed(rest: &str) -> Option<(String, Vec<Line>)> {
    let padded = format!(" {rest}");
    let starts: Vec<usize> = COLLAPSED_FIELD
        .find_iter(&padded)
        .map(|m| m.start())
        .collect();
    let first = *starts.first()?;
    let fields = starts
        .iter()
        .enumerate()
        .map(|(k, s)| Line {
            number: 0,
            text: padded[*s..starts.get(k + 1).copied().unwrap_or(padded.len())]
                .trim()
                .to_string(),
        })
        .collect();
    Some((padded[..first].trim().to_string(), fields))
}

/// One body block: its lines joined, and where it started.
struct Block {
    line: usize,
    /// The lines joined with spaces, for matching.
    text: String,
    /// The lines as written (trimmed), for writing.
    lines: Vec<String>,
    /// Started on the line right after the block before it (a numbered
    /// paragraph with no blank line before it).
    joined: bool,
}

/// The date-time group line and the FM, TO and INFO lines from `pos` (the
/// DTG line) into `h`: where the routing ends, and the lines that are none
/// of these (kept as body text).
fn read_routing(lines: &[Line], pos: usize, h: &mut Header) -> (usize, Vec<usize>) {
    if let Some(c) = lines.get(pos).and_then(|l| DTG_LINE.captures(&l.text)) {
        h.precedence = Some(precedence_word(&c[1].to_ascii_uppercase()).to_string());
        let dtg = c[2]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_uppercase();
        let line = lines[pos].text.trim().to_string();
        if line != format!("{} {dtg}", &c[1]) || c[1].len() > 1 {
            h.dtg_line = Some(line);
        }
        h.dtg = Some(dtg);
    }
    let mut i = pos + 1;
    let mut strays = Vec::new();
    // FM, TO, INFO and their continuation lines.
    let mut list: Option<&str> = None;
    while i < lines.len() {
        let t = lines[i].text.trim();
        if t.is_empty()
            || CLASS_LINE_ANY_CASE.is_match(t) && !t.to_ascii_uppercase().starts_with("SECRETARY")
        {
            break;
        }
        let word = |w: &str| {
            t.get(..w.len())
                .filter(|p| p.eq_ignore_ascii_case(w))
                .map(|_| t[w.len()..].trim().to_string())
        };
        if let Some(rest) = word("FM ") {
            h.from = Some(rest);
            list = None;
        } else if let Some(rest) = word("TO ") {
            h.to.push(rest);
            list = Some("to");
        } else if let Some(rest) = word("INFO ") {
            h.info.push(rest);
            list = Some("info");
        } else if t.eq_ignore_ascii_case("BT") {
        } else {
            match list {
                Some("to") => h.to.push(t.to_string()),
                Some("info") => h.info.push(t.to_string()),
                _ => strays.push(i),
            }
        }
        i += 1;
    }
    (i, strays)
}

/// The routing lines as the render writes them from the typed fields
/// (before wrapping).
fn generated_routing(h: &Header) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(dtg) = &h.dtg {
        out.push(h.dtg_line.clone().unwrap_or_else(|| {
            let letter = h
                .precedence
                .as_deref()
                .map_or("P", crate::model::precedence_letter);
            format!("{letter} {dtg}")
        }));
    }
    if let Some(from) = &h.from {
        out.push(format!("FM {from}"));
    }
    for (prefix, list) in [("TO", &h.to), ("INFO", &h.info)] {
        for (k, a) in list.iter().enumerate() {
            out.push(if k == 0 {
                format!("{prefix} {a}")
            } else {
                a.clone()
            });
        }
    }
    out
}

/// True when `raw`, an imported cable's routing lines as written
/// (`as_written.routing`), still says what the typed header says.
pub fn routing_matches(raw: &str, header: &crate::model::Header) -> bool {
    let lines: Vec<Line> = raw
        .lines()
        .map(|t| Line {
            number: 0,
            text: t.trim_end().to_string(),
        })
        .collect();
    let mut h = Header::default();
    let (end, strays) = read_routing(&lines, 0, &mut h);
    let one = |v: &Option<crate::model::Located<String>>| v.as_ref().map(|x| x.value.clone());
    let many =
        |v: &[crate::model::Located<String>]| v.iter().map(|x| x.value.clone()).collect::<Vec<_>>();
    end == lines.len()
        && strays.is_empty()
        && h.dtg.is_some()
        && one(&header.dtg).map(|d| d.to_ascii_uppercase()) == h.dtg
        && one(&header.precedence) == h.precedence
        && one(&header.from) == h.from
        && many(&header.to) == h.to
        && many(&header.info) == h.info
}

/// True when `raw`, an imported cable's header lines (`as_written.header`),
/// still says what the typed header says, so the renderer may print it as
/// written. An edited field makes it false and the header is generated.
pub fn header_matches(raw: &str, header: &crate::model::Header) -> bool {
    let lines: Vec<Line> = raw
        .lines()
        .enumerate()
        .map(|(n, t)| Line {
            number: n + 1,
            text: t.trim_end().to_string(),
        })
        .collect();
    // The header is read as it was at import: with the document's
    // classification (an unclassified cable's wrapped lines are joined).
    let unclassified = header.banner.as_ref().is_some_and(|b| {
        crate::marking::parse(&b.value).is_ok_and(|p| !p.marking.level.is_classified())
    });
    let lowercased = header
        .as_written
        .classification
        .as_deref()
        .and_then(|l| CLASS_LINE_ANY_CASE.captures(l))
        .is_some_and(|c| !c[1].chars().any(|ch| ch.is_ascii_uppercase()));
    let mut h = Header {
        classification: unclassified.then(|| "UNCLASSIFIED".to_string()),
        lowercased,
        ..Header::default()
    };
    // A collapsed classification line's own header fields come first.
    let lines = match header
        .as_written
        .classification
        .as_deref()
        .and_then(|l| CLASS_LINE_ANY_CASE.captures(l))
        .and_then(|c| collapsed(c[2].trim()))
    {
        Some((_, mut fields)) => {
            fields.extend(lines);
            fields
        }
        None => lines,
    };
    let end = header_fields(&lines, 0, &mut h);
    if lines[end.min(lines.len())..]
        .iter()
        .any(|l| !l.text.trim().is_empty())
    {
        return false;
    }
    let one = |v: &Option<crate::model::Located<String>>| v.as_ref().map(|x| x.value.clone());
    let many =
        |v: &[crate::model::Located<String>]| v.iter().map(|x| x.value.clone()).collect::<Vec<_>>();
    many(&header.captions).ends_with(&h.captions)
        && one(&header.order) == h.order
        && one(&header.declassify_on) == h.declassify_on
        && many(&header.tags) == h.tags
        && one(&header.subject) == h.subject
        && many(&header.refs) == h.refs
        && one(&header.classified_by) == h.classified_by.filter(|b| !b.is_empty())
        && many(&header.reasons) == h.reasons
}

/// The level a classification line names (`S E C R E T STATE 1`,
/// `UNCLAS SENSITIVE STATE 2`, `CONFIDENTIAL SECTION 01 OF 02 PARIS 3`),
/// or `None` when the line is not one.
pub fn classification_line_level(line: &str) -> Option<marking::Level> {
    let c = CLASS_LINE_ANY_CASE.captures(line)?;
    Some(match c[1].replace(' ', "").to_ascii_uppercase().as_str() {
        "UNCLAS" | "UNCLASSIFIED" => marking::Level::Unclassified,
        "CONFIDENTIAL" => marking::Level::Confidential,
        "SECRET" => marking::Level::Secret,
        _ => marking::Level::TopSecret,
    })
}

/// Imports cable text.
pub fn import(text: &str) -> Imported {
    let lines = clean_lines(text);
    let mut warnings = Vec::new();
    let mut h = Header::default();
    let mut stray: Vec<&Line> = Vec::new();
    let mut i = 0;

    // Transmission header: everything before the date-time group is routing.
    if let Some(pos) = lines.iter().position(|l| DTG_LINE.is_match(&l.text)) {
        let transmission = preamble(&lines[..pos], &mut warnings);
        // A lowercased copy's transmission header is kept as written, right
        // above its routing lines (an upper-case copy's is left out, as the
        // cable's own header is generated from the date-time group on).
        if !lines[pos].text.chars().any(|c| c.is_ascii_uppercase()) {
            h.transmission = transmission;
        }
        let (end, strays) = read_routing(&lines, pos, &mut h);
        for k in &strays {
            let l = &lines[*k];
            warnings.push((
                l.number,
                format!("header line `{}` kept as body text", l.text.trim()),
            ));
            stray.push(l);
        }
        // The routing lines as written, when the render would write them
        // otherwise (a lowercased copy, a `BT` line, a wrap of its own).
        if strays.is_empty() {
            let written: Vec<String> = lines[pos..end]
                .iter()
                .map(|l| l.text.trim().to_string())
                .collect();
            if written != generated_routing(&h) {
                h.routing_raw = Some(written.join("\n"));
            }
        }
        i = end;
    }

    // Classification line and captions.
    let routing_read = i > 0;
    let mut blank_before = false;
    while i < lines.len() && lines[i].text.trim().is_empty() {
        i += 1;
        blank_before = true;
    }
    let preamble_class = lines[..i]
        .iter()
        .take_while(|l| !DTG_LINE.is_match(&l.text))
        .find_map(|l| preamble_classification(&l.text));
    // `Friday, 07 March 2008, 15:00`: a web copy's date line before the
    // classification line is not cable text; said, and left out.
    if lines
        .get(i)
        .is_some_and(|l| WEB_DATE_LINE.is_match(&l.text))
        && lines
            .get(i + 1)
            .is_some_and(|l| CLASS_LINE_ANY_CASE.is_match(&l.text))
    {
        warnings.push((
            lines[i].number,
            format!(
                "web-copy date line `{}` left out (not cable text)",
                lines[i].text.trim()
            ),
        ));
        i += 1;
    }
    if let Some(c) = lines
        .get(i)
        .and_then(|l| CLASS_LINE_ANY_CASE.captures(&l.text))
    {
        // A lowercased web copy: its header lines are read in capitals.
        h.lowercased = !c[1].chars().any(|ch| ch.is_ascii_uppercase());
        // Kept as written: the render prints it while it names the level
        // of the computed banner.
        h.classification_line = Some(lines[i].text.trim().to_string());
        h.classification_joined = routing_read && !blank_before;
        let class = c[1].replace(' ', "").to_ascii_uppercase();
        h.classification = Some(match class.as_str() {
            "UNCLAS" | "UNCLASSIFIED" => "UNCLASSIFIED".to_string(),
            "TOPSECRET" => "TOP SECRET".to_string(),
            other => other.to_string(),
        });
        let mut rest = c[2].trim().to_string();
        for word in ["SENSITIVE", "E F T O", "EFTO"] {
            let starts = rest
                .get(..word.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(word));
            if starts {
                h.captions.push(word.to_string());
                rest = rest[word.len()..].trim().to_string();
            }
        }
        // A collapsed copy's classification line that goes on with the
        // header (`… STATE 000284 SIPDIS E.O. 12958: DECL: … TAGS: …`): its
        // fields are read, when every piece of it reads as one.
        if let Some((reference, fields)) = collapsed(&rest) {
            let mut probe = Header {
                classification: h.classification.clone(),
                lowercased: h.lowercased,
                ..Header::default()
            };
            if header_fields(&fields, 0, &mut probe) == fields.len() {
                header_fields(&fields, 0, &mut h);
                rest = reference;
            }
        }
        if !rest.is_empty() {
            h.reference = Some(rest);
        }
        i += 1;
    }
    if h.classification.is_none() {
        // No classification line: a classification the preamble states
        // (`Classification: CONFIDENTIAL`, an e-mail's `CONFIDENTIAL` line)
        // is still the cable's (fail closed: the render is never below it).
        h.classification = preamble_class;
    }
    let header_start = i;
    i = header_fields(&lines, i, &mut h);
    // The body starts right under the last header line (a collapsed copy).
    h.body_joined = i > header_start
        && lines.get(i).is_some_and(|l| !l.text.trim().is_empty())
        && !lines[i - 1].text.trim().is_empty();
    let mut header_end = i;
    while header_end > header_start && lines[header_end - 1].text.trim().is_empty() {
        header_end -= 1;
    }
    // Kept even when empty: the cable then had no header lines of its own
    // (all of them on the classification line), and none are generated.
    let raw: Vec<&str> = lines[header_start..header_end]
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    h.header_raw = Some(raw.join("\n"));

    // The body, up to the end marks.
    let ends_with_nnnn = lines[i..]
        .iter()
        .rev()
        .map(|l| l.text.trim())
        .find(|t| !t.is_empty())
        .is_some_and(|t| t == "NNNN");
    // Always written: it also tells the renderer this source was a cable,
    // whose line breaks it keeps where they fit.
    h.end = Some(if ends_with_nnnn {
        "NNNN".to_string()
    } else {
        String::new()
    });
    let mut body: Vec<Line> = stray.into_iter().cloned().collect();
    if !body.is_empty() {
        body.push(Line {
            number: 0,
            text: String::new(),
        });
    }
    body.extend(lines[i..].iter().cloned());
    while let Some(last) = body.last() {
        let t = last.text.trim();
        let trailer = t.is_empty()
            || t == "NNNN"
            || (!t.is_empty() && t.chars().all(|c| c == '*' || c == ' '))
            || CLASS_LINE.captures(t).is_some_and(|c| c[2].is_empty());
        if trailer {
            body.pop();
        } else {
            break;
        }
    }
    if let Some(last) = body.last() {
        let t = last.text.trim();
        // The last line before the signature (past blank lines) ends a
        // sentence: a line ending in `:` ("the source is:") or in a word
        // introduces what follows, which is then text, not a signature.
        let last_text = body[..body.len() - 1]
            .iter()
            .rev()
            .map(|l| l.text.trim_end())
            .find(|l| !l.trim().is_empty());
        // An asterisk rule (`*****`) closes the text before a signature too.
        let before_ends_sentence = last_text.is_none_or(|l| {
            l.ends_with(['.', '"', ')', '\''])
                || l.trim().len() >= 3 && l.trim().chars().all(|c| c == '*' || c == ' ')
        });
        // Signatures are written in capitals (`CLINTON`, `VAN VOORST`): a
        // short line in mixed case is the end of a paragraph, and taking it
        // for header data would print it in every release.
        // `RICE`, or `VAN VOORST`: one name, or a particle and a name; right
        // under a paragraph (no blank line), any other pair of words is the
        // paragraph's own text (`IVAN PETROV`).
        let words: Vec<&str> = t.split_whitespace().collect();
        let apart = body.len() >= 2 && body[body.len() - 2].text.trim().is_empty();
        let particle = |w: &str| {
            matches!(
                w,
                "VAN"
                    | "VON"
                    | "DE"
                    | "DI"
                    | "DA"
                    | "DOS"
                    | "DEL"
                    | "LE"
                    | "LA"
                    | "MC"
                    | "ST."
                    | "EL"
                    | "AL"
            )
        };
        let name_shaped = match words.as_slice() {
            [_] => true,
            [a, _] => apart || particle(a),
            _ => false,
        };
        // One surname in mixed case (`Duddy`), standing apart after a
        // finished sentence, is a signature too.
        let titlecase = matches!(words.as_slice(), [w] if apart
            && (3..=20).contains(&w.len())
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).all(char::is_lowercase));
        let capitals =
            (t == t.to_uppercase() || h.lowercased && t == t.to_lowercase() || titlecase)
                && name_shaped;
        if SIGNATURE.is_match(&h.read(t)) && capitals && before_ends_sentence && para(t).is_none() {
            h.signature = Some(t.to_string());
            h.signature_apart = body.len() >= 2 && body[body.len() - 2].text.trim().is_empty();
            body.pop();
        }
    }
    let blocks = blocks(&body);
    let markdown_body = body_markdown(&blocks, &mut warnings);
    Imported {
        markdown: format!("{}\n{}", front_matter(&h), markdown_body),
        warnings,
    }
}

/// A caption line: `NOFORN`, `SIPDIS`, `SENSITIVE`, `EXDIS`, and the
/// routing lines of the header (`BERLIN FOR CRAIG M. CONWAY`): upper case,
/// not a header keyword, a paragraph or a mark.
fn is_caption(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.len() <= 80
        && !t.chars().any(|c| c.is_lowercase())
        && t.chars().any(|c| c.is_ascii_alphabetic())
        && !t.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '-')
        && !t.contains(':')
        && !EO_LINE.is_match(t)
        && !TAGS_LINE.is_match(t)
        && !SUBJECT_LINE.is_match(t)
        && !CLASSIFIED_BY.is_match(t)
        && !REF_LINE.is_match(t)
}

/// A caption line that is header wherever it stands in the header, after
/// the subject too: `SIPDIS`, `NOFORN`, `SENSITIVE`, the SBU banner line,
/// `CORRECTED COPY` (spaced or not), the distribution captions.
fn known_caption(t: &str) -> bool {
    let t = t.trim();
    let squeezed: String = t.chars().filter(|c| *c != ' ').collect();
    [
        "SIPDIS",
        "NOFORN",
        "SENSITIVE",
        "EXDIS",
        "NODIS",
        "LIMDIS",
        "STADIS",
    ]
    .contains(&t)
        || t.starts_with("SENSITIVE BUT UNCLASSIFIED")
        || squeezed.starts_with("CORRECTEDCOPY")
}

/// A long routing line in capitals (`DEPT PLEASE PASS TO COMMERCE (MASON),
/// DEPT FOR NEA/MAG, …`, longer than a caption), taken as header only
/// where the header's place says so: the E.O., TAGS or SUBJECT line follows
/// it (past blank lines and at most `depth` more such lines).
fn pass_to_line(lines: &[Line], j: usize, depth: usize) -> bool {
    let Some(t) = lines.get(j).map(|l| l.text.trim()) else {
        return false;
    };
    // In capitals, or a short routing line in mixed case (`Dept for
    // NEA/MAG`, no sentence).
    let capitals = !t.chars().any(char::is_lowercase);
    let routing = t.len() <= 120
        && !t.ends_with(['.', '!', '?'])
        && t.split_whitespace().count() <= 16
        && t.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
            ["FOR", "PASS", "DEPT", "ALSO", "INFO"].contains(&w.to_ascii_uppercase().as_str())
        });
    let shaped = !t.is_empty()
        && (capitals || routing)
        && t.chars().any(|c| c.is_ascii_alphabetic())
        && !t.starts_with(|c: char| c.is_ascii_digit() || c == '(' || c == '-')
        && !EO_LINE.is_match(t)
        && !TAGS_LINE.is_match(t)
        && !SUBJECT_LINE.is_match(t)
        && !CLASSIFIED_BY.is_match(t)
        && !REF_LINE.is_match(t)
        && crate::source::detect::scan(t, &[]).is_empty();
    if !shaped {
        return false;
    }
    let mut k = j + 1;
    while lines.get(k).is_some_and(|l| l.text.trim().is_empty()) {
        k += 1;
    }
    match lines.get(k).map(|l| l.text.trim()) {
        Some(n) if EO_LINE.is_match(n) || TAGS_LINE.is_match(n) || SUBJECT_LINE.is_match(n) => true,
        Some(_) if depth > 0 => pass_to_line(lines, k, depth - 1),
        _ => false,
    }
}

/// The header fields after the classification line — captions, E.O.,
/// TAGS, SUBJECT, REF, Classified By, in any order — read into `h`; returns
/// where the body starts.
fn header_fields(lines: &[Line], mut i: usize, h: &mut Header) -> usize {
    // Captions, possibly with blank lines between them.
    loop {
        let mut j = i;
        while lines.get(j).is_some_and(|l| l.text.trim().is_empty()) {
            j += 1;
        }
        match lines.get(j) {
            Some(l) if is_caption(&h.read(&l.text)) || pass_to_line(lines, j, 3) => {
                h.captions.push(l.text.trim().to_string());
                i = j + 1;
            }
            _ => break,
        }
    }

    // E.O., TAGS, SUBJECT, REF, Classified By, in any order.
    loop {
        while i < lines.len() && lines[i].text.trim().is_empty() {
            i += 1;
        }
        let Some(l) = lines.get(i) else { break };
        let t = l.text.trim().to_string();
        if let Some(c) = EO_LINE.captures(&t) {
            // `DEPT FOR NEA/MAG AND DRL E.O. 12958: …`: a caption glued on.
            if let Some(prefix) = c
                .get(1)
                .map(|m| m.as_str().trim())
                .filter(|p| !p.is_empty())
            {
                h.captions.push(prefix.to_string());
            }
            h.order = Some(format!("E.O. {}", &c[2]));
            if let Some(decl) = c
                .get(3)
                .map(|m| m.as_str().trim())
                .filter(|d| !d.is_empty())
            {
                h.declassify_on =
                    Some(Date::parse(decl).map_or_else(|| decl.to_string(), |d| d.to_string()));
            }
            i += 1;
            continue;
        }
        if TAGS_LINE.is_match(&t) {
            let (tags, _, used) = read_tags(
                lines,
                i,
                h.classification.as_deref() == Some("UNCLASSIFIED"),
            );
            // A lowercased copy's tags are tags in capitals.
            h.tags = if h.lowercased {
                tags.iter().map(|t| t.to_uppercase()).collect()
            } else {
                tags
            };
            i += used;
            continue;
        }
        if let Some(c) = SUBJECT_LINE.captures(&t) {
            let (mut text, used) = continuation(lines, i, c[1].to_string(), |_| true);
            text = text.trim().to_string();
            h.subject = Some(text);
            i += used;
            continue;
        }
        if let Some(c) = REF_LINE.captures(&t) {
            // In a classified cable a wrapped reference names a telegram,
            // with its number; an unclassified one's header leaks nothing.
            let unclassified = h.classification.as_deref() == Some("UNCLASSIFIED");
            let (text, used) = continuation(lines, i, c[1].to_string(), |t| {
                unclassified || t.bytes().any(|b| b.is_ascii_digit())
            });
            h.refs = split_refs(&text);
            i += used;
            continue;
        }
        if is_caption(&h.read(&t)) && (h.subject.is_none() || known_caption(&h.read(&t))) {
            h.captions.push(t.clone());
            i += 1;
            continue;
        }
        if SECTION_BREAK.is_match(&t) {
            // The header goes on after a section break.
            i += 1;
            continue;
        }
        if let Some(c) = CLASSIFIED_BY.captures(&t) {
            // A wrapped Classified By line goes on with the reasons: the
            // lines up to the one that gives them (at most three, with no
            // blank line between).
            let names_reason = |t: &str| {
                let u = t.to_ascii_uppercase();
                u.contains("REASON") || u.contains("1.4") || u.contains("1.5")
            };
            let reach = if names_reason(&c[1]) {
                i
            } else {
                (i + 1..(i + 4).min(lines.len()))
                    .take_while(|&k| !lines[k].text.trim().is_empty())
                    .find(|&k| names_reason(&lines[k].text))
                    .unwrap_or(i)
            };
            let mut k = i;
            let (text, used) = continuation(lines, i, c[1].to_string(), |t| {
                k += 1;
                k <= reach || names_reason(t)
            });
            let (by, reasons) = split_authority(&text);
            if h.classified_by.is_none() {
                h.classified_by = Some(by);
                h.reasons = reasons;
            }
            i += used;
            continue;
        }
        break;
    }
    i
}

/// TAGS and their continuation lines: the tags, the raw text, lines used.
fn read_tags(lines: &[Line], start: usize, unclassified: bool) -> (Vec<String>, String, usize) {
    let first = TAGS_LINE
        .captures(&lines[start].text)
        .map_or(String::new(), |c| c[1].to_string());
    let mut text = first;
    let mut raw = vec![lines[start].text.trim_end().to_string()];
    let mut used = 1;
    while let Some(l) = lines.get(start + used) {
        let t = l.text.trim();
        let header = t.is_empty()
            || SUBJECT_LINE.is_match(t)
            || REF_LINE.is_match(t)
            || CLASSIFIED_BY.is_match(t)
            || EO_LINE.is_match(t);
        // A wrapped TAGS line holds tags only (`PARM, TW`), never words.
        let tags_only = t.split([' ', ',']).filter(|w| !w.is_empty()).all(|w| {
            (2..=6).contains(&w.len())
                && w.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        });
        if header || t.len() > 60 || !(tags_only || unclassified) {
            break;
        }
        text.push(' ');
        text.push_str(t);
        raw.push(l.text.trim_end().to_string());
        used += 1;
    }
    let tags = split_tags(&text);
    (
        tags.into_iter().filter(|t| !t.is_empty()).collect(),
        raw.join("\n"),
        used,
    )
}

/// `PREL PGOV`, `PREL, PGOV`, `PREL PGOV, XX` (spaces and commas
/// mixed): one tag a word, except a group with parentheses (`OVIP (RICE,
/// CONDOLEEZZA)`), which stays whole.
fn split_tags(text: &str) -> Vec<String> {
    split_outside_parens(text, ',')
        .into_iter()
        .flat_map(|piece| {
            if piece.contains('(') {
                vec![piece]
            } else {
                piece.split_whitespace().map(str::to_string).collect()
            }
        })
        .collect()
}

fn split_outside_parens(text: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if c == sep && depth <= 0 {
            out.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    out.push(cur.trim().to_string());
    out
}

/// A header field and its continuation lines up to a blank line or the
/// next header keyword: the joined text and the number of lines used.
/// A header field and the lines it wraps onto. Only lines that `fits`
/// accepts are joined: header data is printed in every release, so a body
/// line taken for a wrapped REF or Classified By line would be released
/// unmarked (fail closed: when in doubt, the line stays body text).
fn continuation(
    lines: &[Line],
    start: usize,
    first: String,
    mut fits: impl FnMut(&str) -> bool,
) -> (String, usize) {
    let mut text = first;
    let mut used = 1;
    while let Some(l) = lines.get(start + used) {
        let t = l.text.trim();
        if t.is_empty()
            || !fits(t)
            || EO_LINE.is_match(t)
            || TAGS_LINE.is_match(t)
            || SUBJECT_LINE.is_match(t)
            || REF_LINE.is_match(t)
            || CLASSIFIED_BY.is_match(t)
            || para(t).is_some()
        {
            break;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(t);
        used += 1;
    }
    (text, used)
}

/// `A. STATE 123 B. STATE 456` → the references.
fn split_refs(text: &str) -> Vec<String> {
    let starts: Vec<(usize, usize)> = REF_ITEM
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    if starts.is_empty() || starts[0].0 > 1 {
        return vec![text.trim().to_string()];
    }
    let mut out = Vec::new();
    for (k, (_, content)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |n| n.0);
        let item = text[*content..end]
            .trim()
            .trim_end_matches([',', ';'])
            .trim();
        if !item.is_empty() {
            out.push(item.to_string());
        }
    }
    out
}

/// `ISN/MTR DIRECTOR PAM DURHAM REASONS 1.4 (B), (C) AND (D).` → the
/// classifier and the reason letters.
fn split_authority(text: &str) -> (String, Vec<String>) {
    // Without the word (`… DOWNES FOR 1.4 (D)`, `Amb Doe, 1.4 b and d`):
    // the reasons start at the `1.4`.
    let (by, tail) = match REASON.find(text).or_else(|| BARE_REASON.find(text)) {
        Some(m) => (&text[..m.start()], &text[m.start()..]),
        None => (text, ""),
    };
    let by = by
        .trim()
        .trim_start_matches("(U)")
        .trim()
        .trim_end_matches([',', ';', '.'])
        .trim()
        .to_string();
    let letters_text = REASON_LETTERS
        .captures(tail)
        .map_or(String::new(), |c| c[1].to_string());
    // Letters standing alone (`(B), (C) AND (D)`, `b/d`, `b and d`).
    let words: Vec<String> = letters_text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() == 1)
        .map(|w| w.to_ascii_lowercase())
        .filter(|w| ("a"..="h").contains(&w.as_str()))
        .collect();
    let mut seen = Vec::new();
    for w in words {
        if !seen.contains(&w) {
            seen.push(w);
        }
    }
    (by, seen)
}

/// Body lines into blocks: blank lines separate them, so do a numbered
/// paragraph or a `--` bullet starting a line after a finished sentence.
/// Multi-section break lines are dropped.
fn blocks(body: &[Line]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let mut last_number = 0u32;
    // Under `N.` paragraphs, `1)` items are sub-items: they neither start
    // a paragraph nor count as its number.
    let dot_numbers = body
        .iter()
        .any(|l| para(l.text.trim()).is_some_and(|c| &c[2] == "."));
    fn top_para(t: &str, dot_numbers: bool) -> Option<regex::Captures<'_>> {
        para(t).filter(|c| !dot_numbers || &c[2] == ".")
    }
    let mut in_points = false;
    for l in body {
        // Page-break lines of multi-section cables (`PARIS 00000170  002.2 OF
        // 004`) stay: they are words of the cable, and keeping them where
        // they stand keeps the paragraphs around them as they were.
        let t = l.text.trim();
        if t.is_empty() {
            if let Some(b) = current.take() {
                out.push(b);
            }
            continue;
        }
        let starts_new = match (&current, top_para(t, dot_numbers)) {
            (Some(b), Some(c)) => {
                let n: u32 = c[1].parse().unwrap_or(0);
                // The next number, after a finished sentence or with its
                // mark right after it (`8. XXXXXX` / `9. (U) …`).
                n == last_number + 1
                    && (b.text.trim_end().ends_with(['.', ':', '"', ')'])
                        || leading_mark(&c[4]).mark.is_some_and(|m| m.parsed.is_ok()))
            }
            _ => false,
        };
        if let Some(c) = top_para(t, dot_numbers) {
            if current.is_none() || starts_new {
                last_number = c[1].parse().unwrap_or(last_number);
            }
        }
        // Talking points run together with no blank line (`7. (S) Begin
        // talking points:` / `(SECRET REL INDIA)` / `-- …` / `End …`): the
        // opening, its releasability line, the points and the closing line
        // are blocks of their own, so the line is not read as a second mark
        // inside the opening paragraph.
        let lone_mark = |t: &str| {
            let lm = leading_mark(t);
            lm.mark.is_some() && lm.rest >= t.len()
        };
        let opener = |b: &Block| {
            b.lines.len() == 1
                && top_para(&b.text, dot_numbers).is_some_and(|c| {
                    let rest = &c[4];
                    let after = rest[leading_mark(rest).rest..].trim();
                    BEGIN.is_match(after) && is_talking_points(after)
                })
        };
        let points_split = match &current {
            Some(b) if opener(b) => lone_mark(t) || BULLET.is_match(t),
            Some(b) if b.lines.len() == 1 && lone_mark(&b.text) => BULLET.is_match(t),
            Some(_) => in_points && is_end_line(t),
            None => false,
        };
        if points_split {
            in_points = !is_end_line(t);
        } else if starts_new {
            in_points = false;
        }
        let starts_new = starts_new || points_split;
        let mut joined = false;
        if starts_new {
            if let Some(b) = current.take() {
                out.push(b);
                joined = true;
            }
        }
        match current.as_mut() {
            Some(b) => {
                b.text.push(' ');
                b.text.push_str(t);
                b.lines.push(t.to_string());
            }
            None => {
                current = Some(Block {
                    line: l.number,
                    text: t.to_string(),
                    lines: vec![t.to_string()],
                    joined,
                })
            }
        }
    }
    if let Some(b) = current {
        out.push(b);
    }
    // A section-break line inside a block (`PARIS 00000170  002 OF 004` in
    // the middle of a paragraph or a heading) is the telegram system's, not
    // the cable's text: left out, so the paragraph reads as written. One
    // standing alone between blank lines stays where it is.
    for b in &mut out {
        let breaks = b.lines.iter().filter(|l| SECTION_BREAK.is_match(l)).count();
        if breaks > 0 && breaks < b.lines.len() {
            b.lines.retain(|l| !SECTION_BREAK.is_match(l));
            b.text = b.lines.join(" ");
        }
    }
    out
}

/// A block's lines as Markdown: escaped, line starts made safe,
/// continuation lines indented; the first `skip` bytes of the first line
/// (a number or bullet already written as `first_prefix`) left out. Lines
/// of a reflowed web copy (one long line a paragraph) are wrapped.
fn md_block(lines: &[String], skip: usize, first_prefix: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for (k, line) in lines.iter().enumerate() {
        let text = if k == 0 {
            line.get(skip..).unwrap_or("").trim_start()
        } else {
            line.as_str()
        };
        let piece = if text.chars().count() > 100 {
            markdown_text(text, "", indent)
        } else {
            escape_inline(text)
        };
        if k == 0 {
            out.push_str(first_prefix);
            // Only indentation before it: the line start is the content's.
            if first_prefix.trim().is_empty() {
                out.push_str(&safe_line_start(&piece));
            } else {
                out.push_str(&piece);
            }
        } else {
            out.push('\n');
            out.push_str(&pad);
            out.push_str(&safe_line_start(&piece));
        }
    }
    out
}

#[derive(PartialEq)]
enum Where {
    Top,
    /// Inside numbered paragraph `n` written with this marker width.
    Numbered(usize),
    NonPaper,
}

fn body_markdown(blocks: &[Block], warnings: &mut Vec<(usize, String)>) -> String {
    let has_dot_numbers = blocks
        .iter()
        .any(|b| para(&b.text).is_some_and(|c| &c[2] == "."));
    let mut out: Vec<String> = Vec::new();
    let mut state = Where::Top;
    let mut k = 0;
    while k < blocks.len() {
        let b = &blocks[k];
        let t = b.text.as_str();
        let numbered = para(t).filter(|c| &c[2] == "." || !has_dot_numbers);

        if state == Where::NonPaper {
            if let Some(c) = BULLET.captures(t) {
                out.push(md_block(&b.lines, t.len() - c[1].len(), "- ", 2));
                k += 1;
                continue;
            }
            if is_end_line(t) && numbered.is_none() {
                out.push("***".to_string());
                state = Where::Top;
                k += 1;
                continue;
            }
            let end_ahead = blocks[k..]
                .iter()
                .take_while(|b| para(&b.text).is_none())
                .any(|b| is_end_line(b.text.trim()));
            if numbered.is_none() && starts_lower(t) && end_ahead {
                // A talking point broken across a blank line.
                if let Some(last) = out.last_mut() {
                    // One talking point: its text goes on as the same paragraph.
                    last.push('\n');
                    last.push_str(&md_block(&b.lines, 0, "  ", 2));
                    k += 1;
                    continue;
                }
            }
            if numbered.is_some() {
                out.push("***".to_string());
                state = Where::Top;
                // The closing line was missing: say so on the heading.
                mark_no_end(&mut out);
            } else {
                // Text that is not a talking point belongs to the non-paper
                // only when its closing line comes after it; without one,
                // where the talking points stop is not certain, so the
                // section stops here (fail closed: the text does not
                // inherit the non-paper's release).
                if !end_ahead {
                    out.push("***".to_string());
                    mark_no_end(&mut out);
                    state = Where::Top;
                    continue;
                }
                out.push(md_block(&b.lines, 0, "", 0));
                k += 1;
                continue;
            }
        }

        if let Some(c) = numbered {
            let number = &c[1];
            let delim = &c[2];
            // One to four spaces after the number, as written.
            let gap = " ".repeat(c[3].len().clamp(1, 4));
            let rest = c[4].to_string();
            let lead = leading_mark(&rest);
            let after = rest[lead.rest..].to_string();
            if BEGIN.is_match(after.trim()) && is_talking_points(&after) {
                // A non-paper: the releasability line may follow.
                let title_text = after.trim().trim_end_matches(':').trim();
                let title_text = title_text
                    .strip_prefix("Begin ")
                    .or_else(|| title_text.strip_prefix("BEGIN "))
                    .or_else(|| title_text.strip_prefix("begin "))
                    .unwrap_or(title_text);
                let title = upper_first(title_text);
                let mut heading_mark = lead.mark.as_ref().map(|m| m.text.clone());
                let mut next = k + 1;
                let mut own_line = true;
                if let Some(nb) = blocks.get(next) {
                    let whole = nb.text.trim();
                    let lm = leading_mark(whole);
                    if lm.mark.is_some() && lm.rest >= whole.len() {
                        // The releasability line stands for the paragraph's
                        // mark only when it is no wider than it: a paragraph
                        // marked NOFORN (or above the line's level, or for
                        // fewer countries) keeps both marks, and the check
                        // makes the author choose (fail closed).
                        let line = whole.to_string();
                        heading_mark = match (
                            &heading_mark,
                            lead.mark.as_ref().and_then(|m| m.parsed.as_ref().ok()),
                        ) {
                            (Some(own), Some(own_parsed)) => {
                                let wider = crate::marking::parse(&line)
                                    .map(|p| releasing_wider(&own_parsed.marking, &p.marking))
                                    .unwrap_or(true);
                                if wider {
                                    Some(format!("{own} {line}"))
                                } else {
                                    Some(line)
                                }
                            }
                            (Some(own), None) => Some(format!("{own} {line}")),
                            (None, _) => Some(line),
                        };
                        next += 1;
                        own_line = false;
                    }
                }
                let mut attrs = vec![".nonpaper".to_string()];
                if own_line {
                    // `8. (S//REL TURKEY) Begin talking points:` and no
                    // releasability line: none is invented.
                    attrs.push("line=\"none\"".to_string());
                }
                if after.trim() != default_begin(&title) {
                    attrs.push(format!("begin=\"{}\"", after.trim().replace('"', "'")));
                }
                // The bullets as written, per talking point: one for the
                // section when they agree, each its own when they do not.
                let points: Vec<&str> = blocks[next..]
                    .iter()
                    .take_while(|b| para(&b.text).is_none() && !is_end_line(&b.text))
                    .filter(|b| BULLET.is_match(&b.text))
                    .map(|b| {
                        if b.text.starts_with("-- ") {
                            "-- "
                        } else {
                            "--"
                        }
                    })
                    .collect();
                if points.contains(&"--") {
                    attrs.push("bullet=\"--\"".to_string());
                }
                if points.contains(&"--") && points.contains(&"-- ") {
                    attrs.push(format!("bullets=\"{}\"", points.join("|")));
                }
                if let Some(end) = blocks[next..]
                    .iter()
                    .take_while(|b| para(&b.text).is_none())
                    .find(|b| is_end_line(&b.text))
                {
                    if end.text.trim() != default_end(&title) {
                        attrs.push(format!("end=\"{}\"", end.text.trim().replace('"', "'")));
                    }
                }
                let mark = heading_mark.map(|m| format!("{m} ")).unwrap_or_default();
                out.push(format!(
                    "## {number}. {mark}{} {{{}}}",
                    escape_inline(&title),
                    attrs.join(" ")
                ));
                state = Where::NonPaper;
                k = next;
                continue;
            }
            if delim == ")" && has_dot_numbers {
                // `1)` under `N.` paragraphs: a sub-paragraph, written escaped.
                out.push(md_block(&b.lines, 0, "", 0));
                state = Where::Top;
            } else {
                if c[3].is_empty() {
                    // `1.(C) text`: no space after the number. Written as a
                    // list item whose text starts on the line under `1.`
                    // (the source reads the marker back with no space), so
                    // the paragraph's unnumbered continuation is part of it.
                    let indent = number.len() + 2;
                    let marker = format!("{number}{delim}\n{}", " ".repeat(indent));
                    let skip = c[1].len() + c[2].len();
                    let item = md_block(&b.lines, skip, &marker, indent);
                    match out.last_mut() {
                        Some(last) if b.joined && matches!(state, Where::Numbered(_)) => {
                            last.push('\n');
                            last.push_str(&item);
                        }
                        _ => out.push(item),
                    }
                    state = Where::Numbered(indent);
                } else {
                    let marker = format!("{number}{delim}{gap}");
                    let skip = c[1].len() + c[2].len() + c[3].len();
                    let item = md_block(&b.lines, skip, &marker, marker.len());
                    // No blank line before it in the cable: none in the
                    // source either (the next item of a tight list).
                    match out.last_mut() {
                        Some(last) if b.joined && matches!(state, Where::Numbered(_)) => {
                            last.push('\n');
                            last.push_str(&item);
                        }
                        _ => out.push(item),
                    }
                    state = Where::Numbered(marker.len());
                }
            }
            k += 1;
            continue;
        }

        let lead = leading_mark(t);
        let labelled = crate::source::label_len(t).is_some();
        // `18.This cable …`: the next paragraph, unmarked, not text of the
        // one before it (it must not inherit that paragraph's mark).
        let glued = GLUED_NUMBER.is_match(t);
        // `(DIO). He said …` on the line after a page break: an acronym in
        // brackets that the mark detector does not read as a mark, in the
        // middle of a sentence, goes on with the paragraph.
        let acronym = lead.mark.as_ref().is_some_and(|m| m.parsed.is_err())
            && !crate::source::detect::scan(t, &[])
                .iter()
                .any(|f| f.start == 0)
            && (t[lead.rest..].starts_with(['.', ',', ';', ':'])
                || blocks[..k]
                    .iter()
                    .rev()
                    .find(|b| !SECTION_BREAK.is_match(&b.text))
                    .is_some_and(|b| !b.text.trim_end().ends_with(['.', ':', '"', ')', '!', '?'])));
        let marked = lead.mark.is_some() && !acronym;
        match (&state, marked || labelled || glued) {
            (Where::Numbered(indent), false) => {
                // Unmarked text after a numbered paragraph belongs to it.
                let indent = *indent;
                out.push(md_block(&b.lines, 0, &" ".repeat(indent), indent));
            }
            _ => {
                if lead.mark.as_ref().is_some_and(|m| m.parsed.is_err()) {
                    warnings.push((
                        b.line,
                        format!(
                            "`{}` is not a mark this tool can read; kept as written",
                            lead.mark.as_ref().map_or("", |m| m.text.as_str())
                        ),
                    ));
                }
                out.push(md_block(&b.lines, 0, "", 0));
                if !labelled {
                    state = Where::Top;
                }
            }
        }
        k += 1;
    }
    if state == Where::NonPaper {
        mark_no_end(&mut out);
    }
    let mut text = out.join("\n\n");
    text.push('\n');
    text
}

/// The last non-paper heading had no closing line: record `end=""`.
fn mark_no_end(out: &mut [String]) {
    if let Some(h) = out
        .iter_mut()
        .rev()
        .find(|l| l.starts_with("## ") && l.contains(".nonpaper"))
    {
        if !h.contains(" end=") {
            if let Some(pos) = h.rfind('}') {
                h.insert_str(pos, " end=\"\"");
            }
        }
    }
}

/// True when `line` (a non-paper's releasability line) would release more
/// than `own` (the paragraph's mark) says: `own` is NOFORN, of a higher
/// level, or its REL TO list does not hold the line's. A mark with no
/// release decision (`(S)`, as State marks the paragraph that opens
/// talking points) leaves the decision to the line.
fn releasing_wider(own: &crate::marking::Marking, line: &crate::marking::Marking) -> bool {
    if own.noforn || own.sbu_noforn || own.relido || own.level > line.level {
        return true;
    }
    match (own.expanded_rel(), line.expanded_rel()) {
        (Some(mine), Some(theirs)) => !theirs.is_subset(&mine),
        (Some(_), None) => false,
        // SBU or FOUO on the paragraph: not releasable, whatever the line says.
        (None, _) => own.has_controls(),
    }
}

/// The line that closes talking points: `End talking points`, `END
/// NON-PAPER`, `End points.` — short, nothing after it. `End comment.` closes
/// something else, and a line that goes on with text is text.
fn is_end_line(t: &str) -> bool {
    let t = t.trim();
    let lower = t.to_lowercase();
    let core = lower.trim_end_matches(['.', ':']).trim();
    END.is_match(t)
        && core.len() <= 48
        && !core.contains(". ")
        && (core == "end"
            || [
                "talking",
                "point",
                "non-paper",
                "nonpaper",
                "non paper",
                "tps",
            ]
            .iter()
            .any(|w| core.contains(w)))
}

fn is_talking_points(after: &str) -> bool {
    let l = after.to_ascii_lowercase();
    l.contains("point") || l.contains("non-paper") || l.contains("nonpaper")
}

fn starts_lower(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_lowercase())
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The front matter: the typed header the importer read, written by the
/// same writer as a released source.
fn front_matter(h: &Header) -> String {
    use crate::model::{AsWritten, Located, Span};
    let one = |v: &Option<String>| {
        v.as_ref().map(|value| Located {
            value: value.clone(),
            span: Span::default(),
        })
    };
    let many = |v: &[String]| {
        v.iter()
            .map(|value| Located {
                value: value.clone(),
                span: Span::default(),
            })
            .collect::<Vec<_>>()
    };
    // The original's classification, checked against its portions.
    let banner = h.classification.as_ref().map(|c| {
        // `NOFORN`, `SECRET NOFORN`, `NOFORN SIPDIS`: however the caption
        // says it, the banner carries it (fail closed).
        if h.captions
            .iter()
            .any(|x| crate::model::caption_means_noforn(x))
            && c != "UNCLASSIFIED"
        {
            format!("{c}//NOFORN")
        } else if c == "UNCLASSIFIED" && h.captions.iter().any(|x| x.starts_with("SENSITIVE")) {
            // `UNCLAS` with `SENSITIVE` (or the SBU banner line): an SBU
            // telegram (12 FAM 540).
            "UNCLASSIFIED//SBU".to_string()
        } else {
            c.clone()
        }
    });
    let header = crate::model::Header {
        precedence: one(&h.precedence),
        dtg: one(&h.dtg),
        from: one(&h.from),
        to: many(&h.to),
        info: many(&h.info),
        reference: one(&h.reference),
        captions: many(&h.captions),
        order: one(&h.order),
        profile: None,
        declassify_on: one(&h.declassify_on),
        tags: many(&h.tags),
        subject: one(&h.subject),
        refs: many(&h.refs),
        classified_by: one(&h.classified_by.clone().filter(|b| !b.is_empty())),
        reasons: many(&h.reasons),
        signature: one(&h.signature),
        banner: one(&banner.filter(|b| marking::parse(b).is_ok())),
        as_written: AsWritten {
            dtg_line: h.dtg_line.clone(),
            header: h.header_raw.clone(),
            signature_apart: h.signature_apart,
            end: h.end.clone(),
            numbers: false,
            classification: h.classification_line.clone(),
            classification_joined: h.classification_joined,
            body_joined: h.body_joined,
            routing: h.routing_raw.clone(),
            transmission: h.transmission.clone(),
        },
        span: None,
    };
    crate::markdown::front_matter(&header)
}

#[cfg(test)]
mod tests;
