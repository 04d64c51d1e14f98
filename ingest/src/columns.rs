//! Step 4: classify a table by its header and give every column a role.
//!
//! Headers span several rows (a merged `Tahun 2023` cell over `Target | Real | % Capaian`), are
//! followed by a row of column numbers (`1 2 3 4 5`, `(1) (2) …`), and name the same role many
//! ways (`Real.`, `Realisasi (Rp)`, `% Capaian`, `Persentase`, `Anggaran`, `Pagu`). The lowest
//! header row that names a role for a column decides it; upper rows give the year of a group.

use crate::number::{parse_cell, CellNumber};
use crate::pattern::{group, Pattern};
use model::Exact;

use crate::table::{Row, Table};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Kode,
    /// The indicator's name.
    Indicator,
    /// Tujuan / sasaran text.
    Goal,
    /// Program / kegiatan / uraian: the budget line's name.
    Uraian,
    Satuan,
    Target,
    Realisasi,
    Capaian,
    Pagu,
    Other,
}

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
        .map(|c| c.text.as_str())
        .filter(|t| matches!(parse_cell(t), CellNumber::Value { .. }))
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

/// The role a header cell names, and whether the hint is weak.
fn role_of(text: &str) -> Option<(Role, bool)> {
    let t = text.to_lowercase();
    let t = t.trim();
    if t.is_empty() {
        return None;
    }
    let has = |w: &str| t.contains(w);
    let word = |w: &str| t.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    if has("kode") {
        return Some((Role::Kode, false));
    }
    if has("terhadap")
        || has("akhir")
        || has("renstra")
        || has("rpjmd")
        || has("efisiensi")
        || has("selisih")
        || has("sisa")
        || has("predikat")
        || has("kategori")
        || has("keterangan")
        || word("ket")
        || has("sumber")
    {
        return Some((Role::Other, false));
    }
    if has("capaian")
        || has("persentase")
        || has("prosentase")
        || t.starts_with('%')
        || t.ends_with('%')
        || has("( % )")
        || has("(%)")
        || word("persen")
    {
        return Some((Role::Capaian, false));
    }
    if has("realisasi") || word("real") || word("realis") {
        return Some((Role::Realisasi, false));
    }
    if has("target") && (has("rp") || has("anggaran")) {
        return Some((Role::Pagu, false));
    }
    if has("target") || has("rencana tingkat capaian") || word("rencana") {
        return Some((Role::Target, false));
    }
    if has("anggaran")
        || has("pagu")
        || has("alokasi")
        || word("dpa")
        || word("belanja") && has("rp")
    {
        return Some((Role::Pagu, false));
    }
    if has("indikator") {
        return Some((Role::Indicator, false));
    }
    if has("satuan") {
        return Some((Role::Satuan, false));
    }
    if has("program") || has("uraian") || has("kegiatan") || word("nama") || has("jenis belanja") {
        return Some((Role::Uraian, false));
    }
    if has("sasaran") || has("tujuan") {
        return Some((Role::Goal, false));
    }
    if word("rp") {
        return Some((Role::Pagu, true));
    }
    if word("no") || word("nomor") {
        return Some((Role::Other, false));
    }
    None
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
fn expand_short_row(upper: &[String], lower: &[String]) -> Option<Vec<String>> {
    if upper.len() >= lower.len() || upper.is_empty() {
        return None;
    }
    let lead = lower
        .iter()
        .take_while(|t| t.is_empty())
        .count()
        .min(upper.len());
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

/// Header rows and column roles of `table`.
pub fn columns_of(table: &Table) -> Columns {
    let header_rows = table
        .rows
        .iter()
        .position(is_data_row)
        .unwrap_or(table.rows.len());
    let headers: Vec<&Row> = table
        .rows
        .iter()
        .take(header_rows)
        .filter(|r| !is_column_number_row(r))
        .collect();
    let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let grid = spread_headers(&headers, width);
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
    let header_text = headers
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.text.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ");
    Columns {
        header_rows,
        columns,
        header_text,
    }
}

/// A number read from a data row, with the role and year of its column.
#[derive(Clone, Copy, Debug)]
pub struct Value {
    pub role: Role,
    pub year: Option<u16>,
    pub value: Exact,
    /// Column index (for pairing a realisasi with the target to its left).
    pub col: usize,
}

fn is_numeric_role(role: Role) -> bool {
    matches!(
        role,
        Role::Target | Role::Realisasi | Role::Capaian | Role::Pagu
    )
}

/// The numbers of `row` under numeric-role columns. When the converter broke the columns (text
/// in a number column, numbers shifted), the numbers are matched to the number columns in order.
/// The second result counts cells that looked like numbers but could not be read.
pub fn row_values(row: &Row, cols: &Columns) -> (Vec<Value>, Vec<u32>) {
    let mut damaged = Vec::new();
    let mut aligned = Vec::new();
    let mut misaligned = false;
    for (i, col) in cols.columns.iter().enumerate() {
        if !is_numeric_role(col.role) {
            continue;
        }
        let Some(cell) = row.cells.get(i) else {
            continue;
        };
        match parse_cell(&cell.text) {
            CellNumber::Value { value, .. } => aligned.push(Value {
                role: col.role,
                year: col.year,
                value,
                col: i,
            }),
            CellNumber::Damaged => damaged.push(cell.line),
            CellNumber::NotNumber => {
                if !cell.text.is_empty() && cell.text != "-" {
                    misaligned = true;
                }
            }
        }
    }
    if !misaligned {
        return (aligned, damaged);
    }
    let numeric_cols: Vec<(usize, &Column)> = cols
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| is_numeric_role(c.role))
        .collect();
    let numbers: Vec<Exact> = row
        .cells
        .iter()
        .enumerate()
        .filter(|(i, c)| !(*i == 0 && crate::table::is_row_number(&c.text)))
        .filter_map(|(_, c)| match parse_cell(&c.text) {
            CellNumber::Value { value, .. } => Some(value),
            _ => None,
        })
        .collect();
    let values = numeric_cols
        .iter()
        .zip(numbers)
        .map(|((i, col), value)| Value {
            role: col.role,
            year: col.year,
            value,
            col: *i,
        })
        .collect();
    (values, damaged)
}

/// A table printed right below another with only a blank line between them (a PK's indicator
/// table followed by its program budget table) is found as one; a second header row — no numbers,
/// at least two role names, one of them a figure column — after data rows starts a new table.
pub fn split_at_repeated_headers(tables: Vec<Table>) -> Vec<Table> {
    let mut out = Vec::with_capacity(tables.len());
    for t in tables {
        let mut current = Table {
            rows: Vec::new(),
            layout: t.layout,
            first_line: t.first_line,
            caption: t.caption.clone(),
        };
        let mut seen_data = false;
        for row in t.rows {
            if seen_data && is_header_row(&row) && !current.rows.is_empty() {
                let first_line = row.cells.first().map_or(current.first_line, |c| c.line);
                let done = std::mem::replace(
                    &mut current,
                    Table {
                        rows: Vec::new(),
                        layout: t.layout,
                        first_line,
                        caption: String::new(),
                    },
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
            let headerless =
                t.rows.first().is_some_and(is_data_row) && !t.rows.iter().any(is_header_row);
            let prev_has_roles = {
                let c = columns_of(prev);
                c.has(Role::Target) || c.has(Role::Pagu) || c.has(Role::Realisasi)
            };
            if headerless
                && prev_has_roles
                && prev.layout == t.layout
                && width(prev) == width(&t)
                && t.first_line > prev_end
                && t.first_line - prev_end <= 8
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
        .any(|c| !matches!(parse_cell(&c.text), CellNumber::NotNumber))
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

/// Data rows of a table, with continuation rows (a long name wrapped onto the next line, no
/// numbers, no row number) joined to the row above.
pub fn logical_rows(table: &Table, cols: &Columns) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    for row in table.rows.iter().skip(cols.header_rows) {
        if is_column_number_row(row) || row.is_blank() {
            continue;
        }
        let has_number = row
            .cells
            .iter()
            .any(|c| !matches!(parse_cell(&c.text), CellNumber::NotNumber));
        let first = row
            .cells
            .iter()
            .find(|c| !c.text.is_empty())
            .map_or("", |c| c.text.as_str());
        let numbered = row.text(0).is_empty() && crate::table::is_row_number(first)
            || crate::table::is_row_number(row.text(0));
        let continues = !has_number
            && !numbered
            && table.layout != crate::table::Layout::CellPerLine
            && !starts_new_item(first);
        let width = cols.columns.len();
        let first_is_figure = matches!(parse_cell(row.text(0)), CellNumber::Value { .. })
            && !crate::table::is_row_number(row.text(0));
        match out.last_mut() {
            Some(prev) if continues => {
                join_continuation(prev, row, cols);
            }
            // a page break cut the row after its name: the figures follow on the next line
            Some(prev)
                if first_is_figure
                    && prev.cells.len() < width
                    && prev.cells.len() + row.cells.len() <= width =>
            {
                prev.cells.extend(row.cells.iter().cloned());
            }
            _ => out.push(row.clone()),
        }
    }
    out
}

/// Appends a wrapped line to the row above. Normally each wrapped cell continues the cell above
/// it; when the converter had already spread the row's name over a figure column (`Program |
/// Penyelenggaraan | 147.186.000`), the wrapped words continue the name where it stopped.
fn join_continuation(prev: &mut Row, row: &Row, cols: &Columns) {
    let broken_name_end = prev.cells.iter().enumerate().position(|(i, c)| {
        is_numeric_role(cols.role(i))
            && !c.text.is_empty()
            && matches!(parse_cell(&c.text), CellNumber::NotNumber)
    });
    if let Some(end) = broken_name_end {
        let words: Vec<&str> = row
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        if let Some(p) = prev.cells.get_mut(end) {
            p.text.push(' ');
            p.text.push_str(&words.join(" "));
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
                p.text.push(' ');
                p.text.push_str(&cell.text);
            }
            _ => {
                // the wrapped words belong to the row's name, wherever the converter put them
                if let Some(p) = prev.cells.iter_mut().find(|c| {
                    !c.text.is_empty()
                        && matches!(parse_cell(&c.text), CellNumber::NotNumber)
                        && !crate::table::is_row_number(&c.text)
                }) {
                    p.text.push(' ');
                    p.text.push_str(&cell.text);
                }
            }
        }
        prev.extra_lines.push(cell.line);
    }
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

    #[test]
    fn patterns_compile() {
        assert!(YEAR.compiles());
    }
    use crate::table::find_tables;

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
}
