//! The refresh: read the current facts, compute the snapshot with polars, write it back, all in
//! one transaction so the snapshot always matches one state of the warehouse. Reading, computing
//! and writing overlap (two cores: the writer is never the only thing running), see `pipeline`.

use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::thread::ScopedJoinHandle;
use std::time::{Duration, Instant};

use diesel::Connection;
use polars::prelude::*;
use warehouse::DbConnection;

use crate::budget::budget_summaries;
use crate::collect::{composite_rows, rank_rows, RankColumns};
use crate::composite::composite_scores;
use crate::error::AnalyticsError;
use crate::facts::FactRecord;
use crate::foreign_keys::without_sqlite_foreign_key_checks;
use crate::frame::{facts_frame, one_fact_per_concept};
use crate::quality::quality_rows;
use crate::quality_read::{figure_counts, FigureCounts};
use crate::ranking::indicator_ranks;
use crate::report_read::{current_reports, issues, ReportRecord};
use crate::rows::{CompositeRow, IndicatorRankRow, Snapshot};
use crate::rows::{StoryFlagRow, TrendRow};
use crate::series::build_series;
use crate::series_read::{own_year_facts, series_facts, SeriesFact};
use crate::side_reader::side_reader;
use crate::snapshot::{
    clear, restore_indexes, write_budget, write_composites, write_quality, write_ranks,
    write_story_flags, write_trends, Cleared, TableWrite, RANK_COLUMNS,
};
use crate::story::story_flags;
use crate::trend::trend_rows;

/// What a refresh did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RefreshSummary {
    /// Current facts of a canonical concept read from the warehouse, own year only.
    pub facts_read: usize,
    /// Rows written to `indicator_rank` (one per kecamatan, concept and year).
    pub indicator_rows: usize,
    /// Rows written to `composite_score` (one per kecamatan-year with a goal-level capaian).
    pub composite_rows: usize,
    pub trend_rows: usize,
    pub story_flag_rows: usize,
    pub budget_summary_rows: usize,
    pub quality_rows: usize,
}

/// Where a refresh spent its time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RefreshTimings {
    /// Until every input was read (facts and reports are read side by side).
    pub read: Duration,
    /// What the writer waited for computations once the inputs were in (the rest of the
    /// computing overlaps the reads and the writes).
    pub compute: Duration,
    /// The rest: writing, rebuilding the indexes, computing what only the writer computes.
    pub write: Duration,
    /// The write, per snapshot table, then clearing the tables and rebuilding their indexes.
    pub tables: [TableWrite; 7],
}

/// Everything a refresh reads from the warehouse.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inputs {
    /// Canonical facts of current reports, own-year and history.
    pub facts: Vec<SeriesFact>,
    pub reports: Vec<ReportRecord>,
    pub counts: FigureCounts,
    /// (report id, issue code, severity).
    pub issues: Vec<(i64, String, String)>,
}

pub fn read_inputs(conn: &mut DbConnection) -> diesel::QueryResult<Inputs> {
    let facts = series_facts(conn)?;
    let ReportInputs {
        reports,
        counts,
        issues,
    } = read_report_inputs(conn)?;
    Ok(Inputs {
        facts,
        reports,
        counts,
        issues,
    })
}

/// Everything a refresh reads but the facts.
struct ReportInputs {
    reports: Vec<ReportRecord>,
    counts: FigureCounts,
    issues: Vec<(i64, String, String)>,
}

fn read_report_inputs(conn: &mut DbConnection) -> diesel::QueryResult<ReportInputs> {
    Ok(ReportInputs {
        reports: current_reports(conn)?,
        counts: figure_counts(conn)?,
        issues: issues(conn)?,
    })
}

/// Recomputes the analytics snapshot tables from the current reports of the warehouse.
pub fn refresh(conn: &mut DbConnection) -> Result<RefreshSummary, AnalyticsError> {
    refresh_timed(conn).map(|(summary, _)| summary)
}

/// [`refresh`] only when reports or the taxonomy changed since the last refresh (a server start on
/// an unchanged national warehouse then costs nothing); `None` when the snapshot was current.
pub fn refresh_if_stale(conn: &mut DbConnection) -> Result<Option<RefreshSummary>, AnalyticsError> {
    if warehouse::data_version(conn)?.analytics_current() {
        return Ok(None);
    }
    refresh(conn).map(Some)
}

