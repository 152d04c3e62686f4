//! Writes a corpus of invented cable texts for the archive benchmark:
//! `cargo run --release --example generate_cables N DIR` writes
//! `DIR/cable00001.txt` … in the shapes of 2003–2010 telegrams (routing
//! lines, spaced or plain classification line, E.O., TAGS, SUBJECT, REF,
//! Classified By, numbered and marked paragraphs, talking points, a
//! signature), their size and classification varying from cable to cable.
//! Deterministic: the same N gives the same files.

use std::io::Write;

const LEVELS: [(&str, &str, &str); 4] = [
    ("UNCLAS", "U", "E.O. 12958: N/A"),
    ("UNCLAS SENSITIVE", "SBU", "E.O. 12958: N/A"),
    (
        "C O N F I D E N T I A L",
        "C",
        "E.O. 12958: DECL: 03/14/2019",
    ),
    ("S E C R E T", "S", "E.O. 12958: DECL: 06/12/2034"),
];

const POSTS: [&str; 6] = [
    "AMEMBASSY ANKARA",
    "AMEMBASSY WARSAW",
    "AMEMBASSY HANOI",
    "AMEMBASSY ATHENS",
    "AMEMBASSY MOSCOW",
    "AIT TAIPEI",
];

const SENTENCES: [&str; 8] = [
    "Post should deliver the points below to appropriate host government officials and report the response.",
    "The firm has sought machine tools from several suppliers over the past year, some of them through intermediaries.",
    "Department appreciates the cooperation of host authorities on export control and nonproliferation issues.",
    "We believe the transfers could contribute to programs of concern and ask that the licence be reviewed.",
    "Host officials noted that the investigation is continuing and that they would share any results with us.",
    "The Ministry has not yet replied to our earlier request, which was delivered more than six weeks ago.",
    "Embassy will continue to follow the case closely and will report any further developments septel.",
    "Washington agencies have reviewed the information provided and consider the matter of continuing interest.",
];

/// A small deterministic generator (xorshift), so the corpus is the same
/// on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn cable(i: usize, rng: &mut Rng) -> String {
    let (line, mark, eo) = LEVELS[rng.below(LEVELS.len())];
    let post = POSTS[rng.below(POSTS.len())];
    let mut c = String::new();
    c.push_str(&format!(
        "\n\nR {:02}{:02}{:02}Z MAR 09\nFM SECSTATE WASHDC\nTO {post} PRIORITY {:04}\nINFO RUEHC/SECSTATE WASHDC 1234\n\n",
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
        rng.below(10_000)
    ));
    c.push_str(&format!("{line} STATE {:06}\n\n{eo}\n", 10_000 + i));
    c.push_str("TAGS: PARM, PREL, ETTC, TU\n\n");
    c.push_str(&format!(
        "SUBJECT: ({mark}) EXPORT CONTROL CASE {i}: REQUEST FOR\nINFORMATION ON MACHINE TOOL TRANSFERS\n\n"
    ));
    c.push_str(&format!(
        "REF: A. STATE {:06}\n     B. {post} {:06}\n\n",
        rng.below(200_000),
        rng.below(2_000)
    ));
    if mark == "C" || mark == "S" {
        c.push_str("Classified By: ISN/MTR DIRECTOR JANE DOE\nREASONS 1.4 (B) AND (D).\n\n");
    }
    let paragraphs = 3 + rng.below(10);
    for n in 1..=paragraphs {
        let mut text = String::new();
        for _ in 0..2 + rng.below(4) {
            text.push_str(SENTENCES[rng.below(SENTENCES.len())]);
            text.push(' ');
        }
        let own = if n == 1 { "U" } else { mark };
        let body = format!("{n}. ({own}) {}", text.trim_end());
        for line in wrap(&body, 64) {
            c.push_str(&line);
            c.push('\n');
        }
        c.push('\n');
    }
    if rng.below(3) == 0 {
        c.push_str(&format!(
            "{}. ({mark}) Begin talking points:\n\n",
            paragraphs + 1
        ));
        for _ in 0..3 + rng.below(5) {
            let point = format!("-- {}", SENTENCES[rng.below(SENTENCES.len())]);
            for line in wrap(&point, 64) {
                c.push_str(&line);
                c.push('\n');
            }
            c.push('\n');
        }
        c.push_str("End talking points.\n\n");
    }
    c.push_str("CLINTON\n");
    c
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("one line");
        if !last.is_empty() && last.len() + 1 + word.len() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "cables".to_string()));
    std::fs::create_dir_all(&dir)?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut bytes = 0;
    for i in 1..=n {
        let text = cable(i, &mut rng);
        bytes += text.len();
        let mut f = std::fs::File::create(dir.join(format!("cable{i:05}.txt")))?;
        f.write_all(text.as_bytes())?;
    }
    eprintln!("{n} cables, {bytes} bytes, in {}", dir.display());
    Ok(())
}
