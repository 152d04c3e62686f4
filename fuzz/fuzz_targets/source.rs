//! Arbitrary bytes → `input::parse_bytes`; a parsed document is checked,
//! released to Taiwan and written back as a source, which must parse.
#![no_main]

use cablemark::{check, input, markdown, release, source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = input::parse_bytes("fuzz.md", data.to_vec()) else {
        return;
    };
    let _ = check::check(&doc, &check::Options::default());
    let _ = check::check(
        &doc,
        &check::Options {
            strict: true,
            release_to: Some("TWN".to_string()),
            ..check::Options::default()
        },
    );
    let released = release::filter(&doc, "TWN");
    let written = markdown::write_document(&released);
    if let Err(e) = source::parse("released.md", written.clone()) {
        panic!(
            "a released source does not parse back: {e}\n--- input ---\n{}\n--- written ---\n{written}",
            String::from_utf8_lossy(data)
        );
    }
});
