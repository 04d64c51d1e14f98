//! Step 4: classify a table by its header and give every column a role.
//!
//! Headers span several rows (a merged `Tahun 2023` cell over `Target | Real | % Capaian`), are
//! followed by a row of column numbers (`1 2 3 4 5`, `(1) (2) …`), and name the same role many
//! ways (`Real.`, `Realisasi (Rp)`, `% Capaian`, `Persentase`, `Anggaran`, `Pagu`). The lowest
//! header row that names a role for a column decides it; upper rows give the year of a group.

use crate::number::CellNumber;
use crate::pattern::{group, Pattern};
use crate::roles::{role_of, Role};
use crate::table::{Row, Table};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub role: Role,
    pub year: Option<u16>,
    /// The role came only from a weak hint (`Rp.`).
    pub weak: bool,
    /// Lower-case header text of this column (all header rows, merged cells spread).
    pub header: String,
}

#[derive(Clone, Debug)]
pub struct Columns {
    pub header_rows: usize,
    /// Cells of the widest header row, up to its last labelled cell, merged cells spread (0
    /// without a header).
    pub header_width: usize,
    /// The table prints a wrapped name's first lines above the line with its figures (OCR of
    /// cells aligned to the bottom): the first data row's fragments stood right below the header.
    pub names_before_figures: bool,
    pub columns: Vec<Column>,
    /// Lower-case text of all header rows.
    pub header_text: String,
}

impl Columns {
    pub fn find(&self, role: Role) -> Vec<usize> {
        self.columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.role == role)
            .map(|(i, _)| i)
            .collect()
    }

    pub fn has(&self, role: Role) -> bool {
        self.columns.iter().any(|c| c.role == role)
    }

    pub fn role(&self, i: usize) -> Role {
        self.columns.get(i).map_or(Role::Other, |c| c.role)
    }

    pub fn year(&self, i: usize) -> Option<u16> {
        self.columns.get(i).and_then(|c| c.year)
    }
}

static YEAR: Pattern = Pattern::new(r"\b(20[0-9]{2})\b");

/// A data row has a number that is neither a year label nor part of a column-number row.
pub fn is_data_row(row: &Row) -> bool {
    let numbers: Vec<&str> = row
        .cells
        .iter()
        .filter(|c| matches!(c.number(), CellNumber::Value { .. }))
        .map(|c| c.text.as_str())
        .collect();
    if numbers.is_empty() || is_column_number_row(row) {
        return false;
    }
    let all_years = numbers.iter().all(|t| t.len() == 4 && t.starts_with("20"));
    !all_years
}

/// `1 2 3 4 5`, `(1) (2) (3)`, `1/) 2/)`, `4 5 (5/4*100 %)`: the row that numbers the columns.
pub fn is_column_number_row(row: &Row) -> bool {
    let cells: Vec<&str> = row
        .cells
        .iter()
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if cells.len() < 3 {
        return false;
    }
    let small = cells
        .iter()
        .filter(|t| {
            let core = t
                .trim_start_matches('(')
                .trim_end_matches([')', '/', '.'])
                .trim_end_matches('/');
            !core.is_empty() && core.len() <= 2 && core.bytes().all(|b| b.is_ascii_digit())
                || (t.starts_with('(') && t.len() <= 20)
                || (t.len() <= 8 && t.contains('/') && t.bytes().any(|b| b.is_ascii_digit()))
        })
        .count();
    small * 10 >= cells.len() * 7
}

fn year_of(text: &str) -> Option<u16> {
    YEAR.captures(text).and_then(|c| group(&c, 1).parse().ok())
}

