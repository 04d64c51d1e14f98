//! A kecamatan's series of one concept: one figure per year, from that year's own report or,
//! where the warehouse has no figure of that year's report, from a later report's comparison
//! table. Trends and story leads are read off these series.

use std::collections::{BTreeMap, HashMap};

use model::{Direction, Exact};

use crate::series_read::SeriesFact;

/// The figure a series holds for one year.
#[derive(Clone, Debug, PartialEq)]
pub struct YearPoint {
    pub tahun: i32,
    pub report_id: i64,
    pub fact_id: i64,
    /// Taken from a later report's comparison table, not from the year's own report.
    pub from_history: bool,
    pub target: Option<Exact>,
    pub realisasi: Option<Exact>,
    pub capaian_reported: Option<Exact>,
    pub capaian_computed: Option<Exact>,
}

impl YearPoint {
    /// Computed capaian when there is one, else the printed one (as the standings use).
    pub fn capaian(&self) -> Option<Exact> {
        self.capaian_computed.or(self.capaian_reported)
    }
    /// The printed capaian when there is one: what the report claims.
    pub fn printed_capaian(&self) -> Option<Exact> {
        self.capaian_reported.or(self.capaian_computed)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub kecamatan_code: String,
    pub kabupaten_code: String,
    pub provinsi_code: String,
    pub concept_key: String,
    pub direction: Direction,
    /// Ascending years, at most one point each.
    pub points: Vec<YearPoint>,
}

/// How good a candidate figure for a year is; smaller wins. The year's own report first; else
/// the nearest later report (its memory of the year is the freshest); within one report the
/// first fact with a realisasi, then the first fact.
fn preference(f: &SeriesFact) -> (bool, i32, bool, i64) {
    let own = f.is_own_year();
    let later = if own { 0 } else { f.report_tahun };
    (!own, later, f.fact.realisasi.is_none(), f.fact.fact_id)
}

fn point(f: &SeriesFact) -> YearPoint {
    YearPoint {
        tahun: f.fact.tahun,
        report_id: f.fact.report_id,
        fact_id: f.fact.fact_id,
        from_history: !f.is_own_year(),
        target: f.target,
        realisasi: f.fact.realisasi,
        capaian_reported: f.fact.capaian_reported,
        capaian_computed: f.fact.capaian_computed,
    }
}

/// The series of every kecamatan and concept, sorted by kecamatan and concept. A figure a report
/// gives for a later year than its own (a plan, not a result) is not part of any series.
pub fn build_series(facts: &[SeriesFact]) -> Vec<Series> {
    type Key<'a> = (&'a str, &'a str);
    let mut best: HashMap<Key<'_>, BTreeMap<i32, &SeriesFact>> = HashMap::new();
    // (lower votes, stated votes) per series: the majority decides, a tie is higher-is-better.
    let mut votes: HashMap<Key<'_>, (u32, u32)> = HashMap::new();
    for f in facts.iter().filter(|f| f.fact.tahun <= f.report_tahun) {
        let key = (f.fact.kecamatan_code.as_str(), f.fact.concept_key.as_str());
        let years = best.entry(key).or_default();
        let slot = years.entry(f.fact.tahun).or_insert(f);
        if preference(f) < preference(slot) {
            *slot = f;
        }
        let direction: Option<Direction> = f.fact.direction.as_deref().and_then(|d| d.parse().ok());
        let v = votes.entry(key).or_default();
        if let Some(d) = direction {
            v.1 += 1;
            v.0 += u32::from(d == Direction::LowerIsBetter);
        }
    }
    let mut out: Vec<Series> = best
        .into_iter()
        .filter_map(|(key, years)| {
            let first = years.values().next()?;
            let (lower, stated) = votes.get(&key).copied().unwrap_or_default();
            Some(Series {
                kecamatan_code: first.fact.kecamatan_code.clone(),
                kabupaten_code: first.fact.kabupaten_code.clone(),
                provinsi_code: first.fact.provinsi_code.clone(),
                concept_key: first.fact.concept_key.clone(),
                direction: if lower * 2 > stated {
                    Direction::LowerIsBetter
                } else {
                    Direction::HigherIsBetter
                },
                points: years.values().map(|f| point(f)).collect(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.kecamatan_code, &a.concept_key).cmp(&(&b.kecamatan_code, &b.concept_key))
    });
    out
}

#[cfg(test)]
mod tests;
