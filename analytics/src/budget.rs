//! Budget per kecamatan-year: pagu, realisasi and serapan as reported (exact), spending per
//! inhabitant, and the spend-versus-achievement quadrant. (The budget per program is read from
//! the budget lines, coded when loaded: see `model::program_code` and the `budget_program` view.)

use std::collections::HashMap;

use rust_decimal::prelude::ToPrimitive;

use crate::error::AnalyticsError;
use crate::quadrant::quadrants;
use crate::report_read::ReportRecord;
use crate::rows::BudgetSummaryRow;
use crate::rows::CompositeRow;

/// One row per current report that states a budget total, with the composite score of its
/// kecamatan-year (when it has one) and its quadrant.
pub fn budget_summaries(
    reports: &[ReportRecord],
    composites: &[CompositeRow],
) -> Result<Vec<BudgetSummaryRow>, AnalyticsError> {
    let scores: HashMap<i64, f64> = composites.iter().map(|c| (c.report_id, c.score)).collect();
    let mut rows: Vec<BudgetSummaryRow> = reports
        .iter()
        .filter(|r| r.pagu.is_some() || r.realisasi.is_some())
        .map(|r| summary(r, scores.get(&r.report_id).copied()))
        .collect();
    // A low-confidence total is listed but takes no part in the medians and has no quadrant.
    let left_out: Vec<bool> = reports
        .iter()
        .filter(|r| r.pagu.is_some() || r.realisasi.is_some())
        .map(|r| r.budget_left_out)
        .collect();
    let mut compared: Vec<BudgetSummaryRow> = rows
        .iter()
        .zip(&left_out)
        .filter(|(_, out)| !**out)
        .map(|(r, _)| r.clone())
        .collect();
    quadrants(&mut compared)?;
    let mut placed = compared.into_iter();
    for (row, out) in rows.iter_mut().zip(&left_out) {
        if !out {
            if let Some(p) = placed.next() {
                *row = p;
            }
        }
    }
    Ok(rows)
}

fn summary(r: &ReportRecord, score: Option<f64>) -> BudgetSummaryRow {
    // The report's own population first: it is what the kecamatan stated for the year.
    let (penduduk, source) = match (r.penduduk, r.village_penduduk) {
        (Some(p), _) => (Some(p), Some("report")),
        (None, Some(p)) => (Some(p), Some("villages")),
        (None, None) => (None, None),
    };
    let spend_per_capita = match (r.realisasi, penduduk) {
        (Some(spent), Some(people)) if people.value() > rust_decimal::Decimal::ZERO => spent
            .value()
            .to_f64()
            .zip(people.value().to_f64())
            .map(|(s, p)| s / p),
        _ => None,
    };
    BudgetSummaryRow {
        kecamatan_code: r.kecamatan_code.clone(),
        tahun: r.tahun,
        kabupaten_code: r.kabupaten_code.clone(),
        provinsi_code: r.provinsi_code.clone(),
        report_id: r.report_id,
        pagu: r.pagu,
        realisasi: r.realisasi,
        serapan: r.serapan,
        penduduk,
        penduduk_source: source.map(str::to_owned),
        spend_per_capita,
        score,
        median_serapan: None,
        median_score: None,
        quadrant: None,
    }
}

#[cfg(test)]
mod tests;
