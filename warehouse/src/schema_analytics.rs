//! The analytics snapshot tables (migration `2026-11-25-000002_analytics`), written by the
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

// The API joins snapshots to the regions and reports they describe.
use crate::schema::{kabupaten, kecamatan, provinsi, report};

diesel::joinable!(indicator_rank -> kecamatan (kecamatan_code));
diesel::joinable!(indicator_rank -> report (report_id));
diesel::joinable!(composite_score -> kecamatan (kecamatan_code));
diesel::joinable!(composite_score -> report (report_id));

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
