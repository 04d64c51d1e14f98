//! Story leads: patterns in a kecamatan's series that a journalist would want to check. Each is
//! a lead, not a verdict; the sentences say so (see `story_text`).

use model::{Direction, Exact};
use rust_decimal::Decimal;

use crate::rows::StoryFlagRow;
use crate::series::{Series, YearPoint};
use crate::story_text::{sentences, Lead};

/// A capaian at or above this (percent) suggests the target was set too low.
pub const FAR_BEYOND_TARGET: Decimal = Decimal::from_parts(150, 0, 0, false, 0);
/// Printed and computed capaian further apart than this (percentage points) disagree beyond
/// rounding: reports round to two decimals, one point is far more than rounding explains.
pub const PRINTED_CAPAIAN_TOLERANCE: Decimal = Decimal::ONE;

/// Every lead found in the series, in series order, then by code and year.
pub fn story_flags(series: &[Series]) -> Vec<StoryFlagRow> {
    let mut rows = Vec::new();
    for s in series {
        let pts = &s.points;
        let hundred = |p: &YearPoint| p.printed_capaian().is_some_and(|c| c == Exact::HUNDRED);
        for run in runs(pts, |a, b| hundred(a) && hundred(b)) {
            rows.push(flag(s, Lead::Capaian100Repeated, run, Some(Exact::HUNDRED)));
        }
        let same =
            |a: &YearPoint, b: &YearPoint| a.realisasi.is_some() && a.realisasi == b.realisasi;
        for run in runs(pts, same) {
            let value = run.first().and_then(|p| p.realisasi);
            rows.push(flag(s, Lead::RealisasiRepeated, run, value));
        }
        for pair in pts.windows(2) {
            if let [a, b] = pair {
                if a.tahun + 1 == b.tahun && lowered_after_miss(a, b, s.direction) {
                    rows.push(flag(s, Lead::TargetLoweredAfterMiss, vec![a, b], b.target));
                }
            }
        }
        for p in pts {
            if let Some(c) = p.capaian().filter(|c| c.value() >= FAR_BEYOND_TARGET) {
                rows.push(flag(s, Lead::FarBeyondTarget, vec![p], Some(c)));
            }
            if let (Some(printed), Some(computed)) = (p.capaian_reported, p.capaian_computed) {
                if (printed.value() - computed.value()).abs() > PRINTED_CAPAIAN_TOLERANCE {
                    rows.push(flag(
                        s,
                        Lead::PrintedCapaianDisagrees,
                        vec![p],
                        Some(printed),
                    ));
                }
            }
        }
    }
    rows
}

/// Maximal runs of at least two points of consecutive years in which each neighbouring pair
/// satisfies `link`.
fn runs(
    points: &[YearPoint],
    link: impl Fn(&YearPoint, &YearPoint) -> bool,
) -> Vec<Vec<&YearPoint>> {
    let mut out = Vec::new();
    let mut current: Vec<&YearPoint> = Vec::new();
    for p in points {
        let linked = current
            .last()
            .is_some_and(|q| q.tahun + 1 == p.tahun && link(q, p));
        if !linked {
            if current.len() >= 2 {
                out.push(std::mem::take(&mut current));
            }
            current.clear();
        }
        current.push(p);
    }
    if current.len() >= 2 {
        out.push(current);
    }
    out
}

/// Year `a` missed its target (capaian below 100) and year `b` set an easier one: lower for a
/// higher-is-better concept, higher for a lower-is-better one.
fn lowered_after_miss(a: &YearPoint, b: &YearPoint, direction: Direction) -> bool {
    let missed = a.capaian().is_some_and(|c| c < Exact::HUNDRED);
    match (a.target, b.target) {
        (Some(before), Some(after)) if missed => match direction {
            Direction::HigherIsBetter => after < before,
            Direction::LowerIsBetter => after > before,
        },
        _ => false,
    }
}

fn flag(s: &Series, lead: Lead, points: Vec<&YearPoint>, value: Option<Exact>) -> StoryFlagRow {
    let years: Vec<i32> = points.iter().map(|p| p.tahun).collect();
    let mut report_ids: Vec<i64> = points.iter().map(|p| p.report_id).collect();
    report_ids.sort_unstable();
    report_ids.dedup();
    let (message_id, message_en) = sentences(lead, &s.concept_key, &points, value);
    StoryFlagRow {
        code: lead.code().to_owned(),
        kecamatan_code: s.kecamatan_code.clone(),
        concept_key: s.concept_key.clone(),
        tahun_first: years.first().copied().unwrap_or_default(),
        tahun_last: years.last().copied().unwrap_or_default(),
        kabupaten_code: s.kabupaten_code.clone(),
        provinsi_code: s.provinsi_code.clone(),
        severity: lead.severity().to_owned(),
        years: json_list(&years),
        report_ids: json_list(&report_ids),
        value,
        message_id,
        message_en,
    }
}

fn json_list<T: ToString>(items: &[T]) -> String {
    let inner: Vec<String> = items.iter().map(ToString::to_string).collect();
    format!("[{}]", inner.join(","))
}

#[cfg(test)]
mod tests;
