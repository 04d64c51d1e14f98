//! Step 4b: a table's data rows as logical rows, and the figures of each row under its columns'
//! roles. Converters wrap long names onto extra lines, cut rows at page breaks and shift cells
//! when a name spills into a figure column; each of those is undone here.

use model::Exact;

use crate::columns::{is_column_number_row, Column, Columns};
use crate::number::CellNumber;
use crate::roles::Role;
use crate::table::{Layout, Row, Table};

/// A number read from a data row, with the role and year of its column.
#[derive(Clone, Copy, Debug)]
pub struct Value {
    pub role: Role,
    pub year: Option<u16>,
    pub value: Exact,
    /// Column index (for pairing a realisasi with the target to its left).
    pub col: usize,
}

pub fn is_numeric_role(role: Role) -> bool {
    matches!(
        role,
        Role::Target | Role::Realisasi | Role::Capaian | Role::Pagu
    )
}

/// The figures of one row.
pub struct RowValues {
    pub values: Vec<Value>,
    /// Lines of cells that looked like figures but could not be read exactly.
    pub damaged: Vec<u32>,
    /// The columns were broken and the figures were matched to the figure columns in order.
    pub realigned: bool,
    /// The row's cells do not line up with its header (a cell lost or split by the converter)
    /// and no printed percentage confirms its figures: `values` is empty, the figures withheld.
    pub shifted: bool,
    /// A figure was read with OCR look-alike letters (`1O.000`).
    pub repaired: bool,
}

fn is_currency(text: &str) -> bool {
    matches!(text.to_ascii_lowercase().trim_end_matches(['.', ':']), "rp")
}

/// The cell that starts the row's name: the first with words that is no number. A figure never
/// stands left of it (a cell there is the row's numbering: `2.1`, `6.`, `II`).
fn name_start(row: &Row) -> Option<usize> {
    row.cells.iter().position(|c| {
        c.text.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && matches!(c.number(), CellNumber::NotNumber)
    })
}

/// Some base figure (target or pagu), the realisasi right of it and the percentage right of
/// that reproduce each other: the figures sit in their columns.
pub fn confirmed(values: &[Value]) -> bool {
    values
        .iter()
        .filter(|b| matches!(b.role, Role::Target | Role::Pagu))
        .any(|b| {
            let next = |role: Role, after: usize| {
                values
                    .iter()
                    .find(|v| v.role == role && v.year == b.year && v.col > after)
            };
            let Some(r) = next(Role::Realisasi, b.col) else {
                return false;
            };
            let Some(c) = next(Role::Capaian, r.col) else {
                return false;
            };
            let reproduces = |p: Option<Exact>| {
                p.is_some_and(|p| crate::percent::percent_mismatch(c.value, p).is_none())
            };
            // higher or lower is better (the two formulas of docs/domain.md)
            reproduces(Exact::percent_of(r.value, b.value, 6))
                || (b.role == Role::Target
                    && reproduces(model::Direction::LowerIsBetter.capaian(b.value, r.value, 6)))
        })
}

/// A row shorter than its header only because the converter dropped its empty last cells
/// (`Keterangan`): the columns it lacks hold no figures, every figure column it reaches has a
/// figure, and no figure stands under a column of words. A lost cell in the middle moves a
/// figure under a column of words, or leaves a figure column empty.
fn trimmed_end(row: &Row, cols: &Columns, name: Option<usize>) -> bool {
    let len = row.cells.len();
    let lacks_figures = cols
        .columns
        .iter()
        .skip(len)
        .all(|c| !is_numeric_role(c.role));
    let figures_in_place = cols.columns.iter().take(len).enumerate().all(|(i, c)| {
        let value = matches!(row.number(i), CellNumber::Value { .. });
        let before_name = name.is_none_or(|n| i <= n);
        if is_numeric_role(c.role) {
            value || before_name
        } else {
            !value || before_name
        }
    });
    lacks_figures && figures_in_place
}

