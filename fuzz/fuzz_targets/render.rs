//! Arbitrary bytes → parse → cable text, PDF and DOCX, whole and (when
//! there is one) non-paper. Render errors are fine; panics are not.
#![no_main]

use std::sync::LazyLock;

use cablemark::input;
use cablemark::render::{self, Format, Part, Style};
use libfuzzer_sys::fuzz_target;

static STYLE: LazyLock<Style> =
    LazyLock::new(|| Style::load(None).expect("the default style loads"));

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = input::parse_bytes("fuzz.md", data.to_vec()) else {
        return;
    };
    let mut parts = vec![Part::Whole];
    if doc.nonpaper().is_some() {
        parts.push(Part::NonPaper);
    }
    for format in Format::ALL {
        let renderer = render::renderer(format);
        for &part in &parts {
            let _ = renderer.render(&doc, part, &STYLE);
        }
    }
});
