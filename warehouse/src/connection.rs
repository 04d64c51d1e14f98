//! One connection type for both backends, chosen by the database URL.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::{PgConnection, SqliteConnection};

use crate::error::WarehouseError;

/// A connection to the warehouse: PostgreSQL for production, SQLite embedded by default.
/// The derive also generates [`MultiBackend`], the backend type queries are written against.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which backend a database URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackendKind {
    Postgres,
    Sqlite,
}

impl BackendKind {
    pub fn of_url(url: &str) -> Self {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            BackendKind::Postgres
        } else {
            BackendKind::Sqlite
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Postgres => "PostgreSQL",
            BackendKind::Sqlite => "SQLite",
        }
    }
}

/// The URL as it may be shown to a person: the password replaced by `***`.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            // set_password only fails for URLs that cannot have one, which we just ruled out.
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// SQLite settings every connection needs: enforce foreign keys (off by default in SQLite),
/// write-ahead logging so readers never block the loader, and a wait instead of an immediate
/// "database is locked" when two writers meet.
const SQLITE_PRAGMAS: &str = "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;";

impl DbConnection {
    /// Opens the database a URL names: `postgres://…`/`postgresql://…`, or a SQLite file path
    /// (optionally written `sqlite://PATH`).
    pub fn open(url: &str) -> Result<Self, WarehouseError> {
        let unreachable = |source: ConnectionError| WarehouseError::Unreachable {
            url: redact_url(url),
            source,
        };
        match BackendKind::of_url(url) {
            BackendKind::Postgres => PgConnection::establish(url)
                .map(DbConnection::Postgres)
                .map_err(unreachable),
            BackendKind::Sqlite => {
                let path = url.strip_prefix("sqlite://").unwrap_or(url);
                let mut conn = SqliteConnection::establish(path).map_err(unreachable)?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(|e| unreachable(ConnectionError::CouldntSetupConfiguration(e)))?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    pub fn backend(&self) -> BackendKind {
        match self {
            DbConnection::Postgres(_) => BackendKind::Postgres,
            DbConnection::Sqlite(_) => BackendKind::Sqlite,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_appear_in_messages() {
        let shown = redact_url("postgres://kinerja:s3cret@db.example:5432/kinerja");
        assert_eq!(shown, "postgres://kinerja:***@db.example:5432/kinerja");
        assert_eq!(redact_url("kinerja.db"), "kinerja.db");
    }

    #[test]
    fn the_url_chooses_the_backend() {
        assert_eq!(
            BackendKind::of_url("postgresql://x/y"),
            BackendKind::Postgres
        );
        assert_eq!(
            BackendKind::of_url("sqlite://kinerja.db"),
            BackendKind::Sqlite
        );
        assert_eq!(BackendKind::of_url("/tmp/k.db"), BackendKind::Sqlite);
    }
}
