//! Writing a snapshot: the old rows out and the new ones in, in the caller's transaction, so a
//! reader sees either the previous snapshot or the new one, never a mixture.

use diesel::prelude::*;
use warehouse::schema_analytics::{composite_score, indicator_rank};
use warehouse::DbConnection;

use crate::rows::Snapshot;

/// Rows per INSERT: 23 columns × 1,000 rows stays below SQLite's 32,766 bound parameters (and
/// PostgreSQL's 65,535).
const CHUNK: usize = 1_000;

/// Inserts many rows in one statement. diesel's two-backend connection cannot batch inserts
/// (the backends disagree on `DEFAULT`), so this dispatches on the concrete connection, as the
/// warehouse's own loader does.
macro_rules! insert_batch {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            DbConnection::Postgres(c) => diesel::insert_into($table).values($rows).execute(c),
            DbConnection::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c),
        }
    };
}

/// Replaces the snapshot tables' contents by `snapshot`. Call inside a transaction.
pub fn replace(conn: &mut DbConnection, snapshot: &Snapshot) -> QueryResult<()> {
    diesel::delete(indicator_rank::table).execute(conn)?;
    diesel::delete(composite_score::table).execute(conn)?;
    for chunk in snapshot.indicator_ranks.chunks(CHUNK) {
        insert_batch!(conn, indicator_rank::table, chunk)?;
    }
    for chunk in snapshot.composites.chunks(CHUNK) {
        insert_batch!(conn, composite_score::table, chunk)?;
    }
    Ok(())
}
