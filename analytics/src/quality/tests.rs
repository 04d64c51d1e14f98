#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

fn report(id: i64, budget: bool, camat: bool) -> ReportRecord {
    ReportRecord {
        report_id: id,
        kecamatan_code: format!("K{id}"),
        tahun: 2023,
        has_camat: camat,
        pagu: budget.then(|| "100".parse().unwrap()),
        ..ReportRecord::default()
    }
}

fn issue(id: i64, code: &str, severity: &str) -> (i64, String, String) {
    (id, code.to_owned(), severity.to_owned())
}

#[test]
fn points_and_grades_follow_the_formula() {
    let reports = [
        report(1, true, true),
        report(2, false, false),
        report(3, true, true),
    ];
    let counts = FigureCounts::from([(1, (20, 5, 2)), (2, (10, 0, 0)), (3, (4, 4, 1))]);
    let issues = [
        issue(1, "serapan_mismatch", "warning"),
        issue(1, "total_mismatch", "warning"),
        // Explained by the extractor (rounding): not a conflict.
        issue(1, "capaian_mismatch", "info"),
        // Not a conflict code at all.
        issue(1, "year_label_mismatch", "warning"),
        issue(3, "conflicting_values", "error"),
    ]
    .into_iter()
    .chain((0..7).map(|_| issue(3, "total_mismatch", "warning")))
    .collect::<Vec<_>>();
    let rows = quality_rows(&reports, &counts, &issues);
    // Report 1: 100 − 40 × 5/20 − 2 × 5 = 80 → B.
    assert_eq!(rows[0].flagged_share, 0.25);
    assert_eq!(rows[0].n_conflicts, 2);
    assert_eq!(
        rows[0].conflict_codes,
        r#"["serapan_mismatch","total_mismatch"]"#
    );
    assert_eq!(rows[0].missing_sections, "[]");
    assert_eq!((rows[0].points, rows[0].grade.as_str()), (80.0, "B"));
    // Report 2: nothing flagged, but no goal indicators, budget or camat: 100 − 20 − 15 − 5 = 60 → D.
    assert_eq!(
        rows[1].missing_sections,
        r#"["goal_indicators","budget","camat"]"#
    );
    assert_eq!((rows[1].points, rows[1].grade.as_str()), (60.0, "D"));
    // Report 3: all 4 figures flagged (−40), 8 conflicts capped at −30: 30 → E.
    assert_eq!(rows[2].n_conflicts, 8);
    assert_eq!((rows[2].points, rows[2].grade.as_str()), (30.0, "E"));
}

#[test]
fn grade_boundaries() {
    assert_eq!(grade(100.0), "A");
    assert_eq!(grade(90.0), "A");
    assert_eq!(grade(89.99), "B");
    assert_eq!(grade(65.0), "C");
    assert_eq!(grade(50.0), "D");
    assert_eq!(grade(49.9), "E");
}

#[test]
fn a_report_without_figures_is_not_divided_by_zero() {
    let rows = quality_rows(&[report(9, true, true)], &FigureCounts::new(), &[]);
    assert_eq!(rows[0].flagged_share, 0.0);
    // No goal-level indicators: 100 − 20 = 80.
    assert_eq!((rows[0].points, rows[0].grade.as_str()), (80.0, "B"));
}
