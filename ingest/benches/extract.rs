//! Extraction throughput over the sample reports (goal: ≥ 20 MB/s of report text per core in
//! release). `cargo bench -p ingest --bench extract`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const REPORTS: [(&str, &[u8]); 4] = [
    (
        "karanganyar-jaten-2023.txt",
        include_bytes!("../../data/samples/karanganyar-jaten-2023.txt"),
    ),
    (
        "karanganyar-kerjo-2025.txt",
        include_bytes!("../../data/samples/karanganyar-kerjo-2025.txt"),
    ),
    (
        "magetan-kartoharjo-2023.txt",
        include_bytes!("../../data/samples/magetan-kartoharjo-2023.txt"),
    ),
    (
        "ponorogo-mlarak-2024.txt",
        include_bytes!("../../data/samples/ponorogo-mlarak-2024.txt"),
    ),
];

fn corpus(c: &mut Criterion) {
    let total: usize = REPORTS.iter().map(|(_, b)| b.len()).sum();
    // the bundled region codes are parsed once per process, not per report
    let _ = ingest::extract(REPORTS[0].0, REPORTS[0].1);
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("corpus", |b| {
        b.iter(|| {
            for (name, bytes) in REPORTS {
                std::hint::black_box(ingest::extract(name, std::hint::black_box(bytes)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, corpus);
criterion_main!(benches);
