//! The patterns of telegram text: the classification, DTG, E.O., TAGS,
//! SUBJECT, REF and Classified By lines, paragraph numbers, section breaks,
//! bullets and signatures.

use super::*;

pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("{pattern}: {e}"))
}

pub(super) static WEB_LINK: LazyLock<Regex> = LazyLock::new(|| re(r"\[([^\[\]\n]{1,60})\]\(#\)"));

pub(super) static SPACED_CLASS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(T O P S E C R E T|S E C R E T|C O N F I D E N T I A L)"));

/// `...PRIORITY 0000UNCLAS STATE 100108`, `...0001CONFIDENTIAL PARIS 000170`:
/// an unspaced classification line glued to the last routing line, with
/// the originator and serial (or a section line) after it.
pub(super) static GLUED_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(.*(?:PRIORITY|ROUTINE|IMMEDIATE|FLASH|\d{4}))((?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|TOP SECRET|SECRET)(?:\s+(?:SENSITIVE|E F T O|EFTO|SECTION\s+\d+\s+OF\s+\d+)\b)*\s+[A-Z][A-Z .]*?\s\d{3,}\s*|(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|TOP SECRET|SECRET)\s*)$",
    )
});

/// The precedence and date-time group, with the service codes some
/// cables carry after it (`O 220500Z JUL 08 ZDK CTG #00732`).
pub(super) static DTG_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*([ZOPR](?:\s?[ZOPR])?)\s+(\d{6}Z\s+[A-Z]{3}\s+\d{2,4})(?:\s+[A-Z0-9#/]{1,12}){0,6}\s*$",
    )
});

pub(super) static CLASS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(T O P S E C R E T|S E C R E T|C O N F I D E N T I A L|UNCLAS(?:SIFIED)?|TOP SECRET|SECRET|CONFIDENTIAL)\b\s*(.*?)\s*$",
    )
});

/// The classification line of a lowercased web copy (`c o n f i d e n t i a
/// l state 000001`): read where the classification line stands, only.
pub(super) static CLASS_LINE_ANY_CASE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(T O P S E C R E T|S E C R E T|C O N F I D E N T I A L|UNCLAS(?:SIFIED)?|TOP SECRET|SECRET|CONFIDENTIAL)\b\s*(.*?)\s*$",
    )
});

/// What follows the level on a cable's classification line: a section
/// (`SECTION 01 OF 02`), captions, and the originator and serial (`STATE
/// 000284`, `nairobi 002497`), nothing else.
pub(super) static CABLE_CLASS_REST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:SENSITIVE|NOFORN|EFTO|E F T O)\s+)*(?:SECTION\s+\d+\s+OF\s+\d+\s*)?(?:[A-Z][A-Z .]{1,30}\s\d{3,})?$",
    )
});

/// A Classified By line that breaks inside its reasons: it ends with
/// `reasons`, `reason:`, `1.`, `1.4` or a comma.
pub(super) static WRAPPED_REASON: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:\breasons?\s*:?|\b1\s?\.(?:\s?[45])?|,|\band|&|\(?[a-h]\)?)\s*$"));

/// `REASON:`, `Reasons` at the start of a line.
pub(super) static REASON_WORD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:for\s+)?reasons?\s*:?\s*"));

/// A reference letter in brackets or before a stop: `(E)`, `E.`, `E)`.
pub(super) static REF_LETTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[\s,;])(?:\([A-Z]\)|[A-Z][.)])\s*"));

/// A telegram reference: an originator and a number (`STATE 148514`,
/// `09 BEIJING 5361`, `REFTEL 12`), or the number alone (the end of one
/// wrapped from the line above).
pub(super) static TELEGRAM_REF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:\d{2}(?:\d{2})?\s+)?[A-Z][A-Z.'-]{1,15}(?:\s[A-Z][A-Z.'-]{1,15})?\s+\d{1,6}|\d{1,6})$",
    )
});

/// The rest of the reasons on the next line: `5 (B/D)`, `4 (b) and (d).`,
/// `(b), (d)`, `b, d`.
pub(super) static REASON_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:1\s?\.\s?)?[45]\s*)?\(?\s*[a-h]\s*\)?(?:\s*(?:[,/&]|and)\s*\(?\s*[a-h]\s*\)?)*\s*[.,]?$",
    )
});

pub(super) static EO_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:(.*?)\s+)?E\.?\s?[O0]\.?\s*(\d{5})\s*:?\s*(?:(?:DECL|DNG)\s*:?\s*(.*?)|(N/?A))\s*$",
    )
});

pub(super) static TAGS_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*TAGS\s*:?\s*(.*?)\s*$"));

pub(super) static SUBJECT_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*SUBJ(?:ECT)?\s*:\s*(.*?)\s*$"));

