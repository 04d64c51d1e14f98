//! One module per subcommand.

mod extract;
mod ingest;
mod reextract;
mod serve;
mod synth;
mod user;

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{AnalyticsAction, Cli, Command};

/// Exit codes scripts can rely on (also listed in `kinerja ingest --help`).
pub mod exit {
    pub const OK: u8 = 0;
    /// A file could not be read at all.
    pub const UNREADABLE: u8 = 1;
    /// A file is not an LKjIP report (`kinerja extract`).
    pub const NOT_A_REPORT: u8 = 2;
    /// Some reports failed to load; the others were loaded.
    pub const SOME_FAILED: u8 = 3;
    /// The database could not be opened or migrated.
    pub const DATABASE: u8 = 4;
    /// The server could not listen (address in use, no permission).
    pub const SERVER: u8 = 5;
    /// A file is a document that cannot be read as its format: corrupt, truncated,
    /// password-protected, a legacy Office file, or needs a tool that is not installed. It was
    /// not extracted nor loaded (the other files were).
    pub const BAD_DOCUMENT: u8 = 6;
}

pub fn run(cli: Cli) -> ExitCode {
    let code = match cli.command {
        Command::Extract { files } => extract::run(&files),
        Command::Ingest(args) => ingest::run(&args),
        Command::Reextract(args) => reextract::run(&args),
        Command::Migrate(args) => migrate(&args.database_url),
        Command::Serve(args) => serve::run(&args),
        Command::Synth(args) => synth::run(&args),
        Command::Analytics {
            action: AnalyticsAction::Refresh(args),
        } => match warehouse::open_ready(&args.database_url) {
            Ok(mut conn) => refresh_analytics(&mut conn),
            Err(e) => {
                eprintln!("error: {e}");
                exit::DATABASE
            }
        },
        Command::User { action } => user::run(action),
        Command::Openapi { output } => write_openapi(output.as_deref()),
    };
    ExitCode::from(code)
}

/// Rebuilds the analytics snapshots and says what was computed.
pub fn refresh_analytics(conn: &mut warehouse::DbConnection) -> u8 {
    report_refresh(conn, false)
}

/// [`refresh_analytics`] when the snapshot is behind the reports (`only_if_stale`), or always.
pub fn report_refresh(conn: &mut warehouse::DbConnection, only_if_stale: bool) -> u8 {
    let started = std::time::Instant::now();
    let outcome = if only_if_stale {
        analytics::refresh_if_stale(conn)
    } else {
        analytics::refresh(conn).map(Some)
    };
    match outcome {
        Ok(None) => {
            println!("analytics snapshot is current: not recomputed");
            exit::OK
        }
        Ok(Some(summary)) => {
            println!(
                "analytics refreshed in {:.2} s: {} facts, {} indicator standings, {} composite scores",
                started.elapsed().as_secs_f64(),
                summary.facts_read,
                summary.indicator_rows,
                summary.composite_rows
            );
            exit::OK
        }
        Err(e) => {
            eprintln!("error: analytics refresh failed: {e}");
            exit::DATABASE
        }
    }
}

fn write_openapi(output: Option<&std::path::Path>) -> u8 {
    let mut json = api::openapi_json();
    json.push('\n');
    match output {
        None => write_stdout(&json),
        Some(path) => match std::fs::write(path, json) {
            Ok(()) => {
                eprintln!("wrote {}", path.display());
                exit::OK
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                exit::UNREADABLE
            }
        },
    }
}

fn migrate(url: &str) -> u8 {
    let result = warehouse::DbConnection::open(url).and_then(|mut conn| {
        let applied = warehouse::run_pending(&mut conn)?;
        let regions = warehouse::ensure_regions(&mut conn, regions::Gazetteer::official())?;
        Ok((applied, regions))
    });
    match result {
        Ok((applied, regions)) => {
            println!(
                "{}: {applied} migration(s) applied, {regions} official region(s) added",
                warehouse::redact_url(url)
            );
            exit::OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            exit::DATABASE
        }
    }
}

/// Writes a command's output to stdout. A reader that stops early (`kinerja extract … | head`)
/// closes the pipe: that ends the output quietly with success, never a panic; any other write
/// error is reported.
pub(crate) fn write_stdout(text: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => exit::OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::OK,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            exit::UNREADABLE
        }
    }
}
