//! Budget tables → budget lines: which tables carry a pagu, and for each row its code, name,
//! level and the report year's pagu, realisasi and percentage.

use model::Level;

use crate::columns::{ClassifiedTable, Columns};
use crate::number::{parse_cell, CellNumber};
use crate::pattern::{group, Pattern};
use crate::realign::printed_rows;
use crate::roles::Role;
use crate::rows::{row_values, RowValues};
use crate::sections::Sections;
use crate::table::{is_row_number, Layout, Row};
use crate::text::clean_label;
use model::extract::BudgetSource;
use model::Exact;

/// A code printed before the name in the same cell (`7.01.01 PROGRAM PENUNJANG …`).
pub(super) static CODE: Pattern =
    Pattern::new(r"^\s*([0-9X]{1,2}(?:\.[0-9X]{1,4}){1,6})\.?\s*(.*)$");
/// `Program …`, `I. Program …`, `3) Program …`.
pub(super) static PROGRAM_NAME: Pattern =
    Pattern::new(r"(?i)^\s*(?:(?:[ivx]{1,4}|\d{1,2}|[a-z])\s*[.)]\s*)?program\b");
/// The row that totals a budget table: `Jumlah`, `Total`, `Belanja` alone (the first row of a
/// realisation-by-type table), or the unit itself (`UNSUR KEWILAYAHAN`, `Kecamatan X`, `OPD`).
pub(super) static TOTAL_LABEL: Pattern = Pattern::new(
    r"(?i)^\s*(jumlah|total|belanja\s*$|belanja daerah|belanja langsung dan|unsur\b|kecamatan\b|opd\b|skpd\b)",
);

#[derive(Clone, Debug)]
pub(super) struct Line {
    pub(super) level: Option<Level>,
    pub(super) kode: Option<String>,
    pub(super) name: String,
    pub(super) pagu: Option<Exact>,
    pub(super) realisasi: Option<Exact>,
    pub(super) serapan: Option<Exact>,
    pub(super) previous_realisasi: Vec<Exact>,
    pub(super) lines: Vec<u32>,
    pub(super) damaged: Vec<u32>,
    /// The row's cells do not line up with its header; its figures were withheld.
    pub(super) shifted: bool,
    /// The row's columns were broken; its figures were matched to the figure columns in order.
    pub(super) realigned: bool,
    /// A figure was read with OCR look-alike letters.
    pub(super) repaired: bool,
    pub(super) total: bool,
    /// The kind of printing the line was read from.
    pub(super) source: BudgetSource,
}

pub(super) struct BudgetTable {
    /// Lines of cells that looked like figures but could not be read exactly.
    pub(super) damaged: Vec<u32>,
    /// Lines of rows whose cells do not line up with the header (figures withheld).
    pub(super) shifted: Vec<u32>,
    pub(super) in_bab3: bool,
    pub(super) lines: Vec<Line>,
}

pub(super) fn is_budget_table(cols: &Columns) -> bool {
    cols.columns.iter().any(|c| c.role == Role::Pagu && !c.weak)
        || (cols.has(Role::Pagu) && cols.has(Role::Realisasi))
}

/// Permendagri 90/2019 codes: `7.01.01` program, `7.01.01.2.01` kegiatan,
/// `7.01.01.2.01.0001` sub-kegiatan (four-digit last part). Typing slips (`7.01..05.2.01.0008`,
/// `7.01.03.2.02.03`) still show the level by the length of the last part.
pub(super) fn level_of_code(code: &str) -> Option<Level> {
    let parts: Vec<&str> = code.split('.').filter(|p| !p.is_empty()).collect();
    let last = parts.last()?;
    match parts.len() {
        3 => Some(Level::Program),
        n if n >= 5 && last.len() >= 4 => Some(Level::SubKegiatan),
        n if n >= 4 => Some(Level::Kegiatan),
        _ => None,
    }
}

/// The budget line's name: the name column's text, continued over the following text cells when
/// a PDF converter broke one name into several columns (`Program | Penyelenggaraan | 147.186.000`).
pub(super) fn name_of_row(row: &Row, cols: &Columns) -> String {
    let has_letters = |t: &str| t.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    let start = cols
        .find(Role::Uraian)
        .into_iter()
        .chain(cols.find(Role::Goal))
        .find(|i| has_letters(row.text(*i)))
        .or_else(|| {
            row.cells
                .iter()
                .position(|c| has_letters(&c.text) && !is_row_number(&c.text))
        });
    let Some(start) = start else {
        return String::new();
    };
    let mut parts = Vec::new();
    for cell in row.cells.iter().skip(start) {
        let t = cell.text.trim();
        if t.is_empty() || !matches!(parse_cell(t), CellNumber::NotNumber) || !has_letters(t) {
            break;
        }
        parts.push(t);
    }
    parts.join(" ")
}