/// The numbers of `row` under numeric-role columns. When the converter broke the columns (text
/// in a number column), the numbers are matched to the number columns in order — only when there
/// are as many numbers as number columns. A TAB or pipe row with fewer cells than its header
/// (a cell lost, the later ones moved left) keeps its figures only when its printed percentage
/// confirms them.
pub fn row_values(row: &Row, cols: &Columns, layout: Layout) -> RowValues {
    let mut damaged = Vec::new();
    let mut aligned = Vec::new();
    let mut misaligned = false;
    let mut repaired = false;
    let name = name_start(row);
    let left_of_name = |i: usize| name.is_some_and(|n| i < n);
    for (i, col) in cols.columns.iter().enumerate() {
        if !is_numeric_role(col.role) || left_of_name(i) {
            continue;
        }
        let Some(mut cell) = row.cells.get(i) else {
            continue;
        };
        // `Rp | 1.677.707.236`: the currency printed in a cell of its own, the figure in the
        // (unlabelled) cell after it
        if is_currency(&cell.text) {
            let next_is_free = !cols
                .columns
                .get(i + 1)
                .is_some_and(|c| is_numeric_role(c.role));
            if let Some(next) = row.cells.get(i + 1).filter(|_| next_is_free) {
                cell = next;
            }
        }
        match cell.number() {
            CellNumber::Value {
                value, repaired: r, ..
            } => {
                repaired |= *r;
                aligned.push(Value {
                    role: col.role,
                    year: col.year,
                    value: *value,
                    col: i,
                });
            }
            CellNumber::Damaged => damaged.push(cell.line),
            // words in a figure column mean the columns were broken; a rating (`BB`), a
            // currency (`Rp.`) or a dash is just no figure
            CellNumber::NotNumber => {
                if cell.text.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
                    misaligned = true;
                }
            }
        }
    }
    let short = matches!(layout, Layout::TabRows | Layout::Pipe)
        && cols.header_width >= 3
        && row.cells.len() < cols.header_width
        && !aligned.is_empty();
    if !misaligned {
        let shifted = short && !confirmed(&aligned) && !trimmed_end(row, cols, name);
        return RowValues {
            values: if shifted { Vec::new() } else { aligned },
            damaged,
            realigned: false,
            shifted,
            repaired,
        };
    }
    let numeric_cols: Vec<(usize, &Column)> = cols
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| is_numeric_role(c.role))
        .collect();
    let numbers: Vec<(Exact, bool)> = row
        .cells
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            // the row's numbering is no figure
            let numbering = (*i == 0 && crate::table::is_row_number(&c.text))
                || crate::table::is_hierarchical_number(&c.text);
            !(left_of_name(*i) || numbering)
        })
        .filter_map(|(_, c)| match c.number() {
            CellNumber::Value {
                value, repaired, ..
            } => Some((*value, *repaired)),
            _ => None,
        })
        .collect();
    let values: Vec<Value> = numeric_cols
        .iter()
        .zip(&numbers)
        .map(|((i, col), (value, _))| Value {
            role: col.role,
            year: col.year,
            value: *value,
            col: *i,
        })
        .collect();
    // as many numbers as number columns: they go in order; else which is which is a guess
    let shifted = numbers.len() != numeric_cols.len() && !confirmed(&values);
    RowValues {
        values: if shifted { Vec::new() } else { values },
        damaged,
        realigned: !shifted,
        shifted,
        repaired: numbers.iter().any(|(_, r)| *r),
    }
}

