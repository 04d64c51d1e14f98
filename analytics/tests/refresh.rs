//! The refresh end to end, on both backends: real kecamatan of Kabupaten Karanganyar (Jawa
//! Tengah) and Kabupaten Magetan (Jawa Timur) loaded through the warehouse, standings worked out
//! by hand below.
//!
//! 2023, `nilai_akip` (higher is better): Jaten 80.50, Karanganyar 80.50, Kerjo 75.25 (all
//! Karanganyar), Kartoharjo 70.10 (Magetan). `ikm`: Kerjo 88.00, Jaten 85.10, Kartoharjo 90.00.
//! `aduan` (complaints, lower is better): Jaten 12, Kerjo 5.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use testkit::on_both_backends;

use analytics::{
    refresh, CompositeRow, IndicatorRankRow, QualityRow, RefreshSummary, StoryFlagRow, TrendRow,
};
use common::{higher, history, lower, report_of, Backend, TestDb};
use diesel::prelude::*;
use model::extract::Extracted;
use warehouse::schema_analytics::{composite_score, indicator_rank};
use warehouse::{load_report, DbConnection};

on_both_backends!(
    standings_follow_direction_ties_and_areas,
    the_composite_ranks_kecamatan_by_capped_capaian,
    refreshing_twice_gives_the_same_snapshot,
    a_superseded_report_no_longer_counts,
    an_empty_warehouse_gives_an_empty_snapshot,
    snapshot_migrations_go_down_and_up_with_rows_in_them,
    only_a_changed_warehouse_makes_the_snapshot_stale,
    a_low_confidence_figure_is_left_out_until_confirmed,
);

fn a_low_confidence_figure_is_left_out_until_confirmed(backend: Backend) {
    use warehouse::schema::indicator_fact;
    let db = TestDb::fresh(backend).unwrap();
    let mut conn = db.open();
    let mut doubtful = jaten("80.50", "a");
    doubtful.indicators[1].confidence = model::Confidence::Low;
    doubtful.indicators[1].confidence_reasons = vec!["conflicting_values".to_owned()];
    for extract in std::iter::once(doubtful).chain(others()) {
        load_report(&mut conn, &extract, None).unwrap();
    }
    let summary = refresh(&mut conn).unwrap();
    assert_eq!(summary.facts_read, 9, "Jaten's ikm is not compared");
    let rows = ranks(&mut conn);
    let jaten_code = code_of(&mut conn, "Jaten");
    let ikm: Vec<&IndicatorRankRow> = rows.iter().filter(|r| r.concept_key == "ikm").collect();
    assert!(ikm.iter().all(|r| r.kecamatan_code != jaten_code));
    assert!(ikm.iter().all(|r| r.n_nasional == 2), "{ikm:?}");
    let kerjo = row(&rows, &mut conn, "ikm", "Kerjo");
    // Kerjo alone in Karanganyar now: its median is its own figure.
    assert_eq!(kerjo.n_kabupaten, 1);
    assert_eq!(kerjo.kabupaten_median, Some(88.0));
    let jaten = composites(&mut conn)
        .into_iter()
        .find(|c| c.kecamatan_code == jaten_code)
        .unwrap();
    assert_eq!(jaten.concept_keys, r#"["aduan","nilai_akip"]"#);
    // (100.63 + 80) / 2, without the doubtful ikm
    assert!((jaten.score - 90.315).abs() < 1e-9, "{}", jaten.score);

    // A reviewer confirms it: it is compared again.
    diesel::update(indicator_fact::table.filter(indicator_fact::confidence.eq("low")))
        .set(indicator_fact::confirmed.eq(true))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(refresh(&mut conn).unwrap().facts_read, 10);
    assert_eq!(
        row(&ranks(&mut conn), &mut conn, "ikm", "Jaten").n_nasional,
        3
    );
}

const KARANGANYAR: &str = "Kabupaten Karanganyar";

fn jaten(nilai_akip: &str, edition: &str) -> Extracted {
    report_of(
        "Jaten",
        KARANGANYAR,
        edition,
        vec![
            higher("nilai_akip", nilai_akip, "100.63"),
            higher("ikm", "85.10", "125.00"),
            lower("aduan", "12", "80.00"),
        ],
        // Last year's figure from a comparison table: never part of the 2023 standings.
        vec![history("nilai_akip", 2022, "99.99")],
    )
}

fn others() -> Vec<Extracted> {
    let mut program = higher("kegiatan_pelayanan", "10", "50.00");
    program.level = model::Level::Program;
    vec![
        report_of(
            "Kerjo",
            KARANGANYAR,
            "a",
            vec![
                higher("nilai_akip", "75.25", "94.06"),
                higher("ikm", "88.00", "110.00"),
                lower("aduan", "5", "100.00"),
            ],
            vec![],
        ),
        report_of(
            "Karanganyar",
            KARANGANYAR,
            "a",
            vec![higher("nilai_akip", "80.50", "100.63"), program],
            vec![],
        ),
        report_of(
            "Kartoharjo",
            "Kabupaten Magetan",
            "a",
            vec![
                higher("nilai_akip", "70.10", "87.63"),
                higher("ikm", "90.00", "112.50"),
            ],
            vec![],
        ),
    ]
}

fn loaded(backend: Backend) -> (TestDb, DbConnection) {
    let db = TestDb::fresh(backend).unwrap();
    let mut conn = db.open();
    for extract in std::iter::once(jaten("80.50", "a")).chain(others()) {
        load_report(&mut conn, &extract, None).unwrap();
    }
    (db, conn)
}

fn ranks(conn: &mut DbConnection) -> Vec<IndicatorRankRow> {
    indicator_rank::table
        .select(IndicatorRankRow::as_select())
        .order((
            indicator_rank::concept_key,
            indicator_rank::tahun,
            indicator_rank::kecamatan_code,
        ))
        .load(conn)
        .unwrap()
}

/// The trend, story-lead and quality snapshots, in key order.
fn more(conn: &mut DbConnection) -> (Vec<TrendRow>, Vec<StoryFlagRow>, Vec<QualityRow>) {
    use warehouse::schema_analytics::{indicator_trend as t, report_quality as q, story_flag as s};
    (
        t::table
            .select(TrendRow::as_select())
            .order((t::kecamatan_code, t::concept_key, t::tahun))
            .load(conn)
            .unwrap(),
        s::table
            .select(StoryFlagRow::as_select())
            .order((s::code, s::kecamatan_code, s::concept_key, s::tahun_last))
            .load(conn)
            .unwrap(),
        q::table
            .select(QualityRow::as_select())
            .order(q::report_id)
            .load(conn)
            .unwrap(),
    )
}

fn composites(conn: &mut DbConnection) -> Vec<CompositeRow> {
    composite_score::table
        .select(CompositeRow::as_select())
        .order((composite_score::tahun, composite_score::kecamatan_code))
        .load(conn)
        .unwrap()
}

/// The row of a kecamatan (by its printed name's kecamatan code) for a concept.
fn row<'a>(
    rows: &'a [IndicatorRankRow],
    conn: &mut DbConnection,
    concept: &str,
    name: &str,
) -> &'a IndicatorRankRow {
    let code = code_of(conn, name);
    rows.iter()
        .find(|r| r.concept_key == concept && r.kecamatan_code == code)
        .unwrap_or_else(|| panic!("no {concept} row for {name}"))
}

