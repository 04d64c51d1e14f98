//! A Word table as rows of cells on the table's column grid, rendered one row per line.
//!
//! Invariant: every rendered row of a table has one TAB-separated field per grid column it
//! reaches, so a value stays under its header whatever cells were merged above or beside it.

/// How a cell takes part in a vertical merge (`w:vMerge`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum VMerge {
    #[default]
    None,
    /// The first cell of a vertically merged run (`w:vMerge w:val="restart"`).
    Restart,
    /// A cell continuing the merged run above it (`w:vMerge` without a value, or `continue`).
    Continue,
}

#[derive(Clone, Debug, Default)]
pub struct Cell {
    /// The text of each paragraph of the cell (nested tables already flattened into them).
    pub paragraphs: Vec<String>,
    /// Grid columns the cell covers (`w:gridSpan`), at least 1.
    pub span: usize,
    pub vmerge: VMerge,
}

impl Cell {
    pub fn new() -> Cell {
        Cell {
            span: 1,
            ..Cell::default()
        }
    }

    /// The cell's paragraphs joined by a space; TABs and line breaks inside a cell become
    /// spaces, since TAB separates the cells of the rendered row.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for paragraph in &self.paragraphs {
            let cleaned: String = paragraph
                .chars()
                .map(|c| if c == '\t' || c == '\n' { ' ' } else { c })
                .collect();
            let trimmed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
            if trimmed.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&trimmed);
        }
        out
    }
}

pub type Row = Vec<Cell>;

/// What a cell continuing a vertical merge shows in the rendered row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergedCells {
    /// Left empty, as a PDF or a text conversion prints a merged cell: once, in its first row.
    Empty,
    /// The merged cell's text repeated on every row it covers.
    Repeat,
}

/// The policy [`crate::read`] uses: with `Empty` the extractor reads the DOCX fixtures' figures as
/// from their text versions (documents/tests/docx_golden.rs compares both policies), since that
/// is how the text conversions it was written for print a merged cell.
pub const MERGED_CELLS: MergedCells = MergedCells::Empty;

/// The rows of a table, one line each, cells TAB-separated on the column grid.
pub fn render(rows: &[Row], merged: MergedCells) -> Vec<String> {
    // The text of the merged run covering each grid column, from the rows above.
    let mut above: Vec<String> = Vec::new();
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let mut fields: Vec<String> = Vec::new();
        for cell in row {
            let column = fields.len();
            let text = match cell.vmerge {
                VMerge::Continue => match merged {
                    MergedCells::Empty => String::new(),
                    MergedCells::Repeat => above.get(column).cloned().unwrap_or_default(),
                },
                VMerge::None | VMerge::Restart => cell.text(),
            };
            if above.len() < column + 1 {
                above.resize(column + 1, String::new());
            }
            if cell.vmerge != VMerge::Continue {
                above[column] = text.clone();
            }
            fields.push(text);
            // A horizontally merged cell keeps its text in its first grid column; the columns
            // it covers stay as empty fields.
            for _ in 1..cell.span.max(1) {
                fields.push(String::new());
            }
        }
        lines.push(fields.join("\t"));
    }
    lines
}

/// A table nested inside a cell, as text for that cell: its cells joined by spaces, its rows
/// by " ; ", since the outer table's grid has no room for its columns.
pub fn flatten(rows: &[Row]) -> String {
    rows.iter()
        .map(|row| {
            row.iter()
                .map(Cell::text)
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|r| !r.is_empty())
        .collect::<Vec<_>>()
        .join(" ; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, span: usize, vmerge: VMerge) -> Cell {
        Cell {
            paragraphs: vec![text.to_owned()],
            span,
            vmerge,
        }
    }

    #[test]
    fn spans_keep_columns_aligned_and_merges_follow_the_policy() {
        let rows = vec![
            vec![
                cell("Sasaran", 1, VMerge::None),
                cell("Target", 2, VMerge::None),
            ],
            vec![
                cell("A", 1, VMerge::Restart),
                cell("70", 1, VMerge::None),
                cell("80", 1, VMerge::None),
            ],
            vec![
                cell("", 1, VMerge::Continue),
                cell("71", 1, VMerge::None),
                cell("81", 1, VMerge::None),
            ],
        ];
        assert_eq!(
            render(&rows, MergedCells::Empty),
            ["Sasaran\tTarget\t", "A\t70\t80", "\t71\t81"]
        );
        assert_eq!(render(&rows, MergedCells::Repeat)[2], "A\t71\t81");
    }

    #[test]
    fn cell_paragraphs_join_with_a_space() {
        let c = Cell {
            paragraphs: vec![
                "Program\tPenunjang".into(),
                String::new(),
                "Urusan\n".into(),
            ],
            span: 1,
            vmerge: VMerge::None,
        };
        assert_eq!(c.text(), "Program Penunjang Urusan");
        assert_eq!(
            flatten(&[vec![cell("a", 1, VMerge::None), cell("b", 1, VMerge::None)]]),
            "a b"
        );
    }
}
