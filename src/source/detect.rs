//! The mark detector (design §2.2, "What counts as a mark"): anything that
//! could be a mark is read as one.
//!
//! * At the start of every line of a block (after invisible characters and
//!   up to four label tokens of any shape: `A.`, `(ii)`, `1.1`, `2a.`,
//!   `(100)`, `•`, `--`, `Note:`, `Q:`, `§1`), a parenthesised or
//!   bracketed group whose first word is a classification word (`U`, `C`,
//!   `S`, `TS`, `SECRET`, `NOFORN`, `REL`, `SBU`, …) is a mark, and so is a
//!   group right after such a mark (`(U) (S//NF)`).
//! * Anywhere in the text, a group that carries `//` (not `://`) or a
//!   control word (`NF`, `NOFORN`, `REL`, `RELIDO`, `ORCON`, `FOUO`,
//!   `SBU`, `EYES ONLY`, …) is a mark.
//!
//! Before the test, fullwidth forms and Latin look-alike letters (Cyrillic,
//! Greek) are folded, invisible characters dropped. A group found this way
//! that is not written as a plain ASCII mark in parentheses, or that does
//! not parse, is an unreadable mark.
//!
//! False positives, by design, stay text: a group in the middle of a line
//! without `//` or a control word (`reasons 1.4 (b)`, `Article 5(c)`,
//! `company(s)`, `(U.S. view)`), a group whose first word is not a
//! classification word (`(a)`, `(ii)`, `(Note: …)`), and `://` in an
//! address.

use crate::marking::{self, MarkError, ParsedMark};

/// A mark-like group found in a text, with byte offsets into that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    /// Found at the start of a line (or right after a mark there).
    pub line_start: bool,
    pub parsed: Result<ParsedMark, MarkError>,
}

/// Characters a viewer, a terminal or a printer starts a new line at: a
/// line feed, and also a lone carriage return, a vertical tab, a form feed,
/// NEL and the Unicode line and paragraph separators.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Characters that show nothing (format characters, fillers): skipped
/// before a mark, dropped inside one, and reported by the check (P008).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// A character that hides or controls how text shows (P008): a control
/// but the tab, a bidirectional control, an invisible character (which
/// [`is_invisible`] counts bidirectional controls among), a line or
/// paragraph separator.
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{2028}' | '\u{2029}') || is_invisible(c)
}

/// Fullwidth forms to ASCII, look-alike letters to the Latin letter they
/// show, dashes and slashes of other scripts to `-` and `/`.
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
        '\u{2044}' | '\u{2215}' | '\u{29F8}' | '\u{2571}' | '\u{27CB}' | '\u{1735}'
        | '\u{2AFD}' | '\u{2AFB}' => '/',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{FE59}' | '\u{207D}' | '\u{208D}' | '\u{2768}' | '\u{276A}' | '\u{2985}'
        | '\u{FF5F}' => '(',
        '\u{FE5A}' | '\u{207E}' | '\u{208E}' | '\u{2769}' | '\u{276B}' | '\u{2986}'
        | '\u{FF60}' => ')',
        '\u{3010}' | '\u{3014}' | '\u{3016}' | '\u{3018}' | '\u{301A}' | '\u{27E6}'
        | '\u{2045}' => '[',
        '\u{3011}' | '\u{3015}' | '\u{3017}' | '\u{3019}' | '\u{301B}' | '\u{27E7}'
        | '\u{2046}' => ']',
        // Cyrillic
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' => 'E',
        'Н' => 'H',
        'І' => 'I',
        'Ј' => 'J',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Ѕ' => 'S',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'Ԁ' => 'D',
        'Ԛ' => 'Q',
        'Ԝ' => 'W',
        'а' => 'a',
        'с' => 'c',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'ѕ' => 's',
        'х' => 'x',
        'у' => 'y',
        'і' => 'i',
        'ј' => 'j',
        'ԁ' => 'd',
        'һ' => 'h',
        'ԛ' => 'q',
        'ԝ' => 'w',
        // Greek
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'ο' => 'o',
        // Small capitals and Lisu letters that show as Latin capitals.
        'ᴀ' => 'A',
        'ʙ' => 'B',
        'ᴄ' => 'C',
        'ᴅ' => 'D',
        'ᴇ' => 'E',
        'ꜰ' => 'F',
        'ɢ' => 'G',
        'ʜ' => 'H',
        'ɪ' => 'I',
        'ᴊ' => 'J',
        'ᴋ' => 'K',
        'ʟ' => 'L',
        'ᴍ' => 'M',
        'ɴ' => 'N',
        'ᴏ' => 'O',
        'ᴘ' => 'P',
        'ʀ' => 'R',
        'ꜱ' => 'S',
        'ᴛ' => 'T',
        'ᴜ' => 'U',
        'ᴠ' => 'V',
        'ᴡ' => 'W',
        'ʏ' => 'Y',
        'ᴢ' => 'Z',
        'ꓮ' => 'A',
        'ꓐ' => 'B',
        'ꓚ' => 'C',
        'ꓓ' => 'D',
        'ꓰ' => 'E',
        'ꓝ' => 'F',
        'ꓖ' => 'G',
        'ꓧ' => 'H',
        'ꓲ' => 'I',
        'ꓙ' => 'J',
        'ꓗ' => 'K',
        'ꓡ' => 'L',
        'ꓟ' => 'M',
        'ꓠ' => 'N',
        'ꓳ' => 'O',
        'ꓑ' => 'P',
        'ꓣ' => 'R',
        'ꓢ' => 'S',
        'ꓔ' => 'T',
        'ꓴ' => 'U',
        'ꓦ' => 'V',
        'ꓪ' => 'W',
        'ꓫ' => 'X',
        'ꓬ' => 'Y',
        'ꓜ' => 'Z',
        'ν' => 'v',
        'ι' => 'i',
        'κ' => 'k',
        _ => c,
    }
}

