//! Year-over-year change of each series: the exact difference of the realisasi and its relative
//! size, and whether it moved the right way for the concept's direction.

use model::{Direction, Exact};
use rust_decimal::prelude::ToPrimitive;

use crate::rows::TrendRow;
use crate::series::{Series, YearPoint};

/// One row per point of every series. The change is against the year just before only: a gap
/// in the series leaves the change empty rather than spreading several years over one "year".
pub fn trend_rows(series: &[Series]) -> Vec<TrendRow> {
    let mut rows = Vec::new();
    for s in series {
        let mut previous: Option<&YearPoint> = None;
        for p in &s.points {
            let prev = previous.filter(|q| q.tahun + 1 == p.tahun);
            rows.push(trend_row(s, p, prev));
            previous = Some(p);
        }
    }
    rows
}

fn trend_row(s: &Series, p: &YearPoint, prev: Option<&YearPoint>) -> TrendRow {
    let previous_realisasi = prev.and_then(|q| q.realisasi);
    let change = match (p.realisasi, previous_realisasi) {
        (Some(now), Some(before)) => now.value().checked_sub(before.value()).map(Exact::new),
        _ => None,
    };
    let change_relative = match (change, previous_realisasi) {
        (Some(c), Some(before)) if !before.value().is_zero() => c
            .value()
            .to_f64()
            .zip(before.value().abs().to_f64())
            .map(|(c, b)| c / b),
        _ => None,
    };
    TrendRow {
        kecamatan_code: s.kecamatan_code.clone(),
        concept_key: s.concept_key.clone(),
        tahun: p.tahun,
        direction: s.direction.as_str().to_owned(),
        fact_id: p.fact_id,
        from_history: p.from_history,
        previous_realisasi,
        change,
        change_relative,
        movement: change.map(|c| movement(c, s.direction).to_owned()),
    }
}

/// `better` when the figure moved the concept's good way, `worse` the other way.
pub fn movement(change: Exact, direction: Direction) -> &'static str {
    let c = change.value();
    if c.is_zero() {
        "same"
    } else if c.is_sign_positive() == (direction == Direction::HigherIsBetter) {
        "better"
    } else {
        "worse"
    }
}

#[cfg(test)]
mod tests;
