//! The whole refresh on the sample corpus (`data/samples`), on both backends: the four real
//! reports extracted with `ingest::extract`, loaded, refreshed, and figures checked by hand
//! against the report texts.
//!
//! - Jaten 2023: nilai_akip (tujuan) 68.45 of 70, capaian computed 97.79 (printed 97.78); ikm
//!   (sasaran) 83.20 of 75, 110.93; 2022's nilai_akip 75.28 from its comparison table; budget
//!   pagu 3,413,100,300, realisasi 3,129,257,771, programs printed without codes.
//! - Kerjo 2025: nilai_akip 68.80 in 2025 and in 2024 (comparison table), 67.90 in 2023.
//! - Mlarak 2024: ikm printed capaian 119 against 99 / 80 = 123.75 %; the share of villages
//!   with a rising IDM score is 100 in 2022, 2023 and 2024; penduduk 35,987.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use testkit::on_both_backends;

use analytics::{refresh, BudgetSummaryRow, CompositeRow, QualityRow, StoryFlagRow, TrendRow};
use common::{Backend, TestDb};
use diesel::prelude::*;
use model::Exact;
use warehouse::schema::{kecamatan, report};
use warehouse::schema_analytics::{
    budget_program, budget_summary, composite_score, indicator_trend, report_quality, story_flag,
};
use warehouse::{load_report, DbConnection};

on_both_backends!(
    the_corpus_gives_hand_checked_trends_and_leads,
    the_corpus_gives_hand_checked_budget_and_quality,
);

fn loaded(backend: Backend) -> (TestDb, DbConnection) {
    let db = TestDb::fresh(backend).unwrap();
    let mut conn = db.open();
    for (name, bytes) in testkit::samples() {
        let extract = ingest::extract(&name, &bytes);
        load_report(&mut conn, &extract, Some(&bytes)).unwrap();
    }
    let summary = refresh(&mut conn).unwrap();
    assert_eq!(summary.quality_rows, 4, "one quality row per report");
    (db, conn)
}

/// The kecamatan code and report id of a sample by its kecamatan name.
fn place(conn: &mut DbConnection, name: &str) -> (String, i64) {
    report::table
        .inner_join(kecamatan::table)
        .filter(
            kecamatan::name
                .eq(name.to_uppercase())
                .or(kecamatan::name.eq(name)),
        )
        .select((report::kecamatan_code, report::id))
        .first(conn)
        .unwrap_or_else(|e| panic!("no report of {name}: {e}"))
}

