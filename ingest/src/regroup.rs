//! Step 3b: tables as the converter found them → tables as printed. Two tables separated only
//! by a blank line are split at the second header; a table cut by a page break is joined again.

use crate::columns::{columns_of, is_data_row};
use crate::number::CellNumber;
use crate::roles::{role_of, Role};
use crate::rows::is_numeric_role;
use crate::table::{Row, Table};

/// A table printed right below another with only a blank line between them (a PK's indicator
/// table followed by its program budget table) is found as one; a second header row — no numbers,
/// at least two role names, one of them a figure column — after data rows starts a new table.
pub fn split_at_repeated_headers(tables: Vec<Table>) -> Vec<Table> {
    let mut out = Vec::with_capacity(tables.len());
    for t in tables {
        let mut current = Table::new(Vec::new(), t.layout, t.first_line, t.caption.clone());
        let mut seen_data = false;
        for row in t.rows {
            if seen_data && is_header_row(&row) && !current.rows.is_empty() {
                let first_line = row.cells.first().map_or(current.first_line, |c| c.line);
                let done = std::mem::replace(
                    &mut current,
                    Table::new(Vec::new(), t.layout, first_line, String::new()),
                );
                out.push(done);
                seen_data = false;
            }
            seen_data |= is_data_row(&row);
            current.rows.push(row);
        }
        if !current.rows.is_empty() {
            out.push(current);
        }
    }
    out
}

/// A PDF page break with a running header or footer line (`LKjIP Kecamatan X 2023 | 23`) cuts a
/// table in two; the second part has no header of its own. A headerless table starting a few
/// lines after a table of the same width continues it.
pub fn join_continued_tables(tables: Vec<Table>) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::with_capacity(tables.len());
    for t in tables {
        if let Some(prev) = out.last_mut() {
            let prev_end = prev
                .rows
                .last()
                .map_or(0, |r| r.lines().last().copied().unwrap_or(0));
            let width = |t: &Table| t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
            let near = t.first_line > prev_end && t.first_line - prev_end <= 8;
            if near
                && prev.layout == t.layout
                && width(prev) == width(&t)
                && t.rows.first().is_some_and(is_data_row)
                && !t.rows.iter().any(is_header_row)
                && {
                    // the columns of `prev` as it stands now: joining changes its rows
                    let c = columns_of(prev);
                    c.has(Role::Target) || c.has(Role::Pagu) || c.has(Role::Realisasi)
                }
            {
                prev.rows.extend(t.rows);
                continue;
            }
        }
        out.push(t);
    }
    out
}

fn is_header_row(row: &Row) -> bool {
    if row
        .cells
        .iter()
        .any(|c| !matches!(c.number(), CellNumber::NotNumber))
    {
        return false;
    }
    let roles: Vec<Role> = row
        .cells
        .iter()
        .filter_map(|c| role_of(&c.text))
        .map(|(r, _)| r)
        .filter(|r| *r != Role::Other)
        .collect();
    roles.len() >= 2 && roles.iter().any(|r| is_numeric_role(*r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table_reader::find_tables;

    fn lines(s: &str) -> Vec<String> {
        s.split('\n').map(String::from).collect()
    }

    #[test]
    fn second_header_starts_a_second_table() {
        let src = "NO\tSASARAN\tINDIKATOR\tTARGET\n1\tMeningkatnya\tNilai SAKIP\t70\n\nProgram\tAnggaran\tKet\nI. Program Penunjang\tRp. 1.000.000\tPAD";
        let t = split_at_repeated_headers(find_tables(&lines(src)));
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].first_line, 4);
        assert!(columns_of(&t[1]).has(Role::Pagu));
    }

    #[test]
    fn table_cut_by_a_page_footer_is_joined() {
        let src = "No\tProgram\tAnggaran\tRealisasi\n1\tProgram A\t1.000\t900\nLKjIP Kecamatan X 2023 | 23\n2\tProgram B\t2.000\t1.800\nSumber: DPA";
        let t = join_continued_tables(split_at_repeated_headers(find_tables(&lines(src))));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows.len(), 3);
    }
}