/// Header rows with merged cells spread: an empty cell under-/over-lapped by a labelled cell to
/// its left takes that label when the row below names something in this column (`Tahun 2023`
/// over `Target | Real | % Capaian`, `REALISASI` over `TAHUN 2021 | TAHUN 2023`).
fn spread_headers(headers: &[&Row], width: usize) -> Vec<Vec<String>> {
    // a dash in a header cell marks it empty (merged), as OCR and some converters print it
    let mut grid: Vec<Vec<String>> = headers
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| {
                    if matches!(c.text.as_str(), "-" | "--") {
                        String::new()
                    } else {
                        c.text.clone()
                    }
                })
                .collect()
        })
        .collect();
    for r in (0..grid.len().saturating_sub(1)).rev() {
        let below = grid.get(r + 1).cloned().unwrap_or_default();
        if let Some(row) = grid.get_mut(r) {
            if let Some(expanded) = expand_short_row(row, &below) {
                *row = expanded;
            }
        }
    }
    for row in &mut grid {
        row.resize(width, String::new());
    }
    for r in 0..grid.len().saturating_sub(1) {
        let below: Vec<bool> = grid
            .get(r + 1)
            .map(|b| b.iter().map(|t| !t.is_empty()).collect())
            .unwrap_or_default();
        if let Some(row) = grid.get_mut(r) {
            let mut last = String::new();
            for (i, cell) in row.iter_mut().enumerate() {
                if cell.is_empty() {
                    if !last.is_empty() && below.get(i).copied().unwrap_or(false) {
                        *cell = last.clone();
                    }
                } else {
                    last = cell.clone();
                }
            }
        }
    }
    grid
}

/// One-cell-per-line converters drop the empty cells a merged header leaves: an upper row has
/// fewer cells than the row below. Its leading and trailing cells stand over the lower row's empty
/// leading and trailing cells; each middle cell spans an equal share of the lower row's middle.
/// A ragged header (Word tables whose year cells were never merged) prints the group labels in
/// consecutive cells and leaves the rest of the row empty: `Tahun 2023 | Tahun 2024 | Tahun 2025
/// | | | | | |` over three `Target | Realisasi | Capaian` groups. When the labels stand in
/// consecutive cells, its empty trailing cells are dropped cells too, so the row is read without
/// them (an empty cell between two labels is a merged one: that row is read as printed).
fn expand_short_row(upper: &[String], lower: &[String]) -> Option<Vec<String>> {
    let labelled = upper
        .iter()
        .rposition(|t| !t.trim().is_empty())
        .map_or(0, |last| last + 1);
    let lower_lead = lower.iter().take_while(|t| t.is_empty()).count();
    let ragged = upper
        .get(lower_lead..labelled)
        .is_some_and(|mid| !mid.is_empty() && mid.iter().all(|t| !t.trim().is_empty()));
    let upper = if ragged {
        upper.get(..labelled)?
    } else {
        upper
    };
    if upper.len() >= lower.len() || upper.is_empty() {
        return None;
    }
    let lead = lower_lead.min(upper.len());
    let trail = lower
        .iter()
        .rev()
        .take_while(|t| t.is_empty())
        .count()
        .min(upper.len() - lead);
    let upper_mid = upper.len().checked_sub(lead + trail)?;
    let lower_mid = lower.len().checked_sub(lead + trail)?;
    if upper_mid == 0 || lower_mid % upper_mid != 0 {
        return None;
    }
    let span = lower_mid / upper_mid;
    let mut out = Vec::with_capacity(lower.len());
    out.extend(upper.iter().take(lead).cloned());
    for cell in upper.iter().skip(lead).take(upper_mid) {
        out.push(cell.clone());
        out.extend(std::iter::repeat_n(String::new(), span - 1));
    }
    out.extend(upper.iter().skip(lead + upper_mid).cloned());
    Some(out)
}

/// `Target | Capaian | %`: some reports head the realisasi column `Capaian` and the percentage
/// `%`. With a target, no realisasi and two percentage-like columns, the first one whose header
/// has no `%` holds the realisasi.
fn realisasi_named_capaian(columns: &mut [Column]) {
    let has = |r: Role| columns.iter().any(|c| c.role == r);
    let capaian = columns.iter().filter(|c| c.role == Role::Capaian).count();
    if !has(Role::Target) || has(Role::Realisasi) || capaian < 2 {
        return;
    }
    let plain = |c: &Column| !c.header.contains('%') && !c.header.contains("persen");
    let has_percent = columns.iter().any(|c| c.role == Role::Capaian && !plain(c));
    if let Some(c) = columns
        .iter_mut()
        .find(|c| c.role == Role::Capaian && plain(c))
    {
        if has_percent {
            c.role = Role::Realisasi;
        }
    }
}

