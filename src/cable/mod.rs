//! The telegram format (`cable`), in both directions: `import` reads
//! legacy cable text (2005–2010, in the variants of
//! `reference/cable-format.md`) into a source that keeps every word; `header` owns
//! the header both ways (parsing, and the as-written decisions the cable
//! renderer asks of it), `print` the pieces of telegram text the renderer
//! writes (the spaced classification line, the DTG).
//!
//! Marks are kept as written, legacy forms included, so that `check`
//! reports what the original got wrong. Header lines that the renderer
//! would write differently are kept under `as_written:` so that import
//! then render gives the cable back. What cannot be placed goes into the
//! body as text, with a warning.

mod body;
mod header;
mod patterns;
pub mod print;

use body::*;
use header::*;
use patterns::*;

pub use header::{classification_line_level, header_matches, routing_matches};
pub(crate) use patterns::names_classification;

use std::sync::LazyLock;

use regex::Regex;

use crate::date::Date;
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

/// Where the classification line stands when a few lines that are not
/// cable text come first (at most three, within eight lines: a date line,
/// an editor's note), never a paragraph, a mark or a header field.
fn classification_below(lines: &[Line], i: usize) -> Option<usize> {
    if lines
        .get(i)
        .is_none_or(|l| CLASS_LINE_ANY_CASE.is_match(&l.text))
    {
        return None;
    }
    let k = (i + 1..lines.len().min(i + 8)).find(|&k| {
        let after_date = WEB_DATE_LINE.is_match(&lines[k - 1].text);
        let after_blank = lines[k - 1].text.trim().is_empty();
        (after_date || after_blank)
            && CLASS_LINE_ANY_CASE
                .captures(&lines[k].text)
                .is_some_and(|c| {
                    let rest = c[2].trim();
                    after_date || (!rest.is_empty() && CABLE_CLASS_REST.is_match(rest))
                })
    })?;
    let text: Vec<&str> = lines[i..k]
        .iter()
        .map(|l| l.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let foreign = |t: &str| {
        para(t).is_some()
            || !crate::source::detect::scan(t, &[]).is_empty()
            || leading_mark(t).mark.is_some()
            || EO_LINE.is_match(t)
            || TAGS_LINE.is_match(t)
            || SUBJECT_LINE.is_match(t)
            || REF_LINE.is_match(t)
            || CLASSIFIED_BY.is_match(t)
            || DTG_LINE.is_match(t)
    };
    (text.len() <= 3 && !text.iter().any(|t| foreign(t))).then_some(k)
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
    // No routing lines, and text before the classification line (a
    // scraper's `This record is a partial extract of the original cable.`):
    // kept as written above it, said; the cable starts at the line.
    if !routing_read {
        let class_at = (i..lines.len().min(i + 20)).find(|&k| {
            (k == 0 || lines[k - 1].text.trim().is_empty())
                && CLASS_LINE.captures(&lines[k].text).is_some_and(|c| {
                    !c[2].trim().is_empty() && CABLE_CLASS_REST.is_match(c[2].trim())
                })
        });
        if let Some(k) = class_at.filter(|&k| k > i) {
            let kept: Vec<&str> = lines[i..k].iter().map(|l| l.text.trim_end()).collect();
            let end = kept
                .iter()
                .rposition(|t| !t.trim().is_empty())
                .map_or(0, |e| e + 1);
            warnings.push((
                lines[i].number,
                format!(
                    "{} line(s) before the classification line kept as written above it: not cable text",
                    end
                ),
            ));
            h.transmission = Some(kept[..end].join("\n"));
            i = k;
        }
    }
    let preamble_class = lines[..i]
        .iter()
        .take_while(|l| !DTG_LINE.is_match(&l.text))
        .find_map(|l| preamble_classification(&l.text));
    // Lines between the routing and the classification line that are not
    // the cable's (a web copy's date line `Friday, 07 March 2008, 15:00`,
    // an editor's note): said, and kept as written with the line (a copy
    // is given back as it came).
    let mut date_line = None;
    if routing_read {
        if let Some(k) = classification_below(&lines, i) {
            let kept: Vec<&str> = lines[i..k].iter().map(|l| l.text.trim()).collect();
            warnings.push((
                lines[i].number,
                format!(
                    "{} line(s) above the classification line (`{}`) kept as written with it: not cable text",
                    kept.iter().filter(|t| !t.is_empty()).count(),
                    kept.first().copied().unwrap_or("")
                ),
            ));
            date_line = Some(kept.join("\n"));
            i = k;
        }
    }
    if let Some(c) = lines
        .get(i)
        .and_then(|l| CLASS_LINE_ANY_CASE.captures(&l.text))
    {
        // A lowercased web copy: its header lines are read in capitals.
        h.lowercased = !c[1].chars().any(|ch| ch.is_ascii_uppercase());
        // Kept as written: the render prints it while it names the level
        // of the computed banner.
        h.classification_line = Some(match &date_line {
            Some(date) => format!("{date}\n{}", lines[i].text.trim()),
            None => lines[i].text.trim().to_string(),
        });
        h.classification_joined = routing_read && !blank_before;
        h.classification = Some(level_named(&c[1]).map_or_else(
            || c[1].replace(' ', "").to_ascii_uppercase(),
            |l| l.name().to_string(),
        ));
        // The highest level the line names however spaced (`T O P  S E C R
        // E T`, read as `S E C R E T` by the pattern).
        if let Some(named) = crate::source::detect::bare_named(&lines[i].text).0 {
            if level_named(h.classification.as_deref().unwrap_or("")).is_none_or(|l| named > l) {
                h.classification = Some(named.name().to_string());
            }
        }
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
        // Control words on the line itself (`//NOFORN`, `NODIS`, `REL TO
        // …`, `/SBU`): the declared banner carries them, fail closed (a
        // release must not go ahead under a line that forbids it).
        for w in rest.split(|ch: char| ch.is_whitespace() || matches!(ch, '/' | ',')) {
            let w = w.to_ascii_uppercase();
            if CONTROL_WORDS.contains(&w.as_str()) && !h.line_controls.contains(&w) {
                h.line_controls.push(w);
            }
        }
        // NOFORN however written (`NOT FOR FOREIGN DISSEMINATION`,
        // `N.O.F.O.R.N.`).
        if crate::source::detect::bare_named(&rest).1
            && !h.line_controls.iter().any(|c| c == "NOFORN")
        {
            h.line_controls.push("NOFORN".to_string());
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
        // is still the cable's (fail closed: the render is never below
        // it). It can raise, never declare a cable unclassified: a
        // preamble is not the cable.
        h.classification = preamble_class.filter(|c| c != "UNCLASSIFIED");
    }
    let header_start = i;
    i = header_fields(&lines, i, &mut h);
    // A second classification line in the header (a stray `UNCLAS` above
    // the real one, a `TOP SECRET` under it) was read as a caption: the
    // cable is the most restrictive of them.
    // (The captions read together too: `T O P  S E C R E T` split in two.)
    let together = h.captions.join(" ");
    for caption in h.captions.iter().chain(std::iter::once(&together)) {
        // (Or a level it names however written: `TOP-SECRET STATE 1`.)
        let Some(level) = classification_line_level(caption)
            .or_else(|| crate::source::detect::bare_named(caption).0)
        else {
            continue;
        };
        let current = (h.classification.as_deref())
            .map(|c| level_named(c).unwrap_or(crate::marking::Level::Unclassified));
        if current.is_none_or(|c| level > c) {
            h.classification = Some(level.name().to_string());
        }
    }
    // A classification line standing elsewhere above the first paragraph
    // (a web copy's metadata block and repeated header before it, a
    // `S e c r e t section 01 of 02 …` line under them): the cable is at
    // least what it names (fail closed: the render is never below it).
    let top = lines[i..]
        .iter()
        .position(|l| para(l.text.trim()).is_some())
        .map_or(lines.len(), |k| i + k);
    let kept: Vec<String> = [h.transmission.clone(), h.classification_line.clone()]
        .into_iter()
        .flatten()
        .collect();
    let kept: Vec<&str> = kept.iter().map(String::as_str).collect();
    raise_to_named(&lines[..top.min(i + 200)], &kept, &mut h);
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
    // A body with no blank line anywhere (one line a paragraph): every
    // line that starts a portion starts a block, and the render writes
    // them right under each other again.
    h.tight = body.len() >= 3 && body.iter().all(|l| !l.text.trim().is_empty());
    let blocks = blocks(&body, h.tight);
    let (body, joined) = body_blocks(&blocks, &mut warnings);
    h.joined = joined;
    Imported {
        markdown: crate::markdown::write_source(&model_header(&h), &body),
        warnings,
    }
}

#[cfg(test)]
mod tests;
