//! Indicator tables → observations: one per printed row, with the report year's target,
//! realisasi and capaian and the earlier years printed beside them.

use model::{Exact, Level};

use crate::columns::{ClassifiedTable, Columns};
use crate::realign::printed_rows;
use crate::roles::Role;
use crate::rows::{row_values, RowValues, Value};
use crate::sections::Sections;
use crate::table::Row;
use crate::text::clean_label;

/// An earlier year's figures printed in the same row.
#[derive(Clone, Debug)]
pub struct Past {
    pub year: u16,
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub capaian: Option<Exact>,
    pub lines: Vec<u32>,
}

/// One printed result row.
#[derive(Clone, Debug)]
pub struct Observation {
    pub name: String,
    pub level: Level,
    pub unit: Option<String>,
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub capaian: Option<Exact>,
    pub history: Vec<Past>,
    pub lines: Vec<u32>,
    pub in_bab3: bool,
    pub year_label: Option<u16>,
    /// The row's columns were broken; its figures were matched to the figure columns in order.
    pub realigned: bool,
    /// A figure was read with OCR look-alike letters.
    pub repaired: bool,
}

pub(super) fn is_indicator_table(cols: &Columns) -> bool {
    cols.has(Role::Target)
        && (cols.has(Role::Realisasi) || cols.has(Role::Capaian))
        && !cols.has(Role::Pagu)
}

pub(super) fn row_name(row: &Row, cols: &Columns) -> String {
    let pick = |role: Role| {
        cols.find(role)
            .into_iter()
            .map(|i| row.text(i).trim().to_string())
            .find(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 3)
    };
    let name = pick(Role::Indicator)
        .or_else(|| pick(Role::Goal))
        .or_else(|| pick(Role::Uraian))
        .unwrap_or_default();
    clean_label(&name)
}

/// The level of a table's indicators: its caption and header say `Tujuan`, `Sasaran`, or name
/// lower levels (`Indikator Kinerja Program`, `… Kegiatan`), whose results are no IKU.
pub(super) fn level_of(cols: &Columns, caption: &str) -> Level {
    let h = format!("{} {}", cols.header_text, caption.to_lowercase());
    let goal =
        h.contains("tujuan") || h.contains("sasaran") || h.contains("iku") || h.contains("utama");
    if !goal
        && (h.contains("sub kegiatan") || h.contains("sub-kegiatan") || h.contains("subkegiatan"))
    {
        Level::SubKegiatan
    } else if !goal && h.contains("kegiatan") && !h.contains("program") {
        Level::Kegiatan
    } else if !goal && h.contains("program") {
        Level::Program
    } else if h.contains("tujuan") && !h.contains("sasaran") {
        Level::Tujuan
    } else {
        Level::Sasaran
    }
}

/// A row whose program/kegiatan column names a program or kegiatan carries that level's
/// indicator, whatever the table's level.
pub(super) fn row_level(row: &Row, cols: &Columns, table_level: Level) -> Level {
    let named = cols
        .find(Role::Uraian)
        .into_iter()
        .map(|i| row.text(i).trim().to_lowercase())
        .find(|t| !t.is_empty());
    match named {
        Some(t) if t.starts_with("sub kegiatan") || t.starts_with("sub-kegiatan") => {
            Level::SubKegiatan
        }
        Some(t) if t.starts_with("kegiatan") => Level::Kegiatan,
        Some(t) if t.starts_with("program") => Level::Program,
        _ => table_level,
    }
}

/// The year label of the report year's target group: labelled with the year, else unlabelled,
/// else the only labelled group when it names the year before (a header that says `Tahun 2022`
/// over the 2023 figures is a known copy-paste slip). `None`: the table has no such group.
fn current_group_label(cols: &Columns, year: u16) -> Option<Option<u16>> {
    let target_years: Vec<Option<u16>> = cols
        .find(Role::Target)
        .into_iter()
        .map(|i| cols.year(i))
        .collect();
    if target_years.contains(&Some(year)) {
        return Some(Some(year));
    }
    if target_years.contains(&None) {
        return Some(None);
    }
    let mut ys: Vec<u16> = target_years.iter().flatten().copied().collect();
    ys.sort_unstable();
    ys.dedup();
    match ys.as_slice() {
        [only] if *only < year && *only + 1 >= year => Some(Some(*only)),
        _ => None,
    }
}

