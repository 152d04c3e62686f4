//! Fixes as data (ruff's `Fix`): a diagnostic may carry text edits with an
//! applicability. `safe` fixes only rewrite a mark into the form the
//! Register writes for the same meaning (a legacy form, a REL TO list out
//! of order or with a code twice, a country name for its trigraph): they
//! never choose a mark, never lower one and never widen a release.
//! `unsafe` fixes change the document's structure (a blank line before a
//! second mark in a paragraph makes two portions of one) and are applied
//! only when asked.

use crate::model::Span;

/// Whether `check --fix` applies a fix by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Same meaning, Register form: applied by `--fix`.
    Safe,
    /// Changes what the document says: shown, applied with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// One replacement of a byte range of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A fix: what it does, its edits, and whether it is safe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub message: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    /// A safe fix replacing `span` with `replacement`.
    pub fn safe(message: impl Into<String>, span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            message: message.into(),
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
            applicability: Applicability::Safe,
        }
    }

    /// An unsafe fix replacing `span` with `replacement`.
    pub fn unsafe_edit(
        message: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
    ) -> Fix {
        Fix {
            applicability: Applicability::Unsafe,
            ..Fix::safe(message, span, replacement)
        }
    }
}

/// Applies the fixes' edits to `source`, in order of position; a fix whose
/// edits overlap one already taken, or fall outside the text or off a
/// character boundary, is left for the next round. Returns the new text and
/// how many fixes were applied.
pub fn apply(source: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes.to_vec();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min().unwrap_or(0));
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let valid = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= source.len()
                && source.is_char_boundary(e.span.start)
                && source.is_char_boundary(e.span.end)
        });
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                e.span.start < t.span.end.max(t.span.start + 1)
                    && t.span.start < e.span.end.max(e.span.start + 1)
            })
        });
        if valid && !overlaps {
            taken.extend(fix.edits.iter());
            applied += 1;
        }
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(source.len() + 16);
    let mut at = 0;
    for e in taken {
        out.push_str(&source[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&source[at..]);
    (out, applied)
}

/// What [`fix_source`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied, over every round.
    pub applied: usize,
    pub rounds: usize,
}

/// The most rounds of fixing: each round re-reads and re-checks the text.
pub const MAX_ROUNDS: usize = 8;

/// Fixes a source until nothing changes (at most [`MAX_ROUNDS`] rounds):
/// each round parses, checks, and applies every fix whose applicability is
/// allowed. A round that cannot parse the text stops with what it has.
pub fn fix_source(path: &str, source: &str, unsafe_fixes: bool, options: &super::Options) -> Fixed {
    let mut text = source.to_string();
    let mut applied = 0;
    let mut rounds = 0;
    while rounds < MAX_ROUNDS {
        let Ok(doc) = crate::source::parse(path, text.clone()) else {
            break;
        };
        let diagnostics = super::check(&doc, options);
        let fixes: Vec<&Fix> = diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| unsafe_fixes || f.applicability == Applicability::Safe)
            .collect();
        if fixes.is_empty() {
            break;
        }
        let (next, n) = apply(&text, &fixes);
        rounds += 1;
        if n == 0 || next == text {
            break;
        }
        applied += n;
        text = next;
    }
    Fixed {
        text,
        applied,
        rounds,
    }
}

/// A unified diff of a fix (`--diff`).
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_fixes_wait_for_the_next_round() {
        let a = Fix::safe("a", Span::new(0, 3), "xyz");
        let b = Fix::safe("b", Span::new(2, 4), "q");
        let c = Fix::safe("c", Span::new(5, 6), "!");
        let (out, n) = apply("abcdefg", &[&a, &b, &c]);
        assert_eq!((out.as_str(), n), ("xyzde!g", 2));
    }

    #[test]
    fn legacy_forms_and_order_are_fixed_and_the_unmarked_paragraph_left_alone() {
        let src = "---\nsubject: (U) t\n---\n\n(S/NF) One.\n\n(S//REL TO USA, TWN, GBR) Two.\n\nUnmarked three.\n\n(SECRET REL TAIWAN) Four.\n";
        let fixed = fix_source("t.md", src, false, &super::super::Options::default());
        assert!(fixed.text.contains("(S//NF) One."), "{}", fixed.text);
        assert!(
            fixed.text.contains("(S//REL TO USA, GBR, TWN) Two."),
            "{}",
            fixed.text
        );
        assert!(fixed.text.contains("\nUnmarked three.\n"), "{}", fixed.text);
        assert!(
            fixed.text.contains("(S//REL TO USA, TWN) Four."),
            "{}",
            fixed.text
        );
        assert_eq!(fixed.applied, 3);
        // A second run has nothing left to do.
        let again = fix_source(
            "t.md",
            &fixed.text,
            false,
            &super::super::Options::default(),
        );
        assert_eq!(again.applied, 0);
    }
}
