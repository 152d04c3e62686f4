//! Arbitrary text → `import::import`; the Markdown it writes must parse.
#![no_main]

use cablemark::{import, source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let imported = import::import(text);
    if let Err(e) = source::parse("imported.md", imported.markdown.clone()) {
        panic!(
            "imported Markdown does not parse: {e}\n--- cable ---\n{text}\n--- markdown ---\n{}",
            imported.markdown
        );
    }
});
