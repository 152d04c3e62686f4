//! The rules, one file per group of design §4.

pub mod authority;
pub mod banner;
pub mod cable;
pub mod marking;
pub mod portion;
pub mod release;
pub mod word;

use crate::model::{Document, WrittenMark};

/// Every mark written in the document: the subject's, each portion's (all
/// of a block's marks), and those in header data.
pub(crate) fn written_marks(doc: &Document) -> impl Iterator<Item = &WrittenMark> {
    doc.subject
        .iter()
        .flat_map(|s| s.all_marks())
        .chain(doc.portions.iter().flat_map(|p| p.all_marks()))
        .chain(doc.header_marks.iter().map(|h| &h.mark))
}

/// A short quote of a portion's text for messages: the first words.
pub(crate) fn quote(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    let mut q = words.join(" ");
    if text.split_whitespace().count() > 6 {
        q.push('…');
    }
    q
}