/// Data rows of a table, with continuation rows (a long name wrapped onto the next line, no
/// numbers, no row number) joined to the row above — or, in a table that prints wrapped names
/// above their figures ([`Columns::names_before_figures`]), to the row below.
pub fn logical_rows(table: &Table, cols: &Columns) -> Vec<Row> {
    let rows: Vec<&Row> = table
        .rows
        .iter()
        .skip(cols.header_rows)
        .filter(|r| !is_column_number_row(r) && !r.is_blank())
        .collect();
    let above = fragments_above(&rows, cols);
    let mut out: Vec<Row> = Vec::new();
    let mut pending: Option<Row> = None;
    for (k, row) in rows.into_iter().enumerate() {
        let has_number = row
            .cells
            .iter()
            .any(|c| !matches!(c.number(), CellNumber::NotNumber));
        let first = row
            .cells
            .iter()
            .find(|c| !c.text.is_empty())
            .map_or("", |c| c.text.as_str());
        let numbered = row.text(0).is_empty() && crate::table::is_row_number(first)
            || crate::table::is_row_number(row.text(0));
        let continues = !has_number
            && !numbered
            && table.layout != Layout::CellPerLine
            && !starts_new_item(first);
        let first_is_figure = matches!(row.number(0), CellNumber::Value { .. })
            && !crate::table::is_row_number(row.text(0));
        // bottom-aligned cells: every line without figures or numbering (`Program penunjang`
        // included) is the start of the name whose figures follow
        if cols.names_before_figures && !has_number && !numbered {
            if let (true, Some(prev)) = (above.get(k).copied().unwrap_or(false), out.last_mut()) {
                join_continuation(prev, row, cols);
                continue;
            }
            match pending.as_mut() {
                Some(p) => join_continuation(p, row, cols),
                None => pending = Some(row.clone()),
            }
            continue;
        }
        let mut row = row.clone();
        if let Some(p) = pending.take() {
            // a row whose own name starts an item (`Kegiatan …`, `Program …`) is not the end
            // of the pending name: that one stands on its own
            if names_an_item(&row) {
                out.push(p);
            } else {
                prepend_fragments(&mut row, &p);
            }
        }
        match out.last_mut() {
            Some(prev) if continues => {
                join_continuation(prev, &row, cols);
            }
            // a page break cut the row after its name, or a cell's figures were printed a line
            // lower than the rest of the row: the figures follow on the next line
            Some(prev) if first_is_figure && continues_figures(prev, &row, cols) => {
                let at = filled_len(prev);
                prev.cells.truncate(at);
                prev.cells
                    .extend(row.cells.iter().take(filled_len(&row)).cloned());
            }
            _ => out.push(row),
        }
    }
    // fragments after the last figures continue the last row
    if let (Some(p), Some(last)) = (pending, out.last_mut()) {
        join_continuation(last, &p, cols);
    }
    out
}

/// Cells up to the row's last non-empty one (a converter ends a line with the empty cells of
/// its row).
fn filled_len(row: &Row) -> usize {
    row.cells
        .iter()
        .rposition(|c| !c.text.trim().is_empty())
        .map_or(0, |last| last + 1)
}

/// `row` continues `prev` where it stopped: `prev` is shorter than the table, or the figures of
/// `row` land after `prev`'s last filled cell under columns that may hold them, one at least
/// under a figure column.
fn continues_figures(prev: &Row, row: &Row, cols: &Columns) -> bool {
    let width = cols.columns.len();
    // the converter ended the cut row with its name: nothing of it is lost by appending
    if prev.cells.len() < width && prev.cells.len() + row.cells.len() <= width {
        return true;
    }
    let at = filled_len(prev);
    let n = filled_len(row);
    if n == 0 || at + n > width.max(prev.cells.len()) {
        return false;
    }
    let under = |j: usize| cols.role(at + j);
    let figures: Vec<usize> = (0..n).filter(|&j| !row.text(j).trim().is_empty()).collect();
    figures
        .iter()
        .all(|&j| !matches!(row.number(j), CellNumber::NotNumber) && may_hold_figure(under(j)))
        && figures.iter().any(|&j| is_numeric_role(under(j)))
}

/// A column a figure may stand under: a figure column, or one the header names no role for
/// (`Target Akhir RPJMD`, `Keterangan`); never a name, a code or a unit.
pub fn may_hold_figure(role: Role) -> bool {
    is_numeric_role(role) || role == Role::Other
}

fn first_text(row: &Row) -> &str {
    row.cells
        .iter()
        .find(|c| !c.text.is_empty())
        .map_or("", |c| c.text.as_str())
}

