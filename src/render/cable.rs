//! Cable text (DESIGN §5.1): the fixed-width telegram. This module turns
//! the model into wrapped lines; `templates/cable.txt.j2` places them.

use serde::Serialize;

use super::layout::{self, Line};
use super::style::{MarkStyle, NonpaperLine, Style};
use super::{Part, Render, RenderError};
use crate::authority::{normal_order, normal_reason};
use crate::cable::print::{dtg_text, spaced_level};
use crate::date::Date;
use crate::marking::Marking;
use crate::model::{precedence_letter, ref_letter, Document, Portion, PortionKind};

/// The built-in cable template.
pub const TEMPLATE: &str = include_str!("../../templates/cable.txt.j2");

/// The cable renderer.
pub struct Cable;

#[derive(Serialize, Default)]
struct Context {
    precedence_line: Option<String>,
    from: Option<String>,
    to: Vec<String>,
    info: Vec<String>,
    classification_line: String,
    captions: Vec<String>,
    eo_line: String,
    tags_line: Option<String>,
    subject: Vec<String>,
    refs: Vec<String>,
    authority: Vec<String>,
    /// The body's blocks, each its lines joined with `\n`.
    blocks: Vec<String>,
    signature: Option<String>,
    end_line: Option<String>,
    /// An imported cable's header lines after the classification line
    /// (possibly none: a flag, since an empty list is false in a template).
    verbatim_header: Option<Vec<String>>,
    has_verbatim_header: bool,
    signature_apart: bool,
    /// No blank line between the routing lines and the classification line.
    classification_joined: bool,
    /// No blank line between the header lines as written and the body.
    body_joined: bool,
    /// The body has no blank line (nor before its closing line).
    tight: bool,
    /// A lowercased copy's transmission header, as written.
    transmission: Vec<String>,
    /// An imported cable's routing lines as written.
    verbatim_routing: Option<Vec<String>>,
    has_verbatim_routing: bool,
}

impl Render for Cable {
    fn render(&self, doc: &Document, _part: Part, style: &Style) -> Result<Vec<u8>, RenderError> {
        let context = context(doc, style);
        let template = match &style.cable.template {
            Some(path) => std::fs::read_to_string(path).map_err(|e| {
                RenderError::Template(format!("{path}: {}", crate::input::io_reason(&e)))
            })?,
            None => TEMPLATE.to_string(),
        };
        let mut env = minijinja::Environment::new();
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_keep_trailing_newline(true);
        env.add_template("cable", &template)
            .map_err(|e| RenderError::Template(format!("cable template: {e}")))?;
        let text = env
            .get_template("cable")
            .and_then(|t| t.render(&context))
            .map_err(|e| RenderError::Template(format!("cable template: {e}")))?;
        Ok(tidy(&text).into_bytes())
    }
}

/// No trailing spaces, `\n` line ends, one final newline.
fn tidy(text: &str) -> String {
    let mut out: String = text
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    layout::wrap(text, width as f32, width as f32, &layout::chars)
        .into_iter()
        .map(|Line { text, .. }| text)
        .collect()
}

/// A portion's block: its own line breaks when the document is an imported
/// cable (kept as written, however wide), else wrapped at the style's width.
fn portion_lines(full: &str, p: &Portion, keep_breaks: bool, width: usize) -> Vec<String> {
    if keep_breaks {
        let prefix = full.len().saturating_sub(p.text().len());
        let breaks: Vec<usize> = p.soft_breaks.iter().map(|b| b + prefix).collect();
        let mut lines = vec![String::new()];
        for (i, c) in full.char_indices() {
            if c == '\n' || breaks.contains(&i) {
                lines.push(String::new());
            } else if let Some(l) = lines.last_mut() {
                l.push(c);
            }
        }
        // Kept as written, a line wider than the style's width included
        // (re-wrapping it would also break a long address in two).
        return lines
            .into_iter()
            .map(|l| l.trim_end().to_string())
            .collect();
    }
    wrap(full, width)
}

