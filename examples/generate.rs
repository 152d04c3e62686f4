//! Writes a generated source of N paragraphs to standard output, the same
//! as the benchmarks use: `cargo run --release --example generate 2000 > doc2000.md`.

#[path = "../benches/generate/mod.rs"]
mod generate;

fn main() {
    let n: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        Some(Ok(n)) => n,
        _ => {
            eprintln!("usage: generate N");
            std::process::exit(2);
        }
    };
    print!("{}", generate::generate(n));
}
