//! Errors of the warehouse, each saying what to do about it.

use diesel::ConnectionError;

#[derive(Debug, thiserror::Error)]
pub enum WarehouseError {
    #[error("cannot reach the database at {url}: {source}")]
    Unreachable {
        url: String,
        #[source]
        source: ConnectionError,
    },
    #[error("database migration failed: {0}")]
    Migration(String),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("no database connection available: {0}")]
    Pool(String),
}

/// Why a report could not be loaded. The database is unchanged whenever one is returned.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the extract has schema `{found}`, expected `{expected}`")]
    WrongSchema {
        found: String,
        expected: &'static str,
    },
    #[error("the report does not say its {0}, so it cannot be placed in the warehouse")]
    MissingIdentity(&'static str),
    #[error(transparent)]
    UnknownRegion(#[from] regions::ResolveError),
    #[error("the kecamatan code {0} printed in the extract is not an official kecamatan code")]
    UnknownCode(String),
    #[error("the report file does not match the extract: its sha256 is {actual}, the extract says {expected}")]
    TextMismatch { expected: String, actual: String },
    #[error(transparent)]
    Database(#[from] WarehouseError),
    /// Raised by a test hook to prove that a failure mid-load leaves no trace.
    #[error("load interrupted at {0}")]
    Interrupted(&'static str),
}

impl From<diesel::result::Error> for LoadError {
    fn from(e: diesel::result::Error) -> Self {
        LoadError::Database(WarehouseError::Query(e))
    }
}
