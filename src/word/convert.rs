//! A Word document as a Markdown source: front matter from what the
//! document says (the title's subject, the header's banner, the addressing
//! lines, the authority block), then the body's paragraphs, headings,
//! lists and tables, every word and mark kept and every Markdown character
//! escaped, so no text of the Word file can become markup (a comment, a
//! heading, a code block) that hides or moves it.

use super::parse::Numbering;
use super::{excerpt, one_line, Block, Hidden, Location, Para, Run, WordDocument, WordFacts};
use crate::source::detect;

/// What the source is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `check`, `release` and `render` of a `.docx`: the body only; what
    /// the file hides stays in [`WordFacts`] for the W rules.
    Check,
    /// `import`: a source that keeps every word — the header's banner is
    /// declared, and hidden content is kept as HTML comments, which no
    /// renderer prints and no release keeps.
    Import,
}

/// The source text and what the model keeps of the Word document.
#[derive(Debug, Clone)]
pub struct Converted {
    pub markdown: String,
    pub facts: WordFacts,
}

/// Converts a Word document into a Markdown source.
pub fn to_source(word: &WordDocument, mode: Mode) -> Converted {
    let mut front = Front::default();
    let mut body = Writer::new(&word.numbering, word.pages_known);
    for line in word
        .headers
        .iter()
        .filter(|h| h.what == "footer")
        .flat_map(|h| &h.lines)
    {
        for l in line.split('\n') {
            front.authority_line(l);
        }
    }
    if mode == Mode::Import {
        front.banner = word
            .headers
            .iter()
            .filter(|h| h.what == "header")
            .flat_map(|h| &h.lines)
            .map(|l| l.trim())
            .find(|l| super::is_banner_line(l))
            .map(str::to_string);
    }
    let hidden_at = |p: usize| word.hidden.iter().filter(move |h| h.paragraph == Some(p));
    for block in &word.body {
        match block {
            Block::Para(p) => {
                let text = p.text();
                let trimmed = text.trim();
                if front.subject.is_none()
                    && p.style.eq_ignore_ascii_case("title")
                    && !trimmed.is_empty()
                {
                    front.subject = Some(one_line(trimmed));
                    body.origin_only(p);
                } else if is_message_header(p) && front.message_header(trimmed) {
                    body.origin_only(p);
                } else if p.style.eq_ignore_ascii_case("signature") && !trimmed.is_empty() {
                    front.signature = Some(one_line(trimmed));
                } else if front.authority_paragraph(trimmed) {
                    body.origin_only(p);
                } else {
                    body.paragraph(p);
                }
                if mode == Mode::Import {
                    for h in hidden_at(p.index) {
                        body.comment(h);
                    }
                }
            }
            Block::Table(rows) => {
                let all: Vec<&Para> = rows.iter().flatten().flatten().collect();
                let signature = all
                    .iter()
                    .filter(|p| !p.text().trim().is_empty())
                    .all(|p| p.style.eq_ignore_ascii_case("signature"));
                if signature && !all.is_empty() {
                    let text: Vec<String> = all.iter().map(|p| p.text()).collect();
                    let text = one_line(&text.join(" "));
                    if !text.is_empty() {
                        front.signature = Some(text);
                    }
                } else if !all.is_empty()
                    && all
                        .iter()
                        .all(|p| is_message_header(p) || p.text().trim().is_empty())
                {
                    for p in &all {
                        front.message_header(p.text().trim());
                    }
                } else {
                    body.table(rows);
                }
                if mode == Mode::Import {
                    for p in all {
                        for h in hidden_at(p.index) {
                            body.comment(h);
                        }
                    }
                }
            }
        }
    }
    if mode == Mode::Import {
        for h in word.hidden.iter().filter(|h| h.paragraph.is_none()) {
            body.comment(h);
        }
    }
    let head = front.yaml();
    let offset = head.len();
    let markdown = head + &body.out;
    let origins = body
        .origins
        .into_iter()
        .map(|(start, loc)| (start + offset, loc))
        .collect();
    let mut hidden = word.hidden.clone();
    hidden.append(&mut body.hidden);
    Converted {
        markdown,
        facts: WordFacts {
            headers: word.headers.clone(),
            hidden,
            properties: word.properties.clone(),
            origins,
        },
    }
}

fn is_message_header(p: &Para) -> bool {
    let s = p.style.to_ascii_lowercase().replace(' ', "");
    s == "messageheader"
}