fn opener(c: char) -> Option<char> {
    match fold(c) {
        '(' => Some(')'),
        '[' => Some(']'),
        '{' => Some('}'),
        _ => None,
    }
}

fn is_closer(c: char) -> bool {
    matches!(fold(c), ')' | ']' | '}')
}

/// The longest group read (in characters); an unclosed group ends at the
/// end of its line or here.
const GROUP_LIMIT: usize = 160;

/// A parenthesised or bracketed group at `start` (which holds an opener).
struct Group {
    start: usize,
    end: usize,
    /// Folded, invisible characters dropped, upper case, without the
    /// outer brackets.
    content: String,
    closed: bool,
    nested: bool,
    /// Square brackets or braces instead of parentheses.
    bracket: bool,
    /// Written with characters that fold (fullwidth, look-alikes, other
    /// spaces) or invisible ones.
    disguised: bool,
    /// Holds letters of the blocks look-alikes come from and prose in a
    /// cable never uses (IPA and phonetic extensions, Latin Extended-D,
    /// Lisu, Cherokee, letterlike and mathematical letters): such a group
    /// is taken for a disguised mark.
    odd: bool,
}

/// Letters from blocks that only disguise Latin ones in a cable.
fn is_odd_letter(c: char) -> bool {
    matches!(c as u32,
        0x0250..=0x02AF | 0x1D00..=0x1DBF | 0xA720..=0xA7FF | 0xA4D0..=0xA4FF
        | 0x13A0..=0x13FF | 0xAB70..=0xABBF | 0x2100..=0x214F | 0x1D400..=0x1D7FF
        | 0x2460..=0x24FF | 0x1F100..=0x1F1FF)
}

fn read_group(text: &str, start: usize) -> Option<Group> {
    let first = text[start..].chars().next()?;
    let close = opener(first)?;
    let mut depth = 1usize;
    let mut content = String::new();
    let mut nested = false;
    let mut disguised = !first.is_ascii();
    let mut odd = false;
    let mut end = text.len();
    let mut closed = false;
    let body = start + first.len_utf8();
    for (count, (i, c)) in text[body..].char_indices().enumerate() {
        let at = body + i;
        if is_line_break(c) || count >= GROUP_LIMIT {
            end = at;
            break;
        }
        if is_invisible(c) {
            disguised = true;
            continue;
        }
        let f = fold(c);
        if f != c || !c.is_ascii() && !c.is_alphanumeric() {
            disguised |= f != c;
        }
        odd |= is_odd_letter(c);
        if opener(c).is_some() {
            depth += 1;
            nested = true;
        } else if is_closer(c) {
            depth -= 1;
            if depth == 0 {
                end = at + c.len_utf8();
                closed = true;
                disguised |= !c.is_ascii();
                break;
            }
        }
        content.push(f);
    }
    Some(Group {
        start,
        end,
        content: content.to_uppercase(),
        closed,
        nested,
        bracket: close != ')',
        disguised: disguised || odd,
        odd,
    })
}