fn code_of(conn: &mut DbConnection, name: &str) -> String {
    use warehouse::schema::kecamatan;
    let codes: Vec<String> = indicator_rank::table
        .inner_join(kecamatan::table.on(kecamatan::code.eq(indicator_rank::kecamatan_code)))
        .filter(
            kecamatan::name
                .eq(name.to_uppercase())
                .or(kecamatan::name.eq(name)),
        )
        .select(kecamatan::code)
        .distinct()
        .load(conn)
        .unwrap();
    assert_eq!(codes.len(), 1, "one kecamatan named {name}: {codes:?}");
    codes.into_iter().next().unwrap()
}

/// (rank, n) in the kabupaten, the province and the country.
fn standing(r: &IndicatorRankRow) -> [(Option<i32>, i32); 3] {
    [
        (r.rank_kabupaten, r.n_kabupaten),
        (r.rank_provinsi, r.n_provinsi),
        (r.rank_nasional, r.n_nasional),
    ]
}

fn standings_follow_direction_ties_and_areas(backend: Backend) {
    let (_db, mut conn) = loaded(backend);
    let summary = refresh(&mut conn).unwrap();
    // 3 + 3 + 2 (the program indicator is ranked too: it has a concept) + 2 facts, no history.
    assert_eq!(summary.facts_read, 10);
    assert_eq!(summary.indicator_rows, 10);
    let rows = ranks(&mut conn);
    assert!(rows.iter().all(|r| r.tahun == 2023), "history stays out");
    let c = &mut conn;
    // nilai_akip: Karanganyar kabupaten 80.50, 80.50, 75.25 → 1, 1, 3 of 3; Jawa Tengah is
    // the same three; the nation adds Kartoharjo's 70.10, last of 4 and 1 of 1 at home.
    let jaten = row(&rows, c, "nilai_akip", "Jaten");
    assert_eq!(standing(jaten), [(Some(1), 3), (Some(1), 3), (Some(1), 4)]);
    let karanganyar = row(&rows, c, "nilai_akip", "Karanganyar");
    assert_eq!(
        standing(karanganyar),
        standing(jaten),
        "a tie shares the rank"
    );
    let kerjo = row(&rows, c, "nilai_akip", "Kerjo");
    assert_eq!(standing(kerjo), [(Some(3), 3), (Some(3), 3), (Some(3), 4)]);
    let kartoharjo = row(&rows, c, "nilai_akip", "Kartoharjo");
    assert_eq!(
        standing(kartoharjo),
        [(Some(1), 1), (Some(1), 1), (Some(4), 4)]
    );
    assert_eq!(
        kartoharjo.percentile_kabupaten, None,
        "1 of 1 has no percentile"
    );
    assert_eq!(kartoharjo.percentile_nasional, Some(0.0));
    // Ties at ranks 1–2 of 3 average to 1.5: 100 × (3 − 1.5) / 2 = 75.
    assert_eq!(jaten.percentile_kabupaten, Some(75.0));
    assert_eq!(kerjo.kabupaten_median, Some(80.5));
    assert_eq!(kerjo.distance_to_median, Some(-5.25));
    assert_eq!(
        (kerjo.kabupaten_min, kerjo.kabupaten_max),
        (Some(75.25), Some(80.5))
    );
    // Reported figures come back exactly as printed, scale included.
    assert_eq!(jaten.realisasi.unwrap().to_string(), "80.50");
    assert_eq!(jaten.capaian.unwrap().to_string(), "100.63");
    // ikm: Kartoharjo 90 > Kerjo 88 > Jaten 85.10.
    assert_eq!(row(&rows, c, "ikm", "Kerjo").rank_kabupaten, Some(1));
    assert_eq!(row(&rows, c, "ikm", "Jaten").rank_nasional, Some(3));
    // aduan, lower is better: Kerjo's 5 complaints beat Jaten's 12.
    let aduan_kerjo = row(&rows, c, "aduan", "Kerjo");
    assert_eq!(aduan_kerjo.direction, "lower_is_better");
    assert_eq!(standing(aduan_kerjo)[0], (Some(1), 2));
    assert_eq!(row(&rows, c, "aduan", "Jaten").rank_kabupaten, Some(2));
}