/// Front matter from the document's own lines.
#[derive(Default)]
struct Front {
    subject: Option<String>,
    banner: Option<String>,
    dtg: Option<String>,
    reference: Option<String>,
    from: Option<String>,
    to: Vec<String>,
    info: Vec<String>,
    tags: Vec<String>,
    refs: Vec<String>,
    signature: Option<String>,
    classified_by: Option<String>,
    reasons: Option<String>,
    declassify_on: Option<String>,
}

impl Front {
    /// A `Key: value` addressing line; false when it is not one.
    fn message_header(&mut self, line: &str) -> bool {
        let Some((key, value)) = line.split_once(':') else {
            return false;
        };
        let value = value.trim().to_string();
        let list = |v: &str, sep: char| -> Vec<String> {
            v.split(sep)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        match key.trim().to_ascii_lowercase().as_str() {
            "date" => self.dtg = Some(value),
            "reference" => self.reference = Some(value),
            "from" => self.from = Some(value),
            "to" => self.to = list(&value, ';'),
            "info" => self.info = list(&value, ';'),
            "tags" => self.tags = list(&value, ','),
            k if k.starts_with("ref") => self.refs.push(value),
            _ => return self.authority_paragraph(line),
        }
        true
    }

    /// A paragraph that is the authority block (every line one of its
    /// lines); its lines are read. False otherwise.
    fn authority_paragraph(&mut self, text: &str) -> bool {
        let lines: Vec<&str> = text
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() || !lines.iter().all(|l| authority_key(l).is_some()) {
            return false;
        }
        // Only when nothing of it would be lost: a mark on the line makes it a portion.
        if lines.iter().any(|l| !detect::scan(l, &[]).is_empty()) {
            return false;
        }
        for l in lines {
            self.authority_line(l);
        }
        true
    }

    fn authority_line(&mut self, line: &str) {
        let Some((key, value)) = authority_key(line) else {
            return;
        };
        match key {
            "classified_by" => {
                // `Classified By: X, Reason: 1.4 (b), (d)` on one line.
                let lower = value.to_ascii_lowercase();
                match lower.find("reason") {
                    Some(i) => {
                        self.classified_by = Some(
                            value[..i]
                                .trim()
                                .trim_end_matches([',', ';'])
                                .trim()
                                .to_string(),
                        );
                        self.authority_line(&value[i..]);
                    }
                    None => self.classified_by = Some(value.to_string()),
                }
            }
            "reasons" => self.reasons = Some(value.to_string()),
            _ => self.declassify_on = Some(value.to_string()),
        }
    }

    fn yaml(&self) -> String {
        let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
        let list = |v: &[String]| {
            format!(
                "[{}]",
                v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
            )
        };
        let mut out = String::from("---\n");
        let mut field = |k: &str, v: Option<String>| {
            if let Some(v) = v {
                out.push_str(&format!("{k}: {v}\n"));
            }
        };
        field("dtg", self.dtg.as_deref().map(q));
        field("from", self.from.as_deref().map(q));
        field("to", (!self.to.is_empty()).then(|| list(&self.to)));
        field("info", (!self.info.is_empty()).then(|| list(&self.info)));
        field("reference", self.reference.as_deref().map(q));
        field("declassify_on", self.declassify_on.as_deref().map(q));
        field("tags", (!self.tags.is_empty()).then(|| list(&self.tags)));
        field("subject", self.subject.as_deref().map(q));
        field("refs", (!self.refs.is_empty()).then(|| list(&self.refs)));
        field("classified_by", self.classified_by.as_deref().map(q));
        field(
            "reasons",
            self.reasons.as_deref().map(|r| list(&[r.to_string()])),
        );
        field("signature", self.signature.as_deref().map(q));
        field("banner", self.banner.as_deref().map(q));
        out.push_str("---\n\n");
        out
    }
}

/// `Classified By: …`, `Reason(s): …`, `Declassify On: …`.
fn authority_key(line: &str) -> Option<(&'static str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim().to_ascii_lowercase().replace(['-', '_'], " ");
    let key = match key.as_str() {
        "classified by" => "classified_by",
        "reason" | "reasons" => "reasons",
        "declassify on" | "declassify" => "declassify_on",
        _ => return None,
    };
    Some((key, value.trim()))
}

/// The body's Markdown, with each block's Word location.
struct Writer<'n> {
    numbering: &'n Numbering,
    pages_known: bool,
    out: String,
    origins: Vec<(usize, Location)>,
    /// Open list levels: (Word level, marker width).
    lists: Vec<(u8, usize)>,
    /// Numbering counters: (abstract id, level) → value.
    counters: std::collections::HashMap<(u32, u8), u32>,
    /// What the conversion finds a reader may not see as written.
    hidden: Vec<Hidden>,
}

