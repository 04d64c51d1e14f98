//! The table model every later step reads: cells, rows, tables and the layout they came from,
//! plus pure helpers on cell text (row numberings). A leaf: it imports none of the steps that find
//! tables (`table_reader`, `cells`) or classify them (`columns`, `roles`).

use crate::number::{parse_cell, CellNumber};

/// One cell: its text and the 1-based line it came from.
#[derive(Clone, Debug)]
pub struct Cell {
    pub text: String,
    pub line: u32,
    /// The cell read as a number, worked out once (every step asks).
    number: std::sync::OnceLock<CellNumber>,
}

impl Cell {
    pub fn new(text: String, line: u32) -> Cell {
        Cell {
            text,
            line,
            number: std::sync::OnceLock::new(),
        }
    }

    /// The cell read as one number.
    pub fn number(&self) -> &CellNumber {
        self.number.get_or_init(|| parse_cell(&self.text))
    }

    /// Appends wrapped words (`text more`).
    pub fn append(&mut self, more: &str) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.text.push_str(more);
        self.number = std::sync::OnceLock::new();
    }

    /// Puts the wrapped words printed above this cell's line before its text (`more text`).
    pub fn prepend(&mut self, more: &str) {
        self.text = if self.text.is_empty() {
            more.to_string()
        } else {
            format!("{more} {}", self.text)
        };
        self.number = std::sync::OnceLock::new();
    }
}

#[derive(Clone, Debug, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Lines of wrapped continuation rows joined into this one.
    pub extra_lines: Vec<u32>,
}

impl Row {
    /// Cell `i` read as a number (`NotNumber` when there is no such cell).
    pub fn number(&self, i: usize) -> &CellNumber {
        self.cells
            .get(i)
            .map_or(&CellNumber::NotNumber, Cell::number)
    }

    pub fn text(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| c.text.as_str())
    }

    pub fn lines(&self) -> Vec<u32> {
        let mut lines: Vec<u32> = self
            .cells
            .iter()
            .map(|c| c.line)
            .chain(self.extra_lines.iter().copied())
            .collect();
        lines.sort_unstable();
        lines.dedup();
        lines
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.text.is_empty())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    TabRows,
    Pipe,
    CellPerLine,
}

/// A table as found: its rows in document order, the layout they were read from, and where it
/// stands. Its header and column roles are not part of it: `columns::classify` works them out
/// once and returns them beside the table.
#[derive(Clone, Debug)]
pub struct Table {
    pub rows: Vec<Row>,
    pub layout: Layout,
    /// 1-based first line of the table.
    pub first_line: u32,
    /// Up to three text lines printed just above the table (its caption).
    pub caption: String,
}

impl Table {
    pub fn new(rows: Vec<Row>, layout: Layout, first_line: u32, caption: String) -> Table {
        Table {
            rows,
            layout,
            first_line,
            caption,
        }
    }
}

/// `1`, `1.`, `II`, `a.`, `b)` — the numbering cell at the start of a row.
pub fn is_row_number(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', ')']);
    if t.is_empty() || t.len() > 5 {
        return false;
    }
    t.bytes().all(|b| b.is_ascii_digit())
        || t.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
        || (t.len() == 1 && t.bytes().all(|b| b.is_ascii_lowercase()) && text.trim().len() == 2)
}

/// `2.1`, `4.1.1`, `6.`: the hierarchical numbering of a row (sub-items of item 2 or 4). Parts of
/// one or two digits without a leading zero (`7.01.01` is a programme code, not a numbering).
pub fn is_hierarchical_number(text: &str) -> bool {
    let t = text.trim();
    let core = t.strip_suffix('.').unwrap_or(t);
    let parts: Vec<&str> = core.split('.').collect();
    let numbered = parts.iter().all(|p| {
        (1..=2).contains(&p.len())
            && p.bytes().all(|b| b.is_ascii_digit())
            && !(p.len() == 2 && p.starts_with('0'))
    });
    numbered && (parts.len() >= 2 || t.ends_with('.')) && parts.len() <= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hierarchical_numbers() {
        for n in ["2.1", "4.1.1", "6.", "2.10."] {
            assert!(is_hierarchical_number(n), "{n}");
        }
        for n in ["7.01.01", "68,45", "70", "1.677.707", "a."] {
            assert!(!is_hierarchical_number(n), "{n}");
        }
    }
}
