//! Budget per kecamatan-year and per program: pagu, realisasi and serapan as reported (exact),
//! spending per inhabitant, and the spend-versus-achievement quadrant.

use std::collections::{HashMap, HashSet};

use model::Exact;
use rust_decimal::prelude::ToPrimitive;

use crate::error::AnalyticsError;
use crate::program_code::program_code;
use crate::quadrant::quadrants;
use crate::report_read::{ProgramLine, ReportRecord};
use crate::rows::CompositeRow;
use crate::rows_more::{BudgetProgramRow, BudgetSummaryRow};

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
    quadrants(&mut rows)?;
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

/// One row per current report and program code. A program printed twice in one report (the
/// same table repeated) counts once: the first line, in report order.
pub fn budget_programs(reports: &[ReportRecord], lines: &[ProgramLine]) -> Vec<BudgetProgramRow> {
    let by_id: HashMap<i64, &ReportRecord> = reports.iter().map(|r| (r.report_id, r)).collect();
    let mut seen: HashSet<(i64, String)> = HashSet::new();
    let mut rows = Vec::new();
    for line in lines {
        let Some(report) = by_id.get(&line.report_id) else {
            continue;
        };
        let Some((code, source)) = program_code(line.kode.as_deref(), &line.name) else {
            continue;
        };
        if !seen.insert((line.report_id, code.clone())) {
            continue;
        }
        rows.push(BudgetProgramRow {
            kecamatan_code: report.kecamatan_code.clone(),
            tahun: report.tahun,
            program_code: code,
            kabupaten_code: report.kabupaten_code.clone(),
            provinsi_code: report.provinsi_code.clone(),
            report_id: report.report_id,
            name: line.name.clone(),
            code_source: source.as_str().to_owned(),
            pagu: line.pagu,
            realisasi: line.realisasi,
            serapan: line
                .realisasi
                .zip(line.pagu)
                .and_then(|(r, p)| Exact::percent_of(r, p, 2)),
        });
    }
    rows
}

#[cfg(test)]
mod tests;
