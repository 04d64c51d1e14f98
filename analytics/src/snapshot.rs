//! Writing a snapshot: the old rows out and the new ones in, in the caller's transaction, so a
//! reader sees either the previous snapshot or the new one, never a mixture.

use diesel::prelude::*;
use warehouse::schema_analytics::{
    budget_program, budget_summary, composite_score, indicator_rank, indicator_trend,
    report_quality, story_flag,
};
use warehouse::DbConnection;

use crate::rows::Snapshot;

/// Bound parameters per INSERT: below SQLite's 32,766 (and PostgreSQL's 65,535). Rows per
/// statement follow from each table's width, so narrow tables take fewer round trips.
const PARAMETERS: usize = 32_000;

/// Inserts many rows in batches. diesel's two-backend connection cannot batch inserts (the
/// backends disagree on `DEFAULT`), so this dispatches on the concrete connection, as the
/// warehouse's own loader does.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr, $columns:expr) => {
        for chunk in $rows.chunks(PARAMETERS / $columns) {
            match $conn {
                DbConnection::Postgres(c) => diesel::insert_into($table).values(chunk).execute(c),
                DbConnection::Sqlite(c) => diesel::insert_into($table).values(chunk).execute(c),
            }?;
        }
    };
}

/// Replaces the snapshot tables' contents by `snapshot`. Call inside a transaction.
pub fn replace(conn: &mut DbConnection, s: &Snapshot) -> QueryResult<()> {
    diesel::delete(indicator_rank::table).execute(conn)?;
    diesel::delete(composite_score::table).execute(conn)?;
    diesel::delete(indicator_trend::table).execute(conn)?;
    diesel::delete(story_flag::table).execute(conn)?;
    diesel::delete(budget_summary::table).execute(conn)?;
    diesel::delete(budget_program::table).execute(conn)?;
    diesel::delete(report_quality::table).execute(conn)?;
    insert_all!(conn, indicator_rank::table, s.indicator_ranks, 23);
    insert_all!(conn, composite_score::table, s.composites, 14);
    insert_all!(conn, indicator_trend::table, s.trends, 16);
    insert_all!(conn, story_flag::table, s.story_flags, 13);
    insert_all!(conn, budget_summary::table, s.budget_summaries, 15);
    insert_all!(conn, budget_program::table, s.budget_programs, 11);
    insert_all!(conn, report_quality::table, s.quality, 11);
    Ok(())
}
