//! The snapshot tables' secondary indexes, set aside during a refresh on SQLite. Building an
//! index once over the new rows (one sort) is cheaper than updating it row by row while 700,000
//! rows go in, and the refresh's transaction keeps readers on the old snapshot meanwhile.
//!
//! The definitions are read from the database itself, so what is recreated is exactly what the
//! migrations created; primary keys stay (they are part of the tables). PostgreSQL keeps its
//! indexes: dropping one there locks out every reader of the table until the refresh commits.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use warehouse::DbConnection;

#[derive(QueryableByName)]
struct IndexDefinition {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    sql: String,
}

/// Drops the secondary indexes of `tables` (SQLite only) and returns the statements that
/// create them again.
pub fn drop_secondary_indexes(
    conn: &mut DbConnection,
    tables: &[&str],
) -> QueryResult<Vec<String>> {
    let DbConnection::Sqlite(c) = conn else {
        return Ok(Vec::new());
    };
    // Indexes SQLite makes for a PRIMARY KEY or UNIQUE constraint have no `sql`.
    let list = tables
        .iter()
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let found: Vec<IndexDefinition> = diesel::sql_query(format!(
        "SELECT name, sql FROM sqlite_master \
         WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({list}) ORDER BY name"
    ))
    .load(c)?;
    for index in &found {
        c.batch_execute(&format!("DROP INDEX \"{}\"", index.name))?;
    }
    Ok(found.into_iter().map(|i| i.sql).collect())
}

/// Runs the statements [`drop_secondary_indexes`] returned.
pub fn recreate_indexes(conn: &mut DbConnection, statements: &[String]) -> QueryResult<()> {
    for sql in statements {
        conn.batch_execute(sql)?;
    }
    Ok(())
}
