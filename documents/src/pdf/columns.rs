//! Table columns rebuilt from x-positions: a column boundary is a gutter, an x-interval that
//! (almost) no cell of the table's rows covers. A cell spanning several columns (a merged header
//! such as `Realisasi` over `2022 2023 2024`) covers gutters the other rows leave open, so a
//! gutter may be covered by up to a quarter of the rows (none for tables of up to four rows).

use super::lines::{Line, Segment};

/// A gap between columns, `[start, end]` on the x axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gutter {
    pub start: f64,
    pub end: f64,
}

/// The columns of a table: its gutters, left to right, and each column's right limit, for
/// deciding whether a cell's text wrapped: the furthest x its cells reach, or, when further, the
/// start of the next column less [`CELL_PADDING`] (a cell's text ends before its padding).
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    pub gutters: Vec<Gutter>,
    pub right: Vec<f64>,
    /// Where each column's cells start (the end of the gutter before it, or the table's left).
    pub left: Vec<f64>,
}

impl Columns {
    pub fn count(&self) -> usize {
        self.gutters.len() + 1
    }

    /// The column a cell starts in: a cell spanning several columns is put in its first.
    pub fn column_of(&self, segment: &Segment) -> usize {
        let x0 = segment.x0();
        self.gutters.iter().filter(|g| g.end <= x0 + 0.01).count()
    }
}

/// The padding between the text of two cells, in line heights (5.4 pt on each side of an 11 pt
/// font, Word's and LibreOffice's default).
pub const CELL_PADDING: f64 = 0.7;

/// The columns of the table made of `lines` (only lines of two or more cells vote).
pub fn find_columns(lines: &[&Line]) -> Columns {
    let rows: Vec<&Line> = lines
        .iter()
        .copied()
        .filter(|l| l.segments.len() >= 2)
        .collect();
    let spans: Vec<(f64, f64)> = rows
        .iter()
        .flat_map(|l| l.segments.iter().map(|s| (s.x0(), s.x1())))
        .collect();
    let (Some(left), Some(right)) = (
        spans.iter().map(|s| s.0).reduce(f64::min),
        spans.iter().map(|s| s.1).reduce(f64::max),
    ) else {
        return Columns {
            gutters: Vec::new(),
            right: vec![0.0],
            left: vec![0.0],
        };
    };
    let allowed = rows.len().saturating_sub(1) / 4;
    // Sweep over the span edges: coverage changes only there.
    let mut edges: Vec<(f64, i32)> = spans.iter().flat_map(|&(a, b)| [(a, 1), (b, -1)]).collect();
    edges.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut gutters: Vec<Gutter> = Vec::new();
    let mut coverage: i32 = 0;
    let mut open: Option<f64> = None;
    for (x, delta) in edges {
        let before = coverage;
        coverage += delta;
        let limit = i32::try_from(allowed).unwrap_or(i32::MAX);
        if before > limit && coverage <= limit {
            open = Some(x);
        } else if before <= limit && coverage > limit {
            if let Some(start) = open.take() {
                if x > start && start > left && x < right {
                    gutters.extend(split_at_contained(Gutter { start, end: x }, &spans));
                }
            }
        }
    }
    let mut columns = Columns {
        right: vec![f64::NEG_INFINITY; gutters.len() + 1],
        left: std::iter::once(left)
            .chain(gutters.iter().map(|g| g.end))
            .collect(),
        gutters,
    };
    for line in lines {
        for s in &line.segments {
            let c = columns.column_of(s);
            // A cell that ends inside a later column spans it: it says nothing of this
            // column's width.
            let spans_on = columns.gutters.get(c).is_some_and(|g| s.x1() > g.end);
            if let Some(r) = columns.right.get_mut(c).filter(|_| !spans_on) {
                *r = r.max(s.x1());
            }
        }
    }
    let mut heights: Vec<f64> = lines.iter().map(|l| l.height).collect();
    heights.sort_by(f64::total_cmp);
    let height = heights.get(heights.len() / 2).copied().unwrap_or(0.0);
    for (i, r) in columns.right.iter_mut().enumerate() {
        let next = columns
            .gutters
            .get(i)
            .map(|g| g.end - CELL_PADDING * height);
        *r = match next {
            Some(n) => r.max(n),
            None if r.is_finite() => *r,
            None => right,
        };
    }
    columns
}

