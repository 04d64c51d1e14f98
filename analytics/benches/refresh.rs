//! The analytics refresh on a synthetic national warehouse (goal: all 7,285 kecamatan × 5 years
//! in < 2 s and < 1 GiB peak memory in release). `cargo bench -p analytics --bench refresh`.
//!
//! The warehouse is generated once (`warehouse::synth::generate`, ~20 s) into a temporary SQLite
//! file; `KINERJA_BENCH_KECAMATAN` makes it smaller for a quick run. Two measurements: the
//! computation alone (`compute_snapshot` on what a refresh reads) and the whole refresh (read,
//! compute, write, commit). For peak memory without criterion's own allocations, see
//! `examples/refresh_national.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use warehouse::synth::{generate, SynthOptions};

fn national(c: &mut Criterion) {
    let kecamatan = std::env::var("KINERJA_BENCH_KECAMATAN")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(7_285);
    let dir = tempfile::tempdir().unwrap();
    let url = dir.path().join("national.db").display().to_string();
    let mut conn = warehouse::open_ready(&url).unwrap();
    let options = SynthOptions {
        kecamatan,
        years: 5,
        last_year: 2024,
        seed: 1,
    };
    generate(&mut conn, &options, &mut |_, _| {}).unwrap();
    let inputs = analytics::read_inputs(&mut conn).unwrap();

    let mut group = c.benchmark_group(format!("refresh_{kecamatan}x5"));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("compute_snapshot", |b| {
        b.iter(|| analytics::compute_snapshot(std::hint::black_box(&inputs)).unwrap())
    });
    group.bench_function("refresh", |b| {
        b.iter(|| analytics::refresh(&mut conn).unwrap())
    });
    group.finish();
}

criterion_group!(benches, national);
criterion_main!(benches);