fn words(content: &str) -> Vec<&str> {
    content
        .split(|c: char| c.is_whitespace() || c == '/' || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Words split at every character that is not a letter or a digit:
/// `SECRET-NOFORN`, `S.NF`, `S|NF` and `S\NF` are two words each.
fn sub_words(content: &str) -> Vec<&str> {
    content
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Words a mark starts with.
pub(crate) const FIRST_WORDS: &[&str] = &[
    "U",
    "C",
    "S",
    "TS",
    "R",
    "UNCLASSIFIED",
    "UNCLAS",
    "CONFIDENTIAL",
    "SECRET",
    "RESTRICTED",
    "SBU",
    "SBU-N",
    "SBU-NF",
    "NF",
    "NOFORN",
    "REL",
    "RELIDO",
    "FOUO",
    "LES",
    "CUI",
];

/// Control words that make a group a mark anywhere in the text.
const CONTROL_WORDS: &[&str] = &[
    "NOFORN",
    "SCI",
    "RELIDO",
    "ORCON",
    "FOUO",
    "SBU",
    "SBU-N",
    "SBU-NF",
    "NOCONTRACT",
    "PROPIN",
    "IMCON",
    "EXDIS",
    "NODIS",
    "LIMDIS",
];

/// Short control words that count only when written in capitals (`REL`,
/// `NF`, `LES`: `les` and `rel.` are words of prose).
const CAPITAL_CONTROL_WORDS: &[&str] = &["NF", "REL", "LES", "LES-NF"];

fn has_control(group: &Group, raw: &str) -> bool {
    let ws = words(&group.content);
    // Also inside a word glued with another separator (`SECRET-NOFORN`).
    if ws.iter().any(|w| CONTROL_WORDS.contains(w))
        || sub_words(&group.content)
            .iter()
            .any(|w| CONTROL_WORDS.contains(w))
    {
        return true;
    }
    if sub_words(raw)
        .iter()
        .any(|w| CAPITAL_CONTROL_WORDS.contains(w))
    {
        return true;
    }
    if ws
        .windows(2)
        .any(|p| (p[0] == "EYES" && p[1] == "ONLY") || (p[0] == "TOP" && p[1] == "SECRET"))
    {
        return true;
    }
    let raw_words = words(raw);
    raw_words.iter().any(|w| CAPITAL_CONTROL_WORDS.contains(w))
        || (group.disguised && ws.iter().any(|w| CAPITAL_CONTROL_WORDS.contains(w)))
}

fn has_double_slash(content: &str) -> bool {
    content
        .match_indices("//")
        .any(|(i, _)| !content[..i].ends_with(':'))
}

fn first_word_is_mark(content: &str) -> bool {
    let ws = words(content);
    match ws.first() {
        Some(&"TOP") => ws.get(1) == Some(&"SECRET"),
        Some(w) if FIRST_WORDS.contains(w) => true,
        // A level glued to a control by another separator: `S-NF`,
        // `SECRET.NOFORN`, `TS-SCI`.
        Some(w) => {
            let subs = sub_words(w);
            subs.len() > 1
                && FIRST_WORDS.contains(&subs[0])
                && subs[1..]
                    .iter()
                    .any(|s| CONTROL_WORDS.contains(s) || CAPITAL_CONTROL_WORDS.contains(s))
        }
        None => false,
    }
}

/// On a line after the block's first, prose puts things in parentheses
/// that a first line would not: a lettered sub-item `(c)`, an initial
/// `(S. Young)`, a name `(Secret Service)`. There the first word must be
/// written as marks are, in capitals and not as an initial.
fn written_like_a_mark(raw: &str) -> bool {
    let inner = raw.trim_start_matches(|c: char| opener(c).is_some());
    let token = inner
        .split(|c: char| c.is_whitespace() || c == '/' || c == ',')
        .next()
        .unwrap_or("");
    let letters: String = token.chars().filter(|c| c.is_alphabetic()).collect();
    let initial = letters.chars().count() == 1 && token.trim_end_matches([')', ']']).ends_with('.');
    !letters.is_empty() && letters == letters.to_uppercase() && !initial
}

/// Long classification words whose misspellings are still marks.
const SPELLED_WORDS: &[&str] = &[
    "SECRET",
    "CONFIDENTIAL",
    "UNCLASSIFIED",
    "UNCLAS",
    "NOFORN",
    "RELIDO",
];

/// Optimal-string-alignment distance (edits and transpositions), bounded
/// inputs only.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// A misspelt level or control word (`SECERT`, `Confidentail`, `NOFRON`).
fn misspelt_mark_word(content: &str) -> bool {
    let ws = words(content);
    let Some(first) = ws.first() else {
        return false;
    };
    let n = first.chars().count();
    if !(4..=14).contains(&n) {
        return false;
    }
    SPELLED_WORDS.iter().any(|w| {
        let limit = if w.len() <= 6 { 1 } else { 2 };
        edit_distance(first, w) <= limit
    })
}

/// A short group all in capitals at the start of a line, followed by text
/// (`(X) The`, `(SECERT) The`): an attempt at a mark rather than prose. An
/// acronym closing a sentence (`(DIO).`) is prose.
fn capital_attempt(g: &Group, raw: &str, after: Option<char>) -> bool {
    let inner = raw
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']'])
        .trim();
    g.closed
        && !inner.is_empty()
        && inner.chars().count() <= 12
        && inner == inner.to_uppercase()
        && inner.chars().any(char::is_alphabetic)
        && !matches!(after, Some('.' | ',' | ';' | ':'))
}

/// Mark-like at the start of a line. At the block's first line, where its
/// portion mark belongs, a short group in capitals (`(X)`, `(SECERT)`) is
/// an attempt at a mark too; on a later line it is an acronym that a
/// wrapped sentence put there (`(TMC) and …`).
fn line_mark_like(g: &Group, raw: &str, after: Option<char>, first_line: bool) -> bool {
    g.content.trim().is_empty() && g.closed && !g.bracket
        || (first_word_is_mark(&g.content) && (first_line || written_like_a_mark(raw)))
        || has_double_slash(&g.content)
        || has_control(g, raw)
        || (misspelt_mark_word(&g.content) && (first_line || written_like_a_mark(raw)))
        || (first_line && !g.bracket && capital_attempt(g, raw, after))
        || g.odd
}

/// Mark-like anywhere.
fn inline_mark_like(g: &Group, raw: &str) -> bool {
    has_double_slash(&g.content) || has_control(g, raw) || g.odd
}

/// Past blanks and invisible characters, never past a line break.
pub(crate) fn skip_blank(text: &str, mut at: usize) -> usize {
    while let Some(c) = text[at..].chars().next() {
        if !is_line_break(c) && (c.is_whitespace() || is_invisible(c) || fold(c) == ' ') {
            at += c.len_utf8();
        } else {
            break;
        }
    }
    at
}

fn is_roman(t: &str) -> bool {
    !t.is_empty() && t.len() <= 6 && t.chars().all(|c| "ivxlcdmIVXLCDM".contains(c))
}

/// The core of a label of any length: digits and dots (`1000000000`,
/// `1.2.3`), one letter repeated (`AAAAAAAAA`, as sub-paragraph letters
/// run past Z), or a roman numeral. Nothing caps its length: a label the
/// detector would not skip would hide the mark after it.
fn is_label_core(core: &str) -> bool {
    let mut chars = core.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    core.chars().all(|c| c.is_ascii_digit() || c == '.') && core.chars().any(|c| c.is_ascii_digit())
        || (first.is_alphabetic() && chars.all(|c| c == first))
        || is_roman(core)
}

/// A label token before a mark: shaped like a label rather than a word of
/// prose (`A.`, `2a.`, `1.1`, `Note:`, `Q:`, `•`, `--`, `§1`, `iv`): short,
/// or a number or a repeated letter of any length (`1000000000.`).
fn is_label_token(tok: &str) -> bool {
    let n = tok.chars().count();
    let core = tok.trim_end_matches(['.', ')', ':', ']']);
    if n > 8 && is_label_core(core.trim_start_matches(['(', '['])) {
        return true;
    }
    if n == 0 || n > 8 {
        return false;
    }
    !tok.chars().any(char::is_alphabetic)
        || tok.ends_with(['.', ')', ':', ']'])
        || tok.starts_with('§')
        || is_roman(core)
}

/// The most label tokens skipped before a mark, less one (`1. A. (1) (S)`):
/// more would read `(c)` of `Reason: 1.4(b), (c)` as a mark.
const MAX_LABELS: usize = 3;

/// The marks at the start of the line beginning at `at`.
fn line_start_marks(text: &str, at: usize, out: &mut Vec<Found>, first_line: bool) {
    let mut pos = skip_blank(text, at);
    let mut labels = 0;
    while labels <= MAX_LABELS {
        let Some(c) = text[pos..].chars().next() else {
            return;
        };
        if is_line_break(c) {
            return;
        }
        if opener(c).is_some() {
            let Some(g) = read_group(text, pos) else {
                return;
            };
            let raw = &text[g.start..g.end];
            if line_mark_like(&g, raw, text[g.end..].chars().next(), first_line) {
                // This mark, and every mark right after it.
                let mut g = g;
                loop {
                    let next = skip_blank(text, g.end);
                    out.push(found(text, &g));
                    let Some(n) = text[next..].chars().next() else {
                        return;
                    };
                    if opener(n).is_none() {
                        return;
                    }
                    let Some(h) = read_group(text, next) else {
                        return;
                    };
                    if !line_mark_like(
                        &h,
                        &text[h.start..h.end],
                        text[h.end..].chars().next(),
                        first_line,
                    ) {
                        return;
                    }
                    g = h;
                }
            }
            if g.closed && (g.content.chars().count() <= 8 || is_label_core(&g.content)) {
                pos = skip_blank(text, g.end);
                labels += 1;
                continue;
            }
            return;
        }
        let end = text[pos..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace() || opener(*c).is_some())
            .map_or(text.len(), |(i, _)| pos + i);
        if end == pos || !is_label_token(&text[pos..end]) {
            return;
        }
        pos = skip_blank(text, end);
        labels += 1;
    }
}

fn found(text: &str, g: &Group) -> Found {
    let raw = &text[g.start..g.end];
    let parsed = if !g.closed {
        Err(MarkError::Disguised(
            "the mark has no closing parenthesis".to_string(),
        ))
    } else if g.bracket {
        Err(MarkError::Disguised(
            "a mark is written in parentheses, not brackets or braces".to_string(),
        ))
    } else if g.disguised {
        Err(MarkError::Disguised(
            "the mark holds invisible, fullwidth or look-alike (Cyrillic, Greek) characters"
                .to_string(),
        ))
    } else if g.nested {
        Err(MarkError::Disguised(
            "the mark holds a parenthesis of its own".to_string(),
        ))
    } else {
        parse_cached(raw)
    };
    Found {
        start: g.start,
        end: g.end,
        line_start: true,
        parsed,
    }
}

/// `marking::parse`, remembered per thread: a document repeats a handful
/// of marks thousands of times. The cache stops growing at 512 entries.
pub(crate) fn parse_cached(group: &str) -> Result<ParsedMark, MarkError> {
    thread_local! {
        static CACHE: std::cell::RefCell<std::collections::HashMap<String, Result<ParsedMark, MarkError>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    CACHE.with(|cache| {
        if let Some(hit) = cache.borrow().get(group) {
            return hit.clone();
        }
        let parsed = marking::parse(group);
        let mut cache = cache.borrow_mut();
        if cache.len() < 512 {
            cache.insert(group.to_string(), parsed.clone());
        }
        parsed
    })
}

/// Control words a mark could carry, read in any case: no English word
/// is spelled so.
const STRONG_CONTROLS: [&str; 16] = [
    "NOFORN",
    "NOFORNS",
    "RELIDO",
    "ORCON",
    "FOUO",
    "SBU",
    "NODIS",
    "EXDIS",
    "LIMDIS",
    "STADIS",
    "PROPIN",
    "IMCON",
    "SPECAT",
    "NOCONTRACT",
    "FVEY",
    "TOPSECRET",
];

/// Levels and controls that are also words of prose (`a secret meeting`,
/// `sensitive sites`) or short letters: read only in capitals.
const CAPITAL_CONTROLS: [&str; 13] = [
    "RELEASABLE",
    "SECRET",
    "CONFIDENTIAL",
    "UNCLASSIFIED",
    "UNCLAS",
    "NF",
    "REL",
    "SENSITIVE",
    "TS",
    "SCI",
    "HCS",
    "SI",
    "TK",
];

/// A word of a text for [`bare_controls`]: folded, in capitals, with its
/// bytes in the text and whether it was written in capitals.
struct Word {
    start: usize,
    end: usize,
    upper: String,
    capitals: bool,
}

/// A letter with a diacritic, a digit written for a letter: the letter a
/// reader sees (`NÖFORN`, `N0F0RN`).
fn plain_letter(c: char) -> char {
    match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => 'A',
        'Ç' | 'ç' | 'Ć'..='č' => 'C',
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => 'E',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => 'I',
        'Ñ' | 'ñ' | 'Ń'..='ň' => 'N',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => 'O',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => 'U',
        'Ś'..='š' => 'S',
        'Ŕ'..='ř' => 'R',
        'Ţ'..='ŧ' => 'T',
        'Ź'..='ž' => 'Z',
        'Ý' | 'ý' | 'ÿ' => 'Y',
        '0' => 'O',
        '1' => 'I',
        '5' => 'S',
        _ => c,
    }
}

fn folded_words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current: Option<Word> = None;
    for (i, c) in text.char_indices() {
        if is_invisible(c) || ('\u{300}'..='\u{36F}').contains(&c) {
            continue;
        }
        let f = fold(c);
        if f.is_alphanumeric() {
            let w = current.get_or_insert(Word {
                start: i,
                end: i,
                upper: String::new(),
                capitals: true,
            });
            w.end = i + c.len_utf8();
            w.capitals &= !f.is_lowercase();
            // A letter from the blocks look-alikes come from is no letter
            // of a word (`𝐍𝐎𝐅𝐎𝐑𝐍`): the word reads as disguised.
            if is_odd_letter(c) {
                w.upper.push('\u{FFFD}');
            } else {
                w.upper.extend(plain_letter(f).to_uppercase());
            }
        } else if let Some(w) = current.take() {
            out.push(w);
        }
    }
    out.extend(current);
    // A digit stands for a letter only in a word that has letters
    // (`N0F0RN`, not `51`).
    for w in &mut out {
        let written = &text[w.start..w.end];
        if !written.chars().any(|c| fold(c).is_alphabetic()) {
            w.upper = written.chars().filter(|c| c.is_alphanumeric()).collect();
        }
    }
    // Letters written apart (`S E C R E T`, `N.O.F.O.R.N.`, `N-O-F-O-R-N`,
    // with any spaces or signs between them on one line): one word.
    let mut merged: Vec<Word> = Vec::new();
    let mut k = 0;
    let single = |w: &Word| w.upper.chars().count() == 1;
    let apart = |a: &Word, b: &Word| {
        let between = &text[a.end..b.start];
        between.chars().count() <= 3
            && !between.chars().any(is_line_break)
            && between.chars().all(|c| !fold(c).is_alphanumeric())
    };
    while k < out.len() {
        let mut j = k;
        while j + 1 < out.len()
            && single(&out[j])
            && single(&out[j + 1])
            && apart(&out[j], &out[j + 1])
        {
            j += 1;
        }
        if j >= k + 2 {
            merged.push(Word {
                start: out[k].start,
                end: out[j].end,
                upper: out[k..=j].iter().map(|w| w.upper.as_str()).collect(),
                capitals: out[k..=j].iter().all(|w| w.capitals),
            });
            k = j + 1;
        } else {
            merged.push(Word {
                start: out[k].start,
                end: out[k].end,
                upper: std::mem::take(&mut out[k].upper),
                capitals: out[k].capitals,
            });
            k += 1;
        }
    }
    merged
}

