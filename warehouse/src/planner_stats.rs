//! The query planner's statistics, kept current after the data changes in bulk.
//!
//! SQLite chooses a join's order and indexes from `sqlite_stat1`; with no statistics it guesses,
//! and for a kabupaten's figures of one concept and year it walks every figure of that concept
//! and year in the country (`indicator_fact_concept_idx`) instead of the kabupaten's reports'
//! figures (`indicator_fact_report_concept_idx`). The measurement is in docs/benchmarks.md.
//! PostgreSQL's autovacuum keeps its own statistics; nothing to do there.

use diesel::connection::SimpleConnection;
use diesel::QueryResult;

use crate::connection::DbConnection;

/// Rows sampled per index: enough for the planner's choice, a few milliseconds nationally.
const ANALYSIS_LIMIT: u32 = 1000;

/// Recomputes SQLite's planner statistics (`ANALYZE`, sampled); a no-op on PostgreSQL. Open
/// connections see them at their next statement (the schema cookie changes).
pub fn refresh_planner_statistics(conn: &mut DbConnection) -> QueryResult<()> {
    match conn {
        DbConnection::Sqlite(c) => c.batch_execute(&format!(
            "PRAGMA analysis_limit = {ANALYSIS_LIMIT}; ANALYZE;"
        )),
        DbConnection::Postgres(_) => Ok(()),
    }
}
