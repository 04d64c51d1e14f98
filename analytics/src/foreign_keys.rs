//! SQLite's foreign-key enforcement, off on the refresh's connection while the refresh runs.
//!
//! Every snapshot row names a report and a kecamatan that the same transaction has just read,
//! so the checks cannot fail; yet with enforcement on, SQLite looks both parents up for each of
//! the ~700,000 rows of a national snapshot and deletes the old snapshot row by row (its
//! whole-table truncation is disabled for a table with foreign keys; docs/benchmarks.md,
//! *Design decisions*, has what that cost). PostgreSQL offers no
//! such per-connection switch to an ordinary role; there the snapshot tables have no foreign
//! keys (migration `2026-11-25-000006_snapshot_without_foreign_keys`).

use diesel::connection::SimpleConnection;
use warehouse::DbConnection;

/// Runs `body` with foreign-key enforcement off on a SQLite connection, and on again after,
/// whatever `body` returned. SQLite ignores the switch inside a transaction, so call this
/// outside one; inside one, `body` simply runs with the checks (correct, only slower).
pub fn without_sqlite_foreign_key_checks<T, E>(
    conn: &mut DbConnection,
    body: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    let DbConnection::Sqlite(c) = conn else {
        return body(conn);
    };
    c.batch_execute("PRAGMA foreign_keys = OFF")?;
    let result = body(conn);
    // Every connection of the warehouse enforces foreign keys (see `DbConnection::open`).
    let restored = match conn {
        DbConnection::Sqlite(c) => c.batch_execute("PRAGMA foreign_keys = ON"),
        DbConnection::Postgres(_) => Ok(()),
    };
    let value = result?;
    restored?;
    Ok(value)
}