/// A table with its header rows and column roles: what the steps that read figures by column
/// (indicators, budget) take.
#[derive(Clone, Debug)]
pub struct ClassifiedTable<'t> {
    // private and borrowed, so that `columns` is always `columns_of(table)`: the table cannot
    // change while it is classified, and a table whose rows changed has to be classified again
    table: &'t Table,
    columns: Columns,
}

impl<'t> ClassifiedTable<'t> {
    pub fn table(&self) -> &'t Table {
        self.table
    }

    /// Header rows and column roles of [`ClassifiedTable::table`].
    pub fn columns(&self) -> &Columns {
        &self.columns
    }
}

/// `table` with its columns, worked out once here.
pub fn classify(table: &Table) -> ClassifiedTable<'_> {
    ClassifiedTable {
        table,
        columns: columns_of(table),
    }
}

/// Header rows and column roles of `table`.
pub fn columns_of(table: &Table) -> Columns {
    let first_data = table
        .rows
        .iter()
        .position(is_data_row)
        .unwrap_or(table.rows.len());
    let header_rows = first_data - name_fragment_rows(table, first_data);
    let names_before_figures = header_rows < first_data;
    // up to the last labelled header cell (a converter may end a header line with empty cells)
    let header_width = table
        .rows
        .iter()
        .take(header_rows)
        .filter_map(|r| r.cells.iter().rposition(|c| !c.text.trim().is_empty()))
        .map(|last| last + 1)
        .max()
        .unwrap_or(0);
    let headers: Vec<&Row> = table
        .rows
        .iter()
        .take(header_rows)
        .filter(|r| !is_column_number_row(r))
        // a row of sentences before the first figures is a data row without figures, not a header
        .filter(|r| r.cells.iter().all(|c| c.text.len() <= 80))
        .collect();
    let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let grid = spread_headers(&headers, width);
    // a ragged header row spread over its groups labels columns further right than it was printed
    let header_width = grid
        .iter()
        .filter_map(|r| r.iter().rposition(|t| !t.trim().is_empty()))
        .map(|last| last + 1)
        .fold(header_width, usize::max);
    let mut columns = Vec::with_capacity(width);
    for i in 0..width {
        let mut chosen: Option<(Role, bool)> = None;
        let mut year = None;
        for row in grid.iter().rev() {
            let text = row.get(i).map_or("", String::as_str);
            if year.is_none() && !text.to_lowercase().contains("akhir") {
                year = year_of(text);
            }
            if matches!(chosen, Some((_, false))) {
                continue;
            }
            match role_of(text) {
                Some((role, false)) => chosen = Some((role, false)),
                Some((role, true)) if chosen.is_none() => chosen = Some((role, true)),
                _ => {}
            }
        }
        let (role, weak) = chosen.unwrap_or((Role::Other, false));
        let header = grid
            .iter()
            .map(|r| r.get(i).map_or("", String::as_str))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        columns.push(Column {
            role,
            year,
            weak,
            header,
        });
    }
    realisasi_named_capaian(&mut columns);
    let header_text = headers
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.text.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ");
    Columns {
        header_rows,
        header_width,
        names_before_figures,
        columns,
        header_text,
    }
}

