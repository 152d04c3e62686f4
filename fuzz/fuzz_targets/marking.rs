//! Arbitrary text → `marking::parse`; a marking read must read back the
//! same from its own portion form and its own banner form.
#![no_main]

use cablemark::marking;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(parsed) = marking::parse(text) else {
        return;
    };
    let m = &parsed.marking;
    for (form, written) in [("portion", m.portion()), ("banner", m.banner())] {
        match marking::parse(&written) {
            Ok(back) => assert_eq!(
                &back.marking, m,
                "{form} form {written:?} of {text:?} reads back differently"
            ),
            Err(e) => panic!("{form} form {written:?} of {text:?} does not parse: {e}"),
        }
    }
});
