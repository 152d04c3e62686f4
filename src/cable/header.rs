//! The telegram header in both directions: reading the routing lines,
//! the classification line, captions, E.O., TAGS, SUBJECT, REF and the
//! authority block of a cable; and the "as written" decisions the
//! renderer asks of it (does a header kept as written still say what the
//! typed fields say).

use super::*;

#[derive(Clone)]
pub(super) struct Line {
    pub(super) number: usize,
    pub(super) text: String,
}

/// Web artefacts off, lines numbered as in the input.
pub(super) fn clean_lines(text: &str) -> Vec<Line> {
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
pub(super) struct Header {
    pub(super) precedence: Option<String>,
    pub(super) dtg: Option<String>,
    pub(super) from: Option<String>,
    pub(super) to: Vec<String>,
    pub(super) info: Vec<String>,
    pub(super) classification: Option<String>,
    /// Control words written on the classification line (`SECRET//NOFORN
    /// STATE 010900`, `S E C R E T NODIS …`): not printed apart, but the
    /// declared banner carries them (fail closed: NOFORN).
    pub(super) line_controls: Vec<String>,
    /// Numbered paragraphs right under a block that is not one (a heading).
    pub(super) joined: Vec<u32>,
    /// No blank line anywhere in the body.
    pub(super) tight: bool,
    pub(super) reference: Option<String>,
    pub(super) captions: Vec<String>,
    pub(super) order: Option<String>,
    pub(super) declassify_on: Option<String>,
    pub(super) tags: Vec<String>,
    pub(super) subject: Option<String>,
    pub(super) refs: Vec<String>,
    pub(super) classified_by: Option<String>,
    pub(super) reasons: Vec<String>,
    /// The header lines between the classification line and the body.
    pub(super) header_raw: Option<String>,
    /// The DTG line when the renderer would write it differently.
    pub(super) dtg_line: Option<String>,
    pub(super) signature_apart: bool,
    pub(super) signature: Option<String>,
    /// `Some("")` when the cable has no closing `NNNN`.
    pub(super) end: Option<String>,
    /// The classification line as written.
    pub(super) classification_line: Option<String>,
    /// No blank line between the routing lines and the classification line.
    pub(super) classification_joined: bool,
    /// No blank line between the last header line and the body.
    pub(super) body_joined: bool,
    /// A lowercased web copy (its classification line in lower case).
    pub(super) lowercased: bool,
    /// The routing lines as written, when the render would write them otherwise.
    pub(super) routing_raw: Option<String>,
    /// A lowercased copy's transmission header before the date-time group.
    pub(super) transmission: Option<String>,
}

impl Header {
    /// A header line as it is matched: in capitals in a lowercased copy.
    pub(super) fn read(&self, t: &str) -> String {
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
pub(super) fn preamble(lines: &[Line], warnings: &mut Vec<(usize, String)>) -> Option<String> {
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
pub(super) fn preamble_classification(t: &str) -> Option<String> {
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

/// Raises the cable's classification to the highest that a line above
/// its first paragraph names, standing alone: a classification line of
/// the cable's shape in any case or spacing (`S e c r e t section 01 of
/// 02 nairobi 002497`, which may also declare it unclassified), or a
/// banner (`SECRET//NOFORN`, a web copy's metadata, which only raises).
/// NOFORN, on such a line or as a caption line among them, goes with it.
/// NOFORN named on any of these lines however written (`S//NF`, `N O F O
/// R N`, `Classification: SECRET//NOFORN`) goes with it. Lines kept as
/// written and printed unchecked (`kept`: a preamble, a note above the
/// classification line) raise it to any level they name anywhere.
pub(super) fn raise_to_named(lines: &[Line], kept: &[&str], h: &mut Header) {
    let mut highest: Option<marking::Level> = None;
    let mut noforn = false;
    for t in kept {
        let (level, nf) = crate::source::detect::bare_named(t);
        highest = highest.max(level);
        noforn |= nf;
        for f in crate::source::detect::scan(t, &[]) {
            let m = crate::source::detect::counted(t, &f);
            highest = highest.max(Some(m.level));
            noforn |= m.noforn || m.sbu_noforn;
        }
    }
    for l in lines {
        let t = l.text.trim();
        noforn |= crate::source::detect::bare_named(t).1;
        if let Some(c) = CLASS_LINE_ANY_CASE.captures(t) {
            let rest = c[2].trim();
            // A bare `UNCLASSIFIED` states no cable's classification.
            if CABLE_CLASS_REST.is_match(rest) {
                let level = level_named(&c[1])
                    .filter(|l| *l > marking::Level::Unclassified || !rest.is_empty());
                if let Some(level) = level {
                    highest = highest.max(Some(level));
                    noforn |= rest.to_ascii_uppercase().contains("NOFORN");
                    continue;
                }
            }
        }
        if let Some(p) = preamble_classification(t).and_then(|name| level_named(&name)) {
            if p > marking::Level::Unclassified {
                highest = highest.max(Some(p));
                noforn |= marking::parse(&t.to_ascii_uppercase()).is_ok_and(|m| m.marking.noforn);
            }
        }
    }
    if let Some(level) = highest {
        let current = h.classification.as_deref().and_then(level_named);
        if current.is_none_or(|c| level > c) {
            h.classification = Some(level.name().to_string());
        }
    }
    let declared = h.classification.as_deref().and_then(level_named);
    if noforn
        && declared.is_some_and(|l| l > marking::Level::Unclassified)
        && !h.line_controls.iter().any(|c| c == "NOFORN")
    {
        h.line_controls.push("NOFORN".to_string());
    }
}

/// `SECTION 01 OF 02 STATE 000284 SIPDIS E.O. 12958: DECL: … TAGS: …`, the
/// rest of a collapsed classification line: its reference, and the header
/// lines run onto it, one a field.
pub(super) fn collapsed(rest: &str) -> Option<(String, Vec<Line>)> {
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

/// The date-time group line and the FM, TO and INFO lines from `pos` (the
/// DTG line) into `h`: where the routing ends, and the lines that are none
/// of these (kept as body text).
pub(super) fn read_routing(lines: &[Line], pos: usize, h: &mut Header) -> (usize, Vec<usize>) {
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
pub(super) fn generated_routing(h: &Header) -> Vec<String> {
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
        .and_then(|l| l.lines().last())
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
        .and_then(|l| l.lines().last())
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
/// or `None` when the line is not one. Of lines as written (a web copy's
/// date line above it), the last is the classification line.
pub fn classification_line_level(line: &str) -> Option<marking::Level> {
    let line = line.lines().last().unwrap_or("");
    let c = CLASS_LINE_ANY_CASE.captures(line)?;
    Some(level_named(&c[1]).unwrap_or(marking::Level::TopSecret))
}

/// The level a classification line names, spaced or not (`UNCLAS`,
/// `C O N F I D E N T I A L`, `TOP SECRET`).
pub(super) fn level_named(name: &str) -> Option<marking::Level> {
    Some(match name.replace(' ', "").to_ascii_uppercase().as_str() {
        "UNCLAS" | "UNCLASSIFIED" => marking::Level::Unclassified,
        "CONFIDENTIAL" => marking::Level::Confidential,
        "SECRET" => marking::Level::Secret,
        "TOPSECRET" => marking::Level::TopSecret,
        _ => return None,
    })
}

/// A caption line: `NOFORN`, `SIPDIS`, `SENSITIVE`, `EXDIS`, and the
/// routing lines of the header (`BERLIN FOR CRAIG M. CONWAY`): upper case,
/// not a header keyword, a paragraph or a mark.
pub(super) fn is_caption(text: &str) -> bool {
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

/// The SBU banner line, as State writes it, and nothing more after it.
static SBU_BANNER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^SENSITIVE\s+BUT\s+UNCLASSIFIED(\s*[-,;.:]*\s*PLEASE\s+PROTECT\s+ACCORDINGLY\.?)?\s*$")
});

/// A caption line that is header wherever it stands in the header, after
/// the subject too: `SIPDIS`, `NOFORN`, `SENSITIVE`, the SBU banner line,
/// `CORRECTED COPY` (spaced or not), the distribution captions.
pub(super) fn known_caption(t: &str) -> bool {
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
        || SBU_BANNER_LINE.is_match(t)
        || squeezed == "CORRECTEDCOPY"
        || (squeezed.starts_with("CORRECTEDCOPY(")
            && squeezed.ends_with(')')
            && squeezed.len() <= 40)
}

/// A long routing line in capitals (`DEPT PLEASE PASS TO COMMERCE (MASON),
/// DEPT FOR NEA/MAG, …`, longer than a caption), taken as header only
/// where the header's place says so: the E.O., TAGS or SUBJECT line follows
/// it (past blank lines and at most `depth` more such lines).
pub(super) fn pass_to_line(lines: &[Line], j: usize, depth: usize) -> bool {
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
pub(super) fn header_fields(lines: &[Line], mut i: usize, h: &mut Header) -> usize {
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
            let (tags, _, used) = read_tags(lines, i);
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
            // A wrapped subject is in capitals, as the subject line is;
            // a sentence under it is the body's.
            // A subject in mixed case goes on with a line starting in
            // lower case that ends the field (a blank line under it).
            let lowercased = h.lowercased;
            let mixed = c[1].chars().any(char::is_lowercase) && !lowercased;
            let mut k = i;
            let (mut text, used) = continuation(lines, i, c[1].to_string(), |t| {
                k += 1;
                let letters = || t.chars().filter(|c| c.is_alphabetic());
                if lowercased {
                    letters().all(char::is_lowercase)
                } else if mixed {
                    k == i + 1
                        && t.starts_with(char::is_lowercase)
                        && !t.ends_with(['.', '!', '?'])
                        && lines.get(k + 1).is_none_or(|l| l.text.trim().is_empty())
                } else {
                    letters().all(char::is_uppercase)
                }
            });
            text = text.trim().to_string();
            h.subject = Some(text);
            i += used;
            continue;
        }
        if let Some(c) = REF_LINE.captures(&t) {
            // A wrapped reference names a telegram: a lettered item, or a
            // line in capitals with its number (in any cable: an
            // unclassified one's body is not header data either).
            let lowercased = h.lowercased;
            let (text, used) = references_continuation(lines, i, c[1].to_string(), |t| {
                let lettered = t
                    .trim_start_matches('(')
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| {
                        let core = w.trim_end_matches(['.', ')']);
                        core.len() == 1
                            && core.chars().all(|c| c.is_ascii_alphabetic())
                            && w.len() > core.len()
                    });
                let capitals = t.chars().filter(|c| c.is_alphabetic()).all(|c| {
                    if lowercased {
                        c.is_lowercase()
                    } else {
                        c.is_uppercase()
                    }
                });
                lettered || (capitals && t.bytes().any(|b| b.is_ascii_digit()))
            });
            h.refs = split_refs(&text);
            i += used;
            continue;
        }
        // A caption stands between the classification line and the E.O.
        // line; after the E.O. or TAGS line only a known caption word is
        // one (a line of capitals there is body text, unmarked).
        let before_fields = h.order.is_none() && h.tags.is_empty() && h.subject.is_none();
        if is_caption(&h.read(&t)) && (before_fields || known_caption(&h.read(&t))) {
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
            // `… for reasons 1.` / `5 (B/D)`: the reasons wrapped onto the
            // next line.
            // (`… 1.4 (b) an` / `d (d).`: a word broken at the line end.)
            let next = lines.get(i + 1).map_or("", |l| l.text.trim());
            let broken_and = t.trim_end().ends_with(" an")
                && next
                    .strip_prefix("d ")
                    .is_some_and(|rest| REASON_TAIL.is_match(rest.trim()));
            // (`…, ` / `REASON: 1.4 (C).`: the reasons on a line of their own.)
            let tail = REASON_WORD.replace(next, "");
            let wrapped_reason =
                broken_and || (WRAPPED_REASON.is_match(&t) && REASON_TAIL.is_match(tail.trim()));
            let reach = if wrapped_reason {
                i + 1
            } else if names_reason(&c[1]) {
                i
            } else {
                (i + 1..(i + 4).min(lines.len()))
                    .take_while(|&k| !lines[k].text.trim().is_empty())
                    .find(|&k| names_reason(&lines[k].text))
                    .unwrap_or(i)
            };
            let mut k = i;
            let (text, used) = if wrapped_reason {
                // Letters in brackets only (`(B/D)`, `(c) and (d)`): no
                // text of a portion, taken whether or not they read as marks.
                let sep = if broken_and { "" } else { " " };
                (format!("{}{sep}{next}", &c[1]), 2)
            } else {
                continuation(lines, i, c[1].to_string(), |t| {
                    k += 1;
                    k <= reach || names_reason(t)
                })
            };
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
pub(super) fn read_tags(lines: &[Line], start: usize) -> (Vec<String>, String, usize) {
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
        // Only where the line wraps (it ends with a comma, or the next is
        // indented under it): a line of short capital words after TAGS is
        // the body's otherwise, in any cable.
        let wraps = text.trim_end().ends_with(',') || l.text.starts_with([' ', '\t']);
        if header || t.len() > 60 || !tags_only || !wraps {
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
pub(super) fn split_tags(text: &str) -> Vec<String> {
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

pub(super) fn split_outside_parens(text: &str, sep: char) -> Vec<String> {
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
pub(super) fn continuation(
    lines: &[Line],
    start: usize,
    first: String,
    fits: impl FnMut(&str) -> bool,
) -> (String, usize) {
    continued(lines, start, first, fits, |_| false)
}

/// A REF field's continuation: as [`continuation`], but a line of
/// references only (`5361, (E) STATE 148514`: letters in brackets, each
/// before a telegram's originator and number) is taken although its
/// letters read as marks — it holds no text.
pub(super) fn references_continuation(
    lines: &[Line],
    start: usize,
    first: String,
    fits: impl FnMut(&str) -> bool,
) -> (String, usize) {
    continued(lines, start, first, fits, only_references)
}

/// `5361, (E) STATE 148514`, `(C)BEIJING 5361; (D) 09 STATE 12`: telegram
/// references and nothing else.
fn only_references(t: &str) -> bool {
    if !crate::source::detect::bare_controls(t).is_empty() {
        return false;
    }
    let items = REF_LETTER.replace_all(t, ",");
    let mut any = false;
    for item in items.split([',', ';']) {
        let item = item.trim().trim_end_matches('.');
        if item.is_empty() {
            continue;
        }
        if !TELEGRAM_REF.is_match(item) {
            return false;
        }
        any = true;
    }
    any
}

fn continued(
    lines: &[Line],
    start: usize,
    first: String,
    mut fits: impl FnMut(&str) -> bool,
    references: impl Fn(&str) -> bool,
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
            // Marked text is never header data (fail closed: a wrapped
            // field must not swallow a portion).
            || (!references(t)
                && (!crate::source::detect::scan(t, &[]).is_empty()
                    || crate::source::leading_mark(t).mark.is_some()))
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
pub(super) fn split_refs(text: &str) -> Vec<String> {
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
pub(super) fn split_authority(text: &str) -> (String, Vec<String>) {
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

/// The front matter: the typed header the importer read, written by the
/// same writer as a released source.
/// The header as the model has it, for the source writer.
pub(super) fn model_header(h: &Header) -> crate::model::Header {
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
        if (h
            .captions
            .iter()
            .any(|x| crate::model::caption_means_noforn(x))
            || !h.line_controls.is_empty())
            && c != "UNCLASSIFIED"
        {
            format!("{c}//NOFORN")
        } else if c == "UNCLASSIFIED"
            && (h.captions.iter().any(|x| x.starts_with("SENSITIVE"))
                || !h.line_controls.is_empty())
        {
            // `UNCLAS` with `SENSITIVE` (or the SBU banner line): an SBU
            // telegram (12 FAM 540).
            "UNCLASSIFIED//SBU".to_string()
        } else {
            c.clone()
        }
    });
    crate::model::Header {
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
            joined: h.joined.clone(),
            tight: h.tight,
        },
        span: None,
    }
}
