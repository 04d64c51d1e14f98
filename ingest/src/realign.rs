//! Step 4c: a row that lost its first cells. Word tables print a row's number on a line of its
//! own when a reviewer's comment is anchored there (`2. | Comment by …`, then `Meningkatkan … |
//! Indeks Desa Membangun | Indeks | 0,75 | 0,81 | 108 | 0,75`): the rest of the row starts one
//! cell early, each figure under its left neighbour's column.

use crate::columns::Columns;
use crate::number::CellNumber;
use crate::rows::{confirmed, is_numeric_role, logical_rows, may_hold_figure, row_values};
use crate::table::{Cell, Layout, Row, Table};

/// The most leading cells a row is taken to have lost (the numbering and one more).
const MOST_LOST: usize = 2;

/// [`logical_rows`] of `table`, each row that lost its leading cells put back in its columns.
pub fn printed_rows(table: &Table, cols: &Columns) -> Vec<Row> {
    logical_rows(table, cols)
        .into_iter()
        .map(|row| restore_leading_cells(row, cols, table.layout))
        .collect()
}

/// `row` moved right by the cells it lacks, when as read its figures do not fit the columns and
/// moved they do: every figure under a figure column (or one of no role), every word under a
/// column of words, the lost cells under columns of words, and the figures confirming each other
/// (target, realisasi and percentage, or pagu, realisasi and percentage). Otherwise `row` as it
/// is.
fn restore_leading_cells(row: Row, cols: &Columns, layout: Layout) -> Row {
    let filled = row
        .cells
        .iter()
        .rposition(|c| !c.text.trim().is_empty())
        .map_or(0, |last| last + 1);
    let lost = cols.header_width.saturating_sub(filled);
    if lost == 0 || lost > MOST_LOST || !row_values(&row, cols, layout).shifted {
        return row;
    }
    let lost_under_words = (0..lost).all(|i| !is_numeric_role(cols.role(i)));
    let fits = row.cells.iter().take(filled).enumerate().all(|(j, c)| {
        let role = cols.role(j + lost);
        match c.number() {
            CellNumber::NotNumber => {
                !is_numeric_role(role) || c.text.chars().filter(|c| c.is_alphabetic()).count() < 3
            }
            _ => may_hold_figure(role),
        }
    });
    if !lost_under_words || !fits {
        return row;
    }
    let line = row.cells.first().map_or(0, |c| c.line);
    let mut moved = Row {
        cells: std::iter::repeat_with(|| Cell::new(String::new(), line))
            .take(lost)
            .chain(row.cells.iter().take(filled).cloned())
            .collect(),
        extra_lines: row.extra_lines.clone(),
    };
    moved.cells.truncate(cols.columns.len().max(filled + lost));
    let values = row_values(&moved, cols, layout);
    if values.shifted || !confirmed(&values.values) {
        return row;
    }
    moved
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::columns_of;
    use crate::table_reader::find_tables;

    fn rows_of(src: &str) -> Vec<Vec<String>> {
        let lines: Vec<String> = src.split('\n').map(String::from).collect();
        let t = find_tables(&lines);
        let cols = columns_of(&t[0]);
        printed_rows(&t[0], &cols)
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    const HEADER: &str =
        "No\tSasaran\tIndikator Kinerja\tSatuan\tTarget\tRealisasi\tCapaian %\tTarget Akhir";

    #[test]
    fn a_row_without_its_number_is_moved_back_under_its_columns() {
        let rows = rows_of(&format!(
            "{HEADER}\n1.\tMeningkatnya tata kelola\tNilai SAKIP\tNilai\t73\t68,80\t94,24\t74\nMeningkatnya desa\tIndeks Desa Membangun\tIndeks\t0,75\t0,81\t108\t0,75"
        ));
        assert_eq!(rows[1][0], "");
        assert_eq!(rows[1][2], "Indeks Desa Membangun");
        assert_eq!(rows[1][4], "0,75");
    }

    #[test]
    fn a_short_row_whose_figures_do_not_confirm_each_other_stays_as_read() {
        let rows = rows_of(&format!(
            "{HEADER}\n1.\tMeningkatnya tata kelola\tNilai SAKIP\tNilai\t73\t68,80\t94,24\t74\nMeningkatnya desa\tIndeks Desa Membangun\tIndeks\t0,75\t0,81\t99\t0,75"
        ));
        assert_eq!(rows[1][0], "Meningkatnya desa");
    }
}
