//! Writing sources: Markdown escaping and wrapping, YAML scalars, and the
//! one source writer (`write_source`: front matter, then typed blocks)
//! through which `release` writes a document back and `import` writes a
//! cable; neither assembles Markdown of its own.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Document, Header, Located, PortionKind, Run};
use crate::render::layout;

static LEADING_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+)([.)])(\s)").unwrap_or_else(|e| unreachable!("{e}")));

/// Backslash-escapes every character Markdown could read as syntax. An
/// underscore inside a word (`tok_17`) and a `!` not before `[` cannot
/// start anything in CommonMark and stay as written, so words read the
/// same in the source as in the text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        let intraword =
            before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
        let special = match c {
            '_' => !intraword,
            '!' => after == Some('['),
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '&' | '~' | '|' | '#' | '{' | '}' => true,
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escaped text wrapped at 76 columns, every line start made safe,
/// continuation lines indented by `indent`; `\n` in the text starts a new
/// line, `\n\n` a new paragraph of the same block.
pub fn markdown_text(text: &str, first_prefix: &str, indent: usize) -> String {
    wrap_escaped(&escape(text), first_prefix, indent)
}

fn wrap_escaped(escaped: &str, first_prefix: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let lines = layout::wrap(
        escaped,
        (76usize.saturating_sub(first_prefix.len())).max(20) as f32,
        (76usize.saturating_sub(indent)).max(20) as f32,
        &layout::chars,
    );
    let mut out = String::new();
    for (k, line) in lines.iter().enumerate() {
        let mut t = line.text.clone();
        if k > 0 || first_prefix.is_empty() {
            t = safe_line_start(&t);
        }
        if k == 0 {
            out.push_str(first_prefix);
        } else {
            out.push('\n');
            if !t.is_empty() {
                out.push_str(&pad);
            }
        }
        out.push_str(&t);
    }
    out
}

/// Escaped text as one line per line of the text (no wrapping: a line
/// break the text does not have could start a line with what reads as a
/// mark), continuation lines indented by `indent`.
fn unwrapped(escaped: &str, first_prefix: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::from(first_prefix);
    let lines: Vec<&str> = escaped.split('\n').collect();
    for (k, line) in lines.iter().enumerate() {
        let line = line.trim();
        if k > 0 {
            // A single line break of the text is a hard break.
            let prev_empty = lines[k - 1].trim().is_empty();
            if !prev_empty && !line.is_empty() {
                out.push('\\');
            }
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&pad);
            }
        }
        if k > 0 || first_prefix.is_empty() {
            out.push_str(&safe_line_start(line));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A line start Markdown would read as a list, heading, quote or rule.
pub fn safe_line_start(line: &str) -> String {
    if let Some(c) = LEADING_NUMBER.captures(line) {
        return format!("{}\\{}{}", &c[1], &c[2], &line[c[0].len() - 1..]);
    }
    match line.chars().next() {
        Some('-' | '+' | '=') => format!("\\{line}"),
        _ => line.to_string(),
    }
}

/// A YAML scalar: a JSON string is valid YAML and quotes everything.
pub fn yaml(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

pub fn yaml_list(items: &[String]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| yaml(s)).collect::<Vec<_>>().join(", ")
    )
}

/// Runs as Markdown: escaped, with bold, italic, code and strikethrough kept.
fn runs_markdown(runs: &[Run]) -> String {
    let mut out = String::new();
    for r in runs {
        let core = r.text.trim();
        if core.is_empty() {
            out.push_str(&r.text);
            continue;
        }
        let (lead, _, trail) = split_space(&r.text);
        let body = if r.code && !core.contains('`') {
            format!("`{core}`")
        } else {
            let e = escape(core);
            match (r.bold, r.italic) {
                (true, true) => format!("***{e}***"),
                (true, false) => format!("**{e}**"),
                (false, true) => format!("*{e}*"),
                (false, false) => e,
            }
        };
        let body = if r.strike {
            format!("~~{body}~~")
        } else {
            body
        };
        let body = match &r.link {
            // The address in angle brackets, what could end it encoded.
            Some(url) => format!("[{body}](<{}>)", link_address(url)),
            None => body,
        };
        out.push_str(lead);
        out.push_str(&body);
        out.push_str(trail);
    }
    out
}

/// A text cut into its leading white space, its core and its trailing
/// white space (all of it leading when it is only white space).
pub(crate) fn split_space(s: &str) -> (&str, &str, &str) {
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len();
    if start >= end {
        return (s, "", "");
    }
    (&s[..start], &s[start..end], &s[end..])
}

/// A link's address as a Markdown source writes it between `<` and `>`.
pub fn link_address(url: &str) -> String {
    url.chars()
        .map(|c| match c {
            '<' | '>' | '\\' | '\n' | '\r' => format!("%{:02X}", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

/// The front matter of a header, every key it has.
pub fn front_matter(h: &Header) -> String {
    let mut fm = String::from("---\n");
    let one = |fm: &mut String, key: &str, v: &Option<Located<String>>| {
        if let Some(v) = v {
            fm.push_str(&format!("{key}: {}\n", yaml(&v.value)));
        }
    };
    let many = |fm: &mut String, key: &str, v: &[Located<String>]| {
        if !v.is_empty() {
            let items: Vec<String> = v.iter().map(|x| x.value.clone()).collect();
            fm.push_str(&format!("{key}: {}\n", yaml_list(&items)));
        }
    };
    one(&mut fm, "precedence", &h.precedence);
    one(&mut fm, "dtg", &h.dtg);
    one(&mut fm, "from", &h.from);
    many(&mut fm, "to", &h.to);
    many(&mut fm, "info", &h.info);
    one(&mut fm, "reference", &h.reference);
    many(&mut fm, "captions", &h.captions);
    one(&mut fm, "order", &h.order);
    one(&mut fm, "profile", &h.profile);
    one(&mut fm, "declassify_on", &h.declassify_on);
    many(&mut fm, "tags", &h.tags);
    one(&mut fm, "subject", &h.subject);
    many(&mut fm, "refs", &h.refs);
    one(&mut fm, "classified_by", &h.classified_by);
    many(&mut fm, "reasons", &h.reasons);
    one(&mut fm, "signature", &h.signature);
    one(&mut fm, "banner", &h.banner);
    let a = &h.as_written;
    if a.dtg_line.is_some()
        || a.header.is_some()
        || a.end.is_some()
        || a.signature_apart
        || a.numbers
        || a.classification.is_some()
        || a.classification_joined
        || a.body_joined
        || a.routing.is_some()
        || a.transmission.is_some()
        || !a.joined.is_empty()
        || a.tight
    {
        fm.push_str("as_written:\n");
        if a.signature_apart {
            fm.push_str("  signature_apart: true\n");
        }
        if a.numbers {
            fm.push_str("  numbers: true\n");
        }
        if a.classification_joined {
            fm.push_str("  classification_joined: true\n");
        }
        if a.body_joined {
            fm.push_str("  body_joined: true\n");
        }
        if a.tight {
            fm.push_str("  tight: true\n");
        }
        if !a.joined.is_empty() {
            let numbers: Vec<String> = a.joined.iter().map(u32::to_string).collect();
            fm.push_str(&format!("  joined: [{}]\n", numbers.join(", ")));
        }
        for (key, v) in [
            ("transmission", &a.transmission),
            ("dtg_line", &a.dtg_line),
            ("routing", &a.routing),
            ("classification", &a.classification),
            ("header", &a.header),
            ("end", &a.end),
        ] {
            if let Some(v) = v {
                fm.push_str(&format!("  {key}: {}\n", yaml(v)));
            }
        }
    }
    fm.push_str("---\n");
    fm
}

/// How a block of lines as written starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lead {
    /// Nothing before the text: its first line start is made safe like
    /// every other.
    Plain,
    /// Indented by this many spaces: text of the list item above it.
    Indent(usize),
    /// A numbered item, `12.` and `gap` spaces (one to four) before the text.
    Number {
        number: String,
        delim: char,
        gap: usize,
    },
    /// A numbered item whose text starts on the line under the number
    /// (a cable's `1.(C) text`, with no space after the number).
    NumberAlone { number: String, delim: char },
    /// A bullet, `- `.
    Bullet,
}

impl Lead {
    /// The marker written before the first line, and the indentation of
    /// the lines after it.
    fn marker(&self) -> (String, usize) {
        match self {
            Lead::Plain => (String::new(), 0),
            Lead::Indent(n) => (" ".repeat(*n), *n),
            Lead::Number { number, delim, gap } => {
                let m = format!("{number}{delim}{}", " ".repeat((*gap).clamp(1, 4)));
                let w = m.len();
                (m, w)
            }
            Lead::NumberAlone { number, delim } => {
                let w = number.len() + 2;
                (format!("{number}{delim}\n{}", " ".repeat(w)), w)
            }
            Lead::Bullet => ("- ".to_string(), 2),
        }
    }
}

/// A section heading's attributes, as the source writes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionAttrs {
    pub nonpaper: bool,
    pub begin: Option<String>,
    pub end: Option<String>,
    pub bullet: Option<String>,
    pub line: Option<String>,
    pub bullets: Option<String>,
}

impl SectionAttrs {
    fn written(&self) -> String {
        let mut attrs = Vec::new();
        if self.nonpaper {
            attrs.push(".nonpaper".to_string());
        }
        for (k, v) in [
            ("begin", &self.begin),
            ("end", &self.end),
            ("bullet", &self.bullet),
            ("line", &self.line),
            ("bullets", &self.bullets),
        ] {
            if let Some(v) = v {
                attrs.push(format!("{k}=\"{}\"", one_line_text(v).replace('"', "'")));
            }
        }
        if attrs.is_empty() {
            String::new()
        } else {
            format!(" {{{}}}", attrs.join(" "))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// Lines as written: each escaped, line starts made safe, the lines
    /// after the first indented under the lead.
    Lines { lead: Lead, lines: Vec<String> },
    Heading {
        level: u8,
        number: Option<String>,
        /// Marks and label, written as they are (before the text).
        lead: String,
        /// The heading's text as Markdown (escaped, emphasis kept).
        text: String,
        attrs: SectionAttrs,
    },
    /// `***`: the section above closes.
    Rule,
    /// Markdown this module wrote itself (a portion of a document).
    Written(String),
}

/// One block of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    kind: Kind,
    /// Written on the line right under the block before it (the next item
    /// of a tight list, a talking point's broken-off text).
    tight: bool,
}

impl Block {
    /// Lines of text as written, under a lead.
    pub fn lines(lead: Lead, lines: Vec<String>) -> Block {
        Block {
            kind: Kind::Lines { lead, lines },
            tight: false,
        }
    }

    /// A section heading: `## 7. (S) Talking points {.nonpaper …}`; the
    /// mark is written as it is, the title escaped.
    pub fn heading(
        level: u8,
        number: Option<String>,
        mark: Option<String>,
        title: &str,
        attrs: SectionAttrs,
    ) -> Block {
        Block {
            kind: Kind::Heading {
                level,
                number: number.map(|n| format!("{n}. ")),
                lead: mark
                    .map(|m| format!("{} ", one_line_text(&m)))
                    .unwrap_or_default(),
                text: escape(&one_line_text(title)),
                attrs,
            },
            tight: false,
        }
    }

    /// `***`: the section above closes here.
    pub fn rule() -> Block {
        Block {
            kind: Kind::Rule,
            tight: false,
        }
    }

    /// A heading's number and mark with the spaces after them as written
    /// (`11.  (U)  Talking points`): one to four each.
    pub fn with_gaps(mut self, after_number: usize, after_mark: usize) -> Block {
        if let Kind::Heading { number, lead, .. } = &mut self.kind {
            if let Some(n) = number.as_mut() {
                n.push_str(&" ".repeat(after_number.clamp(1, 4) - 1));
            }
            if !lead.is_empty() {
                lead.push_str(&" ".repeat(after_mark.clamp(1, 4) - 1));
            }
        }
        self
    }

    /// The same block, written on the line under the one before it.
    pub fn tight(mut self) -> Block {
        self.tight = true;
        self
    }

    /// The section attributes, when this is a section heading.
    pub fn section_mut(&mut self) -> Option<&mut SectionAttrs> {
        match &mut self.kind {
            Kind::Heading { attrs, .. } if attrs.nonpaper => Some(attrs),
            _ => None,
        }
    }

    pub fn is_rule(&self) -> bool {
        self.kind == Kind::Rule
    }

    fn written(&self) -> String {
        match &self.kind {
            Kind::Lines { lead, lines } => lines_markdown(lead, lines),
            Kind::Heading {
                level,
                number,
                lead,
                text,
                attrs,
            } => format!(
                "{} {}{lead}{text}{}",
                "#".repeat((*level).clamp(1, 6) as usize),
                number.as_deref().unwrap_or(""),
                attrs.written()
            ),
            Kind::Rule => "***".to_string(),
            Kind::Written(s) => s.clone(),
        }
    }
}

/// Text for one line: line breaks become spaces.
fn one_line_text(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// Lines as written, under a lead: each escaped (one of over 100
/// characters, a reflowed web copy's paragraph, wrapped), line starts made
/// safe, the lines after the first indented.
fn lines_markdown(lead: &Lead, lines: &[String]) -> String {
    let (marker, indent) = lead.marker();
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for (k, line) in lines.iter().enumerate() {
        let text = one_line_text(if k == 0 { line.trim_start() } else { line });
        let piece = if text.chars().count() > 100 {
            markdown_text(&text, "", indent)
        } else {
            escape(&text)
        };
        if k == 0 {
            // After a list marker too: `12. 5. text` would open a list
            // inside the item.
            out.push_str(&marker);
            out.push_str(&safe_line_start(&piece));
        } else {
            out.push('\n');
            out.push_str(&pad);
            out.push_str(&safe_line_start(&piece));
        }
    }
    out
}

/// The one source writer: the header's front matter, then the blocks,
/// a blank line between them (a line break before a tight one).
pub fn write_source(header: &Header, blocks: &[Block]) -> String {
    let mut out = front_matter(header);
    out.push('\n');
    for (k, b) in blocks.iter().enumerate() {
        if k > 0 {
            out.push_str(if b.tight { "\n" } else { "\n\n" });
        }
        out.push_str(&b.written());
    }
    out.push('\n');
    out
}

/// Writes a document back as a source, from the model alone: every
/// portion's label, mark (own marks only: inherited ones stay inherited)
/// and text, sections with their attributes, a `***` where a section
/// closes. Raw HTML is never written.
pub fn write_document(doc: &Document) -> String {
    let mut blocks: Vec<Block> = Vec::new();
    // Where each list item's text starts (its continuation indentation).
    let mut content_indent: Vec<Option<usize>> = vec![None; doc.portions.len()];
    let mut in_section = false;
    for (i, p) in doc.portions.iter().enumerate() {
        let heading_of = doc.sections.iter().find(|s| s.heading == i);
        if in_section && p.section.is_none() && heading_of.is_none() {
            blocks.push(Block::rule());
        }
        in_section = p.section.is_some() || heading_of.is_some();
        let mut lead = String::new();
        if let Some(l) = &p.label {
            lead.push_str(l);
            lead.push(' ');
        }
        // The effective mark, written in full (never the short form, never
        // a second mark): on every portion with a mark of its own, and on a
        // nested block that inherited from its parent block, so that
        // reading the source back cannot hang it on another parent.
        let explicit = !p.inherited || p.parent.is_some();
        if explicit {
            if let Some(m) = &p.effective {
                lead.push_str(&m.portion());
                lead.push(' ');
            }
        }
        let body = runs_markdown(&p.runs);
        let text = format!("{lead}{body}");
        let block = match p.kind {
            PortionKind::Heading { level } => {
                let attrs = heading_of
                    .map(|s| SectionAttrs {
                        nonpaper: s.nonpaper,
                        begin: s.begin.clone(),
                        end: s.end_line.clone(),
                        bullet: s.bullet.clone(),
                        line: s.line.clone(),
                        bullets: s.bullets.clone(),
                    })
                    .unwrap_or_default();
                blocks.push(Block {
                    kind: Kind::Heading {
                        level: level.clamp(1, 6),
                        // The number as read (`11.  `, its spaces kept).
                        number: p.written_number.map(|n| {
                            p.written_marker
                                .clone()
                                .filter(|m| m.trim().trim_end_matches('.') == n.to_string())
                                .unwrap_or_else(|| format!("{n}. "))
                        }),
                        lead: one_line_text(&lead),
                        text: one_line_text(&body),
                        attrs,
                    },
                    tight: false,
                });
                continue;
            }
            PortionKind::ListItem { ordered, .. } => {
                // A nested item stands under its parent's text: indented by
                // the parent's indentation and marker width.
                let indent = p
                    .parent
                    .and_then(|k| content_indent.get(k).copied().flatten())
                    .unwrap_or(0);
                let marker = match (ordered, p.number.or(p.written_number)) {
                    (true, Some(n)) => format!("{n}. "),
                    (true, None) => "1. ".to_string(),
                    (false, _) => "- ".to_string(),
                };
                let prefix = format!("{}{marker}", " ".repeat(indent));
                let width = prefix.len();
                content_indent[i] = Some(width);
                unwrapped(&text, &prefix, width)
            }
            PortionKind::BlockQuote => unwrapped(&text, "", 0)
                .lines()
                .map(|l| format!("> {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
            PortionKind::Table => table_markdown(&lead, &p.cells),
            PortionKind::CodeBlock => {
                // A fence longer than any run of backticks in the text, so
                // the text cannot close it.
                let text = p.text();
                let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                format!("{fence}\n{}{}\n{fence}", lead, text.trim_end_matches('\n'))
            }
            PortionKind::Paragraph => unwrapped(&text, "", 0),
        };
        blocks.push(Block {
            kind: Kind::Written(block),
            tight: false,
        });
    }
    write_source(&doc.header, &blocks)
}

fn table_markdown(lead: &str, cells: &[Vec<String>]) -> String {
    let mut out = Vec::new();
    for (r, row) in cells.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, t)| {
                let t = escape(t.trim());
                if r == 0 && c == 0 {
                    format!("{lead}{t}")
                } else {
                    t
                }
            })
            .collect();
        out.push(format!("| {} |", cells.join(" | ")));
        if r == 0 {
            out.push(format!("|{}", "---|".repeat(row.len().max(1))));
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_their_underscores_and_bangs() {
        assert_eq!(escape("tok_17 snake_case"), "tok_17 snake_case");
        assert_eq!(escape("_lead trail_"), "\\_lead trail\\_");
        assert_eq!(escape("wow! ![x]"), "wow! \\!\\[x\\]");
        assert_eq!(escape("a*b <c> & d"), "a\\*b \\<c\\> \\& d");
    }

    #[test]
    fn the_source_writer_makes_every_line_start_safe_and_keeps_tight_items_tight() {
        let header = Header::default();
        let blocks = vec![
            Block::lines(
                Lead::Number {
                    number: "2".into(),
                    delim: '.',
                    gap: 9,
                },
                vec!["5. (S) one *b*".into(), "- two".into()],
            ),
            Block::lines(
                Lead::NumberAlone {
                    number: "3".into(),
                    delim: '.',
                },
                vec!["-- (C) three".into()],
            )
            .tight(),
            Block::heading(
                2,
                Some("4".into()),
                Some("(S//REL TO USA, TWN)".into()),
                "Talking [points]",
                SectionAttrs {
                    nonpaper: true,
                    begin: Some("Begin \"the\"\npoints:".into()),
                    ..SectionAttrs::default()
                },
            ),
            Block::lines(Lead::Bullet, vec!["+ point".into()]),
            Block::rule(),
            Block::lines(Lead::Plain, vec!["# not a heading".into()]),
        ];
        let md = write_source(&header, &blocks);
        let body = md.split("---\n").last().unwrap_or("");
        assert_eq!(
            body,
            "\n2.    5\\. (S) one \\*b\\*\n      \\- two\n3.\n   \\-- (C) three\n\n\
             ## 4. (S//REL TO USA, TWN) Talking \\[points\\] {.nonpaper begin=\"Begin 'the' points:\"}\n\n\
             - \\+ point\n\n***\n\n\\# not a heading\n"
        );
        let doc = crate::source::parse("w.md", md.clone()).expect("reads back");
        let texts: Vec<String> = doc.portions.iter().map(|p| p.text().into_owned()).collect();
        assert_eq!(
            texts,
            [
                // `5.` is the paragraph's label, `(S)` its mark.
                "one *b* - two",
                "-- (C) three",
                "Talking [points]",
                "+ point",
                "# not a heading"
            ],
            "{md}"
        );
    }

    #[test]
    fn written_sources_read_back_to_the_same_text() {
        let doc = crate::source::sample_document();
        let again = crate::source::parse("again.md", write_document(&doc)).expect("reads back");
        let texts = |d: &Document| {
            d.portions
                .iter()
                .map(|p| p.text().into_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&doc), texts(&again));
        assert_eq!(doc.rollup(), again.rollup());
    }
}