/// Classifications and controls written without a mark's brackets,
/// however disguised (fullwidth, look-alike or accented letters, letters
/// spaced or dotted apart, a word broken in two): `NOFORN`, `S/NF`,
/// `S E C R E T`, `N.O.F.O.R.N.`, `NOT FOR FOREIGN DISSEMINATION`,
/// `RELEASABLE TO USA, GBR`, `EYES ONLY`, `U.S. ONLY`, `Sensitive but
/// unclassified`. Words that are also prose (`secret`, `sensitive`) count
/// in capitals only. Each is a [`Found`] that cannot be read as a mark.
pub fn bare_controls(text: &str) -> Vec<Found> {
    named_words(text).into_iter().map(|n| n.found).collect()
}

/// Adds to the mark-like groups `found` in `text` the bare controls
/// outside them (`S//NF` inside `(S//NF)` is the mark, found once).
pub fn add_bare_controls(text: &str, found: &mut Vec<Found>) {
    let bare: Vec<Found> = bare_controls(text)
        .into_iter()
        .filter(|b| !found.iter().any(|f| b.start < f.end && f.start < b.end))
        .collect();
    found.extend(bare);
}

/// `text` starts with a bare control and names a level or NOFORN
/// (`SECRET//NOFORN …`, `S/NF …`; not `SENSITIVE …`).
pub fn starts_naming_a_control(text: &str) -> bool {
    let named = named_words(text);
    named.first().is_some_and(|n| n.found.start == 0)
        && named.iter().any(|n| n.level.is_some() || n.noforn)
}