/// OCR of a table whose cells are aligned to the bottom prints the first lines of the first
/// row's wrapped name right below the header, before the line with its figures: rows at the end
/// of the header block with a single cell (of several words, or any below the column-number
/// row), under a column that a row above names as the indicator, goal or program column. Their
/// count.
fn name_fragment_rows(table: &Table, first_data: usize) -> usize {
    let Some(rows) = table.rows.get(..first_data) else {
        return 0;
    };
    let mut count = 0;
    for (k, row) in rows.iter().enumerate().rev() {
        let filled: Vec<(usize, &str)> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.text.trim().is_empty())
            .map(|(i, c)| (i, c.text.trim()))
            .collect();
        let [(col, text)] = filled.as_slice() else {
            break;
        };
        // below the column-number row every row is data; above it, a short cell may be a
        // wrapped header word (`Indikator` / `Kinerja`)
        let after_numbers = rows.iter().take(k).any(is_column_number_row);
        let fragment = after_numbers || (text.split_whitespace().count() >= 2 && text.len() >= 10);
        let named_above = rows.iter().take(k).any(|r| {
            r.cells.get(*col).is_some_and(|c| {
                matches!(
                    role_of(&c.text),
                    Some((Role::Indicator | Role::Goal | Role::Uraian, false))
                )
            })
        });
        if !fragment || !named_above || k == 0 {
            break;
        }
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(YEAR.compiles());
    }
    use crate::table_reader::find_tables;

    #[test]
    fn merged_year_header_over_target_group() {
        let src = "No.\tIndikator Kinerja\tReal. 2022\tTahun 2023\t\t\tTarget Akhir Renstra (2023)\n\t\t\tTarget\tReal\t% Capaian\t\n1\t(2)\t(3)\t(4)\t(5)\t(6)\t(7)\n1.\tNilai SAKIP\t75,28\t70\t68,45\t97,78%\t70";
        let lines: Vec<String> = src.split('\n').map(String::from).collect();
        let t = find_tables(&lines);
        let c = columns_of(&t[0]);
        assert_eq!(c.header_rows, 3);
        let roles: Vec<Role> = c.columns.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            vec![
                Role::Other,
                Role::Indicator,
                Role::Realisasi,
                Role::Target,
                Role::Realisasi,
                Role::Capaian,
                Role::Other
            ]
        );
        assert_eq!(c.year(2), Some(2022));
        assert_eq!(c.year(4), Some(2023));
    }

    #[test]
    fn ragged_year_header_spans_its_groups_in_order() {
        let src = "No\tIndikator Kinerja\tTahun 2023\tTahun 2024\tTahun 2025\t\t\t\t\t\n\t\tTarget\tRealisasi\tCapaian%\tTarget\tRealisasi\tCapaian%\tTarget\tRealisasi\tCapaian%\n1\tNilai SAKIP\t69\t67,90\t98,40\t72\t68,80\t95,55\t73\t68,80\t94,24";
        let lines: Vec<String> = src.split('\n').map(String::from).collect();
        let t = find_tables(&lines);
        let c = columns_of(&t[0]);
        let years: Vec<Option<u16>> = (2..11).map(|i| c.year(i)).collect();
        assert_eq!(
            years,
            [2023, 2023, 2023, 2024, 2024, 2024, 2025, 2025, 2025].map(Some)
        );
        assert_eq!(c.find(Role::Target), vec![2, 5, 8]);
    }

    #[test]
    fn a_header_whose_last_columns_are_named_only_below_keeps_its_place() {
        let src = "No\tIndikator\tTarget\tRealisasi\t\n\t\t\t\tCapaian %\n1\tIKM\t80\t84,5\t105,63";
        let lines: Vec<String> = src.split('\n').map(String::from).collect();
        let t = find_tables(&lines);
        let roles: Vec<Role> = columns_of(&t[0]).columns.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            vec![
                Role::Other,
                Role::Indicator,
                Role::Target,
                Role::Realisasi,
                Role::Capaian
            ]
        );
    }

    #[test]
    fn realisasi_headed_capaian() {
        let lines: Vec<String> = [
            "No\tIndikator\tTarget\tCapaian\t%",
            "1\tIKM\t80\t84,5\t105,63",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let t = find_tables(&lines);
        let roles: Vec<Role> = columns_of(&t[0]).columns.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            vec![
                Role::Other,
                Role::Indicator,
                Role::Target,
                Role::Realisasi,
                Role::Capaian
            ]
        );
    }
}