/// The earlier years' figures printed in the same row (`Real. 2022`, a `Tahun 2022` group).
fn past_years(
    values: &[Value],
    is_current: impl Fn(Option<u16>) -> bool,
    year: u16,
    lines: &[u32],
) -> Vec<Past> {
    let mut history: Vec<Past> = Vec::new();
    for v in values.iter().filter(|v| !is_current(v.year)) {
        let Some(y) = v.year.filter(|y| *y < year && *y >= 2000) else {
            continue;
        };
        if !history.iter().any(|h| h.year == y) {
            history.push(Past {
                year: y,
                target: None,
                realisasi: None,
                capaian: None,
                lines: lines.to_vec(),
            });
        }
        if let Some(h) = history.iter_mut().find(|h| h.year == y) {
            match v.role {
                Role::Target => h.target = h.target.or(Some(v.value)),
                Role::Realisasi => h.realisasi = h.realisasi.or(Some(v.value)),
                Role::Capaian => h.capaian = h.capaian.or(Some(v.value)),
                _ => {}
            }
        }
    }
    history
}

/// Observations of one table.
pub(super) fn table_observations(
    classified: &ClassifiedTable<'_>,
    year: u16,
    sections: &Sections,
    damaged: &mut Vec<u32>,
    shifted: &mut Vec<u32>,
) -> Vec<Observation> {
    let table = classified.table();
    let cols = classified.columns();
    if !is_indicator_table(cols) || super::measure::is_other_measure_table(cols, &table.caption) {
        return Vec::new();
    }
    let compares = super::measure::compares(cols, &table.caption);
    let Some(current_label) = current_group_label(cols, year) else {
        return Vec::new();
    };
    let level = level_of(cols, &table.caption);
    let mut out = Vec::new();
    for row in printed_rows(table, cols) {
        let name = row_name(&row, cols);
        let key = name.to_lowercase();
        if name.is_empty()
            || is_summary_row(&key)
            || super::measure::is_other_measure_row(&name, compares)
        {
            continue;
        }
        let RowValues {
            values,
            damaged: bad,
            realigned,
            shifted: lost,
            repaired,
        } = row_values(&row, cols, table.layout);
        damaged.extend(bad);
        if lost {
            shifted.extend(row.lines());
        }
        let is_current =
            |y: Option<u16>| y == current_label || (current_label.is_none() && y == Some(year));
        let target_value = values
            .iter()
            .find(|v| v.role == Role::Target && is_current(v.year));
        let target_col = target_value.map_or(0, |v| v.col);
        // a realisasi or capaian of the report year stands right of its target (`Real. 2022 |
        // Target | Real | %`): prefer those, then any of the year
        let pick = |role: Role| {
            values
                .iter()
                .find(|v| v.role == role && is_current(v.year) && v.col > target_col)
                .or_else(|| values.iter().find(|v| v.role == role && is_current(v.year)))
                .map(|v| v.value)
        };
        let target = target_value.map(|v| v.value);
        let realisasi = pick(Role::Realisasi);
        if target.is_none() && realisasi.is_none() {
            continue;
        }
        let history = past_years(&values, is_current, year, &row.lines());
        let unit = cols
            .find(Role::Satuan)
            .into_iter()
            .map(|i| row.text(i).trim().to_string())
            .find(|t| !t.is_empty());
        let lines = row.lines();
        out.push(Observation {
            level: row_level(&row, cols, level),
            name,
            unit,
            target,
            realisasi,
            capaian: pick(Role::Capaian),
            history,
            in_bab3: lines.first().is_some_and(|l| sections.in_bab3(*l)),
            lines,
            year_label: current_label.filter(|y| *y != year),
            realigned,
            repaired,
        });
    }
    out
}

/// `Rata-rata`, `Jumlah`, `Total`, `Prosentase Capaian Tujuan`: a table's summary row, not an
/// indicator (an indicator may well start with `Jumlah …`: `Jumlah pengaduan masyarakat`).
pub(super) fn is_summary_row(key: &str) -> bool {
    let words = key.split_whitespace().count();
    key.starts_with("rata")
        || key.starts_with("rerata")
        || ((key.starts_with("jumlah") || key.starts_with("total")) && words <= 2)
        || key.starts_with("prosentase capaian")
        || key.starts_with("persentase capaian")
        || key.starts_with("capaian")
}
