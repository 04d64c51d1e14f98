//! Why a refresh failed. The snapshot tables are unchanged whenever one is returned: the write
//! is one transaction.

#[derive(Debug, thiserror::Error)]
pub enum AnalyticsError {
    #[error("database error during the analytics refresh: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("computation error in the analytics frames: {0}")]
    Frame(#[from] polars::error::PolarsError),
    /// A computed frame lacks a value the snapshot needs: a bug in the computation, reported
    /// instead of writing a half-filled snapshot.
    #[error("the computed snapshot is inconsistent: {0}")]
    Inconsistent(String),
}
