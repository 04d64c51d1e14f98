//! `kinerja synth`: a synthetic national warehouse for scale tests and benchmarks.

use indicatif::{ProgressBar, ProgressStyle};
use warehouse::synth::{generate, SynthOptions};

use super::exit;
use super::ingest::taxonomy;
use crate::cli::SynthArgs;

pub fn run(args: &SynthArgs) -> u8 {
    let mut conn = match warehouse::open_ready(&args.database_url) {
        Ok(conn) => conn,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::DATABASE;
        }
    };
    if let Err(e) = warehouse::sync_concepts(&mut conn, &taxonomy()) {
        eprintln!("error: {e}");
        return exit::DATABASE;
    }
    let options = SynthOptions {
        kecamatan: args.kecamatan,
        years: args.years,
        last_year: args.last_year,
        seed: args.seed,
    };
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} kecamatan {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let result = generate(&mut conn, &options, &mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    match result {
        Ok(written) => {
            println!(
                "{written} synthetic reports written to {} in {:.1} s",
                warehouse::redact_url(&args.database_url),
                started.elapsed().as_secs_f64()
            );
            super::refresh_analytics(&mut conn)
        }
        Err(e) => {
            eprintln!("error: {e}");
            exit::SOME_FAILED
        }
    }
}
