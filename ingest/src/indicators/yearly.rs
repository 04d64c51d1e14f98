//! History tables with one row per year (`Tahun | Target | Realisasi | Capaian`) under a caption
//! that names the indicator (`Perbandingan Capaian IKM Tahun 2019 - 2023`): the earlier years go
//! to `history`. Only a column headed `Realisasi` is read as realisasi (a column headed
//! `Capaian Kinerja` may hold scores or percentages, so it is left out).

use model::extract::HistoryEntry;
use model::Year;

use crate::columns::ClassifiedTable;
use crate::number::CellNumber;
use crate::realign::printed_rows;
use crate::roles::Role;
use crate::rows::row_values;
use crate::sections::Sections;
use crate::table::Row;
use crate::taxonomy::concept_of;

/// The year a row is about, when its first cells print one (`2022`, `Tahun 2022`).
fn row_year(row: &Row) -> Option<u16> {
    row.cells.iter().take(3).find_map(|c| {
        let t = c
            .text
            .trim()
            .trim_start_matches("Tahun")
            .trim_start_matches("tahun")
            .trim();
        let y: u16 = t.parse().ok()?;
        (2000..2100).contains(&y).then_some(y)
    })
}

pub(super) fn yearly_history(
    tables: &[ClassifiedTable<'_>],
    year: Year,
    sections: &Sections,
) -> Vec<HistoryEntry> {
    let mut out = Vec::new();
    for classified in tables
        .iter()
        .filter(|t| sections.in_main(t.table().first_line))
    {
        let (t, cols) = (classified.table(), classified.columns());
        if !cols.has(Role::Realisasi) || cols.has(Role::Pagu) || cols.has(Role::Indicator) {
            continue;
        }
        let Some(concept) = concept_of(&t.caption) else {
            continue;
        };
        for row in printed_rows(t, cols) {
            let Some(y) = row_year(&row).filter(|y| *y < year.get()) else {
                continue;
            };
            let Ok(tahun) = Year::new(i64::from(y)) else {
                continue;
            };
            let values = row_values(&row, cols, t.layout).values;
            let pick = |role: Role| {
                values
                    .iter()
                    .find(|v| v.role == role && v.year.is_none_or(|vy| vy == y))
                    .map(|v| v.value)
            };
            let realisasi = pick(Role::Realisasi);
            if realisasi.is_none() || matches!(row.number(0), CellNumber::Damaged) {
                continue;
            }
            out.push(HistoryEntry {
                page: None,
                canonical: Some(concept.key.clone()),
                name: concept.label.clone(),
                tahun,
                target: pick(Role::Target),
                realisasi,
                capaian_reported: pick(Role::Capaian),
                lines: row.lines(),
                confidence: Default::default(),
                confidence_reasons: Vec::new(),
            });
        }
    }
    out
}
