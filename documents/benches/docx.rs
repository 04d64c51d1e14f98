//! DOCX reading speed on the fixtures (the four sample reports as Word files), single thread:
//! `cargo bench -p documents --bench docx`. Figures go to docs/benchmarks.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn fixtures() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docx");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "docx"));
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

fn docx(c: &mut Criterion) {
    let files = fixtures();
    assert!(!files.is_empty(), "no DOCX fixtures");
    let bytes: usize = files.iter().map(Vec::len).sum();
    let lines: usize = files
        .iter()
        .filter_map(|f| documents::read(f).ok())
        .map(|d| d.text.lines().count())
        .sum();
    eprintln!(
        "{} DOCX files, {bytes} bytes, {lines} lines of text",
        files.len()
    );
    let mut group = c.benchmark_group("docx");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("read_fixtures", |b| {
        b.iter(|| {
            for file in &files {
                let doc = documents::read(std::hint::black_box(file));
                std::hint::black_box(doc.map(|d| d.text.len()).unwrap_or(0));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, docx);
criterion_main!(benches);
