//! One cell per line (DOCX converters): each cell on its own line after a leading TAB, a blank
//! line ends a row — except that page breaks put blank lines *inside* rows, so a short row is
//! joined with the next one while both fit in the table's width.

use crate::table::{is_row_number, Cell, Row};

pub fn cell_per_line_rows(slice: &[String], first_line: u32) -> Vec<Row> {
    let mut chunks: Vec<Row> = Vec::new();
    let mut current = Row::default();
    for (n, line) in slice.iter().enumerate() {
        let line_no = first_line.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
        if line.trim().is_empty() && !line.starts_with('\t') {
            if !current.cells.is_empty() {
                chunks.push(std::mem::take(&mut current));
            }
            continue;
        }
        let body = line.strip_prefix('\t').unwrap_or(line);
        for text in body.split('\t') {
            current
                .cells
                .push(Cell::new(text.trim().to_string(), line_no));
        }
    }
    if !current.cells.is_empty() {
        chunks.push(current);
    }
    let width = chunks.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut rows: Vec<Row> = Vec::new();
    for chunk in chunks {
        match rows.last_mut() {
            // a page break split this row: the pieces together still fit the table's width
            Some(last)
                if last.cells.len() < width
                    && last.cells.len() + chunk.cells.len() <= width
                    && !chunk.is_blank()
                    && starts_mid_row(&chunk) =>
            {
                last.cells.extend(chunk.cells);
            }
            _ => rows.push(chunk),
        }
    }
    rows
}

/// A chunk that starts with a row number followed by a name (`2.` `Nilai SAKIP`), with an empty
/// cell, or with a code (`7.01.01`) begins a new row; one that starts with figures is the rest of
/// the row above.
fn starts_mid_row(chunk: &Row) -> bool {
    let first = chunk.text(0);
    let second_is_text = matches!(chunk.number(1), crate::number::CellNumber::NotNumber);
    let code = first.contains('.')
        && first.split('.').filter(|p| !p.is_empty()).count() >= 2
        && first.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    !(first.is_empty() || code || (is_row_number(first) && second_is_text))
}
