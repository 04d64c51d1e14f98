//! Pages per second of `documents::read` on the PDF fixtures, one thread: text-layer PDFs and
//! scans (OCR). Run with `taskset -c 0 cargo bench -p documents --bench pdf_pages`; results
//! go in docs/benchmarks.md. `PDF_BENCH_DUMP=dir` writes each document's text there.

use std::path::Path;
use std::time::Instant;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".pdf") && n != "encrypted.pdf")
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let only = std::env::var("PDF_BENCH_ONLY").unwrap_or_default();
    let dump = std::env::var("PDF_BENCH_DUMP").ok();
    let mut sums: [(usize, f64); 2] = [(0, 0.0); 2];
    for name in names.iter().filter(|n| n.contains(&only)) {
        let Ok(bytes) = std::fs::read(dir.join(name)) else {
            continue;
        };
        let started = Instant::now();
        match documents::read(&bytes) {
            Ok(doc) => {
                let secs = started.elapsed().as_secs_f64();
                let pages = doc.page_starts.len();
                let scan = usize::from(doc.format == documents::Format::ScannedPdf);
                sums[scan].0 += pages;
                sums[scan].1 += secs;
                println!(
                    "{name}: {pages} pages in {secs:.2} s = {:.1} pages/s ({}, {} doubtful lines)",
                    pages as f64 / secs,
                    doc.format.as_str(),
                    doc.low_confidence_lines.len()
                );
                if let Some(d) = &dump {
                    let _ = std::fs::write(Path::new(d).join(format!("{name}.txt")), &doc.text);
                }
            }
            Err(e) => println!("{name}: {e}"),
        }
    }
    for (label, (pages, secs)) in ["text layer", "OCR"].iter().zip(sums) {
        if pages > 0 {
            println!(
                "{label}: {pages} pages in {secs:.2} s = {:.2} pages/s",
                pages as f64 / secs
            );
        }
    }
}
