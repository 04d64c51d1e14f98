//! The refresh: read the current facts, compute the snapshot with polars, write it back, all in
//! one transaction so the snapshot always matches one state of the warehouse.

use diesel::Connection;
use polars::prelude::*;
use warehouse::DbConnection;

use crate::collect::{composite_rows, rank_rows};
use crate::composite::composite_scores;
use crate::error::AnalyticsError;
use crate::facts::{current_facts, FactRecord};
use crate::frame::{facts_frame, one_fact_per_concept};
use crate::ranking::indicator_ranks;
use crate::rows::Snapshot;
use crate::snapshot::replace;

/// What a refresh did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RefreshSummary {
    /// Current facts of a canonical concept read from the warehouse.
    pub facts_read: usize,
    /// Rows written to `indicator_rank` (one per kecamatan, concept and year).
    pub indicator_rows: usize,
    /// Rows written to `composite_score` (one per kecamatan-year with a goal-level capaian).
    pub composite_rows: usize,
}

/// Recomputes the analytics snapshot tables from the current facts of the warehouse.
pub fn refresh(conn: &mut DbConnection) -> Result<RefreshSummary, AnalyticsError> {
    conn.transaction(|conn| {
        let facts = current_facts(conn)?;
        let snapshot = compute_snapshot(&facts)?;
        replace(conn, &snapshot)?;
        let summary = RefreshSummary {
            facts_read: facts.len(),
            indicator_rows: snapshot.indicator_ranks.len(),
            composite_rows: snapshot.composites.len(),
        };
        tracing::info!(?summary, "analytics snapshot refreshed");
        Ok(summary)
    })
}

/// The snapshot of a set of facts, without a database (for tests and benchmarks).
pub fn compute_snapshot(facts: &[FactRecord]) -> Result<Snapshot, AnalyticsError> {
    let chosen = one_fact_per_concept(facts_frame(facts)?.lazy())?;
    // Both computations start from the same chosen facts: let polars evaluate them once.
    let chosen = chosen.cache();
    let ranks = indicator_ranks(chosen.clone())?.collect()?;
    let composites = composite_scores(chosen)?.collect()?;
    Ok(Snapshot {
        indicator_ranks: rank_rows(&ranks, facts)?,
        composites: composite_rows(&composites)?,
    })
}