fn the_corpus_gives_hand_checked_trends_and_leads(backend: Backend) {
    let (_db, mut conn) = loaded(backend);
    let (mlarak, mlarak_report) = place(&mut conn, "Mlarak");
    let (kerjo, _) = place(&mut conn, "Kerjo");
    let (jaten, _) = place(&mut conn, "Jaten");
    let flags: Vec<StoryFlagRow> = story_flag::table
        .select(StoryFlagRow::as_select())
        .order((story_flag::kecamatan_code, story_flag::code))
        .load(&mut conn)
        .unwrap();
    let find = |kec: &str, code: &str, concept: &str| {
        flags
            .iter()
            .find(|f| f.kecamatan_code == kec && f.code == code && f.concept_key == concept)
            .unwrap_or_else(|| panic!("no {code} lead for {kec}/{concept}: {flags:#?}"))
    };
    // Mlarak's IKM: printed 119, computed 99 / 80 × 100 = 123.75, 4.75 points apart.
    let ikm = find(&mlarak, "printed_capaian_disagrees", "ikm");
    assert_eq!(ikm.value.unwrap().to_string(), "119");
    assert_eq!((ikm.years.as_str(), ikm.tahun_last), ("[2024]", 2024));
    assert_eq!(ikm.report_ids, format!("[{mlarak_report}]"));
    assert!(ikm.message_id.contains("123.75"), "{}", ikm.message_id);
    // Its share of villages with a rising IDM score: 100 three years running, 2022–2023 from
    // the 2024 report's comparison table.
    let idm = find(
        &mlarak,
        "realisasi_repeated",
        "persen_desa_skor_idm_meningkat",
    );
    assert_eq!(idm.years, "[2022,2023,2024]");
    assert_eq!(idm.value.unwrap().to_string(), "100");
    // Kerjo's nilai_akip 68.80 in 2024 and again in 2025.
    let akip = find(&kerjo, "realisasi_repeated", "nilai_akip");
    assert_eq!(akip.years, "[2024,2025]");
    // Jaten's 97.78 against 97.79 is rounding: no lead.
    assert!(!flags
        .iter()
        .any(|f| f.kecamatan_code == jaten && f.code == "printed_capaian_disagrees"));

    let trends: Vec<TrendRow> = indicator_trend::table
        .select(TrendRow::as_select())
        .order((
            indicator_trend::kecamatan_code,
            indicator_trend::concept_key,
            indicator_trend::tahun,
        ))
        .load(&mut conn)
        .unwrap();
    let trend = |kec: &str, concept: &str, tahun: i32| {
        trends
            .iter()
            .find(|t| t.kecamatan_code == kec && t.concept_key == concept && t.tahun == tahun)
            .unwrap_or_else(|| panic!("no {concept} {tahun} trend for {kec}"))
    };
    // Jaten nilai_akip: 68.45 − 75.28 = −6.83, worse; −6.83 / 75.28 = −0.09073…
    let j = trend(&jaten, "nilai_akip", 2023);
    assert_eq!(j.change.unwrap().to_string(), "-6.83");
    assert_eq!(j.movement.as_deref(), Some("worse"));
    assert!((j.change_relative.unwrap() + 6.83 / 75.28).abs() < 1e-12);
    assert!(trend(&jaten, "nilai_akip", 2022).from_history);
    // Kerjo nilai_akip: 2023 67.90 → 2024 68.80 (+0.90), then unchanged.
    assert_eq!(
        trend(&kerjo, "nilai_akip", 2024)
            .change
            .unwrap()
            .to_string(),
        "0.90"
    );
    assert_eq!(
        trend(&kerjo, "nilai_akip", 2025).movement.as_deref(),
        Some("same")
    );
    assert!(!trend(&kerjo, "nilai_akip", 2025).from_history);
}