/// A word [`bare_controls`] finds, with what it names.
struct NamedWord {
    found: Found,
    level: Option<marking::Level>,
    noforn: bool,
}

fn named_words(text: &str) -> Vec<NamedWord> {
    let ws = folded_words(text);
    let mut out = Vec::new();
    let is = |k: usize, w: &str| ws.get(k).is_some_and(|x| x.upper == w);
    let between = |a: usize, b: usize| text.get(ws[a].end..ws[b].start).unwrap_or("");
    let apart = |a: usize, b: usize| {
        between(a, b)
            .chars()
            .all(|c| matches!(fold(c), '/' | '-' | ' '))
    };
    for (k, w) in ws.iter().enumerate() {
        let u = w.upper.as_str();
        let level_letter = matches!(u, "TS" | "S" | "C" | "U");
        let control_after = k + 1 < ws.len()
            && matches!(
                ws[k + 1].upper.as_str(),
                "NF" | "REL" | "NOFORN" | "ORCON" | "FOUO" | "SBU" | "RELIDO" | "SI" | "TK" | "HCS"
            )
            && apart(k, k + 1)
            && between(k, k + 1).contains(['/', '-', '／', '‐', '–', '—']);
        // A word broken in two (`NOF ORN`, `NOFO-` / `RN`).
        let broken = k + 1 < ws.len() && {
            let gap = between(k, k + 1);
            gap.chars().count() <= 4
                && gap.chars().all(|c| c.is_whitespace() || fold(c) == '-')
                && {
                    let joined = format!("{}{}", w.upper, ws[k + 1].upper);
                    joined == "NOFORN"
                        || (w.capitals
                            && ws[k + 1].capitals
                            && matches!(joined.as_str(), "SECRET" | "CONFIDENTIAL" | "TOPSECRET"))
                }
        };
        let only_after_us = is(k + 1, "ONLY") && matches!(u, "US" | "USA" | "USG" | "S");
        let phrase = (u == "NO" && (is(k + 1, "FORN") || is(k + 1, "FOREIGN")))
            || (u == "NOT" && (is(k + 1, "RELEASABLE") || is(k + 1, "RELEASE")))
            || (u == "RELEASABLE" && is(k + 1, "TO") && !is(k + 2, "THE"))
            || (u == "NOT"
                && is(k + 1, "FOR")
                && (w.capitals || is(k + 2, "FOREIGN") || is(k + 2, "RELEASE")))
            || (u == "FOREIGN" && (is(k + 1, "DISSEM") || is(k + 1, "DISSEMINATION")))
            || (u == "DO" && is(k + 1, "NOT") && is(k + 2, "RELEASE"))
            || (u == "EYES" && is(k + 1, "ONLY"))
            || (only_after_us && ws[k + 1].capitals && (w.capitals || u == "USG"))
            // `U.S. only …` opening a text: a release decision, not prose.
            || (only_after_us && (k == 0 || (k == 1 && ws[0].upper == "U")))
            || (u == "SENSITIVE" && is(k + 1, "BUT"))
            || (u == "OFFICIAL" && is(k + 1, "USE") && is(k + 2, "ONLY"));
        let named = STRONG_CONTROLS.contains(&u)
            || (w.capitals && CAPITAL_CONTROLS.contains(&u))
            || (level_letter && control_after)
            || u.contains('\u{FFFD}')
            || broken
            || phrase;
        if !named {
            continue;
        }
        // What it names: a level (`TOP` before `SECRET` makes it TOP
        // SECRET), NOFORN (the word, a phrase's first word, the control
        // after a level letter, a disguised word).
        let after_top = k > 0 && ws[k - 1].upper == "TOP";
        let level = match u {
            "TOPSECRET" | "TS" | "SCI" | "HCS" | "SI" | "TK" => Some(marking::Level::TopSecret),
            "SECRET" if after_top => Some(marking::Level::TopSecret),
            "SECRET" | "S" => Some(marking::Level::Secret),
            "CONFIDENTIAL" | "C" => Some(marking::Level::Confidential),
            _ => None,
        };
        let nf_after = level_letter
            && k + 1 < ws.len()
            && apart(k, k + 1)
            && (ws[k + 1].upper.starts_with("NF") || ws[k + 1].upper.starts_with("NOFORN"));
        let noforn = matches!(
            u,
            "NOFORN"
                | "NOFORNS"
                | "NF"
                | "NO"
                | "NOT"
                | "EYES"
                | "FOREIGN"
                | "RELEASABLE"
                | "DO"
                | "NOF"
                | "NOFO"
                | "USG"
                | "FVEY"
        ) || u.contains('\u{FFFD}')
            || (matches!(u, "US" | "USA" | "S") && is(k + 1, "ONLY"))
            || nf_after;
        out.push(NamedWord {
            found: Found {
                start: w.start,
                end: w.end,
                line_start: false,
                parsed: Err(MarkError::Disguised(
                    "a classification or control written without a mark's parentheses".to_string(),
                )),
            },
            level,
            noforn,
        });
    }
    out
}

