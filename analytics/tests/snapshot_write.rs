//! The bulk write of a snapshot, on both backends: what lands in the tables is exactly what
//! `compute_snapshot` computed (text forms compared, so a figure's scale and a statistic's last
//! bit count), over a synthetic warehouse big enough that every table is written in several
//! fixed-size statements plus a remainder on SQLite; and the refresh leaves the connection and
//! the indexes as it found them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fmt::Debug;

use analytics::{
    BudgetSummaryRow, CompositeRow, IndicatorRankRow, QualityRow, Snapshot, StoryFlagRow, TrendRow,
};
use common::{Backend, TestDb};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer};
use testkit::on_both_backends;
use warehouse::schema_analytics as s;
use warehouse::synth::{generate, SynthOptions};
use warehouse::DbConnection;

on_both_backends!(
    the_written_snapshot_is_the_computed_one,
    a_refresh_restores_foreign_keys_and_indexes,
);

/// 300 kecamatan × 5 years: ~7,000 standings, more than the 1,391 rows of one `indicator_rank`
/// statement on SQLite.
fn synthetic(backend: Backend) -> (TestDb, DbConnection) {
    let db = TestDb::fresh(backend).unwrap();
    let mut conn = db.open();
    let options = SynthOptions {
        kecamatan: 300,
        years: 5,
        last_year: 2024,
        seed: 7,
    };
    generate(&mut conn, &options, &mut |_, _| {}).unwrap();
    (db, conn)
}

/// Each row's debug text (exact figures with their scale, f64s to the last bit), sorted.
fn texts<T: Debug>(rows: &[T]) -> Vec<String> {
    let mut texts: Vec<String> = rows.iter().map(|r| format!("{r:?}")).collect();
    texts.sort();
    texts
}

fn written(conn: &mut DbConnection) -> Snapshot {
    Snapshot {
        indicator_ranks: s::indicator_rank::table
            .select(IndicatorRankRow::as_select())
            .load(conn)
            .unwrap(),
        composites: s::composite_score::table
            .select(CompositeRow::as_select())
            .load(conn)
            .unwrap(),
        trends: s::indicator_trend::table
            .select(TrendRow::as_select())
            .load(conn)
            .unwrap(),
        story_flags: s::story_flag::table
            .select(StoryFlagRow::as_select())
            .load(conn)
            .unwrap(),
        budget_summaries: s::budget_summary::table
            .select(BudgetSummaryRow::as_select())
            .load(conn)
            .unwrap(),
        quality: s::report_quality::table
            .select(QualityRow::as_select())
            .load(conn)
            .unwrap(),
    }
}

fn the_written_snapshot_is_the_computed_one(backend: Backend) {
    let (_db, mut conn) = synthetic(backend);
    let inputs = analytics::read_inputs(&mut conn).unwrap();
    let computed = analytics::compute_snapshot(&inputs).unwrap();
    assert!(
        computed.indicator_ranks.len() > 2 * 1_391,
        "several statements"
    );
    // Twice: the second refresh replaces a full snapshot (clearing, indexes set aside).
    for _ in 0..2 {
        analytics::refresh(&mut conn).unwrap();
        let back = written(&mut conn);
        assert_eq!(
            texts(&back.indicator_ranks),
            texts(&computed.indicator_ranks)
        );
        assert_eq!(texts(&back.composites), texts(&computed.composites));
        assert_eq!(texts(&back.trends), texts(&computed.trends));
        assert_eq!(texts(&back.story_flags), texts(&computed.story_flags));
        assert_eq!(
            texts(&back.budget_summaries),
            texts(&computed.budget_summaries)
        );
        assert_eq!(texts(&back.quality), texts(&computed.quality));
    }
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = Integer)]
    foreign_keys: i32,
}

/// Indexes on the snapshot tables, primary keys included.
fn snapshot_indexes(conn: &mut DbConnection) -> i64 {
    let sql = match conn {
        DbConnection::Sqlite(_) => {
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'index' AND tbl_name IN \
             ('indicator_rank', 'composite_score', 'indicator_trend', 'story_flag', \
             'budget_summary', 'report_quality')"
        }
        DbConnection::Postgres(_) => {
            "SELECT COUNT(*) AS n FROM pg_indexes WHERE tablename IN \
             ('indicator_rank', 'composite_score', 'indicator_trend', 'story_flag', \
             'budget_summary', 'report_quality')"
        }
    };
    diesel::sql_query(sql).get_result::<Count>(conn).unwrap().n
}

fn a_refresh_restores_foreign_keys_and_indexes(backend: Backend) {
    let (_db, mut conn) = synthetic(backend);
    let before = snapshot_indexes(&mut conn);
    // 6 primary keys and the 3 secondary indexes of the migrations.
    assert!(before >= 9, "{before}");
    analytics::refresh(&mut conn).unwrap();
    analytics::refresh(&mut conn).unwrap();
    assert_eq!(snapshot_indexes(&mut conn), before);
    if let DbConnection::Sqlite(c) = &mut conn {
        let on = diesel::sql_query("PRAGMA foreign_keys")
            .get_result::<Setting>(c)
            .unwrap();
        assert_eq!(
            on.foreign_keys, 1,
            "enforcement is back on after the refresh"
        );
        // The rows written without checks satisfy every constraint.
        let violations = diesel::sql_query(
            "SELECT COUNT(*) AS n FROM pragma_foreign_key_check WHERE \"table\" IN \
             ('indicator_rank', 'composite_score', 'indicator_trend', 'story_flag', \
             'budget_summary', 'report_quality')",
        )
        .get_result::<Count>(c)
        .unwrap();
        assert_eq!(violations.n, 0);
    }
}
