//! A connection pool for the server: connections opened the same way as everywhere else (so
//! SQLite gets its pragmas), checked before use.

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ManageConnection, Pool};

use crate::connection::DbConnection;
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

/// How many connections the server's pool should hold: one per core. Every query the API runs
/// is CPU-bound (SQLite in-process, or a PostgreSQL on the same machine), so more connections
/// than cores only queue work and hold more memory. Measured on 2 cores with the national
/// warehouse (docs/benchmarks.md): 2 connections gave 1.3–1.4× the requests/s of 8 on rankings
/// and kecamatan detail at 64 client connections, with a lower peak RSS.
pub fn default_pool_size() -> u32 {
    std::thread::available_parallelism()
        .map_or(2, |n| u32::try_from(n.get()).unwrap_or(u32::MAX))
        .max(2)
}

/// A pool of `size` connections to the warehouse at `url`. The database must exist; run
/// [`crate::open_ready`] first to migrate and seed it.
pub fn pool(url: &str, size: u32) -> Result<DbPool, WarehouseError> {
    Pool::builder()
        .max_size(size)
        .connection_timeout(std::time::Duration::from_secs(10))
        .build(Manager {
            url: url.to_owned(),
        })
        .map_err(|e| WarehouseError::Pool(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_pool_follows_the_cores_and_never_drops_below_two() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let size = default_pool_size() as usize;
        assert!(size >= 2);
        assert_eq!(size, cores.max(2));
    }
}
