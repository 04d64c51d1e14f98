#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::facts::FactRecord;

fn e(text: &str) -> Exact {
    text.parse().unwrap()
}

/// A fact of `kec`'s report of `report_tahun` (report id = that year) about `tahun`.
fn fact(id: i64, kec: &str, report_tahun: i32, tahun: i32, realisasi: Option<&str>) -> SeriesFact {
    SeriesFact {
        fact: FactRecord {
            fact_id: id,
            report_id: i64::from(report_tahun),
            kecamatan_code: kec.to_owned(),
            kabupaten_code: "K1".to_owned(),
            provinsi_code: "P1".to_owned(),
            concept_key: "ikm".to_owned(),
            tahun,
            level: Some("sasaran".to_owned()),
            direction: Some("higher_is_better".to_owned()),
            realisasi: realisasi.map(e),
            capaian_reported: None,
            capaian_computed: None,
        },
        report_tahun,
        is_history: tahun != report_tahun,
        target: None,
        comparable: true,
    }
}

fn years_and_values(s: &Series) -> Vec<(i32, i64, bool, Option<String>)> {
    s.points
        .iter()
        .map(|p| {
            (
                p.tahun,
                p.report_id,
                p.from_history,
                p.realisasi.map(|r| r.to_string()),
            )
        })
        .collect()
}

#[test]
fn a_years_own_report_wins_and_gaps_are_filled_from_the_nearest_later_report() {
    let facts = vec![
        // The 2022 report: its own figure, and 2021 from its comparison table.
        fact(1, "A", 2022, 2022, Some("80")),
        fact(2, "A", 2022, 2021, Some("75")),
        // The 2024 report remembers 2022 differently, and 2023 (no 2023 report) and 2021.
        fact(3, "A", 2024, 2024, Some("90")),
        fact(4, "A", 2024, 2022, Some("81")),
        fact(5, "A", 2024, 2023, Some("85")),
        fact(6, "A", 2024, 2021, Some("70")),
        // A plan for 2025 printed in the 2024 report is not a result.
        fact(7, "A", 2024, 2025, Some("95")),
    ];
    let series = build_series(&facts);
    assert_eq!(series.len(), 1);
    assert_eq!(
        years_and_values(&series[0]),
        vec![
            // 2021: the 2022 report is nearer than the 2024 one.
            (2021, 2022, true, Some("75".to_owned())),
            // 2022: the year's own report, not the 2024 report's memory.
            (2022, 2022, false, Some("80".to_owned())),
            (2023, 2024, true, Some("85".to_owned())),
            (2024, 2024, false, Some("90".to_owned())),
        ]
    );
}

#[test]
fn within_a_report_the_first_figure_with_a_realisasi_wins() {
    let facts = vec![
        fact(1, "A", 2023, 2023, None),
        fact(2, "A", 2023, 2023, Some("10")),
        fact(3, "A", 2023, 2023, Some("11")),
    ];
    let s = &build_series(&facts)[0];
    assert_eq!(s.points.len(), 1);
    assert_eq!(s.points[0].fact_id, 2);
}

#[test]
fn series_are_per_kecamatan_and_take_the_majority_direction() {
    let mut a = fact(1, "B", 2023, 2023, Some("3"));
    a.fact.direction = Some("lower_is_better".to_owned());
    let mut b = fact(2, "B", 2023, 2022, Some("4"));
    b.fact.direction = None;
    let c = fact(3, "A", 2023, 2023, Some("5"));
    let series = build_series(&[a, b, c]);
    assert_eq!(series.len(), 2);
    assert_eq!(series[0].kecamatan_code, "A", "sorted by kecamatan");
    assert_eq!(
        series[1].direction,
        Direction::LowerIsBetter,
        "1 of 1 stated lower"
    );
    assert_eq!(series[0].direction, Direction::HigherIsBetter);
}
