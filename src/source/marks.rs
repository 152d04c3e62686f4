//! Finding the portion mark at the start of a text.

use std::sync::LazyLock;

use regex::Regex;

use crate::marking::{MarkError, ParsedMark};

/// A sub-paragraph label: `A. `, `b) `, `12. `, `(a) `.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?:(?:\d{1,3}|[A-Za-z])[.)]|\((?:[a-z]|\d{1,2})\))[ \t]*")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// The length of a sub-paragraph label at the start of `text`, with the
/// space after it, when a mark (readable or not) follows it: `A. (U)`,
/// `1.(C)`.
pub fn label(text: &str) -> Option<usize> {
    let m = LABEL.find(text)?;
    leading_mark(&text[m.end()..]).mark.map(|_| m.end())
}

/// The length of a sub-paragraph label (`A. `, `b) `, `12. `, `(a) `) at
/// the start of `text`, with the space after it, whatever follows.
pub fn label_prefix(text: &str) -> Option<usize> {
    LABEL.find(text).map(|m| m.end())
}

/// A mark found in a text, with byte offsets into that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMark {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub parsed: Result<ParsedMark, MarkError>,
}

/// What [`leading_mark`] found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LeadingMark {
    /// The portion mark (possibly unreadable: then `parsed` is an error).
    pub mark: Option<RawMark>,
    /// A second readable mark right after the first.
    pub extra: Option<RawMark>,
    /// Where the text after the mark(s) starts.
    pub rest: usize,
}

/// Finds the portion mark at the start of `text`. A leading parenthesis
/// that reads as a mark, or looks like an attempt at one (`(X)`, `(S//BOGUS)`),
/// is the mark; one that is plainly prose (`(a)`, `(NOTE: …)`) is not.
pub fn leading_mark(text: &str) -> LeadingMark {
    let Some(first) = group_at(text, 0) else {
        return LeadingMark::default();
    };
    if first.parsed.is_err() && !looks_like_mark(&first.text) {
        return LeadingMark::default();
    }
    let mut rest = first.end;
    let extra = group_at(text, first.end).filter(|g| g.parsed.is_ok());
    if let Some(e) = &extra {
        rest = e.end;
    }
    let skip = text[rest..].len() - text[rest..].trim_start().len();
    LeadingMark {
        mark: Some(first),
        extra,
        rest: rest + skip,
    }
}

/// A parenthesis group after optional spaces or tabs at `at`: at most 120
/// characters, no nested parenthesis, no line break (by hand rather than
/// a regex: this runs once per portion).
fn group_at(text: &str, at: usize) -> Option<RawMark> {
    let rest = text.get(at..)?;
    let open = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let body = rest.get(open..)?.strip_prefix('(')?;
    let mut close = None;
    for (count, (i, c)) in body.char_indices().enumerate() {
        match c {
            ')' => {
                close = Some(i);
                break;
            }
            '(' | '\n' => return None,
            _ if count >= 120 => return None,
            _ => {}
        }
    }
    let close = close?;
    let start = at + open;
    let end = start + 1 + close + 1;
    let group = &text[start..end];
    Some(RawMark {
        text: group.to_string(),
        start,
        end,
        parsed: super::detect::parse_cached(group),
    })
}

fn looks_like_mark(group: &str) -> bool {
    let inner = group.trim_start_matches('(').trim_end_matches(')').trim();
    if inner.is_empty() {
        return true;
    }
    if inner.contains(['.', ':', ';', '?', '!', '"']) {
        return false;
    }
    let upper = inner.to_uppercase();
    let first = upper.split(['/', ' ', ',']).next().unwrap_or("");

    super::detect::FIRST_WORDS.contains(&first)
        || first == "TOP"
        || inner.contains('/')
        || (inner == upper && inner.len() <= 12 && !inner.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_marks() {
        let m = leading_mark("(S//REL TO USA, TWN) We appreciate");
        assert_eq!(
            m.mark.as_ref().map(|m| m.text.as_str()),
            Some("(S//REL TO USA, TWN)")
        );
        assert_eq!(
            &"(S//REL TO USA, TWN) We appreciate"[m.rest..],
            "We appreciate"
        );
        assert!(leading_mark("No mark here").mark.is_none());
        assert!(leading_mark("(a) first item").mark.is_none());
        assert!(leading_mark("(NOTE: something) text").mark.is_none());
        assert!(leading_mark("(1) text").mark.is_none());
        let bad = leading_mark("(X) text");
        assert!(bad.mark.is_some_and(|m| m.parsed.is_err()));
        let bad = leading_mark("(S//BOGUS) text");
        assert!(bad.mark.is_some_and(|m| m.parsed.is_err()));
        let two = leading_mark("(S) (C) text");
        assert_eq!(two.extra.map(|m| m.text), Some("(C)".to_string()));
    }
}