fn the_corpus_gives_hand_checked_budget_and_quality(backend: Backend) {
    let (_db, mut conn) = loaded(backend);
    let (jaten, jaten_report) = place(&mut conn, "Jaten");
    let (mlarak, _) = place(&mut conn, "Mlarak");
    // Jaten's composite: (97.79 + 110.93) / 2 = 104.36 over its two goal-level concepts.
    let composite: CompositeRow = composite_score::table
        .filter(composite_score::kecamatan_code.eq(&jaten))
        .select(CompositeRow::as_select())
        .first(&mut conn)
        .unwrap();
    assert_eq!(composite.concept_keys, r#"["ikm","nilai_akip"]"#);
    assert!(
        (composite.score - 104.36).abs() < 1e-9,
        "{}",
        composite.score
    );

    let budgets: Vec<BudgetSummaryRow> = budget_summary::table
        .select(BudgetSummaryRow::as_select())
        .order(budget_summary::kecamatan_code)
        .load(&mut conn)
        .unwrap();
    assert_eq!(budgets.len(), 4);
    let of = |kec: &str| budgets.iter().find(|b| b.kecamatan_code == kec).unwrap();
    let j = of(&jaten);
    assert_eq!(j.pagu.unwrap().to_string(), "3413100300");
    assert_eq!(j.realisasi.unwrap().to_string(), "3129257771");
    assert_eq!(j.serapan.unwrap().to_string(), "91.68");
    assert_eq!(j.score, Some(composite.score));
    assert_eq!(j.spend_per_capita, None, "Jaten states no population");
    // Mlarak: 1,853,239,182 rupiah over 35,987 inhabitants = 51,497.74… per inhabitant.
    let m = of(&mlarak);
    assert_eq!(m.penduduk_source.as_deref(), Some("report"));
    assert!((m.spend_per_capita.unwrap() - 1_853_239_182.0 / 35_987.0).abs() < 1e-6);
    // Every year's quadrant splits at that year's medians; a lone kecamatan-year is its own
    // median and so "high" on both counts.
    assert!(budgets
        .iter()
        .all(|b| b.quadrant.is_none() || b.median_score.is_some()));

    // The budget per program: the program lines, coded when loaded, through the view.
    let programs: Vec<(String, String, Option<Exact>, Option<Exact>)> = budget_program::table
        .filter(budget_program::report_id.eq(jaten_report))
        .select((
            budget_program::program_code,
            budget_program::code_source,
            budget_program::pagu,
            budget_program::realisasi,
        ))
        .order(budget_program::program_code)
        .load(&mut conn)
        .unwrap();
    // Jaten prints no codes: its six programs are recognised by name.
    let codes: Vec<(&str, &str)> = programs
        .iter()
        .map(|p| (p.0.as_str(), p.1.as_str()))
        .collect();
    assert_eq!(
        codes,
        ["7.01.01", "7.01.02", "7.01.03", "7.01.04", "7.01.05", "7.01.06"]
            .map(|c| (c, "name"))
            .to_vec()
    );
    // Program 7.01.01: 2,083,637,017 of 2,592,499,700 = 80.37 %.
    let (pagu, realisasi) = (programs[0].2.unwrap(), programs[0].3.unwrap());
    assert_eq!(
        (pagu.to_string(), realisasi.to_string()),
        ("2592499700".to_owned(), "2083637017".to_owned())
    );
    assert_eq!(
        Exact::percent_of(realisasi, pagu, 2).unwrap().to_string(),
        "80.37"
    );

    let quality: QualityRow = report_quality::table
        .find(jaten_report)
        .select(QualityRow::as_select())
        .first(&mut conn)
        .unwrap();
    // Jaten: 21 figures (2 indicators, 1 history figure, 18 budget lines), 10 flagged (both
    // indicators and 8 budget lines); 4 unresolved conflicts (3 serapan_mismatch and 1
    // total_mismatch at warning; the info-level ones were explained). Nothing missing.
    // 100 − 40 × 10/21 − 4 × 5 = 60.95… → D.
    assert_eq!((quality.n_figures, quality.n_flagged), (21, 10));
    assert_eq!(quality.n_conflicts, 4);
    assert_eq!(quality.missing_sections, "[]");
    assert!(
        (quality.points - (80.0 - 400.0 / 21.0)).abs() < 1e-9,
        "{}",
        quality.points
    );
    assert_eq!(quality.grade, "D");
}

/// A refresh leaves SQLite with planner statistics for the tables the API joins, so that a
/// kabupaten's figures are found through its reports rather than through the whole country's.
#[test]
fn a_refresh_leaves_sqlite_planner_statistics() {
    #[derive(QueryableByName)]
    struct Analyzed {
        #[diesel(sql_type = diesel::sql_types::Text)]
        tbl: String,
    }
    let (_db, mut conn) = loaded(Backend::Sqlite);
    let tables: Vec<String> = diesel::sql_query("SELECT DISTINCT tbl FROM sqlite_stat1")
        .load::<Analyzed>(&mut conn)
        .unwrap()
        .into_iter()
        .map(|a| a.tbl)
        .collect();
    for table in ["indicator_fact", "report", "kecamatan", "indicator_rank"] {
        assert!(
            tables.iter().any(|t| t == table),
            "{table} not analysed: {tables:?}"
        );
    }
}
