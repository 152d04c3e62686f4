//! A bare pulldown-cmark pass over a file: the floor `check` is measured
//! against (README, performance). `cargo run --release --example bare_pass FILE`
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bare_pass FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let start = std::time::Instant::now();
    let options = cablemark::source::markdown_options();
    let events = pulldown_cmark::Parser::new_ext(&text, options)
        .into_offset_iter()
        .count();
    println!("{events} events in {:?}", start.elapsed());
}