/// A gap that a few cells cover is a gutter only where they span it; cells lying inside it,
/// touching neither neighbour, are a column of its own that has text in a few rows only (such
/// as a `Realisasi` column filled in one row): the gutters are on both sides of them.
fn split_at_contained(gutter: Gutter, spans: &[(f64, f64)]) -> Vec<Gutter> {
    let mut inside: Vec<(f64, f64)> = spans
        .iter()
        .copied()
        .filter(|&(a, b)| a > gutter.start && b < gutter.end)
        .collect();
    inside.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    let mut from = gutter.start;
    for (a, b) in inside {
        if a > from {
            out.push(Gutter {
                start: from,
                end: a,
            });
        }
        from = from.max(b);
    }
    if gutter.end > from {
        out.push(Gutter {
            start: from,
            end: gutter.end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::lines::{build_lines, tests::phrase};
    use super::*;

    fn table(rows: &[&[(&str, f64)]]) -> Vec<Line> {
        let mut words = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            for (text, x) in row.iter() {
                words.extend(phrase(text, *x, 100.0 + 12.0 * i as f64));
            }
        }
        build_lines(&words)
    }

    #[test]
    fn gutters_separate_columns_whatever_the_alignment() {
        let lines = table(&[
            &[("Indikator", 10.0), ("Target", 200.0), ("Realisasi", 300.0)],
            &[("Nilai SKM", 10.0), ("80", 224.0), ("99", 330.0)],
            &[("Desa maju", 10.0), ("90", 224.0), ("95,5", 318.0)],
        ]);
        let refs: Vec<&Line> = lines.iter().collect();
        let cols = find_columns(&refs);
        assert_eq!(cols.count(), 3);
        assert_eq!(cols.column_of(&lines[1].segments[1]), 1);
        assert_eq!(cols.column_of(&lines[2].segments[2]), 2);
    }

    #[test]
    fn a_merged_header_cell_does_not_hide_the_columns_below_it() {
        let lines = table(&[
            &[("Sasaran", 10.0), ("Realisasi tahun ke tahun", 200.0)],
            &[
                ("No", 10.0),
                ("2022", 200.0),
                ("2023", 260.0),
                ("2024", 320.0),
            ],
            &[("A", 10.0), ("1", 200.0), ("2", 260.0), ("3", 320.0)],
            &[("B", 10.0), ("4", 200.0), ("5", 260.0), ("6", 320.0)],
            &[("C", 10.0), ("7", 200.0), ("8", 260.0), ("9", 320.0)],
        ]);
        let refs: Vec<&Line> = lines.iter().collect();
        let cols = find_columns(&refs);
        assert_eq!(cols.count(), 4);
        assert_eq!(cols.column_of(&lines[0].segments[1]), 1);
    }

    #[test]
    fn a_column_with_text_in_few_rows_is_a_column() {
        // `Realisasi` is filled in two rows of nine: as few rows as a merged header may cover a
        // gutter with, but lying between its neighbours it spans nothing.
        let mut rows: Vec<Vec<(&str, f64)>> = vec![vec![
            ("Indikator", 10.0),
            ("Realisasi", 100.0),
            ("Capaian", 200.0),
        ]];
        rows.push(vec![("Nilai", 10.0), ("68", 100.0), ("94", 200.0)]);
        for _ in 0..7 {
            rows.push(vec![("IDM", 10.0), ("108", 200.0)]);
        }
        let refs: Vec<&[(&str, f64)]> = rows.iter().map(Vec::as_slice).collect();
        let lines = table(&refs);
        let refs: Vec<&Line> = lines.iter().collect();
        let cols = find_columns(&refs);
        assert_eq!(cols.count(), 3, "{cols:?}");
        assert_eq!(cols.column_of(&lines[1].segments[1]), 1);
    }
}
