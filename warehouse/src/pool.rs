//! A connection pool for the server: connections opened the same way as everywhere else (so
//! SQLite gets its pragmas), checked before use.

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ManageConnection, Pool};

use crate::connection::{BackendKind, DbConnection};
use crate::error::WarehouseError;

pub type DbPool = Pool<Manager>;

#[derive(Debug)]
pub struct Manager {
    url: String,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = WarehouseError;

    fn connect(&self) -> Result<DbConnection, WarehouseError> {
        DbConnection::open(&self.url)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), WarehouseError> {
        conn.batch_execute("SELECT 1")
            .map_err(WarehouseError::Query)
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

/// How many connections the server's pool should hold on this machine. SQLite runs inside the
/// process and every API query is CPU-bound there, so one connection per core: more only
/// queue work and hold more memory. A PostgreSQL query waits on a round trip to another
/// process, which more connections overlap: four per core (docs/benchmarks.md, *Design
/// decisions*, has the measurement).
pub fn default_pool_size(backend: BackendKind) -> u32 {
    let cores = std::thread::available_parallelism()
        .map_or(2, |n| u32::try_from(n.get()).unwrap_or(u32::MAX))
        .max(2);
    match backend {
        BackendKind::Sqlite => cores,
        BackendKind::Postgres => cores.saturating_mul(4),
    }
}

/// A pool of `size` connections to the warehouse at `url`. The database must exist; run
/// [`crate::open_ready`] first to migrate and seed it.
pub fn pool(url: &str, size: u32) -> Result<DbPool, WarehouseError> {
    pool_waiting(url, size, std::time::Duration::from_secs(10))
}

/// A pool for the primary of a server that reads from a replica: writes are few (uploads,
/// reviews, logins), and when the primary is down a writer should hear so in seconds, not
/// wait out the read pool's patience.
pub fn primary_pool(url: &str, size: u32) -> Result<DbPool, WarehouseError> {
    pool_waiting(url, size, std::time::Duration::from_secs(3))
}

fn pool_waiting(
    url: &str,
    size: u32,
    timeout: std::time::Duration,
) -> Result<DbPool, WarehouseError> {
    Pool::builder()
        .max_size(size)
        .connection_timeout(timeout)
        .build(Manager {
            url: url.to_owned(),
        })
        .map_err(|e| WarehouseError::Pool(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_pool_follows_the_cores_and_the_backend() {
        let cores = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .max(2);
        let sqlite = default_pool_size(BackendKind::Sqlite) as usize;
        let postgres = default_pool_size(BackendKind::Postgres) as usize;
        assert_eq!(sqlite, cores);
        assert_eq!(postgres, 4 * cores);
    }
}