/// A line without figures or numbering in a table that prints names above their figures.
fn is_fragment(row: &Row) -> bool {
    let has_number = row
        .cells
        .iter()
        .any(|c| !matches!(c.number(), CellNumber::NotNumber));
    let first = row
        .cells
        .iter()
        .find(|c| !c.text.is_empty())
        .map_or("", |c| c.text.as_str());
    let numbered = row.text(0).is_empty() && crate::table::is_row_number(first)
        || crate::table::is_row_number(row.text(0));
    !has_number && !numbered
}

/// Which name fragments continue the row above. Cells centred vertically (OCR) print a wrapped
/// name's lines on both sides of its figures: of the fragments between two rows' figures those
/// before one that starts an item (`Program …`) end the name above; without such a fragment, in
/// a table that ends with fragments (centred), the first half does. Cells aligned to the bottom:
/// every fragment starts the name below.
fn fragments_above(rows: &[&Row], cols: &Columns) -> Vec<bool> {
    let mut above = vec![false; rows.len()];
    if !cols.names_before_figures {
        return above;
    }
    let centred = rows.last().is_some_and(|r| is_fragment(r));
    let mut k = 0;
    while k < rows.len() {
        if !rows.get(k).is_some_and(|r| is_fragment(r)) {
            k += 1;
            continue;
        }
        let start = k;
        while rows.get(k).is_some_and(|r| is_fragment(r)) {
            k += 1;
        }
        // between two rows' figures (the first run starts a name, the last ends one); a
        // fragment that starts an item (`Program …`) starts the name below
        if start > 0 {
            let new_item = (start + 1..k)
                .find(|j| rows.get(*j).is_some_and(|r| starts_new_item(first_text(r))));
            let half = match new_item {
                Some(j) => j - start,
                None if !centred => 0,
                None if k < rows.len() => (k - start) / 2,
                None => k - start,
            };
            for a in above.iter_mut().skip(start).take(half) {
                *a = true;
            }
        }
    }
    above
}

/// The first lines of a wrapped name, printed above the row's figures, put before the name:
/// each fragment cell before the cell of the same column (before the name when that is empty).
fn prepend_fragments(row: &mut Row, fragments: &Row) {
    let name = row.cells.iter().position(|c| {
        !c.text.is_empty()
            && matches!(c.number(), CellNumber::NotNumber)
            && !crate::table::is_row_number(&c.text)
            && !crate::table::is_hierarchical_number(&c.text)
    });
    for (i, f) in fragments.cells.iter().enumerate() {
        if f.text.is_empty() {
            continue;
        }
        let target = match row.cells.get(i) {
            Some(c) if matches!(c.number(), CellNumber::NotNumber) && !c.text.is_empty() => Some(i),
            _ => name,
        };
        if let Some(c) = target.and_then(|t| row.cells.get_mut(t)) {
            c.prepend(&f.text);
        }
    }
    row.extra_lines.extend(fragments.lines());
}

/// Appends a wrapped line to the row above. Normally each wrapped cell continues the cell above
/// it; when the converter had already spread the row's name over a figure column (`Program |
/// Penyelenggaraan | 147.186.000`), the wrapped words continue the name where it stopped.
fn join_continuation(prev: &mut Row, row: &Row, cols: &Columns) {
    let broken_name_end = prev.cells.iter().enumerate().position(|(i, c)| {
        is_numeric_role(cols.role(i))
            && !c.text.is_empty()
            && matches!(c.number(), CellNumber::NotNumber)
    });
    if let Some(end) = broken_name_end {
        let words: Vec<&str> = row
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        if let Some(p) = prev.cells.get_mut(end) {
            p.append(&words.join(" "));
        }
        prev.extra_lines.extend(
            row.cells
                .iter()
                .filter(|c| !c.text.is_empty())
                .map(|c| c.line),
        );
        return;
    }
    for (i, cell) in row.cells.iter().enumerate() {
        if cell.text.is_empty() {
            continue;
        }
        match prev.cells.get_mut(i) {
            Some(p) if !p.text.is_empty() && !crate::table::is_row_number(&p.text) => {
                p.append(&cell.text);
            }
            _ => {
                // the wrapped words belong to the row's name, wherever the converter put them
                if let Some(p) = prev.cells.iter_mut().find(|c| {
                    !c.text.is_empty()
                        && matches!(c.number(), CellNumber::NotNumber)
                        && !crate::table::is_row_number(&c.text)
                }) {
                    p.append(&cell.text);
                }
            }
        }
        prev.extra_lines.push(cell.line);
    }
}

