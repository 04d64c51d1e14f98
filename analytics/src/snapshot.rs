//! Writing a snapshot: the old rows out and the new ones in, in the caller's transaction, so a
//! reader sees either the previous snapshot or the new one, never a mixture. The refresh writes
//! each group of tables as soon as it is computed (see `refresh`).

use std::time::{Duration, Instant};

use diesel::prelude::*;
use warehouse::schema_analytics::{
    budget_summary, composite_score, indicator_rank, indicator_trend, report_quality, story_flag,
};
use warehouse::{insert_all, DbConnection};

use crate::rows::{BudgetSummaryRow, QualityRow, StoryFlagRow, TrendRow};
use crate::rows::{CompositeRow, IndicatorRankRow};
use crate::snapshot_indexes::{drop_secondary_indexes, recreate_indexes};

/// What writing one snapshot table cost (for benchmarks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TableWrite {
    pub table: &'static str,
    pub rows: usize,
    pub time: Duration,
}

/// The tables a snapshot fills.
pub const TABLES: [&str; 6] = [
    "indicator_rank",
    "composite_score",
    "indicator_trend",
    "story_flag",
    "budget_summary",
    "report_quality",
];

/// Writes one table and says what it cost.
macro_rules! timed_insert {
    ($conn:expr, $table:expr, $rows:expr, $columns:expr) => {{
        let start = Instant::now();
        let rows = insert_all!($conn, $table, $rows, $columns)?;
        TableWrite {
            table: stringify!($table).trim_end_matches("::table"),
            rows,
            time: start.elapsed(),
        }
    }};
}

/// The snapshot tables emptied and their secondary indexes set aside: call inside the
/// transaction that then writes the new rows and calls [`restore_indexes`].
pub struct Cleared {
    indexes: Vec<String>,
    time: Duration,
}

/// Empties the snapshot tables, their secondary indexes dropped first (SQLite).
pub fn clear(conn: &mut DbConnection) -> QueryResult<Cleared> {
    let start = Instant::now();
    let indexes = drop_secondary_indexes(conn, &TABLES)?;
    diesel::delete(indicator_rank::table).execute(conn)?;
    diesel::delete(composite_score::table).execute(conn)?;
    diesel::delete(indicator_trend::table).execute(conn)?;
    diesel::delete(story_flag::table).execute(conn)?;
    diesel::delete(budget_summary::table).execute(conn)?;
    diesel::delete(report_quality::table).execute(conn)?;
    Ok(Cleared {
        indexes,
        time: start.elapsed(),
    })
}

/// Writes `report_quality` (computed from the reports alone, so the refresh writes it while
/// the facts are still being read and computed).
pub fn write_quality(conn: &mut DbConnection, quality: &[QualityRow]) -> QueryResult<TableWrite> {
    Ok(timed_insert!(conn, report_quality::table, quality, 11))
}

/// The columns of `indicator_rank`.
pub const RANK_COLUMNS: usize = 23;

/// Writes rows of `indicator_rank` (the refresh hands them over a range at a time).
pub fn write_ranks(conn: &mut DbConnection, ranks: &[IndicatorRankRow]) -> QueryResult<TableWrite> {
    Ok(timed_insert!(
        conn,
        indicator_rank::table,
        ranks,
        RANK_COLUMNS
    ))
}

/// Writes `composite_score`.
pub fn write_composites(
    conn: &mut DbConnection,
    composites: &[CompositeRow],
) -> QueryResult<TableWrite> {
    Ok(timed_insert!(conn, composite_score::table, composites, 14))
}

/// Writes the trend table (computed from the series, which are ready before the standings).
pub fn write_trends(conn: &mut DbConnection, trends: &[TrendRow]) -> QueryResult<TableWrite> {
    Ok(timed_insert!(conn, indicator_trend::table, trends, 16))
}

/// Writes the story-lead table (computed from the series after the trends).
pub fn write_story_flags(
    conn: &mut DbConnection,
    story_flags: &[StoryFlagRow],
) -> QueryResult<TableWrite> {
    Ok(timed_insert!(conn, story_flag::table, story_flags, 13))
}

/// Writes the budget-summary table (it needs the composite scores).
pub fn write_budget(
    conn: &mut DbConnection,
    budget_summaries: &[BudgetSummaryRow],
) -> QueryResult<TableWrite> {
    Ok(timed_insert!(
        conn,
        budget_summary::table,
        budget_summaries,
        15
    ))
}

/// Builds the indexes [`clear`] set aside; says what clearing and rebuilding cost in all.
pub fn restore_indexes(conn: &mut DbConnection, cleared: Cleared) -> QueryResult<TableWrite> {
    let start = Instant::now();
    recreate_indexes(conn, &cleared.indexes)?;
    Ok(TableWrite {
        table: "clear and reindex",
        rows: cleared.indexes.len(),
        time: cleared.time + start.elapsed(),
    })
}
