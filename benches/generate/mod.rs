//! The generated documents of the benchmarks and the README's figures
//! (also `cargo run --example generate N > doc.md`).

/// A source of `n` paragraphs shaped like a cable: mixed marks, a REL TO
/// section with talking points every fifty paragraphs, cross-references.
pub fn generate(n: usize) -> String {
    const WORDS: [&str; 16] = [
        "export",
        "control",
        "nonproliferation",
        "Taiwan",
        "cooperation",
        "machine",
        "tools",
        "investigation",
        "company",
        "ballistic",
        "missile",
        "program",
        "request",
        "officials",
        "shipment",
        "license",
    ];
    const MARKS: [&str; 4] = ["(U)", "(C)", "(S)", "(S//REL TO USA, TWN)"];
    let mut s = String::from(
        "---\ndtg: 122056Z JUN 09\norder: E.O. 12958\nclassified_by: DIRECTOR\nreasons: [b, d]\ndeclassify_on: 2034-06-12\nsubject: (U) Generated\n---\n\n",
    );
    let mut seed = 7u64;
    let mut word = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        WORDS[(seed >> 33) as usize % WORDS.len()]
    };
    for i in 0..n {
        if i % 50 == 49 {
            s.push_str(&format!(
                "## (S//REL TO USA, TWN) Talking points {i} {{.nonpaper}}\n\n"
            ));
            for j in 0..3 {
                let text: Vec<&str> = (0..20).map(|_| word()).collect();
                s.push_str(&format!("- Point {i}.{j} {}\n", text.join(" ")));
            }
            s.push_str("\n***\n\n");
        } else {
            let text: Vec<&str> = (0..60).map(|_| word()).collect();
            s.push_str(&format!(
                "{} Paragraph {i}: {} See paragraph {}.\n\n",
                MARKS[i % 4],
                text.join(" "),
                i / 2 + 1
            ));
        }
    }
    s
}