/// The row's name (its first cell of words) starts a programme, kegiatan or numbered item.
fn names_an_item(row: &Row) -> bool {
    row.cells
        .iter()
        .map(|c| c.text.trim())
        .find(|t| {
            t.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && matches!(crate::number::parse_cell(t), CellNumber::NotNumber)
        })
        .is_some_and(|t| {
            let lower = t.to_lowercase();
            starts_new_item(t) || lower.starts_with("kegiatan") || lower.starts_with("sub kegiatan")
        })
}

/// A wrapped line never starts a new program or a numbered item.
fn starts_new_item(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    t.starts_with("program")
        || t.starts_with("jumlah")
        || t.starts_with("total")
        || t.starts_with("- ")
        || t.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::classify;
    use crate::table_reader::find_tables;

    fn table(src: &str) -> Table {
        let lines: Vec<String> = src.split('\n').map(String::from).collect();
        find_tables(&lines)
            .into_iter()
            .next()
            .unwrap_or_else(|| Table::new(Vec::new(), Layout::TabRows, 1, String::new()))
    }

    #[test]
    fn wrapped_names_join_the_row_above() {
        let found = table("NO.\tPROGRAM\tANGGARAN\tREALISASI\t%\nIII\tProgram Koordinasi Ketentraman\t180.240.000\t180.065.000\t99,90\n\tdan Ketertiban Umum\t\t\t\nIV\tProgram\tPenyelenggaraan\t147.186.000\t145.576.000\t98,91\n\tUrusan Pemerintahan Umum\t\t\t");
        let t = classify(&found);
        let rows = logical_rows(&found, t.columns());
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].text(1),
            "Program Koordinasi Ketentraman dan Ketertiban Umum"
        );
        assert_eq!(rows[1].text(2), "Penyelenggaraan Urusan Pemerintahan Umum");
        let v = row_values(&rows[1], t.columns(), found.layout);
        assert!(v.realigned);
        let roles: Vec<(Role, String)> = v
            .values
            .iter()
            .map(|v| (v.role, v.value.to_string()))
            .collect();
        assert_eq!(
            roles,
            vec![
                (Role::Pagu, "147186000".into()),
                (Role::Realisasi, "145576000".into()),
                (Role::Capaian, "98.91".into())
            ]
        );
    }

    #[test]
    fn figures_cut_onto_the_next_line() {
        let found = table("No\tIndikator\tSatuan\tTarget\tRealisasi\tCapaian\n1.\tNilai SAKIP\tNilai\t73\n68,80\t94,24");
        let t = classify(&found);
        let rows = logical_rows(&found, t.columns());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].cells.len(), 6);
    }

    #[test]
    fn figures_a_line_lower_continue_a_row_that_ends_with_empty_cells() {
        let found = table("No\tIndikator\tSatuan\tTarget\tRealisasi\tCapaian\tTarget Akhir\n1.\tNilai SAKIP\tNilai\t73\t\t\t\n68,80\t94,24\t74\t\t\t\t\n2.\tIKM\tIndeks\t75\t83,20\t110,93\t80");
        let t = classify(&found);
        let rows = logical_rows(&found, t.columns());
        let cells: Vec<&str> = rows[0].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            cells,
            ["1.", "Nilai SAKIP", "Nilai", "73", "68,80", "94,24", "74"]
        );
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn a_row_led_by_a_year_is_not_the_figures_of_the_row_above() {
        let found = table("Tahun\tTarget\tRealisasi\tCapaian\n2024\t80\t\t\n2025\t85\t\t");
        let t = classify(&found);
        assert_eq!(logical_rows(&found, t.columns()).len(), 2);
    }

    #[test]
    fn a_row_number_is_never_a_figure() {
        // the numbering cell stands where the empty No column was lost: the name follows it
        let found = table("No\tIndikator\tTarget\tRealisasi\tCapaian\n\t2.1\tPersentase desa tertib administrasi\tPersen\t90\t100\t111,11");
        let t = classify(&found);
        let rows = logical_rows(&found, t.columns());
        let v = row_values(&rows[0], t.columns(), found.layout);
        assert!(v.values.iter().all(|v| v.value.to_string() != "2.1"));
    }

    #[test]
    fn a_row_with_a_lost_cell_is_withheld_unless_its_percentage_confirms_it() {
        let found = table("No\tIndikator\tSatuan\tTarget\tRealisasi\tCapaian\n1.\tNilai SAKIP\t70\t68,45\t97,79\n2.\tIKM\t75\t83,20\t110,93");
        let t = classify(&found);
        let rows = logical_rows(&found, t.columns());
        let lost = row_values(&rows[0], t.columns(), found.layout);
        assert!(lost.shifted && lost.values.is_empty());
        // target 75, realisasi 83,20, capaian 110,93 reproduce each other, wherever they moved
        let found = table("No\tIndikator\tSatuan\tTarget\tRealisasi\tCapaian\tKet\n2.\tIKM\tIndeks\t75\t83,20\t110,93");
        let t = classify(&found);
        let rows = logical_rows(&found, t.columns());
        let kept = row_values(&rows[0], t.columns(), found.layout);
        assert!(!kept.shifted && kept.values.len() == 3);
    }

    #[test]
    fn names_wrapped_above_their_figures_are_whole() {
        let found = table("No\tIndikator Kinerja\tTarget\tRealisasi\n\tPersentase desa yang\t\t\n\tmenerapkan tata kelola\t\t\n1.\tpemerintahan yang baik\t90\t100\n\tIndeks Kepuasan\t\t\n2.\tMasyarakat\t80\t84,5");
        let t = classify(&found);
        let cols = t.columns();
        assert!(cols.names_before_figures);
        let rows = logical_rows(&found, cols);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].text(1),
            "Persentase desa yang menerapkan tata kelola pemerintahan yang baik"
        );
        assert_eq!(rows[1].text(1), "Indeks Kepuasan Masyarakat");
    }

    #[test]
    fn names_wrapped_around_their_figures_are_whole() {
        let found = table("No\tProgram\tAnggaran\n\tProgram penunjang\t\n1.\turusan pemerintahan\t1.000.000\n\tdaerah kabupaten/kota\t\n\tProgram penyelenggaraan\t\n2.\tpemerintahan dan\t2.000.000\n\tpelayanan publik\t");
        let t = classify(&found);
        let rows = logical_rows(&found, t.columns());
        let names: Vec<&str> = rows.iter().map(|r| r.text(1)).collect();
        assert_eq!(
            names,
            vec![
                "Program penunjang urusan pemerintahan daerah kabupaten/kota",
                "Program penyelenggaraan pemerintahan dan pelayanan publik"
            ]
        );
    }

    #[test]
    fn a_row_without_its_empty_last_cells_keeps_its_figures() {
        let found = table("No\tProgram\tAnggaran\tKeterangan\n1.\tProgram Penunjang\t1.000.000\n2.\tProgram Pembinaan\t2.000.000\tAPBD");
        let t = classify(&found);
        let rows = logical_rows(&found, t.columns());
        let v = row_values(&rows[0], t.columns(), found.layout);
        assert!(!v.shifted && v.values.len() == 1);
        // a lost cell in the middle leaves a figure column empty
        let found =
            table("No\tIndikator\tTarget\tRealisasi\tCapaian\tKeterangan\n1.\tIKM\t83,20\t\tBaik");
        let t = classify(&found);
        let rows = logical_rows(&found, t.columns());
        assert!(row_values(&rows[0], t.columns(), found.layout).shifted);
    }
}