/// [`refresh`], also saying how long reading, computing and writing took (for benchmarks).
pub fn refresh_timed(
    conn: &mut DbConnection,
) -> Result<(RefreshSummary, RefreshTimings), AnalyticsError> {
    let refreshed = snapshot_in_one_transaction(conn)?;
    // The warehouse and the snapshot changed in bulk: the planner's statistics follow.
    warehouse::refresh_planner_statistics(conn)?;
    Ok(refreshed)
}

fn snapshot_in_one_transaction(
    conn: &mut DbConnection,
) -> Result<(RefreshSummary, RefreshTimings), AnalyticsError> {
    without_sqlite_foreign_key_checks(conn, |conn| {
        conn.transaction(|conn| {
            let start = Instant::now();
            // A write first: it takes SQLite's write lock, so that the side reader opened next
            // sees the same state of the warehouse as this transaction (see `side_reader`).
            let cleared = clear(conn)?;
            let version = warehouse::data_version(conn)?;
            let side = side_reader(conn)?;
            let (summary, mut timings) =
                std::thread::scope(|scope| pipeline(scope, conn, side, cleared))?;
            warehouse::mark_analytics_current(conn, version.warehouse)?;
            timings.write = start
                .elapsed()
                .saturating_sub(timings.read + timings.compute);
            tracing::info!(?summary, ?timings, "analytics snapshot refreshed");
            Ok((summary, timings))
        })
    })
}

/// What the facts alone give: the standings, and the trends and story leads of the series.
struct FromFacts {
    indicator_ranks: Vec<IndicatorRankRow>,
    composites: Vec<CompositeRow>,
    trends: Vec<TrendRow>,
    story_flags: Vec<StoryFlagRow>,
}

/// What the facts job returns once it is done (the standings' rows were handed over on the
/// way): the composite scores, the number of own-year facts, and when the facts were in.
type FromStandings = (Vec<CompositeRow>, usize, Duration);

/// Rows of `indicator_rank` handed to the writer at a time: 16 of the statements
/// `warehouse::insert_all!` writes on SQLite (1,391 rows each), so that no range but the last
/// leaves a partial statement.
const RANK_ROWS_AT_A_TIME: usize = warehouse::sqlite_rows_per_insert(RANK_COLUMNS) * 16;

/// Where the facts job hands over its results, each as soon as it is computed: the trends
/// first (the series are ready before the standings), then the story leads, then the
/// standings' rows a range at a time, so that the writer inserts the first range while the
/// next is built.
struct Handover {
    trends: SyncSender<Vec<TrendRow>>,
    story_flags: SyncSender<Vec<StoryFlagRow>>,
    ranks: Sender<Vec<IndicatorRankRow>>,
}

/// The receiving ends of [`Handover`].
struct Handed {
    trends: Receiver<Vec<TrendRow>>,
    story_flags: Receiver<Vec<StoryFlagRow>>,
    ranks: Receiver<Vec<IndicatorRankRow>>,
}

fn handover() -> (Handover, Handed) {
    let (trends, trends_in) = sync_channel(1);
    let (story_flags, story_flags_in) = sync_channel(1);
    // Unbounded: `compute_snapshot` collects the ranges only after the job is done.
    let (ranks, ranks_in) = channel();
    (
        Handover {
            trends,
            story_flags,
            ranks,
        },
        Handed {
            trends: trends_in,
            story_flags: story_flags_in,
            ranks: ranks_in,
        },
    )
}

/// Computes the series (plain Rust, quicker than the standings) on another thread, handing
/// their results over as they are ready, while this thread computes the standings and hands
/// their rows over a range at a time.
fn series_then_standings(
    facts: &[SeriesFact],
    out: Handover,
    read: Duration,
) -> Result<FromStandings, AnalyticsError> {
    let Handover {
        trends,
        story_flags: leads,
        ranks,
    } = out;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let series = build_series(facts);
            // A receiver is gone only when the writer already failed: nothing to report.
            let _ = trends.send(trend_rows(&series));
            let _ = leads.send(story_flags(&series));
        });
        let own = own_year_facts(facts);
        let (frame, composites) = standing_frame(&own)?;
        let columns = RankColumns::of(&frame, &own)?;
        for start in (0..columns.row_count()).step_by(RANK_ROWS_AT_A_TIME) {
            if ranks
                .send(columns.rows(start..start + RANK_ROWS_AT_A_TIME)?)
                .is_err()
            {
                break; // the writer failed: it reports why
            }
        }
        Ok((composites, own.len(), read))
    })
}