/// The label and mark before a portion's text: `A. (U)`.
fn mark_text(p: &Portion, style: &Style) -> Option<String> {
    let as_written = style.cable.marks == MarkStyle::AsWritten;
    // A wider gap after the mark, as written (`(U)  This`); `with_mark`
    // adds the first space.
    let pad = match (&p.mark_gap, as_written && !p.inherited) {
        (Some(g), true) => g.get(1..).unwrap_or(""),
        _ => "",
    };
    let mark = p.display_mark(as_written).map(|m| format!("{m}{pad}"));
    // The spaces after a label as written (`A.  (SBU)`).
    let label_gap = match (&p.label_gap, as_written) {
        (Some(g), true) => g.as_str(),
        _ => " ",
    };
    match (&p.label, mark) {
        (Some(l), Some(m)) => Some(format!("{l}{label_gap}{m}")),
        (Some(l), None) => Some(l.clone()),
        (None, m) => m,
    }
}

fn with_mark(mark: Option<String>, text: &str) -> String {
    match mark {
        Some(m) if text.is_empty() => m,
        Some(m) => format!("{m} {text}"),
        None => text.to_string(),
    }
}

/// The text of a portion on one line: tables row by row.
fn portion_text(p: &Portion) -> String {
    if p.kind == PortionKind::Table && !p.cells.is_empty() {
        return p
            .cells
            .iter()
            .map(|row| row.iter().map(|c| c.trim()).collect::<Vec<_>>().join(" | "))
            .collect::<Vec<_>>()
            .join("\n");
    }
    // A link's address follows its text: `text <URL>`; struck-through
    // text keeps its `~~` (plain text has no other way to say it, and
    // printing it as ordinary text could say the opposite of the draft).
    if p.runs.iter().any(|r| r.link.is_some() || r.strike) {
        let runs = super::content::with_addresses(&p.runs);
        return runs
            .iter()
            .map(|r| match (r.strike, r.text.trim().is_empty()) {
                (true, false) => {
                    let (lead, core, trail) = crate::markdown::split_space(&r.text);
                    format!("{lead}~~{core}~~{trail}")
                }
                _ => r.text.clone(),
            })
            .collect();
    }
    p.text().into_owned()
}

