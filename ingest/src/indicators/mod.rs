//! Indicator results: every table whose header has a target and a realisasi (or capaian) column
//! yields one observation per row; the same indicator printed in several tables (PK, BAB III
//! main table, comparison tables, lampiran) is merged, the BAB III table winning and every other
//! value that disagrees listed as an issue.

mod measure;
mod observe;
mod resolve;
mod yearly;

use model::extract::{HistoryEntry, Indicator, Issue, Severity};
use model::Year;

use crate::columns::ClassifiedTable;
use crate::sections::Sections;
use crate::taxonomy::{concept_of, words_key};
use observe::{table_observations, Observation};

pub struct IndicatorResult {
    pub indicators: Vec<Indicator>,
    pub history: Vec<HistoryEntry>,
    pub issues: Vec<Issue>,
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

pub fn extract_indicators(
    tables: &[ClassifiedTable<'_>],
    year: Year,
    sections: &Sections,
) -> IndicatorResult {
    let mut damaged = Vec::new();
    let mut shifted = Vec::new();
    let mut observations: Vec<Observation> = tables
        .iter()
        .filter(|t| sections.in_main(t.table().first_line))
        .flat_map(|t| table_observations(t, year.get(), sections, &mut damaged, &mut shifted))
        .filter(|o| o.realisasi.is_some())
        .collect();
    // BAB III first, complete rows (target, realisasi and capaian: the results table, not a
    // narrative summary) before partial ones, then document order: the first of a group is kept
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
    let mut result = IndicatorResult {
        indicators: Vec::new(),
        history: Vec::new(),
        issues: Vec::new(),
    };
    for g in &groups {
        if let Some(r) = resolve::resolve_group(g, year) {
            result.indicators.push(r.indicator);
            result.history.extend(r.history);
            result.issues.extend(r.issues);
        }
    }
    // years printed only in a per-year history table, named after the indicator already found
    for mut h in yearly::yearly_history(tables, year, sections) {
        let known = |e: &HistoryEntry| e.canonical == h.canonical && e.tahun == h.tahun;
        if result.history.iter().any(known) {
            continue;
        }
        if let Some(i) = result
            .indicators
            .iter()
            .find(|i| i.canonical == h.canonical)
        {
            h.name = i.name.clone();
        }
        result.history.push(h);
    }
    if !shifted.is_empty() {
        shifted.sort_unstable();
        shifted.dedup();
        result.issues.push(Issue {
            code: "shifted_columns".into(),
            severity: Severity::Warning,
            message: "rows of indicator tables whose cells do not line up with the header (a cell lost or split by the converter) were left out: their figures could be in the wrong columns".into(),
            lines: shifted,
            page: None,
        });
    }
    if !damaged.is_empty() {
        damaged.sort_unstable();
        damaged.dedup();
        result.issues.push(Issue {
            page: None,
            code: "unparsed_number".into(),
            severity: Severity::Warning,
            message: format!(
                "{} number(s) in indicator tables could not be read exactly",
                damaged.len()
            ),
            lines: damaged,
        });
    }
    result
}
