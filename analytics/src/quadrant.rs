//! Spend versus achievement: each kecamatan-year placed by its serapan and its composite score
//! against the national medians of the year (polars computes the medians).

use polars::prelude::*;
use rust_decimal::prelude::ToPrimitive;

use crate::collect::f64s;
use crate::error::AnalyticsError;
use crate::rows::BudgetSummaryRow;

const TAHUN: &str = "tahun";
const SERAPAN: &str = "serapan";
const SCORE: &str = "score";
const MEDIAN_SERAPAN: &str = "median_serapan";
const MEDIAN_SCORE: &str = "median_score";

/// Fills `median_serapan`, `median_score` and `quadrant`. The medians of a year are taken over
/// the kecamatan that have both a serapan and a score that year, so that the four quadrants
/// split the same set of kecamatan; a value equal to the median counts as high.
pub fn quadrants(rows: &mut [BudgetSummaryRow]) -> Result<(), AnalyticsError> {
    let serapan: Vec<Option<f64>> = rows
        .iter()
        .map(|r| r.serapan.and_then(|s| s.value().to_f64()))
        .collect();
    let score: Vec<Option<f64>> = rows.iter().map(|r| r.score).collect();
    let df = df!(
        TAHUN => rows.iter().map(|r| r.tahun).collect::<Vec<i32>>(),
        SERAPAN => serapan.clone(),
        SCORE => score.clone(),
    )?;
    let both = col(SERAPAN).is_not_null().and(col(SCORE).is_not_null());
    let median = |name: &str| col(name).filter(both.clone()).median().over([col(TAHUN)]);
    let out = df
        .lazy()
        .select([
            median(SERAPAN)?.alias(MEDIAN_SERAPAN),
            median(SCORE)?.alias(MEDIAN_SCORE),
        ])
        .collect()?;
    let (m_serapan, m_score) = (f64s(&out, MEDIAN_SERAPAN)?, f64s(&out, MEDIAN_SCORE)?);
    for (i, row) in rows.iter_mut().enumerate() {
        let ms = m_serapan.get(i).copied().flatten();
        let mc = m_score.get(i).copied().flatten();
        row.median_serapan = ms;
        row.median_score = mc;
        row.quadrant = match (
            serapan.get(i).copied().flatten(),
            score.get(i).copied().flatten(),
        ) {
            (Some(s), Some(c)) => ms
                .zip(mc)
                .map(|(ms, mc)| quadrant(s >= ms, c >= mc).to_owned()),
            _ => None,
        };
    }
    Ok(())
}

/// The quadrant's name: spending (serapan) first, then achievement (score).
pub fn quadrant(high_serapan: bool, high_score: bool) -> &'static str {
    match (high_serapan, high_score) {
        (true, true) => "high_serapan_high_score",
        (true, false) => "high_serapan_low_score",
        (false, true) => "low_serapan_high_score",
        (false, false) => "low_serapan_low_score",
    }
}
