//! Indicator results: every table whose header has a target and a realisasi (or capaian) column
//! yields one observation per row; the same indicator printed in several tables (PK, BAB III
//! main table, comparison tables, lampiran) is merged, the BAB III table winning and every other
//! value that disagrees listed as an issue.

use model::extract::{HistoryEntry, Indicator, Issue, Severity};
use model::{Direction, Exact, Level, Year};

use crate::columns::{columns_of, Columns, Role};
use crate::percent::percent_mismatch;
use crate::rows::{logical_rows, row_values};
use crate::sections::Sections;
use crate::table::{Row, Table};
use crate::taxonomy::{concept_of, direction_of, words_key};
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
}

pub struct IndicatorResult {
    pub indicators: Vec<Indicator>,
    pub history: Vec<HistoryEntry>,
    pub issues: Vec<Issue>,
}

fn is_indicator_table(cols: &Columns) -> bool {
    cols.has(Role::Target)
        && (cols.has(Role::Realisasi) || cols.has(Role::Capaian))
        && !cols.has(Role::Pagu)
}

fn row_name(row: &Row, cols: &Columns) -> String {
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
fn level_of(cols: &Columns, caption: &str) -> Level {
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
fn row_level(row: &Row, cols: &Columns, table_level: Level) -> Level {
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

/// Observations of one table.
fn table_observations(
    table: &Table,
    year: u16,
    sections: &Sections,
    damaged: &mut Vec<u32>,
) -> Vec<Observation> {
    let cols = columns_of(table);
    if !is_indicator_table(&cols) {
        return Vec::new();
    }
    let target_years: Vec<Option<u16>> = cols
        .find(Role::Target)
        .into_iter()
        .map(|i| cols.year(i))
        .collect();
    // the report year's group: labelled with it, else unlabelled, else the only labelled group
    // (a header that says `Tahun 2022` over the 2023 figures is a known copy-paste slip)
    let current_label: Option<Option<u16>> = if target_years.contains(&Some(year)) {
        Some(Some(year))
    } else if target_years.contains(&None) {
        Some(None)
    } else {
        let mut ys: Vec<u16> = target_years.iter().flatten().copied().collect();
        ys.sort_unstable();
        ys.dedup();
        match ys.as_slice() {
            [only] if *only < year && *only + 1 >= year => Some(Some(*only)),
            _ => None,
        }
    };
    let Some(current_label) = current_label else {
        return Vec::new();
    };
    let level = level_of(&cols, &table.caption);
    let mut out = Vec::new();
    for row in logical_rows(table, &cols) {
        let name = row_name(&row, &cols);
        let key = name.to_lowercase();
        if name.is_empty() || is_summary_row(&key) {
            continue;
        }
        let (values, bad) = row_values(&row, &cols);
        damaged.extend(bad);
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
        let mut history: Vec<Past> = Vec::new();
        let row_lines = row.lines();
        for v in values.iter().filter(|v| !is_current(v.year)) {
            let Some(y) = v.year.filter(|y| *y < year && *y >= 2000) else {
                continue;
            };
            let idx = match history.iter().position(|h| h.year == y) {
                Some(i) => i,
                None => {
                    history.push(Past {
                        year: y,
                        target: None,
                        realisasi: None,
                        capaian: None,
                        lines: row_lines.clone(),
                    });
                    history.len() - 1
                }
            };
            if let Some(h) = history.get_mut(idx) {
                match v.role {
                    Role::Target => h.target = h.target.or(Some(v.value)),
                    Role::Realisasi => h.realisasi = h.realisasi.or(Some(v.value)),
                    Role::Capaian => h.capaian = h.capaian.or(Some(v.value)),
                    _ => {}
                }
            }
        }
        let unit = cols
            .find(Role::Satuan)
            .into_iter()
            .map(|i| row.text(i).trim().to_string())
            .find(|t| !t.is_empty());
        let lines = row.lines();
        out.push(Observation {
            level: row_level(&row, &cols, level),
            name,
            unit,
            target,
            realisasi,
            capaian: pick(Role::Capaian),
            history,
            in_bab3: lines.first().is_some_and(|l| sections.in_bab3(*l)),
            lines,
            year_label: current_label.filter(|y| *y != year),
        });
    }
    out
}

/// `Rata-rata`, `Jumlah`, `Total`, `Prosentase Capaian Tujuan`: a table's summary row, not an
/// indicator (an indicator may well start with `Jumlah …`: `Jumlah pengaduan masyarakat`).
fn is_summary_row(key: &str) -> bool {
    let words = key.split_whitespace().count();
    key.starts_with("rata")
        || key.starts_with("rerata")
        || ((key.starts_with("jumlah") || key.starts_with("total")) && words <= 2)
        || key.starts_with("prosentase capaian")
        || key.starts_with("persentase capaian")
        || key.starts_with("capaian")
}

/// Two rows print the same indicator: the same name, or the same concept with a shared target
/// or realisasi (two IKM indicators of different services stay apart), or the same figures.
fn same_indicator(a: &Observation, b: &Observation) -> bool {
    if words_key(&a.name) == words_key(&b.name) {
        return true;
    }
    let ca = concept_of(&a.name).map(|c| c.key.as_str());
    let cb = concept_of(&b.name).map(|c| c.key.as_str());
    let shares_figure = (a.target.is_some() && a.target == b.target)
        || (a.realisasi.is_some() && a.realisasi == b.realisasi);
    if ca.is_some() && ca == cb && shares_figure {
        return true;
    }
    a.target.is_some()
        && a.realisasi.is_some()
        && a.target == b.target
        && a.realisasi == b.realisasi
}

fn differs(a: Option<Exact>, b: Option<Exact>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if x.value() != y.value())
}

fn show(v: Option<Exact>) -> String {
    v.map_or_else(|| "-".to_string(), |v| v.to_string())
}

pub fn extract_indicators(tables: &[Table], year: Year, sections: &Sections) -> IndicatorResult {
    let y = year.get();
    let mut damaged = Vec::new();
    let mut observations: Vec<Observation> = tables
        .iter()
        .filter(|t| sections.in_main(t.first_line))
        .flat_map(|t| table_observations(t, y, sections, &mut damaged))
        .filter(|o| o.realisasi.is_some())
        .collect();
    // BAB III first, then document order: the first of a group is the one kept
    // BAB III first, complete rows (target, realisasi and capaian: the results table, not a
    // narrative summary) before partial ones, then document order
    observations.sort_by_key(|o| {
        (
            !o.in_bab3,
            o.capaian.is_none() || o.target.is_none(),
            o.lines.first().copied().unwrap_or(0),
        )
    });
    let mut groups: Vec<Vec<Observation>> = Vec::new();
    for o in observations {
        match groups
            .iter_mut()
            .find(|g| g.first().is_some_and(|f| same_indicator(f, &o)))
        {
            Some(g) => g.push(o),
            None => groups.push(vec![o]),
        }
    }
    let mut issues = Vec::new();
    let mut indicators = Vec::new();
    let mut history = Vec::new();
    for g in &groups {
        let Some(main) = g.first() else { continue };
        let concept = concept_of(&main.name);
        let direction = concept.map_or_else(|| direction_of(&main.name), |c| c.direction);
        let mut flags = Vec::new();
        let computed_exact = match (main.target, main.realisasi) {
            (Some(t), Some(r)) => direction.capaian(t, r, 6),
            _ => None,
        };
        let capaian_computed = computed_exact.map(|c| c.round_dp(2));
        if let (Some(p), Some(c)) = (main.capaian, computed_exact) {
            if let Some(sev) = percent_mismatch(p, c) {
                flags.push("capaian_mismatch".to_string());
                issues.push(Issue {
                    code: "capaian_mismatch".into(),
                    severity: sev,
                    message: format!(
                        "{}: printed capaian {}, computed {}",
                        main.name,
                        p,
                        c.round_dp(2)
                    ),
                    lines: main.lines.clone(),
                });
            }
        }
        if let Some(label) = main.year_label {
            flags.push("year_label_mismatch".to_string());
            issues.push(Issue {
                code: "year_label_mismatch".into(),
                severity: Severity::Warning,
                message: format!(
                    "{}: the table header says {label} over the {y} figures",
                    main.name
                ),
                lines: main.lines.clone(),
            });
        }
        for other in g.iter().skip(1) {
            if differs(main.target, other.target)
                || differs(main.realisasi, other.realisasi)
                || differs(main.capaian, other.capaian)
            {
                let mut lines = main.lines.clone();
                lines.extend(&other.lines);
                issues.push(Issue {
                    code: "conflicting_values".into(),
                    severity: Severity::Warning,
                    message: format!(
                        "{}: target/realisasi/capaian {}/{}/{} (kept) vs {}/{}/{}",
                        main.name,
                        show(main.target),
                        show(main.realisasi),
                        show(main.capaian),
                        show(other.target),
                        show(other.realisasi),
                        show(other.capaian)
                    ),
                    lines,
                });
            }
        }
        // earlier years: the kept row's, completed from the group's other rows (a comparison
        // table prints the years the results table leaves out)
        let mut years = main.history.clone();
        for other in g.iter().skip(1) {
            for h in &other.history {
                if !years.iter().any(|k| k.year == h.year) {
                    years.push(h.clone());
                }
            }
        }
        years.sort_by_key(|h| h.year);
        // the previous year's realisasi printed again as this year's (an evaluation score of
        // year N-1 reused, or a copied column)
        let previous = y.checked_sub(1);
        // (0 and 100 repeat legitimately: every village improved two years running)
        let round = main.realisasi.is_some_and(|r| {
            r.value().is_zero() || r.value() == rust_decimal::Decimal::ONE_HUNDRED
        });
        if !round
            && years.iter().any(|h| {
                Some(h.year) == previous && h.realisasi.is_some() && h.realisasi == main.realisasi
            })
        {
            flags.push("copied_from_previous_year".to_string());
            issues.push(Issue {
                code: "copied_from_previous_year".into(),
                severity: Severity::Warning,
                message: format!("{}: the realisasi equals the previous year's", main.name),
                lines: {
                    let mut l = main.lines.clone();
                    l.extend(
                        years
                            .iter()
                            .filter(|h| Some(h.year) == previous)
                            .flat_map(|h| h.lines.iter().copied()),
                    );
                    l.sort_unstable();
                    l.dedup();
                    l
                },
            });
        }
        for h in &years {
            let Ok(tahun) = Year::new(i64::from(h.year)) else {
                continue;
            };
            history.push(HistoryEntry {
                canonical: concept.map(|c| c.key.clone()),
                name: main.name.clone(),
                tahun,
                target: h.target,
                realisasi: h.realisasi,
                capaian_reported: h.capaian,
                lines: h.lines.clone(),
            });
        }
        indicators.push(Indicator {
            level: main.level,
            name: main.name.clone(),
            canonical: concept.map(|c| c.key.clone()),
            unit: concept
                .map(|c| c.unit.clone())
                .or_else(|| main.unit.clone()),
            direction,
            tahun: year,
            target: main.target,
            realisasi: main.realisasi,
            capaian_reported: main.capaian,
            capaian_computed,
            lines: main.lines.clone(),
            flags,
        });
    }
    if !damaged.is_empty() {
        damaged.sort_unstable();
        damaged.dedup();
        issues.push(Issue {
            code: "unparsed_number".into(),
            severity: Severity::Warning,
            message: format!(
                "{} number(s) in indicator tables could not be read exactly",
                damaged.len()
            ),
            lines: damaged,
        });
    }
    let _ = Direction::HigherIsBetter;
    IndicatorResult {
        indicators,
        history,
        issues,
    }
}