fn the_composite_ranks_kecamatan_by_capped_capaian(backend: Backend) {
    let (_db, mut conn) = loaded(backend);
    let summary = refresh(&mut conn).unwrap();
    assert_eq!(summary.composite_rows, 4);
    let rows = composites(&mut conn);
    let by_name = |conn: &mut DbConnection, name: &str| {
        let code = code_of(conn, name);
        rows.iter()
            .find(|r| r.kecamatan_code == code)
            .unwrap()
            .clone()
    };
    // Jaten: (100.63 + min(125, 120) + 80) / 3 = 100.21.
    let jaten = by_name(&mut conn, "Jaten");
    assert!((jaten.score - 100.21).abs() < 1e-9, "{}", jaten.score);
    assert_eq!(jaten.concept_keys, r#"["aduan","ikm","nilai_akip"]"#);
    assert_eq!(jaten.n_concepts, 3);
    // Kerjo (94.06 + 110 + 100) / 3 = 101.353…; Karanganyar 100.63 (its program-level
    // indicator does not enter); Kartoharjo (87.63 + 112.5) / 2 = 100.065.
    let kerjo = by_name(&mut conn, "Kerjo");
    let karanganyar = by_name(&mut conn, "Karanganyar");
    let kartoharjo = by_name(&mut conn, "Kartoharjo");
    assert_eq!(karanganyar.concept_keys, r#"["nilai_akip"]"#);
    let places = |r: &CompositeRow| {
        [
            (r.rank_kabupaten, r.n_kabupaten),
            (r.rank_nasional, r.n_nasional),
        ]
    };
    assert_eq!(places(&kerjo), [(1, 3), (1, 4)]);
    assert_eq!(places(&karanganyar), [(2, 3), (2, 4)]);
    assert_eq!(places(&jaten), [(3, 3), (3, 4)]);
    assert_eq!(places(&kartoharjo), [(1, 1), (4, 4)]);
}

fn refreshing_twice_gives_the_same_snapshot(backend: Backend) {
    let (_db, mut conn) = loaded(backend);
    let first = refresh(&mut conn).unwrap();
    let (ranks_before, composites_before) = (ranks(&mut conn), composites(&mut conn));
    let more_before = more(&mut conn);
    let second = refresh(&mut conn).unwrap();
    assert_eq!(first, second);
    assert_eq!(ranks(&mut conn), ranks_before);
    assert_eq!(composites(&mut conn), composites_before);
    assert_eq!(more(&mut conn), more_before);
    // 4 reports; 10 own-year points and Jaten's 2022 nilai_akip from its comparison table.
    assert_eq!((first.quality_rows, first.trend_rows), (4, 11));
    assert_eq!(
        ranks_before.len(),
        10,
        "old rows are replaced, not added to"
    );
}

fn a_superseded_report_no_longer_counts(backend: Backend) {
    let (_db, mut conn) = loaded(backend);
    refresh(&mut conn).unwrap();
    // A corrected Jaten report: its nilai_akip is 70.00, last in the kabupaten.
    let corrected = load_report(&mut conn, &jaten("70.00", "corrected"), None).unwrap();
    assert!(matches!(
        corrected,
        warehouse::LoadOutcome::Superseded { .. }
    ));
    let summary = refresh(&mut conn).unwrap();
    assert_eq!(
        summary.indicator_rows, 10,
        "the old version's facts are gone"
    );
    let rows = ranks(&mut conn);
    let c = &mut conn;
    let jaten = row(&rows, c, "nilai_akip", "Jaten");
    assert_eq!(jaten.report_id, corrected.report_id());
    assert_eq!(jaten.realisasi.unwrap().to_string(), "70.00");
    assert_eq!(standing(jaten)[0], (Some(3), 3));
    assert_eq!(row(&rows, c, "nilai_akip", "Kerjo").rank_kabupaten, Some(2));
    assert_eq!(
        row(&rows, c, "nilai_akip", "Karanganyar").rank_kabupaten,
        Some(1)
    );
    let quality = more(&mut conn).2;
    assert_eq!(quality.len(), 4, "one quality row per current report");
    assert!(quality.iter().any(|q| q.report_id == corrected.report_id()));
    let jaten_code = jaten.kecamatan_code.clone();
    assert!(rows
        .iter()
        .filter(|r| r.kecamatan_code == jaten_code)
        .all(|r| r.report_id == corrected.report_id()));
}

fn an_empty_warehouse_gives_an_empty_snapshot(backend: Backend) {
    let db = TestDb::fresh(backend).unwrap();
    let mut conn = db.open();
    assert_eq!(refresh(&mut conn).unwrap(), RefreshSummary::default());
    assert!(ranks(&mut conn).is_empty());
}

fn snapshot_migrations_go_down_and_up_with_rows_in_them(backend: Backend) {
    let (_db, mut conn) = loaded(backend);
    refresh(&mut conn).unwrap();
    assert!(warehouse::revert_all(&mut conn).unwrap() >= 2);
    assert!(indicator_rank::table
        .count()
        .get_result::<i64>(&mut conn)
        .is_err());
    assert!(warehouse::run_pending(&mut conn).unwrap() >= 2);
    assert!(ranks(&mut conn).is_empty());
    let (trends, _, quality) = more(&mut conn);
    assert!(trends.is_empty() && quality.is_empty());
}

fn only_a_changed_warehouse_makes_the_snapshot_stale(backend: Backend) {
    let (_db, mut conn) = loaded(backend);
    assert!(!warehouse::data_version(&mut conn)
        .unwrap()
        .analytics_current());
    assert!(analytics::refresh_if_stale(&mut conn).unwrap().is_some());
    assert!(warehouse::data_version(&mut conn)
        .unwrap()
        .analytics_current());
    // Nothing changed since: no second computation.
    assert_eq!(analytics::refresh_if_stale(&mut conn).unwrap(), None);
    // Loading the same report again and re-syncing an unchanged taxonomy change nothing either.
    let before = warehouse::data_version(&mut conn).unwrap();
    load_report(&mut conn, &jaten("80.50", "a"), None).unwrap();
    warehouse::sync_concepts(&mut conn, &ingest::taxonomy::indicator_concepts()).unwrap();
    let synced = warehouse::data_version(&mut conn).unwrap();
    warehouse::sync_concepts(&mut conn, &ingest::taxonomy::indicator_concepts()).unwrap();
    assert_eq!(warehouse::data_version(&mut conn).unwrap(), synced);
    assert!(synced.warehouse >= before.warehouse);
    // A new report does, by exactly one step, and the next refresh catches up.
    load_report(&mut conn, &jaten("70.00", "corrected"), None).unwrap();
    let after = warehouse::data_version(&mut conn).unwrap();
    assert_eq!(after.warehouse, synced.warehouse + 1);
    assert!(!after.analytics_current());
    assert!(analytics::refresh_if_stale(&mut conn).unwrap().is_some());
    assert!(warehouse::data_version(&mut conn)
        .unwrap()
        .analytics_current());
}
