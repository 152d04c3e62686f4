//! `cargo bench`: check, release and each renderer on generated documents
//! of 100, 1,000 and 10,000 paragraphs, beside a bare pulldown-cmark pass
//! over the same text (the floor for `check`). Figures are in the README.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

// The allocator the binary uses, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cablemark::render::{self, Format, Part, Style};
use cablemark::{check, input, release, source};

mod generate;
use generate::generate;

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn bench(c: &mut Criterion) {
    let style = Style::load(None).expect("the default style");
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for n in SIZES {
        let text = generate(n);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("bare pulldown-cmark pass", n),
            &text,
            |b, t| {
                b.iter(|| {
                    pulldown_cmark::Parser::new_ext(t, source::markdown_options())
                        .into_offset_iter()
                        .count()
                })
            },
        );
        group.bench_with_input(BenchmarkId::new("parse + check", n), &text, |b, t| {
            b.iter(|| {
                let doc = input::parse_bytes("bench.md", t.clone().into_bytes()).expect("parses");
                check::check(&doc, &check::Options::default()).len()
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    for n in SIZES {
        let text = generate(n);
        let doc = source::parse("bench.md", text.clone()).expect("parses");
        group.throughput(Throughput::Bytes(text.len() as u64));
        for format in Format::ALL {
            group.bench_with_input(BenchmarkId::new(format.name(), n), &doc, |b, d| {
                b.iter(|| {
                    render::renderer(format)
                        .render(d, Part::Whole, &style)
                        .map(|v| v.len())
                })
            });
        }
        group.bench_with_input(BenchmarkId::new("release TWN", n), &doc, |b, d| {
            b.iter(|| release::filter(d, "TWN").portions.len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
