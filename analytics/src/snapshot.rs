//! Writing a snapshot: the old rows out and the new ones in, in the caller's transaction, so a
//! reader sees either the previous snapshot or the new one, never a mixture.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use warehouse::schema_analytics::{
    budget_program, budget_summary, composite_score, indicator_rank, indicator_trend,
    report_quality, story_flag,
};
use warehouse::{insert_all, DbConnection};

use crate::rows::Snapshot;
use crate::snapshot_indexes::{drop_secondary_indexes, recreate_indexes};

/// What writing one snapshot table cost (for benchmarks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TableWrite {
    pub table: &'static str,
    pub rows: usize,
    pub time: Duration,
}

/// The tables a snapshot fills, in the order they are written.
pub const TABLES: [&str; 7] = [
    "indicator_rank",
    "composite_score",
    "indicator_trend",
    "story_flag",
    "budget_summary",
    "budget_program",
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

/// Replaces the snapshot tables' contents by `snapshot`. Call inside a transaction. Returns
/// the time spent on each table and, last, on clearing the tables and rebuilding their indexes.
pub fn replace(conn: &mut DbConnection, s: &Snapshot) -> QueryResult<[TableWrite; 8]> {
    let start = Instant::now();
    let indexes = drop_secondary_indexes(conn, &TABLES)?;
    diesel::delete(indicator_rank::table).execute(conn)?;
    diesel::delete(composite_score::table).execute(conn)?;
    diesel::delete(indicator_trend::table).execute(conn)?;
    diesel::delete(story_flag::table).execute(conn)?;
    diesel::delete(budget_summary::table).execute(conn)?;
    diesel::delete(budget_program::table).execute(conn)?;
    diesel::delete(report_quality::table).execute(conn)?;
    let clearing = start.elapsed();
    let written = [
        timed_insert!(conn, indicator_rank::table, s.indicator_ranks, 23),
        timed_insert!(conn, composite_score::table, s.composites, 14),
        timed_insert!(conn, indicator_trend::table, s.trends, 16),
        timed_insert!(conn, story_flag::table, s.story_flags, 13),
        timed_insert!(conn, budget_summary::table, s.budget_summaries, 15),
        timed_insert!(conn, budget_program::table, s.budget_programs, 11),
        timed_insert!(conn, report_quality::table, s.quality, 11),
    ];
    let start = Instant::now();
    recreate_indexes(conn, &indexes)?;
    let [a, b, c, d, e, f, g] = written;
    let housekeeping = TableWrite {
        table: "clear and reindex",
        rows: indexes.len(),
        time: clearing + start.elapsed(),
    };
    Ok([a, b, c, d, e, f, g, housekeeping])
}
