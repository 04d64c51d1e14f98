//! `kinerja serve`: the API, its docs and (soon) the dashboard, over the warehouse.

use super::exit;
use super::ingest::{ingest_text, taxonomy};
use crate::cli::ServeArgs;

include!(concat!(env!("OUT_DIR"), "/samples.rs"));

/// Loads the bundled sample reports into an empty warehouse, so a first start shows real data.
fn load_samples_if_empty(conn: &mut warehouse::DbConnection) -> Result<(), String> {
    let counts = warehouse::queries::table_counts(conn).map_err(|e| e.to_string())?;
    if counts.reports > 0 {
        return Ok(());
    }
    eprintln!(
        "The warehouse is empty: loading the {} bundled sample reports.",
        SAMPLES.len()
    );
    for (name, bytes) in SAMPLES {
        match ingest_text(conn, name, bytes) {
            Ok((outcome, what)) => eprintln!("  {name}: report {} ({what})", outcome.report_id()),
            Err(reason) => eprintln!("  {name}: {reason}"),
        }
    }
    Ok(())
}

/// The primary's pool (writes) and the replica's (reads), once the replica answers with a
/// warehouse: it must be a PostgreSQL streaming replica of the primary, which carries the
/// primary's migrations and data over by itself.
fn replica_pools(
    primary: &str,
    replica: &str,
    read_pool_size: u32,
) -> Result<(warehouse::DbPool, Option<warehouse::DbPool>), String> {
    let redacted = warehouse::redact_url(replica);
    if warehouse::BackendKind::of_url(replica) != warehouse::BackendKind::Postgres
        || warehouse::BackendKind::of_url(primary) != warehouse::BackendKind::Postgres
    {
        return Err(format!(
            "a read replica ({redacted}) needs PostgreSQL for both --database-url and \
             --replica-url (streaming replication)"
        ));
    }
    let reads = warehouse::pool(replica, read_pool_size).map_err(|e| e.to_string())?;
    let version = replayed_version(&reads, &redacted)?;
    let writes = warehouse::primary_pool(primary, 2).map_err(|e| e.to_string())?;
    eprintln!(
        "Reads go to the replica {redacted} (data version {}); writes to the primary.",
        version.warehouse
    );
    Ok((writes, Some(reads)))
}

/// How long a starting server waits for the replica to replay the migrations the primary has
/// just run.
const REPLAY_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// The replica's data version, once it has replayed the primary's warehouse.
fn replayed_version(
    reads: &warehouse::DbPool,
    redacted: &str,
) -> Result<warehouse::DataVersion, String> {
    let started = std::time::Instant::now();
    loop {
        let mut conn = reads
            .get()
            .map_err(|e| format!("replica {redacted}: {e}"))?;
        match warehouse::data_version(&mut conn) {
            Ok(version) => return Ok(version),
            Err(e) if started.elapsed() >= REPLAY_WAIT => {
                return Err(format!(
                    "replica {redacted} holds no warehouse after {} s (is it a streaming \
                     replica of --database-url?): {e}",
                    REPLAY_WAIT.as_secs()
                ))
            }
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(500)),
        }
    }
}

pub fn run(args: &ServeArgs) -> u8 {
    let url = &args.database.database_url;
    let prepared = warehouse::open_ready(url)
        .map_err(|e| e.to_string())
        .and_then(|mut conn| {
            warehouse::sync_concepts(&mut conn, &taxonomy()).map_err(|e| e.to_string())?;
            if !args.no_samples {
                load_samples_if_empty(&mut conn)?;
            }
            super::reextract::check_stale(&mut conn);
            // Snapshots are derived data: rebuilt at start-up when another process loaded
            // reports since the last refresh (the version counters say so), skipped otherwise so
            // a national warehouse starts at once and without the refresh's memory peak.
            if super::report_refresh(&mut conn, true) != exit::OK {
                return Err("the analytics snapshots could not be computed".to_owned());
            }
            // A warehouse written before the planner statistics were kept gets them now.
            warehouse::refresh_planner_statistics(&mut conn).map_err(|e| e.to_string())
        });
    if let Err(e) = prepared {
        eprintln!("error: {e}");
        return exit::DATABASE;
    }
    let pool_size = args
        .pool_size
        .unwrap_or_else(|| warehouse::default_pool_size(warehouse::BackendKind::of_url(url)));
    let pools = match &args.replica_url {
        None => warehouse::pool(url, pool_size)
            .map(|pool| (pool, None))
            .map_err(|e| e.to_string()),
        Some(replica) => replica_pools(url, replica, pool_size),
    };
    let (pool, replica) = match pools {
        Ok(pools) => pools,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::DATABASE;
        }
    };
    let mut settings = api::Settings::new(url);
    settings.admin_token = std::env::var("KINERJA_ADMIN_TOKEN")
        .ok()
        .filter(|t| !t.is_empty());
    settings.pool_size = pool_size;
    settings.max_upload_bytes = args.max_upload_mb.saturating_mul(1024 * 1024);
    settings.trust_forwarded = args.trust_forwarded;
    settings.error_reports_per_hour = args.error_reports_per_hour;
    if settings.admin_token.is_none() {
        eprintln!("Uploads are off (set KINERJA_ADMIN_TOKEN to enable POST /api/v1/reports).");
    }
    let state = match replica {
        None => api::AppState::new(pool, settings),
        Some(reads) => api::AppState::with_replica(pool, reads, settings),
    };
    match api::run_blocking(state, &args.bind) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: cannot serve on {}: {e}", args.bind);
            exit::SERVER
        }
    }
}