/// The highest level and whether NOFORN is named by the classifications
/// and controls [`bare_controls`] finds in `text` (`TOP SECRET//NOFORN
/// codeword`, `S E C R E T`, `S/NF`, `NOT RELEASABLE`).
pub fn bare_named(text: &str) -> (Option<marking::Level>, bool) {
    named_words(text)
        .iter()
        .fold((None, false), |(level, noforn), n| {
            (level.max(n.level), noforn || n.noforn)
        })
}

/// Every mark-like group in `text`, in order. Lines start at 0, after each
/// `\n`, and at each offset of `extra_starts` (soft line breaks, table
/// cells).
pub fn scan(text: &str, extra_starts: &[usize]) -> Vec<Found> {
    scan_from(text, extra_starts, true)
}

/// [`scan`] of a text that is not the start of a block (a later source
/// line): its first line is not where a portion mark belongs, so a short
/// group in capitals there is an acronym, not an attempt at a mark.
pub fn scan_continuation(text: &str) -> Vec<Found> {
    scan_from(text, &[], false)
}

fn scan_from(text: &str, extra_starts: &[usize], block_start: bool) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let bytes = text.as_bytes();
    let ascii = text.is_ascii();
    // Line starts: `\n`, `\r`, VT, FF, and NEL (C2 85), U+2028 and U+2029
    // (E2 80 A8/A9); found with memchr in the common case.
    let mut starts: Vec<usize> = vec![0];
    starts.extend(memchr::memchr3_iter(b'\n', b'\r', 0x0B, bytes).map(|i| i + 1));
    starts.extend(memchr::memchr_iter(0x0C, bytes).map(|i| i + 1));
    if !ascii {
        for i in memchr::memchr2_iter(0xC2, 0xE2, bytes) {
            match bytes[i] {
                0xC2 if bytes.get(i + 1) == Some(&0x85) => starts.push(i + 2),
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
                {
                    starts.push(i + 3)
                }
                _ => {}
            }
        }
    }
    starts.extend(
        extra_starts
            .iter()
            .copied()
            .filter(|s| *s <= text.len() && text.is_char_boundary(*s)),
    );
    starts.sort_unstable();
    starts.dedup();
    for s in starts {
        line_start_marks(text, s, &mut out, block_start && s == 0);
    }
    // Anywhere: only groups with `//` or a control word. Openers are found
    // by bytes: ASCII ones directly, others by decoding the character.
    let candidates: Vec<usize> = if ascii {
        memchr::memchr3_iter(b'(', b'[', b'{', bytes).collect()
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|&(i, &b)| match b {
                b'(' | b'[' | b'{' => true,
                0..=0x7F => false,
                _ => {
                    text.is_char_boundary(i)
                        && text[i..]
                            .chars()
                            .next()
                            .is_some_and(|c| opener(c).is_some())
                }
            })
            .map(|(i, _)| i)
            .collect()
    };
    // The line-start marks are in order and apart (lines in order, marks
    // along each line): whether one covers an offset is a binary search,
    // not a scan of every mark per candidate (quadratic in a block of
    // many marked lines).
    let line_marks = out.len();
    let covered = |out: &[Found], i: usize| {
        let k = out[..line_marks].partition_point(|f| f.start <= i);
        k > 0 && i < out[k - 1].end
    };
    let mut skip_to = 0;
    for i in candidates {
        if i < skip_to || covered(&out, i) {
            continue;
        }
        if let Some(g) = read_group(text, i) {
            if inline_mark_like(&g, &text[g.start..g.end]) {
                let mut f = found(text, &g);
                f.line_start = false;
                skip_to = g.end.max(i + 1);
                out.push(f);
            }
        }
    }
    out.sort_by_key(|f| (f.start, f.end));
    out.dedup_by(|b, a| b.start < a.end);
    out
}