fn context(doc: &Document, style: &Style) -> Context {
    let h = &doc.header;
    let width = style.cable.wrap;
    let banner = doc.banners.document.clone();
    let mut ctx = Context::default();

    if let Some(dtg) = &h.dtg {
        let letter = h
            .precedence
            .as_ref()
            .map_or("P", |p| precedence_letter(&p.value));
        ctx.precedence_line = Some(format!("{letter} {}", dtg_text(&dtg.value)));
    }
    ctx.from = h.from.as_ref().map(|f| f.value.clone());
    let addressees = |list: &[crate::model::Located<String>], prefix: &str| -> Vec<String> {
        list.iter()
            .enumerate()
            .flat_map(|(i, a)| {
                let line = if i == 0 {
                    format!("{prefix} {}", a.value)
                } else {
                    a.value.clone()
                };
                wrap(&line, width)
            })
            .collect()
    };
    ctx.to = addressees(&h.to, "TO");
    ctx.info = addressees(&h.info, "INFO");

    ctx.classification_line = match &h.reference {
        Some(r) => format!("{} {}", spaced_level(banner.level), r.value.trim()),
        None => spaced_level(banner.level),
    };
    ctx.captions = h
        .captions
        .iter()
        .map(|c| c.value.trim().to_string())
        .collect();
    let mut auto = Vec::new();
    if banner.noforn || banner.sbu_noforn {
        auto.push("NOFORN");
    }
    if banner.sbu || banner.sbu_noforn {
        auto.push("SENSITIVE");
    }
    for caption in auto {
        if !ctx.captions.iter().any(|c| c.eq_ignore_ascii_case(caption)) {
            ctx.captions.push(caption.to_string());
        }
    }

    let order = match h.order.as_ref().and_then(|o| normal_order(&o.value)) {
        Some(n) => format!("E.O. {n}"),
        None => "E.O. 13526".to_string(),
    };
    ctx.eo_line = if banner.level.is_classified() {
        let decl = h.declassify_on.as_ref().map(|d| {
            Date::parse(&d.value).map_or_else(|| d.value.trim().to_ascii_uppercase(), Date::us)
        });
        match decl {
            Some(d) => format!("{order}: DECL: {d}"),
            None => format!("{order}: DECL:"),
        }
    } else {
        format!("{order}: N/A")
    };
    if !h.tags.is_empty() {
        let tags: Vec<&str> = h.tags.iter().map(|t| t.value.trim()).collect();
        ctx.tags_line = Some(format!("TAGS: {}", tags.join(", ")));
    }
    if let Some(s) = &doc.subject {
        let mark = match (style.cable.marks, &s.mark) {
            (MarkStyle::AsWritten, Some(m)) => Some(m.text.clone()),
            (MarkStyle::Register, Some(m)) => {
                m.marking().map(Marking::portion).or(Some(m.text.clone()))
            }
            (_, None) => None,
        };
        ctx.subject = wrap(
            &format!("SUBJECT: {}", with_mark(mark, &s.text.to_uppercase())),
            width,
        );
    }
    for (i, r) in h.refs.iter().enumerate() {
        let letter = ref_letter(i);
        let line = if i == 0 {
            format!("REF: {letter}. {}", r.value.trim())
        } else {
            format!("{letter}. {}", r.value.trim())
        };
        ctx.refs.extend(wrap(&line, width));
    }
    if banner.level.is_classified() {
        if let Some(by) = &h.classified_by {
            ctx.authority
                .extend(wrap(&format!("Classified By: {}", by.value.trim()), width));
        }
        let reasons: Vec<String> = h
            .reasons
            .iter()
            .map(|r| match normal_reason(&r.value) {
                Some(c) => format!("({})", c.to_ascii_uppercase()),
                None => r.value.trim().to_ascii_uppercase(),
            })
            .collect();
        if !reasons.is_empty() {
            let line = match reasons.as_slice() {
                [one] => format!("REASON 1.4 {one}."),
                [init @ .., last] => format!("REASONS 1.4 {} AND {last}.", init.join(", ")),
                [] => String::new(),
            };
            ctx.authority.extend(wrap(&line, width));
        }
    }

    ctx.end_line = Some("NNNN".to_string());
    // An imported cable's own header lines, kept as written while they
    // still say what the typed fields say.
    if style.cable.marks == MarkStyle::AsWritten {
        if let Some(raw) = &h.as_written.header {
            if crate::cable::header_matches(raw, h) {
                ctx.verbatim_header = Some(raw.lines().map(str::to_string).collect());
                ctx.has_verbatim_header = true;
                // The classification line as written goes with the header
                // lines as written, while it names the computed banner's
                // level (never a lower one) and the reference.
                if let Some(line) = &h.as_written.classification {
                    let level = crate::cable::classification_line_level(line);
                    let names_reference = h
                        .reference
                        .as_ref()
                        .is_none_or(|r| line.contains(r.value.trim()));
                    if level == Some(banner.level) && names_reference {
                        ctx.classification_line = line.clone();
                    }
                }
                ctx.classification_joined = h.as_written.classification_joined;
                ctx.body_joined = h.as_written.body_joined;
            }
        }
        if let Some(end) = &h.as_written.end {
            ctx.end_line = Some(end.clone()).filter(|e| !e.is_empty());
        }
        ctx.signature_apart = h.as_written.signature_apart;
        ctx.transmission = h
            .as_written
            .transmission
            .as_ref()
            .map(|t| t.lines().map(str::to_string).collect())
            .unwrap_or_default();
        if let Some(raw) = &h.as_written.routing {
            if crate::cable::routing_matches(raw, h) {
                ctx.verbatim_routing = Some(raw.lines().map(str::to_string).collect());
                ctx.has_verbatim_routing = true;
            }
        }
        if let (Some(line), Some(dtg)) = (&h.as_written.dtg_line, &h.dtg) {
            if line
                .to_ascii_uppercase()
                .contains(&dtg.value.trim().to_ascii_uppercase())
            {
                ctx.precedence_line = Some(line.clone());
            }
        }
    }
    let body = blocks(doc, style);
    let tight = style.cable.marks == MarkStyle::AsWritten
        && h.as_written.tight
        && h.as_written.end.is_some();
    ctx.tight = tight;
    ctx.blocks = if tight {
        // A copy with no blank line in its body, written as it came.
        let lines: Vec<String> = body
            .concat()
            .into_iter()
            .flat_map(|l| l.split('\n').map(str::to_string).collect::<Vec<_>>())
            .filter(|l| !l.trim().is_empty())
            .collect();
        vec![lines.join("\n")]
    } else {
        body.into_iter().map(|lines| lines.join("\n")).collect()
    };
    ctx.signature = h.signature.as_ref().map(|s| s.value.trim().to_string());
    ctx
}

