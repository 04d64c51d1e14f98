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
