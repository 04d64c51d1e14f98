//! Extraction throughput over a folder in one process: bytes of report text per CPU second.
//! `cargo run --release -p ingest --example throughput -- DIR [PASSES]` (pin it to one core with
//! `taskset -c 0`; under `valgrind --tool=callgrind` compare instruction counts of 1 and N passes).
//! The first report is extracted once before timing: the bundled region codes are parsed once
//! per process, not per report.

use std::time::Instant;

/// CPU seconds of this process (user + system), from /proc/self/stat; `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: throughput DIR [PASSES]");
        std::process::exit(2);
    };
    let passes: usize = args.next().and_then(|p| p.parse().ok()).unwrap_or(20);
    let mut reports: Vec<(String, Vec<u8>)> = Vec::new();
    let mut entries: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => {
            eprintln!("{dir}: {e}");
            std::process::exit(2);
        }
    };
    entries.sort();
    for path in entries {
        if path.extension().is_some_and(|x| x == "txt") {
            if let Ok(bytes) = std::fs::read(&path) {
                reports.push((path.display().to_string(), bytes));
            }
        }
    }
    if let Some((name, bytes)) = reports.first() {
        std::hint::black_box(ingest::extract(name, bytes));
    }
    let total: usize = reports.iter().map(|(_, b)| b.len()).sum::<usize>() * passes;
    let cpu0 = cpu_seconds();
    let wall = Instant::now();
    for _ in 0..passes {
        for (name, bytes) in &reports {
            std::hint::black_box(ingest::extract(name, std::hint::black_box(bytes)));
        }
    }
    let wall = wall.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    let mb = total as f64 / 1e6;
    match cpu {
        Some(cpu) if cpu > 0.0 => println!(
            "{mb:.1} MB in {cpu:.2} CPU s ({wall:.2} s wall): {:.1} MB/s per CPU second",
            mb / cpu
        ),
        _ => println!("{mb:.1} MB in {wall:.2} s wall: {:.1} MB/s", mb / wall),
    }
}
