#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

fn e(text: &str) -> Exact {
    text.parse().unwrap()
}

fn pt(tahun: i32, realisasi: Option<&str>) -> YearPoint {
    YearPoint {
        tahun,
        report_id: i64::from(tahun),
        fact_id: i64::from(tahun) * 10,
        from_history: false,
        target: None,
        realisasi: realisasi.map(e),
        capaian_reported: None,
        capaian_computed: None,
    }
}

fn series(direction: Direction, points: Vec<YearPoint>) -> Series {
    Series {
        kecamatan_code: "A".to_owned(),
        kabupaten_code: "K1".to_owned(),
        provinsi_code: "P1".to_owned(),
        concept_key: "c".to_owned(),
        direction,
        points,
    }
}

#[test]
fn the_change_is_exact_and_relative_to_the_year_before() {
    let rows = trend_rows(&[series(
        Direction::HigherIsBetter,
        vec![
            pt(2021, Some("80.50")),
            pt(2022, Some("85.00")),
            pt(2023, Some("84.25")),
        ],
    )]);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].change, None, "no year before the first");
    // 85.00 − 80.50 = 4.50 exactly; 4.5 / 80.5 = 0.0559006…
    assert_eq!(rows[1].change.unwrap().to_string(), "4.50");
    assert_eq!(rows[1].previous_realisasi.unwrap().to_string(), "80.50");
    assert!((rows[1].change_relative.unwrap() - 4.5 / 80.5).abs() < 1e-12);
    assert_eq!(rows[1].movement.as_deref(), Some("better"));
    // 84.25 − 85.00 = −0.75: worse for a higher-is-better concept.
    assert_eq!(rows[2].change.unwrap().to_string(), "-0.75");
    assert_eq!(rows[2].movement.as_deref(), Some("worse"));
}

#[test]
fn lower_is_better_falling_is_better() {
    let rows = trend_rows(&[series(
        Direction::LowerIsBetter,
        vec![
            pt(2022, Some("12")),
            pt(2023, Some("9")),
            pt(2024, Some("9")),
        ],
    )]);
    // 9 − 12 = −3 complaints, −3 / 12 = −0.25: fewer complaints are better.
    assert_eq!(rows[1].change.unwrap().to_string(), "-3");
    assert_eq!(rows[1].change_relative, Some(-0.25));
    assert_eq!(rows[1].movement.as_deref(), Some("better"));
    assert_eq!(rows[2].movement.as_deref(), Some("same"));
    assert_eq!(rows[0].direction, "lower_is_better");
}

#[test]
fn a_gap_or_a_zero_leaves_what_cannot_be_computed_empty() {
    let rows = trend_rows(&[series(
        Direction::HigherIsBetter,
        vec![
            pt(2020, Some("5")),
            pt(2022, Some("0")),
            pt(2023, Some("4")),
            pt(2024, None),
        ],
    )]);
    assert_eq!(rows[1].change, None, "2020 → 2022 is not year over year");
    assert_eq!(rows[2].change.unwrap().to_string(), "4");
    assert_eq!(
        rows[2].change_relative, None,
        "relative to zero is undefined"
    );
    assert_eq!(rows[3].change, None, "no realisasi in 2024");
    assert_eq!(rows[3].previous_realisasi.unwrap().to_string(), "4");
}
