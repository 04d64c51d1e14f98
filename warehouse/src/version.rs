//! The warehouse's change counter: raised by every load or taxonomy change, copied by the
//! analytics refresh. Comparing the two tells whether the snapshot is current without reading it.

use diesel::prelude::*;

use crate::connection::DbConnection;
use crate::schema_analytics::data_version;

/// The two counters of the `data_version` row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DataVersion {
    /// Raised by every change to the reports or the taxonomy.
    pub warehouse: i64,
    /// The `warehouse` value the analytics snapshot was computed from.
    pub analytics: i64,
}

impl DataVersion {
    /// Whether the analytics snapshot reflects the current reports.
    pub fn analytics_current(&self) -> bool {
        self.warehouse == self.analytics
    }
}

/// Reads both counters.
pub fn data_version(conn: &mut DbConnection) -> QueryResult<DataVersion> {
    let (warehouse, analytics) = data_version::table
        .find(1)
        .select((
            data_version::warehouse_version,
            data_version::analytics_version,
        ))
        .first::<(i64, i64)>(conn)?;
    Ok(DataVersion {
        warehouse,
        analytics,
    })
}

/// Records a change to the warehouse. Call inside the transaction that makes the change, so the
/// counter and the data move together.
pub fn mark_warehouse_changed(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::update(data_version::table.find(1))
        .set(data_version::warehouse_version.eq(data_version::warehouse_version + 1))
        .execute(conn)
        .map(drop)
}

/// Records that the analytics snapshot now reflects warehouse state `warehouse`. Call inside the
/// refresh's transaction, with the value read at its start.
pub fn mark_analytics_current(conn: &mut DbConnection, warehouse: i64) -> QueryResult<()> {
    diesel::update(data_version::table.find(1))
        .set(data_version::analytics_version.eq(warehouse))
        .execute(conn)
        .map(drop)
}
