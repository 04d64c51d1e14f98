//! The refresh: read the current facts, compute the snapshot with polars, write it back, all in
//! one transaction so the snapshot always matches one state of the warehouse.

use std::time::{Duration, Instant};

use diesel::Connection;
use polars::prelude::*;
use warehouse::DbConnection;

use crate::budget::{budget_programs, budget_summaries};
use crate::collect::{composite_rows, rank_rows};
use crate::composite::composite_scores;
use crate::error::AnalyticsError;
use crate::facts::FactRecord;
use crate::foreign_keys::without_sqlite_foreign_key_checks;
use crate::frame::{facts_frame, one_fact_per_concept};
use crate::quality::quality_rows;
use crate::quality_read::{figure_counts, FigureCounts};
use crate::ranking::indicator_ranks;
use crate::report_read::{current_reports, issues, program_lines, ProgramLine, ReportRecord};
use crate::rows::{CompositeRow, IndicatorRankRow, Snapshot};
use crate::series::build_series;
use crate::series_read::{own_year_facts, series_facts, SeriesFact};
use crate::snapshot::{clear, restore_indexes, write_later, write_standings, TableWrite};
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
    pub budget_program_rows: usize,
    pub quality_rows: usize,
}

/// Where a refresh spent its time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RefreshTimings {
    pub read: Duration,
    pub compute: Duration,
    pub write: Duration,
    /// The write, per snapshot table, then clearing the tables and rebuilding their indexes.
    pub tables: [TableWrite; 8],
}

/// Everything a refresh reads from the warehouse.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inputs {
    /// Canonical facts of current reports, own-year and history.
    pub facts: Vec<SeriesFact>,
    pub reports: Vec<ReportRecord>,
    pub programs: Vec<ProgramLine>,
    pub counts: FigureCounts,
    /// (report id, issue code, severity).
    pub issues: Vec<(i64, String, String)>,
}

pub fn read_inputs(conn: &mut DbConnection) -> diesel::QueryResult<Inputs> {
    Ok(Inputs {
        facts: series_facts(conn)?,
        reports: current_reports(conn)?,
        programs: program_lines(conn)?,
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
    without_sqlite_foreign_key_checks(conn, |conn| {
        conn.transaction(|conn| {
            let start = Instant::now();
            let version = warehouse::data_version(conn)?;
            let inputs = read_inputs(conn)?;
            let read = start.elapsed();
            let (indicator_ranks, composites) = standings(&own_year_facts(&inputs.facts))?;
            let mut compute = start.elapsed() - read;
            let (later, tables, waited) =
                write_while_computing(conn, &inputs, &indicator_ranks, &composites)?;
            compute += waited;
            let snapshot = Snapshot {
                indicator_ranks,
                composites,
                ..later
            };
            warehouse::mark_analytics_current(conn, version.warehouse)?;
            let timings = RefreshTimings {
                read,
                compute,
                write: start.elapsed() - read - compute,
                tables,
            };
            let summary = RefreshSummary {
                facts_read: inputs.facts.iter().filter(|f| f.is_own_year()).count(),
                indicator_rows: snapshot.indicator_ranks.len(),
                composite_rows: snapshot.composites.len(),
                trend_rows: snapshot.trends.len(),
                story_flag_rows: snapshot.story_flags.len(),
                budget_summary_rows: snapshot.budget_summaries.len(),
                budget_program_rows: snapshot.budget_programs.len(),
                quality_rows: snapshot.quality.len(),
            };
            tracing::info!(?summary, ?timings, "analytics snapshot refreshed");
            Ok((summary, timings))
        })
    })
}

/// Replaces the snapshot tables, writing the standings while the other tables are computed on
/// the other core (the machine this runs on has two; SQLite and libpq write from this thread
/// only). Returns those other tables, what each table's write cost, and how long the writer
/// waited for their computation.
fn write_while_computing(
    conn: &mut DbConnection,
    inputs: &Inputs,
    indicator_ranks: &[IndicatorRankRow],
    composites: &[CompositeRow],
) -> Result<(Snapshot, [TableWrite; 8], Duration), AnalyticsError> {
    std::thread::scope(|scope| {
        let later = scope.spawn(|| later_tables(inputs, composites));
        let cleared = clear(conn)?;
        let [ranks, scores] = write_standings(conn, indicator_ranks, composites)?;
        let waiting = Instant::now();
        let later = later
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        let waited = waiting.elapsed();
        let [trend, story, budget, program, quality] = write_later(conn, &later)?;
        let reindex = restore_indexes(conn, cleared)?;
        let tables = [
            ranks, scores, trend, story, budget, program, quality, reindex,
        ];
        Ok((later, tables, waited))
    })
}

/// The snapshot of what a refresh read, without a database (for tests and benchmarks).
pub fn compute_snapshot(inputs: &Inputs) -> Result<Snapshot, AnalyticsError> {
    let (indicator_ranks, composites) = standings(&own_year_facts(&inputs.facts))?;
    let later = later_tables(inputs, &composites)?;
    Ok(Snapshot {
        indicator_ranks,
        composites,
        ..later
    })
}

/// Everything but the standings (which the budget quadrants need the composite scores of).
fn later_tables(inputs: &Inputs, composites: &[CompositeRow]) -> Result<Snapshot, AnalyticsError> {
    let series = build_series(&inputs.facts);
    Ok(Snapshot {
        trends: trend_rows(&series),
        story_flags: story_flags(&series),
        budget_summaries: budget_summaries(&inputs.reports, composites)?,
        budget_programs: budget_programs(&inputs.reports, &inputs.programs),
        quality: quality_rows(&inputs.reports, &inputs.counts, &inputs.issues),
        indicator_ranks: Vec::new(),
        composites: Vec::new(),
    })
}

/// Per-concept standings and composite scores of the own-year facts.
pub fn standings(
    facts: &[FactRecord],
) -> Result<(Vec<IndicatorRankRow>, Vec<CompositeRow>), AnalyticsError> {
    let chosen = one_fact_per_concept(facts_frame(facts)?.lazy())?;
    // Both computations start from the same chosen facts: let polars evaluate them once.
    let chosen = chosen.cache();
    let ranks = indicator_ranks(chosen.clone())?.collect()?;
    let composites = composite_scores(chosen)?.collect()?;
    Ok((rank_rows(&ranks, facts)?, composite_rows(&composites)?))
}
