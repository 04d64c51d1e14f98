//! The kinerja warehouse: one diesel code base for SQLite (embedded default) and PostgreSQL.
//!
//! It owns the schema and its migrations (run at start-up), seeds the official regions and the
//! indicator taxonomy, and loads extracted reports: one transaction per report, idempotent on
//! the file's sha256, a newer version of a kecamatan-year superseding the older one.

pub mod accounts;
pub mod changes;
mod confidence_backfill;
mod connection;
mod error;
pub mod error_reports;
mod exact_sql;
mod load;
mod migrate;
pub mod original;
mod planner_stats;
mod pool;
mod program_codes;
pub mod queries;
pub mod reextract;
pub mod review;
mod rows;
pub mod schema;
pub mod schema_analytics;
mod seed;
pub mod sessions;
pub mod synth;
mod version;
pub mod views;

pub use connection::{redact_url, BackendKind, DbConnection, MultiBackend};
pub use error::{LoadError, WarehouseError};
pub use load::{
    kecamatan_exists, load_document, load_report, load_report_dry_run, load_report_with_hook,
    sha256_hex, LoadOutcome, LoadStage, ReportFile,
};
pub use migrate::{revert_all, run_pending};
pub use model::sql::ExactNumeric;
pub use planner_stats::refresh_planner_statistics;
pub use pool::{default_pool_size, pool, primary_pool, DbPool, Manager};
pub use rows::sqlite_rows_per_insert;
pub use seed::{ensure_regions, sync_concepts};
pub use version::{data_version, mark_analytics_current, mark_warehouse_changed, DataVersion};

/// The default database: a SQLite file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "kinerja.db";

/// Opens the database, applies pending migrations and seeds the official regions: everything a
/// command needs before it reads or writes.
pub fn open_ready(url: &str) -> Result<DbConnection, WarehouseError> {
    let mut conn = DbConnection::open(url)?;
    run_pending(&mut conn)?;
    ensure_regions(&mut conn, regions::Gazetteer::official())?;
    Ok(conn)
}
