//! Step 3: find tables in every layout the converters produce and read their rows into the
//! [`crate::table`] model.
//!
//! * TAB rows (PDF converters): one row per line, cells split at TABs, merged cells kept as empty
//!   cells so column positions line up with the header.
//! * Pipe tables (markdown converters): `| a | b |`, separator rows `|---|` dropped.
//! * One cell per line (DOCX converters): each cell on its own line after a leading TAB, a blank
//!   line ends a row — except that page breaks put blank lines *inside* rows, so a short row is
//!   joined with the next one while both fit in the table's width ([`crate::cells`]).
//!
//! A table may be interrupted by up to two blank lines (page breaks) before it continues.

use crate::cells::cell_per_line_rows;
use crate::table::{Cell, Layout, Row, Table};

#[derive(Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Text,
    Tab,
    CellLine,
    Pipe,
    PipeRule,
}

fn kind_of(line: &str) -> LineKind {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return if line.starts_with('\t') {
            LineKind::CellLine
        } else {
            LineKind::Blank
        };
    }
    if trimmed.starts_with('|') && trimmed.len() > 1 {
        let rule = trimmed
            .bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' '));
        return if rule {
            LineKind::PipeRule
        } else {
            LineKind::Pipe
        };
    }
    if line.contains(crate::text::ROW_BREAK) {
        return LineKind::Tab;
    }
    match line.matches('\t').count() {
        0 => LineKind::Text,
        1 if line.starts_with('\t') => LineKind::CellLine,
        _ => LineKind::Tab,
    }
}

/// All tables of `lines` (normalised), in document order.
pub fn find_tables(lines: &[String]) -> Vec<Table> {
    let kinds: Vec<LineKind> = lines.iter().map(|l| kind_of(l)).collect();
    let mut tables = Vec::new();
    let mut i = 0;
    while i < kinds.len() {
        let k = kinds.get(i).copied().unwrap_or(LineKind::Text);
        if matches!(k, LineKind::Blank | LineKind::Text) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i; // exclusive end of the last table line
        let mut j = i;
        while j < kinds.len() {
            match kinds.get(j).copied().unwrap_or(LineKind::Text) {
                LineKind::Text => break,
                LineKind::Blank => {
                    let resumes = (j..kinds.len().min(j + 3))
                        .find(|&n| kinds.get(n).copied() != Some(LineKind::Blank))
                        .is_some_and(|n| {
                            !matches!(kinds.get(n).copied(), Some(LineKind::Text) | None)
                        });
                    if !resumes {
                        break;
                    }
                }
                _ => end = j + 1,
            }
            j += 1;
        }
        if let Some(table) = build_table(lines, &kinds, start, end) {
            tables.push(table);
        }
        i = end.max(start + 1);
    }
    tables
}

fn build_table(lines: &[String], kinds: &[LineKind], start: usize, end: usize) -> Option<Table> {
    let slice = lines.get(start..end)?;
    let kinds = kinds.get(start..end)?;
    let non_blank = kinds.iter().filter(|k| **k != LineKind::Blank).count();
    let cell_lines = kinds.iter().filter(|k| **k == LineKind::CellLine).count();
    let pipes = kinds
        .iter()
        .filter(|k| matches!(k, LineKind::Pipe | LineKind::PipeRule))
        .count();
    let layout = if pipes * 2 > non_blank {
        Layout::Pipe
    } else if cell_lines * 10 >= non_blank * 6 {
        Layout::CellPerLine
    } else {
        Layout::TabRows
    };
    let first_line = u32::try_from(start + 1).ok()?;
    let rows = match layout {
        Layout::CellPerLine => cell_per_line_rows(slice, first_line),
        Layout::Pipe => line_rows(slice, first_line, split_pipe),
        Layout::TabRows => line_rows(slice, first_line, split_tabs),
    };
    if rows.len() < 2 && layout != Layout::TabRows {
        return None;
    }
    if rows.is_empty() {
        return None;
    }
    Some(Table::new(
        rows,
        layout,
        first_line,
        caption_above(lines, start),
    ))
}

fn split_tabs(line: &str) -> Vec<String> {
    line.split('\t').map(|c| c.trim().to_string()).collect()
}

fn split_pipe(line: &str) -> Vec<String> {
    let t = line.trim();
    if t.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' ')) {
        return Vec::new();
    }
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

fn line_rows(slice: &[String], first_line: u32, split: fn(&str) -> Vec<String>) -> Vec<Row> {
    let mut rows = Vec::new();
    for (n, line) in slice.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let line_no = first_line.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
        // an HTML fragment may print several rows on one line
        for part in line
            .split(crate::text::ROW_BREAK)
            .filter(|p| !p.trim().is_empty())
        {
            let cells: Vec<Cell> = split(part)
                .into_iter()
                .map(|text| Cell::new(text, line_no))
                .collect();
            if !cells.is_empty() {
                rows.push(Row {
                    cells,
                    extra_lines: Vec::new(),
                });
            }
        }
    }
    rows
}

fn caption_above(lines: &[String], start: usize) -> String {
    let mut parts = Vec::new();
    let mut n = start;
    let mut scanned = 0;
    while n > 0 && scanned < 8 && parts.len() < 3 {
        n -= 1;
        scanned += 1;
        let l = lines.get(n).map_or("", |s| s.trim());
        if l.is_empty() {
            continue;
        }
        if l.len() > 200 || l.contains('\t') {
            break;
        }
        parts.push(l.to_string());
    }
    parts.reverse();
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.split('\n').map(String::from).collect()
    }

    #[test]
    fn tab_rows_with_a_page_break() {
        let t = find_tables(&lines(
            "Tabel 1\nNo\tUraian\tAnggaran\n1\tBelanja\t1.000\n\n2\tModal\t2.000\nSumber",
        ));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows.len(), 3);
        assert_eq!(t[0].caption, "Tabel 1");
    }

    #[test]
    fn one_cell_per_line_rows_joined_across_blank_lines() {
        let src = "Tabel\n\tNo\n\tNama\n\tTarget\n\tRealisasi\n\n\t1.\n\tNilai\n\n\t73\n\t68,80\n\n\t2.\n\tIDM\n\t0,75\n\t0,81\nText";
        let t = find_tables(&lines(src));
        assert_eq!(t.len(), 1);
        let rows: Vec<Vec<&str>> = t[0]
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            rows,
            vec![
                vec!["No", "Nama", "Target", "Realisasi"],
                vec!["1.", "Nilai", "73", "68,80"],
                vec!["2.", "IDM", "0,75", "0,81"]
            ]
        );
    }

    #[test]
    fn pipe_tables() {
        let t = find_tables(&lines("| No | Uraian |\n|---|---|\n| 1 | Belanja |\n"));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows.len(), 2);
        assert_eq!(t[0].rows[1].text(1), "Belanja");
    }
}
