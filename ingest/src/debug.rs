//! A human-readable dump of the tables `ingest` finds and the role of each column, for looking at
//! a new report layout (`cargo run -p ingest --example tables FILE`).

use crate::{columns, regroup, table_reader, text};

/// A human-readable dump of the tables found and their column roles (for `examples/tables.rs`,
/// when a new report layout needs looking at).
pub fn debug_tables(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let text = text::decode(bytes);
    let mut out = String::new();
    for t in regroup::join_continued_tables(regroup::split_at_repeated_headers(
        table_reader::find_tables(&text.lines),
    )) {
        let cols = columns::columns_of(&t);
        let _ = writeln!(
            out,
            "=== line {} {:?} caption {:?}",
            t.first_line, t.layout, t.caption
        );
        let roles: Vec<String> = cols
            .columns
            .iter()
            .map(|c| {
                format!(
                    "{:?}{}",
                    c.role,
                    c.year.map(|y| format!("@{y}")).unwrap_or_default()
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "    header_rows {} roles {}",
            cols.header_rows,
            roles.join(" | ")
        );
        for r in t.rows.iter().take(60) {
            let cells: Vec<&str> = r.cells.iter().map(|c| c.text.as_str()).collect();
            let _ = writeln!(
                out,
                "    {:>5} {}",
                r.cells.first().map_or(0, |c| c.line),
                cells.join(" | ").chars().take(200).collect::<String>()
            );
        }
    }
    out
}
