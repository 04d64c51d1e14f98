//! The analytics snapshot tables (migrations `2026-11-25-000002_analytics` and
//! `2026-11-25-000004_analytics_more`), written by the
//! `analytics` crate and read by the API. Kept apart from `schema.rs` because they are derived
//! data, rebuilt as a whole on every refresh; see docs/methodology.md for what each column means.

diesel::table! {
    indicator_rank (concept_key, tahun, kecamatan_code) {
        concept_key -> Text,
        tahun -> Integer,
        kecamatan_code -> Text,
        kabupaten_code -> Text,
        provinsi_code -> Text,
        report_id -> BigInt,
        fact_id -> BigInt,
        direction -> Text,
        realisasi -> Nullable<model::sql::ExactNumeric>,
        capaian -> Nullable<model::sql::ExactNumeric>,
        rank_kabupaten -> Nullable<Integer>,
        n_kabupaten -> Integer,
        percentile_kabupaten -> Nullable<Double>,
        rank_provinsi -> Nullable<Integer>,
        n_provinsi -> Integer,
        percentile_provinsi -> Nullable<Double>,
        rank_nasional -> Nullable<Integer>,
        n_nasional -> Integer,
        percentile_nasional -> Nullable<Double>,
        kabupaten_median -> Nullable<Double>,
        kabupaten_min -> Nullable<Double>,
        kabupaten_max -> Nullable<Double>,
        distance_to_median -> Nullable<Double>,
    }
}

diesel::table! {
    composite_score (kecamatan_code, tahun) {
        kecamatan_code -> Text,
        tahun -> Integer,
        kabupaten_code -> Text,
        provinsi_code -> Text,
        report_id -> BigInt,
        score -> Double,
        n_concepts -> Integer,
        concept_keys -> Text,
        rank_kabupaten -> Integer,
        n_kabupaten -> Integer,
        rank_provinsi -> Integer,
        n_provinsi -> Integer,
        rank_nasional -> Integer,
        n_nasional -> Integer,
    }
}

diesel::table! {
    indicator_trend (kecamatan_code, concept_key, tahun) {
        kecamatan_code -> Text,
        concept_key -> Text,
        tahun -> Integer,
        direction -> Text,
        fact_id -> BigInt,
        from_history -> Bool,
        previous_realisasi -> Nullable<model::sql::ExactNumeric>,
        change -> Nullable<model::sql::ExactNumeric>,
        change_relative -> Nullable<Double>,
        movement -> Nullable<Text>,
    }
}

diesel::table! {
    story_flag (code, kecamatan_code, concept_key, tahun_last) {
        code -> Text,
        kecamatan_code -> Text,
        concept_key -> Text,
        tahun_first -> Integer,
        tahun_last -> Integer,
        kabupaten_code -> Text,
        provinsi_code -> Text,
        severity -> Text,
        years -> Text,
        report_ids -> Text,
        value -> Nullable<model::sql::ExactNumeric>,
        message_id -> Text,
        message_en -> Text,
    }
}

diesel::table! {
    budget_summary (kecamatan_code, tahun) {
        kecamatan_code -> Text,
        tahun -> Integer,
        kabupaten_code -> Text,
        provinsi_code -> Text,
        report_id -> BigInt,
        pagu -> Nullable<model::sql::ExactNumeric>,
        realisasi -> Nullable<model::sql::ExactNumeric>,
        serapan -> Nullable<model::sql::ExactNumeric>,
        penduduk -> Nullable<model::sql::ExactNumeric>,
        penduduk_source -> Nullable<Text>,
        spend_per_capita -> Nullable<Double>,
        score -> Nullable<Double>,
        median_serapan -> Nullable<Double>,
        median_score -> Nullable<Double>,
        quadrant -> Nullable<Text>,
    }
}

diesel::table! {
    budget_program (kecamatan_code, tahun, program_code) {
        kecamatan_code -> Text,
        tahun -> Integer,
        program_code -> Text,
        kabupaten_code -> Text,
        provinsi_code -> Text,
        report_id -> BigInt,
        name -> Text,
        code_source -> Text,
        pagu -> Nullable<model::sql::ExactNumeric>,
        realisasi -> Nullable<model::sql::ExactNumeric>,
    }
}

diesel::table! {
    report_quality (report_id) {
        report_id -> BigInt,
        kecamatan_code -> Text,
        tahun -> Integer,
        n_figures -> Integer,
        n_flagged -> Integer,
        flagged_share -> Double,
        n_conflicts -> Integer,
        conflict_codes -> Text,
        missing_sections -> Text,
        points -> Double,
        grade -> Text,
    }
}

// The API joins snapshots to the regions and reports they describe.
use crate::schema::{indicator_fact, kabupaten, kecamatan, provinsi, report};

