//! A second connection to the refresh's SQLite file, so that the facts (the largest read) are
//! read on another core while the refresh's own connection reads the rest.
//!
//! Both connections must see the same state of the warehouse. The refresh takes SQLite's write
//! lock before it opens this one (its first statement writes): from then on no other process can
//! commit, so a reader that starts afterwards sees exactly the last commit, which is what the
//! refresh's own transaction sees. PostgreSQL and in-memory SQLite get no side reader (the
//! refresh then reads everything on its own connection).

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use warehouse::DbConnection;

#[derive(QueryableByName)]
struct AttachedFile {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    file: String,
}

/// A connection of its own to the file `conn` has open as its main database, or `None` when
/// there is none to open (PostgreSQL, an in-memory or temporary database) or it cannot be
/// opened: the side reader only saves time, so the refresh goes on without it.
pub fn side_reader(conn: &mut DbConnection) -> QueryResult<Option<DbConnection>> {
    let DbConnection::Sqlite(sqlite) = conn else {
        return Ok(None);
    };
    let files: Vec<AttachedFile> = diesel::sql_query("PRAGMA database_list").load(sqlite)?;
    let Some(main) = files.into_iter().find(|f| f.name == "main") else {
        return Ok(None);
    };
    if main.file.is_empty() {
        return Ok(None);
    }
    match DbConnection::open(&main.file) {
        Ok(mut reader) => {
            // Without the memory map: the refresh's own connection maps the same file, and
            // pages mapped twice count twice in the process's memory (measured: 970 → 925 MB
            // peak on the national refresh, same time). The facts are read once, in order.
            reader.batch_execute("PRAGMA mmap_size = 0")?;
            Ok(Some(reader))
        }
        Err(error) => {
            tracing::debug!(%error, "no side reader for the refresh; reading on one connection");
            Ok(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_database_gets_a_reader_and_a_memory_one_none() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("side.db");
        let mut conn = DbConnection::open(&path.display().to_string()).expect("opens");
        let mut reader = side_reader(&mut conn)
            .expect("reads")
            .expect("a file has a reader");
        diesel::sql_query("CREATE TABLE seen (x INTEGER)")
            .execute(&mut conn)
            .expect("creates");
        // The reader is a separate connection to the same file: it sees what was committed.
        diesel::sql_query("SELECT x FROM seen")
            .execute(&mut reader)
            .expect("the table is visible to the reader");

        let mut memory = DbConnection::open(":memory:").expect("opens");
        assert!(side_reader(&mut memory).expect("reads").is_none());
    }
}
