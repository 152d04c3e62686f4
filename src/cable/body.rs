//! The telegram body: numbered paragraphs, lettered sub-paragraphs,
//! talking points and signatures, into blocks of the source writer.

use super::*;
use crate::markdown::{Block as Written, Lead, SectionAttrs};

/// One body block: its lines joined, and where it started.
pub(super) struct Block {
    pub(super) line: usize,
    /// The lines joined with spaces, for matching.
    pub(super) text: String,
    /// The lines as written (trimmed), for writing.
    pub(super) lines: Vec<String>,
    /// Started on the line right after the block before it (a numbered
    /// paragraph with no blank line before it).
    pub(super) joined: bool,
}

/// Body lines into blocks: blank lines separate them, so do a numbered
/// paragraph or a `--` bullet starting a line after a finished sentence.
/// Multi-section break lines are dropped.
pub(super) fn blocks(body: &[Line], tight: bool) -> Vec<Block> {
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
    // Paragraph numbers written so far, at a line start or run into a
    // line with their mark (`… 2. (C) German officials …`).
    let mut seen: std::collections::HashSet<u32> = std::collections::HashSet::new();
    let mut pending: Vec<u32> = Vec::new();
    for l in body {
        seen.extend(pending.drain(..));
        // Page-break lines of multi-section cables (`PARIS 00000170  002.2 OF
        // 004`) stay: they are words of the cable, and keeping them where
        // they stand keeps the paragraphs around them as they were.
        let t = l.text.trim();
        if let Some(c) = para(t) {
            pending.extend(c[1].parse::<u32>().ok());
        }
        for c in INLINE_NUMBER.captures_iter(t) {
            pending.extend(c[1].parse::<u32>().ok());
        }
        if t.is_empty() {
            if let Some(b) = current.take() {
                out.push(b);
            }
            continue;
        }
        let starts_new = match (&current, top_para(t, dot_numbers)) {
            (Some(b), Some(c)) => {
                let n: u32 = c[1].parse().unwrap_or(0);
                let marked = leading_mark(&c[4]).mark.is_some_and(|m| m.parsed.is_ok());
                // The next number, after a finished sentence or with its
                // mark right after it (`8. XXXXXX` / `9. (U) …`); a later
                // number with its mark when the numbers between stand,
                // marked, inside the block (a web copy ran those
                // paragraphs into one line). A wrapped line that happens
                // to start with a number and a mark does not split a
                // paragraph (it stays a mark inside it: P009).
                let run_together =
                    n > last_number + 1 && (last_number + 1..n).all(|k| seen.contains(&k));
                (n == last_number + 1
                    && (b.text.trim_end().ends_with(['.', ':', '"', ')']) || marked))
                    || (run_together && marked)
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
                    opens_talking_points(after)
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
        // A body without blank lines: a line starting with a mark (after
        // a label: `A) (S//REL TO USA, ACGU) …`), a bullet or a closing
        // line starts a block, so no block holds two portions.
        let tight_split = tight
            && current.is_some()
            && (BULLET.is_match(t) || is_end_line(t) || {
                let from = crate::source::label_len(t).unwrap_or(0);
                let rest = t.get(from..).unwrap_or("").trim_start();
                leading_mark(rest).mark.is_some_and(|m| m.parsed.is_ok())
            });
        // A line starting with a classification or a control written
        // without brackets (`SECRET//NOFORN …`, `S/NF …`) is not the text
        // of the block above it: a block of its own, unmarked (fail closed).
        let bare_start = current.is_some() && crate::source::detect::starts_naming_a_control(t);
        let starts_new = starts_new || points_split || tight_split || bare_start;
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
    if tight {
        // No blank line stands around a section-break line of such a body.
        for b in &mut out {
            b.lines.retain(|l| !SECTION_BREAK.is_match(l));
            b.text = b.lines.join(" ");
        }
        out.retain(|b| !b.lines.is_empty());
    }
    // A section-break line right above a block (no blank line between)
    // is inside it: left out, the block taking its place.
    let mut k = 0;
    while k + 1 < out.len() {
        let only_breaks = out[k].lines.iter().all(|l| SECTION_BREAK.is_match(l));
        if only_breaks && out[k + 1].joined {
            let joined = out[k].joined;
            out.remove(k);
            out[k].joined = joined;
        } else {
            k += 1;
        }
    }
    for b in &mut out {
        let breaks = b.lines.iter().filter(|l| SECTION_BREAK.is_match(l)).count();
        if breaks > 0 && breaks < b.lines.len() {
            b.lines.retain(|l| !SECTION_BREAK.is_match(l));
            b.text = b.lines.join(" ");
        }
    }
    out
}

/// A block's lines with the first `skip` bytes of the first line (a
/// number or a bullet, written as the lead) left out.
fn lines_after(lines: &[String], skip: usize) -> Vec<String> {
    let mut out = lines.to_vec();
    if let Some(first) = out.first_mut() {
        *first = first.get(skip..).unwrap_or("").trim_start().to_string();
    }
    out
}

#[derive(PartialEq)]
pub(super) enum Where {
    Top,
    /// Inside numbered paragraph `n` written with this marker width.
    Numbered(usize),
    /// In talking points; `whole_paragraph`: their mark is the numbered
    /// paragraph's own (no releasability line of their own), so it covers
    /// the paragraph's text to the next number (5 FAH-1 H-246.2c).
    NonPaper {
        whole_paragraph: bool,
    },
}

/// The body's blocks for the source writer, and the numbers of the
/// paragraphs written right under a block the source cannot join them to.
pub(super) fn body_blocks(
    blocks: &[Block],
    warnings: &mut Vec<(usize, String)>,
) -> (Vec<Written>, Vec<u32>) {
    let mut joined = Vec::new();
    let has_dot_numbers = blocks
        .iter()
        .any(|b| para(&b.text).is_some_and(|c| &c[2] == "."));
    let mut out: Vec<Written> = Vec::new();
    let mut state = Where::Top;
    let mut k = 0;
    while k < blocks.len() {
        let b = &blocks[k];
        let t = b.text.as_str();
        let numbered = para(t).filter(|c| &c[2] == "." || !has_dot_numbers);

        if let Where::NonPaper { .. } = state {
            // A point without a mark of its own that names a classification
            // or a control, or holds a mark, is not the non-paper's: the
            // section closes before it (fail closed: it stays unmarked,
            // released to no one).
            let own = BULLET
                .captures(t)
                .is_some_and(|c| leading_mark(c[1].trim()).mark.is_none() && names_its_own(&c[1]));
            if own {
                out.push(Written::rule());
                if !blocks[k..].iter().any(|b| is_end_line(b.text.trim())) {
                    mark_no_end(&mut out);
                }
                state = Where::Top;
            }
        }
        if let Where::NonPaper { whole_paragraph } = state {
            if let Some(c) = BULLET.captures(t) {
                out.push(Written::lines(
                    Lead::Bullet,
                    lines_after(&b.lines, t.len() - c[1].len()),
                ));
                k += 1;
                continue;
            }
            if b.lines.len() == 1 && is_end_line(t) && numbered.is_none() {
                out.push(Written::rule());
                state = Where::Top;
                k += 1;
                continue;
            }
            let end_ahead = blocks[k..]
                .iter()
                .take_while(|b| para(&b.text).is_none())
                .any(|b| is_end_line(b.text.trim()));
            if numbered.is_none() && starts_lower(t) && end_ahead && !names_its_own(t) {
                // A talking point broken across a blank line.
                if !out.is_empty() {
                    // One talking point: its text goes on as the same paragraph.
                    out.push(Written::lines(Lead::Indent(2), b.lines.clone()).tight());
                    k += 1;
                    continue;
                }
            }
            if numbered.is_some() {
                out.push(Written::rule());
                state = Where::Top;
                // The closing line was missing: say so on the heading.
                mark_no_end(&mut out);
            } else {
                // Text that is not a talking point belongs to the non-paper
                // only when its closing line comes after it; without one,
                // where the talking points stop is not certain, so the
                // section stops here (fail closed: the text does not
                // inherit the non-paper's release).
                // Talking points under the paragraph's own mark and with no
                // closing line go on to the next numbered paragraph, as
                // the paragraph does, but for text that starts like
                // another paragraph or holds a mark or a control word.
                let in_paragraph = whole_paragraph
                    && !holds_its_own(t)
                    && crate::source::label_len(t).is_none()
                    && leading_mark(t).mark.is_none()
                    && !GLUED_NUMBER.is_match(t);
                if (!end_ahead && !in_paragraph) || names_its_own(t) {
                    out.push(Written::rule());
                    mark_no_end(&mut out);
                    state = Where::Top;
                    continue;
                }
                out.push(Written::lines(Lead::Plain, b.lines.clone()));
                k += 1;
                continue;
            }
        }

        if let Some(c) = numbered {
            let number = &c[1];
            let delim = &c[2];
            let rest = c[4].to_string();
            let lead = leading_mark(&rest);
            let after = rest[lead.rest..].to_string();
            if opens_talking_points(&after) {
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
                let mut attrs = SectionAttrs {
                    nonpaper: true,
                    ..SectionAttrs::default()
                };
                if own_line {
                    // `8. (S//REL TURKEY) Begin talking points:` and no
                    // releasability line: none is invented.
                    attrs.line = Some("none".to_string());
                }
                if after.trim() != default_begin(&title) {
                    attrs.begin = Some(after.trim().to_string());
                }
                // The bullets as written, per talking point: one for the
                // section when they agree, each its own when they do not.
                // (`--`, `-- `, `--  `: the dashes and up to four spaces.)
                let points: Vec<String> = blocks[next..]
                    .iter()
                    .take_while(|b| para(&b.text).is_none() && !is_end_line(&b.text))
                    .filter_map(|b| {
                        BULLET.captures(&b.text)?;
                        let after = b.text.get(2..).unwrap_or("");
                        let spaces = (after.len() - after.trim_start().len()).min(4);
                        Some(format!("--{}", " ".repeat(spaces)))
                    })
                    .collect();
                let first = points.first().cloned();
                if let Some(first) = first.filter(|f| f != "-- ") {
                    attrs.bullet = Some(first);
                }
                if points.iter().any(|p| Some(p) != points.first()) {
                    attrs.bullets = Some(points.join("|"));
                }
                if let Some(end) = blocks[next..]
                    .iter()
                    .take_while(|b| para(&b.text).is_none())
                    .find(|b| is_end_line(&b.text))
                {
                    if end.text.trim() != default_end(&title) {
                        attrs.end = Some(end.text.trim().to_string());
                    }
                }
                // The spaces after the number and the paragraph's own mark,
                // as written (`11.  (U)  Begin talking points:`).
                let mark_gap = match (&lead.mark, own_line) {
                    (Some(m), true) => rest
                        .get(m.end..)
                        .map_or(1, |r| r.len() - r.trim_start().len()),
                    _ => 1,
                };
                out.push(
                    Written::heading(2, Some(number.to_string()), heading_mark, &title, attrs)
                        .with_gaps(c[3].len(), mark_gap),
                );
                state = Where::NonPaper {
                    whole_paragraph: own_line && lead.mark.is_some(),
                };
                k = next;
                continue;
            }
            if delim == ")" && has_dot_numbers {
                // `1)` under `N.` paragraphs: a sub-paragraph, written escaped.
                out.push(Written::lines(Lead::Plain, b.lines.clone()));
                state = Where::Top;
            } else {
                let delim = delim.chars().next().unwrap_or('.');
                let (lead, skip, indent) = if c[3].is_empty() {
                    // `1.(C) text`: no space after the number. Written as a
                    // list item whose text starts on the line under `1.`
                    // (the source reads the marker back with no space), so
                    // the paragraph's unnumbered continuation is part of it.
                    (
                        Lead::NumberAlone {
                            number: number.to_string(),
                            delim,
                        },
                        c[1].len() + c[2].len(),
                        number.len() + 2,
                    )
                } else {
                    // One to four spaces after the number, as written.
                    let gap = c[3].len().clamp(1, 4);
                    (
                        Lead::Number {
                            number: number.to_string(),
                            delim,
                            gap,
                        },
                        c[1].len() + c[2].len() + c[3].len(),
                        number.len() + 1 + gap,
                    )
                };
                let item = Written::lines(lead, lines_after(&b.lines, skip));
                // No blank line before it in the cable: none in the source
                // either (the next item of a tight list).
                if b.joined && matches!(state, Where::Numbered(_)) && !out.is_empty() {
                    out.push(item.tight());
                } else {
                    // Right under a heading: a list item cannot follow a
                    // paragraph in the source, so the header says so.
                    if b.joined && !out.is_empty() {
                        joined.extend(number.parse::<u32>().ok());
                    }
                    out.push(item);
                }
                state = Where::Numbered(indent);
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
        // Unmarked text is a numbered paragraph's continuation (and takes
        // its mark) only when it reads as one: never a line that starts
        // like another paragraph (a number, `(2)`, `II.`), a ruled or short
        // one-line heading, or text holding a mark or a control word
        // anywhere (fail closed: it stays unmarked, and is released to
        // no one).
        let heading = b.lines.len() == 1
            && !BULLET.is_match(t)
            && t.trim().chars().count() <= 60
            && !t
                .trim_end()
                .ends_with(['.', ',', ';', ':', '"', '\'', ')', '!', '?'])
            && !SECTION_BREAK.is_match(t);
        let foreign = heading || holds_its_own(t);
        match (&state, marked || labelled || glued || foreign) {
            (Where::Numbered(indent), false) => {
                // Unmarked text after a numbered paragraph belongs to it.
                let indent = *indent;
                out.push(Written::lines(Lead::Indent(indent), b.lines.clone()));
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
                out.push(Written::lines(Lead::Plain, b.lines.clone()));
                if !labelled {
                    state = Where::Top;
                }
            }
        }
        k += 1;
    }
    if matches!(state, Where::NonPaper { .. }) {
        mark_no_end(&mut out);
    }
    (out, joined)
}

/// The last non-paper heading had no closing line: record `end=""`.
pub(super) fn mark_no_end(out: &mut [Written]) {
    if let Some(attrs) = out.iter_mut().rev().find_map(Written::section_mut) {
        if attrs.end.is_none() {
            attrs.end = Some(String::new());
        }
    }
}

/// True when `line` (a non-paper's releasability line) would release more
/// than `own` (the paragraph's mark) says: `own` is NOFORN, of a higher
/// level, or its REL TO list does not hold the line's. A mark with no
/// release decision (`(S)`, as State marks the paragraph that opens
/// talking points) leaves the decision to the line.
pub(super) fn releasing_wider(
    own: &crate::marking::Marking,
    line: &crate::marking::Marking,
) -> bool {
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
pub(super) fn is_end_line(t: &str) -> bool {
    let t = t.trim();
    let lower = t.to_lowercase();
    let core = lower.trim_end_matches(['.', ':']).trim();
    END.is_match(t)
        && crate::source::detect::bare_controls(t).is_empty()
        && crate::source::detect::scan(t, &[]).is_empty()
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

/// `Begin talking points:`, `BEGIN NON-PAPER FOR SAUDI ARABIA` (a short
/// line without the colon): the opening of talking points.
pub(super) fn opens_talking_points(after: &str) -> bool {
    let t = after.trim();
    BEGIN_POINTS.is_match(t)
        && (BEGIN.is_match(t)
            || (t.chars().count() <= 60 && !t.trim_end_matches('.').contains(['.', ';', ','])))
}

pub(super) fn starts_lower(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_lowercase())
}

pub(super) fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Text that starts the way a paragraph or a heading does: a number
/// (`2 The`, `2.1`, `(2)`, `2a.`), a roman numeral label (`II.`, `ii)`),
/// or a rule (`-------`, `=====`, `*****`).
pub(super) fn starts_like_a_paragraph(t: &str) -> bool {
    let t = t.trim_start();
    let first = t.split_whitespace().next().unwrap_or("");
    let core = first.trim_start_matches('(');
    let roman = {
        let r = first.trim_end_matches(['.', ')', ':']);
        first.len() > r.len() && !r.is_empty() && r.chars().all(|c| "ivxlcdmIVXLCDM".contains(c))
    };
    // A rule, its signs spaced or not (`-------`, `* * *`).
    let rule = {
        let signs: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
        signs.len() >= 3
            && signs
                .iter()
                .all(|c| matches!(c, '-' | '=' | '*' | '_' | '~'))
    };
    core.starts_with(|c: char| c.is_ascii_digit())
        || roman
        || rule
        || t.starts_with("---")
        || t.starts_with("===")
        || t.starts_with("***")
        || t.starts_with("___")
}

/// Text that never takes the mark of the paragraph above it: it starts
/// like another paragraph, or holds a mark or a control word.
pub(super) fn holds_its_own(t: &str) -> bool {
    starts_like_a_paragraph(t) || names_its_own(t) || t.trim() == "NNNN"
}

/// Text holding a mark, or naming a classification or a control however
/// written (`S/NF`, `S E C R E T`, `NOT RELEASABLE`): it never takes the
/// mark of the text around it.
pub(super) fn names_its_own(t: &str) -> bool {
    !crate::source::detect::scan(t, &[]).is_empty()
        || !crate::source::detect::bare_controls(t).is_empty()
        || starts_with_control_word(t)
}

/// Text whose first word is a classification or control word (`SECRET`,
/// `S//NF`, `NOFORN`): a mark written without parentheses.
pub(super) fn starts_with_control_word(t: &str) -> bool {
    let first = t
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([':', ',', '.'])
        .to_ascii_uppercase();
    let word = first.split('/').next().unwrap_or("");
    first.contains("//") || word == "TOP" || names_classification(word)
}
