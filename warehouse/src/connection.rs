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
///
/// Reads go through a memory map of the first 256 MiB of the file (a national warehouse fits):
/// pages are read in place from the kernel's page cache instead of being copied into each
/// connection's own page cache (docs/benchmarks.md, *Design decisions*); the mapped pages show
/// in the server's RSS as file pages, which the kernel caches anyway and can reclaim at any time.
const SQLITE_PRAGMAS: &str = "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA mmap_size = 268435456;";

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
    fn sqlite_connections_get_their_pragmas() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("pragmas.db");
        let mut conn = DbConnection::open(&path.to_string_lossy()).expect("opens");
        let DbConnection::Sqlite(sqlite) = &mut conn else {
            panic!("a file path opens SQLite");
        };
        // `PRAGMA x` answers one row whose column is named after the setting.
        #[derive(QueryableByName)]
        struct ForeignKeys {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            foreign_keys: i64,
        }
        #[derive(QueryableByName)]
        struct BusyTimeout {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            timeout: i64,
        }
        #[derive(QueryableByName)]
        struct MmapSize {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            mmap_size: i64,
        }
        let pragma = |name: &str| diesel::sql_query(format!("PRAGMA {name}"));
        let fk: ForeignKeys = pragma("foreign_keys").get_result(sqlite).expect("readable");
        let busy: BusyTimeout = pragma("busy_timeout").get_result(sqlite).expect("readable");
        // 0 here would mean a SQLite built without memory-mapped I/O: the pragma is then ignored.
        let mmap: MmapSize = pragma("mmap_size").get_result(sqlite).expect("readable");
        assert_eq!(fk.foreign_keys, 1);
        assert_eq!(busy.timeout, 10_000);
        assert_eq!(mmap.mmap_size, 268_435_456);
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