/// The body: numbered paragraphs, the non-paper block, section content.
fn blocks(doc: &Document, style: &Style) -> Vec<Vec<String>> {
    let width = style.cable.wrap;
    let keep_breaks =
        style.cable.marks == MarkStyle::AsWritten && doc.header.as_written.end.is_some();
    let bullet = style.cable.bullet.as_str();
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    while i < doc.portions.len() {
        let p = &doc.portions[i];
        let section = doc
            .sections
            .iter()
            .find(|s| s.heading == i && s.parent.is_none());
        if let (Some(section), true) = (section, section.is_some_and(|s| s.nonpaper)) {
            let level_mark = p
                .effective
                .as_ref()
                .map(|m| format!("({})", m.level.abbrev()));
            let as_written = style.cable.marks == MarkStyle::AsWritten;
            // The number as written (`11.  `) while it is the number.
            let number = match (p.number, &p.written_marker) {
                (Some(n), Some(m)) if as_written && p.written_number == Some(n) => m.clone(),
                (Some(n), _) => format!("{n}. "),
                (None, _) => String::new(),
            };
            let begin = section.begin_text();
            // No releasability line in the cable: the opening line carries
            // the section's own mark (as written while it is the one in force).
            let own_line = section.line.as_deref() == Some("none") && as_written;
            let opening_mark = if own_line {
                // With its gap as written (`(U)  Begin`).
                let pad = p.mark_gap.as_deref().and_then(|g| g.get(1..)).unwrap_or("");
                p.display_mark(true).map(|m| format!("{m}{pad}"))
            } else {
                level_mark
            };
            out.push(wrap(
                &format!("{number}{}", with_mark(opening_mark, &begin)),
                width,
            ));
            if !own_line {
                if let Some(line) = releasability_line(p, style) {
                    out.push(vec![line]);
                }
            }
            let bullet = section.bullet.as_deref().unwrap_or(bullet);
            let mut point = 0;
            for j in section.body() {
                let q = &doc.portions[j];
                // Talking points inherit the section's mark, which the
                // releasability line already states; only their own marks print.
                let own = if q.inherited {
                    q.label.clone()
                } else {
                    mark_text(q, style)
                };
                if let Some(lines) = table_lines(own.as_deref().unwrap_or(""), q, width) {
                    out.push(lines);
                    continue;
                }
                let text = with_mark(own, &portion_text(q));
                out.push(match q.kind {
                    PortionKind::ListItem { depth, ordered } => {
                        // Each talking point's own bullet, as written.
                        let own = (depth == 0 && !ordered)
                            .then(|| section.bullet_of(point))
                            .flatten()
                            .filter(|_| style.cable.marks == MarkStyle::AsWritten);
                        if depth == 0 {
                            point += 1;
                        }
                        let bullet = own.unwrap_or(bullet);
                        list_lines(q, depth, ordered, bullet, &text, keep_breaks, width)
                    }
                    _ => portion_lines(&text, q, keep_breaks, width),
                });
            }
            if let Some(end) = section.end_text() {
                out.push(wrap(&end, width));
            }
            i = section.end.max(i + 1);
            continue;
        }
        let mark = mark_text(p, style);
        let number = p.number.map(|n| format!("{n}. ")).unwrap_or_default();
        let lead = format!("{number}{}", mark.as_deref().unwrap_or(""));
        if let Some(lines) = table_lines(&lead, p, width) {
            out.push(lines);
            i += 1;
            continue;
        }
        let text = with_mark(mark, &portion_text(p));
        let text = match (p.number, p.kind) {
            (Some(n), _) => match &p.written_marker {
                Some(m)
                    if p.written_number == Some(n) && style.cable.marks == MarkStyle::AsWritten =>
                {
                    format!("{m}{text}")
                }
                _ => format!("{n}. {text}"),
            },
            (None, PortionKind::ListItem { depth, ordered }) => {
                out.push(list_lines(
                    p,
                    depth,
                    ordered,
                    bullet,
                    &text,
                    keep_breaks,
                    width,
                ));
                i += 1;
                continue;
            }
            _ => text,
        };
        let lines = portion_lines(&text, p, keep_breaks, width);
        // An imported cable's paragraph written right under the one before
        // it stays there (no blank line inserted).
        let joined = p.joined
            || p.written_number
                .is_some_and(|n| p.number == Some(n) && doc.header.as_written.joined.contains(&n));
        match out.last_mut() {
            Some(last) if keep_breaks && joined => last.extend(lines),
            _ => out.push(lines),
        }
        i += 1;
    }
    out
}

