//! `kinerja`: the command line. It parses arguments and calls into the crates; nothing else.

mod cli;
mod commands;
mod inputs;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    init_tracing(cli.verbose);
    commands::run(cli)
}

fn init_tracing(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("KINERJA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    // KINERJA_LOG_FORMAT=json gives one JSON object per log line, for log collectors.
    let json = std::env::var("KINERJA_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}