/// The marks at the start of `text` only (its first line): for a later
/// source line of a block, where a short group in capitals is an acronym.
pub fn line_start_only(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    line_start_marks(text, 0, &mut out, false);
    out
}

/// How a found mark counts: its reading when it parsed with certainty,
/// else NOFORN at the highest level its text names (fail closed).
pub fn counted(text: &str, f: &Found) -> marking::Marking {
    match &f.parsed {
        Ok(p) if p.is_certain() => p.marking.clone(),
        _ => {
            let folded: String = text[f.start..f.end]
                .chars()
                .filter(|c| !is_invisible(*c))
                .map(fold)
                .collect();
            let level = match &f.parsed {
                Ok(p) => p.marking.level,
                Err(_) => marking::named_level(&folded),
            };
            marking::Marking::fail_closed(level)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_written_without_brackets_are_found_however_disguised() {
        let named = |t: &str| {
            bare_controls(t)
                .iter()
                .map(|f| t[f.start..f.end].to_string())
                .collect::<Vec<_>>()
        };
        for t in [
            "S/NF NFWORD",
            "S E C R E T NFWORD",
            "T O P S E C R E T NFWORD",
            "Note: S//NF NFWORD",
            "NFWORD SECRET//NOFORN",
            "\"NOFORN\" NFWORD",
            "NOFORN-NFWORD",
            "ＮＯＦＯＲＮ NFWORD",
            "N\u{041E}FORN NFWORD",
            "NOT RELEASABLE TO TAIWAN NFWORD",
            "`noforn`",
            "EYES ONLY",
            "US ONLY",
            "NO FORN",
            "Sensitive but unclassified",
            "strictly noforn here",
            "s-nf",
            "N O F O R N",
            "N.O.F.O.R.N. NFWORD",
            "N-O-F-O-R-N",
            "S.E.C.R.E.T.",
            "N\u{A0}O\u{A0}F\u{A0}O\u{A0}R\u{A0}N",
            "N\tO\tF\tO\tR\tN",
            "NOF ORN",
            "NOFO-\nRN",
            "NÖFORN",
            "N0F0RN",
            "\u{1D40D}\u{1D40E}\u{1D405}\u{1D40E}\u{1D411}\u{1D40D}",
            "NOT FOR FOREIGN DISSEMINATION",
            "NO FOREIGN DISSEM",
            "RELEASABLE TO USA, GBR",
            "Releasable to USA and GBR only",
            "USA/FVEY",
            "NOT FOR TAIWAN",
            "Not for release to TWN",
            "U.S. ONLY",
            "USG ONLY",
            "DO NOT RELEASE",
            "SI/TK",
            "HCS",
            "T O P  S E C R E T",
        ] {
            assert!(!named(t).is_empty(), "{t}");
        }
        for t in [
            "the secret talks were sensitive",
            "Secretary Clinton met the confidential source",
            "U.S. officials",
            "Nfword is a word",
            "S. Korea and C. Asia",
            "the U.S. only wants talks",
            "CLASSIFIED BY EAP DAS DAVID SHEAR",
            "Not for the first time, the minister",
        ] {
            assert!(named(t).is_empty(), "{t}: {:?}", named(t));
        }
    }

    #[test]
    fn bare_words_name_their_level_and_noforn() {
        use crate::marking::Level;
        assert_eq!(
            bare_named("TOP SECRET//NOFORN NFWORD"),
            (Some(Level::TopSecret), true)
        );
        assert_eq!(
            bare_named("T O P S E C R E T"),
            (Some(Level::TopSecret), false)
        );
        assert_eq!(bare_named("note: s/nf here"), (Some(Level::Secret), true));
        assert_eq!(bare_named("N O F O R N"), (None, true));
        assert_eq!(bare_named("NOT RELEASABLE TO TAIWAN"), (None, true));
        assert_eq!(
            bare_named("CONFIDENTIAL"),
            (Some(Level::Confidential), false)
        );
        assert_eq!(bare_named("a secret meeting"), (None, false));
        // A word of look-alike letters reads as NOFORN (fail closed).
        assert_eq!(
            bare_named("\u{1D40D}\u{1D40E}\u{1D405}\u{1D40E}\u{1D411}\u{1D40D} NFWORD"),
            (None, true)
        );
    }

    fn marks(text: &str) -> Vec<&str> {
        scan(text, &[])
            .into_iter()
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    #[test]
    fn a_mark_at_the_start_of_every_line() {
        assert_eq!(marks("(S) one\n(S//NF) two"), ["(S)", "(S//NF)"]);
        assert_eq!(marks("(U) (S//NF) two"), ["(U)", "(S//NF)"]);
        assert_eq!(marks("(U) (C) two"), ["(U)", "(C)"]);
        assert_eq!(marks("text\n\n(TS) more"), ["(TS)"]);
        for br in ["\r", "\u{2028}", "\u{2029}", "\u{0C}", "\u{0B}", "\u{85}"] {
            assert_eq!(
                marks(&format!("(U) one{br}(S) two")),
                ["(U)", "(S)"],
                "{br:?}"
            );
        }
        let text = "one two (C) three";
        assert_eq!(scan(text, &[8]).len(), 1);
    }

    #[test]
    fn labels_of_any_shape() {
        for label in [
            "(ii)", "iv.", "1.1", "2a.", "(100)", "•", "--", "Note:", "Q:", "A:", "–", "§1", "AA.",
            "1.", "(a)", "[3]",
        ] {
            let text = format!("{label} (S) text");
            assert_eq!(marks(&text), ["(S)"], "{label}");
        }
        assert!(marks("In (S) cases").is_empty());
        assert!(marks("REF (C) reported").is_empty());
        // Labels of any length, and many of them: none hides the mark.
        for label in [
            "1000000000.",
            "0000000001.",
            "(1000000000)",
            "AAAAAAAA.",
            "KKKKKKKKKKKKKKKKKK.",
            "(ii)(iii)(iv)",
            "1. A. (1)",
        ] {
            let text = format!("{label} (TS) text");
            assert_eq!(marks(&text), ["(TS)"], "{label}");
        }
    }

    #[test]
    fn invisible_and_look_alike_characters() {
        for text in [
            "\u{00A0}(S//NF) t",
            "\u{200B}(S//NF) t",
            "\u{2060}(S//NF) t",
            "\u{FEFF}(S//NF) t",
        ] {
            let f = scan(text, &[]);
            assert_eq!(f.len(), 1, "{text:?}");
            assert!(f[0].parsed.is_ok(), "{text:?}");
        }
        for text in [
            "（S//NF） t",
            "(Ѕ//NF) t",
            "(С) t",
            "[S//NF] t",
            "(S//NF t",
            "(S//NF (source)) t",
            "(S\u{200B}//NF) t",
            "(S-ɴᴏꜰᴏʀɴ) t",
            "(S-ꓠꓝ) t",
        ] {
            let f = scan(text, &[]);
            assert_eq!(f.len(), 1, "{text:?}");
            assert!(f[0].parsed.is_err(), "{text:?}");
        }
    }

    #[test]
    fn typos_are_unreadable_marks() {
        for text in [
            "(S//NF.) t",
            "(S//NF; source) t",
            "(NOFORN: do not release) t",
            "(S//BOGUS) t",
            "(X) t",
            "(SECERT) t",
            "(Secert) t",
            "(Confidentail) t",
        ] {
            let f = scan(text, &[]);
            assert_eq!(f.len(), 1, "{text:?}");
            assert!(f[0].parsed.is_err(), "{text:?}");
        }
        let text = "(S//NF.) t";
        let f = &scan(text, &[])[0];
        assert_eq!(counted(text, f).portion(), "(S//NF)");
        let text = "(NOFORN: x) t";
        let f = &scan(text, &[])[0];
        assert_eq!(counted(text, f).portion(), "(TS//NF)");
    }

    #[test]
    fn marks_in_the_middle_of_a_line() {
        assert_eq!(marks("as agreed (S//NF) the"), ["(S//NF)"]);
        assert_eq!(marks("see (NOFORN annex) the"), ["(NOFORN annex)"]);
        assert_eq!(marks("see (C//REL TO USA, TWN)"), ["(C//REL TO USA, TWN)"]);
        for glued in [
            "(SECRET-NOFORN)",
            "(S-NF)",
            "(SECRET.NOFORN)",
            "(S|NF)",
            "(S\\NF)",
            "(TS-SCI)",
            "(C-REL)",
            "(S╱╱NF)",
            "(S––NF)",
        ] {
            assert_eq!(
                marks(&format!("text {glued} more")),
                [glued],
                "mid-line {glued}"
            );
            assert_eq!(
                marks(&format!("text\n{glued} more")),
                [glued],
                "second line {glued}"
            );
        }
    }

    #[test]
    fn prose_stays_text() {
        for text in [
            "reasons 1.4 (b) and (d)",
            "Article 5(c) of the treaty",
            "the company(s) named",
            "(a) first item",
            "(U.S. view) says",
            "(see http://example.com/a) here",
            "(Note: something) text",
            "(1) text",
            "les (les affaires) sont",
            "the rel. (rel) ok",
            "(DIO). The office",
            "(Sector) leads",
            "text\n(TMC) and the family",
            "to:\n(a) investigate;\n(b) share; and\n(c) report back.",
            "Section 1.4\n(c) of the order",
            "the AIT Director\n(S. Young) would attend",
            "a team\n(Secret Service) came",
            "the\n(Confidential) annex",
        ] {
            assert!(marks(text).is_empty(), "{text}: {:?}", marks(text));
        }
    }
}