diesel::joinable!(indicator_rank -> kecamatan (kecamatan_code));
diesel::joinable!(indicator_rank -> report (report_id));
diesel::joinable!(composite_score -> kecamatan (kecamatan_code));
diesel::joinable!(composite_score -> report (report_id));
diesel::joinable!(indicator_trend -> kecamatan (kecamatan_code));
diesel::joinable!(indicator_trend -> indicator_fact (fact_id));
diesel::joinable!(story_flag -> kecamatan (kecamatan_code));
diesel::joinable!(budget_summary -> kecamatan (kecamatan_code));
diesel::joinable!(budget_summary -> report (report_id));
diesel::joinable!(budget_program -> kecamatan (kecamatan_code));
diesel::joinable!(budget_program -> report (report_id));
diesel::joinable!(report_quality -> kecamatan (kecamatan_code));
diesel::joinable!(report_quality -> report (report_id));

// One pair at a time: the warehouse's tables already allow each other, listing them together
// again would implement the same traits twice.
diesel::allow_tables_to_appear_in_same_query!(indicator_rank, composite_score);
diesel::allow_tables_to_appear_in_same_query!(indicator_rank, kecamatan);
diesel::allow_tables_to_appear_in_same_query!(indicator_rank, kabupaten);
diesel::allow_tables_to_appear_in_same_query!(indicator_rank, provinsi);
diesel::allow_tables_to_appear_in_same_query!(indicator_rank, report);
diesel::allow_tables_to_appear_in_same_query!(composite_score, kecamatan);
diesel::allow_tables_to_appear_in_same_query!(composite_score, kabupaten);
diesel::allow_tables_to_appear_in_same_query!(composite_score, provinsi);
diesel::allow_tables_to_appear_in_same_query!(composite_score, report);
diesel::allow_tables_to_appear_in_same_query!(indicator_rank, indicator_trend);
diesel::allow_tables_to_appear_in_same_query!(indicator_rank, story_flag);
diesel::allow_tables_to_appear_in_same_query!(indicator_rank, budget_summary);
diesel::allow_tables_to_appear_in_same_query!(indicator_rank, budget_program);
diesel::allow_tables_to_appear_in_same_query!(indicator_rank, report_quality);
diesel::allow_tables_to_appear_in_same_query!(composite_score, indicator_trend);
diesel::allow_tables_to_appear_in_same_query!(composite_score, story_flag);
diesel::allow_tables_to_appear_in_same_query!(composite_score, budget_summary);
diesel::allow_tables_to_appear_in_same_query!(composite_score, budget_program);
diesel::allow_tables_to_appear_in_same_query!(composite_score, report_quality);
diesel::allow_tables_to_appear_in_same_query!(indicator_trend, story_flag);
diesel::allow_tables_to_appear_in_same_query!(indicator_trend, budget_summary);
diesel::allow_tables_to_appear_in_same_query!(indicator_trend, budget_program);
diesel::allow_tables_to_appear_in_same_query!(indicator_trend, report_quality);
diesel::allow_tables_to_appear_in_same_query!(story_flag, budget_summary);
diesel::allow_tables_to_appear_in_same_query!(story_flag, budget_program);
diesel::allow_tables_to_appear_in_same_query!(story_flag, report_quality);
diesel::allow_tables_to_appear_in_same_query!(budget_summary, budget_program);
diesel::allow_tables_to_appear_in_same_query!(budget_summary, report_quality);
diesel::allow_tables_to_appear_in_same_query!(budget_program, report_quality);
diesel::allow_tables_to_appear_in_same_query!(indicator_trend, kecamatan);
diesel::allow_tables_to_appear_in_same_query!(indicator_trend, kabupaten);
diesel::allow_tables_to_appear_in_same_query!(indicator_trend, provinsi);
diesel::allow_tables_to_appear_in_same_query!(indicator_trend, report);
diesel::allow_tables_to_appear_in_same_query!(indicator_trend, indicator_fact);
diesel::allow_tables_to_appear_in_same_query!(story_flag, kecamatan);
diesel::allow_tables_to_appear_in_same_query!(story_flag, kabupaten);
diesel::allow_tables_to_appear_in_same_query!(story_flag, provinsi);
diesel::allow_tables_to_appear_in_same_query!(story_flag, report);
diesel::allow_tables_to_appear_in_same_query!(budget_summary, kecamatan);
diesel::allow_tables_to_appear_in_same_query!(budget_summary, kabupaten);
diesel::allow_tables_to_appear_in_same_query!(budget_summary, provinsi);
diesel::allow_tables_to_appear_in_same_query!(budget_summary, report);
diesel::allow_tables_to_appear_in_same_query!(budget_program, kecamatan);
diesel::allow_tables_to_appear_in_same_query!(budget_program, kabupaten);
diesel::allow_tables_to_appear_in_same_query!(budget_program, provinsi);
diesel::allow_tables_to_appear_in_same_query!(budget_program, report);
diesel::allow_tables_to_appear_in_same_query!(report_quality, kecamatan);
diesel::allow_tables_to_appear_in_same_query!(report_quality, kabupaten);
diesel::allow_tables_to_appear_in_same_query!(report_quality, provinsi);
diesel::allow_tables_to_appear_in_same_query!(report_quality, report);

diesel::table! {
    /// One row: the warehouse's change counter and the one the analytics snapshot was built from.
    data_version (id) {
        id -> Integer,
        warehouse_version -> BigInt,
        analytics_version -> BigInt,
    }
}
