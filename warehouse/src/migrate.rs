//! Embedded migrations, one folder per backend, run at start-up.

use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::confidence_backfill::assess_unassessed;
use crate::connection::DbConnection;
use crate::error::WarehouseError;
use crate::program_codes::code_pending_lines;

const SQLITE: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// Applies every migration not yet applied, then codes the budget lines and assesses the figures
/// a migration left for Rust (see `program_codes`, `confidence_backfill`); returns how many
/// migrations ran.
pub fn run_pending(conn: &mut DbConnection) -> Result<usize, WarehouseError> {
    let applied = match conn {
        DbConnection::Postgres(c) => c.run_pending_migrations(POSTGRES).map(|v| v.len()),
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE).map(|v| v.len()),
    };
    let applied = applied.map_err(|e| WarehouseError::Migration(e.to_string()))?;
    code_pending_lines(conn)
        .map_err(|e| WarehouseError::Migration(format!("coding earlier budget lines: {e}")))?;
    assess_unassessed(conn).map_err(|e| {
        WarehouseError::Migration(format!("assessing the confidence of earlier loads: {e}"))
    })?;
    Ok(applied)
}

/// Reverts every applied migration (for tests of the down migrations, and `kinerja db reset`).
pub fn revert_all(conn: &mut DbConnection) -> Result<usize, WarehouseError> {
    let reverted = match conn {
        DbConnection::Postgres(c) => c.revert_all_migrations(POSTGRES).map(|v| v.len()),
        DbConnection::Sqlite(c) => c.revert_all_migrations(SQLITE).map(|v| v.len()),
    };
    reverted.map_err(|e| WarehouseError::Migration(e.to_string()))
}