/// A result of the series job; when it never came, the job's own error says why.
fn received<'scope, T, J>(
    channel: &Receiver<T>,
    job: ScopedJoinHandle<'scope, Result<J, AnalyticsError>>,
) -> Result<(T, ScopedJoinHandle<'scope, Result<J, AnalyticsError>>), AnalyticsError> {
    match channel.recv() {
        Ok(value) => Ok((value, job)),
        Err(_) => {
            joined(job)?;
            Err(series_lost())
        }
    }
}

/// The series job ended without handing over a result (and without an error of its own).
fn series_lost() -> AnalyticsError {
    AnalyticsError::Inconsistent("the series were not computed".into())
}

/// Computes [`FromFacts`], the standings and the series side by side.
fn from_facts(facts: &[SeriesFact]) -> Result<FromFacts, AnalyticsError> {
    let (out, series) = handover();
    let (composites, _, _) = series_then_standings(facts, out, Duration::ZERO)?;
    Ok(FromFacts {
        indicator_ranks: series.ranks.try_iter().flatten().collect(),
        composites,
        trends: series.trends.recv().map_err(|_| series_lost())?,
        story_flags: series.story_flags.recv().map_err(|_| series_lost())?,
    })
}

/// Waits for a computation thread; a panic there is re-raised here.
fn joined<T>(job: ScopedJoinHandle<'_, T>) -> T {
    job.join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The refresh inside its transaction, with the snapshot tables already cleared. The facts are
/// read on the side reader when there is one, and everything computed from them is computed on
/// other threads, while this thread (the only one that may write: SQLite and libpq connections
/// are not shared) reads the reports and writes each table as soon as it is computed: the
/// report table first, then the series (trends, story leads: ready first), then the standings,
/// then the budget summaries (they need the composite scores). Returns the summary and the time
/// spent reading (until every input was in) and waiting for computations; the caller adds the
/// writing time.
fn pipeline<'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    conn: &mut DbConnection,
    side: Option<DbConnection>,
    cleared: Cleared,
) -> Result<(RefreshSummary, RefreshTimings), AnalyticsError> {
    let start = Instant::now();
    let (out, series) = handover();
    type FactsJob = Result<FromStandings, AnalyticsError>;
    let facts_job: ScopedJoinHandle<'scope, FactsJob> = match side {
        Some(mut reader) => scope.spawn(move || {
            let facts = series_facts(&mut reader)?;
            series_then_standings(&facts, out, start.elapsed())
        }),
        None => {
            let facts = series_facts(conn)?;
            let read = start.elapsed();
            scope.spawn(move || series_then_standings(&facts, out, read))
        }
    };
    let inputs = read_report_inputs(conn)?;
    let reports_read = start.elapsed();
    let (quality_write, quality_rows) = {
        // Dropped once written: a national refresh holds a lot at once (goal < 1 GiB).
        let quality = quality_rows(&inputs.reports, &inputs.counts, &inputs.issues);
        (write_quality(conn, &quality)?, quality.len())
    };
    let reports = inputs.reports;
    let mut compute = Duration::ZERO;
    let waiting = Instant::now();
    let (trends, facts_job) = received(&series.trends, facts_job)?;
    compute += waiting.elapsed();
    let trend = write_trends(conn, &trends)?;
    let trend_rows = trends.len();
    drop(trends);
    let waiting = Instant::now();
    let (story_flags, facts_job) = received(&series.story_flags, facts_job)?;
    compute += waiting.elapsed();
    let story = write_story_flags(conn, &story_flags)?;
    let story_flag_rows = story_flags.len();
    drop(story_flags);
    let mut ranks = TableWrite {
        table: "indicator_rank",
        ..TableWrite::default()
    };
    loop {
        let waiting = Instant::now();
        // Closed once the job sent the last range, or failed (then joining it says why).
        let Ok(range) = series.ranks.recv() else {
            break;
        };
        compute += waiting.elapsed();
        let written = write_ranks(conn, &range)?;
        ranks.rows += written.rows;
        ranks.time += written.time;
    }
    let waiting = Instant::now();
    let (composites, own_year_facts, facts_read) = joined(facts_job)?;
    compute += waiting.elapsed();
    let scores = write_composites(conn, &composites)?;
    let budgets = budget_summaries(&reports, &composites)?;
    let budget = write_budget(conn, &budgets)?;
    let reindex = restore_indexes(conn, cleared)?;
    let summary = RefreshSummary {
        facts_read: own_year_facts,
        indicator_rows: ranks.rows,
        composite_rows: composites.len(),
        trend_rows,
        story_flag_rows,
        budget_summary_rows: budgets.len(),
        quality_rows,
    };
    let timings = RefreshTimings {
        read: reports_read.max(facts_read),
        compute,
        write: Duration::ZERO,
        tables: [ranks, scores, trend, story, budget, quality_write, reindex],
    };
    Ok((summary, timings))
}