pub(super) static REF_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*REFS?(?:\s*[:.]\s*|\s+)(.*?)\s*$"));

/// A reference letter: `A.`, `(A)`, `A)`, `(A)STATE 123` (no space after
/// the parenthesis).
pub(super) static REF_ITEM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[\s,;])(?:\(([A-Z])\)\s*|([A-Z])[.)]\s+)"));

/// A multi-section cable's section-break line: `PARIS 00000170  002 OF 004`.
pub(super) static SECTION_BREAK: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*[A-Z][A-Z ]{1,30}\s\d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\s*$"));

pub(super) static CLASSIFIED_BY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:\(U\)\s*)?CLASSIFIED\s+BY\b\s*:?\s*(.*?)\s*$"));

pub(super) static REASON: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)[,;.]?\s*\bfor\s+reasons?\b|[,;.]?\s*\breasons?\b\s*:?"));

pub(super) static BARE_REASON: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)[,;.]?\s*(?:\b(?:for|per|under)\s+)?(?:E\.?O\.?\s*1[23]\d{3}\s*)?\b1\s?\.\s?[45]\s*\(?[a-h]\b",
    )
});

pub(super) static REASON_LETTERS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)1\s*\.\s*[45]\s*(.*)$"));

pub(super) static PARA_RE: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,3})([.)])([ \t]*)(.*)$"));

/// A numbered paragraph's start: `1. text`, `1)  text`, or `1.(C) text`
/// (no space only before a mark, so `1.5 million` is not one).
pub(super) fn para(t: &str) -> Option<regex::Captures<'_>> {
    PARA_RE
        .captures(t)
        .filter(|c| !c[3].is_empty() || c[4].starts_with('('))
}

/// `Classified By: … (d). 1. (U) This is …`: a collapsed copy runs
/// paragraph 1 onto the Classified By line.
pub(super) static AUTHORITY_THEN_PARAGRAPH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(\s*(?:\(U\)\s*)?CLASSIFIED\s+BY\b.*?[.)])\s+(1\.\s*\([A-Z][^)]{0,40}\).*)$")
});

/// A web copy's date line: `Friday, 07 March 2008, 15:00`.
pub(super) static WEB_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}(?:,\s+\d{1,2}:\d{2})?\s*$",
    )
});

/// `18.This cable …`: a paragraph number glued to unmarked text.
pub(super) static GLUED_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,3})\.[A-Z][a-z]"));

pub(super) static BULLET: LazyLock<Regex> = LazyLock::new(|| re(r"^--\s?([^-].*)$"));

pub(super) static SIGNATURE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){0,2}$"));

pub(super) static BEGIN: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^begin\b.*:\s*$"));

/// `Begin talking points`, `BEGIN TEXT OF NON-PAPER`, `Begin points`,
/// `Begin text of the talking points/non-paper`: what opens talking points
/// (`Begin by stressing this point` does not).
pub(super) static BEGIN_POINTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^begin\s+(?:(?:the\s+)?text\s+of\s+)?(?:the\s+)?(?:suggested\s+|following\s+|u\.?s\.?\s+)?(?:talking\s+points|points|non-?\s?papers?|tps|talkers)\b",
    )
});

/// A paragraph number run into a line with its mark: `… 2. (C) German …`.
pub(super) static INLINE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|\s)(\d{1,3})\.\s?\((?:U|C|S|TS|SBU)\b"));

pub(super) static END: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^end\b"));

/// Where a header field starts inside a collapsed classification line.
pub(super) static COLLAPSED_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\s(?:SIPDIS\b|NOFORN\b|E\.\s?O\.\s?1\d{4}\b|EO\s1\d{4}\b|TAGS\s*:|SUBJECT\s*:|REFS?\s*:|CLASSIFIED\s+BY\b)",
    )
});

/// The levels as cable text writes them bare (`SECRET`, `UNCLAS`).
pub(crate) const LEVEL_WORDS: [&str; 4] = ["SECRET", "CONFIDENTIAL", "UNCLASSIFIED", "UNCLAS"];

/// Control and distribution words a cable writes without parentheses
/// (`//NOFORN`, `NODIS`, `REL TO`): where one stands, the text is treated
/// as carrying it (fail closed).
pub(crate) const CONTROL_WORDS: [&str; 14] = [
    "NOFORN", "NF", "NODIS", "EXDIS", "LIMDIS", "STADIS", "ORCON", "REL", "RELIDO", "SBU", "FOUO",
    "PROPIN", "IMCON", "SPECAT",
];

/// Whether a bare word (in capitals) names a level or a control.
pub(crate) fn names_classification(word: &str) -> bool {
    LEVEL_WORDS.contains(&word) || CONTROL_WORDS.contains(&word)
}
