//! The YAML front matter (design §2.1), read with serde-saphyr: panic-free,
//! with a budget against alias bombs, and locations for every value.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::model::{AsWritten, Header, Located, Span};

use super::SourceError;

/// Every key the front matter may hold.
pub const KEYS: &[&str] = &[
    "precedence",
    "dtg",
    "from",
    "to",
    "info",
    "reference",
    "captions",
    "order",
    "profile",
    "declassify_on",
    "tags",
    "subject",
    "refs",
    "classified_by",
    "reasons",
    "signature",
    "banner",
    "as_written",
];

/// A scalar written as text, a number or a date; kept as text.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Scalar {
    fn into_string(self) -> String {
        match self {
            Scalar::Str(s) => s,
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

/// A list, or a single value standing for a list of one.
///
/// Written by hand rather than `#[serde(untagged)]`: untagged enums buffer
/// their content, and the items would lose their locations.
#[derive(Debug)]
enum List {
    Many(Vec<Spanned<Scalar>>),
    One(Scalar),
}

impl<'de> Deserialize<'de> for List {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> serde::de::Visitor<'de> for ListVisitor {
            type Value = List;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of text in `[...]`, or one value")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<List, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<Scalar>>()? {
                    items.push(item);
                }
                Ok(List::Many(items))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<List, E> {
                Ok(List::One(Scalar::Str(v.to_string())))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<List, E> {
                Ok(List::One(Scalar::Int(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<List, E> {
                Ok(List::One(Scalar::Str(v.to_string())))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<List, E> {
                Ok(List::One(Scalar::Float(v)))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<List, E> {
                Ok(List::One(Scalar::Bool(v)))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<List, E> {
                Ok(List::Many(Vec::new()))
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<List, E> {
                Ok(List::Many(Vec::new()))
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    precedence: Option<Spanned<Scalar>>,
    dtg: Option<Spanned<Scalar>>,
    from: Option<Spanned<Scalar>>,
    to: Option<Spanned<List>>,
    info: Option<Spanned<List>>,
    reference: Option<Spanned<Scalar>>,
    captions: Option<Spanned<List>>,
    order: Option<Spanned<Scalar>>,
    profile: Option<Spanned<Scalar>>,
    declassify_on: Option<Spanned<Scalar>>,
    tags: Option<Spanned<List>>,
    subject: Option<Spanned<Scalar>>,
    refs: Option<Spanned<List>>,
    classified_by: Option<Spanned<Scalar>>,
    reasons: Option<Spanned<List>>,
    signature: Option<Spanned<Scalar>>,
    banner: Option<Spanned<Scalar>>,
    as_written: Option<RawAsWritten>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAsWritten {
    dtg_line: Option<String>,
    header: Option<String>,
    signature_apart: Option<bool>,
    end: Option<String>,
    numbers: Option<bool>,
    classification: Option<String>,
    classification_joined: Option<bool>,
    body_joined: Option<bool>,
    routing: Option<String>,
    transmission: Option<String>,
    joined: Option<Vec<u32>>,
    tight: Option<bool>,
}

/// Splits a source into its front matter (the YAML text and the byte
/// offset where it starts) and the body offset. A source without a leading
/// `---` line has no front matter.
pub fn split(source: &str) -> Result<Option<(usize, usize, usize)>, SourceError> {
    let first_end = source.find('\n').unwrap_or(source.len());
    if source[..first_end].trim_end() != "---" {
        return Ok(None);
    }
    let yaml_start = (first_end + 1).min(source.len());
    let mut pos = yaml_start;
    while pos < source.len() {
        let end = source[pos..].find('\n').map_or(source.len(), |i| pos + i);
        let line = source[pos..end].trim_end();
        if line == "---" || line == "..." {
            let body = (end + 1).min(source.len());
            return Ok(Some((yaml_start, pos, body)));
        }
        pos = end + 1;
    }
    Err(SourceError::at(
        source,
        0,
        "the front matter starting on line 1 has no closing `---` line",
    ))
}

/// Parses the YAML between `yaml_start` and `yaml_end` of `source`.
pub fn parse(source: &str, yaml_start: usize, yaml_end: usize) -> Result<Header, SourceError> {
    let yaml = &source[yaml_start..yaml_end];
    let line_offsets = line_starts(source);
    let first_line = source[..yaml_start].matches('\n').count();
    let to_offset = |line: u64, col: u64| -> usize {
        if line == 0 {
            return yaml_start;
        }
        let idx = first_line + line as usize - 1;
        let start = line_offsets.get(idx).copied().unwrap_or(yaml_end);
        let line_end = line_offsets
            .get(idx + 1)
            .map_or(source.len(), |e| e.saturating_sub(1));
        source[start..line_end.max(start)]
            .char_indices()
            .nth(col.saturating_sub(1) as usize)
            .map_or(line_end.max(start), |(i, _)| start + i)
    };

    if yaml.trim().is_empty() {
        return Ok(Header::default());
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_events: 100_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_depth: 64,
            max_documents: 1,
            max_nodes: 100_000,
            max_total_scalar_bytes: 1_000_000,
        },
        with_snippet: false,
    };
    let raw: Raw = match serde_saphyr::from_str_with_options::<Option<Raw>>(yaml, options) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Ok(Header::default()),
        Err(err) => {
            let offset = err
                .location()
                .map_or(yaml_start, |l| to_offset(l.line(), l.column()));
            let mut message = explain(&err.to_string());
            // `subject: (C) Turkey: …`, the way every cable subject reads:
            // a plain YAML value may not hold `: `.
            if message.contains("mapping values are not allowed") {
                let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
                let line = source[line_start..].lines().next().unwrap_or("");
                if let Some((key, value)) = line.split_once(": ") {
                    message.push_str(&format!(
                        "; a value holding `: ` must be in quotes: write `{key}: {}`",
                        crate::markdown::yaml(value.trim())
                    ));
                }
            }
            return Err(SourceError::at(source, offset, message));
        }
    };

    let span_of = |s: &serde_saphyr::Location| -> Span {
        let start = to_offset(s.line(), s.column());
        let len = s.span().byte_len().unwrap_or(0) as usize;
        let end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i)
            .min(start + len.max(1));
        Span::new(start, end)
    };
    let one = |v: Option<Spanned<Scalar>>| -> Option<Located<String>> {
        v.map(|s| Located {
            span: span_of(&s.referenced),
            value: s.value.into_string(),
        })
    };
    let many = |v: Option<Spanned<List>>| -> Vec<Located<String>> {
        match v {
            None => Vec::new(),
            Some(s) => match s.value {
                List::Many(items) => items
                    .into_iter()
                    .map(|i| Located {
                        span: span_of(&i.referenced),
                        value: i.value.into_string(),
                    })
                    .collect(),
                List::One(value) => vec![Located {
                    span: span_of(&s.referenced),
                    value: value.into_string(),
                }],
            },
        }
    };
    Ok(Header {
        precedence: one(raw.precedence),
        dtg: one(raw.dtg),
        from: one(raw.from),
        to: many(raw.to),
        info: many(raw.info),
        reference: one(raw.reference),
        captions: many(raw.captions),
        order: one(raw.order),
        profile: one(raw.profile),
        declassify_on: one(raw.declassify_on),
        tags: many(raw.tags),
        subject: one(raw.subject),
        refs: many(raw.refs),
        classified_by: one(raw.classified_by),
        // `reasons: "1.4(b), (d)"`, as drafters write it: one entry a letter.
        reasons: many(raw.reasons)
            .into_iter()
            .flat_map(|r| match crate::authority::reason_letters(&r.value) {
                Some(letters) if letters.len() > 1 => letters
                    .into_iter()
                    .map(|c| Located {
                        value: c.to_string(),
                        span: r.span,
                    })
                    .collect(),
                _ => vec![r],
            })
            .collect(),
        signature: one(raw.signature),
        banner: one(raw.banner),
        as_written: raw
            .as_written
            .map(|a| AsWritten {
                dtg_line: a.dtg_line,
                header: a.header,
                signature_apart: a.signature_apart.unwrap_or(false),
                end: a.end,
                numbers: a.numbers.unwrap_or(false),
                classification: a.classification,
                classification_joined: a.classification_joined.unwrap_or(false),
                body_joined: a.body_joined.unwrap_or(false),
                routing: a.routing,
                transmission: a.transmission,
                joined: a.joined.unwrap_or_default(),
                tight: a.tight.unwrap_or(false),
            })
            .unwrap_or_default(),
        span: None,
    })
}

/// Makes serde's message read like ours: the unknown key with a "did you
/// mean", location stripped (we print our own).
fn explain(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    let first = match first.find(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    if let Some(rest) = first.split("unknown field `").nth(1) {
        let key = rest.split('`').next().unwrap_or(rest);
        let mut msg = format!("unknown front matter key `{key}`");
        match did_you_mean(key, KEYS) {
            Some(best) => msg.push_str(&format!("; did you mean `{best}`?")),
            None => msg.push_str(&format!("; the keys are {}", KEYS.join(", "))),
        }
        return msg;
    }
    if first.contains("data did not match any variant") {
        return "a front matter value has the wrong type: write text, or a list of text in `[...]`"
            .into();
    }
    format!("front matter: {first}")
}

/// The closest candidate by edit distance, if close enough to be a typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase().replace('-', "_");
    candidates
        .iter()
        .map(|c| (levenshtein(&word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("subjct", KEYS), Some("subject"));
        assert_eq!(did_you_mean("classified-by", KEYS), Some("classified_by"));
        assert_eq!(did_you_mean("zzzzzz", KEYS), None);
    }
}
