//! The data-quality grade of each current report: how many of its figures carry extraction
//! flags, how many conflicts the extractor could not resolve, and which sections are missing.

use std::collections::HashMap;

use crate::quality_read::FigureCounts;
use crate::report_read::ReportRecord;
use crate::rows::QualityRow;

/// Issue codes that mean two readings of the report disagree. At severity `info` the extractor
/// explained the disagreement (rounding, a choice it documents); at `warning` or `error` it did
/// not, and the conflict counts against the report.
pub const CONFLICT_CODES: [&str; 4] = [
    "conflicting_values",
    "capaian_mismatch",
    "total_mismatch",
    "serapan_mismatch",
];
/// Points lost per unresolved conflict, and at most in all.
pub const POINTS_PER_CONFLICT: f64 = 5.0;
pub const MAX_CONFLICT_POINTS: f64 = 30.0;
/// Points lost when every figure is flagged (proportionally fewer for a smaller share).
pub const FLAG_POINTS: f64 = 40.0;
/// Points lost per missing section: without goal-level indicators there is no composite score,
/// without a budget no spending analysis, without a camat nobody signs for the report.
pub const MISSING_POINTS: [(&str, f64); 3] =
    [("goal_indicators", 20.0), ("budget", 15.0), ("camat", 5.0)];
/// The lowest points of grades A to D; below the last, E.
pub const GRADE_FLOORS: [(&str, f64); 4] = [("A", 90.0), ("B", 80.0), ("C", 65.0), ("D", 50.0)];

/// `points = 100 − 40 × flagged_share − min(5 × conflicts, 30) − missing-section points`,
/// graded by [`GRADE_FLOORS`].
pub fn quality_rows(
    reports: &[ReportRecord],
    counts: &FigureCounts,
    issues: &[(i64, String, String)],
) -> Vec<QualityRow> {
    let mut conflicts: HashMap<i64, Vec<&str>> = HashMap::new();
    for (id, code, severity) in issues {
        if CONFLICT_CODES.contains(&code.as_str()) && severity != "info" {
            conflicts.entry(*id).or_default().push(code);
        }
    }
    reports
        .iter()
        .map(|r| {
            let (figures, flagged, goals) = counts.get(&r.report_id).copied().unwrap_or_default();
            let mut codes = conflicts.remove(&r.report_id).unwrap_or_default();
            codes.sort_unstable();
            let present = |section: &str| match section {
                "goal_indicators" => goals > 0,
                "budget" => r.pagu.is_some() || r.realisasi.is_some(),
                _ => r.has_camat,
            };
            let missing: Vec<(&str, f64)> = MISSING_POINTS
                .into_iter()
                .filter(|(s, _)| !present(s))
                .collect();
            let share = if figures > 0 {
                flagged as f64 / figures as f64
            } else {
                0.0
            };
            let conflict_points =
                (POINTS_PER_CONFLICT * codes.len() as f64).min(MAX_CONFLICT_POINTS);
            let points = 100.0
                - FLAG_POINTS * share
                - conflict_points
                - missing.iter().map(|(_, p)| p).sum::<f64>();
            QualityRow {
                report_id: r.report_id,
                kecamatan_code: r.kecamatan_code.clone(),
                tahun: r.tahun,
                n_figures: i32::try_from(figures).unwrap_or(i32::MAX),
                n_flagged: i32::try_from(flagged).unwrap_or(i32::MAX),
                flagged_share: share,
                n_conflicts: i32::try_from(codes.len()).unwrap_or(i32::MAX),
                conflict_codes: json_strings(&codes),
                missing_sections: json_strings(
                    &missing.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
                ),
                points,
                grade: grade(points).to_owned(),
            }
        })
        .collect()
}

pub fn grade(points: f64) -> &'static str {
    GRADE_FLOORS
        .iter()
        .find(|(_, floor)| points >= *floor)
        .map_or("E", |(g, _)| g)
}

fn json_strings(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", quoted.join(","))
}

#[cfg(test)]
mod tests;