/// A table as aligned text: its number and mark (`lead`) before the first
/// row, the other rows indented to line up under it, each column as wide
/// as its widest cell and two spaces apart. `None` for a portion that is
/// not a table, or a table that does not fit the width this way (its rows
/// are then lines of cells joined with ` | `).
fn table_lines(lead: &str, p: &Portion, width: usize) -> Option<Vec<String>> {
    if p.kind != PortionKind::Table || p.cells.is_empty() {
        return None;
    }
    let count = |s: &str| s.chars().count();
    let cells: Vec<Vec<String>> = (p.cells.iter())
        .map(|row| row.iter().map(|c| crate::word::one_line(c)).collect())
        .collect();
    let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in &cells {
        for (c, cell) in row.iter().enumerate() {
            widths[c] = widths[c].max(count(cell));
        }
    }
    let indent = if lead.is_empty() { 0 } else { count(lead) + 1 };
    let total = indent + widths.iter().sum::<usize>() + 2 * columns.saturating_sub(1);
    if columns == 0 || total > width {
        return None;
    }
    let lines = (cells.iter().enumerate())
        .map(|(r, row)| {
            let mut line = if r == 0 && indent > 0 {
                format!("{lead} ")
            } else {
                " ".repeat(indent)
            };
            for (c, w) in widths.iter().enumerate() {
                let cell = row.get(c).map_or("", String::as_str);
                line.push_str(cell);
                if c + 1 < columns {
                    line.push_str(&" ".repeat(w - count(cell) + 2));
                }
            }
            line.trim_end().to_string()
        })
        .collect();
    Some(lines)
}

