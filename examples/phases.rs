//! Where `check` spends its time on one file: read, parse, check.
//! `cargo run --release --example phases FILE`
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: phases FILE");
        std::process::exit(2);
    };
    let t = std::time::Instant::now();
    let bytes = match cablemark::input::read_bytes(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let read = t.elapsed();
    let doc = match cablemark::input::parse_bytes(&path, bytes) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let parsed = t.elapsed();
    let diags = cablemark::check::check(&doc, &cablemark::check::Options::default());
    let checked = t.elapsed();
    println!(
        "read {read:?}, parse {:?}, check {:?} ({} portions, {} diagnostics)",
        parsed - read,
        checked - parsed,
        doc.portions.len(),
        diags.len()
    );
    if std::env::args().any(|a| a == "--render") {
        let style = cablemark::render::Style::load(None).unwrap_or_default();
        for format in cablemark::render::Format::ALL {
            let t = std::time::Instant::now();
            let r = cablemark::render::renderer(format);
            let whole = r.render(&doc, cablemark::render::Part::Whole, &style);
            println!(
                "{}: {:?} ({} bytes)",
                format.name(),
                t.elapsed(),
                whole.map(|b| b.len()).unwrap_or(0)
            );
        }
    }
}