/// The snapshot of what a refresh read, without a database (for tests and benchmarks).
pub fn compute_snapshot(inputs: &Inputs) -> Result<Snapshot, AnalyticsError> {
    let from = from_facts(&inputs.facts)?;
    Ok(Snapshot {
        budget_summaries: budget_summaries(&inputs.reports, &from.composites)?,
        quality: quality_rows(&inputs.reports, &inputs.counts, &inputs.issues),
        indicator_ranks: from.indicator_ranks,
        composites: from.composites,
        trends: from.trends,
        story_flags: from.story_flags,
    })
}

/// Per-concept standings and composite scores of the own-year facts.
pub fn standings(
    facts: &[FactRecord],
) -> Result<(Vec<IndicatorRankRow>, Vec<CompositeRow>), AnalyticsError> {
    let facts: Vec<&FactRecord> = facts.iter().collect();
    let (frame, composites) = standing_frame(&facts)?;
    Ok((rank_rows(&frame, &facts)?, composites))
}

/// The standings of facts held elsewhere (the refresh's own-year facts are a subset of the
/// series facts: borrowed, not copied), as the frame their rows are read from, and the
/// composite scores.
fn standing_frame(facts: &[&FactRecord]) -> Result<(DataFrame, Vec<CompositeRow>), AnalyticsError> {
    let (frame, keys) = facts_frame(facts)?;
    let chosen = one_fact_per_concept(frame.lazy())?;
    // Both computations start from the same chosen facts: let polars evaluate them once.
    let chosen = chosen.cache();
    let ranks = indicator_ranks(chosen.clone())?.collect()?;
    let composites = composite_scores(chosen)?.collect()?;
    Ok((ranks, composite_rows(&composites, &keys)?))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use model::Exact;

    use super::*;

    fn fact(i: i64) -> FactRecord {
        FactRecord {
            fact_id: i,
            report_id: i,
            kecamatan_code: format!("11.01.{i:02}"),
            kabupaten_code: "11.01".to_owned(),
            provinsi_code: "11".to_owned(),
            concept_key: "ikm".to_owned(),
            tahun: 2024,
            level: Some("sasaran".to_owned()),
            direction: None,
            realisasi: Some(Exact::new((80 + i % 3).into())),
            capaian_reported: None,
            capaian_computed: None,
        }
    }

    #[test]
    fn the_standings_handed_over_in_ranges_are_the_standings() {
        let facts: Vec<FactRecord> = (1..=7).map(fact).collect();
        let refs: Vec<&FactRecord> = facts.iter().collect();
        let (frame, _) = standing_frame(&refs).unwrap();
        let columns = RankColumns::of(&frame, &refs).unwrap();
        let whole = columns.rows(0..columns.row_count()).unwrap();
        assert_eq!(whole.len(), 7);
        let mut ranges = columns.rows(0..3).unwrap();
        ranges.extend(columns.rows(3..6).unwrap());
        ranges.extend(columns.rows(6..10).unwrap());
        assert_eq!(ranges, whole, "ranges join up, the last one clamped");
        assert!(columns.rows(9..12).unwrap().is_empty());
        // 81, 82, 80, 81, 82, 80, 81: three tie at 81 behind two at 82.
        let ranks: Vec<Option<i32>> = whole.iter().map(|r| r.rank_kabupaten).collect();
        assert_eq!(
            ranks,
            [
                Some(3),
                Some(1),
                Some(6),
                Some(3),
                Some(1),
                Some(6),
                Some(3)
            ]
        );
    }

    #[test]
    fn ranges_of_standing_rows_fill_whole_insert_statements() {
        assert_eq!(
            RANK_ROWS_AT_A_TIME % warehouse::sqlite_rows_per_insert(RANK_COLUMNS),
            0
        );
    }
}
