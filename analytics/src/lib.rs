//! kinerja analytics: the only polars user. It reads the current indicator facts from the
//! warehouse into lazy frames, computes per-concept standings (rank, percentile, kabupaten
//! median) and a composite score per kecamatan-year, and writes them back as snapshot tables in
//! one transaction. The formulas are in `docs/methodology.md`.

mod collect;
mod composite;
mod error;
mod facts;
pub mod frame;
mod ranking;
mod refresh;
mod rows;
mod snapshot;
mod standing;

pub use composite::{composite_scores, COMPOSITE_CAP};
pub use error::AnalyticsError;
pub use facts::{current_facts, FactRecord};
pub use ranking::indicator_ranks;
pub use refresh::{compute_snapshot, refresh, RefreshSummary};
pub use rows::{CompositeRow, IndicatorRankRow, Snapshot};

#[cfg(test)]
mod test_frames;
