#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use model::Exact;

fn e(text: &str) -> Exact {
    text.parse().unwrap()
}

fn report(id: i64, tahun: i32, realisasi: &str, serapan: &str) -> ReportRecord {
    ReportRecord {
        report_id: id,
        kecamatan_code: format!("K{id}"),
        kabupaten_code: "KAB".to_owned(),
        provinsi_code: "P".to_owned(),
        tahun,
        pagu: Some(e("1000")),
        realisasi: Some(e(realisasi)),
        serapan: Some(e(serapan)),
        ..ReportRecord::default()
    }
}

#[test]
fn a_low_confidence_total_is_listed_but_not_placed() {
    let mut doubtful = report(3, 2023, "100", "10.00");
    doubtful.budget_left_out = true;
    let reports = vec![
        report(1, 2023, "900", "90.00"),
        report(2, 2023, "800", "80.00"),
        doubtful,
    ];
    let scores = vec![composite(1, 90.0), composite(2, 80.0), composite(3, 10.0)];
    let rows = budget_summaries(&reports, &scores).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].median_serapan, Some(85.0));
    assert_eq!(rows[0].quadrant.as_deref(), Some("high_serapan_high_score"));
    assert_eq!(rows[1].quadrant.as_deref(), Some("low_serapan_low_score"));
    assert_eq!(
        (rows[2].quadrant.as_deref(), rows[2].median_serapan),
        (None, None)
    );
    assert_eq!(rows[2].serapan.unwrap().to_string(), "10.00");
}

fn composite(report_id: i64, score: f64) -> CompositeRow {
    CompositeRow {
        kecamatan_code: String::new(),
        tahun: 0,
        kabupaten_code: String::new(),
        provinsi_code: String::new(),
        report_id,
        score,
        n_concepts: 1,
        concept_keys: "[]".to_owned(),
        rank_kabupaten: 1,
        n_kabupaten: 1,
        rank_provinsi: 1,
        n_provinsi: 1,
        rank_nasional: 1,
        n_nasional: 1,
    }
}

#[test]
fn spending_per_inhabitant_uses_the_report_then_the_villages() {
    let mut own = report(1, 2023, "900", "90.00");
    own.penduduk = Some(e("300"));
    own.village_penduduk = Some(e("450"));
    let mut villages = report(2, 2023, "900", "90.00");
    villages.village_penduduk = Some(e("450"));
    let unknown = report(3, 2023, "900", "90.00");
    let rows = budget_summaries(&[own, villages, unknown], &[]).unwrap();
    // 900 / 300 = 3 rupiah per inhabitant; 900 / 450 = 2.
    assert_eq!(rows[0].spend_per_capita, Some(3.0));
    assert_eq!(rows[0].penduduk_source.as_deref(), Some("report"));
    assert_eq!(rows[1].spend_per_capita, Some(2.0));
    assert_eq!(rows[1].penduduk_source.as_deref(), Some("villages"));
    assert_eq!(rows[2].spend_per_capita, None);
    assert_eq!(rows[0].serapan.unwrap().to_string(), "90.00");
}

#[test]
fn quadrants_split_at_the_national_medians_of_each_year() {
    // 2023: serapan 80, 90, 95, 99 with scores 110, 90, 100, 95; a fifth kecamatan without a
    // score is left out of the medians. Medians: serapan (90 + 95) / 2 = 92.5, score
    // (95 + 100) / 2 = 97.5. 2024 has one kecamatan, its own median.
    let reports = [
        report(1, 2023, "800", "80"),
        report(2, 2023, "900", "90"),
        report(3, 2023, "950", "95"),
        report(4, 2023, "990", "99"),
        report(5, 2023, "100", "10"),
        report(6, 2024, "500", "50"),
    ];
    let composites = [
        composite(1, 110.0),
        composite(2, 90.0),
        composite(3, 100.0),
        composite(4, 95.0),
        composite(6, 70.0),
    ];
    let rows = budget_summaries(&reports, &composites).unwrap();
    assert_eq!(rows[0].median_serapan, Some(92.5));
    assert_eq!(rows[0].median_score, Some(97.5));
    let q: Vec<Option<&str>> = rows.iter().map(|r| r.quadrant.as_deref()).collect();
    assert_eq!(
        q,
        vec![
            Some("low_serapan_high_score"),
            Some("low_serapan_low_score"),
            Some("high_serapan_high_score"),
            Some("high_serapan_low_score"),
            None,
            Some("high_serapan_high_score"),
        ]
    );
    assert_eq!(
        rows[4].median_serapan,
        Some(92.5),
        "the year's medians are shown to all"
    );
    assert_eq!(rows[5].median_serapan, Some(50.0));
}
