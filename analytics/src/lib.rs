//! kinerja analytics: the only polars user. It reads the current reports from the warehouse,
//! computes per-concept standings (rank, percentile, kabupaten median), a composite score per
//! kecamatan-year, year-over-year trends, story leads, budget figures with spend-versus-
//! achievement quadrants and a data-quality grade per report, and writes them back as snapshot
//! tables in one transaction. The formulas are in `docs/methodology.md`.

mod budget;
mod collect;
mod composite;
mod error;
pub mod export;
mod facts;
mod foreign_keys;
pub mod frame;
mod quadrant;
mod quality;
mod quality_read;
mod ranking;
mod refresh;
mod report_read;
mod rows;
mod series;
mod series_read;
mod side_reader;
mod snapshot;
mod snapshot_indexes;
mod standing;
mod story;
mod story_text;
mod trend;

pub use composite::{composite_scores, COMPOSITE_CAP};
pub use error::AnalyticsError;
pub use facts::{current_facts, FactRecord};
pub use quality::grade;
pub use quality_read::FigureCounts;
pub use ranking::indicator_ranks;
pub use refresh::{
    compute_snapshot, read_inputs, refresh, refresh_if_stale, refresh_timed, standings, Inputs,
    RefreshSummary, RefreshTimings,
};
pub use report_read::ReportRecord;
pub use rows::{BudgetSummaryRow, QualityRow, StoryFlagRow, TrendRow};
pub use rows::{CompositeRow, IndicatorRankRow, Snapshot};
pub use series::{build_series, Series, YearPoint};
pub use series_read::SeriesFact;
pub use snapshot::TableWrite;

#[cfg(test)]
mod test_frames;