impl<'n> Writer<'n> {
    fn new(numbering: &'n Numbering, pages_known: bool) -> Writer<'n> {
        Writer {
            numbering,
            pages_known,
            out: String::new(),
            origins: Vec::new(),
            lists: Vec::new(),
            counters: Default::default(),
            hidden: Vec::new(),
        }
    }

    fn location(&self, p: &Para, number: Option<String>) -> Location {
        Location {
            paragraph: p.index,
            number,
            excerpt: excerpt(&p.text()),
            page: self.pages_known.then_some(p.page),
        }
    }

    /// A paragraph read into the front matter: its place is still known.
    fn origin_only(&mut self, p: &Para) {
        let loc = self.location(p, None);
        self.origins.push((self.out.len(), loc));
    }

    /// The label Word shows for a numbered paragraph, and whether it is a
    /// bullet; counters advance.
    fn label(&mut self, num: u32, level: u8) -> Option<(String, bool, u32)> {
        let (abs, lvl) = self.numbering.level(num, level)?;
        let format = lvl.format.clone();
        let text = lvl.text.clone();
        let start = lvl.start;
        let hidden = lvl.hidden;
        let value = {
            let c = self
                .counters
                .entry((abs, level))
                .or_insert(start.saturating_sub(1));
            *c = c.saturating_add(1);
            *c
        };
        // Deeper levels restart.
        self.counters.retain(|(a, l), _| *a != abs || *l <= level);
        // A hidden label is not seen: it is no number and no mark.
        if hidden {
            return Some((String::new(), true, value));
        }
        // A bullet, or a level without a number, shows its text as written
        // (a bullet character — or a literal `(S//NF)`, which is a mark).
        if format == "bullet" || format == "none" {
            let literal: String = text.chars().filter(|c| *c != '%').collect();
            let literal = if format == "none" {
                text.split('%')
                    .enumerate()
                    .map(|(i, piece)| {
                        if i == 0 {
                            piece
                        } else {
                            piece.get(1..).unwrap_or("")
                        }
                    })
                    .collect()
            } else {
                literal
            };
            return Some((literal.trim().to_string(), true, value));
        }
        let mut label = text;
        for l in 0..=level {
            let v = if l == level {
                value
            } else {
                self.counters.get(&(abs, l)).copied().unwrap_or(1)
            };
            let f = self
                .numbering
                .level(num, l)
                .map(|(_, x)| x.format.clone())
                .unwrap_or_default();
            label = label.replace(&format!("%{}", l + 1), &format_number(v, &f));
        }
        Some((label.trim().to_string(), false, value))
    }

    fn paragraph(&mut self, p: &Para) {
        let text = p.text();
        if text.trim().is_empty() {
            return;
        }
        let mut numbered = p
            .numbering
            .and_then(|(n, l)| self.label(n, l).map(|x| (x, l)));
        // The paragraph mark hidden hides the label with it.
        if p.label_hidden {
            if let Some(((label, _, _), _)) = &mut numbered {
                label.clear();
            }
        }
        let mut runs = p.runs.clone();
        // A label the reader sees as a mark (`(S)` from a list numbered
        // `(%1)` in capitals: pandoc makes one of `(S) text`) is the mark:
        // it leads the text, and the paragraph is no numbered list item.
        // A bullet of several characters is drawn differently by different
        // readers (LibreOffice draws its first character): a mark there is
        // no certain mark. Reported, never the paragraph's mark.
        if let Some(((label, true, _), _)) = &mut numbered {
            if label.chars().count() > 1 && !detect::scan(label, &[]).is_empty() {
                self.hidden.push(Hidden {
                    kind: super::HiddenKind::Label,
                    paragraph: Some(p.index),
                    text: std::mem::take(label),
                });
            }
        }
        if let Some(((label, _, _), level)) = &numbered {
            if !detect::scan(label, &[]).is_empty() {
                runs.insert(
                    0,
                    Run {
                        text: format!("{label} "),
                        ..Run::default()
                    },
                );
                numbered = (*level > 0).then(|| ((String::new(), true, 0), *level));
            }
        }
        let runs = strip_typed_number(&runs);
        let start = self.out.len();
        if let Some(level) = p.heading {
            self.lists.clear();
            let mut line = "#".repeat(level as usize);
            line.push(' ');
            line.push_str(&inline(&runs, ""));
            let lower = text.to_ascii_lowercase();
            if lower.contains("non-paper") || lower.contains("nonpaper") {
                line.push_str(" {.nonpaper}");
            }
            self.block(&line);
        } else if let Some(((label, bullet, value), level)) = numbered.clone() {
            // Word's own numbering of body paragraphs (`1.`, `2.` at the
            // first level, not a list style) is the cable's paragraph
            // numbering: the renderer writes it.
            let cable_paragraph =
                !bullet && level == 0 && !p.style.to_ascii_lowercase().contains("list");
            if cable_paragraph {
                self.lists.clear();
                let body = inline(&runs, "");
                self.block(&body);
            } else {
                while self.lists.last().is_some_and(|(l, _)| *l >= level) {
                    self.lists.pop();
                }
                let indent: usize = self.lists.iter().map(|(_, w)| w).sum();
                let marker = if bullet {
                    "- ".to_string()
                } else {
                    format!("{value}. ")
                };
                let pad = " ".repeat(indent);
                let cont = " ".repeat(indent + marker.len());
                let body = inline(&runs, &cont);
                self.block(&format!("{pad}{marker}{body}"));
                self.lists.push((level, marker.len()));
            }
            let _ = label;
        } else if is_quote(&p.style) {
            self.lists.clear();
            let body = inline(&runs, "> ");
            self.block(&format!("> {body}"));
        } else {
            self.lists.clear();
            let body = inline(&runs, "");
            self.block(&body);
        }
        let number = numbered
            .and_then(|((label, bullet, _), _)| (!bullet && !label.is_empty()).then_some(label));
        let loc = self.location(p, number);
        self.origins.push((start, loc));
    }

    /// A Word table, one Markdown table a row: each row is a portion of
    /// its own and needs its own mark (Word's rows are paragraphs a reader
    /// reads one by one; a row without a mark never inherits the first's).
    fn table(&mut self, rows: &[Vec<Vec<Para>>]) {
        self.lists.clear();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        for row in rows {
            // The row: the first paragraph of each cell. A cell's further
            // paragraphs (and a nested table's) are paragraphs a reader
            // reads apart: each is a one-cell row of its own, with its own
            // mark to carry.
            let mut firsts: Vec<Option<&Para>> = Vec::new();
            let mut extras: Vec<&Para> = Vec::new();
            for c in 0..width {
                let mut paras = row
                    .get(c)
                    .into_iter()
                    .flatten()
                    .filter(|p| !p.text().trim().is_empty());
                firsts.push(paras.next());
                extras.extend(paras);
            }
            self.table_row(&firsts, width);
            for p in extras {
                self.table_row(&[Some(p)], 1);
            }
        }
    }

    fn table_row(&mut self, cells: &[Option<&Para>], width: usize) {
        if cells.iter().all(Option::is_none) {
            return;
        }
        let start = self.out.len();
        let mut out = String::from("|");
        for cell in cells {
            let text = cell.map_or(String::new(), |p| {
                inline(&p.runs, "").replace("\\\n", " ").replace('\n', " ")
            });
            out.push(' ');
            out.push_str(&text);
            out.push_str(" |");
        }
        out.push_str("\n|");
        for _ in 0..width {
            out.push_str(" --- |");
        }
        out.push_str("\n\n");
        self.out.push_str(&out);
        if let Some(first) = cells.iter().flatten().next() {
            let loc = self.location(first, None);
            self.origins.push((start, loc));
        }
    }

    /// Hidden content kept, in `import`, as an HTML comment: never printed,
    /// never released, and a mark in it is an error (P006).
    fn comment(&mut self, h: &Hidden) {
        let text = one_line(&h.text).replace("--", "- -").replace('>', "&gt;");
        let at = h
            .paragraph
            .map_or(String::new(), |p| format!(" at paragraph {p}"));
        self.block(&format!("<!-- Word: {}{at}: {text} -->", h.kind.name()));
    }

    fn block(&mut self, text: &str) {
        self.out.push_str(text.trim_end());
        self.out.push_str("\n\n");
    }
}

fn is_quote(style: &str) -> bool {
    let s = style.to_ascii_lowercase();
    s.contains("quote") || s == "block text"
}

/// `1`, `a`, `A`, `i`, `I` as a numbering format writes them.
fn format_number(v: u32, format: &str) -> String {
    match format {
        "lowerLetter" | "upperLetter" => {
            // Word's letters: a…z, then aa…zz, aaa…: one letter repeated.
            let n = v.max(1) - 1;
            let letter = (b'a' + (n % 26) as u8) as char;
            let s: String = std::iter::repeat_n(letter, (n / 26 + 1).min(64) as usize).collect();
            if format == "upperLetter" {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        "lowerRoman" | "upperRoman" => {
            let mut n = v.min(3999);
            let mut s = String::new();
            for (value, digits) in [
                (1000, "m"),
                (900, "cm"),
                (500, "d"),
                (400, "cd"),
                (100, "c"),
                (90, "xc"),
                (50, "l"),
                (40, "xl"),
                (10, "x"),
                (9, "ix"),
                (5, "v"),
                (4, "iv"),
                (1, "i"),
            ] {
                while n >= value {
                    s.push_str(digits);
                    n -= value;
                }
            }
            if format == "upperRoman" {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        _ => v.to_string(),
    }
}

/// A paragraph number typed as text before the mark (`5. (S) …`, as
/// cablemark's own DOCX writes them) is the renderer's to write: dropped.
fn strip_typed_number(runs: &[Run]) -> Vec<Run> {
    let mut runs = runs.to_vec();
    let rest_text = runs_text_after(&runs, 1);
    if let Some(first) = runs.first_mut() {
        let t = first.text.trim_start();
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&digits) {
            let rest = &t[digits..];
            if let Some(after) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(".\t")) {
                let after = after.trim_start().to_string();
                let next = if after.is_empty() {
                    rest_text
                } else {
                    after.clone()
                };
                if next.starts_with('(') || next.starts_with('[') || next.starts_with('（') {
                    first.text = after;
                }
            }
        }
    }
    runs.retain(|r| !r.text.is_empty());
    runs
}

fn runs_text_after(runs: &[Run], from: usize) -> String {
    runs.iter()
        .skip(from)
        .map(|r| r.text.as_str())
        .collect::<String>()
        .trim_start()
        .to_string()
}

/// Runs as Markdown inline text; line breaks become hard breaks followed
/// by `cont` (the indentation of the block's continuation lines).
fn inline(runs: &[Run], cont: &str) -> String {
    let mut out = String::new();
    let mut at_start = true;
    for r in runs {
        let mut text = r.text.replace('\t', " ");
        if at_start {
            text = text.trim_start().to_string();
        }
        if text.is_empty() {
            continue;
        }
        let escaped = if r.code {
            code_span(&text)
        } else {
            escape(&text, at_start)
        };
        // Emphasis only away from the start, where the mark stands.
        let styled = if r.code || at_start || text.trim().is_empty() {
            escaped
        } else {
            let (lead, core, trail) = crate::markdown::split_space(&escaped);
            let mut core = core.to_string();
            if r.strike {
                core = format!("~~{core}~~");
            }
            match (r.bold, r.italic) {
                (true, true) => core = format!("***{core}***"),
                (true, false) => core = format!("**{core}**"),
                (false, true) => core = format!("*{core}*"),
                _ => {}
            }
            format!("{lead}{core}{trail}")
        };
        let styled = match &r.link {
            Some(url) if !r.code => format!("[{styled}](<{}>)", link_target(url)),
            _ => styled,
        };
        out.push_str(&styled);
        at_start = false;
    }
    // Line breaks: hard breaks, continuation lines indented; a line never
    // starts with spaces that would make it code.
    let lines: Vec<String> = out
        .split('\n')
        .map(|l| escape_line_start(l.trim()))
        .collect();
    let mut joined = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            if l.is_empty() {
                continue;
            }
            joined.push_str("\\\n");
            joined.push_str(cont);
        }
        joined.push_str(l);
    }
    joined.trim_end().to_string()
}

fn link_target(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            '<' | '>' | ' ' | '\n' | '\\' => format!("%{:02X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

fn code_span(text: &str) -> String {
    let text = text.replace('\n', " ");
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {text} {fence}")
}

/// Backslash before every ASCII punctuation character Markdown may read
/// as markup. Parentheses and slashes stay: marks are read as written.
fn escape(text: &str, _at_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '~'
                | '{'
                | '}'
                | '&'
                | '!'
                | '$'
                | '^'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// What a line may not start with unescaped: a list marker, a block quote,
/// a heading, a thematic break, a setext underline, an ordered marker.
fn escape_line_start(line: &str) -> String {
    let mut chars = line.chars();
    match chars.next() {
        Some(c @ ('-' | '+' | '=' | ':')) => format!("\\{c}{}", chars.as_str()),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            match line.as_bytes().get(digits) {
                Some(b'.' | b')') => format!("{}\\{}", &line[..digits], &line[digits..]),
                _ => line.to_string(),
            }
        }
        _ => line.to_string(),
    }
}
