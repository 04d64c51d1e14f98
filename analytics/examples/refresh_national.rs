//! Times one full analytics refresh of an existing warehouse, without `cargo bench`:
//!
//! ```text
//! kinerja synth --database-url /tmp/national.db            # 7,285 kecamatan × 5 years
//! cargo build --release -p analytics --example refresh_national
//! /usr/bin/time -v target/release/examples/refresh_national /tmp/national.db
//! ```
//!
//! Prints the rows written and the time spent reading, computing and writing; `/usr/bin/time -v`
//! adds the peak memory ("Maximum resident set size").
#![allow(clippy::print_stdout)]

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::args()
        .nth(1)
        .ok_or("usage: refresh_national DATABASE_URL")?;
    let mut conn = warehouse::open_ready(&url)?;
    let start = Instant::now();
    let (summary, timings) = analytics::refresh_timed(&mut conn)?;
    let total = start.elapsed();
    println!("{summary:#?}");
    println!(
        "read {:.3} s, compute {:.3} s, write {:.3} s, total (with commit) {:.3} s",
        timings.read.as_secs_f64(),
        timings.compute.as_secs_f64(),
        timings.write.as_secs_f64(),
        total.as_secs_f64()
    );
    for t in timings.tables {
        println!(
            "  {:<20} {:>8} rows {:.3} s",
            t.table,
            t.rows,
            t.time.as_secs_f64()
        );
    }
    Ok(())
}
