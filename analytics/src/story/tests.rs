#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

fn e(text: &str) -> Exact {
    text.parse().unwrap()
}

/// A point of year `tahun` from that year's report: (target, realisasi, printed, computed).
fn pt(tahun: i32, figures: [Option<&str>; 4]) -> YearPoint {
    let [target, realisasi, printed, computed] = figures.map(|f| f.map(e));
    YearPoint {
        tahun,
        report_id: i64::from(tahun),
        fact_id: i64::from(tahun),
        from_history: false,
        target,
        realisasi,
        capaian_reported: printed,
        capaian_computed: computed,
    }
}

fn flags(direction: Direction, points: Vec<YearPoint>) -> Vec<StoryFlagRow> {
    story_flags(&[Series {
        kecamatan_code: "A".to_owned(),
        kabupaten_code: "K1".to_owned(),
        provinsi_code: "P1".to_owned(),
        concept_key: "ikm".to_owned(),
        direction,
        points,
    }])
}

fn codes(rows: &[StoryFlagRow]) -> Vec<(&str, i32, i32)> {
    rows.iter()
        .map(|r| (r.code.as_str(), r.tahun_first, r.tahun_last))
        .collect()
}

#[test]
fn capaian_of_exactly_100_two_years_running() {
    let rows = flags(
        Direction::HigherIsBetter,
        vec![
            pt(2020, [Some("80"), Some("80"), Some("100.00"), None]),
            pt(2021, [Some("82"), Some("82"), Some("100"), None]),
            pt(2022, [Some("84"), Some("84"), Some("100.00"), None]),
            // 99.99 breaks the run; a single 100 afterwards is not a pattern.
            pt(2023, [Some("85"), Some("84.99"), Some("99.99"), None]),
            pt(2024, [Some("85"), Some("85"), Some("100"), None]),
        ],
    );
    assert_eq!(codes(&rows), vec![("capaian_100_repeated", 2020, 2022)]);
    assert_eq!(rows[0].years, "[2020,2021,2022]");
    assert_eq!(rows[0].report_ids, "[2020,2021,2022]");
    assert_eq!(rows[0].severity, "warning");
    assert!(
        rows[0].message_id.contains("tepat 100%"),
        "{}",
        rows[0].message_id
    );
    assert!(rows[0].message_en.contains("2020, 2021, 2022"));
}

#[test]
fn identical_realisasi_in_consecutive_years() {
    // 68.80 and 68.8 are the same figure; 2021 and 2023 are not consecutive.
    let rows = flags(
        Direction::HigherIsBetter,
        vec![
            pt(2021, [None, Some("70"), None, None]),
            pt(2023, [None, Some("70"), None, None]),
            pt(2024, [None, Some("68.80"), None, None]),
            pt(2025, [None, Some("68.8"), None, None]),
        ],
    );
    assert_eq!(codes(&rows), vec![("realisasi_repeated", 2024, 2025)]);
    assert_eq!(rows[0].value.unwrap().to_string(), "68.80");
}

#[test]
fn a_target_made_easier_after_it_was_missed_in_either_direction() {
    // Higher is better: 2022 missed (90 of 100 → 90 %), 2023's target drops to 95.
    let up = flags(
        Direction::HigherIsBetter,
        vec![
            pt(2022, [Some("100"), Some("90"), None, Some("90.00")]),
            pt(2023, [Some("95"), Some("96"), None, Some("101.05")]),
            // Met in 2023, so a lower 2024 target is no story.
            pt(2024, [Some("94"), Some("97"), None, Some("103.19")]),
        ],
    );
    assert_eq!(codes(&up), vec![("target_lowered_after_miss", 2022, 2023)]);
    assert_eq!(up[0].value.unwrap().to_string(), "95");
    // Lower is better (complaints): 2022 missed (12 against 10 → (20 − 12) / 10 = 80 %), and
    // 2023 allows 15: an easier target is a higher one.
    let down = flags(
        Direction::LowerIsBetter,
        vec![
            pt(2022, [Some("10"), Some("12"), None, Some("80.00")]),
            pt(2023, [Some("15"), Some("14"), None, Some("106.67")]),
        ],
    );
    assert_eq!(
        codes(&down),
        vec![("target_lowered_after_miss", 2022, 2023)]
    );
}

#[test]
fn far_beyond_target_and_printed_capaian_disagreeing() {
    let rows = flags(
        Direction::HigherIsBetter,
        vec![
            // 30 against 20: 150 % exactly, printed 150 — a lead at the threshold.
            pt(2022, [Some("20"), Some("30"), Some("150"), Some("150.00")]),
            // Printed 119, computed 123.75: 4.75 points apart. 149.99 is below 150.
            pt(2023, [Some("80"), Some("99"), Some("119"), Some("123.75")]),
            // 97.78 against 97.79 is rounding, not a story.
            pt(
                2024,
                [Some("70"), Some("68.45"), Some("97.78"), Some("97.79")],
            ),
        ],
    );
    assert_eq!(
        codes(&rows),
        vec![
            ("far_beyond_target", 2022, 2022),
            ("printed_capaian_disagrees", 2023, 2023),
        ]
    );
    assert_eq!(rows[0].severity, "info");
    assert_eq!(rows[1].value.unwrap().to_string(), "119");
    assert!(rows[1]
        .message_en
        .contains("printed as 119%, but target and realisasi give 123.75%"));
}