/// One budget row: code, name, level and the report year's figures.
pub(super) fn read_line(
    row: &Row,
    cols: &Columns,
    layout: Layout,
    year: u16,
    program_column: bool,
) -> Line {
    let source = if cols.has(Role::Realisasi) {
        BudgetSource::RealisasiTable
    } else {
        BudgetSource::PerjanjianKinerja
    };
    let mut kode = cols
        .find(Role::Kode)
        .into_iter()
        .map(|i| row.text(i).trim().to_string())
        .find(|t| !t.is_empty());
    let mut name = name_of_row(row, cols);
    // a name printed after its code (`7.01.01 PROGRAM PENUNJANG …`): at least three code parts
    if let Some(c) = CODE.captures(&name) {
        let code = group(&c, 1);
        if !group(&c, 2).is_empty() && code.split('.').count() >= 3 {
            kode = kode.or_else(|| Some(code.to_string()));
            name = group(&c, 2).to_string();
        }
    }
    let name = clean_label(name.trim_start_matches(['-', '•', ' ']));
    let RowValues {
        values,
        damaged,
        realigned,
        shifted,
        repaired,
    } = row_values(row, cols, layout);
    let current = |y: Option<u16>| y.is_none() || y == Some(year);
    let pagu_value = values
        .iter()
        .find(|v| v.role == Role::Pagu && current(v.year));
    let pagu_col = pagu_value.map_or(0, |v| v.col);
    // realisasi and percentage stand right of their pagu
    let pick = |role: Role| {
        values
            .iter()
            .find(|v| v.role == role && current(v.year) && v.col > pagu_col)
            .or_else(|| values.iter().find(|v| v.role == role && current(v.year)))
            .map(|v| v.value)
    };
    let previous_realisasi = values
        .iter()
        .filter(|v| v.role == Role::Realisasi && v.year.is_some_and(|y| y < year))
        .map(|v| v.value)
        .collect();
    let kode = kode.filter(|k| {
        k.contains('.')
            && k.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'X')
    });
    let lower = name.to_lowercase();
    let level = match kode.as_deref().and_then(level_of_code) {
        Some(l) => Some(l),
        None if PROGRAM_NAME.is_match(&lower) || program_column || is_standard_program(&lower) => {
            Some(Level::Program)
        }
        None => None,
    };
    Line {
        level,
        kode,
        total: TOTAL_LABEL.is_match(&name) && level.is_none(),
        name,
        pagu: pagu_value.map(|v| v.value),
        realisasi: pick(Role::Realisasi),
        serapan: pick(Role::Capaian),
        previous_realisasi,
        damaged,
        realigned,
        repaired,
        shifted,
        lines: row.lines(),
        source,
    }
}

pub(super) fn budget_tables(
    tables: &[ClassifiedTable<'_>],
    year: u16,
    sections: &Sections,
) -> Vec<BudgetTable> {
    let mut out = Vec::new();
    for classified in tables
        .iter()
        .filter(|t| sections.in_main(t.table().first_line))
    {
        let (t, cols) = (classified.table(), classified.columns());
        if !is_budget_table(cols) {
            continue;
        }
        let pagu_years: Vec<Option<u16>> = cols
            .find(Role::Pagu)
            .into_iter()
            .map(|i| cols.year(i))
            .collect();
        if !pagu_years.iter().any(|y| y.is_none() || *y == Some(year)) {
            continue;
        }
        // a column headed only `Program` (beside `Kegiatan`) names programs without the word
        let program_column = cols
            .columns
            .iter()
            .any(|c| c.role == Role::Uraian && is_program_only_header(&c.header))
            && cols
                .columns
                .iter()
                .filter(|c| c.role == Role::Uraian)
                .count()
                == 1;
        let rows = printed_rows(t, cols);
        // rows named `Program …` make the others kegiatan even under a `Program` header
        let named_programs = rows
            .iter()
            .any(|r| r.cells.iter().any(|c| PROGRAM_NAME.is_match(&c.text)));
        let lines: Vec<Line> = rows
            .iter()
            .map(|r| read_line(r, cols, t.layout, year, program_column && !named_programs))
            .filter(|l| l.pagu.is_some() || l.level.is_some())
            .collect();
        let damaged = lines
            .iter()
            .flat_map(|l| l.damaged.iter().copied())
            .collect();
        let shifted = lines
            .iter()
            .filter(|l| l.shifted)
            .flat_map(|l| l.lines.iter().copied())
            .collect();
        out.push(BudgetTable {
            damaged,
            shifted,
            in_bab3: sections.in_bab3(t.first_line),
            lines,
        });
    }
    out
}

/// The kecamatan programs of the national nomenclature (Permendagri 90/2019, function 7.01),
/// recognised by name when a table prints them without the word `Program` or a code.
const STANDARD_PROGRAMS: [&str; 6] = [
    "penunjang urusan pemerintahan daerah",
    "penyelenggaraan pemerintahan dan pelayanan publik",
    "pemberdayaan masyarakat desa dan kelurahan",
    "koordinasi ketentraman dan ketertiban umum",
    "penyelenggaraan urusan pemerintahan umum",
    "pembinaan dan pengawasan pemerintahan desa",
];

/// The whole name is a standard program's (a kegiatan's name may start like one: `Penyelenggaraan
/// Urusan Pemerintahan Umum Sesuai Penugasan Kepala Daerah`).
fn is_standard_program(lower_name: &str) -> bool {
    let key = crate::taxonomy::words_key(lower_name);
    STANDARD_PROGRAMS.iter().any(|p| {
        key.trim_start().strip_prefix(p).is_some_and(|rest| {
            rest.split_whitespace()
                .all(|w| matches!(w, "kabupaten" | "kota" | "kab" | "daerah"))
        })
    })
}

/// A name column headed `Program` alone (not `Program/Kegiatan`, not `Sasaran/Program`).
pub(super) fn is_program_only_header(header: &str) -> bool {
    header.contains("program")
        && !["kegiatan", "sasaran", "tujuan", "uraian", "indikator"]
            .iter()
            .any(|w| header.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        assert!(CODE.compiles() && TOTAL_LABEL.compiles() && PROGRAM_NAME.compiles());
        assert!(PROGRAM_NAME.is_match("III. Program Pemberdayaan"));
        assert!(!PROGRAM_NAME.is_match("Programmer"));
        assert!(is_standard_program(
            "penunjang urusan pemerintahan daerah kabupaten/ kota"
        ));
        assert!(!is_standard_program(
            "koordinasi upaya penyelenggaraan ketentraman dan ketertiban umum"
        ));
    }
}