/// A list item's lines: after its bullet, or for an ordered list the
/// cable's sub-paragraph label for its number (`A.` at the first level,
/// `(1)` at the second, `(a)` below), each line indented by its level (at
/// most six levels, so the text keeps most of the width).
fn list_lines(
    p: &Portion,
    depth: u8,
    ordered: bool,
    bullet: &str,
    text: &str,
    keep_breaks: bool,
    width: usize,
) -> Vec<String> {
    let indent = "  ".repeat(usize::from(depth.min(6)));
    let line = if ordered {
        let n = p.written_number.unwrap_or(1);
        // Letters run A–Z, AA–ZZ, AAA–ZZZ; past that (and for a list
        // starting at 0) the number itself, so two items never share a
        // label.
        let letter = |n: u32, base: u8| {
            if n == 0 || n > 78 {
                return n.to_string();
            }
            let n = n - 1;
            let c = char::from(base + (n % 26) as u8);
            std::iter::repeat_n(c, (n / 26 + 1) as usize).collect::<String>()
        };
        let label = match depth {
            0 => format!("{}.", letter(n, b'A')),
            1 => format!("({n})"),
            _ => format!("({})", letter(n, b'a')),
        };
        format!("{label} {text}")
    } else {
        format!("{bullet}{text}")
    };
    portion_lines(
        &line,
        p,
        keep_breaks,
        width.saturating_sub(indent.len()).max(20),
    )
    .into_iter()
    .map(|l| {
        if l.is_empty() {
            l
        } else {
            format!("{indent}{l}")
        }
    })
    .collect()
}

/// The non-paper's releasability line, from the section's effective mark.
fn releasability_line(heading: &Portion, style: &Style) -> Option<String> {
    let mark = heading.effective.as_ref()?;
    let written_legacy = heading
        .mark
        .as_ref()
        .and_then(|m| m.parsed.as_ref().ok())
        .is_some_and(|p| p.legacy);
    Some(match style.cable.nonpaper_line {
        NonpaperLine::Legacy if written_legacy && !heading.inherited => heading
            .mark
            .as_ref()
            .map_or_else(String::new, |m| m.text.clone()),
        NonpaperLine::Legacy => format!("({})", mark.legacy_cable_form()),
        NonpaperLine::Register => format!("({})", mark.banner()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cable(body: &str) -> String {
        let src = format!("---\nsubject: (U) Test\n---\n\n{body}");
        let doc = crate::source::parse("t.md", src).expect("parses");
        let bytes = Cable
            .render(&doc, Part::Whole, &Style::default())
            .expect("renders");
        String::from_utf8(bytes).expect("utf-8")
    }

    #[test]
    fn a_table_is_aligned_text_or_lines_when_too_wide() {
        let text = cable("(U) Intro.\n\n| (U) Name | City |\n|---|---|\n| Wałęsa | Gdańsk |\n");
        assert!(
            text.contains("2. (U) Name    City\n       Wałęsa  Gdańsk\n"),
            "{text}"
        );
        let wide = "x".repeat(40);
        let text = cable(&format!("| (U) {wide} | {wide} |\n|---|---|\n| a | b |\n"));
        // Too wide to align: its rows as lines of cells, wrapped.
        assert!(
            text.contains(&format!("1. (U) {wide} |\n{wide}\na | b\n")),
            "{text}"
        );
        for line in text.lines() {
            assert!(line.chars().count() <= 69, "{line}");
        }
    }

    #[test]
    fn ordered_lists_are_lettered_sub_paragraphs_of_a_draft() {
        let text = cable(
            "(U) Points:\n\n1. (U) First.\n2. (U) Second.\n   1. (U) Nested.\n\n(U) After.\n",
        );
        assert!(text.contains("1. (U) Points:"), "{text}");
        assert!(text.contains("A. (U) First."), "{text}");
        assert!(text.contains("B. (U) Second."), "{text}");
        assert!(text.contains("  (1) (U) Nested."), "{text}");
        assert!(text.contains("2. (U) After."), "{text}");
    }

    #[test]
    fn struck_text_keeps_its_marks_in_the_cable() {
        let text = cable("(U) The Department ~~does not~~ approve.\n");
        assert!(
            text.contains("(U) The Department ~~does not~~ approve."),
            "{text}"
        );
    }
}
